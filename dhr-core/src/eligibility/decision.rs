//! The decision (spec 2.3): the outcome from the limbs of the deceased and
//! of every suspect, the facts still missing, and the reasons that state
//! the outcome. Each rule is defined beside the code that decides it.

use super::answer::{Ctx, MissingFact, Outcome};
use super::limbs::{Limb, SuspectLimbs};
use super::render::{Args, SuspectSetBuilder};
use super::rule::{ReasonCode, Rule};
use crate::mark::Mark;

/// What the limbs gave: the deceased's, and a summary of the suspects'.
pub(super) struct Limbs {
    /// The deceased's age limb.
    pub age: Limb,
    /// The abusive-behaviour limb (always holds under s.9).
    pub behaviour: Limb,
    /// Whether any suspect was given.
    pub any_suspect: bool,
    /// The suspects that satisfy every limb.
    satisfying: SuspectSetBuilder,
    /// The suspects the suicide rule may apply to.
    candidates: SuspectSetBuilder,
    /// Whether every suspect fails a limb.
    all_fail: bool,
    /// The open facts of the suspects that have not failed.
    open: Vec<MissingFact>,
}

impl Limbs {
    /// The deceased's age limb, before any suspect is added and before the
    /// behaviour limb is known (set it after the suspects).
    pub(super) fn new(age: Limb) -> Limbs {
        Limbs {
            age,
            behaviour: Limb::Holds,
            any_suspect: false,
            satisfying: SuspectSetBuilder::default(),
            candidates: SuspectSetBuilder::default(),
            all_fail: true,
            open: Vec::new(),
        }
    }

    /// Add the limbs of suspect `i`.
    pub(super) fn add(&mut self, i: usize, limbs: SuspectLimbs) {
        self.any_suspect = true;
        if limbs.holds() {
            self.satisfying.push(i);
        }
        if limbs.consider_candidate() {
            self.candidates.push(i);
        }
        if !limbs.fails() {
            self.all_fail = false;
            self.open.extend(limbs.unknown_facts(i));
        }
    }
}

/// The rule of reason `no_suspects`.
pub const NO_SUSPECTS: Rule = Rule {
    code: ReasonCode::NoSuspects,
    when: "no suspect is given and the deceased's limbs do not fail",
    decides: "needs_information: missing suspects",
    citation: "DVCVA 2004 s.9(1)",
    citation_s8a: Some("DVCVA 2004 s.8A"),
    mark: Mark::Statute,
    text: "No suspect is given: the test needs a person by whose violence, abuse or neglect the death has, or appears to have, resulted.",
};

/// The rule of reason `suicide_abuse_suspected`.
pub const SUICIDE_ABUSE_SUSPECTED: Rule = Rule {
    code: ReasonCode::SuicideAbuseSuspected,
    when: "the manner is suicide and a suspect satisfies every limb",
    decides: "noted with the outcome required",
    citation: "Multi-agency statutory guidance for the conduct of DHRs (Home Office, 2016), on suicide, as published by CSPs",
    citation_s8a: None,
    mark: Mark::Guidance,
    text: "The deceased took their own life and the death appears to have resulted from abuse by a connected person ({suspects}): a review should be undertaken even if no one is charged or a suspect is acquitted.",
};

/// The rule of reason `suicide_consider`.
pub const SUICIDE_CONSIDER: Rule = Rule {
    code: ReasonCode::SuicideConsider,
    when: "the manner is suicide, the deceased's limbs hold, no suspect satisfies the test, and a suspect is connected (and old enough under s.8A) with abuse_suspected null",
    decides: "outcome consider: missing lists the open facts of every suspect who has not failed",
    citation: "Multi-agency statutory guidance for the conduct of DHRs (Home Office, 2016), on suicide, as published by CSPs",
    citation_s8a: None,
    mark: Mark::Guidance,
    text: "The deceased took their own life and a connected person is involved ({suspects}), but whether the death appears to have resulted from abuse by them is not yet known. The guidance asks for a review where the circumstances give rise to concern, which is a judgement: consider a review and find out the facts listed in missing.",
};

/// The rule of reason `suicide_abuse_ruled_out`.
pub const SUICIDE_ABUSE_RULED_OUT: Rule = Rule {
    code: ReasonCode::SuicideAbuseRuledOut,
    when: "the manner is suicide, the deceased's limbs hold and every suspect fails a limb",
    decides: "noted with the outcome not_required",
    citation: "Multi-agency statutory guidance for the conduct of DHRs (Home Office, 2016), on suicide, as published by CSPs",
    citation_s8a: None,
    mark: Mark::Guidance,
    text: "The deceased took their own life and no connected person is thought to have abused them, so the suicide guidance does not call for a review.",
};

