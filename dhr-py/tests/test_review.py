"""Review and Review.status against the shared golden fixtures
(tests/fixtures/status/, status_errors/) and the spec's event-log rules."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import dhr
from conftest import fixture_files, load

STATUS = fixture_files("status")
STATUS_ERRORS = fixture_files("status_errors")


def status_kwargs(fx: dict[str, Any]) -> dict[str, Any]:
    o = dict(fx.get("options") or {})
    return {
        "as_of": o.pop("as_of"),
        "due_soon_days": o.get("due_soon_days"),
        "rules": o.get("rules"),
        "dardr_commenced": o.get("dardr_commenced"),
        "susr_from": o.get("susr_from"),
    }


def test_fixtures_present() -> None:
    assert len(STATUS) >= 3, "tests/fixtures/status/ holds too few fixtures"
    assert len(STATUS_ERRORS) >= 3, "tests/fixtures/status_errors/ holds too few fixtures"


@pytest.mark.parametrize("path", STATUS, ids=lambda p: p.stem)
def test_status_fixture(path: Path) -> None:
    fx = load(path)
    review = dhr.Review.from_dict(fx["input"])
    kw = status_kwargs(fx)
    got = review.status(kw.pop("as_of"), **kw)
    exp = fx["expected"]
    assert got.to_dict() == exp
    assert got.as_of == dt.date.fromisoformat(exp["as_of"])
    assert (got.stage, got.paused, got.reference) == (exp["stage"], exp["paused"], exp.get("reference"))
    assert got.imrs == exp["imrs"] and got.family == exp["family"] and got.next == exp["next"]
    # Spec 8.4, 8.5, 8.7.
    assert got.actions == exp["actions"] and got.warnings == exp["warnings"]
    assert got.voided_events == exp["voided_events"]
    assert got.events_after_as_of == exp["events_after_as_of"]
    assert [d.to_dict() for d in got.deadlines] == exp["deadlines"]
    for d, e in zip(got.deadlines, exp["deadlines"]):
        assert d.rule == e["rule"] and d.status == e["status"]
        assert d.due == (None if e["due"] is None else dt.date.fromisoformat(e["due"]))
        assert d.from_ == (None if e["from"] is None else dt.date.fromisoformat(e["from"]))
        assert (d.days_left, d.days_late, d.paused_days, d.clamped) == (
            e["days_left"], e["days_late"], e["paused_days"], e["clamped"],
        )
    if "assessment" in exp:
        assert got.assessment is not None and got.assessment.to_dict() == exp["assessment"]
    else:
        assert got.assessment is None
    # The review round-trips, from a dict and from JSON text.
    if isinstance(fx["input"]["rules"], str):
        assert review.to_dict() == fx["input"]
    else:
        # dhr-core writes a custom rule set with its defaults filled in
        # (start_occurrence, policy): equal once read back.
        assert dhr.Review.from_dict(review.to_dict()).to_dict() == review.to_dict()
    again = dhr.Review.from_json(json.dumps(fx["input"]))
    assert again.to_dict() == review.to_dict()


@pytest.mark.parametrize("path", STATUS_ERRORS, ids=lambda p: p.stem)
def test_status_error_fixture(path: Path) -> None:
    fx = load(path)
    kw = status_kwargs(fx)
    as_of = kw.pop("as_of")
    with pytest.raises(dhr.DhrError) as info:
        if "input_text" in fx:
            review = dhr.Review.from_json(fx["input_text"])
        else:
            review = dhr.Review.from_dict(fx["input"])
        review.status(as_of, **kw)
    err = info.value
    assert (err.code, err.path) == (fx["expected_error"]["code"], fx["expected_error"]["path"])


SPEC_EVENTS: list[dict[str, Any]] = [
    {"on": "2024-01-31", "event": "notified", "by": "police"},
    {"on": "2024-02-12", "event": "decided", "by": "csp", "review": True},
    {"on": "2024-05-01", "event": "paused", "by": "chair", "reason": "criminal_proceedings"},
    {"on": "2024-07-01", "event": "resumed", "by": "chair"},
]


def spec_review() -> dhr.Review:
    return dhr.Review.from_dict(
        {"schema_version": 1, "reference": "STK-2024-003", "rules": "stockton_2011", "death": None,
         "events": SPEC_EVENTS, "extensions": {}}
    )


def test_spec_6_4_example() -> None:
    # spec 6.4: only the first event, as of 2024-02-20.
    r = dhr.Review("STK-2024-003", "stockton_2011")
    r.apply(SPEC_EVENTS[0])
    s = r.status(dt.date(2024, 2, 20))
    assert s.stage == "notified" and s.paused is False
    tor = s.deadlines[0]
    assert (tor.rule, tor.from_, tor.due, tor.clamped) == ("terms_of_reference", dt.date(2024, 1, 31), dt.date(2024, 2, 29), True)
    assert (tor.status, tor.days_left, tor.days_late) == ("due_soon", 9, None)
    sub = s.deadlines[1]
    assert (sub.rule, sub.status, sub.due) == ("home_office_submission", "not_started", None)
    assert s.family == {"contact_named": False, "leaflet_given": False, "advocacy_offered": False, "informed": False, "draft_shared": False}
    assert {"event": "decided", "by": ["csp"]} in s.next


def test_pause_moves_submission() -> None:
    # spec 4.2: paused 1 May to 1 July = 61 days; 12 Aug + 61 = 12 Oct.
    sub = spec_review().status("2024-09-01").deadlines[1]
    assert (sub.paused_days, sub.due, sub.status) == (61, dt.date(2024, 10, 12), "due")


def test_due_soon_days_parameter() -> None:
    r = spec_review()
    assert r.status("2024-09-01").deadlines[1].status == "due"
    assert r.status("2024-09-01", due_soon_days=60).deadlines[1].status == "due_soon"


def test_rules_override() -> None:
    s = spec_review().status("2024-09-01", rules="proposed_2024")
    sub = [d for d in s.deadlines if d.rule == "home_office_submission"][0]
    # 12 months from 12 Feb 2024 is 12 Feb 2025; + 61 days paused (16 + 31 + 14) = 14 Apr 2025.
    assert sub.due == dt.date(2025, 4, 14)


def test_events_after_as_of_are_ignored() -> None:
    assert spec_review().status("2024-02-01").stage == "notified"


def test_refused_event_leaves_review_unchanged() -> None:
    r = spec_review()
    before = r.to_dict()
    with pytest.raises(dhr.RoleNotAllowedError) as info:
        r.apply({"on": "2024-07-02", "event": "panel_commissioned", "by": "police"})
    assert info.value.path.startswith("events[4]")
    assert info.value.event_index == 4
    assert r.to_dict() == before and len(r) == 4
    with pytest.raises(dhr.EventOutOfOrderError):
        r.apply({"on": "2024-01-01", "event": "panel_commissioned", "by": "csp"})
    with pytest.raises(dhr.PrerequisiteMissingError):
        r.apply({"on": "2024-07-02", "event": "published", "by": "csp"})
    assert r.to_dict() == before
    r.apply({"on": dt.date(2024, 7, 2), "event": "panel_commissioned", "by": "csp"})
    assert r.events[-1] == {"on": "2024-07-02", "event": "panel_commissioned", "by": "csp"}


def test_status_refuses_datetime() -> None:
    with pytest.raises(dhr.InvalidDateError) as info:
        spec_review().status(dt.datetime(2024, 9, 1, 9, 30))
    assert info.value.path == "as_of"


def test_unknown_rule_set() -> None:
    with pytest.raises(dhr.UnknownRuleSetError):
        dhr.Review(rules="stockton_2099")


def test_round_trip() -> None:
    r = spec_review()
    assert dhr.Review.from_json(r.to_json()).to_dict() == r.to_dict()
    assert r.events == SPEC_EVENTS


def test_apply_refuses_datetime_and_non_objects_with_event_index() -> None:
    r = spec_review()
    with pytest.raises(dhr.InvalidDateError) as info:
        r.apply({"on": dt.datetime(2024, 7, 2, 10, 0), "event": "panel_commissioned", "by": "csp"})
    assert (info.value.path, info.value.event_index) == ("events[4].on", 4)
    for junk in ("panel_commissioned", None, 3, []):
        with pytest.raises(dhr.InvalidValueError) as info:
            r.apply(junk)  # type: ignore[arg-type]
        assert (info.value.path, info.value.event_index) == ("events[4]", 4)
    assert len(r) == 4
