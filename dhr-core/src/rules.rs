//! Rule sets: the time limits of a review as data (spec sections 4.1 and 6.3).
//!
//! A rule set is a JSON document: an id, a title, its source, the Home
//! Office Quality Assurance Panel's meeting dates (none in the built-in sets)
//! and a list of rules. Each rule names the event that starts its clock, the
//! event that stops it, the period, how a period of months is counted when
//! the end month is too short, whether a pause stops the clock, and the
//! citation and confidence marks (`S`, `G`, `L`, `U`, `P`, spec section 0) of
//! its source. Three sets are built in ([`BUILTIN_IDS`]); a caller may load
//! its own with [`RuleSet::from_json`].
//!
//! ```
//! use dhr_core::rules::RuleSet;
//!
//! let rules = RuleSet::builtin("stockton_2011")?;
//! let ids: Vec<&str> = rules.rules().iter().map(|r| r.id.as_str()).collect();
//! assert_eq!(ids, ["terms_of_reference", "home_office_submission",
//!                  "actions_1_month", "actions_6_months", "qa_panel"]);
//! assert_eq!(rules.rules()[0].citation, "Stockton DHR procedure 2011, Timescales");
//! # Ok::<(), dhr_core::Error>(())
//! ```
//!
//! # The format
//!
//! ```json
//! {
//!   "id": "my_csp_2025",
//!   "title": "...",
//!   "source": "...",
//!   "qa_panel_meetings": ["2025-03-12", "2025-06-11"],
//!   "rules": [
//!     {"id": "home_office_submission", "title": "overview report submitted to the Home Office",
//!      "start": ["decided_review", "directed_review"], "start_occurrence": "last",
//!      "end": "submitted_to_home_office",
//!      "period": {"unit": "months", "count": 6}, "policy": "last_day",
//!      "pausable": true, "citation": "...", "marks": ["G"], "note": "..."}
//!   ]
//! }
//! ```
//!
//! - `start`: the events that start the clock (any of them; `start_occurrence`
//!   `first`, the default, or `last` picks which occurrence in the log counts).
//!   `end`: the event that stops it, the first one after the start. Both use
//!   the event names of spec 6.3, plus `decided_review` (`decided` with
//!   `review: true`) and `decided_no_review` (`decided` with `review: false`).
//! - `period.unit`: `months` (counted by the corresponding date rule with
//!   `policy`: `last_day`, `round_up` or `refuse`), `days`, `working_days`
//!   (with an optional `region`, default `england_and_wales`), or
//!   `next_qa_panel_meeting` (the first of `qa_panel_meetings` on or after
//!   the start; no `count`).
//! - `actions`: `1_month` or `6_months` makes an action-plan rule: it ends when
//!   every action of that class has an `action_completed`, and does not apply
//!   to a plan with none. Its `end` must be `action_completed`.
//!
//! Every problem in a rule set is an [`ErrorCode::InvalidRuleSet`] error whose
//! path names the field (`rules[2].period.count`).

use crate::calendar::{MonthEndPolicy, Region};
use crate::error::{Error, ErrorCode, Result};
use crate::events::{ActionWithin, Event, EventKind, EventName};
use crate::json::{self, Obj};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};
use std::sync::{Arc, OnceLock};

/// The ids of the built-in rule sets, in the order the spec lists them.
///
/// ```
/// use dhr_core::rules::{RuleSet, BUILTIN_IDS};
/// for id in BUILTIN_IDS {
///     assert_eq!(RuleSet::builtin(id)?.id(), *id);
/// }
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub const BUILTIN_IDS: &[&str] = &["stockton_2011", "guidance_2016", "proposed_2024"];

/// The rule set of a review made without one: the Stockton procedure (2011).
///
/// ```
/// use dhr_core::rules::{RuleSet, DEFAULT_RULE_SET};
/// assert!(RuleSet::builtin(DEFAULT_RULE_SET)?.title().contains("Stockton"));
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub const DEFAULT_RULE_SET: &str = "stockton_2011";

const BUILTIN_JSON: &[(&str, &str)] = &[
    (
        "stockton_2011",
        include_str!("../data/rules/stockton_2011.json"),
    ),
    (
        "guidance_2016",
        include_str!("../data/rules/guidance_2016.json"),
    ),
    (
        "proposed_2024",
        include_str!("../data/rules/proposed_2024.json"),
    ),
];

/// The confidence mark of a rule (one type for every rule: [`crate::mark`]).
pub use crate::mark::Mark;

