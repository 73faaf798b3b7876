//! Rule sets as data: the built-in sets against spec 4.1 / 6.3, and bad input.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use dhr_core::calendar::{MonthEndPolicy, Region};
use dhr_core::lifecycle::{ActionWithin, EventName};
use dhr_core::rules::{Mark, Occurrence, Period, RuleSet, Trigger, BUILTIN_IDS};
use dhr_core::ErrorCode;
use serde_json::{json, Value};

fn ev(name: EventName) -> Trigger {
    Trigger::Event(name)
}

#[test]
fn builtin_ids_and_rule_ids_are_those_of_the_interface() {
    assert_eq!(
        BUILTIN_IDS,
        ["stockton_2011", "guidance_2016", "proposed_2024"]
    );
    let ids = |set: &str| -> Vec<String> {
        RuleSet::builtin(set)
            .unwrap()
            .rules()
            .iter()
            .map(|r| r.id.clone())
            .collect()
    };
    let tail = [
        "home_office_submission",
        "actions_1_month",
        "actions_6_months",
        "qa_panel",
    ];
    let mut stockton = vec!["terms_of_reference".to_string()];
    stockton.extend(tail.iter().map(|s| s.to_string()));
    let mut guidance = vec!["decision".to_string()];
    guidance.extend(tail.iter().map(|s| s.to_string()));
    assert_eq!(ids("stockton_2011"), stockton);
    assert_eq!(ids("guidance_2016"), guidance);
    assert_eq!(ids("proposed_2024"), guidance);
}

/// Spec 4.1, row by row.
#[test]
fn builtin_periods_starts_and_marks_follow_spec_4_1() {
    let s = RuleSet::builtin("stockton_2011").unwrap();
    let g = RuleSet::builtin("guidance_2016").unwrap();
    let p = RuleSet::builtin("proposed_2024").unwrap();

    // "terms of reference agreed | CSP notified | 1 month | [L]"
    let r = s.rule("terms_of_reference").unwrap();
    assert_eq!(r.start[0], ev(EventName::Notified));
    assert_eq!(r.end, ev(EventName::TermsOfReferenceAgreed));
    assert_eq!(r.period, Period::Months(1));
    assert_eq!(r.policy, MonthEndPolicy::CorrespondingDate);
    assert_eq!(r.citation, "Stockton DHR procedure 2011, Timescales");
    assert!(r.marks.contains(&Mark::Local));
    assert!(!r.pausable);

    // "decision whether to review | CSP notified | 1 month | [U]"
    let r = g.rule("decision").unwrap();
    assert_eq!(r.start, [ev(EventName::Notified)]);
    assert_eq!(r.end, ev(EventName::Decided));
    assert_eq!(r.period, Period::Months(1));
    assert_eq!(r.marks, [Mark::Unconfirmed]);
    assert_eq!(p.rule("decision"), g.rule("decision"));

    // "report submitted to the Home Office | decision to review | 6 months | [L], [G]";
    // proposed_2024: 12 months. Pausable (spec 4.2: a pause stops the submission clock).
    for (set, months) in [(&s, 6), (&g, 6), (&p, 12)] {
        let r = set.rule("home_office_submission").unwrap();
        assert_eq!(
            r.start,
            [Trigger::DecidedReview, ev(EventName::DirectedReview)],
            "{}",
            set.id()
        );
        assert_eq!(r.end, ev(EventName::SubmittedToHomeOffice));
        assert_eq!(r.period, Period::Months(months), "{}", set.id());
        assert!(r.pausable, "{}", set.id());
    }
    assert!(s
        .rule("home_office_submission")
        .unwrap()
        .marks
        .contains(&Mark::Local));
    assert!(g
        .rule("home_office_submission")
        .unwrap()
        .marks
        .contains(&Mark::Guidance));
    // "proposed (rule id `home_office_submission` in `proposed_2024`) |
    // decision to review | 12 months | consultation 2024 (1 May to 1 July
    // 2024), not adopted as of December 2026; the 12 months not read in the
    // draft's text [U]" (spec 4.1).
    let proposed = p.rule("home_office_submission").unwrap();
    assert_eq!(proposed.marks, [Mark::Unconfirmed]);
    assert!(proposed.citation.contains("1 May to 1 July 2024"));
    assert!(proposed
        .citation
        .contains("not adopted as of December 2026"));

    // "action plan items | action plan agreed | 1 month or 6 months per item | [L], [P]"
    for set in [&s, &g, &p] {
        for (id, class, months) in [
            ("actions_1_month", ActionWithin::OneMonth, 1),
            ("actions_6_months", ActionWithin::SixMonths, 6),
        ] {
            let r = set.rule(id).unwrap();
            assert_eq!(r.start, [ev(EventName::ActionPlanAgreed)]);
            assert_eq!(r.end, ev(EventName::ActionCompleted));
            assert_eq!(r.actions, Some(class));
            assert_eq!(r.period, Period::Months(months));
            assert!(r.marks.contains(&Mark::Local) && r.marks.contains(&Mark::Policy));
            assert!(!r.pausable);
        }
        // "Home Office QA panel | submission | next meeting on or after submission";
        // "Built-in rule sets carry no QA meeting dates" (6.3).
        let r = set.rule("qa_panel").unwrap();
        assert_eq!(r.start, [ev(EventName::SubmittedToHomeOffice)]);
        assert_eq!(r.start_occurrence, Occurrence::Last);
        assert_eq!(r.end, ev(EventName::QaOutcome));
        assert_eq!(r.period, Period::NextQaPanelMeeting);
        assert!(set.qa_panel_meetings().is_empty());
        // Every rule is sourced.
        for r in set.rules() {
            assert!(!r.citation.is_empty() && !r.marks.is_empty(), "{}", r.id);
        }
    }
}

