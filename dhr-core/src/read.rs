//! The one reader: how every document (a death, a review, a rule set) is read
//! from wherever its values come from.
//!
//! A *source* is anything that implements serde's [`Deserializer`]: JSON
//! text ([`serde_json::Deserializer`]), a parsed [`serde_json::Value`], a
//! Python object (dhr-py), a row of a data frame ([`crate::flat`]). A source
//! only answers "is this a string, a number, a bool, a list, an object,
//! null?"; the field tables that say which keys a document has, their limits,
//! codes, paths and messages live once, here and in the document modules
//! ([`crate::case`] for a death). A binding implements a source and nothing
//! else about the format.
//!
//! Two rules hold for every source:
//! - an object that names the same key twice, at any depth, is refused with
//!   `duplicate_field` at the path of the second occurrence (spec 8.1);
//! - errors are reported as if the whole document had been read first: a
//!   syntax error or a repeated key anywhere (whichever comes first in the
//!   text) before any other error; then a bad `schema_version`; then, object
//!   by object, an unknown key before the fields, and the fields in the order
//!   of the document's table.
//!
//! The source's own failures (a Python object that cannot be read, a syntax
//! error in text) are reported through [`SourceError`].

use crate::error::{Error, ErrorCode, Result};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::fmt;

/// The deepest nesting a source may present (serde_json's own text limit is
/// 128; a source without a limit is held to the same).
const MAX_DEPTH: usize = 128;

/// What a source's own error means.
#[derive(Debug)]
pub enum Fault {
    /// An error of the whole document, reported as it is (a syntax error in
    /// JSON text is `invalid_json` at the document).
    Document(Error),
    /// An error at the value being read: the reader adds that value's path.
    Here {
        /// The code.
        code: ErrorCode,
        /// The message (never a caller's value).
        message: String,
    },
}

/// The error type of a source: how it reports its own failures.
pub trait SourceError: de::Error {
    /// Whether the source's objects can never name a key twice (a Python
    /// `dict`, a frame's row of distinct columns): the reader then skips its
    /// own check for a repeated key, which such a source cannot fail. JSON
    /// text can repeat a key, so the default is `false`.
    const UNIQUE_KEYS: bool = false;
    /// What the error means for dhr.
    fn fault(self) -> Fault;
}

impl SourceError for serde_json::Error {
    fn fault(self) -> Fault {
        Fault::Document(Error::new(
            ErrorCode::InvalidJson,
            "",
            format!("the input is not valid JSON: {self}"),
        ))
    }
}

/// JSON text without a leading UTF-8 byte order mark (spec 8.1: Windows
/// tools often write one).
///
/// ```
/// assert_eq!(dhr_core::read::strip_bom("\u{feff}{}"), "{}");
/// assert_eq!(dhr_core::read::strip_bom("{}"), "{}");
/// ```
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Read JSON text with `read` (a reader over any source: the outer result
/// is a failure of the whole text, the inner the document's own error), then
/// check that only whitespace follows the document, before the document's
/// own error is reported.
pub(crate) fn from_text<T>(
    text: &str,
    read: impl FnOnce(&mut serde_json::Deserializer<serde_json::de::StrRead<'_>>) -> Result<Result<T>>,
) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(strip_bom(text));
    let out = read(&mut de)?;
    de.end().map_err(|e| match e.fault() {
        Fault::Document(e) => e,
        Fault::Here { code, message } => Error::new(code, "", message),
    })?;
    out
}

/// The state of one read: the first error that stops it (a repeated key, a
/// value nested too deeply), the path at which a source's own error
/// surfaced, and whether the source's keys are unique by construction
/// ([`SourceError::UNIQUE_KEYS`]).
#[derive(Default)]
pub(crate) struct Ctx {
    fatal: RefCell<Option<Error>>,
    source_path: RefCell<Option<String>>,
    unique_keys: bool,
}

impl Ctx {
    /// Stop the read with `error`.
    pub(crate) fn stop<E: de::Error>(&self, error: Error) -> E {
        let mut fatal = self.fatal.borrow_mut();
        if fatal.is_none() {
            *fatal = Some(error);
        }
        E::custom("dhr: read stopped")
    }

    /// Note where a source's error surfaced (the innermost place wins).
    fn note(&self, path: &Path<'_>) {
        let mut p = self.source_path.borrow_mut();
        if p.is_none() && self.fatal.borrow().is_none() {
            *p = Some(path.render());
        }
    }

    /// Put the error that stopped the read (or a source's error) under
    /// `prefix` (the index of a list's item read with its own root).
    pub(crate) fn prefix<E>(&self, e: E, prefix: &str) -> E {
        if let Some(f) = self.fatal.borrow_mut().as_mut() {
            *f = f.clone().under(prefix);
        }
        if let Some(p) = self.source_path.borrow_mut().as_mut() {
            *p = crate::error::path_under(prefix, p);
        }
        e
    }

    /// The error a failed read gives.
    fn failure<E: SourceError>(self, e: E) -> Error {
        if let Some(fatal) = self.fatal.into_inner() {
            return fatal;
        }
        match e.fault() {
            Fault::Document(e) => e,
            Fault::Here { code, message } => Error::new(
                code,
                self.source_path.into_inner().unwrap_or_default(),
                message,
            ),
        }
    }
}

/// Read a whole source with `read` (given the value's place): its value, or
/// the error (a fatal one, or the source's own).
pub(crate) fn run<'de, D, R>(source: D, read: R) -> Result<R::Out>
where
    D: Deserializer<'de>,
    D::Error: SourceError,
    R: Read<'de>,
{
    let ctx = Ctx {
        unique_keys: <D::Error as SourceError>::UNIQUE_KEYS,
        ..Ctx::default()
    };
    let at = At {
        ctx: &ctx,
        path: Path::ROOT,
    };
    let out = Seed { at, read }.deserialize(source);
    match out {
        Ok(v) => Ok(v),
        Err(e) => Err(ctx.failure(e)),
    }
}

/// A segment of a path.
#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// Where a value is, written out (`suspects[0].age`) only for an error.
#[derive(Clone, Copy)]
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
    depth: usize,
}

