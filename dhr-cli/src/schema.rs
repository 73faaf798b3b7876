//! `dhr schema NAME` (spec 8.8, 8.9): print one of dhr-core's JSON Schemas
//! (`death`, `review`, `rule_set`, `assessment`, `status`, `error`) as it is
//! in the repository's `docs/schema/NAME.json`.

use crate::Outcome;
use dhr_core::{Error, ErrorCode};
use std::io::Write;
use std::process::ExitCode;

/// Run `dhr schema`.
pub fn run(name: &str) -> Outcome {
    let text = dhr_core::schema::get(name)?;
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
