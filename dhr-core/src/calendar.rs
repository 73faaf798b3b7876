//! Calendar months and working days, counted the way English law counts them
//! (spec section 4.2).
//!
//! # Months
//!
//! A period of N calendar months from an event ends on the *corresponding
//! date* N months later: the day of the event is excluded, and the period
//! ends on the same day-number of the later month (Dodds v Walker \[1981\]
//! 1 WLR 1027, HL; "month" means calendar month by the Interpretation Act
//! 1978 Sch.1). Where the later month has no such day (31 January plus one
//! month), the period ends on the last day of that month and the answer says
//! the day was *clamped*. Two other policies are available on request:
//! round up to the 1st of the following month, or refuse the computation as
//! ambiguous ([`MonthEndPolicy`]).
//!
//! Month arithmetic is not associative, so a period is always added whole to
//! its start date, never chained:
//!
//! ```
//! use chrono::NaiveDate;
//! use dhr_core::calendar::{add_months, MonthEndPolicy};
//!
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let once = add_months(d(2023, 1, 31), 1, MonthEndPolicy::CorrespondingDate)?.date;
//! let chained = add_months(once, 1, MonthEndPolicy::CorrespondingDate)?.date;
//! let whole = add_months(d(2023, 1, 31), 2, MonthEndPolicy::CorrespondingDate)?.date;
//! assert_eq!(chained, d(2023, 3, 28));
//! assert_eq!(whole, d(2023, 3, 31));
//! # Ok::<(), dhr_core::Error>(())
//! ```
//!
//! # Working days
//!
//! A working day is a day that is not a Saturday, a Sunday or a bank holiday
//! of the [`Region`]. The bank holidays are data (`dhr-core/data/bank_holidays.json`,
//! from GOV.UK, with the substitute days, the moved days and the one-off
//! proclaimed days), with a version and a coverage range per region. A date
//! outside the coverage is not guessed: the computation fails with
//! [`ErrorCode::DateOutOfRange`].
//!
//! ```
//! use chrono::NaiveDate;
//! use dhr_core::calendar::{add_working_days, Region};
//!
//! // Wednesday 1 June 2022: the spring bank holiday was moved to Thursday
//! // 2 June and the Platinum Jubilee holiday proclaimed for Friday 3 June.
//! let start = NaiveDate::from_ymd_opt(2022, 6, 1).unwrap();
//! let next = add_working_days(start, 1, Region::EnglandAndWales)?;
//! assert_eq!(next, NaiveDate::from_ymd_opt(2022, 6, 6).unwrap());
//! # Ok::<(), dhr_core::Error>(())
//! ```

use crate::error::{Error, ErrorCode, Result};
use crate::json;
#[cfg(test)]
use crate::json::Obj;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;
use std::sync::OnceLock;

names! {
    /// What to do when a period of months ends in a month that has no
    /// corresponding day (31 January plus one month).
    ///
    /// The interchange strings are `last_day`, `round_up` and `refuse`.
    ///
    /// ```
    /// use dhr_core::calendar::MonthEndPolicy;
    /// assert_eq!(MonthEndPolicy::from_str("last_day"), Some(MonthEndPolicy::CorrespondingDate));
    /// assert_eq!(MonthEndPolicy::RoundUp.as_str(), "round_up");
    /// assert_eq!(MonthEndPolicy::default(), MonthEndPolicy::CorrespondingDate);
    /// ```
    #[derive(Default)]
    pub enum MonthEndPolicy {
        /// The corresponding date rule (Dodds v Walker): the last day of the
        /// month. The default. `"last_day"`.
        #[default]
        CorrespondingDate = "last_day",
        /// The 1st of the following month. `"round_up"`.
        RoundUp = "round_up",
        /// Refuse with [`ErrorCode::AmbiguousDate`]. `"refuse"`.
        Refuse = "refuse",
    }
}

/// The end of a period of months: the date, and whether the day-number had
/// to be changed because the month was too short.
///
/// ```
/// use chrono::NaiveDate;
/// use dhr_core::calendar::{add_months, MonthEndPolicy, MonthsLater};
///
/// let start = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
/// let end = add_months(start, 1, MonthEndPolicy::CorrespondingDate)?;
/// assert_eq!(end, MonthsLater { date: NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(), clamped: true });
/// # Ok::<(), dhr_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct MonthsLater {
    /// The last day of the period.
    #[serde(with = "crate::json::date_format")]
    pub date: NaiveDate,
    /// Whether the start's day-number does not exist in the end month, so
    /// the policy chose another day (Catala's "ambiguous computation").
    pub clamped: bool,
}

