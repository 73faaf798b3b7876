//! The options of `assess` and `status` from named values (spec section 7),
//! and a new review from its header values.
//!
//! Every binding takes the same four options, spelt its own way: the command
//! line's `--dardr-commenced`, Python's `dardr_commenced`, JavaScript's
//! `options.dardrCommenced`. [`OptionName`] lists them once with each
//! spelling; [`AssessOptions::from_values`] and
//! [`StatusOptions::from_values`] read them in one order, applying the
//! defaults ([`AssessOptions::default`], [`StatusOptions::default`]) for
//! absent ones. A binding supplies only how to get a date, a count or a
//! rule set out of its own values ([`OptionValues`]), with the path it wants
//! in its errors (`--susr-from`, `susr_from`, `options.susrFrom`).
//!
//! ```
//! use dhr_core::eligibility::AssessOptions;
//! use dhr_core::options::{OptionName, OptionValues};
//! use dhr_core::rules::RuleSet;
//! use chrono::NaiveDate;
//!
//! /// Options given as text, keyed by their Python spelling.
//! struct Given(Vec<(&'static str, &'static str)>);
//!
//! impl Given {
//!     fn text(&self, name: OptionName) -> Option<&'static str> {
//!         self.0.iter().find(|(k, _)| *k == name.as_str()).map(|(_, v)| *v)
//!     }
//! }
//!
//! impl OptionValues for Given {
//!     type Error = dhr_core::Error;
//!     fn date(&mut self, name: OptionName) -> Result<Option<NaiveDate>, Self::Error> {
//!         self.text(name).map(|s| dhr_core::json::parse_date(s, name.as_str())).transpose()
//!     }
//!     fn count(&mut self, name: OptionName) -> Result<Option<u32>, Self::Error> {
//!         self.text(name).map(|s| dhr_core::options::parse_days(s, name.as_str())).transpose()
//!     }
//!     fn rules(&mut self, name: OptionName) -> Result<Option<RuleSet>, Self::Error> {
//!         self.text(name).map(RuleSet::builtin).transpose()
//!     }
//! }
//!
//! let opts = AssessOptions::from_values(&mut Given(vec![("dardr_commenced", "2026-01-01")]))?;
//! assert_eq!(opts.dardr_commenced, NaiveDate::from_ymd_opt(2026, 1, 1));
//! assert_eq!(opts.susr_from, AssessOptions::default().susr_from);
//!
//! let err = AssessOptions::from_values(&mut Given(vec![("susr_from", "2024-13-01")])).unwrap_err();
//! assert_eq!((err.code().as_str(), err.path()), ("invalid_date", "susr_from"));
//! # Ok::<(), dhr_core::Error>(())
//! ```

use crate::eligibility::AssessOptions;
use crate::json;
use crate::lifecycle::{Review, StatusOptions};
use crate::rules::{RuleSet, DEFAULT_RULE_SET};
use crate::{Error, ErrorCode};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

names! {
    /// An option of `assess` and `status` (spec section 7). The interchange
    /// string is the Python keyword; [`OptionName::cli`] and
    /// [`OptionName::js`] give the other spellings.
    ///
    /// ```
    /// use dhr_core::options::OptionName;
    /// assert_eq!(OptionName::SusrFrom.as_str(), "susr_from");
    /// assert_eq!(OptionName::SusrFrom.cli(), "--susr-from");
    /// assert_eq!(OptionName::SusrFrom.js(), "susrFrom");
    /// ```
    pub enum OptionName {
        /// Days before a due date from which a deadline is `due_soon`
        /// (default 14, spec 4.2). `"due_soon_days"`.
        DueSoonDays = "due_soon_days",
        /// A rule set to count the deadlines by instead of the review's own.
        /// `"rules"`.
        Rules = "rules",
        /// The commencement date of DVCVA s.8A (DARDR); default: not
        /// commenced. `"dardr_commenced"`.
        DardrCommenced = "dardr_commenced",
        /// The date from which Welsh deaths are reviewed as SUSRs (default
        /// 2024-10-01). `"susr_from"`.
        SusrFrom = "susr_from",
    }
}