impl<'a> Path<'a> {
    /// The document itself.
    pub(crate) const ROOT: Path<'static> = Path {
        parent: None,
        seg: Seg::Root,
        depth: 0,
    };

    /// The path of member `key`.
    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Key(key),
            depth: self.depth + 1,
        }
    }

    /// The path of item `i`.
    pub(crate) fn index(&'a self, i: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Index(i),
            depth: self.depth + 1,
        }
    }

    /// The path as the interchange format writes it.
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        if let Some(p) = self.parent {
            p.write(out);
        }
        match self.seg {
            Seg::Root => {}
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => {
                use fmt::Write;
                let _ = write!(out, "[{i}]");
            }
        }
    }

    /// An error at this path.
    pub(crate) fn error(&self, code: ErrorCode, message: impl Into<String>) -> Error {
        Error::new(code, self.render(), message)
    }
}

/// Where a value is read: the read's context and the value's path.
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) path: Path<'a>,
}

impl<'a> At<'a> {
    /// Member `key` of this object.
    pub(crate) fn key(&'a self, key: &'a str) -> At<'a> {
        At {
            ctx: self.ctx,
            path: self.path.key(key),
        }
    }

    /// Item `i` of this list.
    pub(crate) fn index(&'a self, i: usize) -> At<'a> {
        At {
            ctx: self.ctx,
            path: self.path.index(i),
        }
    }

    /// An error at this value.
    pub(crate) fn error(&self, code: ErrorCode, message: impl Into<String>) -> Error {
        self.path.error(code, message)
    }
}

/// A value of a source that is not a list or an object.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scalar<'v> {
    /// `null` (or a missing value of a source that has them).
    Null,
    /// A boolean.
    Bool(bool),
    /// A whole number of 0 or more.
    U64(u64),
    /// A negative whole number.
    I64(i64),
    /// Any other number.
    F64(f64),
    /// A string.
    Str(&'v str),
    /// A list (its items skipped).
    List,
    /// An object (its members skipped).
    Object,
}

impl Scalar<'_> {
    /// The JSON type, for messages.
    pub(crate) fn type_name(self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "a boolean",
            Scalar::U64(_) | Scalar::I64(_) | Scalar::F64(_) => "a number",
            Scalar::Str(_) => "a string",
            Scalar::List => "an array",
            Scalar::Object => "an object",
        }
    }

    /// A whole number that fits an `i64`, as `serde_json::Value::as_i64`.
    pub(crate) fn as_i64(self) -> Option<i64> {
        match self {
            Scalar::U64(n) => i64::try_from(n).ok(),
            Scalar::I64(n) => Some(n),
            _ => None,
        }
    }
}

