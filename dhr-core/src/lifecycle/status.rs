//! A review as it stood on a date (spec 6.4): stage, pause, deadlines, IMR
//! and family tracks, what may come next, and the death's assessment.

use super::log::{Family, Imr, NextEvent, Stage, Warning};
use super::review::Review;
use crate::deadlines::{self, ActionDeadline, Deadline};
use crate::eligibility::{self, AssessOptions, Assessment};
use crate::engine::Engine;
use crate::error::Result;
use crate::json;
use crate::rules::RuleSet;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

/// The options of [`Review::status`].
///
/// ```
/// use dhr_core::lifecycle::StatusOptions;
/// let opts = StatusOptions::default();
/// assert_eq!(opts.due_soon_days, 14);
/// assert!(opts.rules.is_none());
/// ```
#[derive(Debug, Clone)]
pub struct StatusOptions {
    /// A deadline is `due_soon` when this many days or fewer are left (spec
    /// 4.2, default 14).
    pub due_soon_days: u32,
    /// The options of the death's assessment (DARDR commencement, SUSR start).
    pub assess: AssessOptions,
    /// A rule set to use instead of the review's own (the `--rules` option;
    /// the receipt's `engine.rules.id` says which was applied).
    pub rules: Option<RuleSet>,
}

impl Default for StatusOptions {
    fn default() -> Self {
        StatusOptions {
            due_soon_days: 14,
            assess: AssessOptions::default(),
            rules: None,
        }
    }
}

/// A review as it stood at the end of a date (spec 6.4).
///
/// `Serialize` writes the keys in the order of spec 6.4; [`Status::to_value`]
/// gives the same answer as a JSON value.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Status {
    /// The review's reference.
    pub reference: Option<String>,
    /// The date of the answer.
    #[serde(with = "json::date_format")]
    pub as_of: NaiveDate,
    /// The furthest lifecycle stage reached, or `closed_no_review`.
    pub stage: Stage,
    /// Whether the review was paused that day.
    pub paused: bool,
    /// Every rule of the rule set, in its order, with its status.
    pub deadlines: Vec<Deadline>,
    /// Each action, in the order agreed, then added, with its own deadline
    /// (spec 8.5).
    pub actions: Vec<ActionDeadline>,
    /// Each agency's IMR, in the order commissioned.
    pub imrs: Vec<Imr>,
    /// The family track.
    pub family: Family,
    /// The events that may come next, with the roles allowed.
    pub next: Vec<NextEvent>,
    /// The indices of the voided events, ascending (spec 8.4).
    pub voided_events: Vec<usize>,
    /// How many events (neither voided nor voids) are dated after the
    /// as-of date, and so ignored (spec 8.7).
    pub events_after_as_of: usize,
    /// What the review should look at, refusing nothing (spec 8.7), in the
    /// order of the events.
    pub warnings: Vec<Warning>,
    /// The assessment of the review's death document, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    /// The receipt (spec 8.3): engine, bank-holiday data, the rule set
    /// applied (its id and hash) and the options after defaults.
    pub engine: Engine,
}

impl Status {
    /// The answer in the interchange format of spec 6.4 (plus
    /// `"assessment"`, the 6.2 answer, when the review has a death; the key
    /// is left out otherwise).
    ///
    /// ```
    /// use dhr_core::lifecycle::{Review, StatusOptions};
    /// use chrono::NaiveDate;
    /// let review = Review::from_json(r#"{"schema_version": 1, "rules": "stockton_2011", "events": []}"#)?;
    /// let v = review.status(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), &StatusOptions::default())?.to_value();
    /// assert!(v.get("assessment").is_none());
    /// assert_eq!(v["family"]["informed"], false);
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn to_value(&self) -> Value {
        // Every member serialises without fail (string keys, no floats).
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl Review {
    /// The review as it stood at the end of `as_of` (spec 6.4): events
    /// dated after it are ignored. The deadlines are counted by
    /// `opts.rules` if given, else by the review's own rule set; a review
    /// with a death document carries its assessment (spec 6.2).
    ///
    /// ```
    /// use dhr_core::lifecycle::{Review, StatusOptions};
    /// use chrono::NaiveDate;
    /// let review = Review::from_json(r#"{"schema_version": 1, "reference": "STK-2024-003",
    ///   "rules": "stockton_2011",
    ///   "events": [{"on": "2024-01-31", "event": "notified", "by": "police"}]}"#)?;
    /// let as_of = NaiveDate::from_ymd_opt(2024, 2, 20).unwrap();
    /// let status = review.status(as_of, &StatusOptions::default())?;
    /// assert_eq!(status.stage.as_str(), "notified");
    /// let v = status.to_value();
    /// // Spec 6.4: terms of reference due 29 February (31 January + 1 month, clamped).
    /// assert_eq!(v["deadlines"][0]["due"], "2024-02-29");
    /// assert_eq!(v["deadlines"][0]["status"], "due_soon");
    /// assert_eq!(v["next"][0]["event"], "decided");
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn status(&self, as_of: NaiveDate, opts: &StatusOptions) -> Result<Status> {
        json::check_range(as_of, "as_of")?;
        // The events that count are in date order: when none is after
        // `as_of` the log is the log as of that date, and is not replayed.
        let full = self.log();
        let events_after_as_of = full.active().filter(|(_, e)| e.on > as_of).count();
        let replayed;
        let log = if events_after_as_of == 0 {
            full
        } else {
            replayed = full.as_of(as_of);
            &replayed
        };
        let rules = opts.rules.as_ref().unwrap_or(self.rules());
        let evaluated = deadlines::evaluate_counted(
            rules,
            full.events(),
            &full.uncounted(),
            as_of,
            opts.due_soon_days,
        )?;
        let assessment = self
            .death()
            .map(|d| eligibility::assess(d, &opts.assess).map_err(|e| e.under("death")))
            .transpose()?
            // The nested assessment carries no receipt of its own (spec 8.3).
            .map(|a| Assessment { engine: None, ..a });
        Ok(Status {
            reference: self.reference().map(str::to_string),
            as_of,
            stage: log.stage(),
            paused: log.paused(),
            deadlines: evaluated.deadlines,
            actions: evaluated.actions,
            imrs: log.imrs().to_vec(),
            family: log.family(),
            next: log.next(),
            voided_events: full.voided().to_vec(),
            events_after_as_of,
            warnings: full.warnings(as_of),
            assessment,
            engine: Engine::assess(opts.assess.dardr_commenced, opts.assess.susr_from)
                .with_rules(rules, opts.due_soon_days),
        })
    }
}

/// Read a review (spec 6.3) from JSON text and answer its status as of a
/// date (spec 6.4), for the bindings.
///
/// ```
/// use dhr_core::lifecycle::{status_json, StatusOptions};
/// use chrono::NaiveDate;
/// let text = r#"{"schema_version": 1, "rules": "stockton_2011", "events": []}"#;
/// let v = status_json(text, NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), &StatusOptions::default())?;
/// assert_eq!(v["stage"], "not_notified");
/// assert_eq!(v["next"][0]["event"], "notified");
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn status_json(review_text: &str, as_of: NaiveDate, opts: &StatusOptions) -> Result<Value> {
    Ok(Review::from_json(review_text)?
        .status(as_of, opts)?
        .to_value())
}
