//! The rule data of eligibility, read once from `dhr-core/data/eligibility.json`
//! and `dhr-core/data/home_office_relationships.json` (embedded at build time).

use super::{Mark, ReasonCode, RelatedVariant};
use crate::case::{Connection, HomeOfficeRelationship};
use crate::error::{Error, ErrorCode, Result};
use crate::json;
use crate::json::Obj;
use chrono::NaiveDate;
use serde_json::Value;
use std::sync::OnceLock;

pub(crate) const ELIGIBILITY_JSON: &str = include_str!("../../data/eligibility.json");
pub(crate) const HOME_OFFICE_JSON: &str = include_str!("../../data/home_office_relationships.json");

struct RawDated {
    date: String,
    mark: String,
    citation: String,
}

struct RawPeriod {
    days: u32,
    mark: String,
    citation: String,
}

struct RawTest {
    name: String,
    mark: String,
}

struct RawReason {
    text: String,
    citation: String,
    citation_s8a: Option<String>,
    mark: String,
}

struct RawRelated {
    kind: String,
    text: String,
    citation: String,
    mark: String,
}

struct RawEligibility {
    #[allow(dead_code)]
    about: String,
    dates: Table<RawDated>,
    periods: Table<RawPeriod>,
    tests: Table<RawTest>,
    reasons: Table<RawReason>,
    related_reviews: Table<RawRelated>,
    notes: Table<String>,
}

struct RawHomeOffice {
    #[allow(dead_code)]
    about: String,
    citation: String,
    values: Vec<RawMapping>,
}

struct RawMapping {
    value: String,
    connection: String,
    personally_connected: Option<bool>,
    mark: String,
    note: String,
}

/// A dated rule (a commencement or start date).
#[derive(Debug, Clone)]
pub(crate) struct Dated {
    pub date: NaiveDate,
    #[allow(dead_code)]
    pub mark: Mark,
    #[allow(dead_code)]
    pub citation: String,
}

/// A period in working days.
#[derive(Debug, Clone)]
pub(crate) struct Period {
    pub days: u32,
    #[allow(dead_code)]
    pub mark: Mark,
    #[allow(dead_code)]
    pub citation: String,
}

/// The text and citation of a reason.
#[derive(Debug, Clone)]
pub(crate) struct ReasonData {
    pub text: String,
    pub citation: String,
    pub citation_s8a: Option<String>,
    pub mark: Mark,
}

/// The text and citation of a related review.
#[derive(Debug, Clone)]
pub(crate) struct RelatedData {
    pub kind: super::RelatedReviewKind,
    pub text: String,
    pub citation: String,
    pub mark: Mark,
}

/// All the eligibility rule data, checked complete.
#[derive(Debug)]
pub(crate) struct Data {
    pub s9_in_force: Dated,
    pub susr_start: Dated,
    pub cspr_notify: Period,
    pub cspr_rapid_review: Period,
    pub test_s9: String,
    pub test_s8a: String,
    /// Indexed by `ReasonCode as usize` (the order of `ReasonCode::ALL`).
    reasons: Vec<ReasonData>,
    /// Indexed by `RelatedVariant as usize` (the order of its `ALL`).
    related: Vec<RelatedData>,
    pub cspr_out_of_range_note: String,
    /// Indexed by `HomeOfficeRelationship as usize` (the order of its `ALL`).
    home_office: Vec<super::HomeOfficeMapping>,
}

impl Data {
    pub fn reason(&self, code: ReasonCode) -> Option<&ReasonData> {
        self.reasons.get(code as usize)
    }

    pub fn related(&self, v: RelatedVariant) -> Option<&RelatedData> {
        self.related.get(v as usize)
    }

    pub fn home_office(&self, r: HomeOfficeRelationship) -> Option<&super::HomeOfficeMapping> {
        self.home_office.get(r as usize)
    }
}

fn bad(message: impl Into<String>) -> Error {
    Error::new(
        ErrorCode::InvalidRuleSet,
        "",
        format!(
            "the built-in eligibility data is invalid: {}",
            message.into()
        ),
    )
}

