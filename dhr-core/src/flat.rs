//! The flat (frame) schema: one death per row, one suspect per row, and one
//! review's milestones per row, as the Python frame helpers
//! (`dhr.assess_frame`, `dhr.timeliness_frame`) read them.
//!
//! A binding hands over only cell values ([`Cell`], through [`Row`]); the
//! columns, where each goes in the 6.1 document, the empty-`manner` rule, the
//! milestones' events and roles, and every error, live here.
//!
//! A row is read as the 6.1 document it stands for ([`RowDocument`], a
//! `serde::Deserializer`), by the same reader as any other death
//! ([`read_death`]): a row gives the same death, or the same error with the
//! same path, as the document built from it by hand.
//!
//! ```
//! use dhr_core::flat::{read_death, Cell, Row, ASSESS_COLUMNS};
//! use dhr_core::case::{Manner, Nation};
//!
//! struct One(Vec<(&'static str, Cell<'static>)>);
//! impl Row for One {
//!     fn cell(&self, column: usize) -> dhr_core::Result<Cell<'_>> {
//!         let name = ASSESS_COLUMNS.get(column).map(|c| c.name);
//!         Ok(self.0.iter().find(|(n, _)| Some(*n) == name).map_or(Cell::Absent, |(_, c)| *c))
//!     }
//! }
//! let row = One(vec![("date_of_death", Cell::Str("2024-03-10")), ("nation", Cell::Str("wales")),
//!                    ("manner", Cell::Missing), ("suspect_age", Cell::Int(41))]);
//! let death = read_death(&row)?;
//! assert_eq!((death.nation, death.manner), (Nation::Wales, Manner::Unknown));
//! assert_eq!(death.suspects[0].age, Some(41));
//! # Ok::<(), dhr_core::Error>(())
//! ```

use crate::case::{Death, Manner};
use crate::deadlines::{evaluate, Deadline};
use crate::error::{Error, ErrorCode, Result};
use crate::json::{self, SCHEMA_VERSION};
use crate::lifecycle::{Event, EventKind, Role};
use crate::rules::RuleSet;
use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::Value;
use std::fmt;

/// The rule set a timeliness frame is measured against when none is named.
pub use crate::rules::DEFAULT_RULE_SET;

/// Where a column's fact goes in the 6.1 document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A top-level field of the death.
    Top,
    /// A field of `deceased`.
    Deceased,
    /// A field of the frame's one suspect, `suspects[0]`.
    Suspect,
}

/// One column of an assessment frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The column's name.
    pub name: &'static str,
    /// Where its fact goes.
    pub place: Place,
    /// The field's key in its place.
    pub key: &'static str,
    /// The field's path in the 6.1 document (the path of its errors and of
    /// the missing facts it answers).
    pub path: &'static str,
    /// The fact it holds, in a line.
    pub doc: &'static str,
    /// A list of names: a list cell, or a text cell of names separated by
    /// [`LIST_SEPARATOR`] (spaces around a name and empty names are
    /// dropped).
    pub list: bool,
}

/// The separator of a list written in one text cell (`abuse_indicators`:
/// `"physical_abuse; coercive_control"`).
pub const LIST_SEPARATOR: char = ';';

const fn col(
    name: &'static str,
    place: Place,
    key: &'static str,
    path: &'static str,
    doc: &'static str,
) -> Column {
    Column {
        name,
        place,
        key,
        path,
        doc,
        list: false,
    }
}

const fn list_col(name: &'static str, doc: &'static str) -> Column {
    Column {
        name,
        place: Place::Top,
        key: name,
        path: name,
        doc,
        list: true,
    }
}

