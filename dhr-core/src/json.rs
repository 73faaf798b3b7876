//! Strict reading of interchange JSON: every failure names the field's path.
//!
//! Used by every document parser in the crate (deaths, reviews, rule sets) so
//! that the codes and paths of bad input are the same everywhere.

use crate::error::{Error, ErrorCode, Result};
pub use chrono::NaiveDate;
use serde_json::{Map, Value};

/// The earliest date the interchange format accepts.
pub const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => panic!("constant date"),
};
/// The latest date the interchange format accepts.
pub const MAX_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(d) => d,
    None => panic!("constant date"),
};

/// The schema version this library reads and writes.
pub const SCHEMA_VERSION: u64 = 1;

/// Parse text as JSON: syntax errors are `invalid_json` (serde_json's
/// message names the line and column, never the input), a repeated key is
/// `duplicate_field`, a leading byte order mark is skipped (spec 8.1). The
/// same as [`crate::read::tree_from_json`].
pub fn parse(text: &str) -> Result<Value> {
    crate::read::tree_from_json(text)
}

/// JSON text of a value, compact: the same text as `value.to_string()`
/// (its `Display`), written through serde_json's writer into a buffer.
/// `Display` goes through an `io::Write` adapter whose error path links
/// `io::Error` and the `Debug` text of strings into the WebAssembly module
/// (about 1.5 KB gzipped); this does not.
///
/// ```
/// let v = serde_json::json!({"a": [1, "\u{e9}\n", null], "b": 1.5});
/// assert_eq!(dhr_core::json::to_text(&v), v.to_string());
/// ```
pub fn to_text(value: &Value) -> String {
    // Writing a `Value` into a `Vec` cannot fail (its keys are strings).
    serde_json::to_string(value).unwrap_or_default()
}

/// An object of `members`, in their order: what `serde_json::json!({...})`
/// builds, without its `to_value(..).unwrap()` per member (whose panic
/// message links `Debug` formatting into the WebAssembly module).
///
/// ```
/// use serde_json::{json, Value};
/// let v = dhr_core::json::object([("b", Value::from(1)), ("a", Value::Null)]);
/// assert_eq!(v, json!({"b": 1, "a": null}));
/// ```
pub fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// `parent.key`, or `key` at the root.
/// (Written with `push_str`, not `format!`: paths are made on the path of
/// every read, and the formatter costs several times the copy.)
pub fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        let mut out = String::with_capacity(parent.len() + 1 + key.len());
        out.push_str(parent);
        out.push('.');
        out.push_str(key);
        out
    }
}

/// `parent[index]` (as [`child`], without the formatter).
///
/// ```
/// assert_eq!(dhr_core::json::item("events", 0), "events[0]");
/// assert_eq!(dhr_core::json::item("a.b", 1234567), "a.b[1234567]");
/// ```
pub fn item(parent: &str, index: usize) -> String {
    let mut digits = [0u8; 20];
    let text = decimal(index as u64, &mut digits);
    let mut out = String::with_capacity(parent.len() + text.len() + 2);
    out.push_str(parent);
    out.push('[');
    out.push_str(text);
    out.push(']');
    out
}

/// `n` in decimal, written into the end of `buf`.
fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(b) = buf.get_mut(i) {
            *b = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    buf.get(i..)
        .and_then(|d| std::str::from_utf8(d).ok())
        .unwrap_or_default()
}

/// The JSON type of a value, for messages.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The value of `key` in `map`: for the small objects of the documents (an
/// event has 3 to 6 keys) by comparing the keys in order, which is several
/// times cheaper than hashing the key (`Map` hashes with SipHash); by the
/// hash otherwise. Keys are unique, so both find the same value.
///
/// ```
/// let v = serde_json::json!({"a": 1, "b": 2});
/// let m = v.as_object().unwrap();
/// assert_eq!(dhr_core::json::lookup(m, "b"), Some(&serde_json::json!(2)));
/// assert_eq!(dhr_core::json::lookup(m, "c"), None);
/// ```
pub fn lookup<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if map.len() <= 12 {
        map.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
    } else {
        map.get(key)
    }
}

