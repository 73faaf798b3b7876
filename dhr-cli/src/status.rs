//! `dhr status FILE|- --as-of YYYY-MM-DD` (spec section 7): read a review
//! (spec 6.3), print its status as of that date (spec 6.4) as one line of
//! JSON, exit 0. `--rules FILE` counts the deadlines by a custom rule set
//! instead of the review's own; `--due-soon-days N` sets the `due_soon`
//! threshold; `--dardr-commenced` and `--susr-from` go to the assessment of
//! the review's death document.

use crate::{date_option, read_input, Common, Outcome};
use dhr_core::lifecycle::{Review, StatusOptions};
use dhr_core::rules::RuleSet;
use dhr_core::{Error, ErrorCode};
use std::io::Write;
use std::process::ExitCode;

/// The status options given by the command line's shared options.
pub fn options(common: &Common) -> Result<StatusOptions, Error> {
    let mut opts = StatusOptions::default();
    if let Some(n) = &common.due_soon_days {
        opts.due_soon_days = n.parse().map_err(|_| {
            Error::new(
                ErrorCode::Usage,
                "--due-soon-days",
                "expected a whole number of days",
            )
        })?;
    }
    opts.assess.dardr_commenced = date_option(&common.dardr_commenced, "--dardr-commenced")?;
    if let Some(d) = date_option(&common.susr_from, "--susr-from")? {
        opts.assess.susr_from = d;
    }
    if let Some(path) = &common.rules {
        let text = read_input(&path.to_string_lossy())?;
        opts.rules = Some(RuleSet::from_json(&text).map_err(|e| e.under("--rules"))?);
    }
    Ok(opts)
}

/// Run `dhr status`.
pub fn run(file: &str, as_of: &str, common: &Common) -> Outcome {
    let as_of = dhr_core::json::parse_date(as_of, "--as-of")?;
    let opts = options(common)?;
    let review = Review::from_json(&read_input(file)?)?;
    let status = review.status(as_of, &opts)?;
    // Written from the struct, so the keys keep the order of spec 6.4.
    let line = serde_json::to_string(&status)
        .map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))?;
    writeln!(std::io::stdout().lock(), "{line}")
        .map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
