//! Writing the sentence of a reason: the values a rule's template names
//! ([`Args`]) and the template filler. Every value is the library's own
//! text (suspect paths, class names, test names, option dates), never caller
//! data.

use super::rule::Test;
use crate::case::{
    home_office_mapping, AbuseIndicator, AgeSource, Connection, HomeOfficeRelationship,
};
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// The values a reason's template names, by shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Args {
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
        plain: bool,
    ) -> std::result::Result<fmt::Result, NotNamed> {
        use Args as A;
        if plain {
            return self.write_plain(name, f);
        }
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
            ("class", A::Connected(_, c)) => f.write_str(c.map_or("connected", Connection::as_str)),
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

impl Args {
    /// The person-facing value of placeholder `name`: "person 1" for
    /// `suspects[0]`, words for snake_case values, dates in en-GB.
    fn write_plain(
        &self,
        name: &str,
        f: &mut dyn fmt::Write,
    ) -> std::result::Result<fmt::Result, NotNamed> {
        use Args as A;
        Ok(match (name, self) {
            ("date", A::Date(d) | A::DateTest(d, _)) => f.write_str(&crate::json::en_gb(*d)),
            ("suspect", A::Suspect(i) | A::Mapped(i, _) | A::Connected(i, _)) => {
                write_person(f, *i)
            }
            ("suspects", A::Suspects(set) | A::TestSuspects(_, set)) => {
                write_list(f, set.iter(), write_person)
            }
            ("source", A::Age(AgeSource::Band(b), _)) => f
                .write_str("from the age band ")
                .and_then(|()| words(f, b.as_str())),
            ("value", A::Mapped(_, r)) => words(f, r.as_str()),
            ("class", A::Mapped(_, r)) => words(
                f,
                home_office_mapping(*r).map_or("", |m| m.connection.as_str()),
            ),
            ("class", A::Connected(_, c)) => words(f, c.map_or("connected", Connection::as_str)),
            ("indicators", A::Indicators(list)) => {
                write_list(f, list.iter().map(AbuseIndicator::as_str), words)
            }
            _ => return self.write(name, f, false),
        })
    }
}

/// `person N` (1-based) for `suspects[N-1]`.
fn write_person(f: &mut dyn fmt::Write, i: usize) -> fmt::Result {
    write!(f, "person {}", i.saturating_add(1))
}

/// A snake_case value as words: `coercive_control` is "coercive control".
fn words(f: &mut dyn fmt::Write, value: &str) -> fmt::Result {
    for (k, w) in value.split('_').enumerate() {
        if k > 0 {
            f.write_char(' ')?;
        }
        f.write_str(w)?;
    }
    Ok(())
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
    t.statute()
}

/// Write `template` with each `{name}` replaced by its value; every value is
/// the library's own text. A `{` not followed by a `name}` the values name is
/// kept as it is.
pub(super) fn fill(f: &mut dyn fmt::Write, template: &str, args: &Args) -> fmt::Result {
    fill_as(f, template, args, false)
}

/// The person-facing sentence of `template` (see [`Args::write_plain`]);
/// "listed in missing" becomes "asked about below".
pub(super) fn plain(template: &str, args: &Args) -> String {
    let mut text = String::with_capacity(template.len() + 64);
    // Writing to a String does not fail.
    let _ = fill_as(&mut text, template, args, true);
    const TECHNICAL: &str = "listed in missing";
    match crate::json::find(&text, TECHNICAL) {
        Some(at) => {
            let tail = text.split_off(at);
            text.push_str("asked about below");
            text.push_str(tail.get(TECHNICAL.len()..).unwrap_or(""));
            text
        }
        None => text,
    }
}

fn fill_as(f: &mut dyn fmt::Write, template: &str, args: &Args, plain: bool) -> fmt::Result {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from_brace) = rest.split_at(open);
        f.write_str(before)?;
        let after = from_brace.get(1..).unwrap_or("");
        let filled = match after.split_once('}') {
            Some((name, tail)) => match args.write(name, f, plain) {
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
pub(super) struct Indicators(u32);

impl Indicators {
    pub(super) fn of(list: &[AbuseIndicator]) -> Indicators {
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

    pub(super) fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub(super) fn iter(self) -> impl Iterator<Item = AbuseIndicator> {
        (0..8)
            .map(move |k| (self.0 >> (4 * k)) & 0xf)
            .take_while(|n| *n != 0)
            .filter_map(|n| AbuseIndicator::ALL.get(n as usize - 1).copied())
    }
}

/// A set of suspect indices, in ascending order: a bit per index below 64,
/// a list beyond (allocated only for the 65th suspect and after).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct SuspectSet {
    low: u64,
    // A thin pointer (8 bytes, not a Vec's 24) keeps every `Reason` small;
    // the double allocation happens only past the 64th suspect.
    #[allow(clippy::box_collection)]
    high: Option<Box<Vec<usize>>>,
}

impl SuspectSet {
    pub(super) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let low = self.low;
        (0..64usize)
            .filter(move |i| low & (1u64 << i) != 0)
            .chain(self.high.iter().flat_map(|h| h.iter().copied()))
    }
}

/// Builds a [`SuspectSet`] from indices given in ascending order.
#[derive(Default)]
pub(super) struct SuspectSetBuilder {
    low: u64,
    high: Vec<usize>,
}

impl SuspectSetBuilder {
    pub(super) fn push(&mut self, i: usize) {
        match u32::try_from(i).ok().and_then(|b| 1u64.checked_shl(b)) {
            Some(bit) => self.low |= bit,
            None => self.high.push(i),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.low == 0 && self.high.is_empty()
    }

    pub(super) fn build(self) -> SuspectSet {
        SuspectSet {
            low: self.low,
            high: (!self.high.is_empty()).then(|| Box::new(self.high)),
        }
    }
}
