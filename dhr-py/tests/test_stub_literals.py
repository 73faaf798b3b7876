"""The stubs' Literal types are the core's closed sets: every outcome,
regime, stage, deadline status, reason code, related review kind, error code
and built-in rule set id, in the core's order (dhr-core's ALL lists, as the
native module's NAMES gives them)."""

from __future__ import annotations

import ast
from pathlib import Path

import dhr

STUB = Path(dhr.__file__).resolve().parent / "_dhr.pyi"
if not STUB.exists():  # the installed package: the source tree's copy
    STUB = Path(__file__).resolve().parents[1] / "python" / "dhr" / "_dhr.pyi"

ALIASES = {
    "outcome": "_Outcome",
    "regime": "_Regime",
    "stage": "_Stage",
    "status": "_DeadlineStatus",
    "reason_code": "_ReasonCode",
    "related_review_kind": "_RelatedReviewKind",
    "error_code": "_ErrorCode",
    "rule_set": "_RuleSetId",
}


def literals() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for node in ast.parse(STUB.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Subscript):
            target = node.targets[0]
            sub = node.value
            if isinstance(target, ast.Name) and isinstance(sub.value, ast.Name) and sub.value.id == "Literal":
                items = sub.slice.elts if isinstance(sub.slice, ast.Tuple) else [sub.slice]
                out[target.id] = tuple(str(ast.literal_eval(e)) for e in items)
    return out


def test_every_closed_set_is_a_literal_of_the_core_names() -> None:
    found = literals()
    expected = {alias: tuple(dhr._dhr.NAMES[key]) for key, alias in ALIASES.items()}
    lines = "\n".join(f"{a} = Literal[{', '.join(repr(v).replace(chr(39), chr(34)) for v in vs)}]" for a, vs in expected.items())
    for alias, values in expected.items():
        assert found.get(alias) == values, f"regenerate the stubs' closed sets:\n{lines}"
    assert set(dhr._dhr.NAMES) == set(ALIASES)


def test_the_closed_sets_are_the_answer_values() -> None:
    assert dhr._dhr.NAMES["outcome"] == dhr._dhr.OUTCOMES
    assert set(dhr.ERROR_CLASSES) == set(dhr._dhr.NAMES["error_code"])
    assert "stockton_2011" in dhr._dhr.NAMES["rule_set"]


def test_mypy_strict_catches_a_misspelt_outcome(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = tmp_path / "typo.py"
    code.write_text(
        "import dhr\n"
        "a = dhr.assess({'schema_version': 1})\n"
        "ok = a.outcome == 'required'\n"
        "typo = a.outcome == 'requried'\n"
        "stage_typo = dhr.Review().status('2024-01-01').stage == 'notifed'\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir=/dev/null", str(code)],
        capture_output=True,
        text=True,
    )
    errors = [line for line in out.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["4", "5"], out.stdout
    assert all("Non-overlapping equality check" in line for line in errors), out.stdout
