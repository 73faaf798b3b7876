//! Deadlines and their status as of a date (spec sections 4.2 and 6.4).
//!
//! [`evaluate`] reads a review's event log against a [`RuleSet`] and gives,
//! for every rule in the set's order, when its clock started, when it is
//! due, whether the day-number was clamped, how many days pauses added, its
//! status as of a date, and a sentence explaining all of it that a chair
//! could paste into a report (written when asked for:
//! [`Deadline::explanation`]).
//!
//! ```
//! use chrono::NaiveDate;
//! use dhr_core::deadlines::{evaluate, DeadlineStatus};
//! use dhr_core::lifecycle::{Event, EventKind, Role};
//! use dhr_core::rules::RuleSet;
//!
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let log = [Event { on: d(2024, 1, 31), by: Role::Police, kind: EventKind::Notified }];
//! let rules = RuleSet::builtin("stockton_2011")?;
//! let deadlines = evaluate(&rules, &log, d(2024, 2, 20), 14)?;
//!
//! let tor = &deadlines[0];
//! assert_eq!(tor.rule(), "terms_of_reference");
//! assert_eq!((tor.from, tor.due), (Some(d(2024, 1, 31)), Some(d(2024, 2, 29))));
//! assert!(tor.clamped);
//! assert_eq!((tor.status, tor.days_left), (DeadlineStatus::DueSoon, Some(9)));
//! assert_eq!(deadlines[1].status, DeadlineStatus::NotStarted);
//! # Ok::<(), dhr_core::Error>(())
//! ```
//!
//! # Choices (documented policy, mark \[P\])
//!
//! - **Pauses.** A pausable rule's clock stops from a `paused` event up to,
//!   not including, the next `resumed` event; the due date moves later by
//!   exactly the days stopped. Only the part of a pause after the rule's
//!   clock started counts (a pause that began before the decision to review
//!   delays the submission only by the days after the decision), and nothing
//!   after the rule was met. A pause after the due date still counts: the
//!   clock was running (late) and stopped.
//! - **Open pause.** While paused on the as-of date the status is `paused`
//!   and `due` is the date it would fall on if the clock restarted on the
//!   as-of date; `days_left`/`days_late` are counted to that date.
//! - **Met late.** `met` and `met_late` have no `days_left`; `met_late`
//!   gives `days_late` as the days between the due date and the day it was
//!   met (fixed, not growing with the as-of date).
//! - **No review.** After `decided` with `review: false` (and no later
//!   `directed_review`) every rule not already met is `not_applicable`.

use crate::calendar::{self, MonthsLater, Region};
use crate::error::{Error, ErrorCode, Result};
use crate::events::{Event, EventKind};
use crate::json;
use crate::rules::{Occurrence, Period, Rule, RuleSet, Trigger};
use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use serde_json::Value;
use std::fmt::Write as _;

names! {
    /// The status of a deadline as of a date (spec 4.2).
    ///
    /// ```
    /// use dhr_core::deadlines::DeadlineStatus;
    /// assert_eq!(DeadlineStatus::DueSoon.as_str(), "due_soon");
    /// assert_eq!(DeadlineStatus::from_str("met_late"), Some(DeadlineStatus::MetLate));
    /// assert_eq!(serde_json::to_value(DeadlineStatus::NotStarted).unwrap(), "not_started");
    /// ```
    pub enum DeadlineStatus {
        /// The end event happened on or before the due date. `"met"`.
        Met = "met",
        /// The end event happened after the due date. `"met_late"`.
        MetLate = "met_late",
        /// Running, more than the due-soon threshold left. `"due"`.
        Due = "due",
        /// Running, the threshold or fewer days left (0 on the due day). `"due_soon"`.
        DueSoon = "due_soon",
        /// Running, past the due date. `"overdue"`.
        Overdue = "overdue",
        /// A pausable clock stopped on the as-of date. `"paused"`.
        Paused = "paused",
        /// The start event has not happened. `"not_started"`.
        NotStarted = "not_started",
        /// The rule does not apply (no review; no such actions; no QA date). `"not_applicable"`.
        NotApplicable = "not_applicable",
    }
}

/// One rule's deadline as of a date. Serialises to exactly the keys of spec
/// 6.4, in its order.
///
/// The explanation is written when it is asked for
/// ([`Deadline::explanation`], or serialising): the deadline keeps the
/// facts it is made of (a shared copy of the rule set, the dates, the
/// pauses), so answering a status costs no text until the text is wanted.
///
/// ```
/// use chrono::NaiveDate;
/// use dhr_core::deadlines::evaluate;
/// use dhr_core::lifecycle::{Event, EventKind, Role};
/// use dhr_core::rules::RuleSet;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let log = [Event { on: d(2024, 1, 31), by: Role::Police, kind: EventKind::Notified }];
/// let out = evaluate(&RuleSet::builtin("stockton_2011")?, &log, d(2024, 2, 20), 14)?;
/// let text = serde_json::to_string(&out[0]).unwrap();
/// assert!(text.starts_with(r#"{"rule":"terms_of_reference","from":"2024-01-31","due":"2024-02-29","clamped":true,"paused_days":0,"status":"due_soon","days_left":9,"days_late":null,"citation":"#));
/// let v = out[0].to_value();
/// assert_eq!(v["due"], "2024-02-29");
/// assert_eq!(v["days_late"], serde_json::Value::Null);
/// assert_eq!(v["explanation"], out[0].explanation());
/// # Ok::<(), dhr_core::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The day the clock started (the start event's date).
    pub from: Option<NaiveDate>,
    /// The last day in time, pauses included.
    pub due: Option<NaiveDate>,
    /// Whether the month had no corresponding day, so the policy chose another.
    pub clamped: bool,
    /// Days added by pauses (0 for a rule that is not pausable).
    pub paused_days: i64,
    /// The status as of the date.
    pub status: DeadlineStatus,
    /// Days from the as-of date to the due date (0 on the due day).
    pub days_left: Option<i64>,
    /// Days past the due date (as of the date, or when met late).
    pub days_late: Option<i64>,
    /// The rule set the deadline was counted by (shared, not copied).
    set: RuleSet,
    /// The rule's index in `set`.
    index: usize,
    /// The as-of date.
    as_of: NaiveDate,
    /// What the explanation is written from.
    why: Why,
}