/// The columns of an assessment frame, in the document's order (top-level
/// fields, then `deceased`, then the suspect). An absent column is an
/// unknown fact; other columns of a frame are never read.
pub const ASSESS_COLUMNS: &[Column] = &[
    col(
        "reference",
        Place::Top,
        "reference",
        "reference",
        "the case's own reference (echoed, never used)",
    ),
    col(
        "date_of_death",
        Place::Top,
        "date_of_death",
        "date_of_death",
        "the date of death (required)",
    ),
    col(
        "notified_on",
        Place::Top,
        "notified_on",
        "notified_on",
        "when the community safety partnership was notified",
    ),
    col(
        "nation",
        Place::Top,
        "nation",
        "nation",
        "england, wales, scotland or northern_ireland (required)",
    ),
    col(
        "manner",
        Place::Top,
        "manner",
        "manner",
        "homicide, suicide, other or unknown (empty: unknown)",
    ),
    list_col(
        "abuse_indicators",
        "kinds of abusive behaviour seen: a list, or names separated by `;`",
    ),
    col(
        "date_of_birth",
        Place::Deceased,
        "date_of_birth",
        "deceased.date_of_birth",
        "the deceased's date of birth",
    ),
    col(
        "age",
        Place::Deceased,
        "age",
        "deceased.age",
        "the deceased's age at death, in whole years",
    ),
    col(
        "age_band",
        Place::Deceased,
        "age_band",
        "deceased.age_band",
        "the deceased's age band",
    ),
    col(
        "care_and_support_needs",
        Place::Deceased,
        "care_and_support_needs",
        "deceased.care_and_support_needs",
        "whether the deceased had care and support needs",
    ),
    col(
        "connection",
        Place::Suspect,
        "connection",
        "suspects[0].connection",
        "the suspect's connection to the deceased",
    ),
    col(
        "home_office_relationship",
        Place::Suspect,
        "home_office_relationship",
        "suspects[0].home_office_relationship",
        "the relationship in the Home Office's categories",
    ),
    col(
        "same_household",
        Place::Suspect,
        "same_household",
        "suspects[0].same_household",
        "whether the suspect was a member of the same household",
    ),
    col(
        "suspect_age",
        Place::Suspect,
        "age",
        "suspects[0].age",
        "the suspect's age, in whole years",
    ),
    col(
        "suspect_age_band",
        Place::Suspect,
        "age_band",
        "suspects[0].age_band",
        "the suspect's age band (spec 8.2)",
    ),
    col(
        "abuse_suspected",
        Place::Suspect,
        "abuse_suspected",
        "suspects[0].abuse_suspected",
        "whether the suspect is suspected of abuse of the deceased",
    ),
];

/// The columns an assessment frame's answer adds, in order: the outcome,
/// the regime, the missing facts (their spec 6.2 paths), the reasons' codes
/// and the related reviews' kinds.
pub const ASSESS_OUTPUT: &[&str] = &["outcome", "regime", "missing", "reasons", "related_reviews"];

/// The columns a frame's answer adds for each rule of the rule set, after
/// the rule's id: the due date, the status and the days late.
pub const TIMELINESS_OUTPUT: &[&str] = &["_due", "_status", "_days_late"];

/// The columns of a row's error when errors are returned rather than
/// raised: its code, its column (or the path in the row's document when it
/// names no column), and its message.
pub const ERROR_COLUMNS: &[&str] = &["error_code", "error_column", "error_message"];

/// The column whose fact is at `path` of a row's document (an error's path,
/// or a missing fact), if any: `suspects[0].age` is `suspect_age`.
pub fn column_of_path(path: &str) -> Option<&'static Column> {
    ASSESS_COLUMNS.iter().find(|c| {
        path.strip_prefix(c.path)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    })
}

/// The same error with its path naming the column rather than the document
/// field, after the row's position if there is one: `suspects[0].age`
/// becomes `suspect_age`, `[3].deceased.age` becomes `[3].age`. A path that
/// names no column (the whole row, `deceased`) is left as it is.
///
/// ```
/// use dhr_core::{flat::at_column, Error, ErrorCode};
/// let e = Error::new(ErrorCode::InvalidValue, "[3].suspects[0].age", "expected a whole number");
/// assert_eq!(at_column(e).path(), "[3].suspect_age");
/// ```
pub fn at_column(error: Error) -> Error {
    let (row, path) = match error.path().find(']') {
        Some(end) if error.path().starts_with('[') => error.path().split_at(end + 1),
        _ => ("", error.path()),
    };
    let path = path.strip_prefix('.').unwrap_or(path);
    match column_of_path(path) {
        Some(c) if c.path == path => {
            let column = if row.is_empty() {
                c.name.to_string()
            } else {
                format!("{row}.{}", c.name)
            };
            Error::new(error.code(), column, error.message())
        }
        _ => error,
    }
}

