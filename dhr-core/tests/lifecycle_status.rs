//! Status as of a date (spec 6.4) along each lifecycle path: stage,
//! deadlines and `next` at several dates. The expected dates are worked by
//! hand from spec 4.2 (corresponding date rule, pauses) and 6.3 (rule sets).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod lifecycle_common;

use dhr_core::lifecycle::{Review, Status, StatusOptions};
use lifecycle_common::*;
use serde_json::{json, Value};

fn review(events: Value, rules: &str) -> Review {
    Review::from_value(
        &json!({"schema_version": 1, "reference": "T-1", "rules": rules, "events": events}),
    )
    .unwrap()
}

fn status(r: &Review, as_of: &str) -> Status {
    r.status(d(as_of), &StatusOptions::default()).unwrap()
}

/// (rule, status, due, days_left, days_late, paused_days)
type Row<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<i64>,
    Option<i64>,
    i64,
);

fn check(s: &Status, rows: &[Row<'_>]) {
    assert_eq!(
        s.deadlines.len(),
        rows.len(),
        "every rule of the set, in order (6.4)"
    );
    for (dl, (rule, st, due, left, late, paused)) in s.deadlines.iter().zip(rows) {
        let v = dl.to_value();
        assert_eq!(dl.rule(), *rule);
        assert_eq!(v["status"], *st, "{rule} as of {}", s.as_of);
        assert_eq!(
            dl.due.map(|x| x.format("%Y-%m-%d").to_string()).as_deref(),
            *due,
            "{rule}"
        );
        assert_eq!(dl.days_left, *left, "{rule}");
        assert_eq!(dl.days_late, *late, "{rule}");
        assert_eq!(dl.paused_days, *paused, "{rule}");
    }
}

fn next(s: &Status) -> Vec<&'static str> {
    s.next.iter().map(|n| n.event.as_str()).collect()
}

#[test]
fn spec_6_4_example() {
    // Spec 6.4: a log holding only the first event of 6.3, as of 2024-02-20.
    let r = review(
        json!([{"on": "2024-01-31", "event": "notified", "by": "police"}]),
        "stockton_2011",
    );
    let s = status(&r, "2024-02-20");
    assert_eq!(s.stage.as_str(), "notified");
    assert!(!s.paused);
    // 31 January + 1 month: February has no 31st, so its last day, clamped (4.2).
    assert!(s.deadlines[0].clamped);
    check(
        &s,
        &[
            (
                "terms_of_reference",
                "due_soon",
                Some("2024-02-29"),
                Some(9),
                None,
                0,
            ),
            ("home_office_submission", "not_started", None, None, None, 0),
            ("actions_1_month", "not_started", None, None, None, 0),
            ("actions_6_months", "not_started", None, None, None, 0),
            ("qa_panel", "not_applicable", None, None, None, 0),
        ],
    );
    assert_eq!(
        s.deadlines[0].citation(),
        "Stockton DHR procedure 2011, Timescales"
    );
    assert_eq!(next(&s), ["decided", "paused"]);
    let v = s.to_value();
    assert_eq!(v["imrs"], json!([]));
    assert_eq!(
        v["family"],
        json!({"contact_named": false, "leaflet_given": false,
        "advocacy_offered": false, "informed": false, "draft_shared": false})
    );
    assert_eq!(
        v["next"],
        json!([{"event": "decided", "by": ["csp"]}, {"event": "paused", "by": ["chair", "csp"]}])
    );
    assert!(v.get("assessment").is_none(), "no death, no assessment key");
}

