//! Arrow in, Arrow out: `dhr.assess_frame` and `dhr.timeliness_frame` over
//! any Arrow data (a pyarrow Table, RecordBatch or RecordBatchReader, a
//! polars DataFrame, any object with `__arrow_c_stream__` or
//! `__arrow_c_array__`), imported zero-copy through the Arrow PyCapsule
//! interface by `pyo3-arrow`.
//!
//! Conversions only: a cell of an Arrow column becomes a [`flat::Cell`];
//! the columns, the rows' documents, the milestones and every error are
//! dhr-core's [`flat`] schema. The answer comes back as the input's batches
//! with the answer's columns appended (the input's own columns are shared,
//! not copied).

use crate::assess::{on_error_arg, options, par_map, par_ranges};
use crate::calendar::count_arg;
use crate::convert::{date_from_py, ConvResult};
use crate::errors::{guard, internal, to_py};
use crate::rules::rules_arg;
use arrow_array::builder::Int64Builder;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Float64Type, Int64Type, Int8Type, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, DictionaryArray, Float64Array, Int64Array,
    Int8Array, LargeStringArray, ListArray, RecordBatch, StringArray, StringViewArray,
};
use arrow_buffer::{Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use chrono::NaiveDate;
use dhr_core::eligibility::{self, AssessOptions, Outcome, Regime};
use dhr_core::flat::{self, Cell, Row, ASSESS_COLUMNS, ASSESS_OUTPUT, ERROR_COLUMNS};
use dhr_core::lifecycle::StatusOptions;
use dhr_core::rules::RuleSet;
use dhr_core::DeadlineStatus;
use dhr_core::{Error, ErrorCode};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const EPOCH_DAYS_FROM_CE: i32 = 719_163;

fn epoch_date(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(EPOCH_DAYS_FROM_CE)?)
}

fn date_days(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - EPOCH_DAYS_FROM_CE
}

use chrono::Datelike;

/// One column of the input, ready to be read cell by cell (typed once, so
/// that a cell is read without looking at the column's type again).
enum Column {
    /// Text (an Arrow utf8, large utf8 or utf8 view column; a dictionary
    /// of text is unpacked to utf8 first).
    Text(StringArray),
    LargeText(LargeStringArray),
    ViewText(StringViewArray),
    Bool(BooleanArray),
    Int(Int64Array),
    Float(Float64Array),
    /// Dates, written once each as the document's `YYYY-MM-DD` text: the
    /// index of each row's text (None: missing), and the texts.
    Dates(Vec<Option<u32>>, Vec<String>),
    /// A list per row, as the JSON list the document holds.
    Lists(Vec<Option<Value>>),
    /// All missing.
    Null,
    /// A column of a type no dhr field can hold (or holding a date and
    /// time): every present cell is this error.
    Refused(ArrayRef, Error),
}

fn refuse(array: &ArrayRef, code: ErrorCode, path: &str, message: String) -> Column {
    Column::Refused(array.clone(), Error::new(code, path, message))
}

/// Index each distinct date once.
fn dates(days: impl Iterator<Item = Option<i32>>, path: &str) -> Result<Column, Error> {
    let mut seen: HashMap<i32, u32> = HashMap::new();
    let mut texts: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    for d in days {
        rows.push(match d {
            None => None,
            Some(d) => Some(match seen.get(&d) {
                Some(i) => *i,
                None => {
                    let date = epoch_date(d).ok_or_else(|| {
                        Error::new(ErrorCode::InvalidDate, path, "this date is out of range")
                    })?;
                    texts.push(date.format("%Y-%m-%d").to_string());
                    let i = u32::try_from(texts.len() - 1).unwrap_or(u32::MAX);
                    seen.insert(d, i);
                    i
                }
            }),
        });
    }
    Ok(Column::Dates(rows, texts))
}

impl Column {
    fn new(array: &ArrayRef, path: &str) -> Column {
        Self::try_new(array, path).unwrap_or_else(|e| Column::Refused(array.clone(), e))
    }

