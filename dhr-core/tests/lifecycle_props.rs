//! Property tests of the event log: replay, refusal and JSON round trip.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod lifecycle_common;

use chrono::{Days, NaiveDate};
use dhr_core::lifecycle::{
    Action, ActionWithin, Event, EventKind, EventName, Log, PauseReason, QaResult, Review, Role,
    Stage,
};
use dhr_core::ErrorCode;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::json;

/// Three agencies, two of them also written with other spaces or letter
/// case (spec 8.7 warns of those).
const AGENCIES: [&str; 5] = ["Police", "Housing", "GP practice", "police ", " HOUSING"];

/// An event of `name` with fields chosen by `param`.
fn kind_of(name: EventName, param: u8) -> EventKind {
    let p = param as usize;
    let agency = AGENCIES[p % AGENCIES.len()].to_string();
    let text = |s: &str| Some(s.to_string().into());
    match name {
        EventName::Notified => EventKind::Notified,
        EventName::Decided => {
            let review = p % 4 != 0;
            EventKind::Decided {
                review,
                reasons: if review { None } else { text("another review") },
            }
        }
        EventName::HomeOfficeInformed => EventKind::HomeOfficeInformed,
        EventName::DirectedReview => EventKind::DirectedReview,
        EventName::PanelCommissioned => EventKind::PanelCommissioned,
        EventName::ChairAppointed => EventKind::ChairAppointed,
        EventName::TermsOfReferenceAgreed => EventKind::TermsOfReferenceAgreed {
            look_back_from: if p % 2 == 0 {
                NaiveDate::from_ymd_opt(2015, 1, 1)
            } else {
                None
            },
        },
        EventName::RecordsSecured => EventKind::RecordsSecured,
        EventName::ImrCommissioned => EventKind::ImrCommissioned { agency },
        EventName::ImrSubmitted => EventKind::ImrSubmitted { agency },
        EventName::ImrQualityAssured => EventKind::ImrQualityAssured { agency },
        EventName::StaffDebriefed => EventKind::StaffDebriefed { agency },
        EventName::ImrWithdrawn => EventKind::ImrWithdrawn {
            agency,
            reason: "no involvement".to_string().into(),
        },
        EventName::FamilyContactNamed => EventKind::FamilyContactNamed,
        EventName::FamilyLeafletGiven => EventKind::FamilyLeafletGiven,
        EventName::AdvocacyOffered => EventKind::AdvocacyOffered,
        EventName::FamilyInformed => EventKind::FamilyInformed,
        EventName::FamilyContacted => EventKind::FamilyContacted {
            note: if p % 2 == 0 { text("phone call") } else { None },
        },
        EventName::FamilyDraftShared => EventKind::FamilyDraftShared,
        EventName::OverviewDrafted => EventKind::OverviewDrafted {
            outstanding_imr_reason: if p % 2 == 0 { text("late IMR") } else { None },
        },
        EventName::OverviewQualityAssured => EventKind::OverviewQualityAssured,
        EventName::ActionPlanAgreed => EventKind::ActionPlanAgreed {
            actions: (1..=(p % 3 + 1))
                .map(|i| Action {
                    id: format!("A{i}"),
                    within: if i % 2 == 0 {
                        ActionWithin::SixMonths
                    } else {
                        ActionWithin::OneMonth
                    },
                    owner: match i {
                        1 => Some("Police".into()),
                        2 => Some(AGENCIES[p % AGENCIES.len()].into()),
                        _ => None,
                    },
                })
                .collect(),
        },
        EventName::ActionAdded => EventKind::ActionAdded {
            action: Action {
                id: format!("B{p}"),
                within: if p % 2 == 0 {
                    ActionWithin::SixMonths
                } else {
                    ActionWithin::OneMonth
                },
                owner: (p % 3 == 0).then(|| AGENCIES[p % AGENCIES.len()].to_string()),
            },
        },
        EventName::Voided => EventKind::Voided {
            voids: p % 8,
            reason: "keyed in error".to_string().into(),
        },
        EventName::ActionCompleted => EventKind::ActionCompleted {
            id: format!("A{}", p % 3 + 1),
        },
        EventName::SubmittedToHomeOffice => EventKind::SubmittedToHomeOffice,
        EventName::QaOutcome => EventKind::QaOutcome {
            result: [
                QaResult::Approved,
                QaResult::ApprovedWithChanges,
                QaResult::Resubmit,
            ][p % 3],
        },
        EventName::Published => EventKind::Published,
        EventName::CommissionerCopySent => EventKind::CommissionerCopySent,
        EventName::Paused => EventKind::Paused {
            reason: [
                PauseReason::CriminalProceedings,
                PauseReason::OtherReviewPriority,
                PauseReason::Other,
            ][p % 3],
        },
        EventName::Resumed => EventKind::Resumed,
    }
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
}

