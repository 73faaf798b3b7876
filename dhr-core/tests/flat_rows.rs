//! The flat (frame) schema: a row read through `RowDocument` is the 6.1
//! document built from it by hand (a property over every kind of cell in
//! every column), read by the reader of every death; and the timeliness
//! milestones, their order and their errors.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use dhr_core::case::{Death, Manner, Nation};
use dhr_core::flat::{
    read_death, Cell, Milestone, Row, RowDocument, Timeline, ASSESS_COLUMNS, TIMELINESS_COLUMNS,
};
use dhr_core::lifecycle::{EventKind, Role};
use dhr_core::{DeadlineStatus, Error, ErrorCode, RuleSet};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// The frame's columns and their places, written out from spec 6.1 (not
/// taken from the table under test): (column, object, key).
const SCHEMA: &[(&str, &str, &str)] = &[
    ("reference", "", "reference"),
    ("date_of_death", "", "date_of_death"),
    ("notified_on", "", "notified_on"),
    ("nation", "", "nation"),
    ("manner", "", "manner"),
    ("abuse_indicators", "", "abuse_indicators"),
    ("date_of_birth", "deceased", "date_of_birth"),
    ("age", "deceased", "age"),
    ("age_band", "deceased", "age_band"),
    (
        "care_and_support_needs",
        "deceased",
        "care_and_support_needs",
    ),
    ("connection", "suspect", "connection"),
    (
        "home_office_relationship",
        "suspect",
        "home_office_relationship",
    ),
    ("same_household", "suspect", "same_household"),
    ("suspect_age", "suspect", "age"),
    ("suspect_age_band", "suspect", "age_band"),
    ("abuse_suspected", "suspect", "abuse_suspected"),
];

/// A cell as the test holds it (owned).
#[derive(Debug, Clone)]
enum Owned {
    Absent,
    Missing,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Value(Value),
    /// A cell the binding could not read.
    Unreadable,
}

#[derive(Debug, Clone, Default)]
struct TestRow(Vec<(&'static str, Owned)>);

impl TestRow {
    fn get(&self, name: &str) -> &Owned {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&Owned::Absent, |(_, c)| c)
    }
    fn with(mut self, name: &'static str, cell: Owned) -> Self {
        self.0.push((name, cell));
        self
    }
}

fn unreadable(path: &str) -> Error {
    Error::new(ErrorCode::InvalidValue, path, "not valid Unicode text")
}

impl Row for TestRow {
    fn cell(&self, column: usize) -> dhr_core::Result<Cell<'_>> {
        let Some(c) = ASSESS_COLUMNS.get(column) else {
            return Ok(Cell::Absent);
        };
        Ok(match self.get(c.name) {
            Owned::Absent => Cell::Absent,
            Owned::Missing => Cell::Missing,
            Owned::Bool(b) => Cell::Bool(*b),
            Owned::Int(n) => Cell::Int(*n),
            Owned::Float(x) => Cell::Float(*x),
            Owned::Str(s) => Cell::Str(s),
            Owned::Value(v) => Cell::Value(v),
            Owned::Unreadable => return Err(unreadable(c.path)),
        })
    }
}

/// The row's document built by hand, or the first cell error in document
/// order (top-level fields, then deceased, then the suspect).
fn by_hand(row: &TestRow) -> Result<Value, Error> {
    let mut top = Map::new();
    let mut deceased = Map::new();
    let mut suspect = Map::new();
    top.insert("schema_version".into(), json!(1));
    for (name, object, key) in SCHEMA {
        let path = match *object {
            "" => key.to_string(),
            "deceased" => format!("deceased.{key}"),
            _ => format!("suspects[0].{key}"),
        };
        let value = match row.get(name) {
            Owned::Absent => continue,
            Owned::Missing => Value::Null,
            Owned::Bool(b) => json!(b),
            Owned::Int(n) => json!(n),
            Owned::Float(x) if x.is_finite() => json!(x),
            Owned::Float(_) => {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    path,
                    "expected a finite number",
                ))
            }
            // A list column's text cell: names separated by ";" (spaces
            // around a name and empty names dropped).
            Owned::Str(s) if *name == "abuse_indicators" => json!(s
                .split(';')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()),
            Owned::Str(s) => json!(s),
            Owned::Value(v) => v.clone(),
            Owned::Unreadable => return Err(unreadable(&path)),
        };
        let map = match *object {
            "" => &mut top,
            "deceased" => &mut deceased,
            _ => &mut suspect,
        };
        map.insert(key.to_string(), value);
    }
    // spec 6.1 / the frame helpers: an empty manner is "unknown".
    if top.get("manner").is_none_or(Value::is_null) {
        top.insert("manner".into(), json!("unknown"));
    }
    top.insert("deceased".into(), Value::Object(deceased));
    top.insert("suspects".into(), json!([Value::Object(suspect)]));
    Ok(Value::Object(top))
}

fn document(row: &TestRow) -> Result<Value, Error> {
    Value::deserialize(RowDocument::new(row)).map_err(|e| e.0)
}

