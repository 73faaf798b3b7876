//! Related reviews to flag, never to decide (spec 2.4): each kind's rule
//! (when it is flagged, its citation, mark and sentence) beside the code
//! that flags it.

use super::answer::{Outcome, RelatedReview};
use super::dates::{in_owhr_pilot, CSPR_NOTIFY, CSPR_RAPID_REVIEW};
use super::rule::{RelatedReviewKind, RelatedRule, RelatedVariant};
use crate::calendar::{add_working_days, Region};
use crate::case::{AgeBand, Death, Manner, Nation};
use crate::mark::Mark;
use std::borrow::Cow;

/// The rule of a related-review entry.
pub fn related_rule(v: RelatedVariant) -> &'static RelatedRule {
    use RelatedVariant as V;
    match v {
        V::Cspr => &CHILD_SAFEGUARDING_PRACTICE_REVIEW,
        V::CsprBand => &CHILD_SAFEGUARDING_PRACTICE_REVIEW_BAND,
        V::ChildDeathReview => &CHILD_DEATH_REVIEW,
        V::SafeguardingAdultsReview => &SAFEGUARDING_ADULTS_REVIEW,
        V::SusrPracticeReview => &SUSR_PRACTICE_REVIEW,
        V::OffensiveWeaponsHomicideReview => &OFFENSIVE_WEAPONS_HOMICIDE_REVIEW,
        V::OffensiveWeaponsHomicideReviewIf18OrOver => {
            &OFFENSIVE_WEAPONS_HOMICIDE_REVIEW_IF_18_OR_OVER
        }
    }
}

/// An entry of `related_reviews` with its rule's text and citation.
fn entry(v: RelatedVariant) -> RelatedReview {
    let r = related_rule(v);
    RelatedReview {
        kind: r.kind,
        text: Cow::Borrowed(r.text),
        citation: Cow::Borrowed(r.citation),
        notify_by: None,
        rapid_review_by: None,
        mark: r.mark,
    }
}

/// The related reviews of a death, in the order of spec 2.4.
pub(super) fn related_reviews(
    death: &Death,
    exact_age: Option<u32>,
    outcome: Outcome,
    susr: bool,
) -> Vec<RelatedReview> {
    let mut out = Vec::new();
    out.extend(cspr(death, exact_age));
    out.extend(child_death_review(death, exact_age));
    out.extend(safeguarding_adults_review(death, outcome));
    if susr {
        out.push(entry(RelatedVariant::SusrPracticeReview));
    }
    out.extend(owhr(death, exact_age, outcome));
    out
}

// ---- Child Safeguarding Practice Review: England, 16 or 17 (or band 16-19) ----

/// `child_safeguarding_practice_review`, the deceased 16 or 17.
pub const CHILD_SAFEGUARDING_PRACTICE_REVIEW: RelatedRule = RelatedRule {
    variant: RelatedVariant::Cspr,
    kind: RelatedReviewKind::ChildSafeguardingPracticeReview,
    when: "England; the deceased was 16 or 17 (from the date of birth or the age given); with notified_on, the entry carries notify_by and rapid_review_by in England and Wales working days",
    citation: "Children Act 2004 ss.16C, 16F; Working Together to Safeguard Children",
    mark: Mark::Guidance,
    text: "The deceased was 16 or 17, a child: a Child Safeguarding Practice Review applies alongside. The local authority notifies the Child Safeguarding Practice Review Panel within 5 working days of learning of the death (s.16C) and a rapid review follows within 15 working days; local reviews are under s.16F.",
};

/// `child_safeguarding_practice_review`, only the band 16-19 known.
pub const CHILD_SAFEGUARDING_PRACTICE_REVIEW_BAND: RelatedRule = RelatedRule {
    variant: RelatedVariant::CsprBand,
    kind: RelatedReviewKind::ChildSafeguardingPracticeReview,
    when: "England; no exact age, and the age band is 16-19 (\"may apply\"); dates as for the 16 or 17 entry",
    citation: "Children Act 2004 ss.16C, 16F; Working Together to Safeguard Children",
    mark: Mark::Guidance,
    text: "The deceased's age band is 16-19, which includes 16 and 17: a Child Safeguarding Practice Review may apply. If the deceased was under 18, the local authority notifies the Child Safeguarding Practice Review Panel within 5 working days of learning of the death (s.16C) and a rapid review follows within 15 working days; local reviews are under s.16F.",
};

