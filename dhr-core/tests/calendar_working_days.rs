//! Working days and the bank-holiday data (spec 4.2).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity
)]

use chrono::{Datelike, NaiveDate, Weekday};
use dhr_core::calendar::{add_working_days, bank_holidays, is_working_day, Region};
use dhr_core::ErrorCode;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const EW: Region = Region::EnglandAndWales;

#[test]
fn the_holidays_named_in_the_spec() {
    // spec 4.2: "extra ones were proclaimed (29 April 2011, 5 June 2012,
    // 3 June 2022, 19 September 2022, 8 May 2023) and regular ones moved (the
    // spring holiday to 4 June 2012 and 2 June 2022; the early May holiday to
    // 8 May 2020, so 4 May 2020 was a working day)."
    for (y, m, day) in [
        (2011, 4, 29),
        (2012, 6, 5),
        (2022, 6, 3),
        (2022, 9, 19),
        (2023, 5, 8),
        (2012, 6, 4),
        (2022, 6, 2),
        (2020, 5, 8),
    ] {
        assert!(!is_working_day(d(y, m, day), EW).unwrap(), "{y}-{m}-{day}");
    }
    // The Mondays that would have been holidays but for the moves.
    for (y, m, day) in [(2020, 5, 4), (2012, 5, 28), (2022, 5, 30)] {
        assert!(is_working_day(d(y, m, day), EW).unwrap(), "{y}-{m}-{day}");
    }
}

#[test]
fn coverage_includes_2011_to_2027_for_every_region() {
    for r in Region::ALL {
        let list = bank_holidays(*r).unwrap();
        assert!(
            list.from <= d(2011, 1, 1) && list.to >= d(2027, 12, 31),
            "{r}"
        );
        assert!(list.source.contains("gov.uk"));
        assert!(!list.version.is_empty());
    }
}

#[test]
fn england_and_wales_has_eight_regular_holidays_a_year_plus_proclaimed_ones() {
    // Banking and Financial Dealings Act 1971 Sch.1 plus the royal
    // proclamations for the regular days: New Year, Good Friday, Easter
    // Monday, early May, spring, summer, Christmas, Boxing Day.
    let list = bank_holidays(EW).unwrap();
    for y in 2011..=2027 {
        let n = list.holidays.iter().filter(|h| h.date.year() == y).count();
        let extra = match y {
            2011 => 1, // royal wedding
            2012 => 1, // Diamond Jubilee
            2022 => 2, // Platinum Jubilee, State Funeral
            2023 => 1, // coronation
            _ => 0,
        };
        assert_eq!(n, 8 + extra, "{y}");
        for h in list.holidays.iter().filter(|h| h.date.year() == y) {
            assert!(
                !matches!(h.date.weekday(), Weekday::Sat | Weekday::Sun),
                "{}",
                h.date
            );
        }
    }
}

#[test]
fn weekends_are_not_working_days() {
    assert!(!is_working_day(d(2024, 3, 2), EW).unwrap());
    assert!(!is_working_day(d(2024, 3, 3), EW).unwrap());
    assert!(is_working_day(d(2024, 3, 4), EW).unwrap());
}

#[test]
fn regions_differ_where_the_law_does() {
    // 2 January (Scotland), St Andrew's Day substitute (Scotland),
    // St Patrick's Day and the Boyne (Northern Ireland), summer holiday dates.
    let cases = [
        (d(2025, 1, 2), [true, false, true]),
        (d(2025, 12, 1), [true, false, true]), // St Andrew's Day falls on Sunday 30 Nov 2025
        (d(2025, 3, 17), [true, true, false]),
        (d(2025, 7, 14), [true, true, false]), // Boyne on Saturday 12 July 2025
        (d(2025, 8, 4), [true, false, true]),  // first Monday of August
        (d(2025, 8, 25), [false, true, false]), // last Monday of August
        (d(2025, 4, 21), [false, true, false]), // Easter Monday
    ];
    for (date, expected) in cases {
        let got = [
            is_working_day(date, Region::EnglandAndWales).unwrap(),
            is_working_day(date, Region::Scotland).unwrap(),
            is_working_day(date, Region::NorthernIreland).unwrap(),
        ];
        assert_eq!(got, expected, "{date}");
    }
}

#[test]
fn outside_coverage_is_an_error_never_a_guess() {
    for date in [d(2010, 12, 31), d(2028, 1, 1), d(2028, 1, 3), d(1900, 1, 1)] {
        let err = is_working_day(date, EW).unwrap_err();
        assert_eq!(err.code(), ErrorCode::DateOutOfRange, "{date}");
        assert!(err.message().contains("2011-01-01"), "{}", err.message());
    }
    let err = add_working_days(d(2027, 12, 31), 1, EW).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DateOutOfRange);
    let err = add_working_days(d(2024, 1, 1), u32::MAX, EW).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DateOutOfRange);
}

fn covered_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..6000).prop_map(|n| d(2011, 1, 1) + chrono::Duration::days(n))
}

proptest! {
    #[test]
    fn the_nth_working_day_is_a_working_day_with_n_before_it(start in covered_date(), n in 0u32..40) {
        if let Ok(end) = add_working_days(start, n, EW) {
            prop_assert!(end >= start);
            if n > 0 {
                prop_assert!(is_working_day(end, EW).unwrap());
            }
            let mut count = 0;
            let mut day = start;
            while day < end {
                day = day.succ_opt().unwrap();
                if is_working_day(day, EW).unwrap() { count += 1; }
            }
            prop_assert_eq!(count, n);
        }
    }

    #[test]
    fn a_later_start_never_gives_an_earlier_end(a in covered_date(), b in covered_date(), n in 0u32..30) {
        let (early, late) = if a <= b { (a, b) } else { (b, a) };
        if let (Ok(e1), Ok(e2)) = (add_working_days(early, n, EW), add_working_days(late, n, EW)) {
            prop_assert!(e1 <= e2);
        }
    }
}
