"""Type stubs of the native module ``dhr._dhr`` (checked by mypy.stubtest)."""

import datetime
from typing import Any, ClassVar, Container, Iterable, Literal, Mapping, Optional, Union, final, overload
from typing import TypedDict

_DateLike = Union[datetime.date, str]
_Region = Literal["england_and_wales", "scotland", "northern_ireland"]
_Policy = Literal["last_day", "round_up", "refuse"]
_OnError = Literal["raise", "return"]
_Rules = Union[str, Mapping[str, Any]]
_Document = Union[Mapping[str, Any], str, bytes]
_SchemaName = Literal["death", "review", "rule_set", "assessment", "status", "error"]

__version__: str

__all__ = [
    "__version__",
    "DhrError",
    "InvalidJsonError",
    "UnsupportedSchemaVersionError",
    "MissingFieldError",
    "UnknownFieldError",
    "DuplicateFieldError",
    "InvalidValueError",
    "InvalidDateError",
    "DateOutOfRangeError",
    "ContradictoryFactsError",
    "EventOutOfOrderError",
    "PrerequisiteMissingError",
    "RoleNotAllowedError",
    "UnknownRuleSetError",
    "InvalidRuleSetError",
    "AmbiguousDateError",
    "UsageError",
    "ERROR_CLASSES",
    "MonthsLater",
    "add_months",
    "is_working_day",
    "add_working_days",
    "bank_holidays",
    "bank_holiday_coverage",
    "Assessment",
    "Reason",
    "RelatedReview",
    "assess",
    "assess_many",
    "assess_columns",
    "timeliness_columns",
    "ASSESS_COLUMNS",
    "TIMELINESS_COLUMNS",
    "Review",
    "Status",
    "Deadline",
    "Engine",
    "EngineRules",
    "schema",
    "receipt",
    "SCHEMA_NAMES",
    "BANK_HOLIDAYS_VERSION",
]

# Errors ----------------------------------------------------------------------

class DhrError(ValueError):
    """Invalid input: a stable ``code``, the ``path`` of the offending field
    (``deceased.age``, ``events[3].by``; empty for the whole document), a
    ``message``, and ``event_index`` for an event a review refused."""

    code: str
    path: str
    message: str
    event_index: Optional[int]

class InvalidJsonError(DhrError): ...
class UnsupportedSchemaVersionError(DhrError): ...
class MissingFieldError(DhrError): ...
class UnknownFieldError(DhrError): ...
class DuplicateFieldError(DhrError): ...
class InvalidValueError(DhrError): ...
class InvalidDateError(DhrError): ...
class DateOutOfRangeError(DhrError): ...
class ContradictoryFactsError(DhrError): ...
class EventOutOfOrderError(DhrError): ...
class PrerequisiteMissingError(DhrError): ...
class RoleNotAllowedError(DhrError): ...
class UnknownRuleSetError(DhrError): ...
class InvalidRuleSetError(DhrError): ...
class AmbiguousDateError(DhrError): ...
class UsageError(DhrError): ...

ERROR_CLASSES: dict[str, type[DhrError]]

# Calendar --------------------------------------------------------------------

