//! WebAssembly bindings for dhr-core, for the `dhr-wasm` npm package.
//!
//! This crate holds conversions and nothing else. Every export takes JSON
//! text and returns JSON text: an envelope `{"ok": <answer>}` or
//! `{"error": {"code", "message", "path", "event_index"?}}` (the shape of
//! [`dhr_core::Error`]). The JavaScript wrapper in `dhr-wasm/js/core.js`
//! parses the envelope, returns the answer as a plain object and throws a
//! `DhrError` (a real `Error` with `.code` and `.path`) for an error.
//!
//! Why strings: JSON text crosses the boundary in one copy each way, and it
//! keeps the module small (no serde-wasm-bindgen, no js-sys); the codes and
//! paths of bad input are those of dhr-core's strict reader, because the same
//! reader parses everything, including each function's arguments (an
//! `args` object such as `{"asOf": "2024-02-20", "options": {...}}`).
//!
//! The module keeps no state between calls: a `Review` lives in JavaScript as
//! its 6.3 document, so that the wrapper can replace a module that trapped
//! (a bug, since nothing here panics on input) without losing anything.
#![forbid(unsafe_code)]

use dhr_core::batch;
use dhr_core::calendar::{self, MonthEndPolicy, Region};
use dhr_core::case::Death;
use dhr_core::eligibility::{self, AssessOptions};
use dhr_core::json::{self, NaiveDate, Obj};
use dhr_core::lifecycle::{Review, Status, StatusOptions};
use dhr_core::options::{OptionName, OptionValues};
use dhr_core::rules::RuleSet;
use dhr_core::{wording, Error, ErrorCode, Result};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

/// The envelope of a result, as JSON text. Answers are written straight
/// from their `Serialize` impls, so their keys keep the spec's order.
fn envelope<T: Serialize>(result: Result<T>) -> String {
    match result {
        Ok(value) => {
            // Written once into one buffer, large enough for most answers.
            let mut out = Vec::with_capacity(4096);
            out.extend_from_slice(b"{\"ok\":");
            match serde_json::to_writer(&mut out, &value) {
                Ok(()) => {
                    out.push(b'}');
                    // serde_json writes UTF-8 only.
                    String::from_utf8(out).unwrap_or_else(|_| unwritable())
                }
                Err(_) => unwritable(),
            }
        }
        Err(err) => error_envelope(&err),
    }
}

/// The envelope of an answer that could not be written (not expected).
fn unwritable() -> String {
    error_envelope(&unwritable_error())
}

/// The error of an answer that could not be written (not expected).
fn unwritable_error() -> Error {
    Error::new(
        ErrorCode::InvalidValue,
        "",
        "the answer could not be written as JSON",
    )
}

/// The envelope of an error: `{"error": {"code", "message", "path", ...}}`.
/// `plain` is the message in person-facing words ([`wording::error`]).
fn error_envelope(err: &Error) -> String {
    let mut v = err.to_json_value();
    if let Some(e) = v.get_mut("error").and_then(Value::as_object_mut) {
        e.insert("plain".into(), Value::String(wording::error(err)));
    }
    json::to_text(&v)
}

/// Parse the `args` object of a call, allowing `keys`.
fn args<'a>(value: &'a Value, keys: &[&str]) -> Result<Obj<'a>> {
    Obj::new(value, "", keys)
}

/// The options of `assess` and `assessMany` from their `args` text. The
/// wrapper sends `{}` when there are none: no need to parse that.
fn assess_args(args_text: &str) -> Result<AssessOptions> {
    if args_text == "{}" {
        return Ok(AssessOptions::default());
    }
    let args_value = json::parse(args_text)?;
    let a = args(&args_value, &["options"])?;
    AssessOptions::from_values(&mut options(&a, OptionName::ASSESS)?)
}

/// Check that the `options` member of `args` holds only the JavaScript
/// spellings of `names` (path `options.KEY`); absent or null means no options.
fn options<'a>(args: &Obj<'a>, names: &[OptionName]) -> Result<JsOptions<'a>> {
    let keys: Vec<&str> = names.iter().map(|n| n.js()).collect();
    match args.opt("options") {
        None => Ok(JsOptions(None)),
        Some(v) => Obj::new(v, "options", &keys).map(|o| JsOptions(Some(o))),
    }
}

/// The `options` object of a call, read by dhr-core's option names.
struct JsOptions<'a>(Option<Obj<'a>>);

impl OptionValues for JsOptions<'_> {
    type Error = Error;

    fn date(&mut self, name: OptionName) -> Result<Option<NaiveDate>> {
        match &self.0 {
            None => Ok(None),
            Some(o) => o.opt_date(name.js()),
        }
    }

    fn count(&mut self, name: OptionName) -> Result<Option<u32>> {
        match &self.0 {
            Some(o) if o.opt(name.js()).is_some() => count(o, name.js()).map(Some),
            _ => Ok(None),
        }
    }

    fn rules(&mut self, name: OptionName) -> Result<Option<RuleSet>> {
        let Some(o) = &self.0 else {
            return Ok(None);
        };
        let path = o.path_of(name.js());
        match o.opt(name.js()) {
            None => Ok(None),
            Some(Value::String(id)) => RuleSet::builtin(id).map(Some).map_err(|e| e.under(&path)),
            Some(v) => RuleSet::from_value(v, &path).map(Some),
        }
    }
}

