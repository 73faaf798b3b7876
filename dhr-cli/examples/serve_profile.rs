//! The work of one `dhr serve` request without HTTP, repeated, for
//! instruction counts (`tests/bench/serve` runs it under callgrind):
//! `serve_profile ENDPOINT FILE N [AS_OF]` answers the body in FILE N times
//! through `dhr_core::service::answer`, as the service does, and prints the
//! answer's length. ENDPOINT: assess, status or status_batch.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dhr_core::rule_library::RuleLibrary;
use dhr_core::service::{self, Endpoint, Query};

/// The allocator of the `dhr` binary (src/main.rs).
#[cfg(feature = "serve")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let endpoint = match args.get(1).map(String::as_str) {
        Some("assess") => Endpoint::Assess,
        Some("status") => Endpoint::Status,
        Some("status_batch") => Endpoint::StatusBatch,
        _ => panic!("usage: serve_profile assess|status|status_batch FILE N [AS_OF]"),
    };
    let text = std::fs::read_to_string(args.get(2).expect("FILE")).expect("readable FILE");
    let n: usize = args.get(3).expect("N").parse().expect("N a number");
    let pairs = match args.get(4) {
        Some(d) => vec![("as_of".to_string(), d.clone())],
        None => vec![],
    };
    let library = RuleLibrary::builtin();
    let mut len = 0;
    for _ in 0..n {
        let q = Query::parse(pairs.clone(), endpoint).expect("query");
        len = service::answer(endpoint, &text, &q, &library)
            .expect("an answer")
            .len();
    }
    println!("{len}");
}
