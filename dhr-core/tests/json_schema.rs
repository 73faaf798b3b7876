//! The JSON Schemas of spec 8.8 (`dhr-core/data/schema`, the repository's
//! `docs/schema`), checked with a maintained draft 2020-12 validator:
//! - each schema is a valid draft 2020-12 schema;
//! - every document dhr accepts in the shared fixtures validates (every
//!   `input` and `expected` answer of every fixture folder, found by walking
//!   `tests/fixtures`, so new fixtures are picked up; the v1 documents; the
//!   built-in rule sets; the demo review), and so do the errors dhr writes;
//! - a table of mutated documents (unknown keys, wrong types, bad enum
//!   values, bad dates, missing required fields) is refused by the schema,
//!   and by dhr too;
//! - the schemas' closed lists are the code's (`NAMES`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use dhr_core::{schema, Death, Review};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn fixtures_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn read(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn schema_value(name: &str) -> Value {
    serde_json::from_str(schema::get(name).unwrap()).unwrap()
}

/// Validators for every schema, each able to follow `$ref`s to the others.
struct Schemas {
    validators: Vec<(&'static str, jsonschema::Validator)>,
}

impl Schemas {
    fn new() -> Schemas {
        let values: Vec<(String, Value)> = schema::NAMES
            .iter()
            .map(|n| {
                let v = schema_value(n);
                (v["$id"].as_str().unwrap().to_string(), v)
            })
            .collect();
        let registry = jsonschema::Registry::new()
            .extend(values.iter().map(|(id, v)| (id.as_str(), v)))
            .unwrap()
            .prepare()
            .unwrap();
        let validators = schema::NAMES
            .iter()
            .zip(&values)
            .map(|(n, (_, v))| {
                let val = jsonschema::options()
                    .with_registry(&registry)
                    .build(v)
                    .unwrap_or_else(|e| panic!("schema {n}: {e}"));
                (*n, val)
            })
            .collect();
        Schemas { validators }
    }

    fn errors(&self, name: &str, doc: &Value) -> Vec<String> {
        let v = &self.validators.iter().find(|(n, _)| *n == name).unwrap().1;
        v.iter_errors(doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect()
    }

    fn assert_valid(&self, name: &str, doc: &Value, what: &str) {
        let errs = self.errors(name, doc);
        assert!(errs.is_empty(), "{what} is not a valid {name}: {errs:?}");
    }
}

#[test]
fn each_schema_is_a_draft_2020_12_schema() {
    for name in schema::NAMES {
        let v = schema_value(name);
        assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert!(
            v["$id"]
                .as_str()
                .unwrap()
                .ends_with(&format!("/{name}.json")),
            "{name}"
        );
        jsonschema::meta::validate(&v).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    assert_eq!(schema::NAMES.len(), schema::SCHEMAS.len());
}

/// Every fixture under tests/fixtures that gives an accepted input and its
/// answer: (file, input, answer).
fn answered_fixtures() -> Vec<(String, Value, Value)> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures_root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            let fx = read(&f);
            if let (Some(input), Some(expected)) = (fx.get("input"), fx.get("expected")) {
                out.push((f.display().to_string(), input.clone(), expected.clone()));
            }
        }
    }
    out
}

#[test]
fn every_golden_document_and_answer_validates() {
    let s = Schemas::new();
    let mut counts = [0usize; 2];
    for (file, input, expected) in answered_fixtures() {
        if input.get("events").is_some() {
            s.assert_valid("review", &input, &file);
            s.assert_valid("status", &expected, &file);
            counts[1] += 1;
        } else if input.get("date_of_death").is_some() {
            s.assert_valid("death", &input, &file);
            s.assert_valid("assessment", &expected, &file);
            counts[0] += 1;
        }
    }
    assert!(counts[0] >= 30 && counts[1] >= 12, "{counts:?}");
    // A rule set given as an option in a status fixture.
    let mut rule_sets = 0;
    for (file, fx) in fixture_files("status") {
        if let Some(r) = fx["options"].get("rules").filter(|r| r.is_object()) {
            s.assert_valid("rule_set", r, &file);
            rule_sets += 1;
        }
    }
    assert!(rule_sets >= 1);
}

