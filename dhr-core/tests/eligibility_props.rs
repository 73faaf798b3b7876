//! Property tests of eligibility: age arithmetic, the invariants of an
//! answer, "unknown is never guessed" (a decided answer does not change when
//! an unknown fact becomes known), and no panic on any input.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Datelike, Days, NaiveDate};
use dhr_core::case::{completed_years, Death};
use dhr_core::eligibility::{assess, assess_json, AssessOptions};
use proptest::prelude::*;
use serde_json::{json, Value};

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..(300 * 366)).prop_map(|n| {
        NaiveDate::from_ymd_opt(1900, 1, 1)
            .unwrap()
            .checked_add_days(Days::new(n as u64))
            .unwrap()
            .min(NaiveDate::from_ymd_opt(2199, 12, 31).unwrap())
    })
}

/// The anniversary of `birth` in `year` (29 February -> 1 March in a common year).
fn anniversary(birth: NaiveDate, year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 3, 1).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Age in completed years: n years old from the n-th anniversary (day
    /// included) until the day before the next (FLRA 1969 s.9).
    #[test]
    fn age_is_the_number_of_anniversaries_passed(birth in date(), on in date()) {
        match completed_years(birth, on) {
            None => prop_assert!(on < birth),
            Some(n) => {
                let y = birth.year() + n as i32;
                prop_assert!(on >= birth);
                prop_assert!(n == 0 || anniversary(birth, y) <= on);
                prop_assert!(on < anniversary(birth, y + 1));
            }
        }
    }

    /// The day before an anniversary is one year younger than the anniversary.
    #[test]
    fn birthdays_add_exactly_one_year(birth in date(), years in 1i32..120) {
        let y = birth.year() + years;
        prop_assume!(y <= 2199);
        let a = anniversary(birth, y);
        prop_assert_eq!(completed_years(birth, a), Some(years as u32));
        prop_assert_eq!(completed_years(birth, a.pred_opt().unwrap()), Some(years as u32 - 1));
    }
}

fn opt<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<T>> {
    prop_oneof![Just(None), s.prop_map(Some)].boxed()
}

fn suspect() -> impl Strategy<Value = Value> {
    // A tie given either as `connection` or as a Home Office value (both
    // given would mostly contradict each other).
    let tie = prop_oneof![
        Just((None, None)),
        prop::sample::select(vec![
            "intimate_partner",
            "former_intimate_partner",
            "relative",
            "household_member",
            "not_connected",
            "unknown",
        ])
        .prop_map(|c| (Some(c), None)),
        prop::sample::select(vec![
            "Parent",
            "Ex-spouse",
            "Cohabitant",
            "Other (non-relative)",
            "Emotional rival",
            "Unknown",
        ])
        .prop_map(|h| (None, Some(h))),
    ];
    (
        tie,
        opt(any::<bool>()),
        opt(prop::sample::select(vec![12u32, 15, 16, 40])),
        opt(any::<bool>()),
    )
        .prop_map(|((c, ho), sh, age, abuse)| {
            json!({"connection": c, "home_office_relationship": ho, "same_household": sh,
                   "age": age, "abuse_suspected": abuse})
        })
}

fn death_doc() -> impl Strategy<Value = Value> {
    // The age given one way (or not at all), so that most documents are valid.
    let age = prop_oneof![
        Just(json!({})),
        prop::sample::select(vec!["1990-02-28", "2008-03-01", "2012-02-29"])
            .prop_map(|d| json!({"date_of_birth": d})),
        prop::sample::select(vec![10u32, 15, 16, 17, 40, 90]).prop_map(|a| json!({"age": a})),
        prop::sample::select(vec!["under_16", "16-19", "35-44", "65+"])
            .prop_map(|b| json!({"age_band": b})),
    ];
    (
        prop::sample::select(vec![
            "2010-06-01",
            "2011-04-13",
            "2024-09-30",
            "2024-10-01",
            "2026-03-01",
        ]),
        prop::sample::select(vec![
            "england",
            "england",
            "wales",
            "wales",
            "scotland",
            "northern_ireland",
        ]),
        age,
        opt(any::<bool>()),
        prop::sample::select(vec!["homicide", "suicide", "other", "unknown"]),
        prop::collection::vec(suspect(), 0..4),
        prop::sample::subsequence(vec!["physical_abuse", "coercive_control", "neglect"], 0..3),
        opt(Just("2026-12-12")),
    )
        .prop_map(
            |(dod, nation, mut deceased, care, manner, suspects, ind, notified)| {
                deceased["care_and_support_needs"] = json!(care);
                json!({
                    "schema_version": 1,
                    "date_of_death": dod,
                    "notified_on": notified,
                    "nation": nation,
                    "deceased": deceased,
                    "manner": manner,
                    "suspects": suspects,
                    "abuse_indicators": ind,
                })
            },
        )
}