    fn try_new(array: &ArrayRef, path: &str) -> Result<Column, Error> {
        let cast = |to: &DataType| {
            arrow_cast::cast(array, to)
                .map_err(|e| Error::new(ErrorCode::InvalidValue, path, e.to_string()))
        };
        Ok(match array.data_type() {
            DataType::Null => Column::Null,
            DataType::Utf8 => Column::Text(array.as_string::<i32>().clone()),
            DataType::LargeUtf8 => Column::LargeText(array.as_string::<i64>().clone()),
            DataType::Utf8View => Column::ViewText(array.as_string_view().clone()),
            DataType::Dictionary(_, v)
                if matches!(
                    **v,
                    DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
                ) =>
            {
                Column::Text(cast(&DataType::Utf8)?.as_string::<i32>().clone())
            }
            DataType::Boolean => Column::Bool(array.as_boolean().clone()),
            t if t.is_integer() => {
                Column::Int(cast(&DataType::Int64)?.as_primitive::<Int64Type>().clone())
            }
            t if t.is_floating() => Column::Float(
                cast(&DataType::Float64)?
                    .as_primitive::<Float64Type>()
                    .clone(),
            ),
            DataType::Date32 => dates(array.as_primitive::<Date32Type>().iter(), path)?,
            DataType::Date64 | DataType::Timestamp(_, _) => {
                let per_day: i64 = match array.data_type() {
                    DataType::Date64 | DataType::Timestamp(TimeUnit::Millisecond, _) => 86_400_000,
                    DataType::Timestamp(TimeUnit::Second, _) => 86_400,
                    DataType::Timestamp(TimeUnit::Microsecond, _) => 86_400_000_000,
                    _ => 86_400_000_000_000,
                };
                let values: Vec<Option<i64>> = match array.data_type() {
                    DataType::Date64 => cast(&DataType::Int64)?
                        .as_primitive::<Int64Type>()
                        .iter()
                        .collect(),
                    DataType::Timestamp(TimeUnit::Second, _) => {
                        array.as_primitive::<TimestampSecondType>().iter().collect()
                    }
                    DataType::Timestamp(TimeUnit::Millisecond, _) => array
                        .as_primitive::<TimestampMillisecondType>()
                        .iter()
                        .collect(),
                    DataType::Timestamp(TimeUnit::Microsecond, _) => array
                        .as_primitive::<TimestampMicrosecondType>()
                        .iter()
                        .collect(),
                    _ => array
                        .as_primitive::<TimestampNanosecondType>()
                        .iter()
                        .collect(),
                };
                if values.iter().flatten().any(|v| v.rem_euclid(per_day) != 0) {
                    // A date and time is not a date (as dhr.assess refuses
                    // a datetime): the cells with a time are refused.
                    return Ok(refuse(
                        array,
                        ErrorCode::InvalidDate,
                        path,
                        "expected a date, not a date and time (this column holds times of day)"
                            .to_string(),
                    ));
                }
                let days = values
                    .into_iter()
                    .map(|v| v.and_then(|v| i32::try_from(v.div_euclid(per_day)).ok()));
                dates(days, path)?
            }
            DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(_, _) => {
                let text = cast(&DataType::List(Arc::new(Field::new_list_field(
                    DataType::Utf8,
                    true,
                ))))?;
                let list = text.as_list::<i32>();
                let mut rows = Vec::with_capacity(list.len());
                for i in 0..list.len() {
                    if list.is_null(i) {
                        rows.push(None);
                        continue;
                    }
                    let items = list.value(i);
                    let items = items.as_string::<i32>();
                    rows.push(Some(Value::Array(
                        items
                            .iter()
                            .map(|s| s.map_or(Value::Null, |s| Value::String(s.to_owned())))
                            .collect(),
                    )));
                }
                Column::Lists(rows)
            }
            other => refuse(
                array,
                ErrorCode::InvalidValue,
                path,
                format!("a column of Arrow type {other} cannot hold this field"),
            ),
        })
    }

