//! Scope and the test applied (spec 2.3): the nation first, then which
//! statutory test and regime apply on the date of death. Each rule is
//! defined beside the code that decides it; the dates it reads are the
//! dated values of [`dates`](super::dates) and the options.

use super::answer::{Ctx, Regime};
use super::dates::{AssessOptions, S9_IN_FORCE};
use super::render::Args;
use super::rule::{ReasonCode, Rule, Test};
use crate::case::{Death, Nation};
use crate::mark::Mark;

// ---- Scope: England and Wales only ----

/// The rule of reason `out_of_scope_scotland`.
pub const OUT_OF_SCOPE_SCOTLAND: Rule = Rule {
    code: ReasonCode::OutOfScopeScotland,
    when: "the death was in Scotland",
    decides: "outcome out_of_scope, regime none; nothing else is assessed",
    citation: "DVCVA 2004 s.9 (England and Wales)",
    citation_s8a: None,
    mark: Mark::Guidance,
    text: "The death was in Scotland, which has no Domestic Homicide Review regime under s.9. This library encodes the England and Wales guidance only.",
};

/// The rule of reason `out_of_scope_northern_ireland`.
pub const OUT_OF_SCOPE_NORTHERN_IRELAND: Rule = Rule {
    code: ReasonCode::OutOfScopeNorthernIreland,
    when: "the death was in Northern Ireland",
    decides: "outcome out_of_scope, regime none; nothing else is assessed",
    citation: "DVCVA 2004 s.9; Department of Justice (Northern Ireland) DHR guidance, December 2020",
    citation_s8a: None,
    mark: Mark::Guidance,
    text: "The death was in Northern Ireland, which has held DHRs under s.9 since December 2020 with its own Department of Justice guidance. This library encodes the England and Wales guidance only.",
};

/// The rule that puts a death out of scope, if one does.
pub(crate) fn out_of_scope(death: &Death) -> Option<&'static Rule> {
    match death.nation {
        Nation::Scotland => Some(&OUT_OF_SCOPE_SCOTLAND),
        Nation::NorthernIreland => Some(&OUT_OF_SCOPE_NORTHERN_IRELAND),
        Nation::England | Nation::Wales => None,
    }
}

// ---- The statutory test: s.9, or s.8A from its commencement ----

/// The rule of reason `regime_dhr_s9`.
pub const REGIME_DHR_S9: Rule = Rule {
    code: ReasonCode::RegimeDhrS9,
    when: "no s.8A commencement date is supplied (the default)",
    decides: "the s.9 test is applied",
    citation: "DVCVA 2004 s.9(1); Victims and Prisoners Act 2024 s.19 (not commenced)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "The test applied is DVCVA 2004 s.9(1), a Domestic Homicide Review: s.8A (domestic abuse related death review) is taken as not commenced, since no commencement date was supplied.",
};

/// The rule of reason `regime_dhr_s9_before_dardr`.
pub const REGIME_DHR_S9_BEFORE_DARDR: Rule = Rule {
    code: ReasonCode::RegimeDhrS9BeforeDardr,
    when: "an s.8A commencement date is supplied and the death was before it",
    decides: "the s.9 test is applied",
    citation: "DVCVA 2004 s.9(1); s.8A (Victims and Prisoners Act 2024 s.19)",
    citation_s8a: None,
    mark: Mark::Policy,
    text: "The test applied is DVCVA 2004 s.9(1): the death was before the s.8A commencement date supplied ({date}). No transitional rule was found, so the date of death decides which test applies.",
};

/// The rule of reason `regime_dardr_s8a`.
pub const REGIME_DARDR_S8A: Rule = Rule {
    code: ReasonCode::RegimeDardrS8a,
    when: "an s.8A commencement date is supplied and the death was on or after it",
    decides: "the s.8A test is applied (regime dardr_s8a unless Wales after the SUSR start)",
    citation: "DVCVA 2004 s.8A (Victims and Prisoners Act 2024 s.19); Domestic Abuse Act 2021 ss.1-2",
    citation_s8a: None,
    mark: Mark::Policy,
    text: "The test applied is DVCVA 2004 s.8A, a domestic abuse related death review: the death was on or after the s.8A commencement date supplied ({date}). No transitional rule was found, so the date of death decides which test applies.",
};

