//! What answers: the engine's name and versions, and the hash of a rule set
//! (spec 8.3), as the HTTP service reports them (`GET /v1/engine`,
//! `GET /v1/rules`, spec 9).
//!
//! Stand-in until the `engine` receipt of spec 8.3 lands in dhr-core: then
//! these two functions are that receipt's (the same values).
//!
//! ```
//! use dhr_core::engine_info::{engine, rules_sha256};
//! use dhr_core::rules::RuleSet;
//! let e = engine()?;
//! assert_eq!(e["name"], "dhr");
//! assert_eq!(e["version"], env!("CARGO_PKG_VERSION"));
//! let a = rules_sha256(&RuleSet::builtin("stockton_2011")?);
//! assert_eq!(a.len(), 64);
//! assert_ne!(a, rules_sha256(&RuleSet::builtin("guidance_2016")?));
//! # Ok::<(), dhr_core::Error>(())
//! ```

use crate::calendar::{bank_holidays, Region};
use crate::rules::RuleSet;
use crate::Result;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// `{"name": "dhr", "version", "bank_holidays"}`: the library's version and
/// the version of its bank-holiday data.
pub fn engine() -> Result<Value> {
    let holidays = bank_holidays(Region::EnglandAndWales)?;
    Ok(json!({
        "name": "dhr",
        "version": env!("CARGO_PKG_VERSION"),
        "bank_holidays": holidays.version,
    }))
}

/// The SHA-256, in lowercase hex, of the rule set's canonical JSON: the set
/// as dhr writes it back ([`RuleSet::to_value`]) serialised by RFC 8785.
pub fn rules_sha256(set: &RuleSet) -> String {
    // A rule set holds strings, whole numbers, arrays and objects only, so
    // canonicalisation cannot fail; an empty text would still hash.
    let text = serde_json_canonicalizer::to_string(&set.to_value()).unwrap_or_default();
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
