//! Reading single Python values cheaply, for the frame helpers
//! (`frames.rs`): the text of a `str` without a Rust `String`, and a cache of
//! what was read from an object, keyed by the object's identity.
//!
//! A batch holds the same few `str` objects many times over (`"england"`,
//! `"homicide"`: literals and column values are shared objects), so what is
//! made of each distinct object is made once and reused.

use pyo3::prelude::*;
use pyo3::types::PyString;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The text of a `str` (`None`: not a str, or not encodable as UTF-8, e.g.
/// a lone surrogate), handed to `f`.
pub fn text<T>(cell: &Bound<'_, PyAny>, f: impl FnOnce(&str) -> Option<T>) -> Option<T> {
    let s = cell.cast::<PyString>().ok()?;
    // The stable ABI of CPython 3.10 lends a `str`'s UTF-8 text without a copy.
    f(s.to_str().ok()?)
}

/// A hasher for object addresses (already unique; spread by one multiply).
#[derive(Default)]
pub struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// At most this many objects are remembered per cache (a column of distinct
/// objects, such as one string per row, would otherwise fill it for nothing).
const CACHE_MAX: usize = 256;

/// The first objects seen are looked up by a linear scan (a column of
/// names holds a handful of distinct objects), the rest in a hash map.
const SMALL: usize = 8;

/// What was read from each object, keyed by the object's address. Each
/// object is held by the cache, so its address cannot be reused by another
/// object while the cache lives: the same address is the same (immutable)
/// object, and reads the same way.
pub struct Identity<'py, T> {
    small: Vec<(usize, T)>,
    held: Vec<Bound<'py, PyAny>>,
    map: HashMap<usize, (Bound<'py, PyAny>, T), BuildHasherDefault<AddressHasher>>,
}

impl<'py, T: Copy> Identity<'py, T> {
    /// An empty cache.
    pub fn new() -> Self {
        Identity {
            small: Vec::with_capacity(SMALL),
            held: Vec::with_capacity(SMALL),
            map: HashMap::default(),
        }
    }

    /// `read(cell)`, remembered for `cell`'s object. Only for immutable
    /// objects (`str`), whose reading cannot change.
    pub fn get(
        &mut self,
        cell: &Bound<'py, PyAny>,
        read: impl FnOnce(&Bound<'py, PyAny>) -> T,
    ) -> T {
        let key = cell.as_ptr() as usize;
        if let Some((_, v)) = self.small.iter().find(|(k, _)| *k == key) {
            return *v;
        }
        if let Some((_, v)) = self.map.get(&key) {
            return *v;
        }
        let v = read(cell);
        if self.small.len() < SMALL {
            self.small.push((key, v));
            self.held.push(cell.clone());
        } else if self.map.len() < CACHE_MAX {
            self.map.insert(key, (cell.clone(), v));
        }
        v
    }
}
/// The cyclic garbage collector paused while a batch's answers are made, and
/// resumed (if it was running) when dropped. Each answer is a tracked object
/// (every pyo3 class is), so a million of them would otherwise set off
/// collections that walk every tracked object of the process, the caller's
/// own documents included, many times over. The answers hold no Python
/// references, so they cannot form cycles.
pub struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    /// Pause the collector (a no-op if it is not running).
    pub fn new(py: Python<'py>) -> PyResult<Self> {
        let gc = py.import("gc")?;
        if gc.call_method0("isenabled")?.is_truthy()? {
            gc.call_method0("disable")?;
            Ok(GcPause { gc: Some(gc) })
        } else {
            Ok(GcPause { gc: None })
        }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            // Cannot fail: `gc.enable()` takes no argument and returns None.
            let _ = gc.call_method0("enable");
        }
    }
}
