"""pandas helpers: whole datasets in one call.

pandas is optional: it is never imported by ``import dhr``; these functions
only use the methods of the frame they are given. Columns are handed to the
native module as whole lists and the rows are converted and assessed in Rust
(with the GIL released), not in a Python loop.
"""

from __future__ import annotations

import datetime as _dt
import gc
from typing import TYPE_CHECKING, Any, Literal, Optional, Sequence, Union

from dhr import _dhr

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

DateLike = Union[_dt.date, str]

#: The columns ``assess_frame`` reads (one death per row, one suspect), as
#: dhr-core defines them. A column that is absent means the fact is unknown;
#: other columns are carried through untouched and never read.
ASSESS_COLUMNS: tuple[str, ...] = _dhr.ASSESS_COLUMNS

#: The milestone columns ``timeliness_frame`` reads (one review per row), in
#: lifecycle order, as dhr-core defines them.
TIMELINESS_COLUMNS: tuple[str, ...] = _dhr.TIMELINESS_COLUMNS


def _as_list(series: "pd.Series[Any]") -> list[Any]:
    """A column as a list of plain Python values, None where missing.

    datetime64 columns at midnight become ISO date strings (a value with a
    time of day is left as a Timestamp, which the native side refuses as a
    datetime); float columns holding only whole numbers (pandas' way of
    storing integers with gaps) become ints.
    """
    kind = series.dtype.kind
    notna = series.notna()
    if kind == "M":
        if bool((series[notna] == series[notna].dt.normalize()).all()):
            strings = series.dt.strftime("%Y-%m-%d")
            iso: list[Any] = strings.astype(object).where(notna, None).tolist()
            return iso
    elif kind == "f":
        present = series[notna]
        if bool((present == present.round()).all()):
            try:
                ints = series.astype("Int64")
            except (TypeError, ValueError, OverflowError):
                pass  # e.g. infinity: left as floats, refused by the native side
            else:
                return ints.astype(object).where(notna, None).tolist()
    values: list[Any] = series.astype(object).where(notna, None).tolist()
    return values


def _columns(df: "pd.DataFrame", names: Sequence[str]) -> dict[str, list[Any]]:
    return {name: _as_list(df[name]) for name in names if name in df.columns}


def _cells(series: "pd.Series[Any]") -> tuple[list[Any], bool]:
    """A column for ``assess_columns``, cheaply where pandas allows: the
    cells and whether they are raw (as pandas holds them: a float NaN is a
    missing value, and the native side hands back a column holding any
    other kind of missing value, such as pd.NA or NaT, to be normalised by
    ``_as_list``). Otherwise the same list as ``_as_list`` gives.
    """
    import numpy as np  # pandas' own dependency
    import pandas as pd

    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype):
        return series.to_numpy(dtype=object).tolist(), True
    if not isinstance(dtype, np.dtype):
        return _as_list(series), False
    if dtype.kind == "O":
        return series.to_numpy().tolist(), True
    if dtype.kind in "biu":  # never missing: the values themselves
        return series.to_numpy().tolist(), False
    if dtype.kind == "f":
        values = series.to_numpy()
        gaps = np.isnan(values)
        present = values[~gaps]
        # Whole numbers small enough to be exact: ``_as_list`` makes ints.
        if bool((present == np.floor(present)).all()) and bool((np.abs(present) < 2.0**53).all()):
            ints = np.where(gaps, 0, values).astype(np.int64)
            if not gaps.any():
                return ints.tolist(), False
            missing: Any = None
            cells: list[Any] = np.where(gaps, missing, ints).tolist()
            return cells, False
    return _as_list(series), False


def _assess_columns(df: "pd.DataFrame", **options: Any) -> tuple[list[Any], ...]:
    """``assess_columns`` over the frame's columns (see ``_cells``)."""
    columns: dict[str, list[Any]] = {}
    raw: set[str] = set()
    for name in ASSESS_COLUMNS:
        if name in df.columns:
            cells, is_raw = _cells(df[name])
            columns[name] = cells
            if is_raw:
                raw.add(name)
    while True:
        outcome, regime, missing, errors, redo = _dhr.assess_columns(columns, len(df), raw=raw, **options)
        if not redo:
            return outcome, regime, missing, errors
        for name in redo:
            columns[name] = _as_list(df[name])
            raw.discard(name)


