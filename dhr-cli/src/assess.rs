//! `dhr assess`.

use crate::Outcome;
use dhr_core::{Error, ErrorCode};

/// Run `dhr assess`.
pub fn run(_file: &str, _jsonl: bool, _common: &crate::Common) -> Outcome {
    Err(Error::new(
        ErrorCode::Usage,
        "",
        "`dhr assess` is not built yet",
    ))
}
