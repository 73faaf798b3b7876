//! The Python exception hierarchy and the one conversion from
//! [`dhr_core::Error`] to it.
//!
//! `DhrError` subclasses `ValueError`; each [`ErrorCode`] has its own
//! subclass, named from the code (`invalid_json` -> `InvalidJsonError`). The
//! classes are made from [`ErrorCode::ALL`], so a code added to dhr-core gets
//! its class without a change here (and `stubtest` then fails until the stub
//! names it). Every class carries `code` as a class attribute; every raised
//! instance carries `code`, `path`, `message` and `event_index`.

use dhr_core::{Error, ErrorCode};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};
use std::ffi::CString;

/// The exception classes: the base first, then one per code in catalogue order.
struct Classes {
    base: Py<PyType>,
    by_code: Vec<(ErrorCode, Py<PyType>)>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

/// `invalid_json` -> `InvalidJsonError`.
pub fn class_name(code: ErrorCode) -> String {
    let mut name = String::new();
    for word in code.as_str().split('_') {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.extend(first.to_uppercase());
            name.push_str(chars.as_str());
        }
    }
    name.push_str("Error");
    name
}

fn new_class(
    py: Python<'_>,
    name: &str,
    doc: &str,
    base: &Bound<'_, PyType>,
    code: &str,
) -> PyResult<Py<PyType>> {
    let qualified = CString::new(format!("dhr._dhr.{name}"))
        .map_err(|_| PyRuntimeError::new_err("class name"))?;
    let doc = CString::new(doc).map_err(|_| PyRuntimeError::new_err("class doc"))?;
    // Class attributes are set after creation: pyo3 0.30's `new_type` drops
    // the `dict` it is given before CPython reads it.
    let class = PyErr::new_type(py, &qualified, Some(&doc), Some(base), None)?;
    let bound = class.bind(py);
    bound.setattr("code", code)?;
    bound.setattr("path", "")?;
    bound.setattr("message", "")?;
    bound.setattr("event_index", py.None())?;
    Ok(class)
}

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let value_error = py.get_type::<PyValueError>();
        let base = new_class(
            py,
            "DhrError",
            "Invalid input to dhr: `code` (stable snake_case string), `path` (the offending \
             field, e.g. `deceased.age`, empty for the whole document), `message`, and \
             `event_index` for an event a review refused.",
            &value_error,
            "",
        )?;
        let mut by_code = Vec::with_capacity(ErrorCode::ALL.len());
        for &code in ErrorCode::ALL {
            let doc = format!("DhrError with code `{}`.", code.as_str());
            let class = new_class(py, &class_name(code), &doc, base.bind(py), code.as_str())?;
            by_code.push((code, class));
        }
        Ok(Classes { base, by_code })
    })
}

/// Add `DhrError` and its subclasses to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let classes = classes(py)?;
    m.add("DhrError", classes.base.clone_ref(py))?;
    let by_code = PyDict::new(py);
    for (code, class) in &classes.by_code {
        m.add(class_name(*code).as_str(), class.clone_ref(py))?;
        by_code.set_item(code.as_str(), class.clone_ref(py))?;
    }
    m.add("ERROR_CLASSES", by_code)?;
    Ok(())
}

/// The Python exception for a dhr-core error.
pub fn to_py(py: Python<'_>, err: &Error) -> PyErr {
    match build(py, err) {
        Ok(e) => e,
        Err(e) => e,
    }
}

fn build(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    let classes = classes(py)?;
    let class = classes
        .by_code
        .iter()
        .find(|(code, _)| *code == err.code())
        .map(|(_, class)| class)
        .unwrap_or(&classes.base);
    let instance = class.bind(py).call1((err.to_string(),))?;
    instance.setattr("code", err.code().as_str())?;
    instance.setattr("path", err.path())?;
    instance.setattr("message", err.message())?;
    instance.setattr("event_index", err.event_index())?;
    Ok(PyErr::from_value(instance))
}

/// Extension trait: `.py_err(py)` on dhr-core results.
pub trait IntoPy<T> {
    /// Map a dhr-core error to its Python exception.
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, &e))
    }
}

/// Run dhr-core code so that a panic (a bug) never unwinds into Python: it
/// becomes a `RuntimeError` whose message carries no caller data.
pub fn guard<T>(f: impl FnOnce() -> T) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| internal())
}

/// The `RuntimeError` for a panic in dhr-core.
pub fn internal() -> PyErr {
    PyRuntimeError::new_err("internal error in dhr-core (a bug: please report it)")
}
