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
//! the [`RelatedReview`]s to flag. The texts, citations, confidence marks,
//! commencement dates and periods are data, in `dhr-core/data/eligibility.json`
//! and `dhr-core/data/home_office_relationships.json`.
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
//! assert!(answer.reasons.iter().any(|r| r.code.as_str() == "home_office_relationship_mapped"));
//! # Ok::<(), dhr_core::Error>(())
//! ```

mod data;

use crate::calendar::{add_working_days, Region};
use crate::case::{
    AbuseIndicator, AgeBand, AgeSource, Connection, Death, HomeOfficeRelationship, Manner, Nation,
    Suspect,
};
use crate::error::Result;
use crate::json::{self, date_format};
use crate::personal::Personal;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;

names! {
    /// The answer of an assessment (spec 2.3).
    pub enum Outcome {
        /// The test holds on the facts given.
        Required = "required",
        /// A suicide where a connected person is involved and whether abuse
        /// by them is suspected is not yet known: a judgement.
        Consider = "consider",
        /// A limb of the test fails on the facts given.
        NotRequired = "not_required",
        /// A fact that decides the answer is unknown (see `missing`).
        NeedsInformation = "needs_information",
        /// The death was not in England or Wales.
        OutOfScope = "out_of_scope",
    }
}

names! {
    /// The regime the answer is given under (spec 2.3).
    pub enum Regime {
        /// A Domestic Homicide Review under DVCVA 2004 s.9.
        DhrS9 = "dhr_s9",
        /// A domestic abuse related death review under DVCVA 2004 s.8A.
        DardrS8a = "dardr_s8a",
        /// A Single Unified Safeguarding Review (Wales).
        SusrWales = "susr_wales",
        /// None: the death is out of scope.
        None = "none",
    }
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

names! {
    /// How firmly a rule is sourced (spec, "Marks").
    pub enum Mark {
        /// Statute text, confirmed.
        Statute = "S",
        /// Statutory guidance or an official page, confirmed.
        Guidance = "G",
        /// The Stockton local procedure (2011).
        Local = "L",
        /// Widely used but not confirmed from the text.
        Unconfirmed = "U",
        /// A policy decision of this library.
        Policy = "P",
    }
}

names! {
    /// The stable code of a [`Reason`].
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

names! {
    /// The kind of a [`RelatedReview`] (spec 2.4).
    pub enum RelatedReviewKind {
        /// A Child Safeguarding Practice Review (England, deceased 16 or 17).
        ChildSafeguardingPracticeReview = "child_safeguarding_practice_review",
        /// A child death review (deceased under 16).
        ChildDeathReview = "child_death_review",
        /// A Safeguarding Adults Review (England, care and support needs).
        SafeguardingAdultsReview = "safeguarding_adults_review",
        /// Practice review questions handled inside a Welsh SUSR.
        SusrPracticeReview = "susr_practice_review",
        /// An Offensive Weapons Homicide Review (not held where a DHR may be).
        OffensiveWeaponsHomicideReview = "offensive_weapons_homicide_review",
    }
}

names! {
    /// The entries of `related_reviews` in the rule data (one kind may have
    /// several wordings), keyed by these names.
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
        /// OWHR.
        OffensiveWeaponsHomicideReview = "offensive_weapons_homicide_review",
    }
}

/// Options of an assessment: the dates that are parameters, not law.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessOptions {
    /// The commencement date of DVCVA s.8A (DARDR), `None`: not commenced
    /// (the default). A death on or after it is assessed under s.8A.
    pub dardr_commenced: Option<NaiveDate>,
    /// The date from which a death in Wales is reviewed as a SUSR, keyed on
    /// the date of death (default 2024-10-01).
    pub susr_from: NaiveDate,
}

/// The default start of Single Unified Safeguarding Reviews in Wales.
pub const SUSR_FROM_DEFAULT: NaiveDate = match NaiveDate::from_ymd_opt(2024, 10, 1) {
    Some(d) => d,
    None => json::MIN_DATE,
};