names! {
    /// Which occurrence of a start event starts the clock.
    ///
    /// ```
    /// use dhr_core::rules::Occurrence;
    /// assert_eq!(Occurrence::from_str("last"), Some(Occurrence::Last));
    /// ```
    pub enum Occurrence {
        /// The first in the log (the default). `"first"`.
        First = "first",
        /// The last in the log up to the as-of date (a resubmission restarts
        /// the QA panel's wait). `"last"`.
        Last = "last",
    }
}

/// An event, or a kind of `decided`, that starts or stops a rule's clock.
///
/// ```
/// use dhr_core::lifecycle::EventName;
/// use dhr_core::rules::Trigger;
/// assert_eq!(Trigger::from_str("decided_review"), Some(Trigger::DecidedReview));
/// assert_eq!(Trigger::from_str("notified"), Some(Trigger::Event(EventName::Notified)));
/// assert_eq!(Trigger::DecidedNoReview.as_str(), "decided_no_review");
/// assert_eq!(Trigger::from_str("notifed"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trigger {
    /// Any event of this name.
    Event(EventName),
    /// `decided` with `review: true`.
    DecidedReview,
    /// `decided` with `review: false`.
    DecidedNoReview,
}

impl Trigger {
    /// The string used in rule sets.
    ///
    /// ```
    /// use dhr_core::rules::Trigger;
    /// assert_eq!(Trigger::DecidedReview.as_str(), "decided_review");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Event(e) => e.as_str(),
            Trigger::DecidedReview => "decided_review",
            Trigger::DecidedNoReview => "decided_no_review",
        }
    }

    /// Parse the string used in rule sets.
    ///
    /// ```
    /// use dhr_core::rules::Trigger;
    /// assert!(Trigger::from_str("submitted_to_home_office").is_some());
    /// ```
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(s: &str) -> Option<Trigger> {
        match s {
            "decided_review" => Some(Trigger::DecidedReview),
            "decided_no_review" => Some(Trigger::DecidedNoReview),
            _ => EventName::from_str(s).map(Trigger::Event),
        }
    }

    /// Every string a rule set may use.
    ///
    /// ```
    /// use dhr_core::rules::Trigger;
    /// assert!(Trigger::names().contains(&"decided_review"));
    /// assert!(Trigger::names().contains(&"paused"));
    /// ```
    pub fn names() -> Vec<&'static str> {
        let mut v = vec!["decided_review", "decided_no_review"];
        v.extend_from_slice(EventName::NAMES);
        v
    }

    /// Whether `event` is one of this trigger.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dhr_core::lifecycle::{Event, EventKind, Role};
    /// use dhr_core::rules::Trigger;
    /// let e = Event { on: NaiveDate::from_ymd_opt(2024, 2, 12).unwrap(), by: Role::Csp,
    ///                 kind: EventKind::Decided { review: true, reasons: None } };
    /// assert!(Trigger::DecidedReview.matches(&e));
    /// assert!(!Trigger::DecidedNoReview.matches(&e));
    /// ```
    pub fn matches(self, event: &Event) -> bool {
        match (self, &event.kind) {
            (Trigger::DecidedReview, EventKind::Decided { review, .. }) => *review,
            (Trigger::DecidedNoReview, EventKind::Decided { review, .. }) => !*review,
            (Trigger::Event(name), kind) => kind.name() == name,
            _ => false,
        }
    }

    /// A phrase for explanations: "the CSP was notified of the death".
    ///
    /// ```
    /// use dhr_core::rules::Trigger;
    /// assert_eq!(Trigger::DecidedReview.phrase(), "the CSP decided to hold a review");
    /// ```
    pub fn phrase(self) -> &'static str {
        match self {
            Trigger::DecidedReview => "the CSP decided to hold a review",
            Trigger::DecidedNoReview => "the CSP decided not to hold a review",
            Trigger::Event(e) => match e {
                EventName::Notified => "the CSP was notified of the death",
                EventName::Decided => "the CSP decided whether to hold a review",
                EventName::DirectedReview => "the Secretary of State directed a review",
                EventName::TermsOfReferenceAgreed => "the terms of reference were agreed",
                EventName::ActionPlanAgreed => "the action plan was agreed",
                EventName::ActionCompleted => "the actions were completed",
                EventName::ActionAdded => "the action was added to the plan",
                EventName::SubmittedToHomeOffice => "the report was submitted to the Home Office",
                EventName::QaOutcome => "the Home Office Quality Assurance Panel gave its outcome",
                EventName::OverviewDrafted => "the overview report was drafted",
                EventName::OverviewQualityAssured => "the overview report was quality-assured",
                EventName::PanelCommissioned => "the panel was commissioned",
                EventName::ChairAppointed => "the chair was appointed",
                EventName::Published => "the report was published",
                _ => "the event was recorded",
            },
        }
    }
}

