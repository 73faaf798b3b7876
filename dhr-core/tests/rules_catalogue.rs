//! docs/RULES.md is generated from the code: every eligibility rule
//! (`dhr_core::eligibility::rule` of every `ReasonCode`, and
//! `related_rule` of every `RelatedVariant`), the dated values, the Home
//! Office mapping, and every deadline rule of every built-in rule set. Each
//! example is run through the library here: an eligibility example must give
//! its rule's code (or related-review entry), and a deadline example's due
//! date is computed by the calendar with the rule's own period and policy.
//! The test fails if the committed document differs from the rendering;
//! `DHR_BLESS=1 cargo test -p dhr-core --test rules_catalogue` rewrites it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Days, NaiveDate};
use dhr_core::calendar::{add_months, add_working_days, MonthEndPolicy};
use dhr_core::case::{home_office_mapping, HomeOfficeRelationship};
use dhr_core::eligibility::{
    assess, dates, related_rule, rule, AssessOptions, Assessment, ReasonCode, RelatedVariant,
};
use dhr_core::rules::{Period, RuleSet, BUILTIN_IDS};
use dhr_core::{Death, Mark};
use serde_json::{json, Value};
use std::path::PathBuf;

/// The death every example starts from: an adult homicide in England in
/// 2024 by an intimate partner, abuse suspected (a `required` answer).
fn base() -> Value {
    json!({
        "schema_version": 1,
        "date_of_death": "2024-03-10",
        "nation": "england",
        "deceased": {"age": 30},
        "manner": "homicide",
        "suspects": [{"connection": "intimate_partner", "abuse_suspected": true}]
    })
}

/// Merge `patch` into `v`: objects member by member, anything else replaced.
fn merge(v: &mut Value, patch: &Value) {
    match (v, patch) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, pv) in b {
                merge(a.entry(k.clone()).or_insert(Value::Null), pv);
            }
        }
        (slot, p) => *slot = p.clone(),
    }
}

/// The s.8A commencement date the s.8A examples use.
const DARDR: &str = "2024-01-01";

/// An example: the facts changed from [`base`] and the s.8A commencement
/// date, if any.
struct Example {
    patch: &'static str,
    dardr: Option<&'static str>,
}

const fn ex(patch: &'static str) -> Example {
    Example { patch, dardr: None }
}

const fn s8a(patch: &'static str) -> Example {
    Example {
        patch,
        dardr: Some(DARDR),
    }
}

/// A suspect under s.8A who meets every limb, with abusive behaviour.
macro_rules! s8a_partner {
    () => {
        r#""suspects": [{"connection": "intimate_partner", "age": 30, "abuse_suspected": true}], "abuse_indicators": ["coercive_control"]"#
    };
}

