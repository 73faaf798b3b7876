//! The fast path of reading a death: a Python dict read straight into a
//! [`Death`], with no JSON value in between, when every field is one whose
//! reading is unambiguous (a known key; None, a `str`, a `bool` or a small
//! `int`; valid). Anything else returns `None` and is read by the general
//! path (`convert::document` and `Death::from_value`), which gives the same
//! death or the exact error with its path: so the fast path only ever
//! accepts documents the general path reads the same way.

use chrono::NaiveDate;
use dhr_core::case::{
    AbuseIndicator, AgeBand, Connection, Death, Deceased, HomeOfficeRelationship, Manner, Nation,
    Suspect, MAX_AGE,
};
use dhr_core::json::{parse_date, SCHEMA_VERSION};
use dhr_core::Personal;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString};
use serde_json::Map;

/// A `str` cell read by `f` (`None`: not a str, or `f` refused it).
pub fn text<T>(cell: &Bound<'_, PyAny>, f: impl FnOnce(&str) -> Option<T>) -> Option<T> {
    let s = cell.cast::<PyString>().ok()?;
    f(&s.to_cow().ok()?)
}

/// A `bool`.
pub fn flag(cell: &Bound<'_, PyAny>) -> Option<bool> {
    cell.cast::<PyBool>().ok().map(|b| b.is_true())
}

/// An `int` (not a bool) from 0 to `MAX_AGE`.
pub fn age(cell: &Bound<'_, PyAny>) -> Option<u32> {
    if cell.cast::<PyBool>().is_ok() || cell.cast::<PyInt>().is_err() {
        return None;
    }
    cell.extract::<u32>().ok().filter(|a| *a <= MAX_AGE)
}

/// An ISO date string in the supported range.
pub fn date(cell: &Bound<'_, PyAny>) -> Option<NaiveDate> {
    text(cell, |s| parse_date(s, "").ok())
}

/// `Some(None)` for None, `Some(Some(x))` when `read` accepts the value,
/// `None` (fall back) otherwise.
fn opt<T>(
    cell: &Bound<'_, PyAny>,
    read: impl FnOnce(&Bound<'_, PyAny>) -> Option<T>,
) -> Option<Option<T>> {
    if cell.is_none() {
        Some(None)
    } else {
        read(cell).map(Some)
    }
}

/// The keys and values of a dict whose keys are all `str`.
fn items<'py>(d: &Bound<'py, PyDict>) -> Option<Vec<(String, Bound<'py, PyAny>)>> {
    let mut out = Vec::with_capacity(d.len());
    for (k, v) in d.iter() {
        out.push((text(&k, |s| Some(s.to_string()))?, v));
    }
    Some(out)
}

fn deceased(obj: &Bound<'_, PyAny>) -> Option<Deceased> {
    let d = obj.cast::<PyDict>().ok()?;
    let mut out = Deceased::default();
    for (k, v) in items(d)? {
        match k.as_str() {
            "date_of_birth" => out.date_of_birth = opt(&v, date)?.map(Personal::new),
            "age" => out.age = opt(&v, age)?,
            "age_band" => out.age_band = opt(&v, |c| text(c, AgeBand::from_str))?,
            "care_and_support_needs" => out.care_and_support_needs = opt(&v, flag)?,
            _ => return None,
        }
    }
    Some(out)
}

fn suspect(obj: &Bound<'_, PyAny>) -> Option<Suspect> {
    let d = obj.cast::<PyDict>().ok()?;
    let mut out = Suspect::default();
    for (k, v) in items(d)? {
        match k.as_str() {
            "connection" => out.connection = opt(&v, |c| text(c, Connection::from_str))?,
            "home_office_relationship" => {
                out.home_office_relationship =
                    opt(&v, |c| text(c, HomeOfficeRelationship::from_str))?
            }
            "same_household" => out.same_household = opt(&v, flag)?,
            "age" => out.age = opt(&v, age)?,
            "abuse_suspected" => out.abuse_suspected = opt(&v, flag)?,
            _ => return None,
        }
    }
    Some(out)
}

/// A 6.1 death document given as a dict, read directly; `None`: use the
/// general path. The death is not validated here: `assess` validates it
/// first, with the same errors `Death::from_value` would give.
pub fn death(obj: &Bound<'_, PyAny>) -> Option<Death> {
    let d = obj.cast::<PyDict>().ok()?;
    let mut schema = false;
    let mut reference = None;
    let mut date_of_death = None;
    let mut notified_on = None;
    let mut nation = None;
    let mut the_deceased = None;
    let mut manner = None;
    let mut suspects = None;
    let mut abuse_indicators = Vec::new();
    for (k, v) in items(d)? {
        match k.as_str() {
            "schema_version" => {
                schema = v.cast::<PyBool>().is_err()
                    && v.cast::<PyInt>().is_ok()
                    && v.extract::<u64>().ok() == Some(SCHEMA_VERSION);
                if !schema {
                    return None;
                }
            }
            "reference" => reference = opt(&v, |c| text(c, |s| Some(s.to_string())))?,
            "date_of_death" => date_of_death = Some(date(&v)?),
            "notified_on" => notified_on = opt(&v, date)?,
            "nation" => nation = Some(text(&v, Nation::from_str)?),
            "deceased" => the_deceased = Some(deceased(&v)?),
            "manner" => manner = Some(text(&v, Manner::from_str)?),
            "suspects" => {
                let list = v.cast::<PyList>().ok()?;
                let mut out = Vec::with_capacity(list.len());
                for s in list.iter() {
                    out.push(suspect(&s)?);
                }
                suspects = Some(out);
            }
            "abuse_indicators" => {
                if !v.is_none() {
                    let list = v.cast::<PyList>().ok()?;
                    for a in list.iter() {
                        abuse_indicators.push(text(&a, AbuseIndicator::from_str)?);
                    }
                }
            }
            "extensions" if v.is_none() => {}
            _ => return None,
        }
    }
    if !schema {
        return None;
    }
    Some(Death {
        reference,
        date_of_death: date_of_death?,
        notified_on,
        nation: nation?,
        deceased: the_deceased?,
        manner: manner?,
        suspects: suspects?,
        abuse_indicators,
        extensions: Personal::new(Map::new()),
    })
}
