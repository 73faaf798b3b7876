//! The rules of order of spec 6.3: every prerequisite and every role rule,
//! each refusal checked for its code, path, index and message, and for
//! leaving the log exactly as it was.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod lifecycle_common;

use dhr_core::lifecycle::{EventName, Log, Role};
use dhr_core::ErrorCode;
use lifecycle_common::*;
use serde_json::{json, Value};

/// Apply `event` after `prefix`; it must be refused with `code` at
/// `events[N]` + `suffix`, and leave the log unchanged.
fn refused(
    prefix: &[dhr_core::lifecycle::Event],
    event: Value,
    code: ErrorCode,
    suffix: &str,
) -> String {
    let mut log = log_of(prefix);
    let before = log.clone();
    let err = log.apply(ev(event)).unwrap_err();
    let n = prefix.len();
    assert_eq!(err.code(), code, "{err}");
    assert_eq!(err.path(), format!("events[{n}]{suffix}"));
    assert_eq!(err.event_index(), Some(n));
    assert!(!err.message().is_empty());
    assert_eq!(log, before, "a refused event must leave the log unchanged");
    err.message().to_string()
}

fn first(n: usize, v: Value) -> Vec<dhr_core::lifecycle::Event> {
    evs(v).into_iter().take(n).collect()
}

fn accepted(prefix: &[dhr_core::lifecycle::Event], event: Value) -> Log {
    let mut log = log_of(prefix);
    log.apply(ev(event)).unwrap();
    log
}

