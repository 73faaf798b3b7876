//! `dhr status FILE|- --as-of YYYY-MM-DD` (spec section 7): read a review
//! (spec 6.3), print its status as of that date (spec 6.4) as one line of
//! JSON, exit 0. `--rules FILE` counts the deadlines by a custom rule set
//! instead of the review's own (the receipt's `engine.rules.id` says which);
//! `--due-soon-days N` sets the `due_soon` threshold; `--dardr-commenced`
//! and `--susr-from` go to the assessment of the review's death document.
//!
//! With `--jsonl` (spec 8.9), one review per line in and one status per line
//! out, all as of the same date; a line that fails gives `{"error": {"code",
//! "message", "path", "line"}}` on its own line of standard output, and the
//! exit code is 2 if any line failed, as `assess --jsonl`
//! ([`dhr_core::batch::status_lines`]).

use crate::{read_input, Common, Outcome};
use dhr_core::batch;
use dhr_core::lifecycle::{Review, StatusOptions};
use dhr_core::{Error, ErrorCode};
use std::io::Write;
use std::process::ExitCode;

fn write_error(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}"))
}

/// Run `dhr status`.
pub fn run(file: &str, as_of: &str, jsonl: bool, common: &Common) -> Outcome {
    let as_of = dhr_core::json::parse_date(as_of, "--as-of")?;
    let opts = StatusOptions::from_values(&mut &*common)?;
    let text = read_input(file)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = false;
    if jsonl {
        for (line, status) in batch::status_lines(&text, as_of, &opts) {
            let json = match status {
                // Written from the struct, so the keys keep the order of spec 6.4.
                Ok(status) => serde_json::to_string(&status),
                Err(err) => {
                    failed = true;
                    serde_json::to_string(&batch::line_error_value(&err, line))
                }
            };
            writeln!(out, "{}", json.map_err(write_error)?).map_err(write_error)?;
        }
    } else {
        let status = Review::from_json(&text)?.status(as_of, &opts)?;
        let json = serde_json::to_string(&status).map_err(write_error)?;
        writeln!(out, "{json}").map_err(write_error)?;
    }
    out.flush().map_err(write_error)?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
