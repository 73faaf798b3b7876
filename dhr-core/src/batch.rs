//! Batches: assessing a list of deaths (spec 6.1 in, 6.2 out), and the
//! statuses of reviews one per line (spec 8.9), the same way in every binding.
//!
//! - [`assess_all`]: every answer, or the first bad death's error, its path
//!   prefixed with the death's index (`[2].manner`). JavaScript's
//!   `assessMany` and Python's `assess_many` (`on_error="raise"`);
//!   [`assess_json_array`] reads the array from JSON text.
//! - [`assess_each`]: each death's answer or its own error, in order (the
//!   path within the death, unprefixed: the error stands in its place).
//!   Python's `on_error="return"`.
//! - [`assess_lines`]: one death per line of text (JSON Lines), blank lines
//!   skipped, each answer or error with its line number, written by
//!   [`line_error_value`]. The command line's `--jsonl`.
//! - [`status_lines`]: one review per line, each status (as of one date)
//!   or error with its line number. The command line's `status --jsonl`.
//!
//! ```
//! use dhr_core::batch;
//! use dhr_core::eligibility::AssessOptions;
//! let death = r#"{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england",
//!     "deceased": {"age": 40}, "manner": "homicide", "suspects": []}"#;
//! let bad = r#"{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england",
//!     "deceased": {"age": 40}, "manner": "meteor", "suspects": []}"#;
//! let opts = AssessOptions::default();
//!
//! let all = batch::assess_json_array(&format!("[{death}, {death}]"), &opts)?;
//! assert_eq!(all.len(), 2);
//! let err = batch::assess_json_array(&format!("[{death}, {bad}]"), &opts).unwrap_err();
//! assert_eq!((err.code().as_str(), err.path()), ("invalid_value", "[1].manner"));
//!
//! // One document a line; line 2 is blank.
//! let (death, bad) = (death.replace('\n', " "), bad.replace('\n', " "));
//! let lines: Vec<_> = batch::assess_lines(&format!("{death}\n\n{bad}\n"), &opts).collect();
//! assert_eq!(lines.len(), 2);
//! assert_eq!(lines[1].0, 3);
//! let v = batch::line_error_value(lines[1].1.as_ref().unwrap_err(), lines[1].0);
//! assert_eq!((v["error"]["path"].as_str(), v["error"]["line"].as_u64()), (Some("manner"), Some(3)));
//! # Ok::<(), dhr_core::Error>(())
//! ```

use crate::case::Death;
use crate::eligibility::{assess, AssessOptions, Assessment};
use crate::lifecycle::{Review, Status, StatusOptions};
use crate::{json, Error, Result};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

names! {
    /// What a batch does with a bad item.
    ///
    /// ```
    /// use dhr_core::batch::OnError;
    /// assert_eq!(OnError::from_str("return"), Some(OnError::Return));
    /// assert_eq!(OnError::default(), OnError::Raise);
    /// assert_eq!(OnError::NAMES, ["raise", "return"]);
    /// ```
    pub enum OnError {
        /// The first bad item is the error of the whole batch, its path
        /// prefixed with the item's index ([`item_error`]). `"raise"`.
        Raise = "raise",
        /// Each bad item's error is given in its place, its path within the
        /// item. `"return"`.
        Return = "return",
    }
}

impl Default for OnError {
    /// [`OnError::Raise`].
    fn default() -> Self {
        OnError::Raise
    }
}

/// The path prefix of the item at `index` of a batch: `[3]`.
///
/// ```
/// assert_eq!(dhr_core::batch::item_path(3), "[3]");
/// ```
pub fn item_path(index: usize) -> String {
    json::item("", index)
}

/// The error of the item at `index`, as the error of its batch: the path
/// prefixed with `[index]` (`[1].deceased.age`; `[1]` for the whole item).
///
/// ```
/// use dhr_core::{batch, Error, ErrorCode};
/// let err = batch::item_error(Error::new(ErrorCode::InvalidValue, "deceased.age", "x"), 1);
/// assert_eq!(err.path(), "[1].deceased.age");
/// let err = batch::item_error(Error::new(ErrorCode::InvalidJson, "", "x"), 0);
/// assert_eq!(err.path(), "[0]");
/// ```
pub fn item_error(err: Error, index: usize) -> Error {
    err.under(&item_path(index))
}

