//! The limbs of the test (spec 2.1, 2.2): the deceased's age, each suspect's
//! connection, age (s.8A) and cause, and the abusive behaviour (s.8A). Each
//! rule is defined beside the code that decides it.

use super::answer::{Ctx, MissingFact, SuspectFact};
use super::render::{Args, Indicators};
use super::rule::{ReasonCode, Rule, Test};
use crate::case::{
    home_office_mapping, AbuseIndicator, AgeSource, Connection, Death, Deceased, HomeOfficeMapping,
    Suspect,
};
use crate::error::Result;
use crate::mark::Mark;
use chrono::Datelike;

/// The facts of a suspect a limb needs, as bits (in the order of `missing`).
type Facts = u8;
const F_CONNECTION: Facts = 1;
const F_SAME_HOUSEHOLD: Facts = 2;
const F_AGE: Facts = 4;
const F_ABUSE: Facts = 8;

/// One limb of the test for the deceased or a suspect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Limb {
    Holds,
    Fails,
    /// Unknown: for a suspect, the facts that would decide it.
    Unknown(Facts),
}

impl Limb {
    fn facts(self) -> Facts {
        match self {
            Limb::Unknown(f) => f,
            _ => 0,
        }
    }
}

/// The limbs of the test for one suspect.
#[derive(Clone, Copy)]
pub(super) struct SuspectLimbs {
    connection: Limb,
    age: Limb,
    cause: Limb,
}

impl SuspectLimbs {
    fn all(&self) -> [Limb; 3] {
        [self.connection, self.age, self.cause]
    }
    pub(super) fn fails(&self) -> bool {
        self.all().contains(&Limb::Fails)
    }
    pub(super) fn holds(&self) -> bool {
        self.all().iter().all(|l| *l == Limb::Holds)
    }
    /// The suicide rule: connected (and old enough under s.8A), abuse unknown.
    pub(super) fn consider_candidate(&self) -> bool {
        self.connection == Limb::Holds
            && self.age == Limb::Holds
            && matches!(self.cause, Limb::Unknown(_))
    }
    /// The missing facts of suspect `i`, in the order of `missing`.
    pub(super) fn unknown_facts(&self, i: usize) -> impl Iterator<Item = MissingFact> {
        let facts = self.connection.facts() | self.age.facts() | self.cause.facts();
        [
            (F_CONNECTION, SuspectFact::Connection),
            (F_SAME_HOUSEHOLD, SuspectFact::SameHousehold),
            (F_AGE, SuspectFact::Age),
            (F_ABUSE, SuspectFact::AbuseSuspected),
        ]
        .into_iter()
        .filter(move |(bit, _)| facts & bit != 0)
        .map(move |(_, f)| MissingFact::Suspect(i, f))
    }
}

// ---- The deceased's age: s.9(1) "a person aged 16 or over"; DAA 2021 s.1(2)(a) ----

/// The rule of reason `age_16_or_over`.
pub const AGE_16_OR_OVER: Rule = Rule {
    code: ReasonCode::Age16OrOver,
    when: "the deceased was 16 or over at death: from the date of birth (completed years), else the age given, else a band wholly at or above 16",
    decides: "the deceased's age limb holds",
    citation: "DVCVA 2004 s.9(1)",
    citation_s8a: Some("Domestic Abuse Act 2021 s.1(2)(a)"),
    mark: Mark::Statute,
    text: "The deceased was aged 16 or over at death ({source}).",
};

/// The rule of reason `age_under_16`.
pub const AGE_UNDER_16: Rule = Rule {
    code: ReasonCode::AgeUnder16,
    when: "the deceased was under 16 at death (date of birth, age, or the band under_16)",
    decides: "the age limb fails: not_required",
    citation: "DVCVA 2004 s.9(1)",
    citation_s8a: Some("Domestic Abuse Act 2021 s.1(2)(a)"),
    mark: Mark::Statute,
    text: "The deceased was under 16 at death ({source}): the test covers the death of a person aged 16 or over, so this is not a review under {test}.",
};

/// The rule of reason `age_unknown`.
pub const AGE_UNKNOWN: Rule = Rule {
    code: ReasonCode::AgeUnknown,
    when: "no date of birth, age or deciding band is given",
    decides: "the age limb is unknown: missing deceased.age",
    citation: "DVCVA 2004 s.9(1)",
    citation_s8a: Some("Domestic Abuse Act 2021 s.1(2)(a)"),
    mark: Mark::Statute,
    text: "The deceased's age at death is not known (no date of birth, age or age band): the test needs the deceased to have been aged 16 or over.",
};

