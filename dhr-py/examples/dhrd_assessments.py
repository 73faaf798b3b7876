"""Every published Domestic Homicide Review in the DHRD, re-assessed.

Data: the Domestic Homicide Review Dataset (Cook & Cook 2026, DHRD,
doi 10.5281/zenodo.21108268, CC-BY-4.0): 619 single-victim incidents with the
victim's age band and relationship to the perpetrator. Every one of these
deaths was in fact reviewed, so a correct assessor never answers
``not_required`` (spec section 5): the script checks that.

How a row becomes a death (the same choices as dhr-core/tests/dhrd.rs):
- ``date_of_death``: the 15th of the month given ("September 2018"), or
  1 July where only a year is given;
- ``nation``: ``wales`` when the region is Wales, else ``england``;
- ``age_band``: the victim's band ("Unknown" is unknown);
- the one suspect: ``home_office_relationship`` as given, ``abuse_suspected``
  true (each row is a death reviewed as appearing to result from this
  perpetrator's violence or abuse), ``same_household`` unknown;
- ``manner``: ``suicide`` when the victim took their own life, else ``homicide``.

Run:  python dhr-py/examples/dhrd_assessments.py [OUT_DIR]
Writes OUT_DIR/dhrd_assessments.png when matplotlib is installed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import pandas as pd

import dhr

HERE = Path(__file__).resolve().parent
CANDIDATES = [
    Path(os.environ["DHRD_DIR"]) if "DHRD_DIR" in os.environ else None,
    HERE.parent.parent / "tests" / "data" / "dhrd",
    Path("/work/shared/data/dhrd"),
]

# A display label for each connection class. The class of each of the Home
# Office's 18 relationship values is dhr-core's mapping (the one the
# assessment reads: "Cohabitant" is a household member), not a copy.
LABELS = {
    "intimate_partner": "partner",
    "former_intimate_partner": "former partner",
    "relative": "family",
    "household_member": "household member",
    "not_connected": "other",
    "unknown": "unknown",
}


def group(relationship: str) -> str:
    connection = dhr._dhr.home_office_connection(relationship)
    return "unknown" if connection is None else LABELS[connection]


def data_dir() -> Path:
    for d in CANDIDATES:
        if d is not None and (d / "victims.csv").exists():
            return d
    raise SystemExit("the DHRD was not found: set DHRD_DIR")


def death_date(text: str) -> str:
    parts = text.split()
    if len(parts) == 2:
        month = pd.Timestamp(f"1 {parts[0]} 2000").month
        return f"{parts[1]}-{month:02d}-15"
    return f"{parts[0]}-07-01"


def load() -> pd.DataFrame:
    d = data_dir()
    victims = pd.read_csv(d / "victims.csv", dtype=str, keep_default_na=False)
    incidents = pd.read_csv(d / "incidents.csv", dtype=str, keep_default_na=False)
    df = victims.merge(incidents, on="incident_id", validate="one_to_one")
    return pd.DataFrame(
        {
            "reference": df["victim_id"],
            "region": df["region"],
            "year": df["death_date"].str[-4:].astype(int),
            "relationship": df["relationship_to_perpetrator"],
            "relationship_group": df["relationship_to_perpetrator"].map(group),
            "date_of_death": df["death_date"].map(death_date),
            "nation": (df["region"] == "Wales").map({True: "wales", False: "england"}),
            "age_band": df["age_at_death"].where(df["age_at_death"] != "Unknown", None),
            "manner": (df["victim_suicide"] == "True").map({True: "suicide", False: "homicide"}),
            "home_office_relationship": df["relationship_to_perpetrator"],
            "abuse_suspected": True,
        }
    )


def main(out_dir: Optional[Path] = None) -> pd.DataFrame:
    frame = dhr.assess_frame(load())
    assert (frame["outcome"] != "not_required").all(), "a reviewed death was assessed not_required"

    print(f"{len(frame)} deaths (DHRD, Cook & Cook 2026, CC-BY-4.0)\n")
    print(pd.crosstab(frame["outcome"], frame["regime"], margins=True), "\n")
    by_group = pd.crosstab(frame["relationship_group"], frame["outcome"])
    print("By relationship group:\n", by_group, "\n")
    by_region = pd.crosstab(frame["region"], frame["outcome"])
    print("By region:\n", by_region, "\n")
    by_year = pd.crosstab(frame["year"], frame["outcome"])
    # Every year in the span, a year with no death as an empty bar.
    years = range(int(frame["year"].min()), int(frame["year"].max()) + 1)
    by_year = by_year.reindex(years, fill_value=0)
    print("By year of death:\n", by_year, "\n")
    missing = frame["missing"].explode().value_counts()
    print("Facts the data leaves open (needs_information):\n", missing.to_string(), "\n")

    if out_dir is not None:
        try:
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
        except ImportError:
            print("matplotlib is not installed: no chart")
            return frame
        fig, axes = plt.subplots(1, 3, figsize=(16, 5), constrained_layout=True)
        for ax, table, title in (
            (axes[0], by_group, "by relationship group"),
            (axes[1], by_region, "by region"),
            (axes[2], by_year, "by year of death"),
        ):
            table = table.loc[:, table.sum() > 0]  # the outcomes that occur
            table.plot.bar(stacked=True, ax=ax, legend=ax is axes[0], width=0.8)
            ax.set_title(f"DHRD deaths {title}")
            ax.set_xlabel("")
            ax.set_ylabel("deaths")
        axes[0].legend(title="dhr.assess outcome")
        fig.suptitle("Every published DHR re-assessed with dhr: required or needs_information, never not_required")
        fig.supxlabel("Data: Cook & Cook 2026, DHRD, doi 10.5281/zenodo.21108268 (CC-BY-4.0)", x=0.99, ha="right", fontsize=8)
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / "dhrd_assessments.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        print(f"chart: {path}")
    return frame


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
