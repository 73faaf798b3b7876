//! The facts of a death (spec sections 2 and 6.1): the input of
//! [`assess`](crate::eligibility::assess).
//!
//! A [`Death`] is read from the interchange JSON with [`Death::from_json`]
//! or [`Death::from_value`], which reject unknown keys, bad types, invalid
//! dates and contradictory facts with a typed [`Error`] whose
//! path names the field. Every fact that may be unknown is an `Option`: `None`
//! is "not known", never "no".
//!
//! ```
//! use dhr_core::case::{Death, Nation};
//!
//! let death = Death::from_json(r#"{
//!     "schema_version": 1,
//!     "date_of_death": "2024-03-10",
//!     "nation": "england",
//!     "deceased": {"age": 34},
//!     "manner": "homicide",
//!     "suspects": [{"connection": "intimate_partner", "abuse_suspected": true}]
//! }"#)?;
//! assert_eq!(death.nation, Nation::England);
//! assert_eq!(death.deceased.age_at_death(death.date_of_death), Some(34));
//! # Ok::<(), dhr_core::Error>(())
//! ```

use crate::error::{Error, ErrorCode, Result};
use crate::json::{self, check_range, fmt_date};
use crate::read;

mod fields;
use crate::personal::Personal;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::{Map, Value};

mod home_office;
pub use home_office::{home_office_mapping, HomeOfficeMapping};

names! {
    /// Where the death occurred (spec 6.1 `nation`).
    pub enum Nation {
        /// England: in scope.
        England = "england",
        /// Wales: in scope (a SUSR from the SUSR start date).
        Wales = "wales",
        /// Scotland: out of scope (no DHR regime under s.9).
        Scotland = "scotland",
        /// Northern Ireland: out of scope (its own guidance under s.9).
        NorthernIreland = "northern_ireland",
    }
}

impl Nation {
    /// Whether the library's England and Wales rules apply.
    ///
    /// ```
    /// use dhr_core::case::Nation;
    /// assert!(Nation::Wales.in_scope());
    /// assert!(!Nation::Scotland.in_scope());
    /// ```
    pub fn in_scope(self) -> bool {
        matches!(self, Nation::England | Nation::Wales)
    }
}

names! {
    /// An age band at death (spec 6.1 `deceased.age_band`).
    pub enum AgeBand {
        /// Under 16.
        Under16 = "under_16",
        /// 16 to 19.
        From16To19 = "16-19",
        /// 20 to 24.
        From20To24 = "20-24",
        /// 25 to 34.
        From25To34 = "25-34",
        /// 35 to 44.
        From35To44 = "35-44",
        /// 45 to 54.
        From45To54 = "45-54",
        /// 55 to 64.
        From55To64 = "55-64",
        /// 65 or over.
        From65 = "65+",
    }
}

impl AgeBand {
    /// The youngest and oldest ages in the band (`None`: no upper bound).
    ///
    /// ```
    /// use dhr_core::case::AgeBand;
    /// assert_eq!(AgeBand::From16To19.bounds(), (16, Some(19)));
    /// assert_eq!(AgeBand::From65.bounds(), (65, None));
    /// ```
    pub fn bounds(self) -> (u32, Option<u32>) {
        match self {
            AgeBand::Under16 => (0, Some(15)),
            AgeBand::From16To19 => (16, Some(19)),
            AgeBand::From20To24 => (20, Some(24)),
            AgeBand::From25To34 => (25, Some(34)),
            AgeBand::From35To44 => (35, Some(44)),
            AgeBand::From45To54 => (45, Some(54)),
            AgeBand::From55To64 => (55, Some(64)),
            AgeBand::From65 => (65, None),
        }
    }

    /// Whether an age in completed years falls in the band.
    ///
    /// ```
    /// use dhr_core::case::AgeBand;
    /// assert!(AgeBand::From16To19.contains(16));
    /// assert!(!AgeBand::Under16.contains(16));
    /// ```
    pub fn contains(self, age: u32) -> bool {
        let (lo, hi) = self.bounds();
        age >= lo && hi.is_none_or(|hi| age <= hi)
    }

