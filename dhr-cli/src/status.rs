//! `dhr status`.

use crate::Outcome;
use dhr_core::{Error, ErrorCode};

/// Run `dhr status`.
pub fn run(_file: &str, _as_of: &str, _common: &crate::Common) -> Outcome {
    Err(Error::new(
        ErrorCode::Usage,
        "",
        "`dhr status` is not built yet",
    ))
}