fn options() -> impl Strategy<Value = AssessOptions> {
    opt(prop::sample::select(vec!["2011-01-01", "2025-01-01"])).prop_map(|d| AssessOptions {
        dardr_commenced: d.map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()),
        ..AssessOptions::default()
    })
}

/// Every (path, value) that would make one unknown fact known.
fn fillings(doc: &Value) -> Vec<(Vec<String>, Value)> {
    let mut out = Vec::new();
    let p = |parts: &[&str]| parts.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    for (k, values) in [
        (
            "date_of_birth",
            vec![json!("1990-02-28"), json!("2012-02-29")],
        ),
        ("age", vec![json!(10), json!(16), json!(40)]),
        (
            "age_band",
            vec![json!("under_16"), json!("16-19"), json!("65+")],
        ),
        ("care_and_support_needs", vec![json!(true), json!(false)]),
    ] {
        if doc["deceased"][k].is_null() {
            for v in values {
                out.push((p(&["deceased", k]), v));
            }
        }
    }
    for (i, s) in doc["suspects"].as_array().unwrap().iter().enumerate() {
        let i = i.to_string();
        let unknown_connection = s["connection"].is_null() || s["connection"] == "unknown";
        let fields: [(&str, bool, Vec<Value>); 5] = [
            (
                "connection",
                unknown_connection,
                [
                    "intimate_partner",
                    "relative",
                    "household_member",
                    "not_connected",
                ]
                .map(|x| json!(x))
                .to_vec(),
            ),
            (
                "home_office_relationship",
                s["home_office_relationship"].is_null()
                    || s["home_office_relationship"] == "Unknown",
                ["Parent", "Cohabitant", "Other (non-relative)"]
                    .map(|x| json!(x))
                    .to_vec(),
            ),
            (
                "same_household",
                s["same_household"].is_null(),
                vec![json!(true), json!(false)],
            ),
            ("age", s["age"].is_null(), vec![json!(12), json!(30)]),
            (
                "abuse_suspected",
                s["abuse_suspected"].is_null(),
                vec![json!(true), json!(false)],
            ),
        ];
        for (k, unknown, values) in fields {
            if unknown {
                for v in values {
                    out.push((p(&["suspects", &i, k]), v));
                }
            }
        }
    }
    out
}

