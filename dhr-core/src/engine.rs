//! The receipt of an answer (spec 8.3): which engine, bank-holiday data,
//! rule set and options produced it, so a decision can be audited later.
//!
//! Every answer of `assess` and `status` carries one ([`Engine`]), written
//! here once for every binding: the version is this crate's, the rule-set
//! hash is [`RuleSet::sha256`] (SHA-256 of the RFC 8785 canonical JSON of the
//! rule set as dhr writes it back).
//!
//! ```
//! use dhr_core::engine::{Engine, VERSION};
//! use dhr_core::eligibility::AssessOptions;
//! let opts = AssessOptions::default();
//! let e = Engine::assess(opts.dardr_commenced, opts.susr_from);
//! let v = serde_json::to_value(&e).unwrap();
//! assert_eq!(v["name"], "dhr");
//! assert_eq!(v["version"], VERSION);
//! assert!(v["rules"].is_null());
//! assert_eq!(v["options"], serde_json::json!({"dardr_commenced": null, "susr_from": "2024-10-01"}));
//! ```

use crate::calendar;
use crate::json::date_format;
use crate::rules::RuleSet;
use chrono::NaiveDate;
use serde::Serialize;

/// The engine's name in every receipt.
pub const NAME: &str = "dhr";

/// The library's version (this crate's), the same in Rust, the command
/// line, Python and JavaScript.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The version of the embedded bank-holiday data (its file's `version`).
///
/// ```
/// let v = dhr_core::engine::bank_holidays_version();
/// assert!(!v.is_empty());
/// assert_eq!(v, dhr_core::calendar::bank_holidays(dhr_core::calendar::Region::Scotland).unwrap().version);
/// ```
pub fn bank_holidays_version() -> &'static str {
    calendar::bank_holidays(calendar::Region::EnglandAndWales)
        .map(|l| l.version.as_str())
        .unwrap_or("")
}

/// The receipt `engine` of an answer (spec 8.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Engine {
    /// `"dhr"`.
    pub name: &'static str,
    /// The library's version ([`VERSION`]).
    pub version: &'static str,
    /// The bank-holiday data version ([`bank_holidays_version`]).
    pub bank_holidays: &'static str,
    /// The rule set applied (`status`); `None` (null) in `assess`.
    pub rules: Option<RulesReceipt>,
    /// Every option the answer depended on, after defaults.
    pub options: EngineOptions,
}

/// The rule set of a receipt: its id and the hash of its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulesReceipt {
    /// The rule set's id (a caller's set may reuse a built-in id).
    pub id: String,
    /// SHA-256 of its RFC 8785 canonical JSON, 64 lowercase hex digits.
    pub sha256: String,
}

/// The options of a receipt, after defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EngineOptions {
    /// The commencement of s.8A (null: not commenced).
    #[serde(serialize_with = "date_format::option::serialize")]
    pub dardr_commenced: Option<NaiveDate>,
    /// The SUSR start.
    #[serde(with = "date_format")]
    pub susr_from: NaiveDate,
    /// The `due_soon` threshold (`status` only; left out of `assess`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_soon_days: Option<u32>,
}

impl Engine {
    /// The receipt of an assessment made with these options (after
    /// defaults).
    pub fn assess(dardr_commenced: Option<NaiveDate>, susr_from: NaiveDate) -> Engine {
        Engine {
            name: NAME,
            version: VERSION,
            bank_holidays: bank_holidays_version(),
            rules: None,
            options: EngineOptions {
                dardr_commenced,
                susr_from,
                due_soon_days: None,
            },
        }
    }

    /// The receipt of a status counted by `rules`, with the options of its
    /// assessment and its `due_soon` threshold (after defaults).
    ///
    /// ```
    /// use dhr_core::engine::Engine;
    /// use dhr_core::rules::RuleSet;
    /// let set = RuleSet::builtin("stockton_2011")?;
    /// let e = Engine::assess(None, dhr_core::eligibility::SUSR_FROM_DEFAULT).with_rules(&set, 14);
    /// let rules = e.rules.as_ref().unwrap();
    /// assert_eq!(rules.id, "stockton_2011");
    /// assert_eq!(rules.sha256, set.sha256());
    /// assert_eq!(e.options.due_soon_days, Some(14));
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn with_rules(self, rules: &RuleSet, due_soon_days: u32) -> Engine {
        let mut e = self;
        e.rules = Some(RulesReceipt {
            id: rules.id().to_string(),
            sha256: rules.sha256().to_string(),
        });
        e.options.due_soon_days = Some(due_soon_days);
        e
    }
}
