//! Spec 8.4 (the `voided` correction), 8.5 (actions one by one), 8.6
//! (`extensions` on events) and 8.7 (`events_after_as_of`, `warnings`):
//! tables of cases, each citing the spec's words.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod lifecycle_common;

use dhr_core::lifecycle::{Event, Log, Review, StatusOptions};
use dhr_core::ErrorCode;
use lifecycle_common::*;
use serde_json::{json, Value};

fn doc(events: &Value, rules: Value) -> Value {
    json!({"schema_version": 1, "reference": "T-1", "rules": rules, "events": events})
}

fn load(events: &Value) -> Result<Review, dhr_core::Error> {
    Review::from_value(&doc(events, json!("stockton_2011")))
}

fn status_of(review: &Review, as_of: &str) -> Value {
    review
        .status(d(as_of), &StatusOptions::default())
        .unwrap()
        .to_value()
}

fn with(events: &Value, more: &[Value]) -> Value {
    let mut all = events.as_array().unwrap().clone();
    all.extend(more.iter().cloned());
    Value::Array(all)
}

fn void(on: &str, voids: i64) -> Value {
    json!({"on": on, "event": "voided", "by": "csp", "voids": voids, "reason": "keyed in error"})
}

/// A review up to the overview, with an IMR outstanding and a pause.
fn base() -> Value {
    json!([
        {"on": "2024-01-31", "event": "notified", "by": "police"},
        {"on": "2024-02-12", "event": "decided", "by": "csp", "review": true},
        {"on": "2024-02-15", "event": "panel_commissioned", "by": "csp"},
        {"on": "2024-02-20", "event": "chair_appointed", "by": "csp"},
        {"on": "2024-02-27", "event": "terms_of_reference_agreed", "by": "chair"},
        {"on": "2024-03-01", "event": "imr_commissioned", "by": "chair", "agency": "Police"},
        {"on": "2024-04-15", "event": "imr_submitted", "by": "imr_author", "agency": "Police"},
        {"on": "2024-05-01", "event": "paused", "by": "chair", "reason": "criminal_proceedings"},
        {"on": "2024-07-01", "event": "resumed", "by": "chair"},
        {"on": "2024-07-02", "event": "family_informed", "by": "panel"},
        {"on": "2024-08-01", "event": "overview_drafted", "by": "chair", "outstanding_imr_reason": "the IMR is late"}
    ])
}

#[test]
fn the_void_table() {
    // Spec 8.4: "then the void is refused with prerequisite_missing at
    // events[N] when the events before it, without the one it voids, would
    // be refused (the message names the first that would fail)".
    // (voids, Ok(()) or the index the message names)
    let cases: &[(i64, Option<usize>)] = &[
        (0, Some(1)), // notified: the decision would come first
        (1, Some(2)), // decided: panel_commissioned needs it
        (2, Some(3)), // panel_commissioned: chair_appointed needs it
        (3, Some(4)), // chair_appointed: terms of reference need it
        (4, Some(5)), // terms_of_reference_agreed: imr_commissioned needs it
        (5, Some(6)), // imr_commissioned: imr_submitted needs it
        (6, None),    // imr_submitted: the IMR goes back to commissioned
        (7, Some(8)), // paused: resumed needs it
        (8, None),    // resumed: the review stays paused
        (9, None),    // family_informed
        (10, None),   // overview_drafted
    ];
    let n = base().as_array().unwrap().len();
    for (voids, names) in cases {
        let events = with(&base(), &[void("2024-08-02", *voids)]);
        match (load(&events), names) {
            (Ok(r), None) => {
                assert_eq!(r.log().voided(), &[*voids as usize]);
                let s = status_of(&r, "2024-08-02");
                assert_eq!(s["voided_events"], json!([voids]));
            }
            (Err(e), Some(j)) => {
                assert_eq!(
                    e.code(),
                    ErrorCode::PrerequisiteMissing,
                    "voids {voids}: {e}"
                );
                assert_eq!(e.path(), format!("events[{n}]"));
                assert_eq!(e.event_index(), Some(n));
                assert!(
                    e.message().contains(&format!("events[{j}]")),
                    "voids {voids}: {}",
                    e.message()
                );
            }
            (got, want) => panic!("voids {voids}: got {got:?}, want refusal naming {want:?}"),
        }
    }
}