#[test]
fn scenario_logs_are_accepted() {
    for (name, events) in all_scenarios() {
        let log = Log::from_events(events.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(log.events(), &events[..], "{name}");
    }
}

/// Each case: (source, prefix length of the full review, event, words the
/// message must contain). All are `prerequisite_missing` at `events[N]`.
#[test]
fn every_prerequisite_of_the_table_is_enforced() {
    let full = full_review();
    let cases: Vec<(&str, usize, Value, &str)> = vec![
        ("6.3 notified: first event", 1,
         json!({"on": "2024-02-01", "event": "notified", "by": "csp"}), "first event"),
        ("6.3 decided: requires notified", 0,
         json!({"on": "2024-02-01", "event": "decided", "by": "csp", "review": true}), "notified"),
        ("6.3 decided: once", 2,
         json!({"on": "2024-02-13", "event": "decided", "by": "csp", "review": true}), "already"),
        ("6.3 home_office_informed: requires decided", 1,
         json!({"on": "2024-02-01", "event": "home_office_informed", "by": "csp"}), "decided"),
        ("6.3 directed_review: requires decided with review false", 2,
         json!({"on": "2024-02-13", "event": "directed_review", "by": "home_office"}), "review false"),
        ("6.3 directed_review: not before any decision", 1,
         json!({"on": "2024-02-13", "event": "directed_review", "by": "home_office"}), "review false"),
        ("6.3 panel_commissioned: requires decided (review true)", 1,
         json!({"on": "2024-02-13", "event": "panel_commissioned", "by": "csp"}), "decided"),
        ("6.3 chair_appointed: requires panel_commissioned", 3,
         json!({"on": "2024-02-15", "event": "chair_appointed", "by": "csp"}), "panel_commissioned"),
        ("6.3 terms_of_reference_agreed: requires chair_appointed", 4,
         json!({"on": "2024-02-16", "event": "terms_of_reference_agreed", "by": "chair"}), "chair_appointed"),
        ("6.3 records_secured: requires terms_of_reference_agreed", 5,
         json!({"on": "2024-02-21", "event": "records_secured", "by": "chair"}), "terms_of_reference_agreed"),
        ("6.3 imr_commissioned: requires terms_of_reference_agreed", 5,
         json!({"on": "2024-02-21", "event": "imr_commissioned", "by": "chair", "agency": "Police"}), "terms_of_reference_agreed"),
        ("6.3 imr_commissioned: agency not already commissioned", 8,
         json!({"on": "2024-03-02", "event": "imr_commissioned", "by": "chair", "agency": "Police"}), "already"),
        ("6.3 imr_submitted: imr_commissioned for that agency", 8,
         json!({"on": "2024-03-02", "event": "imr_submitted", "by": "imr_author", "agency": "Probation"}), "no IMR"),
        ("6.3 imr_quality_assured: imr_submitted for that agency", 8,
         json!({"on": "2024-03-02", "event": "imr_quality_assured", "by": "agency_senior_manager", "agency": "Police"}), "commissioned"),
        ("6.3 staff_debriefed: imr_quality_assured for that agency", 15,
         json!({"on": "2024-04-16", "event": "staff_debriefed", "by": "agency_senior_manager", "agency": "Police"}), "submitted"),
        ("6.3 imr_withdrawn: not yet quality-assured", 16,
         json!({"on": "2024-04-23", "event": "imr_withdrawn", "by": "chair", "agency": "Police", "reason": "r"}), "quality"),
        ("6.3 imr_withdrawn: requires imr_commissioned", 8,
         json!({"on": "2024-03-02", "event": "imr_withdrawn", "by": "chair", "agency": "Probation", "reason": "r"}), "no IMR"),
        ("6.3 family_contact_named: requires chair_appointed", 4,
         json!({"on": "2024-02-16", "event": "family_contact_named", "by": "panel"}), "chair_appointed"),
        ("6.3 family_leaflet_given: requires chair_appointed", 4,
         json!({"on": "2024-02-16", "event": "family_leaflet_given", "by": "panel"}), "chair_appointed"),
        ("6.3 advocacy_offered: requires chair_appointed", 4,
         json!({"on": "2024-02-16", "event": "advocacy_offered", "by": "chair"}), "chair_appointed"),
        ("6.3 family_informed: requires chair_appointed", 4,
         json!({"on": "2024-02-16", "event": "family_informed", "by": "chair"}), "chair_appointed"),
        ("6.3 family_contacted: requires family_informed", 12,
         json!({"on": "2024-03-04", "event": "family_contacted", "by": "chair"}), "family_informed"),
        ("6.3 family_draft_shared: requires overview_drafted", 21,
         json!({"on": "2024-07-20", "event": "family_draft_shared", "by": "chair"}), "overview_drafted"),
        ("6.3 overview_drafted: requires terms_of_reference_agreed", 5,
         json!({"on": "2024-02-21", "event": "overview_drafted", "by": "chair"}), "terms_of_reference_agreed"),
        ("6.3 overview_drafted: outstanding_imr_reason required while an IMR is outstanding (section 3)", 16,
         json!({"on": "2024-04-23", "event": "overview_drafted", "by": "chair"}), "outstanding_imr_reason"),
        ("6.3 overview_quality_assured: requires overview_drafted", 21,
         json!({"on": "2024-07-20", "event": "overview_quality_assured", "by": "panel"}), "overview_drafted"),
        ("6.3 action_plan_agreed: requires overview_quality_assured", 23,
         json!({"on": "2024-08-05", "event": "action_plan_agreed", "by": "panel", "actions": []}), "overview_quality_assured"),
        ("6.3 action_completed: requires action_plan_agreed", 24,
         json!({"on": "2024-08-15", "event": "action_completed", "by": "csp", "id": "A1"}), "action_plan_agreed"),
        ("6.3 action_completed: action_plan_agreed with that id", 25,
         json!({"on": "2024-08-20", "event": "action_completed", "by": "csp", "id": "A9"}), "no action"),
        ("6.3 action_completed: once per action", 27,
         json!({"on": "2024-09-10", "event": "action_completed", "by": "csp", "id": "A1"}), "already"),
        ("6.3 submitted_to_home_office: requires overview_quality_assured", 23,
         json!({"on": "2024-08-05", "event": "submitted_to_home_office", "by": "csp"}), "overview_quality_assured"),
        ("6.3 submitted_to_home_office: requires action_plan_agreed", 24,
         json!({"on": "2024-08-15", "event": "submitted_to_home_office", "by": "csp"}), "action_plan_agreed"),
        ("6.3 submitted_to_home_office: again only after a resubmit", 26,
         json!({"on": "2024-08-30", "event": "submitted_to_home_office", "by": "csp"}), "awaiting"),
        ("6.3 submitted_to_home_office: not after an approving outcome", 29,
         json!({"on": "2024-11-21", "event": "submitted_to_home_office", "by": "csp"}), "resubmit"),
        ("6.3 qa_outcome: requires submitted_to_home_office", 25,
         json!({"on": "2024-08-20", "event": "qa_outcome", "by": "home_office", "result": "approved"}), "submitted_to_home_office"),
        ("6.3 qa_outcome: one per submission", 29,
         json!({"on": "2024-11-21", "event": "qa_outcome", "by": "home_office", "result": "approved"}), "submitted_to_home_office"),
        ("6.3 published: requires an approving qa_outcome", 28,
         json!({"on": "2024-09-15", "event": "published", "by": "csp"}), "approved"),
        ("6.3 commissioner_copy_sent: requires overview_quality_assured", 23,
         json!({"on": "2024-08-05", "event": "commissioner_copy_sent", "by": "csp"}), "overview_quality_assured"),
        ("6.3 paused: requires notified", 0,
         json!({"on": "2024-01-31", "event": "paused", "by": "csp", "reason": "other"}), "notified"),
        ("6.3 paused: not while paused (4.2: pauses never overlap)", 17,
         json!({"on": "2024-05-02", "event": "paused", "by": "chair", "reason": "other_review_priority"}), "already paused"),
        ("6.3 resumed: requires paused", 16,
         json!({"on": "2024-04-23", "event": "resumed", "by": "chair"}), "not paused"),
        ("6.3 resumed: not twice (4.2)", 18,
         json!({"on": "2024-07-02", "event": "resumed", "by": "csp"}), "not paused"),
    ];
    for (source, n, event, words) in cases {
        let prefix = first(n, full.clone());
        let msg = refused(&prefix, event, ErrorCode::PrerequisiteMissing, "");
        assert!(
            msg.contains(words),
            "{source}: message {msg:?} lacks {words:?}"
        );
    }
}

#[test]
fn publication_needs_the_resubmission_approved() {
    // 6.3: published requires qa_outcome approved or approved_with_changes;
    // a resubmit outcome, or a resubmission awaiting its outcome, is not one.
    let all = resubmission();
    for n in [13, 14, 17] {
        let prefix = first(n, all.clone());
        let on = prefix.last().unwrap().on.format("%Y-%m-%d").to_string();
        refused(
            &prefix,
            json!({"on": on, "event": "published", "by": "csp"}),
            ErrorCode::PrerequisiteMissing,
            "",
        );
    }
    // Resubmitting a redraft that the panel has not yet quality-assured.
    let prefix = first(14, all.clone());
    refused(
        &prefix,
        json!({"on": "2023-10-03", "event": "submitted_to_home_office", "by": "csp"}),
        ErrorCode::PrerequisiteMissing,
        "",
    );
    // The overview may be redrafted after resubmit, but not twice in a row.
    let prefix = first(14, all);
    refused(
        &prefix,
        json!({"on": "2023-10-03", "event": "overview_drafted", "by": "chair"}),
        ErrorCode::PrerequisiteMissing,
        "",
    );
}

#[test]
fn overview_may_go_ahead_with_a_reason_for_the_outstanding_imr() {
    // Section 3: "The overview cannot be drafted while a commissioned IMR is
    // outstanding ... unless the chair records why".
    let prefix = first(16, full_review());
    let log = accepted(
        &prefix,
        json!({"on": "2024-04-23", "event": "overview_drafted", "by": "chair", "outstanding_imr_reason": "trial"}),
    );
    assert_eq!(log.stage().as_str(), "overview_drafted");
    // A withdrawn IMR is not outstanding (section 3).
    let events = evs(imr_withdrawn_and_late());
    let mut log = log_of(&events[..11]);
    log.apply(ev(json!({"on": "2024-05-28", "event": "imr_submitted", "by": "imr_author", "agency": "Mental Health Trust"}))).unwrap();
    log.apply(ev(json!({"on": "2024-05-29", "event": "imr_quality_assured", "by": "agency_senior_manager", "agency": "Mental Health Trust"}))).unwrap();
    log.apply(ev(
        json!({"on": "2024-05-30", "event": "overview_drafted", "by": "chair"}),
    ))
    .unwrap();
    // Staff debriefing does not hold the overview up (section 3).
    assert!(log.imrs().iter().all(|i| i.state.as_str() != "debriefed"));
}

#[test]
fn after_a_decision_not_to_review_only_two_events_may_follow() {
    // 6.3: "After decided with review false, only home_office_informed and
    // directed_review may follow."
    let all = no_review_then_directed();
    let prefix = first(2, all.clone());
    let others = [
        json!({"on": "2024-03-21", "event": "panel_commissioned", "by": "csp"}),
        json!({"on": "2024-03-21", "event": "paused", "by": "csp", "reason": "criminal_proceedings"}),
        json!({"on": "2024-03-21", "event": "decided", "by": "csp", "review": true}),
        json!({"on": "2024-03-21", "event": "chair_appointed", "by": "csp"}),
    ];
    for e in others {
        let msg = refused(&prefix, e, ErrorCode::PrerequisiteMissing, "");
        assert!(
            msg.contains("only home_office_informed and directed_review"),
            "{msg}"
        );
    }
    let log = log_of(&prefix);
    assert_eq!(
        next_names(&log),
        ["home_office_informed", "directed_review"]
    );
    accepted(
        &prefix,
        json!({"on": "2024-03-21", "event": "directed_review", "by": "home_office"}),
    );
    // After informing the Home Office, paused is still refused.
    let prefix = first(3, all);
    refused(
        &prefix,
        json!({"on": "2024-04-01", "event": "paused", "by": "csp", "reason": "other"}),
        ErrorCode::PrerequisiteMissing,
        "",
    );
}

#[test]
fn dates_never_go_backwards() {
    // 6.3: "Events are in non-decreasing date order (same day allowed)".
    let full = full_review();
    for n in [1, 5, 20, 30] {
        let prefix = first(n, full.clone());
        let last = prefix.last().unwrap().on;
        let mut event = full.as_array().unwrap()[n].clone();
        event["on"] = json!((last - chrono::Days::new(1)).format("%Y-%m-%d").to_string());
        let msg = refused(&prefix, event.clone(), ErrorCode::EventOutOfOrder, "");
        assert!(msg.contains("before"), "{msg}");
        // The same day is allowed.
        event["on"] = json!(last.format("%Y-%m-%d").to_string());
        accepted(&prefix, event);
    }
}

/// 6.3 column "roles": every event of every scenario, recorded by each role
/// not in its column, is refused with `role_not_allowed` at `events[N].by`,
/// while the same event from each allowed role is accepted.
#[test]
fn every_role_rule_of_the_table_is_enforced() {
    let mut names_seen = std::collections::BTreeSet::new();
    for (scenario, events) in all_scenarios() {
        for (n, event) in events.iter().enumerate() {
            let log = log_of(&events[..n]);
            let name = event.name();
            names_seen.insert(name);
            for role in Role::ALL {
                let mut e = event.clone();
                e.by = *role;
                let mut attempt = log.clone();
                let res = attempt.apply(e);
                if name.roles().contains(role) {
                    res.unwrap_or_else(|err| panic!("{scenario} #{n} by {role}: {err}"));
                } else {
                    let err = res.expect_err("a role outside the table must be refused");
                    assert_eq!(err.code(), ErrorCode::RoleNotAllowed);
                    assert_eq!(err.path(), format!("events[{n}].by"));
                    assert_eq!(err.event_index(), Some(n));
                    assert!(err.message().contains(name.as_str()));
                    assert_eq!(attempt, log, "{scenario} #{n} by {role}: log changed");
                }
            }
        }
    }
    // The scenarios between them hold every event of the table.
    assert_eq!(names_seen.len(), EventName::ALL.len());
}

#[test]
fn the_roles_are_those_of_the_table() {
    // Spec 6.3, column "roles", row by row.
    let table: &[(&str, &[&str])] = &[
        ("notified", &["police", "csp"]),
        ("decided", &["csp"]),
        ("home_office_informed", &["csp"]),
        ("directed_review", &["home_office"]),
        ("panel_commissioned", &["csp"]),
        ("chair_appointed", &["csp", "strategy_group"]),
        ("terms_of_reference_agreed", &["chair"]),
        ("records_secured", &["panel", "chair"]),
        ("imr_commissioned", &["chair", "agency_senior_manager"]),
        ("imr_submitted", &["imr_author", "agency_senior_manager"]),
        ("imr_quality_assured", &["agency_senior_manager"]),
        ("staff_debriefed", &["agency_senior_manager"]),
        ("imr_withdrawn", &["chair"]),
        ("family_contact_named", &["panel", "chair"]),
        ("family_leaflet_given", &["panel", "chair"]),
        ("advocacy_offered", &["panel", "chair"]),
        ("family_informed", &["panel", "chair"]),
        ("family_contacted", &["panel", "chair"]),
        ("family_draft_shared", &["chair"]),
        ("overview_drafted", &["chair"]),
        ("overview_quality_assured", &["panel"]),
        ("action_plan_agreed", &["panel", "chair"]),
        (
            "action_completed",
            &["csp", "panel", "agency_senior_manager"],
        ),
        ("submitted_to_home_office", &["csp"]),
        ("qa_outcome", &["home_office"]),
        ("published", &["csp"]),
        ("commissioner_copy_sent", &["csp"]),
        ("paused", &["chair", "csp"]),
        ("resumed", &["chair", "csp"]),
        // Spec 8.5 and 8.4.
        ("action_added", &["panel", "chair"]),
        ("voided", &["csp", "chair"]),
    ];
    assert_eq!(table.len(), EventName::ALL.len());
    for (name, roles) in table {
        let got: Vec<&str> = EventName::from_str(name)
            .unwrap()
            .roles()
            .iter()
            .map(|r| r.as_str())
            .collect();
        assert_eq!(&got, roles, "{name}");
    }
}

#[test]
fn field_errors_name_the_field() {
    let cases: &[(Value, &str, &str)] = &[
        (
            json!({"on": "2024-02-12", "event": "decided", "by": "csp", "review": false}),
            "missing_field",
            "events[0].reasons",
        ),
        (
            json!({"on": "2024-02-12", "event": "decided", "by": "csp"}),
            "missing_field",
            "events[0].review",
        ),
        (
            json!({"on": "2024-02-12", "event": "decided", "by": "csp", "review": "yes"}),
            "invalid_value",
            "events[0].review",
        ),
        (
            json!({"on": "2024-02-30", "event": "notified", "by": "csp"}),
            "invalid_date",
            "events[0].on",
        ),
        (
            json!({"on": "1899-12-31", "event": "notified", "by": "csp"}),
            "date_out_of_range",
            "events[0].on",
        ),
        (
            json!({"event": "notified", "by": "csp"}),
            "missing_field",
            "events[0].on",
        ),
        (
            json!({"on": "2024-01-01", "by": "csp"}),
            "missing_field",
            "events[0].event",
        ),
        (
            json!({"on": "2024-01-01", "event": "notifed", "by": "csp"}),
            "invalid_value",
            "events[0].event",
        ),
        (
            json!({"on": "2024-01-01", "event": "notified", "by": "coroner"}),
            "invalid_value",
            "events[0].by",
        ),
        (
            json!({"on": "2024-01-01", "event": "notified"}),
            "missing_field",
            "events[0].by",
        ),
        (
            json!({"on": "2024-01-01", "event": "notified", "by": "csp", "agency": "Q9"}),
            "unknown_field",
            "events[0].agency",
        ),
        (
            json!({"on": "2024-01-01", "event": "imr_commissioned", "by": "chair"}),
            "missing_field",
            "events[0].agency",
        ),
        (
            json!({"on": "2024-01-01", "event": "imr_commissioned", "by": "chair", "agency": " "}),
            "invalid_value",
            "events[0].agency",
        ),
        (
            json!({"on": "2024-01-01", "event": "imr_withdrawn", "by": "chair", "agency": "Police"}),
            "missing_field",
            "events[0].reason",
        ),
        (
            json!({"on": "2024-01-01", "event": "paused", "by": "chair", "reason": "holiday"}),
            "invalid_value",
            "events[0].reason",
        ),
        (
            json!({"on": "2024-01-01", "event": "qa_outcome", "by": "home_office", "result": "rejected"}),
            "invalid_value",
            "events[0].result",
        ),
        (
            json!({"on": "2024-01-01", "event": "action_plan_agreed", "by": "panel"}),
            "missing_field",
            "events[0].actions",
        ),
        (
            json!({"on": "2024-01-01", "event": "action_plan_agreed", "by": "panel", "actions": [{"id": "A1", "within": "2_months"}]}),
            "invalid_value",
            "events[0].actions[0].within",
        ),
        (
            json!({"on": "2024-01-01", "event": "action_plan_agreed", "by": "panel", "actions": [{"id": "A1", "within": "1_month"}, {"id": "A1", "within": "6_months"}]}),
            "invalid_value",
            "events[0].actions[1].id",
        ),
        // Spec 8.5: an action's owner is text, as `agency`.
        (
            json!({"on": "2024-01-01", "event": "action_plan_agreed", "by": "panel", "actions": [{"id": "A1", "within": "1_month", "owner": " "}]}),
            "invalid_value",
            "events[0].actions[0].owner",
        ),
        (
            json!({"on": "2024-01-01", "event": "action_plan_agreed", "by": "panel", "actions": [{"id": "A1", "within": "1_month", "owner": 3}]}),
            "invalid_value",
            "events[0].actions[0].owner",
        ),
        (
            json!({"on": "2024-01-01", "event": "action_plan_agreed", "by": "panel", "actions": [{"id": "A1", "within": "1_month", "lead": "Police"}]}),
            "unknown_field",
            "events[0].actions[0].lead",
        ),
        (
            json!({"on": "2024-01-01", "event": "action_added", "by": "panel", "id": "A9"}),
            "missing_field",
            "events[0].within",
        ),
        (
            json!({"on": "2024-01-01", "event": "action_added", "by": "panel", "within": "1_month"}),
            "missing_field",
            "events[0].id",
        ),
        (
            json!({"on": "2024-01-01", "event": "action_added", "by": "panel", "id": "A9", "within": "1_month", "owner": ""}),
            "invalid_value",
            "events[0].owner",
        ),
        // Spec 8.4: `voids` is the index of an event, `reason` required.
        (
            json!({"on": "2024-01-01", "event": "voided", "by": "csp", "reason": "typo"}),
            "missing_field",
            "events[0].voids",
        ),
        (
            json!({"on": "2024-01-01", "event": "voided", "by": "csp", "voids": -1, "reason": "typo"}),
            "invalid_value",
            "events[0].voids",
        ),
        (
            json!({"on": "2024-01-01", "event": "voided", "by": "csp", "voids": 1.5, "reason": "typo"}),
            "invalid_value",
            "events[0].voids",
        ),
        (
            json!({"on": "2024-01-01", "event": "voided", "by": "csp", "voids": "2", "reason": "typo"}),
            "invalid_value",
            "events[0].voids",
        ),
        (
            json!({"on": "2024-01-01", "event": "voided", "by": "csp", "voids": 0}),
            "missing_field",
            "events[0].reason",
        ),
        (
            json!({"on": "2024-01-01", "event": "voided", "by": "csp", "voids": 0, "reason": "  "}),
            "invalid_value",
            "events[0].reason",
        ),
        // Spec 8.6: an event's extensions is an object.
        (
            json!({"on": "2024-01-01", "event": "notified", "by": "csp", "extensions": [1]}),
            "invalid_value",
            "events[0].extensions",
        ),
        (
            json!({"on": "2024-01-01", "event": "terms_of_reference_agreed", "by": "chair", "look_back_from": "2019"}),
            "invalid_date",
            "events[0].look_back_from",
        ),
        (json!(["notified"]), "invalid_value", "events[0]"),
    ];
    for (v, code, path) in cases {
        let err = dhr_core::lifecycle::Event::from_value(v, "events[0]").unwrap_err();
        assert_eq!((err.code().as_str(), err.path()), (*code, *path), "{v}");
        // Messages never repeat caller values.
        if let Some(s) = v.get("agency").and_then(Value::as_str) {
            assert!(s.trim().is_empty() || !err.message().contains(s));
        }
    }
}