/// The text of [`Period::describe`], written without allocating.
///
/// ```
/// use dhr_core::rules::Period;
/// assert_eq!(format!("within {}", Period::Days(1)), "within 1 day");
/// ```
impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |f: &mut std::fmt::Formatter<'_>, n: u32, one: &str, many: &str| {
            if n == 1 {
                write!(f, "1 {one}")
            } else {
                write!(f, "{n} {many}")
            }
        };
        match self {
            Period::Months(n) => plural(f, *n, "calendar month", "calendar months"),
            Period::Days(n) => plural(f, *n, "day", "days"),
            Period::WorkingDays(n, r) => {
                plural(f, *n, "working day", "working days")?;
                write!(f, " ({r})")
            }
            Period::NextQaPanelMeeting => {
                f.write_str("the Home Office Quality Assurance Panel's next meeting")
            }
        }
    }
}

impl Serialize for Trigger {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A rule's period.
///
/// ```
/// use dhr_core::rules::{Period, RuleSet};
/// let rules = RuleSet::builtin("proposed_2024")?;
/// assert_eq!(rules.rule("home_office_submission").unwrap().period, Period::Months(12));
/// assert_eq!(rules.rule("qa_panel").unwrap().period, Period::NextQaPanelMeeting);
/// # Ok::<(), dhr_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// Calendar months, by the corresponding date rule and the rule's policy.
    Months(u32),
    /// Calendar days.
    Days(u32),
    /// Working days of a region.
    WorkingDays(u32, Region),
    /// The Home Office Quality Assurance Panel's next meeting on or after the start.
    NextQaPanelMeeting,
}

impl Period {
    /// "1 calendar month", "15 working days", ...
    ///
    /// ```
    /// use dhr_core::calendar::Region;
    /// use dhr_core::rules::Period;
    /// assert_eq!(Period::Months(6).describe(), "6 calendar months");
    /// assert_eq!(Period::WorkingDays(5, Region::EnglandAndWales).describe(), "5 working days (england_and_wales)");
    /// ```
    pub fn describe(&self) -> String {
        self.to_string()
    }

    fn to_value(self) -> Value {
        match self {
            Period::Months(n) => json::object([("unit", "months".into()), ("count", n.into())]),
            Period::Days(n) => json::object([("unit", "days".into()), ("count", n.into())]),
            Period::WorkingDays(n, r) => json::object([
                ("unit", "working_days".into()),
                ("count", n.into()),
                ("region", r.as_str().into()),
            ]),
            Period::NextQaPanelMeeting => json::object([("unit", "next_qa_panel_meeting".into())]),
        }
    }
}

/// One time limit.
///
/// ```
/// use dhr_core::rules::{RuleSet, Trigger};
/// use dhr_core::lifecycle::EventName;
/// let rules = RuleSet::builtin("guidance_2016")?;
/// let rule = rules.rule("decision").unwrap();
/// assert_eq!(rule.start, [Trigger::Event(EventName::Notified)]);
/// assert_eq!(rule.end, Trigger::Event(EventName::Decided));
/// assert_eq!(rule.marks[0].as_str(), "U");
/// # Ok::<(), dhr_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The rule's id (`home_office_submission`).
    pub id: String,
    /// What must happen, for explanations ("terms of reference agreed").
    pub title: String,
    /// The events that start the clock (any of them).
    pub start: Vec<Trigger>,
    /// Which occurrence of a start event counts.
    pub start_occurrence: Occurrence,
    /// The event that stops the clock.
    pub end: Trigger,
    /// For an action-plan rule, the class of actions it tracks.
    pub actions: Option<ActionWithin>,
    /// The period.
    pub period: Period,
    /// How a period of months ends when the end month is too short.
    pub policy: MonthEndPolicy,
    /// Whether a pause stops the clock.
    pub pausable: bool,
    /// The source, for the `citation` field of a deadline.
    pub citation: String,
    /// Confidence marks of the source.
    pub marks: Vec<Mark>,
    /// Background for readers (quotation, caveats).
    pub note: Option<String>,
}

