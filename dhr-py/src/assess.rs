//! `assess` and `assess_many`: a death (spec 6.1) in, an answer (6.2) out.
//!
//! The answer classes hold dhr-core's typed answers and convert them field
//! by field; their JSON shape (`to_dict()`) is the core's serialisation.

use crate::calendar::count_arg;
use crate::convert::{
    self, date_to_py, from_value, opt_date_from_py, py_repr, py_repr_list, ConvError, ConvResult,
    Texts,
};
use crate::errors::{guard, internal, to_py};
use crate::rules::rules_arg;
use dhr_core::batch::{self, OnError};
use dhr_core::case::Death;
use dhr_core::eligibility::{self, AssessOptions};
use dhr_core::lifecycle::StatusOptions;
use dhr_core::options::{OptionName, OptionValues};
use dhr_core::rules::RuleSet;
use dhr_core::{Error, ErrorCode};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::Serialize;
use serde_json::Value;

/// The option keyword arguments of `assess` and `Review.status` (None: not
/// given), read by dhr-core's option names (the Python spelling is the path).
#[derive(Default)]
pub struct PyOptions<'a, 'py> {
    /// `due_soon_days`.
    pub due_soon_days: Option<&'a Bound<'py, PyAny>>,
    /// `rules`.
    pub rules: Option<&'a Bound<'py, PyAny>>,
    /// `dardr_commenced`.
    pub dardr_commenced: Option<&'a Bound<'py, PyAny>>,
    /// `susr_from`.
    pub susr_from: Option<&'a Bound<'py, PyAny>>,
}

impl<'a, 'py> PyOptions<'a, 'py> {
    fn get(&self, name: OptionName) -> Option<&'a Bound<'py, PyAny>> {
        let arg = match name {
            OptionName::DueSoonDays => self.due_soon_days,
            OptionName::Rules => self.rules,
            OptionName::DardrCommenced => self.dardr_commenced,
            OptionName::SusrFrom => self.susr_from,
        };
        arg.filter(|o| !o.is_none())
    }
}

impl OptionValues for PyOptions<'_, '_> {
    type Error = ConvError;

    fn date(&mut self, name: OptionName) -> ConvResult<Option<chrono::NaiveDate>> {
        opt_date_from_py(self.get(name), name.as_str())
    }

    fn count(&mut self, name: OptionName) -> ConvResult<Option<u32>> {
        self.get(name)
            .map(|n| count_arg(n, name.as_str()))
            .transpose()
    }

    fn rules(&mut self, name: OptionName) -> ConvResult<Option<RuleSet>> {
        self.get(name)
            .map(|r| rules_arg(r, name.as_str()))
            .transpose()
    }
}

/// The assessment options from the keyword arguments (None: the default).
pub fn options(
    dardr_commenced: Option<&Bound<'_, PyAny>>,
    susr_from: Option<&Bound<'_, PyAny>>,
) -> ConvResult<AssessOptions> {
    AssessOptions::from_values(&mut PyOptions {
        dardr_commenced,
        susr_from,
        ..PyOptions::default()
    })
}

/// The status options from the keyword arguments (None: the default).
pub fn status_options(args: PyOptions<'_, '_>) -> ConvResult<StatusOptions> {
    let mut args = args;
    StatusOptions::from_values(&mut args)
}

/// A dhr-core answer's JSON shape (its serialisation cannot fail: plain
/// strings, numbers and dates).
pub fn json_of<T: Serialize>(answer: &T) -> PyResult<Value> {
    serde_json::to_value(answer).map_err(|_| internal())
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
    if items.len() < PAR_MIN {
        return Some(items.iter().map(f).collect());
    }
    par_blocks(items, PAR_BLOCK, f)
}

/// Rows are handed out in runs of this many by [`par_ranges`].
const PAR_RUN: usize = 4096;

/// `f` over the runs of `0..n` (each of up to [`PAR_RUN`] items, in order),
/// over up to one thread per core as [`par_map`]: for callers that build
/// their answer a run at a time rather than an item at a time.
pub fn par_ranges<R: Send>(
    n: usize,
    f: impl Fn(std::ops::Range<usize>) -> R + Sync,
) -> Option<Vec<R>> {
    let runs: Vec<std::ops::Range<usize>> = (0..n)
        .step_by(PAR_RUN)
        .map(|start| start..(start + PAR_RUN).min(n))
        .collect();
    if runs.len() < 2 {
        return Some(runs.into_iter().map(f).collect());
    }
    // Each run is one item, taken by whichever thread is free.
    par_blocks(&runs, 1, |r| f(r.clone()))
}

