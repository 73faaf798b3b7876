//! `assess` and `assess_many`: a death (spec 6.1) in, an answer (6.2) out.

use crate::convert::{
    document, from_value, json_date_to_py, opt_date_from_py, py_repr, py_repr_list, ConvError,
    ConvResult,
};
use crate::errors::{guard, internal, to_py};
use dhr_core::case::Death;
use dhr_core::eligibility::{self, AssessOptions};
use dhr_core::json::item;
use dhr_core::{Error, ErrorCode};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

/// The assessment options from the keyword arguments (None: the default).
pub fn options(
    dardr_commenced: Option<&Bound<'_, PyAny>>,
    susr_from: Option<&Bound<'_, PyAny>>,
) -> ConvResult<AssessOptions> {
    let mut opts = AssessOptions {
        dardr_commenced: opt_date_from_py(dardr_commenced, "dardr_commenced")?,
        ..AssessOptions::default()
    };
    if let Some(d) = opt_date_from_py(susr_from, "susr_from")? {
        opts.susr_from = d;
    }
    Ok(opts)
}

/// Read and assess one death document (no Python involved: runs detached).
pub fn assess_value(v: &Value, opts: &AssessOptions) -> Result<Value, Error> {
    let death = Death::from_value(v)?;
    Ok(eligibility::assess(&death, opts)?.to_value())
}

/// Batches are split over the available cores (the caller has released
/// the GIL); the answers keep the order of the cases.
/// Below this many items a batch runs on the calling thread.
const PAR_MIN: usize = 4096;

/// Items are handed out in blocks of this many, to whichever thread is
/// free: on a shared machine one thread may be held up, and the others then
/// take its share.
const PAR_BLOCK: usize = 2048;

/// The blocks one thread did: (block index, results).
type Done<R> = Vec<(usize, Vec<R>)>;

/// `items.iter().map(f).collect()`, over up to one thread per core (the
/// calling thread and scoped threads taking blocks of items in turn; results
/// in order). `None` if a thread panicked (`f` should catch its own panics:
/// see [`guard`]).
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Option<Vec<R>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || items.len() < PAR_MIN {
        return Some(items.iter().map(f).collect());
    }
    let blocks: Vec<&[T]> = items.chunks(PAR_BLOCK).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done: Done<R> = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(block) = blocks.get(i) else {
                return done;
            };
            done.push((i, block.iter().map(&f).collect()));
        }
    };
    let parts: Option<Vec<Done<R>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mine = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).ok();
        let mut parts: Vec<Option<Done<R>>> = vec![mine];
        parts.extend(handles.into_iter().map(|h| h.join().ok()));
        parts.into_iter().collect()
    });
    let mut parts: Done<R> = parts?.into_iter().flatten().collect();
    parts.sort_unstable_by_key(|(i, _)| *i);
    let mut out = Vec::with_capacity(items.len());
    for (_, part) in parts {
        out.extend(part);
    }
    Some(out)
}

/// One case of a batch, ready to assess.
pub enum Input {
    /// Read on the fast path.
    Death(Death),
    /// A 6.1 document for `Death::from_value`.
    Document(Value),
    /// Not convertible (its error is kept by the caller).
    Failed,
}

/// The outcome of one document of a batch.
pub enum AnswerOrError<A = Value> {
    /// The answer (the 6.2 document, or a typed answer).
    Answer(A),
    /// Invalid input.
    Error(Error),
    /// A bug in dhr-core (reported as RuntimeError).
    Panic,
    /// The document could not be converted (its error is kept by the caller).
    Skipped,
}

fn str_field(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// One reason of an answer: a stable `code`, a plain-English `text` and the
/// `citation` of the rule applied.
#[pyclass(frozen, eq, module = "dhr._dhr")]
#[derive(Clone, PartialEq)]
pub struct Reason {
    value: Value,
}

#[pymethods]
impl Reason {
    /// The stable reason code.
    #[getter]
    fn code(&self) -> String {
        str_field(&self.value, "code")
    }
    /// The plain-English sentence.
    #[getter]
    fn text(&self) -> String {
        str_field(&self.value, "text")
    }
    /// The citation (e.g. `DVCVA 2004 s.9(1)`).
    #[getter]
    fn citation(&self) -> String {
        str_field(&self.value, "citation")
    }
    /// The JSON shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &self.value)
    }
    fn __repr__(&self) -> String {
        format!("Reason(code={})", py_repr(&str_field(&self.value, "code")))
    }
}

/// A related review to flag (spec 2.4): `kind`, `text`, `citation`, and for a
/// child safeguarding practice review the dates `notify_by` and
/// `rapid_review_by` where the death document gives `notified_on`.
#[pyclass(frozen, eq, module = "dhr._dhr")]
#[derive(Clone, PartialEq)]
pub struct RelatedReview {
    value: Value,
}

