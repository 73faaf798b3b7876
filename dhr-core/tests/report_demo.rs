//! The readable report (spec section 7) of the bundled demo review, against
//! the text `dhr demo` printed when the report moved into dhr-core (issue 12):
//! `tests/fixtures/report/demo.txt` (its own date, 15 April 2024) and
//! `demo_2023-07-01.txt` (during the pause for the trial).
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use dhr_core::lifecycle::Review;
use dhr_core::report::{Demo, Report, DEMO_REVIEW_JSON};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../tests/fixtures/report/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn the_demo_report_is_the_frozen_text() {
    assert_eq!(Demo::new(None).unwrap().to_string(), fixture("demo.txt"));
    let july = NaiveDate::from_ymd_opt(2023, 7, 1).unwrap();
    let demo = Demo::new(Some(july)).unwrap();
    assert!(demo.status.paused);
    assert_eq!(demo.to_string(), fixture("demo_2023-07-01.txt"));
}

#[test]
fn the_report_is_the_demo_without_its_title() {
    let demo = Demo::new(None).unwrap();
    let report = Report::new(&demo.review, &demo.status).to_string();
    let text = demo.to_string();
    assert!(text.ends_with(&report));
    assert!(report.starts_with("Review "));
    assert_eq!(Review::from_json(DEMO_REVIEW_JSON).unwrap(), demo.review);
}

#[test]
fn a_review_without_a_death_says_so() {
    let review = Review::from_json(
        r#"{"schema_version": 1, "rules": "guidance_2016",
            "events": [{"on": "2024-01-31", "event": "notified", "by": "police"}]}"#,
    )
    .unwrap();
    let on = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap();
    let status = review.status(on, &Default::default()).unwrap();
    let text = Report::new(&review, &status).to_string();
    assert!(text.starts_with("Review -  rules guidance_2016  as of 2024-02-01\n"));
    assert!(text.contains("\n  (the review carries no death document)\n"));
    assert!(text.contains("\n  2024-01-31  notified"));
}