/// The facts an explanation is written from, by case.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Why {
    /// A QA-panel rule in a set with no meeting dates.
    NoQaMeetings,
    /// An action-plan rule whose plan (agreed on this date) has no action of its class.
    NoActions(NaiveDate),
    /// A decision not to review, on this date, still stands.
    Closed(NaiveDate),
    /// No start event yet.
    NotStarted,
    /// A QA-panel rule with no meeting on or after the start.
    NoMeetingAfter { start: NaiveDate, trigger: Trigger },
    /// The clock started: the counting, the pauses and the status.
    Timed(Timed),
}

/// The raw outcome for one rule whose clock started.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Timed {
    trigger: Trigger,
    base: MonthsLater,
    paused_now: Option<NaiveDate>,
    end: Option<NaiveDate>,
    /// The pauses that overlap the running clock (empty, not allocated, for
    /// a rule that is not pausable or a review never paused).
    pauses: Vec<Pause>,
}

/// A rule that is never returned (every deadline's index is in its set);
/// it lets [`Deadline::rule_def`] answer without a panic path.
static NO_RULE: Rule = Rule {
    id: String::new(),
    title: String::new(),
    start: Vec::new(),
    start_occurrence: Occurrence::First,
    end: Trigger::Event(crate::events::EventName::Notified),
    actions: None,
    period: Period::Days(0),
    policy: calendar::MonthEndPolicy::CorrespondingDate,
    pausable: false,
    citation: String::new(),
    marks: Vec::new(),
    note: None,
};

impl Deadline {
    /// The rule's id.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dhr_core::deadlines::evaluate;
    /// use dhr_core::rules::RuleSet;
    /// let out = evaluate(&RuleSet::builtin("guidance_2016")?, &[],
    ///                    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), 14)?;
    /// assert_eq!(out[0].rule(), "decision");
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn rule(&self) -> &str {
        &self.rule_def().id
    }

    /// The rule itself, as the rule set gives it.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dhr_core::deadlines::evaluate;
    /// use dhr_core::rules::RuleSet;
    /// let out = evaluate(&RuleSet::builtin("stockton_2011")?, &[],
    ///                    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), 14)?;
    /// assert!(out[1].rule_def().pausable);
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn rule_def(&self) -> &Rule {
        self.set.rules().get(self.index).unwrap_or(&NO_RULE)
    }

    /// The rule's source.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dhr_core::deadlines::evaluate;
    /// use dhr_core::rules::RuleSet;
    /// let out = evaluate(&RuleSet::builtin("stockton_2011")?, &[],
    ///                    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), 14)?;
    /// assert_eq!(out[0].citation(), "Stockton DHR procedure 2011, Timescales");
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn citation(&self) -> &str {
        &self.rule_def().citation
    }

    /// A sentence for a report: start, period, counting, clamping, pauses,
    /// status, source. Written on each call.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dhr_core::deadlines::evaluate;
    /// use dhr_core::lifecycle::{Event, EventKind, Role};
    /// use dhr_core::rules::RuleSet;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let log = [Event { on: d(2024, 1, 31), by: Role::Police, kind: EventKind::Notified }];
    /// let out = evaluate(&RuleSet::builtin("stockton_2011")?, &log, d(2024, 2, 20), 14)?;
    /// assert!(out[0].explanation().starts_with(
    ///     "Terms of reference agreed: due within 1 calendar month of the day the CSP was \
    ///      notified of the death (31 January 2024)."));
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn explanation(&self) -> String {
        let mut s = String::with_capacity(768);
        let _ = write!(s, "{}", Explained(self));
        s
    }

    /// The deadline as JSON (spec 6.4).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dhr_core::deadlines::evaluate;
    /// use dhr_core::rules::RuleSet;
    /// let out = evaluate(&RuleSet::builtin("guidance_2016")?, &[],
    ///                    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), 14)?;
    /// assert_eq!(out[0].to_value()["status"], "not_started");
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl std::fmt::Debug for Deadline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deadline")
            .field("rule", &self.rule())
            .field("from", &self.from)
            .field("due", &self.due)
            .field("clamped", &self.clamped)
            .field("paused_days", &self.paused_days)
            .field("status", &self.status)
            .field("days_left", &self.days_left)
            .field("days_late", &self.days_late)
            .field("citation", &self.citation())
            .field("explanation", &self.explanation())
            .finish()
    }
}

/// An optional date as `"YYYY-MM-DD"` or null.
struct OptDate(Option<NaiveDate>);

impl Serialize for OptDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        json::date_format::option::serialize(&self.0, s)
    }
}

impl Serialize for Deadline {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Deadline", 10)?;
        st.serialize_field("rule", self.rule())?;
        st.serialize_field("from", &OptDate(self.from))?;
        st.serialize_field("due", &OptDate(self.due))?;
        st.serialize_field("clamped", &self.clamped)?;
        st.serialize_field("paused_days", &self.paused_days)?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("days_left", &self.days_left)?;
        st.serialize_field("days_late", &self.days_late)?;
        st.serialize_field("citation", self.citation())?;
        // Written straight into the answer, not into a String first.
        st.serialize_field("explanation", &Collected(Explained(self)))?;
        st.end()
    }
}

/// A `Display` value serialised as one string ([`serde::Serializer::collect_str`]).
struct Collected<T>(T);

impl<T: std::fmt::Display> Serialize for Collected<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// A pause of the review: from `paused` up to, not including, `resumed`
/// (`None` while still paused).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pause {
    from: NaiveDate,
    until: Option<NaiveDate>,
}

