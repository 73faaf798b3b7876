//! The list path of `dhr.assess_frame` (a pandas frame whose columns Arrow
//! cannot hold, or pandas without pyarrow; the Arrow path is
//! [`crate::arrow`]): whole columns (Python lists) in, whole columns out.
//! The cells are converted here (pure conversion, into [`flat::Cell`]s); the
//! columns, the rows' documents, the milestones and their errors are
//! dhr-core's [`flat`] schema, read and assessed with the GIL released.

use crate::assess::{on_error_arg, options, par_map, AnswerOrError};
use crate::cells::{text, Identity};
use crate::convert::{to_value, ConvError, ConvResult};
use crate::errors::{guard, internal};
use dhr_core::eligibility::{self, AssessOptions, MissingFact};
use dhr_core::flat::{self, Cell, Row, ASSESS_COLUMNS, TIMELINESS_COLUMNS};
use dhr_core::{Error, ErrorCode};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;
use std::collections::HashMap;

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

/// A cell as converted from Python: its text, other values and errors are
/// held by its column.
#[derive(Clone, Copy)]
enum Stored {
    Missing,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(usize),
    Value(usize),
    Error(usize),
}

/// One column of an assessment frame, converted.
#[derive(Default)]
struct Cells {
    cells: Vec<Stored>,
    strings: Vec<String>,
    values: Vec<Value>,
    errors: Vec<Error>,
}

impl Cells {
    /// A cell that is not None, a bool, a small int, a float or a readable
    /// str, converted by the general conversion (or its error, with the
    /// column's document path).
    fn other(&mut self, cell: &Bound<'_, PyAny>, path: &str) -> PyResult<Stored> {
        Ok(match to_value(cell, path) {
            Ok(Value::Null) => Stored::Missing,
            Ok(v) => {
                self.values.push(v);
                Stored::Value(self.values.len() - 1)
            }
            Err(ConvError::Dhr(e)) => {
                self.errors.push(e);
                Stored::Error(self.errors.len() - 1)
            }
            Err(ConvError::Py(e)) => return Err(e),
        })
    }

    /// Convert a column. `raw`: the cells are as pandas holds them, a float
    /// NaN being a missing value; `None` if such a column holds a cell that
    /// is not None, a bool, an int, a float or a str (pd.NA, NaT, numpy
    /// scalars...), which the caller must normalise first.
    fn read<'py>(list: &Bound<'py, PyList>, raw: bool, path: &str) -> PyResult<Option<Cells>> {
        let mut col = Cells {
            cells: Vec::with_capacity(list.len()),
            ..Cells::default()
        };
        // A column holds the same few str objects many times over.
        let mut cache: Identity<'py, Option<usize>> = Identity::new();
        for cell in list.iter() {
            let stored = if cell.is_none() {
                Stored::Missing
            } else if let Ok(b) = cell.cast::<PyBool>() {
                Stored::Bool(b.is_true())
            } else if cell.cast::<PyString>().is_ok() {
                let strings = &mut col.strings;
                let read = cache.get(&cell, |c| {
                    text(c, |s| {
                        strings.push(s.to_owned());
                        Some(strings.len() - 1)
                    })
                });
                match read {
                    Some(i) => Stored::Str(i),
                    None => col.other(&cell, path)?, // not valid Unicode: its error
                }
            } else if let Ok(f) = cell.cast::<PyFloat>() {
                match f.value() {
                    x if raw && x.is_nan() => Stored::Missing, // pandas' missing value
                    x => Stored::Float(x),
                }
            } else if cell.cast::<PyInt>().is_ok() {
                match cell.extract::<i64>() {
                    Ok(n) => Stored::Int(n),
                    Err(_) => col.other(&cell, path)?,
                }
            } else if raw {
                return Ok(None);
            } else {
                col.other(&cell, path)?
            };
            col.cells.push(stored);
        }
        Ok(Some(col))
    }
}

/// One row of the converted columns (by [`ASSESS_COLUMNS`] index; `None`:
/// the column is absent).
struct FrameRow<'t> {
    columns: &'t [Option<Cells>],
    row: usize,
}

