//! The field table of a death (spec 6.1): every key, its type, its limits,
//! and the code, path and message of each way it can be wrong. This is the
//! one reader of a death, over any source ([`crate::read`]).
//!
//! Errors come in the order of a strict reading of the whole document: a bad
//! `schema_version` first, then, object by object, an unknown key, then the
//! fields in the order of the tables below, then the facts' contradictions
//! ([`Death::validate`]).

use super::{
    AbuseIndicator, AgeBand, Connection, Death, Deceased, HomeOfficeRelationship, Manner, Nation,
    Suspect, MAX_AGE,
};
use crate::error::{Error, ErrorCode, Result};
use crate::json;
use crate::personal::Personal;
use crate::read::{element, items, members, value, At, Read, Scalar, Skip, Tree};
use chrono::NaiveDate;
use serde::de::{MapAccess, SeqAccess};
use serde_json::{Map, Value};

/// The keys of a death, in the order their errors are reported.
pub(crate) const DEATH_KEYS: &[&str] = &[
    "schema_version",
    "reference",
    "date_of_death",
    "notified_on",
    "nation",
    "deceased",
    "manner",
    "suspects",
    "abuse_indicators",
    "extensions",
];
/// The keys of `deceased`.
pub(crate) const DECEASED_KEYS: &[&str] =
    &["date_of_birth", "age", "age_band", "care_and_support_needs"];
/// The keys of a suspect.
pub(crate) const SUSPECT_KEYS: &[&str] = &[
    "connection",
    "home_office_relationship",
    "same_household",
    "age",
    "age_band",
    "abuse_suspected",
];

type Res<T> = std::result::Result<T, Error>;

/// A field's value: `Ok(None)` when absent or null.
type Slot<T> = Res<Option<T>>;

fn unknown(at: &At<'_>, allowed: &[&str]) -> Error {
    at.error(
        ErrorCode::UnknownField,
        format!(
            "unknown field; the fields allowed here are: {}",
            allowed.join(", ")
        ),
    )
}

/// Read the members of an object whose keys are `allowed`: `member` reads
/// a known key's value and answers `false` for a key it does not know, whose
/// value is skipped. Gives the error of the first unknown key, if any (it is
/// reported before the fields' own errors).
fn table<'de, A: MapAccess<'de>>(
    at: &At<'_>,
    a: &mut A,
    allowed: &[&str],
    mut member: impl FnMut(&str, &At<'_>, &mut A) -> std::result::Result<bool, A::Error>,
) -> std::result::Result<Option<Error>, A::Error> {
    let mut bad_key = None;
    members(at, a, |key, at, a| {
        if !member(key, at, a)? {
            bad_key.get_or_insert_with(|| unknown(at, allowed));
            value(a, at, Skip)?;
        }
        Ok(())
    })?;
    Ok(bad_key)
}

fn wrong_type(at: &At<'_>, expected: &str, found: Scalar<'_>) -> Error {
    at.error(
        ErrorCode::InvalidValue,
        format!("expected {expected}, found {}", found.type_name()),
    )
}

fn required<T>(slot: Slot<T>, at: &At<'_>, key: &str) -> Res<T> {
    slot?.ok_or_else(|| {
        at.path
            .key(key)
            .error(ErrorCode::MissingField, "this field is required")
    })
}

/// `schema_version`: 1 (spec 6).
struct SchemaVersion;

impl Read<'_> for SchemaVersion {
    const SCALAR: bool = true;
    type Out = Slot<()>;
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) -> Slot<()> {
        match s {
            Scalar::Null => Ok(None),
            Scalar::U64(json::SCHEMA_VERSION) => Ok(Some(())),
            Scalar::U64(_) => Err(at.error(
                ErrorCode::UnsupportedSchemaVersion,
                format!(
                    "this version of dhr reads schema_version {} only",
                    json::SCHEMA_VERSION
                ),
            )),
            _ => Err(at.error(ErrorCode::InvalidValue, "expected a whole number")),
        }
    }
}