#[test]
fn unknown_builtin_is_unknown_rule_set() {
    for id in ["", "stockton", "Stockton_2011", "guidance_2017"] {
        let err = RuleSet::builtin(id).unwrap_err();
        assert_eq!(err.code(), ErrorCode::UnknownRuleSet, "{id}");
        assert!(err.message().contains("stockton_2011"));
    }
}

fn base_rule() -> Value {
    json!({"id": "r", "title": "something done", "start": ["notified"], "end": "decided",
           "period": {"unit": "months", "count": 1}, "policy": "last_day", "pausable": false,
           "citation": "a local agreement", "marks": ["P"]})
}

fn set_with(rule: Value) -> Value {
    json!({"id": "custom", "title": "Custom", "rules": [rule]})
}

fn with(mut v: Value, key: &str, value: Value) -> Value {
    v.as_object_mut().unwrap().insert(key.to_string(), value);
    v
}

fn without(mut v: Value, key: &str) -> Value {
    v.as_object_mut().unwrap().remove(key);
    v
}

#[test]
fn a_valid_custom_set_loads_and_round_trips() {
    let v = json!({"id": "custom", "title": "Custom", "source": "our CSP",
        "qa_panel_meetings": ["2025-06-11", "2025-03-12", "2025-03-12"],
        "rules": [base_rule(),
            {"id": "cspr", "title": "rapid review", "start": ["notified"], "end": "decided",
             "period": {"unit": "working_days", "count": 15, "region": "england_and_wales"},
             "citation": "Working Together 2023", "marks": ["G"]},
            {"id": "d", "title": "days", "start": ["notified"], "end": "decided",
             "period": {"unit": "days", "count": 28}, "citation": "c", "marks": ["P"]}]});
    let set = RuleSet::from_value(&v, "").unwrap();
    assert_eq!(set.id(), "custom");
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(set.qa_panel_meetings(), [d(2025, 3, 12), d(2025, 6, 11)]);
    assert_eq!(
        set.rules()[1].period,
        Period::WorkingDays(15, Region::EnglandAndWales)
    );
    assert_eq!(set.rules()[2].period, Period::Days(28));
    assert_eq!(RuleSet::from_value(&set.to_value(), "").unwrap(), set);
    assert!(!set.is_builtin());
    // Text form.
    let text = serde_json::to_string(&v).unwrap();
    assert_eq!(RuleSet::from_json(&text).unwrap(), set);
    // Defaults: policy last_day, not pausable, first occurrence.
    let r = RuleSet::from_value(
        &set_with(without(without(base_rule(), "policy"), "pausable")),
        "",
    )
    .unwrap();
    assert_eq!(r.rules()[0].policy, MonthEndPolicy::CorrespondingDate);
    assert!(!r.rules()[0].pausable);
    assert_eq!(r.rules()[0].start_occurrence, Occurrence::First);
}

#[test]
fn builtin_files_are_accepted_as_custom_sets() {
    // spec 6.3: a rule-set object "in the same shape as the built-in JSON files".
    for id in BUILTIN_IDS {
        let set = RuleSet::builtin(id).unwrap();
        let custom = RuleSet::from_value(&set.to_value(), "rules").unwrap();
        assert_eq!(custom, set);
        assert!(custom.is_builtin());
    }
}