/// A set of rules: built in ([`RuleSet::builtin`]) or the caller's
/// ([`RuleSet::from_json`]).
///
/// ```
/// use dhr_core::rules::RuleSet;
/// let custom = r#"{"id": "demo", "title": "Demo", "qa_panel_meetings": ["2025-03-12"],
///   "rules": [{"id": "qa_panel", "title": "QA outcome", "start": ["submitted_to_home_office"],
///              "end": "qa_outcome", "period": {"unit": "next_qa_panel_meeting"},
///              "citation": "local agreement", "marks": ["P"]}]}"#;
/// let rules = RuleSet::from_json(custom)?;
/// assert_eq!(rules.id(), "demo");
/// assert_eq!(rules.qa_panel_meetings().len(), 1);
/// // Round trip.
/// assert_eq!(RuleSet::from_value(&rules.to_value(), "")?, rules);
/// # Ok::<(), dhr_core::Error>(())
/// ```
///
/// A rule set is shared, not copied: cloning one (as every
/// [`Deadline`](crate::deadlines::Deadline) does, to explain itself later)
/// costs a reference count.
#[derive(Clone, PartialEq, Eq)]
pub struct RuleSet {
    inner: Arc<Inner>,
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    id: String,
    title: String,
    source: Option<String>,
    qa_panel_meetings: Vec<NaiveDate>,
    rules: Vec<Rule>,
    /// The content hash ([`RuleSet::sha256`]), written on first use.
    sha256: Sha256Cache,
}

/// The hash of a rule set, computed once; not part of its equality (it is
/// a function of the other fields).
#[derive(Clone, Default)]
struct Sha256Cache(OnceLock<String>);

impl PartialEq for Sha256Cache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Sha256Cache {}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let i = &*self.inner;
        f.debug_struct("RuleSet")
            .field("id", &i.id)
            .field("title", &i.title)
            .field("source", &i.source)
            .field("qa_panel_meetings", &i.qa_panel_meetings)
            .field("rules", &i.rules)
            .finish()
    }
}