/// Assess a death as read (a reading error is the answer's error).
///
/// ```
/// use dhr_core::{batch, case::Death, eligibility::AssessOptions};
/// let err = batch::assess_read(Death::from_json("{"), &AssessOptions::default()).unwrap_err();
/// assert_eq!(err.code().as_str(), "invalid_json");
/// ```
pub fn assess_read(death: Result<Death>, opts: &AssessOptions) -> Result<Assessment> {
    death.and_then(|d| assess(&d, opts))
}

/// Assess each death as read, in order: each answer, or the first error
/// (a reading error or an assessment's) with its index prefixed
/// ([`item_error`]). Deaths after the first bad one are not assessed.
///
/// ```
/// use dhr_core::{batch, case::Death, eligibility::AssessOptions};
/// let deaths = vec![Death::from_json("[]")];
/// let err = batch::assess_all(deaths, &AssessOptions::default()).unwrap_err();
/// assert_eq!((err.code().as_str(), err.path()), ("invalid_value", "[0]"));
/// ```
pub fn assess_all<I>(deaths: I, opts: &AssessOptions) -> Result<Vec<Assessment>>
where
    I: IntoIterator<Item = Result<Death>>,
{
    deaths
        .into_iter()
        .enumerate()
        .map(|(i, death)| assess_read(death, opts).map_err(|e| item_error(e, i)))
        .collect()
}

/// Assess each death as read, in order: each answer or its own error, the
/// path within the death (the error stands in the death's place).
///
/// ```
/// use dhr_core::{batch, case::Death, eligibility::AssessOptions};
/// let out = batch::assess_each(vec![Death::from_json("{")], &AssessOptions::default());
/// assert_eq!(out[0].as_ref().unwrap_err().path(), "");
/// ```
pub fn assess_each<I>(deaths: I, opts: &AssessOptions) -> Vec<Result<Assessment>>
where
    I: IntoIterator<Item = Result<Death>>,
{
    deaths
        .into_iter()
        .map(|death| assess_read(death, opts))
        .collect()
}

/// Assess a JSON array of death documents ([`assess_all`]). Text that is not
/// an array is an [`ErrorCode::InvalidValue`](crate::ErrorCode::InvalidValue) error at the root, a document
/// that is not JSON an [`ErrorCode::InvalidJson`](crate::ErrorCode::InvalidJson) one.
///
/// ```
/// use dhr_core::{batch, eligibility::AssessOptions};
/// let err = batch::assess_json_array("{}", &AssessOptions::default()).unwrap_err();
/// assert_eq!(err.message(), "expected an array of deaths, found an object");
/// assert!(batch::assess_json_array("[]", &AssessOptions::default())?.is_empty());
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn assess_json_array(text: &str, opts: &AssessOptions) -> Result<Vec<Assessment>> {
    assess_all(Death::many_from_json(text)?, opts)
}

/// Assess one death per line of `text` (JSON Lines): for each line that is
/// not blank, its number (from 1, blank lines counted) and its answer or
/// its error (the path within the death).
///
/// ```
/// use dhr_core::{batch, eligibility::AssessOptions};
/// let out: Vec<_> = batch::assess_lines("\n  \n{", &AssessOptions::default()).collect();
/// assert_eq!(out.len(), 1);
/// assert_eq!(out[0].0, 3);
/// assert_eq!(out[0].1.as_ref().unwrap_err().code().as_str(), "invalid_json");
/// ```
pub fn assess_lines<'a>(
    text: &'a str,
    opts: &'a AssessOptions,
) -> impl Iterator<Item = (usize, Result<Assessment>)> + 'a {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(move |(i, line)| (i + 1, assess_read(Death::from_json(line), opts)))
}

