//! `dhr status FILE|- --as-of YYYY-MM-DD` (spec section 7): read a review
//! (spec 6.3), print its status as of that date (spec 6.4) as one line of
//! JSON, exit 0. `--rules FILE` counts the deadlines by a custom rule set
//! instead of the review's own; `--due-soon-days N` sets the `due_soon`
//! threshold; `--dardr-commenced` and `--susr-from` go to the assessment of
//! the review's death document.

use crate::{read_input, Common, Outcome};
use dhr_core::lifecycle::{Review, StatusOptions};
use dhr_core::{Error, ErrorCode};
use std::io::Write;
use std::process::ExitCode;

/// Run `dhr status`.
pub fn run(file: &str, as_of: &str, common: &Common) -> Outcome {
    let as_of = dhr_core::json::parse_date(as_of, "--as-of")?;
    let opts = StatusOptions::from_values(&mut &*common)?;
    let review = Review::from_json(&read_input(file)?)?;
    let status = review.status(as_of, &opts)?;
    // Written from the struct, so the keys keep the order of spec 6.4.
    let line = serde_json::to_string(&status)
        .map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))?;
    writeln!(std::io::stdout().lock(), "{line}")
        .map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
