//! Conversions between Python objects and the interchange format's JSON
//! values and dates. Every failure is a [`dhr_core::Error`] with the path of
//! the offending field, so Python callers get the same codes as the CLI.

use crate::cells::AddressHasher;
use chrono::{Datelike, NaiveDate};
use dhr_core::json::{self, check_range, parse_date};
use dhr_core::read::Fault;
use dhr_core::{Error, ErrorCode};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType,
};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

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
/// `datetime.date`, which becomes its ISO string) as a JSON value, read
/// through [`PySource`] (so a repeated key cannot occur, and every failure
/// names its path under `path`).
pub fn to_value<'py>(obj: &Bound<'py, PyAny>, path: &str) -> ConvResult<Value> {
    let texts = Texts::new(obj.py());
    PySource::read(obj, &texts, |s| dhr_core::read::tree(s)).map_err(|e| e.under(path))
}

/// A death (spec 6.1) from a Python object, read by dhr-core's one reader of
/// a death over [`PySource`]; `texts` remembers the `str` objects read, for
/// a batch.
pub fn death<'py>(obj: &Bound<'py, PyAny>, texts: &Texts<'py>) -> ConvResult<dhr_core::Death> {
    if let Some(text) = json_text(obj)? {
        return Ok(dhr_core::Death::from_json(&text)?);
    }
    PySource::read(obj, texts, |s| dhr_core::Death::read(s))
}

/// What one read (or a batch of reads) remembers: the text of each object
/// key read, by the key object's identity (a batch holds the same few key
/// objects many times over), and the types a value is told apart by.
/// Each key object is held while remembered, so its address is not reused;
/// at most [`TEXTS_MAX`] are remembered. A remembered text is lent to the
/// reader for as long as this lives (`elsa`'s insert-only list: a text, once
/// in, never moves), so a key is read without a copy.
pub struct Texts<'py> {
    texts: elsa::FrozenVec<Box<str>>,
    /// Each remembered key object (held) and the place of its text.
    index: RefCell<KeyIndex<'py>>,
    /// The last key objects looked up, by address: most documents of a batch
    /// name the same key objects in the same order.
    recent: [Cell<(usize, usize)>; RECENT],
    kinds: Kinds,
}

/// Each remembered key object, by address: the object (held) and the place
/// of its text.
type KeyIndex<'py> = HashMap<usize, (Bound<'py, PyAny>, usize), BuildHasherDefault<AddressHasher>>;

/// How many key objects [`Texts`] looks up without hashing.
const RECENT: usize = 64;

/// The exact types of the values a document is made of, by address,
/// compared before any slower test.
#[derive(Clone, Copy)]
struct Kinds {
    str: usize,
    dict: usize,
    list: usize,
    bool: usize,
    int: usize,
}

static KINDS: PyOnceLock<Kinds> = PyOnceLock::new();

impl Kinds {
    fn get(py: Python<'_>) -> Kinds {
        use pyo3::type_object::PyTypeInfo;
        let addr = |t: Bound<'_, PyType>| t.as_type_ptr() as usize;
        *KINDS.get_or_init(py, || Kinds {
            str: addr(PyString::type_object(py)),
            dict: addr(PyDict::type_object(py)),
            list: addr(PyList::type_object(py)),
            bool: addr(PyBool::type_object(py)),
            int: addr(PyInt::type_object(py)),
        })
    }
}

/// How many key objects are remembered.
const TEXTS_MAX: usize = 4096;

impl<'py> Texts<'py> {
    /// A new, empty memory.
    pub fn new(py: Python<'py>) -> Self {
        Texts {
            texts: elsa::FrozenVec::new(),
            index: RefCell::new(HashMap::default()),
            recent: std::array::from_fn(|_| Cell::new((0, 0))),
            kinds: Kinds::get(py),
        }
    }

    /// The text of key `s`, lent for as long as the memory lives; `None`
    /// once the memory is full.
    fn key<'t>(&'t self, s: &Bound<'py, PyString>) -> Result<Option<&'t str>, SourceFail> {
        let addr = s.as_ptr() as usize;
        // CPython objects are 16-byte aligned: the low bits say nothing.
        let recent = self.recent.get((addr >> 4) % RECENT);
        if let Some((a, i)) = recent.map(Cell::get) {
            if a == addr {
                if let Some(t) = self.texts.get(i) {
                    return Ok(Some(t));
                }
            }
        }
        let mut index = self.index.borrow_mut();
        let i = match index.get(&addr) {
            Some((_, i)) => *i,
            None if index.len() >= TEXTS_MAX => return Ok(None),
            None => {
                let i = self.texts.len();
                self.texts.push(Box::from(py_str(s)?));
                index.insert(addr, (s.clone().into_any(), i));
                i
            }
        };
        if let Some(r) = recent {
            r.set((addr, i));
        }
        Ok(self.texts.get(i))
    }
}