/// The statutory test applied to a death on its date (spec 2.2: no
/// transitional rule was found, so the date of death decides).
pub(super) fn test(death: &Death, opts: &AssessOptions) -> Test {
    match opts.dardr_commenced {
        Some(c) if death.date_of_death >= c => Test::DardrS8a,
        _ => Test::DhrS9,
    }
}

/// Give the reasons of the test applied, of the Welsh regime and of a death
/// before s.9 came into force; the regime, and whether it is a SUSR.
pub(super) fn regime(ctx: &mut Ctx, death: &Death, opts: &AssessOptions) -> (Regime, bool) {
    let dod = death.date_of_death;
    match opts.dardr_commenced {
        None => ctx.push(&REGIME_DHR_S9, Args::None),
        Some(c) => {
            let rule = match ctx.test {
                Test::DardrS8a => &REGIME_DARDR_S8A,
                Test::DhrS9 => &REGIME_DHR_S9_BEFORE_DARDR,
            };
            ctx.push(rule, Args::Date(c));
        }
    }
    let susr = wales_susr(ctx, death, opts);
    death_before_s9(ctx, dod);
    let regime = if susr {
        Regime::SusrWales
    } else {
        match ctx.test {
            Test::DhrS9 => Regime::DhrS9,
            Test::DardrS8a => Regime::DardrS8a,
        }
    };
    (regime, susr)
}

// ---- Wales: a Single Unified Safeguarding Review from the SUSR start ----

/// The rule of reason `regime_susr_wales`.
pub const REGIME_SUSR_WALES: Rule = Rule {
    code: ReasonCode::RegimeSusrWales,
    when: "the death was in Wales on or after the SUSR start (an option, default the dated value SUSR_START)",
    decides: "regime susr_wales, whatever the outcome; the statutory test still decides",
    citation: "Single Unified Safeguarding Review guidance (Social Services and Well-being (Wales) Act 2014 Part 7), from 1 October 2024",
    citation_s8a: None,
    mark: Mark::Guidance,
    text: "The death was in Wales on or after the Single Unified Safeguarding Review start date ({date}, keyed on the date of death): the review is held as a SUSR, which replaces DHRs in Wales and still goes to the Home Office for quality assurance. The statutory test that decided is {test}.",
};

/// The rule of reason `wales_before_susr`.
pub const WALES_BEFORE_SUSR: Rule = Rule {
    code: ReasonCode::WalesBeforeSusr,
    when: "the death was in Wales before the SUSR start",
    decides: "noted only: the regime is the statutory test's",
    citation: "Single Unified Safeguarding Review guidance (Wales), from 1 October 2024",
    citation_s8a: None,
    mark: Mark::Policy,
    text: "The death was in Wales before the Single Unified Safeguarding Review start date ({date}, keyed on the date of death), so the review is not a SUSR.",
};

/// Whether the death is reviewed as a SUSR (Wales, on or after the start
/// date of the options, keyed on the date of death), with its reason.
fn wales_susr(ctx: &mut Ctx, death: &Death, opts: &AssessOptions) -> bool {
    if death.nation != Nation::Wales {
        return false;
    }
    if death.date_of_death >= opts.susr_from {
        ctx.push(&REGIME_SUSR_WALES, Args::DateTest(opts.susr_from, ctx.test));
        true
    } else {
        ctx.push(&WALES_BEFORE_SUSR, Args::Date(opts.susr_from));
        false
    }
}

// ---- Deaths before s.9 came into force ----

/// The rule of reason `death_before_s9_in_force`.
pub const DEATH_BEFORE_S9_IN_FORCE: Rule = Rule {
    code: ReasonCode::DeathBeforeS9InForce,
    when: "the death was before s.9 came into force (the dated value S9_IN_FORCE)",
    decides: "noted only: the death is not excluded",
    citation: "DVCVA 2004 s.9, in force 13 April 2011; DHRD (Cook & Cook 2026)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "The death was before 13 April 2011, when s.9 came into force. s.9 sets no limit on the date of death and reviews of earlier deaths have been published (for example where the homicide came to light later), so the death is not excluded.",
};

/// Note a death before s.9 came into force ([`S9_IN_FORCE`]).
fn death_before_s9(ctx: &mut Ctx, dod: chrono::NaiveDate) {
    if dod < S9_IN_FORCE.date {
        ctx.push(&DEATH_BEFORE_S9_IN_FORCE, Args::None);
    }
}
