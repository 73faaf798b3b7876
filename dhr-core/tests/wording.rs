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

#[test]
fn every_status_word_and_event_line_is_in_plain_words() {
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
        let what = path.display().to_string();
        let v = wording::status(serde_json::to_value(&status).unwrap());
        assert_plain(&what, v["stage_text"].as_str().unwrap());
        for d in v["deadlines"].as_array().unwrap() {
            assert_plain(&what, d["status_text"].as_str().unwrap());
            assert_plain(&what, d["facts"].as_str().unwrap());
            // The facts name the due date in en-GB when there is one.
            if let Some(due) = d["due"].as_str() {
                let due = dhr_core::json::parse_date(due, "").unwrap();
                assert!(
                    d["facts"].as_str().unwrap().contains(&wording::date(due)),
                    "{d}"
                );
            }
        }
        for x in v["next"].as_array().unwrap() {
            assert_plain(&what, x["text"].as_str().unwrap());
        }
        let events = wording::events(review.events(), as_of);
        assert_eq!(events.as_array().unwrap().len(), review.events().len());
        for e in events.as_array().unwrap() {
            assert_plain(&what, e["text"].as_str().unwrap());
            assert_plain(&what, e["date"].as_str().unwrap());
            n += 1;
        }
    }
    assert!(n > 50, "{n} events");
}

#[test]
fn a_date_of_death_after_today_is_warned_about_and_today_is_not() {
    let death = |dod: &str, notified: &str| {
        Death::from_json(&format!(
            r#"{{"schema_version": 1, "date_of_death": "{dod}", "notified_on": "{notified}",
                "nation": "england", "manner": "homicide", "deceased": {{"age": 40}}, "suspects": []}}"#
        ))
        .unwrap()
    };
    let today = dhr_core::json::parse_date("2026-12-02", "").unwrap();
    assert!(wording::after_today(&death("2026-12-01", "2026-12-02"), today).is_empty());
    let w = wording::after_today(&death("2026-12-03", "2030-01-01"), today);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].starts_with("The date of death, 3 December 2026, is after today, 2 December 2026"));
    assert!(w[1].starts_with("The date the partnership learned of the death, 1 January 2030"));
    for s in &w {
        assert_plain("after_today", s);
    }
}

#[test]
fn a_referral_starts_a_review_with_its_notification_and_refuses_what_cannot() {
    use dhr_core::rules::RuleSet;
    let text = |nation: &str, notified: &str| {
        format!(
            r#"{{"schema_version": 1, "reference": "R-9", "date_of_death": "2024-01-28",
                "notified_on": {notified}, "nation": "{nation}", "manner": "homicide",
                "deceased": {{"age": 40}}, "suspects": []}}"#
        )
    };
    let rules = RuleSet::builtin("guidance_2016").unwrap();
    let death = Death::from_json(&text("wales", "\"2024-01-31\"")).unwrap();
    let review = Review::from_referral(death, rules.clone()).unwrap();
    let as_of = dhr_core::json::parse_date("2024-02-20", "").unwrap();
    let status = review.status(as_of, &StatusOptions::default()).unwrap();
    // The decision is due one month from the notification (guidance_2016).
    assert_eq!(status.deadlines[0].rule(), "decision");
    assert_eq!(
        status.deadlines[0].due,
        Some(dhr_core::json::parse_date("2024-02-29", "").unwrap())
    );
    assert!(status.assessment.is_some());
    let no_date = Death::from_json(&text("england", "null")).unwrap();
    let err = Review::from_referral(no_date, rules.clone()).unwrap_err();
    assert_eq!(
        (err.code().as_str(), err.path()),
        ("missing_field", "notified_on")
    );
    assert_eq!(
        wording::error(&err),
        "the date the partnership learned of the death is needed: the deadlines run from it"
    );
    let scotland = Death::from_json(&text("scotland", "\"2024-01-31\"")).unwrap();
    let err = Review::from_referral(scotland, rules).unwrap_err();
    assert_eq!(
        (err.code().as_str(), err.path()),
        ("invalid_value", "nation")
    );
    assert_plain("scotland", &wording::error(&err));
}