/// [`par_map`] with blocks of `block` items, whatever the number of items.
fn par_blocks<T: Sync, R: Send>(
    items: &[T],
    block: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Option<Vec<R>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 {
        return Some(items.iter().map(f).collect());
    }
    let blocks: Vec<&[T]> = items.chunks(block.max(1)).collect();
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

/// The outcome of one document of a batch.
pub enum AnswerOrError<A = eligibility::Assessment> {
    /// The typed answer.
    Answer(A),
    /// Invalid input.
    Error(Error),
    /// A bug in dhr-core (reported as RuntimeError).
    Panic,
    /// The document could not be read (its error is kept by the caller).
    Skipped,
}

/// One reason of an answer: a stable `code`, a plain-English `text` and the
/// `citation` of the rule applied.
#[pyclass(frozen, eq, module = "dhr._dhr")]
#[derive(Clone)]
pub struct Reason {
    inner: eligibility::Reason,
}

impl PartialEq for Reason {
    /// Equal when the JSON shapes are.
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.inner, &other.inner);
        a.code() == b.code() && a.text() == b.text() && a.citation() == b.citation()
    }
}

#[pymethods]
impl Reason {
    /// The stable reason code.
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code().as_str()
    }
    /// The plain-English sentence.
    #[getter]
    fn text(&self) -> String {
        self.inner.text().into_owned()
    }
    /// The citation (e.g. `DVCVA 2004 s.9(1)`).
    #[getter]
    fn citation(&self) -> &'static str {
        self.inner.citation()
    }
    /// The JSON shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &json_of(&self.inner)?)
    }
    fn __repr__(&self) -> String {
        format!("Reason(code={})", py_repr(self.code()))
    }
}

/// A related review to flag (spec 2.4): `kind`, `text`, `citation`, and for a
/// child safeguarding practice review the dates `notify_by` and
/// `rapid_review_by` where the death document gives `notified_on`.
#[pyclass(frozen, eq, module = "dhr._dhr")]
#[derive(Clone)]
pub struct RelatedReview {
    inner: eligibility::RelatedReview,
}

impl PartialEq for RelatedReview {
    /// Equal when the JSON shapes are.
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.inner, &other.inner);
        (a.kind, &a.text, &a.citation, a.notify_by, a.rapid_review_by)
            == (b.kind, &b.text, &b.citation, b.notify_by, b.rapid_review_by)
    }
}

/// An optional date as a `datetime.date` (None stays None).
pub fn opt_date_to_py(
    py: Python<'_>,
    date: Option<chrono::NaiveDate>,
) -> PyResult<Option<Bound<'_, PyAny>>> {
    date.map(|d| date_to_py(py, d)).transpose()
}

#[pymethods]
impl RelatedReview {
    /// The kind of review (e.g. `child_safeguarding_practice_review`).
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }
    /// The plain-English sentence.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    /// The citation.
    #[getter]
    fn citation(&self) -> &str {
        &self.inner.citation
    }
    /// Date by which the review panel must be notified, where known.
    #[getter]
    fn notify_by<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_date_to_py(py, self.inner.notify_by)
    }
    /// Date by which the rapid review must be done, where known.
    #[getter]
    fn rapid_review_by<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_date_to_py(py, self.inner.rapid_review_by)
    }
    /// The JSON shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &json_of(&self.inner)?)
    }
    fn __repr__(&self) -> String {
        format!("RelatedReview(kind={})", py_repr(self.kind()))
    }
}

/// The answer of `assess` (spec 6.2): dhr-core's typed answer, its JSON
/// written only when asked for (`to_dict()`, `to_json()`, `==`): the
/// answers of a batch are rarely all read in full.
#[pyclass(frozen, eq, module = "dhr._dhr")]
pub struct Assessment {
    inner: eligibility::Assessment,
    json: std::sync::OnceLock<Value>,
}

impl PartialEq for Assessment {
    /// Equal when the JSON answers are.
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value()
    }
}

impl Assessment {
    /// Wrap a typed answer.
    pub fn new(answer: eligibility::Assessment) -> Self {
        Assessment {
            inner: answer,
            json: std::sync::OnceLock::new(),
        }
    }

