//! The fast path of reading a death: a Python dict read straight into a
//! [`Death`], with no JSON value in between, when every field is one whose
//! reading is unambiguous (a known key; None, a `str`, a `bool` or a small
//! `int`; valid). Anything else returns `None` and is read by the general
//! path (`convert::document` and `Death::from_value`), which gives the same
//! death or the exact error with its path: so the fast path only ever
//! accepts documents the general path reads the same way.
//!
//! A [`Reader`] remembers what it read from each `str` object (keys and
//! names), so a batch whose documents share their key and value objects (as
//! literals and values taken from one table do) reads each text once.

use crate::cells::{flag, text, whole, Identity};
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

/// The keys of a 6.1 document the fast path knows, at every level.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    SchemaVersion,
    Reference,
    DateOfDeath,
    NotifiedOn,
    Nation,
    Deceased,
    Manner,
    Suspects,
    AbuseIndicators,
    Extensions,
    DateOfBirth,
    Age,
    AgeBand,
    CareAndSupportNeeds,
    Connection,
    HomeOfficeRelationship,
    SameHousehold,
    AbuseSuspected,
}

impl Key {
    fn from_str(s: &str) -> Option<Key> {
        Some(match s {
            "schema_version" => Key::SchemaVersion,
            "reference" => Key::Reference,
            "date_of_death" => Key::DateOfDeath,
            "notified_on" => Key::NotifiedOn,
            "nation" => Key::Nation,
            "deceased" => Key::Deceased,
            "manner" => Key::Manner,
            "suspects" => Key::Suspects,
            "abuse_indicators" => Key::AbuseIndicators,
            "extensions" => Key::Extensions,
            "date_of_birth" => Key::DateOfBirth,
            "age" => Key::Age,
            "age_band" => Key::AgeBand,
            "care_and_support_needs" => Key::CareAndSupportNeeds,
            "connection" => Key::Connection,
            "home_office_relationship" => Key::HomeOfficeRelationship,
            "same_household" => Key::SameHousehold,
            "abuse_suspected" => Key::AbuseSuspected,
            _ => return None,
        })
    }
}

/// An ISO date string in the supported range.
pub fn date(cell: &Bound<'_, PyAny>) -> Option<NaiveDate> {
    text(cell, |s| parse_date(s, "").ok())
}

/// An `int` (not a bool) from 0 to `MAX_AGE`.
fn age(cell: &Bound<'_, PyAny>) -> Option<u32> {
    whole(cell, MAX_AGE)
}

/// `Some(None)` for None, `Some(Some(x))` when `read` accepts the value,
/// `None` (fall back) otherwise.
fn opt<'py, T>(
    cell: &Bound<'py, PyAny>,
    read: impl FnOnce(&Bound<'py, PyAny>) -> Option<T>,
) -> Option<Option<T>> {
    if cell.is_none() {
        Some(None)
    } else {
        read(cell).map(Some)
    }
}

/// Reads dicts into deaths, remembering what each `str` object read as.
pub struct Reader<'py> {
    keys: Identity<'py, Option<Key>>,
    nation: Identity<'py, Option<Nation>>,
    manner: Identity<'py, Option<Manner>>,
    age_band: Identity<'py, Option<AgeBand>>,
    connection: Identity<'py, Option<Connection>>,
    home_office: Identity<'py, Option<HomeOfficeRelationship>>,
    abuse: Identity<'py, Option<AbuseIndicator>>,
}

/// A name read through `cache` (a `str` only).
fn named<'py, T: Copy>(
    cache: &mut Identity<'py, Option<T>>,
    cell: &Bound<'py, PyAny>,
    from_str: fn(&str) -> Option<T>,
) -> Option<T> {
    if cell.cast::<PyString>().is_err() {
        return None;
    }
    cache.get(cell, |c| text(c, from_str))
}