    #[inline]
    fn cell(&self, row: usize) -> Result<Cell<'_>, Error> {
        #[inline]
        fn present<A: Array>(a: &A, row: usize) -> bool {
            row < a.len() && a.is_valid(row)
        }
        Ok(match self {
            Column::Null => Cell::Missing,
            Column::Text(a) if !present(a, row) => Cell::Missing,
            Column::Text(a) => Cell::Str(a.value(row)),
            Column::LargeText(a) if !present(a, row) => Cell::Missing,
            Column::LargeText(a) => Cell::Str(a.value(row)),
            Column::ViewText(a) if !present(a, row) => Cell::Missing,
            Column::ViewText(a) => Cell::Str(a.value(row)),
            Column::Bool(a) if !present(a, row) => Cell::Missing,
            Column::Bool(a) => Cell::Bool(a.value(row)),
            Column::Int(a) if !present(a, row) => Cell::Missing,
            Column::Int(a) => Cell::Int(a.value(row)),
            Column::Float(a) if !present(a, row) => Cell::Missing,
            Column::Float(a) => {
                let x = a.value(row);
                // pandas' way of holding whole numbers with gaps.
                if x.is_finite() && x == x.trunc() && x.abs() < 9_007_199_254_740_992.0 {
                    #[allow(clippy::cast_possible_truncation)]
                    Cell::Int(x as i64)
                } else {
                    Cell::Float(x)
                }
            }
            Column::Dates(rows, texts) => match rows.get(row).copied().flatten() {
                None => Cell::Missing,
                Some(i) => texts
                    .get(i as usize)
                    .map_or(Cell::Missing, |s| Cell::Str(s)),
            },
            Column::Lists(rows) => match rows.get(row) {
                Some(Some(v)) => Cell::Value(v),
                _ => Cell::Missing,
            },
            Column::Refused(a, _) if !present(a, row) => Cell::Missing,
            Column::Refused(_, e) => return Err(e.clone()),
        })
    }
}

/// The dhr columns of one batch (by [`ASSESS_COLUMNS`] index).
struct Batch {
    columns: Vec<Option<Column>>,
}

struct BatchRow<'b> {
    batch: &'b Batch,
    row: usize,
}

impl Row for BatchRow<'_> {
    fn cell(&self, column: usize) -> dhr_core::Result<Cell<'_>> {
        match self.batch.columns.get(column) {
            Some(Some(c)) => c.cell(self.row),
            _ => Ok(Cell::Absent),
        }
    }
}

/// A list-of-text answer column being built, without a string per item:
/// each row's end (in items), each item's end (in bytes), the texts' bytes
/// (copied from the core's `&'static str` names) and the rows' validity.
#[derive(Default)]
struct Texts {
    rows: Vec<usize>,
    items: Vec<usize>,
    bytes: Vec<u8>,
    valid: Vec<bool>,
}

impl Texts {
    fn with_capacity(rows: usize, items: usize) -> Texts {
        Texts {
            rows: Vec::with_capacity(rows),
            items: Vec::with_capacity(items),
            // (reason codes are about 20 bytes long)
            bytes: Vec::with_capacity(items * 24),
            valid: Vec::with_capacity(rows),
        }
    }

    #[inline]
    fn item(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
        self.items.push(self.bytes.len());
    }

    #[inline]
    fn end_row(&mut self, valid: bool) {
        self.rows.push(self.items.len());
        self.valid.push(valid);
    }

