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

#: The columns ``assess_frame`` reads (one death per row, one suspect).
#: A column that is absent means the fact is unknown; other columns are
#: carried through untouched and never read.
ASSESS_COLUMNS: tuple[str, ...] = (
    "reference",
    "date_of_death",
    "notified_on",
    "nation",
    "date_of_birth",
    "age",
    "age_band",
    "care_and_support_needs",
    "manner",
    "connection",
    "home_office_relationship",
    "same_household",
    "suspect_age",
    "abuse_suspected",
)

#: The columns ``timeliness_frame`` reads (one review per row).
TIMELINESS_COLUMNS: tuple[str, ...] = (
    "notified_on",
    "decided_on",
    "terms_of_reference_on",
    "submitted_on",
)


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
        outcome, regime, missing, errors = _dhr.assess_columns(
            _columns(df, ASSESS_COLUMNS),
            len(df),
            dardr_commenced=dardr_commenced,
            susr_from=susr_from,
            on_error=on_error,
        )
    finally:
        if gc_was_enabled:
            gc.enable()
    import pandas as pd  # only when called: pandas stays optional

    out = df.copy()
    out["outcome"] = pd.Series(outcome, index=out.index, dtype=object)
    out["regime"] = pd.Series(regime, index=out.index, dtype=object)
    out["missing"] = pd.Series(missing, index=out.index, dtype=object)
    if on_error == "return":
        out["error"] = pd.Series(errors, index=out.index, dtype=object)
    return out


def timeliness_frame(
    df: "pd.DataFrame",
    *,
    rules: Union[str, dict[str, Any]] = "stockton_2011",
    as_of: DateLike,
    due_soon_days: Optional[int] = None,
) -> "pd.DataFrame":
    """Each review's deadlines as of ``as_of``, one review per row.

    Reads ``notified_on``, ``decided_on`` (a decision to review),
    ``terms_of_reference_on`` and ``submitted_on`` (absent or empty: not
    happened by ``as_of``). Returns a copy of ``df`` with, for each rule of
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

    out = df.copy()
    for rule, (due, status, days_late) in result.items():
        out[f"{rule}_due"] = pd.Series(due, index=out.index, dtype=object)
        out[f"{rule}_status"] = pd.Series(status, index=out.index, dtype=object)
        out[f"{rule}_days_late"] = pd.Series(days_late, index=out.index, dtype="Int64")
    return out
