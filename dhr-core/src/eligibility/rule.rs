//! The vocabulary of the eligibility rules: a reason's [`ReasonCode`] and its
//! [`Rule`], a related review's [`RelatedVariant`] and its [`RelatedRule`],
//! and the statutory [`Test`]. The rules themselves are defined beside the
//! code that decides them (`regime`, `limbs`, `decision`, `related`).

use crate::mark::Mark;
use serde::Serialize;

names! {
    /// The stable code of a [`Reason`](super::Reason); its rule is [`rule`](super::rule).
    pub enum ReasonCode {
        /// The death was in Scotland.
        OutOfScopeScotland = "out_of_scope_scotland",
        /// The death was in Northern Ireland.
        OutOfScopeNorthernIreland = "out_of_scope_northern_ireland",
        /// s.9 applies: s.8A not commenced.
        RegimeDhrS9 = "regime_dhr_s9",
        /// s.9 applies: the death was before the s.8A commencement date.
        RegimeDhrS9BeforeDardr = "regime_dhr_s9_before_dardr",
        /// s.8A applies.
        RegimeDardrS8a = "regime_dardr_s8a",
        /// Wales on or after the SUSR start.
        RegimeSusrWales = "regime_susr_wales",
        /// Wales before the SUSR start.
        WalesBeforeSusr = "wales_before_susr",
        /// The death was before s.9 came into force (not excluded).
        DeathBeforeS9InForce = "death_before_s9_in_force",
        /// The deceased was 16 or over.
        Age16OrOver = "age_16_or_over",
        /// The deceased was under 16.
        AgeUnder16 = "age_under_16",
        /// The deceased's age is unknown.
        AgeUnknown = "age_unknown",
        /// Born on 29 February: the 1 March rule.
        LeapDayBirthday = "leap_day_birthday",
        /// A suspect was an intimate partner.
        ConnectionIntimatePartner = "connection_intimate_partner",
        /// A suspect was a former intimate partner.
        ConnectionFormerIntimatePartner = "connection_former_intimate_partner",
        /// A suspect was a relative.
        ConnectionRelative = "connection_relative",
        /// A suspect was a member of the same household.
        ConnectionHousehold = "connection_household",
        /// A suspect had no connection.
        ConnectionNone = "connection_none",
        /// A suspect's connection is unknown.
        ConnectionUnknown = "connection_unknown",
        /// A suspect had no tie; household membership unknown.
        ConnectionHouseholdUnknown = "connection_household_unknown",
        /// A Home Office relationship value was mapped.
        HomeOfficeRelationshipMapped = "home_office_relationship_mapped",
        /// The death appears to have resulted from abuse by a suspect.
        AbuseSuspected = "abuse_suspected",
        /// Abuse by a suspect is ruled out.
        AbuseRuledOut = "abuse_ruled_out",
        /// Whether abuse by a suspect is suspected is unknown.
        AbuseUnknown = "abuse_unknown",
        /// s.8A: personally connected.
        PersonallyConnected = "personally_connected",
        /// s.8A: not personally connected.
        NotPersonallyConnected = "not_personally_connected",
        /// s.8A: personal connection unknown.
        PersonalConnectionUnknown = "personal_connection_unknown",
        /// s.8A: the suspect was 16 or over.
        Suspect16OrOver = "suspect_16_or_over",
        /// s.8A: the suspect was under 16.
        SuspectUnder16 = "suspect_under_16",
        /// s.8A: the suspect's age is unknown.
        SuspectAgeUnknown = "suspect_age_unknown",
        /// s.8A: abusive behaviour indicated.
        AbusiveBehaviour = "abusive_behaviour",
        /// s.8A: neglect (or stalking) read as "other abuse".
        NeglectAsOtherAbuse = "neglect_as_other_abuse",
        /// s.8A: abusive behaviour not known.
        AbusiveBehaviourUnknown = "abusive_behaviour_unknown",
        /// s.9: abuse indicators recorded.
        AbuseIndicatorsNoted = "abuse_indicators_noted",
        /// No suspect given.
        NoSuspects = "no_suspects",
        /// Suicide with abuse by a connected person suspected.
        SuicideAbuseSuspected = "suicide_abuse_suspected",
        /// Suicide where abuse by a connected person is not yet known.
        SuicideConsider = "suicide_consider",
        /// Suicide where abuse by every connected person is ruled out.
        SuicideAbuseRuledOut = "suicide_abuse_ruled_out",
        /// The test holds.
        TestMet = "test_met",
        /// The test fails.
        TestNotMet = "test_not_met",
        /// The answer depends on unknown facts.
        InformationNeeded = "information_needed",
    }
}

