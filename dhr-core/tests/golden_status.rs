//! The shared golden fixtures of `status` (also read by the Python and
//! JavaScript suites): `tests/fixtures/status/*.json` must give exactly their
//! `expected` answer (spec 6.4), and `tests/fixtures/status_errors/*.json`
//! exactly their `expected_error` code and path.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod golden_common;
use golden_common::{bless, blessing, date, dir, fixtures, read};

use chrono::NaiveDate;
use dhr_core::lifecycle::{status_json, StatusOptions};
use dhr_core::rules::RuleSet;
use serde_json::Value;

/// The fixture's `options`: null means the default.
fn options(v: &Value) -> (NaiveDate, StatusOptions) {
    let mut o = StatusOptions::default();
    if let Some(n) = v.get("due_soon_days").and_then(Value::as_u64) {
        o.due_soon_days = u32::try_from(n).unwrap();
    }
    if let Some(r) = v.get("rules").filter(|r| !r.is_null()) {
        o.rules = Some(RuleSet::from_value(r, "").unwrap());
    }
    o.assess.dardr_commenced = date(v, "dardr_commenced");
    if let Some(s) = date(v, "susr_from") {
        o.assess.susr_from = s;
    }
    (date(v, "as_of").expect("options.as_of"), o)
}

#[test]
fn status_fixtures_give_their_expected_answer() {
    let all = fixtures("status");
    assert!(all.len() >= 12, "only {} fixtures", all.len());
    let mut failures = Vec::new();
    for (name, fx) in &all {
        for key in ["description", "source", "options", "input", "expected"] {
            assert!(fx.get(key).is_some(), "{name}: no {key}");
        }
        let (as_of, opts) = options(&fx["options"]);
        let got = status_json(&fx["input"].to_string(), as_of, &opts)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if got != fx["expected"] && blessing() {
            bless("status", name, fx, &got);
        } else if got != fx["expected"] {
            failures.push(format!(
                "{name}:\n  got      {got}\n  expected {}",
                fx["expected"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn status_error_fixtures_give_their_code_and_path() {
    let all = fixtures("status_errors");
    assert!(all.len() >= 15, "only {} fixtures", all.len());
    for (name, fx) in &all {
        let text = match (fx.get("input_text"), fx.get("input")) {
            (Some(Value::String(t)), None) => t.clone(),
            (None, Some(v)) => v.to_string(),
            _ => panic!("{name}: needs exactly one of input and input_text"),
        };
        let (as_of, opts) = options(&fx["options"]);
        let err = status_json(&text, as_of, &opts).expect_err(name);
        let want = &fx["expected_error"];
        assert_eq!(err.code().as_str(), want["code"], "{name}: {err}");
        assert_eq!(err.path(), want["path"], "{name}: {err}");
    }
}

#[test]
fn the_spec_6_4_fixture_is_the_spec_example() {
    // Spec 6.4, key by key where the spec gives a value (it abridges
    // `explanation` and the other three rules of stockton_2011).
    let fx = read(&dir("status").join("spec_6_4.json"));
    let bare = read(&dir("status").join("spec_6_4.input.json"));
    assert_eq!(bare, fx["input"]);
    assert_eq!(fx["options"]["as_of"], "2024-02-20");
    assert_eq!(fx["input"]["events"].as_array().unwrap().len(), 1);
    let e = &fx["expected"];
    assert_eq!(e["reference"], "STK-2024-003");
    assert_eq!(e["as_of"], "2024-02-20");
    assert_eq!(e["stage"], "notified");
    assert_eq!(e["paused"], false);
    let tor = &e["deadlines"][0];
    for (k, v) in [
        ("rule", serde_json::json!("terms_of_reference")),
        ("from", serde_json::json!("2024-01-31")),
        ("due", serde_json::json!("2024-02-29")),
        ("clamped", serde_json::json!(true)),
        ("paused_days", serde_json::json!(0)),
        ("status", serde_json::json!("due_soon")),
        ("days_left", serde_json::json!(9)),
        ("days_late", Value::Null),
        (
            "citation",
            serde_json::json!("Stockton DHR procedure 2011, Timescales"),
        ),
    ] {
        assert_eq!(tor[k], v, "terms_of_reference.{k}");
    }
    let sub = &e["deadlines"][1];
    assert_eq!(sub["rule"], "home_office_submission");
    assert_eq!(sub["status"], "not_started");
    assert_eq!(sub["from"], Value::Null);
    assert_eq!(sub["due"], Value::Null);
    assert_eq!(e["imrs"], serde_json::json!([]));
    assert_eq!(
        e["family"],
        serde_json::json!({"contact_named": false, "leaflet_given": false,
            "advocacy_offered": false, "informed": false, "draft_shared": false})
    );
    assert_eq!(
        e["next"],
        serde_json::json!([{"event": "decided", "by": ["csp"]},
                           {"event": "paused", "by": ["chair", "csp"]}])
    );
    assert!(e.get("assessment").is_none());
}
