//! Parse a review (spec 6.3) from arbitrary bytes, replay its events one by
//! one onto an empty review, and compute its status on several dates. Nothing
//! may panic; a replayed log must be accepted exactly as the whole log was,
//! and a round trip through JSON must not change the review.
#![no_main]

use chrono::NaiveDate;
use dhr_core::{Review, StatusOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = Review::from_json(text);
    // Replay: the same events applied one at a time to an empty review with the
    // same rules. Each is accepted or refused; a refused event changes nothing.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        if let Some(events) = value.get("events").and_then(|e| e.as_array()) {
            let rules = match &parsed {
                Ok(r) => r.rules().clone(),
                Err(_) => dhr_core::RuleSet::builtin("stockton_2011").expect("built-in"),
            };
            let mut replay = Review::new(None, rules);
            let mut all_ok = true;
            for ev in events {
                let before = replay.to_value();
                if replay.apply_value(ev).is_err() {
                    all_ok = false;
                    assert_eq!(
                        replay.to_value(),
                        before,
                        "a refused event changed the review"
                    );
                }
            }
            if let Ok(r) = &parsed {
                assert!(all_ok, "an accepted log was refused when replayed");
                assert_eq!(r.events().len(), replay.events().len());
            }
        }
    }
    let Ok(review) = parsed else {
        return;
    };
    let value = review.to_value();
    let again = Review::from_value(&value).expect("an accepted review re-reads from its own JSON");
    assert_eq!(again.to_value(), value, "round trip changed the review");
    let opts = StatusOptions::default();
    let mut dates: Vec<NaiveDate> = review.events().iter().map(|e| e.on).collect();
    dates.extend(
        [(1900, 1, 1), (2024, 2, 20), (2199, 12, 31)]
            .iter()
            .filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    );
    for as_of in dates.into_iter().take(8) {
        if let Ok(s) = review.status(as_of, &opts) {
            let _ = s.to_value();
        }
    }
    let _ = format!("{review:?}");
});
