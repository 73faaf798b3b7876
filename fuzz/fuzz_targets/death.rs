//! Parse a death (spec 6.1) from arbitrary bytes and assess it. Any input may
//! be refused with an error; none may panic. An accepted death must survive a
//! round trip through its own JSON.
#![no_main]

use dhr_core::{assess, AssessOptions, Death};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(death) = Death::from_json(text) else {
        return;
    };
    let value = death.to_value();
    let again = Death::from_value(&value).expect("an accepted death re-reads from its own JSON");
    assert_eq!(again.to_value(), value, "round trip changed the death");
    let opts = AssessOptions::default();
    if let Ok(answer) = assess(&death, &opts) {
        let _ = answer.to_value();
    }
    let dardr = AssessOptions {
        dardr_commenced: chrono::NaiveDate::from_ymd_opt(2025, 1, 1),
        ..AssessOptions::default()
    };
    let _ = assess(&death, &dardr);
    let _ = format!("{death:?}");
});
