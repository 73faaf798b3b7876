//! The Home Office DHR library's relationship vocabulary mapped to the
//! connection classes of spec 6.1: the data of
//! `dhr-core/data/home_office_relationships.json`, embedded at build time and
//! read once.
//!
//! Part of the facts vocabulary (a [`Suspect`](super::Suspect) may give
//! `home_office_relationship` instead of `connection`), so it lives with the
//! facts: [`Death::validate`](super::Death::validate) uses it to find
//! contradictions, and eligibility uses it to decide the connection limbs.

use super::{Connection, HomeOfficeRelationship};
use crate::error::{Error, ErrorCode, Result};
use crate::json::{self, Obj};
use crate::mark::Mark;
use serde_json::Value;
use std::sync::OnceLock;

/// The embedded mapping (the file's text).
const HOME_OFFICE_JSON: &str = include_str!("../../data/home_office_relationships.json");

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
/// use dhr_core::case::{home_office_mapping, Connection, HomeOfficeRelationship};
/// let m = home_office_mapping(HomeOfficeRelationship::OtherNonRelative)?;
/// assert_eq!(m.connection, Connection::NotConnected); // household still open
/// let m = home_office_mapping(HomeOfficeRelationship::Parent)?;
/// assert_eq!(m.connection, Connection::Relative);
/// # Ok::<(), dhr_core::Error>(())
/// ```
///
/// # Errors
///
/// `invalid_rule_set` only if the built-in data were broken (a test checks
/// it is complete).
pub fn home_office_mapping(r: HomeOfficeRelationship) -> Result<&'static HomeOfficeMapping> {
    static DATA: OnceLock<Result<Vec<HomeOfficeMapping>>> = OnceLock::new();
    let all = DATA
        .get_or_init(|| parse(HOME_OFFICE_JSON))
        .as_ref()
        .map_err(Clone::clone)?;
    // `parse` gives one entry per value, in the order of `ALL`.
    all.get(r as usize)
        .ok_or_else(|| bad("the built-in Home Office relationship mapping is incomplete"))
}

fn bad(message: impl Into<String>) -> Error {
    Error::new(
        ErrorCode::InvalidRuleSet,
        "",
        format!(
            "the built-in Home Office relationship data is invalid: {}",
            message.into()
        ),
    )
}

// Read with the crate's strict reader (json::Obj), not serde derive: the
// same checks (unknown keys refused, every field typed), and less
// WebAssembly (no Deserialize impls).

/// `home_office_relationships.json`: one mapping per value, in the order of
/// `HomeOfficeRelationship::ALL`.
fn parse(text: &str) -> Result<Vec<HomeOfficeMapping>> {
    let v: Value = json::parse(text)?;
    let o = Obj::new(&v, "", &["about", "citation", "values"])?;
    let citation = o.req_str("citation")?;
    let mut found: Vec<Option<HomeOfficeMapping>> = vec![None; HomeOfficeRelationship::ALL.len()];
    for (i, v) in o.req_array("values")?.iter().enumerate() {
        let m = Obj::new(
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
        let relationship = HomeOfficeRelationship::from_str(m.req_str("value")?)
            .ok_or_else(|| bad("a Home Office relationship the library does not name"))?;
        let connection = Connection::from_str(m.req_str("connection")?)
            .ok_or_else(|| bad("a Home Office relationship mapped to no connection class"))?;
        let mark =
            Mark::from_str(m.req_str("mark")?).ok_or_else(|| bad("an unknown confidence mark"))?;
        let slot = found
            .get_mut(relationship as usize)
            .ok_or_else(|| bad("a Home Office relationship out of order"))?;
        if slot.is_some() {
            return Err(bad("a Home Office relationship mapped twice"));
        }
        *slot = Some(HomeOfficeMapping {
            relationship,
            connection,
            personally_connected: m.opt_bool("personally_connected")?,
            note: m.req_str("note")?.to_string(),
            citation: citation.to_string(),
            mark,
        });
    }
    found
        .into_iter()
        .map(|m| m.ok_or_else(|| bad("a Home Office relationship without a mapping")))
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_value_is_mapped_in_order() {
        for (i, r) in HomeOfficeRelationship::ALL.iter().enumerate() {
            assert_eq!(*r as usize, i, "{r}");
            let m = home_office_mapping(*r).unwrap();
            assert_eq!(m.relationship, *r);
            assert!(!m.note.is_empty() && !m.citation.is_empty(), "{r}");
        }
    }

    #[test]
    fn incomplete_or_unknown_data_is_refused() {
        assert!(parse(HOME_OFFICE_JSON).is_ok());
        let unmapped = HOME_OFFICE_JSON.replace("\"value\": \"Sibling\"", "\"value\": \"Sib\"");
        assert!(parse(&unmapped).is_err());
        let bad_class =
            HOME_OFFICE_JSON.replace("\"connection\": \"relative\"", "\"connection\": \"kin\"");
        assert!(parse(&bad_class).is_err());
        let bad_mark = HOME_OFFICE_JSON.replacen("\"mark\": \"S\"", "\"mark\": \"X\"", 1);
        assert!(parse(&bad_mark).is_err());
        let twice =
            HOME_OFFICE_JSON.replace("\"value\": \"Half-sibling\"", "\"value\": \"Sibling\"");
        assert!(parse(&twice).is_err());
    }
}
