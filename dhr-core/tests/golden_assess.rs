//! The shared golden fixtures of `assess` (also read by the Python and
//! JavaScript suites): `tests/fixtures/assess/*.json` must give exactly their
//! `expected` answer, and `tests/fixtures/assess_errors/*.json` exactly their
//! `expected_error` code and path.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod golden_common;
use golden_common::{bless, blessing, date, dir, fixtures, read};

use dhr_core::eligibility::{assess, assess_json, AssessOptions};
use dhr_core::Death;
use serde_json::Value;

fn options(v: &Value) -> AssessOptions {
    let mut o = AssessOptions {
        dardr_commenced: date(v, "dardr_commenced"),
        ..AssessOptions::default()
    };
    if let Some(s) = date(v, "susr_from") {
        o.susr_from = s;
    }
    o
}

#[test]
fn assess_fixtures_give_their_expected_answer() {
    let all = fixtures("assess");
    assert!(all.len() >= 30, "only {} fixtures", all.len());
    let mut failures = Vec::new();
    for (name, fx) in &all {
        for key in ["description", "source", "options", "input", "expected"] {
            assert!(fx.get(key).is_some(), "{name}: no {key}");
        }
        let got = assess_json(&fx["input"].to_string(), &options(&fx["options"]))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if got != fx["expected"] && blessing() {
            bless("assess", name, fx, &got);
        } else if got != fx["expected"] {
            failures.push(format!(
                "{name}:\n  got      {got}\n  expected {}",
                fx["expected"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{} assess fixtures match", all.len());
}

#[test]
fn typed_answers_render_the_golden_texts_and_paths() {
    // The typed answer writes its reason texts and missing paths only when
    // asked: each way of asking gives exactly the golden strings.
    for (name, fx) in &fixtures("assess") {
        let death = Death::from_value(&fx["input"]).unwrap();
        let a = assess(&death, &options(&fx["options"])).unwrap();
        let want = &fx["expected"];
        let reasons = want["reasons"].as_array().unwrap();
        assert_eq!(a.reasons.len(), reasons.len(), "{name}");
        for (r, w) in a.reasons.iter().zip(reasons) {
            assert_eq!(r.code().as_str(), w["code"], "{name}");
            assert_eq!(r.text(), w["text"].as_str().unwrap(), "{name}");
            assert_eq!(r.to_string(), w["text"], "{name}");
            assert_eq!(r.citation(), w["citation"], "{name}");
        }
        let missing = want["missing"].as_array().unwrap();
        assert_eq!(a.missing.len(), missing.len(), "{name}");
        for (m, w) in a.missing.iter().zip(missing) {
            assert_eq!(m.to_string(), w.as_str().unwrap(), "{name}");
            assert!(*m == w.as_str().unwrap(), "{name}");
        }
        // Written as text (the CLI's way) and as a value: the same answer.
        let text = serde_json::to_string(&a).unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap(),
            *want,
            "{name}"
        );
        assert_eq!(a.to_value(), *want, "{name}");
    }
}

#[test]
fn assess_error_fixtures_give_their_code_and_path() {
    let all = fixtures("assess_errors");
    assert!(all.len() >= 15, "only {} fixtures", all.len());
    for (name, fx) in &all {
        let text = match (fx.get("input_text"), fx.get("input")) {
            (Some(Value::String(t)), None) => t.clone(),
            (None, Some(v)) => v.to_string(),
            _ => panic!("{name}: needs exactly one of input and input_text"),
        };
        let opts = fx.get("options").map(options).unwrap_or_default();
        let err = assess_json(&text, &opts).expect_err(name);
        let want = &fx["expected_error"];
        assert_eq!(err.code().as_str(), want["code"], "{name}: {err}");
        assert_eq!(err.path(), want["path"], "{name}: {err}");
    }
    eprintln!("{} assess error fixtures match", all.len());
}

#[test]
fn the_readme_example_is_the_spec_example() {
    // `dhr assess tests/fixtures/assess/spec_6_1.input.json` (README) reads
    // the same death as the golden fixture.
    let dir = dir("assess");
    let bare = read(&dir.join("spec_6_1.input.json"));
    let fx = read(&dir.join("spec_6_1.json"));
    assert_eq!(bare, fx["input"]);
    assert_eq!(fx["expected"]["outcome"], "required");
    assert_eq!(fx["expected"]["reference"], "STK-2024-003");
}
