//! `dhr demo`.

use crate::Outcome;
use dhr_core::{Error, ErrorCode};

/// Run `dhr demo`.
pub fn run(_as_of: Option<&str>, _json: bool) -> Outcome {
    Err(Error::new(
        ErrorCode::Usage,
        "",
        "`dhr demo` is not built yet",
    ))
}