impl RuleSet {
    /// A built-in rule set by id (one of [`BUILTIN_IDS`]).
    ///
    /// # Errors
    ///
    /// [`ErrorCode::UnknownRuleSet`] for any other id.
    ///
    /// # Example
    ///
    /// ```
    /// use dhr_core::rules::RuleSet;
    /// assert_eq!(RuleSet::builtin("guidance_2016")?.rules().len(), 5);
    /// let err = RuleSet::builtin("stockton_2012").unwrap_err();
    /// assert_eq!(err.code().as_str(), "unknown_rule_set");
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn builtin(id: &str) -> Result<RuleSet> {
        // Parsed once per process; callers get a copy.
        static PARSED: OnceLock<Vec<(&'static str, Result<RuleSet>)>> = OnceLock::new();
        let parsed = PARSED.get_or_init(|| {
            BUILTIN_JSON
                .iter()
                .map(|(i, t)| (*i, RuleSet::from_json(t)))
                .collect()
        });
        parsed
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, set)| set.clone())
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownRuleSet,
                    "",
                    format!(
                        "not a built-in rule set; the built-in sets are: {}",
                        BUILTIN_IDS.join(", ")
                    ),
                )
            })?
    }

    /// Read a rule set from JSON text.
    ///
    /// # Errors
    ///
    /// `invalid_json` when the text is not JSON; otherwise as
    /// [`RuleSet::from_value`].
    ///
    /// # Example
    ///
    /// ```
    /// use dhr_core::rules::RuleSet;
    /// let err = RuleSet::from_json(r#"{"id": "x", "title": "x", "rules": [
    ///   {"id": "r", "title": "r", "start": ["notifed"], "end": "decided",
    ///    "period": {"unit": "months", "count": 1}, "citation": "c", "marks": ["P"]}]}"#).unwrap_err();
    /// assert_eq!(err.code().as_str(), "invalid_rule_set");
    /// assert_eq!(err.path(), "rules[0].start[0]");
    /// ```
    pub fn from_json(text: &str) -> Result<RuleSet> {
        let v = json::parse(text)?;
        RuleSet::from_value(&v, "")
    }

    /// Read a rule set from a JSON value found at `path` of a larger document
    /// (`"rules"` inside a review; `""` for a document of its own).
    ///
    /// # Errors
    ///
    /// [`ErrorCode::InvalidRuleSet`], with the path of the offending field,
    /// for any problem: a missing or unknown field, an unknown event, a
    /// negative or non-integer period, an unknown policy, unit, region or
    /// mark, a duplicate rule id, a `count` on `next_qa_panel_meeting`, an
    /// action-plan rule whose end is not `action_completed`.
    ///
    /// # Example
    ///
    /// ```
    /// use dhr_core::rules::RuleSet;
    /// let v = serde_json::json!({"id": "x", "title": "x", "rules": [
    ///   {"id": "r", "title": "r", "start": ["notified"], "end": "decided",
    ///    "period": {"unit": "months", "count": -1}, "citation": "c", "marks": ["P"]}]});
    /// let err = RuleSet::from_value(&v, "rules").unwrap_err();
    /// assert_eq!(err.code().as_str(), "invalid_rule_set");
    /// assert_eq!(err.path(), "rules.rules[0].period.count");
    /// ```
    pub fn from_value(v: &Value, path: &str) -> Result<RuleSet> {
        read_rule_set(v, path).map_err(|e| {
            if e.code() == ErrorCode::InvalidRuleSet {
                e
            } else {
                Error::new(ErrorCode::InvalidRuleSet, e.path(), e.message())
            }
        })
    }

    /// The rule set's id.
    ///
    /// ```
    /// use dhr_core::rules::RuleSet;
    /// assert_eq!(RuleSet::builtin("proposed_2024")?.id(), "proposed_2024");
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn id(&self) -> &str {
        &self.inner.id
    }

    /// Whether this is one of the built-in sets, unchanged.
    ///
    /// ```
    /// use dhr_core::rules::RuleSet;
    /// assert!(RuleSet::builtin("stockton_2011")?.is_builtin());
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn is_builtin(&self) -> bool {
        RuleSet::builtin(&self.inner.id).is_ok_and(|b| &b == self)
    }

    /// The rule set's title.
    ///
    /// ```
    /// use dhr_core::rules::RuleSet;
    /// assert!(RuleSet::builtin("stockton_2011")?.title().contains("Stockton"));
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn title(&self) -> &str {
        &self.inner.title
    }

    /// Where the rules come from.
    ///
    /// ```
    /// use dhr_core::rules::RuleSet;
    /// assert!(RuleSet::builtin("stockton_2011")?.source().is_some());
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }

    /// The rules, in order.
    ///
    /// ```
    /// use dhr_core::rules::RuleSet;
    /// assert_eq!(RuleSet::builtin("guidance_2016")?.rules()[0].id, "decision");
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn rules(&self) -> &[Rule] {
        &self.inner.rules
    }

    /// One rule by id.
    ///
    /// ```
    /// use dhr_core::rules::RuleSet;
    /// let set = RuleSet::builtin("stockton_2011")?;
    /// assert!(set.rule("home_office_submission").unwrap().pausable);
    /// assert!(set.rule("decision").is_none());
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.inner.rules.iter().find(|r| r.id == id)
    }

    /// The Home Office Quality Assurance Panel's meeting dates, sorted (none
    /// in the built-in sets).
    ///
    /// ```
    /// use dhr_core::rules::RuleSet;
    /// assert!(RuleSet::builtin("stockton_2011")?.qa_panel_meetings().is_empty());
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn qa_panel_meetings(&self) -> &[NaiveDate] {
        &self.inner.qa_panel_meetings
    }

    /// The same rule set with these QA panel meeting dates.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dhr_core::rules::RuleSet;
    /// let d = NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
    /// let set = RuleSet::builtin("stockton_2011")?.with_qa_panel_meetings(vec![d]);
    /// assert_eq!(set.qa_panel_meetings(), [d]);
    /// assert!(!set.is_builtin());
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn with_qa_panel_meetings(mut self, mut dates: Vec<NaiveDate>) -> RuleSet {
        sort(&mut dates, |a, b| a < b);
        dates.dedup();
        let inner = Arc::make_mut(&mut self.inner);
        inner.qa_panel_meetings = dates;
        inner.sha256 = Sha256Cache::default();
        self
    }

    /// The SHA-256 of the rule set's canonical JSON (spec 8.3): the rule set
    /// as dhr writes it back ([`RuleSet::to_value`]: every key it holds,
    /// defaults filled in, `title`, `source`, `note` and `citation`
    /// included), serialised by RFC 8785 (JSON Canonicalization Scheme), as
    /// 64 lowercase hex digits. Equal rule sets give equal hashes; changing
    /// any value changes it. Computed once per rule set.
    ///
    /// ```
    /// use dhr_core::rules::RuleSet;
    /// let set = RuleSet::builtin("stockton_2011")?;
    /// assert_eq!(set.sha256().len(), 64);
    /// let moved = set.clone().with_qa_panel_meetings(vec![chrono::NaiveDate::from_ymd_opt(2024, 1, 9).unwrap()]);
    /// assert_ne!(moved.sha256(), set.sha256());
    /// assert_eq!(RuleSet::from_value(&set.to_value(), "")?.sha256(), set.sha256());
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn sha256(&self) -> &str {
        self.inner.sha256.0.get_or_init(|| {
            let digest = sha256(&canonical_json(&self.to_value()));
            let mut hex = String::with_capacity(64);
            for b in digest {
                // Lowercase hex digits: from_digit gives a-f.
                for nibble in [b >> 4, b & 15] {
                    hex.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
                }
            }
            hex
        })
    }

    /// The rule set in the JSON shape of the built-in files.
    ///
    /// ```
    /// use dhr_core::rules::RuleSet;
    /// let set = RuleSet::builtin("stockton_2011")?;
    /// let v = set.to_value();
    /// assert_eq!(v["id"], "stockton_2011");
    /// assert_eq!(v["rules"][1]["period"], serde_json::json!({"unit": "months", "count": 6}));
    /// assert_eq!(RuleSet::from_value(&v, "")?, set);
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn to_value(&self) -> Value {
        let set = &*self.inner;
        // (The hash below is of exactly this value.)
        let mut m = Map::new();
        m.insert("id".into(), set.id.as_str().into());
        m.insert("title".into(), set.title.as_str().into());
        if let Some(s) = &set.source {
            m.insert("source".into(), s.as_str().into());
        }
        m.insert(
            "qa_panel_meetings".into(),
            Value::Array(
                set.qa_panel_meetings
                    .iter()
                    .map(|d| Value::from(json::fmt_date(*d)))
                    .collect(),
            ),
        );
        m.insert(
            "rules".into(),
            Value::Array(set.rules.iter().map(Rule::to_value).collect()),
        );
        Value::Object(m)
    }
}

