"""The exception hierarchy: DhrError(ValueError), one subclass per code."""

from __future__ import annotations

import pytest

import dhr

# The codes of dhr_core::ErrorCode (dhr-core/src/error.rs), spec 7.
CODES = [
    "invalid_json",
    "unsupported_schema_version",
    "missing_field",
    "unknown_field",
    "duplicate_field",
    "invalid_value",
    "invalid_date",
    "date_out_of_range",
    "contradictory_facts",
    "event_out_of_order",
    "prerequisite_missing",
    "role_not_allowed",
    "unknown_rule_set",
    "invalid_rule_set",
    "ambiguous_date",
    "usage",
]


def class_name(code: str) -> str:
    return "".join(w.capitalize() for w in code.split("_")) + "Error"


def test_base_is_value_error() -> None:
    assert issubclass(dhr.DhrError, ValueError)


@pytest.mark.parametrize("code", CODES)
def test_one_subclass_per_code(code: str) -> None:
    cls = getattr(dhr, class_name(code))
    assert issubclass(cls, dhr.DhrError) and cls is not dhr.DhrError
    assert cls.code == code
    assert dhr.ERROR_CLASSES[code] is cls


def test_no_other_codes() -> None:
    # Every code the Rust core knows has a class, and no more: the mapping is
    # built from ErrorCode::ALL, so this fails if the Rust catalogue changes
    # without this list (and the stub) following.
    assert sorted(dhr.ERROR_CLASSES) == sorted(CODES)


def test_raised_error_carries_code_path_message() -> None:
    with pytest.raises(dhr.InvalidDateError) as info:
        dhr.add_months("2023-02-29", 1)
    err = info.value
    assert err.code == "invalid_date"
    assert err.path == "start"
    assert err.message and err.message in str(err)
    assert err.event_index is None
    assert isinstance(err, ValueError)


def test_message_does_not_repeat_caller_value() -> None:
    with pytest.raises(dhr.DhrError) as info:
        dhr.add_months("1899-12-31", 1)
    assert "1899-12-31" not in str(info.value)