/// A string (text kept as given).
struct Text;

impl Read<'_> for Text {
    const SCALAR: bool = true;
    type Out = Slot<String>;
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) -> Slot<String> {
        match s {
            Scalar::Null => Ok(None),
            Scalar::Str(v) => Ok(Some(v.to_string())),
            other => Err(wrong_type(at, "a string", other)),
        }
    }
}

/// A `YYYY-MM-DD` date in the format's range.
struct Date;

impl Read<'_> for Date {
    const SCALAR: bool = true;
    type Out = Slot<NaiveDate>;
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) -> Slot<NaiveDate> {
        match s {
            Scalar::Null => Ok(None),
            Scalar::Str(v) => json::ymd(v).map(Some).map_err(|e| e.at(&at.path.render())),
            other => Err(at.error(
                ErrorCode::InvalidDate,
                format!(
                    "expected a date as a \"YYYY-MM-DD\" string, found {}",
                    other.type_name()
                ),
            )),
        }
    }
}

/// One of a closed set of snake_case names; `null` allowed when `nullable`.
struct Name<T: 'static> {
    parse: fn(&str) -> Option<T>,
    names: &'static [&'static str],
    nullable: bool,
}

impl<T> Read<'_> for Name<T> {
    const SCALAR: bool = true;
    type Out = Slot<T>;
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) -> Slot<T> {
        match s {
            Scalar::Null if self.nullable => Ok(None),
            Scalar::Str(v) => match (self.parse)(v) {
                Some(t) => Ok(Some(t)),
                None => Err(at.error(
                    ErrorCode::InvalidValue,
                    format!(
                        "not a recognised value; expected one of: {}",
                        self.names.join(", ")
                    ),
                )),
            },
            other => Err(wrong_type(at, "a string", other)),
        }
    }
}

macro_rules! name {
    ($t:ty) => {
        Name::<$t> {
            parse: <$t>::from_str,
            names: <$t>::NAMES,
            nullable: true,
        }
    };
}

/// `true`, `false` or `null` (unknown).
struct Flag;

impl Read<'_> for Flag {
    const SCALAR: bool = true;
    type Out = Slot<bool>;
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) -> Slot<bool> {
        match s {
            Scalar::Null => Ok(None),
            Scalar::Bool(b) => Ok(Some(b)),
            other => Err(wrong_type(at, "true, false or null", other)),
        }
    }
}

/// An age in completed years, 0 to [`MAX_AGE`].
struct Age;

impl Read<'_> for Age {
    const SCALAR: bool = true;
    type Out = Slot<u32>;
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) -> Slot<u32> {
        if let Scalar::Null = s {
            return Ok(None);
        }
        match s.as_i64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n <= MAX_AGE => Ok(Some(n)),
            _ => Err(at.error(
                ErrorCode::InvalidValue,
                format!("expected a whole number from 0 to {MAX_AGE}"),
            )),
        }
    }
}

/// `extensions`: an object, kept as given and never read. Read by the
/// [`Tree`] reader and then checked, rather than by a reader of its own (one
/// fewer copy of the source's code in WebAssembly).
fn extensions_of(at: &At<'_>, v: Value) -> Slot<Map<String, Value>> {
    match v {
        Value::Object(m) => Ok(Some(m)),
        Value::Null => Ok(None),
        other => Err(wrong_type(at, "an object", scalar_of(&other))),
    }
}

/// A value read by [`Tree`] as the reader's scalar (its content, for a
/// list or an object, already read).
fn scalar_of(v: &Value) -> Scalar<'_> {
    match v {
        Value::Null => Scalar::Null,
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Scalar::U64(u),
            (None, Some(i)) => Scalar::I64(i),
            _ => Scalar::F64(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Scalar::Str(s),
        Value::Array(_) => Scalar::List,
        Value::Object(_) => Scalar::Object,
    }
}