impl Rule {
    fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), self.id.as_str().into());
        m.insert("title".into(), self.title.as_str().into());
        m.insert(
            "start".into(),
            Value::Array(self.start.iter().map(|t| t.as_str().into()).collect()),
        );
        m.insert(
            "start_occurrence".into(),
            self.start_occurrence.as_str().into(),
        );
        m.insert("end".into(), self.end.as_str().into());
        if let Some(a) = self.actions {
            m.insert("actions".into(), a.as_str().into());
        }
        m.insert("period".into(), self.period.to_value());
        m.insert("policy".into(), self.policy.as_str().into());
        m.insert("pausable".into(), self.pausable.into());
        m.insert("citation".into(), self.citation.as_str().into());
        m.insert(
            "marks".into(),
            Value::Array(self.marks.iter().map(|k| k.as_str().into()).collect()),
        );
        if let Some(n) = &self.note {
            m.insert("note".into(), n.as_str().into());
        }
        Value::Object(m)
    }
}

/// SHA-256 (FIPS 180-4) of `data`. Written here, in its compact form, rather
/// than with the `sha2` crate, whose generic and unrolled code cost the
/// WebAssembly module more than its size budget allows; the tests compare it
/// with `sha2` (a dev-dependency) on the NIST examples and random inputs.
// Every index is within a fixed-size array (w: 64 words, i from 16 to 63;
// chunks of exactly 4 bytes).
#[allow(clippy::indexing_slicing)]
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    // The message, a 1 bit, zeros to 56 mod 64, and the bit length.
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (wi, c) in w.iter_mut().zip(block.chunks_exact(4)) {
            *wi = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for (k, wi) in K.iter().zip(w.iter()) {
            let [a, b, c, d, e, f, g, hh] = v;
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(*k)
                .wrapping_add(*wi);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            v = [t1.wrapping_add(t2), a, b, c, d.wrapping_add(t1), e, f, g];
        }
        for (hi, vi) in h.iter_mut().zip(v) {
            *hi = hi.wrapping_add(vi);
        }
    }
    let mut out = [0u8; 32];
    for (o, hi) in out.chunks_exact_mut(4).zip(h) {
        o.copy_from_slice(&hi.to_be_bytes());
    }
    out
}

