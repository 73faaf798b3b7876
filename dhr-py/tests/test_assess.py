"""assess / assess_many against the shared golden fixtures
(tests/fixtures/assess/, assess_errors/) and the spec's rules for the Python
surface: dates as datetime.date, datetime refused, to_dict exactly 6.2."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import dhr
from conftest import fixture_files, load


ASSESS = fixture_files("assess")
ASSESS_ERRORS = fixture_files("assess_errors")


def opts(fixture: dict[str, Any]) -> dict[str, Any]:
    o = fixture.get("options") or {}
    return {k: o.get(k) for k in ("dardr_commenced", "susr_from")}


def test_fixtures_present() -> None:
    assert len(ASSESS) >= 5, "tests/fixtures/assess/ holds too few fixtures"
    assert len(ASSESS_ERRORS) >= 3, "tests/fixtures/assess_errors/ holds too few fixtures"


@pytest.mark.parametrize("path", ASSESS, ids=lambda p: p.stem)
def test_assess_fixture(path: Path) -> None:
    fx = load(path)
    got = dhr.assess(fx["input"], **opts(fx))
    assert got.to_dict() == fx["expected"]
    exp = fx["expected"]
    assert got.outcome == exp["outcome"]
    assert got.regime == exp["regime"]
    assert got.missing == exp["missing"]
    assert got.reference == exp.get("reference")
    assert [r.to_dict() for r in got.reasons] == exp["reasons"]
    assert [(r.code, r.text, r.citation) for r in got.reasons] == [
        (r["code"], r["text"], r["citation"]) for r in exp["reasons"]
    ]
    assert [r.to_dict() for r in got.related_reviews] == exp["related_reviews"]
    for r, e in zip(got.related_reviews, exp["related_reviews"]):
        assert r.kind == e["kind"]
        for key in ("notify_by", "rapid_review_by"):
            value = getattr(r, key)
            if key in e:
                assert value == dt.date.fromisoformat(e[key]) and type(value) is dt.date
            else:
                assert value is None
    # The same document as JSON text gives the same answer.
    assert dhr.assess(json.dumps(fx["input"]), **opts(fx)) == got


@pytest.mark.parametrize("path", ASSESS_ERRORS, ids=lambda p: p.stem)
def test_assess_error_fixture(path: Path) -> None:
    fx = load(path)
    case = fx["input_text"] if "input_text" in fx else fx["input"]
    if "input" in fx and isinstance(case, str):
        case = json.dumps(case)  # a JSON string value, not JSON text
    with pytest.raises(dhr.DhrError) as info:
        dhr.assess(case, **opts(fx))
    err = info.value
    assert (err.code, err.path) == (fx["expected_error"]["code"], fx["expected_error"]["path"])
    assert type(err) is dhr.ERROR_CLASSES[err.code]


def spec_death() -> dict[str, Any]:
    """The example death of spec 6.1."""
    return {
        "schema_version": 1,
        "reference": "STK-2024-003",
        "date_of_death": "2024-03-10",
        "notified_on": "2024-03-12",
        "nation": "england",
        "deceased": {"date_of_birth": "1990-05-01", "age": None, "age_band": None, "care_and_support_needs": None},
        "manner": "homicide",
        "suspects": [
            {
                "connection": "former_intimate_partner",
                "home_office_relationship": None,
                "same_household": False,
                "age": 41,
                "abuse_suspected": True,
            }
        ],
        "abuse_indicators": ["coercive_control"],
        "extensions": {},
    }


def test_spec_example_is_required() -> None:
    # DVCVA 2004 s.9(1): aged 16+, former intimate partner, abuse suspected.
    a = dhr.assess(spec_death())
    assert (a.outcome, a.regime, a.missing) == ("required", "dhr_s9", [])
    assert set(a.to_dict()) >= {"reference", "outcome", "regime", "reasons", "missing", "related_reviews"}
    assert a.reference == "STK-2024-003"


def test_dates_may_be_datetime_date() -> None:
    case = spec_death()
    case["date_of_death"] = dt.date(2024, 3, 10)
    case["deceased"]["date_of_birth"] = dt.date(1990, 5, 1)
    case["notified_on"] = dt.date(2024, 3, 12)
    assert dhr.assess(case) == dhr.assess(spec_death())


def test_datetime_in_document_is_refused_with_path() -> None:
    case = spec_death()
    case["deceased"]["date_of_birth"] = dt.datetime(1990, 5, 1, 0, 0)
    with pytest.raises(dhr.InvalidDateError) as info:
        dhr.assess(case)
    assert info.value.path == "deceased.date_of_birth"
    assert "datetime" in info.value.message


def test_datetime_option_is_refused() -> None:
    with pytest.raises(dhr.InvalidDateError) as info:
        dhr.assess(spec_death(), dardr_commenced=dt.datetime(2025, 1, 1))
    assert info.value.path == "dardr_commenced"


def test_dardr_commenced_switches_regime() -> None:
    # spec 2.3: dardr_s8a when commenced and the death is on or after it.
    assert dhr.assess(spec_death(), dardr_commenced=dt.date(2024, 1, 1)).regime == "dardr_s8a"
    assert dhr.assess(spec_death(), dardr_commenced="2024-03-11").regime == "dhr_s9"


def test_susr_from_moves_wales() -> None:
    # spec 2.3: susr_wales for a death in Wales on or after the SUSR start (default 2024-10-01).
    case = spec_death()
    case["nation"] = "wales"
    assert dhr.assess(case).regime == "dhr_s9"  # death 2024-03-10, before the default start
    assert dhr.assess(case, susr_from="2024-01-01").regime == "susr_wales"


def test_scotland_out_of_scope() -> None:
    # spec 1: Scotland has no DHR regime under s.9.
    case = spec_death()
    case["nation"] = "scotland"
    a = dhr.assess(case)
    assert (a.outcome, a.regime) == ("out_of_scope", "none")


def test_unknown_abuse_asks_for_it() -> None:
    # spec 2.3: manner never implies abuse_suspected: unknown is asked for.
    case = spec_death()
    case["suspects"][0]["abuse_suspected"] = None
    a = dhr.assess(case)
    assert a.outcome == "needs_information"
    assert a.missing == ["suspects[0].abuse_suspected"]


def test_unknown_key_is_refused() -> None:
    # spec 6: unknown keys are rejected with an error naming the key.
    case = spec_death()
    case["deceased"]["agee"] = 30
    with pytest.raises(dhr.UnknownFieldError) as info:
        dhr.assess(case)
    assert info.value.path == "deceased.agee"


def test_unconvertible_value_is_dhr_error() -> None:
    case = spec_death()
    case["extensions"] = {"x": object()}
    with pytest.raises(dhr.InvalidValueError) as info:
        dhr.assess(case)
    assert info.value.path == "extensions.x"
    case = spec_death()
    case["suspects"][0]["age"] = float("nan")
    with pytest.raises(dhr.InvalidValueError):
        dhr.assess(case)


def test_self_containing_list_is_refused_not_crashed() -> None:
    loop: list[Any] = []
    loop.append(loop)
    case = spec_death()
    case["abuse_indicators"] = loop
    with pytest.raises(dhr.InvalidValueError):
        dhr.assess(case)


def test_input_not_modified() -> None:
    case = spec_death()
    before = copy.deepcopy(case)
    dhr.assess(case)
    assert case == before


def test_assess_many_in_order() -> None:
    cases = []
    for nation in ("england", "scotland", "wales", "northern_ireland"):
        c = spec_death()
        c["nation"] = nation
        c["reference"] = nation
        cases.append(c)
    got = dhr.assess_many(cases)
    assert [a.reference for a in got] == ["england", "scotland", "wales", "northern_ireland"]
    assert got == [dhr.assess(c) for c in cases]
    assert dhr.assess_many(iter(cases)) == got  # any iterable
    assert dhr.assess_many([]) == []


def test_assess_many_error_names_the_case() -> None:
    cases = [spec_death(), spec_death()]
    cases[1]["deceased"]["age"] = -1
    with pytest.raises(dhr.InvalidValueError) as info:
        dhr.assess_many(cases)
    assert info.value.path == "[1].deceased.age"


def test_assess_many_on_error_return() -> None:
    cases: list[Any] = [spec_death(), "{not json", spec_death()]
    cases[2]["manner"] = "accident"
    got = dhr.assess_many(cases, on_error="return")
    assert isinstance(got[0], dhr.Assessment)
    assert isinstance(got[1], dhr.InvalidJsonError)
    assert isinstance(got[2], dhr.InvalidValueError) and got[2].path == "manner"


def test_assess_many_refuses_a_single_case() -> None:
    with pytest.raises(dhr.InvalidValueError):
        dhr.assess_many(spec_death())  # type: ignore[arg-type]


def test_mapping_and_numpy_scalars_are_read() -> None:
    # Analysts pass rows from pandas (numpy scalars) and read-only mappings.
    import types

    import numpy as np

    case = spec_death()
    case["suspects"][0]["age"] = np.int64(41)
    case["suspects"][0]["abuse_suspected"] = np.bool_(True)
    case["deceased"] = types.MappingProxyType(case["deceased"])
    assert dhr.assess(case) == dhr.assess(spec_death())


def test_nan_is_not_silently_unknown() -> None:
    # In a document, NaN is not JSON: refused (frames treat NaN as missing).
    case = spec_death()
    case["deceased"]["age"] = float("nan")
    with pytest.raises(dhr.InvalidValueError) as info:
        dhr.assess(case)
    assert info.value.path == "deceased.age"


def test_reprs_are_python_literals() -> None:
    a = dhr.assess(spec_death())
    assert repr(a) == "Assessment(outcome='required', regime='dhr_s9', missing=[])"
    assert repr(dhr.add_months("2024-01-31", 1)) == "MonthsLater(date=datetime.date(2024, 2, 29), clamped=True)"
    # A repr never shows the caller's reference or dates.
    assert "STK" not in repr(a)


def test_assess_many_releases_the_gil() -> None:
    # While assess_many works in Rust, another Python thread keeps running.
    # A call that held the GIL would freeze it for the whole call, so no tick
    # could be stamped in the middle half of the call.
    import threading
    import time

    texts = [json.dumps(spec_death())] * 20_000
    stamps: list[float] = []
    running = True

    def tick() -> None:
        n = 0
        while running:
            n += 1
            if n % 100 == 0:
                stamps.append(time.perf_counter())

    thread = threading.Thread(target=tick)
    thread.start()
    try:
        time.sleep(0.05)
        t0 = time.perf_counter()
        got = dhr.assess_many(texts)
        t1 = time.perf_counter()
    finally:
        running = False
        thread.join()
    assert len(got) == 20_000
    quarter = (t1 - t0) / 4
    inside = [t for t in stamps if t0 + quarter < t < t1 - quarter]
    assert len(inside) > 10, f"{len(inside)} ticks in the middle of a {t1 - t0:.2f} s call"


def test_json_bytes_and_text() -> None:
    text = json.dumps(spec_death())
    assert dhr.assess(text.encode()) == dhr.assess(text) == dhr.assess(spec_death())
    with pytest.raises(dhr.InvalidJsonError) as info:
        dhr.assess(b"\xff\xfe")
    assert info.value.path == ""


# Spec 8.1: strict JSON text, in Python as in Rust.
_DEATH_TEXT = json.dumps(
    {
        "schema_version": 1,
        "date_of_death": "2024-03-10",
        "nation": "england",
        "deceased": {"age": 40},
        "manner": "homicide",
        "suspects": [{"connection": "intimate_partner", "abuse_suspected": True}],
    }
)


def test_a_byte_order_mark_is_skipped() -> None:
    want = dhr.assess(_DEATH_TEXT).to_dict()
    assert dhr.assess("\ufeff" + _DEATH_TEXT).to_dict() == want
    assert dhr.assess(("\ufeff" + _DEATH_TEXT).encode("utf-8")).to_dict() == want


def test_a_repeated_key_in_text_is_refused() -> None:
    text = _DEATH_TEXT.replace('"abuse_suspected": true', '"abuse_suspected": true, "abuse_suspected": false')
    with pytest.raises(dhr.DuplicateFieldError) as info:
        dhr.assess(text)
    assert (info.value.code, info.value.path) == ("duplicate_field", "suspects[0].abuse_suspected")
    [err] = dhr.assess_many([text], on_error="return")
    assert isinstance(err, dhr.DuplicateFieldError)


class _OddKey(str):
    """A str whose hash differs from its text's: a dict can then hold two
    keys with the same text (spec 8.1: a repeated key is refused)."""

    def __hash__(self) -> int:
        return 1

    def __eq__(self, other: object) -> bool:
        return self is other


def test_a_repeated_key_text_in_a_dict_is_refused() -> None:
    case = json.loads(_DEATH_TEXT)
    suspect = case["suspects"][0]
    suspect[_OddKey("abuse_suspected")] = False
    assert len([k for k in suspect if k == "abuse_suspected" or str(k) == "abuse_suspected"]) == 2
    with pytest.raises(dhr.DuplicateFieldError) as info:
        dhr.assess(case)
    assert (info.value.code, info.value.path) == ("duplicate_field", "suspects[0]")
    # A subclass key with a text of its own is read as its text.
    case = json.loads(_DEATH_TEXT)
    case[_OddKey("reference")] = "R-1"
    assert dhr.assess(case).reference == "R-1"


def test_python_objects_go_through_the_same_reader() -> None:
    # A dict, its JSON text and the text's parse give the same answer; a
    # value no source can read names its path.
    case = json.loads(_DEATH_TEXT)
    assert dhr.assess(case).to_dict() == dhr.assess(_DEATH_TEXT).to_dict()
    case["extensions"] = {"ids": {1, 2}}
    with pytest.raises(dhr.InvalidValueError) as info:
        dhr.assess(case)
    assert info.value.path == "extensions.ids"