impl Default for AssessOptions {
    /// No DARDR commencement; SUSR from 1 October 2024.
    ///
    /// ```
    /// use dhr_core::eligibility::AssessOptions;
    /// let o = AssessOptions::default();
    /// assert_eq!(o.dardr_commenced, None);
    /// assert_eq!(o.susr_from.to_string(), "2024-10-01");
    /// ```
    fn default() -> Self {
        AssessOptions {
            dardr_commenced: None,
            // The rule data's date; the constant only if the data were broken.
            susr_from: data::data().map_or(SUSR_FROM_DEFAULT, |d| d.susr_start.date),
        }
    }
}

/// One reason of an answer: `{"code", "text", "citation"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The stable code.
    pub code: ReasonCode,
    /// A plain-English sentence (borrowed from the rule data when it has
    /// nothing to fill in).
    pub text: Cow<'static, str>,
    /// The source (statute, guidance, or this library's policy), borrowed
    /// from the rule data.
    pub citation: Cow<'static, str>,
    /// The confidence mark of the rule (not part of the JSON answer).
    #[serde(skip)]
    pub mark: Mark,
}

/// A review to flag alongside (never decided here): `{"kind", "text",
/// "citation"}`, plus `notify_by` and `rapid_review_by` on a Child
/// Safeguarding Practice Review entry when the death gives `notified_on`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelatedReview {
    /// The kind.
    pub kind: RelatedReviewKind,
    /// A plain-English sentence (borrowed from the rule data unless a note
    /// was added).
    pub text: Cow<'static, str>,
    /// The source, borrowed from the rule data.
    pub citation: Cow<'static, str>,
    /// CSPR: the last day to notify the national panel (5 working days).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "date_format::option::serialize"
    )]
    pub notify_by: Option<NaiveDate>,
    /// CSPR: the last day of the rapid review (15 working days).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "date_format::option::serialize"
    )]
    pub rapid_review_by: Option<NaiveDate>,
    /// The confidence mark of the rule (not part of the JSON answer).
    #[serde(skip)]
    pub mark: Mark,
}

/// The answer of [`assess`] (spec 6.2). Serialises to exactly the keys
/// `reference`, `outcome`, `regime`, `reasons`, `missing`, `related_reviews`,
/// and `extensions` when the death carried a non-empty one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The caller's reference, echoed (null when absent).
    pub reference: Option<String>,
    /// The answer.
    pub outcome: Outcome,
    /// The regime.
    pub regime: Regime,
    /// Why, rule by rule.
    pub reasons: Vec<Reason>,
    /// The paths of the facts still to find (spec 6.2 syntax).
    pub missing: Vec<String>,
    /// Other reviews to flag.
    pub related_reviews: Vec<RelatedReview>,
    /// The caller's extensions, echoed when non-empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Personal<Map<String, Value>>>,
    /// The statutory test that decided (`None` when out of scope). Not part
    /// of the JSON answer: the regime and the reasons say it.
    #[serde(skip)]
    pub test: Option<Test>,
}

impl Assessment {
    /// The answer as JSON (spec 6.2).
    ///
    /// ```
    /// use dhr_core::case::Death;
    /// use dhr_core::eligibility::{assess, AssessOptions};
    /// let death = Death::from_json(r#"{"schema_version": 1, "date_of_death": "2024-03-10",
    ///     "nation": "scotland", "deceased": {}, "manner": "homicide", "suspects": []}"#)?;
    /// let v = assess(&death, &AssessOptions::default())?.to_value();
    /// assert_eq!(v["outcome"], "out_of_scope");
    /// assert_eq!(v["regime"], "none");
    /// assert!(v["reference"].is_null());
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn to_value(&self) -> Value {
        // Serialising plain strings, enums and dates cannot fail.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// How the Home Office DHR library's relationship value maps to the
/// library's connection classes (data: `dhr-core/data/home_office_relationships.json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeOfficeMapping {
    /// The Home Office value.
    pub relationship: HomeOfficeRelationship,
    /// The connection class used for the s.9 test.
    pub connection: Connection,
    /// Personally connected within the Domestic Abuse Act 2021 s.2 (s.8A
    /// test); `None` when the value alone does not say.
    pub personally_connected: Option<bool>,
    /// Why, in a phrase.
    pub note: String,
    /// The citation of the mapping.
    pub citation: String,
    /// The confidence mark of the mapping.
    pub mark: Mark,
}

/// The mapping of one Home Office relationship value.
///
/// ```
/// use dhr_core::case::{Connection, HomeOfficeRelationship};
/// use dhr_core::eligibility::home_office_mapping;
/// let m = home_office_mapping(HomeOfficeRelationship::OtherNonRelative)?;
/// assert_eq!(m.connection, Connection::NotConnected); // household still open
/// let m = home_office_mapping(HomeOfficeRelationship::Parent)?;
/// assert_eq!(m.connection, Connection::Relative);
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn home_office_mapping(r: HomeOfficeRelationship) -> Result<&'static HomeOfficeMapping> {
    let d = data::data()?;
    d.home_office(r).ok_or_else(|| {
        crate::Error::new(
            crate::ErrorCode::InvalidRuleSet,
            "",
            "the built-in Home Office relationship mapping is incomplete",
        )
    })
}

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