/// One eligibility rule: the reason it gives, when it applies and what it
/// decides, its source and mark, and the sentence of the reason.
///
/// ```
/// use dhr_core::eligibility::{rule, ReasonCode};
/// use dhr_core::Mark;
/// let r = rule(ReasonCode::SuicideConsider);
/// assert_eq!(r.mark, Mark::Guidance);
/// assert!(r.citation.contains("2016"));
/// assert!(r.decides.starts_with("outcome consider"));
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// The reason code the rule gives.
    pub code: ReasonCode,
    /// When it applies, in plain English (the condition the code checks).
    pub when: &'static str,
    /// What it decides (its consequence for the limb or the answer).
    pub decides: &'static str,
    /// The source, the `citation` of the reason.
    pub citation: &'static str,
    /// The source under s.8A, when it differs.
    pub citation_s8a: Option<&'static str>,
    /// How firmly the rule is sourced.
    pub mark: Mark,
    /// The sentence of the reason; `{name}` placeholders are filled with the
    /// library's own values (suspect paths, class names, test names, option
    /// dates), never with caller data.
    pub text: &'static str,
}

names! {
    /// The statutory test that decided an answer.
    pub enum Test {
        /// DVCVA 2004 s.9(1).
        DhrS9 = "dhr_s9",
        /// DVCVA 2004 s.8A with the Domestic Abuse Act 2021 ss.1-2.
        DardrS8a = "dardr_s8a",
    }
}

impl Test {
    /// The statute the test is named by in the reasons.
    ///
    /// ```
    /// use dhr_core::eligibility::Test;
    /// assert_eq!(Test::DhrS9.statute(), "DVCVA 2004 s.9(1)");
    /// ```
    pub fn statute(self) -> &'static str {
        match self {
            Test::DhrS9 => "DVCVA 2004 s.9(1)",
            Test::DardrS8a => "DVCVA 2004 s.8A",
        }
    }
}

names! {
    /// The kind of a [`RelatedReview`](super::RelatedReview) (spec 2.4).
    pub enum RelatedReviewKind {
        /// A Child Safeguarding Practice Review (England, deceased 16 or 17).
        ChildSafeguardingPracticeReview = "child_safeguarding_practice_review",
        /// A child death review (deceased under 16).
        ChildDeathReview = "child_death_review",
        /// A Safeguarding Adults Review (England, care and support needs).
        SafeguardingAdultsReview = "safeguarding_adults_review",
        /// Practice review questions handled inside a Welsh SUSR.
        SusrPracticeReview = "susr_practice_review",
        /// An Offensive Weapons Homicide Review (pilot, 2023; not held where a DHR may be).
        OffensiveWeaponsHomicideReview = "offensive_weapons_homicide_review",
    }
}

names! {
    /// The rules of `related_reviews` (one kind may have several wordings),
    /// by name: see [`related_rule`](super::related_rule).
    pub enum RelatedVariant {
        /// CSPR: the deceased was 16 or 17.
        Cspr = "child_safeguarding_practice_review",
        /// CSPR: only the band 16-19 is known.
        CsprBand = "child_safeguarding_practice_review_band",
        /// Child death review.
        ChildDeathReview = "child_death_review",
        /// SAR.
        SafeguardingAdultsReview = "safeguarding_adults_review",
        /// SUSR practice review.
        SusrPracticeReview = "susr_practice_review",
        /// OWHR: the deceased was 18 or over.
        OffensiveWeaponsHomicideReview = "offensive_weapons_homicide_review",
        /// OWHR: the deceased's age is unknown or its band straddles 18.
        OffensiveWeaponsHomicideReviewIf18OrOver = "offensive_weapons_homicide_review_if_18_or_over",
    }
}

/// The rule of one related-review entry: when it is flagged, its source,
/// mark and sentence.
///
/// ```
/// use dhr_core::eligibility::{related_rule, RelatedVariant};
/// let r = related_rule(RelatedVariant::OffensiveWeaponsHomicideReview);
/// assert!(r.citation.contains("SI 2023/227"));
/// assert!(r.text.contains("Barnet, Brent, Harrow, Lambeth and Southwark"));
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct RelatedRule {
    /// The rule's name.
    pub variant: RelatedVariant,
    /// The kind of the entry it gives.
    pub kind: RelatedReviewKind,
    /// When it is flagged, in plain English (the condition the code checks).
    pub when: &'static str,
    /// The source, the `citation` of the entry.
    pub citation: &'static str,
    /// How firmly the rule is sourced.
    pub mark: Mark,
    /// The sentence of the entry.
    pub text: &'static str,
}
