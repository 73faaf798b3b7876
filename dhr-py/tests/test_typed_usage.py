"""Run the typed usage file (mypy --strict checks it in run-tests)."""

import typed_usage


def test_typed_usage_runs() -> None:
    typed_usage.main()