#[test]
fn full_review_with_a_pause() {
    let r = review(full_review(), "stockton_2011");

    // Decided 12 Feb: submission 6 months later, 12 Aug; 174 days left.
    let s = status(&r, "2024-02-20");
    assert_eq!(s.stage.as_str(), "chair_appointed");
    check(
        &s,
        &[
            (
                "terms_of_reference",
                "due_soon",
                Some("2024-02-29"),
                Some(9),
                None,
                0,
            ),
            (
                "home_office_submission",
                "due",
                Some("2024-08-12"),
                Some(174),
                None,
                0,
            ),
            ("actions_1_month", "not_started", None, None, None, 0),
            ("actions_6_months", "not_started", None, None, None, 0),
            ("qa_panel", "not_applicable", None, None, None, 0),
        ],
    );

    // Paused since 1 May: 45 days stopped by 15 June, so the submission
    // would fall on 12 Aug + 45 = 26 Sep if the clock restarted that day (4.2).
    let s = status(&r, "2024-06-15");
    assert!(s.paused);
    assert_eq!(s.stage.as_str(), "family_informed");
    check(
        &s,
        &[
            (
                "terms_of_reference",
                "met",
                Some("2024-02-29"),
                None,
                None,
                0,
            ),
            (
                "home_office_submission",
                "paused",
                Some("2024-09-26"),
                Some(103),
                None,
                45,
            ),
            ("actions_1_month", "not_started", None, None, None, 0),
            ("actions_6_months", "not_started", None, None, None, 0),
            ("qa_panel", "not_applicable", None, None, None, 0),
        ],
    );
    assert!(next(&s).contains(&"resumed"));

    // Resumed 1 July: 1 May to 1 July = 61 days (4.2's own example); due
    // 12 Oct, submitted 30 Aug: met. Action plan 20 Aug: 1 month to 20 Sep.
    let s = status(&r, "2024-09-01");
    assert_eq!(s.stage.as_str(), "submitted_to_home_office");
    check(
        &s,
        &[
            (
                "terms_of_reference",
                "met",
                Some("2024-02-29"),
                None,
                None,
                0,
            ),
            (
                "home_office_submission",
                "met",
                Some("2024-10-12"),
                None,
                None,
                61,
            ),
            (
                "actions_1_month",
                "due",
                Some("2024-09-20"),
                Some(19),
                None,
                0,
            ),
            (
                "actions_6_months",
                "due",
                Some("2025-02-20"),
                Some(172),
                None,
                0,
            ),
            ("qa_panel", "not_applicable", None, None, None, 0),
        ],
    );
    assert!(next(&s).contains(&"qa_outcome"));

    // Published; the 6-month action done 20 Jan 2025, before 20 Feb.
    let s = status(&r, "2025-06-01");
    assert_eq!(s.stage.as_str(), "published");
    check(
        &s,
        &[
            (
                "terms_of_reference",
                "met",
                Some("2024-02-29"),
                None,
                None,
                0,
            ),
            (
                "home_office_submission",
                "met",
                Some("2024-10-12"),
                None,
                None,
                61,
            ),
            ("actions_1_month", "met", Some("2024-09-20"), None, None, 0),
            ("actions_6_months", "met", Some("2025-02-20"), None, None, 0),
            ("qa_panel", "not_applicable", None, None, None, 0),
        ],
    );
    let imrs = s.to_value()["imrs"].clone();
    assert_eq!(
        imrs[0],
        json!({"agency": "Police", "state": "debriefed", "commissioned_on": "2024-03-01",
        "submitted_on": "2024-04-15", "quality_assured_on": "2024-04-22", "debriefed_on": "2024-07-20",
        "withdrawn_on": null})
    );
}

#[test]
fn events_after_as_of_are_ignored() {
    // 6.4: "the answer is the review as it stood that day".
    let full = review(full_review(), "stockton_2011");
    let cut: Vec<Value> = full_review()
        .as_array()
        .unwrap()
        .iter()
        .take(5)
        .cloned()
        .collect();
    let short = review(Value::Array(cut), "stockton_2011");
    let mut got = status(&full, "2024-02-20").to_value();
    // Spec 8.7: the answer counts the events it ignored.
    assert_eq!(got["events_after_as_of"], 26);
    assert_eq!(
        status(&short, "2024-02-20").to_value()["events_after_as_of"],
        0
    );
    got["events_after_as_of"] = json!(0);
    assert_eq!(got, status(&short, "2024-02-20").to_value());
}

