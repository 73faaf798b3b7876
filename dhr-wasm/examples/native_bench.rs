//! Times the exports natively (the same Rust code the module runs), for
//! profiling: `cargo run --release -p dhr-wasm --example native_bench`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/assess");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    let mut texts = Vec::new();
    for p in names {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        let opts_default = v.get("options").is_none_or(|o| {
            o.as_object()
                .is_some_and(|m| m.values().all(|x| x.is_null()))
        });
        if let Some(input) = v.get("input").filter(|i| i.is_object()) {
            if opts_default {
                texts.push(input.to_string());
            }
        }
    }
    let n = 200_000 / texts.len() * texts.len();
    let reps: usize = std::env::args().nth(1).map_or(5, |s| s.parse().unwrap());
    for _ in 0..reps {
        let t = Instant::now();
        for i in 0..n {
            let t = &texts[i % texts.len()];
            black_box(dhr_wasm::assess(
                black_box(t),
                black_box("{\"options\":{}}"),
            ));
        }
        let dt = t.elapsed();
        println!(
            "assess: {:.2} us per call ({} deaths)",
            dt.as_secs_f64() * 1e6 / n as f64,
            texts.len()
        );
    }
}
