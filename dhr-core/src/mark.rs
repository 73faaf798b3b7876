//! How firmly a rule is sourced: the confidence marks of the spec's preamble,
//! shared by the eligibility rules ([`crate::eligibility`]) and the deadline
//! rules ([`crate::rules`]).

use serde::Serialize;

names! {
    /// A confidence mark of a rule's source (spec, preamble).
    ///
    /// ```
    /// use dhr_core::Mark;
    /// assert_eq!(Mark::from_str("U"), Some(Mark::Unconfirmed));
    /// assert_eq!(Mark::Local.as_str(), "L");
    /// // The same type under its older paths.
    /// assert_eq!(dhr_core::rules::Mark::Statute, dhr_core::eligibility::Mark::Statute);
    /// ```
    pub enum Mark {
        /// Statute text, confirmed. `"S"`.
        Statute = "S",
        /// Statutory guidance or an official page, confirmed. `"G"`.
        Guidance = "G",
        /// Local procedure (the Stockton procedure, 2011). `"L"`.
        Local = "L",
        /// Widely used but not confirmed from the text. `"U"`.
        Unconfirmed = "U",
        /// A policy decision of this library. `"P"`.
        Policy = "P",
    }
}

impl Mark {
    /// What the mark means, for a legend a person reads.
    ///
    /// ```
    /// use dhr_core::Mark;
    /// assert!(Mark::Policy.meaning().contains("this library"));
    /// ```
    pub fn meaning(self) -> &'static str {
        match self {
            Mark::Statute => "statute text, confirmed",
            Mark::Guidance => "statutory guidance or an official page, confirmed",
            Mark::Local => "a local procedure (the Stockton procedure, 2011)",
            Mark::Unconfirmed => "widely used, but not confirmed from the text",
            Mark::Policy => "a policy decision of this library",
        }
    }
}
