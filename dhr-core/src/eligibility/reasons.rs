//! The index of the eligibility rules: every reason code, and where its rule
//! ([`Rule`]: when it applies, what it decides, its citation, mark and
//! sentence) is defined, beside the code that decides it:
//! [`regime`](super::regime) (scope and the test applied),
//! [`limbs`](super::limbs) (the deceased's and each suspect's limbs) and
//! [`decision`](super::decision) (the outcome). Related reviews are in
//! [`related`](super::related).

use super::{decision, limbs, regime};
use crate::mark::Mark;
use serde::Serialize;

names! {
    /// The stable code of a [`Reason`](super::Reason); its rule is [`rule`].
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

/// The rule of a reason code.
pub fn rule(code: ReasonCode) -> &'static Rule {
    use ReasonCode as C;
    match code {
        C::OutOfScopeScotland => &regime::OUT_OF_SCOPE_SCOTLAND,
        C::OutOfScopeNorthernIreland => &regime::OUT_OF_SCOPE_NORTHERN_IRELAND,
        C::RegimeDhrS9 => &regime::REGIME_DHR_S9,
        C::RegimeDhrS9BeforeDardr => &regime::REGIME_DHR_S9_BEFORE_DARDR,
        C::RegimeDardrS8a => &regime::REGIME_DARDR_S8A,
        C::RegimeSusrWales => &regime::REGIME_SUSR_WALES,
        C::WalesBeforeSusr => &regime::WALES_BEFORE_SUSR,
        C::DeathBeforeS9InForce => &regime::DEATH_BEFORE_S9_IN_FORCE,
        C::Age16OrOver => &limbs::AGE_16_OR_OVER,
        C::AgeUnder16 => &limbs::AGE_UNDER_16,
        C::AgeUnknown => &limbs::AGE_UNKNOWN,
        C::LeapDayBirthday => &limbs::LEAP_DAY_BIRTHDAY,
        C::ConnectionIntimatePartner => &limbs::CONNECTION_INTIMATE_PARTNER,
        C::ConnectionFormerIntimatePartner => &limbs::CONNECTION_FORMER_INTIMATE_PARTNER,
        C::ConnectionRelative => &limbs::CONNECTION_RELATIVE,
        C::ConnectionHousehold => &limbs::CONNECTION_HOUSEHOLD,
        C::ConnectionNone => &limbs::CONNECTION_NONE,
        C::ConnectionUnknown => &limbs::CONNECTION_UNKNOWN,
        C::ConnectionHouseholdUnknown => &limbs::CONNECTION_HOUSEHOLD_UNKNOWN,
        C::HomeOfficeRelationshipMapped => &limbs::HOME_OFFICE_RELATIONSHIP_MAPPED,
        C::AbuseSuspected => &limbs::ABUSE_SUSPECTED,
        C::AbuseRuledOut => &limbs::ABUSE_RULED_OUT,
        C::AbuseUnknown => &limbs::ABUSE_UNKNOWN,
        C::PersonallyConnected => &limbs::PERSONALLY_CONNECTED,
        C::NotPersonallyConnected => &limbs::NOT_PERSONALLY_CONNECTED,
        C::PersonalConnectionUnknown => &limbs::PERSONAL_CONNECTION_UNKNOWN,
        C::Suspect16OrOver => &limbs::SUSPECT_16_OR_OVER,
        C::SuspectUnder16 => &limbs::SUSPECT_UNDER_16,
        C::SuspectAgeUnknown => &limbs::SUSPECT_AGE_UNKNOWN,
        C::AbusiveBehaviour => &limbs::ABUSIVE_BEHAVIOUR,
        C::NeglectAsOtherAbuse => &limbs::NEGLECT_AS_OTHER_ABUSE,
        C::AbusiveBehaviourUnknown => &limbs::ABUSIVE_BEHAVIOUR_UNKNOWN,
        C::AbuseIndicatorsNoted => &limbs::ABUSE_INDICATORS_NOTED,
        C::NoSuspects => &decision::NO_SUSPECTS,
        C::SuicideAbuseSuspected => &decision::SUICIDE_ABUSE_SUSPECTED,
        C::SuicideConsider => &decision::SUICIDE_CONSIDER,
        C::SuicideAbuseRuledOut => &decision::SUICIDE_ABUSE_RULED_OUT,
        C::TestMet => &decision::TEST_MET,
        C::TestNotMet => &decision::TEST_NOT_MET,
        C::InformationNeeded => &decision::INFORMATION_NEEDED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_own_rule() {
        for code in ReasonCode::ALL {
            let r = rule(*code);
            assert_eq!(r.code, *code);
            assert!(!r.when.is_empty() && !r.decides.is_empty(), "{code}");
            assert!(!r.citation.is_empty() && !r.text.is_empty(), "{code}");
        }
    }
}