fn fixture_files(dir: &str) -> Vec<(String, Value)> {
    let dir = fixtures_root().join(dir);
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (p.display().to_string(), read(&p)))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn every_v1_document_builtin_rule_set_and_the_demo_validate() {
    let s = Schemas::new();
    let v1 = fixture_files("v1");
    assert!(v1.len() >= 6);
    for (file, doc) in &v1 {
        let name = if doc.get("events").is_some() {
            "review"
        } else {
            "death"
        };
        s.assert_valid(name, doc, file);
    }
    for id in dhr_core::rules::BUILTIN_IDS {
        let set = dhr_core::RuleSet::builtin(id).unwrap();
        s.assert_valid("rule_set", &set.to_value(), id);
    }
    for id in dhr_core::rules::BUILTIN_IDS {
        let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("data/rules/{id}.json"));
        s.assert_valid("rule_set", &read(&file), id);
    }
    let demo: Value = serde_json::from_str(dhr_core::report::DEMO_REVIEW_JSON).unwrap();
    s.assert_valid("review", &demo, "the demo review");
    // What dhr writes back validates too.
    for (file, doc) in &v1 {
        let text = doc.to_string();
        if doc.get("events").is_some() {
            s.assert_valid(
                "review",
                &Review::from_json(&text).unwrap().to_value(),
                file,
            );
        } else {
            s.assert_valid("death", &Death::from_json(&text).unwrap().to_value(), file);
        }
    }
}

#[test]
fn the_errors_dhr_writes_validate() {
    let s = Schemas::new();
    let mut n = 0;
    for dir in ["assess_errors", "status_errors"] {
        for (file, fx) in fixture_files(dir) {
            let text = match (fx.get("input_text"), fx.get("input")) {
                (Some(Value::String(t)), None) => t.clone(),
                (None, Some(v)) => v.to_string(),
                _ => continue,
            };
            let err = if dir == "assess_errors" {
                dhr_core::assess_json(&text, &Default::default()).unwrap_err()
            } else {
                let as_of = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
                dhr_core::status_json(&text, as_of, &Default::default()).unwrap_err()
            };
            s.assert_valid("error", &err.to_json_value(), &file);
            let line = dhr_core::batch::line_error_value(&err, 3);
            s.assert_valid("error", &line, &file);
            n += 1;
        }
    }
    assert!(n >= 30);
}

/// Apply a mutation to a copy of `doc`: set the value at a JSON pointer
/// (`None`: remove the key).
fn mutate(doc: &Value, pointer: &str, value: Option<Value>) -> Value {
    let mut d = doc.clone();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = d.pointer_mut(parent).unwrap_or_else(|| panic!("{pointer}"));
    match (target, value) {
        (Value::Object(m), Some(v)) => {
            m.insert(key.to_string(), v);
        }
        (Value::Object(m), None) => {
            assert!(m.remove(key).is_some(), "{pointer}: nothing to remove");
        }
        (Value::Array(a), Some(v)) => a[key.parse::<usize>().unwrap()] = v,
        _ => panic!("{pointer}"),
    }
    d
}

fn death() -> Value {
    read(&fixtures_root().join("v1/death_full.json"))
}

fn review() -> Value {
    read(&fixtures_root().join("v1/review_full.json"))
}

