//! One scenario per lifecycle path of spec section 3, asserting the stage,
//! the pause, the IMR and family tracks and `next` at several dates.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod lifecycle_common;

use dhr_core::lifecycle::{ImrState, Log};
use lifecycle_common::*;

fn at(log: &Log, date: &str) -> Log {
    log.as_of(d(date))
}

#[test]
fn full_review_from_notification_to_publication() {
    let log = log_of(&evs(full_review()));

    // Before the police notify the CSP nothing has happened: only
    // `notified` may come (6.3: "first event").
    let l = at(&log, "2024-01-30");
    assert_eq!(l.stage().as_str(), "not_notified");
    assert_eq!(next_names(&l), ["notified"]);
    assert!(l.events().is_empty());

    // Spec 6.4 example: after notification the CSP decides; a pause is possible.
    let l = at(&log, "2024-02-01");
    assert_eq!(l.stage().as_str(), "notified");
    assert_eq!(next_names(&l), ["decided", "paused"]);
    assert_eq!(
        l.next()[0]
            .by
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>(),
        ["csp"]
    );
    assert_eq!(
        l.next()[1]
            .by
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>(),
        ["chair", "csp"]
    );

    // Chair appointed: terms of reference and the family track open (6.3).
    let l = at(&log, "2024-02-20");
    assert_eq!(l.stage().as_str(), "chair_appointed");
    assert_eq!(
        next_names(&l),
        [
            "terms_of_reference_agreed",
            "family_contact_named",
            "family_leaflet_given",
            "advocacy_offered",
            "family_informed",
            "paused"
        ]
    );

    // During the pause for the criminal trial (section 3 side path; 4.2).
    let l = at(&log, "2024-06-15");
    assert_eq!(l.stage().as_str(), "family_informed");
    assert!(l.paused());
    assert!(next_names(&l).contains(&"resumed"));
    assert!(!next_names(&l).contains(&"paused"));
    let imrs: Vec<(&str, ImrState)> = l
        .imrs()
        .iter()
        .map(|i| (i.agency.as_str(), i.state))
        .collect();
    assert_eq!(
        imrs,
        [
            ("Police", ImrState::QualityAssured),
            ("Adult Social Care", ImrState::Commissioned)
        ]
    );
    let f = l.family();
    assert!(
        f.contact_named && f.leaflet_given && f.advocacy_offered && f.informed && !f.draft_shared
    );
    // An IMR is outstanding, yet the overview may be drafted with a reason.
    assert!(next_names(&l).contains(&"overview_drafted"));

    // Resumed, both IMRs assured; the overview drafted and shared.
    let l = at(&log, "2024-08-10");
    assert!(!l.paused());
    assert_eq!(l.stage().as_str(), "overview_drafted");
    assert!(l.family().draft_shared);
    assert_eq!(
        next_names(&l),
        [
            "imr_commissioned",
            "staff_debriefed",
            "family_contacted",
            "overview_quality_assured",
            "paused"
        ]
    );

    // With the Home Office: only its outcome moves the report on.
    let l = at(&log, "2024-10-01");
    assert_eq!(l.stage().as_str(), "submitted_to_home_office");
    assert!(next_names(&l).contains(&"qa_outcome"));
    assert!(!next_names(&l).contains(&"published"));
    assert!(!next_names(&l).contains(&"submitted_to_home_office"));
    assert_eq!(l.actions().iter().filter(|(_, done)| *done).count(), 1);

    // Approved with changes, then published (6.3: published needs approved
    // or approved_with_changes); the commissioner's copy was sent (s.9(3B)).
    let l = at(&log, "2024-11-20");
    assert_eq!(l.stage().as_str(), "qa_outcome");
    assert!(next_names(&l).contains(&"published"));
    let l = at(&log, "2025-06-01");
    assert_eq!(l.stage().as_str(), "published");
    assert!(!next_names(&l).contains(&"published"));
    assert!(!next_names(&l).contains(&"commissioner_copy_sent"));
    assert!(!next_names(&l).contains(&"action_completed"));
    assert_eq!(l.imrs()[0].debriefed_on, Some(d("2024-07-20")));
}

