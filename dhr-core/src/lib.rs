// The crate's README (its worked example runs as a doctest), then the module map.
#![doc = include_str!("../README.md")]
//! ## The modules
//!
//! - [`case`]: the facts of a death (spec 6.1), read strictly.
//! - [`eligibility`]: [`assess`], the s.9 / s.8A / SUSR tests and related reviews.
//! - [`calendar`]: calendar months (Dodds v Walker) and working days.
//! - [`events`]: the events of a review's log and the roles that record them.
//! - [`rules`]: rule sets (time limits) as data, built-in and custom.
//! - [`deadlines`]: each time limit's status as of a date, explained.
//! - [`lifecycle`]: [`Review`], the append-only event log, and its status.
//! - [`report`]: a review's status as a readable report; the bundled demo.
//! - [`engine`]: the receipt (`engine`) of every answer: version, data, rule-set hash, options.
//! - [`error`]: [`Error`] and its stable [`ErrorCode`]s; [`catalogue`]: what each means.
//! - [`read`]: the one reader of every document, over any source of values;
//!   [`json`]: JSON helpers (dates, paths) it uses.
//! - [`batch`]: assessing a list of deaths; [`options`]: the options of
//!   `assess` and `status` from named values.
//! - [`rule_library`]: the built-in rule sets and a caller's, by id; [`service`]:
//!   the requests of the HTTP service (spec 9); [`schema`]: the JSON Schemas
//!   (draft 2020-12) of the documents and answers (8.8); [`engine`]: the
//!   receipt of an answer (8.3).
//! - [`flat`]: the flat (one suspect per row) frame schema and the timeliness milestones.
#![forbid(unsafe_code)]

#[macro_use]
mod names;

pub mod batch;
pub mod calendar;
pub mod case;
pub mod catalogue;
pub mod deadlines;
pub mod eligibility;
pub mod engine;
pub mod error;
pub mod events;
pub mod flat;
pub mod json;
pub mod lifecycle;
pub mod mark;
pub mod options;
pub mod personal;
pub mod read;
pub mod report;
pub mod rule_library;
pub mod rules;
pub mod schema;
pub mod service;
mod upper;
pub mod wording;

pub use calendar::{
    add_months, add_working_days, is_working_day, MonthEndPolicy, MonthsLater, Region,
};
pub use case::Death;
pub use deadlines::{Deadline, DeadlineStatus};
pub use eligibility::{assess, assess_json, AssessOptions, Assessment, Outcome, Regime};
pub use error::{Error, ErrorCode, Result};
pub use lifecycle::{status_json, Event, Review, Status, StatusOptions};
pub use mark::Mark;
pub use personal::Personal;
pub use rules::RuleSet;

/// The README's Rust examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
