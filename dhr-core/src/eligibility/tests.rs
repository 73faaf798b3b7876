//! Unit tests of eligibility: the sentences written from the rules' templates,
//! and the shapes of arguments each code is made with.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use super::answer::Ctx;
use super::render::{Indicators, SuspectSet, SuspectSetBuilder};
use super::*;
use crate::case::{AbuseIndicator, AgeBand, AgeSource, Connection, HomeOfficeRelationship, Nation};
use crate::json;
use crate::personal::Personal;
use chrono::NaiveDate;
use proptest::prelude::*;
use std::borrow::Cow;

/// The text writer of version 0.1 (before reasons were rendered lazily):
/// replace `{name}` with its value, keep any other `{`.
fn old_fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from_brace) = rest.split_at(open);
        out.push_str(before);
        let after = &from_brace[1..];
        let hit = vars.iter().find_map(|(k, v)| {
            after
                .strip_prefix(k)
                .and_then(|t| t.strip_prefix('}'))
                .map(|t| (v, t))
        });
        match hit {
            Some((v, tail)) => {
                out.push_str(v);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The values of version 0.1 for the same arguments, as strings.
fn old_vars(args: &Args) -> Vec<(&'static str, String)> {
    let name = |t: &Test| t.statute().to_string();
    let list = |set: &SuspectSet| {
        set.iter()
            .map(|i| json::item("suspects", i))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match args {
        Args::None => vec![],
        Args::Date(c) => vec![("date", json::fmt_date(*c))],
        Args::DateTest(c, t) => vec![("date", json::fmt_date(*c)), ("test", name(t))],
        Args::Age(source, t) => {
            let source = match source {
                AgeSource::DateOfBirth => "from the date of birth, in completed years".to_string(),
                AgeSource::Age => "from the age given".to_string(),
                AgeSource::Band(b) => format!("from the age band {}", b.as_str()),
            };
            vec![("source", source), ("test", name(t))]
        }
        Args::Suspect(i) => vec![("suspect", json::item("suspects", *i))],
        Args::Mapped(i, r) => {
            let m = home_office_mapping(*r).unwrap();
            vec![
                ("suspect", json::item("suspects", *i)),
                ("value", r.as_str().to_string()),
                ("class", m.connection.as_str().to_string()),
                ("note", m.note.clone()),
            ]
        }
        Args::Connected(i, c) => vec![
            ("suspect", json::item("suspects", *i)),
            (
                "class",
                c.map_or("connected", Connection::as_str).to_string(),
            ),
        ],
        Args::Indicators(list) => {
            let names: Vec<&str> = list.iter().map(AbuseIndicator::as_str).collect();
            vec![("indicators", names.join(", "))]
        }
        Args::Test(t) => vec![("test", name(t))],
        Args::Suspects(set) => vec![("suspects", list(set))],
        Args::TestSuspects(t, set) => vec![("test", name(t)), ("suspects", list(set))],
    }
}

/// The shape of arguments each code is made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    None,
    Date,
    DateTest,
    Age,
    Suspect,
    Mapped,
    Connected,
    Indicators,
    Test,
    Suspects,
    TestSuspects,
}

const SHAPES: [Shape; 11] = [
    Shape::None,
    Shape::Date,
    Shape::DateTest,
    Shape::Age,
    Shape::Suspect,
    Shape::Mapped,
    Shape::Connected,
    Shape::Indicators,
    Shape::Test,
    Shape::Suspects,
    Shape::TestSuspects,
];

fn shape(args: &Args) -> Shape {
    match args {
        Args::None => Shape::None,
        Args::Date(_) => Shape::Date,
        Args::DateTest(..) => Shape::DateTest,
        Args::Age(..) => Shape::Age,
        Args::Suspect(_) => Shape::Suspect,
        Args::Mapped(..) => Shape::Mapped,
        Args::Connected(..) => Shape::Connected,
        Args::Indicators(_) => Shape::Indicators,
        Args::Test(_) => Shape::Test,
        Args::Suspects(_) => Shape::Suspects,
        Args::TestSuspects(..) => Shape::TestSuspects,
    }
}

fn shape_of(code: ReasonCode) -> Shape {
    use ReasonCode as C;
    match code {
        C::OutOfScopeScotland
        | C::OutOfScopeNorthernIreland
        | C::RegimeDhrS9
        | C::DeathBeforeS9InForce
        | C::AgeUnknown
        | C::LeapDayBirthday
        | C::NeglectAsOtherAbuse
        | C::AbusiveBehaviourUnknown
        | C::NoSuspects
        | C::SuicideAbuseRuledOut => Shape::None,
        C::RegimeDhrS9BeforeDardr | C::RegimeDardrS8a | C::WalesBeforeSusr => Shape::Date,
        C::RegimeSusrWales => Shape::DateTest,
        C::Age16OrOver | C::AgeUnder16 => Shape::Age,
        C::ConnectionIntimatePartner
        | C::ConnectionFormerIntimatePartner
        | C::ConnectionRelative
        | C::ConnectionHousehold
        | C::ConnectionNone
        | C::ConnectionUnknown
        | C::ConnectionHouseholdUnknown
        | C::AbuseSuspected
        | C::AbuseRuledOut
        | C::AbuseUnknown
        | C::NotPersonallyConnected
        | C::PersonalConnectionUnknown
        | C::Suspect16OrOver
        | C::SuspectUnder16
        | C::SuspectAgeUnknown => Shape::Suspect,
        C::HomeOfficeRelationshipMapped => Shape::Mapped,
        C::PersonallyConnected => Shape::Connected,
        C::AbusiveBehaviour | C::AbuseIndicatorsNoted => Shape::Indicators,
        C::TestNotMet | C::InformationNeeded => Shape::Test,
        C::SuicideAbuseSuspected | C::SuicideConsider => Shape::Suspects,
        C::TestMet => Shape::TestSuspects,
    }
}

/// The values of one argument of every shape.
#[derive(Debug, Clone)]
struct Values {
    date: NaiveDate,
    test: Test,
    source: AgeSource,
    suspect: usize,
    relationship: HomeOfficeRelationship,
    class: Option<Connection>,
    indicators: Vec<AbuseIndicator>,
    suspects: Vec<usize>,
}

fn args(shape: Shape, v: &Values) -> Args {
    let set = || {
        let mut b = SuspectSetBuilder::default();
        for i in &v.suspects {
            b.push(*i);
        }
        b.build()
    };
    match shape {
        Shape::None => Args::None,
        Shape::Date => Args::Date(v.date),
        Shape::DateTest => Args::DateTest(v.date, v.test),
        Shape::Age => Args::Age(v.source, v.test),
        Shape::Suspect => Args::Suspect(v.suspect),
        Shape::Mapped => Args::Mapped(v.suspect, v.relationship),
        Shape::Connected => Args::Connected(v.suspect, v.class),
        Shape::Indicators => Args::Indicators(Indicators::of(&v.indicators)),
        Shape::Test => Args::Test(v.test),
        Shape::Suspects => Args::Suspects(set()),
        Shape::TestSuspects => Args::TestSuspects(v.test, set()),
    }
}

fn reason(code: ReasonCode, args: Args) -> Reason {
    Ctx {
        test: Test::DhrS9,
        reasons: Vec::new(),
    }
    .make(rule(code), args)
}

fn values() -> impl Strategy<Value = Values> {
    let date = (0u64..200_000).prop_map(|n| {
        NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(n % (300 * 365))
    });
    let source = prop_oneof![
        Just(AgeSource::DateOfBirth),
        Just(AgeSource::Age),
        proptest::sample::select(AgeBand::ALL).prop_map(AgeSource::Band),
    ];
    let indicator = proptest::sample::select(AbuseIndicator::ALL);
    (
        date,
        proptest::bool::ANY,
        source,
        prop_oneof![0usize..100, Just(usize::MAX)],
        proptest::sample::select(HomeOfficeRelationship::ALL),
        proptest::option::of(proptest::sample::select(Connection::ALL)),
        proptest::collection::vec(indicator, 0..20),
        proptest::collection::btree_set(0usize..300, 0..80),
    )
        .prop_map(
            |(date, s8a, source, suspect, relationship, class, ind, set)| Values {
                date,
                test: if s8a { Test::DardrS8a } else { Test::DhrS9 },
                source,
                suspect,
                relationship,
                class,
                indicators: ind,
                suspects: set.into_iter().collect(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every code with the arguments it is made with: the text is the
    /// text of version 0.1, by `text()`, `Display` and serialisation,
    /// and no placeholder is left.
    #[test]
    fn texts_are_the_old_texts_and_complete(v in values()) {
                for code in ReasonCode::ALL {
            let a = args(shape_of(*code), &v);
            let template = rule(*code).text;
            let want = old_fill(template, &old_vars(&a));
            let r = reason(*code, a);
            let text = r.text();
            prop_assert_eq!(&text, &want, "{}", code);
            prop_assert_eq!(r.to_string(), want.clone());
            let json = serde_json::to_value(&r).unwrap();
            prop_assert_eq!(&json["text"], &Value::String(want.clone()));
            prop_assert_eq!(&json["code"], code.as_str());
            prop_assert!(!text.contains('{') && !text.contains('}'), "{}: {}", code, text);
            prop_assert!(!text.is_empty());
            if matches!(text, Cow::Borrowed(_)) {
                prop_assert_eq!(&*text, template);
            }
        }
    }

    /// Rendering is total: any code with any shape of arguments writes
    /// a text (a placeholder its arguments do not name is kept as it is,
    /// as version 0.1 did), never panics.
    #[test]
    fn rendering_any_code_with_any_shape_is_total(v in values()) {
        for code in ReasonCode::ALL {
            for s in SHAPES {
                let a = args(s, &v);
                let template = rule(*code).text;
                let want = old_fill(template, &old_vars(&a));
                prop_assert_eq!(reason(*code, a).to_string(), want);
            }
        }
    }

    /// The indicator list keeps the first occurrence of each, in order.
    #[test]
    fn indicators_are_distinct_in_order(list in proptest::collection::vec(
        proptest::sample::select(AbuseIndicator::ALL), 0..30)) {
        let mut want: Vec<AbuseIndicator> = Vec::new();
        for a in &list {
            if !want.contains(a) {
                want.push(*a);
            }
        }
        let got: Vec<AbuseIndicator> = Indicators::of(&list).iter().collect();
        prop_assert_eq!(got, want);
    }

    /// A suspect set gives back its indices in order, below and above 64.
    #[test]
    fn suspect_sets_keep_their_indices(set in proptest::collection::btree_set(
        prop_oneof![0usize..70, 0usize..10_000, Just(usize::MAX)], 0..100)) {
        let mut b = SuspectSetBuilder::default();
        for i in &set {
            b.push(*i);
        }
        prop_assert_eq!(b.is_empty(), set.is_empty());
        let got: Vec<usize> = b.build().iter().collect();
        prop_assert_eq!(got, set.into_iter().collect::<Vec<_>>());
    }
}

/// Every template names only what the arguments of its code fill, and
/// a template that names nothing is made with no arguments.
#[test]
fn every_code_has_the_shape_of_its_template() {
    let v = Values {
        date: NaiveDate::from_ymd_opt(2024, 1, 2).unwrap(),
        test: Test::DardrS8a,
        source: AgeSource::Band(AgeBand::From16To19),
        suspect: 3,
        relationship: HomeOfficeRelationship::Parent,
        class: None,
        indicators: vec![AbuseIndicator::Neglect],
        suspects: vec![1, 65],
    };
    for code in ReasonCode::ALL {
        let template = rule(*code).text;
        let text = reason(*code, args(shape_of(*code), &v)).to_string();
        assert!(!text.contains('{'), "{code}: {text}");
        assert_eq!(
            template.contains('{'),
            shape_of(*code) != Shape::None,
            "{code}"
        );
    }
}

proptest! {
    /// The deceased's age limb from the age at death computed once is
    /// `Deceased::is_16_or_over`.
    #[test]
    fn age_limb_is_deceased_is_16_or_over(
        dob in proptest::option::of(0u64..40_000),
        age in proptest::option::of(0u32..131),
        band in proptest::option::of(proptest::sample::select(AgeBand::ALL)),
        dod in 0u64..40_000,
    ) {
        let day = |n| NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(n);
        let d = crate::case::Deceased {
            date_of_birth: dob.map(|n| Personal::new(day(n))),
            age,
            age_band: band,
            care_and_support_needs: None,
        };
        let dod = day(dod);
        prop_assert_eq!(limbs::is_16_or_over(&d, d.age_at_death(dod)), d.is_16_or_over(dod));
    }
}

/// `assess` makes each code with the shape `shape_of` gives (so the
/// tests above cover what it makes), over varied deaths.
#[test]
fn assess_makes_each_code_with_its_shape() {
    use crate::case::{Deceased, Suspect};
    let mut seen = std::collections::BTreeSet::new();
    let mut n = 0u64;
    let mut next = |k: u64| {
        n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (n >> 33) % k
    };
    for _ in 0..20_000 {
        let ob = |x: u64| match x {
            0 => None,
            1 => Some(true),
            _ => Some(false),
        };
        let suspects = (0..next(4))
            .map(|_| Suspect {
                connection: Connection::ALL.get(next(8) as usize).copied(),
                home_office_relationship: if next(4) == 0 {
                    HomeOfficeRelationship::ALL.get(next(18) as usize).copied()
                } else {
                    None
                },
                same_household: ob(next(3)),
                age: if next(2) == 0 {
                    Some(next(30) as u32)
                } else {
                    None
                },
                age_band: None,
                abuse_suspected: ob(next(3)),
            })
            .collect();
        let dod = NaiveDate::from_ymd_opt(2008, 1, 1).unwrap() + chrono::Days::new(next(7000));
        let death = Death {
            reference: None,
            date_of_death: dod,
            notified_on: None,
            nation: Nation::ALL[next(4) as usize],
            deceased: Deceased {
                date_of_birth: if next(5) == 0 {
                    NaiveDate::from_ymd_opt(1988 + 4 * next(6) as i32, 2, 29).map(Personal::new)
                } else {
                    None
                },
                age: if next(3) == 0 {
                    None
                } else {
                    Some(next(30) as u32)
                },
                age_band: if next(3) == 0 {
                    AgeBand::ALL.get(next(10) as usize).copied()
                } else {
                    None
                },
                care_and_support_needs: None,
            },
            manner: Manner::ALL[next(4) as usize],
            suspects,
            abuse_indicators: (0..next(3))
                .map(|_| AbuseIndicator::ALL[next(8) as usize])
                .collect(),
            extensions: Personal::default(),
        };
        let opts = AssessOptions {
            dardr_commenced: match next(3) {
                0 => None,
                1 => Some(dod),
                _ => dod.succ_opt(),
            },
            ..AssessOptions::default()
        };
        let Ok(a) = assess(&death, &opts) else {
            continue;
        };
        for r in &a.reasons {
            assert_eq!(shape(&r.args), shape_of(r.code()), "{}", r.code());
            seen.insert(r.code());
        }
    }
    assert_eq!(
        seen.len(),
        ReasonCode::ALL.len(),
        "codes never made: {seen:?}"
    );
}

/// The Home Office mapping's citation is the citation of the reason
/// `home_office_relationship_mapped` (the reason takes only the mapping's mark).
#[test]
fn home_office_citation_is_the_mapped_reason_citation() {
    for r in HomeOfficeRelationship::ALL {
        let m = home_office_mapping(*r).unwrap();
        assert_eq!(
            m.citation,
            rule(ReasonCode::HomeOfficeRelationshipMapped).citation
        );
    }
}