#[test]
fn the_schemas_refuse_mutated_documents_as_dhr_does() {
    let s = Schemas::new();
    let d = death();
    let r = review();
    assert!(r["events"].as_array().unwrap().len() > 3);
    // (what, schema, document, mutation pointer, new value (None: remove)).
    type Case = (
        &'static str,
        &'static str,
        fn() -> Value,
        &'static str,
        Option<Value>,
    );
    let cases: Vec<Case> = vec![
        (
            "unknown key at the top",
            "death",
            death,
            "/colour",
            Some(json!("red")),
        ),
        (
            "unknown key in deceased",
            "death",
            death,
            "/deceased/height",
            Some(json!(1)),
        ),
        (
            "unknown key in a suspect",
            "death",
            death,
            "/suspects/0/abuse_suspect",
            Some(json!(true)),
        ),
        (
            "missing date_of_death",
            "death",
            death,
            "/date_of_death",
            None,
        ),
        ("missing nation", "death", death, "/nation", None),
        ("missing suspects", "death", death, "/suspects", None),
        (
            "missing schema_version",
            "death",
            death,
            "/schema_version",
            None,
        ),
        (
            "schema_version 2",
            "death",
            death,
            "/schema_version",
            Some(json!(2)),
        ),
        (
            "bad nation",
            "death",
            death,
            "/nation",
            Some(json!("france")),
        ),
        (
            "bad manner",
            "death",
            death,
            "/manner",
            Some(json!("meteor")),
        ),
        (
            "bad connection",
            "death",
            death,
            "/suspects/0/connection",
            Some(json!("friend")),
        ),
        (
            "bad age band",
            "death",
            death,
            "/deceased/age_band",
            Some(json!("16-24")),
        ),
        (
            "bad suspect age band",
            "death",
            death,
            "/suspects/0/age_band",
            Some(json!("adult")),
        ),
        (
            "bad abuse indicator",
            "death",
            death,
            "/abuse_indicators",
            Some(json!(["shouting"])),
        ),
        (
            "bad Home Office value",
            "death",
            death,
            "/suspects/0/home_office_relationship",
            Some(json!("Ex-husband")),
        ),
        (
            "age as text",
            "death",
            death,
            "/deceased/age",
            Some(json!("40")),
        ),
        ("age 131", "death", death, "/deceased/age", Some(json!(131))),
        ("age -1", "death", death, "/deceased/age", Some(json!(-1))),
        (
            "same_household as text",
            "death",
            death,
            "/suspects/0/same_household",
            Some(json!("yes")),
        ),
        (
            "suspects an object",
            "death",
            death,
            "/suspects",
            Some(json!({})),
        ),
        (
            "date with slashes",
            "death",
            death,
            "/date_of_death",
            Some(json!("10/03/2024")),
        ),
        (
            "date with a time",
            "death",
            death,
            "/date_of_death",
            Some(json!("2024-03-10T00:00:00")),
        ),
        (
            "month 13",
            "death",
            death,
            "/date_of_death",
            Some(json!("2024-13-01")),
        ),
        (
            "year 2300",
            "death",
            death,
            "/date_of_death",
            Some(json!("2300-01-01")),
        ),
        (
            "date a number",
            "death",
            death,
            "/date_of_death",
            Some(json!(20240310)),
        ),
        (
            "extensions a list",
            "death",
            death,
            "/extensions",
            Some(json!([1])),
        ),
        (
            "unknown review key",
            "review",
            review,
            "/owner",
            Some(json!("x")),
        ),
        ("missing events", "review", review, "/events", None),
        ("missing rules", "review", review, "/rules", None),
        (
            "unknown rule set id",
            "review",
            review,
            "/rules",
            Some(json!("stockton_2012")),
        ),
        (
            "unknown event",
            "review",
            review,
            "/events/0/event",
            Some(json!("noticed")),
        ),
        (
            "unknown role",
            "review",
            review,
            "/events/0/by",
            Some(json!("mayor")),
        ),
        (
            "unknown event key",
            "review",
            review,
            "/events/0/agency",
            Some(json!("Police")),
        ),
        ("event date missing", "review", review, "/events/0/on", None),
        (
            "event date bad",
            "review",
            review,
            "/events/0/on",
            Some(json!("2024-02-30x")),
        ),
        (
            "decided without review",
            "review",
            review,
            "/events/1/review",
            None,
        ),
        (
            "review as text",
            "review",
            review,
            "/events/1/review",
            Some(json!("true")),
        ),
        (
            "events an object",
            "review",
            review,
            "/events",
            Some(json!({})),
        ),
        (
            "death not an object",
            "review",
            review,
            "/death",
            Some(json!("x")),
        ),
    ];
    for (what, name, base, pointer, value) in &cases {
        let doc = mutate(&base(), pointer, value.clone());
        assert!(
            !s.errors(name, &doc).is_empty(),
            "{what}: the {name} schema accepts {doc}"
        );
        // dhr refuses it too: the schema is never stricter than the library
        // on these (it refuses what it can express, nothing dhr accepts).
        let refused = match *name {
            "death" => Death::from_json(&doc.to_string()).is_err(),
            _ => Review::from_json(&doc.to_string()).is_err(),
        };
        assert!(refused, "{what}: dhr accepts {doc}");
    }
    // The unmutated bases validate.
    s.assert_valid("death", &d, "death_full");
    s.assert_valid("review", &r, "review_full");
}

