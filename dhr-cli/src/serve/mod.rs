//! `dhr serve` (spec section 9): the engine as a local HTTP/JSON service.
//!
//! Only HTTP lives here: routes, headers, limits, the token, logs and
//! shutdown. Every answer and every refusal of a document comes from
//! [`dhr_core::service`], the same functions the command line's answers
//! come from.
//!
//! The stack: axum (routing, extractors) on tokio, served by hyper's own
//! HTTP/1.1 connection builder (with a timer, so that headers that do not
//! arrive within 30 s close the connection), tower-http's `CatchPanicLayer`
//! (a panic in a handler is a 500 `internal_error`, and the service keeps
//! serving) and `TimeoutLayer` (a request not received and answered within
//! 30 s is answered 408).

mod log;

use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use dhr_core::catalogue::HttpCode;
use dhr_core::rule_library::RuleLibrary;
use dhr_core::rules::RuleSet;
use dhr_core::service::{self, Endpoint, Query, Refused};
use dhr_core::{Error, ErrorCode};
use http_body_util::BodyExt;
use serde_json::Value;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// A request that is not received and answered within this is answered 408.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How long requests in flight may take to finish after SIGTERM or SIGINT.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The options of `dhr serve`.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// The address and port to listen on (default 127.0.0.1:8080). An address
    /// other than loopback needs --token-file.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// A file holding the bearer token every request but GET /v1/health must give.
    #[arg(long = "token-file", value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// The largest request body accepted, in bytes (default 16 MiB).
    #[arg(long = "max-body", value_name = "BYTES")]
    pub max_body: Option<String>,
    /// A directory of rule sets (*.json) that reviews may name by id.
    #[arg(long = "rules-dir", value_name = "DIR")]
    pub rules_dir: Option<PathBuf>,
}

struct App {
    library: RuleLibrary,
    token: Option<Vec<u8>>,
    max_body: usize,
    openapi: Vec<u8>,
}

type Shared = Arc<App>;

fn usage(path: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::Usage, path, message)
}

/// The rule sets of `--rules-dir`: every `*.json` file, in name order. A
/// file that is not a valid rule set, or whose id is taken, stops the start
/// (the error's message names the file).
fn load_rules_dir(dir: &std::path::Path) -> Result<RuleLibrary, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        usage(
            "--rules-dir",
            format!("cannot read the rules directory: {}", e.kind()),
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    files.sort();
    let mut library = RuleLibrary::builtin();
    for file in files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let named = |e: Error| Error::new(e.code(), e.path(), format!("{name}: {}", e.message()));
        let text = crate::read_input(&file.to_string_lossy())
            .map_err(|e| usage("--rules-dir", format!("{name}: {}", e.message())))?;
        let set = RuleSet::from_json(&text).map_err(named)?;
        library.add(set).map_err(named)?;
    }
    Ok(library)
}

fn read_token(file: &std::path::Path) -> Result<Vec<u8>, Error> {
    let text = crate::read_input(&file.to_string_lossy()).map_err(|e| {
        usage(
            "--token-file",
            e.message().replace("input file", "token file"),
        )
    })?;
    let token = text.trim();
    if token.is_empty() {
        return Err(usage("--token-file", "the token file is empty"));
    }
    Ok(token.as_bytes().to_vec())
}

/// The OpenAPI description: the stored template with the 8.8 schemas put
/// into `components.schemas` (their `$defs` lifted beside them, so every
/// `$ref` resolves inside the one document).
fn openapi() -> Result<Vec<u8>, Error> {
    let bad = |m: &str| usage("", format!("the OpenAPI description cannot be built: {m}"));
    let mut doc: Value = serde_json::from_str(include_str!("openapi.json"))
        .map_err(|_| bad("the template is not JSON"))?;
    if let Some(v) = doc.pointer_mut("/info/version") {
        *v = Value::from(env!("CARGO_PKG_VERSION"));
    }
    let mut schemas = serde_json::Map::new();
    for name in dhr_core::schema::NAMES {
        let mut s: Value = dhr_core::schema::get(name)
            .ok()
            .and_then(|t| serde_json::from_str(t).ok())
            .ok_or_else(|| bad("a schema is not JSON"))?;
        if let Value::Object(m) = &mut s {
            m.remove("$schema");
            m.remove("$id");
            if let Some(Value::Object(defs)) = m.remove("$defs") {
                for (k, mut v) in defs {
                    rewrite_refs(&mut v, name);
                    schemas.insert(format!("{name}_{k}"), v);
                }
            }
        }
        rewrite_refs(&mut s, name);
        if *name == "error" {
            // The service answers the library's codes and its own HTTP ones
            // (`catalogue::HttpCode`: 401, 404, 405, 413, 415, 500).
            if let Some(Value::Array(codes)) =
                s.pointer_mut("/properties/error/properties/code/enum")
            {
                codes.extend(
                    dhr_core::catalogue::HttpCode::ALL
                        .iter()
                        .map(|c| Value::from(c.as_str())),
                );
            }
        }
        schemas.insert(name.to_string(), s);
    }
    match doc.pointer_mut("/components/schemas") {
        Some(v) => *v = Value::Object(schemas),
        None => return Err(bad("the template has no components.schemas")),
    }
    serde_json::to_vec(&doc).map_err(|_| bad("cannot be written"))
}

