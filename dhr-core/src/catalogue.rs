//! The error catalogue: what each [`ErrorCode`] means, which path it reports,
//! and an example input that produces it.
//!
//! `docs/ERRORS.md` is rendered from this table by a test (`error_catalogue`),
//! which runs every example through the API and checks that it gives the code
//! and path written here, so the document cannot drift from the code.
//!
//! ```
//! use dhr_core::{catalogue, ErrorCode};
//! for code in ErrorCode::ALL {
//!     let entry = catalogue::entry(*code);
//!     assert_eq!(entry.code, *code);
//!     assert!(!entry.meaning.is_empty());
//! }
//! ```

use crate::error::ErrorCode;

/// Which API an [`Example`] input is given to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleKind {
    /// A death (spec 6.1) given to `assess` (`dhr assess FILE`).
    Assess,
    /// A review (spec 6.3) given to `status` as of `2024-06-01`
    /// (`dhr status FILE --as-of 2024-06-01`).
    Status,
    /// `add_months(2024-01-31, 1, policy)` with the policy named by the input.
    AddMonths,
    /// Arguments to the `dhr` command (one per line).
    CommandLine,
}

/// An input that produces an error, and the path that error reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// The API the input is given to.
    pub kind: ExampleKind,
    /// The input: a JSON document, a policy name, or command-line arguments.
    pub input: &'static str,
    /// The path the error reports for this input.
    pub path: &'static str,
}

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The code.
    pub code: ErrorCode,
    /// What the code means, for a caller deciding what to do about it.
    pub meaning: &'static str,
    /// Which path the error reports.
    pub path: &'static str,
    /// An input that produces it.
    pub example: Example,
}

