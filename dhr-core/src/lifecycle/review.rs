//! A review: its header (reference, rule set, death) and its event log, read
//! from and written to the interchange format of spec 6.3.

use super::event::Event;
use super::log::Log;
use crate::case::Death;
use crate::error::{Error, ErrorCode, Result};
use crate::json::{self, Obj};
use crate::personal::Personal;
use crate::rule_library::RuleLibrary;
use crate::rules::RuleSet;
use serde_json::{Map, Value};

const REVIEW_KEYS: &[&str] = &[
    "schema_version",
    "reference",
    "rules",
    "death",
    "events",
    "extensions",
];

/// A review: a header and an accepted event log (spec 6.3).
///
/// Built by applying events one at a time ([`Review::apply`]) or by
/// replaying a stored log ([`Review::from_json`], [`Review::from_events`]);
/// either way every event has passed the rules of order, and a refused
/// event leaves the review exactly as it was.
#[derive(Debug, Clone)]
pub struct Review {
    reference: Option<String>,
    /// The rule set the deadlines are counted by.
    rules: RuleSet,
    /// Whether the document named a built-in set by id (written back as the
    /// id) rather than giving a rule-set object.
    rules_by_id: bool,
    /// The death (spec 6.1), validated.
    death: Option<Death>,
    /// The `death` member as given, echoed as it came (personal data).
    death_value: Option<Personal<Value>>,
    log: Log,
    extensions: Personal<Map<String, Value>>,
}

impl PartialEq for Review {
    fn eq(&self, other: &Review) -> bool {
        self.reference == other.reference
            && self.rules == other.rules
            && self.rules_by_id == other.rules_by_id
            && self.death_value == other.death_value
            && self.log == other.log
            && self.extensions == other.extensions
    }
}

impl Review {
    /// A review with no events yet. A built-in rule set is written back as
    /// its id, any other as its object.
    ///
    /// ```
    /// use dhr_core::lifecycle::Review;
    /// use dhr_core::rules::RuleSet;
    /// let review = Review::new(Some("STK-2024-003".into()), RuleSet::builtin("stockton_2011")?);
    /// assert_eq!(review.to_value()["rules"], "stockton_2011");
    /// assert!(review.events().is_empty());
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn new(reference: Option<String>, rules: RuleSet) -> Review {
        let rules_by_id = rules.is_builtin();
        Review {
            reference,
            rules,
            rules_by_id,
            death: None,
            death_value: None,
            log: Log::new(),
            extensions: Personal::new(Map::new()),
        }
    }

    /// A review replayed from a stored log: [`Review::new`], then each event
    /// applied in order. The first refused event is the error, with its
    /// index. Replaying the same events always gives the same review.
    ///
    /// ```
    /// use dhr_core::lifecycle::{Event, EventKind, Review, Role};
    /// use dhr_core::rules::RuleSet;
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
    /// let events = vec![
    ///     Event::new(d(1, 31), Role::Police, EventKind::Notified),
    ///     Event::new(d(2, 12), Role::Csp, EventKind::Decided { review: true, reasons: None }),
    /// ];
    /// let rules = RuleSet::builtin("stockton_2011")?;
    /// let a = Review::from_events(None, rules.clone(), events.clone())?;
    /// let b = Review::from_events(None, rules, events)?;
    /// assert_eq!(a, b);
    /// assert_eq!(a.log().stage().as_str(), "decided");
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn from_events(
        reference: Option<String>,
        rules: RuleSet,
        events: Vec<Event>,
    ) -> Result<Review> {
        let mut review = Review::new(reference, rules);
        for event in events {
            review.apply(event)?;
        }
        Ok(review)
    }

    /// The review a referral starts (the page's route from an assessment to
    /// its deadlines): the death document, and its one event so far, the
    /// partnership's notification on the death's `notified_on` (recorded by
    /// the CSP). Refused when the death gives no `notified_on`
    /// (`missing_field`: nothing runs without it) or is out of scope
    /// (`invalid_value` at `nation`, with the reason's text).
    ///
    /// ```
    /// use dhr_core::case::Death;
    /// use dhr_core::lifecycle::Review;
    /// use dhr_core::rules::RuleSet;
    /// let death = Death::from_json(r#"{"schema_version": 1, "reference": "R-1",
    ///   "date_of_death": "2024-01-28", "notified_on": "2024-01-31", "nation": "england",
    ///   "manner": "homicide", "deceased": {"age": 40}, "suspects": []}"#)?;
    /// let review = Review::from_referral(death.clone(), RuleSet::builtin("guidance_2016")?)?;
    /// let v = review.to_value();
    /// assert_eq!((v["reference"].as_str(), v["rules"].as_str()), (Some("R-1"), Some("guidance_2016")));
    /// assert_eq!(v["events"][0]["on"], "2024-01-31");
    /// assert_eq!(v["events"][0]["by"], "csp");
    /// let err = Review::from_referral(Death { notified_on: None, ..death }, RuleSet::builtin("guidance_2016")?).unwrap_err();
    /// assert_eq!((err.code().as_str(), err.path()), ("missing_field", "notified_on"));
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn from_referral(death: Death, rules: RuleSet) -> Result<Review> {
        let value = death.to_value();
        Review::referral(death, value, rules)
    }

