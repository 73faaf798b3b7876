"""assess_frame / timeliness_frame: whole columns, same answers as assess and
Review.status one at a time."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import pandas as pd
import pytest

import dhr


def test_import_dhr_does_not_import_pandas() -> None:
    import subprocess

    code = "import sys, dhr; dhr.assess_frame; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region": ["North West", "Wales", "Scotland", "London", "East"],
            "date_of_death": ["2024-03-10", "2024-11-02", "2024-03-10", "2019-05-01", "2020-01-15"],
            "nation": ["england", "wales", "scotland", "england", "england"],
            "age_band": ["35-44", "65+", None, "under_16", None],
            "age": [None, None, None, None, 30],
            "manner": ["homicide", "suicide", "homicide", None, "homicide"],
            "home_office_relationship": ["Ex-spouse", "Parent", None, None, None],
            "connection": [None, None, "relative", "relative", "not_connected"],
            "same_household": [None, None, None, None, False],
            "abuse_suspected": [True, None, True, True, True],
        }
    )


def as_case(row: pd.Series) -> dict[str, Any]:
    def get(name: str) -> Any:
        v = row.get(name)
        return None if v is None or (isinstance(v, float) and pd.isna(v)) else v

    return {
        "schema_version": 1,
        "date_of_death": get("date_of_death"),
        "nation": get("nation"),
        "deceased": {"age_band": get("age_band"), "age": None if get("age") is None else int(get("age"))},
        "manner": get("manner") or "unknown",
        "suspects": [
            {
                "home_office_relationship": get("home_office_relationship"),
                "connection": get("connection"),
                "same_household": get("same_household"),
                "abuse_suspected": get("abuse_suspected"),
            }
        ],
    }


def test_assess_frame_matches_assess_row_by_row() -> None:
    df = frame()
    out = dhr.assess_frame(df)
    assert list(out.columns) == [*df.columns, "outcome", "regime", "missing", "reasons", "related_reviews"]
    assert list(df.columns) == list(frame().columns)  # input untouched
    for i, row in df.iterrows():
        a = dhr.assess(as_case(row))
        assert (out.at[i, "outcome"], out.at[i, "regime"], out.at[i, "missing"]) == (a.outcome, a.regime, a.missing)
        assert out.at[i, "reasons"] == [r.code for r in a.reasons]
        assert out.at[i, "related_reviews"] == [r.kind for r in a.related_reviews]
    # spot checks from the spec: Scotland out of scope (spec 1); Wales after
    # the SUSR start (2.3); under 16 fails the age limb (2.1).
    assert out["outcome"].tolist()[2] == "out_of_scope"
    assert out["regime"].tolist()[1] == "susr_wales"
    assert out["outcome"].tolist()[3] == "not_required"


def test_absent_column_is_unknown() -> None:
    df = frame().drop(columns=["abuse_suspected"])
    out = dhr.assess_frame(df)
    # Row 0: England, 35-44, ex-spouse, abuse unknown -> asks for it (spec 2.3).
    assert out.at[0, "outcome"] == "needs_information"
    assert "suspects[0].abuse_suspected" in out.at[0, "missing"]


def test_datetime64_columns_at_midnight_are_dates() -> None:
    df = frame()
    df["date_of_death"] = pd.to_datetime(df["date_of_death"])
    assert dhr.assess_frame(df)["outcome"].tolist() == dhr.assess_frame(frame())["outcome"].tolist()


def test_datetime64_with_a_time_is_refused() -> None:
    df = frame()
    df["date_of_death"] = pd.to_datetime(df["date_of_death"]) + pd.Timedelta(hours=3)
    with pytest.raises(dhr.InvalidDateError) as info:
        dhr.assess_frame(df)
    assert info.value.path == "[0].date_of_death"


def test_float_ages_with_gaps_become_whole_numbers() -> None:
    df = frame()
    assert df["age"].dtype.kind == "f"  # pandas stores ints with gaps as floats
    out = dhr.assess_frame(df)
    assert out.at[4, "outcome"] in {"required", "needs_information", "not_required"}


def test_bad_row_raises_with_row_path() -> None:
    df = frame()
    df.loc[3, "nation"] = "france"
    with pytest.raises(dhr.InvalidValueError) as info:
        dhr.assess_frame(df)
    assert info.value.path == "[3].nation"


def test_bad_row_returned() -> None:
    df = frame()
    df.loc[3, "nation"] = "france"
    out = dhr.assess_frame(df, on_error="return")
    assert pd.isna(out.at[3, "outcome"])
    assert (out.at[3, "error_code"], out.at[3, "error_column"]) == ("invalid_value", "nation")
    assert "england" in out.at[3, "error_message"]
    assert out["error_code"].isna().sum() == 4


def test_empty_frame() -> None:
    out = dhr.assess_frame(frame().iloc[0:0])
    assert len(out) == 0 and "outcome" in out.columns


def reviews() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "notified_on": ["2024-01-31", "2024-01-31", "2023-01-10", None],
            "decided_on": [None, "2024-02-12", "2023-02-01", None],
            "terms_of_reference_on": [None, "2024-02-20", "2023-03-20", None],
            "submitted_on": [None, None, "2024-06-01", None],
        }
    )


def test_timeliness_frame_stockton_spec_example() -> None:
    out = dhr.timeliness_frame(reviews(), rules="stockton_2011", as_of=dt.date(2024, 2, 20))
    # spec 6.4: notified 31 Jan 2024 -> terms of reference due 29 Feb (clamped), due_soon on 20 Feb.
    assert out.at[0, "terms_of_reference_due"] == pd.Timestamp(2024, 2, 29)
    assert out["terms_of_reference_due"].dtype.kind == "M"
    assert out.at[0, "terms_of_reference_status"] == "due_soon"
    assert pd.isna(out.at[0, "terms_of_reference_days_late"])
    assert out.at[0, "home_office_submission_status"] == "not_started"
    # Row 2 as of 20 Feb 2024: submission (due 1 Aug 2023) not yet made -> overdue by 203 days.
    assert out.at[2, "home_office_submission_status"] == "overdue"
    assert out.at[2, "home_office_submission_days_late"] == 203


def test_timeliness_frame_met_late() -> None:
    out = dhr.timeliness_frame(reviews(), rules="stockton_2011", as_of="2024-09-01")
    # Row 2: terms of reference agreed 20 Mar 2023, due 10 Feb 2023 -> met late.
    assert out.at[2, "terms_of_reference_status"] == "met_late"
    assert out.at[2, "terms_of_reference_days_late"] == 38
    # Submission 6 months from the decision (1 Feb 2023 -> 1 Aug 2023), submitted 1 Jun 2024.
    assert out.at[2, "home_office_submission_due"] == pd.Timestamp(2023, 8, 1)
    assert out.at[2, "home_office_submission_status"] == "met_late"
    assert out.at[2, "home_office_submission_days_late"] == 305
    assert out["home_office_submission_days_late"].dtype == "Int64"


def test_timeliness_frame_matches_review_status() -> None:
    df = reviews()
    as_of = dt.date(2024, 9, 1)
    out = dhr.timeliness_frame(df, rules="guidance_2016", as_of=as_of)
    rule_ids = [c[: -len("_status")] for c in out.columns if c.endswith("_status")]
    assert rule_ids[:2] == ["decision", "home_office_submission"]
    assert out.at[3, "decision_status"] == "not_started"


def test_timeliness_out_of_order_is_refused() -> None:
    df = reviews()
    df.loc[1, "decided_on"] = "2024-01-01"
    with pytest.raises(dhr.EventOutOfOrderError) as info:
        dhr.timeliness_frame(df, as_of="2024-09-01")
    assert info.value.path == "[1].decided_on"


def test_timeliness_unknown_rule_set() -> None:
    with pytest.raises(dhr.UnknownRuleSetError):
        dhr.timeliness_frame(reviews(), rules="stockton_2099", as_of="2024-09-01")


def test_column_lists_are_public() -> None:
    assert "suspect_age" in dhr.ASSESS_COLUMNS and "abuse_suspected" in dhr.ASSESS_COLUMNS
    assert dhr.TIMELINESS_COLUMNS == ("notified_on", "decided_on", "terms_of_reference_on", "submitted_on")


def test_other_columns_are_carried_not_read() -> None:
    df = frame()
    df["same_houshold"] = [True] * len(df)  # a typo is not read, but warned of
    with pytest.warns(dhr.ColumnNameWarning, match="same_household"):
        out = dhr.assess_frame(df)
    assert out["same_houshold"].tolist() == [True] * len(df)
    assert out["outcome"].tolist() == dhr.assess_frame(frame())["outcome"].tolist()


def test_raise_mode_raises_the_first_invalid_row() -> None:
    # A cell that cannot be read (a lone surrogate) in a later row does not
    # come before an invalid fact in an earlier one: rows are taken in order.
    df = frame()
    df.loc[1, "nation"] = "france"
    df["age_band"] = df["age_band"].astype(object)  # (an Arrow string column cannot hold it)
    df.loc[3, "age_band"] = "\ud800"
    with pytest.raises(dhr.InvalidValueError) as info:
        dhr.assess_frame(df)
    assert info.value.path == "[1].nation"
    out = dhr.assess_frame(df, on_error="return")
    assert [(i, c) for i, c in enumerate(out["error_column"]) if c is not None] == [
        (1, "nation"),
        (3, "age_band"),
    ]


def test_column_lists_come_from_the_core() -> None:
    assert dhr.ASSESS_COLUMNS is dhr._dhr.ASSESS_COLUMNS
    assert dhr.TIMELINESS_COLUMNS is dhr._dhr.TIMELINESS_COLUMNS
    assert len(set(dhr.ASSESS_COLUMNS)) == len(dhr.ASSESS_COLUMNS) == 16