/// The catalogue entry of `code`.
///
/// ```
/// use dhr_core::{catalogue, ErrorCode};
/// let e = catalogue::entry(ErrorCode::MissingField);
/// assert_eq!(e.example.path, "date_of_death");
/// ```
pub fn entry(code: ErrorCode) -> Entry {
    use ExampleKind::*;
    let (meaning, path, kind, input, example_path) = match code {
        ErrorCode::InvalidJson => (
            "The input is not well-formed JSON (or not UTF-8 text, on the command line). \
             Nothing was read.",
            "Always empty: the whole document.",
            Assess,
            r#"{"schema_version": 1, "date_of_death": "2024-03-10""#,
            "",
        ),
        ErrorCode::UnsupportedSchemaVersion => (
            "`schema_version` is not a version this library reads (this version reads 1). \
             A document written by a later version is refused rather than misread.",
            "`schema_version`, under the enclosing document's path (`death.schema_version` \
             for the death inside a review).",
            Assess,
            r#"{"schema_version": 2, "date_of_death": "2024-03-10", "nation": "england",
 "deceased": {}, "manner": "homicide", "suspects": []}"#,
            "schema_version",
        ),
        ErrorCode::MissingField => (
            "A required field is absent (or null where a value is required, such as \
             `reasons` of a `decided` event with `review: false`).",
            "The missing field: `date_of_death`, `events[1].reasons`.",
            Assess,
            r#"{"schema_version": 1, "nation": "england", "deceased": {},
 "manner": "homicide", "suspects": []}"#,
            "date_of_death",
        ),
        ErrorCode::UnknownField => (
            "A key the format does not define. Typos are refused so that they never \
             silently become \"unknown\". Anything goes inside `extensions`.",
            "The unknown key: `date_of_deth`, `suspects[0].abuse_suspect`, `events[0].agency`.",
            Assess,
            r#"{"schema_version": 1, "date_of_deth": "2024-03-10", "date_of_death": "2024-03-10",
 "nation": "england", "deceased": {}, "manner": "homicide", "suspects": []}"#,
            "date_of_deth",
        ),
        ErrorCode::DuplicateField => (
            "An object that names the same key twice, at any depth (inside `extensions` \
             too). JSON leaves repeated names undefined (RFC 8259 s.4), and a reader that \
             keeps the last one could silently turn `abuse_suspected: true` into `false`, \
             so the document is refused (spec 8.1). Checked in every reader of JSON text.",
            "The second occurrence of the key: `suspects[0].abuse_suspected`.",
            Assess,
            r#"{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england",
 "deceased": {}, "manner": "homicide",
 "suspects": [{"abuse_suspected": true, "abuse_suspected": false}]}"#,
            "suspects[0].abuse_suspected",
        ),
        ErrorCode::InvalidValue => (
            "A value of the wrong JSON type, outside its range (an age over 130) or not \
             one of the allowed names (a nation, an event kind, a role).",
            "The field: `nation`, `deceased.age`, `abuse_indicators[1]`, `events[0].event`.",
            Assess,
            r#"{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "france",
 "deceased": {}, "manner": "homicide", "suspects": []}"#,
            "nation",
        ),
        ErrorCode::InvalidDate => (
            "A string that is not an ISO `YYYY-MM-DD` calendar date (including days that \
             do not exist, such as 29 February in a common year).",
            "The date field: `date_of_death`, `events[0].on`; the option on the command \
             line (`--as-of`).",
            Assess,
            r#"{"schema_version": 1, "date_of_death": "2023-02-29", "nation": "england",
 "deceased": {}, "manner": "homicide", "suspects": []}"#,
            "date_of_death",
        ),
        ErrorCode::DateOutOfRange => (
            "A date outside 1900-01-01 to 2199-12-31, or a computation that leaves the \
             range of the data it needs (working days outside the bank-holiday table).",
            "The date field, or empty for a computation.",
            Assess,
            r#"{"schema_version": 1, "date_of_death": "1899-12-31", "nation": "england",
 "deceased": {}, "manner": "homicide", "suspects": []}"#,
            "date_of_death",
        ),
        ErrorCode::ContradictoryFacts => (
            "Facts that cannot all be true: a date of birth after the death, an age that \
             disagrees with the date of birth, a household member not in the household, \
             a notification before the death. The message names both fields.",
            "The later of the two fields in document order: `deceased.age`, \
             `suspects[0].same_household`, `notified_on`.",
            Assess,
            r#"{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england",
 "deceased": {"age": 20, "age_band": "65+"}, "manner": "homicide", "suspects": []}"#,
            "deceased.age_band",
        ),
        ErrorCode::EventOutOfOrder => (
            "An event dated before the event it follows in the log. The review is \
             unchanged; `event_index` names the event.",
            "The event: `events[N]`.",
            Status,
            r#"{"schema_version": 1, "rules": "stockton_2011", "events": [
 {"on": "2024-01-31", "event": "notified", "by": "police"},
 {"on": "2024-01-30", "event": "decided", "by": "csp", "review": true}]}"#,
            "events[1]",
        ),
        ErrorCode::PrerequisiteMissing => (
            "An event whose prerequisites have not happened (a decision before the \
             notification, a second pause, publication before the Home Office's \
             approval). The review is unchanged; `event_index` names the event.",
            "The event: `events[N]`.",
            Status,
            r#"{"schema_version": 1, "rules": "stockton_2011", "events": [
 {"on": "2024-01-31", "event": "decided", "by": "csp", "review": true}]}"#,
            "events[0]",
        ),
        ErrorCode::RoleNotAllowed => (
            "An event recorded by a role that may not record it (spec 6.3's table). The \
             review is unchanged; `event_index` names the event.",
            "The event's role: `events[N].by`.",
            Status,
            r#"{"schema_version": 1, "rules": "stockton_2011", "events": [
 {"on": "2024-01-31", "event": "notified", "by": "police"},
 {"on": "2024-02-12", "event": "decided", "by": "police", "review": true}]}"#,
            "events[1].by",
        ),
        ErrorCode::UnknownRuleSet => (
            "A rule-set id that is not built in (`stockton_2011`, `guidance_2016`, \
             `proposed_2024`).",
            "`rules`.",
            Status,
            r#"{"schema_version": 1, "rules": "stockton_2012", "events": []}"#,
            "rules",
        ),
        ErrorCode::InvalidRuleSet => (
            "A custom rule set that is not valid: a missing or unknown key, a bad \
             period, an unknown trigger.",
            "The path inside the rule set, under `rules` in a review (`rules.rules[0].period`) \
             or `--rules` on the command line.",
            Status,
            r#"{"schema_version": 1, "events": [], "rules": {"id": "ours", "title": "Ours",
 "source": "Our procedure", "qa_panel_meetings": [], "rules": [{"id": "terms_of_reference",
 "title": "Terms of reference", "start": ["notified"], "start_occurrence": "first",
 "end": "terms_of_reference_agreed", "period": {"unit": "fortnights", "count": 1},
 "policy": "last_day", "pausable": true, "citation": "Ours", "marks": ["P"]}]}}"#,
            "rules.rules[0].period.unit",
        ),
        ErrorCode::AmbiguousDate => (
            "A month-based period ends in a month without the corresponding day and the \
             rule's month-end policy is `refuse`.",
            "Empty (the computation), or the rule's deadline in a status.",
            AddMonths,
            "refuse",
            "",
        ),
        ErrorCode::Usage => (
            "A command-line usage error: a missing or unknown option, an unreadable file, \
             an unknown command or schema name. Only the `dhr` command gives it.",
            "The option or argument at fault (spec 8.9): `--as-of` (missing), \
             `--due-soon-days` (not a whole number), `--rules` (the rule-set file cannot \
             be read), `FILE` (missing, or cannot be read: the message says why), `NAME` \
             (`dhr schema` with an unknown name), an unknown option (`--colour`); empty \
             for a missing or unknown command.",
            CommandLine,
            "status\ntests/fixtures/status/spec_6_4.input.json",
            "--as-of",
        ),
    };
    Entry {
        code,
        meaning,
        path,
        example: Example {
            kind,
            input,
            path: example_path,
        },
    }
}

