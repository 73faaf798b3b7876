//! Calendar months by the corresponding date rule (spec 4.2).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity
)]

use chrono::{Datelike, NaiveDate};
use dhr_core::calendar::{add_months, MonthEndPolicy, MonthsLater};
use dhr_core::ErrorCode;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn last_day(start: NaiveDate, months: u32) -> MonthsLater {
    add_months(start, months, MonthEndPolicy::CorrespondingDate).unwrap()
}

/// (start, months, expected end, clamped, source)
const SPEC_CASES: &[((i32, u32, u32), u32, (i32, u32, u32), bool, &str)] = &[
    (
        (1978, 9, 30),
        4,
        (1979, 1, 30),
        false,
        "Dodds v Walker [1981] 1 WLR 1027; spec 4.2",
    ),
    (
        (2023, 1, 31),
        1,
        (2023, 2, 28),
        true,
        "spec 4.2, common year",
    ),
    ((2024, 1, 31), 1, (2024, 2, 29), true, "spec 4.2, leap year"),
    (
        (2024, 2, 29),
        12,
        (2025, 2, 28),
        true,
        "spec 4.2, 29 Feb + 12 months",
    ),
    (
        (2023, 1, 31),
        2,
        (2023, 3, 31),
        false,
        "spec 4.2, whole period from the start",
    ),
    (
        (2024, 1, 31),
        1,
        (2024, 2, 29),
        true,
        "spec 6.4 terms of reference example",
    ),
];

#[test]
fn spec_examples() {
    for &((y, m, day), months, (ey, em, ed), clamped, source) in SPEC_CASES {
        let got = last_day(d(y, m, day), months);
        assert_eq!(
            got,
            MonthsLater {
                date: d(ey, em, ed),
                clamped
            },
            "{source}"
        );
    }
}

#[test]
fn dodds_v_walker_is_not_the_last_day_of_january() {
    // The House of Lords rejected "last day of the month" readings: the
    // period from 30 September ends on 30 January, not 31 January.
    let got = last_day(d(1978, 9, 30), 4);
    assert_ne!(got.date, d(1979, 1, 31));
}

#[test]
fn month_arithmetic_is_not_associative() {
    // spec 4.2: (31 Jan 2023 + 1 month) + 1 month = 28 Mar 2023,
    // but 31 Jan 2023 + 2 months = 31 Mar 2023.
    let once = last_day(d(2023, 1, 31), 1).date;
    let chained = last_day(once, 1).date;
    let whole = last_day(d(2023, 1, 31), 2).date;
    assert_eq!(chained, d(2023, 3, 28));
    assert_eq!(whole, d(2023, 3, 31));
    assert_ne!(chained, whole);
}