/// The date `months` calendar months after `start` by the corresponding date
/// rule, with `policy` deciding what happens when the end month is too short.
///
/// The day of `start` is excluded (Dodds v Walker): a period of one month
/// from 15 March ends on 15 April. Both `start` and the result must lie in
/// 1900-01-01..=2199-12-31.
///
/// # Errors
///
/// [`ErrorCode::DateOutOfRange`] when `start` or the result is outside the
/// supported range; [`ErrorCode::AmbiguousDate`] under
/// [`MonthEndPolicy::Refuse`] when the end month has no corresponding day.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use dhr_core::calendar::{add_months, MonthEndPolicy};
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Dodds v Walker itself: 30 September 1978 plus 4 months is 30 January 1979.
/// let end = add_months(d(1978, 9, 30), 4, MonthEndPolicy::CorrespondingDate)?;
/// assert_eq!((end.date, end.clamped), (d(1979, 1, 30), false));
///
/// // No 29 February in 2025: the corresponding date is the last day of the month.
/// let end = add_months(d(2024, 2, 29), 12, MonthEndPolicy::CorrespondingDate)?;
/// assert_eq!((end.date, end.clamped), (d(2025, 2, 28), true));
///
/// // The other policies.
/// let end = add_months(d(2023, 1, 31), 1, MonthEndPolicy::RoundUp)?;
/// assert_eq!((end.date, end.clamped), (d(2023, 3, 1), true));
/// let err = add_months(d(2023, 1, 31), 1, MonthEndPolicy::Refuse).unwrap_err();
/// assert_eq!(err.code().as_str(), "ambiguous_date");
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn add_months(start: NaiveDate, months: u32, policy: MonthEndPolicy) -> Result<MonthsLater> {
    json::check_range(start, "")?;
    let out_of_range = || {
        Error::new(
            ErrorCode::DateOutOfRange,
            "",
            "the end of the period falls after 2199-12-31",
        )
    };
    // Months since year 0, in i64 so that no u32 overflows.
    let index = i64::from(start.year()) * 12 + i64::from(start.month0()) + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).map_err(|_| out_of_range())?;
    let month0 = u32::try_from(index.rem_euclid(12)).map_err(|_| out_of_range())?;
    if year > json::MAX_DATE.year() {
        return Err(out_of_range());
    }
    let last = days_in_month(year, month0 + 1).ok_or_else(out_of_range)?;
    let day = start.day();
    let (date, clamped) = if day <= last {
        (NaiveDate::from_ymd_opt(year, month0 + 1, day), false)
    } else {
        match policy {
            MonthEndPolicy::CorrespondingDate => {
                (NaiveDate::from_ymd_opt(year, month0 + 1, last), true)
            }
            MonthEndPolicy::RoundUp => (
                NaiveDate::from_ymd_opt(year, month0 + 1, last).and_then(|d| d.succ_opt()),
                true,
            ),
            MonthEndPolicy::Refuse => {
                return Err(Error::new(
                    ErrorCode::AmbiguousDate,
                    "",
                    format!(
                        "the period ends in a month with no day {day}: the corresponding date \
                         is ambiguous and the month-end policy is \"refuse\""
                    ),
                ))
            }
        }
    };
    let date = date.ok_or_else(out_of_range)?;
    json::check_range(date, "").map_err(|_| out_of_range())?;
    Ok(MonthsLater { date, clamped })
}

/// The number of days in a month (`month` 1 to 12), `None` if invalid.
fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    u32::try_from((next - first).num_days()).ok()
}

names! {
    /// A nation (or pair of nations) with its own bank holidays.
    ///
    /// The interchange strings are `england_and_wales`, `scotland` and
    /// `northern_ireland`. DHRs are held in England and Wales; the other
    /// lists are there for callers who need them (Northern Ireland holds
    /// reviews under s.9 with its own guidance).
    ///
    /// ```
    /// use dhr_core::calendar::Region;
    /// assert_eq!(Region::from_str("scotland"), Some(Region::Scotland));
    /// assert_eq!(Region::EnglandAndWales.as_str(), "england_and_wales");
    /// ```
    pub enum Region {
        /// England and Wales (one list). `"england_and_wales"`.
        EnglandAndWales = "england_and_wales",
        /// Scotland. `"scotland"`.
        Scotland = "scotland",
        /// Northern Ireland. `"northern_ireland"`.
        NorthernIreland = "northern_ireland",
    }
}

