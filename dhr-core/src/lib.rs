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
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[macro_use]
mod names;

pub mod calendar;
pub mod case;
pub mod deadlines;
pub mod eligibility;
pub mod error;
pub mod json;
pub mod lifecycle;
pub mod personal;
pub mod rules;

pub use error::{Error, ErrorCode, Result};
pub use personal::Personal;