fn mark(s: &str) -> Result<Mark> {
    Mark::from_str(s).ok_or_else(|| bad("an unknown confidence mark"))
}

// The data files are read with the crate's strict reader (json::Obj), not
// serde derive: the same checks (unknown keys refused, every field typed),
// and 12 KB less gzipped WebAssembly (no Deserialize impls, no float
// formatting for their error messages).

/// A required string member.
fn s(o: &Obj, k: &str) -> Result<String> {
    o.req_str(k).map(str::to_string)
}

/// Named entries in the file's order. A list rather than a `BTreeMap`: the
/// tables are small and read once, and each `BTreeMap<String, T>` added
/// several KB of code (tree and sort instances) to the WebAssembly module.
struct Table<T>(Vec<(String, T)>);

impl<T> Table<T> {
    fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

/// An object of named entries, each read by `f` (with its path).
fn table<T>(v: &Value, path: &str, f: impl Fn(&Value, &str) -> Result<T>) -> Result<Table<T>> {
    let m = v
        .as_object()
        .ok_or_else(|| bad(format!("{path} is not an object")))?;
    m.iter()
        .map(|(k, v)| Ok((k.clone(), f(v, &json::child(path, k))?)))
        .collect::<Result<Vec<_>>>()
        .map(Table)
}

/// `eligibility.json`.
fn raw_eligibility(v: &Value) -> Result<RawEligibility> {
    let o = Obj::new(
        v,
        "",
        &[
            "about",
            "dates",
            "periods",
            "tests",
            "reasons",
            "related_reviews",
            "notes",
        ],
    )?;
    Ok(RawEligibility {
        about: s(&o, "about")?,
        dates: table(o.req("dates")?, "dates", |v, p| {
            let o = Obj::new(v, p, &["date", "mark", "citation"])?;
            Ok(RawDated {
                date: s(&o, "date")?,
                mark: s(&o, "mark")?,
                citation: s(&o, "citation")?,
            })
        })?,
        periods: table(o.req("periods")?, "periods", |v, p| {
            let o = Obj::new(v, p, &["days", "mark", "citation"])?;
            let days = o
                .opt_int("days", 0, 1000)?
                .and_then(|d| u32::try_from(d).ok())
                .ok_or_else(|| bad(format!("{p}.days")))?;
            Ok(RawPeriod {
                days,
                mark: s(&o, "mark")?,
                citation: s(&o, "citation")?,
            })
        })?,
        tests: table(o.req("tests")?, "tests", |v, p| {
            let o = Obj::new(v, p, &["name", "mark"])?;
            Ok(RawTest {
                name: s(&o, "name")?,
                mark: s(&o, "mark")?,
            })
        })?,
        reasons: table(o.req("reasons")?, "reasons", |v, p| {
            let o = Obj::new(v, p, &["text", "citation", "citation_s8a", "mark"])?;
            Ok(RawReason {
                text: s(&o, "text")?,
                citation: s(&o, "citation")?,
                citation_s8a: o.opt_str("citation_s8a")?.map(str::to_string),
                mark: s(&o, "mark")?,
            })
        })?,
        related_reviews: table(o.req("related_reviews")?, "related_reviews", |v, p| {
            let o = Obj::new(v, p, &["kind", "text", "citation", "mark"])?;
            Ok(RawRelated {
                kind: s(&o, "kind")?,
                text: s(&o, "text")?,
                citation: s(&o, "citation")?,
                mark: s(&o, "mark")?,
            })
        })?,
        notes: table(o.req("notes")?, "notes", |v, p| {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| bad(p.to_string()))
        })?,
    })
}