/// Added to a CSPR entry's text when its dates fall outside the
/// bank-holiday data.
const CSPR_DATES_OUT_OF_RANGE: &str = " Working-day dates are not given: the notification date is outside the bank-holiday data's coverage.";

fn cspr(death: &Death, exact_age: Option<u32>) -> Option<RelatedReview> {
    if death.nation != Nation::England {
        return None;
    }
    let v = match (exact_age, death.deceased.age_band) {
        (Some(16 | 17), _) => RelatedVariant::Cspr,
        (None, Some(AgeBand::From16To19)) => RelatedVariant::CsprBand,
        _ => return None,
    };
    let mut e = entry(v);
    if let Some(n) = death.notified_on {
        let by = |from, days| add_working_days(from, days, Region::EnglandAndWales);
        let (notify, rapid) = (CSPR_NOTIFY.days, CSPR_RAPID_REVIEW.days);
        let notify_by = by(n, notify);
        // The (notify + k)-th working day after `n` is the k-th after
        // the notify-th: count on from it rather than from `n` again.
        let rapid_by = match (&notify_by, rapid.checked_sub(notify)) {
            (Ok(from), Some(k)) => by(*from, k),
            _ => by(n, rapid),
        };
        match (notify_by, rapid_by) {
            (Ok(a), Ok(b)) => {
                e.notify_by = Some(a);
                e.rapid_review_by = Some(b);
            }
            _ => e.text.to_mut().push_str(CSPR_DATES_OUT_OF_RANGE),
        }
    }
    Some(e)
}

// ---- Child death review: under 16 ----

/// `child_death_review`.
pub const CHILD_DEATH_REVIEW: RelatedRule = RelatedRule {
    variant: RelatedVariant::ChildDeathReview,
    kind: RelatedReviewKind::ChildDeathReview,
    when: "the deceased was under 16 (exact age, or the band under_16)",
    citation: "Children Act 2004 ss.16M-16Q; Child Death Review statutory guidance",
    mark: Mark::Guidance,
    text: "The deceased was under 16: the death is for a child death review, not a DHR.",
};

fn child_death_review(death: &Death, exact_age: Option<u32>) -> Option<RelatedReview> {
    let under_16 = match exact_age {
        Some(a) => a < 16,
        None => death.deceased.age_band == Some(AgeBand::Under16),
    };
    under_16.then(|| entry(RelatedVariant::ChildDeathReview))
}

// ---- Safeguarding Adults Review: England, care and support needs ----

/// `safeguarding_adults_review`.
pub const SAFEGUARDING_ADULTS_REVIEW: RelatedRule = RelatedRule {
    variant: RelatedVariant::SafeguardingAdultsReview,
    kind: RelatedReviewKind::SafeguardingAdultsReview,
    when: "England; care_and_support_needs is true and the outcome is not not_required",
    citation: "Care Act 2014 s.44",
    mark: Mark::Statute,
    text: "The deceased had care and support needs: the Safeguarding Adults Board must consider a Safeguarding Adults Review (Care Act 2014 s.44); the reviews can be held jointly.",
};

fn safeguarding_adults_review(death: &Death, outcome: Outcome) -> Option<RelatedReview> {
    (death.nation == Nation::England
        && death.deceased.care_and_support_needs == Some(true)
        && outcome != Outcome::NotRequired)
        .then(|| entry(RelatedVariant::SafeguardingAdultsReview))
}

// ---- Wales on or after the SUSR start ----

/// `susr_practice_review`.
pub const SUSR_PRACTICE_REVIEW: RelatedRule = RelatedRule {
    variant: RelatedVariant::SusrPracticeReview,
    kind: RelatedReviewKind::SusrPracticeReview,
    when: "Wales, the death on or after the SUSR start (regime susr_wales)",
    citation: "Single Unified Safeguarding Review guidance (Social Services and Well-being (Wales) Act 2014 Part 7)",
    mark: Mark::Guidance,
    text: "The death was in Wales on or after the SUSR start: child and adult practice review questions are handled inside the Single Unified Safeguarding Review, not as separate reviews.",
};

// ---- Offensive Weapons Homicide Review: the 2023 pilot ----

