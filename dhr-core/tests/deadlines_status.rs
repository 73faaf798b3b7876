//! Deadline status as of a date (spec 4.2, 6.3, 6.4). Every expected date is
//! worked out by hand from the rule's period and the corresponding date rule.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use dhr_core::deadlines::{evaluate, Deadline, DeadlineStatus as S};
use dhr_core::lifecycle::{Action, ActionWithin, Event, EventKind, PauseReason, QaResult, Role};
use dhr_core::rules::RuleSet;
use dhr_core::{ErrorCode, Personal};
use serde_json::json;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn e(on: &str, by: Role, kind: EventKind) -> Event {
    Event {
        on: d(on),
        by,
        kind,
    }
}

fn notified(on: &str) -> Event {
    e(on, Role::Police, EventKind::Notified)
}
fn decided(on: &str, review: bool) -> Event {
    let reasons = (!review).then(|| Personal::new("no connection".to_string()));
    e(on, Role::Csp, EventKind::Decided { review, reasons })
}
fn paused(on: &str) -> Event {
    e(
        on,
        Role::Chair,
        EventKind::Paused {
            reason: PauseReason::CriminalProceedings,
        },
    )
}
fn resumed(on: &str) -> Event {
    e(on, Role::Chair, EventKind::Resumed)
}
fn simple(on: &str, by: Role, kind: EventKind) -> Event {
    e(on, by, kind)
}

fn builtin(id: &str) -> RuleSet {
    RuleSet::builtin(id).unwrap()
}

fn run(set: &RuleSet, log: &[Event], as_of: &str) -> Vec<Deadline> {
    evaluate(set, log, d(as_of), 14).unwrap()
}

fn rule<'a>(out: &'a [Deadline], id: &str) -> &'a Deadline {
    out.iter().find(|x| x.rule() == id).unwrap()
}

/// The spec 6.3 log: notified, decided to review, paused 1 May, resumed 1 July 2024.
fn spec_log() -> Vec<Event> {
    vec![
        notified("2024-01-31"),
        decided("2024-02-12", true),
        paused("2024-05-01"),
        resumed("2024-07-01"),
    ]
}

/// A review up to an agreed terms of reference on `tor`.
fn to_terms(tor: &str) -> Vec<Event> {
    vec![
        notified("2024-01-31"),
        decided("2024-02-12", true),
        simple("2024-02-13", Role::Csp, EventKind::PanelCommissioned),
        simple("2024-02-14", Role::Csp, EventKind::ChairAppointed),
        simple(
            tor,
            Role::Chair,
            EventKind::TermsOfReferenceAgreed {
                look_back_from: None,
            },
        ),
    ]
}