#[test]
fn voiding_each_kind_of_event_of_every_scenario() {
    // Spec 8.4: the void is accepted exactly when the log stays valid
    // without the voided event; otherwise the message names the first
    // event that would be refused.
    for (name, events) in all_scenarios() {
        let last = events.last().unwrap().on;
        for k in 0..events.len() {
            if events[k].name().as_str() == "voided" {
                continue;
            }
            let log = Log::from_events(events.clone()).unwrap();
            if log.voided().contains(&k) {
                continue;
            }
            let without: Vec<Event> = log
                .active()
                .filter(|(i, _)| *i != k)
                .map(|(_, e)| e.clone())
                .collect();
            let kept: Vec<usize> = log
                .active()
                .filter(|(i, _)| *i != k)
                .map(|(i, _)| i)
                .collect();
            let v = ev(
                json!({"on": last.to_string(), "event": "voided", "by": "chair",
                              "voids": k, "reason": "keyed in error"}),
            );
            let mut attempt = log.clone();
            match (Log::from_events(without), attempt.apply(v)) {
                (Ok(_), Ok(())) => {
                    assert!(attempt.voided().contains(&k));
                    assert_eq!(attempt.events().len(), events.len() + 1);
                }
                (Err(why), Err(e)) => {
                    let first = kept[why.event_index().unwrap()];
                    assert_eq!(e.code(), ErrorCode::PrerequisiteMissing, "{name} #{k}");
                    assert!(
                        e.message().contains(&format!("events[{first}]")),
                        "{name} #{k}: {e}"
                    );
                    assert_eq!(attempt, log, "a refused void changes nothing");
                }
                (a, b) => panic!("{name} #{k}: removal {a:?}, void {b:?}"),
            }
        }
    }
}

#[test]
fn field_errors_of_voids() {
    // Spec 8.4: "voids that is out of range, not earlier than the void,
    // names a voided event or an event already voided is a field error:
    // invalid_value at events[N].voids ... then the role is checked".
    let once = with(&base(), &[void("2024-08-02", 8)]); // a valid void at 11
    let cases: &[(Value, &str, &str)] = &[
        (void("2024-08-02", 99), "invalid_value", "events[11].voids"), // out of range
        (void("2024-08-02", 11), "invalid_value", "events[11].voids"), // itself: not earlier
        (
            json!({"on": "2024-08-02", "event": "voided", "by": "police", "voids": 99, "reason": "x"}),
            "invalid_value",
            "events[11].voids",
        ), // the field before the role
        (
            json!({"on": "2024-08-02", "event": "voided", "by": "police", "voids": 8, "reason": "x"}),
            "role_not_allowed",
            "events[11].by",
        ),
        (
            json!({"on": "2024-08-02", "event": "voided", "by": "panel", "voids": 8, "reason": "x"}),
            "role_not_allowed",
            "events[11].by",
        ),
    ];
    for (event, code, path) in cases {
        let e = load(&with(&base(), std::slice::from_ref(event))).unwrap_err();
        assert_eq!((e.code().as_str(), e.path()), (*code, *path), "{event}");
        assert_eq!(e.event_index(), Some(11));
    }
    // A void of a void, and a second void of the same event.
    for voids in [11, 8] {
        let e = load(&with(&once, &[void("2024-08-03", voids)])).unwrap_err();
        assert_eq!(
            (e.code().as_str(), e.path()),
            ("invalid_value", "events[12].voids"),
            "voids {voids}: {e}"
        );
    }
    // The chair may correct too (roles csp, chair).
    let by_chair =
        json!({"on": "2024-08-02", "event": "voided", "by": "chair", "voids": 8, "reason": "x"});
    load(&with(&base(), &[by_chair])).unwrap();
}