/// How one value is read: from a scalar, and (by default, skipping their
/// content) from a list or an object.
pub(crate) trait Read<'de>: Sized {
    /// What reading gives.
    type Out;
    /// Whether it reads scalars only ([`Read::list`] and [`Read::object`]
    /// as given): in WebAssembly, [`value`] and [`element`] then read it
    /// through one shared visitor, so the source's code is there once for
    /// all such readers rather than once each (the module's size).
    const SCALAR: bool = false;
    /// Read a scalar (also called with [`Scalar::List`] / [`Scalar::Object`]
    /// after the content of a list or object was skipped).
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) -> Self::Out;
    /// Read a list.
    fn list<A: SeqAccess<'de>>(
        self,
        at: &At<'_>,
        mut a: A,
    ) -> std::result::Result<Self::Out, A::Error> {
        items(at, &mut a, |at, a| element(a, at, Skip))?;
        Ok(self.scalar(at, Scalar::List))
    }
    /// Read an object.
    fn object<A: MapAccess<'de>>(
        self,
        at: &At<'_>,
        mut a: A,
    ) -> std::result::Result<Self::Out, A::Error> {
        members(at, &mut a, |_, at, a| value(a, at, Skip))?;
        Ok(self.scalar(at, Scalar::Object))
    }
}

/// A [`Read`] at its place, as a serde seed.
pub(crate) struct Seed<'a, R> {
    pub(crate) at: At<'a>,
    pub(crate) read: R,
}

impl<'de, R: Read<'de>> DeserializeSeed<'de> for Seed<'_, R> {
    type Value = R::Out;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<R::Out, D::Error> {
        let Seed { at, read } = self;
        if at.path.depth > MAX_DEPTH {
            return Err(at
                .ctx
                .stop(at.error(ErrorCode::InvalidValue, "nested too deeply")));
        }
        d.deserialize_any(Vis { at: &at, read })
            .inspect_err(|_| at.ctx.note(&at.path))
    }
}

struct Vis<'s, 'a, R> {
    at: &'s At<'a>,
    read: R,
}

