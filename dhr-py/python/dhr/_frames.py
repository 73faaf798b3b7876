"""Frame helpers: whole datasets in one call, Arrow in, the same kind out.

``assess_frame`` and ``timeliness_frame`` take a pandas DataFrame, a polars
DataFrame, a pyarrow Table, RecordBatch or RecordBatchReader, or any object
with the Arrow PyCapsule interface (``__arrow_c_stream__`` /
``__arrow_c_array__``), and return the same kind. The columns are read by
the native module zero-copy through the Arrow C interface (``pyo3-arrow``)
and the rows are read and assessed in Rust with the GIL released, by
dhr-core's one death reader and flat schema.

None of pandas, polars and pyarrow is imported by ``import dhr``; each is
imported only when a frame of its kind is given (pandas frames are handed
over through pyarrow, the ``frames`` extra; without it a slower list path is
taken).
"""

from __future__ import annotations

import datetime as _dt
import gc
import warnings
from typing import TYPE_CHECKING, Any, Literal, Optional, Sequence, TypeVar, Union, cast

from dhr import _dhr

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

DateLike = Union[_dt.date, str]
Frame = TypeVar("Frame")


class ColumnNameWarning(UserWarning):
    """A column of a frame looks like a misspelt dhr column (one or two
    letters off): it is not read."""

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



def _kind(data: Any) -> str:
    """Which kind of frame ``data`` is, by its class (nothing is imported)."""
    cls = type(data)
    module = cls.__module__.split(".")[0]
    name = cls.__name__
    if module == "pandas" and name == "DataFrame":
        return "pandas"
    if module == "polars":
        if name == "LazyFrame":
            return "polars_lazy"
        if name == "DataFrame":
            return "polars"
    if module == "pyarrow":
        if name == "Table":
            return "pyarrow_table"
        if name == "RecordBatch":
            return "pyarrow_batch"
        if name == "RecordBatchReader":
            return "pyarrow_reader"
    if hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__"):
        return "arrow"
    raise TypeError(
        f"expected a pandas or polars DataFrame, a pyarrow Table, RecordBatch or RecordBatchReader, "
        f"or an object with __arrow_c_stream__; got {cls.__module__}.{name}"
    )


def _column_names(data: Any, kind: str) -> list[str]:
    if kind in ("pandas", "polars"):
        return [str(c) for c in data.columns]
    if kind.startswith("pyarrow"):
        return list(data.schema.names)
    return []


def _warn_misspelt(names: Sequence[str], timeliness: bool) -> None:
    for name in names:
        near = _dhr.misspelt_column(name, timeliness=timeliness)
        if near is not None:
            warnings.warn(
                f"column {name!r} is not read: did you mean {near!r}?",
                ColumnNameWarning,
                stacklevel=3,
            )


def _check_free(taken: Sequence[str], names: Sequence[str]) -> None:
    clash = [n for n in names if n in set(taken)]
    if clash:
        raise ValueError(
            f"the frame already has the column(s) {clash}: they are not overwritten "
            "(pass prefix= to name the answer's columns differently)"
        )


def _date_arg(value: Any) -> Any:
    """A pandas Timestamp or numpy datetime64 at midnight as a date (a time
    of day is left as it is, and refused as a datetime)."""
    if type(value).__module__.split(".")[0] in ("pandas", "numpy") and hasattr(value, "isoformat"):
        try:
            import pandas as pd

            ts = pd.Timestamp(value)
        except (ImportError, ValueError, TypeError):
            return value
        if not pd.isna(ts) and ts == ts.normalize():
            return ts.date()
    elif type(value).__module__ == "numpy":
        import numpy as np

        if isinstance(value, np.datetime64):
            return _date_arg(__import__("pandas").Timestamp(value))
    return value


def _locate(error: BaseException, data: Any, kind: str) -> BaseException:
    """Name the pandas index label of a raised row error."""
    row = getattr(error, "row", None)
    if kind == "pandas" and isinstance(row, int) and 0 <= row < len(data):
        label = data.index[row]
        setattr(error, "label", label)  # noqa: B010 - an attribute of the exception
        if hasattr(error, "add_note"):
            error.add_note(f"at row {row} (index label {label!r}), column {getattr(error, 'column', '')!r}")
    return error


