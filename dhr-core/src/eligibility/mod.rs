//! Whether a death must be reviewed (spec section 2): [`assess`] gives the
//! answer of spec 6.2.
//!
//! The test applied is DVCVA 2004 s.9(1) (a Domestic Homicide Review), or
//! s.8A (a domestic abuse related death review) for a death on or after its
//! commencement date when one is supplied in [`AssessOptions`]. A death in
//! Wales on or after the SUSR start date is reviewed as a Single Unified
//! Safeguarding Review (regime `susr_wales`), decided by the same statutory
//! test. Deaths outside England and Wales are `out_of_scope`.
//!
//! Every answer carries its [`Reason`]s (a stable code, a sentence and a
//! citation), the facts still `missing` when the answer depends on them, and
//! the [`RelatedReview`]s to flag.
//!
//! # Where each rule is
//!
//! Every rule is code, defined once beside the code that decides it: a
//! [`Rule`] (its reason code, when it applies, what it decides, its citation,
//! mark and sentence) named after its code (`age_16_or_over` is
//! [`limbs::AGE_16_OR_OVER`]); [`rule`] finds it from the code.
//!
//! - [`regime`]: scope (the nation) and the test applied (s.9, s.8A, SUSR);
//! - [`limbs`]: the deceased's age, each suspect's connection, age (s.8A)
//!   and cause, the abusive behaviour (s.8A);
//! - [`decision`]: the outcome from the limbs (spec 2.3) and the suicide rule;
//! - [`related`]: the related reviews (CSPR, child death review, SAR, SUSR,
//!   OWHR), each a [`RelatedRule`];
//! - [`dates`]: the dated values (s.9 in force, SUSR start, the OWHR pilot
//!   period, CSPR working days), each with its citation and mark.
//!
//! The Home Office relationship mapping is part of the facts vocabulary:
//! [`crate::case::home_office_mapping`]. `docs/RULES.md` lists every rule
//! with an example, generated from this code.
//!
//! ```
//! use dhr_core::case::Death;
//! use dhr_core::eligibility::{assess, AssessOptions, Outcome, Regime};
//!
//! let death = Death::from_json(r#"{
//!     "schema_version": 1,
//!     "date_of_death": "2024-03-10",
//!     "nation": "england",
//!     "deceased": {"age_band": "25-34"},
//!     "manner": "homicide",
//!     "suspects": [{"home_office_relationship": "Ex-spouse", "abuse_suspected": true}]
//! }"#)?;
//! let answer = assess(&death, &AssessOptions::default())?;
//! assert_eq!(answer.outcome, Outcome::Required);
//! assert_eq!(answer.regime, Regime::DhrS9);
//! assert!(answer.reasons.iter().any(|r| r.code().as_str() == "home_office_relationship_mapped"));
//! # Ok::<(), dhr_core::Error>(())
//! ```

mod answer;
pub mod dates;
pub mod decision;
pub mod limbs;
mod reasons;
pub mod regime;
pub mod related;
mod render;
mod rule;
#[cfg(test)]
mod tests;

pub use self::answer::{
    Assessment, MissingFact, Outcome, Reason, Regime, RelatedReview, SuspectFact,
};
pub use self::dates::{AssessOptions, SUSR_FROM_DEFAULT};
pub use self::reasons::rule;
pub use self::related::related_rule;
pub use self::rule::{ReasonCode, RelatedReviewKind, RelatedRule, RelatedVariant, Rule, Test};
pub use crate::case::{home_office_mapping, HomeOfficeMapping};
pub use crate::mark::Mark;

use self::answer::Ctx;
use self::render::Args;
use crate::case::{Death, Manner};
use crate::error::Result;
use serde_json::Value;