impl OptionName {
    /// The options of an assessment, in the order they are read.
    ///
    /// ```
    /// use dhr_core::options::OptionName;
    /// let js: Vec<_> = OptionName::ASSESS.iter().map(|o| o.js()).collect();
    /// assert_eq!(js, ["dardrCommenced", "susrFrom"]);
    /// ```
    pub const ASSESS: &'static [OptionName] = &[OptionName::DardrCommenced, OptionName::SusrFrom];

    /// The options of a status (those of an assessment last), in the order
    /// they are read.
    ///
    /// ```
    /// use dhr_core::options::OptionName;
    /// let cli: Vec<_> = OptionName::STATUS.iter().map(|o| o.cli()).collect();
    /// assert_eq!(cli, ["--due-soon-days", "--rules", "--dardr-commenced", "--susr-from"]);
    /// ```
    pub const STATUS: &'static [OptionName] = OptionName::ALL;

    /// The command-line spelling (`--dardr-commenced`).
    pub fn cli(self) -> &'static str {
        match self {
            OptionName::DardrCommenced => "--dardr-commenced",
            OptionName::SusrFrom => "--susr-from",
            OptionName::DueSoonDays => "--due-soon-days",
            OptionName::Rules => "--rules",
        }
    }

    /// The JavaScript spelling, a key of the `options` argument
    /// (`dardrCommenced`).
    pub fn js(self) -> &'static str {
        match self {
            OptionName::DardrCommenced => "dardrCommenced",
            OptionName::SusrFrom => "susrFrom",
            OptionName::DueSoonDays => "dueSoonDays",
            OptionName::Rules => "rules",
        }
    }
}

/// How a binding gets the value of an option out of its own arguments:
/// `None` when the option was not given. Each method names the option, so
/// the binding can write the path of its own spelling in an error.
pub trait OptionValues {
    /// The binding's error (a [`crate::Error`], or one that can hold one).
    type Error: From<Error>;

    /// A date option (`dardr_commenced`, `susr_from`).
    fn date(&mut self, name: OptionName) -> Result<Option<NaiveDate>, Self::Error>;

    /// A whole-number option (`due_soon_days`).
    fn count(&mut self, name: OptionName) -> Result<Option<u32>, Self::Error>;

    /// A rule-set option (`rules`).
    fn rules(&mut self, name: OptionName) -> Result<Option<RuleSet>, Self::Error>;
}

impl AssessOptions {
    /// The options of an assessment from named values, in the order of
    /// [`OptionName::ASSESS`]; an absent option keeps its default. The first
    /// bad value is the error.
    ///
    /// ```
    /// use dhr_core::eligibility::AssessOptions;
    /// use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2025, 4, 1);
    /// let opts = AssessOptions::with_dates(None, d);
    /// assert_eq!((opts.dardr_commenced, Some(opts.susr_from)), (None, d));
    /// assert_eq!(AssessOptions::with_dates(None, None), AssessOptions::default());
    /// ```
    pub fn from_values<V: OptionValues>(values: &mut V) -> Result<AssessOptions, V::Error> {
        let dardr_commenced = values.date(OptionName::DardrCommenced)?;
        let susr_from = values.date(OptionName::SusrFrom)?;
        Ok(AssessOptions::with_dates(dardr_commenced, susr_from))
    }

    /// The options of an assessment from the two dates, `None` meaning the
    /// default (DARDR not commenced; SUSR from 2024-10-01).
    pub fn with_dates(dardr_commenced: Option<NaiveDate>, susr_from: Option<NaiveDate>) -> Self {
        let mut opts = AssessOptions {
            dardr_commenced,
            ..AssessOptions::default()
        };
        if let Some(d) = susr_from {
            opts.susr_from = d;
        }
        opts
    }
}