def _copy(df: "pd.DataFrame") -> "pd.DataFrame":
    """A copy of ``df`` to add columns to. With pandas' copy-on-write (always
    on from pandas 3) a shallow copy behaves as a copy in every way and costs
    nothing; before it, the data are copied."""
    import pandas as pd

    if int(pd.__version__.split(".")[0]) >= 3:
        return df.copy(deep=False)
    return df.copy()


def assess_frame(
    df: "pd.DataFrame",
    *,
    dardr_commenced: Optional[DateLike] = None,
    susr_from: Optional[DateLike] = None,
    on_error: Literal["raise", "return"] = "raise",
) -> "pd.DataFrame":
    """Assess one death per row; return a copy of ``df`` with the columns
    ``outcome``, ``regime`` and ``missing`` (a list of paths) added.

    Reads the columns of ``ASSESS_COLUMNS`` (an absent column is unknown;
    an empty ``manner`` is ``"unknown"``). With ``on_error="raise"`` the
    first invalid row raises ``DhrError`` with a path such as
    ``[12].deceased.age`` (row position, then the field); with
    ``on_error="return"`` failed rows get None answers and the exception in
    an ``error`` column.
    """
    # The answer holds a list per row: pause the cyclic garbage collector
    # while they are made (it would otherwise walk every tracked object of
    # the process many times over for a large frame). Nothing made here is
    # cyclic.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        outcome, regime, missing, errors = _assess_columns(
            df,
            dardr_commenced=dardr_commenced,
            susr_from=susr_from,
            on_error=on_error,
        )
        import pandas as pd  # only when called: pandas stays optional

        out = _copy(df)
        out["outcome"] = pd.Series(outcome, index=out.index, dtype=object)
        out["regime"] = pd.Series(regime, index=out.index, dtype=object)
        out["missing"] = pd.Series(missing, index=out.index, dtype=object)
        if on_error == "return":
            out["error"] = pd.Series(errors, index=out.index, dtype=object)
        # One receipt for the frame (spec 8.3), in its metadata, not a column.
        out.attrs["dhr_engine"] = _dhr.receipt(dardr_commenced=dardr_commenced, susr_from=susr_from).to_dict()
    finally:
        if gc_was_enabled:
            gc.enable()
    return out


def timeliness_frame(
    df: "pd.DataFrame",
    *,
    rules: Union[str, dict[str, Any], None] = None,
    as_of: DateLike,
    due_soon_days: Optional[int] = None,
) -> "pd.DataFrame":
    """Each review's deadlines as of ``as_of``, one review per row.

    Reads the milestone columns of ``TIMELINESS_COLUMNS`` (absent or empty:
    not happened by ``as_of``) against ``rules`` (None: dhr's default rule
    set). Returns a copy of ``df`` with, for each rule of
    the rule set, the columns ``<rule>_due`` (``datetime.date`` or None),
    ``<rule>_status`` and ``<rule>_days_late`` (nullable integers).
    """
    result = _dhr.timeliness_columns(
        _columns(df, TIMELINESS_COLUMNS),
        len(df),
        rules=rules,
        as_of=as_of,
        due_soon_days=due_soon_days,
    )
    import pandas as pd  # only when called: pandas stays optional

    out = _copy(df)
    for rule, (due, status, days_late) in result.items():
        out[f"{rule}_due"] = pd.Series(due, index=out.index, dtype=object)
        out[f"{rule}_status"] = pd.Series(status, index=out.index, dtype=object)
        out[f"{rule}_days_late"] = pd.Series(days_late, index=out.index, dtype="Int64")
    # One receipt for the frame (spec 8.3), in its metadata, not a column.
    out.attrs["dhr_engine"] = _dhr.receipt(rules=rules, due_soon_days=due_soon_days, status=True).to_dict()
    return out