/// A whole number argument that fits a `u32`.
fn count(a: &Obj, key: &str) -> Result<u32> {
    a.req(key)?;
    let n = a
        .opt_int(key, 0, i64::from(u32::MAX))?
        .and_then(|n| u32::try_from(n).ok());
    n.ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidValue,
            a.path_of(key),
            "expected a whole number of at least 0",
        )
    })
}

/// `assess(death, options)`: `death_text` is a 6.1 document, `args_text`
/// `{"options": {"dardrCommenced"?, "susrFrom"?}}`. The answer is 6.2.
#[wasm_bindgen]
pub fn assess(death_text: &str, args_text: &str) -> String {
    envelope((|| {
        let opts = assess_args(args_text)?;
        eligibility::assess(&Death::from_json(death_text)?, &opts)
    })())
}

/// `assessPlain(death, options, today)`: as `assess`, for a person to read:
/// each reason's text in plain words, `questions` beside `missing`
/// ([`wording::assessment`]) and `warnings`, one for each date of the death
/// after `today` when the caller gives it ([`wording::after_today`]; the
/// module never reads the clock). `args_text` is `{"options"?, "today"?}`.
#[wasm_bindgen]
pub fn assess_plain(death_text: &str, args_text: &str) -> String {
    envelope((|| {
        let args_value = json::parse(args_text)?;
        let a = args(&args_value, &["options", "today"])?;
        let opts = AssessOptions::from_values(&mut options(&a, OptionName::ASSESS)?)?;
        let death = Death::from_json(death_text)?;
        let mut v = wording::assessment(&eligibility::assess(&death, &opts)?);
        let warnings = match a.opt_date("today")? {
            Some(today) => wording::after_today(&death, today),
            None => Vec::new(),
        };
        if let Some(o) = v.as_object_mut() {
            o.insert("warnings".into(), warnings.into());
        }
        Ok(v)
    })())
}

/// `assessMany(deaths, options)`: `deaths_text` is an array of 6.1
/// documents; the answer is the array of their answers, in order. The first
/// bad death is the error, its path prefixed with its index (`[2].manner`):
/// [`batch::assess_json_array`].
#[wasm_bindgen]
pub fn assess_many(deaths_text: &str, args_text: &str) -> String {
    envelope((|| {
        batch::assess_json_array(deaths_text, &assess_args(args_text)?)
    })())
}

/// The review, the as-of date and the status of a `status` call.
fn status_of(review_text: &str, args_text: &str) -> Result<(Review, NaiveDate, Status)> {
    let args_value = json::parse(args_text)?;
    let a = args(&args_value, &["asOf", "options"])?;
    let as_of = a.req_date("asOf")?;
    let opts = StatusOptions::from_values(&mut options(&a, OptionName::STATUS)?)?;
    let review = Review::from_json(review_text)?;
    let status = review.status(as_of, &opts)?;
    Ok((review, as_of, status))
}

/// `status(review, asOf, options)`: `review_text` is a 6.3 document,
/// `args_text` `{"asOf": "YYYY-MM-DD", "options": {"dueSoonDays"?, "rules"?,
/// "dardrCommenced"?, "susrFrom"?}}` where `rules` is a built-in rule-set id
/// or a rule-set object. The answer is 6.4.
#[wasm_bindgen]
pub fn status(review_text: &str, args_text: &str) -> String {
    envelope(status_of(review_text, args_text).map(|(_, _, s)| s))
}

/// `statusPlain(review, asOf, options)`: as `status`, for a person to read:
/// each deadline's explanation, and the words beside the codes
/// ([`wording::status`]), and `events`, the log in words
/// ([`wording::events`]).
#[wasm_bindgen]
pub fn status_plain(review_text: &str, args_text: &str) -> String {
    envelope((|| {
        let (review, as_of, status) = status_of(review_text, args_text)?;
        // Through JSON text, as `envelope` writes (no serialiser to `Value`).
        let text = serde_json::to_string(&status).map_err(|_| unwritable_error())?;
        let mut v = wording::status(json::parse(&text)?);
        if let Some(o) = v.as_object_mut() {
            o.insert("events".into(), wording::events(review.events(), as_of));
        }
        Ok(v)
    })())
}

/// `referralReview(death, rules)`: args `{"rules"?}` (a built-in id or a
/// rule-set object; dhr-core's default set when absent); the answer the
/// review (6.3) a referral starts ([`Review::from_referral_json`]).
#[wasm_bindgen]
pub fn referral_review(death_text: &str, args_text: &str) -> String {
    envelope((|| {
        let value = json::parse(args_text)?;
        let a = args(&value, &["rules"])?;
        let rules = match a.opt("rules") {
            None => RuleSet::builtin(dhr_core::rules::DEFAULT_RULE_SET)?,
            Some(Value::String(id)) => RuleSet::builtin(id).map_err(|e| e.under("rules"))?,
            Some(v) => RuleSet::from_value(v, "rules")?,
        };
        Ok(Review::from_referral_json(death_text, rules)?.to_value())
    })())
}

