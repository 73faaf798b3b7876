//! Hostile input through the `dhr` binary: whatever arrives on standard input
//! or in an option, the command exits 0 with JSON on standard output, or 2
//! with exactly one coded JSON error on standard error. Never a panic (exit
//! 101) or a signal. Also: every catalogued error example gives its code and
//! path on the command line, and canary personal data never reaches stderr.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use dhr_core::catalogue::{self, ExampleKind};
use dhr_core::ErrorCode;
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn dhr(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dhr"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// Exit 0 with JSON on stdout (one value per line), or exit 2 with one coded
/// JSON error on stderr. Returns the error, if any.
fn well_behaved(what: &str, o: &Output) -> Option<Value> {
    let code = o.status.code();
    assert!(code.is_some(), "{what}: killed by a signal: {o:?}");
    let stderr = String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8");
    assert!(!stderr.contains("panicked"), "{what}: panic: {stderr}");
    for line in String::from_utf8(o.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
    {
        let _: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{what}: stdout line not JSON ({e}): {line}"));
    }
    match code {
        Some(0) => {
            assert!(stderr.is_empty(), "{what}: stderr on success: {stderr}");
            None
        }
        Some(2) => {
            if stderr.is_empty() {
                // --jsonl: errors are on stdout, in place of the line.
                return None;
            }
            assert_eq!(stderr.trim_end().lines().count(), 1, "{what}: {stderr}");
            let v: Value = serde_json::from_str(&stderr)
                .unwrap_or_else(|e| panic!("{what}: stderr not JSON ({e}): {stderr}"));
            let e = &v["error"];
            let c = e["code"]
                .as_str()
                .unwrap_or_else(|| panic!("{what}: no code: {stderr}"));
            assert!(
                ErrorCode::ALL.iter().any(|k| k.as_str() == c),
                "{what}: unknown code {c}"
            );
            assert!(e["path"].is_string(), "{what}: {stderr}");
            assert!(!e["message"].as_str().unwrap().is_empty(), "{what}");
            Some(e.clone())
        }
        other => panic!("{what}: exit {other:?}: {stderr}"),
    }
}

fn fixture_input(path: &str) -> Value {
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap();
    v.get("input").cloned().unwrap_or(v)
}

fn death() -> Value {
    fixture_input("tests/fixtures/v1/death_full.json")
}

fn review() -> Value {
    fixture_input("tests/fixtures/v1/review_full.json")
}

fn assess_bytes(what: &str, bytes: &[u8]) -> Option<Value> {
    well_behaved(what, &dhr(&["assess", "-"], bytes))
}

fn status_bytes(what: &str, bytes: &[u8], as_of: &str) -> Option<Value> {
    well_behaved(what, &dhr(&["status", "-", "--as-of", as_of], bytes))
}

fn both(what: &str, bytes: &[u8]) -> (Option<Value>, Option<Value>) {
    (
        assess_bytes(what, bytes),
        status_bytes(what, bytes, "2024-06-01"),
    )
}

fn code_of(e: &Option<Value>) -> &str {
    e.as_ref()
        .and_then(|e| e["code"].as_str())
        .unwrap_or("(none)")
}

#[test]
fn empty_truncated_and_non_utf8_input() {
    for (what, bytes) in [
        ("empty", &b""[..]),
        ("blank", b"  \n\t\n"),
        ("null", b"null"),
        ("number", b"42"),
        ("string", b"\"death\""),
        ("array", b"[]"),
        ("empty object", b"{}"),
        ("invalid utf-8", b"\xff\xfe{\"schema_version\": 1}"),
        (
            "utf-8 in a string, broken",
            b"{\"reference\": \"\xc3\x28\"}",
        ),
        ("nul byte", b"{\"reference\": \"a\x00b\"}"),
        ("bom", b"\xef\xbb\xbf{}"),
        ("lone surrogate escape", br#"{"reference": "\ud800"}"#),
    ] {
        let (a, s) = both(what, bytes);
        assert!(a.is_some() && s.is_some(), "{what} must be refused");
    }
    let (a, _) = both("empty", b"");
    assert_eq!(code_of(&a), "invalid_json");
    let (a, _) = both("utf8", b"\xff");
    assert_eq!(code_of(&a), "invalid_json");
    // Every prefix of a valid death and a valid review.
    for doc in [death(), review()] {
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let step = (text.len() / 60).max(1);
        for cut in (0..text.len()).step_by(step) {
            let (a, s) = both(&format!("truncated at {cut}"), &text.as_bytes()[..cut]);
            assert_eq!(code_of(&a), "invalid_json", "cut {cut}");
            assert_eq!(code_of(&s), "invalid_json", "cut {cut}");
        }
    }
}

#[test]
fn deeply_nested_json() {
    for depth in [64, 200, 100_000] {
        let open = "[".repeat(depth);
        let close = "]".repeat(depth);
        both(
            &format!("array depth {depth}"),
            format!("{open}{close}").as_bytes(),
        );
        let mut d = death();
        let ext = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        d["extensions"] = json!("PLACEHOLDER");
        let text = d.to_string().replace("\"PLACEHOLDER\"", &ext);
        let (a, _) = both(&format!("extensions depth {depth}"), text.as_bytes());
        if depth > 200 {
            assert_eq!(code_of(&a), "invalid_json");
        }
    }
}

#[test]
fn huge_arrays_and_numbers() {
    let mut d = death();
    d["suspects"] = Value::Array(vec![d["suspects"][1].clone(); 20_000]);
    assess_bytes("20000 suspects", d.to_string().as_bytes());
    let mut d = death();
    d["abuse_indicators"] = Value::Array(vec![json!("neglect"); 100_000]);
    assess_bytes("100000 indicators", d.to_string().as_bytes());
    let mut r = review();
    let first = r["events"][0].clone();
    r["events"] = Value::Array(vec![first; 50_000]);
    let e = status_bytes(
        "50000 notified events",
        r.to_string().as_bytes(),
        "2024-06-01",
    );
    assert_eq!(code_of(&e), "prerequisite_missing");
    let mut r = review();
    let paused = json!({"on": "2024-05-02", "event": "paused", "by": "chair", "reason": "other"});
    let resumed = json!({"on": "2024-05-02", "event": "resumed", "by": "chair"});
    let evs = r["events"].as_array_mut().unwrap();
    let at = evs.iter().position(|e| e["event"] == "paused").unwrap();
    for _ in 0..5_000 {
        evs.insert(at, resumed.clone());
        evs.insert(at, paused.clone());
    }
    status_bytes("10000 pause events", r.to_string().as_bytes(), "2025-06-01");
    for n in [
        "1e400",
        "-1e400",
        "18446744073709551616",
        "340282366920938463463374607431768211456",
        "-9223372036854775809",
        "1.5",
        "-0",
        "0.0",
        "4294967296",
        "4294967297",
        "130",
        "131",
        "-1",
        "1e2",
        "99999999999999999999999999999999999999999999999999",
    ] {
        for field in ["/deceased/age", "/suspects/0/age", "/schema_version"] {
            let text = death().to_string();
            let mut d = death();
            *d.pointer_mut(field).unwrap() = json!("N");
            let text2 = d.to_string().replace("\"N\"", n);
            let _ = text;
            assess_bytes(&format!("{field} = {n}"), text2.as_bytes());
        }
        let text = review().to_string().replacen(
            "\"schema_version\":1",
            &format!("\"schema_version\":{n}"),
            1,
        );
        status_bytes(
            &format!("review schema_version {n}"),
            text.as_bytes(),
            "2024-06-01",
        );
        let o = dhr(
            &[
                "status",
                "tests/fixtures/v1/review_full.json",
                "--as-of",
                "2024-06-01",
                "--due-soon-days",
                n,
            ],
            b"",
        );
        well_behaved(&format!("--due-soon-days {n}"), &o);
    }
}

#[test]
fn extreme_years() {
    for date in [
        "0000-01-01",
        "0001-01-01",
        "1899-12-31",
        "1900-01-01",
        "2199-12-31",
        "2200-01-01",
        "9999-12-31",
        "10000-01-01",
        "+10000-01-01",
        "-0001-01-01",
        "262143-12-31",
        "2024-00-10",
        "2024-13-01",
        "2024-02-30",
        "2024-1-1",
        "20240101",
        "2024-01-01T00:00:00",
        " 2024-01-01",
    ] {
        for field in ["/date_of_death", "/notified_on", "/deceased/date_of_birth"] {
            let mut d = death();
            *d.pointer_mut(field).unwrap() = json!(date);
            let e = assess_bytes(&format!("{field} {date}"), d.to_string().as_bytes());
            if date.starts_with("9999") || date.starts_with("0000") {
                assert!(e.is_some(), "{field} {date}");
            }
        }
        for i in [0usize, 5, 20] {
            let mut r = review();
            r["events"][i]["on"] = json!(date);
            status_bytes(
                &format!("events[{i}].on {date}"),
                r.to_string().as_bytes(),
                "2024-06-01",
            );
        }
        let o = dhr(
            &[
                "status",
                "tests/fixtures/v1/review_full.json",
                "--as-of",
                date,
            ],
            b"",
        );
        well_behaved(&format!("--as-of {date}"), &o);
        for opt in ["--dardr-commenced", "--susr-from"] {
            let o = dhr(
                &["assess", "tests/fixtures/v1/death_full.json", opt, date],
                b"",
            );
            well_behaved(&format!("{opt} {date}"), &o);
        }
    }
    // The last dates in range: the deadlines run off the end of the range.
    let mut r = review();
    for (i, ev) in r["events"].as_array_mut().unwrap().iter_mut().enumerate() {
        ev["on"] = json!(format!("2199-12-{:02}", 1 + i / 2));
    }
    r["death"]["date_of_death"] = json!("2199-11-30");
    r["death"]["notified_on"] = json!("2199-12-01");
    for as_of in ["2199-12-31", "1900-01-01"] {
        status_bytes(
            &format!("end of range as of {as_of}"),
            r.to_string().as_bytes(),
            as_of,
        );
    }
}

#[test]
fn wrong_types_in_every_field() {
    fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, x)| {
                out.push(format!("{at}/{k}"));
                leaves(x, format!("{at}/{k}"), out)
            }),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| {
                out.push(format!("{at}/{i}"));
                leaves(x, format!("{at}/{i}"), out)
            }),
            _ => {}
        }
    }
    let wrong = [
        json!(null),
        json!(true),
        json!(7),
        json!(-7.5),
        json!("x"),
        json!([]),
        json!({}),
    ];
    // A death: every field.
    let base = death();
    let mut ps = Vec::new();
    leaves(&base, String::new(), &mut ps);
    let mut refused = 0;
    let mut lines = Vec::new();
    for p in &ps {
        for w in &wrong {
            let mut d = base.clone();
            *d.pointer_mut(p).unwrap() = w.clone();
            lines.push(d.to_string());
            if assess_bytes(&format!("{p} = {w}"), d.to_string().as_bytes()).is_some() {
                refused += 1;
            }
        }
    }
    assert!(refused > ps.len() * 3, "{refused}");
    // The same deaths through --jsonl: one line out per line in, exit 2.
    let o = dhr(&["assess", "--jsonl", "-"], lines.join("\n").as_bytes());
    well_behaved("jsonl", &o);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap().lines().count(),
        lines.len()
    );
    // A review: every field of a shorter log (first 12 events, the death, the rules).
    let mut base = review();
    base["events"].as_array_mut().unwrap().truncate(12);
    let mut ps = Vec::new();
    leaves(&base, String::new(), &mut ps);
    for p in &ps {
        for w in &wrong {
            let mut r = base.clone();
            *r.pointer_mut(p).unwrap() = w.clone();
            status_bytes(
                &format!("{p} = {w}"),
                r.to_string().as_bytes(),
                "2024-06-01",
            );
        }
    }
    // A custom rule set: every field, via --rules.
    let rules =
        fixture_input("tests/fixtures/v1/review_directed_custom_rules.json")["rules"].clone();
    let mut ps = Vec::new();
    leaves(&rules, String::new(), &mut ps);
    let dir = std::env::temp_dir().join(format!("dhr-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("rules.json");
    for p in ps.iter().step_by(2) {
        for w in &wrong[..4] {
            let mut r = rules.clone();
            *r.pointer_mut(p).unwrap() = w.clone();
            std::fs::write(&file, r.to_string()).unwrap();
            let o = dhr(
                &[
                    "status",
                    "tests/fixtures/v1/review_full.json",
                    "--as-of",
                    "2024-06-01",
                    "--rules",
                    file.to_str().unwrap(),
                ],
                b"",
            );
            if let Some(e) = well_behaved(&format!("--rules {p} = {w}"), &o) {
                assert!(
                    e["code"] == "invalid_rule_set" || e["code"] == "invalid_json",
                    "--rules {p} = {w}: {e}"
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn catalogue_examples_give_their_code_and_path_on_the_command_line() {
    for code in ErrorCode::ALL {
        let e = catalogue::entry(*code);
        let o = match e.example.kind {
            ExampleKind::Assess => dhr(&["assess", "-"], e.example.input.as_bytes()),
            ExampleKind::Status => dhr(
                &["status", "-", "--as-of", "2024-06-01"],
                e.example.input.as_bytes(),
            ),
            ExampleKind::CommandLine => {
                let args: Vec<&str> = e.example.input.lines().collect();
                dhr(&args, b"")
            }
            ExampleKind::AddMonths => continue,
        };
        let err = well_behaved(code.as_str(), &o).unwrap_or_else(|| panic!("{code}: no error"));
        assert_eq!(err["code"], code.as_str());
        assert_eq!(err["path"], e.example.path, "{code}");
    }
}

#[test]
fn canaries_never_reach_stderr() {
    const DOB: &str = "1977-07-07";
    const NOTE: &str = "CANARY-NOTE-XYZ";
    const EXT: &str = "CANARY-EXT-XYZ";
    let mut d = death();
    d["deceased"]["date_of_birth"] = json!(DOB);
    d["deceased"]["age"] = json!(20); // contradicts the date of birth
    d["extensions"] = json!({"name": EXT});
    let mut bad_deaths = vec![d.clone()];
    let mut d2 = d.clone();
    d2["deceased"]["age"] = json!(46);
    d2["deceased"]["age_band"] = json!("45-54");
    d2["date_of_death"] = json!("1976-01-01");
    d2["notified_on"] = json!("1976-01-02");
    bad_deaths.push(d2.clone()); // born after death
    let mut d3 = d2.clone();
    d3["date_of_death"] = json!("2024-01-28");
    d3["notified_on"] = json!(NOTE);
    bad_deaths.push(d3);
    let mut r = review();
    r["death"] = d.clone();
    r["extensions"] = json!({"x": EXT});
    for ev in r["events"].as_array_mut().unwrap() {
        for k in ["reasons", "note", "outstanding_imr_reason"] {
            if ev.get(k).is_some() {
                ev[k] = json!(NOTE);
            }
        }
        if ev["event"] == "imr_withdrawn" {
            ev["reason"] = json!(NOTE);
        }
    }
    let mut bad_reviews = vec![r.clone()]; // its death contradicts itself
    let mut r2 = r.clone();
    r2["death"] = review()["death"].clone();
    r2["events"][3]["on"] = json!("1990-01-01"); // out of order
    bad_reviews.push(r2.clone());
    let mut r3 = r2.clone();
    r3["events"][3]["on"] = review()["events"][3]["on"].clone();
    r3["events"][13]["note"] = json!([NOTE]);
    bad_reviews.push(r3);
    let check = |what: &str, o: &Output| {
        let e = well_behaved(what, o).unwrap_or_else(|| panic!("{what}: must be refused"));
        let stderr = String::from_utf8(o.stderr.clone()).unwrap();
        for c in [DOB, NOTE, EXT] {
            assert!(!stderr.contains(c), "{what}: stderr leaks {c}: {stderr}");
        }
        e
    };
    for (i, d) in bad_deaths.iter().enumerate() {
        check(
            &format!("death {i}"),
            &dhr(&["assess", "-"], d.to_string().as_bytes()),
        );
        let o = dhr(&["assess", "--jsonl", "-"], d.to_string().as_bytes());
        assert!(
            !String::from_utf8(o.stdout).unwrap().contains(DOB),
            "jsonl error line leaks"
        );
    }
    for (i, r) in bad_reviews.iter().enumerate() {
        check(
            &format!("review {i}"),
            &dhr(
                &["status", "-", "--as-of", "2025-06-01"],
                r.to_string().as_bytes(),
            ),
        );
    }
    // As the file name of a missing file and as option values.
    let o = dhr(&["assess", &format!("/nonexistent/{NOTE}.json")], b"");
    check("missing file", &o);
    let o = dhr(
        &[
            "status",
            "tests/fixtures/v1/review_full.json",
            "--as-of",
            &format!("{DOB}x"),
        ],
        b"",
    );
    check("bad as-of", &o);
}
