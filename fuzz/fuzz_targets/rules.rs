//! Load a custom rule set from arbitrary bytes; if accepted, run a fixed
//! review's status against it. Nothing may panic.
#![no_main]

use chrono::NaiveDate;
use dhr_core::{Review, RuleSet, StatusOptions};
use libfuzzer_sys::fuzz_target;

const REVIEW: &str = r#"{"schema_version": 1, "rules": "stockton_2011", "events": [
 {"on": "2024-01-31", "event": "notified", "by": "police"},
 {"on": "2024-02-12", "event": "decided", "by": "csp", "review": true},
 {"on": "2024-02-13", "event": "panel_commissioned", "by": "csp"},
 {"on": "2024-02-14", "event": "chair_appointed", "by": "csp"},
 {"on": "2024-02-20", "event": "terms_of_reference_agreed", "by": "chair"},
 {"on": "2024-05-01", "event": "paused", "by": "chair", "reason": "criminal_proceedings"},
 {"on": "2024-07-01", "event": "resumed", "by": "chair"},
 {"on": "2024-08-01", "event": "overview_drafted", "by": "chair"},
 {"on": "2024-08-15", "event": "overview_quality_assured", "by": "panel"},
 {"on": "2024-08-16", "event": "action_plan_agreed", "by": "panel", "actions": [{"id": "A1", "within": "1_month"}, {"id": "A2", "within": "6_months"}]},
 {"on": "2024-08-30", "event": "action_completed", "by": "csp", "id": "A1"},
 {"on": "2024-09-01", "event": "submitted_to_home_office", "by": "csp"}
]}"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(rules) = RuleSet::from_json(text) else {
        return;
    };
    let value = rules.to_value();
    let again = RuleSet::from_value(&value, "").expect("an accepted rule set re-reads");
    assert_eq!(again.to_value(), value, "round trip changed the rule set");
    let review = Review::from_json(REVIEW).expect("fixed review");
    let opts = StatusOptions {
        rules: Some(rules),
        ..StatusOptions::default()
    };
    for (y, m, d) in [(2024, 1, 31), (2024, 3, 1), (2024, 9, 2), (2199, 12, 31)] {
        if let Some(as_of) = NaiveDate::from_ymd_opt(y, m, d) {
            if let Ok(s) = review.status(as_of, &opts) {
                let _ = s.to_value();
            }
        }
    }
});