/// Every rule's deadline as of `as_of`, in the rule set's order.
///
/// `events` is an accepted log (the lifecycle module has checked its order,
/// roles and prerequisites); events dated after `as_of` are ignored, so the
/// answer is the review as it stood that day. `due_soon_days` is the
/// threshold of `due_soon` (14 by default in the spec).
///
/// # Errors
///
/// [`ErrorCode::AmbiguousDate`] when a rule's policy is `refuse` and its end
/// month has no corresponding day; [`ErrorCode::DateOutOfRange`] when a due
/// date falls after 2199-12-31 or a working-day count leaves the bank-holiday
/// data's coverage. The path names the start event (`events[3].on`).
///
/// # Example
///
/// The spec's 6.3 log as of 1 September 2024: the decision to review on
/// 12 February starts the 6-month submission clock (due 12 August), and the
/// pause from 1 May to 1 July (61 days) moves it to 12 October.
///
/// ```
/// use chrono::NaiveDate;
/// use dhr_core::deadlines::{evaluate, DeadlineStatus};
/// use dhr_core::lifecycle::{Event, EventKind, PauseReason, Role};
/// use dhr_core::rules::RuleSet;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let log = [
///     Event { on: d(2024, 1, 31), by: Role::Police, kind: EventKind::Notified },
///     Event { on: d(2024, 2, 12), by: Role::Csp, kind: EventKind::Decided { review: true, reasons: None } },
///     Event { on: d(2024, 5, 1), by: Role::Chair, kind: EventKind::Paused { reason: PauseReason::CriminalProceedings } },
///     Event { on: d(2024, 7, 1), by: Role::Chair, kind: EventKind::Resumed },
/// ];
/// let out = evaluate(&RuleSet::builtin("stockton_2011")?, &log, d(2024, 9, 1), 14)?;
/// let sub = &out[1];
/// assert_eq!(sub.rule(), "home_office_submission");
/// assert_eq!((sub.from, sub.due, sub.paused_days), (Some(d(2024, 2, 12)), Some(d(2024, 10, 12)), 61));
/// assert_eq!((sub.status, sub.days_left), (DeadlineStatus::Due, Some(41)));
/// assert!(sub.explanation().contains("61 days"));
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn evaluate(
    rules: &RuleSet,
    events: &[Event],
    as_of: NaiveDate,
    due_soon_days: u32,
) -> Result<Vec<Deadline>> {
    Ok(evaluate_counted(rules, events, &[], as_of, due_soon_days)?.deadlines)
}

/// The deadlines of a log with corrections, and each action's own
/// deadline (spec 8.4, 8.5).
#[derive(Debug, Clone)]
pub struct Evaluated {
    /// Every rule's deadline, in the rule set's order.
    pub deadlines: Vec<Deadline>,
    /// Each action, in the order agreed, then added.
    pub actions: Vec<ActionDeadline>,
}

/// [`evaluate`] over a log whose events at the indices `uncounted`
/// (ascending: voided events and voids, spec 8.4) count as never recorded;
/// paths still name the stored indices. Also gives each action's own
/// deadline (spec 8.5).
///
/// ```
/// use chrono::NaiveDate;
/// use dhr_core::deadlines::{evaluate_counted, DeadlineStatus};
/// use dhr_core::lifecycle::Review;
/// use dhr_core::rules::RuleSet;
/// let review = Review::from_json(r#"{"schema_version": 1, "rules": "guidance_2016", "events": [
///   {"on": "2024-01-31", "event": "notified", "by": "police"},
///   {"on": "2024-02-12", "event": "decided", "by": "csp", "review": true},
///   {"on": "2024-02-14", "event": "panel_commissioned", "by": "csp"},
///   {"on": "2024-02-15", "event": "chair_appointed", "by": "csp"},
///   {"on": "2024-03-01", "event": "terms_of_reference_agreed", "by": "chair"},
///   {"on": "2024-07-01", "event": "overview_drafted", "by": "chair"},
///   {"on": "2024-07-10", "event": "overview_quality_assured", "by": "panel"},
///   {"on": "2024-08-31", "event": "action_plan_agreed", "by": "panel",
///    "actions": [{"id": "A1", "within": "1_month", "owner": "Police"}]}]}"#)?;
/// let d = NaiveDate::from_ymd_opt(2024, 9, 2).unwrap();
/// let out = evaluate_counted(review.rules(), review.events(), &[], d, 14)?;
/// let a1 = &out.actions[0];
/// assert_eq!((a1.due, a1.clamped, a1.status, a1.days_left),
///            (NaiveDate::from_ymd_opt(2024, 9, 30), true, DeadlineStatus::Due, Some(28)));
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn evaluate_counted(
    rules: &RuleSet,
    events: &[Event],
    uncounted: &[usize],
    as_of: NaiveDate,
    due_soon_days: u32,
) -> Result<Evaluated> {
    let mut ctx = Context {
        set: rules,
        events,
        uncounted,
        as_of,
        threshold: i64::from(due_soon_days),
        closed: None,
        pauses: Vec::new(),
    };
    ctx.closed = closed_on(ctx.log());
    ctx.pauses = pauses(ctx.log());
    let actions = ctx.action_clocks()?;
    let deadlines = rules
        .rules()
        .iter()
        .enumerate()
        .map(|(i, r)| ctx.rule(i, r, &actions))
        .collect::<Result<Vec<_>>>()?;
    Ok(Evaluated {
        deadlines,
        actions: actions.into_iter().map(|c| c.answer).collect(),
    })
}

/// One action's own deadline (spec 8.5 `actions`). Serialises to the keys
/// of spec 8.5, in its order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionDeadline {
    /// The action's id.
    pub id: String,
    /// Its class.
    pub within: crate::events::ActionWithin,
    /// The agency responsible, if named.
    pub owner: Option<String>,
    /// The day its clock started (the plan's date, or the `action_added`
    /// date); null when the rule set has no rule for its class.
    #[serde(with = "json::date_format::option")]
    pub from: Option<NaiveDate>,
    /// The last day in time, pauses included (null without a rule).
    #[serde(with = "json::date_format::option")]
    pub due: Option<NaiveDate>,
    /// Whether the month had no corresponding day.
    pub clamped: bool,
    /// Days added by pauses (0 for a rule that is not pausable).
    pub paused_days: i64,
    /// The status as of the date.
    pub status: DeadlineStatus,
    /// Days from the as-of date to the due date.
    pub days_left: Option<i64>,
    /// Days past the due date (as of the date, or when completed late).
    pub days_late: Option<i64>,
    /// When it was completed.
    #[serde(with = "json::date_format::option")]
    pub completed_on: Option<NaiveDate>,
}

