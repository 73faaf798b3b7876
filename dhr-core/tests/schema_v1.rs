//! Schema version 1 is a promise (docs/SCHEMA.md): every document in
//! tests/fixtures/v1/ was written by version 1 of the format and must load
//! unchanged in every later version of dhr: read, re-serialise, compare with
//! the stored JSON, and compute assess / status without error. Do not edit
//! these files to make a change pass: a change that breaks them needs a new
//! schema_version and a migration.
//!
//! Also: a document with a later schema_version is refused with
//! `unsupported_schema_version` (deaths, reviews, and the death in a review).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use dhr_core::lifecycle::EventName;
use dhr_core::{assess, AssessOptions, Death, ErrorCode, Review, StatusOptions};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn v1_docs() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/v1");
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&text).unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 6, "the v1 set is missing files");
    out
}

fn as_of_dates() -> Vec<NaiveDate> {
    [
        (2023, 6, 1),
        (2024, 2, 20),
        (2024, 9, 1),
        (2025, 3, 31),
        (2026, 1, 1),
    ]
    .iter()
    .map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
    .collect()
}

#[test]
fn every_v1_document_loads_unchanged_and_computes() {
    for (name, stored) in v1_docs() {
        assert_eq!(stored["schema_version"], 1, "{name}");
        let text = serde_json::to_string(&stored).unwrap();
        if name.starts_with("death_") {
            let death = Death::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                death.to_value(),
                stored,
                "{name}: re-serialised death differs"
            );
            for opts in [
                AssessOptions::default(),
                AssessOptions {
                    dardr_commenced: NaiveDate::from_ymd_opt(2024, 1, 1),
                    ..AssessOptions::default()
                },
            ] {
                assess(&death, &opts).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
        } else {
            let review = Review::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                review.to_value(),
                stored,
                "{name}: re-serialised review differs"
            );
            assert_eq!(
                review.events().len(),
                stored["events"].as_array().unwrap().len(),
                "{name}"
            );
            for as_of in as_of_dates() {
                review
                    .status(as_of, &StatusOptions::default())
                    .unwrap_or_else(|e| panic!("{name} as of {as_of}: {e}"));
            }
        }
    }
}

#[test]
fn v1_set_covers_every_event_kind_and_every_field() {
    let docs = v1_docs();
    let mut kinds = BTreeSet::new();
    let mut event_keys = BTreeSet::new();
    for (_, doc) in &docs {
        for ev in doc["events"].as_array().into_iter().flatten() {
            kinds.insert(ev["event"].as_str().unwrap().to_string());
            for k in ev.as_object().unwrap().keys() {
                event_keys.insert(k.clone());
            }
        }
    }
    // Events added by spec section 8 (after version 1's documents were
    // stored) are not in them.
    let added = [EventName::ActionAdded, EventName::Voided];
    let all: BTreeSet<String> = EventName::ALL
        .iter()
        .filter(|n| !added.contains(n))
        .map(|n| n.as_str().to_string())
        .collect();
    let missing: Vec<_> = all.difference(&kinds).collect();
    assert!(
        missing.is_empty(),
        "event kinds not in tests/fixtures/v1: {missing:?}"
    );
    for k in [
        "review",
        "reasons",
        "look_back_from",
        "agency",
        "reason",
        "note",
        "outstanding_imr_reason",
        "actions",
        "id",
        "result",
    ] {
        assert!(event_keys.contains(k), "no v1 event has `{k}`");
    }
    // Every death field, with a non-null value somewhere.
    let deaths: Vec<&Value> = docs
        .iter()
        .flat_map(|(_, d)| {
            if d.get("events").is_some() {
                d.get("death")
            } else {
                Some(d)
            }
        })
        .filter(|d| !d.is_null())
        .collect();
    let has = |f: &dyn Fn(&Value) -> bool| deaths.iter().any(|d| f(d));
    for key in [
        "reference",
        "date_of_death",
        "notified_on",
        "nation",
        "manner",
    ] {
        assert!(has(&|d| !d[key].is_null()), "no v1 death has `{key}`");
    }
    for key in ["date_of_birth", "age", "age_band", "care_and_support_needs"] {
        assert!(
            has(&|d| !d["deceased"][key].is_null()),
            "no v1 death has deceased.{key}"
        );
    }
    for key in [
        "connection",
        "home_office_relationship",
        "same_household",
        "age",
        "abuse_suspected",
    ] {
        assert!(
            has(&|d| d["suspects"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| !s[key].is_null())),
            "no v1 suspect has `{key}`"
        );
    }
    assert!(has(&|d| !d["abuse_indicators"]
        .as_array()
        .unwrap()
        .is_empty()));
    assert!(has(&|d| !d["extensions"].as_object().unwrap().is_empty()));
    // Reviews: a built-in and a custom rule set, a death, extensions.
    let reviews: Vec<&Value> = docs
        .iter()
        .map(|(_, d)| d)
        .filter(|d| d.get("events").is_some())
        .collect();
    assert!(reviews.iter().any(|r| r["rules"].is_string()));
    assert!(reviews.iter().any(|r| r["rules"].is_object()));
    assert!(reviews.iter().any(|r| r["death"].is_object()));
    assert!(reviews
        .iter()
        .any(|r| !r["extensions"].as_object().unwrap().is_empty()));
}

fn later(mut doc: Value, pointer: &str) -> Value {
    *doc.pointer_mut(pointer).unwrap() = json!(2);
    doc
}

#[test]
fn a_later_schema_version_is_refused() {
    let docs = v1_docs();
    let death = docs
        .iter()
        .find(|(n, _)| n == "death_full.json")
        .unwrap()
        .1
        .clone();
    let review = docs
        .iter()
        .find(|(n, _)| n == "review_full.json")
        .unwrap()
        .1
        .clone();
    let cases = [
        (
            "death",
            later(death, "/schema_version"),
            true,
            "schema_version",
        ),
        (
            "review",
            later(review.clone(), "/schema_version"),
            false,
            "schema_version",
        ),
        (
            "death in review",
            later(review, "/death/schema_version"),
            false,
            "death.schema_version",
        ),
    ];
    for (what, doc, is_death, path) in cases {
        let text = serde_json::to_string(&doc).unwrap();
        let err = if is_death {
            Death::from_json(&text).unwrap_err()
        } else {
            Review::from_json(&text).unwrap_err()
        };
        assert_eq!(
            err.code(),
            ErrorCode::UnsupportedSchemaVersion,
            "{what}: {err}"
        );
        assert_eq!(err.path(), path, "{what}");
    }
    // Versions 0, 1.5, "1" are not later versions but are not 1 either.
    for bad in [json!(0), json!(1.5), json!("1"), json!(99999999999u64)] {
        let mut d = docs[0].1.clone();
        d["schema_version"] = bad.clone();
        let err = Death::from_value(&d).unwrap_err();
        assert!(
            matches!(
                err.code(),
                ErrorCode::UnsupportedSchemaVersion | ErrorCode::InvalidValue
            ),
            "{bad}: {err}"
        );
        assert_eq!(err.path(), "schema_version");
    }
}
