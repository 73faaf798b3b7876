"""The examples run end to end and write their charts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import dhr

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_dhrd_assessments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib")
    frame = load("dhrd_assessments").main(tmp_path)
    # spec 5: every DHRD death was reviewed: never not_required; facts the
    # data leaves open give needs_information, the rest required.
    assert len(frame) == 619
    assert set(frame["outcome"]) <= {"required", "needs_information"}
    unknown_age = frame["age_band"].isna()
    assert (frame.loc[unknown_age, "outcome"] == "needs_information").all()
    assert (tmp_path / "dhrd_assessments.png").stat().st_size > 10_000
    # The grouping is dhr-core's mapping: a cohabitant is a household member.
    cohabitants = frame["relationship"] == "Cohabitant"
    assert cohabitants.any() and (frame.loc[cohabitants, "relationship_group"] == "household member").all()
    assert dhr._dhr.home_office_connection("Cohabitant") == "household_member"


def test_timeliness(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib")
    results = load("timeliness").main(tmp_path)
    stockton = results["stockton_2011"]
    proposed = results["proposed_2024"]
    # A 12-month target can only be met more often than a 6-month one.
    met = lambda f: f["home_office_submission_status"].isin(["met"]).sum()  # noqa: E731
    assert met(proposed) > met(stockton)
    assert (tmp_path / "timeliness.png").stat().st_size > 10_000


def test_case_system_appends_safely_corrects_and_keeps_the_receipt() -> None:
    # README, "Integrating with a case system" (the correction is spec 8.4's
    # `voided` event).
    import dhr

    out = load("case_system").main()
    assert out["refused"] == ("prerequisite_missing", "events[2]")
    assert out["version"] == 4
    assert out["stage"] == "decided"
    assert out["voided_events"] == [1]
    assert out["engine"]["version"] == dhr.__version__
    assert out["engine"]["rules"]["id"] == "stockton_2011"
