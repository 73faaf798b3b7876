//! The review as an append-only event log (spec sections 3, 6.3, 6.4). Owned by issue 4.

pub mod event;
pub use event::{Action, ActionWithin, Event, EventKind, EventName, PauseReason, QaResult, Role};
