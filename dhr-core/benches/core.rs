//! dhr-core benchmarks (criterion): `cargo bench -p dhr-core --bench core`.
//!
//! Each benchmark reports its throughput in elements (cases, dates, reviews)
//! per second; criterion runs on one thread, so that is per core.
//! `cargo bench -p dhr-core --bench core -- --test` runs each once (the smoke
//! test of `tests/bench/smoke`). The figures are in BENCHMARKS.md.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use dhr_core::calendar::{add_months, add_working_days, is_working_day, MonthEndPolicy, Region};
use dhr_core::lifecycle::{Event, Review, StatusOptions};
use dhr_core::rules::RuleSet;
use dhr_core::{assess, assess_json, AssessOptions, Death};
use serde_json::Value;
use std::hint::black_box;
use std::path::PathBuf;

fn fixtures(dir: &str) -> Vec<Value> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(dir);
    let mut names: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

/// Every golden assessment fixture's death whose options are the defaults
/// (the realistic mix of outcomes the suites check).
fn deaths() -> Vec<Death> {
    fixtures("assess")
        .iter()
        .filter(|f| {
            f.get("options")
                .and_then(Value::as_object)
                .is_none_or(|o| o.values().all(Value::is_null))
        })
        .filter_map(|f| f.get("input"))
        .map(|v| Death::from_value(v).unwrap())
        .collect()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A 60-event review log: the golden fixture `full_review_published_with_death`
/// (31 events, one of which is dropped) with ten more agencies' IMRs
/// (commissioned, submitted and quality-assured: 30 events).
fn sixty_events() -> Vec<Event> {
    let fixture = fixtures("status")
        .into_iter()
        .find(|f| {
            f.get("description").is_some()
                && f["input"]["events"].as_array().map(Vec::len) == Some(31)
                && f["input"].get("death").is_some()
        })
        .expect("a 31-event status fixture with a death");
    let mut events: Vec<Value> = fixture["input"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] != "commissioner_copy_sent")
        .cloned()
        .collect();
    let mut extra = Vec::new();
    for a in 0..10 {
        let agency = format!("Agency {a}");
        extra.push(serde_json::json!({"on": "2024-03-01", "event": "imr_commissioned", "by": "chair", "agency": agency}));
        extra.push(serde_json::json!({"on": "2024-04-16", "event": "imr_submitted", "by": "imr_author", "agency": agency}));
        extra.push(serde_json::json!({"on": "2024-04-23", "event": "imr_quality_assured", "by": "agency_senior_manager", "agency": agency}));
    }
    events.extend(extra);
    // A stable sort by date keeps each day's order (commissioned first).
    events.sort_by(|a, b| a["on"].as_str().cmp(&b["on"].as_str()));
    let doc = serde_json::json!({
        "schema_version": 1, "reference": "BENCH-60", "rules": "stockton_2011", "events": events,
    });
    let review = Review::from_value(&doc).unwrap();
    assert_eq!(review.events().len(), 60);
    review.events().to_vec()
}

fn bench_assess(c: &mut Criterion) {
    let deaths = deaths();
    let opts = AssessOptions::default();
    let mut g = c.benchmark_group("assess");
    g.throughput(Throughput::Elements(deaths.len() as u64));
    g.bench_function(format!("assess ({} fixture deaths)", deaths.len()), |b| {
        b.iter(|| {
            for death in &deaths {
                black_box(assess(black_box(death), &opts).unwrap());
            }
        })
    });
    // The reasons' sentences and the missing paths are written only when
    // asked for: this is `assess` with every one of them written out.
    g.bench_function(
        format!(
            "assess + every reason text and missing path ({} fixture deaths)",
            deaths.len()
        ),
        |b| {
            b.iter(|| {
                for death in &deaths {
                    let a = assess(black_box(death), &opts).unwrap();
                    for r in &a.reasons {
                        black_box(r.text());
                    }
                    for m in &a.missing {
                        black_box(m.to_string());
                    }
                    for r in &a.related_reviews {
                        black_box(&r.text);
                    }
                    black_box(a);
                }
            })
        },
    );
    g.bench_function(
        format!(
            "assess + serde_json::to_string ({} fixture deaths, the CLI's answer)",
            deaths.len()
        ),
        |b| {
            b.iter(|| {
                for death in &deaths {
                    let a = assess(black_box(death), &opts).unwrap();
                    black_box(serde_json::to_string(&a).unwrap());
                }
            })
        },
    );
    let texts: Vec<String> = deaths.iter().map(|d| d.to_value().to_string()).collect();
    g.bench_function(
        format!(
            "assess_json ({} texts, parse + assess + to_value)",
            texts.len()
        ),
        |b| {
            b.iter(|| {
                for t in &texts {
                    black_box(assess_json(black_box(t), &opts).unwrap());
                }
            })
        },
    );
    g.finish();
}

fn bench_calendar(c: &mut Criterion) {
    // Every day of 2024, and 1, 6 and 12 months after each.
    let days: Vec<NaiveDate> = d(2024, 1, 1).iter_days().take(366).collect();
    let mut g = c.benchmark_group("calendar");
    g.throughput(Throughput::Elements(days.len() as u64 * 3));
    g.bench_function("add_months (366 dates x 1, 6, 12 months)", |b| {
        b.iter(|| {
            for &day in &days {
                for m in [1, 6, 12] {
                    black_box(
                        add_months(black_box(day), m, MonthEndPolicy::CorrespondingDate).unwrap(),
                    );
                }
            }
        })
    });
    g.throughput(Throughput::Elements(days.len() as u64));
    g.bench_function("add_working_days (366 dates + 15 working days)", |b| {
        b.iter(|| {
            for &day in &days {
                black_box(add_working_days(black_box(day), 15, Region::EnglandAndWales).unwrap());
            }
        })
    });
    g.bench_function("is_working_day (366 dates)", |b| {
        b.iter(|| {
            for &day in &days {
                black_box(is_working_day(black_box(day), Region::EnglandAndWales).unwrap());
            }
        })
    });
    g.finish();
}

fn bench_review(c: &mut Criterion) {
    let events = sixty_events();
    let rules = RuleSet::builtin("stockton_2011").unwrap();
    let mut g = c.benchmark_group("review");
    g.throughput(Throughput::Elements(1));
    g.bench_function("Review::from_events (60 events)", |b| {
        b.iter_batched(
            || (rules.clone(), events.clone()),
            |(rules, events)| black_box(Review::from_events(None, rules, events).unwrap()),
            BatchSize::SmallInput,
        )
    });
    let review = Review::from_events(Some("BENCH-60".into()), rules, events).unwrap();
    let opts = StatusOptions::default();
    let as_of = d(2025, 6, 1);
    g.bench_function("status (60 events)", |b| {
        b.iter(|| black_box(review.status(black_box(as_of), &opts).unwrap()))
    });
    // A deadline's explanation is written when asked for: this is the
    // status with every explanation written out (the text `to_value` and
    // the bindings give).
    g.bench_function("status + render every explanation (60 events)", |b| {
        b.iter(|| {
            let s = review.status(black_box(as_of), &opts).unwrap();
            for d in &s.deadlines {
                black_box(d.explanation());
            }
            black_box(s)
        })
    });
    g.bench_function("status + to_value (60 events)", |b| {
        b.iter(|| black_box(review.status(black_box(as_of), &opts).unwrap().to_value()))
    });
    g.finish();
}

criterion_group!(benches, bench_assess, bench_calendar, bench_review);
criterion_main!(benches);
