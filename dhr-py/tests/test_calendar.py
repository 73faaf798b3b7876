"""Calendar functions against the shared golden fixtures
(tests/fixtures/calendar/, spec 4.2), plus the Python-side argument rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import dhr
from conftest import FIXTURES, load

ADD_MONTHS: list[dict[str, Any]] = load(FIXTURES / "calendar" / "add_months.json")
WORKING_DAYS: list[dict[str, Any]] = load(FIXTURES / "calendar" / "working_days.json")


def test_fixtures_present() -> None:
    assert len(ADD_MONTHS) >= 10 and len(WORKING_DAYS) >= 10


@pytest.mark.parametrize("case", ADD_MONTHS, ids=lambda c: f"{c['start']}+{c['months']}m/{c['policy']}")
def test_add_months_fixture(case: dict[str, Any]) -> None:
    if "expected_error" in case:
        with pytest.raises(dhr.DhrError) as info:
            dhr.add_months(case["start"], case["months"], policy=case["policy"])
        assert info.value.code == case["expected_error"]
        return
    # Both ways of giving a date: an ISO string and a datetime.date.
    for start in (case["start"], dt.date.fromisoformat(case["start"])):
        got = dhr.add_months(start, case["months"], policy=case["policy"])
        assert got.to_dict() == case["expected"]
        assert got.date == dt.date.fromisoformat(case["expected"]["date"])
        assert type(got.date) is dt.date
        assert got.clamped is case["expected"]["clamped"]


@pytest.mark.parametrize("case", WORKING_DAYS, ids=lambda c: f"{c['start']}+{c['days']}wd/{c['region']}")
def test_working_days_fixture(case: dict[str, Any]) -> None:
    if "expected_error" in case:
        with pytest.raises(dhr.DhrError) as info:
            dhr.add_working_days(case["start"], case["days"], case["region"])
        assert info.value.code == case["expected_error"]
        return
    got = dhr.add_working_days(dt.date.fromisoformat(case["start"]), case["days"], case["region"])
    assert got == dt.date.fromisoformat(case["expected"])


def test_default_policy_is_corresponding_date() -> None:
    # spec 4.2: 31 Jan 2023 + 1 month = 28 Feb 2023, clamped.
    got = dhr.add_months(dt.date(2023, 1, 31), 1)
    assert (got.date, got.clamped) == (dt.date(2023, 2, 28), True)


def test_month_arithmetic_is_not_associative() -> None:
    # spec 4.2: (31 Jan 2023 + 1 month) + 1 month = 28 Mar, but + 2 months = 31 Mar.
    once = dhr.add_months(dhr.add_months("2023-01-31", 1).date, 1).date
    assert once == dt.date(2023, 3, 28)
    assert dhr.add_months("2023-01-31", 2).date == dt.date(2023, 3, 31)


def test_is_working_day_moved_holiday() -> None:
    # spec 4.2: the early May holiday moved to 8 May 2020; 4 May 2020 was a working day.
    assert dhr.is_working_day(dt.date(2020, 5, 4)) is True
    assert dhr.is_working_day(dt.date(2020, 5, 8)) is False
    assert dhr.is_working_day("2020-05-09", "england_and_wales") is False  # a Saturday


def test_bank_holidays_and_coverage() -> None:
    hol = dhr.bank_holidays()
    start, end = dhr.bank_holiday_coverage()
    assert start <= dt.date(2022, 9, 19) <= end
    # spec 4.2: proclaimed one-off holidays are in the data.
    for day in (dt.date(2011, 4, 29), dt.date(2012, 6, 5), dt.date(2022, 6, 3), dt.date(2022, 9, 19), dt.date(2023, 5, 8)):
        assert day in hol
    assert all(start <= d <= end for d in hol)
    assert list(hol) == sorted(hol)


def test_outside_coverage_is_an_error() -> None:
    start, end = dhr.bank_holiday_coverage()
    with pytest.raises(dhr.DateOutOfRangeError) as info:
        dhr.is_working_day(end + dt.timedelta(days=1))
    assert info.value.code == "date_out_of_range"


def test_datetime_is_refused() -> None:
    with pytest.raises(dhr.InvalidDateError) as info:
        dhr.add_months(dt.datetime(2024, 1, 31, 12, 0), 1)
    assert info.value.path == "start"
    assert "datetime" in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "code", "path"),
    [
        ({"start": "2024-13-01", "months": 1}, "invalid_date", "start"),
        ({"start": "1899-12-31", "months": 1}, "date_out_of_range", "start"),
        ({"start": 20240101, "months": 1}, "invalid_date", "start"),
        ({"start": "2024-01-01", "months": -1}, "invalid_value", "months"),
        ({"start": "2024-01-01", "months": True}, "invalid_value", "months"),
        ({"start": "2024-01-01", "months": 1.0}, "invalid_value", "months"),
        ({"start": "2024-01-01", "months": 1, "policy": "nearest"}, "invalid_value", "policy"),
        ({"start": "2024-01-01", "months": 1, "policy": 3}, "invalid_value", "policy"),
    ],
)
def test_add_months_bad_arguments(kwargs: dict[str, Any], code: str, path: str) -> None:
    with pytest.raises(dhr.DhrError) as info:
        dhr.add_months(**kwargs)
    assert (info.value.code, info.value.path) == (code, path)


def test_bad_region() -> None:
    with pytest.raises(dhr.InvalidValueError) as info:
        dhr.is_working_day("2024-01-02", "wales")
    assert info.value.path == "region"