    /// One `list<string>` column of the parts, in order.
    fn finish(parts: &[&Texts]) -> Result<ArrayRef, Error> {
        let too_big = || {
            Error::new(
                ErrorCode::InvalidValue,
                "",
                "the answer's list columns are too large for one Arrow batch \
                 (more than 2 GiB of text): pass the frame in smaller batches",
            )
        };
        let n_rows: usize = parts.iter().map(|p| p.rows.len()).sum();
        let n_items: usize = parts.iter().map(|p| p.items.len()).sum();
        let n_bytes: usize = parts.iter().map(|p| p.bytes.len()).sum();
        i32::try_from(n_bytes).map_err(|_| too_big())?;
        i32::try_from(n_items).map_err(|_| too_big())?;
        let mut list_offsets: Vec<i32> = Vec::with_capacity(n_rows + 1);
        let mut item_offsets: Vec<i32> = Vec::with_capacity(n_items + 1);
        let mut bytes: Vec<u8> = Vec::with_capacity(n_bytes);
        let mut valid: Vec<bool> = Vec::with_capacity(n_rows);
        list_offsets.push(0);
        item_offsets.push(0);
        // The totals fit an i32 (checked above), so every offset does.
        #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
        for p in parts {
            let (items_before, bytes_before) = (item_offsets.len() - 1, bytes.len());
            list_offsets.extend(p.rows.iter().map(|r| (items_before + r) as i32));
            item_offsets.extend(p.items.iter().map(|e| (bytes_before + e) as i32));
            bytes.extend_from_slice(&p.bytes);
            valid.extend_from_slice(&p.valid);
        }
        let nulls = if valid.iter().all(|v| *v) {
            None
        } else {
            Some(NullBuffer::from(valid))
        };
        let values = StringArray::try_new(
            OffsetBuffer::new(ScalarBuffer::from(item_offsets)),
            Buffer::from_vec(bytes),
            None,
        )
        .map_err(|e| Error::new(ErrorCode::InvalidValue, "", e.to_string()))?;
        let list = ListArray::try_new(
            Arc::new(Field::new_list_field(DataType::Utf8, true)),
            OffsetBuffer::new(ScalarBuffer::from(list_offsets)),
            Arc::new(values),
            nulls,
        )
        .map_err(|e| Error::new(ErrorCode::InvalidValue, "", e.to_string()))?;
        Ok(Arc::new(list))
    }
}

/// The answer columns of a run of rows, built as they are assessed.
struct Part {
    outcome: Vec<Option<i8>>,
    regime: Vec<Option<i8>>,
    missing: Texts,
    reasons: Texts,
    related: Texts,
    /// The failed rows (position in the batch) and their errors.
    errors: Vec<(usize, Error)>,
    /// The missing facts' paths met so far (a handful of distinct ones).
    paths: Vec<(eligibility::MissingFact, String)>,
}

impl Part {
    fn new(rows: usize) -> Part {
        Part {
            outcome: Vec::with_capacity(rows),
            regime: Vec::with_capacity(rows),
            missing: Texts::with_capacity(rows, rows),
            reasons: Texts::with_capacity(rows, rows * 6),
            related: Texts::with_capacity(rows, rows / 4),
            errors: Vec::new(),
            paths: Vec::new(),
        }
    }

    /// Assess the rows `rows` of `batch`.
    fn assess(batch: &Batch, rows: std::ops::Range<usize>, opts: &AssessOptions) -> Part {
        let mut part = Part::new(rows.len());
        for row in rows {
            let read = guard(|| {
                flat::read_death(&BatchRow { batch, row })
                    .and_then(|d| eligibility::assess(&d, opts))
            });
            match read {
                Ok(Ok(answer)) => part.push(&answer),
                Ok(Err(e)) => part.fail(row, flat::at_column(e)),
                Err(_) => part.fail(
                    row,
                    Error::new(ErrorCode::InvalidValue, "", "internal error"),
                ),
            }
        }
        part
    }

    fn push(&mut self, a: &eligibility::Assessment) {
        self.outcome.push(position(Outcome::ALL, &a.outcome));
        self.regime.push(position(Regime::ALL, &a.regime));
        for m in &a.missing {
            let path = match self.paths.iter().find(|(f, _)| f == m) {
                Some((_, p)) => p,
                None => {
                    self.paths.push((*m, m.to_string()));
                    self.paths.last().map_or("", |(_, p)| p)
                }
            };
            self.missing.item(path);
        }
        self.missing.end_row(true);
        for r in &a.reasons {
            self.reasons.item(r.code().as_str());
        }
        self.reasons.end_row(true);
        for r in &a.related_reviews {
            self.related.item(r.kind.as_str());
        }
        self.related.end_row(true);
    }

