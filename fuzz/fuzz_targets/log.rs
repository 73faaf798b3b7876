//! Structure-aware fuzzing of the event log: the bytes choose a sequence of
//! events (kind, role, days after the previous event, extra fields), each
//! applied to a review under one of the built-in rule sets. Byte-level JSON
//! mutation rarely makes a new valid event; this target reaches deep states
//! (resubmissions, withdrawn IMRs, pauses, directions). Checks: no panic; a
//! refused event leaves the review unchanged; the accepted log re-reads from
//! its own JSON and replays to the same review; status works (or gives a coded
//! error) on every event date.
#![no_main]

use chrono::{Days, NaiveDate};
use dhr_core::lifecycle::{EventName, Role};
use dhr_core::{Review, RuleSet, StatusOptions};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

const AGENCIES: &[&str] = &["Police", "Housing", "Adult Social Care"];
const ACTIONS: &[&str] = &["A1", "A2", "A3"];

fn pick<'a, T>(xs: &'a [T], b: u8) -> &'a T {
    &xs[usize::from(b) % xs.len()]
}

fn event(bytes: &[u8; 5], on: NaiveDate) -> Value {
    let name = *pick(EventName::ALL, bytes[0]);
    let role = *pick(Role::ALL, bytes[1]);
    let mut e = json!({"on": on.to_string(), "event": name.as_str(), "by": role.as_str()});
    let x = bytes[4];
    let o = e.as_object_mut().unwrap();
    match name.as_str() {
        "decided" => {
            o.insert("review".into(), json!(x & 1 == 1));
            if x & 2 == 2 {
                o.insert("reasons".into(), json!("reasons"));
            }
        }
        "terms_of_reference_agreed" if x & 1 == 1 => {
            o.insert("look_back_from".into(), json!("2019-01-01"));
        }
        "imr_commissioned" | "imr_submitted" | "imr_quality_assured" | "staff_debriefed" => {
            o.insert("agency".into(), json!(pick(AGENCIES, x)));
        }
        "imr_withdrawn" => {
            o.insert("agency".into(), json!(pick(AGENCIES, x)));
            o.insert("reason".into(), json!("reason"));
        }
        "family_contacted" if x & 1 == 1 => {
            o.insert("note".into(), json!("note"));
        }
        "overview_drafted" if x & 1 == 1 => {
            o.insert("outstanding_imr_reason".into(), json!("reason"));
        }
        "action_plan_agreed" => {
            let n = usize::from(x % 4);
            let actions: Vec<Value> = ACTIONS
                .iter()
                .take(n)
                .enumerate()
                .map(|(i, id)| json!({"id": id, "within": if (x >> (2 + i)) & 1 == 1 { "6_months" } else { "1_month" }}))
                .collect();
            o.insert("actions".into(), Value::Array(actions));
        }
        "action_completed" => {
            o.insert("id".into(), json!(pick(ACTIONS, x)));
        }
        // Spec 8.5 and 8.4: an added action (an id of the plan or a new
        // one, an owner sometimes), and a void of any index up to 15.
        "action_added" => {
            o.insert("id".into(), json!(pick(&["A1", "B1", "B2"], x)));
            o.insert("within".into(), json!(if x & 4 == 4 { "6_months" } else { "1_month" }));
            if x & 8 == 8 {
                o.insert("owner".into(), json!(pick(AGENCIES, x >> 4)));
            }
        }
        "voided" => {
            o.insert("voids".into(), json!(x % 16));
            o.insert("reason".into(), json!("keyed in error"));
        }
        "qa_outcome" => {
            o.insert(
                "result".into(),
                json!(pick(&["approved", "approved_with_changes", "resubmit"], x)),
            );
        }
        "paused" => {
            o.insert(
                "reason".into(),
                json!(pick(
                    &["criminal_proceedings", "other_review_priority", "other"],
                    x
                )),
            );
        }
        _ => {}
    }
    e
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let id = *pick(&["stockton_2011", "guidance_2016", "proposed_2024"], first);
    let mut review = Review::new(Some("FUZZ".into()), RuleSet::builtin(id).unwrap());
    let mut on = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
    let mut dates = Vec::new();
    for chunk in rest.chunks_exact(5).take(200) {
        let bytes: &[u8; 5] = chunk.try_into().unwrap();
        // Mostly forwards by 0-63 days; sometimes backwards (out of order).
        let step =
            u64::from(bytes[2] & 0x3f) + u64::from(bytes[3]) * 30 * u64::from(bytes[3] > 250);
        on = if bytes[3] == 0 && bytes[2] & 0x40 != 0 {
            on.checked_sub_days(Days::new(step)).unwrap_or(on)
        } else {
            on.checked_add_days(Days::new(step)).unwrap_or(on)
        };
        let ev = event(bytes, on);
        let before = review.to_value();
        if review.apply_value(&ev).is_err() {
            assert_eq!(
                review.to_value(),
                before,
                "a refused event changed the review"
            );
        } else {
            dates.push(on);
        }
    }
    let value = review.to_value();
    let again = Review::from_value(&value).expect("an accepted log re-reads");
    assert_eq!(again.to_value(), value);
    let opts = StatusOptions {
        due_soon_days: 14,
        ..StatusOptions::default()
    };
    dates.push(NaiveDate::from_ymd_opt(2199, 12, 31).unwrap());
    for d in dates.iter().rev().take(12) {
        if let Ok(s) = review.status(*d, &opts) {
            let _ = s.to_value();
        }
    }
});