#[test]
fn a_voided_event_counts_as_never_recorded_for_every_as_of_date() {
    // Spec 8.4: "A voided event counts as never recorded, for every as-of
    // date, including dates before the void's own date".
    let events = json!([
        {"on": "2024-01-31", "event": "notified", "by": "police"},
        {"on": "2024-02-12", "event": "decided", "by": "csp", "review": false, "reasons": "keyed in error"},
        {"on": "2024-03-01", "event": "voided", "by": "csp", "voids": 1, "reason": "the panel decided to review"},
        {"on": "2024-03-01", "event": "decided", "by": "csp", "review": true}
    ]);
    let r = load(&events).unwrap();
    // Before the void's date: the wrong decision does not count.
    let before = status_of(&r, "2024-02-20");
    assert_eq!(before["stage"], "notified");
    assert_eq!(before["voided_events"], json!([1]));
    assert_eq!(before["events_after_as_of"], 1); // the new decision, not the void
    let names: Vec<&str> = before["next"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["event"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["decided", "paused"]); // `next` never lists voided
                                              // The submission clock runs from the real decision (1 March).
    let after = status_of(&r, "2024-03-02");
    assert_eq!(after["stage"], "decided");
    assert_eq!(after["deadlines"][1]["from"], "2024-03-01");
    assert_eq!(after["deadlines"][1]["status"], "due");
    assert_eq!(after["events_after_as_of"], 0);
    // As if the wrong decision had never been keyed.
    let clean = load(&json!([
        {"on": "2024-01-31", "event": "notified", "by": "police"},
        {"on": "2024-03-01", "event": "decided", "by": "csp", "review": true}
    ]))
    .unwrap();
    for as_of in ["2024-02-20", "2024-03-02", "2024-09-30"] {
        let mut a = status_of(&r, as_of);
        a["voided_events"] = json!([]);
        assert_eq!(a, status_of(&clean, as_of), "as of {as_of}");
    }
}

#[test]
fn order_and_once_rules_are_judged_without_voided_events() {
    // Spec 8.4: "a voided notified may be recorded again, a void may follow
    // a decision not to review, and a void's own date ... is not checked
    // against the other events' order".
    let again = json!([
        {"on": "2024-01-31", "event": "notified", "by": "police"},
        {"on": "2024-01-30", "event": "voided", "by": "csp", "voids": 0, "reason": "wrong death"},
        {"on": "2024-01-20", "event": "notified", "by": "csp"}
    ]);
    let r = load(&again).unwrap();
    assert_eq!(r.log().stage().as_str(), "notified");
    assert_eq!(status_of(&r, "2024-01-25")["stage"], "notified");
    // An event dated before the voided one but after the last that counts.
    let events = with(
        &base(),
        &[
            void("2024-08-02", 10),
            json!({"on": "2024-07-20", "event": "overview_drafted", "by": "chair", "outstanding_imr_reason": "late"}),
        ],
    );
    load(&events).unwrap();
    // But not before the last event that counts (family_informed, 2 July).
    let early = with(
        &base(),
        &[
            void("2024-08-02", 10),
            json!({"on": "2024-07-01", "event": "overview_drafted", "by": "chair", "outstanding_imr_reason": "late"}),
        ],
    );
    let e = load(&early).unwrap_err();
    assert_eq!(
        (e.code().as_str(), e.path()),
        ("event_out_of_order", "events[12]")
    );
    // A once-only event recorded again after its void.
    let twice = with(
        &base(),
        &[
            void("2024-08-02", 9),
            json!({"on": "2024-08-02", "event": "family_informed", "by": "chair"}),
        ],
    );
    load(&twice).unwrap();
    // Without the void it is refused.
    let e = load(&with(
        &base(),
        &[json!({"on": "2024-08-02", "event": "family_informed", "by": "chair"})],
    ))
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PrerequisiteMissing);
}