/// An action's answer, with the class rule's deadline counted for it.
struct ActionClock {
    answer: ActionDeadline,
    /// The deadline of the class rule counted for this action (`None`
    /// without a rule for its class).
    deadline: Option<Deadline>,
}

/// The date of a decision not to review that still stands (no later
/// `directed_review`).
fn closed_on<'a>(log: impl Iterator<Item = (usize, &'a Event)>) -> Option<NaiveDate> {
    let mut closed = None;
    for (_, e) in log {
        match e.kind {
            EventKind::Decided { review: false, .. } => closed = Some(e.on),
            EventKind::DirectedReview | EventKind::Decided { review: true, .. } => closed = None,
            _ => {}
        }
    }
    closed
}

fn pauses<'a>(log: impl Iterator<Item = (usize, &'a Event)>) -> Vec<Pause> {
    let mut out: Vec<Pause> = Vec::new();
    for (_, e) in log {
        match e.kind {
            // An accepted log never pauses twice; if it did, the first
            // pause would stand until the next resume.
            EventKind::Paused { .. } if out.last().is_none_or(|p| p.until.is_some()) => {
                out.push(Pause {
                    from: e.on,
                    until: None,
                });
            }
            EventKind::Resumed => {
                if let Some(p) = out.last_mut().filter(|p| p.until.is_none()) {
                    p.until = Some(e.on);
                }
            }
            _ => {}
        }
    }
    out
}

struct Context<'a> {
    set: &'a RuleSet,
    /// The whole log given; only the events on or before `as_of` count
    /// ([`Context::log`]), each with its index in `events`.
    events: &'a [Event],
    /// The indices of events that count as never recorded, ascending.
    uncounted: &'a [usize],
    as_of: NaiveDate,
    threshold: i64,
    closed: Option<NaiveDate>,
    pauses: Vec<Pause>,
}

/// The clock of one rule that started, before its status is decided.
struct Timing {
    from: NaiveDate,
    base: MonthsLater,
    due: NaiveDate,
    paused_days: i64,
    paused_now: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

impl<'a> Context<'a> {
    /// The events dated on or before `as_of`, each with its index.
    fn log(&self) -> impl DoubleEndedIterator<Item = (usize, &'a Event)> {
        let as_of = self.as_of;
        let uncounted = self.uncounted;
        self.events
            .iter()
            .enumerate()
            .filter(move |(i, e)| e.on <= as_of && uncounted.binary_search(i).is_err())
    }

    /// Every action agreed or added up to the as-of date, with its own
    /// deadline by its class's rule (spec 8.5).
    fn action_clocks(&self) -> Result<Vec<ActionClock>> {
        let mut out = Vec::new();
        let mut added = Vec::new();
        for (i, e) in self.log() {
            match &e.kind {
                EventKind::ActionPlanAgreed { actions } => {
                    out.extend(actions.iter().map(|a| (i, e, a)));
                }
                EventKind::ActionAdded { action } => added.push((i, e, action)),
                _ => {}
            }
        }
        out.extend(added);
        out.into_iter()
            .map(|(start_idx, start, action)| {
                let completed_on = self
                    .log()
                    .filter(|(j, _)| *j > start_idx)
                    .find(|(_, e)| {
                        matches!(&e.kind, EventKind::ActionCompleted { id } if *id == action.id)
                    })
                    .map(|(_, e)| e.on);
                let mut answer = ActionDeadline {
                    id: action.id.clone(),
                    within: action.within,
                    owner: action.owner.clone(),
                    from: None,
                    due: None,
                    clamped: false,
                    paused_days: 0,
                    status: DeadlineStatus::NotApplicable,
                    days_left: None,
                    days_late: None,
                    completed_on,
                };
                let rule = self
                    .set
                    .rules()
                    .iter()
                    .enumerate()
                    .find(|(_, r)| r.actions == Some(action.within));
                let deadline = match rule {
                    None => None,
                    Some((index, rule)) => {
                        let d = self.timed(index, rule, start_idx, start, completed_on)?;
                        answer.from = d.from;
                        answer.due = d.due;
                        answer.clamped = d.clamped;
                        answer.paused_days = d.paused_days;
                        answer.status = d.status;
                        answer.days_left = d.days_left;
                        answer.days_late = d.days_late;
                        Some(d)
                    }
                };
                Ok(ActionClock { answer, deadline })
            })
            .collect()
    }

    /// An action-plan rule (spec 8.5): while an action of its class is
    /// outstanding, the deadline of the outstanding one with the earliest
    /// due date; once all are completed, `met` (or `met_late` if any was
    /// late, `days_late` the most days any was late) with the dates of the
    /// one with the latest due date.
    fn class_rule(
        &self,
        index: usize,
        class: crate::events::ActionWithin,
        plan: NaiveDate,
        actions: &[ActionClock],
    ) -> Deadline {
        let clocks: Vec<&Deadline> = actions
            .iter()
            .filter(|c| c.answer.within == class)
            .filter_map(|c| c.deadline.as_ref())
            .filter(|d| d.index == index)
            .collect();
        let done =
            |d: &&Deadline| matches!(d.status, DeadlineStatus::Met | DeadlineStatus::MetLate);
        let outstanding = clocks.iter().filter(|d| !done(d)).min_by_key(|d| d.due);
        if let Some(d) = outstanding {
            return (*d).clone();
        }
        // The latest due date; of equal ones, the one completed last.
        let ended = |d: &Deadline| match &d.why {
            Why::Timed(t) => t.end,
            _ => None,
        };
        let latest = clocks.iter().max_by_key(|d| (d.due, ended(d)));
        let Some(latest) = latest else {
            return self.deadline(index, DeadlineStatus::NotApplicable, Why::NoActions(plan));
        };
        let mut d = (*latest).clone();
        let late = clocks.iter().filter_map(|d| d.days_late).max();
        if let Some(n) = late {
            d.status = DeadlineStatus::MetLate;
            d.days_late = Some(n);
        }
        d
    }

