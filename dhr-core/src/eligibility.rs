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
//! assert!(answer.reasons.iter().any(|r| r.code().as_str() == "home_office_relationship_mapped"));
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
use std::fmt;

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
///
/// A reason holds its code, its citation and mark, and the few values its
/// sentence names (a suspect's index, a Home Office relationship, a date of
/// commencement...); the sentence itself is written from the rule data's
/// template only when asked for, by [`Reason::text`], `Display`, or when the
/// answer is serialised. Reasons are made by [`assess`] only, so a reason's
/// values always fill its template.
///
/// ```
/// use dhr_core::case::Death;
/// use dhr_core::eligibility::{assess, AssessOptions, ReasonCode};
/// let death = Death::from_json(r#"{"schema_version": 1, "date_of_death": "2024-03-10",
///     "nation": "england", "deceased": {"age": 30}, "manner": "homicide",
///     "suspects": [{"connection": "intimate_partner", "abuse_suspected": true}]}"#)?;
/// let answer = assess(&death, &AssessOptions::default())?;
/// let last = answer.reasons.last().unwrap();
/// assert_eq!(last.code(), ReasonCode::TestMet);
/// assert!(last.text().contains("suspects[0]"));
/// assert_eq!(last.to_string(), last.text());
/// # Ok::<(), dhr_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    code: ReasonCode,
    mark: Mark,
    citation: &'static str,
    args: Args,
}

impl Reason {
    /// The stable code.
    pub fn code(&self) -> ReasonCode {
        self.code
    }

    /// The source (statute, guidance, or this library's policy), borrowed
    /// from the rule data.
    pub fn citation(&self) -> &'static str {
        self.citation
    }

    /// The confidence mark of the rule (not part of the JSON answer).
    pub fn mark(&self) -> Mark {
        self.mark
    }

    /// The plain-English sentence: the rule data's template, borrowed when
    /// it names nothing, otherwise written with this reason's values.
    pub fn text(&self) -> Cow<'static, str> {
        let template = template(self.code);
        if matches!(self.args, Args::None) || !template.contains('{') {
            return Cow::Borrowed(template);
        }
        // Room for the values, so the text is written in one allocation.
        let mut text = String::with_capacity(template.len() + 64);
        // Writing to a String does not fail.
        let _ = fill(&mut text, template, &self.args);
        Cow::Owned(text)
    }
}

/// The sentence of a reason.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fill(f, template(self.code), &self.args)
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Reason", 3)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("text", &Text(self))?;
        st.serialize_field("citation", self.citation)?;
        st.end()
    }
}

/// A reason's text, serialised straight from its template.
struct Text<'a>(&'a Reason);

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let template = template(self.0.code);
        if matches!(self.0.args, Args::None) || !template.contains('{') {
            s.serialize_str(template)
        } else {
            s.collect_str(self.0)
        }
    }
}

/// The template of a reason's text (empty only if the rule data were
/// incomplete, which is refused when it is loaded).
fn template(code: ReasonCode) -> &'static str {
    data::data()
        .ok()
        .and_then(|d| d.reason(code))
        .map_or("", |r| r.text.as_str())
}

/// The values a reason's template names, by shape.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Args {
    /// Nothing to fill in.
    None,
    /// `{date}`: a commencement or start date (an option, not the death's).
    Date(NaiveDate),
    /// `{date}`, `{test}`.
    DateTest(NaiveDate, Test),
    /// `{source}`, `{test}`: where the deceased's age was read from.
    Age(AgeSource, Test),
    /// `{suspect}`: `suspects[i]`.
    Suspect(usize),
    /// `{suspect}`, `{value}`, `{class}`, `{note}`: a mapped Home Office value.
    Mapped(usize, HomeOfficeRelationship),
    /// `{suspect}`, `{class}` (`None`: "connected").
    Connected(usize, Option<Connection>),
    /// `{indicators}`.
    Indicators(Indicators),
    /// `{test}`.
    Test(Test),
    /// `{suspects}`.
    Suspects(SuspectSet),
    /// `{test}`, `{suspects}`.
    TestSuspects(Test, SuspectSet),
}

/// Why the placeholder is not filled: the shape does not name it.
struct NotNamed;

