//! `dhr assess FILE|-` (spec section 7): a death (6.1) in, the answer (6.2) out.
//!
//! With `--jsonl`, one death per line in and one answer per line out; a line
//! that fails gives `{"error": {"code", "message", "path", "line"}}` on its
//! own line of standard output, and the exit code is 2 if any line failed.
//! Blank lines are skipped.

use crate::{date_option, read_input, Common, Outcome};
use dhr_core::case::Death;
use dhr_core::eligibility::{assess, AssessOptions, Assessment};
use dhr_core::{Error, ErrorCode};
use serde_json::Value;
use std::io::Write;
use std::process::ExitCode;

/// The assessment options from the command line. Options that do not apply to
/// `assess` (`--rules`, `--due-soon-days`) are still checked, then unused.
fn options(common: &Common) -> Result<AssessOptions, Error> {
    let mut opts = AssessOptions {
        dardr_commenced: date_option(&common.dardr_commenced, "--dardr-commenced")?,
        ..AssessOptions::default()
    };
    if let Some(d) = date_option(&common.susr_from, "--susr-from")? {
        opts.susr_from = d;
    }
    if let Some(n) = &common.due_soon_days {
        if n.parse::<u32>().is_err() {
            return Err(Error::new(
                ErrorCode::Usage,
                "--due-soon-days",
                "expected a whole number of days",
            ));
        }
    }
    if let Some(path) = &common.rules {
        let text = read_input(&path.to_string_lossy())?;
        dhr_core::rules::RuleSet::from_json(&text).map_err(|e| e.under("--rules"))?;
    }
    Ok(opts)
}

fn write_line(out: &mut impl Write, json: serde_json::Result<String>) -> Result<(), Error> {
    let fail = |e: &dyn std::fmt::Display| {
        Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}"))
    };
    let json = json.map_err(|e| fail(&e))?;
    writeln!(out, "{json}").map_err(|e| fail(&e))
}

fn assess_text(text: &str, opts: &AssessOptions) -> Result<Assessment, Error> {
    let death = Death::from_json(text)?;
    assess(&death, opts)
}

/// Run `dhr assess`.
pub fn run(file: &str, jsonl: bool, common: &Common) -> Outcome {
    let opts = options(common)?;
    let text = read_input(file)?;
    // Buffered: one write per batch of answers, not one per line.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if !jsonl {
        // The answer is written from the struct, so its keys keep the
        // order of spec 6.2.
        let answer = assess_text(&text, &opts)?;
        write_line(&mut out, serde_json::to_string(&answer))?;
        out.flush()
            .map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut failed = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match assess_text(line, &opts) {
            Ok(answer) => write_line(&mut out, serde_json::to_string(&answer))?,
            Err(err) => {
                failed = true;
                let mut v = err.to_json_value();
                if let Some(Value::Object(e)) = v.get_mut("error") {
                    e.insert("line".to_string(), Value::from(i + 1));
                }
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
