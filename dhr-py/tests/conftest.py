"""Shared helpers: where the cross-language golden fixtures live."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
DHRD = Path("/work/shared/data/dhrd")


def fixture_files(kind: str) -> list[Path]:
    """The golden fixtures of one directory, sorted by name (`*.input.json`
    files are bare example documents that other fixtures are built from)."""
    return sorted(p for p in (FIXTURES / kind).glob("*.json") if not p.name.endswith(".input.json"))


def load(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return json.load(f)
