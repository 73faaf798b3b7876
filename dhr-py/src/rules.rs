//! Rule-set arguments: a built-in id, or a rule-set object.

use crate::convert::{to_value, ConvResult};
use dhr_core::json;
use dhr_core::rules::RuleSet;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// A rule-set argument: a built-in id, or a rule-set object (dict or JSON text
/// starting with `{`).
pub fn rules_arg(obj: &Bound<'_, PyAny>, path: &str) -> ConvResult<RuleSet> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = crate::convert::text(s, path)?;
        if text.trim_start().starts_with('{') {
            let v = json::parse(&text).map_err(|e| e.under(path))?;
            return Ok(RuleSet::from_value(&v, path)?);
        }
        return Ok(RuleSet::builtin(&text).map_err(|e| {
            if e.path().is_empty() {
                e.under(path)
            } else {
                e
            }
        })?);
    }
    let v = to_value(obj, path)?;
    Ok(RuleSet::from_value(&v, path)?)
}
