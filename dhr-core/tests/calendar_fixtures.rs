//! The shared golden fixtures of `tests/fixtures/calendar/` (also read by the
//! Python and JavaScript suites).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity
)]

use chrono::NaiveDate;
use dhr_core::calendar::{add_months, add_working_days, MonthEndPolicy, Region};
use serde_json::Value;

fn load(name: &str) -> Vec<Value> {
    let path = format!(
        "{}/../tests/fixtures/calendar/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str::<Vec<Value>>(&text).unwrap()
}

fn date(v: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d").unwrap()
}

#[test]
fn add_months_fixture() {
    let cases = load("add_months.json");
    assert!(cases.len() >= 20);
    for case in &cases {
        let source = case["source"].as_str().unwrap();
        let start = date(&case["start"]);
        let months = u32::try_from(case["months"].as_u64().unwrap()).unwrap();
        let policy = MonthEndPolicy::from_str(case["policy"].as_str().unwrap()).unwrap();
        let got = add_months(start, months, policy);
        match (case.get("expected"), case.get("expected_error")) {
            (Some(exp), None) => {
                let got = got.unwrap_or_else(|e| panic!("{source}: {e}"));
                assert_eq!(got.date, date(&exp["date"]), "{source}");
                assert_eq!(got.clamped, exp["clamped"].as_bool().unwrap(), "{source}");
            }
            (None, Some(code)) => {
                let err = got.expect_err(source);
                assert_eq!(err.code().as_str(), code.as_str().unwrap(), "{source}");
            }
            _ => panic!("{source}: a case needs expected or expected_error"),
        }
    }
}

#[test]
fn working_days_fixture() {
    let cases = load("working_days.json");
    assert!(cases.len() >= 20);
    for case in &cases {
        let source = case["source"].as_str().unwrap();
        let start = date(&case["start"]);
        let days = u32::try_from(case["days"].as_u64().unwrap()).unwrap();
        let region = Region::from_str(case["region"].as_str().unwrap()).unwrap();
        let got = add_working_days(start, days, region);
        match (case.get("expected"), case.get("expected_error")) {
            (Some(exp), None) => {
                let got = got.unwrap_or_else(|e| panic!("{source}: {e}"));
                assert_eq!(got, date(exp), "{source}");
            }
            (None, Some(code)) => {
                let err = got.expect_err(source);
                assert_eq!(err.code().as_str(), code.as_str().unwrap(), "{source}");
            }
            _ => panic!("{source}: a case needs expected or expected_error"),
        }
    }
}