fn set(doc: &Value, path: &[String], v: Value) -> Value {
    let mut d = doc.clone();
    let mut cur = &mut d;
    for seg in &path[..path.len() - 1] {
        cur = match seg.parse::<usize>() {
            Ok(i) => &mut cur[i],
            Err(_) => &mut cur[seg.as_str()],
        };
    }
    cur[path.last().unwrap().as_str()] = v;
    d
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(800))]

    /// The shape of every answer: `missing` is empty exactly when the answer
    /// is decided; `consider` only for a suicide; scope decides out_of_scope;
    /// every missing path names a fact that is unknown in the input.
    #[test]
    fn answers_keep_their_invariants(doc in death_doc(), opts in options()) {
        let Ok(death) = Death::from_value(&doc) else { return Ok(()) };
        let a = assess(&death, &opts).unwrap().to_value();
        let outcome = a["outcome"].as_str().unwrap();
        let missing = a["missing"].as_array().unwrap();
        match outcome {
            "required" | "not_required" | "out_of_scope" => prop_assert!(missing.is_empty(), "{a}"),
            "needs_information" => prop_assert!(!missing.is_empty(), "{a}"),
            "consider" => {
                prop_assert_eq!(&doc["manner"], "suicide");
                prop_assert!(!missing.is_empty());
            }
            other => prop_assert!(false, "unknown outcome {other}"),
        }
        let in_scope = doc["nation"] == "england" || doc["nation"] == "wales";
        prop_assert_eq!(outcome == "out_of_scope", !in_scope);
        prop_assert_eq!(a["regime"] == "none", !in_scope);
        for m in missing {
            let m = m.as_str().unwrap();
            let known = match m {
                "deceased.age" => !(doc["deceased"]["date_of_birth"].is_null() && doc["deceased"]["age"].is_null() && doc["deceased"]["age_band"].is_null()),
                "suspects" => !doc["suspects"].as_array().unwrap().is_empty(),
                "abuse_indicators" => !doc["abuse_indicators"].as_array().unwrap().is_empty(),
                _ => {
                    let (s, field) = m.split_once("].").unwrap();
                    let i: usize = s.trim_start_matches("suspects[").parse().unwrap();
                    let v = &doc["suspects"][i][field];
                    // A connection of "unknown" is unknown too.
                    !(v.is_null() || v == "unknown")
                }
            };
            prop_assert!(!known, "{m} is listed as missing but known: {doc}");
        }
        for r in a["reasons"].as_array().unwrap() {
            prop_assert!(!r["text"].as_str().unwrap().is_empty());
            prop_assert!(!r["citation"].as_str().unwrap().is_empty());
        }
    }

    /// Unknown is never guessed: a decided answer (required, not_required,
    /// out_of_scope) stays the same when any one unknown fact becomes known
    /// (unless the new fact contradicts the others, which is an error).
    #[test]
    fn decided_answers_do_not_depend_on_unknown_facts(doc in death_doc(), opts in options()) {
        let Ok(death) = Death::from_value(&doc) else { return Ok(()) };
        let a = assess(&death, &opts).unwrap();
        let outcome = a.outcome.as_str();
        if !matches!(outcome, "required" | "not_required" | "out_of_scope") {
            return Ok(());
        }
        for (path, v) in fillings(&doc) {
            let filled = set(&doc, &path, v);
            if let Ok(d) = Death::from_value(&filled) {
                let b = assess(&d, &opts).unwrap();
                prop_assert_eq!(b.outcome.as_str(), outcome, "filling {:?} changed {} into {}", path, doc, filled);
            }
        }
    }

    /// Nothing panics: arbitrary bytes, fields of the wrong type, and unknown
    /// keys all give an answer or a typed error.
    #[test]
    fn no_input_makes_assess_panic(doc in death_doc(), junk in prop::collection::vec(any::<u8>(), 0..64), key in "[a-z_]{1,12}") {
        // Arbitrary bytes as text.
        let _ = assess_json(&String::from_utf8_lossy(&junk), &AssessOptions::default());
        // A valid document with one field replaced by a value of another type.
        for replacement in [json!(null), json!(-1), json!(1e300), json!("x"), json!([]), json!({}), json!(true)] {
            for path in [vec!["date_of_death"], vec!["deceased"], vec!["deceased", "age"], vec!["suspects"], vec!["manner"], vec!["abuse_indicators"]] {
                let path: Vec<String> = path.into_iter().map(String::from).collect();
                let text = set(&doc, &path, replacement.clone()).to_string();
                let _ = assess_json(&text, &AssessOptions::default());
            }
        }
        // An extra key anywhere is refused with its path.
        let mut d = doc.clone();
        d["deceased"][&key] = json!(1);
        if !["date_of_birth", "age", "age_band", "care_and_support_needs"].contains(&key.as_str()) {
            let e = assess_json(&d.to_string(), &AssessOptions::default()).unwrap_err();
            prop_assert_eq!(e.code().as_str(), "unknown_field");
            prop_assert_eq!(e.path(), format!("deceased.{key}"));
        }
    }
}
