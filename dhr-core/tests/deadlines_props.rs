//! Property tests of deadlines: monotonic in the start, pauses move a due
//! date later by exactly the days paused, never earlier.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Duration, NaiveDate};
use dhr_core::deadlines::{evaluate, DeadlineStatus};
use dhr_core::lifecycle::{Event, EventKind, PauseReason, Role};
use dhr_core::rules::{RuleSet, BUILTIN_IDS};
use proptest::prelude::*;

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2011, 1, 1).unwrap() + Duration::days(n)
}

fn log(
    notified: NaiveDate,
    decided: NaiveDate,
    pauses: &[(NaiveDate, Option<NaiveDate>)],
) -> Vec<Event> {
    let mut v = vec![
        Event {
            on: notified,
            by: Role::Police,
            kind: EventKind::Notified,
        },
        Event {
            on: decided,
            by: Role::Csp,
            kind: EventKind::Decided {
                review: true,
                reasons: None,
            },
        },
    ];
    for (p, r) in pauses {
        v.push(Event {
            on: *p,
            by: Role::Chair,
            kind: EventKind::Paused {
                reason: PauseReason::Other,
            },
        });
        if let Some(r) = r {
            v.push(Event {
                on: *r,
                by: Role::Chair,
                kind: EventKind::Resumed,
            });
        }
    }
    v.sort_by_key(|e| e.on); // stable: same-day order kept
    v
}

fn any_set() -> impl Strategy<Value = RuleSet> {
    prop::sample::select(BUILTIN_IDS.to_vec()).prop_map(|id| RuleSet::builtin(id).unwrap())
}

proptest! {
    #[test]
    fn a_later_start_never_gives_an_earlier_due_date(
        set in any_set(), a in 0i64..40_000, b in 0i64..40_000, gap in 0i64..60, look in 0i64..400)
    {
        let (a, b) = (a.min(b), a.max(b));
        let as_of = day(b + gap + look);
        let one = evaluate(&set, &log(day(a), day(a + gap), &[]), as_of, 14).unwrap();
        let two = evaluate(&set, &log(day(b), day(b + gap), &[]), as_of, 14).unwrap();
        for (x, y) in one.iter().zip(&two) {
            if let (Some(dx), Some(dy)) = (x.due, y.due) {
                prop_assert!(dx <= dy, "{} {dx} > {dy}", x.rule());
            }
            if let Some(due) = x.due {
                prop_assert!(due >= x.from.unwrap());
            }
        }
    }

    #[test]
    fn pauses_move_the_due_date_later_by_exactly_the_days_paused(
        set in any_set(), start in 0i64..5_000, gap in 0i64..60,
        pauses in prop::collection::vec((0i64..200, 1i64..200), 0..4), look in 0i64..900)
    {
        // Non-overlapping closed pauses, possibly beginning before the decision.
        let decided = day(start + gap);
        let mut t = start;
        let mut spans = Vec::new();
        for (wait, len) in &pauses {
            let p = t + wait;
            let r = p + len;
            spans.push((day(p), Some(day(r))));
            t = r;
        }
        let as_of = day(t.max(start + gap) + look);
        let plain = evaluate(&set, &log(day(start), decided, &[]), as_of, 14).unwrap();
        let with = evaluate(&set, &log(day(start), decided, &spans), as_of, 14).unwrap();
        let expected: i64 = spans
            .iter()
            .map(|(p, r)| (r.unwrap() - (*p).max(decided)).num_days().max(0))
            .sum();
        for (x, y) in plain.iter().zip(&with) {
            prop_assert_eq!(&x.rule(), &y.rule());
            match (x.due, y.due) {
                (Some(dx), Some(dy)) => {
                    prop_assert!(dy >= dx);
                    prop_assert_eq!((dy - dx).num_days(), y.paused_days);
                    if x.rule() == "home_office_submission" {
                        prop_assert_eq!(y.paused_days, expected);
                    } else {
                        prop_assert_eq!(y.paused_days, 0);
                    }
                    prop_assert_ne!(y.status, DeadlineStatus::Paused);
                }
                (None, None) => prop_assert_eq!(y.paused_days, 0),
                _ => prop_assert!(false, "a pause changed whether {} has a date", x.rule()),
            }
        }
    }

    #[test]
    fn an_open_pause_is_paused_with_the_restart_date(
        start in 0i64..5_000, gap in 0i64..60, wait in 0i64..300, open in 0i64..300)
    {
        let set = RuleSet::builtin("stockton_2011").unwrap();
        let decided = day(start + gap);
        let p = day(start + wait);
        let as_of = p.max(decided) + Duration::days(open);
        let plain = evaluate(&set, &log(day(start), decided, &[]), as_of, 14).unwrap();
        let with = evaluate(&set, &log(day(start), decided, &[(p, None)]), as_of, 14).unwrap();
        let sub = &with[1];
        prop_assert_eq!(sub.status, DeadlineStatus::Paused);
        let stopped = (as_of - p.max(decided)).num_days();
        prop_assert_eq!(sub.paused_days, stopped);
        prop_assert_eq!(sub.due.unwrap(), plain[1].due.unwrap() + Duration::days(stopped));
        // days_left / days_late agree with the due date.
        let diff = (sub.due.unwrap() - as_of).num_days();
        prop_assert_eq!(sub.days_left, (diff >= 0).then_some(diff));
        prop_assert_eq!(sub.days_late, (diff < 0).then_some(-diff));
    }

    #[test]
    fn status_agrees_with_the_numbers(
        set in any_set(), start in 0i64..5_000, look in 0i64..400, threshold in 0u32..40)
    {
        let as_of = day(start + look);
        let out = evaluate(&set, &log(day(start), day(start), &[]), as_of, threshold).unwrap();
        for x in &out {
            match x.status {
                DeadlineStatus::Due => prop_assert!(x.days_left.unwrap() > i64::from(threshold)),
                DeadlineStatus::DueSoon => prop_assert!(x.days_left.unwrap() <= i64::from(threshold)),
                DeadlineStatus::Overdue => prop_assert!(x.days_late.unwrap() > 0 && x.days_left.is_none()),
                _ => {}
            }
            if let (Some(due), Some(left)) = (x.due, x.days_left) {
                prop_assert_eq!((due - as_of).num_days(), left);
            }
            prop_assert!(!x.explanation().is_empty());
        }
    }
}