    /// As [`Review::from_referral`], from the death's JSON text (spec 6.1),
    /// which the review's `death` echoes as given (for the bindings: no
    /// writer of a death to JSON, which would add to the WebAssembly module).
    ///
    /// ```
    /// use dhr_core::lifecycle::Review;
    /// use dhr_core::rules::RuleSet;
    /// let text = r#"{"schema_version": 1, "date_of_death": "2024-01-28", "notified_on": "2024-01-31",
    ///   "nation": "scotland", "manner": "homicide", "deceased": {"age": 40}, "suspects": []}"#;
    /// let err = Review::from_referral_json(text, RuleSet::builtin("stockton_2011")?).unwrap_err();
    /// assert_eq!((err.code().as_str(), err.path()), ("invalid_value", "nation"));
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn from_referral_json(death_text: &str, rules: RuleSet) -> Result<Review> {
        let death = Death::from_json(death_text)?;
        let value = json::parse(crate::read::strip_bom(death_text))?;
        Review::referral(death, value, rules)
    }

    /// The review a referral starts, its death document given as `value`.
    fn referral(death: Death, value: Value, rules: RuleSet) -> Result<Review> {
        if let Some(rule) = crate::eligibility::regime::out_of_scope(&death) {
            return Err(Error::new(ErrorCode::InvalidValue, "nation", rule.text));
        }
        let Some(on) = death.notified_on else {
            return Err(Error::new(
                ErrorCode::MissingField,
                "notified_on",
                "notified_on is needed: the deadlines run from it",
            ));
        };
        let mut review = Review::new(death.reference.clone(), rules);
        review.death_value = Some(Personal::new(value));
        review.death = Some(death);
        review.apply(Event::new(on, super::Role::Csp, super::EventKind::Notified))?;
        Ok(review)
    }

    /// Read a review from interchange JSON text (spec 6.3), replaying its
    /// events. The first refused event is the error, with its index.
    ///
    /// ```
    /// use dhr_core::lifecycle::Review;
    /// let text = r#"{"schema_version": 1, "reference": "STK-2024-003", "rules": "stockton_2011",
    ///   "events": [{"on": "2024-01-31", "event": "notified", "by": "police"},
    ///              {"on": "2024-01-30", "event": "decided", "by": "csp", "review": true}]}"#;
    /// let err = Review::from_json(text).unwrap_err();
    /// assert_eq!((err.code().as_str(), err.path(), err.event_index()),
    ///            ("event_out_of_order", "events[1]", Some(1)));
    /// ```
    pub fn from_json(text: &str) -> Result<Review> {
        Review::from_value(&json::parse(text)?)
    }

    /// Read a review from a parsed JSON value (spec 6.3). `death`, when
    /// given, is read and validated as a 6.1 document (errors under
    /// `death`); `extensions` is kept and echoed, never read.
    ///
    /// ```
    /// use dhr_core::lifecycle::Review;
    /// let doc = serde_json::json!({"schema_version": 1, "rules": "guidance_2016", "events": [],
    ///                              "extensions": {"crm_id": 7}});
    /// let review = Review::from_value(&doc)?;
    /// assert_eq!(review.to_value()["extensions"]["crm_id"], 7);
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn from_value(value: &Value) -> Result<Review> {
        Review::from_value_in(value, &RuleLibrary::builtin())
    }

    /// [`Review::from_json`] where `rules` may also name a rule set of
    /// `library` by id (the service's `--rules-dir`, spec 9).
    pub fn from_json_in(text: &str, library: &RuleLibrary) -> Result<Review> {
        Review::from_value_in(&json::parse(text)?, library)
    }

