//! Person-facing wording: the sentences of dhr-core for a referrer reading a
//! web page, not for a program. No field paths and no snake_case: "person 1"
//! for `suspects[0]`, "coercive control" for `coercive_control`, dates in
//! en-GB ("29 February 2024").
//!
//! The technical text stays the contract (spec 6.2, 6.4, 7); this module is
//! derived from it, so the two say the same thing: a reason's plain sentence
//! is its rule's template filled with person-facing values
//! ([`Reason::plain`](crate::eligibility::Reason::plain)), and an error's or
//! a deadline's plain text is its technical text with each field path or
//! snake_case name turned into words ([`text`]). Kept as a transformation,
//! not as a second copy of every sentence, so the WebAssembly module stays
//! small and the wordings cannot drift apart.

use crate::eligibility::{Assessment, MissingFact, SuspectFact};
use crate::error::Error;
use chrono::NaiveDate;
use serde_json::Value;

pub use crate::json::en_gb as date;

/// The question a referrer is asked for a missing fact (spec 6.2 `missing`).
///
/// ```
/// use dhr_core::eligibility::{MissingFact, SuspectFact};
/// use dhr_core::wording::question;
/// let q = question(MissingFact::Suspect(0, SuspectFact::AbuseSuspected));
/// assert!(q.contains("person 1"), "{q}");
/// ```
pub fn question(fact: MissingFact) -> String {
    match fact {
        MissingFact::DeceasedAge => {
            "How old was the deceased? An age, a date of birth or an age band will do.".into()
        }
        MissingFact::Suspects => "Who is suspected of causing the death, if anyone?".into(),
        MissingFact::AbuseIndicators => {
            "What abusive behaviour, if any, was there (for example coercive control)?".into()
        }
        MissingFact::Suspect(i, f) => {
            let n = i.saturating_add(1);
            match f {
                SuspectFact::Connection => format!(
                    "How was person {n} connected to the deceased (partner, former partner, relative or none)?"
                ),
                SuspectFact::SameHousehold => {
                    format!("Was person {n} a member of the same household as the deceased?")
                }
                SuspectFact::Age => format!("Was person {n} aged 16 or over?"),
                SuspectFact::AbuseSuspected => format!(
                    "Does the death appear to have resulted from violence, abuse or neglect by person {n}?"
                ),
            }
        }
    }
}

/// Technical text in person-facing words: each field path or snake_case
/// token becomes words (`suspects[0].date_of_birth` is "person 1's date of
/// birth", `deceased.age` "the deceased's age", `qa_panel_meetings` "qa
/// panel meetings"), ISO dates become en-GB and "csp" the partnership.
///
/// ```
/// use dhr_core::wording::text;
/// assert_eq!(
///     text("deceased.date_of_birth is after date_of_death"),
///     "the deceased's date of birth is after the date of death"
/// );
/// assert_eq!(text("due 2024-02-29 (by csp)"), "due 29 February 2024 (by the partnership)");
/// ```
pub fn text(technical: &str) -> String {
    let mut out = String::with_capacity(technical.len() + 16);
    let mut rest = technical;
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphanumeric()) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        // A token: letters, digits, `_`, `[`, `]`, `-` and inner dots.
        let mut end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || "_[]-.".contains(c)))
            .unwrap_or(tail.len());
        while end > 0 && tail.as_bytes().get(end - 1) == Some(&b'.') {
            end -= 1;
        }
        let (token, after) = tail.split_at(end);
        token_words(&mut out, token);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// One token in words.