#[test]
fn the_answer_schemas_refuse_mutated_answers() {
    let s = Schemas::new();
    let fx = read(&fixtures_root().join("status/full_review_published_with_death.json"));
    let st = fx["expected"].clone();
    let a = read(&fixtures_root().join("assess/spec_6_1.json"))["expected"].clone();
    let cases: Vec<(&str, &str, &Value, &str, Option<Value>)> = vec![
        (
            "assessment without engine",
            "assessment",
            &a,
            "/engine",
            None,
        ),
        (
            "bad outcome",
            "assessment",
            &a,
            "/outcome",
            Some(json!("maybe")),
        ),
        (
            "bad regime",
            "assessment",
            &a,
            "/regime",
            Some(json!("dhr")),
        ),
        (
            "bad reason code",
            "assessment",
            &a,
            "/reasons/0/code",
            Some(json!("because")),
        ),
        (
            "bad missing path",
            "assessment",
            &a,
            "/missing",
            Some(json!(["deceased.height"])),
        ),
        (
            "unknown answer key",
            "assessment",
            &a,
            "/score",
            Some(json!(1)),
        ),
        (
            "engine of another name",
            "assessment",
            &a,
            "/engine/name",
            Some(json!("other")),
        ),
        (
            "engine hash short",
            "status",
            &st,
            "/engine/rules/sha256",
            Some(json!("abc")),
        ),
        (
            "engine without options",
            "status",
            &st,
            "/engine/options",
            None,
        ),
        ("status without engine", "status", &st, "/engine", None),
        (
            "nested assessment with engine",
            "status",
            &st,
            "/assessment/engine",
            Some(a["engine"].clone()),
        ),
        (
            "bad stage",
            "status",
            &st,
            "/stage",
            Some(json!("finished")),
        ),
        (
            "bad deadline status",
            "status",
            &st,
            "/deadlines/0/status",
            Some(json!("late")),
        ),
        (
            "deadline due not a date",
            "status",
            &st,
            "/deadlines/0/due",
            Some(json!("soon")),
        ),
        ("missing as_of", "status", &st, "/as_of", None),
        (
            "paused as text",
            "status",
            &st,
            "/paused",
            Some(json!("no")),
        ),
        (
            "unknown family key",
            "status",
            &st,
            "/family/met",
            Some(json!(true)),
        ),
        (
            "bad next event",
            "status",
            &st,
            "/next",
            Some(json!([{"event": "nothing", "by": []}])),
        ),
    ];
    for (what, name, base, pointer, value) in cases {
        let doc = mutate(base, pointer, value);
        assert!(
            !s.errors(name, &doc).is_empty(),
            "{what}: the {name} schema accepts it"
        );
    }
    let err = json!({"error": {"code": "usage", "message": "m", "path": "--as-of"}});
    s.assert_valid("error", &err, "a usage error");
    for (what, bad) in [
        (
            "bad code",
            json!({"error": {"code": "oops", "message": "m", "path": ""}}),
        ),
        (
            "no path",
            json!({"error": {"code": "usage", "message": "m"}}),
        ),
        (
            "extra key",
            json!({"error": {"code": "usage", "message": "m", "path": "", "x": 1}}),
        ),
    ] {
        assert!(!s.errors("error", &bad).is_empty(), "{what}");
    }
}

