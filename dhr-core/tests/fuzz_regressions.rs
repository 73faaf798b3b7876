//! Every input in tests/fuzz_regressions/<target>/ (crashes found by the
//! fuzzers in fuzz/, kept after the fix) runs through the same checks as its
//! fuzz target. The v1 fixtures and the golden fixtures' inputs run through
//! them too, so the checks themselves are exercised on every test run.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use dhr_core::{assess, AssessOptions, Death, Review, RuleSet, StatusOptions};
use std::path::{Path, PathBuf};

fn check_death(text: &str) {
    let Ok(death) = Death::from_json(text) else {
        return;
    };
    let value = death.to_value();
    let again = Death::from_value(&value).expect("an accepted death re-reads from its own JSON");
    assert_eq!(again.to_value(), value);
    for opts in [
        AssessOptions::default(),
        AssessOptions {
            dardr_commenced: NaiveDate::from_ymd_opt(2025, 1, 1),
            ..AssessOptions::default()
        },
    ] {
        if let Ok(a) = assess(&death, &opts) {
            let _ = a.to_value();
        }
    }
}

fn check_review(text: &str) {
    let parsed = Review::from_json(text);
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        if let Some(events) = value.get("events").and_then(|e| e.as_array()) {
            let rules = match &parsed {
                Ok(r) => r.rules().clone(),
                Err(_) => RuleSet::builtin("stockton_2011").unwrap(),
            };
            let mut replay = Review::new(None, rules);
            let mut all_ok = true;
            for ev in events {
                let before = replay.to_value();
                if replay.apply_value(ev).is_err() {
                    all_ok = false;
                    assert_eq!(
                        replay.to_value(),
                        before,
                        "a refused event changed the review"
                    );
                }
            }
            if let Ok(r) = &parsed {
                assert!(all_ok, "an accepted log was refused when replayed");
                assert_eq!(r.events().len(), replay.events().len());
            }
        }
    }
    let Ok(review) = parsed else { return };
    let value = review.to_value();
    assert_eq!(Review::from_value(&value).unwrap().to_value(), value);
    let mut dates: Vec<NaiveDate> = review.events().iter().map(|e| e.on).collect();
    dates.extend(
        [(1900, 1, 1), (2024, 2, 20), (2199, 12, 31)]
            .iter()
            .filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    );
    for as_of in dates.into_iter().take(8) {
        if let Ok(s) = review.status(as_of, &StatusOptions::default()) {
            let _ = s.to_value();
        }
    }
}

fn check_rules(text: &str) {
    let Ok(rules) = RuleSet::from_json(text) else {
        return;
    };
    let value = rules.to_value();
    assert_eq!(RuleSet::from_value(&value, "").unwrap().to_value(), value);
    let review = Review::from_json(
        &std::fs::read_to_string(root().join("tests/fixtures/v1/review_full.json")).unwrap(),
    )
    .unwrap();
    let opts = StatusOptions {
        rules: Some(rules),
        ..StatusOptions::default()
    };
    for (y, m, d) in [(2024, 1, 31), (2024, 3, 1), (2024, 9, 2), (2199, 12, 31)] {
        let _ = review.status(NaiveDate::from_ymd_opt(y, m, d).unwrap(), &opts);
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn run(target: &str, check: fn(&str)) -> usize {
    let dir = root().join("dhr-core/tests/fuzz_regressions").join(target);
    let mut n = 0;
    for p in files(&dir) {
        let bytes = std::fs::read(&p).unwrap();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            check(text);
        }
        n += 1;
    }
    n
}

#[test]
fn fuzz_regressions_death() {
    run("death", check_death);
    for p in files(&root().join("tests/fixtures/v1")) {
        check_death(&std::fs::read_to_string(p).unwrap());
    }
}

#[test]
fn fuzz_regressions_review() {
    run("review", check_review);
    for p in files(&root().join("tests/fixtures/v1")) {
        check_review(&std::fs::read_to_string(p).unwrap());
    }
}

#[test]
fn fuzz_regressions_rules() {
    run("rules", check_rules);
    for p in files(&root().join("dhr-core/data/rules")) {
        check_rules(&std::fs::read_to_string(p).unwrap());
    }
}
