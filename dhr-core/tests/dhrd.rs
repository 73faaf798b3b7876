//! Every victim of the Domestic Homicide Review Dataset (DHRD, Cook & Cook
//! 2026, doi 10.5281/zenodo.21108268, CC-BY-4.0), joined to its incident and
//! perpetrator, run through `assess`. Every one of these deaths was in fact
//! reviewed, so no answer may be `not_required` (spec section 5).
//!
//! The data is read from `tests/data/dhrd/` (a copy of
//! `/work/shared/data/dhrd/`, kept in the repository so that a fresh clone
//! can run this test), or from the directory named by `DHRD_DIR`.
//!
//! How a row becomes a death (the data has months and bands, not dates and ages):
//! - `nation`: `wales` when the incident's region is Wales, else `england`.
//! - `date_of_death`: the 15th of the `death_date` month ("September 2018" ->
//!   2018-09-15); where only a year is given (50 incidents), 1 July of it.
//! - `deceased.age_band`: `age_at_death` ("Unknown" -> null, so the age is
//!   unknown).
//! - the one suspect: `home_office_relationship` = `relationship_to_perpetrator`
//!   as given (its "Unknown" maps to connection unknown); `same_household`
//!   null (the data does not say); `age` null (the perpetrator's age is a band,
//!   not a number, and s.9 ignores it); `abuse_suspected` true: each row is a
//!   death that was reviewed as appearing to result from violence, abuse or
//!   neglect by this perpetrator, which is the fact `abuse_suspected` records.
//! - `manner`: `suicide` when `victim_suicide` is True, else `homicide`.
//! - `abuse_indicators`: the incident's Home Office flags that are True
//!   (a False flag means "not indicated", so nothing is inferred from it).
//!
//! Expected `needs_information`, and why: the data leaves a deciding fact open.
//! - age band "Unknown": the deceased's age is unknown (`deceased.age`);
//! - relationship "Other (non-relative)" or "Emotional rival": relative and
//!   partner are ruled out but household membership is open
//!   (`suspects[0].same_household`);
//! - relationship "Unknown": the connection is unknown
//!   (`suspects[0].connection`, `suspects[0].same_household`).
//!
//! Every other row must be `required`. The test re-derives this expectation
//! from the raw row and compares it with `assess`, row by row.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use dhr_core::case::Death;
use dhr_core::eligibility::{assess, AssessOptions};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

type Row = HashMap<String, String>;