/// `abuse_indicators`: a list of names, read by [`Tree`] and then each item
/// checked as [`NameItem`] would (the first bad item is the error), rather
/// than by a list reader of its own (as `extensions`, for the module's
/// size).
fn names_of<T>(at: &At<'_>, v: Value, name: fn() -> Name<T>) -> Slot<Vec<T>> {
    let items = match v {
        Value::Null => return Ok(None),
        Value::Array(items) => items,
        other => return Err(wrong_type(at, "an array", scalar_of(&other))),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(NameItem(name()).scalar(&at.index(i), scalar_of(item))?);
    }
    Ok(Some(out))
}

/// A list whose items are each read by `item`; the first bad item is the error.
struct List<R>(fn() -> R);

impl<'de, T, R: Read<'de, Out = Res<T>>> Read<'de> for List<R> {
    type Out = Slot<Vec<T>>;
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) -> Self::Out {
        match s {
            Scalar::Null => Ok(None),
            other => Err(wrong_type(at, "an array", other)),
        }
    }
    fn list<A: SeqAccess<'de>>(
        self,
        at: &At<'_>,
        mut a: A,
    ) -> std::result::Result<Self::Out, A::Error> {
        let mut out: Res<Vec<T>> = Ok(Vec::new());
        items(at, &mut a, |at, a| {
            Ok(
                element(a, at, (self.0)())?.map(|item| match (&mut out, item) {
                    (Ok(list), Ok(t)) => list.push(t),
                    (Ok(_), Err(e)) => out = Err(e),
                    (Err(_), _) => {}
                }),
            )
        })?;
        Ok(out.map(Some))
    }
}

/// An item of a list of names (`null` is not a name).
struct NameItem<T: 'static>(Name<T>);

impl<T> Read<'_> for NameItem<T> {
    const SCALAR: bool = true;
    type Out = Res<T>;
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) -> Res<T> {
        self.0
            .scalar(at, s)
            .and_then(|t| t.ok_or_else(|| wrong_type(at, "a string", Scalar::Null)))
    }
}

fn not_object(at: &At<'_>, s: Scalar<'_>) -> Error {
    wrong_type(at, "an object", s)
}

/// The deceased (spec 6.1 `deceased`).
struct DeceasedRead;

