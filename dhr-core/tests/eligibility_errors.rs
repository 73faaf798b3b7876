//! Every kind of bad input to `assess` gives a typed error with a stable code
//! and the path of the offending field (spec 6.1, 6.2 and 7), and the message
//! never repeats the caller's value.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use dhr_core::case::{Death, Deceased, Manner, Nation, Suspect};
use dhr_core::eligibility::{assess, assess_json, AssessOptions};
use dhr_core::{ErrorCode, Personal};
use serde_json::{json, Value};

fn base() -> Value {
    json!({
        "schema_version": 1,
        "reference": "R-1",
        "date_of_death": "2024-03-10",
        "notified_on": "2024-03-12",
        "nation": "england",
        "deceased": {"date_of_birth": null, "age": 40, "age_band": null, "care_and_support_needs": null},
        "manner": "homicide",
        "suspects": [
            {"connection": "intimate_partner", "home_office_relationship": null, "same_household": null, "age": 41, "abuse_suspected": true},
            {"connection": "relative", "abuse_suspected": null}
        ],
        "abuse_indicators": ["coercive_control", "physical_abuse"],
        "extensions": {}
    })
}

/// Set `value` at a path like `deceased.age` or `suspects[1].connection`
/// (`None` removes the key).
fn set(mut doc: Value, path: &str, value: Option<Value>) -> Value {
    let mut parts: Vec<String> = Vec::new();
    for seg in path.split('.') {
        match seg.split_once('[') {
            Some((k, rest)) => {
                parts.push(k.to_string());
                parts.push(rest.trim_end_matches(']').to_string());
            }
            None => parts.push(seg.to_string()),
        }
    }
    let (last, init) = parts.split_last().unwrap();
    let mut cur = &mut doc;
    for p in init {
        cur = match p.parse::<usize>() {
            Ok(i) => &mut cur[i],
            Err(_) => &mut cur[p.as_str()],
        };
    }
    match (value, last.parse::<usize>()) {
        (Some(v), Ok(i)) => cur[i] = v,
        (Some(v), Err(_)) => cur[last.as_str()] = v,
        (None, _) => {
            cur.as_object_mut().unwrap().remove(last.as_str());
        }
    }
    doc
}

struct Bad {
    what: &'static str,
    input: Value,
    code: &'static str,
    path: &'static str,
    /// A caller value that must not appear in the message.
    secret: Option<&'static str>,
}

fn bad(what: &'static str, path: &'static str, value: Option<Value>, code: &'static str) -> Bad {
    Bad {
        what,
        input: set(base(), path, value),
        code,
        path,
        secret: None,
    }
}