/// A JSON object being read, with its path and the keys it may hold.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Obj<'a> {
    /// Read `value` at `path` as an object whose keys are all in `allowed`.
    pub fn new(value: &'a Value, path: &str, allowed: &[&str]) -> Result<Self> {
        let map = value.as_object().ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidValue,
                path,
                format!("expected an object, found {}", type_name(value)),
            )
        })?;
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                return Err(Error::new(
                    ErrorCode::UnknownField,
                    child(path, key),
                    format!(
                        "unknown field; the fields allowed here are: {}",
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(Obj {
            map,
            path: path.to_string(),
        })
    }

    /// The object's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path of one of its keys.
    pub fn path_of(&self, key: &str) -> String {
        child(&self.path, key)
    }

    /// The raw value of `key`, `None` when absent or null.
    pub fn opt(&self, key: &str) -> Option<&'a Value> {
        match lookup(self.map, key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// Whether the key is present at all (even as null).
    pub fn has(&self, key: &str) -> bool {
        lookup(self.map, key).is_some()
    }

    /// The raw value of a required key (null counts as missing).
    pub fn req(&self, key: &str) -> Result<&'a Value> {
        self.opt(key).ok_or_else(|| {
            Error::new(
                ErrorCode::MissingField,
                self.path_of(key),
                "this field is required",
            )
        })
    }

    /// An optional boolean.
    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>> {
        match self.opt(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(v) => Err(self.wrong_type(key, "true, false or null", v)),
        }
    }

    /// A required boolean.
    pub fn req_bool(&self, key: &str) -> Result<bool> {
        self.req(key)?;
        self.opt_bool(key)?
            .ok_or_else(|| Error::new(ErrorCode::MissingField, self.path_of(key), "required"))
    }

    /// An optional string.
    pub fn opt_str(&self, key: &str) -> Result<Option<&'a str>> {
        match self.opt(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(v) => Err(self.wrong_type(key, "a string", v)),
        }
    }

    /// A required string.
    pub fn req_str(&self, key: &str) -> Result<&'a str> {
        let v = self.req(key)?;
        v.as_str()
            .ok_or_else(|| self.wrong_type(key, "a string", v))
    }

    /// An optional whole number in `min..=max`.
    pub fn opt_int(&self, key: &str, min: i64, max: i64) -> Result<Option<i64>> {
        match self.opt(key) {
            None => Ok(None),
            Some(v) => match v.as_i64() {
                Some(n) if (min..=max).contains(&n) => Ok(Some(n)),
                _ => Err(Error::new(
                    ErrorCode::InvalidValue,
                    self.path_of(key),
                    format!("expected a whole number from {min} to {max}"),
                )),
            },
        }
    }

    /// An optional ISO date in the supported range.
    pub fn opt_date(&self, key: &str) -> Result<Option<NaiveDate>> {
        match self.opt(key) {
            None => Ok(None),
            Some(v) => date_of(v).map_err(|e| e.at(&self.path_of(key))).map(Some),
        }
    }

    /// A required ISO date in the supported range.
    pub fn req_date(&self, key: &str) -> Result<NaiveDate> {
        let v = self.req(key)?;
        date_of(v).map_err(|e| e.at(&self.path_of(key)))
    }

    /// An optional snake_case enum value read with `parse` (which returns
    /// `None` for an unknown value); `expected` lists the allowed values.
    pub fn opt_enum<T>(
        &self,
        key: &str,
        parse: impl Fn(&str) -> Option<T>,
        expected: &[&str],
    ) -> Result<Option<T>> {
        match self.opt(key) {
            None => Ok(None),
            Some(v) => enum_of(v, parse, expected)
                .map_err(|e| e.at(&self.path_of(key)))
                .map(Some),
        }
    }

    /// A required enum value.
    pub fn req_enum<T>(
        &self,
        key: &str,
        parse: impl Fn(&str) -> Option<T>,
        expected: &[&str],
    ) -> Result<T> {
        let v = self.req(key)?;
        enum_of(v, parse, expected).map_err(|e| e.at(&self.path_of(key)))
    }

    /// An optional array.
    pub fn opt_array(&self, key: &str) -> Result<Option<&'a Vec<Value>>> {
        match self.opt(key) {
            None => Ok(None),
            Some(Value::Array(a)) => Ok(Some(a)),
            Some(v) => Err(self.wrong_type(key, "an array", v)),
        }
    }

    /// A required array.
    pub fn req_array(&self, key: &str) -> Result<&'a Vec<Value>> {
        let v = self.req(key)?;
        v.as_array()
            .ok_or_else(|| self.wrong_type(key, "an array", v))
    }

    /// An optional object, returned raw (for `extensions`).
    pub fn opt_object(&self, key: &str) -> Result<Option<&'a Map<String, Value>>> {
        match self.opt(key) {
            None => Ok(None),
            Some(Value::Object(m)) => Ok(Some(m)),
            Some(v) => Err(self.wrong_type(key, "an object", v)),
        }
    }

    /// Check `schema_version` (required, must be 1).
    pub fn schema_version(&self) -> Result<()> {
        let v = self.req("schema_version")?;
        match v.as_u64() {
            Some(SCHEMA_VERSION) => Ok(()),
            Some(_) => Err(Error::new(
                ErrorCode::UnsupportedSchemaVersion,
                self.path_of("schema_version"),
                format!("this version of dhr reads schema_version {SCHEMA_VERSION} only"),
            )),
            None => Err(Error::new(
                ErrorCode::InvalidValue,
                self.path_of("schema_version"),
                "expected a whole number",
            )),
        }
    }

    fn wrong_type(&self, key: &str, expected: &str, found: &Value) -> Error {
        Error::new(
            ErrorCode::InvalidValue,
            self.path_of(key),
            format!("expected {expected}, found {}", type_name(found)),
        )
    }
}