    /// Whether every age in the band is 16 or over (`Some(true)`), every age
    /// is under 16 (`Some(false)`), or the band straddles 16 (`None`).
    ///
    /// ```
    /// use dhr_core::case::AgeBand;
    /// assert_eq!(AgeBand::From16To19.is_16_or_over(), Some(true));
    /// assert_eq!(AgeBand::Under16.is_16_or_over(), Some(false));
    /// ```
    pub fn is_16_or_over(self) -> Option<bool> {
        let (lo, hi) = self.bounds();
        if lo >= 16 {
            Some(true)
        } else if hi.is_some_and(|hi| hi < 16) {
            Some(false)
        } else {
            None
        }
    }
}

names! {
    /// How the deceased died (spec 6.1 `manner`). Only `suicide` changes the rules.
    pub enum Manner {
        /// Killed by another person.
        Homicide = "homicide",
        /// Took their own life.
        Suicide = "suicide",
        /// Another manner (for example neglect).
        Other = "other",
        /// Not known.
        Unknown = "unknown",
    }
}

names! {
    /// A suspect's family or intimate tie to the deceased (spec 6.1 `connection`).
    pub enum Connection {
        /// A current intimate partner (married or not, cohabiting or not).
        IntimatePartner = "intimate_partner",
        /// A former intimate partner.
        FormerIntimatePartner = "former_intimate_partner",
        /// A relative (Family Law Act 1996 s.63(1) by analogy).
        Relative = "relative",
        /// No family or intimate tie, but a member of the deceased's household.
        HouseholdMember = "household_member",
        /// No family or intimate tie (household membership is `same_household`).
        NotConnected = "not_connected",
        /// Not known.
        Unknown = "unknown",
    }
}

impl Connection {
    /// The family or intimate tie this class asserts: `Some(true)` a tie
    /// (partner, former partner, relative), `Some(false)` none, `None` unknown.
    ///
    /// ```
    /// use dhr_core::case::Connection;
    /// assert_eq!(Connection::Relative.has_tie(), Some(true));
    /// assert_eq!(Connection::HouseholdMember.has_tie(), Some(false));
    /// assert_eq!(Connection::Unknown.has_tie(), None);
    /// ```
    pub fn has_tie(self) -> Option<bool> {
        match self {
            Connection::IntimatePartner
            | Connection::FormerIntimatePartner
            | Connection::Relative => Some(true),
            Connection::HouseholdMember | Connection::NotConnected => Some(false),
            Connection::Unknown => None,
        }
    }
}

names! {
    /// The Home Office DHR library's relationship vocabulary: the deceased's
    /// relationship to the suspect ("Parent" means the deceased was the
    /// suspect's parent). The 18 values of the DHRD `relationship_to_perpetrator`.
    /// Each maps to a [`Connection`] through data
    /// (`dhr-core/data/home_office_relationships.json`); see
    /// [`eligibility::home_office_mapping`](crate::eligibility::home_office_mapping).
    pub enum HomeOfficeRelationship {
        /// "Spouse (incl civil partner)".
        Spouse = "Spouse (incl civil partner)",
        /// "Common-law spouse".
        CommonLawSpouse = "Common-law spouse",
        /// "Boyfriend or girlfriend".
        BoyfriendOrGirlfriend = "Boyfriend or girlfriend",
        /// "Casual sexual partner".
        CasualSexualPartner = "Casual sexual partner",
        /// "Ex-spouse".
        ExSpouse = "Ex-spouse",
        /// "Ex-boyfriend or ex-girlfriend".
        ExBoyfriendOrGirlfriend = "Ex-boyfriend or ex-girlfriend",
        /// "Parent".
        Parent = "Parent",
        /// "Son or daughter".
        SonOrDaughter = "Son or daughter",
        /// "Sibling".
        Sibling = "Sibling",
        /// "Half-sibling".
        HalfSibling = "Half-sibling",
        /// "Step-sibling".
        StepSibling = "Step-sibling",
        /// "Step-parent".
        StepParent = "Step-parent",
        /// "Grandparent".
        Grandparent = "Grandparent",
        /// "Other (relative)".
        OtherRelative = "Other (relative)",
        /// "Cohabitant".
        Cohabitant = "Cohabitant",
        /// "Other (non-relative)".
        OtherNonRelative = "Other (non-relative)",
        /// "Emotional rival".
        EmotionalRival = "Emotional rival",
        /// "Unknown".
        Unknown = "Unknown",
    }
}

