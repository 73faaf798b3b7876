//! `dhr status` and `dhr demo` as a program (spec section 7): exit codes,
//! JSON on standard output, one JSON error object on standard error.
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
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut input = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            // The program may exit (a usage error) before reading its input.
            let _ = input.write_all(s.as_bytes());
        }
    }
    child.wait_with_output().unwrap()
}

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(rel)
}

fn read(p: &PathBuf) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn stdout_json(out: &Output) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Exit 2 and exactly one JSON object `{"error": {code, message, path}}` on
/// standard error, nothing on standard output.
fn error(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let text = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    let e = v["error"].clone();
    assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(e["path"].is_string());
    e
}

fn temp(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn status_prints_the_spec_6_4_answer() {
    let input = fixture("status/spec_6_4.input.json");
    let out = dhr(
        &["status", input.to_str().unwrap(), "--as-of", "2024-02-20"],
        None,
    );
    let got = stdout_json(&out);
    let fx = read(&fixture("status/spec_6_4.json"));
    assert_eq!(got, fx["expected"]);
    // One line, keys in the order of spec 6.4.
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    let order: Vec<usize> = [
        "\"reference\"",
        "\"as_of\"",
        "\"stage\"",
        "\"paused\"",
        "\"deadlines\"",
        "\"imrs\"",
        "\"family\"",
        "\"next\"",
    ]
    .iter()
    .map(|k| text.find(k).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn status_reads_standard_input() {
    let fx = read(&fixture("status/full_review_paused.json"));
    let out = dhr(
        &["status", "-", "--as-of", "2024-06-15"],
        Some(&fx["input"].to_string()),
    );
    assert_eq!(stdout_json(&out), fx["expected"]);
}

#[test]
fn status_options_reach_the_answer() {
    // --due-soon-days: 9 days left is `due` at a threshold of 5.
    let fx = read(&fixture("status/due_soon_threshold.json"));
    let input = fx["input"].to_string();
    let out = dhr(
        &[
            "status",
            "-",
            "--as-of",
            "2024-02-20",
            "--due-soon-days",
            "5",
        ],
        Some(&input),
    );
    assert_eq!(stdout_json(&out), fx["expected"]);
    // --rules FILE: a custom rule set with QA panel meetings.
    let fx = read(&fixture("status/custom_rules_option.json"));
    let rules = temp(
        "rules_with_meetings.json",
        &fx["options"]["rules"].to_string(),
    );
    let out = dhr(
        &[
            "status",
            "-",
            "--as-of",
            "2024-09-01",
            "--rules",
            rules.to_str().unwrap(),
        ],
        Some(&fx["input"].to_string()),
    );
    assert_eq!(stdout_json(&out), fx["expected"]);
    // --dardr-commenced goes to the assessment of the review's death.
    let fx = read(&fixture("status/dardr_commenced_assessment.json"));
    let out = dhr(
        &[
            "status",
            "-",
            "--as-of",
            "2024-02-20",
            "--dardr-commenced",
            "2024-01-01",
        ],
        Some(&fx["input"].to_string()),
    );
    let got = stdout_json(&out);
    assert_eq!(got, fx["expected"]);
    assert_eq!(got["assessment"]["regime"], "dardr_s8a");
    // --susr-from is accepted (the death is in England, so it changes nothing).
    let out = dhr(
        &[
            "status",
            "-",
            "--as-of",
            "2024-02-20",
            "--susr-from",
            "2020-01-01",
        ],
        Some(&fx["input"].to_string()),
    );
    assert_eq!(stdout_json(&out)["assessment"]["regime"], "dhr_s9");
}

#[test]
fn status_error_fixtures_exit_2_with_their_code_and_path() {
    let dir = fixture("status_errors");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let fx = read(&entry.unwrap().path());
        let text = fx
            .get("input_text")
            .and_then(Value::as_str)
            .map_or_else(|| fx["input"].to_string(), str::to_string);
        let as_of = fx["options"]["as_of"].as_str().unwrap();
        let e = error(&dhr(&["status", "-", "--as-of", as_of], Some(&text)));
        assert_eq!(e["code"], fx["expected_error"]["code"], "{fx}");
        assert_eq!(e["path"], fx["expected_error"]["path"], "{fx}");
        n += 1;
    }
    assert!(n >= 15);
}

#[test]
fn a_refused_event_gives_its_index() {
    let review = json!({"schema_version": 1, "rules": "stockton_2011", "events": [
        {"on": "2024-01-31", "event": "notified", "by": "police"},
        {"on": "2024-02-12", "event": "decided", "by": "police", "review": true}]});
    let e = error(&dhr(
        &["status", "-", "--as-of", "2024-03-01"],
        Some(&review.to_string()),
    ));
    assert_eq!(e["code"], "role_not_allowed");
    assert_eq!(e["path"], "events[1].by");
    assert_eq!(e["event_index"], 1);
}

#[test]
fn usage_errors_exit_2() {
    let review = read(&fixture("status/spec_6_4.input.json")).to_string();
    // --as-of is required: the tool never reads the clock.
    let e = error(&dhr(&["status", "-"], Some(&review)));
    assert_eq!(e["code"], "usage");
    let e = error(&dhr(
        &["status", "-", "--as-of", "2024-02-30"],
        Some(&review),
    ));
    assert_eq!(
        (e["code"].as_str(), e["path"].as_str()),
        (Some("invalid_date"), Some("--as-of"))
    );
    let e = error(&dhr(
        &["status", "-", "--as-of", "20-02-2024"],
        Some(&review),
    ));
    assert_eq!(e["code"], "invalid_date");
    let e = error(&dhr(
        &[
            "status",
            "-",
            "--as-of",
            "2024-02-20",
            "--due-soon-days",
            "two",
        ],
        Some(&review),
    ));
    assert_eq!(
        (e["code"].as_str(), e["path"].as_str()),
        (Some("usage"), Some("--due-soon-days"))
    );
    let e = error(&dhr(
        &[
            "status",
            "-",
            "--as-of",
            "2024-02-20",
            "--dardr-commenced",
            "soon",
        ],
        Some(&review),
    ));
    assert_eq!(e["code"], "invalid_date");
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no_such_review.json");
    let e = error(&dhr(
        &["status", missing.to_str().unwrap(), "--as-of", "2024-02-20"],
        None,
    ));
    assert_eq!(e["code"], "usage");
    let bad_rules = temp("bad_rules.json", "{\"id\": 1}");
    let e = error(&dhr(
        &[
            "status",
            "-",
            "--as-of",
            "2024-02-20",
            "--rules",
            bad_rules.to_str().unwrap(),
        ],
        Some(&review),
    ));
    assert_eq!(e["code"], "invalid_rule_set");
    assert!(e["path"].as_str().unwrap().starts_with("--rules"));
}

#[test]
fn demo_prints_a_readable_report() {
    let out = dhr(&["demo"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "ELIGIBILITY",
        "outcome: required",
        "DVCVA 2004 s.9(1)",
        "STAGES PASSED",
        "2023-06-01  paused (criminal_proceedings)",
        "2023-11-15  resumed",
        "late: still outstanding when the overview was drafted on 2024-03-25",
        "Housing Association    withdrawn",
        // 20 Mar 2023 + 6 months + 167 days paused = 5 Mar 2024; 41 days late on 15 Apr.
        "home_office_submission   overdue        due 2024-03-05, 41 days late, 167 days paused",
        // 6 Mar 2023 + 1 month = 6 Apr; agreed 26 Apr.
        "terms_of_reference       met_late       due 2023-04-06, 20 days late",
        "qa_panel",
        "NEXT",
    ] {
        assert!(text.contains(needle), "report lacks {needle:?}:\n{text}");
    }
    // Personal free text (notes, reasons) is not printed.
    assert!(!text.contains("advocate met the family"));
}

#[test]
fn demo_json_is_the_status_and_as_of_moves_it() {
    let v = stdout_json(&dhr(&["demo", "--json"], None));
    let fx = read(&fixture("status/demo_review.json"));
    assert_eq!(v, fx["expected"]);
    assert_eq!(v["stage"], "overview_drafted");
    assert_eq!(v["deadlines"][1]["status"], "overdue");
    assert_eq!(v["assessment"]["outcome"], "required");
    // During the trial the review is paused.
    let v = stdout_json(&dhr(&["demo", "--json", "--as-of", "2023-07-01"], None));
    assert_eq!(v["paused"], true);
    assert_eq!(v["deadlines"][1]["status"], "paused");
    let e = error(&dhr(&["demo", "--as-of", "July"], None));
    assert_eq!(e["code"], "invalid_date");
}

#[test]
fn the_bundled_demo_is_the_fixture_input() {
    let bundled: Value = serde_json::from_str(dhr_core::report::DEMO_REVIEW_JSON).unwrap();
    assert_eq!(bundled, read(&fixture("status/demo_review.json"))["input"]);
}

#[test]
fn usage_errors_name_the_option_or_argument() {
    // Spec 8.9: (arguments, path, words the message must contain). Values
    // typed after an option (even `-3`) reach dhr's own check.
    let input = fixture("status/spec_6_4.input.json");
    let input = input.to_str().unwrap();
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no_such_review.json");
    let missing = missing.to_str().unwrap();
    let dir = env!("CARGO_TARGET_TMPDIR");
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (vec!["status", input], "--as-of", "--as-of"),
        (vec!["status", input, "--as-of"], "--as-of", "--as-of"),
        (vec!["status", "--as-of", "2024-02-20"], "FILE", "FILE"),
        (vec!["assess"], "FILE", "FILE"),
        (
            vec![
                "status",
                input,
                "--as-of",
                "2024-02-20",
                "--due-soon-days",
                "-3",
            ],
            "--due-soon-days",
            "whole number",
        ),
        (
            vec!["status", input, "--as-of", "2024-02-20", "--due-soon-days"],
            "--due-soon-days",
            "--due-soon-days",
        ),
        (
            vec!["status", missing, "--as-of", "2024-02-20"],
            "FILE",
            "no such file",
        ),
        (
            vec!["status", dir, "--as-of", "2024-02-20"],
            "FILE",
            "cannot read",
        ),
        (
            vec!["status", input, "--as-of", "2024-02-20", "--rules", missing],
            "--rules",
            "no such file",
        ),
        (vec!["assess", input, "--colour"], "--colour", "--colour"),
        (vec!["schema"], "NAME", "NAME"),
        (vec!["schema", "deaths"], "NAME", "death, review, rule_set"),
    ];
    for (args, path, words) in cases {
        let e = error(&dhr(&args, None));
        assert_eq!(
            (e["code"].as_str(), e["path"].as_str()),
            (Some("usage"), Some(path)),
            "{args:?}: {e}"
        );
        let message = e["message"].as_str().unwrap();
        assert!(message.contains(words), "{args:?}: {message}");
        assert!(
            !message.contains("the following required arguments"),
            "{message}"
        );
        // The caller's file name is not repeated.
        assert!(!message.contains("no_such_review"), "{message}");
    }
}

#[test]
fn version_names_the_library_and_the_bank_holiday_data() {
    let out = dhr(&["--version"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.trim(),
        format!(
            "dhr {} (bank holidays {})",
            dhr_core::engine::VERSION,
            dhr_core::engine::bank_holidays_version()
        )
    );
    assert_eq!(dhr_core::engine::VERSION, env!("CARGO_PKG_VERSION"));
}

#[test]
fn schema_prints_each_schema_as_in_the_repository() {
    for name in dhr_core::schema::NAMES {
        let out = dhr(&["schema", name], None);
        assert_eq!(out.status.code(), Some(0));
        let file =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../docs/schema/{name}.json"));
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            std::fs::read_to_string(file).unwrap()
        );
    }
}

#[test]
fn status_jsonl_gives_one_answer_or_error_per_line() {
    let review = read(&fixture("status/spec_6_4.input.json")).to_string();
    let bad = review.replace("\"police\"", "\"mayor\"");
    let text = format!("{review}\n\n{bad}\n{{\n{review}\n");
    let out = dhr(
        &["status", "--jsonl", "-", "--as-of", "2024-02-20"],
        Some(&text),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.is_empty());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    let one = stdout_json(&dhr(
        &["status", "-", "--as-of", "2024-02-20"],
        Some(&review),
    ));
    assert_eq!(lines[0], one);
    assert_eq!(lines[3], one);
    assert_eq!(lines[1]["error"]["line"], 3);
    assert_eq!(lines[1]["error"]["path"], "events[0].by");
    assert_eq!(lines[2]["error"]["code"], "invalid_json");
    assert_eq!(lines[2]["error"]["line"], 4);
    // All good: exit 0; --as-of applies to every line.
    let out = dhr(
        &["status", "--jsonl", "-", "--as-of", "2024-03-20"],
        Some(&format!("{review}\n{review}")),
    );
    assert_eq!(out.status.code(), Some(0));
    for l in String::from_utf8(out.stdout).unwrap().lines() {
        assert_eq!(
            serde_json::from_str::<Value>(l).unwrap()["as_of"],
            "2024-03-20"
        );
    }
}

#[test]
fn the_receipt_says_which_rule_set_was_applied() {
    // Spec 8.3: --rules replaces the review's own rule set; engine.rules.id
    // says which, and its hash is that of the rule set given.
    let review = read(&fixture("status/spec_6_4.input.json")).to_string();
    let own = stdout_json(&dhr(
        &["status", "-", "--as-of", "2024-02-20"],
        Some(&review),
    ));
    let set = dhr_core::RuleSet::builtin("stockton_2011").unwrap();
    assert_eq!(
        own["engine"]["rules"],
        json!({"id": "stockton_2011", "sha256": set.sha256()})
    );
    let custom = set.to_value();
    let mut custom = custom.clone();
    custom["id"] = json!("ours");
    let file = temp("ours.json", &custom.to_string());
    let other = stdout_json(&dhr(
        &[
            "status",
            "-",
            "--as-of",
            "2024-02-20",
            "--rules",
            file.to_str().unwrap(),
            "--due-soon-days",
            "3",
        ],
        Some(&review),
    ));
    let ours = dhr_core::RuleSet::from_value(&custom, "").unwrap();
    assert_eq!(
        other["engine"]["rules"],
        json!({"id": "ours", "sha256": ours.sha256()})
    );
    assert_ne!(ours.sha256(), set.sha256());
    assert_eq!(other["engine"]["options"]["due_soon_days"], 3);
    assert_eq!(other["engine"]["version"], dhr_core::engine::VERSION);
}
