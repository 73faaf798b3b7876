//! Column-wise entry points behind `dhr.assess_frame` and
//! `dhr.timeliness_frame`: whole columns (Python lists) in, whole columns out.
//! The rows are turned into interchange documents here (pure conversion) and
//! assessed by dhr-core with the GIL released.

use crate::assess::{assess_values, on_error_arg, options, AnswerOrError};
use crate::calendar::count_arg;
use crate::convert::{date_from_py, date_to_py, opt_date_from_py, to_value, ConvError, ConvResult};
use crate::errors::{guard, internal, to_py};
use crate::rules::rules_arg;
use chrono::NaiveDate;
use dhr_core::deadlines::evaluate;
use dhr_core::json::{item, SCHEMA_VERSION};
use dhr_core::lifecycle::{Event, EventKind, Role, StatusOptions};
use dhr_core::rules::RuleSet;
use dhr_core::{Error, ErrorCode};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use serde_json::{Map, Value};

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

    let mut docs: Vec<Option<Value>> = Vec::with_capacity(rows);
    let mut failed: Vec<Option<Error>> = Vec::with_capacity(rows);
    for row in 0..rows {
        match row_document(&cols, row) {
            Ok(v) => {
                docs.push(Some(v));
                failed.push(None);
            }
            Err(ConvError::Py(e)) => return Err(e),
            Err(ConvError::Dhr(e)) if raise => return Err(to_py(py, &e.under(&item("", row)))),
            Err(ConvError::Dhr(e)) => {
                docs.push(None);
                failed.push(Some(e));
            }
        }
    }
    let answers = py.detach(|| assess_values(&docs, &opts));

    let outcome = PyList::empty(py);
    let regime = PyList::empty(py);
    let missing = PyList::empty(py);
    let errors = PyList::empty(py);
    for (row, (answer, conv)) in answers.into_iter().zip(failed).enumerate() {
        let error = match answer {
            AnswerOrError::Answer(v) => {
                outcome.append(v.get("outcome").and_then(Value::as_str))?;
                regime.append(v.get("regime").and_then(Value::as_str))?;
                let m: Vec<&str> = v
                    .get("missing")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                missing.append(m)?;
                errors.append(py.None())?;
                continue;
            }
            AnswerOrError::Error(e) => e,
            AnswerOrError::Skipped => conv.ok_or_else(internal)?,
            AnswerOrError::Panic => return Err(internal()),
        };
        if raise {
            return Err(to_py(py, &error.under(&item("", row))));
        }
        outcome.append(py.None())?;
        regime.append(py.None())?;
        missing.append(py.None())?;
        errors.append(to_py(py, &error).value(py))?;
    }
    PyTuple::new(
        py,
        [
            outcome.into_any(),
            regime.into_any(),
            missing.into_any(),
            errors.into_any(),
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
