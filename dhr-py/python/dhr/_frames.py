"""pandas helpers (filled in below)."""

from __future__ import annotations

from typing import Any


def assess_frame(df: Any) -> Any:
    raise NotImplementedError


def timeliness_frame(df: Any) -> Any:
    raise NotImplementedError