/// An error whose path is not yet known: the readers below write the path
/// only when a value is refused, not for every value read.
pub(crate) struct Unplaced {
    code: ErrorCode,
    message: String,
}

impl Unplaced {
    /// The error at `path`.
    pub(crate) fn at(self, path: &str) -> Error {
        Error::new(self.code, path, self.message)
    }
}

/// Read a value as an enum string.
pub fn enum_value<T>(
    v: &Value,
    path: &str,
    parse: impl Fn(&str) -> Option<T>,
    expected: &[&str],
) -> Result<T> {
    enum_of(v, parse, expected).map_err(|e| e.at(path))
}

/// [`enum_value`] without the path.
pub(crate) fn enum_of<T>(
    v: &Value,
    parse: impl Fn(&str) -> Option<T>,
    expected: &[&str],
) -> Result<T, Unplaced> {
    let s = v.as_str().ok_or_else(|| Unplaced {
        code: ErrorCode::InvalidValue,
        message: format!("expected a string, found {}", type_name(v)),
    })?;
    parse(s).ok_or_else(|| Unplaced {
        code: ErrorCode::InvalidValue,
        message: format!(
            "not a recognised value; expected one of: {}",
            expected.join(", ")
        ),
    })
}

/// Read a value as an ISO `YYYY-MM-DD` date in 1900-01-01..=2199-12-31.
pub fn parse_date_value(v: &Value, path: &str) -> Result<NaiveDate> {
    date_of(v).map_err(|e| e.at(path))
}

/// [`parse_date_value`] without the path.
pub(crate) fn date_of(v: &Value) -> Result<NaiveDate, Unplaced> {
    let s = v.as_str().ok_or_else(|| Unplaced {
        code: ErrorCode::InvalidDate,
        message: format!(
            "expected a date as a \"YYYY-MM-DD\" string, found {}",
            type_name(v)
        ),
    })?;
    ymd(s)
}

/// Parse an ISO `YYYY-MM-DD` date in 1900-01-01..=2199-12-31.
///
/// ```
/// use dhr_core::json::parse_date;
/// assert!(parse_date("2024-02-29", "on").is_ok());
/// assert_eq!(parse_date("2023-02-29", "on").unwrap_err().code().as_str(), "invalid_date");
/// assert_eq!(parse_date("1899-12-31", "on").unwrap_err().code().as_str(), "date_out_of_range");
/// ```
pub fn parse_date(s: &str, path: &str) -> Result<NaiveDate> {
    ymd(s).map_err(|e| e.at(path))
}

/// [`parse_date`] without the path.
pub(crate) fn ymd(s: &str) -> Result<NaiveDate, Unplaced> {
    let b = s.as_bytes();
    let well_formed = b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let invalid = || Unplaced {
        code: ErrorCode::InvalidDate,
        message: "expected a real calendar date written \"YYYY-MM-DD\"".to_string(),
    };
    if !well_formed {
        return Err(invalid());
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> { s.get(r)?.parse().ok() };
    let (y, m, d) = match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => (y, m, d),
        _ => return Err(invalid()),
    };
    let date = NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(invalid)?;
    if date < MIN_DATE || date > MAX_DATE {
        return Err(Unplaced {
            code: ErrorCode::DateOutOfRange,
            message: OUT_OF_RANGE.to_string(),
        });
    }
    Ok(date)
}

const OUT_OF_RANGE: &str = "dates must be between 1900-01-01 and 2199-12-31";