    fn fail(&mut self, row: usize, e: Error) {
        self.outcome.push(None);
        self.regime.push(None);
        self.missing.end_row(false);
        self.reasons.end_row(false);
        self.related.end_row(false);
        self.errors.push((row, e));
    }
}

/// A dictionary column over a closed set (every name, in the core's order,
/// is a category, whether it occurs or not).
fn dictionary(keys: Vec<Option<i8>>, names: &[&str]) -> ArrayRef {
    let values: ArrayRef = Arc::new(StringArray::from_iter_values(names.iter()));
    let keys = Int8Array::from(keys);
    match DictionaryArray::<Int8Type>::try_new(keys, values) {
        Ok(d) => Arc::new(d),
        Err(_) => Arc::new(StringArray::new_null(0)),
    }
}

fn position<T: PartialEq>(all: &[T], v: &T) -> Option<i8> {
    all.iter()
        .position(|x| x == v)
        .and_then(|i| i8::try_from(i).ok())
}

/// The input's batches and the output column names (prefixed), refusing a
/// name the input already has.
fn read_input(
    data: AnyRecordBatch,
    names: &[String],
    taken: &[String],
) -> ConvResult<(SchemaRef, Vec<RecordBatch>)> {
    let reader = data.into_reader()?;
    let schema = reader.schema();
    for name in names {
        if schema.field_with_name(name).is_ok() || taken.contains(name) {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                name.as_str(),
                "the frame already has a column of this name: it is not overwritten \
                 (pass prefix= to name the answer's columns differently)",
            )
            .into());
        }
    }
    let mut batches = reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::new(ErrorCode::InvalidValue, "", e.to_string()))?;
    if batches.is_empty() {
        // One empty batch: the answer's columns take their types from it.
        batches.push(RecordBatch::new_empty(schema.clone()));
    }
    Ok((schema, batches))
}

fn with_columns(
    schema: &SchemaRef,
    batches: Vec<RecordBatch>,
    names: &[String],
    outputs: Vec<Vec<ArrayRef>>,
    keep: bool,
) -> PyResult<PyTable> {
    let mut fields: Vec<Arc<Field>> = if keep {
        schema.fields().iter().cloned().collect()
    } else {
        Vec::new()
    };
    let empty = outputs.first().cloned();
    if let Some(first) = &empty {
        for (name, a) in names.iter().zip(first) {
            fields.push(Arc::new(Field::new(name, a.data_type().clone(), true)));
        }
    }
    let out_schema = Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone()));
    let mut out = Vec::with_capacity(batches.len());
    for (batch, extra) in batches.into_iter().zip(outputs) {
        let mut columns = if keep {
            batch.columns().to_vec()
        } else {
            Vec::new()
        };
        columns.extend(extra);
        let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
        out.push(
            RecordBatch::try_new_with_options(out_schema.clone(), columns, &options)
                .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?,
        );
    }
    PyTable::try_new(out, out_schema)
}

/// Raise `error` of the row at position `row` (over all batches), with the
/// row and the column as attributes of the exception.
pub(crate) fn raise_at(py: Python<'_>, error: &Error, row: usize) -> PyErr {
    let column = error.path().to_string();
    let e = to_py(py, &error.clone().under(&dhr_core::json::item("", row)));
    let value = e.value(py);
    let _ = value.setattr("row", row);
    let _ = value.setattr("column", column);
    e
}

fn error_columns(errors: &[Option<Error>]) -> Vec<ArrayRef> {
    let text = |f: &dyn Fn(&Error) -> String| -> ArrayRef {
        Arc::new(StringArray::from_iter(
            errors.iter().map(|e| e.as_ref().map(f)),
        ))
    };
    vec![
        text(&|e| e.code().as_str().to_string()),
        text(&|e| e.path().to_string()),
        text(&|e| e.message().to_string()),
    ]
}

