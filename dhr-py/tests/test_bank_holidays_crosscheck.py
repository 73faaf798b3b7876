"""Cross-check dhr-core's bank-holiday data against an independent source.

dhr-core/data/bank_holidays.json (from GOV.UK) is compared, year by year over
its whole coverage, with the PyPI ``holidays`` package
(``holidays.country_holidays("GB", subdiv=...)``), which is maintained
separately from GOV.UK's feed and from this project.

Known, deliberate differences (checked by hand, 26 Nov 2026, holidays 0.109):

1. ``holidays`` lists a fixed-date holiday on the day itself even when it
   falls on a Saturday or Sunday (e.g. "New Year's Day" on Saturday
   1 January 2011) *and* the weekday it is observed on ("New Year's Day
   (observed)" on Monday 3 January 2011). GOV.UK, and so dhr, lists only the
   day off (the "substitute day"). A weekend day is never a working day
   anyway, so the comparison is over weekdays only; the test also checks
   that every weekend date ``holidays`` lists is one of the fixed-date
   holidays that has a substitute, so nothing else can hide there.
2. Names differ in wording only: "May Day" is GOV.UK's "Early May bank
   holiday", "Late Summer Bank Holiday" is "Summer bank holiday", "(observed)"
   is "(substitute day)", and the one-off days are named differently. Names
   are compared by kind (the ``KINDS`` table below), not letter for letter.
3. Scotland, when 1 January is a Sunday (2017, 2023): both sources give
   Monday 2 and Tuesday 3 January off, but GOV.UK calls the 2nd "2nd January"
   and the 3rd "New Year's Day (substitute day)", while ``holidays`` calls the
   2nd "New Year Holiday; New Year's Day (observed)" and the 3rd "New Year
   Holiday (observed)". Same days off, different attribution: accepted for
   exactly those two dates and those two kinds.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import holidays
import pytest

DATA = Path(__file__).resolve().parents[2] / "dhr-core" / "data" / "bank_holidays.json"

SUBDIVISIONS = {
    "england_and_wales": "ENG",
    "scotland": "SCT",
    "northern_ireland": "NIR",
}

# (kind, words that identify it in dhr's titles, words in holidays' names)
KINDS = [
    ("new_year", ["new year's day"], ["new year's day"]),
    ("second_january", ["2nd january"], ["new year holiday"]),
    ("st_patrick", ["st patrick"], ["saint patrick"]),
    ("good_friday", ["good friday"], ["good friday"]),
    ("easter_monday", ["easter monday"], ["easter monday"]),
    ("early_may", ["early may"], ["may day"]),
    ("spring", ["spring bank holiday"], ["spring bank holiday"]),
    ("boyne", ["boyne"], ["boyne"]),
    ("summer", ["summer bank holiday"], ["summer bank holiday"]),
    ("st_andrew", ["st andrew"], ["saint andrew"]),
    ("christmas", ["christmas day"], ["christmas day"]),
    ("boxing", ["boxing day"], ["boxing day"]),
    ("royal_wedding", ["royal wedding"], ["wedding of william and catherine"]),
    ("diamond_jubilee", ["diamond jubilee"], ["diamond jubilee"]),
    ("platinum_jubilee", ["platinum jubilee"], ["platinum jubilee"]),
    ("state_funeral", ["state funeral"], ["state funeral"]),
    ("coronation", ["coronation"], ["coronation"]),
    ("world_cup", ["world cup"], ["world cup"]),
]

FIXED_DATE_KINDS = {"new_year", "second_january", "st_patrick", "boyne", "st_andrew", "christmas", "boxing"}


OURS, THEIRS = 0, 1


def kind(name: str, side: int) -> str:
    """The kind of a holiday from its name, as written by dhr (OURS) or `holidays` (THEIRS)."""
    lowered = name.lower()
    found = [k for k, *words in KINDS if any(w in lowered for w in words[side])]
    assert len(found) == 1, f"cannot classify {name!r}: {found}"
    return found[0]


def load() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def region_params():
    data = load()
    out = []
    for region, sub in SUBDIVISIONS.items():
        cov = data["regions"][region]["coverage"]
        first, last = int(cov["from"][:4]), int(cov["to"][:4])
        for year in range(first, last + 1):
            out.append(pytest.param(region, sub, year, id=f"{region}-{year}"))
    return out


def test_coverage_is_whole_years_including_2011_to_2027():
    data = load()
    for region in SUBDIVISIONS:
        cov = data["regions"][region]["coverage"]
        assert cov["from"].endswith("-01-01") and cov["to"].endswith("-12-31")
        assert cov["from"] <= "2011-01-01" and cov["to"] >= "2027-12-31"


@pytest.mark.parametrize(("region", "subdiv", "year"), region_params())
def test_year_matches_the_holidays_package(region: str, subdiv: str, year: int):
    data = load()
    ours = {
        dt.date.fromisoformat(h["date"]): h["title"]
        for h in data["regions"][region]["holidays"]
        if h["date"].startswith(f"{year}-")
    }
    theirs_all = holidays.country_holidays("GB", subdiv=subdiv, years=year)
    theirs = {d: n for d, n in theirs_all.items() if d.weekday() < 5}

    # Difference 1: weekend days in `holidays` are only fixed-date holidays
    # whose day off moved to a weekday (which must then be in our list).
    for d, n in theirs_all.items():
        if d.weekday() >= 5:
            assert all(kind(part, THEIRS) in FIXED_DATE_KINDS for part in n.split("; ")), (d, n)

    assert all(d.weekday() < 5 for d in ours), "dhr lists days off only"
    assert sorted(ours) == sorted(theirs), (
        f"{region} {year}: only in dhr {sorted(set(ours) - set(theirs))}, "
        f"only in holidays {sorted(set(theirs) - set(ours))}"
    )
    # Difference 2: names agree by kind (a `holidays` name may join two with "; ").
    for d in ours:
        their_kinds = {kind(part, THEIRS) for part in theirs[d].split("; ")}
        our_kind = kind(ours[d], OURS)
        if region == "scotland" and d.month == 1 and d.day in (2, 3) and dt.date(year, 1, 1).weekday() == 6:
            # Difference 3.
            assert {our_kind} | their_kinds <= {"new_year", "second_january"}, (d, ours[d], theirs[d])
        else:
            assert our_kind in their_kinds, (d, ours[d], theirs[d])


def test_spec_named_days_are_present_in_both_sources():
    # spec 4.2: proclaimed one-offs and moved holidays, England and Wales.
    data = load()
    ours = {h["date"] for h in data["regions"]["england_and_wales"]["holidays"]}
    theirs = holidays.country_holidays("GB", subdiv="ENG", years=range(2011, 2024))
    for iso in ["2011-04-29", "2012-06-05", "2022-06-03", "2022-09-19", "2023-05-08",
                "2012-06-04", "2022-06-02", "2020-05-08"]:
        assert iso in ours
        assert dt.date.fromisoformat(iso) in theirs
    for iso in ["2020-05-04", "2012-05-28", "2022-05-30"]:
        assert iso not in ours
        assert dt.date.fromisoformat(iso) not in theirs