    fn deadline(&self, index: usize, status: DeadlineStatus, why: Why) -> Deadline {
        Deadline {
            from: None,
            due: None,
            clamped: false,
            paused_days: 0,
            status,
            days_left: None,
            days_late: None,
            set: self.set.clone(),
            index,
            as_of: self.as_of,
            why,
        }
    }

    fn rule(&self, index: usize, rule: &Rule, actions: &[ActionClock]) -> Result<Deadline> {
        let na = |why| Ok(self.deadline(index, DeadlineStatus::NotApplicable, why));
        if rule.period == Period::NextQaPanelMeeting && self.set.qa_panel_meetings().is_empty() {
            return na(Why::NoQaMeetings);
        }
        let start = self.start(rule);
        let end_date = match start {
            Some((idx, _)) if rule.actions.is_none() => self.end(rule, idx),
            _ => None,
        };
        let Some((start_idx, start_event)) = start else {
            return match self.closed {
                Some(c) => na(Why::Closed(c)),
                None => Ok(self.deadline(index, DeadlineStatus::NotStarted, Why::NotStarted)),
            };
        };
        if let Some(class) = rule.actions {
            if self.closed.is_none() {
                return Ok(self.class_rule(index, class, start_event.on, actions));
            }
        }
        if let (None, Some(c)) = (end_date, self.closed) {
            return na(Why::Closed(c));
        }
        self.timed(index, rule, start_idx, start_event, end_date)
    }

    /// The deadline of a rule whose clock started at `start_event` (index
    /// `start_idx`) and ended on `end_date`, if it has.
    fn timed(
        &self,
        index: usize,
        rule: &Rule,
        start_idx: usize,
        start_event: &Event,
        end_date: Option<NaiveDate>,
    ) -> Result<Deadline> {
        let na = |why| Ok(self.deadline(index, DeadlineStatus::NotApplicable, why));
        let trigger = trigger_of(rule, start_event);
        let Some(t) = self.timing(rule, start_idx, start_event.on, end_date)? else {
            return na(Why::NoMeetingAfter {
                start: start_event.on,
                trigger,
            });
        };

        let mut d = self.deadline(index, DeadlineStatus::Due, Why::NotStarted);
        d.from = Some(t.from);
        d.due = Some(t.due);
        d.clamped = t.base.clamped;
        d.paused_days = t.paused_days;
        let diff = (t.due - self.as_of).num_days();
        if let Some(e) = t.end {
            let late = (e - t.due).num_days();
            if late <= 0 {
                d.status = DeadlineStatus::Met;
            } else {
                d.status = DeadlineStatus::MetLate;
                d.days_late = Some(late);
            }
        } else {
            d.status = if t.paused_now.is_some() {
                DeadlineStatus::Paused
            } else if diff < 0 {
                DeadlineStatus::Overdue
            } else if diff <= self.threshold {
                DeadlineStatus::DueSoon
            } else {
                DeadlineStatus::Due
            };
            if diff >= 0 {
                d.days_left = Some(diff);
            } else {
                d.days_late = Some(-diff);
            }
        }
        // The pauses the explanation names: those overlapping the running clock.
        let pauses = if rule.pausable {
            self.pauses
                .iter()
                .filter(|p| {
                    let until = p.until.unwrap_or(self.as_of);
                    until > t.from && t.end.is_none_or(|e| p.from < e)
                })
                .copied()
                .collect()
        } else {
            Vec::new()
        };
        d.why = Why::Timed(Timed {
            trigger,
            base: t.base,
            paused_now: t.paused_now,
            end: t.end,
            pauses,
        });
        Ok(d)
    }

    /// The start event that counts: `(index in log, event)`.
    fn start(&self, rule: &Rule) -> Option<(usize, &'a Event)> {
        let mut hits = self
            .log()
            .filter(|(_, e)| rule.start.iter().any(|t| t.matches(e)));
        match rule.start_occurrence {
            Occurrence::First => hits.next(),
            Occurrence::Last => hits.next_back(),
        }
    }

    fn end(&self, rule: &Rule, start_idx: usize) -> Option<NaiveDate> {
        self.log()
            .filter(|(i, _)| *i > start_idx)
            .find(|(_, e)| rule.end.matches(e))
            .map(|(_, e)| e.on)
    }

    fn timing(
        &self,
        rule: &Rule,
        start_idx: usize,
        from: NaiveDate,
        end: Option<NaiveDate>,
    ) -> Result<Option<Timing>> {
        let at_start = |e: Error| {
            Error::new(
                e.code(),
                json::child(&json::item("events", start_idx), "on"),
                format!("rule {}: {}", rule.id, e.message()),
            )
        };
        let base = match rule.period {
            Period::Months(n) => calendar::add_months(from, n, rule.policy).map_err(at_start)?,
            Period::Days(n) => MonthsLater {
                date: from
                    .checked_add_days(Days::new(u64::from(n)))
                    .ok_or_else(|| at_start(past_range()))?,
                clamped: false,
            },
            Period::WorkingDays(n, region) => MonthsLater {
                date: calendar::add_working_days(from, n, region).map_err(at_start)?,
                clamped: false,
            },
            Period::NextQaPanelMeeting => {
                match self.set.qa_panel_meetings().iter().find(|m| **m >= from) {
                    Some(m) => MonthsLater {
                        date: *m,
                        clamped: false,
                    },
                    None => return Ok(None),
                }
            }
        };
        json::check_range(base.date, "").map_err(|_| at_start(past_range()))?;
        let (paused_days, paused_now) = if rule.pausable {
            let clock_end = end.unwrap_or(self.as_of);
            let mut days = 0i64;
            let mut now = None;
            for p in &self.pauses {
                let until = p.until.unwrap_or(self.as_of);
                let lo = p.from.max(from);
                let hi = until.min(clock_end);
                if hi > lo {
                    days += (hi - lo).num_days();
                }
                if p.until.is_none() && end.is_none() {
                    now = Some(p.from);
                }
            }
            (days, now)
        } else {
            (0, None)
        };
        let due = u64::try_from(paused_days)
            .ok()
            .and_then(|n| base.date.checked_add_days(Days::new(n)))
            .filter(|d| *d <= json::MAX_DATE)
            .ok_or_else(|| at_start(past_range()))?;
        Ok(Some(Timing {
            from,
            base,
            due,
            paused_days,
            paused_now,
            end,
        }))
    }
}

/// The trigger `event` is an instance of, for the explanation.
fn trigger_of(rule: &Rule, event: &Event) -> Trigger {
    rule.start
        .iter()
        .copied()
        .find(|t| t.matches(event))
        .unwrap_or(Trigger::Event(event.kind.name()))
}

fn past_range() -> Error {
    Error::new(
        ErrorCode::DateOutOfRange,
        "",
        "the due date falls after 2199-12-31",
    )
}

/// A deadline's explanation, written straight into the formatter.
struct Explained<'a>(&'a Deadline);

