//! `Review` (spec 6.3) and its `status` (spec 6.4).

use crate::assess::{options, Assessment};
use crate::calendar::count_arg;
use crate::convert::{
    date_from_py, document, from_value, json_date_to_py, py_repr, to_value, ConvError, ConvResult,
};
use crate::errors::{guard, to_py};
use crate::rules::rules_arg;
use dhr_core::lifecycle::{self, StatusOptions};
use dhr_core::{json, Error, ErrorCode};
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde_json::{json as json_value, Value};

fn str_field(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn int_field(v: &Value, key: &str) -> Option<i64> {
    v.get(key).and_then(Value::as_i64)
}

/// One deadline of a status (spec 6.4).
#[pyclass(frozen, eq, module = "dhr._dhr")]
#[derive(Clone, PartialEq)]
pub struct Deadline {
    value: Value,
}

#[pymethods]
impl Deadline {
    /// The rule id (`terms_of_reference`, `home_office_submission`, ...).
    #[getter]
    fn rule(&self) -> String {
        str_field(&self.value, "rule")
    }
    /// The date the period runs from (JSON `from`), or None if not started.
    #[getter]
    fn from_<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        json_date_to_py(py, self.value.get("from"))
    }
    /// The due date, or None where it does not apply.
    #[getter]
    fn due<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        json_date_to_py(py, self.value.get("due"))
    }
    /// Whether the due date's day-number was clamped to the month end.
    #[getter]
    fn clamped(&self) -> bool {
        self.value
            .get("clamped")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
    /// Days the clock was stopped by pauses.
    #[getter]
    fn paused_days(&self) -> i64 {
        int_field(&self.value, "paused_days").unwrap_or(0)
    }
    /// `met`, `met_late`, `due`, `due_soon`, `overdue`, `paused`,
    /// `not_started` or `not_applicable`.
    #[getter]
    fn status(&self) -> String {
        str_field(&self.value, "status")
    }
    /// Calendar days from the as-of date to the due date.
    #[getter]
    fn days_left(&self) -> Option<i64> {
        int_field(&self.value, "days_left")
    }
    /// Days after the due date.
    #[getter]
    fn days_late(&self) -> Option<i64> {
        int_field(&self.value, "days_late")
    }
    /// The source of the rule.
    #[getter]
    fn citation(&self) -> String {
        str_field(&self.value, "citation")
    }
    /// A plain-English explanation.
    #[getter]
    fn explanation(&self) -> String {
        str_field(&self.value, "explanation")
    }
    /// The JSON shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &self.value)
    }
    fn __repr__(&self) -> String {
        format!(
            "Deadline(rule={}, status={})",
            py_repr(&self.rule()),
            py_repr(&self.status())
        )
    }
}

/// The answer of `Review.status` (spec 6.4).
#[pyclass(frozen, eq, module = "dhr._dhr")]
#[derive(Clone, PartialEq)]
pub struct Status {
    value: Value,
}

#[pymethods]
impl Status {
    /// The review's reference.
    #[getter]
    fn reference(&self) -> Option<String> {
        self.value
            .get("reference")
            .and_then(Value::as_str)
            .map(str::to_string)
    }
    /// The date the status is as of.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        json_date_to_py(py, self.value.get("as_of"))
    }
    /// The furthest lifecycle event reached, or `closed_no_review`.
    #[getter]
    fn stage(&self) -> String {
        str_field(&self.value, "stage")
    }
    /// Whether the review is paused on the as-of date.
    #[getter]
    fn paused(&self) -> bool {
        self.value
            .get("paused")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
    /// Every rule of the rule set, in its order.
    #[getter]
    fn deadlines(&self) -> Vec<Deadline> {
        self.value
            .get("deadlines")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|v| Deadline { value: v.clone() })
            .collect()
    }
    /// One entry per agency (JSON shape).
    #[getter]
    fn imrs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, self.value.get("imrs").unwrap_or(&Value::Array(vec![])))
    }
    /// The family track (JSON shape).
    #[getter]
    fn family<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, self.value.get("family").unwrap_or(&Value::Null))
    }
    /// The events that may come next, each with the roles allowed (JSON shape).
    #[getter]
    fn next<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, self.value.get("next").unwrap_or(&Value::Array(vec![])))
    }
    /// The assessment of the review's death, when the review has one.
    #[getter]
    fn assessment(&self) -> Option<Assessment> {
        match self.value.get("assessment") {
            None | Some(Value::Null) => None,
            Some(v) => Some(Assessment::new(v.clone())),
        }
    }
    /// Exactly the JSON answer of spec 6.4, dates as ISO strings.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &self.value)
    }
    /// The JSON answer as text.
    fn to_json(&self) -> String {
        self.value.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "Status(stage={}, paused={})",
            py_repr(&self.stage()),
            if self.paused() { "True" } else { "False" }
        )
    }
}