/// Refuse a date outside 1900-01-01..=2199-12-31.
pub fn check_range(date: NaiveDate, path: &str) -> Result<()> {
    if date < MIN_DATE || date > MAX_DATE {
        return Err(Error::new(ErrorCode::DateOutOfRange, path, OUT_OF_RANGE));
    }
    Ok(())
}

/// Format a date as `YYYY-MM-DD`.
///
/// ```
/// use dhr_core::json::{fmt_date, parse_date};
/// assert_eq!(fmt_date(parse_date("1978-09-30", "")?), "1978-09-30");
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn fmt_date(d: NaiveDate) -> String {
    Ymd(d).to_string()
}

/// A date written `YYYY-MM-DD`. Written out by hand rather than with
/// chrono's `format`, whose strftime parser would add about 10 KB to the
/// WebAssembly module for this one pattern.
struct Ymd(NaiveDate);

impl Ymd {
    /// The ten bytes of a date of the years 0 to 9999 (every date the
    /// interchange format holds), without the formatter; `None` otherwise.
    fn bytes(&self) -> Option<[u8; 10]> {
        use chrono::Datelike;
        let y = u32::try_from(self.0.year()).ok().filter(|y| *y <= 9999)?;
        let (m, d) = (self.0.month(), self.0.day());
        let digit = |n: u32| b'0' + (n % 10) as u8;
        Some([
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ])
    }
}

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use chrono::Datelike;
        if let Some(b) = self.bytes() {
            if let Ok(s) = std::str::from_utf8(&b) {
                return f.write_str(s);
            }
        }
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

/// Serialise a date as one string (not through the formatter).
fn serialize_ymd<S: serde::Serializer>(d: NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    let ymd = Ymd(d);
    match ymd.bytes() {
        Some(b) => s.serialize_str(std::str::from_utf8(&b).unwrap_or_default()),
        None => s.collect_str(&ymd),
    }
}

/// Serde helpers for dates as `YYYY-MM-DD` strings.
pub mod date_format {
    use chrono::NaiveDate;
    use serde::Serializer;

    /// Serialise a date.
    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        super::serialize_ymd(*d, s)
    }

    /// Serialise an optional date (null when absent).
    pub mod option {
        use chrono::NaiveDate;
        use serde::Serializer;

        /// Serialise.
        pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::super::serialize_ymd(*d, s),
                None => s.serialize_none(),
            }
        }
    }
}

/// The months' names in English.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date in en-GB: `29 February 2024`.
///
/// ```
/// use dhr_core::json::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
/// assert_eq!(dhr_core::json::en_gb(d), "29 February 2024");
/// ```
pub fn en_gb(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {} {}", d.day(), month_name(d.month()), d.year())
}

/// "January" for 1; "?" outside 1 to 12.
pub fn month_name(m: u32) -> &'static str {
    usize::try_from(m)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("?")
}

/// Where `needle` first occurs in `hay`, by bytes (a plain loop, not the
/// standard two-way searcher, which would add to the WebAssembly module).
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes().windows(n.len().max(1)).position(|w| w == n)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn dates_are_written_as_the_formatter_writes_them() {
        use chrono::Datelike;
        let old = |d: NaiveDate| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
        let mut days = vec![];
        for y in [-1, 0, 7, 99, 1900, 2024, 2199, 9999, 10000, 262_000] {
            for (m, d) in [(1, 1), (2, 29), (9, 30), (12, 31)] {
                days.extend(NaiveDate::from_ymd_opt(y, m, d));
            }
        }
        let mut d = MIN_DATE;
        while d <= MAX_DATE {
            days.push(d);
            d += chrono::Duration::days(37);
        }
        for d in days {
            assert_eq!(fmt_date(d), old(d));
            let v = serde_json::to_string(&SerDate(d)).unwrap();
            assert_eq!(v, format!("\"{}\"", old(d)));
        }
        for (i, want) in [
            (0usize, "x[0]"),
            (9, "x[9]"),
            (10, "x[10]"),
            (usize::MAX, ""),
        ] {
            let want = if want.is_empty() {
                format!("x[{i}]")
            } else {
                want.to_string()
            };
            assert_eq!(item("x", i), want);
        }
        assert_eq!(
            (child("", "a"), child("a", "b")),
            ("a".into(), "a.b".into())
        );
    }

    struct SerDate(NaiveDate);
    impl serde::Serialize for SerDate {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            date_format::serialize(&self.0, s)
        }
    }
}
