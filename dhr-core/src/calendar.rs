//! Calendar months and working days (spec section 4.2). Owned by issue 3.