impl Row for FrameRow<'_> {
    fn cell(&self, column: usize) -> dhr_core::Result<Cell<'_>> {
        let Some(Some(col)) = self.columns.get(column) else {
            return Ok(Cell::Absent);
        };
        Ok(match col.cells.get(self.row) {
            None | Some(Stored::Missing) => Cell::Missing,
            Some(Stored::Bool(b)) => Cell::Bool(*b),
            Some(Stored::Int(n)) => Cell::Int(*n),
            Some(Stored::Float(x)) => Cell::Float(*x),
            Some(Stored::Str(i)) => col.strings.get(*i).map_or(Cell::Missing, |s| Cell::Str(s)),
            Some(Stored::Value(i)) => col.values.get(*i).map_or(Cell::Missing, Cell::Value),
            Some(Stored::Error(i)) => {
                return Err(col.errors.get(*i).cloned().unwrap_or_else(|| {
                    Error::new(ErrorCode::InvalidValue, "", "this cell could not be read")
                }))
            }
        })
    }
}

/// The part of an answer a frame returns: outcome, regime, missing facts,
/// reason codes, related review kinds.
type Summary = (
    eligibility::Outcome,
    eligibility::Regime,
    Vec<MissingFact>,
    Vec<&'static str>,
    Vec<&'static str>,
);

/// Read and assess one row (no Python involved: runs detached).
fn assess_row(row: &FrameRow<'_>, opts: &AssessOptions) -> AnswerOrError<Summary> {
    match guard(|| flat::read_death(row).and_then(|death| eligibility::assess(&death, opts))) {
        Ok(Ok(a)) => AnswerOrError::Answer((
            a.outcome,
            a.regime,
            a.missing,
            a.reasons.iter().map(|r| r.code().as_str()).collect(),
            a.related_reviews.iter().map(|r| r.kind.as_str()).collect(),
        )),
        Ok(Err(e)) => AnswerOrError::Error(flat::at_column(e)),
        Err(_) => AnswerOrError::Panic,
    }
}

/// Assess one death per row. `columns` maps column names (dhr-core's
/// [`ASSESS_COLUMNS`]) to lists of equal length `rows`; absent columns are
/// unknown. `raw` names the columns given as pandas holds them (a float NaN
/// is a missing value; see [`Cells::read`]).
///
/// Returns the lists `(outcome, regime, missing, reasons, related_reviews,
/// error_code, error_column, error_message, redo)`: the error lists hold a
/// failed row's error (its path naming the column) when
/// `on_error="return"`; `redo`,
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
    let (opts, raise, lists) = (|| -> ConvResult<_> {
        let mut lists = Vec::with_capacity(ASSESS_COLUMNS.len());
        for col in ASSESS_COLUMNS {
            let list = column(columns, col.name, rows)?;
            let raw = match (&list, raw) {
                (Some(_), Some(r)) if !r.is_none() => r.contains(col.name)?,
                _ => false,
            };
            lists.push(list.map(|l| (l, raw)));
        }
        Ok((
            options(dardr_commenced, susr_from)?,
            on_error_arg(on_error)?,
            lists,
        ))
    })()
    .map_err(|e| e.into_py(py))?;

    // Column by column into cells.
    let mut cols: Vec<Option<Cells>> = Vec::with_capacity(lists.len());
    for (col, list) in ASSESS_COLUMNS.iter().zip(&lists) {
        let Some((list, raw)) = list else {
            cols.push(None);
            continue;
        };
        match Cells::read(list, *raw, col.path)? {
            Some(cells) => cols.push(Some(cells)),
            None => {
                let empty = || PyList::empty(py).into_any();
                let redo = PyList::new(py, [col.name])?.into_any();
                let mut out: Vec<_> = (0..8).map(|_| empty()).collect();
                out.push(redo);
                return PyTuple::new(py, out);
            }
        }
    }
    drop(lists);
    let frame_rows: Vec<FrameRow<'_>> = (0..rows)
        .map(|row| FrameRow {
            columns: &cols,
            row,
        })
        .collect();
    // Typed answers: only the outcome, regime and missing facts are kept,
    // so the reasons are never written out as JSON.
    let answers = py.detach(|| {
        par_map(&frame_rows, |row| assess_row(row, &opts))
            .unwrap_or_else(|| frame_rows.iter().map(|_| AnswerOrError::Panic).collect())
    });
    drop(frame_rows);
    drop(cols);

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
    let mut reasons: Vec<Option<Bound<'py, PyList>>> = Vec::with_capacity(rows);
    let mut related: Vec<Option<Bound<'py, PyList>>> = Vec::with_capacity(rows);
    let mut errors: [Vec<Option<String>>; 3] = Default::default();
    for (row, answer) in answers.into_iter().enumerate() {
        let error = match answer {
            AnswerOrError::Answer((o, r, m, codes, kinds)) => {
                outcome.push(Some(name(o.as_str())));
                regime.push(Some(name(r.as_str())));
                missing.push(Some(if m.is_empty() {
                    PyList::empty(py)
                } else {
                    PyList::new(py, m.iter().map(|p| path(*p)))?
                }));
                reasons.push(Some(PyList::new(py, codes.iter().map(|c| name(c)))?));
                related.push(Some(PyList::new(py, kinds.iter().map(|c| name(c)))?));
                for e in &mut errors {
                    e.push(None);
                }
                continue;
            }
            AnswerOrError::Error(e) => e,
            AnswerOrError::Skipped | AnswerOrError::Panic => return Err(internal()),
        };
        if raise {
            return Err(crate::arrow::raise_at(py, &error, row));
        }
        outcome.push(None);
        regime.push(None);
        missing.push(None);
        reasons.push(None);
        related.push(None);
        errors[0].push(Some(error.code().as_str().to_string()));
        errors[1].push(Some(error.path().to_string()));
        errors[2].push(Some(error.message().to_string()));
    }
    let [code, column, message] = errors;
    PyTuple::new(
        py,
        [
            PyList::new(py, outcome)?.into_any(),
            PyList::new(py, regime)?.into_any(),
            PyList::new(py, missing)?.into_any(),
            PyList::new(py, reasons)?.into_any(),
            PyList::new(py, related)?.into_any(),
            PyList::new(py, code)?.into_any(),
            PyList::new(py, column)?.into_any(),
            PyList::new(py, message)?.into_any(),
            PyList::empty(py).into_any(),
        ],
    )
}