#[test]
fn bad_rule_sets_are_invalid_rule_set_with_a_path() {
    let rule = base_rule;
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "unknown start event",
            set_with(with(rule(), "start", json!(["notifed"]))),
            "rules[0].start[0]",
        ),
        (
            "unknown second start event",
            set_with(with(rule(), "start", json!(["notified", "died"]))),
            "rules[0].start[1]",
        ),
        (
            "empty start",
            set_with(with(rule(), "start", json!([]))),
            "rules[0].start",
        ),
        (
            "unknown end event",
            set_with(with(rule(), "end", json!("finished"))),
            "rules[0].end",
        ),
        (
            "negative period",
            set_with(with(
                rule(),
                "period",
                json!({"unit": "months", "count": -1}),
            )),
            "rules[0].period.count",
        ),
        (
            "fractional period",
            set_with(with(
                rule(),
                "period",
                json!({"unit": "months", "count": 1.5}),
            )),
            "rules[0].period.count",
        ),
        (
            "period as a string",
            set_with(with(
                rule(),
                "period",
                json!({"unit": "months", "count": "1"}),
            )),
            "rules[0].period.count",
        ),
        (
            "missing count",
            set_with(with(rule(), "period", json!({"unit": "days"}))),
            "rules[0].period.count",
        ),
        (
            "unknown unit",
            set_with(with(rule(), "period", json!({"unit": "weeks", "count": 2}))),
            "rules[0].period.unit",
        ),
        (
            "count on next meeting",
            set_with(with(
                rule(),
                "period",
                json!({"unit": "next_qa_panel_meeting", "count": 1}),
            )),
            "rules[0].period.count",
        ),
        (
            "region on months",
            set_with(with(
                rule(),
                "period",
                json!({"unit": "months", "count": 1, "region": "scotland"}),
            )),
            "rules[0].period.region",
        ),
        (
            "unknown region",
            set_with(with(
                rule(),
                "period",
                json!({"unit": "working_days", "count": 1, "region": "wales"}),
            )),
            "rules[0].period.region",
        ),
        (
            "unknown policy",
            set_with(with(rule(), "policy", json!("corresponding_date"))),
            "rules[0].policy",
        ),
        (
            "unknown occurrence",
            set_with(with(rule(), "start_occurrence", json!("any"))),
            "rules[0].start_occurrence",
        ),
        (
            "pausable not a bool",
            set_with(with(rule(), "pausable", json!("yes"))),
            "rules[0].pausable",
        ),
        (
            "unknown mark",
            set_with(with(rule(), "marks", json!(["X"]))),
            "rules[0].marks[0]",
        ),
        (
            "no marks",
            set_with(with(rule(), "marks", json!([]))),
            "rules[0].marks",
        ),
        (
            "missing citation",
            set_with(without(rule(), "citation")),
            "rules[0].citation",
        ),
        (
            "blank citation",
            set_with(with(rule(), "citation", json!("  "))),
            "rules[0].citation",
        ),
        (
            "unknown rule field",
            set_with(with(rule(), "due", json!("2024-01-01"))),
            "rules[0].due",
        ),
        (
            "bad rule id",
            set_with(with(rule(), "id", json!("Terms Of Reference"))),
            "rules[0].id",
        ),
        (
            "actions on a non-action rule",
            set_with(with(rule(), "actions", json!("1_month"))),
            "rules[0].end",
        ),
        (
            "unknown action class",
            set_with(with(
                with(rule(), "end", json!("action_completed")),
                "actions",
                json!("2_months"),
            )),
            "rules[0].actions",
        ),
        (
            "action_completed without a class",
            set_with(with(rule(), "end", json!("action_completed"))),
            "rules[0].actions",
        ),
        (
            "duplicate rule id",
            json!({"id": "c", "title": "C", "rules": [rule(), rule()]}),
            "rules[1].id",
        ),
        (
            "no rules",
            json!({"id": "c", "title": "C", "rules": []}),
            "rules",
        ),
        ("missing rules", json!({"id": "c", "title": "C"}), "rules"),
        ("missing id", json!({"title": "C", "rules": [rule()]}), "id"),
        (
            "bad set id",
            json!({"id": "", "title": "C", "rules": [rule()]}),
            "id",
        ),
        (
            "unknown top field",
            json!({"id": "c", "title": "C", "rules": [rule()], "version": 2}),
            "version",
        ),
        (
            "bad meeting date",
            json!({"id": "c", "title": "C", "rules": [rule()], "qa_panel_meetings": ["2025-02-30"]}),
            "qa_panel_meetings[0]",
        ),
        (
            "meeting out of range",
            json!({"id": "c", "title": "C", "rules": [rule()], "qa_panel_meetings": ["2200-01-01"]}),
            "qa_panel_meetings[0]",
        ),
        ("not an object", json!(["stockton_2011"]), ""),
    ];
    for (what, v, path) in cases {
        let err = RuleSet::from_value(&v, "").expect_err(what);
        assert_eq!(err.code(), ErrorCode::InvalidRuleSet, "{what}: {err}");
        assert_eq!(err.path(), path, "{what}: {err}");
        assert!(
            !err.message().contains("notifed"),
            "{what}: messages never repeat input"
        );
    }
}

#[test]
fn paths_are_prefixed_when_nested_in_a_review() {
    let v = set_with(with(base_rule(), "policy", json!("sometimes")));
    let err = RuleSet::from_value(&v, "rules").unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidRuleSet);
    assert_eq!(err.path(), "rules.rules[0].policy");
}

#[test]
fn invalid_json_text_is_invalid_json() {
    let err = RuleSet::from_json("{\"id\": ").unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidJson);
}