impl Default for Region {
    /// England and Wales, where DHRs are held: the region of the calendar
    /// functions when a caller names none.
    ///
    /// ```
    /// use dhr_core::calendar::Region;
    /// assert_eq!(Region::default(), Region::EnglandAndWales);
    /// ```
    fn default() -> Self {
        Region::EnglandAndWales
    }
}

/// One bank holiday of the embedded table.
///
/// ```
/// use dhr_core::calendar::{bank_holidays, Region};
/// let list = bank_holidays(Region::EnglandAndWales)?;
/// let first = &list.holidays[0];
/// assert_eq!(first.date.to_string(), "2011-01-03");
/// assert_eq!(first.title, "New Year's Day (substitute day)");
/// # Ok::<(), dhr_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BankHoliday {
    /// The day.
    #[serde(with = "crate::json::date_format")]
    pub date: NaiveDate,
    /// Its name, as GOV.UK gives it (with a note for moved and proclaimed days).
    pub title: String,
}

/// The bank holidays of one region, with the range of dates they cover.
///
/// ```
/// use dhr_core::calendar::{bank_holidays, Region};
/// let list = bank_holidays(Region::EnglandAndWales)?;
/// assert_eq!(list.from.to_string(), "2011-01-01");
/// assert_eq!(list.to.to_string(), "2027-12-31");
/// assert!(list.version.len() > 0 && list.source.contains("gov.uk"));
/// # Ok::<(), dhr_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HolidayList {
    /// The region.
    pub region: Region,
    /// The version of the data file.
    pub version: String,
    /// Where the data comes from.
    pub source: String,
    /// The first day covered.
    #[serde(with = "crate::json::date_format")]
    pub from: NaiveDate,
    /// The last day covered.
    #[serde(with = "crate::json::date_format")]
    pub to: NaiveDate,
    /// The holidays, in date order.
    pub holidays: Vec<BankHoliday>,
}

impl HolidayList {
    /// Whether `date` is in the covered range.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dhr_core::calendar::{bank_holidays, Region};
    /// let list = bank_holidays(Region::EnglandAndWales)?;
    /// assert!(list.covers(NaiveDate::from_ymd_opt(2024, 5, 6).unwrap()));
    /// assert!(!list.covers(NaiveDate::from_ymd_opt(2010, 12, 31).unwrap()));
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// Whether `date` is a bank holiday of the list (no coverage check).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dhr_core::calendar::{bank_holidays, Region};
    /// let list = bank_holidays(Region::EnglandAndWales)?;
    /// assert!(list.is_holiday(NaiveDate::from_ymd_opt(2020, 5, 8).unwrap()));
    /// assert!(!list.is_holiday(NaiveDate::from_ymd_opt(2020, 5, 4).unwrap()));
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays
            .binary_search_by(|h| h.date.cmp(&date))
            .is_ok()
    }
}

/// The embedded bank-holiday data file (`dhr-core/data/bank_holidays.json`):
/// `version`, `source`, and per region a `coverage` range and the
/// `holidays` (`date`, `title`) in date order.
///
/// ```
/// let v: serde_json::Value = serde_json::from_str(dhr_core::calendar::BANK_HOLIDAYS_JSON).unwrap();
/// assert_eq!(v["regions"]["england_and_wales"]["coverage"]["from"], "2011-01-01");
/// ```
pub const BANK_HOLIDAYS_JSON: &str = include_str!("../data/bank_holidays.json");

struct Table {
    england_and_wales: HolidayList,
    scotland: HolidayList,
    northern_ireland: HolidayList,
}

fn table() -> Result<&'static Table> {
    static TABLE: OnceLock<Result<Table>> = OnceLock::new();
    TABLE
        .get_or_init(unpack_table)
        .as_ref()
        .map_err(Clone::clone)
}

// The data file as compact tables (`VERSION`, `SOURCE`, `TITLES`, `REGIONS`),
// written by `dhr-core/build.rs` from `data/bank_holidays.json`; the test
// `compact_tables_are_the_data_file` checks them against `parse_table`.
include!(concat!(env!("OUT_DIR"), "/bank_holidays.rs"));

