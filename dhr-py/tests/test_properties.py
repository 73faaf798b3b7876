"""Hypothesis properties of the Python surface.

- Random valid cases give the same answer through assess, assess_many and
  assess_frame (the three paths share one converter and one core).
- Random invalid input of any shape raises DhrError (with a known code),
  never another exception and never a crash.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any, Optional

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dhr

# DHR_HYPOTHESIS_EXAMPLES raises the number of examples for a longer run.
SETTINGS = settings(max_examples=int(os.environ.get("DHR_HYPOTHESIS_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

NATIONS = ["england", "wales", "scotland", "northern_ireland"]
MANNERS = ["homicide", "suicide", "other", "unknown"]
BANDS = ["under_16", "16-19", "20-24", "25-34", "35-44", "45-54", "55-64", "65+"]
CONNECTIONS = ["intimate_partner", "former_intimate_partner", "relative", "household_member", "not_connected", "unknown"]
# The Home Office DHR library's victim-to-perpetrator values (spec 6.1, DHRD victims.csv).
HOME_OFFICE = [
    "Spouse (incl civil partner)", "Common-law spouse", "Boyfriend or girlfriend", "Parent", "Ex-spouse",
    "Ex-boyfriend or ex-girlfriend", "Sibling", "Cohabitant", "Grandparent", "Other (non-relative)",
    "Other (relative)", "Unknown", "Casual sexual partner", "Son or daughter", "Half-sibling", "Step-parent",
    "Emotional rival", "Step-sibling",
]
INDICATORS = [
    "physical_abuse", "sexual_abuse", "violent_or_threatening_behaviour", "coercive_control",
    "economic_abuse", "emotional_abuse", "neglect", "stalking",
]
CODES = set(dhr.ERROR_CLASSES)

tri = st.sampled_from([True, False, None])
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def suspects(draw: st.DrawFn) -> dict[str, Any]:
    s: dict[str, Any] = {}
    which = draw(st.sampled_from(["connection", "home_office", "neither"]))
    if which == "connection":
        s["connection"] = draw(st.sampled_from(CONNECTIONS))
    elif which == "home_office":
        s["home_office_relationship"] = draw(st.sampled_from(HOME_OFFICE))
    household = draw(tri)
    if s.get("connection") == "household_member" and household is False:
        household = True  # household_member with same_household false is contradictory (spec 6.1)
    s["same_household"] = household
    s["age"] = draw(st.none() | st.integers(10, 90))
    s["abuse_suspected"] = draw(tri)
    return s


@st.composite
def deaths(draw: st.DrawFn, max_suspects: int = 3, min_suspects: int = 0) -> dict[str, Any]:
    death_on = draw(dates)
    deceased: dict[str, Any] = {}
    how = draw(st.sampled_from(["dob", "age", "band", "none"]))
    if how == "dob":
        deceased["date_of_birth"] = death_on - dt.timedelta(days=draw(st.integers(0, 36500)))
    elif how == "age":
        deceased["age"] = draw(st.integers(0, 110))
    elif how == "band":
        deceased["age_band"] = draw(st.sampled_from(BANDS))
    deceased["care_and_support_needs"] = draw(tri)
    case: dict[str, Any] = {
        "schema_version": 1,
        "date_of_death": draw(st.sampled_from([death_on, death_on.isoformat()])),
        "nation": draw(st.sampled_from(NATIONS)),
        "deceased": deceased,
        "manner": draw(st.sampled_from(MANNERS)),
        "suspects": draw(st.lists(suspects(), min_size=min_suspects, max_size=max_suspects)),
        "abuse_indicators": draw(st.lists(st.sampled_from(INDICATORS), unique=True, max_size=3)),
    }
    return case


def answer(case: Any, **kw: Any) -> tuple[str, Any]:
    try:
        return ("ok", dhr.assess(case, **kw).to_dict())
    except dhr.DhrError as e:
        return ("error", e.code)


@SETTINGS
@given(st.lists(deaths(), max_size=8), st.sampled_from([None, "2024-01-01"]))
def test_assess_many_equals_assess(cases: list[dict[str, Any]], dardr: Optional[str]) -> None:
    one_by_one = [answer(c, dardr_commenced=dardr) for c in cases]
    many = dhr.assess_many(cases, dardr_commenced=dardr, on_error="return")
    got = [("ok", a.to_dict()) if isinstance(a, dhr.Assessment) else ("error", a.code) for a in many]
    assert got == one_by_one
    # JSON text gives the same answers as dicts.
    texts = [json.dumps(c, default=str) for c in cases]
    again = dhr.assess_many(texts, dardr_commenced=dardr, on_error="return")
    assert [a.to_dict() if isinstance(a, dhr.Assessment) else a.code for a in again] == [
        g[1] for g in got
    ]


def to_row(case: dict[str, Any]) -> dict[str, Any]:
    s = case["suspects"][0]
    d = case["deceased"]
    return {
        "date_of_death": case["date_of_death"],
        "nation": case["nation"],
        "manner": case["manner"],
        "date_of_birth": d.get("date_of_birth"),
        "age": d.get("age"),
        "age_band": d.get("age_band"),
        "care_and_support_needs": d.get("care_and_support_needs"),
        "connection": s.get("connection"),
        "home_office_relationship": s.get("home_office_relationship"),
        "same_household": s.get("same_household"),
        "suspect_age": s.get("age"),
        "abuse_suspected": s.get("abuse_suspected"),
    }


@SETTINGS
@given(st.lists(deaths(max_suspects=1, min_suspects=1), min_size=1, max_size=12))
def test_assess_frame_equals_assess(cases: list[dict[str, Any]]) -> None:
    for c in cases:
        c["abuse_indicators"] = []  # the frame has no indicator column
    df = pd.DataFrame([to_row(c) for c in cases])
    out = dhr.assess_frame(df, on_error="return")
    for i, c in enumerate(cases):
        kind, value = answer(c)
        if kind == "ok":
            assert (out["outcome"].iloc[i], out["regime"].iloc[i], out["missing"].iloc[i]) == (
                value["outcome"], value["regime"], value["missing"],
            )
        else:
            assert out["error_code"].iloc[i] == value


# Invalid input of any shape ----------------------------------------------------

def _containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12) | dates,
    _containers,
    max_leaves=12,
)
junk = json_values | st.datetimes() | st.binary(max_size=8) | st.builds(object) | st.tuples(st.integers())


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A valid case with one field replaced by junk, removed, or an unknown key added."""
    case = draw(deaths(max_suspects=2))
    target: Any = case
    keys = ["deceased", "suspects", None]
    sub = draw(st.sampled_from(keys))
    if sub == "deceased":
        target = case["deceased"]
    elif sub == "suspects" and case["suspects"]:
        target = case["suspects"][0]
    action = draw(st.sampled_from(["replace", "remove", "add"]))
    if action == "add":
        target[draw(st.text(min_size=1, max_size=8))] = draw(junk)
    elif target:
        key = draw(st.sampled_from(sorted(target)))
        if action == "remove":
            del target[key]
        else:
            target[key] = draw(junk)
    return case