/// The dhr column that `name`, a column of a frame which is not one, looks
/// like a misspelling of: one or two letters off (Levenshtein distance, by
/// the `strsim` crate), and fewer than a third of its letters, so that
/// short names (`sex` for `age`) are not taken for misspellings. Among
/// `columns` (a frame's own dhr columns: [`ASSESS_COLUMNS`]' or
/// [`TIMELINESS_COLUMNS`]' names).
///
/// ```
/// use dhr_core::flat::{misspelt, ASSESS_COLUMNS};
/// let names = || ASSESS_COLUMNS.iter().map(|c| c.name);
/// assert_eq!(misspelt("same_houshold", names()), Some("same_household"));
/// assert_eq!(misspelt("Nation", names()), Some("nation"));
/// assert_eq!(misspelt("sex", names()), None);
/// assert_eq!(misspelt("nation", names()), None);
/// ```
pub fn misspelt(
    name: &str,
    columns: impl IntoIterator<Item = &'static str>,
) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for column in columns {
        if column == name {
            return None;
        }
        let d = strsim::levenshtein(&name.to_lowercase(), column);
        // d == 0 here: the same name in other letter case.
        let near = d <= 2 && d.max(1) * 3 < column.chars().count();
        if near && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, column));
        }
    }
    best.map(|(_, c)| c)
}

/// One cell of a row, as the binding found it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// The frame has no such column: the field is left out of the document.
    Absent,
    /// A missing value (None, NaN): the field is null.
    Missing,
    /// A boolean.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction (or a whole number held as a float); must be
    /// finite, or the row is refused (`invalid_value`).
    Float(f64),
    /// Text.
    Str(&'a str),
    /// Any other JSON value (a list, a whole number beyond `i64`...).
    Value(&'a Value),
}

/// A row of an assessment frame: its cells by column.
pub trait Row {
    /// The cell of the column at `column` in [`ASSESS_COLUMNS`] (an index
    /// past its end is [`Cell::Absent`]). An error is a cell the binding
    /// could not read, with the column's path.
    fn cell(&self, column: usize) -> Result<Cell<'_>>;
}

/// The error of reading a row: a [`crate::Error`].
#[derive(Debug)]
pub struct RowError(pub Error);

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for RowError {}

impl crate::read::SourceError for RowError {
    // A row's keys are its distinct columns' (one each), `deceased` and
    // `suspects`; a cell's own object is a `serde_json::Value`'s, whose keys
    // are unique.
    const UNIQUE_KEYS: bool = true;
    fn fault(self) -> crate::read::Fault {
        // A cell the binding could not read: its path is the column's.
        crate::read::Fault::Document(self.0)
    }
}

impl de::Error for RowError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        RowError(Error::new(ErrorCode::InvalidValue, "", msg.to_string()))
    }
}

/// A row presented as the nested 6.1 document it stands for:
/// `{"schema_version": 1, <top-level columns>, "deceased": {...},
/// "suspects": [{...}]}`. A present column is a field (null when its cell
/// is missing), an absent one is left out; `manner` missing or absent is
/// `"unknown"`; `deceased` and the one suspect are always there, empty if no
/// column is.
pub struct RowDocument<'r, R: ?Sized> {
    row: &'r R,
}

impl<'r, R: Row + ?Sized> RowDocument<'r, R> {
    /// The document of `row`.
    pub fn new(row: &'r R) -> Self {
        RowDocument { row }
    }
}

/// A row's death: its document read by the reader of every death.
pub fn read_death<R: Row + ?Sized>(row: &R) -> Result<Death> {
    Death::read(RowDocument::new(row))
}