impl StatusOptions {
    /// The options of a status from named values, in the order of
    /// [`OptionName::STATUS`]; an absent option keeps its default (14 days,
    /// the review's own rule set). The first bad value is the error.
    ///
    /// ```
    /// use dhr_core::lifecycle::StatusOptions;
    /// use dhr_core::options::{OptionName, OptionValues};
    /// use dhr_core::rules::RuleSet;
    /// use chrono::NaiveDate;
    ///
    /// /// Every option given: 7 days and a built-in rule set.
    /// struct All;
    /// impl OptionValues for All {
    ///     type Error = dhr_core::Error;
    ///     fn date(&mut self, _: OptionName) -> Result<Option<NaiveDate>, Self::Error> { Ok(None) }
    ///     fn count(&mut self, _: OptionName) -> Result<Option<u32>, Self::Error> { Ok(Some(7)) }
    ///     fn rules(&mut self, _: OptionName) -> Result<Option<RuleSet>, Self::Error> {
    ///         RuleSet::builtin("guidance_2016").map(Some)
    ///     }
    /// }
    /// let opts = StatusOptions::from_values(&mut All)?;
    /// assert_eq!(opts.due_soon_days, 7);
    /// assert_eq!(opts.rules.map(|r| r.id().to_string()).as_deref(), Some("guidance_2016"));
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn from_values<V: OptionValues>(values: &mut V) -> Result<StatusOptions, V::Error> {
        let mut opts = StatusOptions::default();
        if let Some(n) = values.count(OptionName::DueSoonDays)? {
            opts.due_soon_days = n;
        }
        opts.rules = values.rules(OptionName::Rules)?;
        opts.assess = AssessOptions::from_values(values)?;
        Ok(opts)
    }
}

/// A number of days given as text (a command-line option): a whole number
/// from 0 to 4294967295, else a [`ErrorCode::Usage`] error at `path`.
///
/// ```
/// use dhr_core::options::parse_days;
/// assert_eq!(parse_days("14", "--due-soon-days")?, 14);
/// let err = parse_days("-1", "--due-soon-days").unwrap_err();
/// assert_eq!((err.code().as_str(), err.path(), err.message()),
///            ("usage", "--due-soon-days", "expected a whole number of days"));
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn parse_days(text: &str, path: &str) -> Result<u32, Error> {
    text.parse()
        .map_err(|_| Error::new(ErrorCode::Usage, path, "expected a whole number of days"))
}

