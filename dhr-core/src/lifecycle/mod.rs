//! The review as an append-only event log (spec sections 3, 6.3, 6.4).
//!
//! - [`event`]: the events, their roles and their JSON (the module
//!   [`crate::events`], which `rules` and `deadlines` use too, re-exported).
//! - [`Log`]: an accepted log and the state derived from it (stage, IMRs,
//!   family track, what may come next).
//! - [`Review`]: a log with its header (rule set, death, reference), read
//!   from and written to the interchange format.
//! - [`Status`]: a review as it stood on a date (spec 6.4), with its
//!   deadlines and the assessment of its death.

pub use crate::events as event;
mod log;
mod review;
mod status;

pub use event::{Action, ActionWithin, Event, EventKind, EventName, PauseReason, QaResult, Role};
pub use log::{Family, Imr, ImrState, Log, NextEvent, Stage, Warning, WarningCode};
pub use review::Review;
pub use status::{status_json, Status, StatusOptions};
