//! Column-wise entry points behind `dhr.assess_frame` and
//! `dhr.timeliness_frame`: whole columns (Python lists) in, whole columns out.
//! The rows are turned into interchange documents here (pure conversion) and
//! assessed by dhr-core with the GIL released.

use crate::assess::{on_error_arg, options, par_map, AnswerOrError, Input};
use crate::calendar::count_arg;
use crate::convert::{date_from_py, date_to_py, opt_date_from_py, to_value, ConvError, ConvResult};
use crate::errors::{guard, internal, to_py};
use crate::rules::rules_arg;
use chrono::NaiveDate;
use dhr_core::case::{
    AgeBand, Connection, Death, Deceased, HomeOfficeRelationship, Manner, Nation, Suspect, MAX_AGE,
};
use dhr_core::deadlines::evaluate;
use dhr_core::eligibility;
use dhr_core::json::{item, parse_date, SCHEMA_VERSION};
use dhr_core::lifecycle::{Event, EventKind, Role, StatusOptions};
use dhr_core::rules::RuleSet;
use dhr_core::Personal;
use dhr_core::{Error, ErrorCode};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Where each column of an assessment frame goes in the 6.1 document.
/// (`suspects[0]` is the frame's one suspect.)
const ASSESS_COLUMNS: &[(&str, Place)] = &[
    ("reference", Place::Top("reference")),
    ("date_of_death", Place::Top("date_of_death")),
    ("notified_on", Place::Top("notified_on")),
    ("nation", Place::Top("nation")),
    ("manner", Place::Top("manner")),
    ("date_of_birth", Place::Deceased("date_of_birth")),
    ("age", Place::Deceased("age")),
    ("age_band", Place::Deceased("age_band")),
    (
        "care_and_support_needs",
        Place::Deceased("care_and_support_needs"),
    ),
    ("connection", Place::Suspect("connection")),
    (
        "home_office_relationship",
        Place::Suspect("home_office_relationship"),
    ),
    ("same_household", Place::Suspect("same_household")),
    ("suspect_age", Place::Suspect("age")),
    ("abuse_suspected", Place::Suspect("abuse_suspected")),
];

#[derive(Clone, Copy)]
enum Place {
    Top(&'static str),
    Deceased(&'static str),
    Suspect(&'static str),
}

fn column<'py>(
    columns: &Bound<'py, PyDict>,
    name: &str,
    rows: usize,
) -> ConvResult<Option<Bound<'py, PyList>>> {
    let Some(col) = columns.get_item(name)? else {
        return Ok(None);
    };
    let list = col
        .cast_into::<PyList>()
        .map_err(|_| Error::new(ErrorCode::InvalidValue, name, "a column must be a list"))?;
    if list.len() != rows {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            name,
            "the columns must all have the same length",
        )
        .into());
    }
    Ok(Some(list))
}

