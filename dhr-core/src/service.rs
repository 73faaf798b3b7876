//! The requests of the HTTP service (spec 9), as functions of the body text
//! and the query parameters, so that `dhr serve` only moves bytes: each
//! answer is the JSON value the command line prints for the same input and
//! options, and each refusal is a [`Refused`] with its HTTP status.
//!
//! ```
//! use dhr_core::rule_library::RuleLibrary;
//! use dhr_core::service::{self, Endpoint, Query};
//! let death = r#"{"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england",
//!     "deceased": {"age": 40}, "manner": "homicide",
//!     "suspects": [{"connection": "intimate_partner", "age": 41}]}"#;
//! let q = Query::parse(vec![], Endpoint::Assess).unwrap();
//! let answer = service::answer(Endpoint::Assess, death, &q, &RuleLibrary::builtin()).unwrap();
//! let v: serde_json::Value = serde_json::from_str(&answer).unwrap();
//! assert_eq!(v["regime"], "dhr_s9");
//!
//! // A missing as_of is `usage` at `as_of`; a repeated parameter `usage` at its name.
//! let err = Query::parse(vec![], Endpoint::Status).unwrap_err();
//! assert_eq!((err.status, err.error["error"]["path"].as_str()), (400, Some("as_of")));
//! let twice = vec![("susr_from".to_string(), "2024-10-01".to_string()); 2];
//! let err = Query::parse(twice, Endpoint::Assess).unwrap_err();
//! assert_eq!(err.error["error"]["code"], "usage");
//! ```

use crate::case::Death;
use crate::catalogue::HttpCode;
use crate::eligibility::{assess, AssessOptions};
use crate::json::{self, Obj};
use crate::lifecycle::{Review, StatusOptions};
use crate::options::{parse_days, OptionName, OptionValues};
use crate::rule_library::RuleLibrary;
use crate::rules::RuleSet;
use crate::{Error, ErrorCode};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{json, Value};

/// The most items a batch may hold (spec 9); more is 413 `payload_too_large`.
pub const BATCH_LIMIT: usize = 10_000;

/// The default of `--max-body`: 16 MiB.
pub const DEFAULT_MAX_BODY: usize = 16 * 1024 * 1024;

/// The query parameters of the service: the command-line options in
/// snake_case (spec 9), `as_of` first.
pub const PARAMETERS: [&str; 4] = ["as_of", "dardr_commenced", "susr_from", "due_soon_days"];

/// A request refused: its HTTP status and the error object of section 7.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    /// The HTTP status (400, 401, 404, 405, 413, 415 or 500).
    pub status: u16,
    /// `{"error": {"code", "message", "path", ...}}`.
    pub error: Value,
}

impl Refused {
    /// An HTTP-only refusal (its path empty).
    pub fn http(code: HttpCode, message: &str) -> Refused {
        Refused {
            status: code.status(),
            error: json!({"error": {"code": code.as_str(), "message": message, "path": ""}}),
        }
    }
}

impl From<Error> for Refused {
    /// Every code of the catalogue, and `usage`, is 400.
    fn from(err: Error) -> Refused {
        Refused {
            status: 400,
            error: err.to_json_value(),
        }
    }
}

/// An endpoint that converts a body (spec 9's POST routes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `POST /v1/assess`: a death, its 6.2 answer.
    Assess,
    /// `POST /v1/assess/batch`: an array of deaths.
    AssessBatch,
    /// `POST /v1/status?as_of=D`: a review, its 6.4 answer.
    Status,
    /// `POST /v1/status/batch?as_of=D`: an array of reviews.
    StatusBatch,
    /// `POST /v1/review/apply?as_of=D`: `{"review", "events"}`.
    ReviewApply,
    /// A GET route: no body; parameters are checked, then unused.
    Get,
}

impl Endpoint {
    /// Whether `as_of` is required.
    pub fn needs_as_of(self) -> bool {
        matches!(
            self,
            Endpoint::Status | Endpoint::StatusBatch | Endpoint::ReviewApply
        )
    }
}

