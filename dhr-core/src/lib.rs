//! # dhr-core
//!
//! Domestic Homicide Reviews for England and Wales as code: whether a death
//! must be reviewed ([`eligibility`]), the review as an append-only event log
//! ([`lifecycle`]), and its time limits counted the way English law counts
//! months ([`calendar`], [`rules`], [`deadlines`]).
//!
//! The library never reads the clock: every "as of" is an argument. Unknown
//! facts stay unknown: an answer that depends on one says which is missing.
//! Personal data is wrapped in [`Personal`], which never shows in `Debug`.
//!
//! The JSON interchange format (deaths, answers, review logs, status) is the
//! public contract of the `dhr` command, the Python package and the
//! WebAssembly package; every type here reads and writes it.
//!
//! ## A worked example
//!
//! ```
//! use dhr_core::{assess, AssessOptions, Death, Outcome, Review, StatusOptions};
//! use chrono::NaiveDate;
//!
//! // 1. Eligibility: the example death of spec section 6.1.
//! let death = Death::from_json(r#"{
//!   "schema_version": 1, "reference": "STK-2024-003",
//!   "date_of_death": "2024-03-10", "nation": "england",
//!   "deceased": {"date_of_birth": "1990-05-01"},
//!   "manner": "homicide",
//!   "suspects": [{"connection": "former_intimate_partner", "same_household": false,
//!                 "age": 41, "abuse_suspected": true}]
//! }"#)?;
//! let answer = assess(&death, &AssessOptions::default())?;
//! assert_eq!(answer.outcome, Outcome::Required);
//! assert!(answer.reasons.iter().any(|r| r.citation().starts_with("DVCVA 2004 s.9(1)")));
//!
//! // 2. Lifecycle and 3. deadlines: a review log, as of a date.
//! let review = Review::from_json(r#"{
//!   "schema_version": 1, "reference": "STK-2024-003", "rules": "stockton_2011",
//!   "events": [{"on": "2024-01-31", "event": "notified", "by": "police"}]
//! }"#)?;
//! let as_of = NaiveDate::from_ymd_opt(2024, 2, 20).unwrap();
//! let status = review.status(as_of, &StatusOptions::default())?.to_value();
//! // 31 January + 1 month has no corresponding day: the last day of February.
//! assert_eq!(status["deadlines"][0]["due"], "2024-02-29");
//! assert_eq!(status["deadlines"][0]["clamped"], true);
//! assert_eq!(status["deadlines"][0]["days_left"], 9);
//! # Ok::<(), dhr_core::Error>(())
//! ```
//!
//! ## The modules
//!
//! - [`case`]: the facts of a death (spec 6.1), read strictly.
//! - [`eligibility`]: [`assess`], the s.9 / s.8A / SUSR tests and related reviews.
//! - [`calendar`]: calendar months (Dodds v Walker) and working days.
//! - [`rules`]: rule sets (time limits) as data, built-in and custom.
//! - [`deadlines`]: each time limit's status as of a date, explained.
//! - [`lifecycle`]: [`Review`], the append-only event log, and its status.
//! - [`error`]: [`Error`] and its stable [`ErrorCode`]s; [`catalogue`]: what each means.
//! - [`read`]: the one reader of every document, over any source of values;
//!   [`json`]: JSON helpers (dates, paths) it uses.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[macro_use]
mod names;

pub mod calendar;
pub mod case;
pub mod catalogue;
pub mod deadlines;
pub mod eligibility;
pub mod error;
pub mod json;
pub mod lifecycle;
pub mod personal;
pub mod read;
pub mod rules;

pub use calendar::{
    add_months, add_working_days, is_working_day, MonthEndPolicy, MonthsLater, Region,
};
pub use case::Death;
pub use deadlines::{Deadline, DeadlineStatus};
pub use eligibility::{assess, assess_json, AssessOptions, Assessment, Outcome, Regime};
pub use error::{Error, ErrorCode, Result};
pub use lifecycle::{status_json, Event, Review, Status, StatusOptions};
pub use personal::Personal;
pub use rules::RuleSet;

/// The README's Rust examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
