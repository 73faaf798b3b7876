"""A typed use of the public API, checked by ``mypy --strict`` in run-tests
(and run by test_typed_usage.py, so it is also known to work)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional, Union

import pandas as pd

import dhr

DEATH: dict[str, Any] = {
    "schema_version": 1,
    "date_of_death": dt.date(2024, 3, 10),
    "nation": "england",
    "deceased": {"age": 33},
    "manner": "homicide",
    "suspects": [{"connection": "intimate_partner", "abuse_suspected": True}],
}


def eligibility() -> list[str]:
    a: dhr.Assessment = dhr.assess(DEATH, susr_from="2024-10-01")
    outcome: str = a.outcome
    missing: list[str] = a.missing
    citations: list[str] = [r.citation for r in a.reasons]
    notify: list[Optional[dt.date]] = [r.notify_by for r in a.related_reviews]
    as_dict: dict[str, Any] = a.to_dict()
    many: list[dhr.Assessment] = dhr.assess_many([DEATH, DEATH])
    mixed: list[Union[dhr.Assessment, dhr.DhrError]] = dhr.assess_many([DEATH, "{"], on_error="return")
    assert len(many) == 2 and len(mixed) == 2 and as_dict["outcome"] == outcome
    del notify, citations
    return missing


def errors() -> Optional[str]:
    try:
        dhr.assess({"schema_version": 1})
    except dhr.MissingFieldError as e:
        code: str = e.code
        path: str = e.path
        index: Optional[int] = e.event_index
        assert index is None and code == "missing_field"
        return path
    return None


def calendar() -> dt.date:
    later: dhr.MonthsLater = dhr.add_months(dt.date(2024, 1, 31), 1, policy="last_day")
    clamped: bool = later.clamped
    working: bool = dhr.is_working_day("2024-05-06", "england_and_wales")
    holidays: dict[dt.date, str] = dhr.bank_holidays("scotland")
    start, end = dhr.bank_holiday_coverage()
    assert clamped and not working and holidays and start < end
    return dhr.add_working_days(later.date, 5)


def reviews() -> list[Optional[int]]:
    r = dhr.Review("STK-1", "stockton_2011")
    r.apply({"on": "2024-01-31", "event": "notified", "by": "police"})
    s: dhr.Status = r.status(dt.date(2024, 2, 20), due_soon_days=7, rules="guidance_2016")
    due: list[Optional[dt.date]] = [d.due for d in s.deadlines]
    again: dhr.Review = dhr.Review.from_json(r.to_json())
    assert again.to_dict() == r.to_dict() and len(due) == len(s.deadlines)
    # Spec 8.4 to 8.7: typed entries of the new status keys.
    owners: list[Optional[str]] = [a["owner"] for a in s.actions]
    codes: list[Literal["similar_agency_names"]] = [w["code"] for w in s.warnings]
    voided: list[int] = s.voided_events
    later: int = s.events_after_as_of
    assert owners == [] and codes == [] and voided == [] and later == 0
    return [d.days_late for d in s.deadlines]


def frames() -> pd.DataFrame:
    df = pd.DataFrame({"date_of_death": ["2024-03-10"], "nation": ["england"], "age": [33]})
    assessed: pd.DataFrame = dhr.assess_frame(df, on_error="return")
    times = pd.DataFrame({"notified_on": ["2024-01-31"], "decided_on": [None]})
    timely: pd.DataFrame = dhr.timeliness_frame(times, rules="stockton_2011", as_of=dt.date(2024, 3, 1))
    return pd.concat([assessed, timely], axis=1)


def main() -> None:
    assert eligibility() == []
    assert errors() == "date_of_death"
    assert calendar() == dt.date(2024, 3, 7)
    assert reviews() == [None, None, None, None, None]
    assert len(frames()) == 1


if __name__ == "__main__":
    main()
