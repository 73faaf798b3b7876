"""assess_frame / timeliness_frame over pandas, polars and pyarrow: the same
kind out, identical answers across the three libraries, and equal to the
general path (``dhr.assess_many``) on every golden fixture that fits a flat
row (one suspect, no extensions) and on generated frames."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, Optional

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from conftest import fixture_files, load

import dhr

DECEASED = ("date_of_birth", "age", "age_band", "care_and_support_needs")
SUSPECT = {
    "connection": "connection",
    "home_office_relationship": "home_office_relationship",
    "same_household": "same_household",
    "age": "suspect_age",
    "abuse_suspected": "abuse_suspected",
}


def flat_row(doc: dict[str, Any]) -> Optional[dict[str, Any]]:
    """The flat row of a 6.1 document, or None if it does not fit one."""
    # (a row always has its one suspect, empty if no suspect column is set)
    if len(doc.get("suspects", [])) != 1 or doc.get("extensions") or doc.get("schema_version") != 1:
        return None
    row: dict[str, Any] = {}
    for key in ("reference", "date_of_death", "notified_on", "nation", "manner", "abuse_indicators"):
        if key in doc:
            row[key] = doc[key]
    for key, value in doc.get("deceased", {}).items():
        if key not in DECEASED:
            return None
        row[key] = value
    for suspect in doc.get("suspects", []):
        for key, value in suspect.items():
            if key not in SUSPECT:
                return None
            row[SUSPECT[key]] = value
    return row


def answers(out: Any) -> list[tuple[Any, ...]]:
    """Each row's answer, whatever kind of frame ``out`` is."""
    if isinstance(out, pd.DataFrame):
        cols = {c: out[c].tolist() for c in dhr._dhr.ASSESS_OUTPUT}
    elif isinstance(out, pl.DataFrame):
        cols = {c: out[c].to_list() for c in dhr._dhr.ASSESS_OUTPUT}
    else:
        t = pa.table(out)
        cols = {c: t[c].to_pylist() for c in dhr._dhr.ASSESS_OUTPUT}
    return [tuple(str(v) if isinstance(v, str) else v for v in row) for row in zip(*cols.values())]


def general(docs: list[dict[str, Any]], **options: Any) -> list[tuple[Any, ...]]:
    return [
        (a.outcome, a.regime, a.missing, [r.code for r in a.reasons], [r.kind for r in a.related_reviews])
        for a in dhr.assess_many(docs, **options)
    ]


def document(row: dict[str, Any]) -> dict[str, Any]:
    doc: dict[str, Any] = {"schema_version": 1, "deceased": {}, "suspects": [{}]}
    for key, value in row.items():
        if value is None:
            continue
        if key in DECEASED:
            doc["deceased"][key] = value
        elif key in SUSPECT.values():
            doc["suspects"][0][next(k for k, v in SUSPECT.items() if v == key)] = value
        else:
            doc[key] = value
    doc.setdefault("manner", "unknown")
    return doc


def the_three(rows: list[dict[str, Any]], schema: Optional[pa.Schema] = None) -> list[Any]:
    if schema is None:  # every key of every row (from_pylist takes the first row's)
        keys = list(dict.fromkeys(k for r in rows for k in r))
        table = pa.table({k: [r.get(k) for r in rows] for k in keys})
    else:
        table = pa.Table.from_pylist(rows, schema=schema)
    return [table.to_pandas(), pl.from_arrow(table), table]


ASSESS_FIXTURES = [p for p in fixture_files("assess") if flat_row(load(p)["input"]) is not None]


def test_most_fixtures_fit_a_flat_row() -> None:
    assert len(ASSESS_FIXTURES) >= 30


@pytest.mark.parametrize("path", ASSESS_FIXTURES, ids=lambda p: p.stem)
def test_every_fixture_gives_its_answer_in_every_library(path: Any) -> None:
    case = load(path)
    row = flat_row(case["input"])
    assert row is not None
    options = {k: v for k, v in (case.get("options") or {}).items() if v is not None}
    expected = case["expected"]
    want = (
        expected["outcome"],
        expected["regime"],
        expected["missing"],
        [r["code"] for r in expected["reasons"]],
        [r["kind"] for r in expected.get("related_reviews", [])],
    )
    for frame in the_three([row]):
        got = answers(dhr.assess_frame(frame, **options))
        assert got == [want], type(frame)
    assert general([case["input"]], **options) == [want]