/// The status as of `as_of` of one review per line of `text` (JSON Lines,
/// spec 8.9): for each line that is not blank, its number (from 1, blank
/// lines counted) and its status or its error (the path within the
/// review). The command line's `status --jsonl`.
///
/// ```
/// use dhr_core::{batch, lifecycle::StatusOptions};
/// use chrono::NaiveDate;
/// let review = r#"{"schema_version": 1, "rules": "stockton_2011", "events": []}"#;
/// let as_of = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
/// let opts = StatusOptions::default();
/// let out: Vec<_> = batch::status_lines(&format!("{review}\n\n{{"), as_of, &opts).collect();
/// assert_eq!(out.len(), 2);
/// assert_eq!(out[0].1.as_ref().unwrap().stage.as_str(), "not_notified");
/// assert_eq!((out[1].0, out[1].1.as_ref().unwrap_err().code().as_str()), (3, "invalid_json"));
/// ```
pub fn status_lines<'a>(
    text: &'a str,
    as_of: NaiveDate,
    opts: &'a StatusOptions,
) -> impl Iterator<Item = (usize, Result<Status>)> + 'a {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(move |(i, line)| {
            let status = Review::from_json(line).and_then(|r| r.status(as_of, opts));
            (i + 1, status)
        })
}

/// The error of a line of JSON Lines input: the error's JSON shape
/// ([`Error::to_json_value`]) with the `line` number added.
///
/// ```
/// use dhr_core::{batch, Error, ErrorCode};
/// let v = batch::line_error_value(&Error::new(ErrorCode::InvalidJson, "", "bad"), 4);
/// assert_eq!(v.to_string(),
///            r#"{"error":{"code":"invalid_json","message":"bad","path":"","line":4}}"#);
/// ```
pub fn line_error_value(err: &Error, line: usize) -> Value {
    let mut v = err.to_json_value();
    if let Some(Value::Object(e)) = v.get_mut("error") {
        e.insert("line".to_string(), Value::from(line));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A death within s.9(1)(a) DVCVA 2004 (killed by an intimate partner),
    /// on one line.
    const DEATH: &str = concat!(
        r#"{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england", "#,
        r#""deceased": {"age": 40}, "manner": "homicide", "#,
        r#""suspects": [{"connection": "intimate_partner", "age": 41}]}"#
    );

    fn opts() -> AssessOptions {
        AssessOptions::default()
    }

    /// A death with one field replaced (the text of a JSON member).
    fn with(member: &str) -> String {
        DEATH.replace(r#""manner": "homicide""#, member)
    }

    #[test]
    fn a_batch_gives_the_answers_of_its_deaths_in_order() {
        let other = with(r#""manner": "other""#);
        let text = format!("[{DEATH}, {other}]");
        let got = assess_json_array(&text, &opts()).unwrap();
        let one = |t: &str| assess(&Death::from_json(t).unwrap(), &opts()).unwrap();
        assert_eq!(got, vec![one(DEATH), one(&other)]);
    }

    #[test]
    fn the_first_bad_death_is_the_error_with_its_index() {
        // (array text, code, path). An array with a member that is not an
        // object is read by the tree reader: the same errors.
        let bad_age = DEATH.replace(r#""age": 40"#, r#""age": -1"#);
        let cases = [
            (
                format!("[{DEATH}, {bad_age}]"),
                "invalid_value",
                "[1].deceased.age",
            ),
            (
                format!("[{bad_age}, 7]"),
                "invalid_value",
                "[0].deceased.age",
            ),
            (format!("[{DEATH}, 7]"), "invalid_value", "[1]"),
            ("[".to_string(), "invalid_json", ""),
            ("7".to_string(), "invalid_value", ""),
        ];
        for (text, code, path) in cases {
            let err = assess_json_array(&text, &opts()).unwrap_err();
            assert_eq!((err.code().as_str(), err.path()), (code, path), "{text}");
        }
    }

    #[test]
    fn each_death_keeps_its_own_error_in_its_place() {
        let deaths = vec![
            Death::from_json(DEATH),
            Death::from_json("{"),
            Death::from_json(&with(r#""manner": "meteor""#)),
        ];
        let out = assess_each(deaths, &opts());
        assert!(out[0].is_ok());
        let paths: Vec<_> = out[1..]
            .iter()
            .map(|r| {
                r.as_ref()
                    .map_err(|e| (e.code().as_str(), e.path()))
                    .unwrap_err()
            })
            .collect();
        assert_eq!(paths, [("invalid_json", ""), ("invalid_value", "manner")]);
    }

    #[test]
    fn lines_are_numbered_from_one_counting_blank_lines() {
        let text = format!("\n{DEATH}\n   \n{{\n{DEATH}");
        let got: Vec<_> = assess_lines(&text, &opts())
            .map(|(n, r)| (n, r.is_ok()))
            .collect();
        assert_eq!(got, [(2, true), (4, false), (5, true)]);
    }
}