fn table() -> Vec<Bad> {
    let mut t = vec![
        // schema_version
        bad(
            "unsupported schema_version",
            "schema_version",
            Some(json!(2)),
            "unsupported_schema_version",
        ),
        bad(
            "schema_version absent",
            "schema_version",
            None,
            "missing_field",
        ),
        bad(
            "schema_version as text",
            "schema_version",
            Some(json!("1")),
            "invalid_value",
        ),
        // unknown fields, at every level
        bad(
            "unknown top-level field",
            "victim_name",
            Some(json!("x")),
            "unknown_field",
        ),
        bad(
            "unknown field in deceased",
            "deceased.name",
            Some(json!("x")),
            "unknown_field",
        ),
        bad(
            "unknown field in a suspect",
            "suspects[1].relation",
            Some(json!("x")),
            "unknown_field",
        ),
        // required fields
        bad(
            "date_of_death absent",
            "date_of_death",
            None,
            "missing_field",
        ),
        bad(
            "date_of_death null",
            "date_of_death",
            Some(Value::Null),
            "missing_field",
        ),
        bad("nation absent", "nation", None, "missing_field"),
        bad("deceased absent", "deceased", None, "missing_field"),
        bad("manner absent", "manner", None, "missing_field"),
        bad("suspects absent", "suspects", None, "missing_field"),
        // invalid dates
        bad(
            "29 February in a common year",
            "date_of_death",
            Some(json!("2023-02-29")),
            "invalid_date",
        ),
        bad(
            "a date written day first",
            "date_of_death",
            Some(json!("10/03/2024")),
            "invalid_date",
        ),
        bad(
            "month 13",
            "notified_on",
            Some(json!("2024-13-01")),
            "invalid_date",
        ),
        bad(
            "unpadded date of birth",
            "deceased.date_of_birth",
            Some(json!("1990-5-1")),
            "invalid_date",
        ),
        bad(
            "a date as a number",
            "date_of_death",
            Some(json!(20240310)),
            "invalid_date",
        ),
        bad(
            "a date with a time",
            "date_of_death",
            Some(json!("2024-03-10T12:00:00")),
            "invalid_date",
        ),
        bad(
            "a date before 1900",
            "date_of_death",
            Some(json!("1899-12-31")),
            "date_out_of_range",
        ),
        bad(
            "a date after 2199",
            "notified_on",
            Some(json!("2200-01-01")),
            "date_out_of_range",
        ),
        // unknown enum values
        bad(
            "unknown nation",
            "nation",
            Some(json!("france")),
            "invalid_value",
        ),
        bad(
            "nation in capitals",
            "nation",
            Some(json!("England")),
            "invalid_value",
        ),
        bad(
            "unknown manner",
            "manner",
            Some(json!("murder")),
            "invalid_value",
        ),
        bad(
            "unknown age band",
            "deceased.age_band",
            Some(json!("16-18")),
            "invalid_value",
        ),
        bad(
            "unknown connection",
            "suspects[0].connection",
            Some(json!("friend")),
            "invalid_value",
        ),
        bad(
            "unrecognised Home Office relationship",
            "suspects[1].home_office_relationship",
            Some(json!("Friend")),
            "invalid_value",
        ),
        bad(
            "Home Office relationship in the wrong case",
            "suspects[1].home_office_relationship",
            Some(json!("parent")),
            "invalid_value",
        ),
        bad(
            "unknown abuse indicator",
            "abuse_indicators[1]",
            Some(json!("shouting")),
            "invalid_value",
        ),
        // wrong types and ranges
        bad(
            "negative age",
            "deceased.age",
            Some(json!(-1)),
            "invalid_value",
        ),
        bad(
            "age over 130",
            "deceased.age",
            Some(json!(131)),
            "invalid_value",
        ),
        bad(
            "fractional age",
            "deceased.age",
            Some(json!(16.5)),
            "invalid_value",
        ),
        bad(
            "age as text",
            "deceased.age",
            Some(json!("40")),
            "invalid_value",
        ),
        bad(
            "suspect age over 130",
            "suspects[0].age",
            Some(json!(200)),
            "invalid_value",
        ),
        bad(
            "same_household as text",
            "suspects[0].same_household",
            Some(json!("yes")),
            "invalid_value",
        ),
        bad(
            "abuse_suspected as a number",
            "suspects[1].abuse_suspected",
            Some(json!(1)),
            "invalid_value",
        ),
        bad(
            "care_and_support_needs as text",
            "deceased.care_and_support_needs",
            Some(json!("no")),
            "invalid_value",
        ),
        bad(
            "suspects not an array",
            "suspects",
            Some(json!({"connection": "relative"})),
            "invalid_value",
        ),
        bad(
            "a suspect not an object",
            "suspects[1]",
            Some(json!("relative")),
            "invalid_value",
        ),
        bad(
            "deceased not an object",
            "deceased",
            Some(json!(40)),
            "invalid_value",
        ),
        bad(
            "reference not text",
            "reference",
            Some(json!(17)),
            "invalid_value",
        ),
        bad(
            "extensions not an object",
            "extensions",
            Some(json!([1])),
            "invalid_value",
        ),
        bad(
            "abuse_indicators not an array",
            "abuse_indicators",
            Some(json!("neglect")),
            "invalid_value",
        ),
        // contradictory facts (the path names the later field; the message both)
        bad(
            "notified before the death",
            "notified_on",
            Some(json!("2024-03-09")),
            "contradictory_facts",
        ),
    ];
    let c = |what, input, path| Bad {
        what,
        input,
        code: "contradictory_facts",
        path,
        secret: None,
    };
    t.push(c(
        "date of birth after the death",
        set(
            set(base(), "deceased.date_of_birth", Some(json!("2024-03-11"))),
            "deceased.age",
            None,
        ),
        "deceased.date_of_birth",
    ));
    t.push(c(
        "age disagrees with the date of birth",
        set(base(), "deceased.date_of_birth", Some(json!("1990-05-01"))),
        "deceased.age",
    ));
    t.push(c(
        "age disagrees with a 29 February date of birth (16, not 17, on 28 February 2021)",
        set(
            set(
                set(base(), "date_of_death", Some(json!("2021-02-28"))),
                "notified_on",
                None,
            ),
            "deceased",
            Some(json!({"date_of_birth": "2004-02-29", "age": 17})),
        ),
        "deceased.age",
    ));
    t.push(c(
        "age band contradicts the age",
        set(base(), "deceased.age_band", Some(json!("65+"))),
        "deceased.age_band",
    ));
    t.push(c(
        "age band contradicts the date of birth",
        set(
            base(),
            "deceased",
            Some(json!({"date_of_birth": "2010-01-01", "age_band": "16-19"})),
        ),
        "deceased.age_band",
    ));
    t.push(c(
        "household member not in the household",
        set(
            set(
                base(),
                "suspects[0].connection",
                Some(json!("household_member")),
            ),
            "suspects[0].same_household",
            Some(json!(false)),
        ),
        "suspects[0].same_household",
    ));
    t.push(c(
        "Home Office 'Cohabitant' not in the household",
        set(
            set(
                base(),
                "suspects[1]",
                Some(json!({"home_office_relationship": "Cohabitant", "same_household": false})),
            ),
            "abuse_indicators",
            None,
        ),
        "suspects[1].same_household",
    ));
    t.push(c(
        "connection and Home Office relationship disagree (partner vs ex-spouse)",
        set(
            base(),
            "suspects[0].home_office_relationship",
            Some(json!("Ex-spouse")),
        ),
        "suspects[0].home_office_relationship",
    ));
    t.push(c(
        "connection and Home Office relationship disagree (relative vs boyfriend)",
        set(
            base(),
            "suspects[1].home_office_relationship",
            Some(json!("Boyfriend or girlfriend")),
        ),
        "suspects[1].home_office_relationship",
    ));
    t.push(c(
        "not connected vs a Home Office relative",
        set(
            base(),
            "suspects[1]",
            Some(json!({"connection": "not_connected", "home_office_relationship": "Sibling"})),
        ),
        "suspects[1].home_office_relationship",
    ));
    // Secrets: a caller value must not appear in the message.
    t.push(Bad {
        secret: Some("Jane Q Example"),
        ..bad(
            "unknown field named like data",
            "deceased.Jane Q Example",
            Some(json!(1)),
            "unknown_field",
        )
    });
    t.last_mut().unwrap().path = "deceased.Jane Q Example";
    t.push(Bad {
        secret: Some("Mrs Example"),
        ..bad(
            "a name where a nation should be",
            "nation",
            Some(json!("Mrs Example")),
            "invalid_value",
        )
    });
    t.push(Bad {
        secret: Some("1990-05-01"),
        ..c(
            "age disagrees with the date of birth (message keeps the date out)",
            set(base(), "deceased.date_of_birth", Some(json!("1990-05-01"))),
            "deceased.age",
        )
    });
    t
}

