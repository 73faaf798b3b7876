//! Column-wise entry points behind `dhr.assess_frame` and
//! `dhr.timeliness_frame`: whole columns (Python lists) in, whole columns out.
//! The rows are read here (pure conversion) and assessed by dhr-core with
//! the GIL released.

use crate::assess::{on_error_arg, options, par_map, AnswerOrError};
use crate::calendar::count_arg;
use crate::cells::{flag, text, whole, Identity};
use crate::convert::{date_from_py, date_to_py, opt_date_from_py, to_value, ConvError, ConvResult};
use crate::errors::{guard, internal, to_py};
use crate::rules::rules_arg;
use chrono::NaiveDate;
use dhr_core::case::{
    AgeBand, Connection, Death, Deceased, HomeOfficeRelationship, Manner, Nation, Suspect, MAX_AGE,
};
use dhr_core::deadlines::evaluate;
use dhr_core::eligibility::{self, AssessOptions, MissingFact};
use dhr_core::json::{item, parse_date, SCHEMA_VERSION};
use dhr_core::lifecycle::{Event, EventKind, Role, StatusOptions};
use dhr_core::rules::RuleSet;
use dhr_core::Personal;
use dhr_core::{Error, ErrorCode};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The columns of an assessment frame: where each goes in the 6.1 document
/// (`suspects[0]` is the frame's one suspect), and the fact it holds.
const ASSESS_COLUMNS: &[(&str, Place, Field)] = &[
    ("reference", Place::Top("reference"), Field::Reference),
    (
        "date_of_death",
        Place::Top("date_of_death"),
        Field::DateOfDeath,
    ),
    ("notified_on", Place::Top("notified_on"), Field::NotifiedOn),
    ("nation", Place::Top("nation"), Field::Nation),
    ("manner", Place::Top("manner"), Field::Manner),
    (
        "date_of_birth",
        Place::Deceased("date_of_birth"),
        Field::DateOfBirth,
    ),
    ("age", Place::Deceased("age"), Field::Age),
    ("age_band", Place::Deceased("age_band"), Field::AgeBand),
    (
        "care_and_support_needs",
        Place::Deceased("care_and_support_needs"),
        Field::Care,
    ),
    (
        "connection",
        Place::Suspect("connection"),
        Field::Connection,
    ),
    (
        "home_office_relationship",
        Place::Suspect("home_office_relationship"),
        Field::HomeOffice,
    ),
    (
        "same_household",
        Place::Suspect("same_household"),
        Field::SameHousehold,
    ),
    ("suspect_age", Place::Suspect("age"), Field::SuspectAge),
    (
        "abuse_suspected",
        Place::Suspect("abuse_suspected"),
        Field::Abuse,
    ),
];

