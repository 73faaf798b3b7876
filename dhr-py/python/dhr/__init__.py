"""Domestic Homicide Reviews for England and Wales, from Python.

Bindings of the Rust library dhr-core: whether a death must be reviewed
(``assess``, ``assess_many``), the review as an event log (``Review``), its
deadlines as of a date (``Review.status``), the calendar arithmetic behind
them (``add_months``, ``add_working_days``), and pandas helpers for whole
datasets (``assess_frame``, ``timeliness_frame``: pandas, polars, pyarrow or
any Arrow stream in, the same kind out; none of them is imported until a
frame of its kind is given).

Documents are dicts in the shape of the JSON interchange format (or JSON
text); dates may be ``datetime.date`` or ``"YYYY-MM-DD"`` strings, never a
``datetime.datetime``. Every invalid input raises ``DhrError`` (a
``ValueError``) with a stable ``code`` and the ``path`` of the field.
"""

from __future__ import annotations

from dhr._dhr import *  # noqa: F403
from dhr._dhr import __all__ as _native_all
from dhr._dhr import __version__ as __version__
from dhr._frames import ASSESS_COLUMNS, TIMELINESS_COLUMNS, ColumnNameWarning, assess_frame, timeliness_frame

__all__ = [*_native_all, "assess_frame", "timeliness_frame", "ColumnNameWarning"]