#[test]
fn paths_count_stored_positions_and_reviews_write_back_unchanged() {
    // Spec 8.4: "Every path and event_index counts positions in the stored
    // events array, voided events and voids included." Spec 8.6: event
    // extensions are kept and written back.
    let mut events = with(&base(), &[void("2024-08-02", 9)]);
    events[0]["extensions"] = json!({"crm_id": "EV-1", "nested": {"a": [1, 2]}});
    events[11]["extensions"] = json!({});
    let bad = with(
        &events,
        &[json!({"on": "2024-08-03", "event": "family_informed", "by": "csp"})],
    );
    let e = load(&bad).unwrap_err();
    assert_eq!(
        (e.code().as_str(), e.path(), e.event_index()),
        ("role_not_allowed", "events[12].by", Some(12))
    );
    let r = load(&events).unwrap();
    assert_eq!(r.to_value()["events"], events);
    assert_eq!(Review::from_value(&r.to_value()).unwrap(), r);
    // Extensions are never read: they change no answer.
    let mut plain = events.clone();
    plain[0].as_object_mut().unwrap().remove("extensions");
    plain[11].as_object_mut().unwrap().remove("extensions");
    assert_eq!(
        status_of(&r, "2024-09-01"),
        status_of(&load(&plain).unwrap(), "2024-09-01")
    );
    // A repeated key inside an event's extensions is refused (spec 8.1, 8.6).
    let text = r#"{"schema_version": 1, "rules": "stockton_2011", "events": [
        {"on": "2024-01-31", "event": "notified", "by": "police", "extensions": {"id": 1, "id": 2}}]}"#;
    let e = Review::from_json(text).unwrap_err();
    assert_eq!(
        (e.code().as_str(), e.path()),
        ("duplicate_field", "events[0].extensions.id")
    );
}

// ---------------------------------------------------------------- 8.5 actions

fn plan_events() -> Value {
    json!([
        {"on": "2024-01-31", "event": "notified", "by": "police"},
        {"on": "2024-02-12", "event": "decided", "by": "csp", "review": true},
        {"on": "2024-02-15", "event": "panel_commissioned", "by": "csp"},
        {"on": "2024-02-20", "event": "chair_appointed", "by": "csp"},
        {"on": "2024-02-27", "event": "terms_of_reference_agreed", "by": "chair"},
        {"on": "2024-08-01", "event": "overview_drafted", "by": "chair"},
        {"on": "2024-08-15", "event": "overview_quality_assured", "by": "panel"},
        {"on": "2024-08-31", "event": "action_plan_agreed", "by": "panel", "actions": [
            {"id": "A1", "within": "1_month", "owner": "Police"},
            {"id": "A2", "within": "6_months", "owner": "Housing"},
            {"id": "A3", "within": "1_month"}]},
        {"on": "2024-09-05", "event": "paused", "by": "chair", "reason": "other"},
        {"on": "2024-09-15", "event": "resumed", "by": "chair"},
        {"on": "2024-09-20", "event": "action_completed", "by": "csp", "id": "A1"},
        {"on": "2024-10-01", "event": "action_added", "by": "chair", "id": "A4", "within": "1_month", "owner": "Police"},
        {"on": "2024-10-05", "event": "action_completed", "by": "panel", "id": "A3"},
        {"on": "2024-11-10", "event": "action_completed", "by": "csp", "id": "A4"}
    ])
}

/// stockton_2011 changed: `pausable` on the action rules, or without them.
fn stockton(change: &str) -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/rules/stockton_2011.json"
    ))
    .unwrap();
    let mut set: Value = serde_json::from_str(&text).unwrap();
    set["id"] = json!(format!("stockton_2011_{change}"));
    let rules = set["rules"].as_array_mut().unwrap();
    match change {
        "pausable_actions" => {
            for r in rules.iter_mut().filter(|r| r.get("actions").is_some()) {
                r["pausable"] = json!(true);
            }
        }
        _ => rules.retain(|r| r.get("actions").is_none()),
    }
    set
}

