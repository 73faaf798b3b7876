//! The rule sets a review may name by id: the built-in ones, and those a
//! caller adds (the HTTP service's `--rules-dir`, spec 9), so that a review
//! can say `"rules": "council_2025"` for a council's own set.
//!
//! An added set may not reuse a built-in id, nor the id of a set added
//! before it (`invalid_rule_set` at `id`): a review's `rules` must mean one
//! thing.
//!
//! ```
//! use dhr_core::rule_library::RuleLibrary;
//! use dhr_core::rules::RuleSet;
//! let mut lib = RuleLibrary::builtin();
//! let mut own = RuleSet::builtin("stockton_2011")?.to_value();
//! own["id"] = "council_2025".into();
//! lib.add(RuleSet::from_value(&own, "")?)?;
//! assert_eq!(lib.get("council_2025")?.id(), "council_2025");
//! assert_eq!(lib.list().len(), 4);
//!
//! // A built-in id cannot be taken.
//! let clash = RuleSet::from_value(&RuleSet::builtin("guidance_2016")?.to_value(), "")?;
//! let err = lib.add(clash).unwrap_err();
//! assert_eq!((err.code().as_str(), err.path()), ("invalid_rule_set", "id"));
//! # Ok::<(), dhr_core::Error>(())
//! ```

use crate::rules::{RuleSet, BUILTIN_IDS};
use crate::{Error, ErrorCode, Result};

/// The built-in rule sets and a caller's own, by id.
#[derive(Debug, Clone, Default)]
pub struct RuleLibrary {
    added: Vec<RuleSet>,
}

impl RuleLibrary {
    /// The built-in rule sets only.
    pub fn builtin() -> RuleLibrary {
        RuleLibrary::default()
    }

    /// Add a caller's rule set. Its id must be new: not built in and not
    /// added before (`invalid_rule_set` at `id`).
    pub fn add(&mut self, set: RuleSet) -> Result<()> {
        if BUILTIN_IDS.contains(&set.id()) {
            return Err(Error::new(
                ErrorCode::InvalidRuleSet,
                "id",
                "this id is that of a built-in rule set; give the set an id of its own",
            ));
        }
        if self.added.iter().any(|s| s.id() == set.id()) {
            return Err(Error::new(
                ErrorCode::InvalidRuleSet,
                "id",
                "another rule set of the directory has this id",
            ));
        }
        self.added.push(set);
        Ok(())
    }

    /// The rule set with this id: built in, else added; otherwise
    /// `unknown_rule_set` naming the ids there are.
    pub fn get(&self, id: &str) -> Result<RuleSet> {
        if let Some(set) = self.added.iter().find(|s| s.id() == id) {
            return Ok(set.clone());
        }
        RuleSet::builtin(id).map_err(|e| {
            if self.added.is_empty() {
                e
            } else {
                let own: Vec<&str> = self.added.iter().map(RuleSet::id).collect();
                Error::new(
                    ErrorCode::UnknownRuleSet,
                    e.path(),
                    format!(
                        "not a known rule set; the known sets are: {}, {}",
                        BUILTIN_IDS.join(", "),
                        own.join(", ")
                    ),
                )
            }
        })
    }

    /// Every rule set: the built-in ones in the order of [`BUILTIN_IDS`],
    /// then the added ones in the order added.
    pub fn list(&self) -> Vec<RuleSet> {
        BUILTIN_IDS
            .iter()
            .filter_map(|id| RuleSet::builtin(id).ok())
            .chain(self.added.iter().cloned())
            .collect()
    }
}
