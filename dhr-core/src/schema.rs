//! The JSON Schemas of spec 8.8 (draft 2020-12), by name: `death`, `review`,
//! `rule_set`, `assessment`, `status`, `error` (the files of
//! `dhr-core/data/schema/`, packaged with the crate).
//!
//! Stand-in (issue 14) for the schemas of spec 8.8: the names and the
//! lookup are final; the texts are replaced by the full schemas.
//!
//! ```
//! use dhr_core::schema;
//! assert_eq!(schema::NAMES, ["death", "review", "rule_set", "assessment", "status", "error"]);
//! let death: serde_json::Value = serde_json::from_str(schema::get("death").unwrap()).unwrap();
//! assert_eq!(death["type"], "object");
//! assert!(schema::get("deaths").is_none());
//! ```

/// The names of the schemas, in the order of spec 8.8.
pub const NAMES: [&str; 6] = [
    "death",
    "review",
    "rule_set",
    "assessment",
    "status",
    "error",
];

/// The text of the schema `name`, or `None` for a name that is not one.
pub fn get(name: &str) -> Option<&'static str> {
    Some(match name {
        "death" => include_str!("../data/schema/death.json"),
        "review" => include_str!("../data/schema/review.json"),
        "rule_set" => include_str!("../data/schema/rule_set.json"),
        "assessment" => include_str!("../data/schema/assessment.json"),
        "status" => include_str!("../data/schema/status.json"),
        "error" => include_str!("../data/schema/error.json"),
        _ => return None,
    })
}
