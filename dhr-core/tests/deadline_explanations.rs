//! The deadline writer against frozen answers: `tests/fixtures/explanations/cases.jsonl`
//! holds what the explanation writer of before issue 8 (the eager one the lazy
//! `Deadline::explanation` replaced) produced for generated review logs, every
//! built-in rule set, a set with QA-panel meeting dates and a custom set (every
//! period unit, policy, region and start occurrence), at many as-of dates. Each
//! deadline's spec 6.4 JSON, explanation included, must come out byte for byte.
//!
//! The file was generated once (issue 12) and is never regenerated: a change in
//! any answer or sentence shows here as a failure, to be explained in the change.
//! Its first line names the rule sets; each further line is one log with the
//! checks made on it: `{"events": [...], "checks": [{"rules", "as_of",
//! "due_soon_days", "deadlines": [...]} or {..., "error": {code, path, message}}]}`.
//! The checks were chosen so that every (rule set, rule, status, clamped) and
//! every kind of explanation (not started, closed, no actions, no QA meetings,
//! no meeting after, counted with 0, 1 or 2+ pauses, a pause before the start,
//! each start trigger) the generator reached appears at least once.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::NaiveDate;
use dhr_core::deadlines::{evaluate, DeadlineStatus};
use dhr_core::lifecycle::Event;
use dhr_core::rules::{RuleSet, BUILTIN_IDS};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const CASES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/explanations/cases.jsonl"
);

fn date(v: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d").unwrap()
}

/// The named rule sets of the file's first line.
fn rule_sets(header: &Value) -> BTreeMap<String, RuleSet> {
    header["rule_sets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let set = match (&s["builtin"], &s["rule_set"]) {
                (Value::String(id), Value::Null) => RuleSet::builtin(id).unwrap(),
                (Value::Null, doc) => RuleSet::from_value(doc, "").unwrap(),
                _ => panic!("a rule set is built-in or given: {s}"),
            };
            let set = match s.get("qa_panel_meetings") {
                Some(Value::Array(m)) => set.with_qa_panel_meetings(m.iter().map(date).collect()),
                _ => set,
            };
            (s["name"].as_str().unwrap().to_string(), set)
        })
        .collect()
}

/// A log line: its events, read back, and the checks made on it.
type Log = (Vec<Event>, Vec<Value>);

/// The rule sets and every log line.
fn logs() -> (BTreeMap<String, RuleSet>, Vec<Log>) {
    let text = std::fs::read_to_string(CASES).unwrap();
    let mut lines = text.lines();
    let sets = rule_sets(&serde_json::from_str(lines.next().unwrap()).unwrap());
    let logs = lines
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            let events = v["events"]
                .as_array()
                .unwrap()
                .iter()
                .enumerate()
                .map(|(i, e)| Event::from_value(e, &format!("events[{i}]")).unwrap())
                .collect();
            (events, v["checks"].as_array().unwrap().clone())
        })
        .collect();
    (sets, logs)
}

#[test]
fn deadlines_and_explanations_match_the_frozen_answers() {
    let (sets, logs) = logs();
    let mut compared = 0;
    for (line, (events, checks)) in logs.iter().enumerate() {
        for check in checks {
            let set = &sets[check["rules"].as_str().unwrap()];
            let as_of = date(&check["as_of"]);
            let soon = u32::try_from(check["due_soon_days"].as_u64().unwrap()).unwrap();
            let at = format!("line {}, {} as of {as_of}", line + 2, check["rules"]);
            match (evaluate(set, events, as_of, soon), check.get("error")) {
                (Ok(got), None) => {
                    let want = check["deadlines"].as_array().unwrap();
                    assert_eq!(got.len(), want.len(), "{at}");
                    for (g, w) in got.iter().zip(want) {
                        // Key order is kept (serde_json's preserve_order), so
                        // the text is compared, not just the values.
                        assert_eq!(
                            serde_json::to_string(g).unwrap(),
                            serde_json::to_string(w).unwrap(),
                            "{at}"
                        );
                        assert_eq!(g.explanation(), w["explanation"].as_str().unwrap(), "{at}");
                        assert_eq!(g.rule_def().id, g.rule(), "{at}");
                        compared += 1;
                    }
                }
                (Err(e), Some(want)) => {
                    assert_eq!(e.code().as_str(), want["code"], "{at}");
                    assert_eq!(e.path(), want["path"], "{at}");
                    assert_eq!(e.message(), want["message"], "{at}");
                    compared += 1;
                }
                (got, want) => panic!("{at}: got ok={} want {want:?}", got.is_ok()),
            }
        }
    }
    assert!(compared > 2_000, "{compared}");
}

#[test]
fn the_frozen_answers_cover_every_rule_and_status() {
    // The comparison above is only as good as the cases the file holds.
    let (sets, logs) = logs();
    let mut statuses = BTreeSet::new();
    let mut rules = BTreeSet::new();
    let (mut clamped, mut paused, mut errors) = (false, false, 0);
    for (_, checks) in &logs {
        for check in checks {
            errors += usize::from(check.get("error").is_some());
            for d in check["deadlines"].as_array().into_iter().flatten() {
                statuses.insert(d["status"].as_str().unwrap().to_string());
                rules.insert((
                    check["rules"].as_str().unwrap().to_string(),
                    d["rule"].as_str().unwrap().to_string(),
                ));
                clamped |= d["clamped"] == true;
                paused |= d["paused_days"].as_i64().unwrap() > 0;
            }
        }
    }
    for s in [
        DeadlineStatus::Met,
        DeadlineStatus::MetLate,
        DeadlineStatus::Due,
        DeadlineStatus::DueSoon,
        DeadlineStatus::Overdue,
        DeadlineStatus::Paused,
        DeadlineStatus::NotStarted,
        DeadlineStatus::NotApplicable,
    ] {
        assert!(statuses.contains(s.as_str()), "no {s} deadline");
    }
    for (name, set) in &sets {
        for r in set.rules() {
            assert!(
                rules.contains(&(name.clone(), r.id.clone())),
                "{name}/{} never reached",
                r.id
            );
        }
    }
    for id in BUILTIN_IDS {
        assert!(sets.contains_key(*id), "built-in set {id} missing");
    }
    assert!(clamped && paused && errors > 0);
}
