//! Conversions between Python objects and the interchange format's JSON
//! values and dates. Every failure is a [`dhr_core::Error`] with the path of
//! the offending field, so Python callers get the same codes as the CLI.

use chrono::{Datelike, NaiveDate};
use dhr_core::json::{self, check_range, child, item, parse_date};
use dhr_core::{Error, ErrorCode};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType,
};
use serde_json::{Map, Number, Value};

/// How deep a Python structure may nest before it is refused (this also stops
/// a list that contains itself).
const MAX_DEPTH: usize = 64;

struct DateTypes {
    date: Py<PyType>,
    datetime: Py<PyType>,
}

static DATE_TYPES: PyOnceLock<DateTypes> = PyOnceLock::new();

fn date_types(py: Python<'_>) -> PyResult<&DateTypes> {
    DATE_TYPES.get_or_try_init(py, || {
        let module = py.import("datetime")?;
        Ok(DateTypes {
            date: module.getattr("date")?.cast_into::<PyType>()?.unbind(),
            datetime: module.getattr("datetime")?.cast_into::<PyType>()?.unbind(),
        })
    })
}

/// The Python type name of an object, for messages (never its value).
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string())
}

/// A Python string as Rust text (a lone surrogate is `invalid_value`).
pub fn text(s: &Bound<'_, PyString>, path: &str) -> ConvResult<String> {
    s.to_cow()
        .map(|c| c.into_owned())
        .map_err(|_| Error::new(ErrorCode::InvalidValue, path, "not valid Unicode text").into())
}

/// A conversion failure: either a dhr error (bad input) or a Python error
/// raised while inspecting the object (propagated as is).
pub enum ConvError {
    /// Bad input.
    Dhr(Error),
    /// Python raised while we looked at the object.
    Py(PyErr),
}

impl From<PyErr> for ConvError {
    fn from(e: PyErr) -> Self {
        ConvError::Py(e)
    }
}

impl From<Error> for ConvError {
    fn from(e: Error) -> Self {
        ConvError::Dhr(e)
    }
}

impl ConvError {
    /// As a Python exception.
    pub fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            ConvError::Dhr(e) => crate::errors::to_py(py, &e),
            ConvError::Py(e) => e,
        }
    }

    /// The same error with its path under `prefix`.
    pub fn under(self, prefix: &str) -> Self {
        match self {
            ConvError::Dhr(e) => ConvError::Dhr(e.under(prefix)),
            other => other,
        }
    }
}

/// `Result` of a conversion.
pub type ConvResult<T> = Result<T, ConvError>;

/// A `datetime.date` or an ISO `YYYY-MM-DD` string as a date; a
/// `datetime.datetime` is refused (`invalid_date`), as is anything else.
pub fn date_from_py(obj: &Bound<'_, PyAny>, path: &str) -> ConvResult<NaiveDate> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(parse_date(&text(s, path)?, path)?);
    }
    let py = obj.py();
    let types = date_types(py)?;
    if obj.is_instance(types.datetime.bind(py))? {
        return Err(Error::new(
            ErrorCode::InvalidDate,
            path,
            "expected a date, found a datetime.datetime (a date with a time): pass its .date()",
        )
        .into());
    }
    if obj.is_instance(types.date.bind(py))? {
        let y: i32 = obj.getattr("year")?.extract()?;
        let m: u32 = obj.getattr("month")?.extract()?;
        let d: u32 = obj.getattr("day")?.extract()?;
        let date = NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| Error::new(ErrorCode::InvalidDate, path, "not a representable date"))?;
        check_range(date, path)?;
        return Ok(date);
    }
    Err(Error::new(
        ErrorCode::InvalidDate,
        path,
        format!(
            "expected a datetime.date or a \"YYYY-MM-DD\" string, found {}",
            type_name(obj)
        ),
    )
    .into())
}

/// An optional date argument (None stays None).
pub fn opt_date_from_py(
    obj: Option<&Bound<'_, PyAny>>,
    path: &str,
) -> ConvResult<Option<NaiveDate>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => date_from_py(o, path).map(Some),
    }
}

