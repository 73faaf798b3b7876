"""How late are reviews? Deadlines for a seeded synthetic set of reviews.

The dates are synthetic (``random.Random(2026)``): 400 reviews notified
between 2019 and 2024, with a decision a few weeks later, terms of reference
agreed some weeks after that, and submission to the Home Office anywhere from
4 months to over 2 years after the decision (some not yet submitted on the
as-of date). The spread is chosen to resemble the reported reality (of 495
reviews with enough data, 1% met the 6-month target and 18% finished within a
year: BBC News analysis, 2025, journalism, not an official figure); it is not
real data.

``dhr.timeliness_frame`` computes every rule's due date, status and days late
in Rust for the whole column at once, under the three built-in rule sets: the
Stockton 2011 procedure, the 2016 guidance, and the 2024 consultation's
12-month submission target.

Run:  python dhr-py/examples/timeliness.py [OUT_DIR]
Writes OUT_DIR/timeliness.png when matplotlib is installed.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import Optional

import numpy as np
import pandas as pd

import dhr

HERE = Path(__file__).resolve().parent
AS_OF = dt.date(2025, 12, 31)


def synthetic_reviews(n: int = 400, seed: int = 2026) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        notified = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
        decided = notified + dt.timedelta(days=rng.randrange(7, 75))
        terms = decided + dt.timedelta(days=rng.randrange(10, 120))
        # Submission: months after the decision, log-normal-ish, long tail.
        months = rng.lognormvariate(2.6, 0.45)
        submitted: Optional[dt.date] = decided + dt.timedelta(days=int(months * 30.4))
        if submitted is not None and submitted > AS_OF:
            submitted = None  # not yet submitted on the as-of date
        rows.append(
            {
                "review": f"SYN-{i:04d}",
                "notified_on": notified,
                "decided_on": decided if decided <= AS_OF else None,
                "terms_of_reference_on": terms if terms <= AS_OF else None,
                "submitted_on": submitted,
            }
        )
    return pd.DataFrame(rows)


def main(out_dir: Optional[Path] = None) -> dict[str, pd.DataFrame]:
    reviews = synthetic_reviews()
    results = {
        rules: dhr.timeliness_frame(reviews, rules=rules, as_of=AS_OF)
        for rules in ("stockton_2011", "guidance_2016", "proposed_2024")
    }
    for rules, frame in results.items():
        print(f"== {rules}, as of {AS_OF}")
        statuses = [c for c in frame.columns if c.endswith("_status")]
        table = pd.DataFrame({c[: -len("_status")]: frame[c].value_counts() for c in statuses}).fillna(0).astype(int)
        print(table.to_string(), "\n")
    sub = results["stockton_2011"]
    done = sub[sub["home_office_submission_status"].isin(["met", "met_late"])]
    late = done["home_office_submission_days_late"].fillna(0)
    print(
        f"submitted: {len(done)}; within 6 months: {(late == 0).mean():.0%}; "
        f"median days late: {late.median():.0f}; still open and overdue: "
        f"{(sub['home_office_submission_status'] == 'overdue').sum()}"
    )

    if out_dir is not None:
        try:
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
        except ImportError:
            print("matplotlib is not installed: no chart")
            return results
        fig, axes = plt.subplots(1, 2, figsize=(13, 4.8), constrained_layout=True)
        # In time and late apart: one bar for the reviews in time, then the
        # late ones in bins that start at 1 day (no bin mixes the two).
        in_time = int((late == 0).sum())
        late_days = late[late > 0].astype(float)
        width = max(1.0, float(np.ceil(late_days.max() / 30))) if len(late_days) else 1.0
        edges = np.arange(0.5, (late_days.max() if len(late_days) else 1) + width, width)
        axes[0].bar([-width / 2], [in_time], width=width, color="#55a868", label=f"in time ({in_time})")
        axes[0].hist(late_days, bins=edges, color="#c44e52", label=f"late ({len(late_days)})")
        axes[0].axvline(0, color="black", linewidth=1)
        axes[0].legend()
        axes[0].set_title("Home Office submission: days after the 6-month target\n(submitted reviews, Stockton 2011)")
        axes[0].set_xlabel("days late (0 = in time)")
        axes[0].set_ylabel("reviews")
        order = ["met", "met_late", "due", "due_soon", "overdue", "not_started"]
        counts = pd.DataFrame(
            {
                rules: frame["home_office_submission_status"].value_counts().reindex(order, fill_value=0)
                for rules, frame in results.items()
            }
        )
        counts.plot.bar(ax=axes[1], width=0.8)
        axes[1].set_title(f"Home Office submission status as of {AS_OF}, by rule set")
        axes[1].set_xlabel("")
        axes[1].set_ylabel("reviews")
        # A figure-level label takes its own room in the layout (a free
        # fig.text overprinted the tick labels).
        fig.supxlabel("Synthetic dates (seed 2026), not real data", x=0.99, ha="right", fontsize=8)
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / "timeliness.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        print(f"chart: {path}")
    return results


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
