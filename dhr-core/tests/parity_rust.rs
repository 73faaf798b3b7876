//! The Rust side of `tests/parity`: with `DHR_PARITY_CASES` set to a JSON
//! file of cases (`[{"id", "api": "assess" | "status", "text", "options"}]`),
//! runs each through the dhr-core API and writes `[{"id", "code", "path"}]`
//! (code null when accepted) to `DHR_PARITY_OUT`. Without it, runs the error
//! fixtures the same way and checks them against their expected errors, so
//! the driver itself is tested.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use dhr_core::{assess_json, status_json, AssessOptions, RuleSet, StatusOptions};
use serde_json::{json, Value};
use std::path::PathBuf;

fn date(v: &Value) -> Option<NaiveDate> {
    v.as_str().map(|s| s.parse().unwrap())
}

fn run_case(case: &Value) -> Value {
    let text = case["text"].as_str().unwrap();
    let o = &case["options"];
    let mut assess_opts = AssessOptions::default();
    if let Some(d) = date(&o["dardr_commenced"]) {
        assess_opts.dardr_commenced = Some(d);
    }
    if let Some(d) = date(&o["susr_from"]) {
        assess_opts.susr_from = d;
    }
    let result = match case["api"].as_str().unwrap() {
        "assess" => assess_json(text, &assess_opts).map(|v| v["engine"].clone()),
        "status" => {
            let mut opts = StatusOptions {
                assess: assess_opts,
                ..StatusOptions::default()
            };
            if let Some(n) = o["due_soon_days"].as_u64() {
                opts.due_soon_days = u32::try_from(n).unwrap();
            }
            let rules = if o["rules"].is_object() {
                RuleSet::from_value(&o["rules"], "").map(Some)
            } else {
                Ok(None)
            };
            rules.and_then(|r| {
                opts.rules = r;
                let as_of =
                    date(&o["as_of"]).unwrap_or(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
                status_json(text, as_of, &opts).map(|v| v["engine"].clone())
            })
        }
        other => panic!("unknown api {other}"),
    };
    match result {
        // An accepted case gives its receipt (spec 8.3), compared across layers.
        Ok(engine) => json!({"id": case["id"], "code": null, "path": null, "engine": engine}),
        Err(e) => json!({"id": case["id"], "code": e.code().as_str(), "path": e.path()}),
    }
}

#[test]
fn parity_cases() {
    if let (Some(cases), Some(out)) = (
        std::env::var_os("DHR_PARITY_CASES"),
        std::env::var_os("DHR_PARITY_OUT"),
    ) {
        let cases: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(cases).unwrap()).unwrap();
        let results: Vec<Value> = cases.iter().map(run_case).collect();
        std::fs::write(out, serde_json::to_string(&results).unwrap()).unwrap();
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut n = 0;
    for (dir, api) in [("assess_errors", "assess"), ("status_errors", "status")] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let fx: Value =
                serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap())
                    .unwrap();
            let text = match fx.get("input_text") {
                Some(t) => t.as_str().unwrap().to_string(),
                None => fx["input"].to_string(),
            };
            let case = json!({"id": n, "api": api, "text": text, "options": fx.get("options").cloned().unwrap_or(json!({}))});
            let got = run_case(&case);
            assert_eq!(got["code"], fx["expected_error"]["code"], "{fx}");
            assert_eq!(got["path"], fx["expected_error"]["path"], "{fx}");
            n += 1;
        }
    }
    assert!(n > 30);
}
