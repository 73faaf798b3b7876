"""Type stubs of the native module ``dhr._dhr`` (checked by mypy.stubtest)."""

import datetime
from typing import Any, ClassVar, Container, Iterable, Literal, Mapping, Optional, Union, final, overload
from typing import TypedDict

_DateLike = Union[datetime.date, str]
_Region = Literal["england_and_wales", "scotland", "northern_ireland"]
_Policy = Literal["last_day", "round_up", "refuse"]
_OnError = Literal["raise", "return"]

# Closed sets (generated from dhr-core's ALL lists; checked by
# tests/test_stub_literals.py, which prints these lines when they differ).
_Outcome = Literal["required", "consider", "not_required", "needs_information", "out_of_scope"]
_Regime = Literal["dhr_s9", "dardr_s8a", "susr_wales", "none"]
_Stage = Literal["not_notified", "notified", "decided", "home_office_informed", "directed_review", "panel_commissioned", "chair_appointed", "terms_of_reference_agreed", "records_secured", "imr_commissioned", "family_informed", "overview_drafted", "overview_quality_assured", "action_plan_agreed", "submitted_to_home_office", "qa_outcome", "published", "closed_no_review"]
_DeadlineStatus = Literal["met", "met_late", "due", "due_soon", "overdue", "paused", "not_started", "not_applicable"]
_ReasonCode = Literal["out_of_scope_scotland", "out_of_scope_northern_ireland", "regime_dhr_s9", "regime_dhr_s9_before_dardr", "regime_dardr_s8a", "regime_susr_wales", "wales_before_susr", "death_before_s9_in_force", "age_16_or_over", "age_under_16", "age_unknown", "leap_day_birthday", "connection_intimate_partner", "connection_former_intimate_partner", "connection_relative", "connection_household", "connection_none", "connection_unknown", "connection_household_unknown", "home_office_relationship_mapped", "abuse_suspected", "abuse_ruled_out", "abuse_unknown", "personally_connected", "not_personally_connected", "personal_connection_unknown", "suspect_16_or_over", "suspect_under_16", "suspect_age_unknown", "abusive_behaviour", "neglect_as_other_abuse", "abusive_behaviour_unknown", "abuse_indicators_noted", "no_suspects", "suicide_abuse_suspected", "suicide_consider", "suicide_abuse_ruled_out", "test_met", "test_not_met", "information_needed"]
_RelatedReviewKind = Literal["child_safeguarding_practice_review", "child_death_review", "safeguarding_adults_review", "susr_practice_review", "offensive_weapons_homicide_review"]
_ErrorCode = Literal["invalid_json", "unsupported_schema_version", "missing_field", "unknown_field", "duplicate_field", "invalid_value", "invalid_date", "date_out_of_range", "contradictory_facts", "event_out_of_order", "prerequisite_missing", "role_not_allowed", "unknown_rule_set", "invalid_rule_set", "ambiguous_date", "usage"]
_RuleSetId = Literal["stockton_2011", "guidance_2016", "proposed_2024"]

_Rules = Union[_RuleSetId, Mapping[str, Any]]
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
    "assess_arrow",
    "timeliness_arrow",
    "at_column",
    "home_office_connection",
    "misspelt_column",
    "ASSESS_COLUMNS",
    "TIMELINESS_COLUMNS",
    "ASSESS_OUTPUT",
    "ERROR_COLUMNS",
    "OUTCOMES",
    "REGIMES",
    "NAMES",
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

    code: str  # the subclass's own code (a _ErrorCode)
    path: str
    message: str
    event_index: Optional[int]

class InvalidJsonError(DhrError):
    code: Literal["invalid_json"]
class UnsupportedSchemaVersionError(DhrError):
    code: Literal["unsupported_schema_version"]
class MissingFieldError(DhrError):
    code: Literal["missing_field"]
class UnknownFieldError(DhrError):
    code: Literal["unknown_field"]
class DuplicateFieldError(DhrError):
    code: Literal["duplicate_field"]
class InvalidValueError(DhrError):
    code: Literal["invalid_value"]
class InvalidDateError(DhrError):
    code: Literal["invalid_date"]
class DateOutOfRangeError(DhrError):
    code: Literal["date_out_of_range"]
class ContradictoryFactsError(DhrError):
    code: Literal["contradictory_facts"]
class EventOutOfOrderError(DhrError):
    code: Literal["event_out_of_order"]
class PrerequisiteMissingError(DhrError):
    code: Literal["prerequisite_missing"]
class RoleNotAllowedError(DhrError):
    code: Literal["role_not_allowed"]
class UnknownRuleSetError(DhrError):
    code: Literal["unknown_rule_set"]
class InvalidRuleSetError(DhrError):
    code: Literal["invalid_rule_set"]
class AmbiguousDateError(DhrError):
    code: Literal["ambiguous_date"]
class UsageError(DhrError):
    code: Literal["usage"]

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
    def code(self) -> _ReasonCode: ...
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
    def kind(self) -> _RelatedReviewKind: ...
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
    def outcome(self) -> _Outcome: ...
    @property
    def regime(self) -> _Regime: ...
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
ASSESS_OUTPUT: tuple[str, ...]
ERROR_COLUMNS: tuple[str, ...]
OUTCOMES: tuple[_Outcome, ...]
REGIMES: tuple[_Regime, ...]
NAMES: dict[str, tuple[str, ...]]

def assess_columns(
    columns: dict[str, list[Any]],
    rows: int,
    *,
    raw: Optional[Container[str]] = None,
    dardr_commenced: Optional[_DateLike] = None,
    susr_from: Optional[_DateLike] = None,
    on_error: Optional[_OnError] = None,
) -> tuple[list[Any], ...]: ...
def assess_arrow(
    data: Any,
    *,
    dardr_commenced: Optional[_DateLike] = None,
    susr_from: Optional[_DateLike] = None,
    on_error: Optional[_OnError] = None,
    prefix: str = "",
    keep: bool = True,
    taken: list[str] = ...,
) -> Any: ...
def timeliness_arrow(
    data: Any,
    *,
    as_of: _DateLike,
    rules: Optional[_Rules] = None,
    due_soon_days: Optional[int] = None,
    on_error: Optional[_OnError] = None,
    prefix: str = "",
    keep: bool = True,
    taken: list[str] = ...,
) -> Any: ...
def at_column(path: str) -> str: ...
def home_office_connection(value: str) -> Optional[str]: ...
def misspelt_column(name: str, *, timeliness: bool = False) -> Optional[str]: ...

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
    def status(self) -> _DeadlineStatus: ...
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

# Spec 8.4 to 8.7: the closed sets of the new status keys (a deadline's
# status is ``_DeadlineStatus`` above).
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
    def stage(self) -> _Stage: ...
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