def test_all_fixtures_in_one_frame_agree_with_the_general_path() -> None:
    rows = [flat_row(load(p)["input"]) for p in ASSESS_FIXTURES]
    docs = [load(p)["input"] for p in ASSESS_FIXTURES]
    want = general(docs, dardr_commenced="2026-01-01")
    for frame in the_three([r for r in rows if r is not None]):
        assert answers(dhr.assess_frame(frame, dardr_commenced="2026-01-01")) == want


SCHEMA = pa.schema(
    [
        ("reference", pa.string()),
        ("date_of_death", pa.date32()),
        ("notified_on", pa.string()),
        ("nation", pa.string()),
        ("manner", pa.string()),
        ("abuse_indicators", pa.list_(pa.string())),
        ("age", pa.int64()),
        ("age_band", pa.string()),
        ("care_and_support_needs", pa.bool_()),
        ("connection", pa.string()),
        ("home_office_relationship", pa.string()),
        ("same_household", pa.bool_()),
        ("suspect_age", pa.int64()),
        ("abuse_suspected", pa.bool_()),
    ]
)


def generated(seed: int, n: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)

    def maybe(values: list[Any], p: float = 0.3) -> Any:
        return None if rng.random() < p else rng.choice(values)

    rows = []
    for i in range(n):
        rows.append(
            {
                "reference": f"R-{i}",
                "date_of_death": dt.date(2011, 4, 13) + dt.timedelta(days=rng.randrange(0, 6000)),
                "notified_on": None,
                "nation": rng.choice(["england", "wales", "scotland", "england"]),
                "manner": maybe(["homicide", "suicide", "other", "unknown"], 0.1),
                "abuse_indicators": maybe([["coercive_control"], [], ["physical_abuse", "economic_abuse"]], 0.7),
                "age": maybe(list(range(10, 95)), 0.4),
                "age_band": None,
                "care_and_support_needs": maybe([True, False], 0.8),
                "connection": maybe(["intimate_partner", "relative", "household_member", "not_connected", "unknown"]),
                "home_office_relationship": maybe(["Ex-spouse", "Parent", "Cohabitant", "Stranger"], 0.6),
                "same_household": maybe([True, False], 0.6),
                "suspect_age": maybe(list(range(12, 80)), 0.5),
                "abuse_suspected": maybe([True, False], 0.2),
            }
        )
    return rows


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_frames_agree_across_libraries_and_with_the_general_path(seed: int) -> None:
    rows = generated(seed, 5000)
    docs = [document(r) for r in rows]
    want: list[Any] = []
    for doc in docs:
        try:
            want.extend(general([doc], dardr_commenced="2020-01-01"))
        except dhr.DhrError as e:
            want.append(("error", e.code, dhr._dhr.at_column(e.path.split("].", 1)[-1])))
    for frame in the_three(rows, SCHEMA):
        out = dhr.assess_frame(frame, dardr_commenced="2020-01-01", on_error="return")
        got = answers(out)
        errors = pa.table(out if not isinstance(out, pd.DataFrame) else pa.Table.from_pandas(out[["error_code", "error_column"]]))
        codes = errors["error_code"].to_pylist()
        columns = errors["error_column"].to_pylist()
        merged = [g if c is None else ("error", c, col) for g, c, col in zip(got, codes, columns)]
        assert merged == want, type(frame)


def test_the_same_kind_comes_back() -> None:
    rows = generated(3, 10)
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    assert isinstance(dhr.assess_frame(table, on_error="return"), pa.Table)
    batch = table.to_batches()[0]
    assert isinstance(dhr.assess_frame(batch, on_error="return"), pa.RecordBatch)
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=3))
    got = dhr.assess_frame(reader, on_error="return")
    assert isinstance(got, pa.RecordBatchReader)
    assert answers(got.read_all()) == answers(dhr.assess_frame(table, on_error="return"))
    assert isinstance(dhr.assess_frame(pl.from_arrow(table), on_error="return"), pl.DataFrame)
    assert isinstance(dhr.assess_frame(table.to_pandas(), on_error="return"), pd.DataFrame)

    class Stream:
        """Any object with the Arrow PyCapsule stream interface."""

        def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
            return table.__arrow_c_stream__(requested_schema)

    other = dhr.assess_frame(Stream(), on_error="return")
    assert answers(pa.table(other)) == answers(dhr.assess_frame(table, on_error="return"))