/// The OWHR pilot areas (SI 2023/227), named in both OWHR sentences.
macro_rules! owhr_pilot_areas {
    () => {
        "South Wales; the London boroughs of Barnet, Brent, Harrow, Lambeth and Southwark; Birmingham and Coventry"
    };
}

/// `offensive_weapons_homicide_review`, the deceased 18 or over.
pub const OFFENSIVE_WEAPONS_HOMICIDE_REVIEW: RelatedRule = RelatedRule {
    variant: RelatedVariant::OffensiveWeaponsHomicideReview,
    kind: RelatedReviewKind::OffensiveWeaponsHomicideReview,
    when: "manner homicide; outcome required or consider; the deceased 18 or over (exact age, or a band wholly 18 or over); the date of death inside the OWHR pilot period (dates::OWHR_PILOT_START to dates::owhr_pilot_last_day(), both days inside)",
    citation: "PCSC Act 2022 s.26; SI 2023/227 reg.1(2)",
    mark: Mark::Statute,
    text: concat!(
        "The death was within the Offensive Weapons Homicide Review pilot period (SI 2023/227), when the OWHR duty applied only in the pilot areas: ",
        owhr_pilot_areas!(),
        ". The death document holds no area: if the death was in a pilot area, the OWHR duty does not apply where the death may be the subject of a DHR (PCSC Act 2022 s.26), so record that the death is reviewed as a DHR instead."
    ),
};

/// `offensive_weapons_homicide_review`, the deceased's age unknown or in a
/// band that straddles 18 (`16-19`).
pub const OFFENSIVE_WEAPONS_HOMICIDE_REVIEW_IF_18_OR_OVER: RelatedRule = RelatedRule {
    variant: RelatedVariant::OffensiveWeaponsHomicideReviewIf18OrOver,
    kind: RelatedReviewKind::OffensiveWeaponsHomicideReview,
    when: "as the 18-or-over entry, but the deceased's age is unknown or its band straddles 18 (16-19)",
    citation: "PCSC Act 2022 s.26; SI 2023/227 reg.1(2)",
    mark: Mark::Statute,
    text: concat!(
        "The death was within the Offensive Weapons Homicide Review pilot period (SI 2023/227), when the OWHR duty applied only to a victim aged 18 or over and only in the pilot areas: ",
        owhr_pilot_areas!(),
        ". The death document holds no area: if aged 18 or over and the death was in a pilot area, the OWHR duty does not apply where the death may be the subject of a DHR (PCSC Act 2022 s.26), so record that the death is reviewed as a DHR instead."
    ),
};

/// Whether the deceased was 18 or over: `Some(true)`, `Some(false)`, or
/// `None` when the age is unknown or its band straddles 18.
fn is_18_or_over(death: &Death, exact_age: Option<u32>) -> Option<bool> {
    if death.deceased.date_of_birth.is_some() || death.deceased.age.is_some() {
        return exact_age.map(|a| a >= 18);
    }
    let (lo, hi) = death.deceased.age_band?.bounds();
    if lo >= 18 {
        Some(true)
    } else if hi.is_some_and(|h| h < 18) {
        Some(false)
    } else {
        None
    }
}

fn owhr(death: &Death, exact_age: Option<u32>, outcome: Outcome) -> Option<RelatedReview> {
    // A homicide that is, or may be, the subject of a DHR, inside the pilot.
    // Wales too, whatever the regime: South Wales was a pilot area and the
    // spec sets no condition on the nation (a SUSR start moved before the
    // pilot's end is the only way a SUSR death meets it).
    if death.manner != Manner::Homicide
        || !matches!(outcome, Outcome::Required | Outcome::Consider)
        || !in_owhr_pilot(death.date_of_death)
    {
        return None;
    }
    match is_18_or_over(death, exact_age) {
        Some(true) => Some(entry(RelatedVariant::OffensiveWeaponsHomicideReview)),
        Some(false) => None,
        None => Some(entry(
            RelatedVariant::OffensiveWeaponsHomicideReviewIf18OrOver,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_its_own_rule() {
        for v in RelatedVariant::ALL {
            let r = related_rule(*v);
            assert_eq!(r.variant, *v);
            assert!(!r.when.is_empty() && !r.citation.is_empty() && !r.text.is_empty());
        }
    }
}
