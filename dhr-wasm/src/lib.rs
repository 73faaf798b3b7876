//! WebAssembly bindings for dhr-core, for the `dhr-wasm` npm package.
//!
//! This crate holds conversions and nothing else. Every export takes JSON
//! text and returns JSON text: an envelope `{"ok": <answer>}` or
//! `{"error": {"code", "message", "path", "event_index"?}}` (the shape of
//! [`dhr_core::Error`]). The JavaScript wrapper in `dhr-wasm/js/core.js`
//! parses the envelope, returns the answer as a plain object and throws a
//! `DhrError` (a real `Error` with `.code` and `.path`) for an error.
//!
//! Why strings: JSON text crosses the boundary in one copy each way, and it
//! keeps the module small (no serde-wasm-bindgen, no js-sys); the codes and
//! paths of bad input are those of dhr-core's strict reader, because the same
//! reader parses everything, including each function's arguments (an
//! `args` object such as `{"asOf": "2024-02-20", "options": {...}}`).
//!
//! The module keeps no state between calls: a `Review` lives in JavaScript as
//! its 6.3 document, so that the wrapper can replace a module that trapped
//! (a bug, since nothing here panics on input) without losing anything.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use dhr_core::json::{self, Obj};
use dhr_core::{Error, ErrorCode, Result};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// The envelope of a result, as JSON text.
fn envelope(result: Result<Value>) -> String {
    match result {
        Ok(value) => match serde_json::to_string(&value) {
            Ok(text) => format!("{{\"ok\":{text}}}"),
            Err(_) => error_envelope(&Error::new(
                ErrorCode::InvalidValue,
                "",
                "the answer could not be written as JSON",
            )),
        },
        Err(err) => error_envelope(&err),
    }
}

/// The envelope of an error: `{"error": {"code", "message", "path", ...}}`.
fn error_envelope(err: &Error) -> String {
    err.to_json_value().to_string()
}

/// Parse the `args` object of a call, allowing `keys`.
fn args<'a>(value: &'a Value, keys: &[&str]) -> Result<Obj<'a>> {
    Obj::new(value, "", keys)
}

/// Stop the module with a trap, as a bug would. Only for the wrapper's test
/// that a trapped module is replaced and the package stays usable.
#[doc(hidden)]
#[wasm_bindgen]
pub fn __dhr_trap() {
    std::process::abort();
}

/// Whether `date` (a "YYYY-MM-DD" string) is a valid interchange date; the
/// answer is the date itself. Used by the wrapper's tests of the envelope.
#[wasm_bindgen]
pub fn check_date(args_text: &str) -> String {
    envelope((|| {
        let value = json::parse(args_text)?;
        let a = args(&value, &["date"])?;
        let date = a.req_date("date")?;
        Ok(Value::String(json::fmt_date(date)))
    })())
}
