//! One JSON line per request on standard error (spec 9): time, method,
//! route, status, duration, bytes. Never a body, a query string, a token or
//! the path as sent: `route` is the route's pattern (`/v1/rules/{id}`), or
//! `null` when no route matched.

use axum::body::HttpBody as _;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{json, Value};
use std::io::Write as _;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The route patterns, for the log (the one place that knows them besides
/// the router).
const ROUTES: &[&str] = &[
    "/v1/health",
    "/v1/engine",
    "/v1/rules",
    "/v1/rules/{id}",
    "/v1/schema/{name}",
    "/openapi.json",
    "/v1/assess",
    "/v1/assess/batch",
    "/v1/status",
    "/v1/status/batch",
    "/v1/review/apply",
    "/v1/_test/panic",
];

fn route_of(path: &str) -> Option<&'static str> {
    ROUTES.iter().copied().find(|r| match r.split_once('{') {
        Some((prefix, _)) => path
            .strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && !rest.contains('/')),
        None => *r == path,
    })
}

/// The time now, RFC 3339 in UTC with milliseconds (the service, not the
/// library, reads the clock: for its log only).
fn now() -> String {
    let mut out = String::with_capacity(24);
    write_now(&mut out);
    out
}

/// [`now`], written into `out` (`2026-12-02T03:04:05.678Z`, as chrono's
/// `%Y-%m-%dT%H:%M:%S%.3fZ` writes it, without parsing that format on every
/// line).
fn write_now(out: &mut String) {
    use chrono::{Datelike as _, Timelike as _};
    use std::fmt::Write as _;
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    if let Some(t) = chrono::DateTime::from_timestamp(d.as_secs() as i64, d.subsec_nanos()) {
        let _ = write!(
            out,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            d.subsec_millis()
        );
    }
}

/// Write one line to standard error in one call (standard error is not
/// buffered: a writer that wrote piece by piece would make a system call
/// per piece).
fn write_line(mut text: Vec<u8>) {
    text.push(b'\n');
    let _ = std::io::stderr().lock().write_all(&text);
}

fn line(v: &Value) {
    write_line(serde_json::to_vec(v).unwrap_or_default());
}

/// A line about the service itself (`listening` with its address,
/// `stopping`, `stopped`, `panic`).
pub fn event(event: &str, addr: Option<&str>) {
    line(&match addr {
        Some(a) => json!({"time": now(), "event": event, "addr": a}),
        None => json!({"time": now(), "event": event}),
    });
}

/// A panic is logged as one line with where it happened, never its message
/// (which could hold a value of the request).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        line(&json!({"time": now(), "event": "panic", "at": at}));
    }));
}

/// The logging middleware: the outermost layer, so it sees every answer
/// (a 401, a 404, a 500 after a panic) and its size. The line is written by
/// hand (the keys of `json!` in order, the method and route as JSON
/// strings), once per request: it is on the path of every call.
pub async fn request(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let route = route_of(req.uri().path());
    let resp = next.run(req).await;
    let bytes = resp.body().size_hint().exact();
    let ms = (start.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
    let mut out = String::with_capacity(160);
    out.push_str("{\"time\":\"");
    write_now(&mut out);
    out.push_str("\",\"method\":");
    let mut out = out.into_bytes();
    let _ = serde_json::to_writer(&mut out, method.as_str());
    out.extend_from_slice(b",\"route\":");
    let _ = serde_json::to_writer(&mut out, &route);
    let _ = write!(
        out,
        ",\"status\":{},\"duration_ms\":",
        resp.status().as_u16()
    );
    let _ = serde_json::to_writer(&mut out, &ms);
    out.extend_from_slice(b",\"bytes\":");
    let _ = serde_json::to_writer(&mut out, &bytes);
    out.push(b'}');
    write_line(out);
    resp
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_time_is_written_as_chrono_formats_it() {
        let t = now();
        let back = chrono::DateTime::parse_from_rfc3339(&t).unwrap();
        assert_eq!(back.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(), t, "{t}");
    }
}