#[test]
fn every_bad_input_gives_its_code_and_path() {
    let mut failures = Vec::new();
    let t = table();
    for b in &t {
        let text = b.input.to_string();
        match assess_json(&text, &AssessOptions::default()) {
            Ok(_) => failures.push(format!("{}: accepted", b.what)),
            Err(e) => {
                if e.code().as_str() != b.code || e.path() != b.path {
                    failures.push(format!(
                        "{}: got {} at {:?}, expected {} at {:?} ({})",
                        b.what,
                        e.code(),
                        e.path(),
                        b.code,
                        b.path,
                        e.message()
                    ));
                }
                if let Some(s) = b.secret {
                    // The path may name an unknown key; the message must not repeat values.
                    if e.message().contains(s) {
                        failures.push(format!("{}: message repeats the caller's value", b.what));
                    }
                }
                if e.message().is_empty() {
                    failures.push(format!("{}: empty message", b.what));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!(
        "{} bad inputs refused with the right code and path",
        t.len()
    );
}

#[test]
fn the_base_document_is_valid() {
    // Guards the table above: each case differs from a valid document by one change.
    let v = assess_json(&base().to_string(), &AssessOptions::default()).unwrap();
    assert_eq!(v["outcome"], "required");
}

#[test]
fn text_that_is_not_json() {
    for text in ["", "{", "not json", "{\"schema_version\": 1,}", "\u{0}"] {
        let e = assess_json(text, &AssessOptions::default()).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::InvalidJson, ""),
            "{text:?}"
        );
    }
    for text in ["[]", "1", "null", "\"death\""] {
        let e = assess_json(text, &AssessOptions::default()).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::InvalidValue, ""),
            "{text:?}"
        );
    }
}

#[test]
fn a_newer_schema_version_is_reported_before_its_unknown_fields() {
    let doc = json!({"schema_version": 2, "date_of_death": "2024-03-10", "new_field": true});
    let e = assess_json(&doc.to_string(), &AssessOptions::default()).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::UnsupportedSchemaVersion, "schema_version")
    );
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn coded_death() -> Death {
    Death {
        reference: None,
        date_of_death: d(2024, 3, 10),
        notified_on: None,
        nation: Nation::England,
        deceased: Deceased {
            age: Some(40),
            ..Deceased::default()
        },
        manner: Manner::Homicide,
        suspects: vec![Suspect::default()],
        abuse_indicators: vec![],
        extensions: Personal::default(),
    }
}

#[test]
fn a_death_built_in_code_is_validated_by_assess() {
    let opts = AssessOptions::default();
    assert!(assess(&coded_death(), &opts).is_ok());

    let mut x = coded_death();
    x.deceased.age = Some(500);
    let e = assess(&x, &opts).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidValue, "deceased.age")
    );

    let mut x = coded_death();
    x.suspects[0].age = Some(131);
    let e = assess(&x, &opts).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidValue, "suspects[0].age")
    );

    let mut x = coded_death();
    x.date_of_death = d(1850, 1, 1);
    let e = assess(&x, &opts).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::DateOutOfRange, "date_of_death")
    );

    let mut x = coded_death();
    x.deceased.date_of_birth = Some(Personal::new(d(1800, 1, 1)));
    x.deceased.age = None;
    let e = assess(&x, &opts).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::DateOutOfRange, "deceased.date_of_birth")
    );

    let mut x = coded_death();
    x.deceased.date_of_birth = Some(Personal::new(d(2024, 3, 11)));
    x.deceased.age = None;
    let e = assess(&x, &opts).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::ContradictoryFacts, "deceased.date_of_birth")
    );
}

#[test]
fn a_death_round_trips_through_json() {
    let death = Death::from_value(&base()).unwrap();
    let again = Death::from_value(&death.to_value()).unwrap();
    assert_eq!(death, again);
}