#[test]
fn spec_6_4_example_exactly() {
    // spec 6.4: stockton_2011, log [notified 2024-01-31 by police], as of 2024-02-20.
    let out = run(&builtin("stockton_2011"), &spec_log()[..1], "2024-02-20");
    let ids: Vec<&str> = out.iter().map(|x| x.rule()).collect();
    assert_eq!(
        ids,
        [
            "terms_of_reference",
            "home_office_submission",
            "actions_1_month",
            "actions_6_months",
            "qa_panel"
        ]
    );
    let mut tor = out[0].to_value();
    assert!(tor["explanation"].as_str().unwrap().len() > 40);
    tor.as_object_mut().unwrap().remove("explanation");
    assert_eq!(
        tor,
        json!({"rule": "terms_of_reference", "from": "2024-01-31", "due": "2024-02-29",
               "clamped": true, "paused_days": 0, "status": "due_soon", "days_left": 9,
               "days_late": null, "citation": "Stockton DHR procedure 2011, Timescales"})
    );
    let sub = out[1].to_value();
    assert_eq!(sub["rule"], "home_office_submission");
    assert_eq!(sub["status"], "not_started");
    for key in ["from", "due", "days_left", "days_late"] {
        assert_eq!(sub[key], serde_json::Value::Null, "{key}");
    }
    assert_eq!(sub["clamped"], false);
    assert_eq!(sub["paused_days"], 0);
    // Keys in the spec's order.
    let text = serde_json::to_string(&out[1]).unwrap();
    let order = [
        "\"rule\"",
        "\"from\"",
        "\"due\"",
        "\"clamped\"",
        "\"paused_days\"",
        "\"status\"",
        "\"days_left\"",
        "\"days_late\"",
        "\"citation\"",
        "\"explanation\"",
    ];
    let pos: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn the_explanation_is_a_sentence_with_every_fact() {
    let out = run(&builtin("stockton_2011"), &spec_log()[..1], "2024-02-20");
    let x = &out[0].explanation();
    for needle in [
        "31 January 2024",
        "1 calendar month",
        "corresponding date",
        "Dodds v Walker",
        "February 2024 has no 31st",
        "last day",
        "29 February 2024",
        "due soon, 9 days left",
        "Stockton DHR procedure 2011, Timescales",
    ] {
        assert!(x.contains(needle), "missing {needle:?} in {x}");
    }
    let out = run(&builtin("stockton_2011"), &spec_log(), "2024-09-01");
    let x = &out[1].explanation();
    for needle in [
        "12 February 2024",
        "6 calendar months",
        "12 August 2024",
        "1 May 2024 to 1 July 2024",
        "61 days",
        "12 October 2024",
        "41 days left",
    ] {
        assert!(x.contains(needle), "missing {needle:?} in {x}");
    }
    // Not started and not applicable say why.
    assert!(
        out[2].explanation().contains("action plan"),
        "{}",
        out[2].explanation()
    );
    assert!(
        out[4].explanation().contains("no meeting dates"),
        "{}",
        out[4].explanation()
    );
}

#[test]
fn spec_6_3_pause_adds_61_days_to_the_submission() {
    // spec 4.2: "1 May to 1 July = 61"; 12 Feb + 6 months = 12 Aug; + 61 days = 12 Oct 2024.
    let out = run(&builtin("stockton_2011"), &spec_log(), "2024-09-01");
    let sub = rule(&out, "home_office_submission");
    assert_eq!(sub.from, Some(d("2024-02-12")));
    assert_eq!(sub.due, Some(d("2024-10-12")));
    assert_eq!(sub.paused_days, 61);
    assert!(!sub.clamped);
    assert_eq!(
        (sub.status, sub.days_left, sub.days_late),
        (S::Due, Some(41), None)
    );
    // Terms of reference are not pausable: 29 Feb 2024, overdue 185 days by 1 Sep.
    let tor = rule(&out, "terms_of_reference");
    assert_eq!((tor.due, tor.paused_days), (Some(d("2024-02-29")), 0));
    assert_eq!((tor.status, tor.days_late), (S::Overdue, Some(185)));
}

#[test]
fn proposed_2024_gives_twelve_months() {
    // 12 Feb 2024 + 12 months = 12 Feb 2025; + 61 paused days = 14 Apr 2025.
    let out = run(&builtin("proposed_2024"), &spec_log(), "2024-09-01");
    let sub = rule(&out, "home_office_submission");
    assert_eq!(
        (sub.due, sub.paused_days, sub.status),
        (Some(d("2025-04-14")), 61, S::Due)
    );
    let out = run(&builtin("proposed_2024"), &spec_log()[..2], "2024-09-01");
    assert_eq!(
        rule(&out, "home_office_submission").due,
        Some(d("2025-02-12"))
    );
}

#[test]
fn an_open_pause_shows_paused_and_the_date_if_restarted_that_day() {
    // spec 4.2: paused on the as-of date; due = the date if the clock restarted that day.
    // Paused since 1 May, as of 1 June: 31 days stopped, 12 Aug + 31 = 12 Sep 2024.
    let out = run(&builtin("stockton_2011"), &spec_log()[..3], "2024-06-01");
    let sub = rule(&out, "home_office_submission");
    assert_eq!(
        (sub.status, sub.due, sub.paused_days),
        (S::Paused, Some(d("2024-09-12")), 31)
    );
    assert_eq!(sub.days_left, Some(103));
    assert!(
        sub.explanation().contains("paused since 1 May 2024"),
        "{}",
        sub.explanation()
    );
    // On the day of the pause itself nothing has been stopped yet.
    let out = run(&builtin("stockton_2011"), &spec_log()[..3], "2024-05-01");
    let sub = rule(&out, "home_office_submission");
    assert_eq!(
        (sub.status, sub.due, sub.paused_days),
        (S::Paused, Some(d("2024-08-12")), 0)
    );
    // On the resume day the clock runs again: 61 days.
    let out = run(&builtin("stockton_2011"), &spec_log(), "2024-07-01");
    let sub = rule(&out, "home_office_submission");
    assert_eq!(
        (sub.status, sub.due, sub.paused_days),
        (S::Due, Some(d("2024-10-12")), 61)
    );
}

#[test]
fn only_the_part_of_a_pause_after_the_start_counts() {
    // Paused 1 Feb, decided 12 Feb, resumed 12 Mar 2024: the submission clock
    // stopped 12 Feb..12 Mar = 29 days; 12 Aug + 29 = 10 Sep 2024.
    let log = vec![
        notified("2024-01-31"),
        paused("2024-02-01"),
        decided("2024-02-12", true),
        resumed("2024-03-12"),
    ];
    let out = run(&builtin("stockton_2011"), &log, "2024-04-01");
    let sub = rule(&out, "home_office_submission");
    assert_eq!((sub.paused_days, sub.due), (29, Some(d("2024-09-10"))));
    assert!(sub
        .explanation()
        .contains("only the part of a pause after the clock started counts"));
    // A pause wholly before the start counts for nothing.
    let log = vec![
        notified("2024-01-31"),
        paused("2024-02-01"),
        resumed("2024-02-05"),
        decided("2024-02-12", true),
    ];
    let sub = run(&builtin("stockton_2011"), &log, "2024-04-01")[1].clone();
    assert_eq!((sub.paused_days, sub.due), (0, Some(d("2024-08-12"))));
}

#[test]
fn a_pause_after_the_deadline_was_met_does_not_move_it() {
    let mut log = to_terms("2024-02-20");
    log.extend([
        simple(
            "2024-06-01",
            Role::Chair,
            EventKind::OverviewDrafted {
                outstanding_imr_reason: None,
            },
        ),
        simple("2024-06-10", Role::Panel, EventKind::OverviewQualityAssured),
        simple(
            "2024-06-11",
            Role::Panel,
            EventKind::ActionPlanAgreed { actions: vec![] },
        ),
        simple("2024-07-01", Role::Csp, EventKind::SubmittedToHomeOffice),
        paused("2024-07-10"),
        resumed("2024-08-10"),
    ]);
    let out = run(&builtin("stockton_2011"), &log, "2024-09-01");
    let sub = rule(&out, "home_office_submission");
    assert_eq!(
        (sub.status, sub.due, sub.paused_days),
        (S::Met, Some(d("2024-08-12")), 0)
    );
    assert_eq!((sub.days_left, sub.days_late), (None, None));
    // The empty plan has no actions of either class.
    assert_eq!(rule(&out, "actions_1_month").status, S::NotApplicable);
    assert_eq!(rule(&out, "actions_6_months").status, S::NotApplicable);
}

#[test]
fn due_soon_threshold_and_the_due_day() {
    // Terms of reference due 29 Feb 2024 (spec 6.4).
    let log = &spec_log()[..1];
    let set = builtin("stockton_2011");
    let cases = [
        ("2024-02-01", 14, S::Due, Some(28), None),
        ("2024-02-14", 14, S::Due, Some(15), None),
        ("2024-02-15", 14, S::DueSoon, Some(14), None), // "days_left is 14 or fewer"
        ("2024-02-29", 14, S::DueSoon, Some(0), None), // "0 on the due day, which is still in time"
        ("2024-03-01", 14, S::Overdue, None, Some(1)),
        ("2024-02-22", 7, S::DueSoon, Some(7), None), // threshold is a parameter
        ("2024-02-21", 7, S::Due, Some(8), None),
        ("2024-02-28", 0, S::Due, Some(1), None),
        ("2024-02-29", 0, S::DueSoon, Some(0), None),
    ];
    for (as_of, threshold, status, left, late) in cases {
        let out = evaluate(&set, log, d(as_of), threshold).unwrap();
        let tor = &out[0];
        assert_eq!(
            (tor.status, tor.days_left, tor.days_late),
            (status, left, late),
            "{as_of} / {threshold}"
        );
    }
}

#[test]
fn met_and_met_late() {
    let set = builtin("stockton_2011");
    let out = run(&set, &to_terms("2024-02-29"), "2024-03-10");
    let tor = rule(&out, "terms_of_reference");
    assert_eq!(
        (tor.status, tor.days_left, tor.days_late),
        (S::Met, None, None)
    );
    assert!(
        tor.explanation().contains("the due day itself"),
        "{}",
        tor.explanation()
    );
    let out = run(&set, &to_terms("2024-03-04"), "2024-03-10");
    let tor = rule(&out, "terms_of_reference");
    assert_eq!(
        (tor.status, tor.days_left, tor.days_late),
        (S::MetLate, None, Some(4))
    );
    // Events after the as-of date are ignored: on 20 Feb the terms were not yet agreed.
    let out = run(&set, &to_terms("2024-02-25"), "2024-02-20");
    assert_eq!(rule(&out, "terms_of_reference").status, S::DueSoon);
    assert_eq!(
        rule(&out, "home_office_submission").due,
        Some(d("2024-08-12"))
    );
    let out = run(&set, &to_terms("2024-02-25"), "2024-02-11");
    assert_eq!(rule(&out, "home_office_submission").status, S::NotStarted);
}

#[test]
fn guidance_2016_decision_rule() {
    // [U] one month from notification to the decision: due 29 Feb 2024.
    let set = builtin("guidance_2016");
    let out = run(&set, &[notified("2024-01-31")], "2024-02-10");
    let dec = rule(&out, "decision");
    assert_eq!(
        (dec.due, dec.clamped, dec.status, dec.days_left),
        (Some(d("2024-02-29")), true, S::Due, Some(19))
    );
    let out = run(
        &set,
        &[notified("2024-01-31"), decided("2024-03-05", true)],
        "2024-03-06",
    );
    let dec = rule(&out, "decision");
    assert_eq!((dec.status, dec.days_late), (S::MetLate, Some(5)));
    // The submission runs from the (late) decision: 5 Mar + 6 months = 5 Sep 2024.
    let sub = rule(&out, "home_office_submission");
    assert_eq!(
        (sub.from, sub.due),
        (Some(d("2024-03-05")), Some(d("2024-09-05")))
    );
}

#[test]
fn after_a_decision_not_to_review_later_rules_are_not_applicable() {
    // spec 6.4: "After a decision not to review, every later rule is not_applicable."
    let log = vec![notified("2024-01-31"), decided("2024-02-10", false)];
    let out = run(&builtin("guidance_2016"), &log, "2024-03-10");
    assert_eq!(rule(&out, "decision").status, S::Met);
    for id in [
        "home_office_submission",
        "actions_1_month",
        "actions_6_months",
        "qa_panel",
    ] {
        let x = rule(&out, id);
        assert_eq!(x.status, S::NotApplicable, "{id}");
        assert_eq!(
            (x.from, x.due, x.days_left, x.days_late),
            (None, None, None, None),
            "{id}"
        );
    }
    assert!(rule(&out, "home_office_submission")
        .explanation()
        .contains("decided not to hold a review"));
    let out = run(&builtin("stockton_2011"), &log, "2024-03-10");
    assert_eq!(rule(&out, "terms_of_reference").status, S::NotApplicable);
    // A Secretary of State direction (s.9(2)) starts the clocks again, from the direction [P].
    let mut log = log;
    log.push(simple(
        "2024-04-02",
        Role::HomeOffice,
        EventKind::DirectedReview,
    ));
    let out = run(&builtin("stockton_2011"), &log, "2024-04-10");
    let tor = rule(&out, "terms_of_reference");
    assert_eq!(
        (tor.from, tor.due, tor.status, tor.days_left),
        (
            Some(d("2024-04-02")),
            Some(d("2024-05-02")),
            S::Due,
            Some(22)
        )
    );
    let sub = rule(&out, "home_office_submission");
    assert_eq!(
        (sub.from, sub.due),
        (Some(d("2024-04-02")), Some(d("2024-10-02")))
    );
    assert!(sub
        .explanation()
        .contains("Secretary of State directed a review"));
}

fn to_plan(plan_on: &str, actions: &[(&str, ActionWithin)]) -> Vec<Event> {
    let mut log = to_terms("2024-02-20");
    log.extend([
        simple(
            "2024-05-20",
            Role::Chair,
            EventKind::OverviewDrafted {
                outstanding_imr_reason: None,
            },
        ),
        simple("2024-05-30", Role::Panel, EventKind::OverviewQualityAssured),
        simple(
            plan_on,
            Role::Panel,
            EventKind::ActionPlanAgreed {
                actions: actions
                    .iter()
                    .map(|(id, within)| Action {
                        id: id.to_string(),
                        within: *within,
                        owner: None,
                    })
                    .collect(),
            },
        ),
    ]);
    log
}

fn completed(on: &str, id: &str) -> Event {
    simple(
        on,
        Role::Csp,
        EventKind::ActionCompleted { id: id.to_string() },
    )
}

#[test]
fn action_plan_rules() {
    use ActionWithin::{OneMonth, SixMonths};
    let set = builtin("stockton_2011");
    let mut log = to_plan(
        "2024-06-03",
        &[("A1", OneMonth), ("A2", OneMonth), ("A3", SixMonths)],
    );
    // Plan 3 Jun 2024: one-month actions due 3 Jul, six-month actions due 3 Dec 2024.
    let out = run(&set, &log, "2024-06-10");
    let a1 = rule(&out, "actions_1_month");
    assert_eq!(
        (a1.from, a1.due, a1.status, a1.days_left),
        (
            Some(d("2024-06-03")),
            Some(d("2024-07-03")),
            S::Due,
            Some(23)
        )
    );
    let a6 = rule(&out, "actions_6_months");
    assert_eq!((a6.due, a6.status), (Some(d("2024-12-03")), S::Due));
    // One of two one-month actions done: still running.
    log.push(completed("2024-06-20", "A1"));
    let out = run(&set, &log, "2024-06-25");
    assert_eq!(rule(&out, "actions_1_month").status, S::DueSoon);
    // The last one done on 5 Jul: met late by 2 days (the date is the last completion).
    log.push(completed("2024-07-05", "A2"));
    let out = run(&set, &log, "2024-07-10");
    let a1 = rule(&out, "actions_1_month");
    assert_eq!((a1.status, a1.days_late), (S::MetLate, Some(2)));
    assert!(
        a1.explanation().contains("5 July 2024"),
        "{}",
        a1.explanation()
    );
    let a6 = rule(&out, "actions_6_months");
    assert_eq!((a6.status, a6.days_left), (S::Due, Some(146)));
    log.push(completed("2024-11-01", "A3"));
    let out = run(&set, &log, "2024-11-02");
    assert_eq!(rule(&out, "actions_6_months").status, S::Met);
    // A plan with no six-month actions: that rule does not apply.
    let log = to_plan("2024-06-03", &[("A1", OneMonth)]);
    let out = run(&set, &log, "2024-06-10");
    let a6 = rule(&out, "actions_6_months");
    assert_eq!((a6.status, a6.due), (S::NotApplicable, None));
    assert!(
        a6.explanation().contains("no actions"),
        "{}",
        a6.explanation()
    );
    // Corresponding date for the plan: 31 Aug + 6 months = 28 Feb 2025, clamped.
    let log = to_plan("2024-08-31", &[("A1", SixMonths)]);
    let a6 = run(&set, &log, "2024-09-01")[3].clone();
    assert_eq!((a6.due, a6.clamped), (Some(d("2025-02-28")), true));
}

#[test]
fn qa_panel_with_meeting_dates_from_a_rule_set() {
    let set = builtin("stockton_2011").with_qa_panel_meetings(vec![
        d("2024-09-10"),
        d("2024-12-10"),
        d("2025-03-11"),
    ]);
    let mut log = to_plan("2024-06-03", &[]);
    // Submitted on a meeting day: that meeting ("on or after submission").
    log.push(simple(
        "2024-09-10",
        Role::Csp,
        EventKind::SubmittedToHomeOffice,
    ));
    let qa = run(&set, &log, "2024-09-10")[4].clone();
    assert_eq!(
        (qa.rule(), qa.from, qa.due, qa.status),
        (
            "qa_panel",
            Some(d("2024-09-10")),
            Some(d("2024-09-10")),
            S::DueSoon
        )
    );
    // Submitted the day after: the next one, 10 Dec 2024.
    log.pop();
    log.push(simple(
        "2024-09-11",
        Role::Csp,
        EventKind::SubmittedToHomeOffice,
    ));
    let qa = run(&set, &log, "2024-09-20")[4].clone();
    assert_eq!(
        (qa.due, qa.status, qa.days_left),
        (Some(d("2024-12-10")), S::Due, Some(81))
    );
    // Outcome "resubmit" at that meeting: met; the resubmission restarts the wait.
    log.push(simple(
        "2024-12-10",
        Role::HomeOffice,
        EventKind::QaOutcome {
            result: QaResult::Resubmit,
        },
    ));
    let qa = run(&set, &log, "2024-12-11")[4].clone();
    assert_eq!(qa.status, S::Met);
    log.push(simple(
        "2025-01-15",
        Role::Csp,
        EventKind::SubmittedToHomeOffice,
    ));
    let qa = run(&set, &log, "2025-02-01")[4].clone();
    assert_eq!(
        (qa.from, qa.due, qa.status, qa.days_left),
        (
            Some(d("2025-01-15")),
            Some(d("2025-03-11")),
            S::Due,
            Some(38)
        )
    );
    // No meeting on or after the submission in the data: not applicable, with the reason.
    let set = builtin("stockton_2011").with_qa_panel_meetings(vec![d("2024-09-10")]);
    let qa = run(&set, &log, "2025-02-01")[4].clone();
    assert_eq!((qa.status, qa.due), (S::NotApplicable, None));
    assert!(
        qa.explanation().contains("no meeting"),
        "{}",
        qa.explanation()
    );
    // Before any submission: not started.
    let qa = run(&set, &log, "2024-06-10")[4].clone();
    assert_eq!(qa.status, S::NotStarted);
}

#[test]
fn an_empty_log_has_nothing_started() {
    for id in ["stockton_2011", "guidance_2016", "proposed_2024"] {
        let out = run(&builtin(id), &[], "2024-01-01");
        assert_eq!(out.len(), 5);
        for x in &out[..4] {
            assert_eq!(x.status, S::NotStarted, "{id} {}", x.rule());
        }
        assert_eq!(out[4].status, S::NotApplicable, "{id} qa_panel");
    }
}

fn custom(policy: &str, period: serde_json::Value) -> RuleSet {
    RuleSet::from_value(
        &json!({"id": "custom", "title": "Custom", "rules": [
            {"id": "r", "title": "terms agreed", "start": ["notified"], "end": "terms_of_reference_agreed",
             "period": period, "policy": policy, "citation": "local", "marks": ["P"]}]}),
        "",
    )
    .unwrap()
}

#[test]
fn month_end_policies_per_rule() {
    let log = [notified("2024-01-31")];
    let months = json!({"unit": "months", "count": 1});
    let x = run(&custom("round_up", months.clone()), &log, "2024-02-01")[0].clone();
    assert_eq!((x.due, x.clamped), (Some(d("2024-03-01")), true));
    assert!(
        x.explanation().contains("round_up")
            && x.explanation().contains("1st of the following month"),
        "{}",
        x.explanation()
    );
    let x = run(&custom("last_day", months.clone()), &log, "2024-02-01")[0].clone();
    assert_eq!((x.due, x.clamped), (Some(d("2024-02-29")), true));
    let err = evaluate(&custom("refuse", months.clone()), &log, d("2024-02-01"), 14).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::AmbiguousDate, "events[0].on")
    );
    // No ambiguity, no error.
    let x = run(
        &custom("refuse", months.clone()),
        &[notified("2024-01-29")],
        "2024-02-01",
    )[0]
    .clone();
    assert_eq!((x.due, x.clamped), (Some(d("2024-02-29")), false)); // 2024 is a leap year
    let err = evaluate(
        &custom("refuse", months),
        &[notified("2024-01-30")],
        d("2024-02-01"),
        14,
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::AmbiguousDate);
}