/// Every month end of a leap year (2024) and a common year (2023), plus one
/// month, under each policy. Expected values worked out by hand from the
/// month lengths (Jan 31, Feb 28/29, Mar 31, Apr 30, May 31, Jun 30, Jul 31,
/// Aug 31, Sep 30, Oct 31, Nov 30, Dec 31).
#[test]
fn every_month_end_plus_one_month() {
    // (start, last_day result, clamped, round_up result)
    let cases: &[((i32, u32, u32), (i32, u32, u32), bool, (i32, u32, u32))] = &[
        // 2023, a common year
        ((2023, 1, 31), (2023, 2, 28), true, (2023, 3, 1)),
        ((2023, 2, 28), (2023, 3, 28), false, (2023, 3, 28)),
        ((2023, 3, 31), (2023, 4, 30), true, (2023, 5, 1)),
        ((2023, 4, 30), (2023, 5, 30), false, (2023, 5, 30)),
        ((2023, 5, 31), (2023, 6, 30), true, (2023, 7, 1)),
        ((2023, 6, 30), (2023, 7, 30), false, (2023, 7, 30)),
        ((2023, 7, 31), (2023, 8, 31), false, (2023, 8, 31)),
        ((2023, 8, 31), (2023, 9, 30), true, (2023, 10, 1)),
        ((2023, 9, 30), (2023, 10, 30), false, (2023, 10, 30)),
        ((2023, 10, 31), (2023, 11, 30), true, (2023, 12, 1)),
        ((2023, 11, 30), (2023, 12, 30), false, (2023, 12, 30)),
        ((2023, 12, 31), (2024, 1, 31), false, (2024, 1, 31)),
        // 2024, a leap year
        ((2024, 1, 31), (2024, 2, 29), true, (2024, 3, 1)),
        ((2024, 2, 29), (2024, 3, 29), false, (2024, 3, 29)),
        ((2024, 3, 31), (2024, 4, 30), true, (2024, 5, 1)),
        ((2024, 4, 30), (2024, 5, 30), false, (2024, 5, 30)),
        ((2024, 5, 31), (2024, 6, 30), true, (2024, 7, 1)),
        ((2024, 6, 30), (2024, 7, 30), false, (2024, 7, 30)),
        ((2024, 7, 31), (2024, 8, 31), false, (2024, 8, 31)),
        ((2024, 8, 31), (2024, 9, 30), true, (2024, 10, 1)),
        ((2024, 9, 30), (2024, 10, 30), false, (2024, 10, 30)),
        ((2024, 10, 31), (2024, 11, 30), true, (2024, 12, 1)),
        ((2024, 11, 30), (2024, 12, 30), false, (2024, 12, 30)),
        ((2024, 12, 31), (2025, 1, 31), false, (2025, 1, 31)),
    ];
    assert_eq!(cases.len(), 24);
    for &((y, m, day), (ly, lm, ld), clamped, (ry, rm, rd)) in cases {
        let start = d(y, m, day);
        let got = add_months(start, 1, MonthEndPolicy::CorrespondingDate).unwrap();
        assert_eq!(
            got,
            MonthsLater {
                date: d(ly, lm, ld),
                clamped
            },
            "last_day from {start}"
        );
        let got = add_months(start, 1, MonthEndPolicy::RoundUp).unwrap();
        assert_eq!(
            got,
            MonthsLater {
                date: d(ry, rm, rd),
                clamped
            },
            "round_up from {start}"
        );
        let got = add_months(start, 1, MonthEndPolicy::Refuse);
        if clamped {
            assert_eq!(
                got.unwrap_err().code(),
                ErrorCode::AmbiguousDate,
                "refuse from {start}"
            );
        } else {
            assert_eq!(got.unwrap().date, d(ly, lm, ld), "refuse from {start}");
        }
    }
}

#[test]
fn six_months_from_each_month_end_of_a_leap_year() {
    // The Home Office submission target (6 months) from every month end of 2024.
    let cases: &[((u32, u32), (i32, u32, u32), bool)] = &[
        ((1, 31), (2024, 7, 31), false),
        ((2, 29), (2024, 8, 29), false),
        ((3, 31), (2024, 9, 30), true),
        ((4, 30), (2024, 10, 30), false),
        ((5, 31), (2024, 11, 30), true),
        ((6, 30), (2024, 12, 30), false),
        ((7, 31), (2025, 1, 31), false),
        ((8, 31), (2025, 2, 28), true),
        ((9, 30), (2025, 3, 30), false),
        ((10, 31), (2025, 4, 30), true),
        ((11, 30), (2025, 5, 30), false),
        ((12, 31), (2025, 6, 30), true),
    ];
    for &((m, day), (ey, em, ed), clamped) in cases {
        let got = last_day(d(2024, m, day), 6);
        assert_eq!(
            got,
            MonthsLater {
                date: d(ey, em, ed),
                clamped
            },
            "2024-{m}-{day} + 6 months"
        );
    }
}

#[test]
fn out_of_range_and_overflow_are_typed_errors() {
    let code = |r: dhr_core::Result<MonthsLater>| r.unwrap_err().code();
    let p = MonthEndPolicy::CorrespondingDate;
    assert_eq!(
        code(add_months(d(2199, 12, 1), 1, p)),
        ErrorCode::DateOutOfRange
    );
    assert_eq!(
        code(add_months(d(1899, 12, 31), 1, p)),
        ErrorCode::DateOutOfRange
    );
    assert_eq!(
        code(add_months(d(2200, 1, 1), 0, p)),
        ErrorCode::DateOutOfRange
    );
    assert_eq!(
        code(add_months(d(2024, 1, 1), u32::MAX, p)),
        ErrorCode::DateOutOfRange
    );
    assert_eq!(
        code(add_months(d(2024, 1, 1), 2_112, p)),
        ErrorCode::DateOutOfRange
    );
    assert_eq!(last_day(d(2024, 1, 1), 2_111).date, d(2199, 12, 1));
    // The very edge is fine.
    assert_eq!(last_day(d(2199, 11, 30), 1).date, d(2199, 12, 30));
    assert_eq!(last_day(d(1900, 1, 1), 3599).date, d(2199, 12, 1));
}

