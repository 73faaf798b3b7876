//! A table of eligibility cases derived from the statute and guidance text
//! (spec section 2). Each case cites its source and states the expected
//! outcome, regime, missing facts, the reason codes that must appear (and
//! those that must not) and the related review kinds, in order.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use dhr_core::case::Death;
use dhr_core::eligibility::{assess, AssessOptions};
use serde_json::{json, Value};

struct Case {
    name: &'static str,
    source: &'static str,
    input: Value,
    dardr: Option<&'static str>,
    susr: Option<&'static str>,
    outcome: &'static str,
    regime: &'static str,
    missing: &'static [&'static str],
    reasons: &'static [&'static str],
    not_reasons: &'static [&'static str],
    related: &'static [&'static str],
}

const CSPR: &str = "child_safeguarding_practice_review";
const CDR: &str = "child_death_review";
const SAR: &str = "safeguarding_adults_review";
const SUSR: &str = "susr_practice_review";
const OWHR: &str = "offensive_weapons_homicide_review";

/// A death in England on `dod`, with the given deceased, manner and suspects.
fn death(dod: &str, deceased: Value, manner: &str, suspects: Value) -> Value {
    json!({
        "schema_version": 1,
        "date_of_death": dod,
        "nation": "england",
        "deceased": deceased,
        "manner": manner,
        "suspects": suspects,
    })
}

fn with(mut v: Value, key: &str, value: Value) -> Value {
    v[key] = value;
    v
}

/// An adult homicide in England in 2024 with one suspect.
fn adult(suspect: Value) -> Value {
    death(
        "2024-03-10",
        json!({"age": 40}),
        "homicide",
        json!([suspect]),
    )
}

