"""Shared helpers: where the cross-language golden fixtures live."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
DHRD = Path("/work/shared/data/dhrd")


def fixture_files(kind: str) -> list[Path]:
    """The JSON files of one fixture directory, sorted by name."""
    return sorted((FIXTURES / kind).glob("*.json"))


def load(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return json.load(f)