#[test]
fn days_and_working_days_rules() {
    // 28 days from Wed 31 Jan 2024 = Wed 28 Feb 2024.
    let x = run(
        &custom("last_day", json!({"unit": "days", "count": 28})),
        &[notified("2024-01-31")],
        "2024-02-01",
    )[0]
    .clone();
    assert_eq!(x.due, Some(d("2024-02-28")));
    // 15 working days from Wed 1 May 2024 (early May holiday Mon 6 May) = Thu 23 May 2024.
    let set = custom("last_day", json!({"unit": "working_days", "count": 15}));
    let x = run(&set, &[notified("2024-05-01")], "2024-05-02")[0].clone();
    assert_eq!(x.due, Some(d("2024-05-23")));
    assert!(
        x.explanation()
            .contains("bank holidays of England and Wales"),
        "{}",
        x.explanation()
    );
    // Past the bank-holiday data: a typed error, never a guess.
    let err = evaluate(&set, &[notified("2027-12-20")], d("2027-12-21"), 14).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::DateOutOfRange, "events[0].on")
    );
}

#[test]
fn a_due_date_beyond_the_supported_range_is_an_error() {
    let err = evaluate(
        &builtin("stockton_2011"),
        &[notified("2199-12-15")],
        d("2199-12-20"),
        14,
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::DateOutOfRange);
    assert_eq!(err.path(), "events[0].on");
}

