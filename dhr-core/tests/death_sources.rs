//! One reader, two sources: a death read straight from JSON text
//! (`Death::from_json`, `Death::many_from_json`) against the same reader over
//! a parsed tree (`json::parse` then `Death::from_value`): the same death or
//! the same error (code, path and message) for every golden fixture and for
//! generated documents, plain and not, valid and not.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use dhr_core::case::Death;
use dhr_core::{json, Result};
use proptest::prelude::*;
use serde_json::Value;
use std::path::Path;

/// The reader over a tree of the text.
fn strict(text: &str) -> Result<Death> {
    Death::from_value(&json::parse(text)?)
}

fn same_as_strict(text: &str) {
    assert_eq!(Death::from_json(text), strict(text), "{text}");
}

/// The inputs of the golden fixtures, as the files write them and compacted.
fn fixture_inputs() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut out = Vec::new();
    for dir in ["assess", "assess_errors"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            match v.get("input") {
                Some(Value::String(text)) => out.push(text.clone()),
                Some(input) => {
                    out.push(serde_json::to_string_pretty(input).unwrap());
                    out.push(input.to_string());
                }
                None => {}
            }
        }
    }
    assert!(out.len() > 80, "{} fixture inputs", out.len());
    out
}

#[test]
fn fixtures_read_the_same() {
    let inputs = fixture_inputs();
    let mut fast = 0;
    for text in &inputs {
        same_as_strict(text);
        let list = format!("[{text}]");
        if let Ok(items) = Death::many_from_json(&list) {
            fast += 1;
            assert_eq!(items.len(), 1);
            assert_eq!(items[0], strict(text), "{text}");
        }
    }
    // Only text that is not JSON fails as a whole list.
    assert!(fast * 10 > inputs.len() * 9, "{fast} of {}", inputs.len());
}

#[test]
fn many_keeps_order_and_errors_per_item() {
    let inputs: Vec<String> = fixture_inputs()
        .into_iter()
        .filter(|t| Death::many_from_json(&format!("[{t}]")).is_ok())
        .collect();
    let text = format!("[{}]", inputs.join(","));
    let items = Death::many_from_json(&text).expect("fixtures are JSON");
    assert_eq!(items.len(), inputs.len());
    for (item, input) in items.iter().zip(&inputs) {
        assert_eq!(*item, strict(input));
    }
    assert_eq!(Death::many_from_json("[]"), Ok(vec![]));
    // The whole list fails only when it is not a JSON array, or repeats a key.
    for (text, code, path) in [
        ("", "invalid_json", ""),
        ("{}", "invalid_value", ""),
        ("[{}]x", "invalid_json", ""),
        ("[", "invalid_json", ""),
        ("[{}, {\"a\": 1, \"a\": 2}]", "duplicate_field", "[1].a"),
    ] {
        let err = Death::many_from_json(text).unwrap_err();
        assert_eq!((err.code().as_str(), err.path()), (code, path), "{text}");
    }
    // Each item's own error is relative to the item.
    let items = Death::many_from_json("[1, null, {\"schema_version\": 1}]").unwrap();
    let paths: Vec<_> = items
        .iter()
        .map(|r| {
            let e = r.as_ref().unwrap_err();
            (e.code().as_str(), e.path().to_string())
        })
        .collect();
    assert_eq!(
        paths,
        [
            ("invalid_value", "".to_string()),
            ("invalid_value", "".to_string()),
            ("missing_field", "date_of_death".to_string())
        ]
    );
}

fn pick(values: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(values).prop_map(str::to_string)
}

const DATES: &[&str] = &[
    "\"2024-03-10\"",
    "\"2008-03-10\"",
    "\"2024-03-12\"",
    "\"1950-06-30\"",
    "\"2024-02-30\"",
    "\"1899-12-31\"",
    "\"2200-01-01\"",
    "\"2024-3-10\"",
    "\"2024\\u002d03-10\"",
    "\"2024-03-10 \"",
    "20240310",
    "null",
    "[]",
];
const INTS: &[&str] = &[
    "0",
    "15",
    "16",
    "34",
    "40",
    "130",
    "131",
    "034",
    "00",
    "34.0",
    "-1",
    "-0",
    "1e1",
    "3E1",
    "null",
    "\"34\"",
    "99999999999999999999",
    "4294967296",
    "true",
    "{}",
];
const BOOLS: &[&str] = &["true", "false", "null", "\"true\"", "1", "tru", "[true]"];

fn ws() -> impl Strategy<Value = String> {
    pick(&["", "", " ", "\n  ", "\t", "\r\n", "\u{a0}"])
}

