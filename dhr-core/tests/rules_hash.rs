//! The rule-set hash of the receipt (spec 8.3): SHA-256 of the RFC 8785
//! canonical JSON of the rule set as dhr writes it back. Equal rule sets
//! give equal hashes whatever the key order or layout of their text;
//! changing any value of any field changes it (a table over every field of
//! the rule-set shape, and a property test over the free texts).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use dhr_core::rules::RuleSet;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A custom rule set with every key of the shape given.
fn base() -> Value {
    json!({
        "schema_version": 1,
        "id": "ours_2025",
        "title": "Our procedure",
        "source": "Our partnership, 2025",
        "qa_panel_meetings": ["2025-03-04", "2025-06-03"],
        "rules": [
            {"id": "terms_of_reference", "title": "terms agreed", "start": ["notified", "directed_review"],
             "start_occurrence": "last", "end": "terms_of_reference_agreed",
             "period": {"unit": "months", "count": 1}, "policy": "last_day", "pausable": false,
             "citation": "Ours, para 1", "marks": ["L", "P"], "note": "a note"},
            {"id": "decision", "title": "decided", "start": ["notified"], "start_occurrence": "first",
             "end": "decided", "period": {"unit": "working_days", "count": 20, "region": "england_and_wales"},
             "policy": "round_up", "pausable": true, "citation": "Ours, para 2", "marks": ["G"]},
            {"id": "actions_1_month", "title": "actions", "start": ["action_plan_agreed"],
             "end": "action_completed", "actions": "1_month", "period": {"unit": "days", "count": 30},
             "citation": "Ours, para 3", "marks": ["U"]}
        ]
    })
}

/// The hash, after checking that dhr's canonical text of the rule set is
/// the reference RFC 8785 implementation's and that the hash is the SHA-256
/// of that text.
fn hash(v: &Value) -> String {
    use sha2::{Digest, Sha256};
    let set = RuleSet::from_value(v, "").unwrap_or_else(|e| panic!("{e}: {v}"));
    let written = set.to_value();
    let reference = serde_json_canonicalizer::to_vec(&written).unwrap();
    assert_eq!(
        String::from_utf8(dhr_core::rules::canonical_json(&written)).unwrap(),
        String::from_utf8(reference.clone()).unwrap()
    );
    let want: String = Sha256::digest(&reference)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(set.sha256(), want);
    set.sha256().to_string()
}

fn set(v: &Value, pointer: &str, new: Value) -> Value {
    let mut v = v.clone();
    *v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = new;
    v
}

fn insert(v: &Value, pointer: &str, key: &str, new: Value) -> Value {
    let mut v = v.clone();
    v.pointer_mut(pointer)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .insert(key.into(), new);
    v
}

#[test]
fn the_hash_is_64_lowercase_hex_digits_of_the_canonical_json() {
    let h = hash(&base());
    assert_eq!(h.len(), 64);
    assert!(h
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    // The same set written with its keys in another order and spaced out.
    fn reorder(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<_> = m.keys().cloned().collect();
                keys.reverse();
                let mut out = serde_json::Map::new();
                for k in keys {
                    out.insert(k.clone(), reorder(&m[&k]));
                }
                Value::Object(out)
            }
            Value::Array(a) => Value::Array(a.iter().map(reorder).collect()),
            other => other.clone(),
        }
    }
    let text = serde_json::to_string_pretty(&reorder(&base())).unwrap();
    assert_eq!(RuleSet::from_json(&text).unwrap().sha256(), h);
    // Defaults filled in: a rule set that leaves out a defaulted key
    // (start_occurrence first) is the same rule set as one that gives it.
    let mut without = base();
    without["rules"][1]
        .as_object_mut()
        .unwrap()
        .remove("start_occurrence");
    assert_eq!(hash(&without), h);
    // Written back and read again: the same hash.
    let set = RuleSet::from_value(&base(), "").unwrap();
    assert_eq!(
        RuleSet::from_value(&set.to_value(), "").unwrap().sha256(),
        h
    );
}

