//! Python bindings for dhr-core: conversions only, no rule logic.
//!
//! The native module is private (`dhr._dhr`); the `dhr` package re-exports it
//! and adds the pandas frame helpers.

mod arrow;
mod assess;
mod calendar;
mod cells;
mod convert;
mod engine;
mod errors;
mod frames;
mod review;
mod rules;

use pyo3::prelude::*;

/// mimalloc for the extension's own (Rust) allocations; see Cargo.toml.
#[cfg(not(windows))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The native module `dhr._dhr`.
#[pymodule]
#[pyo3(name = "_dhr")]
fn dhr_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // The package version (the workspace's), as `dhr.__version__`.
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    calendar::register(m)?;
    assess::register(m)?;
    frames::register(m)?;
    arrow::register(m)?;
    review::register(m)?;
    engine::register(m)?;
    Ok(())
}
