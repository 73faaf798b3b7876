//! The explanation writer as it was before explanations became lazy
//! (issue 8), kept for the tests only: `deadlines::tests` checks that the
//! new [`Deadline`](super::Deadline) gives the same answer and the same
//! text, byte for byte, over many generated logs.
#![allow(dead_code, clippy::unwrap_used, clippy::indexing_slicing)]
use crate::calendar::{self, MonthsLater, Region};
use crate::error::{Error, ErrorCode, Result};
use crate::json;
use crate::lifecycle::{Event, EventKind};
use crate::rules::{Occurrence, Period, Rule, RuleSet, Trigger};
use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use serde_json::Value;
use std::fmt::Write as _;

names! {
    /// The status of a deadline as of a date (spec 4.2).
    ///
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// The rule's id.
    pub rule: String,
    /// The day the clock started (the start event's date).
    #[serde(with = "crate::json::date_format::option")]
    pub from: Option<NaiveDate>,
    /// The last day in time, pauses included.
    #[serde(with = "crate::json::date_format::option")]
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
    /// The rule's source.
    pub citation: String,
    /// A sentence for a report: start, period, counting, clamping, pauses, status.
    pub explanation: String,
}

impl Deadline {
    /// The deadline as JSON (spec 6.4).
    ///
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// A pause of the review: from `paused` up to, not including, `resumed`
/// (`None` while still paused).
#[derive(Debug, Clone, Copy)]
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
pub fn evaluate(
    rules: &RuleSet,
    events: &[Event],
    as_of: NaiveDate,
    due_soon_days: u32,
) -> Result<Vec<Deadline>> {
    let log: Vec<(usize, &Event)> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.on <= as_of)
        .collect();
    let ctx = Context {
        set: rules,
        log: &log,
        as_of,
        threshold: i64::from(due_soon_days),
        closed: closed_on(&log),
        pauses: pauses(&log),
    };
    rules.rules().iter().map(|r| ctx.rule(r)).collect()
}

/// The date of a decision not to review that still stands (no later
/// `directed_review`).
fn closed_on(log: &[(usize, &Event)]) -> Option<NaiveDate> {
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

fn pauses(log: &[(usize, &Event)]) -> Vec<Pause> {
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
    log: &'a [(usize, &'a Event)],
    as_of: NaiveDate,
    threshold: i64,
    closed: Option<NaiveDate>,
    pauses: Vec<Pause>,
}

/// The raw outcome for one rule before it is phrased.
struct Timing {
    from: NaiveDate,
    base: MonthsLater,
    due: NaiveDate,
    paused_days: i64,
    paused_now: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

impl Context<'_> {
    fn deadline(&self, rule: &Rule, status: DeadlineStatus, explanation: String) -> Deadline {
        Deadline {
            rule: rule.id.clone(),
            from: None,
            due: None,
            clamped: false,
            paused_days: 0,
            status,
            days_left: None,
            days_late: None,
            citation: rule.citation.clone(),
            explanation,
        }
    }