/// Read a death (spec 6.1) from JSON text and assess it, giving the answer
/// (spec 6.2) as JSON: the entry point of the bindings.
///
/// ```
/// use dhr_core::eligibility::{assess_json, AssessOptions};
/// let v = assess_json(r#"{"schema_version": 1, "date_of_death": "2024-03-10",
///     "nation": "england", "deceased": {"age": 30}, "manner": "homicide",
///     "suspects": [{"connection": "intimate_partner"}]}"#, &AssessOptions::default())?;
/// assert_eq!(v["outcome"], "needs_information");
/// assert_eq!(v["missing"][0], "suspects[0].abuse_suspected");
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn assess_json(text: &str, opts: &AssessOptions) -> Result<Value> {
    let death = Death::from_json(text)?;
    Ok(assess(&death, opts)?.to_value())
}

/// Assess a death (spec section 2): the answer of spec 6.2.
///
/// The death is validated first (see [`Death::validate`]), so a death built
/// in code gets the same errors as one read from JSON.
///
/// # Errors
///
/// The errors of [`Death::validate`]: `contradictory_facts`,
/// `invalid_value`, `date_out_of_range`.
///
/// # Example
///
/// Several suspects: one who satisfies the test decides.
///
/// ```
/// use dhr_core::case::{Connection, Death};
/// use dhr_core::eligibility::{assess, AssessOptions, Outcome};
/// let death = Death::from_json(r#"{"schema_version": 1, "date_of_death": "2019-06-01",
///     "nation": "england", "deceased": {"age": 70}, "manner": "homicide",
///     "suspects": [{"connection": "not_connected", "same_household": false, "abuse_suspected": true},
///                  {"connection": "relative", "abuse_suspected": true}]}"#)?;
/// let answer = assess(&death, &AssessOptions::default())?;
/// assert_eq!(answer.outcome, Outcome::Required);
/// assert!(answer.reasons.last().unwrap().text().contains("suspects[1]"));
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn assess(death: &Death, opts: &AssessOptions) -> Result<Assessment> {
    death.validate()?;
    let answer = |outcome, regime, reasons, missing, related_reviews, test| Assessment {
        reference: death.reference.clone(),
        outcome,
        regime,
        reasons,
        missing,
        related_reviews,
        extensions: if death.extensions.expose().is_empty() {
            None
        } else {
            Some(Box::new(death.extensions.clone()))
        },
        engine: Some(crate::engine::Engine::assess(
            opts.dardr_commenced,
            opts.susr_from,
        )),
        test,
    };

    // Scope first.
    if let Some(rule) = regime::out_of_scope(death) {
        let ctx = Ctx {
            test: Test::DhrS9,
            reasons: Vec::new(),
        };
        let reasons = vec![ctx.make(rule, Args::None)];
        return Ok(answer(
            Outcome::OutOfScope,
            Regime::None,
            reasons,
            Vec::new(),
            Vec::new(),
            None,
        ));
    }

    let test = regime::test(death, opts);
    let mut ctx = Ctx {
        test,
        // The reasons of the deceased, about four a suspect, and the answer.
        reasons: Vec::with_capacity(
            death
                .suspects
                .len()
                .saturating_mul(4)
                .saturating_add(6)
                .min(1024),
        ),
    };
    let (regime, susr) = regime::regime(&mut ctx, death, opts);

    // The deceased's age, then each suspect's limbs, then the behaviour.
    let exact_age = death.deceased.age_at_death(death.date_of_death);
    let mut all = decision::Limbs::new(limbs::deceased_age(&mut ctx, death, exact_age));
    for (i, s) in death.suspects.iter().enumerate() {
        all.add(i, limbs::suspect(&mut ctx, s, i)?);
    }
    all.behaviour = limbs::behaviour(&mut ctx, death);

    let (outcome, missing) = decision::decide(&mut ctx, all, death.manner == Manner::Suicide);
    let related = related::related_reviews(death, exact_age, outcome, susr);
    Ok(answer(
        outcome,
        regime,
        ctx.reasons,
        missing,
        related,
        Some(test),
    ))
}