/// A date as a Python `datetime.date`.
pub fn date_to_py(py: Python<'_>, date: NaiveDate) -> PyResult<Bound<'_, PyAny>> {
    let types = date_types(py)?;
    types
        .date
        .bind(py)
        .call1((date.year(), date.month(), date.day()))
}

/// A Python object (dict, list, tuple, str, int, float, bool, None, or a
/// `datetime.date`, which becomes its ISO string) as a JSON value.
pub fn to_value(obj: &Bound<'_, PyAny>, path: &str) -> ConvResult<Value> {
    to_value_depth(obj, path, 0)
}

fn to_value_depth(obj: &Bound<'_, PyAny>, path: &str, depth: usize) -> ConvResult<Value> {
    if depth > MAX_DEPTH {
        return Err(Error::new(ErrorCode::InvalidValue, path, "nested too deeply").into());
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(n) = obj.extract::<i64>() {
            return Ok(Value::Number(n.into()));
        }
        if let Ok(n) = obj.extract::<u64>() {
            return Ok(Value::Number(n.into()));
        }
        return Err(Error::new(ErrorCode::InvalidValue, path, "whole number too large").into());
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| {
                Error::new(ErrorCode::InvalidValue, path, "expected a finite number").into()
            });
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(text(s, path)?));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in dict.iter() {
            let key = match k.cast::<PyString>() {
                Ok(s) => text(s, path)?,
                Err(_) => {
                    return Err(Error::new(
                        ErrorCode::InvalidValue,
                        path,
                        format!("object keys must be strings, found {}", type_name(&k)),
                    )
                    .into())
                }
            };
            let value = to_value_depth(&v, &child(path, &key), depth + 1)?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        let mut out = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            out.push(to_value_depth(&v, &item(path, i), depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        let mut out = Vec::with_capacity(tuple.len());
        for (i, v) in tuple.iter().enumerate() {
            out.push(to_value_depth(&v, &item(path, i), depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    let types = date_types(obj.py())?;
    if obj.is_instance(types.date.bind(obj.py()))? {
        let date = date_from_py(obj, path)?;
        return Ok(Value::String(json::fmt_date(date)));
    }
    if let Ok(mapping) = obj.cast::<PyMapping>() {
        let as_dict = PyDict::new(obj.py());
        for pair in mapping.items()?.iter() {
            let (k, v) = pair.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()?;
            as_dict.set_item(k, v)?;
        }
        return to_value_depth(as_dict.as_any(), path, depth);
    }
    if let Some(v) = numpy_scalar(obj, path)? {
        return Ok(v);
    }
    Err(Error::new(
        ErrorCode::InvalidValue,
        path,
        format!("cannot be read as JSON: found {}", type_name(obj)),
    )
    .into())
}

/// A numpy boolean or integer (as found in `DataFrame.to_dict()` output) as
/// JSON; numpy floats are Python floats already. `None` for anything else.
fn numpy_scalar(obj: &Bound<'_, PyAny>, path: &str) -> ConvResult<Option<Value>> {
    let ty = obj.get_type();
    let module = ty.module()?;
    if module.to_cow()? != "numpy" {
        return Ok(None);
    }
    let name = ty.name()?;
    let name = name.to_cow()?;
    if name == "bool" || name == "bool_" {
        return Ok(Some(Value::Bool(obj.is_truthy()?)));
    }
    if obj.hasattr("__index__")? && (name.starts_with("int") || name.starts_with("uint")) {
        let index = obj.call_method0("__index__")?;
        if let Ok(n) = index.extract::<i64>() {
            return Ok(Some(Value::Number(n.into())));
        }
        if let Ok(n) = index.extract::<u64>() {
            return Ok(Some(Value::Number(n.into())));
        }
        return Err(Error::new(ErrorCode::InvalidValue, path, "whole number too large").into());
    }
    Ok(None)
}

/// A document given as a dict (or other JSON-like object) or as JSON text.
pub fn document(obj: &Bound<'_, PyAny>) -> ConvResult<Value> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(json::parse(&text(s, "")?)?);
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        let text = std::str::from_utf8(b.as_bytes())
            .map_err(|_| Error::new(ErrorCode::InvalidJson, "", "the input is not UTF-8 text"))?;
        return Ok(json::parse(text)?);
    }
    to_value(obj, "")
}

/// A JSON value as a Python object (objects become dicts, dates stay ISO
/// strings: this is the `to_dict()` shape).
pub fn from_value<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for x in a {
                list.append(from_value(py, x)?)?;
            }
            list.into_any()
        }
        Value::Object(m) => {
            let dict = PyDict::new(py);
            for (k, x) in m {
                dict.set_item(k, from_value(py, x)?)?;
            }
            dict.into_any()
        }
    })
}

/// A string as a Python literal, for `__repr__` (`'required'`).
pub fn py_repr(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// A list of strings as a Python literal, for `__repr__`.
pub fn py_repr_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| py_repr(s)).collect();
    format!("[{}]", inner.join(", "))
}