/// The path of an error of a frame's row as dhr-core names it: the column,
/// where the path is a column's field (`suspects[0].age` is `suspect_age`).
#[pyfunction]
fn at_column(path: &str) -> String {
    flat::at_column(Error::new(ErrorCode::InvalidValue, path, ""))
        .path()
        .to_string()
}

/// The dhr column (of `assess_frame` when `timeliness` is false, of
/// `timeliness_frame` otherwise) that `name` looks like a misspelling of.
#[pyfunction]
#[pyo3(signature = (name, *, timeliness = false))]
fn misspelt_column(name: &str, timeliness: bool) -> Option<&'static str> {
    if timeliness {
        flat::misspelt(name, TIMELINESS_COLUMNS.iter().map(|m| m.column))
    } else {
        flat::misspelt(name, ASSESS_COLUMNS.iter().map(|c| c.name))
    }
}

/// The connection class dhr-core maps a Home Office relationship value to
/// (`"Cohabitant"` is `household_member`), or None for a value that is not
/// one of the 18.
#[pyfunction]
fn home_office_connection(value: &str) -> Option<&'static str> {
    use dhr_core::case::{home_office_mapping, HomeOfficeRelationship};
    let r = HomeOfficeRelationship::ALL
        .iter()
        .find(|r| r.as_str() == value)?;
    home_office_mapping(*r).ok().map(|m| m.connection.as_str())
}

/// Add the column-wise entry points, and the names of the columns they
/// read (from dhr-core), to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add(
        "ASSESS_COLUMNS",
        PyTuple::new(py, ASSESS_COLUMNS.iter().map(|c| c.name))?,
    )?;
    m.add(
        "TIMELINESS_COLUMNS",
        PyTuple::new(py, TIMELINESS_COLUMNS.iter().map(|m| m.column))?,
    )?;
    m.add(
        "ASSESS_OUTPUT",
        PyTuple::new(py, flat::ASSESS_OUTPUT.iter().copied())?,
    )?;
    m.add(
        "ERROR_COLUMNS",
        PyTuple::new(py, flat::ERROR_COLUMNS.iter().copied())?,
    )?;
    m.add_function(wrap_pyfunction!(at_column, m)?)?;
    m.add_function(wrap_pyfunction!(home_office_connection, m)?)?;
    m.add_function(wrap_pyfunction!(misspelt_column, m)?)?;
    m.add_function(wrap_pyfunction!(assess_columns, m)?)?;
    Ok(())
}
