//! The readable review report (spec section 7): a review's [`Status`] as
//! text for a person, with the eligibility reasons, the stages passed, the
//! IMR and family tracks, every deadline explained and what may come next.
//!
//! [`Report`] writes it for any review; [`Demo`] is the bundled, fictional
//! example review that `dhr demo` runs end to end and prints.
//!
//! ```
//! use dhr_core::lifecycle::{Review, StatusOptions};
//! use dhr_core::report::Report;
//! use chrono::NaiveDate;
//! let review = Review::from_json(r#"{"schema_version": 1, "reference": "R-1", "rules": "stockton_2011",
//!   "events": [{"on": "2024-01-31", "event": "notified", "by": "police"}]}"#)?;
//! let status = review.status(NaiveDate::from_ymd_opt(2024, 2, 20).unwrap(), &StatusOptions::default())?;
//! let text = Report::new(&review, &status).to_string();
//! assert!(text.starts_with("Review R-1  rules stockton_2011  as of 2024-02-20\n"));
//! assert!(text.contains("  terms_of_reference       due_soon       due 2024-02-29, 9 days left\n"));
//! # Ok::<(), dhr_core::Error>(())
//! ```

use crate::eligibility::{Outcome, Regime};
use crate::error::Result;
use crate::events::{EventKind, EventName};
use crate::json::fmt_date;
use crate::lifecycle::{Review, Stage, Status, StatusOptions};
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::fmt::{self, Display, Formatter, Write as _};

/// A review's status as a readable report. `Display` writes it.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    review: &'a Review,
    status: &'a Status,
}

impl<'a> Report<'a> {
    /// The report of `status`, the status of `review` on a date (the
    /// review gives the events, with their dates and roles).
    pub fn new(review: &'a Review, status: &'a Status) -> Report<'a> {
        Report { review, status }
    }
}

/// `"yes"` or `"no"`.
fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// A date as `YYYY-MM-DD`.
struct Date(NaiveDate);

impl Display for Date {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&fmt_date(self.0))
    }
}

impl Display for Report<'_> {
    fn fmt(&self, r: &mut Formatter<'_>) -> fmt::Result {
        let (review, status) = (self.review, self.status);
        let as_of = status.as_of;
        writeln!(
            r,
            "Review {}  rules {}  as of {}",
            status.reference.as_deref().unwrap_or("-"),
            review.rules().id(),
            Date(as_of)
        )?;

        writeln!(r, "\nELIGIBILITY (spec section 2)")?;
        match &status.assessment {
            Some(a) => {
                writeln!(r, "  outcome: {}   regime: {}", a.outcome, a.regime)?;
                for reason in &a.reasons {
                    writeln!(r, "  - {} [{}]", reason.text(), reason.citation())?;
                }
                for m in &a.missing {
                    writeln!(r, "  missing: {m}")?;
                }
                for rel in &a.related_reviews {
                    writeln!(
                        r,
                        "  related: {}: {} [{}]",
                        rel.kind, rel.text, rel.citation
                    )?;
                }
            }
            None => writeln!(r, "  (the review carries no death document)")?,
        }

        writeln!(r, "\nSTAGES PASSED (spec section 3)")?;
        for e in review.events() {
            if e.on > as_of {
                break;
            }
            let name = e.name();
            if Stage::of_event(name).is_some()
                || matches!(
                    name,
                    EventName::Paused | EventName::Resumed | EventName::CommissionerCopySent
                )
            {
                let what = match &e.kind {
                    EventKind::ImrCommissioned { agency } => format!("{name} ({agency})"),
                    EventKind::Paused { reason } => format!("{name} ({reason})"),
                    _ => name.to_string(),
                };
                writeln!(r, "  {}  {what:<40} by {}", Date(e.on), e.by)?;
            }
        }
        let paused = if status.paused {
            "paused"
        } else {
            "not paused"
        };
        writeln!(r, "  now: {} ({paused})", status.stage)?;

        writeln!(r, "\nIMRS (one per agency)")?;
        // The first overview draft, if on or before the as-of date, to show
        // which IMRs were still outstanding then (section 3: the chair
        // recorded why).
        let drafted = review
            .events()
            .iter()
            .find(|e| matches!(e.kind, EventKind::OverviewDrafted { .. }))
            .map(|e| e.on)
            .filter(|d| *d <= as_of);
        for imr in &status.imrs {
            let mut steps = format!("commissioned {}", Date(imr.commissioned_on));
            for (date, label) in [
                (imr.submitted_on, "submitted"),
                (imr.quality_assured_on, "quality-assured"),
                (imr.debriefed_on, "staff debriefed"),
                (imr.withdrawn_on, "withdrawn"),
            ] {
                if let Some(d) = date {
                    let _ = write!(steps, ", {label} {}", Date(d));
                }
            }
            writeln!(r, "  {:<22} {:<16} {steps}", imr.agency, imr.state.as_str())?;
            if let Some(drafted) = drafted {
                if imr.withdrawn_on.is_none_or(|w| w > drafted)
                    && imr.quality_assured_on.is_none_or(|q| q > drafted)
                {
                    writeln!(
                        r,
                        "  {:<22} late: still outstanding when the overview was drafted on {}",
                        "",
                        Date(drafted)
                    )?;
                }
            }
        }

        let f = status.family;
        writeln!(r, "\nFAMILY")?;
        writeln!(
            r,
            "  contact named: {}  leaflet given: {}  advocacy offered: {}  informed: {}  draft shared: {}",
            yes(f.contact_named),
            yes(f.leaflet_given),
            yes(f.advocacy_offered),
            yes(f.informed),
            yes(f.draft_shared)
        )?;

        writeln!(r, "\nDEADLINES (spec section 4)")?;
        for d in &status.deadlines {
            let mut line = format!("  {:<24} {:<14}", d.rule(), d.status.as_str());
            if let Some(due) = d.due {
                let _ = write!(line, " due {}", Date(due));
            }
            if let Some(n) = d.days_left {
                let _ = write!(line, ", {n} days left");
            }
            if let Some(n) = d.days_late {
                let _ = write!(line, ", {n} days late");
            }
            if d.paused_days > 0 {
                let _ = write!(line, ", {} days paused", d.paused_days);
            }
            writeln!(r, "{}", line.trim_end())?;
            writeln!(r, "      {}", d.explanation())?;
        }

        writeln!(r, "\nNEXT (events that may be recorded now, and by whom)")?;
        for n in &status.next {
            let by: Vec<&str> = n.by.iter().map(|b| b.as_str()).collect();
            writeln!(r, "  {:<28} {}", n.event.as_str(), by.join(", "))?;
        }
        Ok(())
    }
}