fn enum_at(schema: &Value, pointer: &str) -> Vec<String> {
    let v = schema
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{pointer}"));
    let list = v
        .get("enum")
        .or_else(|| v.pointer("/anyOf/0/enum"))
        .unwrap_or_else(|| panic!("{pointer}: no enum"));
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_schemas_closed_lists_are_the_codes() {
    use dhr_core::case::{
        AbuseIndicator, AgeBand, Connection, HomeOfficeRelationship, Manner, Nation,
    };
    use dhr_core::eligibility::{Outcome, ReasonCode, Regime, RelatedReviewKind};
    use dhr_core::lifecycle::{ImrState, PauseReason, QaResult, Role, Stage};
    let death = schema_value("death");
    assert_eq!(enum_at(&death, "/properties/nation"), names(Nation::NAMES));
    assert_eq!(enum_at(&death, "/properties/manner"), names(Manner::NAMES));
    assert_eq!(enum_at(&death, "/$defs/age_band"), names(AgeBand::NAMES));
    assert_eq!(
        enum_at(&death, "/$defs/abuse_indicator"),
        names(AbuseIndicator::NAMES)
    );
    assert_eq!(
        enum_at(&death, "/$defs/suspect/properties/connection"),
        names(Connection::NAMES)
    );
    assert_eq!(
        enum_at(&death, "/$defs/suspect/properties/home_office_relationship"),
        names(HomeOfficeRelationship::NAMES)
    );
    let a = schema_value("assessment");
    assert_eq!(
        enum_at(&a, "/$defs/answer/properties/outcome"),
        names(Outcome::NAMES)
    );
    assert_eq!(
        enum_at(&a, "/$defs/answer/properties/regime"),
        names(Regime::NAMES)
    );
    assert_eq!(
        enum_at(&a, "/$defs/answer/properties/reasons/items/properties/code"),
        names(ReasonCode::NAMES)
    );
    assert_eq!(
        enum_at(
            &a,
            "/$defs/answer/properties/related_reviews/items/properties/kind"
        ),
        names(RelatedReviewKind::NAMES)
    );
    let r = schema_value("review");
    assert_eq!(enum_at(&r, "/$defs/role"), names(Role::NAMES));
    // Every event of the code has its schema (the schema may already list
    // the events of spec 8.4-8.5 that the code adds).
    let events = enum_at(&r, "/$defs/event_name");
    for e in dhr_core::lifecycle::EventName::NAMES {
        assert!(events.contains(&e.to_string()), "{e}");
        assert!(r["$defs"].get(format!("event_{e}")).is_some(), "{e}");
    }
    assert_eq!(
        enum_at(&r, "/$defs/event_paused/properties/reason"),
        names(PauseReason::NAMES)
    );
    assert_eq!(
        enum_at(&r, "/$defs/event_qa_outcome/properties/result"),
        names(QaResult::NAMES)
    );
    let st = schema_value("status");
    assert_eq!(enum_at(&st, "/properties/stage"), names(Stage::NAMES));
    assert_eq!(
        enum_at(&st, "/$defs/deadline/properties/status"),
        names(dhr_core::DeadlineStatus::NAMES)
    );
    assert_eq!(
        enum_at(&st, "/$defs/imr/properties/state"),
        names(ImrState::NAMES)
    );
    let codes: Vec<String> = dhr_core::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_string())
        .collect();
    assert_eq!(
        enum_at(&schema_value("error"), "/properties/error/properties/code"),
        codes
    );
    let rs = schema_value("rule_set");
    for t in dhr_core::rules::Trigger::names() {
        assert!(
            enum_at(&rs, "/$defs/trigger").contains(&t.to_string()),
            "{t}"
        );
    }
}

#[test]
fn dhr_schema_texts_are_the_repository_files() {
    // docs/schema is the folder the crate includes (one copy of each text).
    let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/schema");
    for (name, text) in schema::SCHEMAS {
        let file = std::fs::read_to_string(docs.join(format!("{name}.json"))).unwrap();
        assert_eq!(&file, text, "{name}");
    }
}
