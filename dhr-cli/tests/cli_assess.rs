//! `dhr assess` as spec section 7 describes it, run as a built binary.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn dhr(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dhr"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        // The command may exit (a usage error) before reading its input.
        let _ = pipe.write_all(text.as_bytes());
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn stdout_json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON value ({e}): {:?}", o.stdout))
}

/// Exit code 2 and exactly one JSON error object on standard error.
fn assert_error(o: &Output, code: &str, path: &str) {
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(o.stdout.is_empty(), "nothing on stdout: {o:?}");
    let text = String::from_utf8(o.stderr.clone()).unwrap();
    assert_eq!(text.trim_end().lines().count(), 1, "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    let e = &v["error"];
    assert_eq!(e["code"], code, "{text}");
    assert_eq!(e["path"], path, "{text}");
    assert!(!e["message"].as_str().unwrap().is_empty());
    assert_eq!(v.as_object().unwrap().len(), 1);
}

fn spec_fixture() -> Value {
    let text = std::fs::read_to_string(root().join("tests/fixtures/assess/spec_6_1.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn adult(extra: Value) -> Value {
    let mut v = json!({
        "schema_version": 1,
        "date_of_death": "2024-10-01",
        "nation": "wales",
        "deceased": {"age": 30},
        "manner": "homicide",
        "suspects": [{"connection": "household_member", "age": 25, "abuse_suspected": true}],
        "abuse_indicators": ["physical_abuse"]
    });
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

#[test]
fn assess_a_file_prints_the_answer_and_exits_0() {
    let o = dhr(
        &["assess", "tests/fixtures/assess/spec_6_1.input.json"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(o.stderr.is_empty());
    assert_eq!(stdout_json(&o), spec_fixture()["expected"]);
    // The keys come in the order of spec 6.2.
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.starts_with("{\"reference\":\"STK-2024-003\",\"outcome\":\"required\",\"regime\":")
    );
    assert!(text.ends_with("}\n"));
}

#[test]
fn assess_dash_reads_standard_input() {
    let input = spec_fixture()["input"].to_string();
    let o = dhr(&["assess", "-"], Some(&input));
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(stdout_json(&o), spec_fixture()["expected"]);
}

#[test]
fn options_change_the_regime() {
    let input = adult(json!({})).to_string();
    // Default: Wales from 2024-10-01 is a SUSR decided by s.9; a flatmate counts.
    let o = dhr(&["assess", "-"], Some(&input));
    let v = stdout_json(&o);
    assert_eq!(
        (v["outcome"].as_str(), v["regime"].as_str()),
        (Some("required"), Some("susr_wales"))
    );

    let o = dhr(&["assess", "-", "--susr-from", "2025-01-01"], Some(&input));
    let v = stdout_json(&o);
    assert_eq!(
        (v["outcome"].as_str(), v["regime"].as_str()),
        (Some("required"), Some("dhr_s9"))
    );

    // s.8A commenced: the flatmate is not personally connected.
    let o = dhr(
        &[
            "assess",
            "-",
            "--susr-from",
            "2025-01-01",
            "--dardr-commenced",
            "2024-06-01",
        ],
        Some(&input),
    );
    assert_eq!(o.status.code(), Some(0));
    let v = stdout_json(&o);
    assert_eq!(
        (v["outcome"].as_str(), v["regime"].as_str()),
        (Some("not_required"), Some("dardr_s8a"))
    );
    // Options that do not apply to assess are checked, then unused.
    let o = dhr(&["assess", "-", "--due-soon-days", "7"], Some(&input));
    assert_eq!(o.status.code(), Some(0), "{o:?}");
}

#[test]
fn jsonl_one_answer_per_line_and_exit_2_when_a_line_fails() {
    let good = adult(json!({"reference": "A"})).to_string();
    let bad = adult(json!({"nation": "france"})).to_string();
    let also_good = adult(json!({"reference": "C", "nation": "scotland"})).to_string();
    let input = format!("{good}\n{bad}\n\n{also_good}\n");
    let o = dhr(&["assess", "--jsonl", "-"], Some(&input));
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(o.stderr.is_empty(), "{o:?}");
    let lines: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "the blank line is skipped");
    assert_eq!(lines[0]["reference"], "A");
    assert_eq!(lines[0]["outcome"], "required");
    let e = &lines[1]["error"];
    assert_eq!(lines[1].as_object().unwrap().len(), 1);
    assert_eq!(
        (e["code"].as_str(), e["path"].as_str()),
        (Some("invalid_value"), Some("nation"))
    );
    assert_eq!(e["line"], 2);
    assert_eq!(lines[2]["reference"], "C");
    assert_eq!(lines[2]["outcome"], "out_of_scope");
}

#[test]
fn jsonl_all_good_exits_0_and_takes_options() {
    let input = format!(
        "{}\n{}\n",
        adult(json!({})),
        adult(json!({"date_of_death": "2024-09-30"}))
    );
    let o = dhr(
        &["assess", "-", "--jsonl", "--dardr-commenced", "2024-10-01"],
        Some(&input),
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let lines: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["outcome"], "not_required"); // s.8A: flatmate falls out
    assert_eq!(lines[1]["outcome"], "required"); // s.9, the day before
    assert_eq!(lines[1]["regime"], "dhr_s9");
}

#[test]
fn invalid_input_exits_2_with_a_json_error_on_stderr() {
    let o = dhr(&["assess", "-"], Some("{\"schema_version\": 1,"));
    assert_error(&o, "invalid_json", "");
    let o = dhr(
        &["assess", "-"],
        Some(&adult(json!({"deceased": {"age": 30, "age_band": "65+"}})).to_string()),
    );
    assert_error(&o, "contradictory_facts", "deceased.age_band");
    let o = dhr(
        &["assess", "-"],
        Some(&adult(json!({"suspects": [{"conection": "relative"}]})).to_string()),
    );
    assert_error(&o, "unknown_field", "suspects[0].conection");
    let o = dhr(
        &[
            "assess",
            "tests/fixtures/assess_errors/date_of_birth_after_death.json",
        ],
        None,
    );
    // A fixture file is not a death document: its wrapper keys are unknown.
    assert_error(&o, "unknown_field", "description");
}

#[test]
fn bad_options_and_usage_exit_2_with_a_json_error() {
    let input = adult(json!({})).to_string();
    let o = dhr(
        &["assess", "-", "--dardr-commenced", "2024-02-30"],
        Some(&input),
    );
    assert_error(&o, "invalid_date", "--dardr-commenced");
    let o = dhr(&["assess", "-", "--susr-from", "soon"], Some(&input));
    assert_error(&o, "invalid_date", "--susr-from");
    let o = dhr(&["assess", "-", "--due-soon-days", "many"], Some(&input));
    assert_error(&o, "usage", "--due-soon-days");
    // Spec 8.9: a usage error names the argument or option in its path.
    let o = dhr(&["assess", "no/such/file.json"], None);
    assert_error(&o, "usage", "FILE");
    let o = dhr(&["assess"], None);
    assert_error(&o, "usage", "FILE");
    let o = dhr(&["assess", "-", "--no-such-flag"], Some(&input));
    assert_error(&o, "usage", "--no-such-flag");
}

#[test]
fn rules_option_is_checked_on_assess_then_unused() {
    let input = adult(json!({})).to_string();
    let o = dhr(
        &[
            "assess",
            "-",
            "--rules",
            "dhr-core/data/rules/stockton_2011.json",
        ],
        Some(&input),
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(stdout_json(&o)["outcome"], "required");
    // Not a rule set: refused with a path under --rules.
    let o = dhr(
        &[
            "assess",
            "-",
            "--rules",
            "tests/fixtures/assess/spec_6_1.input.json",
        ],
        Some(&input),
    );
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let v: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert!(
        v["error"]["path"].as_str().unwrap().starts_with("--rules"),
        "{v}"
    );
    let o = dhr(
        &["assess", "-", "--rules", "no/such/rules.json"],
        Some(&input),
    );
    assert_error(&o, "usage", "--rules");
}