impl<'py> Reader<'py> {
    /// A reader with nothing remembered.
    pub fn new() -> Self {
        Reader {
            keys: Identity::new(),
            nation: Identity::new(),
            manner: Identity::new(),
            age_band: Identity::new(),
            connection: Identity::new(),
            home_office: Identity::new(),
            abuse: Identity::new(),
        }
    }

    /// The key (a known `str`), or `None`.
    fn key(&mut self, k: &Bound<'py, PyAny>) -> Option<Key> {
        named(&mut self.keys, k, Key::from_str)
    }

    fn deceased(&mut self, obj: &Bound<'py, PyAny>) -> Option<Deceased> {
        let d = obj.cast::<PyDict>().ok()?;
        let mut out = Deceased::default();
        for (k, v) in d.iter() {
            match self.key(&k)? {
                Key::DateOfBirth => out.date_of_birth = opt(&v, date)?.map(Personal::new),
                Key::Age => out.age = opt(&v, age)?,
                Key::AgeBand => {
                    out.age_band = opt(&v, |c| named(&mut self.age_band, c, AgeBand::from_str))?
                }
                Key::CareAndSupportNeeds => out.care_and_support_needs = opt(&v, flag)?,
                _ => return None,
            }
        }
        Some(out)
    }

    fn suspect(&mut self, obj: &Bound<'py, PyAny>) -> Option<Suspect> {
        let d = obj.cast::<PyDict>().ok()?;
        let mut out = Suspect::default();
        for (k, v) in d.iter() {
            match self.key(&k)? {
                Key::Connection => {
                    out.connection =
                        opt(&v, |c| named(&mut self.connection, c, Connection::from_str))?
                }
                Key::HomeOfficeRelationship => {
                    out.home_office_relationship = opt(&v, |c| {
                        named(&mut self.home_office, c, HomeOfficeRelationship::from_str)
                    })?
                }
                Key::SameHousehold => out.same_household = opt(&v, flag)?,
                Key::Age => out.age = opt(&v, age)?,
                Key::AbuseSuspected => out.abuse_suspected = opt(&v, flag)?,
                _ => return None,
            }
        }
        Some(out)
    }

    /// A 6.1 death document given as a dict, read directly; `None`: use the
    /// general path. The death is not validated here: `assess` validates it
    /// first, with the same errors `Death::from_value` would give.
    pub fn death(&mut self, obj: &Bound<'py, PyAny>) -> Option<Death> {
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
        for (k, v) in d.iter() {
            match self.key(&k)? {
                Key::SchemaVersion => {
                    schema = v.cast::<PyBool>().is_err()
                        && v.cast::<PyInt>().is_ok()
                        && v.extract::<u64>().ok() == Some(SCHEMA_VERSION);
                    if !schema {
                        return None;
                    }
                }
                Key::Reference => reference = opt(&v, |c| text(c, |s| Some(s.to_string())))?,
                Key::DateOfDeath => date_of_death = Some(date(&v)?),
                Key::NotifiedOn => notified_on = opt(&v, date)?,
                Key::Nation => nation = Some(named(&mut self.nation, &v, Nation::from_str)?),
                Key::Deceased => the_deceased = Some(self.deceased(&v)?),
                Key::Manner => manner = Some(named(&mut self.manner, &v, Manner::from_str)?),
                Key::Suspects => {
                    let list = v.cast::<PyList>().ok()?;
                    let mut out = Vec::with_capacity(list.len());
                    for s in list.iter() {
                        out.push(self.suspect(&s)?);
                    }
                    suspects = Some(out);
                }
                Key::AbuseIndicators => {
                    if !v.is_none() {
                        let list = v.cast::<PyList>().ok()?;
                        for a in list.iter() {
                            abuse_indicators.push(named(
                                &mut self.abuse,
                                &a,
                                AbuseIndicator::from_str,
                            )?);
                        }
                    }
                }
                Key::Extensions if v.is_none() => {}
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
}
