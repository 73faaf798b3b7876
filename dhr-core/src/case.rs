//! The facts of a death (spec sections 2 and 6.1). Owned by the eligibility work (issue 2).