def test_answer_types_are_native() -> None:
    table = pa.Table.from_pylist(generated(4, 20), schema=SCHEMA)
    out = dhr.assess_frame(table, on_error="return")
    assert pa.types.is_dictionary(out.schema.field("outcome").type)
    assert out["outcome"].type.value_type == pa.string()
    assert out.schema.field("missing").type == pa.list_(pa.string())
    assert out.schema.field("reasons").type == pa.list_(pa.string())
    assert set(out["outcome"].combine_chunks().dictionary.to_pylist()) == set(dhr._dhr.OUTCOMES)
    p = dhr.assess_frame(pl.from_arrow(table), on_error="return")
    assert p.schema["outcome"] == pl.Categorical and p.schema["reasons"] == pl.List(pl.String)
    d = dhr.assess_frame(table.to_pandas(), on_error="return")
    assert isinstance(d["outcome"].dtype, pd.CategoricalDtype)
    assert list(d["outcome"].cat.categories) == list(dhr._dhr.OUTCOMES)


def test_lazy_frames_are_refused_clearly() -> None:
    lazy = pl.from_arrow(pa.Table.from_pylist(generated(5, 3), schema=SCHEMA)).lazy()  # type: ignore[union-attr]
    with pytest.raises(TypeError, match="collect"):
        dhr.assess_frame(lazy)
    with pytest.raises(TypeError, match="collect"):
        dhr.timeliness_frame(lazy, as_of="2024-01-01")


def test_existing_answer_columns_are_not_overwritten() -> None:
    df = pd.DataFrame({"date_of_death": ["2024-03-10"], "nation": ["england"], "outcome": ["mine"]})
    with pytest.raises(ValueError, match="prefix"):
        dhr.assess_frame(df)
    out = dhr.assess_frame(df, prefix="dhr_")
    assert out.at[0, "outcome"] == "mine" and out.at[0, "dhr_outcome"] == "needs_information"
    with pytest.raises(ValueError, match="prefix"):
        dhr.assess_frame(pa.Table.from_pandas(df))
    with pytest.raises(ValueError, match="prefix"):
        dhr.timeliness_frame(pl.DataFrame({"notified_on": ["2024-01-31"], "decision_due": [1]}), rules="guidance_2016", as_of="2024-02-01")


def test_errors_name_the_column_and_the_index_label() -> None:
    df = pd.DataFrame(
        {"date_of_death": ["2024-03-10", "2024-03-10"], "nation": ["england", "england"], "suspect_age": [30, 200]},
        index=["case-a", "case-b"],
    )
    with pytest.raises(dhr.DhrError) as info:
        dhr.assess_frame(df)
    e = info.value
    assert (e.path, e.row, e.column, e.label) == ("[1].suspect_age", 1, "suspect_age", "case-b")  # type: ignore[attr-defined]
    out = dhr.assess_frame(df, on_error="return")
    assert out.loc["case-b", "error_column"] == "suspect_age" and out.loc["case-b", "error_code"] == "invalid_value"
    assert pd.isna(out.loc["case-a", "error_code"])
    with pytest.raises(dhr.DhrError) as info2:
        dhr.assess_frame(pl.from_pandas(df.reset_index(drop=True)))
    assert info2.value.path == "[1].suspect_age"


def test_abuse_indicators_as_a_list_or_separated_text() -> None:
    base = {"date_of_death": "2026-06-01", "nation": "england", "manner": "homicide", "age": 40,
            "connection": "intimate_partner", "suspect_age": 35, "abuse_suspected": True}
    as_text = pd.DataFrame([{**base, "abuse_indicators": "coercive_control; physical_abuse"}])
    as_list = pa.Table.from_pylist([{**base, "abuse_indicators": ["coercive_control", "physical_abuse"]}])
    doc = document({**base, "abuse_indicators": ["coercive_control", "physical_abuse"]})
    want = general([doc], dardr_commenced="2026-01-01")
    assert answers(dhr.assess_frame(as_text, dardr_commenced="2026-01-01")) == want
    assert answers(dhr.assess_frame(as_list, dardr_commenced="2026-01-01")) == want
    bad = pd.DataFrame([{**base, "abuse_indicators": "coercive_control;shouting"}])
    with pytest.raises(dhr.InvalidValueError) as info:
        dhr.assess_frame(bad)
    assert info.value.path == "[0].abuse_indicators[1]"