fn reason_example(code: ReasonCode) -> Example {
    use ReasonCode as C;
    match code {
        C::OutOfScopeScotland => ex(r#"{"nation": "scotland"}"#),
        C::OutOfScopeNorthernIreland => ex(r#"{"nation": "northern_ireland"}"#),
        C::RegimeDhrS9 => ex("{}"),
        C::RegimeDhrS9BeforeDardr => Example {
            patch: "{}",
            dardr: Some("2025-01-01"),
        },
        C::RegimeDardrS8a => s8a(concat!("{", s8a_partner!(), "}")),
        C::RegimeSusrWales => ex(r#"{"nation": "wales", "date_of_death": "2024-10-01"}"#),
        C::WalesBeforeSusr => ex(r#"{"nation": "wales"}"#),
        C::DeathBeforeS9InForce => ex(r#"{"date_of_death": "2011-04-12"}"#),
        C::Age16OrOver => ex(r#"{"deceased": {"age": 16}}"#),
        C::AgeUnder16 => ex(r#"{"deceased": {"age": 15}}"#),
        C::AgeUnknown => ex(r#"{"deceased": {"age": null}}"#),
        C::LeapDayBirthday => ex(r#"{"deceased": {"age": null, "date_of_birth": "1992-02-29"}}"#),
        C::ConnectionIntimatePartner => ex("{}"),
        C::ConnectionFormerIntimatePartner => ex(
            r#"{"suspects": [{"connection": "former_intimate_partner", "abuse_suspected": true}]}"#,
        ),
        C::ConnectionRelative => {
            ex(r#"{"suspects": [{"connection": "relative", "abuse_suspected": true}]}"#)
        }
        C::ConnectionHousehold => {
            ex(r#"{"suspects": [{"connection": "household_member", "abuse_suspected": true}]}"#)
        }
        C::ConnectionNone => ex(
            r#"{"suspects": [{"connection": "not_connected", "same_household": false, "abuse_suspected": true}]}"#,
        ),
        C::ConnectionUnknown => ex(r#"{"suspects": [{"abuse_suspected": true}]}"#),
        C::ConnectionHouseholdUnknown => {
            ex(r#"{"suspects": [{"connection": "not_connected", "abuse_suspected": true}]}"#)
        }
        C::HomeOfficeRelationshipMapped => ex(
            r#"{"suspects": [{"home_office_relationship": "Ex-spouse", "abuse_suspected": true}]}"#,
        ),
        C::AbuseSuspected => ex("{}"),
        C::AbuseRuledOut => {
            ex(r#"{"suspects": [{"connection": "intimate_partner", "abuse_suspected": false}]}"#)
        }
        C::AbuseUnknown => ex(r#"{"suspects": [{"connection": "intimate_partner"}]}"#),
        C::PersonallyConnected | C::Suspect16OrOver | C::AbusiveBehaviour => {
            s8a(concat!("{", s8a_partner!(), "}"))
        }
        C::NotPersonallyConnected => s8a(
            r#"{"suspects": [{"connection": "household_member", "age": 30, "abuse_suspected": true}], "abuse_indicators": ["coercive_control"]}"#,
        ),
        C::PersonalConnectionUnknown => s8a(
            r#"{"suspects": [{"age": 30, "abuse_suspected": true}], "abuse_indicators": ["coercive_control"]}"#,
        ),
        C::SuspectUnder16 => s8a(
            r#"{"suspects": [{"connection": "intimate_partner", "age": 15, "abuse_suspected": true}], "abuse_indicators": ["coercive_control"]}"#,
        ),
        C::SuspectAgeUnknown => s8a(
            r#"{"suspects": [{"connection": "intimate_partner", "abuse_suspected": true}], "abuse_indicators": ["coercive_control"]}"#,
        ),
        C::NeglectAsOtherAbuse => s8a(
            r#"{"suspects": [{"connection": "intimate_partner", "age": 30, "abuse_suspected": true}], "abuse_indicators": ["neglect"]}"#,
        ),
        C::AbusiveBehaviourUnknown => s8a(
            r#"{"suspects": [{"connection": "intimate_partner", "age": 30, "abuse_suspected": true}]}"#,
        ),
        C::AbuseIndicatorsNoted => ex(r#"{"abuse_indicators": ["coercive_control"]}"#),
        C::NoSuspects => ex(r#"{"suspects": []}"#),
        C::SuicideAbuseSuspected => ex(r#"{"manner": "suicide"}"#),
        C::SuicideConsider => {
            ex(r#"{"manner": "suicide", "suspects": [{"connection": "intimate_partner"}]}"#)
        }
        C::SuicideAbuseRuledOut => ex(
            r#"{"manner": "suicide", "suspects": [{"connection": "intimate_partner", "abuse_suspected": false}]}"#,
        ),
        C::TestMet => ex("{}"),
        C::TestNotMet => {
            ex(r#"{"suspects": [{"connection": "intimate_partner", "abuse_suspected": false}]}"#)
        }
        C::InformationNeeded => ex(r#"{"suspects": [{"connection": "intimate_partner"}]}"#),
    }
}

fn related_example(v: RelatedVariant) -> Example {
    use RelatedVariant as V;
    match v {
        V::Cspr => ex(r#"{"deceased": {"age": 17}, "notified_on": "2024-03-12"}"#),
        V::CsprBand => ex(r#"{"deceased": {"age": null, "age_band": "16-19"}}"#),
        V::ChildDeathReview => ex(r#"{"deceased": {"age": 15}}"#),
        V::SafeguardingAdultsReview => ex(r#"{"deceased": {"care_and_support_needs": true}}"#),
        V::SusrPracticeReview => ex(r#"{"nation": "wales", "date_of_death": "2024-10-01"}"#),
        V::OffensiveWeaponsHomicideReview => ex(r#"{"date_of_death": "2023-06-15"}"#),
        V::OffensiveWeaponsHomicideReviewIf18OrOver => {
            ex(r#"{"date_of_death": "2023-06-15", "deceased": {"age": null, "age_band": "16-19"}}"#)
        }
    }
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn run(e: &Example) -> Assessment {
    let mut v = base();
    merge(&mut v, &serde_json::from_str(e.patch).unwrap());
    let death = Death::from_value(&v).unwrap_or_else(|err| panic!("{}: {err}", e.patch));
    let opts = AssessOptions {
        dardr_commenced: e.dardr.map(d),
        ..AssessOptions::default()
    };
    assess(&death, &opts).unwrap()
}

fn mark(m: Mark) -> &'static str {
    match m {
        Mark::Statute => "S (statute)",
        Mark::Guidance => "G (guidance or an official page)",
        Mark::Local => "L (the Stockton local procedure)",
        Mark::Unconfirmed => "U (unconfirmed)",
        Mark::Policy => "P (a policy of this library)",
    }
}

/// The eligibility source files, read to name the file that defines each
/// rule (`pub const NAME: Rule`, NAME the rule's name in capitals).
fn sources() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/eligibility");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| {
            (
                format!(
                    "dhr-core/src/eligibility/{}",
                    p.file_name().unwrap().to_string_lossy()
                ),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn defined_in(sources: &[(String, String)], name: &str, ty: &str) -> String {
    let needle = format!("pub const {}: {ty} = ", name.to_uppercase());
    let files: Vec<&str> = sources
        .iter()
        .filter(|(_, text)| text.contains(&needle))
        .map(|(f, _)| f.as_str())
        .collect();
    assert_eq!(files.len(), 1, "{name}: defined in {files:?}");
    format!("`{}` in `{}`", name.to_uppercase(), files[0])
}

fn example_line(e: &Example, a: &Assessment) -> String {
    let dardr = e
        .dardr
        .map(|c| format!(", with s.8A commenced on {c},"))
        .unwrap_or_default();
    let facts = if e.patch == "{}" {
        "the base death".to_string()
    } else {
        format!("the base death with `{}`", e.patch)
    };
    format!(
        "{facts}{dardr} gives `{}` (regime `{}`)",
        a.outcome.as_str(),
        a.regime.as_str()
    )
}

fn render_dated(s: &mut String, name: &str, v: &dates::Dated) {
    s.push_str(&format!(
        "| `{name}` | {} | {} | {} |\n",
        v.date.format("%-d %B %Y"),
        v.citation,
        mark(v.mark)
    ));
}

fn render_deadline_example(r: &dhr_core::rules::Rule) -> String {
    let from = d("2024-01-31");
    let day = |x: NaiveDate| x.format("%-d %b %Y").to_string();
    match r.period {
        Period::Months(n) => match add_months(from, n, r.policy) {
            Ok(m) => format!(
                "from 31 Jan 2024: due {}{}",
                day(m.date),
                if m.clamped {
                    " (clamped: that month has no such day)"
                } else {
                    ""
                }
            ),
            Err(e) => format!("from 31 Jan 2024: `{}` ({})", e.code().as_str(), e.message()),
        },
        Period::Days(n) => format!(
            "from 31 Jan 2024: due {}",
            day(from.checked_add_days(Days::new(u64::from(n))).unwrap())
        ),
        Period::WorkingDays(n, region) => format!(
            "from 31 Jan 2024: due {}",
            day(add_working_days(from, n, region).unwrap())
        ),
        Period::NextQaPanelMeeting => "the next panel meeting on or after the start; the built-in sets list no meeting, so the deadline is `not_applicable`".to_string(),
    }
}

fn render() -> String {
    let src = sources();
    let mut s = String::new();
    s.push_str(
        "# Rules\n\n\
         <!-- Generated by dhr-core/tests/rules_catalogue.rs from the rules in the code\n     \
         and the built-in rule sets. Do not edit: run\n     \
         `DHR_BLESS=1 cargo test -p dhr-core --test rules_catalogue`. -->\n\n\
         Every rule dhr applies, with its source and mark. Eligibility rules are code:\n\
         each is one definition (a `Rule` or `RelatedRule` named after its code, in\n\
         capitals) beside the code that decides it, in `dhr-core/src/eligibility/`.\n\
         Deadline rules are data: the built-in rule sets in `dhr-core/data/rules/`.\n\
         Marks: S statute, G guidance or an official page, L the Stockton local\n\
         procedure, U unconfirmed, P a policy of this library.\n\n\
         Every example below was run through the library when this file was written.\n\
         Eligibility examples start from the **base death**: England, 10 March 2024,\n\
         deceased aged 30, homicide, one suspect an intimate partner with abuse\n\
         suspected (`required` under s.9); each changes the facts shown (a JSON\n\
         merge) and gives the rule's reason. Deadline examples start the clock on\n\
         31 January 2024.\n\n",
    );

    s.push_str("## Eligibility reasons\n\n");
    for code in ReasonCode::ALL {
        let r = rule(*code);
        let e = reason_example(*code);
        let a = run(&e);
        let reason = a
            .reasons
            .iter()
            .find(|x| x.code() == *code)
            .unwrap_or_else(|| panic!("the example of {code} does not give it"));
        let citation = match r.citation_s8a {
            Some(c) => format!("{} (under s.8A: {c})", r.citation),
            None => r.citation.to_string(),
        };
        s.push_str(&format!(
            "### `{code}`\n\n\
             - **When:** {}.\n\
             - **Decides:** {}.\n\
             - **Citation:** {citation}\n\
             - **Mark:** {}\n\
             - **Defined:** {}\n\
             - **Example:** {}: \"{}\"\n\n",
            r.when,
            r.decides,
            mark(reason.mark()),
            defined_in(&src, code.as_str(), "Rule"),
            example_line(&e, &a),
            reason.text()
        ));
    }

    s.push_str("## Related reviews (flagged, never decided)\n\n");
    for v in RelatedVariant::ALL {
        let r = related_rule(*v);
        let e = related_example(*v);
        let a = run(&e);
        let entry = a
            .related_reviews
            .iter()
            .find(|x| x.kind == r.kind && x.text.starts_with(r.text))
            .unwrap_or_else(|| panic!("the example of {v} does not give its entry"));
        let dates = match (entry.notify_by, entry.rapid_review_by) {
            (Some(n), Some(rr)) => format!(" Dates: notify by {n}, rapid review by {rr}."),
            _ => String::new(),
        };
        s.push_str(&format!(
            "### `{v}` (kind `{}`)\n\n\
             - **When:** {}.\n\
             - **Citation:** {}\n\
             - **Mark:** {}\n\
             - **Defined:** {}\n\
             - **Example:** {}: \"{}\"{dates}\n\n",
            r.kind,
            r.when,
            r.citation,
            mark(r.mark),
            defined_in(&src, v.as_str(), "RelatedRule"),
            example_line(&e, &a),
            entry.text,
        ));
    }

    s.push_str(
        "## Dated values (`dhr-core/src/eligibility/dates.rs`)\n\n\
         | value | date | citation | mark |\n|---|---|---|---|\n",
    );
    render_dated(&mut s, "S9_IN_FORCE", &dates::S9_IN_FORCE);
    render_dated(&mut s, "SUSR_START", &dates::SUSR_START);
    render_dated(&mut s, "OWHR_PILOT_START", &dates::OWHR_PILOT_START);
    render_dated(&mut s, "OWHR_PILOT_END", &dates::OWHR_PILOT_END);
    for (i, e) in dates::OWHR_PILOT_EXTENSIONS.iter().enumerate() {
        render_dated(&mut s, &format!("OWHR_PILOT_EXTENSIONS[{i}]"), e);
    }
    if dates::OWHR_PILOT_EXTENSIONS.is_empty() {
        s.push_str("| `OWHR_PILOT_EXTENSIONS` | none confirmed | each would be marked U | |\n");
    }
    for (name, w) in [
        ("CSPR_NOTIFY", dates::CSPR_NOTIFY),
        ("CSPR_RAPID_REVIEW", dates::CSPR_RAPID_REVIEW),
    ] {
        s.push_str(&format!(
            "| `{name}` | {} working days | {} | {} |\n",
            w.days,
            w.citation,
            mark(w.mark)
        ));
    }
    s.push_str(&format!(
        "\nThe SUSR start is an option (`susr_from`, default {}); the s.8A\n\
         commencement is an option (`dardr_commenced`, default none).\n\n",
        dates::SUSR_START.date
    ));

    s.push_str(
        "## Home Office relationship values (`dhr-core/data/home_office_relationships.json`)\n\n\
         The deceased's relationship to the suspect, as the Home Office DHR library\n\
         records it, read by `dhr_core::case::home_office_mapping`.\n\n\
         | value | connection | personally connected (s.8A) | mark | why |\n|---|---|---|---|---|\n",
    );
    for r in HomeOfficeRelationship::ALL {
        let m = home_office_mapping(*r).unwrap();
        s.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            r.as_str(),
            m.connection.as_str(),
            match m.personally_connected {
                Some(true) => "yes",
                Some(false) => "no",
                None => "unknown",
            },
            m.mark.as_str(),
            m.note
        ));
    }

    s.push_str("\n## Deadline rules (data: `dhr-core/data/rules/`)\n");
    for id in BUILTIN_IDS {
        let set = RuleSet::builtin(id).unwrap();
        s.push_str(&format!("\n### `{id}`: {}\n\n", set.title()));
        if let Some(source) = set.source() {
            s.push_str(&format!("Source: {source}\n\n"));
        }
        s.push_str(
            "| rule | what | period | starts when | citation | marks | example |\n\
             |---|---|---|---|---|---|---|\n",
        );
        for r in set.rules() {
            let starts: Vec<&str> = r.start.iter().map(|t| t.phrase()).collect();
            let marks: Vec<&str> = r.marks.iter().map(|m| m.as_str()).collect();
            s.push_str(&format!(
                "| `{}` | {} | {}{} | {} ({}) | {} | {} | {} |\n",
                r.id,
                r.title,
                r.period.describe(),
                if matches!(r.period, Period::Months(_))
                    && r.policy != MonthEndPolicy::CorrespondingDate
                {
                    format!(", policy `{}`", r.policy.as_str())
                } else {
                    String::new()
                },
                starts.join(" or "),
                r.start_occurrence.as_str(),
                r.citation,
                marks.join(", "),
                render_deadline_example(r)
            ));
        }
    }
    s
}

#[test]
fn every_rule_has_an_example_that_gives_it() {
    // render() panics if an example does not give its rule.
    let text = render();
    for code in ReasonCode::ALL {
        assert!(text.contains(&format!("### `{code}`")), "{code}");
    }
    for v in RelatedVariant::ALL {
        assert!(text.contains(&format!("### `{v}`")), "{v}");
    }
}

#[test]
fn docs_rules_md_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/RULES.md");
    let want = render();
    if std::env::var_os("DHR_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/RULES.md is stale: run `DHR_BLESS=1 cargo test -p dhr-core --test rules_catalogue`"
    );
}
