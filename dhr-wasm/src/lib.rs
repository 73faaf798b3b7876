//! WebAssembly bindings for dhr-core: built in issue 6.
