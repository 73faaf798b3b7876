//! Person-facing wording (issue 16): no plain sentence of dhr-core holds a
//! field path or a snake_case token, over every shared golden fixture:
//! the reasons and questions of each assessment (tests/fixtures/assess), the
//! error messages of bad deaths (tests/fixtures/assess_errors) and the
//! deadline explanations of each status (tests/fixtures/status).

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use dhr_core::case::Death;
use dhr_core::eligibility::{assess, AssessOptions};
use dhr_core::lifecycle::{Review, StatusOptions};
use dhr_core::wording;
use serde_json::Value;
use std::path::PathBuf;

fn fixtures(dir: &str) -> Vec<(PathBuf, Value)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(dir);
    let mut out: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let v = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (p, v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The technical tokens a person must not see: `snake_case`, `a.b` field
/// paths, `name[0]` indices, ISO dates.
fn technical_token(s: &str) -> Option<String> {
    for raw in s.split(|c: char| c.is_whitespace() || "(),;:\"'".contains(c)) {
        let t = raw.trim_end_matches(['.', '?', '!']);
        let lower_word = |w: &str| {
            !w.is_empty()
                && w.bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        };
        let snake = t.contains('_') && t.split('_').all(lower_word);
        let path = t.split_once('.').is_some_and(|(a, b)| {
            a.len() > 2
                && b.len() > 2
                && lower_word(a.trim_end_matches(']').split('[').next().unwrap_or(""))
                && b.bytes().next().is_some_and(|c| c.is_ascii_lowercase())
        });
        let index = t.contains('[') && t.contains(']') && !t.starts_with('[');
        let iso = t.len() == 10
            && t.as_bytes().get(4) == Some(&b'-')
            && t[..4].bytes().all(|c| c.is_ascii_digit());
        if snake || path || index || iso || t.contains("_") {
            return Some(t.to_string());
        }
    }
    None
}

fn assert_plain(what: &str, s: &str) {
    assert!(
        technical_token(s).is_none(),
        "{what}: {:?} in {s:?}",
        technical_token(s)
    );
}

#[test]
fn the_checker_catches_what_it_must() {
    for bad in [
        "suspects[0]: x",
        "a coercive_control b",
        "deceased.date_of_birth is",
        "on 2024-02-29.",
    ] {
        assert!(technical_token(bad).is_some(), "{bad}");
    }
    assert!(technical_token("DVCVA 2004 s.9(1) and s.8A, e.g. 29 February 2024.").is_none());
}

fn options(v: &Value) -> AssessOptions {
    let mut o = AssessOptions::default();
    let date = |k: &str| {
        v.get("options")
            .and_then(|o| o.get(k))
            .and_then(Value::as_str)
            .map(|d| dhr_core::json::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())
    };
    if let Some(d) = date("dardr_commenced") {
        o.dardr_commenced = Some(d);
    }
    if let Some(d) = date("susr_from") {
        o.susr_from = d;
    }
    o
}

#[test]
fn every_reason_and_question_is_in_plain_words() {
    let mut n = 0;
    for (path, case) in fixtures("assess") {
        if !case["input"].is_object() {
            continue;
        }
        let death = Death::from_json(&case["input"].to_string()).unwrap();
        let a = assess(&death, &options(&case)).unwrap();
        let v = wording::assessment(&a);
        for r in v["reasons"].as_array().unwrap() {
            assert_plain(
                &format!("{} {}", path.display(), r["code"]),
                r["text"].as_str().unwrap(),
            );
            n += 1;
        }
        let q = v["questions"].as_array().unwrap();
        assert_eq!(q.len(), a.missing.len(), "{}", path.display());
        for q in q {
            assert_plain(&path.display().to_string(), q.as_str().unwrap());
        }
    }
    assert!(n > 100, "{n} reasons");
}

#[test]
fn every_error_message_is_in_plain_words() {
    for (path, case) in fixtures("assess_errors") {
        let text = case["input"].to_string();
        let err = match Death::from_json(&text) {
            Err(e) => e,
            Ok(d) => match assess(&d, &AssessOptions::default()) {
                Err(e) => e,
                Ok(_) => continue,
            },
        };
        assert_plain(&path.display().to_string(), &wording::error(&err));
    }
}

#[test]
fn every_deadline_explanation_is_in_plain_words() {
    let mut n = 0;
    for (path, case) in fixtures("status") {
        if !case["input"].is_object() {
            continue;
        }
        let review = Review::from_json(&case["input"].to_string()).unwrap();
        let Some(as_of) = case["options"]
            .get("as_of")
            .and_then(Value::as_str)
            .and_then(|d| dhr_core::json::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            continue;
        };
        let Ok(status) = review.status(as_of, &StatusOptions::default()) else {
            continue;
        };
        let v = wording::status(serde_json::to_value(&status).unwrap());
        for d in v["deadlines"].as_array().unwrap() {
            let e = d["explanation"].as_str().unwrap();
            assert!(!e.contains("Source:"), "{e}");
            assert_plain(&path.display().to_string(), e);
            n += 1;
        }
    }
    assert!(n > 0);
}