/// The text of a Python `str` (a lone surrogate is `invalid_value`).
fn py_str<'s>(s: &'s Bound<'_, PyString>) -> Result<&'s str, SourceFail> {
    s.to_str()
        .map_err(|_| SourceFail::here(ErrorCode::InvalidValue, "not valid Unicode text"))
}

/// A Python object as a source of values for dhr-core's readers
/// ([`dhr_core::read`]): it says only what kind of value each object is. No
/// key, field or rule of the format is known here.
pub struct PySource<'a, 'py> {
    obj: Bound<'py, PyAny>,
    texts: &'a Texts<'py>,
    raised: &'a RefCell<Option<PyErr>>,
    depth: usize,
}

/// A failure of [`PySource`]: bad input (a code and message, at the value
/// being read), or a Python exception kept aside to be raised as it is.
#[derive(Debug)]
pub enum SourceFail {
    /// Bad input.
    Here(ErrorCode, String),
    /// A Python exception was raised (kept in the read's `raised`).
    Raised,
    /// A reader's own stop (its error is kept by the reader).
    Custom(String),
}

impl SourceFail {
    fn here(code: ErrorCode, message: impl Into<String>) -> Self {
        SourceFail::Here(code, message.into())
    }
}

impl std::fmt::Display for SourceFail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceFail::Here(code, m) => write!(f, "{code}: {m}"),
            SourceFail::Raised => f.write_str("a Python exception was raised"),
            SourceFail::Custom(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for SourceFail {}

impl serde::de::Error for SourceFail {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        SourceFail::Custom(msg.to_string())
    }
}

impl dhr_core::read::SourceError for SourceFail {
    // Every object is read as a `dict` (a mapping is copied into one first),
    // whose keys are unique.
    const UNIQUE_KEYS: bool = true;
    fn fault(self) -> Fault {
        match self {
            SourceFail::Here(code, message) => Fault::Here { code, message },
            // The exception itself is raised by `PySource::read`.
            SourceFail::Raised => Fault::Here {
                code: ErrorCode::InvalidValue,
                message: "a Python exception was raised".into(),
            },
            SourceFail::Custom(message) => Fault::Here {
                code: ErrorCode::InvalidValue,
                message,
            },
        }
    }
}

impl<'a, 'py> PySource<'a, 'py> {
    /// Read `obj` with `read` (a dhr-core reader over any source); a Python
    /// exception raised while looking at the object is raised as it is.
    pub fn read<T>(
        obj: &Bound<'py, PyAny>,
        texts: &'a Texts<'py>,
        read: impl FnOnce(PySource<'_, 'py>) -> dhr_core::Result<T>,
    ) -> ConvResult<T> {
        let raised = RefCell::new(None);
        let source = PySource {
            obj: obj.clone(),
            texts,
            raised: &raised,
            depth: 0,
        };
        let out = read(source);
        match raised.into_inner() {
            Some(e) => Err(ConvError::Py(e)),
            None => Ok(out?),
        }
    }

    fn child(&self, obj: Bound<'py, PyAny>) -> PySource<'a, 'py> {
        PySource {
            obj,
            texts: self.texts,
            raised: self.raised,
            depth: self.depth + 1,
        }
    }

    fn py<T>(&self, r: PyResult<T>) -> Result<T, SourceFail> {
        r.map_err(|e| self.raise(e))
    }

    /// Keep `e` to be raised as it is once the read stops.
    fn raise(&self, e: PyErr) -> SourceFail {
        self.raised.borrow_mut().get_or_insert(e);
        SourceFail::Raised
    }
}

