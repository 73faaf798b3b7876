//! `dhr demo`: the bundled, fictional example review run end to end and
//! printed as a readable report (spec section 7), or with `--json` as the
//! status JSON (spec 6.4). dhr-core writes both ([`dhr_core::report`]).

use crate::Outcome;
use dhr_core::report::Demo;
use dhr_core::{Error, ErrorCode};
use std::io::Write as _;
use std::process::ExitCode;

/// Run `dhr demo`.
pub fn run(as_of: Option<&str>, json: bool) -> Outcome {
    let as_of = as_of
        .map(|d| dhr_core::json::parse_date(d, "--as-of"))
        .transpose()?;
    let demo = Demo::new(as_of)?;
    let text = if json {
        // Written from the struct, so the keys keep the order of spec 6.4.
        let line = serde_json::to_string(&demo.status)
            .map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))?;
        format!("{line}\n")
    } else {
        demo.to_string()
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
