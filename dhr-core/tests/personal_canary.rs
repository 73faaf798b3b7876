//! Personal data never leaks: canary values are put in every personal field
//! (a date of birth, the free-text notes and reasons of events, `extensions`),
//! then every field of a death, a review and a rule set is broken in turn
//! (wrong type, unknown value, removed) and every out-of-order or refused
//! event is tried. No error message, error Debug / Display / JSON, and no
//! Debug output of an accepted document or answer may contain a canary.
//! Replacement values ("CANARY-VAL-XYZ", 19770707) must not be echoed by
//! errors either.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use dhr_core::{assess, AssessOptions, Death, Review, RuleSet, StatusOptions};
use serde_json::{json, Value};
use std::path::PathBuf;

const DOB: &str = "1977-07-07";
const NOTE: &str = "CANARY-NOTE-XYZ";
const EXT: &str = "CANARY-EXT-XYZ";
const VAL: &str = "CANARY-VAL-XYZ";
const NUM: u64 = 19770707;
const PERSONAL: &[&str] = &[DOB, "07/07/1977", NOTE, EXT];

fn fixture(name: &str) -> Value {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/v1")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn canary_death() -> Value {
    let mut d = fixture("death_full.json");
    d["deceased"]["date_of_birth"] = json!(DOB);
    d["deceased"]["age"] = json!(46); // on 2024-01-28
    d["deceased"]["age_band"] = json!("45-54");
    d["extensions"] = json!({"name": EXT, "nested": {"dob": EXT, "list": [EXT, 1977]}});
    d
}

fn canary_review(name: &str) -> Value {
    let mut r = fixture(name);
    if r["death"].is_object() {
        let ref_ = r["death"]["reference"].clone();
        let dod = r["death"]["date_of_death"].clone();
        if dod == json!("2024-01-28") {
            r["death"] = canary_death();
            r["death"]["reference"] = ref_;
        } else {
            r["death"]["extensions"] = json!({"note": EXT});
        }
    }
    r["extensions"] = json!({"family_liaison": EXT});
    for ev in r["events"].as_array_mut().unwrap() {
        for key in ["reasons", "note", "reason", "outstanding_imr_reason"] {
            if ev.get(key).is_some() && !(key == "reason" && ev["event"] == "paused") {
                ev[key] = json!(NOTE);
            }
        }
    }
    r
}

fn assert_clean(what: &str, text: &str, also: &[&str]) {
    for c in PERSONAL.iter().chain(also) {
        assert!(!text.contains(c), "{what} leaks {c:?}: {text}");
    }
}

fn check_err(what: &str, err: &dhr_core::Error) {
    let all = [VAL, &NUM.to_string()];
    assert_clean(what, &err.to_string(), &all);
    assert_clean(what, &format!("{err:?}"), &all);
    assert_clean(what, err.message(), &all);
    assert_clean(what, &err.to_json_value().to_string(), &all);
}

/// Every (pointer, value) leaf and inner node of a document.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}/{k}");
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        _ => {}
    }
}

/// Variants of `doc` with one node broken: replaced by a canary string, a
/// canary number, a wrong type, or removed.
fn variants(doc: &Value) -> Vec<(String, Value)> {
    let mut ps = Vec::new();
    pointers(doc, String::new(), &mut ps);
    let mut out = Vec::new();
    for p in ps {
        for repl in [json!(VAL), json!(NUM), json!([VAL]), json!({"x": VAL})] {
            let mut d = doc.clone();
            *d.pointer_mut(&p).unwrap() = repl.clone();
            out.push((format!("{p} = {repl}"), d));
        }
        let (parent, key) = p.rsplit_once('/').unwrap();
        let mut d = doc.clone();
        let target = if parent.is_empty() {
            Some(&mut d)
        } else {
            d.pointer_mut(parent)
        };
        match target {
            Some(Value::Object(m)) => {
                m.shift_remove(key);
            }
            Some(Value::Array(a)) => {
                a.remove(key.parse::<usize>().unwrap());
            }
            _ => {}
        }
        out.push((format!("remove {p}"), d));
    }
    out
}

fn run_death(what: &str, doc: &Value) -> usize {
    let text = doc.to_string();
    let mut errors = 0;
    for opts in [
        AssessOptions::default(),
        AssessOptions {
            dardr_commenced: NaiveDate::from_ymd_opt(2020, 1, 1),
            ..AssessOptions::default()
        },
    ] {
        match Death::from_json(&text).and_then(|d| {
            assert_clean(what, &format!("{d:?}"), &[]);
            assess(&d, &opts)
        }) {
            Ok(a) => assert_clean(what, &format!("{a:?}"), &[]),
            Err(e) => {
                check_err(what, &e);
                errors += 1;
            }
        }
        match dhr_core::assess_json(&text, &opts) {
            Ok(_) => {}
            Err(e) => check_err(what, &e),
        }
    }
    errors
}