names! {
    /// Kinds of abusive behaviour seen (spec 6.1 `abuse_indicators`).
    pub enum AbuseIndicator {
        /// Physical abuse.
        PhysicalAbuse = "physical_abuse",
        /// Sexual abuse.
        SexualAbuse = "sexual_abuse",
        /// Violent or threatening behaviour.
        ViolentOrThreateningBehaviour = "violent_or_threatening_behaviour",
        /// Controlling or coercive behaviour.
        CoerciveControl = "coercive_control",
        /// Economic abuse.
        EconomicAbuse = "economic_abuse",
        /// Psychological or emotional abuse.
        EmotionalAbuse = "emotional_abuse",
        /// Neglect.
        Neglect = "neglect",
        /// Stalking.
        Stalking = "stalking",
    }
}

/// The oldest age the format accepts.
pub const MAX_AGE: u32 = 130;

/// Age in completed years on `on` of a person born on `birth`, or `None`
/// when `on` is before `birth`.
///
/// A person attains an age at the start of the anniversary of their birth
/// (Family Law Reform Act 1969 s.9); for a birth on 29 February the
/// anniversary in a common year is taken as 1 March (a policy of this
/// library).
///
/// ```
/// use chrono::NaiveDate;
/// use dhr_core::case::completed_years;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(completed_years(d(2008, 3, 10), d(2024, 3, 10)), Some(16)); // on the birthday
/// assert_eq!(completed_years(d(2008, 3, 10), d(2024, 3, 9)), Some(15));
/// assert_eq!(completed_years(d(2008, 2, 29), d(2024, 2, 28)), Some(15));
/// assert_eq!(completed_years(d(2008, 2, 29), d(2024, 2, 29)), Some(16)); // leap year
/// assert_eq!(completed_years(d(2007, 2, 28), d(2023, 2, 28)), Some(16));
/// assert_eq!(completed_years(d(2004, 2, 29), d(2021, 2, 28)), Some(16)); // not yet 17
/// assert_eq!(completed_years(d(2004, 2, 29), d(2021, 3, 1)), Some(17)); // 1 March
/// ```
pub fn completed_years(birth: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < birth {
        return None;
    }
    let years = on.year() - birth.year();
    // The anniversary in `on`'s year; 29 February in a common year is 1 March.
    let anniversary = NaiveDate::from_ymd_opt(on.year(), birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(on.year(), 3, 1))?;
    let years = if on < anniversary { years - 1 } else { years };
    u32::try_from(years).ok()
}

/// The deceased (spec 6.1 `deceased`). Every field may be unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deceased {
    /// Date of birth (personal data).
    pub date_of_birth: Option<Personal<NaiveDate>>,
    /// Age at death in completed years (0 to 130).
    pub age: Option<u32>,
    /// Age band at death.
    pub age_band: Option<AgeBand>,
    /// Whether the deceased had care and support needs (Care Act 2014 s.42).
    pub care_and_support_needs: Option<bool>,
}

/// Where an age at death was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeSource {
    /// Computed from the date of birth.
    DateOfBirth,
    /// The `age` given.
    Age,
    /// Only an age band.
    Band(AgeBand),
}

impl Deceased {
    /// Age at death in completed years, from the date of birth or `age`
    /// (`None` when neither is known, or when the date of birth is after `date_of_death`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dhr_core::case::Deceased;
    /// let dod = NaiveDate::from_ymd_opt(2024, 3, 10).unwrap();
    /// let deceased = Deceased { age: Some(40), ..Deceased::default() };
    /// assert_eq!(deceased.age_at_death(dod), Some(40));
    /// assert_eq!(Deceased::default().age_at_death(dod), None);
    /// ```
    pub fn age_at_death(&self, date_of_death: NaiveDate) -> Option<u32> {
        match &self.date_of_birth {
            Some(dob) => completed_years(*dob.expose(), date_of_death),
            None => self.age,
        }
    }

    /// Whether the deceased was 16 or over at death, with where that was read
    /// from; `None` when the age is unknown (or a band straddles 16).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dhr_core::case::{AgeBand, AgeSource, Deceased};
    /// let dod = NaiveDate::from_ymd_opt(2024, 3, 10).unwrap();
    /// let deceased = Deceased { age_band: Some(AgeBand::From65), ..Deceased::default() };
    /// assert_eq!(deceased.is_16_or_over(dod), Some((true, AgeSource::Band(AgeBand::From65))));
    /// ```
    pub fn is_16_or_over(&self, date_of_death: NaiveDate) -> Option<(bool, AgeSource)> {
        if let Some(dob) = &self.date_of_birth {
            return completed_years(*dob.expose(), date_of_death)
                .map(|a| (a >= 16, AgeSource::DateOfBirth));
        }
        if let Some(age) = self.age {
            return Some((age >= 16, AgeSource::Age));
        }
        let band = self.age_band?;
        band.is_16_or_over().map(|b| (b, AgeSource::Band(band)))
    }
}

