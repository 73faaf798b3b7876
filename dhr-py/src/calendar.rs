//! `add_months`, working days and bank holidays, for analysts.

use crate::convert::{date_from_py, date_to_py, ConvResult};
use crate::errors::{guard, IntoPy};
use chrono::NaiveDate;
use dhr_core::calendar::{self, MonthEndPolicy, Region};
use dhr_core::{json, Error, ErrorCode};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyString, PyTuple};

/// A whole number argument in `0..=u32::MAX` (a bool is refused).
pub fn count_arg(obj: &Bound<'_, PyAny>, path: &str) -> ConvResult<u32> {
    if obj.cast::<PyInt>().is_ok() && obj.cast::<PyBool>().is_err() {
        if let Ok(n) = obj.extract::<u32>() {
            return Ok(n);
        }
    }
    Err(Error::new(
        ErrorCode::InvalidValue,
        path,
        "expected a whole number from 0 to 4294967295",
    )
    .into())
}

/// An enum argument given as its snake_case string.
pub fn enum_arg<T>(
    obj: &Bound<'_, PyAny>,
    path: &str,
    parse: impl Fn(&str) -> Option<T>,
    names: &[&str],
) -> ConvResult<T> {
    let value = match obj.cast::<PyString>() {
        Ok(s) => serde_json::Value::String(crate::convert::text(s, path)?),
        Err(_) => crate::convert::to_value(obj, path)?,
    };
    Ok(json::enum_value(&value, path, parse, names)?)
}

fn region_arg(obj: Option<&Bound<'_, PyAny>>) -> ConvResult<Region> {
    match obj {
        None => Ok(Region::default()),
        Some(o) => enum_arg(o, "region", Region::from_str, Region::NAMES),
    }
}

/// The end of a period of months: `date` (a `datetime.date`) and whether the
/// day-number was changed because the end month is too short (`clamped`).
#[pyclass(frozen, eq, module = "dhr._dhr")]
#[derive(Clone, PartialEq, Eq)]
pub struct MonthsLater {
    date: NaiveDate,
    clamped: bool,
}

#[pymethods]
impl MonthsLater {
    /// The last day of the period.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        date_to_py(py, self.date)
    }

    /// Whether the start's day-number does not exist in the end month.
    #[getter]
    fn clamped(&self) -> bool {
        self.clamped
    }

    /// `{"date": "YYYY-MM-DD", "clamped": bool}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("date", json::fmt_date(self.date))?;
        d.set_item("clamped", self.clamped)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "MonthsLater(date=datetime.date({}), clamped={})",
            self.date.format("%Y, %-m, %-d"),
            if self.clamped { "True" } else { "False" }
        )
    }
}

/// `start` plus `months` calendar months by the corresponding date rule.
#[pyfunction]
#[pyo3(signature = (start, months, *, policy = None))]
fn add_months(
    py: Python<'_>,
    start: &Bound<'_, PyAny>,
    months: &Bound<'_, PyAny>,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<MonthsLater> {
    let args = (|| -> ConvResult<(NaiveDate, u32, MonthEndPolicy)> {
        let start = date_from_py(start, "start")?;
        let months = count_arg(months, "months")?;
        let policy = match policy {
            None => MonthEndPolicy::default(),
            Some(p) => enum_arg(p, "policy", MonthEndPolicy::from_str, MonthEndPolicy::NAMES)?,
        };
        Ok((start, months, policy))
    })()
    .map_err(|e| e.into_py(py))?;
    let later = guard(|| calendar::add_months(args.0, args.1, args.2))?.py_err(py)?;
    Ok(MonthsLater {
        date: later.date,
        clamped: later.clamped,
    })
}

/// Whether `date` is a working day in `region`.
#[pyfunction]
#[pyo3(signature = (date, region = None))]
fn is_working_day(
    py: Python<'_>,
    date: &Bound<'_, PyAny>,
    region: Option<&Bound<'_, PyAny>>,
) -> PyResult<bool> {
    let date = date_from_py(date, "date").map_err(|e| e.into_py(py))?;
    let region = region_arg(region).map_err(|e| e.into_py(py))?;
    guard(|| calendar::is_working_day(date, region))?.py_err(py)
}

/// The `days`-th working day after `start` in `region` (start excluded).
#[pyfunction]
#[pyo3(signature = (start, days, region = None))]
fn add_working_days<'py>(
    py: Python<'py>,
    start: &Bound<'py, PyAny>,
    days: &Bound<'py, PyAny>,
    region: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (start, days, region) = (|| -> ConvResult<_> {
        Ok((
            date_from_py(start, "start")?,
            count_arg(days, "days")?,
            region_arg(region)?,
        ))
    })()
    .map_err(|e| e.into_py(py))?;
    let date = guard(|| calendar::add_working_days(start, days, region))?.py_err(py)?;
    date_to_py(py, date)
}

/// The embedded bank holidays of `region`: `{date: title}` in date order.
#[pyfunction]
#[pyo3(signature = (region = None))]
fn bank_holidays<'py>(
    py: Python<'py>,
    region: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let region = region_arg(region).map_err(|e| e.into_py(py))?;
    let list = guard(|| calendar::bank_holidays(region))?.py_err(py)?;
    let out = PyDict::new(py);
    for h in &list.holidays {
        out.set_item(date_to_py(py, h.date)?, &h.title)?;
    }
    Ok(out)
}

/// The first and last day covered by the bank holidays of `region`.
#[pyfunction]
#[pyo3(signature = (region = None))]
fn bank_holiday_coverage<'py>(
    py: Python<'py>,
    region: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let region = region_arg(region).map_err(|e| e.into_py(py))?;
    let list = guard(|| calendar::bank_holidays(region))?.py_err(py)?;
    PyTuple::new(py, [date_to_py(py, list.from)?, date_to_py(py, list.to)?])
}

/// Add the calendar functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<MonthsLater>()?;
    m.add_function(wrap_pyfunction!(add_months, m)?)?;
    m.add_function(wrap_pyfunction!(is_working_day, m)?)?;
    m.add_function(wrap_pyfunction!(add_working_days, m)?)?;
    m.add_function(wrap_pyfunction!(bank_holidays, m)?)?;
    m.add_function(wrap_pyfunction!(bank_holiday_coverage, m)?)?;
    Ok(())
}
