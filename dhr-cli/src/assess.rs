//! `dhr assess FILE|-` (spec section 7): a death (6.1) in, the answer (6.2) out.
//!
//! With `--jsonl`, one death per line in and one answer per line out; a line
//! that fails gives `{"error": {"code", "message", "path", "line"}}` on its
//! own line of standard output, and the exit code is 2 if any line failed.
//! Blank lines are skipped (dhr-core's [`dhr_core::batch::assess_lines`]).

use crate::{read_input, Common, Outcome};
use dhr_core::batch;
use dhr_core::case::Death;
use dhr_core::eligibility::assess;
use dhr_core::lifecycle::StatusOptions;
use dhr_core::{Error, ErrorCode};
use std::io::Write;
use std::process::ExitCode;

fn write_line(out: &mut impl Write, json: serde_json::Result<String>) -> Result<(), Error> {
    let fail = |e: &dyn std::fmt::Display| {
        Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}"))
    };
    let json = json.map_err(|e| fail(&e))?;
    writeln!(out, "{json}").map_err(|e| fail(&e))
}

/// Run `dhr assess`.
pub fn run(file: &str, jsonl: bool, common: &Common) -> Outcome {
    // Options that do not apply to `assess` (`--rules`, `--due-soon-days`)
    // are still checked, then unused.
    let opts = StatusOptions::from_values(&mut &*common)?.assess;
    let text = read_input(file)?;
    // Buffered: one write per batch of answers, not one per line.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if !jsonl {
        // The answer is written from the struct, so its keys keep the
        // order of spec 6.2.
        let answer = assess(&Death::from_json(&text)?, &opts)?;
        write_line(&mut out, serde_json::to_string(&answer))?;
        out.flush()
            .map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut failed = false;
    for (line, answer) in batch::assess_lines(&text, &opts) {
        match answer {
            Ok(answer) => write_line(&mut out, serde_json::to_string(&answer))?,
            Err(err) => {
                failed = true;
                let v = batch::line_error_value(&err, line);
                write_line(&mut out, serde_json::to_string(&v))?;
            }
        }
    }
    out.flush()
        .map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
