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
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    chrono::DateTime::from_timestamp(d.as_secs() as i64, d.subsec_nanos())
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_default()
}

fn line(v: &Value) {
    let mut err = std::io::stderr().lock();
    let _ = serde_json::to_writer(&mut err, v);
    let _ = writeln!(err);
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
/// (a 401, a 404, a 500 after a panic) and its size.
pub async fn request(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().to_string();
    let route = route_of(req.uri().path());
    let resp = next.run(req).await;
    let bytes = resp.body().size_hint().exact();
    line(&json!({
        "time": now(),
        "method": method,
        "route": route,
        "status": resp.status().as_u16(),
        "duration_ms": (start.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0,
        "bytes": bytes,
    }));
    resp
}