impl<'de, R: Row + ?Sized> Deserializer<'de> for RowDocument<'de, R> {
    type Error = RowError;

    fn deserialize_any<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, RowError> {
        visitor.visit_map(Fields::new(self.row, Place::Top))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A value of the row document.
enum Node<'de, R: ?Sized> {
    Version,
    Unknown,
    Cell(&'static Column, Cell<'de>),
    Object(&'de R, Place),
    Suspects(&'de R),
}

/// The fields of one object of the row document (the death, `deceased` or
/// the suspect).
struct Fields<'de, R: ?Sized> {
    row: &'de R,
    place: Place,
    /// The next step: 0 is `schema_version` (top level only), then one per
    /// column, then `deceased` and `suspects` (top level only).
    step: usize,
    /// One past the last column of this place.
    end: usize,
    value: Option<Node<'de, R>>,
}

/// The columns of `place`: a run of [`ASSESS_COLUMNS`] (they are in the
/// document's order, place by place), as the steps of [`Fields`] (the
/// column's index plus one).
#[allow(clippy::indexing_slicing)] // in bounds: checked by the loop, at compile time
const fn steps(place: Place) -> (usize, usize) {
    let mut i = 0;
    let mut first = ASSESS_COLUMNS.len();
    let mut last = 0;
    while i < ASSESS_COLUMNS.len() {
        let p = ASSESS_COLUMNS[i].place as u8;
        if p == place as u8 {
            if first == ASSESS_COLUMNS.len() {
                first = i;
            }
            last = i + 1;
        }
        i += 1;
    }
    (first + 1, last + 1)
}

const TOP_STEPS: (usize, usize) = steps(Place::Top);
const DECEASED_STEPS: (usize, usize) = steps(Place::Deceased);
const SUSPECT_STEPS: (usize, usize) = steps(Place::Suspect);

/// The index of the `manner` column (whose missing cell is the format's
/// `"unknown"`).
#[allow(clippy::indexing_slicing)] // in bounds: checked by the loop, at compile time
const MANNER: usize = {
    let mut i = 0;
    while i < ASSESS_COLUMNS.len() {
        let name = ASSESS_COLUMNS[i].name.as_bytes();
        if name.len() == 6
            && name[0] == b'm'
            && name[1] == b'a'
            && name[2] == b'n'
            && name[3] == b'n'
            && name[4] == b'e'
            && name[5] == b'r'
        {
            break;
        }
        i += 1;
    }
    i
};

impl<'de, R: Row + ?Sized> Fields<'de, R> {
    fn new(row: &'de R, place: Place) -> Self {
        let (first, end) = match place {
            Place::Top => (0, TOP_STEPS.1),
            Place::Deceased => DECEASED_STEPS,
            Place::Suspect => SUSPECT_STEPS,
        };
        Fields {
            row,
            place,
            step: first,
            end,
            value: None,
        }
    }

    /// The next field's key and value.
    fn next(&mut self) -> Result<Option<(&'static str, Node<'de, R>)>> {
        let columns = ASSESS_COLUMNS.len();
        loop {
            let step = self.step;
            self.step += 1;
            if step == 0 {
                return Ok(Some(("schema_version", Node::Version)));
            }
            if step >= self.end && self.place == Place::Top && step <= columns {
                // The top level's columns are done: then `deceased`.
                self.step = columns + 1;
                continue;
            }
            if let Some(column) = ASSESS_COLUMNS.get(step - 1).filter(|_| step < self.end) {
                if column.place != self.place {
                    continue;
                }
                let cell = self.row.cell(step - 1)?;
                if step - 1 == MANNER
                    && matches!(
                        cell,
                        Cell::Absent | Cell::Missing | Cell::Value(Value::Null)
                    )
                {
                    // The format's own "unknown" (spec 6.1).
                    return Ok(Some((column.key, Node::Unknown)));
                }
                if cell == Cell::Absent {
                    continue;
                }
                return Ok(Some((column.key, Node::Cell(column, cell))));
            }
            if self.place != Place::Top {
                return Ok(None);
            }
            return Ok(match step - 1 - columns {
                0 => Some(("deceased", Node::Object(self.row, Place::Deceased))),
                1 => Some(("suspects", Node::Suspects(self.row))),
                _ => None,
            });
        }
    }
}

impl<'de, R: Row + ?Sized> MapAccess<'de> for Fields<'de, R> {
    type Error = RowError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> std::result::Result<Option<K::Value>, RowError> {
        match self.next().map_err(RowError)? {
            None => Ok(None),
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
                    .map(Some)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> std::result::Result<V::Value, RowError> {
        match self.value.take() {
            Some(node) => seed.deserialize(NodeDeserializer(node)),
            None => Err(de::Error::custom("a value was asked for before its key")),
        }
    }
}

/// The one suspect of a row.
struct OneSuspect<'de, R: ?Sized>(Option<&'de R>);

impl<'de, R: Row + ?Sized> SeqAccess<'de> for OneSuspect<'de, R> {
    type Error = RowError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> std::result::Result<Option<T::Value>, RowError> {
        match self.0.take() {
            None => Ok(None),
            Some(row) => seed
                .deserialize(NodeDeserializer(Node::Object(row, Place::Suspect)))
                .map(Some),
        }
    }
}

/// The names of a list written in one text cell.
struct Names<'de>(std::str::Split<'de, char>);

impl<'de> SeqAccess<'de> for Names<'de> {
    type Error = RowError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> std::result::Result<Option<T::Value>, RowError> {
        for name in self.0.by_ref() {
            let name = name.trim();
            if !name.is_empty() {
                return seed
                    .deserialize(de::value::BorrowedStrDeserializer::new(name))
                    .map(Some);
            }
        }
        Ok(None)
    }
}