fn token_words(out: &mut String, token: &str) {
    if let Some(d) = iso_date(token) {
        out.push_str(&date(d));
        return;
    }
    let technical = token.contains('_') || token.contains('[') || is_path(token);
    if !technical {
        out.push_str(match token {
            "csp" => "the partnership",
            "CSP" => "partnership",
            "dhr" => "review",
            "asOf" => "the as-of date",
            _ => token,
        });
        return;
    }
    let parts: Vec<&str> = token.split('.').filter(|p| !p.is_empty()).collect();
    let last = parts.len().saturating_sub(1);
    for (k, part) in parts.iter().enumerate() {
        let (name, index) = match part.split_once('[') {
            Some((n, i)) => (n, index_of(i)),
            None => (*part, None),
        };
        let owner = k < last;
        match (name, index) {
            ("suspects", Some(i)) => {
                out.push_str("person ");
                out.push_str(&i.saturating_add(1).to_string());
                if owner {
                    out.push_str("'s ");
                }
            }
            ("deceased", _) => out.push_str(if owner {
                "the deceased's "
            } else {
                "the deceased"
            }),
            ("as_of", None) if parts.len() == 1 => out.push_str("the as-of date"),
            ("notified_on", None) if parts.len() == 1 => {
                out.push_str("the date the partnership learned of the death");
            }
            (n, i) => {
                if k == 0 && parts.len() == 1 && n.starts_with("date_") {
                    out.push_str("the ");
                }
                for (j, w) in n.split('_').enumerate() {
                    if j > 0 {
                        out.push(' ');
                    }
                    out.push_str(match w {
                        "imr" => "IMR",
                        "qa" => "QA",
                        "home" => "Home",
                        "office" => "Office",
                        "csp" => "partnership",
                        _ => w,
                    });
                }
                if let Some(i) = i {
                    out.push(' ');
                    out.push_str(&i.saturating_add(1).to_string());
                }
                if owner {
                    out.push(' ');
                }
            }
        }
    }
}

/// A `YYYY-MM-DD` token as a date (dhr-core's own strict reader, not
/// chrono's format parser, which would add to the WebAssembly module).
fn iso_date(token: &str) -> Option<NaiveDate> {
    if token.len() != 10 || token.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    crate::json::parse_date(token, "").ok()
}

/// `a.b` where both sides are lower-case names (not `s.9`, not `e.g`).
fn is_path(token: &str) -> bool {
    match token.split_once('.') {
        Some((a, b)) => {
            a.len() > 2
                && b.len() > 2
                && a.bytes().all(|c| {
                    c.is_ascii_lowercase()
                        || c == b'_'
                        || c == b'['
                        || c == b']'
                        || c.is_ascii_digit()
                })
                && b.bytes().next().is_some_and(|c| c.is_ascii_lowercase())
        }
        None => false,
    }
}

/// An error's message for a person: the field in words, then the problem.
///
/// ```
/// use dhr_core::{Error, ErrorCode};
/// let e = Error::new(ErrorCode::InvalidDate, "deceased.date_of_birth", "deceased.date_of_birth is after date_of_death");
/// assert_eq!(dhr_core::wording::error(&e), "the deceased's date of birth is after the date of death");
/// ```
pub fn error(err: &Error) -> String {
    let message = text(err.message());
    let path = err.path();
    if path.is_empty() || crate::json::find(err.message(), path).is_some() {
        return message;
    }
    let mut out = text(path);
    out.push_str(": ");
    out.push_str(&message);
    out
}

/// An assessment (spec 6.2) with person-facing sentences: each reason's
/// `text` is its plain sentence ([`Reason::plain`](crate::eligibility::Reason::plain)),
/// `questions` (beside `missing`, in its order) asks for each missing
/// fact, and each related review has `dates`, its dates in words (empty
/// when it has none). The other members are those of [`Assessment::to_value`].
pub fn assessment(a: &Assessment) -> Value {
    // Through JSON text, the way the bindings already write answers: a
    // second serialiser (to a `Value`) would add to the WebAssembly module.
    let mut v = serde_json::to_vec(a)
        .ok()
        .and_then(|t| String::from_utf8(t).ok())
        .and_then(|t| crate::json::parse(&t).ok())
        .unwrap_or(Value::Null);
    if let Some(Value::Array(reasons)) = v.get_mut("reasons") {
        for (r, out) in a.reasons.iter().zip(reasons.iter_mut()) {
            if let Some(o) = out.as_object_mut() {
                o.insert("text".into(), Value::String(r.plain()));
            }
        }
    }
    // A related review's dates in words: "notify by 18 March 2024; rapid
    // review by 3 April 2024".
    if let Some(Value::Array(related)) = v.get_mut("related_reviews") {
        for r in related {
            let mut dates = String::new();
            for k in ["notify_by", "rapid_review_by"] {
                if let Some(d) = r.get(k).and_then(Value::as_str) {
                    push_part(&mut dates, "; ", &text(k));
                    dates.push(' ');
                    dates.push_str(&text(d));
                }
            }
            if let Some(o) = r.as_object_mut() {
                o.insert("dates".into(), dates.into());
            }
        }
    }
    let questions: Vec<String> = a.missing.iter().map(|m| question(*m)).collect();
    if let Some(o) = v.as_object_mut() {
        let questions = questions.into_iter().map(Value::String).collect();
        o.insert("questions".into(), Value::Array(questions));
    }
    v
}