/// A code only the HTTP service gives (spec 9): about the request, never
/// about a document, so the library, Python and JavaScript never raise it
/// and it is not an [`ErrorCode`]. The answer's body is the error object of
/// section 7 (`{"error": {"code", "message", "path"}}`), `path` empty.
/// Every [`ErrorCode`] is answered 400, but `unknown_rule_set` from
/// `GET /v1/rules/{id}`, which is 404.
///
/// ```
/// use dhr_core::catalogue::HttpCode;
/// assert_eq!(HttpCode::PayloadTooLarge.as_str(), "payload_too_large");
/// assert_eq!(HttpCode::PayloadTooLarge.status(), 413);
/// assert_eq!(HttpCode::ALL.len(), 6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpCode {
    /// 401: no `Authorization: Bearer` token, or the wrong one.
    Unauthorized,
    /// 404: an unknown route, or an unknown schema name.
    NotFound,
    /// 405: a known route with another method.
    MethodNotAllowed,
    /// 413: a body over `--max-body`, or a batch of more than 10,000 items.
    PayloadTooLarge,
    /// 415: a body that is not `application/json`.
    UnsupportedMediaType,
    /// 500: a bug in dhr.
    InternalError,
}

impl HttpCode {
    /// Every HTTP-only code, in the order of spec 9.
    pub const ALL: &'static [HttpCode] = &[
        HttpCode::Unauthorized,
        HttpCode::NotFound,
        HttpCode::MethodNotAllowed,
        HttpCode::PayloadTooLarge,
        HttpCode::UnsupportedMediaType,
        HttpCode::InternalError,
    ];

    /// The stable snake_case string.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpCode::Unauthorized => "unauthorized",
            HttpCode::NotFound => "not_found",
            HttpCode::MethodNotAllowed => "method_not_allowed",
            HttpCode::PayloadTooLarge => "payload_too_large",
            HttpCode::UnsupportedMediaType => "unsupported_media_type",
            HttpCode::InternalError => "internal_error",
        }
    }

    /// The HTTP status it is answered with.
    pub fn status(self) -> u16 {
        match self {
            HttpCode::Unauthorized => 401,
            HttpCode::NotFound => 404,
            HttpCode::MethodNotAllowed => 405,
            HttpCode::PayloadTooLarge => 413,
            HttpCode::UnsupportedMediaType => 415,
            HttpCode::InternalError => 500,
        }
    }

    /// What it means, for a caller deciding what to do about it.
    pub fn meaning(self) -> &'static str {
        match self {
            HttpCode::Unauthorized => {
                "The service was started with `--token-file` and the request has no \
                 `Authorization: Bearer <token>` header, or another token. Every request but \
                 `GET /v1/health` needs it."
            }
            HttpCode::NotFound => {
                "No such route (or no such schema name in `GET /v1/schema/{name}`). An unknown \
                 rule-set id in `GET /v1/rules/{id}` is 404 `unknown_rule_set` instead."
            }
            HttpCode::MethodNotAllowed => {
                "The route exists but not with this method (`GET /v1/assess`). The `Allow` \
                 header lists the method it takes."
            }
            HttpCode::PayloadTooLarge => {
                "The body is larger than `--max-body` (default 16 MiB), or a batch has more \
                 than 10,000 items. Split the batch."
            }
            HttpCode::UnsupportedMediaType => {
                "A body sent without `Content-Type: application/json` (a `charset` \
                 parameter is allowed)."
            }
            HttpCode::InternalError => {
                "A bug in dhr: the request was not answered. It is logged without the body, \
                 and the service keeps serving. Please report it."
            }
        }
    }
}

