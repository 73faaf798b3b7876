"""assess_frame's fast path (columns handed over as pandas holds them, read
column by column in dhr-py/src/frames.rs) must give exactly what the general
path gives for every row: the row's 6.1 document, built from the columns as
``_as_list`` normalises them, read by ``dhr.assess`` as a mapping that is not
a dict (which always takes the general path). Same outcome, regime and
missing facts, or the same error code and path; in raise mode, the same
first error as the normalised columns give."""

from __future__ import annotations

import datetime as dt
import random
from types import MappingProxyType
from typing import Any, Optional

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dhr
from dhr import _frames

NAN = float("nan")
MISSING: list[Any] = [None, NAN, pd.NA, pd.NaT, np.float32("nan"), np.datetime64("NaT")]
ODD: list[Any] = [
    "",
    "x",
    "\ud800",
    0,
    1,
    True,
    False,
    16.0,
    16.5,
    -1,
    2**70,
    np.int64(30),
    np.bool_(True),
    dt.date(2024, 3, 10),
    [],
]
DATES = ["2024-03-10", "2024-11-02", "2019-05-01", "2008-02-29", "1950-06-15", "2024-02-30", "2024-3-1", "1899-12-31"]
TEXT = {
    "reference": ["A-1", "B-2", "C-3"],
    "nation": ["england", "wales", "scotland", "northern_ireland", "france"],
    "manner": ["homicide", "suicide", "other", "unknown", "murder"],
    "age_band": ["under_16", "16-19", "35-44", "65+", "40s"],
    "connection": ["intimate_partner", "former_intimate_partner", "relative", "household_member", "not_connected", "unknown", "friend"],
    "home_office_relationship": ["Ex-spouse", "Parent", "Cohabitant", "Other (non-relative)", "Unknown", "Pal"],
    "suspect_age_band": ["16-19", "35-44", "65+"],
    # one name, names separated by ";" (spaces and empty names dropped), a
    # name that is not one
    "abuse_indicators": ["physical_abuse", "coercive_control; economic_abuse", "stalking;;", "", "shouting"],
}
FLAGS: list[Any] = [True, False]
AGES: list[Any] = [0, 15, 16, 17, 30, 130, 131]


def choices(name: str) -> list[Any]:
    if name in ("date_of_death", "notified_on", "date_of_birth"):
        good: list[Any] = DATES
    elif name in TEXT:
        good = TEXT[name]
    elif name in ("age", "suspect_age"):
        good = AGES
    else:
        good = FLAGS
    return good


def column_values(rng: random.Random, name: str, rows: int, odd: float) -> list[Any]:
    good = choices(name)
    out = []
    for _ in range(rows):
        r = rng.random()
        if r < odd:
            out.append(rng.choice(ODD + MISSING))
        elif r < odd + 0.2:
            out.append(rng.choice([None, NAN]))
        else:
            out.append(rng.choice(good))
    return out


def make_series(rng: random.Random, name: str, values: list[Any]) -> "pd.Series[Any]":
    """The column in one of the ways a frame may hold it."""
    how = rng.randrange(5)
    if how == 0:
        return pd.Series(values, dtype=object)
    if how == 1 and all(
        (isinstance(v, str) and v.isprintable()) or v is None or (isinstance(v, float) and v != v) for v in values
    ):
        return pd.Series(values, dtype=rng.choice(["str", "string"]))
    # (A float column with a whole number beyond int64 makes pandas warn in
    # ``_as_list``'s cast: left out here.)
    if how == 2 and all((type(v) in (int, float) and not abs(v) > 2**60) or v is None for v in values):
        return pd.Series([NAN if v is None else v for v in values], dtype=float)
    if how == 3 and all(type(v) is bool for v in values):
        return pd.Series(values, dtype=bool)
    if how == 3 and all(type(v) is int and abs(v) < 2**62 for v in values):
        return pd.Series(values, dtype="int64")
    if how == 4 and all(isinstance(v, str) or v is None for v in values):
        try:
            return pd.Series(pd.to_datetime(pd.Series(values, dtype=object), errors="raise", format="%Y-%m-%d"))
        except (ValueError, TypeError, OverflowError):
            pass
    try:
        return pd.Series(values)  # pandas' own inference
    except (ValueError, TypeError):
        return pd.Series(values, dtype=object)


def random_frame(seed: int, rows: int, odd: float) -> pd.DataFrame:
    rng = random.Random(seed)
    cols = {}
    for name in _frames.ASSESS_COLUMNS:
        if name != "date_of_death" and rng.random() < 0.2:
            continue  # an absent column: unknown
        cols[name] = make_series(rng, name, column_values(rng, name, rows, odd))
    cols["other"] = pd.Series(range(rows))  # never read
    return pd.DataFrame(cols)