/// A deadline's explanation (spec 6.4) for a person: in words ([`text`]),
/// without its closing "Source: ..." sentence, since the page shows the
/// deadline's `citation` once beside it.
///
/// ```
/// let e = "Due within 1 calendar month of the day the CSP was notified. Source: X [L, P].";
/// assert_eq!(dhr_core::wording::explanation(e), "Due within 1 calendar month of the day the partnership was notified.");
/// ```
pub fn explanation(technical: &str) -> String {
    let body = technical
        .rsplit_once(" Source: ")
        .map_or(technical, |(b, _)| b);
    text(body)
}

/// A status answer (spec 6.4, as JSON) for a person: each deadline's
/// explanation in words ([`explanation`]), and beside the codes their words
/// (all written by [`text`]): `stage_text` ("terms of reference agreed",
/// ", paused" when paused), each deadline's `status_text` ("due soon") and
/// `facts` ("from 31 January 2024, due 29 February 2024, 9 days left"), and
/// each next event's `text` ("decided, by the partnership"). The other
/// members are unchanged.
///
/// ```
/// use dhr_core::lifecycle::{Review, StatusOptions};
/// let review = Review::from_json(r#"{"schema_version": 1, "rules": "stockton_2011",
///   "events": [{"on": "2024-01-31", "event": "notified", "by": "police"}]}"#)?;
/// let as_of = dhr_core::json::parse_date("2024-02-20", "")?;
/// let v = dhr_core::wording::status(review.status(as_of, &StatusOptions::default())?.to_value());
/// assert_eq!(v["stage_text"], "notified");
/// assert_eq!(v["deadlines"][0]["status_text"], "due soon");
/// assert_eq!(v["deadlines"][0]["facts"], "from 31 January 2024, due 29 February 2024, 9 days left");
/// assert_eq!(v["next"][0]["text"], "decided, by the partnership");
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn status(mut v: Value) -> Value {
    let str_of = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(text);
    let mut stage = str_of(&v, "stage").unwrap_or_default();
    if v.get("paused") == Some(&Value::Bool(true)) {
        stage.push_str(", paused");
    }
    if let Some(Value::Array(deadlines)) = v.get_mut("deadlines") {
        for d in deadlines {
            let status = str_of(d, "status");
            let facts = facts(d);
            if let Some(o) = d.as_object_mut() {
                if let Some(Value::String(e)) = o.get("explanation") {
                    let plain = explanation(e);
                    o.insert("explanation".into(), Value::String(plain));
                }
                o.insert("status_text".into(), status.into());
                o.insert("facts".into(), facts.into());
            }
        }
    }
    if let Some(Value::Array(next)) = v.get_mut("next") {
        for n in next {
            let mut line = str_of(n, "event").unwrap_or_default();
            line.push_str(", by ");
            let mut by = String::new();
            for r in n.get("by").and_then(Value::as_array).into_iter().flatten() {
                push_part(&mut by, " or ", &role(r.as_str().unwrap_or_default()));
            }
            line.push_str(&by);
            if let Some(o) = n.as_object_mut() {
                o.insert("text".into(), line.into());
            }
        }
    }
    if let Some(o) = v.as_object_mut() {
        o.insert("stage_text".into(), stage.into());
    }
    v
}

/// A role in words: "the partnership", "the chair", "the Home Office".
fn role(r: &str) -> String {
    let words = text(r);
    if r == "csp" {
        words
    } else {
        format!("the {words}")
    }
}

/// `part` after `out`, with `sep` between them when `out` is not empty
/// (not `join`, which would add to the WebAssembly module).
fn push_part(out: &mut String, sep: &str, part: &str) {
    if !out.is_empty() {
        out.push_str(sep);
    }
    out.push_str(part);
}