/// RFC 8785 (JSON Canonicalization Scheme) text of a value whose numbers are
/// all integers, as a rule set's are: object keys sorted by their UTF-16
/// code units (s.3.2.3), no whitespace, and serde_json's string escapes,
/// which are RFC 8785's (s.3.2.2.2: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`,
/// `\t`, other controls as lowercase `\u00xx`, nothing else escaped);
/// integers are written as RFC 8785 writes them. Written here rather than with
/// a JCS crate to keep the WebAssembly module within its size budget; the
/// tests compare it with `serde_json_canonicalizer` on every rule set they
/// make.
pub fn canonical_json(value: &Value) -> Vec<u8> {
    fn write(v: &Value, out: &mut String) {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                sort(&mut keys, |a, b| a.encode_utf16().lt(b.encode_utf16()));
                out.push('{');
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(k, out);
                    out.push(':');
                    if let Some(x) = m.get(k) {
                        write(x, out);
                    }
                }
                out.push('}');
            }
            Value::Array(a) => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(x, out);
                }
                out.push(']');
            }
            Value::String(s) => write_str(s, out),
            // null, booleans and integers are written as RFC 8785 writes them.
            other => out.push_str(&crate::json::to_text(other)),
        }
    }
    fn write_str(s: &str, out: &mut String) {
        out.push_str(&crate::json::to_text(&Value::from(s)));
    }
    let mut out = String::new();
    write(value, &mut out);
    out.into_bytes()
}

/// Sort `v` by `less`, for lists whose equal items are identical (dates;
/// an object's distinct keys), so that any sort gives the same order:
/// `sort_unstable_by` natively, an insertion sort in WebAssembly, where the
/// standard sorts' code costs about 1 KB of the gzipped module and the lists
/// are a page's own (a rule set's meetings, an object's keys).
fn sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    if cfg!(target_arch = "wasm32") {
        insertion_sort(v, less);
    } else {
        v.sort_unstable_by(|a, b| {
            if less(a, b) {
                std::cmp::Ordering::Less
            } else if less(b, a) {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        });
    }
}

/// A stable insertion sort ([`sort`] in WebAssembly).
fn insertion_sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && v.get(j).zip(v.get(j - 1)).is_some_and(|(a, b)| less(a, b)) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidRuleSet, path, message)
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn read_rule_set(v: &Value, path: &str) -> Result<RuleSet> {
    let o = Obj::new(
        v,
        path,
        &[
            "schema_version",
            "id",
            "title",
            "source",
            "qa_panel_meetings",
            "rules",
        ],
    )?;
    if o.has("schema_version") {
        o.schema_version()?;
    }
    let id = o.req_str("id")?;
    if !is_identifier(id) {
        return Err(invalid(
            o.path_of("id"),
            "a rule-set id is 1 to 64 characters of a-z, 0-9 and _",
        ));
    }
    let title = o.req_str("title")?.to_string();
    let source = o.opt_str("source")?.map(str::to_string);
    let mut meetings = Vec::new();
    if let Some(list) = o.opt_array("qa_panel_meetings")? {
        for (i, d) in list.iter().enumerate() {
            meetings.push(json::parse_date_value(
                d,
                &json::item(&o.path_of("qa_panel_meetings"), i),
            )?);
        }
    }
    sort(&mut meetings, |a, b| a < b);
    meetings.dedup();
    let list = o.req_array("rules")?;
    if list.is_empty() {
        return Err(invalid(
            o.path_of("rules"),
            "a rule set needs at least one rule",
        ));
    }
    let mut rules: Vec<Rule> = Vec::new();
    for (i, r) in list.iter().enumerate() {
        let p = json::item(&o.path_of("rules"), i);
        let rule = read_rule(r, &p)?;
        if rules.iter().any(|q| q.id == rule.id) {
            return Err(invalid(json::child(&p, "id"), "duplicate rule id"));
        }
        rules.push(rule);
    }
    Ok(RuleSet {
        inner: Arc::new(Inner {
            id: id.to_string(),
            title,
            source,
            qa_panel_meetings: meetings,
            rules,
            sha256: Sha256Cache::default(),
        }),
    })
}

fn trigger(v: &Value, path: &str) -> Result<Trigger> {
    let names = Trigger::names();
    json::enum_value(v, path, Trigger::from_str, &names)
        .map_err(|_| invalid(path, "not a known event; expected an event name of spec 6.3, decided_review or decided_no_review"))
}