/// A person whose violence, abuse or neglect the death may have resulted
/// from (spec 6.1 `suspects[]`). Every field may be unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Suspect {
    /// The family or intimate tie to the deceased.
    pub connection: Option<Connection>,
    /// The Home Office DHR library's relationship value, instead of `connection`.
    pub home_office_relationship: Option<HomeOfficeRelationship>,
    /// Whether the suspect was a member of the deceased's household (s.9(1)(b)).
    pub same_household: Option<bool>,
    /// The suspect's age (matters under s.8A only).
    pub age: Option<u32>,
    /// The suspect's age band (spec 8.2; read under s.8A only), when the
    /// exact age is not known.
    pub age_band: Option<AgeBand>,
    /// Whether the death has, or appears to have, resulted from violence,
    /// abuse or neglect by this person.
    pub abuse_suspected: Option<bool>,
}

/// A death (spec 6.1): the input of [`assess`](crate::eligibility::assess).
#[derive(Debug, Clone, PartialEq)]
pub struct Death {
    /// The caller's own id, echoed in the answer.
    pub reference: Option<String>,
    /// The date of death (the caller chooses a day when only a month is known).
    pub date_of_death: NaiveDate,
    /// When the CSP or local authority learned of the death.
    pub notified_on: Option<NaiveDate>,
    /// Where the death occurred.
    pub nation: Nation,
    /// The deceased.
    pub deceased: Deceased,
    /// How the deceased died.
    pub manner: Manner,
    /// The suspects (possibly none known yet).
    pub suspects: Vec<Suspect>,
    /// Kinds of abusive behaviour seen (empty: none given).
    pub abuse_indicators: Vec<AbuseIndicator>,
    /// The caller's own data: kept and echoed, never read.
    pub extensions: Personal<Map<String, Value>>,
}

impl Death {
    /// Read a death from interchange JSON text (spec 6.1) and validate it. A
    /// leading byte order mark is skipped; a repeated key is refused
    /// (`duplicate_field`, spec 8.1).
    ///
    /// ```
    /// use dhr_core::case::Death;
    /// let err = Death::from_json(r#"{"schema_version": 1, "date_of_death": "2024-02-30"}"#).unwrap_err();
    /// assert_eq!((err.code().as_str(), err.path()), ("invalid_date", "date_of_death"));
    /// let err = Death::from_json(r#"{"schema_version": 1, "date_of_death": "2024-03-10",
    ///     "nation": "england", "deceased": {}, "manner": "homicide",
    ///     "suspects": [{"abuse_suspected": true, "abuse_suspected": false}]}"#).unwrap_err();
    /// assert_eq!((err.code().as_str(), err.path()), ("duplicate_field", "suspects[0].abuse_suspected"));
    /// ```
    pub fn from_json(text: &str) -> Result<Death> {
        read::from_text(text, |de| read::run(de, fields::DeathRead))
    }

    /// Read a death from any source of values (spec 6.1) and validate it:
    /// the one reader of a death, behind [`Death::from_json`],
    /// [`Death::from_value`], the Python package and the data-frame helpers.
    /// A source is any serde [`Deserializer`](serde::Deserializer) whose
    /// error type says what its own failures mean ([`read::SourceError`]).
    ///
    /// ```
    /// use dhr_core::case::{Death, Manner};
    /// let v = serde_json::json!({"schema_version": 1, "date_of_death": "2024-03-10",
    ///     "nation": "england", "deceased": {}, "manner": "suicide", "suspects": []});
    /// assert_eq!(Death::read(&v)?.manner, Manner::Suicide);
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn read<'de, D>(source: D) -> Result<Death>
    where
        D: serde::Deserializer<'de>,
        D::Error: read::SourceError,
    {
        read::run(source, fields::DeathRead)?
    }