#[test]
fn a_rule_set_may_mark_other_rules_pausable() {
    // spec 4.2: "a rule set may mark other rules as pausable too [P]".
    let mut v = builtin("stockton_2011").to_value();
    v["id"] = json!("stockton_pausable_terms");
    v["rules"][0]["pausable"] = json!(true);
    let set = RuleSet::from_value(&v, "").unwrap();
    // Notified 31 Jan, paused 5 Feb, resumed 15 Feb 2024: 10 days; 29 Feb + 10 = 10 Mar.
    let log = [
        notified("2024-01-31"),
        paused("2024-02-05"),
        resumed("2024-02-15"),
    ];
    let out = run(&set, &log, "2024-03-01");
    let tor = rule(&out, "terms_of_reference");
    assert_eq!(
        (
            tor.due,
            tor.paused_days,
            tor.clamped,
            tor.status,
            tor.days_left
        ),
        (Some(d("2024-03-10")), 10, true, S::DueSoon, Some(9))
    );
    // The built-in set does not pause it.
    let out = run(&builtin("stockton_2011"), &log, "2024-03-01");
    let tor = rule(&out, "terms_of_reference");
    assert_eq!(
        (tor.due, tor.paused_days, tor.status),
        (Some(d("2024-02-29")), 0, S::Overdue)
    );
}