/// `#/$defs/X` in schema `name` becomes `#/components/schemas/name_X`; a
/// reference to another schema file (`review.json`, `.../status.json#`)
/// becomes `#/components/schemas/review`.
fn rewrite_refs(v: &mut Value, name: &str) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if k == "$ref" {
                    if let Value::String(r) = x {
                        if let Some(def) = r.strip_prefix("#/$defs/") {
                            *r = format!("#/components/schemas/{name}_{def}");
                        } else if !r.starts_with("#/components/") {
                            let (file, frag) = r.split_once('#').unwrap_or((r.as_str(), ""));
                            let base = file.rsplit('/').next().unwrap_or(file);
                            let other = base.trim_end_matches(".json").to_string();
                            if dhr_core::schema::NAMES.contains(&other.as_str()) {
                                *r = match frag.strip_prefix("/$defs/") {
                                    Some(def) => format!("#/components/schemas/{other}_{def}"),
                                    None => format!("#/components/schemas/{other}"),
                                };
                            }
                        }
                    }
                } else {
                    rewrite_refs(x, name);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| rewrite_refs(x, name)),
        _ => {}
    }
}

fn json_response(status: u16, body: Vec<u8>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

fn value_response(status: u16, v: &Value) -> Response {
    json_response(status, serde_json::to_vec(v).unwrap_or_default())
}

fn refused(r: Refused) -> Response {
    let mut resp = value_response(r.status, &r.error);
    if r.status == 401 {
        resp.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    resp
}

fn http(code: HttpCode, message: &str) -> Response {
    refused(Refused::http(code, message))
}

/// The query pairs, every one (so that a repeated name is seen).
fn pairs(query: &Option<String>) -> Vec<(String, String)> {
    query
        .as_deref()
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
}

/// Read the body, at most `max` bytes (more: 413).
async fn read_body(body: Body, max: usize) -> Result<Vec<u8>, Box<Response>> {
    let mut body = body;
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| {
            Box::new(refused(
                Error::new(
                    ErrorCode::InvalidJson,
                    "",
                    "the body could not be read in full",
                )
                .into(),
            ))
        })?;
        if let Ok(data) = frame.into_data() {
            if bytes.len() + data.len() > max {
                return Err(Box::new(too_large()));
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

fn too_large() -> Response {
    http(
        HttpCode::PayloadTooLarge,
        "the body is larger than the service accepts (--max-body)",
    )
}

/// A POST endpoint: content type, query, body, then dhr-core's answer
/// (worked out on a blocking thread, so a large batch does not hold the
/// threads that serve other clients).
async fn convert(
    endpoint: Endpoint,
    app: Shared,
    query: Option<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if !is_json(&headers) {
        return http(
            HttpCode::UnsupportedMediaType,
            "the body must be JSON, sent with Content-Type: application/json",
        );
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > app.max_body as u64) {
        return too_large();
    }
    let query = match Query::parse(pairs(&query), endpoint) {
        Ok(q) => q,
        Err(r) => return refused(r),
    };
    let bytes = match read_body(body, app.max_body).await {
        Ok(b) => b,
        Err(resp) => return *resp,
    };
    let work = move || {
        let text = String::from_utf8(bytes).map_err(|_| {
            Refused::from(Error::new(
                ErrorCode::InvalidJson,
                "",
                "the body is not valid UTF-8 text",
            ))
        })?;
        service::answer(endpoint, &text, &query, &app.library)
    };
    let answered = match endpoint {
        // A batch is worked out on a blocking thread, so that it does not
        // hold the threads that serve other clients; one document is
        // answered in place (tens of microseconds).
        Endpoint::AssessBatch | Endpoint::StatusBatch => {
            match tokio::task::spawn_blocking(work).await {
                Ok(answered) => answered,
                // A panic in dhr-core: logged by the panic hook (without the body).
                Err(_) => return internal_error(),
            }
        }
        // A panic here is caught by the CatchPanicLayer.
        _ => work(),
    };
    match answered {
        Ok(body) => json_response(200, body.into_bytes()),
        Err(r) => refused(r),
    }
}

fn internal_error() -> Response {
    http(
        HttpCode::InternalError,
        "an internal error: the request was not answered; the service keeps serving",
    )
}

/// A GET endpoint's parameters: checked, then unused.
fn check_get(query: &Option<String>) -> Result<(), Box<Response>> {
    Query::parse(pairs(query), Endpoint::Get)
        .map(|_| ())
        .map_err(|r| Box::new(refused(r)))
}

async fn health(RawQuery(q): RawQuery) -> Response {
    if let Err(r) = check_get(&q) {
        return *r;
    }
    value_response(200, &serde_json::json!({"status": "ok"}))
}

async fn engine(RawQuery(q): RawQuery) -> Response {
    if let Err(r) = check_get(&q) {
        return *r;
    }
    value_response(200, &dhr_core::service::engine())
}

async fn rules(State(app): State<Shared>, RawQuery(q): RawQuery) -> Response {
    if let Err(r) = check_get(&q) {
        return *r;
    }
    value_response(200, &service::rules_list(&app.library))
}

async fn rule_set(
    State(app): State<Shared>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    if let Err(r) = check_get(&q) {
        return *r;
    }
    match service::rule_set(&app.library, &id) {
        Ok(v) => value_response(200, &v),
        Err(r) => refused(r),
    }
}

async fn schema(Path(name): Path<String>, RawQuery(q): RawQuery) -> Response {
    if let Err(r) = check_get(&q) {
        return *r;
    }
    match service::schema(&name) {
        Ok(v) => value_response(200, &v),
        Err(r) => refused(r),
    }
}

async fn openapi_json(State(app): State<Shared>, RawQuery(q): RawQuery) -> Response {
    if let Err(r) = check_get(&q) {
        return *r;
    }
    json_response(200, app.openapi.clone())
}

macro_rules! post_route {
    ($endpoint:expr) => {
        post(
            |State(app): State<Shared>, RawQuery(q): RawQuery, headers: HeaderMap, body: Body| {
                convert($endpoint, app, q, headers, body)
            },
        )
    };
}

/// Every request but `GET /v1/health` gives the token, when there is one
/// (compared in constant time).
async fn auth(State(app): State<Shared>, req: Request, next: Next) -> Response {
    if let Some(token) = &app.token {
        let open = req.method() == Method::GET && req.uri().path() == "/v1/health";
        if !open {
            let given = req
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.as_bytes().strip_prefix(b"Bearer "))
                .unwrap_or_default();
            let same: bool = subtle::ConstantTimeEq::ct_eq(given, token.as_slice()).into();
            if !same {
                return http(
                    HttpCode::Unauthorized,
                    "this service needs the header Authorization: Bearer <token>",
                );
            }
        }
    }
    next.run(req).await
}

fn router(app: Shared) -> Router {
    let mut r = Router::new()
        .route("/v1/health", get(health))
        .route("/v1/engine", get(engine))
        .route("/v1/rules", get(rules))
        .route("/v1/rules/{id}", get(rule_set))
        .route("/v1/schema/{name}", get(schema))
        .route("/openapi.json", get(openapi_json))
        .route("/v1/assess", post_route!(Endpoint::Assess))
        .route("/v1/assess/batch", post_route!(Endpoint::AssessBatch))
        .route("/v1/status", post_route!(Endpoint::Status))
        .route("/v1/status/batch", post_route!(Endpoint::StatusBatch))
        .route("/v1/review/apply", post_route!(Endpoint::ReviewApply));
    // Debug builds only, and only when asked: a handler that panics, for the
    // test that a panic is a 500 and the service keeps serving.
    if cfg!(debug_assertions) && std::env::var_os("DHR_SERVE_TEST_PANIC").is_some() {
        r = r.route("/v1/_test/panic", post(test_panic));
    }
    r.fallback(|| async { http(HttpCode::NotFound, "no such route") })
        .method_not_allowed_fallback(|| async {
            http(
                HttpCode::MethodNotAllowed,
                "this route does not take this method",
            )
        })
        .layer(middleware::from_fn_with_state(app.clone(), auth))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| internal_error(),
        ))
        .layer(middleware::from_fn(log::request))
        .with_state(app)
}

#[allow(clippy::panic)]
async fn test_panic() -> Response {
    panic!("the test route panics");
}

/// Run `dhr serve` until SIGTERM or SIGINT.
pub fn run(args: &ServeArgs) -> crate::Outcome {
    let addr: SocketAddr = args.listen.parse().map_err(|_| {
        usage(
            "--listen",
            "expected ADDR:PORT with an IP address (127.0.0.1:8080, [::1]:8080, 0.0.0.0:8080)",
        )
    })?;
    let token = args.token_file.as_deref().map(read_token).transpose()?;
    if token.is_none() && !addr.ip().is_loopback() {
        return Err(usage(
            "--listen",
            "listening on an address other than loopback needs --token-file",
        ));
    }
    let max_body = match &args.max_body {
        Some(n) => n
            .parse::<usize>()
            .map_err(|_| usage("--max-body", "expected a whole number of bytes"))?,
        None => service::DEFAULT_MAX_BODY,
    };
    let library = match &args.rules_dir {
        Some(dir) => load_rules_dir(dir)?,
        None => RuleLibrary::builtin(),
    };
    let app = Arc::new(App {
        library,
        token,
        max_body,
        openapi: openapi()?,
    });
    log::install_panic_hook();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| usage("", format!("cannot start the runtime: {}", e.kind())))?;
    rt.block_on(serve(addr, router(app)))?;
    Ok(ExitCode::SUCCESS)
}