/// Walk the lifecycle: at each step pick one of the events `next` offers,
/// one of its roles, its fields and a gap in days. Steps whose fields do
/// not fit (an agency not commissioned, say) are refused and skipped.
fn walk(steps: &[(u8, u8, u8, u8)]) -> Log {
    let mut log = Log::new();
    for &(choice, role, param, gap) in steps {
        let next = log.next();
        if next.is_empty() {
            break;
        }
        let entry = &next[choice as usize % next.len()];
        let by = entry.by[role as usize % entry.by.len()];
        let last = log.events().last().map_or(start(), |e| e.on);
        let on = last + Days::new(u64::from(gap % 45));
        let before = log.clone();
        if let Err(err) = log.apply(Event::new(on, by, kind_of(entry.event, param))) {
            // Offered by `next`, from an allowed role, in date order: only
            // the chosen fields can be wrong.
            assert_eq!(err.code(), ErrorCode::PrerequisiteMissing, "{err}");
            assert_eq!(log, before);
        }
    }
    log
}

fn steps() -> impl Strategy<Value = Vec<(u8, u8, u8, u8)>> {
    prop::collection::vec(any::<(u8, u8, u8, u8)>(), 0..80)
}

fn review_doc(log: &Log) -> serde_json::Value {
    json!({
        "schema_version": 1,
        "reference": "PROP-1",
        "rules": "stockton_2011",
        "death": null,
        "events": log.to_value(),
        "extensions": {"case_system": {"id": 42, "tags": ["a", "b"]}}
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any prefix of a valid log replays, to the same events, and the whole
    /// log replays to the same state.
    #[test]
    fn any_prefix_of_a_valid_log_replays(s in steps()) {
        let log = walk(&s);
        let events = log.events();
        for k in 0..=events.len() {
            let replayed = Log::from_events(events[..k].to_vec()).unwrap();
            prop_assert_eq!(replayed.events(), &events[..k]);
        }
        prop_assert_eq!(Log::from_events(events.to_vec()).unwrap(), log.clone());
        // The log as of a date is the replay of the events up to that date.
        for e in events.iter().step_by(3) {
            let upto: Vec<Event> = events.iter().filter(|x| x.on <= e.on).cloned().collect();
            prop_assert_eq!(log.as_of(e.on), Log::from_events(upto).unwrap());
        }
    }

    /// The stage only moves forward along a log (or closes on a decision
    /// not to review, and reopens on a direction).
    #[test]
    fn stage_never_goes_back(s in steps()) {
        let log = walk(&s);
        let mut prev = Stage::NotNotified;
        for k in 1..=log.events().len() {
            let stage = Log::from_events(log.events()[..k].to_vec()).unwrap().stage();
            if stage != Stage::ClosedNoReview && prev != Stage::ClosedNoReview {
                prop_assert!(stage >= prev, "{} after {}", stage, prev);
            }
            prev = stage;
        }
    }

    /// A random event either is accepted, and was offered by `next` to that
    /// role, or is refused and leaves the log exactly as it was.
    #[test]
    fn a_refused_event_never_changes_the_log(
        s in steps(),
        name in 0..EventName::ALL.len(),
        role in 0..Role::ALL.len(),
        param in any::<u8>(),
        shift in -30i64..30,
    ) {
        let log = walk(&s);
        let name = EventName::ALL[name];
        // A correction is never offered by `next` (spec 8.4): its own
        // properties are below.
        prop_assume!(name != EventName::Voided);
        let by = Role::ALL[role];
        let last = log.events().last().map_or(start(), |e| e.on);
        let on = last.checked_add_signed(chrono::Duration::days(shift)).unwrap();
        let offered = log.next().iter().any(|n| n.event == name && n.by.contains(&by));
        let mut attempt = log.clone();
        match attempt.apply(Event::new(on, by, kind_of(name, param))) {
            Ok(()) => {
                prop_assert!(offered, "{} by {} accepted but not offered by next", name, by);
                prop_assert!(shift >= 0 || log.events().is_empty());
                prop_assert_eq!(attempt.events().len(), log.events().len() + 1);
            }
            Err(err) => {
                prop_assert_eq!(&attempt, &log);
                let n = log.events().len();
                prop_assert_eq!(err.event_index(), Some(n));
                let prefix = format!("events[{n}]");
                prop_assert!(err.path().starts_with(&prefix));
                prop_assert!(err.is_event_rejected(), "{}", err);
                if shift < 0 && !log.events().is_empty() {
                    prop_assert_eq!(err.code(), ErrorCode::EventOutOfOrder);
                } else if !by_allowed(name, by) {
                    prop_assert_eq!(err.code(), ErrorCode::RoleNotAllowed);
                }
            }
        }
        // The same through a Review and its JSON.
        let mut review = Review::from_value(&review_doc(&log)).unwrap();
        let before = review.clone();
        let value = Event::new(on, by, kind_of(name, param)).to_value();
        if review.apply_value(&value).is_err() {
            prop_assert_eq!(review, before);
        }
    }

    /// The log serialises to the interchange JSON and loads back identically,
    /// extensions kept.
    #[test]
    fn json_round_trip_is_identity(s in steps()) {
        let log = walk(&s);
        let doc = review_doc(&log);
        let review = Review::from_value(&doc).unwrap();
        prop_assert_eq!(review.events(), log.events());
        let out = review.to_value();
        prop_assert_eq!(&out, &doc);
        let text = serde_json::to_string(&out).unwrap();
        let again = Review::from_json(&text).unwrap();
        prop_assert_eq!(&again, &review);
        prop_assert_eq!(again.to_value(), out);
    }

    /// `next` agrees with applying every candidate event on the log's last
    /// day: a name is offered, with exactly its table roles, if and only
    /// if some event of that name is accepted.
    #[test]
    fn next_agrees_with_applying_every_candidate(s in steps()) {
        let log = walk(&s);
        let on = log.events().last().map_or(start(), |e| e.on);
        let next = log.next();
        for name in EventName::ALL.iter().filter(|n| **n != EventName::Voided) {
            let accepted = candidates(&log, *name).into_iter().any(|kind| {
                name.roles().iter().any(|by| {
                    let mut attempt = log.clone();
                    attempt.apply(Event::new(on, *by, kind.clone())).is_ok()
                })
            });
            let offered = next.iter().find(|n| n.event == *name);
            prop_assert_eq!(offered.is_some(), accepted, "{}", name);
            if let Some(n) = offered {
                prop_assert_eq!(n.by, name.roles());
            }
        }
        // In the table's order.
        let order: Vec<usize> = next
            .iter()
            .map(|n| EventName::ALL.iter().position(|x| *x == n.event).unwrap())
            .collect();
        prop_assert!(order.windows(2).all(|w| w[0] < w[1]));
    }

    /// Spec 8.4: for any valid log and any event whose removal leaves a
    /// valid log, voiding it gives the same status as removing it, at every
    /// date (apart from `voided_events`); when the removal is refused, so is
    /// the void, with `prerequisite_missing` at the void's index, leaving the
    /// log as it was.
    #[test]
    fn voiding_an_event_is_removing_it(s in steps(), pick in any::<prop::sample::Index>(), later in 0u64..400) {
        let log = walk(&s);
        let events = log.events().to_vec();
        prop_assume!(!events.is_empty());
        let k = pick.index(events.len());
        let mut removed = events.clone();
        removed.remove(k);
        let last = events.last().unwrap().on;
        let void = Event::new(last, Role::Chair, EventKind::Voided {
            voids: k,
            reason: "keyed in error".to_string().into(),
        });
        let mut voided = log.clone();
        let rules = dhr_core::rules::RuleSet::builtin("guidance_2016").unwrap();
        match (Log::from_events(removed.clone()), voided.apply(void)) {
            (Ok(_), Ok(())) => {
                let a = Review::from_events(None, rules.clone(), voided.events().to_vec()).unwrap();
                let b = Review::from_events(None, rules, removed).unwrap();
                let opts = dhr_core::lifecycle::StatusOptions::default();
                let dates = events.iter().map(|e| e.on).chain([start(), last + Days::new(later)]);
                for as_of in dates {
                    match (a.status(as_of, &opts), b.status(as_of, &opts)) {
                        (Ok(x), Ok(y)) => {
                            let mut x = x.to_value();
                            prop_assert_eq!(&x["voided_events"], &json!([k]));
                            x["voided_events"] = json!([]);
                            // Warnings name stored positions, which differ by
                            // the void: renumbered, they are the same.
                            let renumber = |t: &str| {
                                let mut out = String::new();
                                let mut rest = t;
                                while let Some(at) = rest.find("events[") {
                                    let (head, tail) = rest.split_at(at + "events[".len());
                                    let end = tail.find(']').unwrap_or(0);
                                    let n: usize = tail[..end].parse().unwrap_or(0);
                                    out.push_str(head);
                                    out.push_str(&(if n > k { n - 1 } else { n }).to_string());
                                    rest = &tail[end..];
                                }
                                out + rest
                            };
                            for w in x["warnings"].as_array_mut().unwrap() {
                                for key in ["path", "message"] {
                                    let t = renumber(w[key].as_str().unwrap());
                                    w[key] = json!(t);
                                }
                            }
                            prop_assert_eq!(x, y.to_value(), "as of {}", as_of);
                        }
                        // Paths name stored positions, which differ by the void.
                        (Err(x), Err(y)) => prop_assert_eq!(x.code(), y.code()),
                        (x, y) => prop_assert!(false, "as of {}: {:?} / {:?}", as_of, x.err(), y.err()),
                    }
                }
            }
            (Err(_), Err(e)) => {
                prop_assert_eq!(e.code(), ErrorCode::PrerequisiteMissing);
                prop_assert_eq!(e.path(), format!("events[{}]", events.len()));
                prop_assert_eq!(&voided, &log);
            }
            (x, y) => prop_assert!(false, "removal {:?}, void {:?}", x.err(), y.err()),
        }
    }

    /// The warnings are spec 8.7 read word for word: each agency name (an
    /// IMR's `agency`, an action's `owner`) of a counted event up to the
    /// date, written differently from the first spelling of that name but
    /// equal to it after trimming and ignoring ASCII letter case, is flagged
    /// at its path, naming the first spelling's path.
    #[test]
    fn warnings_are_spec_8_7_read_directly(s in steps(), back in 0u64..200) {
        let log = walk(&s);
        let as_of = log.events().last().map_or(start(), |e| e.on) - Days::new(back);
        let mut names: Vec<(String, String)> = Vec::new();
        for (i, e) in log.active().filter(|(_, e)| e.on <= as_of) {
            match &e.kind {
                EventKind::ImrCommissioned { agency }
                | EventKind::ImrSubmitted { agency }
                | EventKind::ImrQualityAssured { agency }
                | EventKind::StaffDebriefed { agency }
                | EventKind::ImrWithdrawn { agency, .. } => {
                    names.push((format!("events[{i}].agency"), agency.clone()));
                }
                EventKind::ActionPlanAgreed { actions } => {
                    for (k, a) in actions.iter().enumerate() {
                        if let Some(o) = &a.owner {
                            names.push((format!("events[{i}].actions[{k}].owner"), o.clone()));
                        }
                    }
                }
                EventKind::ActionAdded { action: Action { owner: Some(o), .. } } => {
                    names.push((format!("events[{i}].owner"), o.clone()));
                }
                _ => {}
            }
        }
        let fold = |n: &str| n.trim().to_ascii_lowercase();
        let mut expected = Vec::new();
        for (j, (path, name)) in names.iter().enumerate() {
            if let Some((first_path, first)) = names[..j].iter().find(|(_, n)| fold(n) == fold(name)) {
                if first != name {
                    expected.push((path.clone(), first_path.clone()));
                }
            }
        }
        let got: Vec<(String, String)> = log
            .warnings(as_of)
            .into_iter()
            .map(|w| {
                assert_eq!(w.code.as_str(), "similar_agency_names");
                let earlier = w.message.split(' ').find(|t| t.starts_with("events[")).unwrap_or("").to_string();
                (w.path, earlier)
            })
            .collect();
        prop_assert_eq!(got, expected);
    }

    /// Every event `next` offers can be recorded, by each role it lists.
    #[test]
    fn next_offers_only_what_apply_accepts(s in steps()) {
        let log = walk(&s);
        let on = log.events().last().map_or(start(), |e| e.on);
        for entry in log.next() {
            for by in entry.by {
                let ok = candidates(&log, entry.event).into_iter().any(|kind| {
                    let mut attempt = log.clone();
                    attempt.apply(Event::new(on, *by, kind)).is_ok()
                }) || fresh_agency_ok(&log, entry.event, on, *by);
                prop_assert!(ok, "{} by {} offered but refused", entry.event, by);
            }
        }
    }
}

/// Every event of `name` worth trying on `log`: each agency the log names
/// and a new one, each action id of the plan and one not in it, each value
/// of the other fields that the rules of order could look at.
fn candidates(log: &Log, name: EventName) -> Vec<EventKind> {
    let mut agencies: Vec<String> = log.imrs().iter().map(|i| i.agency.clone()).collect();
    agencies.push("Probation".into());
    let ids: Vec<String> = log
        .actions()
        .iter()
        .map(|(a, _)| a.id.clone())
        .chain(["Z9".to_string()])
        .collect();
    let mut out: Vec<EventKind> = (0..=u8::MAX).take(12).map(|p| kind_of(name, p)).collect();
    match name {
        EventName::ImrCommissioned
        | EventName::ImrSubmitted
        | EventName::ImrQualityAssured
        | EventName::StaffDebriefed
        | EventName::ImrWithdrawn => {
            for agency in agencies {
                out.push(match name {
                    EventName::ImrCommissioned => EventKind::ImrCommissioned { agency },
                    EventName::ImrSubmitted => EventKind::ImrSubmitted { agency },
                    EventName::ImrQualityAssured => EventKind::ImrQualityAssured { agency },
                    EventName::StaffDebriefed => EventKind::StaffDebriefed { agency },
                    _ => EventKind::ImrWithdrawn {
                        agency,
                        reason: "no involvement".to_string().into(),
                    },
                });
            }
        }
        EventName::ActionCompleted => {
            out.extend(ids.into_iter().map(|id| EventKind::ActionCompleted { id }));
        }
        EventName::ActionAdded => out.push(EventKind::ActionAdded {
            action: Action::new("Z9", ActionWithin::OneMonth),
        }),
        _ => {}
    }
    out
}

fn by_allowed(name: EventName, by: Role) -> bool {
    name.roles().contains(&by)
}

/// `imr_commissioned` is offered for an agency not yet named in the log.
fn fresh_agency_ok(log: &Log, name: EventName, on: NaiveDate, by: Role) -> bool {
    name == EventName::ImrCommissioned && {
        let mut attempt = log.clone();
        attempt
            .apply(Event::new(
                on,
                by,
                EventKind::ImrCommissioned {
                    agency: "Probation".into(),
                },
            ))
            .is_ok()
    }
}

#[test]
fn walks_reach_every_stage() {
    // The generator is only useful if it reaches the end of the lifecycle.
    let mut reached = std::collections::BTreeSet::new();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..400 {
        let s = steps().new_tree(&mut runner).unwrap().current();
        let log = walk(&s);
        for k in 0..=log.events().len() {
            reached.insert(
                Log::from_events(log.events()[..k].to_vec())
                    .unwrap()
                    .stage(),
            );
        }
    }
    for stage in Stage::ALL {
        assert!(reached.contains(stage), "no walk reached {stage}");
    }
}