def test_suspect_age_band_is_read() -> None:
    df = pd.DataFrame([{"date_of_death": "2026-06-01", "nation": "england", "manner": "homicide", "age": 40,
                        "connection": "intimate_partner", "suspect_age_band": "35-44", "abuse_suspected": True}])
    out = dhr.assess_frame(df, dardr_commenced="2026-01-01")
    assert "suspects[0].age" not in out.at[0, "missing"]


def reviews() -> list[dict[str, Any]]:
    return [
        {"notified_on": dt.date(2024, 1, 31), "decided_on": None, "terms_of_reference_on": None, "submitted_on": None},
        {"notified_on": dt.date(2024, 1, 31), "decided_on": dt.date(2024, 2, 12),
         "terms_of_reference_on": dt.date(2024, 2, 20), "submitted_on": None},
        {"notified_on": dt.date(2023, 1, 10), "decided_on": dt.date(2023, 2, 1),
         "terms_of_reference_on": dt.date(2023, 3, 20), "submitted_on": dt.date(2024, 6, 1)},
        {"notified_on": None, "decided_on": None, "terms_of_reference_on": None, "submitted_on": None},
    ]


def timeliness(out: Any) -> list[tuple[Any, ...]]:
    t = pa.Table.from_pandas(out) if isinstance(out, pd.DataFrame) else pa.table(out)
    cols = [c for c in t.column_names if c.endswith(("_due", "_status", "_days_late"))]
    rows = []
    for row in zip(*(t[c].to_pylist() for c in cols)):
        rows.append(tuple(v.date() if isinstance(v, dt.datetime) else v for v in row))
    return rows


def test_timeliness_is_the_same_in_every_library() -> None:
    schema = pa.schema([(c, pa.date32()) for c in dhr.TIMELINESS_COLUMNS])
    frames = the_three(reviews(), schema)
    results = [timeliness(dhr.timeliness_frame(f, rules="stockton_2011", as_of="2024-02-20")) for f in frames]
    assert results[0] == results[1] == results[2]
    # spec 6.4: notified 31 Jan 2024 -> terms of reference due 29 Feb 2024 (clamped), due soon on 20 Feb.
    assert results[0][0][:2] == (dt.date(2024, 2, 29), "due_soon")
    # the same as Review.status, event by event
    out = dhr.timeliness_frame(frames[2], rules="stockton_2011", as_of="2024-02-20")
    assert out.schema.field("terms_of_reference_due").type == pa.date32()
    p = dhr.timeliness_frame(frames[1], rules="stockton_2011", as_of="2024-02-20")
    assert p.schema["terms_of_reference_due"] == pl.Date
    d = dhr.timeliness_frame(frames[0], rules="stockton_2011", as_of=pd.Timestamp("2024-02-20"))
    assert d["terms_of_reference_due"].dtype.kind == "M"


def test_timeliness_on_error_return() -> None:
    df = pd.DataFrame({"notified_on": ["2024-01-31", "2024-01-31"], "decided_on": ["2024-01-01", "2024-13-01"]})
    out = dhr.timeliness_frame(df, as_of="2024-09-01", on_error="return")
    assert out["error_code"].tolist() == ["event_out_of_order", "invalid_date"]
    assert out["error_column"].tolist() == ["decided_on", "decided_on"]
    assert out["decision_status"].isna().all() if "decision_status" in out else True
    with pytest.raises(dhr.EventOutOfOrderError) as info:
        dhr.timeliness_frame(df, as_of="2024-09-01")
    assert info.value.path == "[0].decided_on"


def test_misspelt_timeliness_column_is_warned_of() -> None:
    df = pd.DataFrame({"notified_on": ["2024-01-31"], "decidedon": ["2024-02-01"]})
    with pytest.warns(dhr.ColumnNameWarning, match="decided_on"):
        dhr.timeliness_frame(df, as_of="2024-09-01")