#[test]
fn errors_name_no_caller_values() {
    let err = add_months(d(2023, 1, 31), 1, MonthEndPolicy::Refuse).unwrap_err();
    assert!(!err.message().contains("2023"), "{}", err.message());
    assert_eq!(err.path(), "");
}

#[test]
fn policy_names_are_the_interchange_strings() {
    assert_eq!(MonthEndPolicy::NAMES, &["last_day", "round_up", "refuse"]);
    for p in MonthEndPolicy::ALL {
        assert_eq!(MonthEndPolicy::from_str(p.as_str()), Some(*p));
    }
    assert_eq!(MonthEndPolicy::from_str("corresponding_date"), None);
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    // 1900-01-01 ..= 2149-12-31, so that 0..=600 months (50 years) stays in
    // range: at most 2199-12 (a start in 2150 could end in 2200, which
    // `add_months` rightly refuses as date_out_of_range).
    (0i64..(250 * 366)).prop_filter_map("in range", |n| {
        let date = d(1900, 1, 1) + chrono::Duration::days(n);
        (date <= d(2149, 12, 31)).then_some(date)
    })
}

fn any_policy() -> impl Strategy<Value = MonthEndPolicy> {
    prop::sample::select(MonthEndPolicy::ALL.to_vec())
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let first = d(y, m, 1);
    let next = if m == 12 {
        d(y + 1, 1, 1)
    } else {
        d(y, m + 1, 1)
    };
    (next - first).num_days() as u32
}

proptest! {
    #[test]
    fn never_before_the_start(start in any_date(), months in 0u32..=600, policy in any_policy()) {
        if let Ok(end) = add_months(start, months, policy) {
            prop_assert!(end.date >= start);
            if months > 0 { prop_assert!(end.date > start); }
        }
    }

    #[test]
    fn lands_on_the_same_day_number_or_within_a_month_of_it(
        start in any_date(), months in 0u32..=600, policy in any_policy())
    {
        let idx = start.year() * 12 + start.month0() as i32 + months as i32;
        let (ty, tm) = (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1);
        let len = days_in_month(ty, tm);
        match add_months(start, months, policy) {
            Ok(end) => {
                prop_assert_eq!(end.clamped, start.day() > len);
                if !end.clamped {
                    prop_assert_eq!((end.date.year(), end.date.month(), end.date.day()), (ty, tm, start.day()));
                } else {
                    // Never more than one month-length (at most 31 days) from
                    // the day-number the start asked for.
                    let wanted_gap = i64::from(start.day() - len);
                    let first_of_target = d(ty, tm, 1);
                    let notional = first_of_target + chrono::Duration::days(i64::from(start.day()) - 1);
                    prop_assert!((end.date - notional).num_days().abs() <= 31);
                    prop_assert!(wanted_gap <= 3);
                    match policy {
                        MonthEndPolicy::CorrespondingDate => prop_assert_eq!(end.date, d(ty, tm, len)),
                        MonthEndPolicy::RoundUp => prop_assert_eq!(end.date, d(ty, tm, len) + chrono::Duration::days(1)),
                        MonthEndPolicy::Refuse => prop_assert!(false, "refuse returned a clamped date"),
                    }
                }
            }
            Err(e) => {
                prop_assert_eq!(policy, MonthEndPolicy::Refuse);
                prop_assert_eq!(e.code(), ErrorCode::AmbiguousDate);
                prop_assert!(start.day() > len);
            }
        }
    }

    #[test]
    fn a_later_start_never_gives_an_earlier_end(
        a in any_date(), b in any_date(), months in 0u32..=600,
        policy in prop::sample::select(vec![MonthEndPolicy::CorrespondingDate, MonthEndPolicy::RoundUp]))
    {
        let (early, late) = if a <= b { (a, b) } else { (b, a) };
        let e1 = add_months(early, months, policy).unwrap().date;
        let e2 = add_months(late, months, policy).unwrap().date;
        prop_assert!(e1 <= e2);
    }

    #[test]
    fn more_months_never_give_an_earlier_end(start in any_date(), m in 0u32..=300, extra in 0u32..=300) {
        let p = MonthEndPolicy::CorrespondingDate;
        prop_assert!(add_months(start, m, p).unwrap().date <= add_months(start, m + extra, p).unwrap().date);
    }
}