/// A new review with no events from its header values (spec 6.3):
/// `reference` (a string or null) and `rules` (a built-in rule-set id or a
/// rule-set object; `None`: [`DEFAULT_RULE_SET`]). The values are read as
/// those of a 6.3 document, with the same codes and paths (`reference`,
/// `rules`, `rules.rules[0].id`...).
///
/// ```
/// use dhr_core::options::new_review;
/// use serde_json::{json, Value};
/// let review = new_review(&json!("STK-1"), None)?;
/// assert_eq!(review.rules().id(), "stockton_2011");
/// assert_eq!(review.reference(), Some("STK-1"));
///
/// let err = new_review(&Value::Null, Some(&json!("nope"))).unwrap_err();
/// assert_eq!((err.code().as_str(), err.path()), ("unknown_rule_set", "rules"));
/// let err = new_review(&json!(7), None).unwrap_err();
/// assert_eq!((err.code().as_str(), err.path()), ("invalid_value", "reference"));
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn new_review(reference: &Value, rules: Option<&Value>) -> Result<Review, Error> {
    let mut doc = Map::new();
    doc.insert("schema_version".into(), Value::from(json::SCHEMA_VERSION));
    doc.insert("reference".into(), reference.clone());
    doc.insert(
        "rules".into(),
        rules.map_or_else(|| Value::from(DEFAULT_RULE_SET), Value::clone),
    );
    doc.insert("events".into(), Value::Array(Vec::new()));
    Review::from_value(&Value::Object(doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Options as text keyed by their CLI spelling, read as the CLI reads them.
    struct Cli(HashMap<&'static str, &'static str>);

    impl Cli {
        fn new(pairs: &[(&'static str, &'static str)]) -> Cli {
            Cli(pairs.iter().copied().collect())
        }
    }

    impl OptionValues for Cli {
        type Error = Error;
        fn date(&mut self, name: OptionName) -> Result<Option<NaiveDate>, Error> {
            let path = name.cli();
            self.0
                .get(path)
                .map(|s| json::parse_date(s, path))
                .transpose()
        }
        fn count(&mut self, name: OptionName) -> Result<Option<u32>, Error> {
            let path = name.cli();
            self.0.get(path).map(|s| parse_days(s, path)).transpose()
        }
        fn rules(&mut self, name: OptionName) -> Result<Option<RuleSet>, Error> {
            let path = name.cli();
            self.0
                .get(path)
                .map(|s| RuleSet::builtin(s).map_err(|e| e.under(path)))
                .transpose()
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn absent_options_are_the_defaults() {
        let a = AssessOptions::from_values(&mut Cli::new(&[])).unwrap();
        assert_eq!(a, AssessOptions::default());
        // The SUSR start: 1 October 2024 (Wales, the Single Unified
        // Safeguarding Review guidance).
        assert_eq!(a.susr_from, date(2024, 10, 1));
        let s = StatusOptions::from_values(&mut Cli::new(&[])).unwrap();
        // spec 4.2: due_soon from 14 days before the due date.
        assert_eq!(s.due_soon_days, 14);
        assert!(s.rules.is_none());
        assert_eq!(s.assess, AssessOptions::default());
    }

    #[test]
    fn given_options_are_read() {
        let mut given = Cli::new(&[
            ("--dardr-commenced", "2026-04-01"),
            ("--susr-from", "2025-01-01"),
            ("--due-soon-days", "0"),
            ("--rules", "proposed_2024"),
        ]);
        let s = StatusOptions::from_values(&mut given).unwrap();
        assert_eq!(s.assess.dardr_commenced, Some(date(2026, 4, 1)));
        assert_eq!(s.assess.susr_from, date(2025, 1, 1));
        assert_eq!(s.due_soon_days, 0);
        assert_eq!(
            s.rules.map(|r| r.id().to_string()).unwrap(),
            "proposed_2024"
        );
    }

    #[test]
    fn the_first_bad_option_in_order_is_the_error() {
        // (given, code, path): options are read due soon, rules, dardr, susr.
        type Case = (
            &'static [(&'static str, &'static str)],
            &'static str,
            &'static str,
        );
        let cases: &[Case] = &[
            (
                &[("--dardr-commenced", "2026-02-30")],
                "invalid_date",
                "--dardr-commenced",
            ),
            (&[("--susr-from", "soon")], "invalid_date", "--susr-from"),
            (&[("--due-soon-days", "-1")], "usage", "--due-soon-days"),
            (
                &[("--due-soon-days", "4294967296")],
                "usage",
                "--due-soon-days",
            ),
            (&[("--rules", "nope")], "unknown_rule_set", "--rules"),
            (
                &[
                    ("--susr-from", "x"),
                    ("--rules", "nope"),
                    ("--dardr-commenced", "x"),
                ],
                "unknown_rule_set",
                "--rules",
            ),
            (
                &[("--susr-from", "x"), ("--due-soon-days", "x")],
                "usage",
                "--due-soon-days",
            ),
            (
                &[("--susr-from", "x"), ("--dardr-commenced", "x")],
                "invalid_date",
                "--dardr-commenced",
            ),
        ];
        for (given, code, path) in cases {
            let err = StatusOptions::from_values(&mut Cli::new(given)).unwrap_err();
            assert_eq!(
                (err.code().as_str(), err.path()),
                (*code, *path),
                "{given:?}"
            );
        }
    }

    #[test]
    fn every_option_has_three_spellings() {
        for name in OptionName::ALL {
            assert_eq!(name.cli(), format!("--{}", name.as_str().replace('_', "-")));
            let camel: String = name
                .as_str()
                .split('_')
                .enumerate()
                .map(|(i, w)| {
                    if i == 0 {
                        w.to_string()
                    } else {
                        w[..1].to_uppercase() + &w[1..]
                    }
                })
                .collect();
            assert_eq!(name.js(), camel);
        }
        assert!(OptionName::STATUS.ends_with(OptionName::ASSESS));
    }

    #[test]
    fn a_new_review_reads_its_header_as_a_document_would() {
        let r = new_review(&Value::Null, None).unwrap();
        assert_eq!(r.rules().id(), DEFAULT_RULE_SET);
        assert!(r.events().is_empty());
        assert_eq!(r.to_value()["rules"], DEFAULT_RULE_SET);
        let r = new_review(&Value::Null, Some(&Value::from("guidance_2016"))).unwrap();
        assert_eq!(r.rules().id(), "guidance_2016");
        let err = new_review(&Value::Null, Some(&Value::from(3))).unwrap_err();
        assert_eq!(
            (err.code().as_str(), err.path()),
            ("invalid_value", "rules")
        );
    }
}