def general(df: pd.DataFrame) -> list[tuple[str, Any]]:
    """Each row through the general path, from the normalised columns."""
    lists = _frames._columns(df, _frames.ASSESS_COLUMNS)
    out: list[tuple[str, Any]] = []
    for row in range(len(df)):
        top: dict[str, Any] = {"schema_version": 1}
        deceased: dict[str, Any] = {}
        suspect: dict[str, Any] = {}
        for name, values in lists.items():
            v = values[row]
            if name in ("date_of_birth", "age", "age_band", "care_and_support_needs"):
                deceased[name] = v
            elif name in ("connection", "home_office_relationship", "same_household", "abuse_suspected"):
                suspect[name] = v
            elif name == "suspect_age":
                suspect["age"] = v
            elif name == "suspect_age_band":
                suspect["age_band"] = v
            else:
                top[name] = v
        if isinstance(top.get("abuse_indicators"), str) and "\ud800" not in top["abuse_indicators"]:
            # the frame's one-cell list (dhr-core's flat schema; a cell that
            # is not valid Unicode is refused as a cell, before splitting)
            names = [n.strip() for n in top["abuse_indicators"].split(";")]
            top["abuse_indicators"] = [n for n in names if n]
        if top.get("manner") is None:
            top["manner"] = "unknown"
        top["deceased"] = deceased
        top["suspects"] = [suspect]
        try:
            a = dhr.assess(MappingProxyType(top))
        except dhr.DhrError as e:
            out.append(("error", (e.code, dhr._dhr.at_column(e.path))))
        else:
            out.append(("ok", (a.outcome, a.regime, a.missing)))
    return out


def framed(df: pd.DataFrame) -> list[tuple[str, Any]]:
    res = dhr.assess_frame(df, on_error="return")
    out: list[tuple[str, Any]] = []
    for o, r, m, code, column in zip(
        res["outcome"], res["regime"], res["missing"], res["error_code"], res["error_column"]
    ):
        if isinstance(code, str):
            out.append(("error", (code, column)))
        else:
            out.append(("ok", (o, r, m)))
    return out


def first_error(df: pd.DataFrame, columns: Optional[dict[str, list[Any]]]) -> Optional[tuple[str, str]]:
    try:
        if columns is None:
            dhr.assess_frame(df)
        else:
            dhr._dhr.assess_columns(columns, len(df))
    except dhr.DhrError as e:
        return (e.code, e.path)
    return None


def check(df: pd.DataFrame) -> None:
    assert framed(df) == general(df)
    # Raise mode: the same first error as the normalised columns give.
    assert first_error(df, None) == first_error(df, _frames._columns(df, _frames.ASSESS_COLUMNS))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), rows=st.integers(1, 12), odd=st.sampled_from([0.0, 0.05, 0.3]))
def test_random_frames_agree_with_the_general_path(seed: int, rows: int, odd: float) -> None:
    check(random_frame(seed, rows, odd))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_large_frames_agree_with_the_general_path(seed: int) -> None:
    # Enough rows for the work to be split over the cores.
    check(random_frame(seed, 6000, 0.01 * seed))


def test_the_benchmark_shape_agrees() -> None:
    rng = np.random.default_rng(7)
    n = 3000
    df = pd.DataFrame(
        {
            "reference": [f"R-{i}" for i in range(n)],
            "date_of_death": [str(d) for d in np.datetime64("2012-01-01") + rng.integers(0, 5000, n)],
            "nation": rng.choice(["england", "wales", "scotland"], n).tolist(),
            "age": np.where(rng.random(n) < 0.6, np.nan, rng.integers(0, 90, n)),
            "age_band": [None if x < 0.5 else "35-44" for x in rng.random(n)],
            "manner": [None if x < 0.1 else "suicide" if x < 0.3 else "homicide" for x in rng.random(n)],
            "connection": rng.choice(["relative", "not_connected", "intimate_partner"], n).tolist(),
            "same_household": [None if x < 0.7 else bool(x < 0.85) for x in rng.random(n)],
            "abuse_suspected": [None if x < 0.1 else bool(x < 0.9) for x in rng.random(n)],
        }
    )
    assert df["date_of_death"].dtype != object or pd.__version__ < "3"
    check(df)


def test_a_missing_value_pandas_does_not_store_as_nan_is_normalised() -> None:
    df = pd.DataFrame({"date_of_death": ["2024-03-10"] * 3, "nation": ["england"] * 3})
    df["abuse_suspected"] = pd.Series([True, pd.NA, None], dtype=object)
    df["nation"] = pd.Series(["england", pd.NA, "wales"], dtype="string")
    check(df)
    out = dhr.assess_frame(df, on_error="return")
    assert out["error_column"][1] == "nation"  # pd.NA is missing: a required field
