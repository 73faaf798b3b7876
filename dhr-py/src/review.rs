//! `Review` (spec 6.3) and its `status` (spec 6.4).
//!
//! `Status` and `Deadline` hold dhr-core's typed answers and convert them
//! field by field; their JSON shape (`to_dict()`) is the core's
//! serialisation.

use crate::assess::{json_of, opt_date_to_py, status_options, Assessment, PyOptions};
use crate::convert::{date_from_py, date_to_py, document, from_value, py_repr, to_value};
use crate::convert::{ConvError, ConvResult};
use crate::errors::{guard, to_py};
use dhr_core::lifecycle;
use dhr_core::{json, options, Error, ErrorCode};
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde_json::Value;
use std::sync::OnceLock;

/// One deadline of a status (spec 6.4).
#[pyclass(frozen, eq, module = "dhr._dhr")]
#[derive(Clone)]
pub struct Deadline {
    inner: dhr_core::Deadline,
}

impl PartialEq for Deadline {
    /// Equal when the JSON shapes are.
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.inner, &other.inner);
        (a.rule(), a.from, a.due, a.clamped, a.paused_days, a.status)
            == (b.rule(), b.from, b.due, b.clamped, b.paused_days, b.status)
            && (a.days_left, a.days_late, a.citation()) == (b.days_left, b.days_late, b.citation())
            && a.explanation() == b.explanation()
    }
}

#[pymethods]
impl Deadline {
    /// The rule id (`terms_of_reference`, `home_office_submission`, ...).
    #[getter]
    fn rule(&self) -> &str {
        self.inner.rule()
    }
    /// The date the period runs from (JSON `from`), or None if not started.
    #[getter]
    fn from_<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_date_to_py(py, self.inner.from)
    }
    /// The due date, or None where it does not apply.
    #[getter]
    fn due<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_date_to_py(py, self.inner.due)
    }
    /// Whether the due date's day-number was clamped to the month end.
    #[getter]
    fn clamped(&self) -> bool {
        self.inner.clamped
    }
    /// Days the clock was stopped by pauses.
    #[getter]
    fn paused_days(&self) -> i64 {
        self.inner.paused_days
    }
    /// `met`, `met_late`, `due`, `due_soon`, `overdue`, `paused`,
    /// `not_started` or `not_applicable`.
    #[getter]
    fn status(&self) -> &'static str {
        self.inner.status.as_str()
    }
    /// Calendar days from the as-of date to the due date.
    #[getter]
    fn days_left(&self) -> Option<i64> {
        self.inner.days_left
    }
    /// Days after the due date.
    #[getter]
    fn days_late(&self) -> Option<i64> {
        self.inner.days_late
    }
    /// The source of the rule.
    #[getter]
    fn citation(&self) -> &str {
        self.inner.citation()
    }
    /// A plain-English explanation.
    #[getter]
    fn explanation(&self) -> String {
        self.inner.explanation()
    }
    /// The JSON shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &json_of(&self.inner)?)
    }
    fn __repr__(&self) -> String {
        format!(
            "Deadline(rule={}, status={})",
            py_repr(self.rule()),
            py_repr(self.status())
        )
    }
}

/// The answer of `Review.status` (spec 6.4): dhr-core's typed answer, its
/// JSON written only when asked for.
#[pyclass(frozen, eq, module = "dhr._dhr")]
pub struct Status {
    inner: lifecycle::Status,
    json: OnceLock<Value>,
}

impl PartialEq for Status {
    /// Equal when the JSON answers are.
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value()
    }
}

impl Status {
    /// The 6.4 answer as JSON.
    fn value(&self) -> &Value {
        self.json.get_or_init(|| self.inner.to_value())
    }
}

#[pymethods]
impl Status {
    /// The review's reference.
    #[getter]
    fn reference(&self) -> Option<&str> {
        self.inner.reference.as_deref()
    }
    /// The date the status is as of.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        date_to_py(py, self.inner.as_of).map(Some)
    }
    /// The furthest lifecycle event reached, or `closed_no_review`.
    #[getter]
    fn stage(&self) -> &'static str {
        self.inner.stage.as_str()
    }
    /// Whether the review is paused on the as-of date.
    #[getter]
    fn paused(&self) -> bool {
        self.inner.paused
    }
    /// Every rule of the rule set, in its order.
    #[getter]
    fn deadlines(&self) -> Vec<Deadline> {
        let deadlines = self.inner.deadlines.iter().cloned();
        deadlines.map(|inner| Deadline { inner }).collect()
    }
    /// One entry per agency (JSON shape).
    #[getter]
    fn imrs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &json_of(&self.inner.imrs)?)
    }
    /// The family track (JSON shape).
    #[getter]
    fn family<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &json_of(&self.inner.family)?)
    }
    /// The events that may come next, each with the roles allowed (JSON shape).
    #[getter]
    fn next<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &json_of(&self.inner.next)?)
    }
    /// Each action, in the order agreed then added, with its own deadline
    /// (spec 8.5; JSON shape).
    #[getter]
    fn actions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &json_of(&self.inner.actions)?)
    }
    /// The indices of the voided events, ascending (spec 8.4).
    #[getter]
    fn voided_events(&self) -> Vec<usize> {
        self.inner.voided_events.clone()
    }
    /// How many events are dated after the as-of date, and so ignored (spec 8.7).
    #[getter]
    fn events_after_as_of(&self) -> usize {
        self.inner.events_after_as_of
    }
    /// Warnings that refuse nothing, in the order of the events (spec 8.7;
    /// JSON shape: `code`, `message`, `path`).
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &json_of(&self.inner.warnings)?)
    }
    /// The assessment of the review's death, when the review has one.
    #[getter]
    fn assessment(&self) -> Option<Assessment> {
        self.inner.assessment.clone().map(Assessment::new)
    }
    /// The receipt (spec 8.3): engine, bank-holiday data, the rule set
    /// applied (id and hash) and the options after defaults.
    #[getter]
    fn engine(&self) -> crate::engine::Engine {
        crate::engine::Engine::new(self.inner.engine.clone())
    }
    /// Exactly the JSON answer of spec 6.4, dates as ISO strings.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, self.value())
    }
    /// The JSON answer as text.
    fn to_json(&self) -> String {
        self.value().to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "Status(stage={}, paused={})",
            py_repr(self.stage()),
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
        let (reference, rules) = (|| -> ConvResult<_> {
            let reference = match reference {
                None => Value::Null,
                Some(r) => to_value(r, "reference")?,
            };
            let rules = rules.map(|r| to_value(r, "rules")).transpose()?;
            Ok((reference, rules))
        })()
        .map_err(|e| e.into_py(py))?;
        let inner = guard(|| options::new_review(&reference, rules.as_ref()))?
            .map_err(|e| to_py(py, &e))?;
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
        from_value(py, &self.inner.log().to_value())
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
            let opts = status_options(PyOptions {
                due_soon_days,
                rules,
                dardr_commenced,
                susr_from,
            })?;
            Ok((as_of, opts))
        })()
        .map_err(|e| e.into_py(py))?;
        let inner = &self.inner;
        let status = guard(|| inner.status(as_of, &opts))?.map_err(|e| to_py(py, &e))?;
        Ok(Status {
            inner: status,
            json: OnceLock::new(),
        })
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