/// A deadline's dates and counts in words, from its 6.4 members.
fn facts(d: &Value) -> String {
    let mut out = String::new();
    let day = |k: &str| d.get(k).and_then(Value::as_str).map(text);
    let count = |k: &str| d.get(k).and_then(Value::as_i64);
    let days = |n: i64| {
        if n == 1 {
            "1 day".to_string()
        } else {
            format!("{n} days")
        }
    };
    if let Some(from) = day("from") {
        push_part(&mut out, ", ", &format!("from {from}"));
    }
    if let Some(due) = day("due") {
        push_part(&mut out, ", ", &format!("due {due}"));
    }
    match count("days_left") {
        Some(0) => push_part(&mut out, ", ", "due today"),
        Some(n) => push_part(&mut out, ", ", &format!("{} left", days(n))),
        None => {}
    }
    if let Some(n) = count("days_late") {
        push_part(&mut out, ", ", &format!("{} late", days(n)));
    }
    if let Some(n) = count("paused_days").filter(|n| *n > 0) {
        push_part(&mut out, ", ", &format!("paused for {}", days(n)));
    }
    out
}

/// A review's events for a person (spec 6.3 in words), in the log's order:
/// `{"on", "date", "text", "counted"}` each, `date` in en-GB, `text` the
/// event and who recorded it ("decided, by the partnership"), `counted`
/// false for an event after `as_of` (which a status ignores, and the text
/// says so).
///
/// ```
/// use dhr_core::lifecycle::Review;
/// let review = Review::from_json(r#"{"schema_version": 1, "rules": "stockton_2011",
///   "events": [{"on": "2024-01-31", "event": "notified", "by": "police"},
///              {"on": "2024-02-12", "event": "decided", "by": "csp", "review": true}]}"#)?;
/// let v = dhr_core::wording::events(review.events(), dhr_core::json::parse_date("2024-02-01", "")?);
/// assert_eq!(v[0]["text"], "notified, by the police");
/// assert_eq!((v[1]["date"].as_str(), v[1]["counted"].as_bool()), (Some("12 February 2024"), Some(false)));
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn events(events: &[crate::events::Event], as_of: NaiveDate) -> Value {
    Value::Array(
        events
            .iter()
            .map(|e| {
                let counted = e.on <= as_of;
                let line = format!(
                    "{}, by {}{}",
                    text(e.kind.name().as_str()),
                    role(e.by.as_str()),
                    if counted {
                        ""
                    } else {
                        " (after the as-of date: not counted)"
                    }
                );
                // A map by hand: `json!` would bring serde's serialiser to
                // `Value` into the WebAssembly module.
                let mut m = serde_json::Map::new();
                m.insert("on".into(), crate::json::fmt_date(e.on).into());
                m.insert("date".into(), date(e.on).into());
                m.insert("text".into(), line.into());
                m.insert("counted".into(), counted.into());
                Value::Object(m)
            })
            .collect(),
    )
}

/// A warning for each date of a death after `today`, for a person (the
/// caller gives today's date: dhr-core never reads the clock). The answer
/// is not changed by it; the date may be a typing mistake.
///
/// ```
/// use dhr_core::case::Death;
/// let death = Death::from_json(r#"{"schema_version": 1, "date_of_death": "2030-03-10",
///   "nation": "england", "manner": "homicide", "deceased": {"age": 40}, "suspects": []}"#)?;
/// let w = dhr_core::wording::after_today(&death, dhr_core::json::parse_date("2026-12-02", "")?);
/// assert_eq!(w, ["The date of death, 10 March 2030, is after today, 2 December 2026: please check it."]);
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn after_today(death: &crate::case::Death, today: NaiveDate) -> Vec<String> {
    [
        ("date_of_death", Some(death.date_of_death)),
        ("notified_on", death.notified_on),
    ]
    .into_iter()
    .filter_map(|(field, d)| d.filter(|d| *d > today).map(|d| (field, d)))
    .map(|(field, d)| {
        // "The date ...": the field's words ("the date of death") start a sentence.
        let what = text(field);
        let what = what.strip_prefix("the ").unwrap_or(&what);
        format!(
            "The {what}, {}, is after today, {}: please check it.",
            date(d),
            date(today)
        )
    })
    .collect()
}

/// The index of `3]` (a plain loop: no integer parser in the module).
fn index_of(s: &str) -> Option<usize> {
    let digits = s.strip_suffix(']')?;
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0usize, |n, c| {
        c.is_ascii_digit()
            .then(|| n.checked_mul(10)?.checked_add(usize::from(c - b'0')))
            .flatten()
    })
}