fn data_dir() -> PathBuf {
    if let Ok(d) = std::env::var("DHRD_DIR") {
        return PathBuf::from(d);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let here = root.join("tests/data/dhrd");
    assert!(
        here.join("victims.csv").exists(),
        "the DHRD is not at {} (set DHRD_DIR)",
        here.display()
    );
    here
}

fn read(name: &str) -> Vec<Row> {
    let mut r = csv::Reader::from_path(data_dir().join(name)).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            assert_eq!(rec.len(), headers.len(), "{name}: a short row");
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn date_of_death(s: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = s.split_whitespace().collect();
    match parts.as_slice() {
        [month, year] => {
            let m = MONTHS.iter().position(|x| x == month).unwrap() + 1;
            format!("{year}-{m:02}-15")
        }
        [year] => format!("{year}-07-01"),
        _ => panic!("unexpected death_date {s:?}"),
    }
}

const FLAGS: &[(&str, &str)] = &[
    ("physical_abuse", "physical_abuse"),
    ("sexual_abuse", "sexual_abuse"),
    ("coercive_control", "coercive_control"),
    ("economic_abuse", "economic_abuse"),
    ("emotional_abuse", "emotional_abuse"),
    ("stalking", "stalking"),
];

fn death_from(v: &Row, inc: &Row) -> Value {
    let band = match v["age_at_death"].as_str() {
        "Unknown" => Value::Null,
        b => json!(b),
    };
    let indicators: Vec<&str> = FLAGS
        .iter()
        .filter(|(col, _)| inc[*col] == "True")
        .map(|(_, ind)| *ind)
        .collect();
    json!({
        "schema_version": 1,
        "reference": v["victim_id"],
        "date_of_death": date_of_death(&inc["death_date"]),
        "nation": if inc["region"] == "Wales" { "wales" } else { "england" },
        "deceased": {"age_band": band},
        "manner": if v["victim_suicide"] == "True" { "suicide" } else { "homicide" },
        "suspects": [{
            "home_office_relationship": v["relationship_to_perpetrator"],
            "same_household": null,
            "age": null,
            "abuse_suspected": true
        }],
        "abuse_indicators": indicators,
    })
}

/// The expected outcome and missing facts, derived from the raw row.
fn expected(v: &Row) -> (&'static str, Vec<&'static str>) {
    let mut missing = Vec::new();
    if v["age_at_death"] == "Unknown" {
        missing.push("deceased.age");
    }
    match v["relationship_to_perpetrator"].as_str() {
        "Other (non-relative)" | "Emotional rival" => missing.push("suspects[0].same_household"),
        "Unknown" => {
            missing.push("suspects[0].connection");
            missing.push("suspects[0].same_household");
        }
        _ => {}
    }
    if missing.is_empty() {
        ("required", missing)
    } else {
        ("needs_information", missing)
    }
}

#[test]
fn every_dhrd_case_is_required_or_needs_information_never_not_required() {
    let victims = read("victims.csv");
    let incidents: HashMap<String, Row> = read("incidents.csv")
        .into_iter()
        .map(|r| (r["incident_id"].clone(), r))
        .collect();
    let mut perpetrators: HashMap<String, Vec<Row>> = HashMap::new();
    for p in read("perpetrators.csv") {
        perpetrators
            .entry(p["incident_id"].clone())
            .or_default()
            .push(p);
    }
    assert_eq!(victims.len(), 619, "the DHRD has 619 victims");

    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_missing: BTreeMap<String, usize> = BTreeMap::new();
    let mut regimes: BTreeMap<String, usize> = BTreeMap::new();
    let mut related: BTreeMap<String, usize> = BTreeMap::new();
    let mut mismatches = Vec::new();
    for v in &victims {
        let inc = &incidents[&v["incident_id"]];
        // A single-victim incident has exactly one perpetrator in the DHRD.
        assert_eq!(
            perpetrators[&v["incident_id"]].len(),
            1,
            "{}",
            v["victim_id"]
        );
        let input = death_from(v, inc);
        let death = Death::from_value(&input)
            .unwrap_or_else(|e| panic!("{}: refused: {e}", v["victim_id"]));
        let a = assess(&death, &AssessOptions::default())
            .unwrap()
            .to_value();
        let outcome = a["outcome"].as_str().unwrap().to_string();
        assert_ne!(outcome, "not_required", "{}: {a}", v["victim_id"]);
        assert_ne!(outcome, "out_of_scope", "{}", v["victim_id"]);
        let missing: Vec<&str> = a["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap())
            .collect();
        let (want, want_missing) = expected(v);
        if outcome != want || missing != want_missing {
            mismatches.push(format!(
                "{}: {outcome} {missing:?}, expected {want} {want_missing:?}",
                v["victim_id"]
            ));
        }
        if outcome == "needs_information" {
            *by_missing.entry(missing.join(" + ")).or_default() += 1;
        }
        *outcomes.entry(outcome).or_default() += 1;
        *regimes
            .entry(a["regime"].as_str().unwrap().to_string())
            .or_default() += 1;
        for r in a["related_reviews"].as_array().unwrap() {
            *related
                .entry(r["kind"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    eprintln!("DHRD: {} victims assessed", victims.len());
    eprintln!("outcomes: {outcomes:?}");
    eprintln!("needs_information by missing facts: {by_missing:?}");
    eprintln!("regimes: {regimes:?}");
    eprintln!("related reviews flagged: {related:?}");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(!outcomes.contains_key("not_required"));
    assert_eq!(
        outcomes.values().sum::<usize>(),
        victims.len(),
        "every victim assessed"
    );
}

#[test]
fn the_eighteen_home_office_values_are_exactly_the_library_vocabulary() {
    use dhr_core::case::HomeOfficeRelationship;
    use dhr_core::eligibility::home_office_mapping;
    let mut values: Vec<String> = read("victims.csv")
        .into_iter()
        .map(|r| r["relationship_to_perpetrator"].clone())
        .collect();
    values.sort();
    values.dedup();
    assert_eq!(values.len(), 18, "{values:?}");
    let mut names: Vec<String> = HomeOfficeRelationship::NAMES
        .iter()
        .map(|s| s.to_string())
        .collect();
    names.sort();
    assert_eq!(values, names);
    for r in HomeOfficeRelationship::ALL {
        let m = home_office_mapping(*r).unwrap();
        assert!(!m.note.is_empty() && !m.citation.is_empty(), "{r}");
    }
}
