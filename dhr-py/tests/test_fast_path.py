"""The fast path (a dict read straight into a death, dhr-py/src/fast.rs) must
give exactly what the general path gives: the same answer, or the same error
code and path. JSON text and a mapping that is not a dict always take the
general path, so each golden document is assessed both ways and compared;
so is every mutation of a field into a value the fast path must hand over
(wrong types, bad strings, out-of-range values, unknown keys)."""

from __future__ import annotations

import copy
import json
from types import MappingProxyType
from typing import Any, Optional

import pytest

import dhr
from conftest import fixture_files, load


def outcome(doc: Any) -> tuple[str, Any]:
    try:
        return ("ok", dhr.assess(doc).to_dict())
    except dhr.DhrError as e:
        return ("error", (e.code, e.path))


def docs() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for kind in ("assess", "assess_errors"):
        for path in fixture_files(kind):
            f = load(path)
            if isinstance(f.get("input"), dict):
                out.append((f"{kind}/{path.stem}", f["input"]))
    return out


DOCS = docs()

# Values the fast path refuses or must read exactly as the general path does.
ODD: list[Any] = [None, True, False, 0, 1, 15, 16, 130, 131, -1, 2**70, 1.0, 16.5, "", "x",
                  "2024-02-30", "1899-12-31", "2024-03-10", [], {}, "england", "homicide"]


@pytest.mark.parametrize("name,doc", DOCS, ids=[n for n, _ in DOCS])
def test_dict_and_text_agree(name: str, doc: dict[str, Any]) -> None:
    assert outcome(doc) == outcome(json.dumps(doc))


def mutations(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for key in list(doc):
        for v in ODD:
            d = copy.deepcopy(doc)
            d[key] = v
            out.append((f"{key}={v!r}", d))
    sub: list[tuple[str, Optional[dict[str, Any]]]] = [("deceased", doc.get("deceased"))]
    for i, s in enumerate(doc.get("suspects") or []):
        sub.append((f"suspects[{i}]", s))
    for where, obj in sub:
        if not isinstance(obj, dict):
            continue
        for key in list(obj) + ["unknown_key"]:
            for v in ODD:
                d = copy.deepcopy(doc)
                target = d["deceased"] if where == "deceased" else d["suspects"][int(where[9:-1])]
                target[key] = v
                out.append((f"{where}.{key}={v!r}", d))
    return out


@pytest.mark.parametrize("name,doc", DOCS, ids=[n for n, _ in DOCS])
def test_mutated_dicts_agree_with_the_general_path(name: str, doc: dict[str, Any]) -> None:
    for label, d in mutations(doc):
        # A mappingproxy is not a dict: the general path reads it.
        assert outcome(d) == outcome(MappingProxyType(d)), label


def test_assess_many_agrees_with_assess() -> None:
    cases = [d for _, d in DOCS]
    answers = dhr.assess_many(cases, on_error="return")
    for case, answer in zip(cases, answers):
        if isinstance(answer, dhr.DhrError):
            assert outcome(case) == ("error", (answer.code, answer.path))
        else:
            assert outcome(case) == ("ok", answer.to_dict())
    # Enough cases for the batch to be split over the cores.
    many = cases * (5000 // len(cases) + 1)
    answers = dhr.assess_many(many, on_error="return")
    assert len(answers) == len(many)
    for case, answer in zip(many, answers):
        if not isinstance(answer, dhr.DhrError):
            assert answer.to_dict() == dhr.assess(json.dumps(case)).to_dict()