fn output_names(prefix: &str, base: &[&str], on_error_return: bool) -> Vec<String> {
    let mut names: Vec<String> = base.iter().map(|n| format!("{prefix}{n}")).collect();
    if on_error_return {
        names.extend(ERROR_COLUMNS.iter().map(|n| format!("{prefix}{n}")));
    }
    names
}

/// Assess one death per row of Arrow data; returns the input's columns
/// followed by `outcome`, `regime` (dictionaries over every outcome and
/// regime), `missing`, `reasons` (codes), `related_reviews` (kinds) (lists
/// of text), and with `on_error="return"` `error_code`, `error_column`,
/// `error_message`.
#[pyfunction]
///
/// `keep=False` returns the answer's columns only; `taken` names more
/// columns the answer must not be given (the caller's frame's).
#[pyo3(signature = (data, *, dardr_commenced = None, susr_from = None, on_error = None, prefix = "", keep = true, taken = Vec::new()))]
#[allow(clippy::too_many_arguments)]
fn assess_arrow<'py>(
    py: Python<'py>,
    data: AnyRecordBatch,
    dardr_commenced: Option<&Bound<'py, PyAny>>,
    susr_from: Option<&Bound<'py, PyAny>>,
    on_error: Option<&Bound<'py, PyAny>>,
    prefix: &str,
    keep: bool,
    taken: Vec<String>,
) -> PyResult<PyTable> {
    let (opts, raise) = (|| -> ConvResult<_> {
        Ok((
            options(dardr_commenced, susr_from)?,
            on_error_arg(on_error)?,
        ))
    })()
    .map_err(|e| e.into_py(py))?;
    let names = output_names(prefix, ASSESS_OUTPUT, !raise);
    let (schema, batches) = read_input(data, &names, &taken).map_err(|e| e.into_py(py))?;
    let index: Vec<Option<usize>> = ASSESS_COLUMNS
        .iter()
        .map(|c| schema.index_of(c.name).ok())
        .collect();

    let mut outputs = Vec::with_capacity(batches.len());
    let mut offset = 0usize;
    for batch in &batches {
        let rows = batch.num_rows();
        let parts = py.detach(|| {
            let cols = Batch {
                columns: ASSESS_COLUMNS
                    .iter()
                    .zip(&index)
                    .map(|(c, i)| i.map(|i| Column::new(batch.column(i), c.path)))
                    .collect(),
            };
            par_ranges(rows, |r| Part::assess(&cols, r, &opts))
        });
        let parts = parts.ok_or_else(internal)?;
        if raise {
            if let Some((i, e)) = parts.iter().find_map(|p| p.errors.first()) {
                return Err(raise_at(py, e, offset + i));
            }
        }
        let keys = |f: fn(&Part) -> &Vec<Option<i8>>| -> Vec<Option<i8>> {
            parts.iter().flat_map(|p| f(p).iter().copied()).collect()
        };
        let outcome = dictionary(
            keys(|p| &p.outcome),
            &Outcome::ALL.iter().map(|o| o.as_str()).collect::<Vec<_>>(),
        );
        let regime = dictionary(
            keys(|p| &p.regime),
            &Regime::ALL.iter().map(|o| o.as_str()).collect::<Vec<_>>(),
        );
        let lists = |f: fn(&Part) -> &Texts| -> PyResult<ArrayRef> {
            let texts: Vec<&Texts> = parts.iter().map(f).collect();
            Texts::finish(&texts).map_err(|e| to_py(py, &e))
        };
        let mut extra = vec![
            outcome,
            regime,
            lists(|p| &p.missing)?,
            lists(|p| &p.reasons)?,
            lists(|p| &p.related)?,
        ];
        if !raise {
            let mut errors: Vec<Option<Error>> = vec![None; rows];
            for (i, e) in parts.into_iter().flat_map(|p| p.errors) {
                if let Some(slot) = errors.get_mut(i) {
                    *slot = Some(e);
                }
            }
            extra.extend(error_columns(&errors));
        }
        outputs.push(extra);
        offset += rows;
    }
    with_columns(&schema, batches, &names, outputs, keep)
}