/// An assessment's outcome as a headline for a person (spec 2.3).
///
/// ```
/// use dhr_core::{report, Outcome};
/// assert_eq!(report::outcome_headline(Outcome::Required), "A review is required");
/// ```
pub fn outcome_headline(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Required => "A review is required",
        Outcome::Consider => "Consider holding a review",
        Outcome::NotRequired => "A review is not required on these facts",
        Outcome::NeedsInformation => "More information is needed",
        Outcome::OutOfScope => "Out of scope: not a death in England or Wales",
    }
}

/// The regime an answer was given under, as a line for a person, with its
/// statute (spec 2.3).
///
/// ```
/// use dhr_core::{report, Regime};
/// assert!(report::regime_headline(Regime::DardrS8a).ends_with("DVCVA 2004 s.8A"));
/// ```
pub fn regime_headline(regime: Regime) -> &'static str {
    match regime {
        Regime::DhrS9 => "Test applied: Domestic Homicide Review, DVCVA 2004 s.9",
        Regime::DardrS8a => "Test applied: domestic abuse related death review, DVCVA 2004 s.8A",
        Regime::SusrWales => "Wales: held as a Single Unified Safeguarding Review",
        Regime::None => "No test applied",
    }
}

/// Every headline by its interchange string, as JSON, for a page that draws
/// answers: `{"outcomes": {"required": "A review is required", ...},
/// "regimes": {"dhr_s9": "Test applied: ...", ...}}`.
///
/// ```
/// let v = dhr_core::report::headlines();
/// assert_eq!(v["outcomes"]["consider"], "Consider holding a review");
/// assert_eq!(v["regimes"].as_object().unwrap().len(), dhr_core::Regime::ALL.len());
/// ```
pub fn headlines() -> Value {
    let outcomes: Map<String, Value> = Outcome::ALL
        .iter()
        .map(|o| (o.as_str().to_string(), outcome_headline(*o).into()))
        .collect();
    let regimes: Map<String, Value> = Regime::ALL
        .iter()
        .map(|r| (r.as_str().to_string(), regime_headline(*r).into()))
        .collect();
    let mut out = Map::new();
    out.insert("outcomes".into(), Value::Object(outcomes));
    out.insert("regimes".into(), Value::Object(regimes));
    Value::Object(out)
}

/// The bundled example review (spec 6.3, `data/demo_review.json`): a
/// fictional area, agencies and people.
pub const DEMO_REVIEW_JSON: &str = include_str!("../data/demo_review.json");

/// The bundled example review run as of a date: what `dhr demo` prints.
/// `Display` writes its title and its [`Report`]; [`Demo::status`] is the
/// answer for `--json`.
///
/// ```
/// use dhr_core::report::Demo;
/// let demo = Demo::new(None)?;
/// assert_eq!(demo.status.as_of.to_string(), "2024-04-15");
/// let text = demo.to_string();
/// assert!(text.starts_with("dhr demo: an example Domestic Homicide Review, end to end\n"));
/// assert!(text.contains("outcome: required"));
/// # Ok::<(), dhr_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Demo {
    /// The example review.
    pub review: Review,
    /// Its status as of the date asked for, or [`Demo::as_of`].
    pub status: Status,
}

impl Demo {
    /// The example's own reporting date, 15 April 2024.
    pub fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 4, 15).unwrap_or_default()
    }

    /// The example review, as of `as_of` (or [`Demo::as_of`]), with the
    /// default status options.
    pub fn new(as_of: Option<NaiveDate>) -> Result<Demo> {
        let review = Review::from_json(DEMO_REVIEW_JSON)?;
        let status = review.status(as_of.unwrap_or_else(Demo::as_of), &StatusOptions::default())?;
        Ok(Demo { review, status })
    }
}

impl Display for Demo {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "dhr demo: an example Domestic Homicide Review, end to end"
        )?;
        writeln!(
            f,
            "(fictional: the area, the agencies' records and the people are invented)"
        )?;
        writeln!(f)?;
        Report::new(&self.review, &self.status).fmt(f)
    }
}
