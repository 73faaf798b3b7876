//! Reading and writing a review (spec 6.3): header, errors with paths,
//! extensions echoed, personal data kept out of Debug.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod lifecycle_common;

use dhr_core::lifecycle::Review;
use lifecycle_common::*;
use serde_json::{json, Value};

fn death() -> Value {
    json!({
        "schema_version": 1,
        "reference": "STK-2024-003",
        "date_of_death": "2024-01-28",
        "notified_on": "2024-01-31",
        "nation": "england",
        "deceased": {"date_of_birth": "1990-05-01", "age": null, "age_band": null, "care_and_support_needs": null},
        "manner": "homicide",
        "suspects": [{"connection": "former_intimate_partner", "home_office_relationship": null,
                      "same_household": false, "age": 41, "abuse_suspected": true}],
        "abuse_indicators": ["coercive_control"],
        "extensions": {}
    })
}

fn doc(events: Value) -> Value {
    json!({
        "schema_version": 1,
        "reference": "STK-2024-003",
        "rules": "stockton_2011",
        "death": death(),
        "events": events,
        "extensions": {"crm": {"case": 17, "owner": "team b"}}
    })
}

#[test]
fn a_review_round_trips_with_death_and_extensions() {
    let d = doc(full_review());
    let review = Review::from_value(&d).unwrap();
    assert_eq!(review.events().len(), 31);
    assert_eq!(review.reference(), Some("STK-2024-003"));
    assert!(review.death().is_some());
    assert_eq!(review.to_value(), d);
    assert_eq!(
        Review::from_json(&review.to_value().to_string()).unwrap(),
        review
    );
}

#[test]
fn optional_members_may_be_left_out() {
    // 6: "A key marked optional may be left out, which means the same as null".
    let r =
        Review::from_value(&json!({"schema_version": 1, "rules": "guidance_2016", "events": []}))
            .unwrap();
    assert_eq!(r.reference(), None);
    assert!(r.death().is_none());
    assert_eq!(r.to_value()["death"], Value::Null);
    assert_eq!(r.to_value()["extensions"], json!({}));
}

#[test]
fn bad_documents_name_the_field() {
    let mut cases: Vec<(Value, &str, &str, Option<usize>)> = vec![
        (json!([]), "invalid_value", "", None),
        (
            json!({"rules": "stockton_2011", "events": []}),
            "missing_field",
            "schema_version",
            None,
        ),
        (
            json!({"schema_version": 2, "rules": "stockton_2011", "events": []}),
            "unsupported_schema_version",
            "schema_version",
            None,
        ),
        (
            json!({"schema_version": 1, "rules": "stockton_2011", "events": [], "status": "open"}),
            "unknown_field",
            "status",
            None,
        ),
        (
            json!({"schema_version": 1, "events": []}),
            "missing_field",
            "rules",
            None,
        ),
        (
            json!({"schema_version": 1, "rules": 3, "events": []}),
            "invalid_value",
            "rules",
            None,
        ),
        (
            json!({"schema_version": 1, "rules": "stockton_2011"}),
            "missing_field",
            "events",
            None,
        ),
        (
            json!({"schema_version": 1, "rules": "stockton_2011", "events": {}}),
            "invalid_value",
            "events",
            None,
        ),
        (
            json!({"schema_version": 1, "rules": "stockton_2011", "events": [], "extensions": []}),
            "invalid_value",
            "extensions",
            None,
        ),
        (
            json!({"schema_version": 1, "rules": "stockton_2011", "events": [], "reference": 7}),
            "invalid_value",
            "reference",
            None,
        ),
    ];
    let mut bad_death = doc(json!([]));
    bad_death["death"]["deceased"]["age"] = json!(-1);
    cases.push((bad_death, "invalid_value", "death.deceased.age", None));
    let mut bad_event = doc(full_review());
    bad_event["events"][3]["by"] = json!("police");
    cases.push((bad_event, "role_not_allowed", "events[3].by", Some(3)));
    let mut bad_field = doc(full_review());
    bad_field["events"][5]["look_back_from"] = json!("2019-13-01");
    cases.push((
        bad_field,
        "invalid_date",
        "events[5].look_back_from",
        Some(5),
    ));
    let mut out_of_order = doc(full_review());
    out_of_order["events"][10]["on"] = json!("2024-02-01");
    cases.push((out_of_order, "event_out_of_order", "events[10]", Some(10)));
    for (v, code, path, index) in cases {
        let err = Review::from_value(&v).unwrap_err();
        assert_eq!(
            (err.code().as_str(), err.path(), err.event_index()),
            (code, path, index),
            "{err}"
        );
    }
    let err = Review::from_json("{\"schema_version\": 1,").unwrap_err();
    assert_eq!((err.code().as_str(), err.path()), ("invalid_json", ""));
}

#[test]
fn apply_value_refuses_without_changing_the_review() {
    let mut review = Review::from_value(&doc(
        json!([{"on": "2024-01-31", "event": "notified", "by": "police"}]),
    ))
    .unwrap();
    let before = review.clone();
    for (e, code, path) in [
        (
            json!({"on": "2024-02-12", "event": "decided", "by": "police", "review": true}),
            "role_not_allowed",
            "events[1].by",
        ),
        (
            json!({"on": "2024-01-30", "event": "decided", "by": "csp", "review": true}),
            "event_out_of_order",
            "events[1]",
        ),
        (
            json!({"on": "2024-02-12", "event": "published", "by": "csp"}),
            "prerequisite_missing",
            "events[1]",
        ),
        (
            json!({"on": "2024-02-12", "event": "decided", "by": "csp", "review": false}),
            "missing_field",
            "events[1].reasons",
        ),
    ] {
        let err = review.apply_value(&e).unwrap_err();
        assert_eq!(
            (err.code().as_str(), err.path(), err.event_index()),
            (code, path, Some(1))
        );
        assert_eq!(review, before);
    }
    review
        .apply_value(&json!({"on": "2024-02-12", "event": "decided", "by": "csp", "review": true}))
        .unwrap();
    assert_eq!(review.events().len(), 2);
}

#[test]
fn personal_data_stays_out_of_debug_and_errors() {
    let review = Review::from_value(&doc(full_review())).unwrap();
    let debug = format!("{review:?}");
    for secret in ["met the family at home", "1990-05-01", "team b"] {
        assert!(!debug.contains(secret), "Debug shows {secret}");
    }
    let mut bad = doc(full_review());
    bad["events"][13]["note"] = json!(42);
    let err = Review::from_value(&bad).unwrap_err();
    assert_eq!(err.path(), "events[13].note");
    let mut bad = doc(full_review());
    bad["events"][9]["agency"] = json!("Secret Agency Name");
    bad["events"][9]["event"] = json!("imr_submitted");
    let err = Review::from_value(&bad).unwrap_err();
    assert!(!err.message().contains("Secret Agency Name"), "{err}");
}