#[test]
fn decision_not_to_review() {
    let r = review(no_review_then_directed(), "stockton_2011");
    let s = status(&r, "2024-03-10");
    check(
        &s,
        &[
            (
                "terms_of_reference",
                "due",
                Some("2024-04-01"),
                Some(22),
                None,
                0,
            ),
            ("home_office_submission", "not_started", None, None, None, 0),
            ("actions_1_month", "not_started", None, None, None, 0),
            ("actions_6_months", "not_started", None, None, None, 0),
            ("qa_panel", "not_applicable", None, None, None, 0),
        ],
    );
    // 6.4: "After a decision not to review, every later rule is not_applicable."
    let s = status(&r, "2024-04-01");
    assert_eq!(s.stage.as_str(), "closed_no_review");
    assert!(s
        .deadlines
        .iter()
        .all(|d| d.to_value()["status"] == "not_applicable"));
    assert_eq!(next(&s), ["directed_review"]);
    // A direction (s.9(2)) restarts the clocks from its date.
    let s = status(&r, "2024-07-01");
    assert_eq!(s.stage.as_str(), "chair_appointed");
    assert_eq!(s.deadlines[1].due, Some(d("2024-12-10")));
    assert_eq!(s.deadlines[1].days_left, Some(162));

    // guidance_2016: the decision is due a month from notification [U]; it
    // was made on 20 March, in time.
    let r = review(no_review_then_directed(), "guidance_2016");
    let s = status(&r, "2024-04-01");
    check(
        &s,
        &[
            ("decision", "met", Some("2024-04-01"), None, None, 0),
            (
                "home_office_submission",
                "not_applicable",
                None,
                None,
                None,
                0,
            ),
            ("actions_1_month", "not_applicable", None, None, None, 0),
            ("actions_6_months", "not_applicable", None, None, None, 0),
            ("qa_panel", "not_applicable", None, None, None, 0),
        ],
    );
}

#[test]
fn resubmission_after_qa() {
    let r = review(resubmission(), "stockton_2011");
    // Submitted 1 June 2023, within 6 months of 20 January; the resubmission
    // does not restart the clock. No 1-month actions in the plan.
    let s = status(&r, "2023-11-01");
    assert_eq!(s.stage.as_str(), "qa_outcome");
    check(
        &s,
        &[
            (
                "terms_of_reference",
                "met",
                Some("2023-02-10"),
                None,
                None,
                0,
            ),
            (
                "home_office_submission",
                "met",
                Some("2023-07-20"),
                None,
                None,
                0,
            ),
            ("actions_1_month", "not_applicable", None, None, None, 0),
            (
                "actions_6_months",
                "due",
                Some("2023-11-25"),
                Some(24),
                None,
                0,
            ),
            ("qa_panel", "not_applicable", None, None, None, 0),
        ],
    );
    assert!(next(&s).contains(&"qa_outcome"));
    // The 6-month action never done: 25 Nov to 1 Feb is 68 days late.
    let s = status(&r, "2024-02-01");
    assert_eq!(s.stage.as_str(), "published");
    assert_eq!(s.deadlines[3].days_late, Some(68));
    assert_eq!(s.deadlines[3].to_value()["status"], "overdue");
}

#[test]
fn imr_withdrawn_and_late_under_the_2024_proposal() {
    // proposed_2024: submission 12 months from the decision (6.3).
    let r = review(imr_withdrawn_and_late(), "proposed_2024");
    let s = status(&r, "2024-04-01");
    assert_eq!(s.stage.as_str(), "imr_commissioned");
    check(
        &s,
        &[
            ("decision", "met", Some("2024-02-08"), None, None, 0),
            (
                "home_office_submission",
                "due",
                Some("2025-01-15"),
                Some(289),
                None,
                0,
            ),
            ("actions_1_month", "not_started", None, None, None, 0),
            ("actions_6_months", "not_started", None, None, None, 0),
            ("qa_panel", "not_applicable", None, None, None, 0),
        ],
    );
    let v = s.to_value();
    assert_eq!(v["imrs"][1]["state"], "withdrawn");
    assert_eq!(v["imrs"][1]["withdrawn_on"], "2024-03-01");
    assert_eq!(v["imrs"][2]["state"], "commissioned");
}

#[test]
fn options_due_soon_threshold_and_rules_override() {
    let r = review(
        json!([{"on": "2024-01-31", "event": "notified", "by": "police"}]),
        "stockton_2011",
    );
    // 9 days left: due_soon at 14 (default), due at a threshold of 5 (4.2).
    let opts = StatusOptions {
        due_soon_days: 5,
        ..StatusOptions::default()
    };
    let s = r.status(d("2024-02-20"), &opts).unwrap();
    assert_eq!(s.deadlines[0].to_value()["status"], "due");
    // --rules: the deadlines are counted by the given set instead.
    let opts = StatusOptions {
        rules: Some(dhr_core::rules::RuleSet::builtin("guidance_2016").unwrap()),
        ..StatusOptions::default()
    };
    let s = r.status(d("2024-02-20"), &opts).unwrap();
    assert_eq!(s.deadlines[0].rule(), "decision");
    assert_eq!(s.deadlines[0].due, Some(d("2024-02-29")));
}