fn run_review(what: &str, doc: &Value) -> usize {
    let text = doc.to_string();
    let mut errors = 0;
    match Review::from_json(&text) {
        Ok(r) => {
            assert_clean(what, &format!("{r:?}"), &[]);
            for ev in r.events() {
                assert_clean(what, &format!("{ev:?}"), &[]);
            }
            for as_of in ["2024-02-20", "2025-06-01"] {
                let as_of: NaiveDate = as_of.parse().unwrap();
                match r.status(as_of, &StatusOptions::default()) {
                    Ok(s) => assert_clean(what, &format!("{s:?}"), &[]),
                    Err(e) => {
                        check_err(what, &e);
                        errors += 1;
                    }
                }
            }
        }
        Err(e) => {
            check_err(what, &e);
            errors += 1;
        }
    }
    errors
}

#[test]
fn a_death_with_canaries_leaks_nothing_on_any_error_path() {
    let base = canary_death();
    assert_eq!(
        run_death("canary death", &base),
        0,
        "the base canary death is valid"
    );
    let mut errors = 0;
    let vs = variants(&base);
    for (what, d) in &vs {
        errors += run_death(what, d);
    }
    // Contradictions built from the date of birth.
    for (what, patch) in [
        ("age disagrees with dob", json!({"age": 30})),
        (
            "dob after death",
            json!({"date_of_birth": "2030-07-07", "age": null, "age_band": null}),
        ),
        ("band disagrees", json!({"age": null, "age_band": "16-19"})),
        ("under 16 by dob", json!({"age": 3, "age_band": null})),
    ] {
        let mut d = base.clone();
        for (k, v) in patch.as_object().unwrap() {
            d["deceased"][k] = v.clone();
        }
        if what == "dob after death" {
            d["deceased"]["date_of_birth"] = json!(DOB);
            d["date_of_death"] = json!("1976-07-07");
            d["notified_on"] = json!("1976-07-08");
        }
        assert!(run_death(what, &d) > 0, "{what} must be refused");
    }
    assert!(
        errors > vs.len(),
        "most variants must be refused: {errors} of {}",
        vs.len()
    );
}

#[test]
fn reviews_with_canaries_leak_nothing_on_any_error_path() {
    for name in ["review_full.json", "review_directed_custom_rules.json"] {
        let base = canary_review(name);
        assert_eq!(
            run_review(name, &base),
            0,
            "{name}: the base canary review is valid"
        );
        let mut errors = 0;
        let vs = variants(&base);
        for (what, d) in &vs {
            errors += run_review(&format!("{name}: {what}"), d);
        }
        assert!(errors * 2 > vs.len(), "{name}: {errors} of {}", vs.len());
        // Every event moved to the front, and every event repeated at the end:
        // out of order, prerequisites, roles.
        let events = base["events"].as_array().unwrap().clone();
        for (i, ev) in events.iter().enumerate() {
            let mut d = base.clone();
            let evs = d["events"].as_array_mut().unwrap();
            evs.remove(i);
            evs.insert(0, ev.clone());
            run_review(&format!("{name}: event {i} first"), &d);
            let mut d = base.clone();
            d["events"].as_array_mut().unwrap().push(ev.clone());
            run_review(&format!("{name}: event {i} again"), &d);
            // Applied one at a time to a review: the refused event's error.
            let mut r = Review::from_json(&base.to_string()).unwrap();
            let mut early = ev.clone();
            early["on"] = json!("1990-01-01");
            if let Err(e) = r.apply_value(&early) {
                check_err(&format!("{name}: apply early {i}"), &e);
            }
            assert_clean(name, &format!("{r:?}"), &[]);
        }
    }
}

#[test]
fn rule_sets_leak_nothing() {
    let mut base = fixture("review_directed_custom_rules.json")["rules"].clone();
    base["title"] = json!(NOTE);
    // A rule set is a council's configuration, not personal data: only its
    // errors are checked.
    RuleSet::from_json(&base.to_string()).unwrap();
    for (what, d) in variants(&base) {
        match RuleSet::from_json(&d.to_string()) {
            Ok(r) => {
                let _ = r;
            }
            Err(e) => check_err(&what, &e),
        }
    }
}

#[test]
fn json_syntax_errors_do_not_echo_the_text() {
    for text in [
        format!(r#"{{"schema_version": 1, "deceased": {{"date_of_birth": "{DOB}" "#),
        format!(r#"{{"extensions": {{"k": "{EXT}\q"}}}}"#),
        format!(r#"{{"extensions": {{"k": {NUM}e99999}}}}"#),
        format!(r#"{{"extensions": {{"k": "{NOTE}"#),
        format!(r#"{{"{NOTE}": 1,}}"#),
        NOTE.to_string(),
        format!("[\"{VAL}\" {NUM}]"),
    ] {
        for err in [
            Death::from_json(&text).unwrap_err(),
            Review::from_json(&text).unwrap_err(),
            RuleSet::from_json(&text).unwrap_err(),
        ] {
            check_err(&text, &err);
        }
    }
}