impl<'a, 'py> PySource<'a, 'py> {
    /// The value, after the common exact types were told apart by address.
    fn any<V: serde::de::Visitor<'a>>(self, v: V) -> Result<V::Value, SourceFail> {
        let obj = &self.obj;
        if self.depth > MAX_DEPTH {
            return Err(SourceFail::here(
                ErrorCode::InvalidValue,
                "nested too deeply",
            ));
        }
        if obj.is_none() {
            return v.visit_unit();
        }
        let kinds = &self.texts.kinds;
        let ty = obj.get_type_ptr() as usize;
        if ty == kinds.str {
            if let Ok(s) = obj.cast::<PyString>() {
                return v.visit_str(py_str(s)?);
            }
        } else if ty == kinds.dict {
            if let Ok(dict) = obj.cast::<PyDict>() {
                return self.map(dict, v);
            }
        } else if ty == kinds.list {
            if let Ok(list) = obj.cast::<PyList>() {
                return v.visit_seq(Items {
                    source: &self,
                    items: Seq::List(list.iter()),
                });
            }
        } else if ty == kinds.bool {
            if let Ok(b) = obj.cast::<PyBool>() {
                return v.visit_bool(b.is_true());
            }
        } else if ty == kinds.int {
            return whole(obj, v);
        }
        self.other(v)
    }

    fn map<V: serde::de::Visitor<'a>>(
        &self,
        dict: &Bound<'py, PyDict>,
        v: V,
    ) -> Result<V::Value, SourceFail> {
        v.visit_map(Members {
            source: self,
            dict,
            items: dict.iter(),
            value: None,
            checked: false,
        })
    }

    /// A value of any other type (a subclass, a float, a tuple, a date, a
    /// mapping, a numpy scalar).
    fn other<V: serde::de::Visitor<'a>>(self, v: V) -> Result<V::Value, SourceFail> {
        let obj = &self.obj;
        if let Ok(s) = obj.cast::<PyString>() {
            return v.visit_str(py_str(s)?);
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return v.visit_bool(b.is_true());
        }
        if obj.cast::<PyInt>().is_ok() {
            return whole(obj, v);
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            let f = f.value();
            if !f.is_finite() {
                return Err(SourceFail::here(
                    ErrorCode::InvalidValue,
                    "expected a finite number",
                ));
            }
            return v.visit_f64(f);
        }
        if let Ok(dict) = obj.cast::<PyDict>() {
            return self.map(dict, v);
        }
        if let Ok(list) = obj.cast::<PyList>() {
            return v.visit_seq(Items {
                source: &self,
                items: Seq::List(list.iter()),
            });
        }
        if let Ok(tuple) = obj.cast::<PyTuple>() {
            return v.visit_seq(Items {
                source: &self,
                items: Seq::Tuple(tuple.iter()),
            });
        }
        let types = self.py(date_types(obj.py()))?;
        if self.py(obj.is_instance(types.date.bind(obj.py())))? {
            return match date_from_py(obj, "") {
                Ok(d) => v.visit_str(&json::fmt_date(d)),
                Err(ConvError::Dhr(e)) => Err(SourceFail::Here(e.code(), e.message().to_string())),
                Err(ConvError::Py(e)) => Err(self.raise(e)),
            };
        }
        if let Ok(mapping) = obj.cast::<PyMapping>() {
            let items = self.py(mapping.items())?;
            let as_dict = PyDict::new(obj.py());
            for pair in items.iter() {
                let (k, x) = self.py(pair.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>())?;
                self.py(as_dict.set_item(k, x))?;
            }
            return PySource {
                obj: as_dict.into_any(),
                ..self
            }
            .any(v);
        }
        if let Some(n) = self.py(numpy_scalar(obj))? {
            return match n {
                Numpy::Bool(b) => v.visit_bool(b),
                Numpy::Int(i) => whole(&i, v),
            };
        }
        Err(SourceFail::here(
            ErrorCode::InvalidValue,
            format!("cannot be read as JSON: found {}", type_name(obj)),
        ))
    }
}