/// `ruleSets()`: the built-in rule sets' ids, `{"ids": [...], "default"}`.
#[wasm_bindgen]
pub fn rule_sets() -> String {
    let mut m = serde_json::Map::new();
    m.insert("ids".into(), dhr_core::rules::BUILTIN_IDS.into());
    m.insert("default".into(), dhr_core::rules::DEFAULT_RULE_SET.into());
    envelope(Ok(Value::Object(m)))
}

/// `plainDate("YYYY-MM-DD")`: the date in en-GB words ([`wording::date`]).
#[wasm_bindgen]
pub fn plain_date(args_text: &str) -> String {
    envelope((|| {
        let value = json::parse(args_text)?;
        let a = args(&value, &["date"])?;
        Ok(wording::date(a.req_date("date")?))
    })())
}

/// `new Review(doc)`: read a 6.3 document, replaying its events, and give
/// it back as dhr-core writes it.
#[wasm_bindgen]
pub fn review_load(review_text: &str) -> String {
    envelope(Review::from_json(review_text).map(|r| r.to_value()))
}

/// `review.apply(event)`: the review (6.3) with one more event, or the
/// error (path `events[N]...`); the caller keeps its review on error.
#[wasm_bindgen]
pub fn review_apply(review_text: &str, event_text: &str) -> String {
    envelope((|| {
        let mut review = Review::from_json(review_text)?;
        let event = json::parse(event_text)?;
        review.apply_value(&event)?;
        Ok(review.to_value())
    })())
}

/// `addMonths(start, months, policy)`: args `{"start", "months", "policy"?}`;
/// the answer `{"date", "clamped"}`.
#[wasm_bindgen]
pub fn add_months(args_text: &str) -> String {
    envelope((|| {
        let value = json::parse(args_text)?;
        let a = args(&value, &["start", "months", "policy"])?;
        let start = a.req_date("start")?;
        let months = count(&a, "months")?;
        let policy = a
            .opt_enum("policy", MonthEndPolicy::from_str, MonthEndPolicy::NAMES)?
            .unwrap_or_default();
        let later = calendar::add_months(start, months, policy)?;
        serde_json::to_value(later).map_err(|_| {
            Error::new(
                ErrorCode::InvalidValue,
                "",
                "the answer could not be written",
            )
        })
    })())
}

/// The `region` argument, England and Wales by default.
fn region(a: &Obj) -> Result<Region> {
    Ok(a.opt_enum("region", Region::from_str, Region::NAMES)?
        .unwrap_or_default())
}

/// `addWorkingDays(start, days, region)`: args `{"start", "days", "region"?}`;
/// the answer a date.
#[wasm_bindgen]
pub fn add_working_days(args_text: &str) -> String {
    envelope((|| {
        let value = json::parse(args_text)?;
        let a = args(&value, &["start", "days", "region"])?;
        let start = a.req_date("start")?;
        let days = count(&a, "days")?;
        let date = calendar::add_working_days(start, days, region(&a)?)?;
        Ok(json::fmt_date(date))
    })())
}

/// `isWorkingDay(date, region)`: args `{"date", "region"?}`; the answer a
/// boolean.
#[wasm_bindgen]
pub fn is_working_day(args_text: &str) -> String {
    envelope((|| {
        let value = json::parse(args_text)?;
        let a = args(&value, &["date", "region"])?;
        let date = a.req_date("date")?;
        calendar::is_working_day(date, region(&a)?)
    })())
}

/// `ruleSet(id)`: args `{"id"}`, a built-in rule set's id; the answer the
/// rule set in the shape of its JSON file (titles, periods, citations and
/// marks of every rule), as dhr-core holds it.
#[wasm_bindgen]
pub fn rule_set(args_text: &str) -> String {
    envelope((|| {
        let value = json::parse(args_text)?;
        let a = args(&value, &["id"])?;
        let id = a.req_str("id")?;
        RuleSet::builtin(id)
            .map(|set| set.to_value())
            .map_err(|e| e.under("id"))
    })())
}

/// `headlines()`: the sentence for each outcome and regime of an answer
/// (dhr-core's [`dhr_core::report::headlines`]).
#[wasm_bindgen]
pub fn headlines() -> String {
    envelope(Ok(dhr_core::report::headlines()))
}

/// `marks()`: the meaning of each confidence mark, `{"S": ..., ...}`
/// ([`dhr_core::Mark::meaning`]), for a legend.
#[wasm_bindgen]
pub fn marks() -> String {
    let m: serde_json::Map<String, Value> = dhr_core::Mark::ALL
        .iter()
        .map(|m| (m.as_str().to_string(), m.meaning().into()))
        .collect();
    envelope(Ok(Value::Object(m)))
}

/// Stop the module with a trap, as a bug would. Only for the wrapper's test
/// that a trapped module is replaced and the package stays usable.
#[doc(hidden)]
#[wasm_bindgen]
pub fn __dhr_trap() {
    std::process::abort();
}