    /// Read a JSON array of deaths: each item read and validated as
    /// [`Death::from_json`] would (an item's error has a path relative to
    /// the item). The whole text fails for a syntax error, a repeated key
    /// (its path under the item's index, `[1].manner`) or a document that is
    /// not an array.
    ///
    /// ```
    /// use dhr_core::case::Death;
    /// let text = r#"[{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england",
    ///     "deceased": {"age": 40}, "manner": "homicide", "suspects": []},
    ///   {"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england",
    ///     "deceased": {"age": 40, "age_band": "65+"}, "manner": "homicide", "suspects": []}]"#;
    /// let items = Death::many_from_json(text)?;
    /// assert_eq!(items[0].as_ref().unwrap().deceased.age, Some(40));
    /// assert_eq!(items[1].as_ref().unwrap_err().path(), "deceased.age_band");
    /// assert_eq!(Death::many_from_json("{}").unwrap_err().code().as_str(), "invalid_value");
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn many_from_json(text: &str) -> Result<Vec<Result<Death>>> {
        read::from_text(text, |de| read::run(de, fields::DeathsRead))
    }

    /// [`Death::many_from_json`] over any source.
    pub fn read_many<'de, D>(source: D) -> Result<Vec<Result<Death>>>
    where
        D: serde::Deserializer<'de>,
        D::Error: read::SourceError,
    {
        read::run(source, fields::DeathsRead)?
    }

    /// Read a death from a JSON value (spec 6.1) and validate it.
    ///
    /// ```
    /// use dhr_core::case::Death;
    /// let v = serde_json::json!({"schema_version": 1, "date_of_death": "2024-03-10",
    ///     "nation": "england", "deceased": {}, "manner": "homicide", "suspects": [],
    ///     "victim": "typo"});
    /// let err = Death::from_value(&v).unwrap_err();
    /// assert_eq!((err.code().as_str(), err.path()), ("unknown_field", "victim"));
    /// ```
    pub fn from_value(v: &Value) -> Result<Death> {
        // Read as the text it writes (the same values, keys in the same
        // order, so the same death or error as `Death::read(v)`): serde
        // compiles a reader once per source, and one copy of it keeps the
        // WebAssembly module within its size budget.
        Death::from_json(&crate::json::to_text(v))
    }

    /// The death as interchange JSON (spec 6.1), every optional field written
    /// (null when unknown). Reading it back gives the same death.
    ///
    /// ```
    /// use dhr_core::case::Death;
    /// let text = r#"{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "wales",
    ///     "deceased": {"age_band": "65+"}, "manner": "suicide", "suspects": []}"#;
    /// let death = Death::from_json(text)?;
    /// let v = death.to_value();
    /// assert_eq!(v["deceased"]["age_band"], "65+");
    /// assert_eq!(Death::from_value(&v)?, death);
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn to_value(&self) -> Value {
        let deceased = json::object([
            (
                "date_of_birth",
                self.deceased
                    .date_of_birth
                    .as_ref()
                    .map(|d| fmt_date(*d.expose()))
                    .into(),
            ),
            ("age", self.deceased.age.into()),
            (
                "age_band",
                self.deceased.age_band.map(AgeBand::as_str).into(),
            ),
            (
                "care_and_support_needs",
                self.deceased.care_and_support_needs.into(),
            ),
        ]);
        let suspects: Vec<Value> = self
            .suspects
            .iter()
            .map(|s| {
                let mut v = json::object([
                    ("connection", s.connection.map(Connection::as_str).into()),
                    (
                        "home_office_relationship",
                        s.home_office_relationship
                            .map(HomeOfficeRelationship::as_str)
                            .into(),
                    ),
                    ("same_household", s.same_household.into()),
                    ("age", s.age.into()),
                    ("abuse_suspected", s.abuse_suspected.into()),
                ]);
                // Spec 8.2 added the band: written only when known, so a
                // version-1 document writes back as it was.
                if let (Some(b), Value::Object(m)) = (s.age_band, &mut v) {
                    m.insert("age_band".into(), Value::from(b.as_str()));
                }
                v
            })
            .collect();
        json::object([
            ("schema_version", json::SCHEMA_VERSION.into()),
            ("reference", self.reference.clone().into()),
            ("date_of_death", fmt_date(self.date_of_death).into()),
            ("notified_on", self.notified_on.map(fmt_date).into()),
            ("nation", self.nation.as_str().into()),
            ("deceased", deceased),
            ("manner", self.manner.as_str().into()),
            ("suspects", suspects.into()),
            (
                "abuse_indicators",
                self.abuse_indicators
                    .iter()
                    .map(|a| a.as_str())
                    .collect::<Vec<_>>()
                    .into(),
            ),
            (
                "extensions",
                Value::Object(self.extensions.expose().clone()),
            ),
        ])
    }