impl<'de> Read<'de> for DeceasedRead {
    type Out = Slot<Deceased>;
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) -> Self::Out {
        match s {
            Scalar::Null => Ok(None),
            other => Err(not_object(at, other)),
        }
    }
    fn object<A: MapAccess<'de>>(
        self,
        at: &At<'_>,
        mut a: A,
    ) -> std::result::Result<Self::Out, A::Error> {
        let (mut dob, mut age, mut band, mut care) = (Ok(None), Ok(None), Ok(None), Ok(None));
        let bad_key = table(at, &mut a, DECEASED_KEYS, |key, at, a| {
            match key {
                "date_of_birth" => dob = value(a, at, Date)?,
                "age" => age = value(a, at, Age)?,
                "age_band" => band = value(a, at, name!(AgeBand))?,
                "care_and_support_needs" => care = value(a, at, Flag)?,
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok((|| {
            if let Some(e) = bad_key {
                return Err(e);
            }
            Ok(Some(Deceased {
                date_of_birth: dob?.map(Personal::new),
                age: age?,
                age_band: band?,
                care_and_support_needs: care?,
            }))
        })())
    }
}

/// One suspect (spec 6.1 `suspects[]`).
struct SuspectRead;

impl<'de> Read<'de> for SuspectRead {
    type Out = Res<Suspect>;
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) -> Self::Out {
        Err(not_object(at, s))
    }
    fn object<A: MapAccess<'de>>(
        self,
        at: &At<'_>,
        mut a: A,
    ) -> std::result::Result<Self::Out, A::Error> {
        let (mut connection, mut home_office, mut household, mut age, mut abuse) =
            (Ok(None), Ok(None), Ok(None), Ok(None), Ok(None));
        let mut band = Ok(None);
        let bad_key = table(at, &mut a, SUSPECT_KEYS, |key, at, a| {
            match key {
                "connection" => connection = value(a, at, name!(Connection))?,
                "home_office_relationship" => {
                    home_office = value(a, at, name!(HomeOfficeRelationship))?
                }
                "same_household" => household = value(a, at, Flag)?,
                "age" => age = value(a, at, Age)?,
                "age_band" => band = value(a, at, name!(AgeBand))?,
                "abuse_suspected" => abuse = value(a, at, Flag)?,
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok((|| {
            if let Some(e) = bad_key {
                return Err(e);
            }
            Ok(Suspect {
                connection: connection?,
                home_office_relationship: home_office?,
                same_household: household?,
                age: age?,
                age_band: band?,
                abuse_suspected: abuse?,
            })
        })())
    }
}

/// A death (spec 6.1), validated.
pub(super) struct DeathRead;

impl<'de> Read<'de> for DeathRead {
    type Out = Result<Death>;
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) -> Self::Out {
        Err(not_object(at, s))
    }
    fn object<A: MapAccess<'de>>(
        self,
        at: &At<'_>,
        mut a: A,
    ) -> std::result::Result<Self::Out, A::Error> {
        let mut schema_version = Ok(None);
        let (mut reference, mut date_of_death, mut notified_on) = (Ok(None), Ok(None), Ok(None));
        let (mut nation, mut deceased, mut manner) = (Ok(None), Ok(None), Ok(None));
        let (mut suspects, mut indicators, mut extensions) = (Ok(None), Ok(None), Ok(None));
        let bad_key = table(at, &mut a, DEATH_KEYS, |key, at, a| {
            match key {
                "schema_version" => schema_version = value(a, at, SchemaVersion)?,
                "reference" => reference = value(a, at, Text)?,
                "date_of_death" => date_of_death = value(a, at, Date)?,
                "notified_on" => notified_on = value(a, at, Date)?,
                "nation" => nation = value(a, at, name!(Nation))?,
                "deceased" => deceased = value(a, at, DeceasedRead)?,
                "manner" => manner = value(a, at, name!(Manner))?,
                "suspects" => suspects = value(a, at, List(|| SuspectRead))?,
                "abuse_indicators" => {
                    indicators = names_of(at, value(a, at, Tree)?, || name!(AbuseIndicator))
                }
                "extensions" => extensions = extensions_of(at, value(a, at, Tree)?),
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok((|| {
            // A document of another schema version may have other fields:
            // say so before complaining about them.
            let schema_version = schema_version?;
            if let Some(e) = bad_key {
                return Err(e);
            }
            required(Ok(schema_version), at, "schema_version")?;
            let death = Death {
                reference: reference?,
                date_of_death: required(date_of_death, at, "date_of_death")?,
                notified_on: notified_on?,
                nation: required(nation, at, "nation")?,
                deceased: required(deceased, at, "deceased")?,
                manner: required(manner, at, "manner")?,
                suspects: required(suspects, at, "suspects")?,
                abuse_indicators: indicators?.unwrap_or_default(),
                extensions: Personal::new(extensions?.unwrap_or_default()),
            };
            death.validate()?;
            Ok(death)
        })())
    }
}

/// A list of deaths, each read as [`DeathRead`] with paths relative to
/// the item.
pub(super) struct DeathsRead;

impl<'de> Read<'de> for DeathsRead {
    type Out = Result<Vec<Result<Death>>>;
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) -> Self::Out {
        Err(wrong_type(at, "an array of deaths", s))
    }
    fn list<A: SeqAccess<'de>>(
        self,
        at: &At<'_>,
        mut a: A,
    ) -> std::result::Result<Self::Out, A::Error> {
        let mut out = Vec::new();
        let root = At {
            ctx: at.ctx,
            path: crate::read::Path::ROOT,
        };
        let mut i = 0;
        loop {
            match element(&mut a, &root, DeathRead) {
                Ok(Some(d)) => out.push(d),
                Ok(None) => break,
                Err(e) => return Err(at.ctx.prefix(e, &json::item("", i))),
            }
            i += 1;
        }
        Ok(Ok(out))
    }
}