/// (id, from, due, clamped, paused_days, status, days_left, days_late, completed_on)
type Row<'a> = (
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    bool,
    i64,
    &'a str,
    Option<i64>,
    Option<i64>,
    Option<&'a str>,
);

fn rows(s: &Value) -> Vec<Value> {
    s["actions"].as_array().unwrap().clone()
}

fn check(s: &Value, want: &[Row<'_>]) {
    let got = rows(s);
    assert_eq!(got.len(), want.len(), "{}", s["actions"]);
    for (g, (id, from, due, clamped, paused, status, left, late, done)) in got.iter().zip(want) {
        let w = json!({"from": from, "due": due, "clamped": clamped, "paused_days": paused,
                       "status": status, "days_left": left, "days_late": late, "completed_on": done});
        for (k, v) in w.as_object().unwrap() {
            assert_eq!(&g[k], v, "{id} {k} as of {}", s["as_of"]);
        }
        assert_eq!(g["id"], *id);
    }
}

fn class(s: &Value, rule: &str) -> Value {
    s["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == rule)
        .cloned()
        .unwrap()
}

#[test]
fn per_action_statuses_at_several_dates() {
    // Spec 8.5: "due comes from the rule set's actions_1_month or
    // actions_6_months rule (its period, policy and pausability)"; stockton's
    // are not pausable. 31 August + 1 month is 30 September (last_day).
    let r = load(&plan_events()).unwrap();
    let s = status_of(&r, "2024-09-02");
    // The spec's own example row: A1 due 30 September, 28 days left.
    check(
        &s,
        &[
            (
                "A1",
                Some("2024-08-31"),
                Some("2024-09-30"),
                true,
                0,
                "due",
                Some(28),
                None,
                None,
            ),
            (
                "A2",
                Some("2024-08-31"),
                Some("2025-02-28"),
                true,
                0,
                "due",
                Some(179),
                None,
                None,
            ),
            (
                "A3",
                Some("2024-08-31"),
                Some("2024-09-30"),
                true,
                0,
                "due",
                Some(28),
                None,
                None,
            ),
        ],
    );
    assert_eq!(rows(&s)[0]["owner"], "Police");
    assert_eq!(rows(&s)[2]["owner"], Value::Null);
    assert_eq!(rows(&s)[0]["within"], "1_month");
    // 20 September: A1 met; the class deadline is A3's (the outstanding one).
    let s = status_of(&r, "2024-09-20");
    check(
        &s,
        &[
            (
                "A1",
                Some("2024-08-31"),
                Some("2024-09-30"),
                true,
                0,
                "met",
                None,
                None,
                Some("2024-09-20"),
            ),
            (
                "A2",
                Some("2024-08-31"),
                Some("2025-02-28"),
                true,
                0,
                "due",
                Some(161),
                None,
                None,
            ),
            (
                "A3",
                Some("2024-08-31"),
                Some("2024-09-30"),
                true,
                0,
                "due_soon",
                Some(10),
                None,
                None,
            ),
        ],
    );
    let c = class(&s, "actions_1_month");
    assert_eq!(
        (c["status"].as_str(), c["days_left"].as_i64()),
        (Some("due_soon"), Some(10))
    );
    // 2 October: A3 overdue; A4 added on 1 October, its clock from its own date.
    let s = status_of(&r, "2024-10-02");
    check(
        &s,
        &[
            (
                "A1",
                Some("2024-08-31"),
                Some("2024-09-30"),
                true,
                0,
                "met",
                None,
                None,
                Some("2024-09-20"),
            ),
            (
                "A2",
                Some("2024-08-31"),
                Some("2025-02-28"),
                true,
                0,
                "due",
                Some(149),
                None,
                None,
            ),
            (
                "A3",
                Some("2024-08-31"),
                Some("2024-09-30"),
                true,
                0,
                "overdue",
                None,
                Some(2),
                None,
            ),
            (
                "A4",
                Some("2024-10-01"),
                Some("2024-11-01"),
                false,
                0,
                "due",
                Some(30),
                None,
                None,
            ),
        ],
    );
    // "so an overdue action is never hidden": the earliest due outstanding.
    let c = class(&s, "actions_1_month");
    assert_eq!(
        (
            c["status"].as_str(),
            c["due"].as_str(),
            c["days_late"].as_i64()
        ),
        (Some("overdue"), Some("2024-09-30"), Some(2))
    );
    // 6 October: A3 met late by 5 days; the class deadline is now A4's.
    let s = status_of(&r, "2024-10-06");
    assert_eq!(rows(&s)[2]["status"], "met_late");
    assert_eq!(rows(&s)[2]["days_late"], 5);
    assert_eq!(rows(&s)[2]["days_left"], Value::Null);
    let c = class(&s, "actions_1_month");
    assert_eq!(
        (
            c["from"].as_str(),
            c["due"].as_str(),
            c["status"].as_str(),
            c["days_left"].as_i64()
        ),
        (
            Some("2024-10-01"),
            Some("2024-11-01"),
            Some("due"),
            Some(26)
        )
    );
    // 10 November: every 1-month action done, two late: met_late with the
    // dates of the latest due (A4), and the most days late (A4's 9).
    let s = status_of(&r, "2024-11-10");
    assert_eq!(rows(&s)[3]["status"], "met_late");
    assert_eq!(rows(&s)[3]["days_late"], 9);
    let c = class(&s, "actions_1_month");
    assert_eq!(
        (
            c["from"].as_str(),
            c["due"].as_str(),
            c["status"].as_str(),
            c["days_late"].as_i64(),
            c["days_left"].as_i64()
        ),
        (
            Some("2024-10-01"),
            Some("2024-11-01"),
            Some("met_late"),
            Some(9),
            None
        )
    );
    // The 6-month class is A2's alone.
    let c6 = class(&s, "actions_6_months");
    assert_eq!(
        (c6["due"].as_str(), c6["status"].as_str()),
        (Some("2025-02-28"), Some("due"))
    );
    // Before the plan: no actions.
    assert_eq!(status_of(&r, "2024-08-30")["actions"], json!([]));
}

#[test]
fn per_action_statuses_with_pausable_action_rules() {
    // Spec 8.5: the rule's pausability applies to each action. The pause of
    // 5 to 15 September (10 days) moves the plan's actions; A4, added after
    // it, is not moved.
    let r = Review::from_value(&doc(&plan_events(), stockton("pausable_actions"))).unwrap();
    let s = status_of(&r, "2024-09-10");
    // Paused on the as-of date: due if the clock restarted that day (5 days so far).
    check(
        &s,
        &[
            (
                "A1",
                Some("2024-08-31"),
                Some("2024-10-05"),
                true,
                5,
                "paused",
                Some(25),
                None,
                None,
            ),
            (
                "A2",
                Some("2024-08-31"),
                Some("2025-03-05"),
                true,
                5,
                "paused",
                Some(176),
                None,
                None,
            ),
            (
                "A3",
                Some("2024-08-31"),
                Some("2024-10-05"),
                true,
                5,
                "paused",
                Some(25),
                None,
                None,
            ),
        ],
    );
    let s = status_of(&r, "2024-11-10");
    check(
        &s,
        &[
            (
                "A1",
                Some("2024-08-31"),
                Some("2024-10-10"),
                true,
                10,
                "met",
                None,
                None,
                Some("2024-09-20"),
            ),
            (
                "A2",
                Some("2024-08-31"),
                Some("2025-03-10"),
                true,
                10,
                "due",
                Some(120),
                None,
                None,
            ),
            (
                "A3",
                Some("2024-08-31"),
                Some("2024-10-10"),
                true,
                10,
                "met",
                None,
                None,
                Some("2024-10-05"),
            ),
            (
                "A4",
                Some("2024-10-01"),
                Some("2024-11-01"),
                false,
                0,
                "met_late",
                None,
                Some(9),
                Some("2024-11-10"),
            ),
        ],
    );
}

#[test]
fn a_rule_set_without_action_rules() {
    // Spec 8.5: "a rule set without that rule gives due null and status
    // not_applicable".
    let r = Review::from_value(&doc(&plan_events(), stockton("no_action_rules"))).unwrap();
    let s = status_of(&r, "2024-10-06");
    check(
        &s,
        &[
            (
                "A1",
                None,
                None,
                false,
                0,
                "not_applicable",
                None,
                None,
                Some("2024-09-20"),
            ),
            (
                "A2",
                None,
                None,
                false,
                0,
                "not_applicable",
                None,
                None,
                None,
            ),
            (
                "A3",
                None,
                None,
                false,
                0,
                "not_applicable",
                None,
                None,
                Some("2024-10-05"),
            ),
            (
                "A4",
                None,
                None,
                false,
                0,
                "not_applicable",
                None,
                None,
                None,
            ),
        ],
    );
    assert!(s["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["rule"] != "actions_1_month"));
}

#[test]
fn action_added_rules() {
    // Spec 8.5: "prerequisite action_plan_agreed and an id not used before;
    // roles panel, chair", and action_completed "needs an action agreed or
    // added with that id and not yet completed".
    let plan = &plan_events().as_array().unwrap()[..8].to_vec();
    let plan = Value::Array(plan.clone());
    let before_plan = &plan_events().as_array().unwrap()[..7].to_vec();
    let add = |id: &str, by: &str| json!({"on": "2024-09-01", "event": "action_added", "by": by, "id": id, "within": "6_months"});
    // (log, event, the refusal's code and path, or None when accepted)
    type Case<'a> = (Value, Value, Option<(&'a str, &'a str)>);
    let cases: &[Case<'_>] = &[
        (
            Value::Array(before_plan.clone()),
            add("A9", "panel"),
            Some(("prerequisite_missing", "events[7]")),
        ),
        (
            plan.clone(),
            add("A1", "panel"),
            Some(("prerequisite_missing", "events[8]")),
        ), // agreed id
        (
            plan.clone(),
            add("A9", "csp"),
            Some(("role_not_allowed", "events[8].by")),
        ),
        (plan.clone(), add("A9", "panel"), None),
        (plan.clone(), add("A9", "chair"), None),
        (
            with(&plan, &[add("A9", "panel")]),
            add("A9", "chair"),
            Some(("prerequisite_missing", "events[9]")),
        ), // added id
        (
            with(&plan, &[add("A9", "panel")]),
            json!({"on": "2024-09-02", "event": "action_completed", "by": "csp", "id": "A9"}),
            None,
        ),
        (
            plan.clone(),
            json!({"on": "2024-09-02", "event": "action_completed", "by": "csp", "id": "A9"}),
            Some(("prerequisite_missing", "events[8]")),
        ),
        // A void of the addition takes the id back.
        (
            with(&plan, &[add("A9", "panel"), void("2024-09-01", 8)]),
            add("A9", "chair"),
            None,
        ),
    ];
    for (events, event, want) in cases {
        let got = load(&with(events, std::slice::from_ref(event)));
        match (got, want) {
            (Ok(_), None) => {}
            (Err(e), Some((code, path))) => {
                assert_eq!(
                    (e.code().as_str(), e.path()),
                    (*code, *path),
                    "{event}: {e}"
                );
            }
            (got, want) => panic!("{event}: got {got:?}, want {want:?}"),
        }
    }
}

// ---------------------------------------------------------------- 8.7 warnings

#[test]
fn similar_agency_name_warnings() {
    // Spec 8.7: one warning for each event whose agency name "is written
    // differently from an earlier one but equal to it after trimming
    // surrounding spaces and ignoring letter case".
    let mut events = plan_events().as_array().unwrap()[..5].to_vec();
    events.extend([
        json!({"on": "2024-03-01", "event": "imr_commissioned", "by": "chair", "agency": "Police"}),       // 5
        json!({"on": "2024-03-02", "event": "imr_commissioned", "by": "chair", "agency": "police "}),      // 6 warns
        json!({"on": "2024-03-03", "event": "imr_commissioned", "by": "chair", "agency": "Police Scotland"}), // 7 different
        json!({"on": "2024-03-04", "event": "imr_submitted", "by": "imr_author", "agency": "Police"}),     // 8 same spelling
        json!({"on": "2024-03-05", "event": "imr_commissioned", "by": "chair", "agency": "HOUSING"}),      // 9
        json!({"on": "2024-08-01", "event": "overview_drafted", "by": "chair", "outstanding_imr_reason": "x"}),
        json!({"on": "2024-08-15", "event": "overview_quality_assured", "by": "panel"}),
        json!({"on": "2024-08-31", "event": "action_plan_agreed", "by": "panel", "actions": [
            {"id": "A1", "within": "1_month", "owner": "Housing"},                                      // 12.0 warns
            {"id": "A2", "within": "1_month", "owner": "Police Scotland"}]}),
        json!({"on": "2024-09-01", "event": "action_added", "by": "chair", "id": "A3", "within": "1_month", "owner": " POLICE"}), // 13 warns
    ]);
    let events = Value::Array(events);
    let r = load(&events).unwrap();
    let paths = |s: &Value| -> Vec<String> {
        s["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["path"].as_str().unwrap().to_string())
            .collect()
    };
    let s = status_of(&r, "2024-09-01");
    // Compared with the first spelling (README): event 8 writes "Police" as
    // event 5 first did, so it is not flagged although event 6 differs.
    assert_eq!(
        paths(&s),
        [
            "events[6].agency",
            "events[12].actions[0].owner",
            "events[13].owner"
        ]
    );
    for w in s["warnings"].as_array().unwrap() {
        assert_eq!(w["code"], "similar_agency_names");
        // Never quoting the caller's values; naming the earlier field.
        let m = w["message"].as_str().unwrap();
        assert!(!m.contains("olice") && !m.contains("ousing"), "{m}");
        assert!(m.contains("events["), "{m}");
    }
    // Each later use of the other spelling is flagged again.
    let mut again = events.as_array().unwrap().clone();
    again.push(json!({"on": "2024-09-02", "event": "imr_submitted", "by": "imr_author", "agency": "police "}));
    let r2 = load(&Value::Array(again)).unwrap();
    assert_eq!(
        paths(&status_of(&r2, "2024-09-02")).last().unwrap(),
        "events[14].agency"
    );
    // Each spelling is its own agency, matched exactly as written (as in version 1).
    assert_eq!(s["imrs"].as_array().unwrap().len(), 4);
    // "Events after the as-of date are left out."
    assert_eq!(paths(&status_of(&r, "2024-03-01")), Vec::<String>::new());
    assert_eq!(
        paths(&status_of(&r, "2024-08-31")),
        ["events[6].agency", "events[12].actions[0].owner"]
    );
    // Voided events are left out (spec 8.4): void the "police " commissioning.
    let mut fixed = events.as_array().unwrap().clone();
    fixed[6] = json!({"on": "2024-03-02", "event": "imr_commissioned", "by": "chair", "agency": "Probation"});
    fixed.push(void("2024-09-02", 13));
    let r = load(&Value::Array(fixed)).unwrap();
    assert_eq!(
        paths(&status_of(&r, "2024-09-02")),
        ["events[12].actions[0].owner"]
    );
    // None in a log without differently written names.
    assert_eq!(
        status_of(&load(&base()).unwrap(), "2024-09-01")["warnings"],
        json!([])
    );
}