#[test]
fn changing_any_field_changes_the_hash() {
    let b = base();
    // (what, changed rule set): every key of the rule-set shape.
    let cases: Vec<(&str, Value)> = vec![
        ("id", set(&b, "/id", json!("ours_2026"))),
        ("title", set(&b, "/title", json!("Our procedure (revised)"))),
        ("source", set(&b, "/source", json!("Our partnership, 2026"))),
        ("source removed", {
            let mut v = b.clone();
            v.as_object_mut().unwrap().remove("source");
            v
        }),
        (
            "a QA meeting moved",
            set(&b, "/qa_panel_meetings/1", json!("2025-06-10")),
        ),
        (
            "a QA meeting added",
            set(
                &b,
                "/qa_panel_meetings",
                json!(["2025-03-04", "2025-06-03", "2025-09-02"]),
            ),
        ),
        (
            "rules reordered",
            set(
                &b,
                "/rules",
                json!([b["rules"][1], b["rules"][0], b["rules"][2]]),
            ),
        ),
        (
            "a rule removed",
            set(&b, "/rules", json!([b["rules"][0], b["rules"][2]])),
        ),
        ("rule id", set(&b, "/rules/0/id", json!("terms"))),
        (
            "rule title",
            set(&b, "/rules/0/title", json!("terms of reference agreed")),
        ),
        ("start", set(&b, "/rules/0/start", json!(["notified"]))),
        (
            "start order",
            set(&b, "/rules/0/start", json!(["directed_review", "notified"])),
        ),
        (
            "start_occurrence",
            set(&b, "/rules/0/start_occurrence", json!("first")),
        ),
        ("end", set(&b, "/rules/0/end", json!("chair_appointed"))),
        ("actions", set(&b, "/rules/2/actions", json!("6_months"))),
        (
            "period unit",
            set(&b, "/rules/0/period", json!({"unit": "days", "count": 1})),
        ),
        ("period count", set(&b, "/rules/0/period/count", json!(2))),
        (
            "period region",
            set(&b, "/rules/1/period/region", json!("scotland")),
        ),
        ("policy", set(&b, "/rules/0/policy", json!("refuse"))),
        ("pausable", set(&b, "/rules/0/pausable", json!(true))),
        (
            "citation",
            set(&b, "/rules/0/citation", json!("Ours, para 1a")),
        ),
        ("marks", set(&b, "/rules/0/marks", json!(["L"]))),
        ("marks order", set(&b, "/rules/0/marks", json!(["P", "L"]))),
        ("note", set(&b, "/rules/0/note", json!("another note"))),
        ("note added", insert(&b, "/rules/1", "note", json!("new"))),
        ("note removed", {
            let mut v = b.clone();
            v["rules"][0].as_object_mut().unwrap().remove("note");
            v
        }),
        (
            "next QA meeting period",
            set(
                &b,
                "/rules/1/period",
                json!({"unit": "next_qa_panel_meeting"}),
            ),
        ),
    ];
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    seen.insert(hash(&b), "base");
    for (what, v) in &cases {
        let h = hash(v);
        if let Some(other) = seen.insert(h, what) {
            panic!("{what} gives the same hash as {other}");
        }
    }
    assert_eq!(seen.len(), cases.len() + 1);
}

#[test]
fn the_canonical_text_sorts_keys_by_utf16_and_escapes_as_rfc_8785() {
    // RFC 8785 s.3.2.3: keys sorted by UTF-16 code units (U+1F600, whose
    // surrogates are D83D DE00, sorts before U+E000, though its UTF-8 is
    // greater: a UTF-8 byte sort would get this wrong); s.3.2.2.2: the escapes.
    let v =
        json!({"\u{1F600}": 1, "\u{E000}": 2, "b": "\u{1}\n\"\\/\u{7f}é", "a": [true, null, -3]});
    let got = String::from_utf8(dhr_core::rules::canonical_json(&v)).unwrap();
    assert_eq!(
        got,
        String::from_utf8(serde_json_canonicalizer::to_vec(&v).unwrap()).unwrap()
    );
    assert_eq!(
        got,
        "{\"a\":[true,null,-3],\"b\":\"\\u0001\\n\\\"\\\\/\u{7f}é\",\"\u{1F600}\":1,\"\u{E000}\":2}"
    );
}

#[test]
fn a_reused_builtin_id_with_other_content_is_told_apart() {
    let builtin = RuleSet::builtin("stockton_2011").unwrap();
    let mut v = builtin.to_value();
    v["rules"][0]["period"]["count"] = json!(2);
    let ours = RuleSet::from_value(&v, "").unwrap();
    assert_eq!(ours.id(), builtin.id());
    assert_ne!(ours.sha256(), builtin.sha256());
    // Each built-in set has its own hash.
    let hashes: std::collections::BTreeSet<String> = dhr_core::rules::BUILTIN_IDS
        .iter()
        .map(|id| RuleSet::builtin(id).unwrap().sha256().to_string())
        .collect();
    assert_eq!(hashes.len(), dhr_core::rules::BUILTIN_IDS.len());
}

/// A text dhr takes as a title, citation or note: not blank.
const TEXT: &str = "[^\\s\\p{C}]\\PC{0,19}";

#[test]
fn sha256_is_fips_180_4() {
    use sha2::{Digest, Sha256};
    // FIPS 180-4 examples (NIST), then every length across the padding
    // boundaries against the sha2 crate.
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    assert_eq!(
        hex(&dhr_core::rules::sha256(b"abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        hex(&dhr_core::rules::sha256(b"")),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    let long: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
    for n in 0..long.len() {
        assert_eq!(
            dhr_core::rules::sha256(&long[..n]).as_slice(),
            Sha256::digest(&long[..n]).as_slice(),
            "{n}"
        );
    }
}

proptest! {
    #[test]
    fn sha256_matches_the_sha2_crate(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        use sha2::{Digest, Sha256};
        let (ours, theirs) = (dhr_core::rules::sha256(&data), Sha256::digest(&data));
        prop_assert_eq!(ours.as_slice(), theirs.as_slice());
    }

    #[test]
    fn free_texts_change_the_hash_exactly_when_they_change(
        title in TEXT, citation in TEXT, note in TEXT, other in TEXT,
    ) {
        let b = set(&set(&base(), "/title", json!(title)), "/rules/0/citation", json!(citation));
        let b = set(&b, "/rules/0/note", json!(note));
        let h = hash(&b);
        prop_assert_eq!(&hash(&b), &h);
        let changed = set(&b, "/rules/0/citation", json!(other.clone()));
        prop_assert_eq!(hash(&changed) == h, other == citation);
        let changed = set(&b, "/title", json!(other.clone()));
        prop_assert_eq!(hash(&changed) == h, other == title);
    }
}