fn cell(name: &'static str) -> impl Strategy<Value = Owned> {
    let text: Vec<&'static str> = match name {
        "date_of_death" | "notified_on" | "date_of_birth" => {
            vec!["2024-03-10", "2019-05-01", "2024-02-30", "1899-12-31"]
        }
        "nation" => vec!["england", "wales", "scotland", "france"],
        "manner" => vec!["homicide", "suicide", "unknown", "", "murder"],
        "age_band" => vec!["under_16", "35-44", "65+", "40s"],
        "connection" => vec!["intimate_partner", "relative", "not_connected", "friend"],
        "home_office_relationship" => vec!["Ex-spouse", "Parent", "Pal"],
        "abuse_indicators" => vec![
            "coercive_control",
            " physical_abuse ;economic_abuse",
            ";;",
            "stalking; shouting",
        ],
        "suspect_age_band" => vec!["35-44", "65+", "40s"],
        _ => vec!["", "x", "true"],
    };
    prop_oneof![
        3 => Just(Owned::Absent),
        3 => Just(Owned::Missing),
        3 => any::<bool>().prop_map(Owned::Bool),
        3 => prop_oneof![0i64..140, any::<i64>()].prop_map(Owned::Int),
        2 => prop_oneof![
            (0u32..140).prop_map(f64::from),
            Just(16.5),
            Just(f64::NAN),
            Just(f64::INFINITY)
        ]
        .prop_map(Owned::Float),
        6 => proptest::sample::select(text).prop_map(|s| Owned::Str(s.to_string())),
        1 => Just(Owned::Value(json!([1, "a"]))),
        1 => Just(Owned::Value(json!(u64::MAX))),
        1 => Just(Owned::Unreadable),
    ]
}

fn row() -> impl Strategy<Value = TestRow> {
    let cells: Vec<_> = SCHEMA
        .iter()
        .map(|(name, _, _)| cell(name).prop_map(move |c| (*name, c)))
        .collect();
    cells.prop_map(TestRow)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The row deserializer presents exactly the hand-built document, and
    /// the row is read as that document is.
    #[test]
    fn a_row_is_its_document(row in row()) {
        let expected = by_hand(&row);
        prop_assert_eq!(&document(&row), &expected);
        let death = read_death(&row);
        match expected {
            Ok(v) => prop_assert_eq!(death, Death::from_value(&v)),
            Err(e) => prop_assert_eq!(death, Err(e)),
        }
    }
}

fn s(text: &str) -> Owned {
    Owned::Str(text.to_string())
}

fn base() -> TestRow {
    TestRow::default()
        .with("date_of_death", s("2024-03-10"))
        .with("nation", s("england"))
}