    fn rule(&self, rule: &Rule) -> Result<Deadline> {
        let title = capitalise(&rule.title);
        let source = format!(
            " Source: {} [{}].",
            rule.citation,
            rule.marks
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        if rule.period == Period::NextQaPanelMeeting && self.set.qa_panel_meetings().is_empty() {
            return Ok(self.deadline(
                rule,
                DeadlineStatus::NotApplicable,
                format!(
                    "{title}: not applicable. The rule set {} holds no meeting dates of the Home \
                     Office Quality Assurance Panel, so no date can be given; a rule set with \
                     qa_panel_meetings gives the panel's next meeting on or after submission.{source}",
                    self.set.id()
                ),
            ));
        }
        let start = self.start(rule);
        let end = match start {
            Some((idx, _)) => self.end(rule, idx)?,
            None => End::NotYet,
        };
        if let End::NoActions(plan) = end {
            let class = match rule.actions {
                Some(crate::lifecycle::ActionWithin::OneMonth) => "within one month",
                _ => "within six months",
            };
            return Ok(self.deadline(
                rule,
                DeadlineStatus::NotApplicable,
                format!(
                    "{title}: not applicable. The action plan agreed on {} has no actions to be \
                     carried out {class}.{source}",
                    long_date(plan)
                ),
            ));
        }
        let end_date = match end {
            End::At(d) => Some(d),
            _ => None,
        };
        let closed_note = |closed: NaiveDate| {
            format!(
                "{title}: not applicable. On {} the CSP decided not to hold a review (and no \
                 review has been directed since).{source}",
                long_date(closed)
            )
        };
        let Some((start_idx, start_event)) = start else {
            if let Some(c) = self.closed {
                return Ok(self.deadline(rule, DeadlineStatus::NotApplicable, closed_note(c)));
            }
            let triggers: Vec<&str> = rule.start.iter().map(|t| t.phrase()).collect();
            return Ok(self.deadline(
                rule,
                DeadlineStatus::NotStarted,
                format!(
                    "{title}: not started. None of the events that start its clock has happened \
                     yet ({}); once one has, it runs for {}.{source}",
                    triggers.join("; or "),
                    rule.period.describe()
                ),
            ));
        };
        if end_date.is_none() {
            if let Some(c) = self.closed {
                return Ok(self.deadline(rule, DeadlineStatus::NotApplicable, closed_note(c)));
            }
        }
        let Some(timing) = self.timing(rule, start_idx, start_event.on, end_date)? else {
            return Ok(self.deadline(
                rule,
                DeadlineStatus::NotApplicable,
                format!(
                    "{title}: not applicable. The rule set {} holds no meeting of the Home Office \
                     Quality Assurance Panel on or after {} (the day {}).{source}",
                    self.set.id(),
                    long_date(start_event.on),
                    self.trigger_of(rule, start_event).phrase()
                ),
            ));
        };

        let mut d = self.deadline(rule, DeadlineStatus::Due, String::new());
        d.from = Some(timing.from);
        d.due = Some(timing.due);
        d.clamped = timing.base.clamped;
        d.paused_days = timing.paused_days;
        let diff = (timing.due - self.as_of).num_days();
        if let Some(e) = timing.end {
            let late = (e - timing.due).num_days();
            if late <= 0 {
                d.status = DeadlineStatus::Met;
            } else {
                d.status = DeadlineStatus::MetLate;
                d.days_late = Some(late);
            }
        } else {
            d.status = if timing.paused_now.is_some() {
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
        d.explanation = self.explain(rule, &title, start_event, &timing, &d, &source);
        Ok(d)
    }

    /// The start event that counts: `(index in log, event)`.
    fn start(&self, rule: &Rule) -> Option<(usize, &Event)> {
        let mut hits = self
            .log
            .iter()
            .filter(|(_, e)| rule.start.iter().any(|t| t.matches(e)))
            .map(|(i, e)| (*i, *e));
        match rule.start_occurrence {
            Occurrence::First => hits.next(),
            Occurrence::Last => hits.next_back(),
        }
    }

    fn trigger_of(&self, rule: &Rule, event: &Event) -> Trigger {
        rule.start
            .iter()
            .copied()
            .find(|t| t.matches(event))
            .unwrap_or(Trigger::Event(event.kind.name()))
    }

    fn end(&self, rule: &Rule, start_idx: usize) -> Result<End> {
        let after = || self.log.iter().filter(move |(i, _)| *i > start_idx);
        let Some(class) = rule.actions else {
            return Ok(after()
                .find(|(_, e)| rule.end.matches(e))
                .map_or(End::NotYet, |(_, e)| End::At(e.on)));
        };
        // Action-plan rule: every action of the class in the plans agreed up
        // to the as-of date, each completed after the start.
        let mut plan_date = None;
        let mut ids: Vec<&str> = Vec::new();
        for (i, e) in self.log {
            if let EventKind::ActionPlanAgreed { actions } = &e.kind {
                if *i == start_idx {
                    plan_date = Some(e.on);
                }
                if *i >= start_idx {
                    ids.extend(
                        actions
                            .iter()
                            .filter(|a| a.within == class)
                            .map(|a| a.id.as_str()),
                    );
                }
            }
        }
        if ids.is_empty() {
            return Ok(End::NoActions(plan_date.unwrap_or(self.as_of)));
        }
        let mut last = None;
        for id in ids {
            let done = after().find(
                |(_, e)| matches!(&e.kind, EventKind::ActionCompleted { id: done } if done == id),
            );
            match done {
                Some((_, e)) => last = last.max(Some(e.on)),
                None => return Ok(End::NotYet),
            }
        }
        Ok(last.map_or(End::NotYet, End::At))
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

    fn explain(
        &self,
        rule: &Rule,
        title: &str,
        start: &Event,
        t: &Timing,
        d: &Deadline,
        source: &str,
    ) -> String {
        let trigger = self.trigger_of(rule, start);
        let mut s = String::new();
        // Start and period.
        match rule.period {
            Period::NextQaPanelMeeting => {
                let _ = write!(
                    s,
                    "{title}: expected at the Home Office Quality Assurance Panel's first meeting \
                     on or after the day {} ({}), which is on {}.",
                    trigger.phrase(),
                    long_date(t.from),
                    long_date(t.base.date)
                );
            }
            Period::Months(n) => {
                let _ =
                    write!(
                    s,
                    "{title}: due within {} of the day {} ({}). Counted by the corresponding date \
                     rule (Dodds v Walker [1981] 1 WLR 1027: the day of the event excluded, the \
                     period ends on the same day-number {} later), ",
                    rule.period.describe(),
                    trigger.phrase(),
                    long_date(t.from),
                    if n == 1 { "a month" } else { "that many months" },
                );
                if t.base.clamped {
                    let (y, m) = month_of_end(t.from, n);
                    let _ = write!(
                        s,
                        "but {} has no {}, so under the {} policy the period ends on {}{}.",
                        month_year(y, m),
                        ordinal(t.from.day()),
                        rule.policy.as_str(),
                        if rule.policy == calendar::MonthEndPolicy::RoundUp {
                            "the 1st of the following month, "
                        } else {
                            "the last day of that month, "
                        },
                        long_date(t.base.date)
                    );
                } else {
                    let _ = write!(s, "it ends on {}.", long_date(t.base.date));
                }
            }
            Period::Days(_) => {
                let _ = write!(
                    s,
                    "{title}: due within {} of the day {} ({}), the day of the event excluded: {}.",
                    rule.period.describe(),
                    trigger.phrase(),
                    long_date(t.from),
                    long_date(t.base.date)
                );
            }
            Period::WorkingDays(_, region) => {
                let version = calendar::bank_holidays(region)
                    .map(|l| l.version.clone())
                    .unwrap_or_default();
                let _ = write!(
                    s,
                    "{title}: due within {} of the day {} ({}), not counting that day, \
                     Saturdays, Sundays or bank holidays of {} (bank-holiday data version {}): {}.",
                    rule.period.describe(),
                    trigger.phrase(),
                    long_date(t.from),
                    region_name(region),
                    version,
                    long_date(t.base.date)
                );
            }
        }
        // Pauses.
        if rule.pausable {
            let relevant: Vec<&Pause> = self
                .pauses
                .iter()
                .filter(|p| {
                    let until = p.until.unwrap_or(self.as_of);
                    until > t.from && t.end.is_none_or(|e| p.from < e)
                })
                .collect();
            if relevant.is_empty() {
                s.push_str(" No pauses.");
            } else {
                let spans: Vec<String> = relevant
                    .iter()
                    .map(|p| match p.until {
                        Some(u) => format!("{} to {}", long_date(p.from), long_date(u)),
                        None => format!("since {}", long_date(p.from)),
                    })
                    .collect();
                let _ = write!(
                    s,
                    " The clock stops while the review is paused (paused {}); {} {} stopped{}, \
                     so the date moves from {} to {}.",
                    spans.join(", "),
                    plural_days(t.paused_days),
                    if t.paused_days == 1 { "was" } else { "were" },
                    if relevant.iter().any(|p| p.from < t.from) {
                        " (only the part of a pause after the clock started counts)"
                    } else {
                        ""
                    },
                    long_date(t.base.date),
                    long_date(t.due)
                );
            }
        }
        // Status.
        let as_of = long_date(self.as_of);
        match d.status {
            DeadlineStatus::Met | DeadlineStatus::MetLate => {
                let e = t.end.unwrap_or(self.as_of);
                let margin = (t.due - e).num_days();
                let _ = write!(
                    s,
                    " Met on {}{}.",
                    long_date(e),
                    match margin {
                        0 => ", the due day itself".to_string(),
                        m if m > 0 => format!(", {} before the due date", plural_days(m)),
                        m => format!(", late: {} after the due date", plural_days(-m)),
                    }
                );
            }
            DeadlineStatus::Paused => {
                let since = t.paused_now.unwrap_or(self.as_of);
                let _ = write!(
                    s,
                    " As of {as_of} the review has been paused since {}: if the clock restarted \
                     that day, it would be due on {}{}.",
                    long_date(since),
                    long_date(t.due),
                    match (d.days_left, d.days_late) {
                        (Some(n), _) => format!(", {} later", plural_days(n)),
                        (_, Some(n)) => format!(", already {} late", plural_days(n)),
                        _ => String::new(),
                    }
                );
            }
            DeadlineStatus::Overdue => {
                let _ = write!(
                    s,
                    " As of {as_of}: overdue by {}.",
                    plural_days(d.days_late.unwrap_or(0))
                );
            }
            _ => match d.days_left {
                Some(0) => {
                    let _ = write!(s, " As of {as_of}: due today, which is still in time.");
                }
                Some(n) => {
                    let _ = write!(
                        s,
                        " As of {as_of}: {}{} left.",
                        if d.status == DeadlineStatus::DueSoon {
                            "due soon, "
                        } else {
                            ""
                        },
                        plural_days(n)
                    );
                }
                None => {}
            },
        }
        s.push_str(source);
        s
    }
}

enum End {
    NotYet,
    At(NaiveDate),
    /// An action-plan rule whose plan (agreed on this date) has no action of its class.
    NoActions(NaiveDate),
}

fn past_range() -> Error {
    Error::new(
        ErrorCode::DateOutOfRange,
        "",
        "the due date falls after 2199-12-31",
    )
}

fn month_of_end(from: NaiveDate, months: u32) -> (i32, u32) {
    let idx = i64::from(from.year()) * 12 + i64::from(from.month0()) + i64::from(months);
    (
        i32::try_from(idx.div_euclid(12)).unwrap_or(i32::MAX),
        u32::try_from(idx.rem_euclid(12)).unwrap_or(0) + 1,
    )
}

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

fn month_year(y: i32, m: u32) -> String {
    let name = usize::try_from(m)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("?");
    format!("{name} {y}")
}

/// "31 January 2024".
fn long_date(d: NaiveDate) -> String {
    format!("{} {}", d.day(), month_year(d.year(), d.month()))
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn plural_days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn region_name(r: Region) -> &'static str {
    match r {
        Region::EnglandAndWales => "England and Wales",
        Region::Scotland => "Scotland",
        Region::NorthernIreland => "Northern Ireland",
    }
}