/// One region's holidays as build.rs writes them: the coverage as chrono's
/// day numbers, each holiday as the days since the one before (the first
/// since `from`) and the index of its title in `TITLES`.
struct Compact {
    from: i32,
    to: i32,
    steps: &'static [u16],
    titles: &'static [u8],
}

/// The embedded table, from its compact form.
fn unpack_table() -> Result<Table> {
    let broken = || {
        Error::new(
            ErrorCode::DateOutOfRange,
            "",
            "the built-in bank-holiday table is broken",
        )
    };
    let date = |n: i32| NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(broken);
    let list = |region: Region| -> Result<HolidayList> {
        // build.rs writes the regions in this order.
        let i = match region {
            Region::EnglandAndWales => 0,
            Region::Scotland => 1,
            Region::NorthernIreland => 2,
        };
        let c = REGIONS.get(i).ok_or_else(broken)?;
        let mut day = c.from;
        let mut holidays = Vec::with_capacity(c.steps.len());
        for (step, title) in c.steps.iter().zip(c.titles) {
            day += i32::from(*step);
            holidays.push(BankHoliday {
                date: date(day)?,
                title: TITLES
                    .get(usize::from(*title))
                    .ok_or_else(broken)?
                    .to_string(),
            });
        }
        Ok(HolidayList {
            region,
            version: VERSION.to_string(),
            source: SOURCE.to_string(),
            from: date(c.from)?,
            to: date(c.to)?,
            holidays,
        })
    };
    Ok(Table {
        england_and_wales: list(Region::EnglandAndWales)?,
        scotland: list(Region::Scotland)?,
        northern_ireland: list(Region::NorthernIreland)?,
    })
}

/// The strict reading of the data file (every key, date, range and order
/// checked): the reference the compact tables are tested against.
#[cfg(test)]
fn parse_table(text: &str) -> Result<Table> {
    let v = json::parse(text)?;
    let root = Obj::new(&v, "", &["version", "description", "source", "regions"])?;
    let version = root.req_str("version")?.to_string();
    let source = root.req_str("source")?.to_string();
    root.opt_str("description")?;
    let regions_v = root.req("regions")?;
    let regions = Obj::new(regions_v, "regions", Region::NAMES)?;
    let read = |region: Region| -> Result<HolidayList> {
        let path = regions.path_of(region.as_str());
        let r = Obj::new(
            regions.req(region.as_str())?,
            &path,
            &["coverage", "holidays"],
        )?;
        let cov = Obj::new(r.req("coverage")?, &r.path_of("coverage"), &["from", "to"])?;
        let from = cov.req_date("from")?;
        let to = cov.req_date("to")?;
        let mut holidays = Vec::new();
        for (i, h) in r.req_array("holidays")?.iter().enumerate() {
            let h = Obj::new(
                h,
                &json::item(&r.path_of("holidays"), i),
                &["date", "title"],
            )?;
            let date = h.req_date("date")?;
            let bad = |msg: &str| Error::new(ErrorCode::InvalidValue, h.path_of("date"), msg);
            if !(from..=to).contains(&date) {
                return Err(bad("a holiday outside the coverage range"));
            }
            if holidays
                .last()
                .is_some_and(|p: &BankHoliday| p.date >= date)
            {
                return Err(bad("holidays must be in strictly increasing date order"));
            }
            holidays.push(BankHoliday {
                date,
                title: h.req_str("title")?.to_string(),
            });
        }
        Ok(HolidayList {
            region,
            version: version.clone(),
            source: source.clone(),
            from,
            to,
            holidays,
        })
    };
    Ok(Table {
        england_and_wales: read(Region::EnglandAndWales)?,
        scotland: read(Region::Scotland)?,
        northern_ireland: read(Region::NorthernIreland)?,
    })
}

/// The embedded bank holidays of `region`, with their coverage and source.
///
/// # Errors
///
/// Only if the embedded data file were malformed, which the crate's own
/// tests rule out.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use dhr_core::calendar::{bank_holidays, Region};
/// let list = bank_holidays(Region::EnglandAndWales)?;
/// // The one-off holiday for the State Funeral of Queen Elizabeth II.
/// assert!(list.is_holiday(NaiveDate::from_ymd_opt(2022, 9, 19).unwrap()));
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn bank_holidays(region: Region) -> Result<&'static HolidayList> {
    let t = table()?;
    Ok(match region {
        Region::EnglandAndWales => &t.england_and_wales,
        Region::Scotland => &t.scotland,
        Region::NorthernIreland => &t.northern_ireland,
    })
}