impl<'de, R: Read<'de>> Visitor<'de> for Vis<'_, '_, R> {
    type Value = R::Out;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<R::Out, E> {
        Ok(self.read.scalar(self.at, Scalar::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<R::Out, E> {
        let s = match u64::try_from(v) {
            Ok(u) => Scalar::U64(u),
            Err(_) => Scalar::I64(v),
        };
        Ok(self.read.scalar(self.at, s))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<R::Out, E> {
        Ok(self.read.scalar(self.at, Scalar::U64(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<R::Out, E> {
        Ok(self.read.scalar(self.at, Scalar::F64(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<R::Out, E> {
        Ok(self.read.scalar(self.at, Scalar::Str(v)))
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<R::Out, E> {
        Ok(self.read.scalar(self.at, Scalar::Null))
    }
    fn visit_none<E: de::Error>(self) -> std::result::Result<R::Out, E> {
        Ok(self.read.scalar(self.at, Scalar::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<R::Out, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> std::result::Result<R::Out, A::Error> {
        self.read.list(self.at, a)
    }
    fn visit_map<A: MapAccess<'de>>(self, a: A) -> std::result::Result<R::Out, A::Error> {
        self.read.object(self.at, a)
    }
}

/// A key of an object: borrowed from the source where it can be, else kept
/// inline when short (most keys are), so reading a key allocates nothing.
enum Key<'de> {
    Borrowed(&'de str),
    Small(u8, [u8; SMALL_KEY]),
    Owned(String),
}

/// The longest key kept inline.
const SMALL_KEY: usize = 30;

impl Key<'_> {
    fn new(v: &str) -> Key<'static> {
        let mut buf = [0; SMALL_KEY];
        match buf.get_mut(..v.len()) {
            Some(b) => {
                b.copy_from_slice(v.as_bytes());
                // `v.len()` fits: it is at most SMALL_KEY.
                Key::Small(v.len() as u8, buf)
            }
            None => Key::Owned(v.to_string()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            // Copied from a `str`, so always UTF-8.
            Key::Small(n, b) => b
                .get(..usize::from(*n))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Key::Owned(s) => s,
        }
    }
}

/// Reads a key of an object.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
        Ok(Key::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(Key::new(v))
    }
    fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Self::Value, E> {
        Ok(Key::Owned(v))
    }
}

/// Read the members of an object in order, refusing a repeated key (fatal:
/// `duplicate_field` at the second one). `member(key, at, access)` reads the
/// value with [`value`].
pub(crate) fn members<'de, A: MapAccess<'de>>(
    at: &At<'_>,
    a: &mut A,
    member: impl FnMut(&str, &At<'_>, &mut A) -> std::result::Result<(), A::Error>,
) -> std::result::Result<(), A::Error> {
    // In WebAssembly, one loop for every object of a source, calling each
    // table's code through a `dyn` closure (the module's size: a copy of
    // the loop a table costs about 300 bytes gzipped); elsewhere a loop
    // each, which is faster.
    #[cfg(target_arch = "wasm32")]
    let mut member = member;
    #[cfg(target_arch = "wasm32")]
    let member: &mut DynMember<'_, 'de, A> = &mut member;
    members_in(at, a, member)
}

/// A table's code for one member, behind `dyn` ([`members`] in WebAssembly).
#[cfg(target_arch = "wasm32")]
type DynMember<'m, 'de, A> =
    dyn FnMut(&str, &At<'_>, &mut A) -> std::result::Result<(), <A as MapAccess<'de>>::Error> + 'm;

/// A list's code for one item, behind `dyn` ([`items`] in WebAssembly).
#[cfg(target_arch = "wasm32")]
type DynItem<'m, 'de, A> =
    dyn FnMut(&At<'_>, &mut A) -> std::result::Result<bool, <A as SeqAccess<'de>>::Error> + 'm;

fn members_in<'de, A: MapAccess<'de>>(
    at: &At<'_>,
    a: &mut A,
    mut member: impl FnMut(&str, &At<'_>, &mut A) -> std::result::Result<(), A::Error>,
) -> std::result::Result<(), A::Error> {
    // Not built at all for a source whose keys are unique.
    let mut seen = (!at.ctx.unique_keys).then(Seen::default);
    loop {
        let key = match a.next_key_seed(KeySeed) {
            Ok(Some(k)) => k,
            Ok(None) => return Ok(()),
            Err(e) => {
                at.ctx.note(&at.path);
                return Err(e);
            }
        };
        let name = key.as_str();
        if seen.as_ref().is_some_and(|s| s.contains(name)) {
            let e = at.path.key(name).error(
                ErrorCode::DuplicateField,
                "this key is given twice in the same object",
            );
            return Err(at.ctx.stop(e));
        }
        member(name, &at.key(name), a)?;
        if let Some(s) = seen.as_mut() {
            s.push(&key);
        }
    }
}

/// The keys of an object seen so far, in WebAssembly: a plain list (the
/// module's size; the packed one below is faster).
#[cfg(target_arch = "wasm32")]
#[derive(Default)]
struct Seen<'de>(Vec<Key<'de>>);

#[cfg(target_arch = "wasm32")]
impl<'de> Seen<'de> {
    fn contains(&self, key: &str) -> bool {
        self.0.iter().any(|k| k.as_str() == key)
    }

    fn push(&mut self, key: &Key<'de>) {
        self.0.push(match key {
            Key::Borrowed(k) => Key::Borrowed(k),
            other => Key::new(other.as_str()),
        });
    }
}

/// The keys of an object seen so far: the first keys borrowed from the
/// source kept as they are, the first others packed into a buffer on the
/// stack (documents' objects are small, their keys short), the rest in a
/// list.
#[cfg(not(target_arch = "wasm32"))]
struct Seen<'de> {
    borrowed: [&'de str; SEEN_KEYS],
    n_borrowed: usize,
    buf: [u8; SEEN_BYTES],
    ends: [u16; SEEN_KEYS],
    n: usize,
    more: Vec<Box<[u8]>>,
}

#[cfg(not(target_arch = "wasm32"))]
const SEEN_BYTES: usize = 256;
#[cfg(not(target_arch = "wasm32"))]
const SEEN_KEYS: usize = 16;

#[cfg(not(target_arch = "wasm32"))]
impl Default for Seen<'_> {
    fn default() -> Self {
        Seen {
            borrowed: [""; SEEN_KEYS],
            n_borrowed: 0,
            buf: [0; SEEN_BYTES],
            ends: [0; SEEN_KEYS],
            n: 0,
            more: Vec::new(),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<'de> Seen<'de> {
    fn contains(&self, key: &str) -> bool {
        if self
            .borrowed
            .iter()
            .take(self.n_borrowed)
            .any(|k| k.len() == key.len() && *k == key)
        {
            return true;
        }
        let key = key.as_bytes();
        let mut start = 0;
        for &end in self.ends.iter().take(self.n) {
            let end = usize::from(end);
            if self.buf.get(start..end) == Some(key) {
                return true;
            }
            start = end;
        }
        self.more.iter().any(|k| **k == *key)
    }

    fn push(&mut self, key: &Key<'de>) {
        if let Key::Borrowed(k) = key {
            if let Some(slot) = self.borrowed.get_mut(self.n_borrowed) {
                *slot = k;
                self.n_borrowed += 1;
                return;
            }
        }
        let key = key.as_str().as_bytes();
        let start = match self.n.checked_sub(1) {
            Some(i) => self.ends.get(i).map_or(0, |e| usize::from(*e)),
            None => 0,
        };
        let end = start + key.len();
        if self.more.is_empty() && self.n < SEEN_KEYS {
            if let (Some(slot), Ok(end16)) = (self.buf.get_mut(start..end), u16::try_from(end)) {
                slot.copy_from_slice(key);
                if let Some(e) = self.ends.get_mut(self.n) {
                    *e = end16;
                    self.n += 1;
                    return;
                }
            }
        }
        self.more.push(key.into());
    }
}

/// The value of the member just read by [`members`], read by `read`.
pub(crate) fn value<'de, A: MapAccess<'de>, R: Read<'de>>(
    a: &mut A,
    at: &At<'_>,
    read: R,
) -> std::result::Result<R::Out, A::Error> {
    if ERASE && R::SCALAR {
        return scalar(a, at, read);
    }
    a.next_value_seed(Seed { at: *at, read })
}

/// Whether readers of scalars share one visitor ([`Read::SCALAR`]): in
/// WebAssembly, where the module's size counts; elsewhere each reader gets
/// its own visitor, which is faster.
const ERASE: bool = cfg!(target_arch = "wasm32");

/// [`value`] for a reader of scalars only (a list or an object is skipped
/// and read as [`Scalar::List`] / [`Scalar::Object`]), through one shared
/// visitor.
fn scalar<'de, A: MapAccess<'de>, R: Read<'de>>(
    a: &mut A,
    at: &At<'_>,
    read: R,
) -> std::result::Result<R::Out, A::Error> {
    let mut read = Some(read);
    let mut out = None;
    let mut f = |at: &At<'_>, s: Scalar<'_>| {
        if let Some(r) = read.take() {
            out = Some(r.scalar(at, s));
        }
    };
    a.next_value_seed(Erased { at: *at, f: &mut f })?;
    out.ok_or_else(|| de::Error::custom("dhr: no value was read"))
}

/// [`element`] for a reader of scalars only.
fn scalar_element<'de, A: SeqAccess<'de>, R: Read<'de>>(
    a: &mut A,
    at: &At<'_>,
    read: R,
) -> std::result::Result<Option<R::Out>, A::Error> {
    let mut read = Some(read);
    let mut out = None;
    let mut f = |at: &At<'_>, s: Scalar<'_>| {
        if let Some(r) = read.take() {
            out = Some(r.scalar(at, s));
        }
    };
    match a.next_element_seed(Erased { at: *at, f: &mut f })? {
        None => Ok(None),
        Some(()) => out
            .map(Some)
            .ok_or_else(|| de::Error::custom("dhr: no value was read")),
    }
}

/// A reader of scalars behind a `dyn` closure: one visitor type for all.
struct Erased<'f, 'a> {
    at: At<'a>,
    f: &'f mut dyn FnMut(&At<'_>, Scalar<'_>),
}

impl<'de> DeserializeSeed<'de> for Erased<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        let Erased { at, f } = self;
        Seed {
            at,
            read: ErasedRead(f),
        }
        .deserialize(d)
    }
}

struct ErasedRead<'f>(&'f mut dyn FnMut(&At<'_>, Scalar<'_>));

impl<'de> Read<'de> for ErasedRead<'_> {
    type Out = ();
    fn scalar(self, at: &At<'_>, s: Scalar<'_>) {
        (self.0)(at, s)
    }
}

/// Read the items of a list in order: `item(at, access)` reads each with
/// [`element`], which answers `None` at the end.
pub(crate) fn items<'de, A: SeqAccess<'de>, T>(
    at: &At<'_>,
    a: &mut A,
    mut item: impl FnMut(&At<'_>, &mut A) -> std::result::Result<Option<T>, A::Error>,
) -> std::result::Result<(), A::Error> {
    // As in `members`: one loop in WebAssembly.
    let more = |at: &At<'_>, a: &mut A| item(at, a).map(|t| t.is_some());
    #[cfg(target_arch = "wasm32")]
    let mut more = more;
    #[cfg(target_arch = "wasm32")]
    let more: &mut DynItem<'_, 'de, A> = &mut more;
    items_in(at, a, more)
}

fn items_in<'de, A: SeqAccess<'de>>(
    at: &At<'_>,
    a: &mut A,
    mut more: impl FnMut(&At<'_>, &mut A) -> std::result::Result<bool, A::Error>,
) -> std::result::Result<(), A::Error> {
    let mut i = 0;
    while more(&at.index(i), a)? {
        i += 1;
    }
    Ok(())
}

/// The next item of a list, read by `read`; `None` at the end.
pub(crate) fn element<'de, A: SeqAccess<'de>, R: Read<'de>>(
    a: &mut A,
    at: &At<'_>,
    read: R,
) -> std::result::Result<Option<R::Out>, A::Error> {
    if ERASE && R::SCALAR {
        return scalar_element(a, at, read);
    }
    a.next_element_seed(Seed { at: *at, read })
}

/// Skips a value, still refusing repeated keys inside it.
pub(crate) struct Skip;

impl<'de> Read<'de> for Skip {
    type Out = ();
    const SCALAR: bool = true;
    fn scalar(self, _: &At<'_>, _: Scalar<'_>) {}
}

/// Reads any value into a [`serde_json::Value`] (for `extensions`, and for
/// documents whose fields are read from a tree), refusing repeated keys.
pub(crate) struct Tree;

impl<'de> Read<'de> for Tree {
    type Out = Value;
    fn scalar(self, _: &At<'_>, s: Scalar<'_>) -> Value {
        match s {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::U64(n) => Value::from(n),
            Scalar::I64(n) => Value::from(n),
            Scalar::F64(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
            Scalar::Str(s) => Value::String(s.to_string()),
            Scalar::List => Value::Array(Vec::new()),
            Scalar::Object => Value::Object(Map::new()),
        }
    }
    fn list<A: SeqAccess<'de>>(
        self,
        at: &At<'_>,
        mut a: A,
    ) -> std::result::Result<Value, A::Error> {
        let mut out = Vec::new();
        items(at, &mut a, |at, a| {
            Ok(element(a, at, Tree)?.map(|v| out.push(v)))
        })?;
        Ok(Value::Array(out))
    }
    fn object<A: MapAccess<'de>>(
        self,
        at: &At<'_>,
        mut a: A,
    ) -> std::result::Result<Value, A::Error> {
        let mut out = Map::new();
        members(at, &mut a, |key, at, a| {
            let v = value(a, at, Tree)?;
            out.insert(key.to_string(), v);
            Ok(())
        })?;
        Ok(Value::Object(out))
    }
}

/// Read a whole source into a [`serde_json::Value`], refusing repeated keys
/// at any depth: the first step of reading a review or a rule set from any
/// source, whose fields are then read from the tree.
///
/// ```
/// use dhr_core::read::tree;
/// let mut de = serde_json::Deserializer::from_str(r#"{"a": {"b": 1, "b": 2}}"#);
/// let err = tree(&mut de).unwrap_err();
/// assert_eq!((err.code().as_str(), err.path()), ("duplicate_field", "a.b"));
/// ```
pub fn tree<'de, D>(source: D) -> Result<Value>
where
    D: Deserializer<'de>,
    D::Error: SourceError,
{
    run(source, Tree)
}

/// Read JSON text into a [`serde_json::Value`]: a byte order mark skipped,
/// repeated keys refused (`duplicate_field`), syntax errors `invalid_json`.
///
/// ```
/// use dhr_core::read::tree_from_json;
/// assert_eq!(tree_from_json("\u{feff}[1]")?, serde_json::json!([1]));
/// let err = tree_from_json(r#"{"x": 1, "x": 2}"#).unwrap_err();
/// assert_eq!((err.code().as_str(), err.path()), ("duplicate_field", "x"));
/// assert_eq!(tree_from_json("{").unwrap_err().code().as_str(), "invalid_json");
/// # Ok::<(), dhr_core::Error>(())
/// ```
pub fn tree_from_json(text: &str) -> Result<Value> {
    from_text(text, |de| tree(de).map(Ok))
}