    /// Check the facts: dates in range, ages in range, and no contradiction
    /// (date of birth after death, notified before the death, age and date of
    /// birth or age band disagreeing, a `connection` that disagrees with the
    /// `home_office_relationship` or with `same_household`). The error's path
    /// names the later of two contradictory fields in document order; its
    /// message names both.
    ///
    /// ```
    /// use dhr_core::case::Death;
    /// let err = Death::from_json(r#"{"schema_version": 1, "date_of_death": "2024-03-10",
    ///     "nation": "england", "deceased": {"age": 20, "age_band": "65+"},
    ///     "manner": "homicide", "suspects": []}"#).unwrap_err();
    /// assert_eq!((err.code().as_str(), err.path()), ("contradictory_facts", "deceased.age_band"));
    /// ```
    pub fn validate(&self) -> Result<()> {
        check_range(self.date_of_death, "date_of_death")?;
        if let Some(n) = self.notified_on {
            check_range(n, "notified_on")?;
            if n < self.date_of_death {
                return Err(contradiction(
                    "notified_on",
                    "notified_on is before date_of_death: the CSP cannot learn of a death before it happens",
                ));
            }
        }
        self.validate_deceased()?;
        for (i, s) in self.suspects.iter().enumerate() {
            validate_suspect(s, i)?;
        }
        Ok(())
    }

    fn validate_deceased(&self) -> Result<()> {
        let d = &self.deceased;
        let mut age = d.age;
        if let Some(a) = d.age {
            if a > MAX_AGE {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    "deceased.age",
                    format!("expected a whole number from 0 to {MAX_AGE}"),
                ));
            }
        }
        if let Some(dob) = &d.date_of_birth {
            let dob = *dob.expose();
            check_range(dob, "deceased.date_of_birth")?;
            let computed = completed_years(dob, self.date_of_death).ok_or_else(|| {
                contradiction(
                    "deceased.date_of_birth",
                    "deceased.date_of_birth is after date_of_death",
                )
            })?;
            if computed > MAX_AGE {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    "deceased.date_of_birth",
                    format!("the age at death it gives is over {MAX_AGE}"),
                ));
            }
            if let Some(a) = d.age {
                if a != computed {
                    return Err(contradiction(
                        "deceased.age",
                        "deceased.age disagrees with the age at death computed from deceased.date_of_birth and date_of_death",
                    ));
                }
            }
            age = Some(computed);
        }
        if let (Some(band), Some(a)) = (d.age_band, age) {
            if !band.contains(a) {
                let other = if d.age.is_some() {
                    "deceased.age"
                } else {
                    "the age computed from deceased.date_of_birth"
                };
                return Err(contradiction(
                    "deceased.age_band",
                    format!("deceased.age_band does not contain {other}"),
                ));
            }
        }
        Ok(())
    }
}

/// Check suspect `i`; its path (`suspects[i]`) is written only for an error.
fn validate_suspect(s: &Suspect, i: usize) -> Result<()> {
    let path = || json::item("suspects", i);
    if let Some(a) = s.age {
        if a > MAX_AGE {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                json::child(&path(), "age"),
                format!("expected a whole number from 0 to {MAX_AGE}"),
            ));
        }
    }
    let mapped = s
        .home_office_relationship
        .map(home_office_mapping)
        .transpose()?;
    if let (Some(c), Some(m)) = (s.connection, &mapped) {
        if let (Some(a), Some(b)) = (c.has_tie(), m.connection.has_tie()) {
            let disagree = a != b || (a && c != m.connection);
            if disagree {
                return Err(contradiction(
                    &json::child(&path(), "home_office_relationship"),
                    "home_office_relationship maps to a connection that disagrees with connection",
                ));
            }
        }
    }
    let household_member = s.connection == Some(Connection::HouseholdMember)
        || mapped
            .as_ref()
            .is_some_and(|m| m.connection == Connection::HouseholdMember);
    if household_member && s.same_household == Some(false) {
        return Err(contradiction(
            &json::child(&path(), "same_household"),
            "same_household is false but the connection (or the Home Office relationship) says household member",
        ));
    }
    // Spec 8.2: a suspect's age and age band must agree.
    if let (Some(a), Some(band)) = (s.age, s.age_band) {
        if !band.contains(a) {
            return Err(contradiction(
                &json::child(&path(), "age_band"),
                "age_band does not contain age",
            ));
        }
    }
    Ok(())
}

fn contradiction(path: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::ContradictoryFacts, path, message)
}

impl Serialize for Death {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}