impl std::fmt::Display for Explained<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.0;
        let rule = d.rule_def();
        let title = Capitalised(&rule.title);
        let source = Source(rule);
        match &d.why {
            Why::NoQaMeetings => write!(
                f,
                "{title}: not applicable. The rule set {} holds no meeting dates of the Home \
                 Office Quality Assurance Panel, so no date can be given; a rule set with \
                 qa_panel_meetings gives the panel's next meeting on or after submission.{source}",
                d.set.id()
            ),
            Why::NoActions(plan) => {
                let class = match rule.actions {
                    Some(crate::events::ActionWithin::OneMonth) => "within one month",
                    _ => "within six months",
                };
                write!(
                    f,
                    "{title}: not applicable. The action plan agreed on {} has no actions to be \
                     carried out {class}.{source}",
                    LongDate(*plan)
                )
            }
            Why::Closed(closed) => write!(
                f,
                "{title}: not applicable. On {} the CSP decided not to hold a review (and no \
                 review has been directed since).{source}",
                LongDate(*closed)
            ),
            Why::NotStarted => write!(
                f,
                "{title}: not started. None of the events that start its clock has happened \
                 yet ({}); once one has, it runs for {}.{source}",
                Triggers(&rule.start),
                rule.period
            ),
            Why::NoMeetingAfter { start, trigger } => write!(
                f,
                "{title}: not applicable. The rule set {} holds no meeting of the Home Office \
                 Quality Assurance Panel on or after {} (the day {}).{source}",
                d.set.id(),
                LongDate(*start),
                trigger.phrase()
            ),
            Why::Timed(t) => {
                write_timed(f, d, rule, t)?;
                write!(f, "{source}")
            }
        }
    }
}

/// The explanation of a rule whose clock started, less its source.
fn write_timed(
    f: &mut std::fmt::Formatter<'_>,
    d: &Deadline,
    rule: &Rule,
    t: &Timed,
) -> std::fmt::Result {
    let title = Capitalised(&rule.title);
    let phrase = t.trigger.phrase();
    // The clock's start and due dates are always set for a started rule.
    let from = d.from.unwrap_or(d.as_of);
    let due = d.due.unwrap_or(d.as_of);
    // Start and period.
    match rule.period {
        Period::NextQaPanelMeeting => write!(
            f,
            "{title}: expected at the Home Office Quality Assurance Panel's first meeting \
             on or after the day {phrase} ({}), which is on {}.",
            LongDate(from),
            LongDate(t.base.date)
        )?,
        Period::Months(n) => {
            write!(
                f,
                "{title}: due within {} of the day {phrase} ({}). Counted by the corresponding \
                 date rule (Dodds v Walker [1981] 1 WLR 1027: the day of the event excluded, the \
                 period ends on the same day-number {} later), ",
                rule.period,
                LongDate(from),
                if n == 1 {
                    "a month"
                } else {
                    "that many months"
                },
            )?;
            if t.base.clamped {
                let (y, m) = month_of_end(from, n);
                write!(
                    f,
                    "but {} {y} has no {}, so under the {} policy the period ends on {}{}.",
                    crate::json::month_name(m),
                    Ordinal(from.day()),
                    rule.policy.as_str(),
                    if rule.policy == calendar::MonthEndPolicy::RoundUp {
                        "the 1st of the following month, "
                    } else {
                        "the last day of that month, "
                    },
                    LongDate(t.base.date)
                )?;
            } else {
                write!(f, "it ends on {}.", LongDate(t.base.date))?;
            }
        }
        Period::Days(_) => write!(
            f,
            "{title}: due within {} of the day {phrase} ({}), the day of the event excluded: {}.",
            rule.period,
            LongDate(from),
            LongDate(t.base.date)
        )?,
        Period::WorkingDays(_, region) => {
            let version = calendar::bank_holidays(region).map_or("", |l| l.version.as_str());
            write!(
                f,
                "{title}: due within {} of the day {phrase} ({}), not counting that day, \
                 Saturdays, Sundays or bank holidays of {} (bank-holiday data version {}): {}.",
                rule.period,
                LongDate(from),
                region_name(region),
                version,
                LongDate(t.base.date)
            )?;
        }
    }
    // Pauses.
    if rule.pausable {
        if t.pauses.is_empty() {
            f.write_str(" No pauses.")?;
        } else {
            f.write_str(" The clock stops while the review is paused (paused ")?;
            for (i, p) in t.pauses.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                match p.until {
                    Some(u) => write!(f, "{} to {}", LongDate(p.from), LongDate(u))?,
                    None => write!(f, "since {}", LongDate(p.from))?,
                }
            }
            write!(
                f,
                "); {} {} stopped{}, so the date moves from {} to {}.",
                PluralDays(d.paused_days),
                if d.paused_days == 1 { "was" } else { "were" },
                if t.pauses.iter().any(|p| p.from < from) {
                    " (only the part of a pause after the clock started counts)"
                } else {
                    ""
                },
                LongDate(t.base.date),
                LongDate(due)
            )?;
        }
    }
    // Status.
    let as_of = LongDate(d.as_of);
    match d.status {
        DeadlineStatus::Met | DeadlineStatus::MetLate => {
            let e = t.end.unwrap_or(d.as_of);
            write!(f, " Met on {}", LongDate(e))?;
            match (due - e).num_days() {
                0 => f.write_str(", the due day itself.")?,
                m if m > 0 => write!(f, ", {} before the due date.", PluralDays(m))?,
                m => write!(f, ", late: {} after the due date.", PluralDays(-m))?,
            }
        }
        DeadlineStatus::Paused => {
            let since = t.paused_now.unwrap_or(d.as_of);
            write!(
                f,
                " As of {as_of} the review has been paused since {}: if the clock restarted \
                 that day, it would be due on {}",
                LongDate(since),
                LongDate(due),
            )?;
            match (d.days_left, d.days_late) {
                (Some(n), _) => write!(f, ", {} later", PluralDays(n))?,
                (_, Some(n)) => write!(f, ", already {} late", PluralDays(n))?,
                _ => {}
            }
            f.write_str(".")?;
        }
        DeadlineStatus::Overdue => write!(
            f,
            " As of {as_of}: overdue by {}.",
            PluralDays(d.days_late.unwrap_or(0))
        )?,
        _ => match d.days_left {
            Some(0) => write!(f, " As of {as_of}: due today, which is still in time.")?,
            Some(n) => write!(
                f,
                " As of {as_of}: {}{} left.",
                if d.status == DeadlineStatus::DueSoon {
                    "due soon, "
                } else {
                    ""
                },
                PluralDays(n)
            )?,
            None => {}
        },
    }
    Ok(())
}