/// The rule of reason `leap_day_birthday`.
pub const LEAP_DAY_BIRTHDAY: Rule = Rule {
    code: ReasonCode::LeapDayBirthday,
    when: "the deceased was born on 29 February",
    decides: "noted: in a common year the birthday is taken as 1 March when the age is computed",
    citation: "Family Law Reform Act 1969 s.9; 29 February rule: policy of this library",
    citation_s8a: None,
    mark: Mark::Policy,
    text: "The deceased was born on 29 February. A person attains an age at the start of the anniversary of their birth; in a common year that anniversary is taken as 1 March.",
};

/// The deceased's age limb, from the age at death already computed
/// (`Deceased::age_at_death`).
pub(super) fn deceased_age(ctx: &mut Ctx, death: &Death, exact_age: Option<u32>) -> Limb {
    let limb = match is_16_or_over(&death.deceased, exact_age) {
        Some((true, source)) => {
            ctx.push(&AGE_16_OR_OVER, Args::Age(source, ctx.test));
            Limb::Holds
        }
        Some((false, source)) => {
            ctx.push(&AGE_UNDER_16, Args::Age(source, ctx.test));
            Limb::Fails
        }
        None => {
            ctx.push(&AGE_UNKNOWN, Args::None);
            Limb::Unknown(0)
        }
    };
    if death
        .deceased
        .date_of_birth
        .as_ref()
        .is_some_and(|d| d.expose().month() == 2 && d.expose().day() == 29)
    {
        ctx.push(&LEAP_DAY_BIRTHDAY, Args::None);
    }
    limb
}

/// [`Deceased::is_16_or_over`], from the age at death already computed
/// (`Deceased::age_at_death`).
pub(super) fn is_16_or_over(d: &Deceased, exact_age: Option<u32>) -> Option<(bool, AgeSource)> {
    match (&d.date_of_birth, exact_age) {
        (Some(_), age) => age.map(|a| (a >= 16, AgeSource::DateOfBirth)),
        (None, Some(a)) => Some((a >= 16, AgeSource::Age)),
        (None, None) => {
            let band = d.age_band?;
            band.is_16_or_over().map(|b| (b, AgeSource::Band(band)))
        }
    }
}

/// The limbs of suspect `i`: connection, age (s.8A only) and cause.
pub(super) fn suspect(ctx: &mut Ctx, s: &Suspect, i: usize) -> Result<SuspectLimbs> {
    let (class, mapped) = effective_connection(s)?;
    if let Some(m) = mapped {
        let mut r = ctx.make(
            &HOME_OFFICE_RELATIONSHIP_MAPPED,
            Args::Mapped(i, m.relationship),
        );
        // The mapping of the value gives the mark (its citation is the
        // rule's: a unit test checks they agree).
        r.mark = m.mark;
        ctx.reasons.push(r);
    }
    let connection = match ctx.test {
        Test::DhrS9 => connection_s9(ctx, s, class, i),
        Test::DardrS8a => connection_s8a(ctx, s, mapped, class, i),
    };
    let age = match ctx.test {
        // Under s.9 the suspect's age does not matter.
        Test::DhrS9 => Limb::Holds,
        Test::DardrS8a => suspect_age(ctx, s, i),
    };
    let cause = cause(ctx, s, i);
    Ok(SuspectLimbs {
        connection,
        age,
        cause,
    })
}

// ---- A suspect's connection under s.9(1)(a)-(b) ----

/// The rule of reason `home_office_relationship_mapped`.
pub const HOME_OFFICE_RELATIONSHIP_MAPPED: Rule = Rule {
    code: ReasonCode::HomeOfficeRelationshipMapped,
    when: "a suspect gives home_office_relationship",
    decides: "the value is read as a connection class through the Home Office mapping (case::home_office_mapping), which gives this reason its citation and mark",
    citation: "dhr mapping of the Home Office DHR library relationship vocabulary (dhr-core/data/home_office_relationships.json)",
    citation_s8a: None,
    mark: Mark::Policy,
    text: "{suspect}: the Home Office DHR library relationship \"{value}\" (the deceased's relationship to the suspect) is read as connection {class}: {note}.",
};