def _pandas_arrow(df: "pd.DataFrame", names: Sequence[str]) -> Any:
    """The frame's dhr columns as a pyarrow Table, or None when pyarrow is
    not installed or a column holds values Arrow cannot hold in one type
    (mixed kinds, lone surrogates, huge ints...): those take the list path,
    which reads every cell as ``dhr.assess`` would."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return None
    arrays = {}
    for name in names:
        if name in df.columns:
            try:
                array = pa.array(df[name], from_pandas=True)
            except Exception:  # noqa: BLE001 - any refusal: the list path reads it
                return None
            if pa.types.is_floating(array.type):
                # A NaN pyarrow kept (a numpy float32 NaN in an object
                # column) is pandas' missing value too.
                import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

                array = pc.if_else(pc.is_nan(array), pa.scalar(None, array.type), array)
            arrays[name] = array
    return pa.table(arrays) if arrays else pa.table({"_": pa.nulls(len(df))})


def _to_pandas(table: Any, index: Any) -> "pd.DataFrame":
    """The answer's columns (a pyarrow Table) as pandas columns: dictionaries
    as categoricals, lists as pandas' Arrow list columns, dates as
    datetime64, integers with gaps as Int64."""
    import pandas as pd
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    columns: dict[str, Any] = {}
    for name, col in zip(table.column_names, table.columns):
        t = col.type
        if pa.types.is_dictionary(t):
            series = col.to_pandas()
        elif pa.types.is_list(t):
            series = pd.Series(pd.arrays.ArrowExtensionArray(col))
        elif pa.types.is_date(t):
            series = col.to_pandas(date_as_object=False)
        elif pa.types.is_integer(t):
            series = pd.Series(col.to_pandas(), dtype="Int64")
        else:
            series = col.to_pandas()
        series.index = index
        columns[name] = series
    return pd.DataFrame(columns, index=index)


def _pandas_join(df: "pd.DataFrame", answer: "pd.DataFrame") -> "pd.DataFrame":
    import pandas as pd

    out = _copy(df)
    if len(answer.columns):
        out = pd.concat([out, answer], axis=1)
    return out


def _polars_source(df: Any, names: Sequence[str]) -> Any:
    """The polars frame's dhr columns, to hand over through the Arrow C
    stream (a column of polars' Null type, all missing, is handed over as
    text: polars exports it with a buffer Arrow's Null type has not)."""
    import polars as pl

    cols = [pl.col(c).cast(pl.String) if df.schema[c] == pl.Null else pl.col(c) for c in names if c in df.columns]
    if not cols:
        return pl.DataFrame({"_": pl.Series([None] * len(df), dtype=pl.String)})
    return df.select(cols)


def _same_kind(table: Any, data: Any, kind: str) -> Any:
    """The native answer (an Arrow table with ``__arrow_c_stream__``) as the
    kind of frame given."""
    if kind == "arrow":
        return table
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    t = pa.table(table)
    if kind == "pyarrow_table":
        return t
    if kind == "pyarrow_batch":
        t = t.combine_chunks()
        batches = t.to_batches()
        return batches[0] if batches else pa.RecordBatch.from_pylist([], schema=t.schema)
    if kind == "pyarrow_reader":
        return pa.RecordBatchReader.from_batches(t.schema, t.to_batches())
    raise TypeError(kind)  # pragma: no cover


def _assess_list_path(df: "pd.DataFrame", **options: Any) -> dict[str, list[Any]]:
    """The answer's columns as lists, from the frame's columns as Python
    lists (see ``_cells``): pandas without pyarrow, or columns Arrow cannot
    hold."""
    columns: dict[str, list[Any]] = {}
    raw: set[str] = set()
    for name in ASSESS_COLUMNS:
        if name in df.columns:
            cells, is_raw = _cells(df[name])
            columns[name] = cells
            if is_raw:
                raw.add(name)
    while True:
        *answer, redo = _dhr.assess_columns(columns, len(df), raw=raw, **options)
        if not redo:
            return dict(zip((*_dhr.ASSESS_OUTPUT, *_dhr.ERROR_COLUMNS), answer))
        for name in redo:
            columns[name] = _as_list(df[name])
            raw.discard(name)


def _lists_to_pandas(lists: dict[str, list[Any]], index: Any, on_error: str, prefix: str) -> "pd.DataFrame":
    import pandas as pd

    out: dict[str, Any] = {}
    for name, values in lists.items():
        if name in _dhr.ERROR_COLUMNS and on_error != "return":
            continue
        if name in ("outcome", "regime"):
            series = pd.Series(pd.Categorical(values, categories=_CATEGORIES[name]), index=index)
        elif name in ("missing", "reasons", "related_reviews"):
            try:
                import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

                series = pd.Series(
                    pd.arrays.ArrowExtensionArray(pa.chunked_array([pa.array(values, type=pa.list_(pa.string()))])),
                    index=index,
                )
            except ImportError:
                series = pd.Series(values, index=index, dtype=object)
        else:
            series = pd.Series(values, index=index, dtype=object)
        out[prefix + name] = series
    return pd.DataFrame(out, index=index)


_CATEGORIES = {"outcome": _dhr.OUTCOMES, "regime": _dhr.REGIMES}


def _copy(df: "pd.DataFrame") -> "pd.DataFrame":
    """A copy of ``df`` to add columns to. With pandas' copy-on-write (always
    on from pandas 3) a shallow copy behaves as a copy in every way and costs
    nothing; before it, the data are copied."""
    import pandas as pd

    if int(pd.__version__.split(".")[0]) >= 3:
        return df.copy(deep=False)
    return df.copy()


def assess_frame(
    df: Frame,
    *,
    dardr_commenced: Optional[DateLike] = None,
    susr_from: Optional[DateLike] = None,
    on_error: Literal["raise", "return"] = "raise",
    prefix: str = "",
) -> Frame:
    """Assess one death per row; return the same kind of frame with the
    columns ``outcome`` and ``regime`` (categorical / dictionary over every
    outcome and regime), ``missing`` (the facts to find, as spec 6.2 paths),
    ``reasons`` (reason codes) and ``related_reviews`` (kinds) (list
    columns) added after the frame's own, each name after ``prefix``.

    Reads the columns of ``ASSESS_COLUMNS`` (an absent column is unknown; an
    empty ``manner`` is ``"unknown"``; ``abuse_indicators`` is a list column
    or names separated by ``;``). With ``on_error="raise"`` the first
    invalid row raises ``DhrError`` with a path such as ``[12].suspect_age``
    (row position, then the column) and the attributes ``row``, ``column``
    (and ``label``, the index label, for pandas); with ``on_error="return"``
    failed rows get null answers and the string columns ``error_code``,
    ``error_column`` and ``error_message``. A column of the frame that is
    already named as an answer column is an error (``ValueError``): use
    ``prefix``. A column one or two letters off a dhr column gives a
    ``ColumnNameWarning``. A polars LazyFrame is refused: collect it first.
    """
    df_: Any = df
    kind = _kind(df_)
    if kind == "polars_lazy":
        raise TypeError("assess_frame reads every row: call .collect() on the LazyFrame first")
    options: dict[str, Any] = {
        "dardr_commenced": _date_arg(dardr_commenced),
        "susr_from": _date_arg(susr_from),
        "on_error": on_error,
    }
    if on_error not in ("raise", "return"):
        _dhr.assess_columns({}, 0, on_error=on_error)  # the core's error for the argument
    names = _column_names(df_, kind)
    out_names = [prefix + n for n in (*_dhr.ASSESS_OUTPUT, *(_dhr.ERROR_COLUMNS if on_error == "return" else ()))]
    _check_free(names, out_names)
    _warn_misspelt([n for n in names if n not in ASSESS_COLUMNS], timeliness=False)
    try:
        if kind == "pandas":
            return cast(Frame, _assess_pandas(df_, options, prefix))
        if kind == "polars":
            import polars as pl

            answer = _dhr.assess_arrow(_polars_source(df_, ASSESS_COLUMNS), keep=False, prefix=prefix, **options)
            return cast(Frame, df_.hstack(pl.DataFrame(answer)))
        table = _dhr.assess_arrow(df_, prefix=prefix, **options)
        return cast(Frame, _same_kind(table, df_, kind))
    except _dhr.DhrError as e:
        raise _locate(e, df_, kind) from None


def _assess_pandas(df: "pd.DataFrame", options: dict[str, Any], prefix: str) -> "pd.DataFrame":
    # Lists per row are made: pause the cyclic garbage collector meanwhile
    # (nothing made here is cyclic).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        table = _pandas_arrow(df, ASSESS_COLUMNS)
        if table is not None:
            answer = _to_pandas(
                __import__("pyarrow").table(_dhr.assess_arrow(table, keep=False, prefix=prefix, **options)),
                df.index,
            )
        else:
            answer = _lists_to_pandas(_assess_list_path(df, **options), df.index, options["on_error"], prefix)
        out = _pandas_join(df, answer)
        # One receipt for the frame (spec 8.3), in its metadata, not a column.
        out.attrs["dhr_engine"] = _dhr.receipt(
            dardr_commenced=options.get("dardr_commenced"), susr_from=options.get("susr_from")
        ).to_dict()
        return out
    finally:
        if gc_was_enabled:
            gc.enable()


def _milestone_text(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.isoformat()  # refused by the core: a date and time
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def timeliness_frame(
    df: Frame,
    *,
    rules: Union[str, dict[str, Any], None] = None,
    as_of: DateLike,
    due_soon_days: Optional[int] = None,
    on_error: Literal["raise", "return"] = "raise",
    prefix: str = "",
) -> Frame:
    """Each review's deadlines as of ``as_of``, one review per row.

    Reads the milestone columns of ``TIMELINESS_COLUMNS`` (dates, or
    ``YYYY-MM-DD`` text; absent or empty: not happened by ``as_of``) against
    ``rules`` (None: dhr's default rule set). Returns the same kind of frame
    with, for each rule of the rule set, the columns ``<rule>_due`` (the
    frame library's date type: datetime64 for pandas), ``<rule>_status``
    (categorical over every status) and ``<rule>_days_late`` (nullable
    integers), after ``prefix``. ``on_error`` and ``prefix`` as for
    ``assess_frame``.
    """
    df_: Any = df
    kind = _kind(df_)
    if kind == "polars_lazy":
        raise TypeError("timeliness_frame reads every row: call .collect() on the LazyFrame first")
    options: dict[str, Any] = {
        "rules": rules,
        "as_of": _date_arg(as_of),
        "due_soon_days": due_soon_days,
        "on_error": on_error,
    }
    names = _column_names(df_, kind)
    _warn_misspelt([n for n in names if n not in TIMELINESS_COLUMNS], timeliness=True)
    try:
        if kind == "pandas":
            import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

            arrays = {}
            for name in TIMELINESS_COLUMNS:
                if name in df_.columns:
                    try:
                        arrays[name] = pa.array(df_[name], from_pandas=True)
                    except Exception:  # noqa: BLE001 - mixed kinds: as text, read by the core
                        arrays[name] = pa.array([_milestone_text(v) for v in _as_list(df_[name])], type=pa.string())
            table = pa.table(arrays) if arrays else pa.table({"_": pa.nulls(len(df_))})
            answer = pa.table(_dhr.timeliness_arrow(table, keep=False, prefix=prefix, taken=list(names), **options))
            out = _pandas_join(df_, _to_pandas(answer, df_.index))
            # One receipt for the frame (spec 8.3), in its metadata, not a column.
            out.attrs["dhr_engine"] = _dhr.receipt(rules=cast(Any, rules), due_soon_days=due_soon_days, status=True).to_dict()
            return cast(Frame, out)
        if kind == "polars":
            import polars as pl

            source = _polars_source(df_, TIMELINESS_COLUMNS)
            answer = _dhr.timeliness_arrow(source, keep=False, prefix=prefix, taken=names, **options)
            return cast(Frame, df_.hstack(pl.DataFrame(answer)))
        table = _dhr.timeliness_arrow(df_, prefix=prefix, **options)
        return cast(Frame, _same_kind(table, df_, kind))
    except _dhr.DhrError as e:
        raise _locate(e, df_, kind) from None
