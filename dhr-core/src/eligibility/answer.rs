//! The answer of an assessment (spec 6.2): its outcome and regime, its
//! reasons, the facts still missing and the related reviews.

use super::render::{fill, Args};
use super::rule::{ReasonCode, RelatedReviewKind, Rule, Test};
use crate::engine::Engine;
use crate::json::date_format;
use crate::mark::Mark;
use crate::personal::Personal;
use chrono::NaiveDate;
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

/// One reason of an answer: `{"code", "text", "citation"}`.
///
/// A reason holds its code, its citation and mark, and the few values its
/// sentence names (a suspect's index, a Home Office relationship, a date of
/// commencement...); the sentence itself is written from its rule's
/// template only when asked for, by [`Reason::text`], `Display`, or when the
/// answer is serialised. Reasons are made by [`assess`](super::assess) only, so a reason's
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
    /// The rule that gave it.
    pub(super) rule: &'static Rule,
    /// The rule's mark, or the Home Office mapping's for
    /// `home_office_relationship_mapped`.
    pub(super) mark: Mark,
    /// Given under s.8A (the rule's s.8A citation, if it has one).
    pub(super) s8a: bool,
    pub(super) args: Args,
}

impl Reason {
    /// The stable code.
    pub fn code(&self) -> ReasonCode {
        self.rule.code
    }

    /// The source (statute, guidance, or this library's policy), borrowed
    /// from its rule.
    pub fn citation(&self) -> &'static str {
        match (self.s8a, self.rule.citation_s8a) {
            (true, Some(c)) => c,
            _ => self.rule.citation,
        }
    }

    /// The confidence mark of the rule (not part of the JSON answer).
    pub fn mark(&self) -> Mark {
        self.mark
    }

    /// The plain-English sentence: its rule's template, borrowed when
    /// it names nothing, otherwise written with this reason's values.
    pub fn text(&self) -> Cow<'static, str> {
        let template = self.rule.text;
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

impl Reason {
    /// The sentence for a person (a referrer, not a program): the same
    /// sentence as [`Reason::text`] with "person 1" for `suspects[0]`, words
    /// for snake_case values ("coercive control") and dates in en-GB.
    ///
    /// ```
    /// use dhr_core::case::Death;
    /// use dhr_core::eligibility::{assess, AssessOptions};
    /// let death = Death::from_json(r#"{"schema_version": 1, "date_of_death": "2024-03-10",
    ///   "nation": "england", "deceased": {"age": 40}, "manner": "homicide",
    ///   "suspects": [{"connection": "intimate_partner", "abuse_suspected": true}]}"#)?;
    /// let answer = assess(&death, &AssessOptions::default())?;
    /// let r = answer.reasons.iter().find(|r| r.text().contains("suspects[0]")).unwrap();
    /// assert!(r.plain().contains("person 1") && !r.plain().contains("suspects[0]"));
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn plain(&self) -> String {
        super::render::plain(self.rule.text, &self.args)
    }
}

/// The sentence of a reason.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fill(f, self.rule.text, &self.args)
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Reason", 3)?;
        st.serialize_field("code", &self.rule.code)?;
        st.serialize_field("text", &Text(self))?;
        st.serialize_field("citation", self.citation())?;
        st.end()
    }
}

/// A reason's text, serialised straight from its template.
struct Text<'a>(&'a Reason);

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let template = self.0.rule.text;
        if matches!(self.0.args, Args::None) || !template.contains('{') {
            s.serialize_str(template)
        } else {
            s.collect_str(self.0)
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
    /// A plain-English sentence (borrowed from its rule unless a note
    /// was added).
    pub text: Cow<'static, str>,
    /// The source, borrowed from its rule.
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

/// The answer of [`assess`](super::assess) (spec 6.2). Serialises to exactly the keys
/// `reference`, `outcome`, `regime`, `reasons`, `missing`, `related_reviews`,
/// `extensions` when the death carried a non-empty one, and `engine` (spec
/// 8.3).
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
    /// The receipt (spec 8.3): what produced the answer. `None` only for
    /// the assessment nested in a status, which carries no receipt of its
    /// own (the status's is the one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine: Option<Engine>,
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

/// The reasons of an assessment as they are given, under its test.
pub(super) struct Ctx {
    /// The statutory test applied.
    pub(super) test: Test,
    /// The reasons so far, in order.
    pub(super) reasons: Vec<Reason>,
}

impl Ctx {
    /// The reason `rule` gives under the test applied.
    pub(super) fn make(&self, rule: &'static Rule, args: Args) -> Reason {
        Reason {
            rule,
            mark: rule.mark,
            s8a: self.test == Test::DardrS8a,
            args,
        }
    }

    /// Give the reason of `rule`.
    pub(super) fn push(&mut self, rule: &'static Rule, args: Args) {
        let r = self.make(rule, args);
        self.reasons.push(r);
    }
}