fn partner(abuse: Value) -> Value {
    json!({"connection": "intimate_partner", "abuse_suspected": abuse})
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[allow(clippy::too_many_lines)]
fn cases() -> Vec<Case> {
    let base = Case {
        name: "",
        source: "",
        input: Value::Null,
        dardr: None,
        susr: None,
        outcome: "required",
        regime: "dhr_s9",
        missing: &[],
        reasons: &[],
        not_reasons: &[],
        related: &[],
    };
    let s8a_partner = |age: Value, indicators: Value| {
        with(
            adult(json!({"connection": "intimate_partner", "age": age, "abuse_suspected": true})),
            "abuse_indicators",
            indicators,
        )
    };
    vec![
        // ---- Age (s.9(1): "a person aged 16 or over"; FLRA 1969 s.9) ----
        Case {
            name: "age 16 on the 16th birthday",
            source: "DVCVA 2004 s.9(1); Family Law Reform Act 1969 s.9 (age attained at the start of the anniversary)",
            input: death("2024-03-10", json!({"date_of_birth": "2008-03-10"}), "homicide", json!([partner(json!(true))])),
            reasons: &["age_16_or_over", "test_met"],
            related: &[CSPR],
            ..base
        },
        Case {
            name: "the day before the 16th birthday is under 16",
            source: "DVCVA 2004 s.9(1); Family Law Reform Act 1969 s.9",
            input: death("2024-03-10", json!({"date_of_birth": "2008-03-11"}), "homicide", json!([partner(json!(true))])),
            outcome: "not_required",
            reasons: &["age_under_16", "test_not_met"],
            related: &[CDR],
            ..base
        },
        Case {
            name: "29 February birth, 16th birthday in a leap year (29 Feb 2016)",
            source: "Family Law Reform Act 1969 s.9; spec 2.1 [P] leap-day rule",
            input: death("2016-02-29", json!({"date_of_birth": "2000-02-29"}), "homicide", json!([partner(json!(true))])),
            reasons: &["age_16_or_over", "leap_day_birthday"],
            related: &[CSPR],
            ..base
        },
        Case {
            name: "29 February birth, 28 February of the leap year of the 16th birthday: still 15",
            source: "Family Law Reform Act 1969 s.9",
            input: death("2016-02-28", json!({"date_of_birth": "2000-02-29"}), "homicide", json!([partner(json!(true))])),
            outcome: "not_required",
            reasons: &["age_under_16", "leap_day_birthday"],
            related: &[CDR],
            ..base
        },
        Case {
            name: "29 February birth, 16th birthday in a common year (2100): 28 February is still 15",
            source: "spec 2.1: for a birth on 29 February the anniversary in a common year is 1 March [P]",
            input: death("2100-02-28", json!({"date_of_birth": "2084-02-29"}), "homicide", json!([partner(json!(true))])),
            outcome: "not_required",
            reasons: &["age_under_16", "leap_day_birthday"],
            related: &[CDR],
            ..base
        },
        Case {
            name: "29 February birth, 16th birthday in a common year (2100): 1 March is 16",
            source: "spec 2.1: for a birth on 29 February the anniversary in a common year is 1 March [P]",
            input: death("2100-03-01", json!({"date_of_birth": "2084-02-29"}), "homicide", json!([partner(json!(true))])),
            reasons: &["age_16_or_over", "leap_day_birthday"],
            related: &[CSPR],
            ..base
        },
        Case {
            name: "age given: 16",
            source: "DVCVA 2004 s.9(1)",
            input: death("2024-03-10", json!({"age": 16}), "homicide", json!([partner(json!(true))])),
            related: &[CSPR],
            ..base
        },
        Case {
            name: "age given: 15",
            source: "DVCVA 2004 s.9(1)",
            input: death("2024-03-10", json!({"age": 15}), "homicide", json!([partner(json!(true))])),
            outcome: "not_required",
            reasons: &["age_under_16"],
            related: &[CDR],
            ..base
        },
        Case {
            name: "age 18: no child safeguarding practice review",
            source: "Children Act 2004 s.16C (children: under 18)",
            input: death("2024-03-10", json!({"age": 18}), "homicide", json!([partner(json!(true))])),
            ..base
        },
        Case {
            name: "age band 16-19: wholly 16 or over; a CSPR may apply",
            source: "spec 2.1 (a band wholly at or above 16 satisfies the test); spec 2.4",
            input: death("2024-03-10", json!({"age_band": "16-19"}), "homicide", json!([partner(json!(true))])),
            reasons: &["age_16_or_over"],
            related: &[CSPR],
            ..base
        },
        Case {
            name: "age band under_16: wholly below 16",
            source: "spec 2.1 (a band wholly below fails it)",
            input: death("2024-03-10", json!({"age_band": "under_16"}), "homicide", json!([partner(json!(true))])),
            outcome: "not_required",
            reasons: &["age_under_16"],
            related: &[CDR],
            ..base
        },
        Case {
            name: "age band 65+",
            source: "spec 2.1",
            input: death("2024-03-10", json!({"age_band": "65+"}), "homicide", json!([partner(json!(true))])),
            ..base
        },
        Case {
            name: "age unknown: needs deceased.age",
            source: "spec 2.3 (unknown is never guessed); spec 6.2 missing syntax",
            input: death("2024-03-10", json!({}), "homicide", json!([partner(json!(true))])),
            outcome: "needs_information",
            missing: &["deceased.age"],
            reasons: &["age_unknown", "information_needed"],
            related: &[],
            ..base
        },
        Case {
            name: "age unknown but every suspect fails a limb: not required",
            source: "spec 2.3 (a limb that fails on known facts decides even when another fact is unknown)",
            input: death("2024-03-10", json!({}), "homicide", json!([{"connection": "not_connected", "same_household": false, "abuse_suspected": true}])),
            outcome: "not_required",
            reasons: &["age_unknown", "connection_none", "test_not_met"],
            related: &[],
            ..base
        },
        Case {
            name: "under 16 decides even with the suspect's facts unknown",
            source: "spec 2.3",
            input: death("2024-03-10", json!({"age": 12}), "homicide", json!([{}])),
            outcome: "not_required",
            related: &[CDR],
            ..base
        },
        // ---- Connection (s.9(1)(a) and (b)) ----
        Case {
            name: "intimate partner",
            source: "DVCVA 2004 s.9(1)(a) (\"is or had been in an intimate personal relationship\")",
            input: adult(partner(json!(true))),
            reasons: &["connection_intimate_partner", "abuse_suspected", "test_met"],
            ..base
        },
        Case {
            name: "former intimate partner",
            source: "DVCVA 2004 s.9(1)(a)",
            input: adult(json!({"connection": "former_intimate_partner", "abuse_suspected": true})),
            reasons: &["connection_former_intimate_partner"],
            ..base
        },
        Case {
            name: "relative",
            source: "DVCVA 2004 s.9(1)(a) (\"related\"); Family Law Act 1996 s.63(1) by analogy [P]",
            input: adult(json!({"connection": "relative", "abuse_suspected": true})),
            reasons: &["connection_relative"],
            ..base
        },
        Case {
            name: "household member",
            source: "DVCVA 2004 s.9(1)(b) (\"a member of the same household\")",
            input: adult(json!({"connection": "household_member", "abuse_suspected": true})),
            reasons: &["connection_household"],
            ..base
        },
        Case {
            name: "no tie but same household true satisfies s.9(1)(b)",
            source: "DVCVA 2004 s.9(1)(b); spec 6.1 (same_household true satisfies s.9(1)(b) whatever connection says)",
            input: adult(json!({"connection": "not_connected", "same_household": true, "abuse_suspected": true})),
            reasons: &["connection_household"],
            ..base
        },
        Case {
            name: "stranger: no tie, not in the household",
            source: "DVCVA 2004 s.9(1); spec 2.1 (no connection fails the test)",
            input: adult(json!({"connection": "not_connected", "same_household": false, "abuse_suspected": true})),
            outcome: "not_required",
            reasons: &["connection_none", "test_not_met"],
            related: &[],
            ..base
        },
        Case {
            name: "no tie, household unknown",
            source: "spec 6.1 (not_connected with same_household null leaves the connection unknown)",
            input: adult(json!({"connection": "not_connected", "abuse_suspected": true})),
            outcome: "needs_information",
            missing: &["suspects[0].same_household"],
            reasons: &["connection_household_unknown"],
            related: &[],
            ..base
        },
        Case {
            name: "connection unknown, household unknown",
            source: "spec 2.3 (missing lists exactly which facts)",
            input: adult(json!({"connection": "unknown", "abuse_suspected": true})),
            outcome: "needs_information",
            missing: &["suspects[0].connection", "suspects[0].same_household"],
            reasons: &["connection_unknown"],
            related: &[],
            ..base
        },
        Case {
            name: "connection null, not in the household: the tie decides",
            source: "DVCVA 2004 s.9(1)(a)",
            input: adult(json!({"same_household": false, "abuse_suspected": true})),
            outcome: "needs_information",
            missing: &["suspects[0].connection"],
            related: &[],
            ..base
        },
        Case {
            name: "under s.9 the suspect's age does not matter (suspect aged 14)",
            source: "DVCVA 2004 s.9(1) (no age for the suspect); spec 2.1",
            input: adult(json!({"connection": "relative", "age": 14, "abuse_suspected": true})),
            not_reasons: &["suspect_under_16"],
            ..base
        },
        // ---- Home Office relationship vocabulary ----
        Case {
            name: "Home Office 'Parent' (the deceased was the suspect's parent) is a relative",
            source: "DHRD relationship_to_perpetrator; Family Law Act 1996 s.63(1)",
            input: adult(json!({"home_office_relationship": "Parent", "abuse_suspected": true})),
            reasons: &["home_office_relationship_mapped", "connection_relative"],
            ..base
        },
        Case {
            name: "Home Office 'Other (non-relative)': household still open",
            source: "spec 5 (a value that rules out relative and partner still leaves household membership open)",
            input: adult(json!({"home_office_relationship": "Other (non-relative)", "abuse_suspected": true})),
            outcome: "needs_information",
            missing: &["suspects[0].same_household"],
            reasons: &["home_office_relationship_mapped", "connection_household_unknown"],
            related: &[],
            ..base
        },
        Case {
            name: "Home Office 'Other (non-relative)' and not in the household",
            source: "spec 5; DVCVA 2004 s.9(1)",
            input: adult(json!({"home_office_relationship": "Other (non-relative)", "same_household": false, "abuse_suspected": true})),
            outcome: "not_required",
            reasons: &["connection_none"],
            related: &[],
            ..base
        },
        Case {
            name: "Home Office 'Emotional rival' living in the household",
            source: "spec 5; DVCVA 2004 s.9(1)(b)",
            input: adult(json!({"home_office_relationship": "Emotional rival", "same_household": true, "abuse_suspected": true})),
            reasons: &["connection_household"],
            ..base
        },
        Case {
            name: "Home Office 'Unknown' is unknown",
            source: "spec 5 (\"Unknown\" is unknown)",
            input: adult(json!({"home_office_relationship": "Unknown", "abuse_suspected": true})),
            outcome: "needs_information",
            missing: &["suspects[0].connection", "suspects[0].same_household"],
            related: &[],
            ..base
        },
        Case {
            name: "Home Office 'Cohabitant' is a household member",
            source: "DVCVA 2004 s.9(1)(b); mapping [P]",
            input: adult(json!({"home_office_relationship": "Cohabitant", "abuse_suspected": true})),
            reasons: &["connection_household"],
            ..base
        },
        Case {
            name: "Home Office 'Step-sibling' counts as a relative",
            source: "spec 2.1 (step-siblings count as relatives [P])",
            input: adult(json!({"home_office_relationship": "Step-sibling", "abuse_suspected": true})),
            reasons: &["connection_relative"],
            ..base
        },
        Case {
            name: "Home Office value agreeing with connection",
            source: "spec 6.1",
            input: adult(json!({"connection": "former_intimate_partner", "home_office_relationship": "Ex-spouse", "abuse_suspected": true})),
            reasons: &["connection_former_intimate_partner"],
            ..base
        },
        // ---- Cause: "has, or appears to have, resulted from" ----
        Case {
            name: "suspicion without charge is enough",
            source: "DVCVA 2004 s.9(1) (\"has, or appears to have\"); 2016 guidance (no charge or conviction needed)",
            input: adult(partner(json!(true))),
            reasons: &["abuse_suspected"],
            ..base
        },
        Case {
            name: "homicide with abuse_suspected unknown: manner never implies it",
            source: "spec 2.3 (manner never implies abuse_suspected)",
            input: adult(partner(Value::Null)),
            outcome: "needs_information",
            missing: &["suspects[0].abuse_suspected"],
            reasons: &["abuse_unknown", "information_needed"],
            related: &[],
            ..base
        },
        Case {
            name: "abuse ruled out: cannot satisfy the test",
            source: "spec 2.3 (a suspect whose abuse_suspected is false cannot satisfy the test)",
            input: adult(partner(json!(false))),
            outcome: "not_required",
            reasons: &["abuse_ruled_out", "test_not_met"],
            related: &[],
            ..base
        },
        // ---- Suicide ----
        Case {
            name: "suicide with abuse by a connected person suspected",
            source: "2016 guidance on suicide (review even if no one is charged); spec 2.1",
            input: death("2024-03-10", json!({"age": 30}), "suicide", json!([partner(json!(true))])),
            reasons: &["suicide_abuse_suspected", "test_met"],
            related: &[],
            ..base
        },
        Case {
            name: "suicide, connected person, abuse not yet known: consider",
            source: "2016 guidance (\"the circumstances give rise to concern\"); spec 2.3",
            input: death("2024-03-10", json!({"age": 30}), "suicide", json!([partner(Value::Null)])),
            outcome: "consider",
            missing: &["suspects[0].abuse_suspected"],
            reasons: &["suicide_consider"],
            related: &[],
            ..base
        },
        Case {
            name: "suicide, abuse by every connected person ruled out",
            source: "spec 2.1",
            input: death("2024-03-10", json!({"age": 30}), "suicide", json!([partner(json!(false))])),
            outcome: "not_required",
            reasons: &["suicide_abuse_ruled_out", "test_not_met"],
            related: &[],
            ..base
        },
        Case {
            name: "suicide, connection unknown: needs information, not consider",
            source: "spec 2.3 (consider only when every other limb holds on known facts)",
            input: death("2024-03-10", json!({"age": 30}), "suicide", json!([{"connection": "unknown"}])),
            outcome: "needs_information",
            missing: &["suspects[0].connection", "suspects[0].same_household", "suspects[0].abuse_suspected"],
            related: &[],
            ..base
        },
        Case {
            name: "suicide, age unknown: needs information, not consider",
            source: "spec 2.3",
            input: death("2024-03-10", json!({}), "suicide", json!([partner(Value::Null)])),
            outcome: "needs_information",
            missing: &["deceased.age", "suspects[0].abuse_suspected"],
            related: &[],
            ..base
        },
        // ---- Several suspects ----
        Case {
            name: "several suspects: one satisfying the test decides",
            source: "spec 2.1 (the test holds if it holds for any one of them; the reasons name which)",
            input: death("2024-03-10", json!({"age": 40}), "homicide", json!([
                {"connection": "not_connected", "same_household": false, "abuse_suspected": true},
                {"connection": "relative", "abuse_suspected": true}])),
            reasons: &["connection_none", "connection_relative", "test_met"],
            ..base
        },
        Case {
            name: "several suspects: one fails, one unknown",
            source: "spec 2.3",
            input: death("2024-03-10", json!({"age": 40}), "homicide", json!([
                {"connection": "relative", "abuse_suspected": false},
                {"connection": "intimate_partner"}])),
            outcome: "needs_information",
            missing: &["suspects[1].abuse_suspected"],
            related: &[],
            ..base
        },
        Case {
            name: "several suspects: not required only when every one fails",
            source: "spec 2.3",
            input: death("2024-03-10", json!({"age": 40}), "homicide", json!([
                {"connection": "not_connected", "same_household": false, "abuse_suspected": true},
                {"connection": "relative", "abuse_suspected": false}])),
            outcome: "not_required",
            related: &[],
            ..base
        },
        Case {
            name: "several suspects, suicide: consider lists what to find out for every open suspect",
            source: "spec 2.3 (consider if any suspect gives it; missing lists what to find out)",
            input: death("2024-03-10", json!({"age": 40}), "suicide", json!([
                {"connection": "relative"},
                {"connection": "unknown", "abuse_suspected": true}])),
            outcome: "consider",
            missing: &["suspects[0].abuse_suspected", "suspects[1].connection", "suspects[1].same_household"],
            related: &[],
            ..base
        },
        Case {
            name: "no suspects at all",
            source: "spec 2.3 (no suspects at all is needs_information, missing suspects)",
            input: death("2024-03-10", json!({"age": 40}), "homicide", json!([])),
            outcome: "needs_information",
            missing: &["suspects"],
            reasons: &["no_suspects"],
            related: &[],
            ..base
        },
        // ---- Scope ----
        Case {
            name: "Scotland is out of scope",
            source: "spec 1 (Scotland has no DHR regime under s.9)",
            input: with(adult(partner(json!(true))), "nation", json!("scotland")),
            outcome: "out_of_scope",
            regime: "none",
            reasons: &["out_of_scope_scotland"],
            related: &[],
            ..base
        },
        Case {
            name: "Northern Ireland is out of scope",
            source: "spec 1 (Northern Ireland's own guidance since December 2020)",
            input: with(adult(partner(json!(true))), "nation", json!("northern_ireland")),
            outcome: "out_of_scope",
            regime: "none",
            reasons: &["out_of_scope_northern_ireland"],
            related: &[],
            ..base
        },
        // ---- Wales and the SUSR ----
        Case {
            name: "Wales, the day before the SUSR start: a DHR",
            source: "SUSR guidance, from 1 October 2024 (keyed on the date of death [P])",
            input: with(with(adult(partner(json!(true))), "nation", json!("wales")), "date_of_death", json!("2024-09-30")),
            reasons: &["wales_before_susr", "regime_dhr_s9"],
            ..base
        },
        Case {
            name: "Wales on the SUSR start date: a SUSR",
            source: "SUSR guidance, from 1 October 2024",
            input: with(with(adult(partner(json!(true))), "nation", json!("wales")), "date_of_death", json!("2024-10-01")),
            regime: "susr_wales",
            reasons: &["regime_susr_wales", "test_met"],
            related: &[SUSR],
            ..base
        },
        Case {
            name: "Wales, SUSR start moved by the caller",
            source: "spec 2.3 (the SUSR start is a parameter; transitional arrangements)",
            input: with(with(adult(partner(json!(true))), "nation", json!("wales")), "date_of_death", json!("2024-10-01")),
            susr: Some("2025-01-01"),
            reasons: &["wales_before_susr"],
            ..base
        },
        Case {
            name: "Wales SUSR whatever the outcome",
            source: "spec 2.3 (susr_wales whatever the outcome)",
            input: with(with(adult(partner(json!(false))), "nation", json!("wales")), "date_of_death", json!("2025-01-01")),
            outcome: "not_required",
            regime: "susr_wales",
            related: &[SUSR],
            ..base
        },
        Case {
            name: "England after 1 October 2024 is still a DHR",
            source: "SUSR guidance applies in Wales only",
            input: with(adult(partner(json!(true))), "date_of_death", json!("2025-01-01")),
            not_reasons: &["regime_susr_wales", "wales_before_susr"],
            ..base
        },
        // ---- Commencement of s.9 ----
        Case {
            name: "death the day before s.9 came into force: not excluded, noted",
            source: "DVCVA 2004 s.9, in force 13 April 2011; spec 1 (earlier deaths not excluded)",
            input: with(adult(partner(json!(true))), "date_of_death", json!("2011-04-12")),
            reasons: &["death_before_s9_in_force", "test_met"],
            ..base
        },
        Case {
            name: "death on the day s.9 came into force: no note",
            source: "DVCVA 2004 s.9, in force 13 April 2011",
            input: with(adult(partner(json!(true))), "date_of_death", json!("2011-04-13")),
            not_reasons: &["death_before_s9_in_force"],
            ..base
        },
        Case {
            name: "death in 2004, reviewed later",
            source: "spec 1 and the DHRD (reviews of deaths from 2004)",
            input: with(adult(partner(json!(true))), "date_of_death", json!("2004-06-15")),
            reasons: &["death_before_s9_in_force"],
            ..base
        },
        // ---- s.8A DARDR ----
        Case {
            name: "DARDR commenced after the death: s.9 applies",
            source: "Victims and Prisoners Act 2024 s.19; spec 2.2 (date of death against the commencement date [P])",
            input: with(adult(json!({"connection": "household_member", "abuse_suspected": true})), "date_of_death", json!("2025-12-31")),
            dardr: Some("2026-01-01"),
            reasons: &["regime_dhr_s9_before_dardr", "connection_household"],
            ..base
        },
        Case {
            name: "DARDR: flatmate falls out (household member not personally connected)",
            source: "DVCVA 2004 s.8A; Domestic Abuse Act 2021 s.2 (personally connected); spec 2.2",
            input: with(with(adult(json!({"connection": "household_member", "age": 30, "abuse_suspected": true})), "date_of_death", json!("2026-01-01")), "abuse_indicators", json!(["physical_abuse"])),
            dardr: Some("2026-01-01"),
            outcome: "not_required",
            regime: "dardr_s8a",
            reasons: &["regime_dardr_s8a", "not_personally_connected", "test_not_met"],
            related: &[],
            ..base
        },
        Case {
            name: "DARDR: suspect under 16 falls out",
            source: "Domestic Abuse Act 2021 s.1(2)(a) (each of them aged 16 or over)",
            input: with(with(adult(json!({"connection": "relative", "age": 15, "abuse_suspected": true})), "date_of_death", json!("2026-06-01")), "abuse_indicators", json!(["physical_abuse"])),
            dardr: Some("2026-01-01"),
            outcome: "not_required",
            regime: "dardr_s8a",
            reasons: &["suspect_under_16"],
            related: &[],
            ..base
        },
        Case {
            name: "the same suspect under 16 before commencement: s.9 ignores the suspect's age",
            source: "DVCVA 2004 s.9(1)",
            input: with(with(adult(json!({"connection": "relative", "age": 15, "abuse_suspected": true})), "date_of_death", json!("2025-06-01")), "abuse_indicators", json!(["physical_abuse"])),
            dardr: Some("2026-01-01"),
            reasons: &["regime_dhr_s9_before_dardr"],
            ..base
        },
        Case {
            name: "DARDR: partner aged 30, coercive control: required",
            source: "DVCVA 2004 s.8A; Domestic Abuse Act 2021 ss.1-2",
            input: s8a_partner(json!(30), json!(["coercive_control"])),
            dardr: Some("2024-01-01"),
            regime: "dardr_s8a",
            reasons: &["personally_connected", "suspect_16_or_over", "abusive_behaviour", "test_met"],
            ..base
        },
        Case {
            name: "DARDR: no abuse indicators, so the abusive-behaviour limb is unknown",
            source: "Domestic Abuse Act 2021 s.1(3); spec 2.3 (abuse_indicators decide the limb under s.8A)",
            input: s8a_partner(json!(30), json!([])),
            dardr: Some("2024-01-01"),
            outcome: "needs_information",
            regime: "dardr_s8a",
            missing: &["abuse_indicators"],
            reasons: &["abusive_behaviour_unknown"],
            related: &[],
            ..base
        },
        Case {
            name: "DARDR: suspect's age unknown",
            source: "Domestic Abuse Act 2021 s.1(2)(a)",
            input: s8a_partner(Value::Null, json!(["physical_abuse"])),
            dardr: Some("2024-01-01"),
            outcome: "needs_information",
            regime: "dardr_s8a",
            missing: &["suspects[0].age"],
            reasons: &["suspect_age_unknown"],
            related: &[],
            ..base
        },
        Case {
            name: "DARDR: neglect must fit 'other abuse'",
            source: "Domestic Abuse Act 2021 s.1(3)(e); spec 2.2",
            input: s8a_partner(json!(50), json!(["neglect"])),
            dardr: Some("2024-01-01"),
            regime: "dardr_s8a",
            reasons: &["neglect_as_other_abuse", "test_met"],
            ..base
        },
        Case {
            name: "DARDR: 'Cohabitant' does not say whether personally connected",
            source: "Domestic Abuse Act 2021 s.2; mapping [P]",
            input: with(adult(json!({"home_office_relationship": "Cohabitant", "age": 30, "abuse_suspected": true})), "abuse_indicators", json!(["physical_abuse"])),
            dardr: Some("2024-01-01"),
            outcome: "needs_information",
            regime: "dardr_s8a",
            missing: &["suspects[0].connection"],
            reasons: &["personal_connection_unknown"],
            related: &[],
            ..base
        },
        Case {
            name: "DARDR in Wales after the SUSR start: regime susr_wales, decided by s.8A",
            source: "spec 2.3",
            input: with(with(s8a_partner(json!(30), json!(["coercive_control"])), "nation", json!("wales")), "date_of_death", json!("2025-01-01")),
            dardr: Some("2024-01-01"),
            regime: "susr_wales",
            reasons: &["regime_dardr_s8a", "regime_susr_wales"],
            related: &[SUSR],
            ..base
        },
        // ---- Related reviews ----
        Case {
            name: "care and support needs in England: safeguarding adults review",
            source: "Care Act 2014 s.44",
            input: death("2024-03-10", json!({"age": 80, "care_and_support_needs": true}), "homicide", json!([{"connection": "relative", "abuse_suspected": true}])),
            related: &[SAR],
            ..base
        },
        Case {
            name: "care and support needs but not required: no SAR flag",
            source: "spec 2.4 (outcome is not not_required)",
            input: death("2024-03-10", json!({"age": 80, "care_and_support_needs": true}), "homicide", json!([{"connection": "relative", "abuse_suspected": false}])),
            outcome: "not_required",
            related: &[],
            ..base
        },
        Case {
            name: "care and support needs, not yet decided: SAR flagged",
            source: "spec 2.4",
            input: death("2024-03-10", json!({"age": 80, "care_and_support_needs": true}), "other", json!([{"connection": "relative"}])),
            outcome: "needs_information",
            missing: &["suspects[0].abuse_suspected"],
            related: &[SAR],
            ..base
        },
        Case {
            name: "17-year-old in Wales before the SUSR: no CSPR (England only)",
            source: "Children Act 2004 s.16C (England)",
            input: with(death("2023-03-10", json!({"age": 17}), "homicide", json!([partner(json!(true))])), "nation", json!("wales")),
            reasons: &["wales_before_susr"],
            related: &[],
            ..base
        },
        Case {
            name: "suicide: no OWHR flag",
            source: "PCSC Act 2022 s.26 (homicides only)",
            input: death("2024-03-10", json!({"age": 17}), "suicide", json!([partner(json!(true))])),
            related: &[CSPR],
            ..base
        },
        // ---- OWHR: flagged only inside the pilot period (SI 2023/227 reg.1(2):
        // "the period of 9 months beginning with 1st April 2023"), for a
        // homicide of a person aged 18 or over that is or may be a DHR
        // (PCSC Act 2022 s.26); spec 2.4 ----
        Case {
            name: "OWHR: inside the pilot, aged 18",
            source: "PCSC Act 2022 s.26 (victims aged 18 or over); SI 2023/227 reg.1(2)",
            input: death("2023-06-15", json!({"age": 18}), "homicide", json!([partner(json!(true))])),
            related: &[OWHR],
            ..base
        },
        Case {
            name: "OWHR: inside the pilot, aged 17: no entry (a CSPR instead)",
            source: "PCSC Act 2022 s.26 (victims aged 18 or over); SI 2023/227 reg.1(2); Children Act 2004 s.16C",
            input: death("2023-06-15", json!({"age": 17}), "homicide", json!([partner(json!(true))])),
            related: &[CSPR],
            ..base
        },
        Case {
            name: "OWHR: inside the pilot, born 18 years before the death to the day",
            source: "PCSC Act 2022 s.26; Family Law Reform Act 1969 s.9",
            input: death("2023-06-15", json!({"date_of_birth": "2005-06-15"}), "homicide", json!([partner(json!(true))])),
            related: &[OWHR],
            ..base
        },
        Case {
            name: "OWHR: inside the pilot, the day before the 18th birthday: no entry",
            source: "PCSC Act 2022 s.26; Family Law Reform Act 1969 s.9",
            input: death("2023-06-15", json!({"date_of_birth": "2005-06-16"}), "homicide", json!([partner(json!(true))])),
            related: &[CSPR],
            ..base
        },
        Case {
            name: "OWHR: inside the pilot, band 16-19 straddles 18 (\"if aged 18 or over\")",
            source: "PCSC Act 2022 s.26; SI 2023/227 reg.1(2); spec 2.4",
            input: death("2023-06-15", json!({"age_band": "16-19"}), "homicide", json!([partner(json!(true))])),
            related: &[CSPR, OWHR],
            ..base
        },
        Case {
            name: "OWHR: inside the pilot, band 20-24 wholly 18 or over",
            source: "PCSC Act 2022 s.26; SI 2023/227 reg.1(2)",
            input: death("2023-06-15", json!({"age_band": "20-24"}), "homicide", json!([partner(json!(true))])),
            related: &[OWHR],
            ..base
        },
        Case {
            name: "OWHR: inside the pilot, age unknown: needs information, so no entry",
            source: "PCSC Act 2022 s.26; spec 2.4 (outcome required or consider); DVCVA 2004 s.9(1)",
            input: death("2023-06-15", json!({}), "homicide", json!([partner(json!(true))])),
            outcome: "needs_information",
            missing: &["deceased.age"],
            related: &[],
            ..base
        },
        Case {
            name: "OWHR: the day before the pilot (31 March 2023): no entry",
            source: "SI 2023/227 reg.1(2) (beginning with 1st April 2023)",
            input: death("2023-03-31", json!({"age": 30}), "homicide", json!([partner(json!(true))])),
            related: &[],
            ..base
        },
        Case {
            name: "OWHR: the first day of the pilot (1 April 2023)",
            source: "SI 2023/227 reg.1(2) (beginning with 1st April 2023); PCSC Act 2022 s.26",
            input: death("2023-04-01", json!({"age": 30}), "homicide", json!([partner(json!(true))])),
            related: &[OWHR],
            ..base
        },
        Case {
            name: "OWHR: the last day of the pilot (31 December 2023)",
            source: "SI 2023/227 reg.1(2) (9 months beginning with 1 April 2023); PCSC Act 2022 s.26",
            input: death("2023-12-31", json!({"age": 30}), "homicide", json!([partner(json!(true))])),
            related: &[OWHR],
            ..base
        },
        Case {
            name: "OWHR: the day after the pilot (1 January 2024): no entry",
            source: "SI 2023/227 reg.1(2); no extension confirmed (spec 2.4 [U])",
            input: death("2024-01-01", json!({"age": 30}), "homicide", json!([partner(json!(true))])),
            related: &[],
            ..base
        },
        Case {
            name: "OWHR: inside the pilot, abuse ruled out: not required, no entry",
            source: "PCSC Act 2022 s.26 (the exclusion applies where the death may be a DHR); spec 2.4",
            input: death("2023-06-15", json!({"age": 30}), "homicide", json!([partner(json!(false))])),
            outcome: "not_required",
            related: &[],
            ..base
        },
        Case {
            name: "OWHR: Wales inside the pilot (South Wales was a pilot area)",
            source: "SI 2023/227 (pilot areas); PCSC Act 2022 s.26",
            input: with(death("2023-06-15", json!({"age": 30}), "homicide", json!([partner(json!(true))])), "nation", json!("wales")),
            reasons: &["wales_before_susr"],
            related: &[OWHR],
            ..base
        },
        Case {
            name: "OWHR: Wales inside the pilot with the SUSR start moved before it: SUSR and OWHR",
            source: "SI 2023/227; PCSC Act 2022 s.26; spec 2.4 sets no condition on the regime",
            input: with(death("2023-06-15", json!({"age": 30}), "homicide", json!([partner(json!(true))])), "nation", json!("wales")),
            susr: Some("2023-01-01"),
            regime: "susr_wales",
            reasons: &["regime_susr_wales"],
            related: &[SUSR, OWHR],
            ..base
        },
    ]
}

#[test]
fn statute_and_guidance_table() {
    let mut failures = Vec::new();
    let all = cases();
    for c in &all {
        assert!(!c.source.is_empty(), "{}: no source", c.name);
        let death = Death::from_value(&c.input)
            .unwrap_or_else(|e| panic!("{}: input refused: {e}", c.name));
        let mut opts = AssessOptions {
            dardr_commenced: c.dardr.map(d),
            ..AssessOptions::default()
        };
        if let Some(s) = c.susr {
            opts.susr_from = d(s);
        }
        let a = assess(&death, &opts).unwrap_or_else(|e| panic!("{}: {e}", c.name));
        let v = a.to_value();
        let codes: Vec<&str> = v["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap())
            .collect();
        let kinds: Vec<&str> = v["related_reviews"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["kind"].as_str().unwrap())
            .collect();
        let missing: Vec<&str> = v["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap())
            .collect();
        let mut problems = Vec::new();
        if v["outcome"] != c.outcome {
            problems.push(format!("outcome {} != {}", v["outcome"], c.outcome));
        }
        if v["regime"] != c.regime {
            problems.push(format!("regime {} != {}", v["regime"], c.regime));
        }
        if missing != c.missing {
            problems.push(format!("missing {missing:?} != {:?}", c.missing));
        }
        for r in c.reasons {
            if !codes.contains(r) {
                problems.push(format!("reason {r} absent from {codes:?}"));
            }
        }
        for r in c.not_reasons {
            if codes.contains(r) {
                problems.push(format!("reason {r} present"));
            }
        }
        if kinds != c.related {
            problems.push(format!("related {kinds:?} != {:?}", c.related));
        }
        for r in v["reasons"].as_array().unwrap() {
            if r["text"].as_str().unwrap().is_empty() || r["citation"].as_str().unwrap().is_empty()
            {
                problems.push(format!("reason without text or citation: {r}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{} [{}]: {}",
                c.name,
                c.source,
                problems.join("; ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{} statute and guidance cases passed", all.len());
}

#[test]
fn cspr_dates_in_working_days_from_notified_on() {
    // Thursday 28 March 2024; Good Friday 29 March and Easter Monday 1 April
    // are bank holidays. 5 working days: 2, 3, 4, 5, 8 April. 15 working
    // days: 9-12, 15-19, 22 April.
    // Source: Children Act 2004 s.16C; Working Together (5 and 15 working days).
    let input = with(
        death(
            "2024-03-27",
            json!({"age": 17}),
            "homicide",
            json!([partner(json!(true))]),
        ),
        "notified_on",
        json!("2024-03-28"),
    );
    let a = assess(
        &Death::from_value(&input).unwrap(),
        &AssessOptions::default(),
    )
    .unwrap();
    let v = a.to_value();
    let cspr = &v["related_reviews"][0];
    assert_eq!(cspr["kind"], CSPR);
    assert_eq!(cspr["notify_by"], "2024-04-08");
    assert_eq!(cspr["rapid_review_by"], "2024-04-22");
    // After the OWHR pilot: the CSPR entry only.
    assert_eq!(v["related_reviews"].as_array().unwrap().len(), 1);
}

#[test]
fn cspr_without_notified_on_has_no_dates() {
    let input = death(
        "2024-03-27",
        json!({"age": 16}),
        "homicide",
        json!([partner(json!(true))]),
    );
    let v = assess(
        &Death::from_value(&input).unwrap(),
        &AssessOptions::default(),
    )
    .unwrap()
    .to_value();
    let cspr = v["related_reviews"][0].as_object().unwrap();
    assert_eq!(cspr.len(), 3, "{cspr:?}");
    assert!(!v["related_reviews"][0]["text"]
        .as_str()
        .unwrap()
        .contains("may apply"));
}

#[test]
fn cspr_band_says_may_apply_and_dates_outside_the_holiday_data_are_not_guessed() {
    let input = with(
        death(
            "2030-01-02",
            json!({"age_band": "16-19"}),
            "homicide",
            json!([partner(json!(true))]),
        ),
        "notified_on",
        json!("2030-01-03"),
    );
    let v = assess(
        &Death::from_value(&input).unwrap(),
        &AssessOptions::default(),
    )
    .unwrap()
    .to_value();
    let cspr = &v["related_reviews"][0];
    assert_eq!(cspr["kind"], CSPR);
    assert!(cspr["text"].as_str().unwrap().contains("may apply"));
    assert!(cspr.get("notify_by").is_none());
    assert!(cspr["text"].as_str().unwrap().contains("not given"));
}

#[test]
fn reference_echoed_extensions_kept_only_when_non_empty() {
    let mut input = adult(partner(json!(true)));
    input["reference"] = json!("STK-1");
    input["extensions"] = json!({"crm": {"id": 7}});
    let v = assess(
        &Death::from_value(&input).unwrap(),
        &AssessOptions::default(),
    )
    .unwrap()
    .to_value();
    assert_eq!(v["reference"], "STK-1");
    assert_eq!(v["extensions"], json!({"crm": {"id": 7}}));
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    // The six keys of spec 6.2, extensions, and the receipt (spec 8.3).
    assert_eq!(keys.len(), 8);

    input["extensions"] = json!({});
    input.as_object_mut().unwrap().remove("reference");
    let v = assess(
        &Death::from_value(&input).unwrap(),
        &AssessOptions::default(),
    )
    .unwrap()
    .to_value();
    assert!(v["reference"].is_null());
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "engine",
            "missing",
            "outcome",
            "reasons",
            "reference",
            "regime",
            "related_reviews"
        ]
    );
}

#[test]
fn serialised_key_order_follows_the_spec() {
    let a = assess(
        &Death::from_value(&adult(partner(json!(true)))).unwrap(),
        &AssessOptions::default(),
    )
    .unwrap();
    let text = serde_json::to_string(&a).unwrap();
    let pos = |k: &str| text.find(&format!("\"{k}\":")).unwrap();
    assert!(pos("reference") < pos("outcome"));
    assert!(pos("outcome") < pos("regime"));
    assert!(pos("regime") < pos("reasons"));
    assert!(pos("reasons") < pos("missing"));
    assert!(pos("missing") < pos("related_reviews"));
    // Reason objects are exactly code, text, citation.
    let r = &a.to_value()["reasons"][0];
    let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["citation", "code", "text"]);
}

#[test]
fn personal_data_does_not_show_in_debug() {
    let input = death(
        "2024-03-10",
        json!({"date_of_birth": "1990-05-01"}),
        "homicide",
        json!([partner(json!(true))]),
    );
    let mut input = input;
    input["extensions"] = json!({"name": "Jane Example"});
    let death = Death::from_value(&input).unwrap();
    let dbg = format!("{death:?}");
    assert!(!dbg.contains("1990"), "{dbg}");
    assert!(!dbg.contains("Jane"), "{dbg}");
    let a = assess(&death, &AssessOptions::default()).unwrap();
    let dbg = format!("{a:?}");
    assert!(!dbg.contains("Jane"), "{dbg}");
    // The answer's text never repeats the date of birth.
    assert!(!a.to_value()["reasons"].to_string().contains("1990"));
}

#[test]
fn owhr_entry_names_the_pilot_areas_and_says_if_aged_18_or_over_for_a_straddling_band() {
    // Spec 2.4; PCSC Act 2022 s.26; SI 2023/227 (the pilot areas and period).
    let owhr = |deceased: Value| {
        let input = death(
            "2023-06-15",
            deceased,
            "homicide",
            json!([partner(json!(true))]),
        );
        let v = assess(
            &Death::from_value(&input).unwrap(),
            &AssessOptions::default(),
        )
        .unwrap()
        .to_value();
        let e = v["related_reviews"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == OWHR)
            .cloned()
            .unwrap();
        // No dates on an OWHR entry.
        assert_eq!(e.as_object().unwrap().len(), 3);
        e
    };
    let adult = owhr(json!({"age": 18}));
    let band = owhr(json!({"age_band": "16-19"}));
    for e in [&adult, &band] {
        let text = e["text"].as_str().unwrap();
        assert!(text.contains("South Wales; the London boroughs of Barnet, Brent, Harrow, Lambeth and Southwark; Birmingham and Coventry"), "{text}");
        assert!(text.contains("PCSC Act 2022 s.26"), "{text}");
        assert_eq!(e["citation"], "PCSC Act 2022 s.26; SI 2023/227 reg.1(2)");
    }
    assert!(!adult["text"]
        .as_str()
        .unwrap()
        .contains("if aged 18 or over"));
    assert!(band["text"]
        .as_str()
        .unwrap()
        .contains("if aged 18 or over"));
}