/// One limb of the test for the deceased or a suspect.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Limb {
    Holds,
    Fails,
    /// Unknown: the paths of the facts that would decide it.
    Unknown(Vec<String>),
}

impl Limb {
    fn paths(&self) -> &[String] {
        match self {
            Limb::Unknown(p) => p,
            _ => &[],
        }
    }
}

/// The limbs of the test for one suspect.
struct SuspectLimbs {
    connection: Limb,
    age: Limb,
    cause: Limb,
}

impl SuspectLimbs {
    fn all(&self) -> [&Limb; 3] {
        [&self.connection, &self.age, &self.cause]
    }
    fn fails(&self) -> bool {
        self.all().iter().any(|l| **l == Limb::Fails)
    }
    fn holds(&self) -> bool {
        self.all().iter().all(|l| **l == Limb::Holds)
    }
    /// The suicide rule: connected (and old enough under s.8A), abuse unknown.
    fn consider_candidate(&self) -> bool {
        self.connection == Limb::Holds
            && self.age == Limb::Holds
            && matches!(self.cause, Limb::Unknown(_))
    }
    fn unknown_paths(&self) -> impl Iterator<Item = &String> {
        self.all().into_iter().flat_map(|l| l.paths().iter())
    }
}

struct Ctx {
    data: &'static data::Data,
    test: Test,
    reasons: Vec<Reason>,
}

impl Ctx {
    fn test_name(&self) -> &'static str {
        match self.test {
            Test::DhrS9 => &self.data.test_s9,
            Test::DardrS8a => &self.data.test_s8a,
        }
    }

    fn make(&self, code: ReasonCode, vars: &[(&str, &str)]) -> Reason {
        match self.data.reason(code) {
            Some(r) => {
                let citation = match (self.test, &r.citation_s8a) {
                    (Test::DardrS8a, Some(c)) => c.as_str(),
                    _ => r.citation.as_str(),
                };
                Reason {
                    code,
                    text: fill(&r.text, vars),
                    citation: Cow::Borrowed(citation),
                    mark: r.mark,
                }
            }
            // Unreachable: the data is checked complete when it is loaded.
            None => Reason {
                code,
                text: Cow::Borrowed(""),
                citation: Cow::Borrowed(""),
                mark: Mark::Policy,
            },
        }
    }

    fn push(&mut self, code: ReasonCode, vars: &[(&str, &str)]) {
        let r = self.make(code, vars);
        self.reasons.push(r);
    }
}