fn row_document(cols: &[(Place, Bound<'_, PyList>)], row: usize) -> ConvResult<Value> {
    let mut top = Map::new();
    let mut deceased = Map::new();
    let mut suspect = Map::new();
    top.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
    for (place, list) in cols {
        let cell = list.get_item(row)?;
        match *place {
            Place::Top(key) => {
                top.insert(key.into(), to_value(&cell, key)?);
            }
            Place::Deceased(key) => {
                deceased.insert(key.into(), to_value(&cell, &format!("deceased.{key}"))?);
            }
            Place::Suspect(key) => {
                suspect.insert(key.into(), to_value(&cell, &format!("suspects[0].{key}"))?);
            }
        }
    }
    // An absent or empty `manner` is the format's own "unknown".
    if top.get("manner").is_none_or(Value::is_null) {
        top.insert("manner".into(), Value::from("unknown"));
    }
    top.insert("deceased".into(), Value::Object(deceased));
    top.insert(
        "suspects".into(),
        Value::Array(vec![Value::Object(suspect)]),
    );
    Ok(Value::Object(top))
}

/// The fast path of a row: read straight into a [`Death`] when every cell
/// is one whose reading is unambiguous (None, a `str`, a `bool`, a small
/// `int`) and valid. `None` sends the row down the general path (a 6.1
/// document read by `Death::from_value`), which gives the same death, or the
/// exact error with its path, for everything else.
fn fast_death(cols: &[(Place, Bound<'_, PyList>)], row: usize) -> PyResult<Option<Death>> {
    fn text<T>(cell: &Bound<'_, PyAny>, f: impl FnOnce(&str) -> Option<T>) -> Option<T> {
        let s = cell.cast::<PyString>().ok()?;
        f(&s.to_cow().ok()?)
    }
    fn flag(cell: &Bound<'_, PyAny>) -> Option<bool> {
        cell.cast::<PyBool>().ok().map(|b| b.is_true())
    }
    fn age(cell: &Bound<'_, PyAny>) -> Option<u32> {
        if cell.cast::<PyBool>().is_ok() || cell.cast::<PyInt>().is_err() {
            return None;
        }
        cell.extract::<u32>().ok().filter(|a| *a <= MAX_AGE)
    }
    fn date(cell: &Bound<'_, PyAny>) -> Option<NaiveDate> {
        text(cell, |s| parse_date(s, "").ok())
    }
    let mut reference = None;
    let mut date_of_death = None;
    let mut notified_on = None;
    let mut nation = None;
    let mut manner = Manner::Unknown; // an empty manner is "unknown"
    let mut deceased = Deceased::default();
    let mut suspect = Suspect::default();
    for (place, list) in cols {
        let cell = list.get_item(row)?;
        if cell.is_none() {
            continue; // unknown: the field's default
        }
        let ok = match *place {
            Place::Top("reference") => text(&cell, |s| Some(s.to_string()))
                .map(|r| reference = Some(r))
                .is_some(),
            Place::Top("date_of_death") => date(&cell).map(|d| date_of_death = Some(d)).is_some(),
            Place::Top("notified_on") => date(&cell).map(|d| notified_on = Some(d)).is_some(),
            Place::Top("nation") => text(&cell, Nation::from_str)
                .map(|n| nation = Some(n))
                .is_some(),
            Place::Top("manner") => text(&cell, Manner::from_str).map(|m| manner = m).is_some(),
            Place::Deceased("date_of_birth") => date(&cell)
                .map(|d| deceased.date_of_birth = Some(Personal::new(d)))
                .is_some(),
            Place::Deceased("age") => age(&cell).map(|a| deceased.age = Some(a)).is_some(),
            Place::Deceased("age_band") => text(&cell, AgeBand::from_str)
                .map(|b| deceased.age_band = Some(b))
                .is_some(),
            Place::Deceased("care_and_support_needs") => flag(&cell)
                .map(|b| deceased.care_and_support_needs = Some(b))
                .is_some(),
            Place::Suspect("connection") => text(&cell, Connection::from_str)
                .map(|c| suspect.connection = Some(c))
                .is_some(),
            Place::Suspect("home_office_relationship") => {
                text(&cell, HomeOfficeRelationship::from_str)
                    .map(|h| suspect.home_office_relationship = Some(h))
                    .is_some()
            }
            Place::Suspect("same_household") => flag(&cell)
                .map(|b| suspect.same_household = Some(b))
                .is_some(),
            Place::Suspect("age") => age(&cell).map(|a| suspect.age = Some(a)).is_some(),
            Place::Suspect("abuse_suspected") => flag(&cell)
                .map(|b| suspect.abuse_suspected = Some(b))
                .is_some(),
            _ => false,
        };
        if !ok {
            return Ok(None);
        }
    }
    let (Some(date_of_death), Some(nation)) = (date_of_death, nation) else {
        return Ok(None); // a missing required field: the general path says so
    };
    Ok(Some(Death {
        reference,
        date_of_death,
        notified_on,
        nation,
        deceased,
        manner,
        suspects: vec![suspect],
        abuse_indicators: Vec::new(),
        extensions: Personal::new(Map::new()),
    }))
}

/// Assess one death per row. `columns` maps column names to lists of equal
/// length `rows`; absent columns are unknown. Returns the lists
/// `(outcome, regime, missing, error)`, `error` holding the exception of a
/// failed row when `on_error="return"`.
#[pyfunction]
#[pyo3(signature = (columns, rows, *, dardr_commenced = None, susr_from = None, on_error = None))]
fn assess_columns<'py>(
    py: Python<'py>,
    columns: &Bound<'py, PyDict>,
    rows: usize,
    dardr_commenced: Option<&Bound<'py, PyAny>>,
    susr_from: Option<&Bound<'py, PyAny>>,
    on_error: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let (opts, raise, cols) = (|| -> ConvResult<_> {
        let mut cols = Vec::new();
        for (name, place) in ASSESS_COLUMNS {
            if let Some(list) = column(columns, name, rows)? {
                cols.push((*place, list));
            }
        }
        Ok((
            options(dardr_commenced, susr_from)?,
            on_error_arg(on_error)?,
            cols,
        ))
    })()
    .map_err(|e| e.into_py(py))?;

    let mut docs: Vec<Input> = Vec::with_capacity(rows);
    let mut failed: Vec<Option<Error>> = Vec::with_capacity(rows);
    for row in 0..rows {
        if let Some(death) = fast_death(&cols, row)? {
            docs.push(Input::Death(death));
            failed.push(None);
            continue;
        }
        match row_document(&cols, row) {
            Ok(v) => {
                docs.push(Input::Document(v));
                failed.push(None);
            }
            Err(ConvError::Py(e)) => return Err(e),
            Err(ConvError::Dhr(e)) if raise => return Err(to_py(py, &e.under(&item("", row)))),
            Err(ConvError::Dhr(e)) => {
                docs.push(Input::Failed);
                failed.push(Some(e));
            }
        }
    }
    // Typed answers: only the outcome, regime and missing facts are kept,
    // so the reasons are never written out as JSON.
    let answers = py.detach(|| {
        par_map(&docs, |doc| {
            let answer = match doc {
                Input::Death(death) => guard(|| eligibility::assess(death, &opts)),
                Input::Document(v) => guard(|| {
                    Death::from_value(v).and_then(|death| eligibility::assess(&death, &opts))
                }),
                Input::Failed => return AnswerOrError::Skipped,
            };
            match answer {
                Ok(Ok(a)) => AnswerOrError::Answer((a.outcome, a.regime, a.missing)),
                Ok(Err(e)) => AnswerOrError::Error(e),
                Err(_) => AnswerOrError::Panic,
            }
        })
        .unwrap_or_else(|| docs.iter().map(|_| AnswerOrError::Panic).collect())
    });

    // The same few strings recur in every row: one Python string each.
    let mut strings: HashMap<String, Bound<'py, PyString>> = HashMap::new();
    let mut string = |s: &str| -> Bound<'py, PyString> {
        match strings.get(s) {
            Some(p) => p.clone(),
            None => {
                let p = PyString::new(py, s);
                strings.insert(s.to_string(), p.clone());
                p
            }
        }
    };
    let mut outcome: Vec<Option<Bound<'py, PyString>>> = Vec::with_capacity(rows);
    let mut regime: Vec<Option<Bound<'py, PyString>>> = Vec::with_capacity(rows);
    let mut missing: Vec<Option<Bound<'py, PyList>>> = Vec::with_capacity(rows);
    let mut errors: Vec<Option<Py<PyAny>>> = Vec::with_capacity(rows);
    for (row, (answer, conv)) in answers.into_iter().zip(failed).enumerate() {
        let error = match answer {
            AnswerOrError::Answer((o, r, m)) => {
                outcome.push(Some(string(o.as_str())));
                regime.push(Some(string(r.as_str())));
                let paths: Vec<Bound<'py, PyString>> =
                    m.iter().map(|p| string(&p.to_string())).collect();
                missing.push(Some(PyList::new(py, paths)?));
                errors.push(None);
                continue;
            }
            AnswerOrError::Error(e) => e,
            AnswerOrError::Skipped => conv.ok_or_else(internal)?,
            AnswerOrError::Panic => return Err(internal()),
        };
        if raise {
            return Err(to_py(py, &error.under(&item("", row))));
        }
        outcome.push(None);
        regime.push(None);
        missing.push(None);
        errors.push(Some(
            to_py(py, &error).value(py).clone().into_any().unbind(),
        ));
    }
    PyTuple::new(
        py,
        [
            PyList::new(py, outcome)?.into_any(),
            PyList::new(py, regime)?.into_any(),
            PyList::new(py, missing)?.into_any(),
            PyList::new(py, errors)?.into_any(),
        ],
    )
}

/// The milestone columns of a timeliness frame, in lifecycle order, with the
/// event each one records.
const TIMELINESS_COLUMNS: &[&str] = &[
    "notified_on",
    "decided_on",
    "terms_of_reference_on",
    "submitted_on",
];

fn milestone(column: usize, on: NaiveDate) -> Event {
    let (by, kind) = match column {
        0 => (Role::Police, EventKind::Notified),
        1 => (
            Role::Csp,
            EventKind::Decided {
                review: true,
                reasons: None,
            },
        ),
        2 => (
            Role::Chair,
            EventKind::TermsOfReferenceAgreed {
                look_back_from: None,
            },
        ),
        _ => (Role::Csp, EventKind::SubmittedToHomeOffice),
    };
    Event { on, by, kind }
}

/// One review's milestones as events, refusing dates out of lifecycle order.
fn row_events(
    cols: &[(usize, Bound<'_, PyList>)],
    row: usize,
) -> ConvResult<(Vec<Event>, Vec<&'static str>)> {
    let mut events = Vec::new();
    let mut names: Vec<&'static str> = Vec::new();
    for (column, list) in cols {
        let name = TIMELINESS_COLUMNS.get(*column).copied().unwrap_or("");
        let cell = list.get_item(row)?;
        let Some(on) = opt_date_from_py(Some(&cell), name)? else {
            continue;
        };
        if events.last().is_some_and(|e: &Event| e.on > on) {
            return Err(Error::new(
                ErrorCode::EventOutOfOrder,
                name,
                format!(
                    "this date is before {}: the milestones are notified_on, decided_on, \
                     terms_of_reference_on, submitted_on, in that order",
                    names.last().copied().unwrap_or("an earlier milestone")
                ),
            )
            .into());
        }
        events.push(milestone(*column, on));
        names.push(name);
    }
    Ok((events, names))
}

/// Each review's deadlines as of `as_of`, one review per row. `columns` maps
/// `notified_on`, `decided_on` (a decision to review),
/// `terms_of_reference_on` and `submitted_on` to lists of dates (None: not
/// happened). Returns `{rule: (due, status, days_late)}` in the rule set's
/// order.
#[pyfunction]
#[pyo3(signature = (columns, rows, *, as_of, rules = None, due_soon_days = None))]
fn timeliness_columns<'py>(
    py: Python<'py>,
    columns: &Bound<'py, PyDict>,
    rows: usize,
    as_of: &Bound<'py, PyAny>,
    rules: Option<&Bound<'py, PyAny>>,
    due_soon_days: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let (rules, as_of, due_soon, logs) = (|| -> ConvResult<_> {
        let rules = match rules.filter(|r| !r.is_none()) {
            None => RuleSet::builtin("stockton_2011")?,
            Some(r) => rules_arg(r, "rules")?,
        };
        let as_of = date_from_py(as_of, "as_of")?;
        let due_soon = match due_soon_days.filter(|d| !d.is_none()) {
            None => StatusOptions::default().due_soon_days,
            Some(d) => count_arg(d, "due_soon_days")?,
        };
        let mut cols = Vec::new();
        for (i, name) in TIMELINESS_COLUMNS.iter().enumerate() {
            if let Some(list) = column(columns, name, rows)? {
                cols.push((i, list));
            }
        }
        let mut logs = Vec::with_capacity(rows);
        for row in 0..rows {
            logs.push(row_events(&cols, row).map_err(|e| e.under(&item("", row)))?);
        }
        Ok((rules, as_of, due_soon, logs))
    })()
    .map_err(|e| e.into_py(py))?;

    let results = py
        .detach(|| {
            guard(|| {
                logs.iter()
                    .enumerate()
                    .map(|(row, (events, names))| {
                        evaluate(&rules, events, as_of, due_soon).map_err(|e| {
                            // Name the column rather than the synthetic event.
                            let column = names
                                .iter()
                                .enumerate()
                                .find(|(i, _)| e.path().starts_with(&format!("events[{i}]")))
                                .map(|(_, n)| *n)
                                .unwrap_or("");
                            Error::new(e.code(), column, e.message()).under(&item("", row))
                        })
                    })
                    .collect::<Result<Vec<_>, Error>>()
            })
        })?
        .map_err(|e| to_py(py, &e))?;

    let out = PyDict::new(py);
    for (r, rule) in rules.rules().iter().enumerate() {
        let due = PyList::empty(py);
        let status = PyList::empty(py);
        let late = PyList::empty(py);
        for deadlines in &results {
            let d = deadlines.get(r).ok_or_else(internal)?;
            match d.due {
                Some(date) => due.append(date_to_py(py, date)?)?,
                None => due.append(py.None())?,
            }
            status.append(d.status.as_str())?;
            late.append(d.days_late)?;
        }
        out.set_item(
            &rule.id,
            PyTuple::new(py, [due.into_any(), status.into_any(), late.into_any()])?,
        )?;
    }
    Ok(out)
}

/// Add the column-wise entry points to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(assess_columns, m)?)?;
    m.add_function(wrap_pyfunction!(timeliness_columns, m)?)?;
    Ok(())
}
