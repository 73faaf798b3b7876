"""The Python benchmark: dhr against a pure-Python equivalent, in one run.

    .venv/bin/python tests/bench/python_bench.py [--deaths N] [--reviews M] [--seed S] [--json FILE]

Builds a seeded synthetic dataset of N deaths (default 1,000,000) and M
review logs (default 100,000) in the proportions of the Domestic Homicide
Review Dataset in tests/data/dhrd/ (Cook & Cook 2026, DHRD,
doi 10.5281/zenodo.21108268, CC-BY-4.0), then times, on the same rows:

1. a pure-Python reference implementation of the same s.9 eligibility rules
   and month rules (written here, with ``dateutil.relativedelta``);
2. ``dhr.assess`` called in a loop over dict documents;
3. ``dhr.assess_many`` over the same documents;
4. ``dhr.assess_frame`` over a pandas DataFrame of the rows;

and checks that all four give the same outcome, regime and missing facts on
every row. For the review logs it times ``dhr.timeliness_frame`` against the
reference's month arithmetic (terms of reference: 1 month from notification;
Home Office submission: 6 months from the decision, stockton_2011) and
checks the due dates agree. Prints times and ratios (reference time / dhr
time); exits 1 if any answer disagrees.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Optional

import numpy as np
import pandas as pd
from dateutil.relativedelta import relativedelta

import dhr

ROOT = Path(__file__).resolve().parents[2]
DHRD = ROOT / "tests" / "data" / "dhrd"

# The DHRD's Home Office relationship values, as connection classes (the
# mapping of dhr-core/data/home_office_relationships.json, by hand).
CONNECTION = {
    "Spouse (incl civil partner)": "intimate_partner",
    "Common-law spouse": "intimate_partner",
    "Boyfriend or girlfriend": "intimate_partner",
    "Casual sexual partner": "intimate_partner",
    "Ex-spouse": "former_intimate_partner",
    "Ex-boyfriend or ex-girlfriend": "former_intimate_partner",
    "Parent": "relative",
    "Son or daughter": "relative",
    "Sibling": "relative",
    "Half-sibling": "relative",
    "Step-sibling": "relative",
    "Step-parent": "relative",
    "Grandparent": "relative",
    "Other (relative)": "relative",
    "Cohabitant": "household_member",
    "Other (non-relative)": "not_connected",
    "Emotional rival": "not_connected",
    "Unknown": None,
}


def dhrd_proportions() -> tuple[dict[str, float], dict[Optional[str], float], float]:
    """Age bands, connections and the suicide share of the DHRD's victims."""
    with open(DHRD / "victims.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    n = len(rows)
    bands = Counter(r["age_at_death"] for r in rows)
    conns: Counter[Optional[str]] = Counter(CONNECTION[r["relationship_to_perpetrator"]] for r in rows)
    suicide = sum(r["victim_suicide"] == "True" for r in rows) / n
    return ({k: v / n for k, v in bands.items()}, {k: v / n for k, v in conns.items()}, suicide)


BAND_RANGE = {"16-19": (16, 19), "20-24": (20, 24), "25-34": (25, 34), "35-44": (35, 44),
              "45-54": (45, 54), "55-64": (55, 64), "65+": (65, 95), "under_16": (0, 15)}


def choice(rng: np.random.Generator, probs: dict[Any, float], n: int) -> list[Any]:
    keys = list(probs)
    p = np.array([probs[k] for k in keys], dtype=float)
    idx = rng.choice(len(keys), size=n, p=p / p.sum())
    return [keys[i] for i in idx]


def iso(days: np.ndarray) -> list[str]:
    """Days since 1970-01-01 as ISO strings."""
    return list(np.datetime_as_string(days.astype("datetime64[D]")))


def synthetic_deaths(n: int, seed: int) -> dict[str, list[Any]]:
    """N deaths as columns (the columns of dhr.ASSESS_COLUMNS), one suspect each."""
    rng = np.random.default_rng(seed)
    bands, conns, suicide = dhrd_proportions()
    bands["under_16"] = 0.01  # a few children, whose deaths are not DHRs
    start = (np.datetime64("2012-01-01") - np.datetime64("1970-01-01")).astype(int)
    end = (np.datetime64("2025-12-31") - np.datetime64("1970-01-01")).astype(int)
    dod_days = rng.integers(start, end, size=n)
    dod = iso(dod_days)
    nation = choice(rng, {"england": 0.92, "wales": 0.05, "scotland": 0.02, "northern_ireland": 0.01}, n)
    band = choice(rng, bands, n)
    # How the age is known: a band (as in the DHRD), an age, a date of birth, or not at all.
    basis = rng.choice(4, size=n, p=[0.4, 0.3, 0.25, 0.05])
    years = np.empty(n, dtype=np.int64)
    for name, (lo, hi) in BAND_RANGE.items():
        mask = np.array([b == name for b in band])
        years[mask] = rng.integers(lo, hi + 1, size=int(mask.sum()))
    unknown_band = np.array([b == "Unknown" for b in band])
    years[unknown_band] = rng.integers(16, 90, size=int(unknown_band.sum()))
    dob_days = dod_days - years * 365 - rng.integers(0, 365, size=n)
    dobs = iso(dob_days)
    age_band: list[Optional[str]] = [None] * n
    age: list[Optional[int]] = [None] * n
    date_of_birth: list[Optional[str]] = [None] * n
    for i in range(n):
        b = int(basis[i])
        if b == 0:
            age_band[i] = None if band[i] == "Unknown" else band[i]
        elif b == 1:
            age[i] = int(years[i])
        elif b == 2:
            date_of_birth[i] = dobs[i]
    manner = choice(rng, {"homicide": 0.86 - suicide, "suicide": suicide, "other": 0.1, None: 0.04}, n)
    connection = choice(rng, conns, n)
    same_household = choice(rng, {None: 0.7, True: 0.2, False: 0.1}, n)
    # A household member outside the household would be contradictory_facts.
    same_household = [None if c == "household_member" and h is False else h
                      for c, h in zip(connection, same_household)]
    abuse = choice(rng, {True: 0.85, None: 0.12, False: 0.03}, n)
    care = choice(rng, {None: 0.8, True: 0.1, False: 0.1}, n)
    return {
        "reference": [f"SYN-{i:07d}" for i in range(n)],
        "date_of_death": dod,
        "nation": nation,
        "date_of_birth": date_of_birth,
        "age": age,
        "age_band": age_band,
        "care_and_support_needs": care,
        "manner": manner,
        "connection": connection,
        "same_household": same_household,
        "abuse_suspected": abuse,
    }


def documents(cols: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """The rows as 6.1 documents (what a caller of dhr.assess would hold)."""
    out = []
    for ref, dod, nat, dob, age, band, care, man, conn, hh, ab in zip(*cols.values()):
        deceased: dict[str, Any] = {"care_and_support_needs": care}
        if dob is not None:
            deceased["date_of_birth"] = dob
        if age is not None:
            deceased["age"] = age
        if band is not None:
            deceased["age_band"] = band
        out.append({
            "schema_version": 1, "reference": ref, "date_of_death": dod, "nation": nat,
            "deceased": deceased, "manner": man or "unknown",
            "suspects": [{"connection": conn, "same_household": hh, "abuse_suspected": ab}],
        })
    return out


# ---------------------------------------------------------------------------
# The pure-Python reference: DVCVA 2004 s.9(1), one suspect, default options
# (s.8A not commenced; SUSR in Wales from 1 October 2024).

SUSR_FROM = dt.date(2024, 10, 1)
BAND_16 = {"under_16": False, "16-19": True, "20-24": True, "25-34": True, "35-44": True,
           "45-54": True, "55-64": True, "65+": True}
TIES = {"intimate_partner", "former_intimate_partner", "relative"}


def reference_assess(dod_s: str, nation: str, dob_s: Optional[str], age: Optional[int],
                     band: Optional[str], manner: Optional[str], conn: Optional[str],
                     hh: Optional[bool], abuse: Optional[bool]) -> tuple[str, str, list[str]]:
    if nation in ("scotland", "northern_ireland"):
        return "out_of_scope", "none", []
    dod = dt.date.fromisoformat(dod_s)
    regime = "susr_wales" if nation == "wales" and dod >= SUSR_FROM else "dhr_s9"
    # Age in completed years (a birthday on 29 February falls on 1 March in
    # a common year, which relativedelta gives too: it clamps to 28 February
    # only for the day itself, never at a 16th birthday, always in a leap year).
    if dob_s is not None:
        over: Optional[bool] = relativedelta(dod, dt.date.fromisoformat(dob_s)).years >= 16
    elif age is not None:
        over = age >= 16
    elif band is not None:
        over = BAND_16[band]
    else:
        over = None
    if over is False:
        return "not_required", regime, []
    age_missing = ["deceased.age"] if over is None else []
    # The suspect's connection limb.
    unknown_conn: list[str] = []
    c = None if conn == "unknown" else conn
    if c in TIES or hh is True or c == "household_member":
        conn_limb: Optional[bool] = True
    elif c == "not_connected" and hh is False:
        conn_limb = False
    elif c == "not_connected":
        conn_limb, unknown_conn = None, ["suspects[0].same_household"]
    elif hh is False:
        conn_limb, unknown_conn = None, ["suspects[0].connection"]
    else:
        conn_limb, unknown_conn = None, ["suspects[0].connection", "suspects[0].same_household"]
    cause = abuse
    if conn_limb is True and cause is True:
        return ("required", regime, []) if over else ("needs_information", regime, age_missing)
    if conn_limb is False or cause is False:
        return "not_required", regime, []
    open_paths = unknown_conn + (["suspects[0].abuse_suspected"] if cause is None else [])
    if manner == "suicide" and over and conn_limb is True and cause is None:
        return "consider", regime, open_paths
    return "needs_information", regime, age_missing + open_paths


def reference_all(cols: dict[str, list[Any]]) -> list[tuple[str, str, list[str]]]:
    return [
        reference_assess(dod, nat, dob, age, band, man, conn, hh, ab)
        for dod, nat, dob, age, band, man, conn, hh, ab in zip(
            cols["date_of_death"], cols["nation"], cols["date_of_birth"], cols["age"],
            cols["age_band"], cols["manner"], cols["connection"], cols["same_household"],
            cols["abuse_suspected"])
    ]


# ---------------------------------------------------------------------------
# Review logs and their month rules.

def synthetic_reviews(m: int, seed: int) -> dict[str, list[Optional[str]]]:
    rng = np.random.default_rng(seed + 1)
    start = (np.datetime64("2012-01-01") - np.datetime64("1970-01-01")).astype(int)
    end = (np.datetime64("2024-12-31") - np.datetime64("1970-01-01")).astype(int)
    notified = rng.integers(start, end, size=m)
    # Month ends are where month arithmetic goes wrong: one in five notifications on the 29th-31st.
    decided = notified + rng.integers(0, 60, size=m)
    tor = decided + rng.integers(0, 90, size=m)
    submitted = tor + rng.integers(60, 900, size=m)
    cols = {"notified_on": iso(notified), "decided_on": iso(decided),
            "terms_of_reference_on": iso(tor), "submitted_on": iso(submitted)}
    # Gaps: steps not happened (yet).
    for name, share in (("decided_on", 0.05), ("terms_of_reference_on", 0.15), ("submitted_on", 0.35)):
        gone = rng.random(m) < share
        cols[name] = [None if g else v for v, g in zip(cols[name], gone)]
    return cols


def reference_months(cols: dict[str, list[Optional[str]]]) -> list[tuple[Optional[dt.date], Optional[dt.date]]]:
    """terms_of_reference due (1 month from notified) and home_office_submission
    due (6 months from the decision), by the corresponding date rule."""
    one, six = relativedelta(months=1), relativedelta(months=6)
    out = []
    for n, d in zip(cols["notified_on"], cols["decided_on"]):
        tor = dt.date.fromisoformat(n) + one if n is not None else None
        ho = dt.date.fromisoformat(d) + six if d is not None else None
        out.append((tor, ho))
    return out


def timed(label: str, fn: Any, timings: dict[str, float]) -> Any:
    t0 = time.perf_counter()
    result = fn()
    timings[label] = time.perf_counter() - t0
    print(f"  {label:<34} {timings[label]:9.3f} s", flush=True)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--deaths", type=int, default=1_000_000)
    ap.add_argument("--reviews", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--json", default=None, help="write the figures to this file")
    args = ap.parse_args()

    print(f"python {platform.python_version()}, dhr {getattr(dhr, '__version__', '?')}, "
          f"pandas {pd.__version__}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
    print(f"building {args.deaths:,} deaths and {args.reviews:,} review logs (seed {args.seed})", flush=True)
    cols = synthetic_deaths(args.deaths, args.seed)
    docs = documents(cols)
    frame = pd.DataFrame(cols)
    reviews = synthetic_reviews(args.reviews, args.seed)
    review_frame = pd.DataFrame(reviews)
    t: dict[str, float] = {}

    print("deaths:")
    ref = timed("pure Python reference", lambda: reference_all(cols), t)
    loop = timed("dhr.assess in a loop", lambda: [dhr.assess(d) for d in docs], t)
    many = timed("dhr.assess_many", lambda: dhr.assess_many(docs), t)
    framed = timed("dhr.assess_frame", lambda: dhr.assess_frame(frame), t)

    bad = 0
    outcomes = list(framed["outcome"])
    regimes = list(framed["regime"])
    missings = list(framed["missing"])
    for i, (r, a, b) in enumerate(zip(ref, loop, many)):
        got = [(a.outcome, a.regime, list(a.missing)), (b.outcome, b.regime, list(b.missing)),
               (outcomes[i], regimes[i], list(missings[i]))]
        if any(g != r for g in got):
            bad += 1
            if bad <= 5:
                print(f"  DISAGREE row {i}: reference {r}, assess/assess_many/assess_frame {got}")
    tally = Counter(o for o, _, _ in ref)
    print(f"  outcomes: {dict(tally.most_common())}")
    print(f"  all four agree on outcome, regime and missing for {len(ref) - bad:,} of {len(ref):,} rows")

    print("review logs:")
    ref_m = timed("pure Python months (dateutil)", lambda: reference_months(reviews), t)
    tl = timed("dhr.timeliness_frame", lambda: dhr.timeliness_frame(review_frame, rules="stockton_2011",
                                                                    as_of="2025-12-31"), t)
    bad_m = 0
    for i, (tor, ho) in enumerate(ref_m):
        # (due dates come back as the frame's own date type: datetime64)
        got = tuple(None if pd.isna(v) else v.date() for v in
                    (tl["terms_of_reference_due"].iat[i], tl["home_office_submission_due"].iat[i]))
        if got != (tor, ho):
            bad_m += 1
            if bad_m <= 5:
                print(f"  DISAGREE review {i}: reference {(tor, ho)}, dhr {got}")
    print(f"  due dates agree for {len(ref_m) - bad_m:,} of {len(ref_m):,} reviews")

    ratios = {
        "assess_loop": t["pure Python reference"] / t["dhr.assess in a loop"],
        "assess_many": t["pure Python reference"] / t["dhr.assess_many"],
        "assess_frame": t["pure Python reference"] / t["dhr.assess_frame"],
        "timeliness_frame": t["pure Python months (dateutil)"] / t["dhr.timeliness_frame"],
    }
    print("ratios (pure Python time / dhr time; above 1: dhr is faster):")
    for k, v in ratios.items():
        print(f"  {k:<34} {v:9.2f}x")
    print(f"  per row: reference {t['pure Python reference'] / args.deaths * 1e6:.2f} us, "
          f"assess {t['dhr.assess in a loop'] / args.deaths * 1e6:.2f} us, "
          f"assess_many {t['dhr.assess_many'] / args.deaths * 1e6:.2f} us, "
          f"assess_frame {t['dhr.assess_frame'] / args.deaths * 1e6:.2f} us")
    targets = [("assess_frame >= 50x the reference", ratios["assess_frame"] >= 50),
               ("assess_many >= 10x the reference", ratios["assess_many"] >= 10)]
    for name, ok in targets:
        print(f"target: {name}: {'met' if ok else 'NOT met'}")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "deaths": args.deaths, "reviews": args.reviews, "seed": args.seed,
            "load_before": os.getloadavg()[0], "seconds": t, "ratios": ratios,
            "disagreements": bad, "month_disagreements": bad_m,
        }, indent=2) + "\n")
    return 1 if bad or bad_m else 0


if __name__ == "__main__":
    sys.exit(main())