/// The query parameters of a request, checked: each known and given once,
/// each value valid, `as_of` present where it is required. An option that
/// does not apply to the endpoint is checked, then unused, as on the
/// command line.
#[derive(Debug, Clone)]
pub struct Query {
    as_of: Option<NaiveDate>,
    opts: StatusOptions,
}

/// The parameters as given, read as [`OptionValues`] (paths: the names).
struct Given<'a>(&'a [(String, String)]);

impl Given<'_> {
    fn text(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl OptionValues for Given<'_> {
    type Error = Error;
    fn date(&mut self, name: OptionName) -> Result<Option<NaiveDate>, Error> {
        self.text(name.as_str())
            .map(|s| json::parse_date(s, name.as_str()))
            .transpose()
    }
    fn count(&mut self, name: OptionName) -> Result<Option<u32>, Error> {
        self.text(name.as_str())
            .map(|s| parse_days(s, name.as_str()))
            .transpose()
    }
    fn rules(&mut self, _: OptionName) -> Result<Option<RuleSet>, Error> {
        // No query parameter gives a rule set: a review names its own.
        Ok(None)
    }
}

impl Query {
    /// Check the query pairs of a request to `endpoint`, in the command
    /// line's order: unknown and repeated names, `as_of`, then the options.
    pub fn parse(pairs: Vec<(String, String)>, endpoint: Endpoint) -> Result<Query, Refused> {
        for (i, (name, _)) in pairs.iter().enumerate() {
            if !PARAMETERS.contains(&name.as_str()) {
                return Err(Error::new(
                    ErrorCode::Usage,
                    name.as_str(),
                    format!(
                        "unknown parameter; the parameters are: {}",
                        PARAMETERS.join(", ")
                    ),
                )
                .into());
            }
            if pairs.iter().take(i).any(|(n, _)| n == name) {
                return Err(Error::new(
                    ErrorCode::Usage,
                    name.as_str(),
                    "the parameter is given more than once",
                )
                .into());
            }
        }
        let given = &mut Given(&pairs);
        let as_of = match given.text("as_of") {
            Some(s) => Some(json::parse_date(s, "as_of")?),
            None if endpoint.needs_as_of() => {
                return Err(Error::new(
                    ErrorCode::Usage,
                    "as_of",
                    "the parameter as_of (YYYY-MM-DD) is required: the date to report as of",
                )
                .into())
            }
            None => None,
        };
        let opts = StatusOptions::from_values(given)?;
        Ok(Query { as_of, opts })
    }

    /// The options of an assessment.
    pub fn assess_options(&self) -> &AssessOptions {
        &self.opts.assess
    }

    /// The options of a status.
    pub fn status_options(&self) -> &StatusOptions {
        &self.opts
    }

    /// The `as_of` date, when given.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of
    }
}

fn to_text<T: Serialize>(answer: &T) -> Result<String, Refused> {
    serde_json::to_string(answer).map_err(|_| {
        Refused::http(
            HttpCode::InternalError,
            "the answer could not be written as JSON",
        )
    })
}

fn too_many(n: usize) -> Result<(), Refused> {
    if n > BATCH_LIMIT {
        return Err(Refused::http(
            HttpCode::PayloadTooLarge,
            "a batch holds at most 10000 items; split it",
        ));
    }
    Ok(())
}

fn status_of(
    review: crate::Result<Review>,
    as_of: NaiveDate,
    opts: &StatusOptions,
) -> crate::Result<crate::Status> {
    review.and_then(|r| r.status(as_of, opts))
}

/// A JSON array of the answers of a batch, each written into the one text
/// as it is worked out (not kept in a list of texts first).
fn array<T>(
    items: impl Iterator<Item = T>,
    mut answer: impl FnMut(T) -> Result<String, Refused>,
) -> Result<String, Refused> {
    let mut out = String::from("[");
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&answer(item)?);
    }
    out.push(']');
    Ok(out)
}