#[pymethods]
impl RelatedReview {
    /// The kind of review (e.g. `child_safeguarding_practice_review`).
    #[getter]
    fn kind(&self) -> String {
        str_field(&self.value, "kind")
    }
    /// The plain-English sentence.
    #[getter]
    fn text(&self) -> String {
        str_field(&self.value, "text")
    }
    /// The citation.
    #[getter]
    fn citation(&self) -> String {
        str_field(&self.value, "citation")
    }
    /// Date by which the review panel must be notified, where known.
    #[getter]
    fn notify_by<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        json_date_to_py(py, self.value.get("notify_by"))
    }
    /// Date by which the rapid review must be done, where known.
    #[getter]
    fn rapid_review_by<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        json_date_to_py(py, self.value.get("rapid_review_by"))
    }
    /// The JSON shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &self.value)
    }
    fn __repr__(&self) -> String {
        format!(
            "RelatedReview(kind={})",
            py_repr(&str_field(&self.value, "kind"))
        )
    }
}

/// The answer of `assess` (spec 6.2). Held as dhr-core's typed answer when
/// there is one, its JSON written only when asked for (`reasons`,
/// `to_dict()`...): the answers of a batch are rarely all read in full.
#[pyclass(frozen, eq, module = "dhr._dhr")]
pub struct Assessment {
    typed: Option<eligibility::Assessment>,
    json: std::sync::OnceLock<Value>,
}

impl PartialEq for Assessment {
    /// Equal when the JSON answers are.
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value()
    }
}

impl Assessment {
    /// Wrap a 6.2 answer.
    pub fn new(value: Value) -> Self {
        Assessment {
            typed: None,
            json: std::sync::OnceLock::from(value),
        }
    }

    /// Wrap a typed answer.
    pub fn from_typed(answer: eligibility::Assessment) -> Self {
        Assessment {
            typed: Some(answer),
            json: std::sync::OnceLock::new(),
        }
    }

    /// The 6.2 answer as JSON.
    fn value(&self) -> &Value {
        self.json.get_or_init(|| {
            self.typed
                .as_ref()
                .map_or(Value::Null, eligibility::Assessment::to_value)
        })
    }
}

#[pymethods]
impl Assessment {
    /// The caller's own id, echoed from the death document.
    #[getter]
    fn reference(&self) -> Option<String> {
        if let Some(a) = &self.typed {
            return a.reference.clone();
        }
        self.value()
            .get("reference")
            .and_then(Value::as_str)
            .map(str::to_string)
    }
    /// `required`, `consider`, `not_required`, `needs_information` or `out_of_scope`.
    #[getter]
    fn outcome(&self) -> String {
        match &self.typed {
            Some(a) => a.outcome.as_str().to_string(),
            None => str_field(self.value(), "outcome"),
        }
    }
    /// The test applied: `dhr_s9`, `dardr_s8a`, `susr_wales` or `none`.
    #[getter]
    fn regime(&self) -> String {
        match &self.typed {
            Some(a) => a.regime.as_str().to_string(),
            None => str_field(self.value(), "regime"),
        }
    }
    /// Why, in order, each with its citation.
    #[getter]
    fn reasons(&self) -> Vec<Reason> {
        self.list("reasons").map(|value| Reason { value }).collect()
    }
    /// Paths of the facts still to find (`deceased.age`, `suspects[0].connection`).
    #[getter]
    fn missing(&self) -> Vec<String> {
        match &self.typed {
            Some(a) => a.missing.iter().map(ToString::to_string).collect(),
            None => strings(self.value(), "missing"),
        }
    }
    /// Related reviews to flag.
    #[getter]
    fn related_reviews(&self) -> Vec<RelatedReview> {
        self.list("related_reviews")
            .map(|value| RelatedReview { value })
            .collect()
    }
    /// Exactly the JSON answer of spec 6.2, dates as ISO strings.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, self.value())
    }
    /// The JSON answer as text.
    fn to_json(&self) -> String {
        self.value().to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "Assessment(outcome={}, regime={}, missing={})",
            py_repr(&self.outcome()),
            py_repr(&self.regime()),
            py_repr_list(&self.missing())
        )
    }
}

impl Assessment {
    fn list(&self, key: &str) -> impl Iterator<Item = Value> + '_ {
        self.value()
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .cloned()
    }
}

/// Assess one death: a dict in the shape of spec 6.1, or its JSON text.
#[pyfunction]
#[pyo3(signature = (case, *, dardr_commenced = None, susr_from = None))]
fn assess(
    py: Python<'_>,
    case: &Bound<'_, PyAny>,
    dardr_commenced: Option<&Bound<'_, PyAny>>,
    susr_from: Option<&Bound<'_, PyAny>>,
) -> PyResult<Assessment> {
    let opts = options(dardr_commenced, susr_from).map_err(|e| e.into_py(py))?;
    if let Some(death) = crate::fast::Reader::new().death(case) {
        let answer = guard(|| eligibility::assess(&death, &opts))?.map_err(|e| to_py(py, &e))?;
        return Ok(Assessment::from_typed(answer));
    }
    let value = document(case).map_err(|e| e.into_py(py))?;
    let answer = guard(|| assess_value(&value, &opts))?.map_err(|e| to_py(py, &e))?;
    Ok(Assessment::new(answer))
}