impl<'de> serde::Deserializer<'de> for PySource<'de, '_> {
    type Error = SourceFail;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, SourceFail> {
        self.any(v)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A key of an object: its text lent from the read's memory when it can be.
struct KeySource<'a, 'py> {
    key: Bound<'py, PyString>,
    texts: &'a Texts<'py>,
}

impl<'de> serde::Deserializer<'de> for KeySource<'de, '_> {
    type Error = SourceFail;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, SourceFail> {
        match self.texts.key(&self.key)? {
            Some(t) => v.visit_borrowed_str(t),
            None => v.visit_str(py_str(&self.key)?),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A Python `int` as a whole number.
fn whole<'de, V: serde::de::Visitor<'de>>(
    obj: &Bound<'_, PyAny>,
    v: V,
) -> Result<V::Value, SourceFail> {
    if let Ok(n) = obj.extract::<i64>() {
        return v.visit_i64(n);
    }
    if let Ok(n) = obj.extract::<u64>() {
        return v.visit_u64(n);
    }
    Err(SourceFail::here(
        ErrorCode::InvalidValue,
        "whole number too large",
    ))
}

struct Members<'s, 'a, 'py> {
    source: &'s PySource<'a, 'py>,
    dict: &'s Bound<'py, PyDict>,
    items: pyo3::types::dict::BoundDictIterator<'py>,
    value: Option<Bound<'py, PyAny>>,
    /// Whether the dict's key texts were checked for a repeat (done once,
    /// at the first key that is a subclass of `str`).
    checked: bool,
}

impl Members<'_, '_, '_> {
    /// A dict's keys are unique objects, and two exact `str` keys with the
    /// same text are the same key; but a subclass of `str` may hash or
    /// compare as it likes, so two keys could share a text. Refuse that as
    /// the repeated key it is (`duplicate_field` at the object).
    fn check_texts(&mut self) -> Result<(), SourceFail> {
        self.checked = true;
        let mut texts = std::collections::HashSet::new();
        for k in self.dict.keys().iter() {
            if let Ok(k) = k.cast::<PyString>() {
                if !texts.insert(py_str(k)?.to_string()) {
                    return Err(SourceFail::here(
                        ErrorCode::DuplicateField,
                        "a key is given twice in this object",
                    ));
                }
            }
        }
        Ok(())
    }
}

impl<'a> serde::de::MapAccess<'a> for Members<'_, 'a, '_> {
    type Error = SourceFail;
    fn next_key_seed<K: serde::de::DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, SourceFail> {
        let Some((k, x)) = self.items.next() else {
            return Ok(None);
        };
        let key = k.cast_into::<PyString>().map_err(|e| {
            SourceFail::here(
                ErrorCode::InvalidValue,
                format!(
                    "object keys must be strings, found {}",
                    type_name(e.into_inner().as_any())
                ),
            )
        })?;
        if !self.checked && key.get_type_ptr() as usize != self.source.texts.kinds.str {
            self.check_texts()?;
        }
        self.value = Some(x);
        seed.deserialize(KeySource {
            key,
            texts: self.source.texts,
        })
        .map(Some)
    }
    fn next_value_seed<S: serde::de::DeserializeSeed<'a>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, SourceFail> {
        let x = self
            .value
            .take()
            .ok_or_else(|| SourceFail::Custom("a value without its key".into()))?;
        seed.deserialize(self.source.child(x))
    }
}

struct Items<'s, 'a, 'py> {
    source: &'s PySource<'a, 'py>,
    items: Seq<'py>,
}

/// The items of a list or a tuple.
enum Seq<'py> {
    List(pyo3::types::list::BoundListIterator<'py>),
    Tuple(pyo3::types::tuple::BoundTupleIterator<'py>),
}

impl<'a> serde::de::SeqAccess<'a> for Items<'_, 'a, '_> {
    type Error = SourceFail;
    fn next_element_seed<S: serde::de::DeserializeSeed<'a>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, SourceFail> {
        let next = match &mut self.items {
            Seq::List(i) => i.next(),
            Seq::Tuple(i) => i.next(),
        };
        match next {
            None => Ok(None),
            Some(x) => seed.deserialize(self.source.child(x)).map(Some),
        }
    }
}

/// A numpy scalar as found in `DataFrame.to_dict()` output.
enum Numpy<'py> {
    Bool(bool),
    Int(Bound<'py, PyAny>),
}

/// A numpy boolean or integer; `None` for anything else (numpy floats are
/// Python floats already).
fn numpy_scalar<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Numpy<'py>>> {
    let ty = obj.get_type();
    let module = ty.module()?;
    if module.to_cow()? != "numpy" {
        return Ok(None);
    }
    let name = ty.name()?;
    let name = name.to_cow()?;
    if name == "bool" || name == "bool_" {
        return Ok(Some(Numpy::Bool(obj.is_truthy()?)));
    }
    if obj.hasattr("__index__")? && (name.starts_with("int") || name.starts_with("uint")) {
        return Ok(Some(Numpy::Int(obj.call_method0("__index__")?)));
    }
    Ok(None)
}

/// The text of a document given as JSON text (`str` or `bytes`); `None`
/// for any other object.
fn json_text(obj: &Bound<'_, PyAny>) -> ConvResult<Option<String>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Some(text(s, "")?));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        let text = std::str::from_utf8(b.as_bytes())
            .map_err(|_| Error::new(ErrorCode::InvalidJson, "", "the input is not UTF-8 text"))?;
        return Ok(Some(text.to_string()));
    }
    Ok(None)
}

/// A document given as a dict (or other JSON-like object) or as JSON text.
pub fn document(obj: &Bound<'_, PyAny>) -> ConvResult<Value> {
    match json_text(obj)? {
        Some(text) => Ok(json::parse(&text)?),
        None => to_value(obj, ""),
    }
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