fn month_of_end(from: NaiveDate, months: u32) -> (i32, u32) {
    let idx = i64::from(from.year()) * 12 + i64::from(from.month0()) + i64::from(months);
    (
        i32::try_from(idx.div_euclid(12)).unwrap_or(i32::MAX),
        u32::try_from(idx.rem_euclid(12)).unwrap_or(0) + 1,
    )
}

/// "31 January 2024".
struct LongDate(NaiveDate);

impl std::fmt::Display for LongDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.0;
        write!(
            f,
            "{} {} {}",
            d.day(),
            crate::json::month_name(d.month()),
            d.year()
        )
    }
}

/// "1st", "2nd", "11th", ...
struct Ordinal(u32);

impl std::fmt::Display for Ordinal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0;
        let suffix = match (n % 10, n % 100) {
            (1, 11) | (2, 12) | (3, 13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        write!(f, "{n}{suffix}")
    }
}

/// "1 day", "3 days".
struct PluralDays(i64);

impl std::fmt::Display for PluralDays {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 == 1 {
            f.write_str("1 day")
        } else {
            write!(f, "{} days", self.0)
        }
    }
}

/// The text with its first character in upper case.
struct Capitalised<'a>(&'a str);

impl std::fmt::Display for Capitalised<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut c = self.0.chars();
        if let Some(first) = c.next() {
            for u in crate::upper::to_upper(first) {
                f.write_char(u)?;
            }
            f.write_str(c.as_str())?;
        }
        Ok(())
    }
}

/// " Source: <citation> [<marks>]."
struct Source<'a>(&'a Rule);

impl std::fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, " Source: {} [", self.0.citation)?;
        for (i, m) in self.0.marks.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(m.as_str())?;
        }
        f.write_str("].")
    }
}

/// The start triggers' phrases joined by "; or ".
struct Triggers<'a>(&'a [Trigger]);

impl std::fmt::Display for Triggers<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, t) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; or ")?;
            }
            f.write_str(t.phrase())?;
        }
        Ok(())
    }
}