@final
class MonthsLater:
    """The end of a period of months and whether its day was clamped."""

    @property
    def date(self) -> datetime.date: ...
    @property
    def clamped(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def add_months(start: _DateLike, months: int, *, policy: Optional[_Policy] = None) -> MonthsLater: ...
def is_working_day(date: _DateLike, region: Optional[_Region] = None) -> bool: ...
def add_working_days(start: _DateLike, days: int, region: Optional[_Region] = None) -> datetime.date: ...
def bank_holidays(region: Optional[_Region] = None) -> dict[datetime.date, str]: ...
def bank_holiday_coverage(region: Optional[_Region] = None) -> tuple[datetime.date, datetime.date]: ...

# Eligibility -----------------------------------------------------------------

@final
class Reason:
    @property
    def code(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def citation(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class RelatedReview:
    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def citation(self) -> str: ...
    @property
    def notify_by(self) -> Optional[datetime.date]: ...
    @property
    def rapid_review_by(self) -> Optional[datetime.date]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Assessment:
    """The answer of ``assess`` (interchange format 6.2)."""

    @property
    def reference(self) -> Optional[str]: ...
    @property
    def outcome(self) -> str: ...
    @property
    def regime(self) -> str: ...
    @property
    def reasons(self) -> list[Reason]: ...
    @property
    def missing(self) -> list[str]: ...
    @property
    def related_reviews(self) -> list[RelatedReview]: ...
    @property
    def engine(self) -> Optional[Engine]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def assess(
    case: _Document,
    *,
    dardr_commenced: Optional[_DateLike] = None,
    susr_from: Optional[_DateLike] = None,
) -> Assessment: ...
@overload
def assess_many(
    cases: Iterable[_Document],
    *,
    dardr_commenced: Optional[_DateLike] = None,
    susr_from: Optional[_DateLike] = None,
    on_error: Optional[Literal["raise"]] = None,
) -> list[Assessment]: ...
@overload
def assess_many(
    cases: Iterable[_Document],
    *,
    dardr_commenced: Optional[_DateLike] = None,
    susr_from: Optional[_DateLike] = None,
    on_error: Literal["return"],
) -> list[Union[Assessment, DhrError]]: ...
ASSESS_COLUMNS: tuple[str, ...]
TIMELINESS_COLUMNS: tuple[str, ...]

def assess_columns(
    columns: dict[str, list[Any]],
    rows: int,
    *,
    raw: Optional[Container[str]] = None,
    dardr_commenced: Optional[_DateLike] = None,
    susr_from: Optional[_DateLike] = None,
    on_error: Optional[_OnError] = None,
) -> tuple[
    list[Optional[str]], list[Optional[str]], list[Optional[list[str]]], list[Optional[DhrError]], list[str]
]: ...
def timeliness_columns(
    columns: dict[str, list[Any]],
    rows: int,
    *,
    as_of: _DateLike,
    rules: Optional[_Rules] = None,
    due_soon_days: Optional[int] = None,
) -> dict[str, tuple[list[Optional[datetime.date]], list[str], list[Optional[int]]]]: ...

# Reviews ---------------------------------------------------------------------

@final
class Deadline:
    """One deadline of a status (interchange format 6.4)."""

    @property
    def rule(self) -> str: ...
    @property
    def from_(self) -> Optional[datetime.date]: ...
    @property
    def due(self) -> Optional[datetime.date]: ...
    @property
    def clamped(self) -> bool: ...
    @property
    def paused_days(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def days_left(self) -> Optional[int]: ...
    @property
    def days_late(self) -> Optional[int]: ...
    @property
    def citation(self) -> str: ...
    @property
    def explanation(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# Spec 8.4 to 8.7: the closed sets of the new status keys.
_DeadlineStatus = Literal[
    "met", "met_late", "due", "due_soon", "overdue", "paused", "not_started", "not_applicable"
]
_ActionWithin = Literal["1_month", "6_months"]
_WarningCode = Literal["similar_agency_names"]

# One entry of ``Status.actions`` (spec 8.5); ``from`` is a keyword, hence
# the functional form.
_ActionStatus = TypedDict(
    "_ActionStatus",
    {
        "id": str,
        "within": _ActionWithin,
        "owner": Optional[str],
        "from": Optional[str],
        "due": Optional[str],
        "clamped": bool,
        "paused_days": int,
        "status": _DeadlineStatus,
        "days_left": Optional[int],
        "days_late": Optional[int],
        "completed_on": Optional[str],
    },
)

class _StatusWarning(TypedDict):
    """One entry of ``Status.warnings`` (spec 8.7)."""

    code: _WarningCode
    message: str
    path: str

@final
class Status:
    """A review as it stood on a date (interchange format 6.4)."""

    @property
    def reference(self) -> Optional[str]: ...
    @property
    def as_of(self) -> Optional[datetime.date]: ...
    @property
    def stage(self) -> str: ...
    @property
    def paused(self) -> bool: ...
    @property
    def deadlines(self) -> list[Deadline]: ...
    @property
    def imrs(self) -> list[dict[str, Any]]: ...
    @property
    def family(self) -> dict[str, bool]: ...
    @property
    def next(self) -> list[dict[str, Any]]: ...
    @property
    def actions(self) -> list[_ActionStatus]: ...
    @property
    def voided_events(self) -> list[int]: ...
    @property
    def events_after_as_of(self) -> int: ...
    @property
    def warnings(self) -> list[_StatusWarning]: ...
    @property
    def assessment(self) -> Optional[Assessment]: ...
    @property
    def engine(self) -> Engine: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Review:
    """A review: header and append-only event log (interchange format 6.3)."""

    def __new__(cls, reference: Optional[str] = None, rules: Optional[_Rules] = None) -> Review: ...
    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Review: ...
    @staticmethod
    def from_json(text: str) -> Review: ...
    def apply(self, event: Mapping[str, Any]) -> None: ...
    @property
    def reference(self) -> Optional[str]: ...
    @property
    def events(self) -> list[dict[str, Any]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def status(
        self,
        as_of: _DateLike,
        *,
        due_soon_days: Optional[int] = None,
        rules: Optional[_Rules] = None,
        dardr_commenced: Optional[_DateLike] = None,
        susr_from: Optional[_DateLike] = None,
    ) -> Status: ...
    def __len__(self) -> int: ...

# Receipts and schemas (spec 8.3, 8.8) --------------------------------------

@final
class EngineRules:
    """The rule set of a receipt: its id and the SHA-256 of its RFC 8785
    canonical JSON (64 lowercase hex digits)."""

    @property
    def id(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Engine:
    """The receipt of an answer (spec 8.3): engine version, bank-holiday data
    version, the rule set applied (a status) and the options after defaults."""

    @property
    def name(self) -> Literal["dhr"]: ...
    @property
    def version(self) -> str: ...
    @property
    def bank_holidays(self) -> str: ...
    @property
    def rules(self) -> Optional[EngineRules]: ...
    @property
    def dardr_commenced(self) -> Optional[datetime.date]: ...
    @property
    def susr_from(self) -> datetime.date: ...
    @property
    def due_soon_days(self) -> Optional[int]: ...
    @property
    def options(self) -> dict[str, Any]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

SCHEMA_NAMES: list[str]
BANK_HOLIDAYS_VERSION: str

def schema(name: _SchemaName) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) ``name`` of spec 8.8, as a dict."""

def receipt(
    *,
    dardr_commenced: Optional[_DateLike] = None,
    susr_from: Optional[_DateLike] = None,
    rules: Optional[_Rules] = None,
    due_soon_days: Optional[int] = None,
    status: bool = False,
) -> Engine:
    """The receipt an answer with these options would carry (spec 8.3)."""