async fn shutdown_signal() {
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term => {}
    }
}

async fn serve(addr: SocketAddr, app: Router) -> Result<(), Error> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        usage(
            "--listen",
            format!("cannot listen on the address: {}", e.kind()),
        )
    })?;
    let bound = listener.local_addr().unwrap_or(addr);
    log::event("listening", Some(&bound.to_string()));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(REQUEST_TIMEOUT)
        .keep_alive(true);
    let mut stop = std::pin::pin!(shutdown_signal());
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = match accepted {
                    Ok(s) => s,
                    Err(_) => {
                        // Out of file descriptors, or a connection reset
                        // before it was accepted: refuse this one, go on.
                        tokio::time::sleep(Duration::from_millis(5)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let service = hyper_util::service::TowerToHyperService::new(app.clone());
                let conn = builder.serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            _ = &mut stop => break,
        }
    }
    // Stop accepting; finish the requests in flight, up to 10 s.
    drop(listener);
    log::event("stopping", None);
    let finished = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_ok();
    log::event(
        if finished {
            "stopped"
        } else {
            "stopped_in_flight_cut"
        },
        None,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;
    use serde_json::json;

    #[test]
    fn schema_references_resolve_inside_the_one_description() {
        // The forms the schemas of spec 8.8 may use: their own $defs, another
        // schema by file name or by URL, with or without a fragment.
        let mut s = json!({
            "properties": {
                "death": {"$ref": "death.json"},
                "status": {"$ref": "https://example.invalid/schema/status.json#"},
                "event": {"$ref": "#/$defs/event"},
                "date": {"$ref": "death.json#/$defs/date"},
                "items": [{"$ref": "#/$defs/event"}],
                "other": {"$ref": "https://example.invalid/elsewhere.json"}
            }
        });
        rewrite_refs(&mut s, "review");
        let p = &s["properties"];
        assert_eq!(p["death"]["$ref"], "#/components/schemas/death");
        assert_eq!(p["status"]["$ref"], "#/components/schemas/status");
        assert_eq!(p["event"]["$ref"], "#/components/schemas/review_event");
        assert_eq!(p["date"]["$ref"], "#/components/schemas/death_date");
        assert_eq!(p["items"][0]["$ref"], "#/components/schemas/review_event");
        assert_eq!(p["other"]["$ref"], "https://example.invalid/elsewhere.json");
    }

    #[test]
    fn the_description_holds_every_schema_and_every_reference_resolves() {
        let doc: Value = serde_json::from_slice(&openapi().unwrap()).unwrap();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for name in dhr_core::schema::NAMES {
            assert!(schemas.contains_key(*name), "{name}");
        }
        fn refs(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    for (k, x) in m {
                        match (k.as_str(), x) {
                            ("$ref", Value::String(r)) => out.push(r.clone()),
                            _ => refs(x, out),
                        }
                    }
                }
                Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        refs(&doc, &mut all);
        assert!(!all.is_empty());
        for r in all {
            let pointer = r
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("external: {r}"));
            assert!(doc.pointer(pointer).is_some(), "{r} does not resolve");
        }
    }
}
