//! Spec 8.1, strict JSON text, in every reader of JSON text: a key given
//! twice (at any depth, inside `extensions` too) is refused with
//! `duplicate_field` at the second occurrence; a UTF-8 byte order mark at the
//! very start is skipped.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dhr_core::case::Death;
use dhr_core::{assess_json, json, read, AssessOptions, Review, RuleSet};

const DEATH: &str = r#"{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england",
  "deceased": {"age": 40}, "manner": "homicide",
  "suspects": [{"connection": "intimate_partner", "abuse_suspected": true}]}"#;

const REVIEW: &str = r#"{"schema_version": 1, "reference": "X", "rules": "stockton_2011",
  "events": [{"on": "2024-01-31", "event": "notified", "by": "police"}]}"#;

fn code_path(e: &dhr_core::Error) -> (&str, &str) {
    (e.code().as_str(), e.path())
}

#[test]
fn repeated_keys_are_refused_at_the_second_occurrence() {
    // (document, path of the repeated key): each a way a last-one-wins
    // reader would silently read something else.
    let cases = [
        (
            r#"{"schema_version": 1, "schema_version": 1}"#,
            "schema_version",
        ),
        (
            r#"{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england",
               "deceased": {"age": 40, "age": 15}, "manner": "homicide", "suspects": []}"#,
            "deceased.age",
        ),
        (
            r#"{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england",
               "deceased": {}, "manner": "homicide",
               "suspects": [{}, {"abuse_suspected": true, "abuse_suspected": false}]}"#,
            "suspects[1].abuse_suspected",
        ),
        (
            r#"{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england",
               "deceased": {}, "manner": "homicide", "suspects": [],
               "extensions": {"a": [{"b": 1, "b": 1}]}}"#,
            "extensions.a[0].b",
        ),
        // Inside a key the format does not know: still refused as repeated.
        (
            r#"{"schema_version": 1, "typo": {"x": 1, "x": 2}}"#,
            "typo.x",
        ),
        // An escaped key is the same key.
        (
            r#"{"schema_version": 1, "manner": "homicide", "m\u0061nner": "suicide"}"#,
            "manner",
        ),
    ];
    for (text, path) in cases {
        let err = Death::from_json(text).unwrap_err();
        assert_eq!(code_path(&err), ("duplicate_field", path), "{text}");
        assert!(
            !err.message().contains("suicide"),
            "no value in the message"
        );
        let err = assess_json(text, &AssessOptions::default()).unwrap_err();
        assert_eq!(code_path(&err), ("duplicate_field", path), "{text}");
        // The same text as a tree (the reader of reviews and rule sets).
        let err = json::parse(text).unwrap_err();
        assert_eq!(code_path(&err), ("duplicate_field", path), "{text}");
    }
}

#[test]
fn repeated_keys_in_reviews_rule_sets_and_lists() {
    let review = r#"{"schema_version": 1, "rules": "stockton_2011", "events": [
        {"on": "2024-01-31", "event": "notified", "by": "police", "by": "csp"}]}"#;
    let err = Review::from_json(review).unwrap_err();
    assert_eq!(code_path(&err), ("duplicate_field", "events[0].by"));

    let rules = r#"{"id": "x", "id": "y", "title": "t", "rules": []}"#;
    let err = RuleSet::from_json(rules).unwrap_err();
    assert_eq!(err.code().as_str(), "duplicate_field");
    assert!(err.path().ends_with("id"), "{}", err.path());

    let list = format!("[{DEATH}, {{\"schema_version\": 1, \"manner\": 1, \"manner\": 2}}]");
    let err = Death::many_from_json(&list).unwrap_err();
    assert_eq!(code_path(&err), ("duplicate_field", "[1].manner"));
}

#[test]
fn the_same_key_in_different_objects_is_fine() {
    let text = r#"{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england",
      "deceased": {"age": 40}, "manner": "homicide",
      "suspects": [{"age": 40, "abuse_suspected": true}, {"age": 40}],
      "extensions": {"age": 1, "x": {"age": 2}}}"#;
    assert!(Death::from_json(text).is_ok());
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let with_bom = format!("\u{feff}{DEATH}");
    assert_eq!(
        Death::from_json(&with_bom).unwrap(),
        Death::from_json(DEATH).unwrap()
    );
    assert_eq!(
        assess_json(&with_bom, &AssessOptions::default()).unwrap(),
        assess_json(DEATH, &AssessOptions::default()).unwrap()
    );
    let review = format!("\u{feff}{REVIEW}");
    assert_eq!(
        Review::from_json(&review).unwrap().to_value(),
        Review::from_json(REVIEW).unwrap().to_value()
    );
    assert_eq!(read::strip_bom("\u{feff}\u{feff}{}"), "\u{feff}{}");
    // Only at the very start: a second mark, or one after white space, is not JSON.
    for text in [
        format!("\u{feff}\u{feff}{DEATH}"),
        format!(" \u{feff}{DEATH}"),
    ] {
        assert_eq!(
            Death::from_json(&text).unwrap_err().code().as_str(),
            "invalid_json"
        );
    }
}