/// Each review's deadlines as of `as_of`, one review per row of Arrow data
/// (dhr-core's milestone columns: dates or `YYYY-MM-DD` text; empty: not
/// happened). Returns the input's columns followed by, for each rule,
/// `<rule>_due` (date32), `<rule>_status` (a dictionary over every status)
/// and `<rule>_days_late` (int64, null when not late), and with
/// `on_error="return"` `error_code`, `error_column`, `error_message`.
#[pyfunction]
/// `keep` and `taken` as for `assess_arrow`.
#[pyo3(signature = (data, *, as_of, rules = None, due_soon_days = None, on_error = None, prefix = "", keep = true, taken = Vec::new()))]
#[allow(clippy::too_many_arguments)]
fn timeliness_arrow<'py>(
    py: Python<'py>,
    data: AnyRecordBatch,
    as_of: &Bound<'py, PyAny>,
    rules: Option<&Bound<'py, PyAny>>,
    due_soon_days: Option<&Bound<'py, PyAny>>,
    on_error: Option<&Bound<'py, PyAny>>,
    prefix: &str,
    keep: bool,
    taken: Vec<String>,
) -> PyResult<PyTable> {
    let (rules, as_of, due_soon, raise) = (|| -> ConvResult<_> {
        let rules = match rules.filter(|r| !r.is_none()) {
            None => RuleSet::builtin(flat::DEFAULT_RULE_SET)?,
            Some(r) => rules_arg(r, "rules")?,
        };
        let due_soon = match due_soon_days.filter(|d| !d.is_none()) {
            None => StatusOptions::default().due_soon_days,
            Some(d) => count_arg(d, "due_soon_days")?,
        };
        Ok((
            rules,
            date_from_py(as_of, "as_of")?,
            due_soon,
            on_error_arg(on_error)?,
        ))
    })()
    .map_err(|e| e.into_py(py))?;
    let mut base: Vec<String> = Vec::new();
    for rule in rules.rules() {
        for part in flat::TIMELINESS_OUTPUT {
            base.push(format!("{}{part}", rule.id));
        }
    }
    let base_refs: Vec<&str> = base.iter().map(String::as_str).collect();
    let names = output_names(prefix, &base_refs, !raise);
    let (schema, batches) = read_input(data, &names, &taken).map_err(|e| e.into_py(py))?;
    let index: Vec<Option<usize>> = flat::TIMELINESS_COLUMNS
        .iter()
        .map(|m| schema.index_of(m.column).ok())
        .collect();
    let statuses: Vec<&str> = DeadlineStatus::ALL.iter().map(|s| s.as_str()).collect();

    let mut outputs = Vec::with_capacity(batches.len());
    let mut offset = 0usize;
    for batch in &batches {
        let rows = batch.num_rows();
        let results = py.detach(|| {
            let cols: Vec<Option<Column>> = flat::TIMELINESS_COLUMNS
                .iter()
                .zip(&index)
                .map(|(m, i)| i.map(|i| Column::new(batch.column(i), m.column)))
                .collect();
            let row_ids: Vec<usize> = (0..rows).collect();
            par_map(&row_ids, |&row| {
                guard(|| {
                    flat::Timeline::read(|m| -> Result<Option<NaiveDate>, Error> {
                        let at = flat::TIMELINESS_COLUMNS
                            .iter()
                            .position(|x| x.column == m.column);
                        match at.and_then(|i| cols.get(i)).and_then(Option::as_ref) {
                            None => Ok(None),
                            Some(c) => match c.cell(row)? {
                                Cell::Str(s) => dhr_core::json::parse_date(s, m.column).map(Some),
                                Cell::Missing | Cell::Absent => Ok(None),
                                _ => Err(Error::new(
                                    ErrorCode::InvalidDate,
                                    m.column,
                                    "expected a date (YYYY-MM-DD)",
                                )),
                            },
                        }
                    })
                    .and_then(|t| t.deadlines(&rules, as_of, due_soon))
                })
                .unwrap_or_else(|_| Err(Error::new(ErrorCode::InvalidValue, "", "internal error")))
            })
        });
        let results = results.ok_or_else(internal)?;
        if raise {
            if let Some((i, Err(e))) = results.iter().enumerate().find(|(_, a)| a.is_err()) {
                return Err(raise_at(py, e, offset + i));
            }
        }
        let mut extra: Vec<ArrayRef> = Vec::new();
        for r in 0..rules.rules().len() {
            let at = |i: usize| {
                results
                    .get(i)
                    .and_then(|x| x.as_ref().ok())
                    .and_then(|d| d.get(r))
            };
            let due: Date32Array = (0..rows)
                .map(|i| at(i).and_then(|d| d.due).map(date_days))
                .collect();
            extra.push(Arc::new(due));
            extra.push(dictionary(
                (0..rows)
                    .map(|i| at(i).and_then(|d| position(DeadlineStatus::ALL, &d.status)))
                    .collect(),
                &statuses,
            ));
            let mut late = Int64Builder::with_capacity(rows);
            for i in 0..rows {
                late.append_option(at(i).and_then(|d| d.days_late));
            }
            extra.push(Arc::new(late.finish()));
        }
        if !raise {
            let errors: Vec<Option<Error>> = results.into_iter().map(|a| a.err()).collect();
            extra.extend(error_columns(&errors));
        }
        outputs.push(extra);
        offset += rows;
    }
    with_columns(&schema, batches, &names, outputs, keep)
}