fn region_name(r: Region) -> &'static str {
    match r {
        Region::EnglandAndWales => "England and Wales",
        Region::Scotland => "Scotland",
        Region::NorthernIreland => "Northern Ireland",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    //! The explanations' cases reached by generated logs. The answers
    //! themselves are compared, byte for byte, with the frozen ones of the
    //! writer they replaced in `tests/deadline_explanations.rs`
    //! (`tests/fixtures/explanations/`).
    use super::*;
    use crate::lifecycle::{Action, ActionWithin, EventName, Log, PauseReason, QaResult};

    /// A small deterministic generator (xorshift).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    const AGENCIES: [&str; 3] = ["Police", "Housing", "GP practice"];

    fn kind_of(name: EventName, r: &mut Rng) -> EventKind {
        let p = r.below(1000);
        let agency = AGENCIES[p % 3].to_string();
        let text = |s: &str| Some(s.to_string().into());
        match name {
            EventName::Notified => EventKind::Notified,
            EventName::Decided => {
                let review = p % 4 != 0;
                EventKind::Decided {
                    review,
                    reasons: if review { None } else { text("why") },
                }
            }
            EventName::HomeOfficeInformed => EventKind::HomeOfficeInformed,
            EventName::DirectedReview => EventKind::DirectedReview,
            EventName::PanelCommissioned => EventKind::PanelCommissioned,
            EventName::ChairAppointed => EventKind::ChairAppointed,
            EventName::TermsOfReferenceAgreed => EventKind::TermsOfReferenceAgreed {
                look_back_from: None,
            },
            EventName::RecordsSecured => EventKind::RecordsSecured,
            EventName::ImrCommissioned => EventKind::ImrCommissioned { agency },
            EventName::ImrSubmitted => EventKind::ImrSubmitted { agency },
            EventName::ImrQualityAssured => EventKind::ImrQualityAssured { agency },
            EventName::StaffDebriefed => EventKind::StaffDebriefed { agency },
            EventName::ImrWithdrawn => EventKind::ImrWithdrawn {
                agency,
                reason: "no involvement".to_string().into(),
            },
            EventName::FamilyContactNamed => EventKind::FamilyContactNamed,
            EventName::FamilyLeafletGiven => EventKind::FamilyLeafletGiven,
            EventName::AdvocacyOffered => EventKind::AdvocacyOffered,
            EventName::FamilyInformed => EventKind::FamilyInformed,
            EventName::FamilyContacted => EventKind::FamilyContacted { note: None },
            EventName::FamilyDraftShared => EventKind::FamilyDraftShared,
            EventName::OverviewDrafted => EventKind::OverviewDrafted {
                outstanding_imr_reason: if p % 2 == 0 { text("late") } else { None },
            },
            EventName::OverviewQualityAssured => EventKind::OverviewQualityAssured,
            EventName::ActionPlanAgreed => EventKind::ActionPlanAgreed {
                actions: (0..(p % 4))
                    .map(|i| Action {
                        id: format!("A{i}"),
                        within: if (p / 4 + i) % 2 == 0 {
                            ActionWithin::SixMonths
                        } else {
                            ActionWithin::OneMonth
                        },
                        owner: None,
                    })
                    .collect(),
            },
            EventName::ActionCompleted => EventKind::ActionCompleted {
                id: format!("A{}", p % 4),
            },
            EventName::ActionAdded => EventKind::ActionAdded {
                action: Action {
                    id: format!("B{}", p % 4),
                    within: if p % 2 == 0 {
                        ActionWithin::SixMonths
                    } else {
                        ActionWithin::OneMonth
                    },
                    owner: None,
                },
            },
            EventName::SubmittedToHomeOffice => EventKind::SubmittedToHomeOffice,
            EventName::QaOutcome => EventKind::QaOutcome {
                result: [
                    QaResult::Approved,
                    QaResult::ApprovedWithChanges,
                    QaResult::Resubmit,
                ][p % 3],
            },
            EventName::Published => EventKind::Published,
            EventName::CommissionerCopySent => EventKind::CommissionerCopySent,
            EventName::Paused => EventKind::Paused {
                reason: PauseReason::Other,
            },
            EventName::Resumed => EventKind::Resumed,
            EventName::Voided => EventKind::Voided {
                voids: p % 8,
                reason: "keyed in error".to_string().into(),
            },
        }
    }

    /// A log walked along `next`, dates from 2023-12-20 with gaps of 0 to 60
    /// days (month ends and leap days included).
    fn walk(r: &mut Rng, steps: usize) -> Vec<Event> {
        let mut log = Log::new();
        let mut on = NaiveDate::from_ymd_opt(2023, 12, 20).unwrap();
        for _ in 0..steps {
            let next = log.next();
            if next.is_empty() {
                break;
            }
            let entry = &next[r.below(next.len())];
            let by = entry.by[r.below(entry.by.len())];
            on = on + Days::new(r.below(61) as u64);
            let _ = log.apply(Event::new(on, by, kind_of(entry.event, r)));
        }
        log.events().to_vec()
    }

    fn sets() -> Vec<RuleSet> {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let custom = RuleSet::from_value(
            &serde_json::json!({"id": "custom", "title": "Custom", "rules": [
                {"id": "a", "title": "panel commissioned", "start": ["decided_review", "directed_review"],
                 "start_occurrence": "last", "end": "panel_commissioned",
                 "period": {"unit": "working_days", "count": 15}, "pausable": true,
                 "citation": "c", "marks": ["P", "U"]},
                {"id": "b", "title": "chair appointed", "start": ["panel_commissioned"], "end": "chair_appointed",
                 "period": {"unit": "days", "count": 1}, "pausable": true, "citation": "c", "marks": ["P"]},
                {"id": "c", "title": "terms agreed", "start": ["notified"], "end": "terms_of_reference_agreed",
                 "period": {"unit": "months", "count": 1}, "policy": "round_up", "pausable": true,
                 "citation": "c", "marks": ["G"]},
                {"id": "e", "title": "draft", "start": ["decided_no_review", "decided"], "end": "overview_drafted",
                 "period": {"unit": "working_days", "count": 1, "region": "scotland"},
                 "citation": "c", "marks": ["S"]},
                {"id": "f", "title": "qa", "start": ["submitted_to_home_office"], "start_occurrence": "last",
                 "end": "qa_outcome", "period": {"unit": "next_qa_panel_meeting"}, "pausable": true,
                 "citation": "c", "marks": ["P"]}
            ]}),
            "",
        )
        .unwrap();
        let mut out: Vec<RuleSet> = crate::rules::BUILTIN_IDS
            .iter()
            .map(|id| RuleSet::builtin(id).unwrap())
            .collect();
        let meetings = vec![
            d(2024, 3, 12),
            d(2024, 9, 11),
            d(2025, 3, 12),
            d(2026, 1, 14),
        ];
        out.push(out[0].clone().with_qa_panel_meetings(meetings.clone()));
        out.push(custom.clone());
        out.push(custom.with_qa_panel_meetings(meetings));
        out
    }

    #[test]
    fn every_kind_of_explanation_is_reached() {
        // The comparison above is only as good as the cases it reaches.
        let sets = sets();
        let mut r = Rng(0x2545_F491_4F6C_DD1D);
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..1200 {
            let steps = r.below(70);
            let events = walk(&mut r, steps);
            for set in &sets {
                for e in events.iter().step_by(2) {
                    for d in evaluate(set, &events, e.on + Days::new(r.below(200) as u64), 14)
                        .unwrap_or_default()
                    {
                        let case = match &d.why {
                            Why::NoQaMeetings => "no_qa_meetings".to_string(),
                            Why::NoActions(_) => "no_actions".to_string(),
                            Why::Closed(_) => "closed".to_string(),
                            Why::NotStarted => "not_started".to_string(),
                            Why::NoMeetingAfter { .. } => "no_meeting_after".to_string(),
                            Why::Timed(t) => format!(
                                "{}-{}-{}-{}",
                                d.status,
                                t.base.clamped,
                                t.pauses.len().min(2),
                                t.pauses.iter().any(|p| Some(p.from) < d.from)
                            ),
                        };
                        seen.insert(case);
                    }
                }
            }
        }
        for want in [
            "no_qa_meetings",
            "no_actions",
            "closed",
            "not_started",
            "no_meeting_after",
            "met-true-2-false",
            "met_late-true-0-false",
            "met_late-false-1-false",
            "overdue-false-0-false",
            "due_soon-false-0-false",
            "due-false-1-true",
            "paused-false-1-false",
            "due-false-2-false",
        ] {
            assert!(seen.contains(want), "{want} not reached: {seen:?}");
        }
    }
}