impl Args {
    /// Write the value of placeholder `name`.
    fn write(
        &self,
        name: &str,
        f: &mut dyn fmt::Write,
    ) -> std::result::Result<fmt::Result, NotNamed> {
        use Args as A;
        Ok(match (name, self) {
            ("date", A::Date(d) | A::DateTest(d, _)) => write_date(f, *d),
            ("test", A::DateTest(_, t) | A::Age(_, t) | A::Test(t) | A::TestSuspects(t, _)) => {
                f.write_str(test_name(*t))
            }
            ("source", A::Age(source, _)) => write_source(f, *source),
            ("suspect", A::Suspect(i) | A::Mapped(i, _) | A::Connected(i, _)) => {
                write_suspect(f, *i)
            }
            ("value", A::Mapped(_, r)) => f.write_str(r.as_str()),
            ("class", A::Mapped(_, r)) => {
                f.write_str(home_office_mapping(*r).map_or("", |m| m.connection.as_str()))
            }
            ("class", A::Connected(_, c)) => f.write_str(c.map_or("connected", class_phrase)),
            ("note", A::Mapped(_, r)) => {
                f.write_str(home_office_mapping(*r).map_or("", |m| m.note.as_str()))
            }
            ("indicators", A::Indicators(list)) => {
                write_list(f, list.iter().map(AbuseIndicator::as_str), |f, a| {
                    f.write_str(a)
                })
            }
            ("suspects", A::Suspects(set) | A::TestSuspects(_, set)) => {
                write_list(f, set.iter(), write_suspect)
            }
            _ => return Err(NotNamed),
        })
    }
}

fn write_source(f: &mut dyn fmt::Write, source: AgeSource) -> fmt::Result {
    match source {
        AgeSource::DateOfBirth => f.write_str("from the date of birth, in completed years"),
        AgeSource::Age => f.write_str("from the age given"),
        AgeSource::Band(b) => {
            f.write_str("from the age band ")?;
            f.write_str(b.as_str())
        }
    }
}

/// The items, separated by `, `.
fn write_list<T>(
    f: &mut dyn fmt::Write,
    items: impl Iterator<Item = T>,
    one: impl Fn(&mut dyn fmt::Write, T) -> fmt::Result,
) -> fmt::Result {
    for (k, item) in items.enumerate() {
        if k > 0 {
            f.write_str(", ")?;
        }
        one(f, item)?;
    }
    Ok(())
}

fn write_suspect(f: &mut dyn fmt::Write, i: usize) -> fmt::Result {
    write!(f, "suspects[{i}]")
}

/// `YYYY-MM-DD`, as `json::fmt_date`.
fn write_date(f: &mut dyn fmt::Write, d: NaiveDate) -> fmt::Result {
    write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn test_name(t: Test) -> &'static str {
    data::data().map_or("", |d| match t {
        Test::DhrS9 => d.test_s9.as_str(),
        Test::DardrS8a => d.test_s8a.as_str(),
    })
}

/// Write `template` with each `{name}` replaced by its value; every value is
/// the library's own text. A `{` not followed by a `name}` the values name is
/// kept as it is.
fn fill(f: &mut dyn fmt::Write, template: &str, args: &Args) -> fmt::Result {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from_brace) = rest.split_at(open);
        f.write_str(before)?;
        let after = from_brace.get(1..).unwrap_or("");
        let filled = match after.split_once('}') {
            Some((name, tail)) => match args.write(name, f) {
                Ok(r) => {
                    r?;
                    Some(tail)
                }
                Err(NotNamed) => None,
            },
            None => None,
        };
        match filled {
            Some(tail) => rest = tail,
            None => {
                f.write_char('{')?;
                rest = after;
            }
        }
    }
    f.write_str(rest)
}

/// The distinct abuse indicators of a death, in the order first given:
/// up to eight 4-bit entries (the indicator's index + 1), 0 ending the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Indicators(u32);

impl Indicators {
    fn of(list: &[AbuseIndicator]) -> Indicators {
        let mut out = Indicators(0);
        let mut len = 0u32;
        for a in list {
            if len < 8 && !out.iter().any(|b| b == *a) {
                out.0 |= (*a as u32 + 1) << (4 * len);
                len += 1;
            }
        }
        out
    }

    fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn iter(self) -> impl Iterator<Item = AbuseIndicator> {
        (0..8)
            .map(move |k| (self.0 >> (4 * k)) & 0xf)
            .take_while(|n| *n != 0)
            .filter_map(|n| AbuseIndicator::ALL.get(n as usize - 1).copied())
    }
}

/// A set of suspect indices, in ascending order: a bit per index below 64,
/// a list beyond (allocated only for the 65th suspect and after).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct SuspectSet {
    low: u64,
    // A thin pointer (8 bytes, not a Vec's 24) keeps every `Reason` small;
    // the double allocation happens only past the 64th suspect.
    #[allow(clippy::box_collection)]
    high: Option<Box<Vec<usize>>>,
}

impl SuspectSet {
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let low = self.low;
        (0..64usize)
            .filter(move |i| low & (1u64 << i) != 0)
            .chain(self.high.iter().flat_map(|h| h.iter().copied()))
    }
}

/// Builds a [`SuspectSet`] from indices given in ascending order.
#[derive(Default)]
struct SuspectSetBuilder {
    low: u64,
    high: Vec<usize>,
}

impl SuspectSetBuilder {
    fn push(&mut self, i: usize) {
        match u32::try_from(i).ok().and_then(|b| 1u64.checked_shl(b)) {
            Some(bit) => self.low |= bit,
            None => self.high.push(i),
        }
    }

    fn is_empty(&self) -> bool {
        self.low == 0 && self.high.is_empty()
    }