/// A code only the JavaScript package (dhr-wasm) gives: about loading the
/// WebAssembly module, never about a document, so it is not an
/// [`ErrorCode`]. It is a `DhrError`'s `code` like the others (type
/// `JsErrorCode` in `dhr.d.ts`).
///
/// ```
/// use dhr_core::catalogue::JsCode;
/// assert_eq!(JsCode::NotInitialised.as_str(), "not_initialised");
/// assert_eq!(JsCode::ALL.len(), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsCode {
    /// The module stopped on a bug; it is reset.
    InternalError,
    /// A call in the browser before `init` has resolved.
    NotInitialised,
    /// `init` could not fetch, compile or instantiate the module.
    WasmLoadFailed,
}

impl JsCode {
    /// Every JavaScript-only code.
    pub const ALL: &'static [JsCode] = &[
        JsCode::InternalError,
        JsCode::NotInitialised,
        JsCode::WasmLoadFailed,
    ];

    /// The stable snake_case string.
    pub fn as_str(self) -> &'static str {
        match self {
            JsCode::InternalError => "internal_error",
            JsCode::NotInitialised => "not_initialised",
            JsCode::WasmLoadFailed => "wasm_load_failed",
        }
    }

    /// The path it reports.
    pub fn path(self) -> &'static str {
        match self {
            JsCode::InternalError | JsCode::NotInitialised => "Always empty.",
            JsCode::WasmLoadFailed => {
                "`wasm` (the option of `init`, or the default file beside the entry)."
            }
        }
    }

    /// What it means, for a caller deciding what to do about it.
    pub fn meaning(self) -> &'static str {
        match self {
            JsCode::InternalError => {
                "The WebAssembly module stopped on an internal error (a trap: a bug in dhr, \
                 please report it). The instance has been dropped and the next call uses a \
                 new one; a `Review` keeps its log in JavaScript, so nothing is lost."
            }
            JsCode::NotInitialised => {
                "A function of the browser entry (`dhr-wasm`) was called before \
                 `await init()` resolved. Call `init` once first, or import `dhr-wasm/auto`, \
                 which waits for it. Node's entries never give it."
            }
            JsCode::WasmLoadFailed => {
                "`init` could not load the module: an HTTP error, a page served instead of \
                 the module (a missing file answered with `index.html`: copy \
                 `wasm/dhr_wasm_bg.wasm` where the page fetches it), a Content Security \
                 Policy without `'wasm-unsafe-eval'`, or a module of another version. The \
                 message says which; `init` may be called again."
            }
        }
    }
}