    /// [`Review::from_value`] where `rules` may also name a rule set of
    /// `library` by id (written back as the id).
    ///
    /// ```
    /// use dhr_core::lifecycle::Review;
    /// use dhr_core::rule_library::RuleLibrary;
    /// let lib = RuleLibrary::builtin();
    /// let doc = serde_json::json!({"schema_version": 1, "rules": "nope", "events": []});
    /// let err = Review::from_value_in(&doc, &lib).unwrap_err();
    /// assert_eq!((err.code().as_str(), err.path()), ("unknown_rule_set", "rules"));
    /// ```
    pub fn from_value_in(value: &Value, library: &RuleLibrary) -> Result<Review> {
        let obj = Obj::new(value, "", REVIEW_KEYS)?;
        obj.schema_version()?;
        let reference = obj.opt_str("reference")?.map(str::to_string);
        let (rules, rules_by_id) = match obj.req("rules")? {
            Value::String(id) => (library.get(id).map_err(|e| e.under("rules"))?, true),
            v @ Value::Object(_) => (RuleSet::from_value(v, "rules")?, false),
            v => {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    "rules",
                    format!(
                        "expected a built-in rule-set id or a rule-set object, found {}",
                        json::type_name(v)
                    ),
                ))
            }
        };
        let death = obj
            .opt("death")
            .map(|d| Death::from_value(d).map_err(|e| e.under("death")))
            .transpose()?;
        let death_value = obj.opt("death").map(|d| Personal::new(d.clone()));
        let extensions = obj.opt_object("extensions")?.cloned().unwrap_or_default();
        let items = obj.req_array("events")?;
        let mut review = Review {
            reference,
            rules,
            rules_by_id,
            death,
            death_value,
            log: Log::new(),
            extensions: Personal::new(extensions),
        };
        for item in items {
            review.apply_value(item)?;
        }
        Ok(review)
    }

    /// Apply one event. On error the review is unchanged and
    /// [`Error::event_index`] gives the index the event would have had.
    ///
    /// ```
    /// use dhr_core::lifecycle::{Event, EventKind, Review, Role};
    /// use dhr_core::rules::RuleSet;
    /// use chrono::NaiveDate;
    /// let mut review = Review::new(None, RuleSet::builtin("stockton_2011")?);
    /// let on = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
    /// // Nothing may come before the notification.
    /// let err = review.apply(Event::new(on, Role::Csp, EventKind::PanelCommissioned)).unwrap_err();
    /// assert_eq!(err.code().as_str(), "prerequisite_missing");
    /// assert!(review.events().is_empty());
    /// review.apply(Event::new(on, Role::Police, EventKind::Notified))?;
    /// assert_eq!(review.events().len(), 1);
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn apply(&mut self, event: Event) -> Result<()> {
        self.log.apply(event)
    }

    /// Read one event from JSON (its paths are `events[N]...`, N the index
    /// it would take) and apply it.
    ///
    /// ```
    /// use dhr_core::lifecycle::Review;
    /// use dhr_core::rules::RuleSet;
    /// let mut review = Review::new(None, RuleSet::builtin("stockton_2011")?);
    /// review.apply_value(&serde_json::json!({"on": "2024-01-31", "event": "notified", "by": "police"}))?;
    /// let err = review
    ///     .apply_value(&serde_json::json!({"on": "2024-02-12", "event": "decided", "by": "police", "review": true}))
    ///     .unwrap_err();
    /// assert_eq!((err.code().as_str(), err.path()), ("role_not_allowed", "events[1].by"));
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn apply_value(&mut self, event: &Value) -> Result<()> {
        let index = self.log.events().len();
        let (event, extensions) =
            Event::read(event, &json::item("events", index)).map_err(|e| e.at_event(index))?;
        self.log.apply_with(event, extensions)
    }

    /// The rule set of the review.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The caller's reference for the review.
    pub fn reference(&self) -> Option<&str> {
        self.reference.as_deref()
    }

    /// The death this review is of, if the log carries its document.
    pub fn death(&self) -> Option<&Death> {
        self.death.as_ref()
    }

    /// The same review with the death document it is of (spec 6.1), shown
    /// beside the review in its status. The death is validated first
    /// (errors under `death`).
    pub fn with_death(mut self, death: Death) -> Result<Review> {
        death.validate().map_err(|e| e.under("death"))?;
        self.death_value = Some(Personal::new(death.to_value()));
        self.death = Some(death);
        Ok(self)
    }

    /// The same review with the caller's `extensions` (kept and echoed,
    /// never read).
    pub fn with_extensions(mut self, extensions: Map<String, Value>) -> Review {
        self.extensions = Personal::new(extensions);
        self
    }

    /// The accepted events, in order.
    pub fn events(&self) -> &[Event] {
        self.log.events()
    }

    /// The accepted log and the state derived from it.
    pub fn log(&self) -> &Log {
        &self.log
    }

    /// The caller's `extensions`, kept and echoed, never read.
    pub fn extensions(&self) -> &Personal<Map<String, Value>> {
        &self.extensions
    }

    /// The review in the interchange format (spec 6.3). Reading it back
    /// gives an equal review.
    ///
    /// ```
    /// use dhr_core::lifecycle::Review;
    /// let text = r#"{"schema_version": 1, "rules": "stockton_2011",
    ///   "events": [{"on": "2024-01-31", "event": "notified", "by": "police"}]}"#;
    /// let review = Review::from_json(text)?;
    /// assert_eq!(Review::from_value(&review.to_value())?, review);
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("schema_version".into(), Value::from(json::SCHEMA_VERSION));
        m.insert(
            "reference".into(),
            self.reference.clone().map_or(Value::Null, Value::String),
        );
        let rules = if self.rules_by_id {
            Value::String(self.rules.id().to_string())
        } else {
            self.rules.to_value()
        };
        m.insert("rules".into(), rules);
        m.insert(
            "death".into(),
            self.death_value
                .as_ref()
                .map_or(Value::Null, |d| d.expose().clone()),
        );
        m.insert("events".into(), self.log.to_value());
        m.insert(
            "extensions".into(),
            Value::Object(self.extensions.expose().clone()),
        );
        Value::Object(m)
    }
}