/// The rule of reason `test_met`.
pub const TEST_MET: Rule = Rule {
    code: ReasonCode::TestMet,
    when: "a suspect satisfies every limb and so does the deceased",
    decides: "outcome required",
    citation: "DVCVA 2004 s.9(1)",
    citation_s8a: Some("DVCVA 2004 s.8A"),
    mark: Mark::Statute,
    text: "Every limb of the {test} test holds on the facts given, for {suspects}: a review is required.",
};

/// The rule of reason `test_not_met`.
pub const TEST_NOT_MET: Rule = Rule {
    code: ReasonCode::TestNotMet,
    when: "a limb of the deceased fails, or every suspect fails a limb",
    decides: "outcome not_required",
    citation: "DVCVA 2004 s.9(1)",
    citation_s8a: Some("DVCVA 2004 s.8A"),
    mark: Mark::Statute,
    text: "A limb of the {test} test fails on the facts given (for the deceased, or for every suspect): no review is required under it.",
};

/// The rule of reason `information_needed`.
pub const INFORMATION_NEEDED: Rule = Rule {
    code: ReasonCode::InformationNeeded,
    when: "no limb decides on the facts given and a deciding fact is unknown",
    decides: "outcome needs_information: missing lists the facts",
    citation: "DVCVA 2004 s.9(1)",
    citation_s8a: Some("DVCVA 2004 s.8A"),
    mark: Mark::Statute,
    text: "Whether the {test} test holds depends on facts that are not known; they are listed in missing.",
};

/// The outcome and the missing facts, with the reasons that state them.
///
/// A limb that fails on known facts decides `not_required` even when
/// another fact is unknown; one suspect who satisfies the test decides
/// `required`; the suicide rule gives `consider` only when every other limb
/// holds on known facts; otherwise an unknown deciding fact gives
/// `needs_information`.
pub(super) fn decide(ctx: &mut Ctx, limbs: Limbs, suicide: bool) -> (Outcome, Vec<MissingFact>) {
    let Limbs {
        age,
        behaviour,
        any_suspect,
        satisfying,
        candidates,
        all_fail,
        open,
    } = limbs;
    let death_fails = age == Limb::Fails || behaviour == Limb::Fails;
    let death_holds = age == Limb::Holds && behaviour == Limb::Holds;
    let age_missing = matches!(age, Limb::Unknown(_));
    let behaviour_missing = matches!(behaviour, Limb::Unknown(_));

    // The missing facts: the deceased's age, then `suspects` or the open
    // facts of the suspects, then the abusive behaviour. Each path occurs
    // once: the suspects' are distinct by index and fact.
    let deceased_and = |middle: &mut dyn Iterator<Item = MissingFact>| -> Vec<MissingFact> {
        let mut m = Vec::new();
        if age_missing {
            m.push(MissingFact::DeceasedAge);
        }
        m.extend(middle);
        if behaviour_missing {
            m.push(MissingFact::AbuseIndicators);
        }
        m
    };
    let (outcome, missing) = if death_fails {
        (Outcome::NotRequired, Vec::new())
    } else if !any_suspect {
        ctx.push(&NO_SUSPECTS, Args::None);
        let m = deceased_and(&mut std::iter::once(MissingFact::Suspects));
        (Outcome::NeedsInformation, m)
    } else if !satisfying.is_empty() {
        if death_holds {
            (Outcome::Required, Vec::new())
        } else {
            (
                Outcome::NeedsInformation,
                deceased_and(&mut std::iter::empty()),
            )
        }
    } else if all_fail {
        (Outcome::NotRequired, Vec::new())
    } else if suicide && death_holds && !candidates.is_empty() {
        (Outcome::Consider, open)
    } else {
        let m = deceased_and(&mut open.into_iter());
        (Outcome::NeedsInformation, m)
    };

    let test = ctx.test;
    match outcome {
        Outcome::Required => {
            let list = satisfying.build();
            if suicide {
                ctx.push(&SUICIDE_ABUSE_SUSPECTED, Args::Suspects(list.clone()));
            }
            ctx.push(&TEST_MET, Args::TestSuspects(test, list));
        }
        Outcome::Consider => {
            ctx.push(&SUICIDE_CONSIDER, Args::Suspects(candidates.build()));
        }
        Outcome::NotRequired => {
            if suicide && !death_fails {
                ctx.push(&SUICIDE_ABUSE_RULED_OUT, Args::None);
            }
            ctx.push(&TEST_NOT_MET, Args::Test(test));
        }
        Outcome::NeedsInformation | Outcome::OutOfScope => {
            ctx.push(&INFORMATION_NEEDED, Args::Test(test));
        }
    }
    (outcome, missing)
}