struct NodeDeserializer<'de, R: ?Sized>(Node<'de, R>);

impl<'de, R: Row + ?Sized> Deserializer<'de> for NodeDeserializer<'de, R> {
    type Error = RowError;

    fn deserialize_any<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, RowError> {
        match self.0 {
            Node::Version => visitor.visit_u64(SCHEMA_VERSION),
            Node::Unknown => visitor.visit_borrowed_str(Manner::Unknown.as_str()),
            Node::Object(row, place) => visitor.visit_map(Fields::new(row, place)),
            Node::Suspects(row) => visitor.visit_seq(OneSuspect(Some(row))),
            Node::Cell(column, cell) => match cell {
                Cell::Absent | Cell::Missing => visitor.visit_unit(),
                Cell::Bool(b) => visitor.visit_bool(b),
                Cell::Int(n) => visitor.visit_i64(n),
                Cell::Float(x) if x.is_finite() => visitor.visit_f64(x),
                Cell::Float(_) => Err(RowError(Error::new(
                    ErrorCode::InvalidValue,
                    column.path,
                    "expected a finite number",
                ))),
                Cell::Str(s) if column.list => visitor.visit_seq(Names(s.split(LIST_SEPARATOR))),
                Cell::Str(s) => visitor.visit_borrowed_str(s),
                Cell::Value(v) => v.deserialize_any(visitor).map_err(|e| {
                    RowError(Error::new(
                        ErrorCode::InvalidValue,
                        column.path,
                        e.to_string(),
                    ))
                }),
            },
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// One milestone column of a timeliness frame: the event a date in it
/// records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    /// The column's name (and the path of its errors).
    pub column: &'static str,
    /// Who records the event.
    pub by: Role,
    /// The event.
    pub kind: EventKind,
    /// The milestone, in a line.
    pub doc: &'static str,
}

impl Milestone {
    /// The event of this milestone on `on`.
    pub fn event(&self, on: NaiveDate) -> Event {
        Event::new(on, self.by, self.kind.clone())
    }
}

/// The milestone columns of a timeliness frame, in lifecycle order (their
/// dates must be in this order too).
pub const TIMELINESS_COLUMNS: &[Milestone] = &[
    Milestone {
        column: "notified_on",
        by: Role::Police,
        kind: EventKind::Notified,
        doc: "the community safety partnership was notified of the death",
    },
    Milestone {
        column: "decided_on",
        by: Role::Csp,
        kind: EventKind::Decided {
            review: true,
            reasons: None,
        },
        doc: "the partnership decided to hold a review",
    },
    Milestone {
        column: "terms_of_reference_on",
        by: Role::Chair,
        kind: EventKind::TermsOfReferenceAgreed {
            look_back_from: None,
        },
        doc: "the review's terms of reference were agreed",
    },
    Milestone {
        column: "submitted_on",
        by: Role::Csp,
        kind: EventKind::SubmittedToHomeOffice,
        doc: "the review was submitted to the Home Office",
    },
];

/// One review's milestones as events, with the column of each.
///
/// They are not a review's log ([`crate::lifecycle::Log`]), and cannot be
/// made one without inventing facts (issue 12 asked for logs that `Log`
/// accepts; this is the documented reason they are not): a frame holds four
/// milestones only, and a log refuses `decided` unless `notified` comes
/// first, `terms_of_reference_agreed` without `panel_commissioned` and
/// `chair_appointed` before it, and `submitted_to_home_office` without an
/// `overview_drafted` that has been `overview_quality_assured`. Filling those
/// events in would give the log events nobody recorded, dated by guess, and
/// the rules that run from them (the QA panel's, the action plan's) would
/// then answer `met` or `overdue` from the guess: a silently wrong date.
/// So the deadlines are evaluated over the milestones as they stand (by the
/// same [`evaluate`] as a review's status); a later milestone with an
/// earlier one missing is accepted (real data has gaps); what the core
/// checks here is each event's own validity ([`Event::validate`]) and the
/// milestones' date order, and every error names its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    events: Vec<Event>,
    columns: Vec<&'static str>,
}