/// A review: its header and its append-only event log (spec 6.3).
#[pyclass(module = "dhr._dhr")]
pub struct Review {
    inner: lifecycle::Review,
}

fn new_review(v: &Value) -> Result<lifecycle::Review, Error> {
    lifecycle::Review::from_value(v)
}

#[pymethods]
impl Review {
    /// A new review with no events.
    #[new]
    #[pyo3(signature = (reference = None, rules = None))]
    fn new(
        py: Python<'_>,
        reference: Option<&Bound<'_, PyAny>>,
        rules: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let doc = (|| -> ConvResult<Value> {
            let reference = match reference {
                None => Value::Null,
                Some(r) => to_value(r, "reference")?,
            };
            let rules = match rules {
                None => Value::String("stockton_2011".to_string()),
                Some(r) => to_value(r, "rules")?,
            };
            Ok(json_value!({
                "schema_version": json::SCHEMA_VERSION,
                "reference": reference,
                "rules": rules,
                "events": [],
            }))
        })()
        .map_err(|e| e.into_py(py))?;
        let inner = guard(|| new_review(&doc))?.map_err(|e| to_py(py, &e))?;
        Ok(Review { inner })
    }

    /// A review from a dict in the shape of spec 6.3.
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        if data.cast::<PyString>().is_ok() {
            return Err(to_py(
                py,
                &Error::new(
                    ErrorCode::InvalidValue,
                    "",
                    "expected a dict (use Review.from_json for JSON text)",
                ),
            ));
        }
        let v = document(data).map_err(|e| e.into_py(py))?;
        let inner = guard(|| new_review(&v))?.map_err(|e| to_py(py, &e))?;
        Ok(Review { inner })
    }

    /// A review from JSON text in the shape of spec 6.3.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let v = match text.cast::<PyString>() {
            Ok(_) => document(text).map_err(|e| e.into_py(py))?,
            Err(_) => {
                return Err(to_py(
                    py,
                    &Error::new(ErrorCode::InvalidJson, "", "expected JSON text (a str)"),
                ))
            }
        };
        let inner = guard(|| new_review(&v))?.map_err(|e| to_py(py, &e))?;
        Ok(Review { inner })
    }

    /// Append one event (a dict in the shape of a 6.3 event). A refused
    /// event raises and leaves the review unchanged.
    fn apply(&mut self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<()> {
        let index = self.inner.events().len();
        let v = to_value(event, &json::item("events", index)).map_err(|e| match e {
            ConvError::Dhr(e) => to_py(py, &e.at_event(index)),
            ConvError::Py(e) => e,
        })?;
        let inner = &mut self.inner;
        guard(|| inner.apply_value(&v))?.map_err(|e| to_py(py, &e))
    }

    /// The review's reference.
    #[getter]
    fn reference(&self) -> Option<String> {
        self.inner.reference().map(str::to_string)
    }

    /// The events, in order, in the JSON shape.
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = self.inner.to_value();
        from_value(py, v.get("events").unwrap_or(&Value::Array(vec![])))
    }

    /// The review in the JSON shape of spec 6.3 (round-trips exactly).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &self.inner.to_value())
    }

    /// The review as JSON text.
    fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// The review as it stood on `as_of` (spec 6.4).
    #[pyo3(signature = (as_of, *, due_soon_days = None, rules = None, dardr_commenced = None, susr_from = None))]
    fn status(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        due_soon_days: Option<&Bound<'_, PyAny>>,
        rules: Option<&Bound<'_, PyAny>>,
        dardr_commenced: Option<&Bound<'_, PyAny>>,
        susr_from: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Status> {
        let (as_of, opts) = (|| -> ConvResult<_> {
            let as_of = date_from_py(as_of, "as_of")?;
            let mut opts = StatusOptions::default();
            if let Some(n) = due_soon_days.filter(|o| !o.is_none()) {
                opts.due_soon_days = count_arg(n, "due_soon_days")?;
            }
            if let Some(r) = rules.filter(|o| !o.is_none()) {
                opts.rules = Some(rules_arg(r, "rules")?);
            }
            opts.assess = options(dardr_commenced, susr_from)?;
            Ok((as_of, opts))
        })()
        .map_err(|e| e.into_py(py))?;
        let inner = &self.inner;
        let v = guard(|| inner.status(as_of, &opts).map(|s| s.to_value()))?
            .map_err(|e| to_py(py, &e))?;
        Ok(Status { value: v })
    }

    fn __len__(&self) -> usize {
        self.inner.events().len()
    }

    fn __repr__(&self) -> String {
        format!("<dhr.Review with {} events>", self.inner.events().len())
    }
}

/// Add `Review`, `Status` and `Deadline` to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Review>()?;
    m.add_class::<Status>()?;
    m.add_class::<Deadline>()?;
    Ok(())
}