/// The connection class a suspect's facts give (the `connection` field, or
/// the mapped Home Office value), and the mapping when one was used.
fn effective_connection(
    s: &Suspect,
) -> Result<(Option<Connection>, Option<&'static HomeOfficeMapping>)> {
    let mapped = s
        .home_office_relationship
        .map(home_office_mapping)
        .transpose()?;
    let given = s.connection.filter(|c| *c != Connection::Unknown);
    let from_ho = mapped
        .map(|m| m.connection)
        .filter(|c| *c != Connection::Unknown);
    let class = match (given, from_ho) {
        // "Cohabitant" adds household membership to a caller's "not_connected".
        (Some(Connection::NotConnected), Some(Connection::HouseholdMember)) => {
            Some(Connection::HouseholdMember)
        }
        (Some(c), _) => Some(c),
        (None, m) => m,
    };
    Ok((class, mapped))
}

/// The rule of reason `connection_intimate_partner`.
pub const CONNECTION_INTIMATE_PARTNER: Rule = Rule {
    code: ReasonCode::ConnectionIntimatePartner,
    when: "s.9: a suspect's connection (given or mapped) is intimate_partner",
    decides: "the suspect's connection limb holds",
    citation: "DVCVA 2004 s.9(1)(a)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "{suspect}: in an intimate personal relationship with the deceased, so connected under s.9(1)(a).",
};

/// The rule of reason `connection_former_intimate_partner`.
pub const CONNECTION_FORMER_INTIMATE_PARTNER: Rule = Rule {
    code: ReasonCode::ConnectionFormerIntimatePartner,
    when: "s.9: a suspect's connection (given or mapped) is former_intimate_partner",
    decides: "the suspect's connection limb holds",
    citation: "DVCVA 2004 s.9(1)(a)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "{suspect}: had been in an intimate personal relationship with the deceased, so connected under s.9(1)(a).",
};

/// The rule of reason `connection_relative`.
pub const CONNECTION_RELATIVE: Rule = Rule {
    code: ReasonCode::ConnectionRelative,
    when: "s.9: a suspect's connection (given or mapped) is relative",
    decides: "the suspect's connection limb holds",
    citation: "DVCVA 2004 s.9(1)(a); Family Law Act 1996 s.63(1) by analogy",
    citation_s8a: None,
    mark: Mark::Policy,
    text: "{suspect}: related to the deceased, so connected under s.9(1)(a). s.9 does not define \"related\"; it is read by analogy with the Family Law Act 1996 s.63(1) definition of a relative.",
};

/// The rule of reason `connection_household`.
pub const CONNECTION_HOUSEHOLD: Rule = Rule {
    code: ReasonCode::ConnectionHousehold,
    when: "s.9: a suspect is a household_member, or same_household is true, with no closer tie",
    decides: "the suspect's connection limb holds",
    citation: "DVCVA 2004 s.9(1)(b); s.5(4) by analogy",
    citation_s8a: None,
    mark: Mark::Policy,
    text: "{suspect}: a member of the same household as the deceased, so connected under s.9(1)(b). A person who visits so often and for such periods that it is reasonable to regard them as a member counts (s.5(4), by analogy).",
};

/// The rule of reason `connection_none`.
pub const CONNECTION_NONE: Rule = Rule {
    code: ReasonCode::ConnectionNone,
    when: "s.9: a suspect is not_connected and same_household is false",
    decides: "the suspect's connection limb fails",
    citation: "DVCVA 2004 s.9(1)(a)-(b)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "{suspect}: not related to the deceased, not a current or former intimate partner and not a member of the same household, so not connected under s.9(1).",
};

/// The rule of reason `connection_unknown`.
pub const CONNECTION_UNKNOWN: Rule = Rule {
    code: ReasonCode::ConnectionUnknown,
    when: "s.9: a suspect's tie is unknown and same_household is not true",
    decides: "the connection limb is unknown: missing the suspect's connection (and same_household when it is null)",
    citation: "DVCVA 2004 s.9(1)(a)-(b)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "{suspect}: whether they were related to the deceased, a current or former intimate partner, or a member of the same household is not known.",
};

/// The rule of reason `connection_household_unknown`.
pub const CONNECTION_HOUSEHOLD_UNKNOWN: Rule = Rule {
    code: ReasonCode::ConnectionHouseholdUnknown,
    when: "s.9: a suspect is not_connected and same_household is null",
    decides: "the connection limb is unknown: missing the suspect's same_household",
    citation: "DVCVA 2004 s.9(1)(b)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "{suspect}: no family or intimate tie, but whether they were a member of the same household as the deceased is not known.",
};