/// The manner read, or the error's code and path.
type Expected = Result<Manner, (ErrorCode, &'static str)>;

#[test]
fn rows_read_as_their_documents() {
    // (case, row, Ok(manner) or Err((code, path)))
    let cases: Vec<(&str, TestRow, Expected)> = vec![
        (
            "no columns: the required date of death is missing (6.1)",
            TestRow::default(),
            Err((ErrorCode::MissingField, "date_of_death")),
        ),
        (
            "a missing required cell is null: refused at its path",
            TestRow::default()
                .with("date_of_death", s("2024-03-10"))
                .with("nation", Owned::Missing),
            Err((ErrorCode::MissingField, "nation")),
        ),
        ("an absent manner is unknown", base(), Ok(Manner::Unknown)),
        (
            "a missing manner is unknown",
            base().with("manner", Owned::Missing),
            Ok(Manner::Unknown),
        ),
        (
            "an empty-string manner is not a manner",
            base().with("manner", s("")),
            Err((ErrorCode::InvalidValue, "manner")),
        ),
        (
            "a manner is read",
            base().with("manner", s("suicide")),
            Ok(Manner::Suicide),
        ),
        (
            "a nation outside the list",
            TestRow::default()
                .with("date_of_death", s("2024-03-10"))
                .with("nation", s("france")),
            Err((ErrorCode::InvalidValue, "nation")),
        ),
        (
            "an impossible date",
            TestRow::default()
                .with("date_of_death", s("2024-02-30"))
                .with("nation", s("england")),
            Err((ErrorCode::InvalidDate, "date_of_death")),
        ),
        (
            "an age beyond the limit (6.1: 0 to 130)",
            base().with("age", Owned::Int(131)),
            Err((ErrorCode::InvalidValue, "deceased.age")),
        ),
        (
            "a suspect's age beyond the limit",
            base().with("suspect_age", Owned::Int(131)),
            Err((ErrorCode::InvalidValue, "suspects[0].age")),
        ),
        (
            "a NaN age is refused at its path",
            base().with("age", Owned::Float(f64::NAN)),
            Err((ErrorCode::InvalidValue, "deceased.age")),
        ),
        (
            "a cell the binding could not read keeps its error",
            base().with("connection", Owned::Unreadable),
            Err((ErrorCode::InvalidValue, "suspects[0].connection")),
        ),
        (
            "a flag that is not a bool",
            base().with("abuse_suspected", s("true")),
            Err((ErrorCode::InvalidValue, "suspects[0].abuse_suspected")),
        ),
    ];
    for (case, row, expected) in cases {
        let got = read_death(&row);
        match (&got, expected) {
            (Ok(d), Ok(manner)) => assert_eq!(d.manner, manner, "{case}"),
            (Err(e), Err((code, path))) => {
                assert_eq!((e.code(), e.path()), (code, path), "{case}: {e}")
            }
            _ => panic!("{case}: {got:?}"),
        }
    }
}

#[test]
fn a_row_without_suspect_facts_has_one_unknown_suspect() {
    let death = read_death(&base().with("age", Owned::Int(30))).unwrap();
    assert_eq!(death.nation, Nation::England);
    assert_eq!(death.deceased.age, Some(30));
    assert_eq!(death.suspects.len(), 1);
    let s = &death.suspects[0];
    assert_eq!(
        (s.connection, s.same_household, s.age, s.abuse_suspected),
        (None, None, None, None)
    );
    assert_eq!(
        document(&base()).unwrap(),
        json!({"schema_version": 1, "date_of_death": "2024-03-10", "nation": "england",
               "manner": "unknown", "deceased": {}, "suspects": [{}]})
    );
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn timeline(dates: &[(&str, NaiveDate)]) -> Result<Timeline, Error> {
    Timeline::read(|m: &Milestone| {
        Ok::<_, Error>(
            dates
                .iter()
                .find(|(c, _)| *c == m.column)
                .map(|(_, on)| *on),
        )
    })
}

#[test]
fn milestones_are_these_events_by_these_roles() {
    let got: Vec<(&str, Role, &str)> = TIMELINESS_COLUMNS
        .iter()
        .map(|m| (m.column, m.by, m.kind.name().as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("notified_on", Role::Police, "notified"),
            ("decided_on", Role::Csp, "decided"),
            (
                "terms_of_reference_on",
                Role::Chair,
                "terms_of_reference_agreed"
            ),
            ("submitted_on", Role::Csp, "submitted_to_home_office"),
        ]
    );
    assert!(matches!(
        TIMELINESS_COLUMNS[1].kind,
        EventKind::Decided {
            review: true,
            reasons: None
        }
    ));
}

/// A row's milestone dates.
type Dates<'a> = &'a [(&'static str, NaiveDate)];

#[test]
fn milestones_out_of_order_are_refused_at_the_later_column() {
    let cases: &[(Dates<'_>, Option<&str>)] = &[
        (&[], None),
        (&[("decided_on", d(2024, 2, 12))], None),
        (
            &[
                ("notified_on", d(2024, 1, 31)),
                ("submitted_on", d(2024, 1, 31)),
            ],
            None,
        ),
        (
            &[
                ("notified_on", d(2024, 1, 31)),
                ("decided_on", d(2024, 1, 1)),
            ],
            Some("decided_on"),
        ),
        (
            // Gaps do not hide the order: ToR is compared with notified.
            &[
                ("notified_on", d(2024, 1, 31)),
                ("terms_of_reference_on", d(2024, 1, 30)),
            ],
            Some("terms_of_reference_on"),
        ),
    ];
    for (dates, refused) in cases {
        match (timeline(dates), refused) {
            (Ok(t), None) => assert_eq!(t.events().len(), dates.len()),
            (Err(e), Some(column)) => {
                assert_eq!((e.code(), e.path()), (ErrorCode::EventOutOfOrder, *column));
                assert!(e
                    .message()
                    .contains("notified_on, decided_on, terms_of_reference_on, submitted_on"));
            }
            (got, _) => panic!("{dates:?}: {got:?}"),
        }
    }
}

#[test]
fn milestone_deadlines_follow_the_rule_set() {
    // spec 6.4: notified 31 January 2024 -> terms of reference due 29
    // February (no corresponding day), due soon on 20 February.
    let rules = RuleSet::builtin(dhr_core::flat::DEFAULT_RULE_SET).unwrap();
    let t = timeline(&[("notified_on", d(2024, 1, 31))]).unwrap();
    let deadlines = t.deadlines(&rules, d(2024, 2, 20), 14).unwrap();
    let tor = deadlines
        .iter()
        .find(|x| x.rule() == "terms_of_reference")
        .unwrap();
    assert_eq!(tor.due, Some(d(2024, 2, 29)));
    assert_eq!(tor.status, DeadlineStatus::DueSoon);
}

#[test]
fn a_deadline_error_names_the_milestone_column() {
    // A decision so late that six months on passes the last date (2199-12-31).
    let rules = RuleSet::builtin(dhr_core::flat::DEFAULT_RULE_SET).unwrap();
    let t = timeline(&[
        ("notified_on", d(2199, 6, 1)),
        ("decided_on", d(2199, 12, 1)),
    ])
    .unwrap();
    let e = t.deadlines(&rules, d(2199, 12, 31), 14).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::DateOutOfRange, "decided_on")
    );
}