/// Add the Arrow entry points to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add(
        "OUTCOMES",
        pyo3::types::PyTuple::new(py, Outcome::ALL.iter().map(|o| o.as_str()))?,
    )?;
    m.add(
        "REGIMES",
        pyo3::types::PyTuple::new(py, Regime::ALL.iter().map(|o| o.as_str()))?,
    )?;
    // Every closed set of names, from the core's ALL lists: the stubs'
    // Literal types are checked against them (tests/test_stub_literals.py).
    let names = pyo3::types::PyDict::new(py);
    let tuple = |v: Vec<&'static str>| pyo3::types::PyTuple::new(py, v);
    names.set_item(
        "outcome",
        tuple(Outcome::ALL.iter().map(|o| o.as_str()).collect())?,
    )?;
    names.set_item(
        "regime",
        tuple(Regime::ALL.iter().map(|o| o.as_str()).collect())?,
    )?;
    names.set_item(
        "stage",
        tuple(
            dhr_core::lifecycle::Stage::ALL
                .iter()
                .map(|o| o.as_str())
                .collect(),
        )?,
    )?;
    names.set_item(
        "status",
        tuple(DeadlineStatus::ALL.iter().map(|o| o.as_str()).collect())?,
    )?;
    names.set_item(
        "reason_code",
        tuple(
            eligibility::ReasonCode::ALL
                .iter()
                .map(|o| o.as_str())
                .collect(),
        )?,
    )?;
    names.set_item(
        "related_review_kind",
        tuple(
            eligibility::RelatedReviewKind::ALL
                .iter()
                .map(|o| o.as_str())
                .collect(),
        )?,
    )?;
    names.set_item(
        "error_code",
        tuple(ErrorCode::ALL.iter().map(|o| o.as_str()).collect())?,
    )?;
    names.set_item("rule_set", tuple(dhr_core::rules::BUILTIN_IDS.to_vec())?)?;
    m.add("NAMES", names)?;
    m.add_function(wrap_pyfunction!(assess_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(timeliness_arrow, m)?)?;
    Ok(())
}