/// Replace `{name}` with its value; every value is the library's own text.
/// A template with no placeholder is borrowed, not copied; otherwise the
/// text is written in one pass. A `{` not followed by a known `name}` is
/// kept as it is.
fn fill(template: &'static str, vars: &[(&str, &str)]) -> Cow<'static, str> {
    if vars.is_empty() || !template.contains('{') {
        return Cow::Borrowed(template);
    }
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from_brace) = rest.split_at(open);
        out.push_str(before);
        let after = from_brace.get(1..).unwrap_or("");
        let hit = vars.iter().find_map(|(k, v)| {
            after
                .strip_prefix(k)
                .and_then(|t| t.strip_prefix('}'))
                .map(|t| (v, t))
        });
        match hit {
            Some((v, tail)) => {
                out.push_str(v);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

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

/// Personally connected within the Domestic Abuse Act 2021 s.2.
fn personally_connected(s: &Suspect, mapped: Option<&HomeOfficeMapping>) -> Option<bool> {
    match s.connection.and_then(Connection::has_tie) {
        Some(t) => Some(t),
        None => mapped.and_then(|m| m.personally_connected),
    }
}

fn class_phrase(c: Connection) -> &'static str {
    c.as_str()
}

fn assess_suspect(ctx: &mut Ctx, s: &Suspect, i: usize) -> Result<SuspectLimbs> {
    let path = json::item("suspects", i);
    let p = |key: &str| json::child(&path, key);
    let (class, mapped) = effective_connection(s)?;
    if let Some(m) = mapped {
        ctx.push(
            ReasonCode::HomeOfficeRelationshipMapped,
            &[
                ("suspect", &path),
                ("value", m.relationship.as_str()),
                ("class", m.connection.as_str()),
                ("note", &m.note),
            ],
        );
        if let Some(r) = ctx.reasons.last_mut() {
            r.citation = Cow::Borrowed(m.citation.as_str());
            r.mark = m.mark;
        }
    }
    let connection = match ctx.test {
        Test::DhrS9 => {
            let (limb, code) = match (class, s.same_household) {
                (Some(c @ Connection::IntimatePartner), _) => (Limb::Holds, code_for(c)),
                (Some(c @ Connection::FormerIntimatePartner), _) => (Limb::Holds, code_for(c)),
                (Some(c @ Connection::Relative), _) => (Limb::Holds, code_for(c)),
                (_, Some(true)) | (Some(Connection::HouseholdMember), _) => {
                    (Limb::Holds, ReasonCode::ConnectionHousehold)
                }
                (Some(Connection::NotConnected), Some(false)) => {
                    (Limb::Fails, ReasonCode::ConnectionNone)
                }
                (Some(Connection::NotConnected), None) => (
                    Limb::Unknown(vec![p("same_household")]),
                    ReasonCode::ConnectionHouseholdUnknown,
                ),
                (_, Some(false)) => (
                    Limb::Unknown(vec![p("connection")]),
                    ReasonCode::ConnectionUnknown,
                ),
                (_, None) => (
                    Limb::Unknown(vec![p("connection"), p("same_household")]),
                    ReasonCode::ConnectionUnknown,
                ),
            };
            ctx.push(code, &[("suspect", &path)]);
            limb
        }
        Test::DardrS8a => match personally_connected(s, mapped) {
            Some(true) => {
                let phrase = class.map_or("connected", class_phrase);
                ctx.push(
                    ReasonCode::PersonallyConnected,
                    &[("suspect", &path), ("class", phrase)],
                );
                Limb::Holds
            }
            Some(false) => {
                ctx.push(ReasonCode::NotPersonallyConnected, &[("suspect", &path)]);
                Limb::Fails
            }
            None => {
                ctx.push(ReasonCode::PersonalConnectionUnknown, &[("suspect", &path)]);
                Limb::Unknown(vec![p("connection")])
            }
        },
    };
    let age = match ctx.test {
        // Under s.9 the suspect's age does not matter.
        Test::DhrS9 => Limb::Holds,
        Test::DardrS8a => match s.age {
            Some(a) if a >= 16 => {
                ctx.push(ReasonCode::Suspect16OrOver, &[("suspect", &path)]);
                Limb::Holds
            }
            Some(_) => {
                ctx.push(ReasonCode::SuspectUnder16, &[("suspect", &path)]);
                Limb::Fails
            }
            None => {
                ctx.push(ReasonCode::SuspectAgeUnknown, &[("suspect", &path)]);
                Limb::Unknown(vec![p("age")])
            }
        },
    };
    let cause = match s.abuse_suspected {
        Some(true) => {
            ctx.push(ReasonCode::AbuseSuspected, &[("suspect", &path)]);
            Limb::Holds
        }
        Some(false) => {
            ctx.push(ReasonCode::AbuseRuledOut, &[("suspect", &path)]);
            Limb::Fails
        }
        None => {
            ctx.push(ReasonCode::AbuseUnknown, &[("suspect", &path)]);
            Limb::Unknown(vec![p("abuse_suspected")])
        }
    };
    Ok(SuspectLimbs {
        connection,
        age,
        cause,
    })
}

fn code_for(c: Connection) -> ReasonCode {
    match c {
        Connection::IntimatePartner => ReasonCode::ConnectionIntimatePartner,
        Connection::FormerIntimatePartner => ReasonCode::ConnectionFormerIntimatePartner,
        Connection::Relative => ReasonCode::ConnectionRelative,
        Connection::HouseholdMember => ReasonCode::ConnectionHousehold,
        Connection::NotConnected => ReasonCode::ConnectionNone,
        Connection::Unknown => ReasonCode::ConnectionUnknown,
    }
}

fn indicator_list(list: &[AbuseIndicator]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for a in list {
        if !seen.contains(&a.as_str()) {
            seen.push(a.as_str());
        }
    }
    seen.join(", ")
}

fn suspect_list(indices: &[usize]) -> String {
    indices
        .iter()
        .map(|i| json::item("suspects", *i))
        .collect::<Vec<_>>()
        .join(", ")
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
/// assert!(answer.reasons.last().unwrap().text.contains("suspects[1]"));
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn assess(death: &Death, opts: &AssessOptions) -> Result<Assessment> {
    death.validate()?;
    let data = data::data()?;
    let extensions = if death.extensions.expose().is_empty() {
        None
    } else {
        Some(death.extensions.clone())
    };
    let answer = |outcome, regime, reasons, missing, related_reviews, test| Assessment {
        reference: death.reference.clone(),
        outcome,
        regime,
        reasons,
        missing,
        related_reviews,
        extensions: extensions.clone(),
        test,
    };

    // Scope first.
    let scope = match death.nation {
        Nation::Scotland => Some(ReasonCode::OutOfScopeScotland),
        Nation::NorthernIreland => Some(ReasonCode::OutOfScopeNorthernIreland),
        Nation::England | Nation::Wales => None,
    };
    if let Some(code) = scope {
        let ctx = Ctx {
            data,
            test: Test::DhrS9,
            reasons: Vec::new(),
        };
        let reasons = vec![ctx.make(code, &[])];
        return Ok(answer(
            Outcome::OutOfScope,
            Regime::None,
            reasons,
            Vec::new(),
            Vec::new(),
            None,
        ));
    }

    let dod = death.date_of_death;
    let test = match opts.dardr_commenced {
        Some(c) if dod >= c => Test::DardrS8a,
        _ => Test::DhrS9,
    };
    let mut ctx = Ctx {
        data,
        test,
        reasons: Vec::new(),
    };
    match opts.dardr_commenced {
        None => ctx.push(ReasonCode::RegimeDhrS9, &[]),
        Some(c) => {
            let code = match test {
                Test::DardrS8a => ReasonCode::RegimeDardrS8a,
                Test::DhrS9 => ReasonCode::RegimeDhrS9BeforeDardr,
            };
            ctx.push(code, &[("date", &json::fmt_date(c))]);
        }
    }
    let susr = death.nation == Nation::Wales && dod >= opts.susr_from;
    if susr {
        let name = ctx.test_name();
        ctx.push(
            ReasonCode::RegimeSusrWales,
            &[("date", &json::fmt_date(opts.susr_from)), ("test", name)],
        );
    } else if death.nation == Nation::Wales {
        ctx.push(
            ReasonCode::WalesBeforeSusr,
            &[("date", &json::fmt_date(opts.susr_from))],
        );
    }
    if dod < data.s9_in_force.date {
        ctx.push(ReasonCode::DeathBeforeS9InForce, &[]);
    }
    let regime = if susr {
        Regime::SusrWales
    } else {
        match test {
            Test::DhrS9 => Regime::DhrS9,
            Test::DardrS8a => Regime::DardrS8a,
        }
    };

    // The deceased's age.
    let age_limb = match death.deceased.is_16_or_over(dod) {
        Some((over, source)) => {
            let source: Cow<'static, str> = match source {
                AgeSource::DateOfBirth => "from the date of birth, in completed years".into(),
                AgeSource::Age => "from the age given".into(),
                AgeSource::Band(b) => format!("from the age band {}", b.as_str()).into(),
            };
            let name = ctx.test_name();
            let code = if over {
                ReasonCode::Age16OrOver
            } else {
                ReasonCode::AgeUnder16
            };
            ctx.push(code, &[("source", &source), ("test", name)]);
            if over {
                Limb::Holds
            } else {
                Limb::Fails
            }
        }
        None => {
            ctx.push(ReasonCode::AgeUnknown, &[]);
            Limb::Unknown(vec!["deceased.age".to_string()])
        }
    };
    if death
        .deceased
        .date_of_birth
        .as_ref()
        .is_some_and(|d| d.expose().month() == 2 && d.expose().day() == 29)
    {
        ctx.push(ReasonCode::LeapDayBirthday, &[]);
    }

    // The suspects.
    let mut suspects = Vec::with_capacity(death.suspects.len());
    for (i, s) in death.suspects.iter().enumerate() {
        suspects.push(assess_suspect(&mut ctx, s, i)?);
    }

    // Abusive behaviour: decides a limb under s.8A only.
    let indicators = indicator_list(&death.abuse_indicators);
    let behaviour_limb = match test {
        Test::DhrS9 => {
            if !indicators.is_empty() {
                ctx.push(
                    ReasonCode::AbuseIndicatorsNoted,
                    &[("indicators", &indicators)],
                );
            }
            Limb::Holds
        }
        Test::DardrS8a => {
            if indicators.is_empty() {
                ctx.push(ReasonCode::AbusiveBehaviourUnknown, &[]);
                Limb::Unknown(vec!["abuse_indicators".to_string()])
            } else {
                ctx.push(ReasonCode::AbusiveBehaviour, &[("indicators", &indicators)]);
                if death
                    .abuse_indicators
                    .iter()
                    .any(|a| matches!(a, AbuseIndicator::Neglect | AbuseIndicator::Stalking))
                {
                    ctx.push(ReasonCode::NeglectAsOtherAbuse, &[]);
                }
                Limb::Holds
            }
        }
    };

    let death_limbs = [&age_limb, &behaviour_limb];
    let death_fails = death_limbs.iter().any(|l| **l == Limb::Fails);
    let death_holds = death_limbs.iter().all(|l| **l == Limb::Holds);
    let death_paths: Vec<String> = age_limb.paths().to_vec();
    let behaviour_paths: Vec<String> = behaviour_limb.paths().to_vec();
    let suicide = death.manner == Manner::Suicide;
    let name = ctx.test_name();

    let satisfying: Vec<usize> = suspects
        .iter()
        .enumerate()
        .filter(|(_, s)| s.holds())
        .map(|(i, _)| i)
        .collect();
    let candidates: Vec<usize> = suspects
        .iter()
        .enumerate()
        .filter(|(_, s)| s.consider_candidate())
        .map(|(i, _)| i)
        .collect();
    let open_paths = || -> Vec<String> {
        let mut v = Vec::new();
        for s in suspects.iter().filter(|s| !s.fails()) {
            v.extend(s.unknown_paths().cloned());
        }
        v
    };

    let (outcome, missing) = if death_fails {
        (Outcome::NotRequired, Vec::new())
    } else if suspects.is_empty() {
        ctx.push(ReasonCode::NoSuspects, &[]);
        let mut m = death_paths.clone();
        m.push("suspects".to_string());
        m.extend(behaviour_paths.iter().cloned());
        (Outcome::NeedsInformation, m)
    } else if !satisfying.is_empty() {
        if death_holds {
            (Outcome::Required, Vec::new())
        } else {
            let mut m = death_paths.clone();
            m.extend(behaviour_paths.iter().cloned());
            (Outcome::NeedsInformation, m)
        }
    } else if suspects.iter().all(SuspectLimbs::fails) {
        (Outcome::NotRequired, Vec::new())
    } else if suicide && death_holds && !candidates.is_empty() {
        (Outcome::Consider, open_paths())
    } else {
        let mut m = death_paths.clone();
        m.extend(open_paths());
        m.extend(behaviour_paths.iter().cloned());
        (Outcome::NeedsInformation, m)
    };
    let missing = dedup(missing);

    match outcome {
        Outcome::Required => {
            let list = suspect_list(&satisfying);
            if suicide {
                ctx.push(ReasonCode::SuicideAbuseSuspected, &[("suspects", &list)]);
            }
            ctx.push(ReasonCode::TestMet, &[("test", name), ("suspects", &list)]);
        }
        Outcome::Consider => {
            ctx.push(
                ReasonCode::SuicideConsider,
                &[("suspects", &suspect_list(&candidates))],
            );
        }
        Outcome::NotRequired => {
            if suicide && !death_fails {
                ctx.push(ReasonCode::SuicideAbuseRuledOut, &[]);
            }
            ctx.push(ReasonCode::TestNotMet, &[("test", name)]);
        }
        Outcome::NeedsInformation | Outcome::OutOfScope => {
            ctx.push(ReasonCode::InformationNeeded, &[("test", name)]);
        }
    }

    let related = related_reviews(data, death, outcome, susr);
    Ok(answer(
        outcome,
        regime,
        ctx.reasons,
        missing,
        related,
        Some(test),
    ))
}

fn dedup(paths: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(paths.len());
    for p in paths {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

fn related_reviews(
    data: &'static data::Data,
    death: &Death,
    outcome: Outcome,
    susr: bool,
) -> Vec<RelatedReview> {
    let entry = |v: RelatedVariant| -> Option<RelatedReview> {
        data.related(v).map(|r| RelatedReview {
            kind: r.kind,
            text: Cow::Borrowed(r.text.as_str()),
            citation: Cow::Borrowed(r.citation.as_str()),
            notify_by: None,
            rapid_review_by: None,
            mark: r.mark,
        })
    };
    let mut out = Vec::new();
    let exact_age = death.deceased.age_at_death(death.date_of_death);
    let band = death.deceased.age_band;
    let england = death.nation == Nation::England;

    // Child Safeguarding Practice Review: England, 16 or 17 (or band 16-19).
    let cspr = match (exact_age, band) {
        (Some(16 | 17), _) => Some(RelatedVariant::Cspr),
        (None, Some(AgeBand::From16To19)) => Some(RelatedVariant::CsprBand),
        _ => None,
    };
    if let (true, Some(v)) = (england, cspr) {
        if let Some(mut e) = entry(v) {
            if let Some(n) = death.notified_on {
                let by = |days| add_working_days(n, days, Region::EnglandAndWales);
                match (by(data.cspr_notify.days), by(data.cspr_rapid_review.days)) {
                    (Ok(a), Ok(b)) => {
                        e.notify_by = Some(a);
                        e.rapid_review_by = Some(b);
                    }
                    _ => e.text.to_mut().push_str(&data.cspr_out_of_range_note),
                }
            }
            out.push(e);
        }
    }
    // Child death review: under 16.
    let under_16 = match exact_age {
        Some(a) => a < 16,
        None => band == Some(AgeBand::Under16),
    };
    if under_16 {
        out.extend(entry(RelatedVariant::ChildDeathReview));
    }
    // Safeguarding Adults Review: England, care and support needs.
    if england
        && death.deceased.care_and_support_needs == Some(true)
        && outcome != Outcome::NotRequired
    {
        out.extend(entry(RelatedVariant::SafeguardingAdultsReview));
    }
    // Wales on or after the SUSR start.
    if susr {
        out.extend(entry(RelatedVariant::SusrPracticeReview));
    }
    // OWHR: a homicide that is, or may be, the subject of a DHR.
    if death.manner == Manner::Homicide && matches!(outcome, Outcome::Required | Outcome::Consider)
    {
        out.extend(entry(RelatedVariant::OffensiveWeaponsHomicideReview));
    }
    out
}