    /// The 6.2 answer as JSON.
    fn value(&self) -> &Value {
        self.json.get_or_init(|| self.inner.to_value())
    }
}

#[pymethods]
impl Assessment {
    /// The caller's own id, echoed from the death document.
    #[getter]
    fn reference(&self) -> Option<&str> {
        self.inner.reference.as_deref()
    }
    /// `required`, `consider`, `not_required`, `needs_information` or `out_of_scope`.
    #[getter]
    fn outcome(&self) -> &'static str {
        self.inner.outcome.as_str()
    }
    /// The test applied: `dhr_s9`, `dardr_s8a`, `susr_wales` or `none`.
    #[getter]
    fn regime(&self) -> &'static str {
        self.inner.regime.as_str()
    }
    /// Why, in order, each with its citation.
    #[getter]
    fn reasons(&self) -> Vec<Reason> {
        let reasons = self.inner.reasons.iter().cloned();
        reasons.map(|inner| Reason { inner }).collect()
    }
    /// Paths of the facts still to find (`deceased.age`, `suspects[0].connection`).
    #[getter]
    fn missing(&self) -> Vec<String> {
        self.inner.missing.iter().map(ToString::to_string).collect()
    }
    /// Related reviews to flag.
    #[getter]
    fn related_reviews(&self) -> Vec<RelatedReview> {
        let related = self.inner.related_reviews.iter().cloned();
        related.map(|inner| RelatedReview { inner }).collect()
    }
    /// The receipt (spec 8.3): what produced the answer. None only for the
    /// assessment nested in a status (the status carries the receipt).
    #[getter]
    fn engine(&self) -> Option<crate::engine::Engine> {
        self.inner.engine.clone().map(crate::engine::Engine::new)
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
            py_repr(self.outcome()),
            py_repr(self.regime()),
            py_repr_list(&self.missing())
        )
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
    let death = convert::death(case, &Texts::new(py)).map_err(|e| e.into_py(py))?;
    let answer = guard(|| eligibility::assess(&death, &opts))?.map_err(|e| to_py(py, &e))?;
    Ok(Assessment::new(answer))
}

/// `on_error`: raise the first error, or put it in the list in its place.
pub fn on_error_arg(obj: Option<&Bound<'_, PyAny>>) -> ConvResult<bool> {
    let on_error = match obj {
        None => OnError::default(),
        Some(o) => crate::calendar::enum_arg(o, "on_error", OnError::from_str, OnError::NAMES)?,
    };
    Ok(on_error == OnError::Raise)
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
    // Each case read by dhr-core's reader of a death (a Python exception
    // raised while looking at one is raised at once); then all assessed with
    // the GIL released.
    let texts = Texts::new(py);
    let mut deaths: Vec<Result<Death, Error>> = Vec::with_capacity(cases.len().unwrap_or(0));
    for case in iter {
        match convert::death(&case?, &texts) {
            Ok(death) => deaths.push(Ok(death)),
            Err(ConvError::Dhr(e)) => deaths.push(Err(e)),
            Err(ConvError::Py(e)) => return Err(e),
        }
    }
    let answers = py.detach(|| {
        par_map(&deaths, |death| match death {
            Ok(death) => match guard(|| eligibility::assess(death, &opts)) {
                Ok(Ok(a)) => AnswerOrError::Answer(a),
                Ok(Err(e)) => AnswerOrError::Error(e),
                Err(_) => AnswerOrError::Panic,
            },
            Err(_) => AnswerOrError::Skipped,
        })
        .unwrap_or_else(|| deaths.iter().map(|_| AnswerOrError::Panic).collect())
    });
    let _paused = crate::cells::GcPause::new(py)?;
    let out = PyList::empty(py);
    for (i, (answer, read)) in answers.into_iter().zip(deaths).enumerate() {
        let error = match (answer, read) {
            (AnswerOrError::Answer(a), _) => {
                out.append(Assessment::new(a))?;
                continue;
            }
            (AnswerOrError::Error(e), _) | (AnswerOrError::Skipped, Err(e)) => e,
            (AnswerOrError::Panic | AnswerOrError::Skipped, _) => return Err(internal()),
        };
        if raise {
            return Err(to_py(py, &batch::item_error(error, i)));
        }
        out.append(to_py(py, &error).value(py))?;
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