/// The answer of a POST endpoint for the body `text` (UTF-8 JSON), as the
/// JSON text the command line prints for the same input and options
/// (written from the answer's struct, so its keys keep the spec's order).
pub fn answer(
    endpoint: Endpoint,
    text: &str,
    query: &Query,
    library: &RuleLibrary,
) -> Result<String, Refused> {
    let as_of = || {
        query.as_of.ok_or_else(|| {
            Refused::from(Error::new(ErrorCode::Usage, "as_of", "as_of is required"))
        })
    };
    match endpoint {
        Endpoint::Assess => {
            let death = Death::from_json(text)?;
            to_text(&assess(&death, query.assess_options())?)
        }
        Endpoint::AssessBatch => {
            let deaths = Death::many_from_json(text)?;
            too_many(deaths.len())?;
            let opts = query.assess_options();
            array(deaths.into_iter(), |d| {
                match d.and_then(|d| assess(&d, opts)) {
                    Ok(a) => to_text(&a),
                    Err(e) => to_text(&e.to_json_value()),
                }
            })
        }
        Endpoint::Status => {
            let review = Review::from_json_in(text, library);
            to_text(&status_of(review, as_of()?, query.status_options())?)
        }
        Endpoint::StatusBatch => {
            let items = match json::parse(text)? {
                Value::Array(items) => items,
                v => {
                    return Err(Error::new(
                        ErrorCode::InvalidValue,
                        "",
                        format!(
                            "expected an array of reviews, found {}",
                            json::type_name(&v)
                        ),
                    )
                    .into())
                }
            };
            too_many(items.len())?;
            let (as_of, opts) = (as_of()?, query.status_options());
            // Each review's tree is dropped once its answer is written.
            array(items.into_iter(), |item| {
                match status_of(Review::from_value_in(&item, library), as_of, opts) {
                    Ok(s) => to_text(&s),
                    Err(e) => to_text(&e.to_json_value()),
                }
            })
        }
        Endpoint::ReviewApply => {
            let v = json::parse(text)?;
            let body = Obj::new(&v, "", &["review", "events"])?;
            let mut review = Review::from_value_in(body.req("review")?, library)?;
            let events = body.req_array("events")?;
            let as_of = as_of()?;
            // Each new event as if appended to the log: its paths and
            // event_index count positions in the combined log.
            for event in events {
                review.apply_value(event)?;
            }
            let status = review.status(as_of, query.status_options())?;
            Ok(format!(
                "{{\"review\":{},\"status\":{}}}",
                to_text(&review.to_value())?,
                to_text(&status)?
            ))
        }
        Endpoint::Get => Err(Refused::http(
            HttpCode::MethodNotAllowed,
            "this route takes no body",
        )),
    }
}

/// `GET /v1/engine`: `{"name", "version", "bank_holidays"}` (spec 9, the
/// receipt of 8.3 without rules and options).
pub fn engine() -> Value {
    json!({
        "name": crate::engine::NAME,
        "version": crate::engine::VERSION,
        "bank_holidays": crate::engine::bank_holidays_version(),
    })
}

/// `GET /v1/rules`: `[{"id", "title", "source", "sha256"}]` for every rule
/// set, built in and added.
pub fn rules_list(library: &RuleLibrary) -> Value {
    Value::Array(
        library
            .list()
            .iter()
            .map(|s| {
                json!({"id": s.id(), "title": s.title(), "source": s.source(),
                       "sha256": s.sha256()})
            })
            .collect(),
    )
}

/// `GET /v1/rules/{id}`: the rule set (6.3 shape), or 404 `unknown_rule_set`.
pub fn rule_set(library: &RuleLibrary, id: &str) -> Result<Value, Refused> {
    library.get(id).map(|s| s.to_value()).map_err(|e| Refused {
        status: 404,
        error: e.to_json_value(),
    })
}

/// `GET /v1/schema/{name}`: a schema of 8.8, or 404 `not_found`.
pub fn schema(name: &str) -> Result<Value, Refused> {
    crate::schema::get(name)
        .ok()
        .and_then(|t| serde_json::from_str(t).ok())
        .ok_or_else(|| {
            Refused::http(
                HttpCode::NotFound,
                "no such schema; the schemas are: death, review, rule_set, assessment, status, error",
            )
        })
}