/// `on_error`: raise the first error, or put it in the list in its place.
pub fn on_error_arg(obj: Option<&Bound<'_, PyAny>>) -> ConvResult<bool> {
    match obj {
        None => Ok(true),
        Some(o) => {
            let raise = crate::calendar::enum_arg(
                o,
                "on_error",
                |s| match s {
                    "raise" => Some(true),
                    "return" => Some(false),
                    _ => None,
                },
                &["raise", "return"],
            )?;
            Ok(raise)
        }
    }
}

/// Assess a sequence of deaths; the work runs in Rust with the GIL released.
#[pyfunction]
#[pyo3(signature = (cases, *, dardr_commenced = None, susr_from = None, on_error = None))]
fn assess_many<'py>(
    py: Python<'py>,
    cases: &Bound<'py, PyAny>,
    dardr_commenced: Option<&Bound<'py, PyAny>>,
    susr_from: Option<&Bound<'py, PyAny>>,
    on_error: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let (opts, raise) = (|| -> ConvResult<_> {
        Ok((
            options(dardr_commenced, susr_from)?,
            on_error_arg(on_error)?,
        ))
    })()
    .map_err(|e| e.into_py(py))?;
    if cases.cast::<pyo3::types::PyString>().is_ok() || cases.cast::<PyDict>().is_ok() {
        return Err(to_py(
            py,
            &Error::new(
                ErrorCode::InvalidValue,
                "",
                "expected a sequence of cases (use assess() for one case)",
            ),
        ));
    }
    let iter = cases.try_iter().map_err(|_| {
        to_py(
            py,
            &Error::new(ErrorCode::InvalidValue, "", "expected a sequence of cases"),
        )
    })?;
    // Each case read on the fast path (a dict straight to a Death) or as a
    // document; then all assessed with the GIL released.
    let mut values: Vec<Input> = Vec::new();
    let mut failed: Vec<Option<ConvError>> = Vec::new();
    let mut reader = crate::fast::Reader::new();
    for (i, case) in iter.enumerate() {
        let case = case?;
        if let Some(death) = reader.death(&case) {
            values.push(Input::Death(death));
            failed.push(None);
            continue;
        }
        match document(&case) {
            Ok(v) => {
                values.push(Input::Document(v));
                failed.push(None);
            }
            Err(e) if raise => return Err(e.under(&item("", i)).into_py(py)),
            Err(e) => {
                values.push(Input::Failed);
                failed.push(Some(e));
            }
        }
    }
    let answers = py.detach(|| {
        par_map(&values, |input| {
            let answer = match input {
                Input::Death(death) => guard(|| eligibility::assess(death, &opts)),
                Input::Document(v) => guard(|| {
                    Death::from_value(v).and_then(|death| eligibility::assess(&death, &opts))
                }),
                Input::Failed => return AnswerOrError::Skipped,
            };
            match answer {
                Ok(Ok(a)) => AnswerOrError::Answer(a),
                Ok(Err(e)) => AnswerOrError::Error(e),
                Err(_) => AnswerOrError::Panic,
            }
        })
        .unwrap_or_else(|| values.iter().map(|_| AnswerOrError::Panic).collect())
    });
    drop(values);
    let _paused = crate::cells::GcPause::new(py)?;
    let out = PyList::empty(py);
    for (i, (answer, conv)) in answers.into_iter().zip(failed).enumerate() {
        match answer {
            AnswerOrError::Answer(a) => out.append(Assessment::from_typed(a))?,
            AnswerOrError::Error(e) if raise => return Err(to_py(py, &e.under(&item("", i)))),
            AnswerOrError::Error(e) => out.append(to_py(py, &e).value(py))?,
            AnswerOrError::Panic => return Err(internal()),
            AnswerOrError::Skipped => match conv {
                Some(ConvError::Dhr(e)) => out.append(to_py(py, &e).value(py))?,
                Some(ConvError::Py(e)) => return Err(e),
                None => return Err(internal()),
            },
        }
    }
    Ok(out)
}

/// Add `assess`, `assess_many` and the answer classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Assessment>()?;
    m.add_class::<Reason>()?;
    m.add_class::<RelatedReview>()?;
    m.add_function(wrap_pyfunction!(assess, m)?)?;
    m.add_function(wrap_pyfunction!(assess_many, m)?)?;
    Ok(())
}
