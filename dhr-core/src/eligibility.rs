//! Whether a death must be reviewed (spec section 2, answer of 6.2). Owned by issue 2.