/// An object from `(key, value)` members, with random whitespace.
fn object(members: Vec<(String, String)>, spaces: Vec<String>) -> String {
    let mut out = String::from("{");
    for (i, (k, v)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let sp = |n: usize| {
            spaces
                .get((i * 3 + n) % spaces.len().max(1))
                .cloned()
                .unwrap_or_default()
        };
        out.push_str(&format!("{}{k}{}:{}{v}", sp(0), sp(1), sp(2)));
    }
    out.push('}');
    out
}

fn members(
    pairs: impl Strategy<Value = (String, String)>,
    max: usize,
) -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(pairs, 0..max),
        proptest::collection::vec(ws(), 1..6),
    )
        .prop_map(|(m, s)| object(m, s))
}

fn deceased() -> impl Strategy<Value = String> {
    let pair = prop_oneof![
        (pick(&["\"date_of_birth\""]), pick(DATES)),
        (pick(&["\"age\""]), pick(INTS)),
        (
            pick(&["\"age_band\""]),
            pick(&[
                "\"16-19\"",
                "\"35-44\"",
                "\"65+\"",
                "\"under_16\"",
                "\"adult\"",
                "null",
                "16"
            ])
        ),
        (pick(&["\"care_and_support_needs\""]), pick(BOOLS)),
        (pick(&["\"weight\"", "\"a\\u0067e\""]), pick(INTS)),
    ];
    prop_oneof![
        8 => members(pair, 6),
        1 => pick(&["null", "[]", "\"x\"", "{", "{}"]),
    ]
}

fn suspect() -> impl Strategy<Value = String> {
    let pair = prop_oneof![
        (
            pick(&["\"connection\""]),
            pick(&[
                "\"intimate_partner\"",
                "\"former_intimate_partner\"",
                "\"relative\"",
                "\"household_member\"",
                "\"not_connected\"",
                "\"unknown\"",
                "\"friend\"",
                "null",
                "3",
            ])
        ),
        (
            pick(&["\"home_office_relationship\""]),
            pick(&[
                "\"Spouse (incl civil partner)\"",
                "\"Parent\"",
                "\"Cohabitant\"",
                "\"Other (non-relative)\"",
                "\"Unknown\"",
                "\"Spouse\"",
                "null",
            ])
        ),
        (pick(&["\"same_household\""]), pick(BOOLS)),
        (pick(&["\"age\""]), pick(INTS)),
        (pick(&["\"abuse_suspected\""]), pick(BOOLS)),
        (pick(&["\"name\""]), pick(&["\"X\"", "null"])),
    ];
    prop_oneof![
        8 => members(pair, 7),
        1 => pick(&["null", "[]", "1"]),
    ]
}

fn suspects() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::collection::vec(suspect(), 0..3).prop_map(|s| format!("[{}]", s.join(","))),
        1 => pick(&["null", "{}", "[1]", "\"none\"", "[,]"]),
    ]
}

fn death() -> impl Strategy<Value = String> {
    let pair = prop_oneof![
        4 => (pick(&["\"schema_version\""]), pick(&["1", "1", "1", "2", "1.0", "null", "\"1\"", "01", "0", "-1"])),
        2 => (pick(&["\"reference\""]), pick(&["\"R-1\"", "\"caf\u{e9} \u{1f600}\"", "\"a\\\"b\"", "\"tab\there\"", "null", "7", "\"\""])),
        4 => (pick(&["\"date_of_death\""]), pick(DATES)),
        2 => (pick(&["\"notified_on\""]), pick(DATES)),
        4 => (pick(&["\"nation\""]), pick(&["\"england\"", "\"wales\"", "\"scotland\"", "\"northern_ireland\"", "\"France\"", "\"England\"", "null", "1"])),
        4 => (pick(&["\"deceased\""]), deceased()),
        4 => (pick(&["\"manner\""]), pick(&["\"homicide\"", "\"suicide\"", "\"other\"", "\"unknown\"", "\"murder\"", "null"])),
        4 => (pick(&["\"suspects\""]), suspects()),
        2 => (pick(&["\"abuse_indicators\""]), pick(&["[\"stalking\",\"neglect\"]", "[]", "null", "[\"x\"]", "\"stalking\"", "[\"coercive_control\", null]"])),
        2 => (pick(&["\"extensions\""]), pick(&[
            "{}",
            "{\"a\":[1,2,{\"b\":null}],\"c\":1.5e300}",
            "{\"x\":1,\"x\":2}",
            "{\"s\":\"}\\\"{]\"}",
            "{\"n\":-0.0,\"big\":123456789012345678901234567890}",
            "{\"bad\":[1,]}",
            "{\"bad\":tru}",
            "null",
            "[]",
            "\"x\"",
        ])),
        1 => (pick(&["\"victim\"", "\"date_of_death \"", "\"\\u006eation\""]), pick(&["1", "null"])),
    ];
    members(pair, 12)
}