/// The s.9(1)(a)-(b) connection limb of suspect `i`.
fn connection_s9(ctx: &mut Ctx, s: &Suspect, class: Option<Connection>, i: usize) -> Limb {
    let (limb, rule) = match (class, s.same_household) {
        (Some(Connection::IntimatePartner), _) => (Limb::Holds, &CONNECTION_INTIMATE_PARTNER),
        (Some(Connection::FormerIntimatePartner), _) => {
            (Limb::Holds, &CONNECTION_FORMER_INTIMATE_PARTNER)
        }
        (Some(Connection::Relative), _) => (Limb::Holds, &CONNECTION_RELATIVE),
        (_, Some(true)) | (Some(Connection::HouseholdMember), _) => {
            (Limb::Holds, &CONNECTION_HOUSEHOLD)
        }
        (Some(Connection::NotConnected), Some(false)) => (Limb::Fails, &CONNECTION_NONE),
        (Some(Connection::NotConnected), None) => (
            Limb::Unknown(F_SAME_HOUSEHOLD),
            &CONNECTION_HOUSEHOLD_UNKNOWN,
        ),
        (_, Some(false)) => (Limb::Unknown(F_CONNECTION), &CONNECTION_UNKNOWN),
        (_, None) => (
            Limb::Unknown(F_CONNECTION | F_SAME_HOUSEHOLD),
            &CONNECTION_UNKNOWN,
        ),
    };
    ctx.push(rule, Args::Suspect(i));
    limb
}

// ---- A suspect's connection under s.8A: "personally connected", DAA 2021 s.2 ----

/// The rule of reason `personally_connected`.
pub const PERSONALLY_CONNECTED: Rule = Rule {
    code: ReasonCode::PersonallyConnected,
    when: "s.8A: a suspect's connection is a family or intimate tie (or the mapping says personally connected)",
    decides: "the suspect's connection limb holds",
    citation: "Domestic Abuse Act 2021 s.2(1)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "{suspect}: personally connected to the deceased ({class}) within the Domestic Abuse Act 2021 s.2.",
};

/// The rule of reason `not_personally_connected`.
pub const NOT_PERSONALLY_CONNECTED: Rule = Rule {
    code: ReasonCode::NotPersonallyConnected,
    when: "s.8A: a suspect has no family or intimate tie (a household member alone is not enough)",
    decides: "the suspect's connection limb fails",
    citation: "Domestic Abuse Act 2021 s.2(1)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "{suspect}: not personally connected to the deceased within the Domestic Abuse Act 2021 s.2. Under s.8A being a member of the same household (for example a flatmate) is not enough.",
};

/// The rule of reason `personal_connection_unknown`.
pub const PERSONAL_CONNECTION_UNKNOWN: Rule = Rule {
    code: ReasonCode::PersonalConnectionUnknown,
    when: "s.8A: whether a suspect is personally connected is unknown",
    decides: "the connection limb is unknown: missing the suspect's connection",
    citation: "Domestic Abuse Act 2021 s.2(1)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "{suspect}: whether they were personally connected to the deceased (partners or former partners, engaged, parents of the same child, or relatives: Domestic Abuse Act 2021 s.2) is not known. Under s.8A being a member of the same household is not enough.",
};

/// The s.8A connection limb of suspect `i`.
fn connection_s8a(
    ctx: &mut Ctx,
    s: &Suspect,
    mapped: Option<&HomeOfficeMapping>,
    class: Option<Connection>,
    i: usize,
) -> Limb {
    // A family or intimate tie given, else what the Home Office value says.
    let connected = match s.connection.and_then(Connection::has_tie) {
        Some(t) => Some(t),
        None => mapped.and_then(|m| m.personally_connected),
    };
    match connected {
        Some(true) => {
            ctx.push(&PERSONALLY_CONNECTED, Args::Connected(i, class));
            Limb::Holds
        }
        Some(false) => {
            ctx.push(&NOT_PERSONALLY_CONNECTED, Args::Suspect(i));
            Limb::Fails
        }
        None => {
            ctx.push(&PERSONAL_CONNECTION_UNKNOWN, Args::Suspect(i));
            Limb::Unknown(F_CONNECTION)
        }
    }
}

