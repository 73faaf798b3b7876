//! The one error type of dhr-core.
//!
//! Every failure caused by caller input is an [`Error`] with a stable
//! [`ErrorCode`], the path of the offending field in the syntax of the
//! interchange format (`deceased.age`, `events[3].by`, empty for the whole
//! document) and a plain-English message. Messages never repeat the values a
//! caller supplied, so personal data cannot leak through them.

use serde::Serialize;
use std::fmt;

/// A stable, machine-readable error code. The same strings are used by the
/// `dhr` command, the Python package and the WebAssembly package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The input is not well-formed JSON.
    InvalidJson,
    /// `schema_version` is not one this version of the library reads.
    UnsupportedSchemaVersion,
    /// A required field is absent.
    MissingField,
    /// A key that the format does not define (outside `extensions`).
    UnknownField,
    /// An object that names the same key twice (spec 8.1).
    DuplicateField,
    /// A value of the wrong type or outside the allowed set.
    InvalidValue,
    /// A string that is not an ISO `YYYY-MM-DD` calendar date.
    InvalidDate,
    /// A date outside 1900-01-01 to 2199-12-31, or a computation that leaves
    /// the range of the data it needs (for example the bank-holiday table).
    DateOutOfRange,
    /// Facts that cannot all be true (date of birth after death, an age that
    /// disagrees with the date of birth, ...).
    ContradictoryFacts,
    /// An event dated before the event it follows.
    EventOutOfOrder,
    /// An event whose prerequisites have not happened.
    PrerequisiteMissing,
    /// An event recorded by a role that may not record it.
    RoleNotAllowed,
    /// A rule-set id that is not built in.
    UnknownRuleSet,
    /// A rule set that is not valid.
    InvalidRuleSet,
    /// A date computation whose result is ambiguous under the policy chosen
    /// (the `refuse` month-end policy).
    AmbiguousDate,
    /// A command-line usage error.
    Usage,
}

impl ErrorCode {
    /// Every code, in catalogue order.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::InvalidJson,
        ErrorCode::UnsupportedSchemaVersion,
        ErrorCode::MissingField,
        ErrorCode::UnknownField,
        ErrorCode::DuplicateField,
        ErrorCode::InvalidValue,
        ErrorCode::InvalidDate,
        ErrorCode::DateOutOfRange,
        ErrorCode::ContradictoryFacts,
        ErrorCode::EventOutOfOrder,
        ErrorCode::PrerequisiteMissing,
        ErrorCode::RoleNotAllowed,
        ErrorCode::UnknownRuleSet,
        ErrorCode::InvalidRuleSet,
        ErrorCode::AmbiguousDate,
        ErrorCode::Usage,
    ];

    /// The code as the stable snake_case string.
    ///
    /// ```
    /// use dhr_core::ErrorCode;
    /// assert_eq!(ErrorCode::ContradictoryFacts.as_str(), "contradictory_facts");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::UnsupportedSchemaVersion => "unsupported_schema_version",
            ErrorCode::MissingField => "missing_field",
            ErrorCode::UnknownField => "unknown_field",
            ErrorCode::DuplicateField => "duplicate_field",
            ErrorCode::InvalidValue => "invalid_value",
            ErrorCode::InvalidDate => "invalid_date",
            ErrorCode::DateOutOfRange => "date_out_of_range",
            ErrorCode::ContradictoryFacts => "contradictory_facts",
            ErrorCode::EventOutOfOrder => "event_out_of_order",
            ErrorCode::PrerequisiteMissing => "prerequisite_missing",
            ErrorCode::RoleNotAllowed => "role_not_allowed",
            ErrorCode::UnknownRuleSet => "unknown_rule_set",
            ErrorCode::InvalidRuleSet => "invalid_rule_set",
            ErrorCode::AmbiguousDate => "ambiguous_date",
            ErrorCode::Usage => "usage",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error caused by caller input: a code, the path of the field, a message.
///
/// ```
/// use dhr_core::{Error, ErrorCode};
/// let err = Error::new(ErrorCode::MissingField, "deceased", "this field is required");
/// assert_eq!(err.code(), ErrorCode::MissingField);
/// assert_eq!(err.path(), "deceased");
/// assert_eq!(err.to_string(), "missing_field at deceased: this field is required");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{code} at {}: {message}", if path.is_empty() { "(document)" } else { path.as_str() })]
pub struct Error {
    code: ErrorCode,
    message: String,
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_index: Option<usize>,
}

impl Error {
    /// A new error. `message` must not contain caller-supplied values.
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            code,
            path: path.into(),
            message: message.into(),
            event_index: None,
        }
    }

    /// The same error, tied to the event at `index` of a review's log.
    pub fn at_event(mut self, index: usize) -> Self {
        self.event_index = Some(index);
        self
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The path of the offending field (`deceased.age`, `events[3].by`), empty
    /// for the document as a whole.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The plain-English message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// For an event that a review rejected, its index in the log.
    pub fn event_index(&self) -> Option<usize> {
        self.event_index
    }

    /// The error in the command line's JSON shape:
    /// `{"error": {"code", "message", "path"}}` (plus `event_index` where known).
    pub fn to_json_value(&self) -> serde_json::Value {
        // Writing an `Error` as a value cannot fail (its keys are strings);
        // not `json!`, whose `unwrap` links Debug formatting into the
        // WebAssembly module.
        let mut m = serde_json::Map::new();
        m.insert(
            "error".into(),
            serde_json::to_value(self).unwrap_or_default(),
        );
        serde_json::Value::Object(m)
    }

    /// Whether the input was not well-formed JSON.
    pub fn is_invalid_json(&self) -> bool {
        self.code == ErrorCode::InvalidJson
    }

    /// Whether the facts contradict each other.
    pub fn is_contradictory_facts(&self) -> bool {
        self.code == ErrorCode::ContradictoryFacts
    }

    /// Whether an event was refused by the rules of order or roles.
    pub fn is_event_rejected(&self) -> bool {
        matches!(
            self.code,
            ErrorCode::EventOutOfOrder | ErrorCode::PrerequisiteMissing | ErrorCode::RoleNotAllowed
        )
    }

    /// Prefix the path with `prefix` (used when a document is nested in another,
    /// such as the `death` inside a review).
    pub fn under(mut self, prefix: &str) -> Self {
        self.path = path_under(prefix, &self.path);
        self
    }
}

/// `path` under `prefix`: `prefix.path`, or `prefix[i]...` for a path that
/// starts with an index, or either alone when the other is empty.
pub(crate) fn path_under(prefix: &str, path: &str) -> String {
    if prefix.is_empty() {
        path.to_string()
    } else if path.is_empty() {
        prefix.to_string()
    } else if path.starts_with('[') {
        format!("{prefix}{path}")
    } else {
        format!("{prefix}.{path}")
    }
}

/// The result type of dhr-core.
pub type Result<T, E = Error> = std::result::Result<T, E>;
