"""The frames benchmark (issue 15): dhr.assess_frame on polars, pyarrow and
pandas input against naive vectorised versions of the s.9 outcome, and
dhr.assess_many against a bare pure-Python reading of the rules, in one run.

    .venv/bin/python tests/bench/frames_bench.py [--deaths N] [--many M] [--seed S] [--json FILE]

The deaths are python_bench.py's synthetic rows (N, default 1,000,000, in
the proportions of the Domestic Homicide Review Dataset). Timed on the same
rows:

1. ``dhr.assess_frame`` on a polars DataFrame, a pyarrow Table and a pandas
   DataFrame (outcome, regime, missing facts, reason codes and related
   review kinds);
2. a naive vectorised pandas version of the outcome alone (no missing
   facts, no reasons; written here with numpy.select), the issue's peer;
3. a naive polars-expression version of the outcome alone;
4. python_bench's pure-Python reference (outcome, regime and missing);
5. ``dhr.assess_many`` over M documents (default 200,000) against the bare
   pure-Python reading of the outcome (the reference) on the same cases.

Checks that every version gives the same outcome on every row (exits 1 if
not). Prints times, rows per second and the ratios of the targets.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))
import python_bench as pb  # noqa: E402

import dhr  # noqa: E402

BAND_16 = pb.BAND_16


def naive_pandas(df: pd.DataFrame) -> "pd.Series[Any]":
    """The s.9 outcome, vectorised as an analyst would write it in pandas."""
    dod = pd.to_datetime(df["date_of_death"])
    dob = pd.to_datetime(df["date_of_birth"])
    years = dod.dt.year - dob.dt.year - ((dod.dt.month * 100 + dod.dt.day) < (dob.dt.month * 100 + dob.dt.day))
    over = pd.Series(np.nan, index=df.index)
    band = df["age_band"].map(BAND_16)
    over = over.where(band.isna(), band.astype(float))
    age = pd.to_numeric(df["age"])
    over = over.where(age.isna(), (age >= 16).astype(float))
    over = over.where(years.isna(), (years >= 16).astype(float))
    conn = df["connection"].where(df["connection"] != "unknown")
    hh = df["same_household"]
    tie = conn.isin(["intimate_partner", "former_intimate_partner", "relative", "household_member"]) | (hh == True)  # noqa: E712
    no_tie = (conn == "not_connected") & (hh == False)  # noqa: E712
    abuse = df["abuse_suspected"]
    outside = df["nation"].isin(["scotland", "northern_ireland"])
    outcome = np.select(
        [
            outside,
            over == 0,
            tie & (abuse == True) & (over == 1),  # noqa: E712
            tie & (abuse == True),  # noqa: E712
            no_tie | (abuse == False),  # noqa: E712
            (df["manner"] == "suicide") & (over == 1) & tie & abuse.isna(),
        ],
        ["out_of_scope", "not_required", "required", "needs_information", "not_required", "consider"],
        default="needs_information",
    )
    return pd.Series(outcome, index=df.index)


def naive_polars(df: pl.DataFrame) -> pl.Series:
    """The s.9 outcome as polars expressions."""
    dod = pl.col("date_of_death").str.to_date()
    dob = pl.col("date_of_birth").str.to_date()
    # (month and day are Int8 in polars: widen before multiplying)
    def md(d: pl.Expr) -> pl.Expr:
        return d.dt.month().cast(pl.Int32) * 100 + d.dt.day().cast(pl.Int32)

    years = dod.dt.year() - dob.dt.year() - (md(dod) < md(dob)).cast(pl.Int32)
    band = pl.col("age_band").replace_strict(BAND_16, default=None, return_dtype=pl.Boolean)
    over = pl.when(dob.is_not_null()).then(years >= 16).when(pl.col("age").is_not_null()).then(
        pl.col("age") >= 16
    ).otherwise(band)
    conn = pl.when(pl.col("connection") == "unknown").then(None).otherwise(pl.col("connection"))
    hh = pl.col("same_household")
    tie = conn.is_in(["intimate_partner", "former_intimate_partner", "relative", "household_member"]).fill_null(
        False
    ) | hh.fill_null(False)
    no_tie = ((conn == "not_connected") & (hh == False)).fill_null(False)  # noqa: E712
    abuse = pl.col("abuse_suspected")
    outcome = (
        pl.when(pl.col("nation").is_in(["scotland", "northern_ireland"]))
        .then(pl.lit("out_of_scope"))
        .when(over == False)  # noqa: E712
        .then(pl.lit("not_required"))
        .when(tie & (abuse == True) & (over == True))  # noqa: E712
        .then(pl.lit("required"))
        .when(tie & (abuse == True))  # noqa: E712
        .then(pl.lit("needs_information"))
        .when(no_tie | (abuse == False).fill_null(False))  # noqa: E712
        .then(pl.lit("not_required"))
        .when((pl.col("manner") == "suicide") & (over == True) & tie & abuse.is_null())  # noqa: E712
        .then(pl.lit("consider"))
        .otherwise(pl.lit("needs_information"))
    )
    return df.select(outcome.alias("outcome"))["outcome"]


def timed(label: str, fn: Any, t: dict[str, float]) -> Any:
    start = time.perf_counter()
    out = fn()
    t[label] = time.perf_counter() - start
    print(f"  {label:<44} {t[label]:8.3f} s")
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--deaths", type=int, default=1_000_000)
    ap.add_argument("--many", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    n = args.deaths
    cols = pb.synthetic_deaths(n, args.seed)
    pdf = pd.DataFrame(cols)
    plf = pl.DataFrame(cols)
    table = pa.table(cols)
    print(f"== {n:,} deaths ({dhr.__version__}); pandas {pd.__version__}, polars {pl.__version__}, pyarrow {pa.__version__}")
    t: dict[str, float] = {}
    out_pl = timed("dhr.assess_frame(polars)", lambda: dhr.assess_frame(plf), t)
    out_pa = timed("dhr.assess_frame(pyarrow)", lambda: dhr.assess_frame(table), t)
    out_pd = timed("dhr.assess_frame(pandas)", lambda: dhr.assess_frame(pdf), t)
    from dhr import _frames

    def list_path() -> Any:
        opts = {"dardr_commenced": None, "susr_from": None, "on_error": "raise"}
        return _frames._lists_to_pandas(_frames._assess_list_path(pdf, **opts), pdf.index, "raise", "")

    timed("assess_frame(pandas) list path (before: no Arrow)", list_path, t)
    naive_pd = timed("naive pandas outcome (numpy.select)", lambda: naive_pandas(pdf), t)
    naive_pl = timed("naive polars expressions outcome", lambda: naive_polars(plf), t)
    ref = timed("pure-Python reference (outcome, regime, missing)", lambda: pb.reference_all(cols), t)

    m = min(args.many, n)
    docs = pb.documents({k: v[:m] for k, v in cols.items()})
    many = timed(f"dhr.assess_many ({m:,} documents)", lambda: dhr.assess_many(docs), t)

    def bare() -> list[str]:
        return [
            pb.reference_assess(
                d["date_of_death"], d["nation"], d["deceased"].get("date_of_birth"), d["deceased"].get("age"),
                d["deceased"].get("age_band"), d["manner"], d["suspects"][0]["connection"],
                d["suspects"][0]["same_household"], d["suspects"][0]["abuse_suspected"],
            )[0]
            for d in docs
        ]

    bare_out = timed(f"bare pure-Python outcome ({m:,} documents)", bare, t)

    outcomes = {
        "polars": out_pl["outcome"].cast(pl.String).to_list(),
        "pyarrow": out_pa["outcome"].cast(pa.string()).to_pylist(),
        "pandas": out_pd["outcome"].astype(str).tolist(),
        "naive pandas": naive_pd.tolist(),
        "naive polars": naive_pl.to_list(),
        "reference": [r[0] for r in ref],
    }
    bad = 0
    for name, values in outcomes.items():
        diff = sum(1 for a, b in zip(values, outcomes["reference"]) if a != b)
        if diff:
            print(f"  DISAGREE: {name} differs from the reference on {diff} rows")
            bad += 1
    if [a.outcome for a in many] != bare_out:
        print("  DISAGREE: assess_many differs from the bare reading")
        bad += 1
    rate = {k: n / v for k, v in t.items() if "documents" not in k}
    ratios = {
        "polars vs naive pandas (target >= 4)": t["naive pandas outcome (numpy.select)"] / t["dhr.assess_frame(polars)"],
        "pyarrow vs naive pandas (target >= 4)": t["naive pandas outcome (numpy.select)"] / t["dhr.assess_frame(pyarrow)"],
        "pandas vs naive pandas (target >= 1)": t["naive pandas outcome (numpy.select)"] / t["dhr.assess_frame(pandas)"],
        "pandas Arrow path vs list path (issue 12 (b))": t["assess_frame(pandas) list path (before: no Arrow)"]
        / t["dhr.assess_frame(pandas)"],
        "polars vs naive polars": t["naive polars expressions outcome"] / t["dhr.assess_frame(polars)"],
        "polars vs pure-Python reference": t["pure-Python reference (outcome, regime, missing)"] / t["dhr.assess_frame(polars)"],
        "assess_many vs bare pure-Python (target >= 2)": t[f"bare pure-Python outcome ({m:,} documents)"]
        / t[f"dhr.assess_many ({m:,} documents)"],
    }
    print("== rows per second")
    for k, v in rate.items():
        print(f"  {k:<44} {v / 1e6:8.2f} M rows/s")
    print("== ratios")
    for k, v in ratios.items():
        print(f"  {k:<48} {v:6.2f}x")
    if args.json:
        args.json.write_text(json.dumps({"rows": n, "many": m, "seconds": t, "ratios": ratios}, indent=2))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