#[test]
fn a_review_with_a_death_shows_its_assessment() {
    let death = json!({
        "schema_version": 1, "reference": "STK-2024-003", "date_of_death": "2024-01-28",
        "notified_on": "2024-01-31", "nation": "england",
        "deceased": {"date_of_birth": "1990-05-01", "age": null, "age_band": null, "care_and_support_needs": null},
        "manner": "homicide",
        "suspects": [{"connection": "former_intimate_partner", "home_office_relationship": null,
                      "same_household": false, "age": 41, "abuse_suspected": true}],
        "abuse_indicators": ["coercive_control"], "extensions": {}
    });
    let doc = json!({"schema_version": 1, "reference": "STK-2024-003", "rules": "stockton_2011", "death": death,
                     "events": [{"on": "2024-01-31", "event": "notified", "by": "police"}]});
    let r = Review::from_value(&doc).unwrap();
    let v = r
        .status(d("2024-02-20"), &StatusOptions::default())
        .unwrap()
        .to_value();
    // 6.2 answer beside the review: aged 33, former partner, abuse suspected.
    assert_eq!(v["assessment"]["outcome"], "required");
    assert_eq!(v["assessment"]["regime"], "dhr_s9");
    // The assess answer, without the receipt: the status carries it (spec 8.3).
    let mut alone = dhr_core::eligibility::assess(r.death().unwrap(), &Default::default())
        .unwrap()
        .to_value();
    let receipt = alone.as_object_mut().unwrap().remove("engine").unwrap();
    assert_eq!(v["assessment"], alone);
    assert_eq!(
        v["engine"]["options"]["susr_from"],
        receipt["options"]["susr_from"]
    );
    assert_eq!(v["engine"]["rules"]["id"], "stockton_2011");
    // The assessment options are passed through: DARDR commenced before the death.
    let mut opts = StatusOptions::default();
    opts.assess.dardr_commenced = Some(d("2024-01-01"));
    let v = r.status(d("2024-02-20"), &opts).unwrap().to_value();
    assert_eq!(v["assessment"]["regime"], "dardr_s8a");
}

#[test]
fn status_json_for_the_bindings() {
    let text = json!({"schema_version": 1, "rules": "stockton_2011",
        "events": [{"on": "2024-01-31", "event": "notified", "by": "police"}]})
    .to_string();
    let v = dhr_core::lifecycle::status_json(&text, d("2024-02-20"), &StatusOptions::default())
        .unwrap();
    assert_eq!(v["stage"], "notified");
    assert_eq!(v["reference"], Value::Null);
    let err = dhr_core::lifecycle::status_json("[", d("2024-02-20"), &StatusOptions::default())
        .unwrap_err();
    assert_eq!(err.code().as_str(), "invalid_json");
}

#[test]
fn spec_6_3_example_log() {
    // Spec 6.3's log: paused 1 May, resumed 1 July 2024. 4.2: "1 May to
    // 1 July = 61" days stopped; the submission moves from 12 Aug to 12 Oct.
    // Terms of reference are not pausable in stockton_2011: overdue since
    // 29 Feb, 154 days by 1 Aug.
    let r = review(
        json!([
            {"on": "2024-01-31", "event": "notified", "by": "police"},
            {"on": "2024-02-12", "event": "decided", "by": "csp", "review": true},
            {"on": "2024-05-01", "event": "paused", "by": "chair", "reason": "criminal_proceedings"},
            {"on": "2024-07-01", "event": "resumed", "by": "chair"}
        ]),
        "stockton_2011",
    );
    let s = status(&r, "2024-08-01");
    assert_eq!(s.stage.as_str(), "decided");
    assert!(!s.paused);
    check(
        &s,
        &[
            (
                "terms_of_reference",
                "overdue",
                Some("2024-02-29"),
                None,
                Some(154),
                0,
            ),
            (
                "home_office_submission",
                "due",
                Some("2024-10-12"),
                Some(72),
                None,
                61,
            ),
            ("actions_1_month", "not_started", None, None, None, 0),
            ("actions_6_months", "not_started", None, None, None, 0),
            ("qa_panel", "not_applicable", None, None, None, 0),
        ],
    );
    assert_eq!(
        next(&s),
        ["home_office_informed", "panel_commissioned", "paused"]
    );
}
