//! Python bindings for dhr-core: built in issue 5.