def raises_only_dhr_error(fn: Any, *args: Any, **kw: Any) -> None:
    try:
        fn(*args, **kw)
    except dhr.DhrError as e:
        assert e.code in CODES and isinstance(e.path, str) and e.message
        assert type(e) is dhr.ERROR_CLASSES[e.code]


@SETTINGS
@given(mutated() | junk)
def test_assess_invalid_input_raises_dhr_error_only(case: Any) -> None:
    raises_only_dhr_error(dhr.assess, case)
    raises_only_dhr_error(dhr.assess_many, [case])


@SETTINGS
@given(st.text(max_size=60))
def test_assess_json_text_raises_dhr_error_only(text: str) -> None:
    raises_only_dhr_error(dhr.assess, text)
    raises_only_dhr_error(dhr.Review.from_json, text)


@SETTINGS
@given(junk, junk, junk)
def test_options_and_calendar_raise_dhr_error_only(a: Any, b: Any, c: Any) -> None:
    raises_only_dhr_error(dhr.assess, {"schema_version": 1}, dardr_commenced=a, susr_from=b)
    raises_only_dhr_error(dhr.add_months, a, b, policy=c)
    raises_only_dhr_error(dhr.add_working_days, a, b, c)
    raises_only_dhr_error(dhr.is_working_day, a, b)
    raises_only_dhr_error(dhr.Review, a, b)


EVENT_NAMES = [
    "notified", "decided", "home_office_informed", "directed_review", "panel_commissioned", "chair_appointed",
    "terms_of_reference_agreed", "overview_drafted", "paused", "resumed", "published", "qa_outcome",
]
ROLES = ["police", "csp", "chair", "panel", "home_office", "agency_senior_manager", "imr_author", "strategy_group"]


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    e: dict[str, Any] = {
        "on": draw(st.sampled_from([draw(dates).isoformat(), draw(junk)])),
        "event": draw(st.sampled_from(EVENT_NAMES) | st.text(max_size=6)),
        "by": draw(st.sampled_from(ROLES) | junk),
    }
    if draw(st.booleans()):
        e[draw(st.sampled_from(["review", "reasons", "reason", "result", "agency", "zzz"]))] = draw(junk | st.booleans())
    return e


@SETTINGS
@given(st.lists(events(), max_size=8), junk, junk)
def test_review_apply_and_status_raise_dhr_error_only(evs: list[dict[str, Any]], as_of: Any, soon: Any) -> None:
    r = dhr.Review("R", "stockton_2011")
    for e in evs:
        before = r.to_dict()
        try:
            r.apply(e)
        except dhr.DhrError as err:
            assert err.code in CODES
            assert r.to_dict() == before  # a refused event leaves the review unchanged
    raises_only_dhr_error(r.status, as_of, due_soon_days=soon)
    raises_only_dhr_error(r.status, "2024-06-01", rules=soon)
