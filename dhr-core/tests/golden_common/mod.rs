//! Reading the shared golden fixtures in `tests/fixtures/` (the same files the
//! Python and JavaScript suites read), for the golden runners.

#![allow(dead_code)]

use chrono::NaiveDate;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// `tests/fixtures/<name>`.
pub fn dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
}

/// Every `*.json` fixture of `tests/fixtures/<name>` (not the bare
/// `*.input.json` example documents), as (file stem, JSON), sorted by name.
pub fn fixtures(name: &str) -> Vec<(String, Value)> {
    let dir = dir(name);
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && !p.to_string_lossy().ends_with(".input.json")
        })
        .map(|p| (stem(&p), read(&p)))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A file's name without its extension.
pub fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

/// A JSON file.
pub fn read(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The date at `key` of an options object (null or absent: `None`).
pub fn date(v: &Value, key: &str) -> Option<NaiveDate> {
    v.get(key)
        .and_then(Value::as_str)
        .map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

/// `DHR_BLESS=1`: the golden runners rewrite a fixture's `expected` with
/// the answer they got instead of failing (review the diff before
/// committing: a blessed fixture is only as right as the reviewer).
pub fn blessing() -> bool {
    std::env::var_os("DHR_BLESS").is_some_and(|v| v == "1")
}

/// Rewrite `tests/fixtures/<dir_name>/<name>.json` with `expected` set to
/// `got`, in the fixtures' layout (2-space indent, one trailing newline).
pub fn bless(dir_name: &str, name: &str, fx: &Value, got: &Value) {
    let mut fx = fx.clone();
    fx["expected"] = got.clone();
    let path = dir(dir_name).join(format!("{name}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&fx).unwrap() + "\n")
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    eprintln!("blessed {}", path.display());
}
