//! A wrapper for personal data whose `Debug` and `Display` never show it.

use serde::{Serialize, Serializer};
use std::fmt;

/// Personal data (a date of birth, a free-text note, a caller's extensions).
///
/// Its `Debug` and `Display` print `[redacted]`; the value is read with
/// [`Personal::expose`] and is serialised as itself, since the interchange
/// JSON must carry it.
///
/// ```
/// use dhr_core::Personal;
/// let dob = Personal::new("1990-05-01");
/// assert_eq!(format!("{dob:?}"), "[redacted]");
/// assert_eq!(*dob.expose(), "1990-05-01");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Personal<T>(T);

impl<T> Personal<T> {
    /// Wrap a value.
    pub fn new(value: T) -> Self {
        Personal(value)
    }

    /// Read the value. Call sites are where personal data is used: keep them few.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwrap the value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Personal<T> {
    fn from(value: T) -> Self {
        Personal(value)
    }
}

impl<T> fmt::Debug for Personal<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<T> fmt::Display for Personal<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<T: Serialize> Serialize for Personal<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}