fn read_rule(v: &Value, path: &str) -> Result<Rule> {
    let o = Obj::new(
        v,
        path,
        &[
            "id",
            "title",
            "start",
            "start_occurrence",
            "end",
            "actions",
            "period",
            "policy",
            "pausable",
            "citation",
            "marks",
            "note",
        ],
    )?;
    let id = o.req_str("id")?;
    if !is_identifier(id) {
        return Err(invalid(
            o.path_of("id"),
            "a rule id is 1 to 64 characters of a-z, 0-9 and _",
        ));
    }
    let title = o.req_str("title")?.to_string();
    let starts = o.req_array("start")?;
    if starts.is_empty() {
        return Err(invalid(
            o.path_of("start"),
            "at least one start event is needed",
        ));
    }
    let mut start = Vec::new();
    for (i, s) in starts.iter().enumerate() {
        start.push(trigger(s, &json::item(&o.path_of("start"), i))?);
    }
    let start_occurrence = o
        .opt_enum("start_occurrence", Occurrence::from_str, Occurrence::NAMES)?
        .unwrap_or(Occurrence::First);
    let end = trigger(o.req("end")?, &o.path_of("end"))?;
    let actions = o.opt_enum("actions", ActionWithin::from_str, ActionWithin::NAMES)?;
    if actions.is_some() && end != Trigger::Event(EventName::ActionCompleted) {
        return Err(invalid(
            o.path_of("end"),
            "an action-plan rule (with \"actions\") must end at action_completed",
        ));
    }
    if actions.is_none() && end == Trigger::Event(EventName::ActionCompleted) {
        return Err(invalid(
            o.path_of("actions"),
            "a rule ending at action_completed must say which actions it tracks",
        ));
    }
    let period = read_period(o.req("period")?, &o.path_of("period"))?;
    let policy = o
        .opt_enum("policy", MonthEndPolicy::from_str, MonthEndPolicy::NAMES)?
        .unwrap_or_default();
    let pausable = o.opt_bool("pausable")?.unwrap_or(false);
    let citation = o.req_str("citation")?.to_string();
    if citation.trim().is_empty() {
        return Err(invalid(o.path_of("citation"), "a rule needs a citation"));
    }
    let mark_list = o.req_array("marks")?;
    if mark_list.is_empty() {
        return Err(invalid(
            o.path_of("marks"),
            "a rule needs at least one mark",
        ));
    }
    let mut marks = Vec::new();
    for (i, m) in mark_list.iter().enumerate() {
        marks.push(json::enum_value(
            m,
            &json::item(&o.path_of("marks"), i),
            Mark::from_str,
            Mark::NAMES,
        )?);
    }
    let note = o.opt_str("note")?.map(str::to_string);
    Ok(Rule {
        id: id.to_string(),
        title,
        start,
        start_occurrence,
        end,
        actions,
        period,
        policy,
        pausable,
        citation,
        marks,
        note,
    })
}

const UNITS: &[&str] = &["months", "days", "working_days", "next_qa_panel_meeting"];

fn read_period(v: &Value, path: &str) -> Result<Period> {
    let o = Obj::new(v, path, &["unit", "count", "region"])?;
    let unit = o.req_enum("unit", |s| UNITS.iter().find(|u| **u == s).copied(), UNITS)?;
    let count = || -> Result<u32> {
        o.req("count")?;
        let n = o.opt_int("count", 0, 2400)?.unwrap_or(0);
        u32::try_from(n).map_err(|_| invalid(o.path_of("count"), "out of range"))
    };
    if unit != "working_days" && o.has("region") {
        return Err(invalid(
            o.path_of("region"),
            "a region applies to working days only",
        ));
    }
    Ok(match unit {
        "months" => Period::Months(count()?),
        "days" => Period::Days(count()?),
        "working_days" => Period::WorkingDays(
            count()?,
            o.opt_enum("region", Region::from_str, Region::NAMES)?
                .unwrap_or(Region::EnglandAndWales),
        ),
        _ => {
            if o.has("count") {
                return Err(invalid(
                    o.path_of("count"),
                    "next_qa_panel_meeting takes no count",
                ));
            }
            Period::NextQaPanelMeeting
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertion_sort_is_the_native_sort() {
        // Pseudo-random lists with repeats, of every length up to 40.
        let mut x: u32 = 12345;
        for n in 0..40 {
            let mut a: Vec<u32> = (0..n)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (x >> 16) % 10
                })
                .collect();
            let mut b = a.clone();
            insertion_sort(&mut a, |p, q| p < q);
            b.sort_unstable();
            assert_eq!(a, b);
        }
    }

    #[test]
    fn builtin_sets_parse_and_round_trip() {
        for id in BUILTIN_IDS {
            let set = RuleSet::builtin(id).unwrap();
            assert_eq!(RuleSet::from_value(&set.to_value(), "").unwrap(), set);
        }
    }
}
