//! The index of the eligibility rules: every reason code and the [`Rule`]
//! that gives it, defined beside the code that decides it:
//! [`regime`](super::regime) (scope and the test applied),
//! [`limbs`](super::limbs) (the deceased's and each suspect's limbs) and
//! [`decision`](super::decision) (the outcome). Related reviews are indexed
//! in [`related`](super::related).

use super::rule::{ReasonCode, Rule};
use super::{decision, limbs, regime};

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
