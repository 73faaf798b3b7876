//! Shared logs for the lifecycle tests: one per lifecycle path of spec
//! section 3, written in the interchange format of spec 6.3.
#![allow(dead_code)]

use chrono::NaiveDate;
use dhr_core::lifecycle::{Event, Log};
use serde_json::{json, Value};

/// A date from `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// An event from its JSON.
pub fn ev(v: Value) -> Event {
    Event::from_value(&v, "events[0]").unwrap()
}

/// Events from a JSON array.
pub fn evs(v: Value) -> Vec<Event> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| ev(e.clone()))
        .collect()
}

/// Replay, panicking on refusal.
pub fn log_of(events: &[Event]) -> Log {
    Log::from_events(events.to_vec()).unwrap()
}

/// The names of `next`, in order.
pub fn next_names(log: &Log) -> Vec<&'static str> {
    log.next().iter().map(|n| n.event.as_str()).collect()
}

/// A full review (Stockton flow chart, spec section 3, stages 2 to 18):
/// two agencies, the family track, a pause for a criminal trial, QA
/// approved with changes, publication and the commissioner's copy.
pub fn full_review() -> Value {
    json!([
        {"on": "2024-01-31", "event": "notified", "by": "police"},
        {"on": "2024-02-12", "event": "decided", "by": "csp", "review": true},
        {"on": "2024-02-14", "event": "home_office_informed", "by": "csp"},
        {"on": "2024-02-15", "event": "panel_commissioned", "by": "csp"},
        {"on": "2024-02-20", "event": "chair_appointed", "by": "strategy_group"},
        {"on": "2024-02-27", "event": "terms_of_reference_agreed", "by": "chair", "look_back_from": "2019-01-01"},
        {"on": "2024-02-28", "event": "records_secured", "by": "panel"},
        {"on": "2024-03-01", "event": "imr_commissioned", "by": "chair", "agency": "Police"},
        {"on": "2024-03-01", "event": "imr_commissioned", "by": "agency_senior_manager", "agency": "Adult Social Care"},
        {"on": "2024-03-04", "event": "family_contact_named", "by": "panel"},
        {"on": "2024-03-04", "event": "family_leaflet_given", "by": "panel"},
        {"on": "2024-03-04", "event": "advocacy_offered", "by": "chair"},
        {"on": "2024-03-05", "event": "family_informed", "by": "panel"},
        {"on": "2024-03-20", "event": "family_contacted", "by": "panel", "note": "met the family at home"},
        {"on": "2024-04-15", "event": "imr_submitted", "by": "imr_author", "agency": "Police"},
        {"on": "2024-04-22", "event": "imr_quality_assured", "by": "agency_senior_manager", "agency": "Police"},
        {"on": "2024-05-01", "event": "paused", "by": "chair", "reason": "criminal_proceedings"},
        {"on": "2024-07-01", "event": "resumed", "by": "chair"},
        {"on": "2024-07-10", "event": "imr_submitted", "by": "agency_senior_manager", "agency": "Adult Social Care"},
        {"on": "2024-07-17", "event": "imr_quality_assured", "by": "agency_senior_manager", "agency": "Adult Social Care"},
        {"on": "2024-07-20", "event": "staff_debriefed", "by": "agency_senior_manager", "agency": "Police"},
        {"on": "2024-08-01", "event": "overview_drafted", "by": "chair"},
        {"on": "2024-08-05", "event": "family_draft_shared", "by": "chair"},
        {"on": "2024-08-15", "event": "overview_quality_assured", "by": "panel"},
        {"on": "2024-08-20", "event": "action_plan_agreed", "by": "panel",
         "actions": [{"id": "A1", "within": "1_month"}, {"id": "A2", "within": "6_months"}]},
        {"on": "2024-08-30", "event": "submitted_to_home_office", "by": "csp"},
        {"on": "2024-09-10", "event": "action_completed", "by": "agency_senior_manager", "id": "A1"},
        {"on": "2024-09-15", "event": "commissioner_copy_sent", "by": "csp"},
        {"on": "2024-11-20", "event": "qa_outcome", "by": "home_office", "result": "approved_with_changes"},
        {"on": "2024-12-10", "event": "published", "by": "csp"},
        {"on": "2025-01-20", "event": "action_completed", "by": "csp", "id": "A2"}
    ])
}

/// A decision not to review, the Home Office told with reasons, then a
/// direction under s.9(2) and the review going ahead.
pub fn no_review_then_directed() -> Value {
    json!([
        {"on": "2024-03-01", "event": "notified", "by": "csp"},
        {"on": "2024-03-20", "event": "decided", "by": "csp", "review": false,
         "reasons": "the death is being considered by a safeguarding adults review"},
        {"on": "2024-03-22", "event": "home_office_informed", "by": "csp"},
        {"on": "2024-06-10", "event": "directed_review", "by": "home_office"},
        {"on": "2024-06-20", "event": "panel_commissioned", "by": "csp"},
        {"on": "2024-07-01", "event": "chair_appointed", "by": "csp"}
    ])
}