#[test]
fn decision_not_to_review_closes_until_a_direction() {
    let log = log_of(&evs(no_review_then_directed()));
    // 6.4: stage `closed_no_review`; 6.3: only two events may follow.
    let l = at(&log, "2024-03-20");
    assert_eq!(l.stage().as_str(), "closed_no_review");
    assert_eq!(l.decision(), Some(false));
    assert_eq!(next_names(&l), ["home_office_informed", "directed_review"]);
    assert_eq!(
        l.next()[1]
            .by
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>(),
        ["home_office"]
    );
    let l = at(&log, "2024-05-01");
    assert_eq!(l.stage().as_str(), "closed_no_review");
    assert_eq!(next_names(&l), ["directed_review"]);
    // s.9(2): the Secretary of State directs a review; it proceeds.
    let l = at(&log, "2024-06-10");
    assert_eq!(l.stage().as_str(), "directed_review");
    assert_eq!(next_names(&l), ["panel_commissioned", "paused"]);
    let l = at(&log, "2024-07-01");
    assert_eq!(l.stage().as_str(), "chair_appointed");
}

#[test]
fn pause_and_resume() {
    let log = log_of(&evs(full_review()));
    for (date, paused) in [
        ("2024-04-30", false),
        ("2024-05-01", true), // paused from the pause date
        ("2024-06-30", true),
        ("2024-07-01", false), // up to, not including, the resume date (4.2)
    ] {
        assert_eq!(at(&log, date).paused(), paused, "{date}");
    }
}

#[test]
fn resubmission_after_qa() {
    let log = log_of(&evs(resubmission()));
    let l = at(&log, "2023-09-14");
    assert_eq!(l.qa_outcome().map(|q| q.as_str()), Some("resubmit"));
    // 6.3: submitted_to_home_office "again after a resubmit"; the overview
    // may be redrafted; publication must wait.
    let names = next_names(&l);
    assert!(names.contains(&"submitted_to_home_office"));
    assert!(names.contains(&"overview_drafted"));
    assert!(!names.contains(&"published"));
    // Redrafted: the redraft must be assured before it goes back.
    let l = at(&log, "2023-10-09");
    assert!(!next_names(&l).contains(&"submitted_to_home_office"));
    assert!(next_names(&l).contains(&"overview_quality_assured"));
    let l = at(&log, "2023-10-20");
    assert_eq!(l.stage().as_str(), "qa_outcome");
    assert!(next_names(&l).contains(&"qa_outcome"));
    let l = at(&log, "2023-12-14");
    assert!(next_names(&l).contains(&"published"));
    assert_eq!(at(&log, "2024-01-15").stage().as_str(), "published");
}

#[test]
fn an_imr_withdrawn_and_one_late() {
    let log = log_of(&evs(imr_withdrawn_and_late()));
    let l = at(&log, "2024-04-01");
    let states: Vec<&str> = l.imrs().iter().map(|i| i.state.as_str()).collect();
    assert_eq!(states, ["quality_assured", "withdrawn", "commissioned"]);
    assert_eq!(l.imrs()[1].withdrawn_on, Some(d("2024-03-01")));
    assert_eq!(l.imrs()[1].submitted_on, None);
    // The late IMR is outstanding: the withdrawn one is not (section 3).
    let outstanding: Vec<&str> = l
        .imrs()
        .iter()
        .filter(|i| i.state.is_outstanding())
        .map(|i| i.agency.as_str())
        .collect();
    assert_eq!(outstanding, ["Mental Health Trust"]);
    // Drafted with the chair's reason; the late IMR arrives after.
    let l = at(&log, "2024-05-28");
    assert_eq!(l.stage().as_str(), "overview_drafted");
    let trust = &l.imrs()[2];
    assert_eq!(trust.state.as_str(), "quality_assured");
    assert_eq!(trust.submitted_on, Some(d("2024-05-20")));
    assert_eq!(trust.quality_assured_on, Some(d("2024-05-28")));
    assert!(trust.submitted_on > Some(d("2024-05-01")));
}
