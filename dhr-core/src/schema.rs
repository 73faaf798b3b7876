//! The JSON Schemas (draft 2020-12) of the interchange documents and
//! answers (spec 8.8): `death` (6.1), `review` (6.3, with the rule-set
//! object), `rule_set`, `assessment` (6.2), `status` (6.4) and `error`.
//!
//! The schema text lives once, in `dhr-core/data/schema/NAME.json` (the
//! repository's `docs/schema/` is that folder); `dhr schema NAME`, Python's
//! `dhr.schema(name)` and JavaScript's `schema(name)` give these same texts.
//! A schema checks what it can express (unknown keys, types, enum values,
//! the date pattern, required fields); rules across fields are the
//! library's.
//!
//! ```
//! let text = dhr_core::schema::get("death")?;
//! let v: serde_json::Value = serde_json::from_str(text).unwrap();
//! assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! let err = dhr_core::schema::get("deaths").unwrap_err();
//! assert_eq!((err.code().as_str(), err.path()), ("usage", "NAME"));
//! # Ok::<(), dhr_core::Error>(())
//! ```

use crate::error::{Error, ErrorCode, Result};

/// The schema names, in the order of spec 8.8.
pub const NAMES: &[&str] = &[
    "death",
    "review",
    "rule_set",
    "assessment",
    "status",
    "error",
];

/// Each schema's name and text.
pub const SCHEMAS: &[(&str, &str)] = &[
    ("death", include_str!("../data/schema/death.json")),
    ("review", include_str!("../data/schema/review.json")),
    ("rule_set", include_str!("../data/schema/rule_set.json")),
    ("assessment", include_str!("../data/schema/assessment.json")),
    ("status", include_str!("../data/schema/status.json")),
    ("error", include_str!("../data/schema/error.json")),
];

/// The text of the schema `name`.
///
/// # Errors
///
/// [`ErrorCode::Usage`] at `NAME` (the argument of `dhr schema`) for any
/// other name, the message listing the names.
pub fn get(name: &str) -> Result<&'static str> {
    SCHEMAS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            Error::new(
                ErrorCode::Usage,
                "NAME",
                format!(
                    "no schema named this; the schemas are: {}",
                    NAMES.join(", ")
                ),
            )
        })
}