/// Submission, a `resubmit` outcome, a redraft and a second submission
/// approved, then publication.
pub fn resubmission() -> Value {
    json!([
        {"on": "2023-01-10", "event": "notified", "by": "police"},
        {"on": "2023-01-20", "event": "decided", "by": "csp", "review": true},
        {"on": "2023-01-25", "event": "panel_commissioned", "by": "csp"},
        {"on": "2023-02-01", "event": "chair_appointed", "by": "csp"},
        {"on": "2023-02-08", "event": "terms_of_reference_agreed", "by": "chair"},
        {"on": "2023-02-09", "event": "imr_commissioned", "by": "chair", "agency": "GP practice"},
        {"on": "2023-04-01", "event": "imr_submitted", "by": "imr_author", "agency": "GP practice"},
        {"on": "2023-04-08", "event": "imr_quality_assured", "by": "agency_senior_manager", "agency": "GP practice"},
        {"on": "2023-05-01", "event": "overview_drafted", "by": "chair"},
        {"on": "2023-05-20", "event": "overview_quality_assured", "by": "panel"},
        {"on": "2023-05-25", "event": "action_plan_agreed", "by": "chair", "actions": [{"id": "A1", "within": "6_months"}]},
        {"on": "2023-06-01", "event": "submitted_to_home_office", "by": "csp"},
        {"on": "2023-09-14", "event": "qa_outcome", "by": "home_office", "result": "resubmit"},
        {"on": "2023-10-02", "event": "overview_drafted", "by": "chair"},
        {"on": "2023-10-09", "event": "family_draft_shared", "by": "chair"},
        {"on": "2023-10-16", "event": "overview_quality_assured", "by": "panel"},
        {"on": "2023-10-20", "event": "submitted_to_home_office", "by": "csp"},
        {"on": "2023-12-14", "event": "qa_outcome", "by": "home_office", "result": "approved"},
        {"on": "2024-01-15", "event": "published", "by": "csp"}
    ])
}

/// One IMR withdrawn, one late (the overview drafted while it is still
/// outstanding, with the chair's reason), the late one arriving after.
pub fn imr_withdrawn_and_late() -> Value {
    json!([
        {"on": "2024-01-08", "event": "notified", "by": "police"},
        {"on": "2024-01-15", "event": "decided", "by": "csp", "review": true},
        {"on": "2024-01-16", "event": "panel_commissioned", "by": "csp"},
        {"on": "2024-01-22", "event": "chair_appointed", "by": "csp"},
        {"on": "2024-02-05", "event": "terms_of_reference_agreed", "by": "chair"},
        {"on": "2024-02-06", "event": "imr_commissioned", "by": "chair", "agency": "Police"},
        {"on": "2024-02-06", "event": "imr_commissioned", "by": "chair", "agency": "Housing"},
        {"on": "2024-02-06", "event": "imr_commissioned", "by": "chair", "agency": "Mental Health Trust"},
        {"on": "2024-03-01", "event": "imr_withdrawn", "by": "chair", "agency": "Housing", "reason": "no contact with either party in the period"},
        {"on": "2024-03-20", "event": "imr_submitted", "by": "imr_author", "agency": "Police"},
        {"on": "2024-03-25", "event": "imr_quality_assured", "by": "agency_senior_manager", "agency": "Police"},
        {"on": "2024-05-01", "event": "overview_drafted", "by": "chair",
         "outstanding_imr_reason": "trust IMR delayed by staff absence; to be added as an addendum"},
        {"on": "2024-05-20", "event": "imr_submitted", "by": "agency_senior_manager", "agency": "Mental Health Trust"},
        {"on": "2024-05-28", "event": "imr_quality_assured", "by": "agency_senior_manager", "agency": "Mental Health Trust"}
    ])
}

/// Every scenario log, by name.
/// Spec 8.4 and 8.5: actions with owners, one added after the plan, a
/// completion keyed in error and voided, then the real completion.
pub fn corrected_with_additions() -> Value {
    json!([
        {"on": "2024-01-31", "event": "notified", "by": "police"},
        {"on": "2024-02-12", "event": "decided", "by": "csp", "review": true},
        {"on": "2024-02-15", "event": "panel_commissioned", "by": "csp"},
        {"on": "2024-02-20", "event": "chair_appointed", "by": "csp"},
        {"on": "2024-02-27", "event": "terms_of_reference_agreed", "by": "chair"},
        {"on": "2024-03-10", "event": "overview_drafted", "by": "chair"},
        {"on": "2024-03-12", "event": "overview_quality_assured", "by": "panel"},
        {"on": "2024-03-15", "event": "action_plan_agreed", "by": "panel",
         "actions": [{"id": "A1", "within": "1_month", "owner": "Police"}]},
        {"on": "2024-04-01", "event": "action_added", "by": "chair", "id": "A2", "within": "6_months", "owner": "Housing"},
        {"on": "2024-04-02", "event": "action_completed", "by": "panel", "id": "A2"},
        {"on": "2024-04-03", "event": "voided", "by": "csp", "voids": 9, "reason": "keyed against the wrong action"},
        {"on": "2024-04-03", "event": "action_completed", "by": "panel", "id": "A1"}
    ])
}

pub fn all_scenarios() -> Vec<(&'static str, Vec<Event>)> {
    vec![
        ("full_review", evs(full_review())),
        ("no_review_then_directed", evs(no_review_then_directed())),
        ("resubmission", evs(resubmission())),
        ("imr_withdrawn_and_late", evs(imr_withdrawn_and_late())),
        ("corrected_with_additions", evs(corrected_with_additions())),
    ]
}