/// A plainly written death, the shape most callers send: mostly valid, and
/// so mostly read by the fast path.
fn plain_death() -> impl Strategy<Value = String> {
    const GOOD_DATES: &[&str] = &["\"2024-03-10\"", "\"2008-03-10\"", "\"1950-02-28\"", "null"];
    let deceased = members(
        prop_oneof![
            (pick(&["\"date_of_birth\""]), pick(GOOD_DATES)),
            (pick(&["\"age\""]), pick(&["0", "16", "40", "73", "null"])),
            (
                pick(&["\"age_band\""]),
                pick(&["\"16-19\"", "\"35-44\"", "\"65+\"", "null"])
            ),
            (
                pick(&["\"care_and_support_needs\""]),
                pick(&["true", "false", "null"])
            ),
        ],
        5,
    );
    let suspect = members(
        prop_oneof![
            (
                pick(&["\"connection\""]),
                pick(&[
                    "\"intimate_partner\"",
                    "\"relative\"",
                    "\"household_member\"",
                    "\"unknown\"",
                    "null"
                ])
            ),
            (
                pick(&["\"home_office_relationship\""]),
                pick(&["\"Parent\"", "\"Cohabitant\"", "\"Ex-spouse\"", "null"])
            ),
            (
                pick(&["\"same_household\"", "\"abuse_suspected\""]),
                pick(&["true", "false", "null"])
            ),
            (pick(&["\"age\""]), pick(&["19", "52", "null"])),
        ],
        6,
    );
    let suspects =
        proptest::collection::vec(suspect, 0..3).prop_map(|s| format!("[{}]", s.join(",")));
    (
        suspects,
        deceased,
        pick(&["\"2024-03-10\"", "\"2011-04-13\"", "\"2025-01-31\""]),
        pick(&["null", "\"2025-02-03\"", "\"2024-03-09\""]),
        pick(&["\"england\"", "\"wales\"", "\"scotland\""]),
        pick(&["\"homicide\"", "\"suicide\"", "\"unknown\""]),
        pick(&["", ",\"extensions\":{\"k\":[1,{\"v\":\"w\"}]}", ",\"abuse_indicators\":[\"stalking\"]", ",\"reference\":\"R-7\""]),
    )
        .prop_map(|(s, d, dod, notified, nation, manner, extra)| {
            format!(
                "{{\"schema_version\":1,\"date_of_death\":{dod},\"notified_on\":{notified},\"nation\":{nation},\"deceased\":{d},\"manner\":{manner},\"suspects\":{s}{extra}}}"
            )
        })
}

/// Deep nesting in `extensions`, around the depth the fast reader takes.
fn nested(depth: usize) -> String {
    format!(
        "{{\"schema_version\":1,\"date_of_death\":\"2024-03-10\",\"nation\":\"england\",\"deceased\":{{}},\"manner\":\"homicide\",\"suspects\":[],\"extensions\":{{\"a\":{}1{}}}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

#[test]
fn deep_extensions_read_the_same() {
    for depth in [0, 1, 62, 63, 64, 65, 120, 125, 126, 127, 128, 200] {
        same_as_strict(&nested(depth));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn generated_deaths_read_the_same(text in prop_oneof![death(), plain_death()], pad in ws()) {
        let text = format!("{pad}{text}{pad}");
        prop_assert_eq!(Death::from_json(&text), strict(&text));
    }

    #[test]
    fn mutated_deaths_read_the_same(
        text in plain_death(),
        at in 0usize..400,
        cut in any::<bool>(),
        c in pick(&["", "x", "\"", "\\", "{", "}", "[", "]", ",", ":", "0", "-", ".", "\u{0}", "\u{e9}"]),
    ) {
        let mut text = text;
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        if cut {
            text.truncate(at);
        }
        text.insert_str(at, &c);
        prop_assert_eq!(Death::from_json(&text), strict(&text));
    }

    #[test]
    fn many_reads_each_item_the_same(items in proptest::collection::vec(prop_oneof![death(), plain_death()], 0..4)) {
        let text = format!("[{}]", items.join(" , "));
        if let Ok(read) = Death::many_from_json(&text) {
            // Read only for valid JSON, one answer per item, each the tree's one.
            prop_assert!(json::parse(&text).is_ok());
            prop_assert_eq!(read.len(), items.len());
            for (got, item) in read.iter().zip(&items) {
                prop_assert_eq!(got, &strict(item));
            }
        }
    }
}