#[derive(Clone, Copy)]
enum Place {
    Top(&'static str),
    Deceased(&'static str),
    Suspect(&'static str),
}

#[derive(Clone, Copy)]
enum Field {
    Reference,
    DateOfDeath,
    NotifiedOn,
    Nation,
    Manner,
    DateOfBirth,
    Age,
    AgeBand,
    Care,
    Connection,
    HomeOffice,
    SameHousehold,
    SuspectAge,
    Abuse,
}

/// One column of an assessment frame, as handed over.
struct Column<'py> {
    name: &'static str,
    place: Place,
    field: Field,
    list: Bound<'py, PyList>,
    /// The column's cells as pandas holds them (`raw`): a float NaN is a
    /// missing value, like None; a cell that is not None, a bool, an int, a
    /// float or a str (pd.NA, NaT, numpy scalars...) must be normalised by
    /// the caller first (see `assess_columns`).
    raw: bool,
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

/// A cell of a raw column that is a missing value (None or a float NaN).
fn raw_missing(cell: &Bound<'_, PyAny>) -> bool {
    cell.is_none() || cell.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan())
}

/// The general path of a row: its 6.1 document, read by `Death::from_value`.
fn row_document(cols: &[Column<'_>], row: usize) -> ConvResult<Value> {
    let mut top = Map::new();
    let mut deceased = Map::new();
    let mut suspect = Map::new();
    top.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
    for col in cols {
        let cell = col.list.get_item(row)?;
        let value = |path: &str| -> ConvResult<Value> {
            if col.raw && raw_missing(&cell) {
                Ok(Value::Null)
            } else {
                to_value(&cell, path)
            }
        };
        match col.place {
            Place::Top(key) => {
                top.insert(key.into(), value(key)?);
            }
            Place::Deceased(key) => {
                deceased.insert(key.into(), value(&format!("deceased.{key}"))?);
            }
            Place::Suspect(key) => {
                suspect.insert(key.into(), value(&format!("suspects[0].{key}"))?);
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

/// A row read on the fast path: every cell None or one whose reading is
/// unambiguous (a `str`, a `bool`, a small `int`) and valid. `general`: some
/// cell is not, and the row goes the general path (its 6.1 document read by
/// `Death::from_value`), which gives the same death, or the exact error
/// with its path, for everything else.
#[derive(Default)]
struct Facts {
    date_of_death: Option<NaiveDate>,
    notified_on: Option<NaiveDate>,
    nation: Option<Nation>,
    manner: Option<Manner>,
    deceased: Deceased,
    suspect: Suspect,
    general: bool,
    /// A general row's 6.1 document (`None`: it could not be converted).
    document: Option<Box<Value>>,
}

impl Facts {
    /// The death, or `None` if a required field is missing (the general
    /// path says which). The reference is left out: it is only echoed in
    /// the answer, and a frame's answer does not return it (the general path
    /// has checked nothing else: `read_column` checked that it is text).
    fn death(&self) -> Option<Death> {
        Some(Death {
            reference: None,
            date_of_death: self.date_of_death?,
            notified_on: self.notified_on,
            nation: self.nation?,
            deceased: self.deceased.clone(),
            manner: self.manner.unwrap_or(Manner::Unknown), // empty: "unknown"
            suspects: vec![self.suspect.clone()],
            abuse_indicators: Vec::new(),
            extensions: Personal::new(Map::new()),
        })
    }
}

/// Read one column into the rows' facts: `Ok(false)` if a raw column holds
/// a cell the caller must normalise first.
fn read_column<'py>(col: &Column<'py>, facts: &mut [Facts]) -> PyResult<bool> {
    fn each<'py, T>(
        col: &Column<'py>,
        facts: &mut [Facts],
        mut read: impl FnMut(&Bound<'py, PyAny>) -> Option<T>,
        set: impl Fn(&mut Facts, T),
    ) -> bool {
        for (cell, f) in col.list.iter().zip(facts.iter_mut()) {
            if cell.is_none() {
                continue; // unknown: the field's default
            }
            if col.raw && cell.cast::<PyString>().is_err() {
                if let Ok(x) = cell.cast::<PyFloat>() {
                    if x.value().is_nan() {
                        continue; // pandas' missing value
                    }
                } else if cell.cast::<PyInt>().is_err() {
                    return false; // not None, a bool, an int, a float or a str
                }
            }
            if f.general {
                continue;
            }
            match read(&cell) {
                Some(v) => set(f, v),
                None => f.general = true,
            }
        }
        true
    }
    fn date(cell: &Bound<'_, PyAny>) -> Option<NaiveDate> {
        text(cell, |s| parse_date(s, "").ok())
    }
    fn named<'py, T: Copy>(
        from_str: fn(&str) -> Option<T>,
    ) -> impl FnMut(&Bound<'py, PyAny>) -> Option<T> {
        let mut cache = Identity::new();
        move |cell| {
            if cell.cast::<PyString>().is_err() {
                return None;
            }
            cache.get(cell, |c| text(c, from_str))
        }
    }
    Ok(match col.field {
        // Only checked (a str that can be read): see `Facts::death`.
        Field::Reference => each(col, facts, |c| text(c, |_| Some(())), |_, ()| {}),
        Field::DateOfDeath => each(col, facts, date, |f, d| f.date_of_death = Some(d)),
        Field::NotifiedOn => each(col, facts, date, |f, d| f.notified_on = Some(d)),
        Field::Nation => each(col, facts, named(Nation::from_str), |f, n| {
            f.nation = Some(n)
        }),
        Field::Manner => each(col, facts, named(Manner::from_str), |f, m| {
            f.manner = Some(m)
        }),
        Field::DateOfBirth => each(col, facts, date, |f, d| {
            f.deceased.date_of_birth = Some(Personal::new(d))
        }),
        Field::Age => each(
            col,
            facts,
            |c| whole(c, MAX_AGE),
            |f, a| f.deceased.age = Some(a),
        ),
        Field::AgeBand => each(col, facts, named(AgeBand::from_str), |f, b| {
            f.deceased.age_band = Some(b)
        }),
        Field::Care => each(col, facts, flag, |f, b| {
            f.deceased.care_and_support_needs = Some(b)
        }),
        Field::Connection => each(col, facts, named(Connection::from_str), |f, c| {
            f.suspect.connection = Some(c)
        }),
        Field::HomeOffice => each(
            col,
            facts,
            named(HomeOfficeRelationship::from_str),
            |f, h| f.suspect.home_office_relationship = Some(h),
        ),
        Field::SameHousehold => each(col, facts, flag, |f, b| f.suspect.same_household = Some(b)),
        Field::SuspectAge => each(
            col,
            facts,
            |c| whole(c, MAX_AGE),
            |f, a| f.suspect.age = Some(a),
        ),
        Field::Abuse => each(col, facts, flag, |f, b| f.suspect.abuse_suspected = Some(b)),
    })
}

/// The part of an answer a frame returns.
type Summary = (eligibility::Outcome, eligibility::Regime, Vec<MissingFact>);

/// Assess one row (no Python involved: runs detached).
fn assess_row(f: &Facts, opts: &AssessOptions) -> AnswerOrError<Summary> {
    let answer = if f.general {
        match &f.document {
            Some(v) => {
                guard(|| Death::from_value(v).and_then(|death| eligibility::assess(&death, opts)))
            }
            None => return AnswerOrError::Skipped,
        }
    } else {
        match f.death() {
            Some(death) => guard(|| eligibility::assess(&death, opts)),
            None => return AnswerOrError::Panic, // not reached: such rows are general
        }
    };
    match answer {
        Ok(Ok(a)) => AnswerOrError::Answer((a.outcome, a.regime, a.missing)),
        Ok(Err(e)) => AnswerOrError::Error(e),
        Err(_) => AnswerOrError::Panic,
    }
}

/// Assess one death per row. `columns` maps column names to lists of equal
/// length `rows`; absent columns are unknown. `raw` names the columns given
/// as pandas holds them (see [`Column::raw`]).
///
/// Returns the lists `(outcome, regime, missing, error, redo)`: `error`
/// holds the exception of a failed row when `on_error="return"`; `redo`,
/// when not empty, names raw columns holding a cell that must be normalised
/// by the caller (the other lists are then empty: call again).
#[pyfunction]
#[pyo3(signature = (columns, rows, *, raw = None, dardr_commenced = None, susr_from = None, on_error = None))]
#[allow(clippy::too_many_arguments)]
fn assess_columns<'py>(
    py: Python<'py>,
    columns: &Bound<'py, PyDict>,
    rows: usize,
    raw: Option<&Bound<'py, PyAny>>,
    dardr_commenced: Option<&Bound<'py, PyAny>>,
    susr_from: Option<&Bound<'py, PyAny>>,
    on_error: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let (opts, raise, cols) = (|| -> ConvResult<_> {
        let mut cols = Vec::new();
        for (name, place, field) in ASSESS_COLUMNS {
            if let Some(list) = column(columns, name, rows)? {
                let raw = match raw {
                    Some(r) if !r.is_none() => r.contains(*name)?,
                    _ => false,
                };
                cols.push(Column {
                    name,
                    place: *place,
                    field: *field,
                    list,
                    raw,
                });
            }
        }
        Ok((
            options(dardr_commenced, susr_from)?,
            on_error_arg(on_error)?,
            cols,
        ))
    })()
    .map_err(|e| e.into_py(py))?;

    // Column by column into the rows' facts.
    let mut facts: Vec<Facts> = std::iter::repeat_with(Facts::default).take(rows).collect();
    for col in &cols {
        if !read_column(col, &mut facts)? {
            let empty = || PyList::empty(py).into_any();
            let redo = PyList::new(py, [col.name])?.into_any();
            return PyTuple::new(py, [empty(), empty(), empty(), empty(), redo]);
        }
    }
    // The rows the fast path could not read, as 6.1 documents for the
    // general path; a row that cannot even be converted keeps its error.
    let mut failed: HashMap<usize, Error> = HashMap::new();
    for (row, f) in facts.iter_mut().enumerate() {
        if !f.general && f.date_of_death.is_some() && f.nation.is_some() {
            continue;
        }
        f.general = true; // a missing required field: the general path says so
        match row_document(&cols, row) {
            Ok(v) => f.document = Some(Box::new(v)),
            Err(ConvError::Py(e)) => return Err(e),
            Err(ConvError::Dhr(e)) if raise => return Err(to_py(py, &e.under(&item("", row)))),
            Err(ConvError::Dhr(e)) => {
                failed.insert(row, e);
            }
        }
    }
    // Typed answers: only the outcome, regime and missing facts are kept,
    // so the reasons are never written out as JSON.
    let answers = py.detach(|| {
        par_map(&facts, |f| assess_row(f, &opts))
            .unwrap_or_else(|| facts.iter().map(|_| AnswerOrError::Panic).collect())
    });
    drop(facts);

    // The same few strings recur in every row: one Python string each.
    let mut paths: HashMap<MissingFact, Bound<'py, PyString>> = HashMap::new();
    let mut path = |m: MissingFact| -> Bound<'py, PyString> {
        paths
            .entry(m)
            .or_insert_with(|| PyString::new(py, &m.to_string()))
            .clone()
    };
    let mut names: Vec<(&'static str, Bound<'py, PyString>)> = Vec::new();
    let mut name = |s: &'static str| -> Bound<'py, PyString> {
        if let Some((_, p)) = names.iter().find(|(n, _)| std::ptr::eq(*n, s)) {
            return p.clone();
        }
        let p = PyString::new(py, s);
        names.push((s, p.clone()));
        p
    };
    let mut outcome: Vec<Option<Bound<'py, PyString>>> = Vec::with_capacity(rows);
    let mut regime: Vec<Option<Bound<'py, PyString>>> = Vec::with_capacity(rows);
    let mut missing: Vec<Option<Bound<'py, PyList>>> = Vec::with_capacity(rows);
    let mut errors: Vec<Option<Py<PyAny>>> = Vec::with_capacity(rows);
    for (row, answer) in answers.into_iter().enumerate() {
        let error = match answer {
            AnswerOrError::Answer((o, r, m)) => {
                outcome.push(Some(name(o.as_str())));
                regime.push(Some(name(r.as_str())));
                missing.push(Some(if m.is_empty() {
                    PyList::empty(py)
                } else {
                    PyList::new(py, m.iter().map(|p| path(*p)))?
                }));
                errors.push(None);
                continue;
            }
            AnswerOrError::Error(e) => e,
            AnswerOrError::Skipped => failed.remove(&row).ok_or_else(internal)?,
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
            PyList::empty(py).into_any(),
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
