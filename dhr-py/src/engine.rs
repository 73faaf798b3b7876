//! `Engine`: the receipt of an answer (spec 8.3), dhr-core's typed receipt
//! converted field by field; `schema(name)`: the JSON Schemas of spec 8.8.

use crate::convert::{date_to_py, from_value, py_repr};
use crate::errors::to_py;
use dhr_core::engine;
use pyo3::prelude::*;
use serde_json::Value;

/// The receipt of an answer (spec 8.3): which engine, bank-holiday data,
/// rule set and options produced it.
#[pyclass(frozen, eq, module = "dhr._dhr")]
#[derive(PartialEq)]
pub struct Engine {
    inner: engine::Engine,
}

impl Engine {
    /// Wrap a typed receipt.
    pub fn new(inner: engine::Engine) -> Self {
        Engine { inner }
    }
}

/// The rule set of a receipt: its id and the SHA-256 of its canonical JSON.
#[pyclass(frozen, eq, module = "dhr._dhr")]
#[derive(PartialEq)]
pub struct EngineRules {
    inner: engine::RulesReceipt,
}

#[pymethods]
impl EngineRules {
    /// The rule set's id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// SHA-256 of its RFC 8785 canonical JSON (64 lowercase hex digits).
    #[getter]
    fn sha256(&self) -> &str {
        &self.inner.sha256
    }
    fn __repr__(&self) -> String {
        format!(
            "EngineRules(id={}, sha256={})",
            py_repr(&self.inner.id),
            py_repr(&self.inner.sha256)
        )
    }
}

#[pymethods]
impl Engine {
    /// `"dhr"`.
    #[getter]
    fn name(&self) -> &'static str {
        self.inner.name
    }
    /// The library version (the same in Rust, the CLI, Python and JavaScript).
    #[getter]
    fn version(&self) -> &'static str {
        self.inner.version
    }
    /// The bank-holiday data version.
    #[getter]
    fn bank_holidays(&self) -> &'static str {
        self.inner.bank_holidays
    }
    /// The rule set applied (a status), or None (an assessment).
    #[getter]
    fn rules(&self) -> Option<EngineRules> {
        self.inner.rules.clone().map(|inner| EngineRules { inner })
    }
    /// The commencement of s.8A used (None: not commenced).
    #[getter]
    fn dardr_commenced<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .options
            .dardr_commenced
            .map(|d| date_to_py(py, d))
            .transpose()
    }
    /// The SUSR start used.
    #[getter]
    fn susr_from<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        date_to_py(py, self.inner.options.susr_from)
    }
    /// The `due_soon` threshold used (a status), or None (an assessment).
    #[getter]
    fn due_soon_days(&self) -> Option<u32> {
        self.inner.options.due_soon_days
    }
    /// The options after defaults, as in the JSON receipt.
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let options = serde_json::to_value(self.inner.options)
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
        from_value(py, &options)
    }
    /// Exactly the JSON receipt of spec 8.3, dates as ISO strings.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &self.value()?)
    }
    /// The JSON receipt as text.
    fn to_json(&self) -> PyResult<String> {
        Ok(self.value()?.to_string())
    }
    fn __repr__(&self) -> String {
        format!(
            "Engine(version={}, bank_holidays={}, rules={})",
            py_repr(self.inner.version),
            py_repr(self.inner.bank_holidays),
            self.inner
                .rules
                .as_ref()
                .map_or_else(|| "None".to_string(), |r| py_repr(&r.id))
        )
    }
}

impl Engine {
    fn value(&self) -> PyResult<Value> {
        serde_json::to_value(&self.inner)
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }
}

/// The JSON Schema (draft 2020-12) named `name` (spec 8.8): one of
/// `death`, `review`, `rule_set`, `assessment`, `status`, `error`, as a dict.
#[pyfunction]
fn schema<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let text = dhr_core::schema::get(name).map_err(|e| to_py(py, &e))?;
    let v: Value = serde_json::from_str(text)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    from_value(py, &v)
}

/// The receipt an answer given with these options would carry (spec 8.3),
/// for answers that are not one object: the data-frame helpers put it in
/// the frame's metadata (`DataFrame.attrs["dhr_engine"]`). `status=True`:
/// the receipt of a status (the rule set `rules`, or dhr's default rule set,
/// and `due_soon_days`); otherwise that of an assessment.
#[pyfunction]
#[pyo3(signature = (*, dardr_commenced = None, susr_from = None, rules = None, due_soon_days = None, status = false))]
fn receipt(
    py: Python<'_>,
    dardr_commenced: Option<&Bound<'_, PyAny>>,
    susr_from: Option<&Bound<'_, PyAny>>,
    rules: Option<&Bound<'_, PyAny>>,
    due_soon_days: Option<&Bound<'_, PyAny>>,
    status: bool,
) -> PyResult<Engine> {
    let opts = crate::assess::status_options(crate::assess::PyOptions {
        due_soon_days,
        rules,
        dardr_commenced,
        susr_from,
    })
    .map_err(|e| e.into_py(py))?;
    let e = engine::Engine::assess(opts.assess.dardr_commenced, opts.assess.susr_from);
    if !status {
        return Ok(Engine::new(e));
    }
    let rules = match opts.rules {
        Some(r) => r,
        None => dhr_core::rules::RuleSet::builtin(dhr_core::rules::DEFAULT_RULE_SET)
            .map_err(|e| to_py(py, &e))?,
    };
    Ok(Engine::new(e.with_rules(&rules, opts.due_soon_days)))
}

/// Add `Engine`, `EngineRules`, `receipt` and `schema` to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_class::<EngineRules>()?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(receipt, m)?)?;
    m.add("SCHEMA_NAMES", dhr_core::schema::NAMES.to_vec())?;
    m.add("BANK_HOLIDAYS_VERSION", engine::bank_holidays_version())?;
    Ok(())
}