/// `home_office_relationships.json`.
fn raw_home_office(v: &Value) -> Result<RawHomeOffice> {
    let o = Obj::new(v, "", &["about", "citation", "values"])?;
    let values = o
        .req_array("values")?
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let o = Obj::new(
                v,
                &json::item("values", i),
                &[
                    "value",
                    "connection",
                    "personally_connected",
                    "mark",
                    "note",
                ],
            )?;
            Ok(RawMapping {
                value: s(&o, "value")?,
                connection: s(&o, "connection")?,
                personally_connected: o.opt_bool("personally_connected")?,
                mark: s(&o, "mark")?,
                note: s(&o, "note")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(RawHomeOffice {
        about: s(&o, "about")?,
        citation: s(&o, "citation")?,
        values,
    })
}

/// The values of `entries` in the order of `all` (each key's entry; later
/// entries for the same key are ignored), or the first key of `all` with no
/// entry.
fn in_order<K: Copy + PartialEq, T>(
    all: &[K],
    mut entries: Vec<(K, T)>,
) -> std::result::Result<Vec<T>, K> {
    all.iter()
        .map(|k| {
            let i = entries.iter().position(|(e, _)| e == k).ok_or(*k)?;
            Ok(entries.swap_remove(i).1)
        })
        .collect()
}

pub(crate) fn parse(eligibility: &str, home_office: &str) -> Result<Data> {
    let raw = raw_eligibility(&json::parse(eligibility)?)
        .map_err(|e| bad(format!("eligibility.json: {e}")))?;
    let ho = raw_home_office(&json::parse(home_office)?)
        .map_err(|e| bad(format!("home_office_relationships.json: {e}")))?;

    let dated = |key: &str| -> Result<Dated> {
        let d = raw
            .dates
            .get(key)
            .ok_or_else(|| bad(format!("no date {key}")))?;
        Ok(Dated {
            date: json::parse_date(&d.date, key).map_err(|_| bad(format!("date {key}")))?,
            mark: mark(&d.mark)?,
            citation: d.citation.clone(),
        })
    };
    let period = |key: &str| -> Result<Period> {
        let p = raw
            .periods
            .get(key)
            .ok_or_else(|| bad(format!("no period {key}")))?;
        Ok(Period {
            days: p.days,
            mark: mark(&p.mark)?,
            citation: p.citation.clone(),
        })
    };
    let test = |key: &str| -> Result<String> {
        let t = raw
            .tests
            .get(key)
            .ok_or_else(|| bad(format!("no test {key}")))?;
        mark(&t.mark)?;
        Ok(t.name.clone())
    };

    let mut reasons = Vec::new();
    for (key, r) in raw.reasons.iter() {
        let code = ReasonCode::from_str(key)
            .ok_or_else(|| bad(format!("reason {key} is not a reason code")))?;
        reasons.push((
            code,
            ReasonData {
                text: r.text.clone(),
                citation: r.citation.clone(),
                citation_s8a: r.citation_s8a.clone(),
                mark: mark(&r.mark)?,
            },
        ));
    }
    // `ALL` lists the codes in declaration order, so `code as usize` is the
    // index of its entry (checked by the test `reasons_indexed_by_code`).
    let reasons =
        in_order(ReasonCode::ALL, reasons).map_err(|c| bad(format!("no text for reason {c}")))?;

    let mut related = Vec::new();
    for (key, r) in raw.related_reviews.iter() {
        let v = RelatedVariant::from_str(key)
            .ok_or_else(|| bad(format!("related review {key} is not known")))?;
        let kind = super::RelatedReviewKind::from_str(&r.kind)
            .ok_or_else(|| bad(format!("related review kind of {key}")))?;
        related.push((
            v,
            RelatedData {
                kind,
                text: r.text.clone(),
                citation: r.citation.clone(),
                mark: mark(&r.mark)?,
            },
        ));
    }
    let related = in_order(RelatedVariant::ALL, related)
        .map_err(|v| bad(format!("no text for related review {v}")))?;

    let mut home_office: Vec<(HomeOfficeRelationship, super::HomeOfficeMapping)> = Vec::new();
    for m in &ho.values {
        let r = HomeOfficeRelationship::from_str(&m.value)
            .ok_or_else(|| bad("a Home Office relationship the library does not name"))?;
        let connection = Connection::from_str(&m.connection)
            .ok_or_else(|| bad("a Home Office relationship mapped to no connection class"))?;
        if home_office.iter().any(|(k, _)| *k == r) {
            return Err(bad("a Home Office relationship mapped twice"));
        }
        home_office.push((
            r,
            super::HomeOfficeMapping {
                relationship: r,
                connection,
                personally_connected: m.personally_connected,
                note: m.note.clone(),
                citation: ho.citation.clone(),
                mark: mark(&m.mark)?,
            },
        ));
    }
    let home_office = in_order(HomeOfficeRelationship::ALL, home_office)
        .map_err(|_| bad("a Home Office relationship without a mapping"))?;

    Ok(Data {
        s9_in_force: dated("dvcva_s9_in_force")?,
        susr_start: dated("susr_wales_start")?,
        cspr_notify: period("cspr_notification_working_days")?,
        cspr_rapid_review: period("cspr_rapid_review_working_days")?,
        test_s9: test("dhr_s9")?,
        test_s8a: test("dardr_s8a")?,
        reasons,
        related,
        cspr_out_of_range_note: raw
            .notes
            .get("cspr_dates_out_of_range")
            .cloned()
            .ok_or_else(|| bad("no note cspr_dates_out_of_range"))?,
        home_office,
    })
}

/// The embedded data, parsed once.
pub(crate) fn data() -> Result<&'static Data> {
    static DATA: OnceLock<Result<Data>> = OnceLock::new();
    DATA.get_or_init(|| parse(ELIGIBILITY_JSON, HOME_OFFICE_JSON))
        .as_ref()
        .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_indexed_by_code() {
        let d = data().unwrap();
        for (i, c) in ReasonCode::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i, "{c}");
            assert!(std::ptr::eq(d.reason(*c).unwrap(), &d.reasons[i]));
        }
        assert_eq!(d.reasons.len(), ReasonCode::ALL.len());
    }

    #[test]
    fn indexed_by_enum() {
        let d = data().unwrap();
        for (i, v) in RelatedVariant::ALL.iter().enumerate() {
            assert_eq!(*v as usize, i, "{v}");
            assert!(std::ptr::eq(d.related(*v).unwrap(), &d.related[i]));
        }
        assert_eq!(d.related.len(), RelatedVariant::ALL.len());
        for (i, r) in HomeOfficeRelationship::ALL.iter().enumerate() {
            assert_eq!(*r as usize, i, "{r}");
            assert_eq!(d.home_office(*r).unwrap().relationship, *r);
        }
        assert_eq!(d.home_office.len(), HomeOfficeRelationship::ALL.len());
    }

    #[test]
    fn embedded_data_is_complete() {
        let d = data().unwrap();
        assert_eq!(
            d.s9_in_force.date,
            NaiveDate::from_ymd_opt(2011, 4, 13).unwrap()
        );
        assert_eq!(
            d.susr_start.date,
            NaiveDate::from_ymd_opt(2024, 10, 1).unwrap()
        );
        assert_eq!((d.cspr_notify.days, d.cspr_rapid_review.days), (5, 15));
        for c in ReasonCode::ALL {
            assert!(!d.reason(*c).unwrap().citation.is_empty(), "{c}");
        }
    }

    #[test]
    fn incomplete_or_unknown_data_is_refused() {
        let missing = ELIGIBILITY_JSON.replace("\"test_met\":", "\"test_met_typo\":");
        assert!(parse(&missing, HOME_OFFICE_JSON).is_err());
        let bad_mark = ELIGIBILITY_JSON.replacen("\"mark\": \"S\"", "\"mark\": \"X\"", 1);
        assert!(parse(&bad_mark, HOME_OFFICE_JSON).is_err());
        let unmapped = HOME_OFFICE_JSON.replace("\"value\": \"Sibling\"", "\"value\": \"Sib\"");
        assert!(parse(ELIGIBILITY_JSON, &unmapped).is_err());
        let bad_class =
            HOME_OFFICE_JSON.replace("\"connection\": \"relative\"", "\"connection\": \"kin\"");
        assert!(parse(ELIGIBILITY_JSON, &bad_class).is_err());
    }
}
