//! `dhr demo`: a bundled, fully anonymised example review run end to end
//! and printed as a readable report (spec section 7), or with `--json` as
//! the status JSON (spec 6.4).

use crate::Outcome;
use dhr_core::lifecycle::{EventKind, Review, Stage, StatusOptions};
use dhr_core::{Error, ErrorCode};
use serde_json::Value;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

/// The example review (spec 6.3): a fictional area, agencies and people.
pub const REVIEW: &str = include_str!("../demo/review.json");

/// The example's own reporting date.
pub const AS_OF: &str = "2024-04-15";

/// Run `dhr demo`.
pub fn run(as_of: Option<&str>, json: bool) -> Outcome {
    let as_of = dhr_core::json::parse_date(as_of.unwrap_or(AS_OF), "--as-of")?;
    let review = Review::from_json(REVIEW)?;
    let status = review.status(as_of, &StatusOptions::default())?;
    let text = if json {
        // Written from the struct, so the keys keep the order of spec 6.4.
        let line = serde_json::to_string(&status)
            .map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))?;
        format!("{line}\n")
    } else {
        report(&review, &status.to_value())
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("-")
}

fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], |a| a.as_slice())
}

fn yes(v: &Value, key: &str) -> &'static str {
    if v.get(key).and_then(Value::as_bool) == Some(true) {
        "yes"
    } else {
        "no"
    }
}

/// The readable report: eligibility with reasons, the stages passed with
/// their dates, the IMR and family tracks, every deadline, what comes next.
pub fn report(review: &Review, status: &Value) -> String {
    let mut r = String::new();
    let _ = writeln!(
        r,
        "dhr demo: an example Domestic Homicide Review, end to end"
    );
    let _ = writeln!(
        r,
        "(fictional: the area, the agencies' records and the people are invented)"
    );
    let _ = writeln!(r);
    let _ = writeln!(
        r,
        "Review {}  rules {}  as of {}",
        s(status, "reference"),
        review.rules().id(),
        s(status, "as_of")
    );

    let _ = writeln!(r, "\nELIGIBILITY (spec section 2)");
    match status.get("assessment") {
        Some(a) => {
            let _ = writeln!(
                r,
                "  outcome: {}   regime: {}",
                s(a, "outcome"),
                s(a, "regime")
            );
            for reason in items(a, "reasons") {
                let _ = writeln!(r, "  - {} [{}]", s(reason, "text"), s(reason, "citation"));
            }
            for m in items(a, "missing") {
                let _ = writeln!(r, "  missing: {}", m.as_str().unwrap_or("-"));
            }
            for rel in items(a, "related_reviews") {
                let _ = writeln!(
                    r,
                    "  related: {}: {} [{}]",
                    s(rel, "kind"),
                    s(rel, "text"),
                    s(rel, "citation")
                );
            }
        }
        None => {
            let _ = writeln!(r, "  (the review carries no death document)");
        }
    }

    let _ = writeln!(r, "\nSTAGES PASSED (spec section 3)");
    let as_of = s(status, "as_of");
    for e in review.events() {
        let on = dhr_core::json::fmt_date(e.on);
        if on.as_str() > as_of {
            break;
        }
        let name = e.name();
        if Stage::of_event(name).is_some()
            || matches!(
                name.as_str(),
                "paused" | "resumed" | "commissioner_copy_sent"
            )
        {
            let what = match &e.kind {
                EventKind::ImrCommissioned { agency } => format!("{name} ({agency})"),
                EventKind::Paused { reason } => format!("{name} ({reason})"),
                _ => name.to_string(),
            };
            let _ = writeln!(r, "  {on}  {what:<40} by {}", e.by.as_str());
        }
    }
    let paused = if status.get("paused") == Some(&Value::Bool(true)) {
        "paused"
    } else {
        "not paused"
    };
    let _ = writeln!(r, "  now: {} ({paused})", s(status, "stage"));

    let _ = writeln!(r, "\nIMRS (one per agency)");
    // The first overview draft on or before the as-of date, to show which
    // IMRs were still outstanding then (section 3: the chair recorded why).
    let drafted = review
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::OverviewDrafted { .. }))
        .map(|e| dhr_core::json::fmt_date(e.on))
        .filter(|d| d.as_str() <= as_of);
    for imr in items(status, "imrs") {
        let mut steps = vec![format!("commissioned {}", s(imr, "commissioned_on"))];
        for (key, label) in [
            ("submitted_on", "submitted"),
            ("quality_assured_on", "quality-assured"),
            ("debriefed_on", "staff debriefed"),
            ("withdrawn_on", "withdrawn"),
        ] {
            if let Some(d) = imr.get(key).and_then(Value::as_str) {
                steps.push(format!("{label} {d}"));
            }
        }
        let _ = writeln!(
            r,
            "  {:<22} {:<16} {}",
            s(imr, "agency"),
            s(imr, "state"),
            steps.join(", ")
        );
        if let Some(drafted) = &drafted {
            let assured = imr.get("quality_assured_on").and_then(Value::as_str);
            let withdrawn = imr.get("withdrawn_on").and_then(Value::as_str);
            if withdrawn.is_none_or(|w| w > drafted.as_str())
                && assured.is_none_or(|q| q > drafted.as_str())
            {
                let _ = writeln!(
                    r,
                    "  {:<22} late: still outstanding when the overview was drafted on {drafted}",
                    ""
                );
            }
        }
    }

    if let Some(f) = status.get("family") {
        let _ = writeln!(r, "\nFAMILY");
        let _ = writeln!(
            r,
            "  contact named: {}  leaflet given: {}  advocacy offered: {}  informed: {}  draft shared: {}",
            yes(f, "contact_named"),
            yes(f, "leaflet_given"),
            yes(f, "advocacy_offered"),
            yes(f, "informed"),
            yes(f, "draft_shared")
        );
    }

    let _ = writeln!(r, "\nDEADLINES (spec section 4)");
    for d in items(status, "deadlines") {
        let mut line = format!("  {:<24} {:<14}", s(d, "rule"), s(d, "status"));
        if let Some(due) = d.get("due").and_then(Value::as_str) {
            let _ = write!(line, " due {due}");
        }
        if let Some(n) = d.get("days_left").and_then(Value::as_i64) {
            let _ = write!(line, ", {n} days left");
        }
        if let Some(n) = d.get("days_late").and_then(Value::as_i64) {
            let _ = write!(line, ", {n} days late");
        }
        if let Some(n) = d
            .get("paused_days")
            .and_then(Value::as_i64)
            .filter(|n| *n > 0)
        {
            let _ = write!(line, ", {n} days paused");
        }
        let _ = writeln!(r, "{}", line.trim_end());
        let _ = writeln!(r, "      {}", s(d, "explanation"));
    }

    let _ = writeln!(r, "\nNEXT (events that may be recorded now, and by whom)");
    for n in items(status, "next") {
        let by: Vec<&str> = items(n, "by").iter().filter_map(Value::as_str).collect();
        let _ = writeln!(r, "  {:<28} {}", s(n, "event"), by.join(", "));
    }
    r
}