    fn build(self) -> SuspectSet {
        SuspectSet {
            low: self.low,
            high: (!self.high.is_empty()).then(|| Box::new(self.high)),
        }
    }
}

names! {
    /// A fact of a suspect that may be missing.
    pub enum SuspectFact {
        /// `connection` (or `home_office_relationship`).
        Connection = "connection",
        /// `same_household`.
        SameHousehold = "same_household",
        /// `age` (s.8A only).
        Age = "age",
        /// `abuse_suspected`.
        AbuseSuspected = "abuse_suspected",
    }
}

/// A fact still to find: the `missing` paths of spec 6.2, written (by
/// `Display` and when serialised) `deceased.age`, `suspects`,
/// `abuse_indicators` or `suspects[i].<fact>`.
///
/// ```
/// use dhr_core::eligibility::{MissingFact, SuspectFact};
/// assert_eq!(MissingFact::DeceasedAge.to_string(), "deceased.age");
/// let m = MissingFact::Suspect(2, SuspectFact::SameHousehold);
/// assert_eq!(m.to_string(), "suspects[2].same_household");
/// assert_eq!(serde_json::to_value(m).unwrap(), "suspects[2].same_household");
/// assert!(m == "suspects[2].same_household");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MissingFact {
    /// `deceased.age`: the deceased's age (a date of birth, an age or a band).
    DeceasedAge,
    /// `suspects`: no suspect is known.
    Suspects,
    /// `abuse_indicators`: the abusive behaviour (s.8A).
    AbuseIndicators,
    /// `suspects[i].<fact>`: a fact of the suspect at index `i`.
    Suspect(usize, SuspectFact),
}

impl fmt::Display for MissingFact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MissingFact::DeceasedAge => f.write_str("deceased.age"),
            MissingFact::Suspects => f.write_str("suspects"),
            MissingFact::AbuseIndicators => f.write_str("abuse_indicators"),
            MissingFact::Suspect(i, fact) => write!(f, "suspects[{i}].{}", fact.as_str()),
        }
    }
}

impl Serialize for MissingFact {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            MissingFact::DeceasedAge => s.serialize_str("deceased.age"),
            MissingFact::Suspects => s.serialize_str("suspects"),
            MissingFact::AbuseIndicators => s.serialize_str("abuse_indicators"),
            MissingFact::Suspect(..) => s.collect_str(self),
        }
    }
}

/// Compare with a path as written.
impl PartialEq<str> for MissingFact {
    fn eq(&self, other: &str) -> bool {
        match self {
            MissingFact::DeceasedAge => other == "deceased.age",
            MissingFact::Suspects => other == "suspects",
            MissingFact::AbuseIndicators => other == "abuse_indicators",
            MissingFact::Suspect(..) => {
                // Written against `other`, without allocating.
                let mut rest = Rest(other);
                fmt::write(&mut rest, format_args!("{self}")).is_ok() && rest.0.is_empty()
            }
        }
    }
}

/// What is left of a text after the written part matched its start.
struct Rest<'a>(&'a str);

impl fmt::Write for Rest<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 = self.0.strip_prefix(s).ok_or(fmt::Error)?;
        Ok(())
    }
}