impl Timeline {
    /// Read a row's milestones: `date` gives each milestone's date (`None`:
    /// not happened, or the column is absent). Dates out of lifecycle order
    /// are refused (`event_out_of_order`, at the later column).
    ///
    /// ```
    /// use dhr_core::flat::Timeline;
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day);
    /// let dates = |m: &dhr_core::flat::Milestone| Ok::<_, dhr_core::Error>(match m.column {
    ///     "notified_on" => d(1, 31),
    ///     "decided_on" => d(1, 1),
    ///     _ => None,
    /// });
    /// let err = Timeline::read(dates).unwrap_err();
    /// assert_eq!((err.code().as_str(), err.path()), ("event_out_of_order", "decided_on"));
    /// ```
    pub fn read<E: From<Error>>(
        mut date: impl FnMut(&'static Milestone) -> std::result::Result<Option<NaiveDate>, E>,
    ) -> std::result::Result<Timeline, E> {
        let mut events: Vec<Event> = Vec::new();
        let mut columns: Vec<&'static str> = Vec::new();
        for m in TIMELINESS_COLUMNS {
            let Some(on) = date(m)? else {
                continue;
            };
            if let (Some(last), Some(previous)) = (events.last(), columns.last()) {
                if last.on > on {
                    return Err(out_of_order(m.column, previous).into());
                }
            }
            let event = m.event(on);
            // Only its date can be wrong: the path is the column.
            event
                .validate("")
                .map_err(|e| Error::new(e.code(), m.column, e.message()))?;
            events.push(event);
            columns.push(m.column);
        }
        Ok(Timeline { events, columns })
    }

    /// The events, in order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Each rule's deadline as of `as_of` (see [`evaluate`]); an error names
    /// the milestone column of the event it comes from.
    pub fn deadlines(
        &self,
        rules: &RuleSet,
        as_of: NaiveDate,
        due_soon_days: u32,
    ) -> Result<Vec<Deadline>> {
        evaluate(rules, &self.events, as_of, due_soon_days).map_err(|e| {
            let column = self
                .columns
                .iter()
                .enumerate()
                .find(|(i, _)| {
                    let event = json::item("events", *i);
                    e.path()
                        .strip_prefix(&event)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
                })
                .map_or("", |(_, c)| *c);
            Error::new(e.code(), column, e.message())
        })
    }
}

fn out_of_order(column: &str, previous: &str) -> Error {
    let order: Vec<&str> = TIMELINESS_COLUMNS.iter().map(|m| m.column).collect();
    Error::new(
        ErrorCode::EventOutOfOrder,
        column,
        format!(
            "this date is before {previous}: the milestones are {}, in that order",
            order.join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_place_and_key() {
        for c in ASSESS_COLUMNS {
            let expected = match c.place {
                Place::Top => c.key.to_string(),
                Place::Deceased => format!("deceased.{}", c.key),
                Place::Suspect => format!("suspects[0].{}", c.key),
            };
            assert_eq!(c.path, expected, "{}", c.name);
            assert_eq!(column_of_path(c.path), Some(c));
        }
        assert_eq!(
            column_of_path("suspects[0].age").map(|c| c.name),
            Some("suspect_age")
        );
        assert_eq!(column_of_path("deceased.agency"), None);
        assert_eq!(column_of_path("suspects[1].age"), None);
    }

    #[test]
    fn each_place_is_one_run_of_columns() {
        for (place, (first, end)) in [
            (Place::Top, TOP_STEPS),
            (Place::Deceased, DECEASED_STEPS),
            (Place::Suspect, SUSPECT_STEPS),
        ] {
            for (i, c) in ASSESS_COLUMNS.iter().enumerate() {
                assert_eq!(
                    c.place == place,
                    (first..end).contains(&(i + 1)),
                    "{}",
                    c.name
                );
            }
        }
        assert_eq!(ASSESS_COLUMNS.get(MANNER).map(|c| c.name), Some("manner"));
    }

    #[test]
    fn errors_are_moved_to_their_column() {
        let cases = [
            ("suspects[0].age", "suspect_age"),
            ("[12].deceased.age", "[12].age"),
            ("[0].date_of_death", "[0].date_of_death"),
            ("[1]", "[1]"),
            ("deceased", "deceased"),
            ("", ""),
            ("[2].suspects[0]", "[2].suspects[0]"),
        ];
        for (path, column) in cases {
            let e = at_column(Error::new(ErrorCode::InvalidValue, path, "m"));
            assert_eq!(
                (e.path(), e.code(), e.message()),
                (column, ErrorCode::InvalidValue, "m")
            );
        }
    }

    #[test]
    fn milestones_are_recorded_by_a_role_allowed_to() {
        for m in TIMELINESS_COLUMNS {
            assert!(m.kind.name().roles().contains(&m.by), "{}", m.column);
        }
    }
}