// ---- A suspect's age under s.8A: DAA 2021 s.1(2)(a), both people 16 or over ----

/// The rule of reason `suspect_16_or_over`.
pub const SUSPECT_16_OR_OVER: Rule = Rule {
    code: ReasonCode::Suspect16OrOver,
    when: "s.8A: a suspect's age, or else age band (spec 8.2), is 16 or over",
    decides: "the suspect's age limb holds",
    citation: "Domestic Abuse Act 2021 s.1(2)(a)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "{suspect}: aged 16 or over, as the Domestic Abuse Act 2021 s.1(2)(a) requires of both people.",
};

/// The rule of reason `suspect_under_16`.
pub const SUSPECT_UNDER_16: Rule = Rule {
    code: ReasonCode::SuspectUnder16,
    when: "s.8A: a suspect's age, or else age band (under_16, spec 8.2), is under 16",
    decides: "the suspect's age limb fails",
    citation: "Domestic Abuse Act 2021 s.1(2)(a)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "{suspect}: under 16. Behaviour of a person under 16 is not domestic abuse within the Domestic Abuse Act 2021 s.1(2)(a), so they cannot satisfy the s.8A test (under s.9 the suspect's age does not matter).",
};

/// The rule of reason `suspect_age_unknown`.
pub const SUSPECT_AGE_UNKNOWN: Rule = Rule {
    code: ReasonCode::SuspectAgeUnknown,
    when: "s.8A: neither a suspect's age nor age band is given",
    decides: "the suspect's age limb is unknown: missing the suspect's age",
    citation: "Domestic Abuse Act 2021 s.1(2)(a)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "{suspect}: age not known. Under s.8A both people must be aged 16 or over.",
};

/// The s.8A age limb of suspect `i`: from `age`, else from `age_band`
/// (spec 8.2: a band wholly at or above 16 holds, `under_16` fails, as for
/// the deceased in 2.1).
fn suspect_age(ctx: &mut Ctx, s: &Suspect, i: usize) -> Limb {
    let over_16 = s
        .age
        .map(|a| a >= 16)
        .or_else(|| s.age_band.and_then(|b| b.is_16_or_over()));
    match over_16 {
        Some(true) => {
            ctx.push(&SUSPECT_16_OR_OVER, Args::Suspect(i));
            Limb::Holds
        }
        Some(false) => {
            ctx.push(&SUSPECT_UNDER_16, Args::Suspect(i));
            Limb::Fails
        }
        None => {
            ctx.push(&SUSPECT_AGE_UNKNOWN, Args::Suspect(i));
            Limb::Unknown(F_AGE)
        }
    }
}

// ---- The cause: "has, or appears to have, resulted from violence, abuse or neglect by" ----

/// The rule of reason `abuse_suspected`.
pub const ABUSE_SUSPECTED: Rule = Rule {
    code: ReasonCode::AbuseSuspected,
    when: "a suspect's abuse_suspected is true",
    decides: "the suspect's cause limb holds",
    citation: "DVCVA 2004 s.9(1); Multi-agency statutory guidance for the conduct of DHRs (Home Office, 2016)",
    citation_s8a: Some("DVCVA 2004 s.8A; Domestic Abuse Act 2021 s.1"),
    mark: Mark::Guidance,
    text: "{suspect}: the death has, or appears to have, resulted from violence, abuse or neglect by this person. Suspicion is enough: no charge or conviction is needed, and an acquittal does not end eligibility.",
};

/// The rule of reason `abuse_ruled_out`.
pub const ABUSE_RULED_OUT: Rule = Rule {
    code: ReasonCode::AbuseRuledOut,
    when: "a suspect's abuse_suspected is false",
    decides: "the suspect's cause limb fails: that suspect cannot satisfy the test",
    citation: "DVCVA 2004 s.9(1)",
    citation_s8a: Some("DVCVA 2004 s.8A"),
    mark: Mark::Statute,
    text: "{suspect}: the death is not thought to have resulted from violence, abuse or neglect by this person, so they cannot satisfy the test.",
};

/// The rule of reason `abuse_unknown`.
pub const ABUSE_UNKNOWN: Rule = Rule {
    code: ReasonCode::AbuseUnknown,
    when: "a suspect's abuse_suspected is null (the manner of death never answers it)",
    decides: "the cause limb is unknown: missing the suspect's abuse_suspected",
    citation: "DVCVA 2004 s.9(1)",
    citation_s8a: Some("DVCVA 2004 s.8A"),
    mark: Mark::Statute,
    text: "{suspect}: whether the death has, or appears to have, resulted from violence, abuse or neglect by this person is not known. The manner of death does not answer this.",
};

/// The cause limb of suspect `i`.
fn cause(ctx: &mut Ctx, s: &Suspect, i: usize) -> Limb {
    match s.abuse_suspected {
        Some(true) => {
            ctx.push(&ABUSE_SUSPECTED, Args::Suspect(i));
            Limb::Holds
        }
        Some(false) => {
            ctx.push(&ABUSE_RULED_OUT, Args::Suspect(i));
            Limb::Fails
        }
        None => {
            ctx.push(&ABUSE_UNKNOWN, Args::Suspect(i));
            Limb::Unknown(F_ABUSE)
        }
    }
}

// ---- Abusive behaviour: decides a limb under s.8A only (DAA 2021 s.1(3)) ----

/// The rule of reason `abusive_behaviour`.
pub const ABUSIVE_BEHAVIOUR: Rule = Rule {
    code: ReasonCode::AbusiveBehaviour,
    when: "s.8A: abuse_indicators lists at least one indicator",
    decides: "the abusive-behaviour limb holds",
    citation: "Domestic Abuse Act 2021 s.1(3)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "Abusive behaviour within the Domestic Abuse Act 2021 s.1(3) is indicated: {indicators}.",
};

/// The rule of reason `neglect_as_other_abuse`.
pub const NEGLECT_AS_OTHER_ABUSE: Rule = Rule {
    code: ReasonCode::NeglectAsOtherAbuse,
    when: "s.8A: abuse_indicators includes neglect or stalking",
    decides: "noted: read as psychological, emotional or other abuse",
    citation: "Domestic Abuse Act 2021 s.1(3)(e)",
    citation_s8a: None,
    mark: Mark::Policy,
    text: "Neglect is not named in the Domestic Abuse Act 2021 s.1(3); under s.8A it counts only as \"psychological, emotional or other abuse\" (s.1(3)(e)), which this library accepts. Stalking is read the same way.",
};

/// The rule of reason `abusive_behaviour_unknown`.
pub const ABUSIVE_BEHAVIOUR_UNKNOWN: Rule = Rule {
    code: ReasonCode::AbusiveBehaviourUnknown,
    when: "s.8A: abuse_indicators is empty",
    decides: "the abusive-behaviour limb is unknown: missing abuse_indicators",
    citation: "Domestic Abuse Act 2021 s.1(3)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "No abuse indicators are given. Under s.8A the behaviour must be abusive within the Domestic Abuse Act 2021 s.1(3): physical or sexual abuse, violent or threatening behaviour, controlling or coercive behaviour, economic abuse, or psychological, emotional or other abuse.",
};

/// The rule of reason `abuse_indicators_noted`.
pub const ABUSE_INDICATORS_NOTED: Rule = Rule {
    code: ReasonCode::AbuseIndicatorsNoted,
    when: "s.9: abuse_indicators lists at least one indicator",
    decides: "noted only: indicators do not decide the s.9 test",
    citation: "DVCVA 2004 s.9(1)",
    citation_s8a: None,
    mark: Mark::Statute,
    text: "Abuse indicators given: {indicators}. They are recorded but do not decide the s.9 test.",
};

/// The abusive-behaviour limb (s.8A), or the indicators noted (s.9).
pub(super) fn behaviour(ctx: &mut Ctx, death: &Death) -> Limb {
    let indicators = Indicators::of(&death.abuse_indicators);
    match ctx.test {
        Test::DhrS9 => {
            if !indicators.is_empty() {
                ctx.push(&ABUSE_INDICATORS_NOTED, Args::Indicators(indicators));
            }
            Limb::Holds
        }
        Test::DardrS8a => {
            if indicators.is_empty() {
                ctx.push(&ABUSIVE_BEHAVIOUR_UNKNOWN, Args::None);
                return Limb::Unknown(0);
            }
            ctx.push(&ABUSIVE_BEHAVIOUR, Args::Indicators(indicators));
            if death
                .abuse_indicators
                .iter()
                .any(|a| matches!(a, AbuseIndicator::Neglect | AbuseIndicator::Stalking))
            {
                ctx.push(&NEGLECT_AS_OTHER_ABUSE, Args::None);
            }
            Limb::Holds
        }
    }
}
