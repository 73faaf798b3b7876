//! The dated values of eligibility, each with its citation and mark, in one
//! place: when s.9 came into force, when Welsh SUSRs start, the Offensive
//! Weapons Homicide Review pilot period, and the CSPR working-day periods;
//! and the options of an assessment, the dates that are parameters.
//!
//! A value that changes over time (a commencement, an extension) is changed
//! here, and every rule that reads it follows.

use crate::mark::Mark;
use chrono::NaiveDate;

/// Options of an assessment: the dates that are parameters, not law.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessOptions {
    /// The commencement date of DVCVA s.8A (DARDR), `None`: not commenced
    /// (the default). A death on or after it is assessed under s.8A.
    pub dardr_commenced: Option<NaiveDate>,
    /// The date from which a death in Wales is reviewed as a SUSR, keyed on
    /// the date of death (default [`SUSR_START`], 2024-10-01).
    pub susr_from: NaiveDate,
}

/// The default start of Single Unified Safeguarding Reviews in Wales
/// ([`SUSR_START`]).
pub const SUSR_FROM_DEFAULT: NaiveDate = SUSR_START.date;

impl Default for AssessOptions {
    /// No DARDR commencement; SUSR from 1 October 2024.
    ///
    /// ```
    /// use dhr_core::eligibility::AssessOptions;
    /// let o = AssessOptions::default();
    /// assert_eq!(o.dardr_commenced, None);
    /// assert_eq!(o.susr_from.to_string(), "2024-10-01");
    /// ```
    fn default() -> Self {
        AssessOptions {
            dardr_commenced: None,
            susr_from: SUSR_FROM_DEFAULT,
        }
    }
}

/// A date with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    /// The date.
    pub date: NaiveDate,
    /// How firmly it is sourced.
    pub mark: Mark,
    /// Where it comes from.
    pub citation: &'static str,
}

/// A number of working days with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingDays {
    /// The number of England and Wales working days (the start day excluded).
    pub days: u32,
    /// How firmly it is sourced.
    pub mark: Mark,
    /// Where it comes from.
    pub citation: &'static str,
}

/// `y-m-d` as a constant (the dates below are valid; the fallback is never
/// used, and a test checks each date).
const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}

/// DVCVA 2004 s.9 came into force on 13 April 2011. A death before it is not
/// excluded (reason `death_before_s9_in_force`).
pub const S9_IN_FORCE: Dated = Dated {
    date: ymd(2011, 4, 13),
    mark: Mark::Statute,
    citation: "DVCVA 2004 s.9, in force 13 April 2011",
};

/// The default start of Single Unified Safeguarding Reviews in Wales, keyed
/// on the date of death (an option: [`AssessOptions::susr_from`]).
pub const SUSR_START: Dated = Dated {
    date: ymd(2024, 10, 1),
    mark: Mark::Guidance,
    citation: "Single Unified Safeguarding Review guidance (Wales), from 1 October 2024",
};

/// The first day of the Offensive Weapons Homicide Review pilot.
pub const OWHR_PILOT_START: Dated = Dated {
    date: ymd(2023, 4, 1),
    mark: Mark::Statute,
    citation: "SI 2023/227 reg.1(2): \"the period of 9 months beginning with 1st April 2023\"",
};

/// The last day of the Offensive Weapons Homicide Review pilot as made: the
/// 9 months beginning with 1 April 2023 end on 31 December 2023.
pub const OWHR_PILOT_END: Dated = Dated {
    date: ymd(2023, 12, 31),
    mark: Mark::Statute,
    citation: "SI 2023/227 reg.1(2): the 9 months beginning with 1 April 2023",
};

/// Extensions of the OWHR pilot: each the new last day, marked
/// [`Mark::Unconfirmed`] until read in a statutory instrument. None is
/// confirmed, so none is listed.
pub const OWHR_PILOT_EXTENSIONS: &[Dated] = &[];

/// The last day of the OWHR pilot: [`OWHR_PILOT_END`] or the latest
/// extension.
///
/// ```
/// use dhr_core::eligibility::dates::owhr_pilot_last_day;
/// assert_eq!(owhr_pilot_last_day().date.to_string(), "2023-12-31");
/// ```
pub fn owhr_pilot_last_day() -> Dated {
    OWHR_PILOT_EXTENSIONS
        .iter()
        .copied()
        .fold(OWHR_PILOT_END, |a, b| if b.date > a.date { b } else { a })
}

/// Whether a death on `date` was inside the OWHR pilot period (both
/// boundary days inside).
pub fn in_owhr_pilot(date: NaiveDate) -> bool {
    date >= OWHR_PILOT_START.date && date <= owhr_pilot_last_day().date
}

/// The local authority notifies the Child Safeguarding Practice Review Panel
/// within 5 working days of learning of the death.
pub const CSPR_NOTIFY: WorkingDays = WorkingDays {
    days: 5,
    mark: Mark::Guidance,
    citation: "Children Act 2004 s.16C; Working Together to Safeguard Children",
};

/// A rapid review follows within 15 working days of learning of the death.
pub const CSPR_RAPID_REVIEW: WorkingDays = WorkingDays {
    days: 15,
    mark: Mark::Guidance,
    citation: "Children Act 2004 s.16C; Working Together to Safeguard Children",
};

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn dates_are_the_dates_written() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(S9_IN_FORCE.date, d(2011, 4, 13));
        assert_eq!(SUSR_START.date, d(2024, 10, 1));
        assert_eq!(OWHR_PILOT_START.date, d(2023, 4, 1));
        assert_eq!(OWHR_PILOT_END.date, d(2023, 12, 31));
        // "the period of 9 months beginning with 1st April 2023".
        assert_eq!(
            OWHR_PILOT_START
                .date
                .checked_add_months(chrono::Months::new(9)),
            OWHR_PILOT_END.date.succ_opt()
        );
        for e in OWHR_PILOT_EXTENSIONS {
            assert_eq!(e.mark, Mark::Unconfirmed);
        }
        assert!(in_owhr_pilot(d(2023, 4, 1)) && in_owhr_pilot(d(2023, 12, 31)));
        assert!(!in_owhr_pilot(d(2023, 3, 31)) && !in_owhr_pilot(d(2024, 1, 1)));
    }
}