fn not_covered(list: &HolidayList) -> Error {
    Error::new(
        ErrorCode::DateOutOfRange,
        "",
        format!(
            "the bank holidays of {} are known from {} to {} only (data version {})",
            list.region,
            json::fmt_date(list.from),
            json::fmt_date(list.to),
            list.version
        ),
    )
}

/// Whether `date` is a working day in `region`: not a Saturday, a Sunday or
/// a bank holiday.
///
/// # Errors
///
/// [`ErrorCode::DateOutOfRange`] when `date` is outside the coverage of the
/// region's bank-holiday data (even for a weekend: the answer is never a guess
/// about data the library does not hold).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use dhr_core::calendar::{is_working_day, Region};
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // In 2020 the early May bank holiday was moved to Friday 8 May (VE Day).
/// assert_eq!(is_working_day(d(2020, 5, 4), Region::EnglandAndWales)?, true);
/// assert_eq!(is_working_day(d(2020, 5, 8), Region::EnglandAndWales)?, false);
/// // 17 March is a holiday in Northern Ireland only.
/// assert_eq!(is_working_day(d(2025, 3, 17), Region::NorthernIreland)?, false);
/// assert_eq!(is_working_day(d(2025, 3, 17), Region::EnglandAndWales)?, true);
/// // Outside the data's coverage: an error, not a guess.
/// let err = is_working_day(d(2030, 1, 2), Region::EnglandAndWales).unwrap_err();
/// assert_eq!(err.code().as_str(), "date_out_of_range");
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn is_working_day(date: NaiveDate, region: Region) -> Result<bool> {
    let list = bank_holidays(region)?;
    if !list.covers(date) {
        return Err(not_covered(list));
    }
    Ok(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !list.is_holiday(date))
}

/// The `days`-th working day after `start` in `region` (`start` itself
/// excluded; `days == 0` gives `start`).
///
/// "Within 5 working days of learning of the death" on a Friday ends on the
/// following Friday when no bank holiday intervenes.
///
/// # Errors
///
/// [`ErrorCode::DateOutOfRange`] when `start` or any day counted lies outside
/// the coverage of the region's bank-holiday data.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use dhr_core::calendar::{add_working_days, Region};
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Friday 1 March 2024 + 5 working days = Friday 8 March 2024.
/// assert_eq!(add_working_days(d(2024, 3, 1), 5, Region::EnglandAndWales)?, d(2024, 3, 8));
/// // Easter 2024 (Good Friday 29 March, Easter Monday 1 April) is skipped.
/// assert_eq!(add_working_days(d(2024, 3, 27), 2, Region::EnglandAndWales)?, d(2024, 4, 2));
/// // Past the end of the data: an error.
/// let err = add_working_days(d(2027, 12, 20), 15, Region::EnglandAndWales).unwrap_err();
/// assert_eq!(err.code().as_str(), "date_out_of_range");
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn add_working_days(start: NaiveDate, days: u32, region: Region) -> Result<NaiveDate> {
    let list = bank_holidays(region)?;
    if !list.covers(start) {
        return Err(not_covered(list));
    }
    let mut date = start;
    let mut left = days;
    while left > 0 {
        date = date
            .checked_add_days(Days::new(1))
            .ok_or_else(|| not_covered(list))?;
        if is_working_day(date, region)? {
            left -= 1;
        }
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_parses() {
        for r in Region::ALL {
            let list = bank_holidays(*r).unwrap();
            assert!(list.holidays.len() > 100, "{r}");
        }
    }

    #[test]
    fn compact_tables_are_the_data_file() {
        // build.rs's tables, unpacked, are exactly the strict reading of
        // data/bank_holidays.json: every date, title, coverage and version.
        let strict = parse_table(BANK_HOLIDAYS_JSON).unwrap();
        let t = table().unwrap();
        assert_eq!(t.england_and_wales, strict.england_and_wales);
        assert_eq!(t.scotland, strict.scotland);
        assert_eq!(t.northern_ireland, strict.northern_ireland);
    }

    #[test]
    fn malformed_tables_are_refused() {
        let bad = BANK_HOLIDAYS_JSON.replace("\"2011-04-22\"", "\"2011-01-02\"");
        assert!(parse_table(&bad).is_err());
        let bad = BANK_HOLIDAYS_JSON.replace("\"2011-01-03\"", "\"2010-12-31\"");
        assert!(parse_table(&bad).is_err());
    }
}