/// Compare with a path as written.
impl PartialEq<&str> for MissingFact {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

/// Compare with a path as written.
impl PartialEq<String> for MissingFact {
    fn eq(&self, other: &String) -> bool {
        *self == **other
    }
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
    /// The facts still to find (written as the paths of spec 6.2).
    pub missing: Vec<MissingFact>,
    /// Other reviews to flag.
    pub related_reviews: Vec<RelatedReview>,
    /// The caller's extensions, echoed when non-empty (boxed: most deaths
    /// have none, and the answer stays small).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Box<Personal<Map<String, Value>>>>,
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

/// The facts of a suspect a limb needs, as bits (in the order of `missing`).
type Facts = u8;
const F_CONNECTION: Facts = 1;
const F_SAME_HOUSEHOLD: Facts = 2;
const F_AGE: Facts = 4;
const F_ABUSE: Facts = 8;

/// One limb of the test for the deceased or a suspect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limb {
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
struct SuspectLimbs {
    connection: Limb,
    age: Limb,
    cause: Limb,
}

impl SuspectLimbs {
    fn all(&self) -> [Limb; 3] {
        [self.connection, self.age, self.cause]
    }
    fn fails(&self) -> bool {
        self.all().contains(&Limb::Fails)
    }
    fn holds(&self) -> bool {
        self.all().iter().all(|l| *l == Limb::Holds)
    }
    /// The suicide rule: connected (and old enough under s.8A), abuse unknown.
    fn consider_candidate(&self) -> bool {
        self.connection == Limb::Holds
            && self.age == Limb::Holds
            && matches!(self.cause, Limb::Unknown(_))
    }
    /// The missing facts of suspect `i`, in the order of `missing`.
    fn unknown_facts(&self, i: usize) -> impl Iterator<Item = MissingFact> {
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

struct Ctx {
    data: &'static data::Data,
    test: Test,
    reasons: Vec<Reason>,
}

impl Ctx {
    fn make(&self, code: ReasonCode, args: Args) -> Reason {
        match self.data.reason(code) {
            Some(r) => {
                let citation = match (self.test, &r.citation_s8a) {
                    (Test::DardrS8a, Some(c)) => c.as_str(),
                    _ => r.citation.as_str(),
                };
                Reason {
                    code,
                    mark: r.mark,
                    citation,
                    args,
                }
            }
            // Unreachable: the data is checked complete when it is loaded.
            None => Reason {
                code,
                mark: Mark::Policy,
                citation: "",
                args,
            },
        }
    }

    fn push(&mut self, code: ReasonCode, args: Args) {
        let r = self.make(code, args);
        self.reasons.push(r);
    }
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
    let (class, mapped) = effective_connection(s)?;
    if let Some(m) = mapped {
        let mut r = ctx.make(
            ReasonCode::HomeOfficeRelationshipMapped,
            Args::Mapped(i, m.relationship),
        );
        r.citation = m.citation.as_str();
        r.mark = m.mark;
        ctx.reasons.push(r);
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
                    Limb::Unknown(F_SAME_HOUSEHOLD),
                    ReasonCode::ConnectionHouseholdUnknown,
                ),
                (_, Some(false)) => (Limb::Unknown(F_CONNECTION), ReasonCode::ConnectionUnknown),
                (_, None) => (
                    Limb::Unknown(F_CONNECTION | F_SAME_HOUSEHOLD),
                    ReasonCode::ConnectionUnknown,
                ),
            };
            ctx.push(code, Args::Suspect(i));
            limb
        }
        Test::DardrS8a => match personally_connected(s, mapped) {
            Some(true) => {
                ctx.push(ReasonCode::PersonallyConnected, Args::Connected(i, class));
                Limb::Holds
            }
            Some(false) => {
                ctx.push(ReasonCode::NotPersonallyConnected, Args::Suspect(i));
                Limb::Fails
            }
            None => {
                ctx.push(ReasonCode::PersonalConnectionUnknown, Args::Suspect(i));
                Limb::Unknown(F_CONNECTION)
            }
        },
    };
    let age = match ctx.test {
        // Under s.9 the suspect's age does not matter.
        Test::DhrS9 => Limb::Holds,
        Test::DardrS8a => match s.age {
            Some(a) if a >= 16 => {
                ctx.push(ReasonCode::Suspect16OrOver, Args::Suspect(i));
                Limb::Holds
            }
            Some(_) => {
                ctx.push(ReasonCode::SuspectUnder16, Args::Suspect(i));
                Limb::Fails
            }
            None => {
                ctx.push(ReasonCode::SuspectAgeUnknown, Args::Suspect(i));
                Limb::Unknown(F_AGE)
            }
        },
    };
    let cause = match s.abuse_suspected {
        Some(true) => {
            ctx.push(ReasonCode::AbuseSuspected, Args::Suspect(i));
            Limb::Holds
        }
        Some(false) => {
            ctx.push(ReasonCode::AbuseRuledOut, Args::Suspect(i));
            Limb::Fails
        }
        None => {
            ctx.push(ReasonCode::AbuseUnknown, Args::Suspect(i));
            Limb::Unknown(F_ABUSE)
        }
    };
    Ok(SuspectLimbs {
        connection,
        age,
        cause,
    })
}

/// [`Deceased::is_16_or_over`](crate::case::Deceased::is_16_or_over), from
/// the age at death already computed (`Deceased::age_at_death`).
fn is_16_or_over(d: &crate::case::Deceased, exact_age: Option<u32>) -> Option<(bool, AgeSource)> {
    match (&d.date_of_birth, exact_age) {
        (Some(_), age) => age.map(|a| (a >= 16, AgeSource::DateOfBirth)),
        (None, Some(a)) => Some((a >= 16, AgeSource::Age)),
        (None, None) => {
            let band = d.age_band?;
            band.is_16_or_over().map(|b| (b, AgeSource::Band(band)))
        }
    }
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
    let data = data::data()?;
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
        let reasons = vec![ctx.make(code, Args::None)];
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
    match opts.dardr_commenced {
        None => ctx.push(ReasonCode::RegimeDhrS9, Args::None),
        Some(c) => {
            let code = match test {
                Test::DardrS8a => ReasonCode::RegimeDardrS8a,
                Test::DhrS9 => ReasonCode::RegimeDhrS9BeforeDardr,
            };
            ctx.push(code, Args::Date(c));
        }
    }
    let susr = death.nation == Nation::Wales && dod >= opts.susr_from;
    if susr {
        ctx.push(
            ReasonCode::RegimeSusrWales,
            Args::DateTest(opts.susr_from, test),
        );
    } else if death.nation == Nation::Wales {
        ctx.push(ReasonCode::WalesBeforeSusr, Args::Date(opts.susr_from));
    }
    if dod < data.s9_in_force.date {
        ctx.push(ReasonCode::DeathBeforeS9InForce, Args::None);
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
    let exact_age = death.deceased.age_at_death(dod);
    let age_limb = match is_16_or_over(&death.deceased, exact_age) {
        Some((over, source)) => {
            let code = if over {
                ReasonCode::Age16OrOver
            } else {
                ReasonCode::AgeUnder16
            };
            ctx.push(code, Args::Age(source, test));
            if over {
                Limb::Holds
            } else {
                Limb::Fails
            }
        }
        None => {
            ctx.push(ReasonCode::AgeUnknown, Args::None);
            Limb::Unknown(0)
        }
    };
    if death
        .deceased
        .date_of_birth
        .as_ref()
        .is_some_and(|d| d.expose().month() == 2 && d.expose().day() == 29)
    {
        ctx.push(ReasonCode::LeapDayBirthday, Args::None);
    }

    // The suspects: which satisfy the test, which are candidates of the
    // suicide rule, whether all fail, and the open facts of those that do not.
    let mut satisfying = SuspectSetBuilder::default();
    let mut candidates = SuspectSetBuilder::default();
    let mut all_fail = true;
    let mut open: Vec<MissingFact> = Vec::new();
    for (i, s) in death.suspects.iter().enumerate() {
        let limbs = assess_suspect(&mut ctx, s, i)?;
        if limbs.holds() {
            satisfying.push(i);
        }
        if limbs.consider_candidate() {
            candidates.push(i);
        }
        if !limbs.fails() {
            all_fail = false;
            open.extend(limbs.unknown_facts(i));
        }
    }

    // Abusive behaviour: decides a limb under s.8A only.
    let indicators = Indicators::of(&death.abuse_indicators);
    let behaviour_limb = match test {
        Test::DhrS9 => {
            if !indicators.is_empty() {
                ctx.push(
                    ReasonCode::AbuseIndicatorsNoted,
                    Args::Indicators(indicators),
                );
            }
            Limb::Holds
        }
        Test::DardrS8a => {
            if indicators.is_empty() {
                ctx.push(ReasonCode::AbusiveBehaviourUnknown, Args::None);
                Limb::Unknown(0)
            } else {
                ctx.push(ReasonCode::AbusiveBehaviour, Args::Indicators(indicators));
                if death
                    .abuse_indicators
                    .iter()
                    .any(|a| matches!(a, AbuseIndicator::Neglect | AbuseIndicator::Stalking))
                {
                    ctx.push(ReasonCode::NeglectAsOtherAbuse, Args::None);
                }
                Limb::Holds
            }
        }
    };

    let death_fails = age_limb == Limb::Fails || behaviour_limb == Limb::Fails;
    let death_holds = age_limb == Limb::Holds && behaviour_limb == Limb::Holds;
    let age_missing = matches!(age_limb, Limb::Unknown(_));
    let behaviour_missing = matches!(behaviour_limb, Limb::Unknown(_));
    let suicide = death.manner == Manner::Suicide;

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
    } else if death.suspects.is_empty() {
        ctx.push(ReasonCode::NoSuspects, Args::None);
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

    match outcome {
        Outcome::Required => {
            let list = satisfying.build();
            if suicide {
                ctx.push(
                    ReasonCode::SuicideAbuseSuspected,
                    Args::Suspects(list.clone()),
                );
            }
            ctx.push(ReasonCode::TestMet, Args::TestSuspects(test, list));
        }
        Outcome::Consider => {
            ctx.push(
                ReasonCode::SuicideConsider,
                Args::Suspects(candidates.build()),
            );
        }
        Outcome::NotRequired => {
            if suicide && !death_fails {
                ctx.push(ReasonCode::SuicideAbuseRuledOut, Args::None);
            }
            ctx.push(ReasonCode::TestNotMet, Args::Test(test));
        }
        Outcome::NeedsInformation | Outcome::OutOfScope => {
            ctx.push(ReasonCode::InformationNeeded, Args::Test(test));
        }
    }

    let related = related_reviews(data, death, exact_age, outcome, susr);
    Ok(answer(
        outcome,
        regime,
        ctx.reasons,
        missing,
        related,
        Some(test),
    ))
}

fn related_reviews(
    data: &'static data::Data,
    death: &Death,
    exact_age: Option<u32>,
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
                let by = |from, days| add_working_days(from, days, Region::EnglandAndWales);
                let (notify, rapid) = (data.cspr_notify.days, data.cspr_rapid_review.days);
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

    use super::*;
    use proptest::prelude::*;

    /// The text writer of version 0.1 (before reasons were rendered lazily):
    /// replace `{name}` with its value, keep any other `{`.
    fn old_fill(template: &str, vars: &[(&str, String)]) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let (before, from_brace) = rest.split_at(open);
            out.push_str(before);
            let after = &from_brace[1..];
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
        out
    }

    /// The values of version 0.1 for the same arguments, as strings.
    fn old_vars(args: &Args) -> Vec<(&'static str, String)> {
        let d = data::data().unwrap();
        let name = |t: &Test| match t {
            Test::DhrS9 => d.test_s9.clone(),
            Test::DardrS8a => d.test_s8a.clone(),
        };
        let list = |set: &SuspectSet| {
            set.iter()
                .map(|i| json::item("suspects", i))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match args {
            Args::None => vec![],
            Args::Date(c) => vec![("date", json::fmt_date(*c))],
            Args::DateTest(c, t) => vec![("date", json::fmt_date(*c)), ("test", name(t))],
            Args::Age(source, t) => {
                let source = match source {
                    AgeSource::DateOfBirth => {
                        "from the date of birth, in completed years".to_string()
                    }
                    AgeSource::Age => "from the age given".to_string(),
                    AgeSource::Band(b) => format!("from the age band {}", b.as_str()),
                };
                vec![("source", source), ("test", name(t))]
            }
            Args::Suspect(i) => vec![("suspect", json::item("suspects", *i))],
            Args::Mapped(i, r) => {
                let m = home_office_mapping(*r).unwrap();
                vec![
                    ("suspect", json::item("suspects", *i)),
                    ("value", r.as_str().to_string()),
                    ("class", m.connection.as_str().to_string()),
                    ("note", m.note.clone()),
                ]
            }
            Args::Connected(i, c) => vec![
                ("suspect", json::item("suspects", *i)),
                (
                    "class",
                    c.map_or("connected", Connection::as_str).to_string(),
                ),
            ],
            Args::Indicators(list) => {
                let names: Vec<&str> = list.iter().map(AbuseIndicator::as_str).collect();
                vec![("indicators", names.join(", "))]
            }
            Args::Test(t) => vec![("test", name(t))],
            Args::Suspects(set) => vec![("suspects", list(set))],
            Args::TestSuspects(t, set) => vec![("test", name(t)), ("suspects", list(set))],
        }
    }

    /// The shape of arguments each code is made with.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Shape {
        None,
        Date,
        DateTest,
        Age,
        Suspect,
        Mapped,
        Connected,
        Indicators,
        Test,
        Suspects,
        TestSuspects,
    }

    const SHAPES: [Shape; 11] = [
        Shape::None,
        Shape::Date,
        Shape::DateTest,
        Shape::Age,
        Shape::Suspect,
        Shape::Mapped,
        Shape::Connected,
        Shape::Indicators,
        Shape::Test,
        Shape::Suspects,
        Shape::TestSuspects,
    ];

    fn shape(args: &Args) -> Shape {
        match args {
            Args::None => Shape::None,
            Args::Date(_) => Shape::Date,
            Args::DateTest(..) => Shape::DateTest,
            Args::Age(..) => Shape::Age,
            Args::Suspect(_) => Shape::Suspect,
            Args::Mapped(..) => Shape::Mapped,
            Args::Connected(..) => Shape::Connected,
            Args::Indicators(_) => Shape::Indicators,
            Args::Test(_) => Shape::Test,
            Args::Suspects(_) => Shape::Suspects,
            Args::TestSuspects(..) => Shape::TestSuspects,
        }
    }

    fn shape_of(code: ReasonCode) -> Shape {
        use ReasonCode as C;
        match code {
            C::OutOfScopeScotland
            | C::OutOfScopeNorthernIreland
            | C::RegimeDhrS9
            | C::DeathBeforeS9InForce
            | C::AgeUnknown
            | C::LeapDayBirthday
            | C::NeglectAsOtherAbuse
            | C::AbusiveBehaviourUnknown
            | C::NoSuspects
            | C::SuicideAbuseRuledOut => Shape::None,
            C::RegimeDhrS9BeforeDardr | C::RegimeDardrS8a | C::WalesBeforeSusr => Shape::Date,
            C::RegimeSusrWales => Shape::DateTest,
            C::Age16OrOver | C::AgeUnder16 => Shape::Age,
            C::ConnectionIntimatePartner
            | C::ConnectionFormerIntimatePartner
            | C::ConnectionRelative
            | C::ConnectionHousehold
            | C::ConnectionNone
            | C::ConnectionUnknown
            | C::ConnectionHouseholdUnknown
            | C::AbuseSuspected
            | C::AbuseRuledOut
            | C::AbuseUnknown
            | C::NotPersonallyConnected
            | C::PersonalConnectionUnknown
            | C::Suspect16OrOver
            | C::SuspectUnder16
            | C::SuspectAgeUnknown => Shape::Suspect,
            C::HomeOfficeRelationshipMapped => Shape::Mapped,
            C::PersonallyConnected => Shape::Connected,
            C::AbusiveBehaviour | C::AbuseIndicatorsNoted => Shape::Indicators,
            C::TestNotMet | C::InformationNeeded => Shape::Test,
            C::SuicideAbuseSuspected | C::SuicideConsider => Shape::Suspects,
            C::TestMet => Shape::TestSuspects,
        }
    }

    /// The values of one argument of every shape.
    #[derive(Debug, Clone)]
    struct Values {
        date: NaiveDate,
        test: Test,
        source: AgeSource,
        suspect: usize,
        relationship: HomeOfficeRelationship,
        class: Option<Connection>,
        indicators: Vec<AbuseIndicator>,
        suspects: Vec<usize>,
    }

    fn args(shape: Shape, v: &Values) -> Args {
        let set = || {
            let mut b = SuspectSetBuilder::default();
            for i in &v.suspects {
                b.push(*i);
            }
            b.build()
        };
        match shape {
            Shape::None => Args::None,
            Shape::Date => Args::Date(v.date),
            Shape::DateTest => Args::DateTest(v.date, v.test),
            Shape::Age => Args::Age(v.source, v.test),
            Shape::Suspect => Args::Suspect(v.suspect),
            Shape::Mapped => Args::Mapped(v.suspect, v.relationship),
            Shape::Connected => Args::Connected(v.suspect, v.class),
            Shape::Indicators => Args::Indicators(Indicators::of(&v.indicators)),
            Shape::Test => Args::Test(v.test),
            Shape::Suspects => Args::Suspects(set()),
            Shape::TestSuspects => Args::TestSuspects(v.test, set()),
        }
    }

    fn reason(code: ReasonCode, args: Args) -> Reason {
        Ctx {
            data: data::data().unwrap(),
            test: Test::DhrS9,
            reasons: Vec::new(),
        }
        .make(code, args)
    }

    fn values() -> impl Strategy<Value = Values> {
        let date = (0u64..200_000).prop_map(|n| {
            NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(n % (300 * 365))
        });
        let source = prop_oneof![
            Just(AgeSource::DateOfBirth),
            Just(AgeSource::Age),
            proptest::sample::select(AgeBand::ALL).prop_map(AgeSource::Band),
        ];
        let indicator = proptest::sample::select(AbuseIndicator::ALL);
        (
            date,
            proptest::bool::ANY,
            source,
            prop_oneof![0usize..100, Just(usize::MAX)],
            proptest::sample::select(HomeOfficeRelationship::ALL),
            proptest::option::of(proptest::sample::select(Connection::ALL)),
            proptest::collection::vec(indicator, 0..20),
            proptest::collection::btree_set(0usize..300, 0..80),
        )
            .prop_map(
                |(date, s8a, source, suspect, relationship, class, ind, set)| Values {
                    date,
                    test: if s8a { Test::DardrS8a } else { Test::DhrS9 },
                    source,
                    suspect,
                    relationship,
                    class,
                    indicators: ind,
                    suspects: set.into_iter().collect(),
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Every code with the arguments it is made with: the text is the
        /// text of version 0.1, by `text()`, `Display` and serialisation,
        /// and no placeholder is left.
        #[test]
        fn texts_are_the_old_texts_and_complete(v in values()) {
            let d = data::data().unwrap();
            for code in ReasonCode::ALL {
                let a = args(shape_of(*code), &v);
                let template = d.reason(*code).unwrap().text.as_str();
                let want = old_fill(template, &old_vars(&a));
                let r = reason(*code, a);
                let text = r.text();
                prop_assert_eq!(&text, &want, "{}", code);
                prop_assert_eq!(r.to_string(), want.clone());
                let json = serde_json::to_value(&r).unwrap();
                prop_assert_eq!(&json["text"], &Value::String(want.clone()));
                prop_assert_eq!(&json["code"], code.as_str());
                prop_assert!(!text.contains('{') && !text.contains('}'), "{}: {}", code, text);
                prop_assert!(!text.is_empty());
                if matches!(text, Cow::Borrowed(_)) {
                    prop_assert_eq!(&*text, template);
                }
            }
        }

        /// Rendering is total: any code with any shape of arguments writes
        /// a text (a placeholder its arguments do not name is kept as it is,
        /// as version 0.1 did), never panics.
        #[test]
        fn rendering_any_code_with_any_shape_is_total(v in values()) {
            for code in ReasonCode::ALL {
                for s in SHAPES {
                    let a = args(s, &v);
                    let template = data::data().unwrap().reason(*code).unwrap().text.as_str();
                    let want = old_fill(template, &old_vars(&a));
                    prop_assert_eq!(reason(*code, a).to_string(), want);
                }
            }
        }

        /// The indicator list keeps the first occurrence of each, in order.
        #[test]
        fn indicators_are_distinct_in_order(list in proptest::collection::vec(
            proptest::sample::select(AbuseIndicator::ALL), 0..30)) {
            let mut want: Vec<AbuseIndicator> = Vec::new();
            for a in &list {
                if !want.contains(a) {
                    want.push(*a);
                }
            }
            let got: Vec<AbuseIndicator> = Indicators::of(&list).iter().collect();
            prop_assert_eq!(got, want);
        }

        /// A suspect set gives back its indices in order, below and above 64.
        #[test]
        fn suspect_sets_keep_their_indices(set in proptest::collection::btree_set(
            prop_oneof![0usize..70, 0usize..10_000, Just(usize::MAX)], 0..100)) {
            let mut b = SuspectSetBuilder::default();
            for i in &set {
                b.push(*i);
            }
            prop_assert_eq!(b.is_empty(), set.is_empty());
            let got: Vec<usize> = b.build().iter().collect();
            prop_assert_eq!(got, set.into_iter().collect::<Vec<_>>());
        }
    }

    /// Every template names only what the arguments of its code fill, and
    /// a template that names nothing is made with no arguments.
    #[test]
    fn every_code_has_the_shape_of_its_template() {
        let d = data::data().unwrap();
        let v = Values {
            date: NaiveDate::from_ymd_opt(2024, 1, 2).unwrap(),
            test: Test::DardrS8a,
            source: AgeSource::Band(AgeBand::From16To19),
            suspect: 3,
            relationship: HomeOfficeRelationship::Parent,
            class: None,
            indicators: vec![AbuseIndicator::Neglect],
            suspects: vec![1, 65],
        };
        for code in ReasonCode::ALL {
            let template = d.reason(*code).unwrap().text.as_str();
            let text = reason(*code, args(shape_of(*code), &v)).to_string();
            assert!(!text.contains('{'), "{code}: {text}");
            assert_eq!(
                template.contains('{'),
                shape_of(*code) != Shape::None,
                "{code}"
            );
        }
    }

    proptest! {
        /// The deceased's age limb from the age at death computed once is
        /// `Deceased::is_16_or_over`.
        #[test]
        fn age_limb_is_deceased_is_16_or_over(
            dob in proptest::option::of(0u64..40_000),
            age in proptest::option::of(0u32..131),
            band in proptest::option::of(proptest::sample::select(AgeBand::ALL)),
            dod in 0u64..40_000,
        ) {
            let day = |n| NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(n);
            let d = crate::case::Deceased {
                date_of_birth: dob.map(|n| Personal::new(day(n))),
                age,
                age_band: band,
                care_and_support_needs: None,
            };
            let dod = day(dod);
            prop_assert_eq!(is_16_or_over(&d, d.age_at_death(dod)), d.is_16_or_over(dod));
        }
    }

    /// `assess` makes each code with the shape `shape_of` gives (so the
    /// tests above cover what it makes), over varied deaths.
    #[test]
    fn assess_makes_each_code_with_its_shape() {
        use crate::case::{Deceased, Suspect};
        let mut seen = std::collections::BTreeSet::new();
        let mut n = 0u64;
        let mut next = |k: u64| {
            n = n
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (n >> 33) % k
        };
        for _ in 0..20_000 {
            let ob = |x: u64| match x {
                0 => None,
                1 => Some(true),
                _ => Some(false),
            };
            let suspects = (0..next(4))
                .map(|_| Suspect {
                    connection: Connection::ALL.get(next(8) as usize).copied(),
                    home_office_relationship: if next(4) == 0 {
                        HomeOfficeRelationship::ALL.get(next(18) as usize).copied()
                    } else {
                        None
                    },
                    same_household: ob(next(3)),
                    age: if next(2) == 0 {
                        Some(next(30) as u32)
                    } else {
                        None
                    },
                    abuse_suspected: ob(next(3)),
                })
                .collect();
            let dod = NaiveDate::from_ymd_opt(2008, 1, 1).unwrap() + chrono::Days::new(next(7000));
            let death = Death {
                reference: None,
                date_of_death: dod,
                notified_on: None,
                nation: Nation::ALL[next(4) as usize],
                deceased: Deceased {
                    date_of_birth: if next(5) == 0 {
                        NaiveDate::from_ymd_opt(1988 + 4 * next(6) as i32, 2, 29).map(Personal::new)
                    } else {
                        None
                    },
                    age: if next(3) == 0 {
                        None
                    } else {
                        Some(next(30) as u32)
                    },
                    age_band: if next(3) == 0 {
                        AgeBand::ALL.get(next(10) as usize).copied()
                    } else {
                        None
                    },
                    care_and_support_needs: None,
                },
                manner: Manner::ALL[next(4) as usize],
                suspects,
                abuse_indicators: (0..next(3))
                    .map(|_| AbuseIndicator::ALL[next(8) as usize])
                    .collect(),
                extensions: Personal::default(),
            };
            let opts = AssessOptions {
                dardr_commenced: match next(3) {
                    0 => None,
                    1 => Some(dod),
                    _ => dod.succ_opt(),
                },
                ..AssessOptions::default()
            };
            let Ok(a) = assess(&death, &opts) else {
                continue;
            };
            for r in &a.reasons {
                assert_eq!(shape(&r.args), shape_of(r.code), "{}", r.code);
                seen.insert(r.code);
            }
        }
        assert_eq!(
            seen.len(),
            ReasonCode::ALL.len(),
            "codes never made: {seen:?}"
        );
    }
}
