"""The receipt (spec 8.3) and the JSON Schemas (spec 8.8) from Python.

The receipt's rule-set hash is checked against an independent computation
here (RFC 8785 for dhr's rule sets, which hold only strings, integers,
booleans, arrays and objects with ASCII keys, is ``json.dumps`` with sorted
keys and no spaces); the schemas are checked with the ``jsonschema``
package (draft 2020-12) on every shared fixture, as the Rust and JavaScript
suites do.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import pathlib
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource

import dhr

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def jcs_sha256(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def review_doc() -> dict[str, Any]:
    return json.loads((FIXTURES / "status" / "spec_6_4.input.json").read_text())


def test_assess_carries_the_receipt() -> None:
    fx = json.loads((FIXTURES / "assess" / "wales_susr_start_moved.json").read_text())
    a = dhr.assess(fx["input"], susr_from="2025-01-01")
    e = a.engine
    assert e is not None
    assert (e.name, e.version, e.bank_holidays) == ("dhr", dhr.__version__, dhr.BANK_HOLIDAYS_VERSION)
    assert e.rules is None
    assert e.dardr_commenced is None
    assert e.susr_from == datetime.date(2025, 1, 1)
    assert e.due_soon_days is None
    assert e.options == {"dardr_commenced": None, "susr_from": "2025-01-01"}
    assert e.to_dict() == a.to_dict()["engine"] == fx["expected"]["engine"]
    assert json.loads(e.to_json()) == e.to_dict()


def test_status_receipt_hash_is_the_canonical_json_of_the_rule_set_applied() -> None:
    doc = review_doc()
    status = dhr.Review.from_dict(doc).status("2024-02-20")
    e = status.engine
    assert e.rules is not None and e.rules.id == "stockton_2011"
    assert e.due_soon_days == 14
    builtin = json.loads((ROOT / "dhr-core" / "data" / "rules" / "stockton_2011.json").read_text())
    written_back = dhr.Review(rules=builtin).to_dict()["rules"]
    assert e.rules.sha256 == jcs_sha256(written_back)
    # A rule set given as the option replaces the review's own; the id and
    # hash say which was applied.
    custom = dict(written_back, id="ours", title="Ours")
    other = dhr.Review.from_dict(doc).status("2024-02-20", rules=custom, due_soon_days=3)
    assert other.engine.rules is not None
    assert (other.engine.rules.id, other.engine.rules.sha256) == ("ours", jcs_sha256(custom))
    assert other.engine.due_soon_days == 3
    # The nested assessment carries no receipt of its own.
    fx = json.loads((FIXTURES / "status" / "full_review_published_with_death.json").read_text())
    s = dhr.Review.from_dict(fx["input"]).status(fx["options"]["as_of"])
    assert s.assessment is not None and s.assessment.engine is None
    assert "engine" not in s.to_dict()["assessment"]
    assert s.engine.to_dict() == fx["expected"]["engine"]


@pytest.mark.parametrize("field,value", [("title", "Other"), ("citation", "Other, para 9"), ("pausable", True)])
def test_changing_a_field_changes_the_hash(field: str, value: Any) -> None:
    builtin = json.loads((ROOT / "dhr-core" / "data" / "rules" / "stockton_2011.json").read_text())
    base = dhr.Review.from_dict(review_doc()).status("2024-02-20", rules=builtin).engine.rules
    changed = json.loads(json.dumps(builtin))
    if field == "title":
        changed["title"] = value
    else:
        changed["rules"][0][field] = value
    got = dhr.Review.from_dict(review_doc()).status("2024-02-20", rules=changed).engine.rules
    assert base is not None and got is not None
    assert got.sha256 != base.sha256


# Schemas ---------------------------------------------------------------------


def schemas() -> dict[str, dict[str, Any]]:
    return {name: dhr.schema(name) for name in dhr.SCHEMA_NAMES}


def validator(name: str) -> jsonschema.protocols.Validator:
    all_ = schemas()
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in all_.values()
    )
    cls = jsonschema.validators.validator_for(all_[name])
    assert cls is jsonschema.Draft202012Validator
    cls.check_schema(all_[name])
    return cls(all_[name], registry=registry)


def test_the_schemas_are_the_repository_files() -> None:
    # The package carries them in its native module (the texts dhr-core
    # includes from docs/schema), so an installed wheel has them.
    assert dhr.SCHEMA_NAMES == ["death", "review", "rule_set", "assessment", "status", "error"]
    for name in dhr.SCHEMA_NAMES:
        repo = json.loads((ROOT / "docs" / "schema" / f"{name}.json").read_text())
        assert dhr.schema(name) == repo  # type: ignore[arg-type]
    with pytest.raises(dhr.UsageError) as err:
        dhr.schema("deaths")  # type: ignore[arg-type]
    assert err.value.path == "NAME"


def answered_fixtures() -> list[tuple[str, Any, Any]]:
    out = []
    for f in sorted(FIXTURES.glob("*/*.json")):
        fx = json.loads(f.read_text())
        if isinstance(fx, dict) and "input" in fx and "expected" in fx:
            out.append((str(f), fx["input"], fx))
    return out


def test_every_fixture_document_and_python_answer_validates() -> None:
    death, assessment = validator("death"), validator("assessment")
    review, status = validator("review"), validator("status")
    n = 0
    for name, doc, fx in answered_fixtures():
        opts = fx.get("options") or {}
        if "events" in doc:
            review.validate(doc)
            status.validate(fx["expected"])
            kw = {k: opts[k] for k in ("due_soon_days", "rules", "dardr_commenced", "susr_from") if opts.get(k) is not None}
            got = dhr.Review.from_dict(doc).status(opts["as_of"], **kw).to_dict()
            status.validate(got)
            n += 1
        elif "date_of_death" in doc:
            death.validate(doc)
            assessment.validate(fx["expected"])
            kw = {k: opts[k] for k in ("dardr_commenced", "susr_from") if opts.get(k) is not None}
            assessment.validate(dhr.assess(doc, **kw).to_dict())
            n += 1
    assert n >= 45
    for f in sorted((FIXTURES / "v1").glob("*.json")):
        doc = json.loads(f.read_text())
        (review if "events" in doc else death).validate(doc)


def test_errors_validate() -> None:
    error = validator("error")
    for f in sorted(FIXTURES.glob("*_errors/*.json")):
        fx = json.loads(f.read_text())
        text = fx.get("input_text") or json.dumps(fx["input"])
        with pytest.raises(dhr.DhrError) as e:
            if f.parent.name == "assess_errors":
                dhr.assess(text)
            else:
                dhr.Review.from_json(text).status("2026-01-01")
        doc = {"error": {"code": e.value.code, "message": e.value.message, "path": e.value.path}}
        error.validate(doc)


@pytest.mark.parametrize(
    "name,pointer,value",
    [
        ("death", ["colour"], "red"),
        ("death", ["nation"], "france"),
        ("death", ["date_of_death"], "10/03/2024"),
        ("death", ["date_of_death"], None),
        ("death", ["deceased", "age"], "40"),
        ("death", ["suspects", 0, "age_band"], "adult"),
        ("review", ["events", 0, "by"], "mayor"),
        ("review", ["events", 0, "event"], "noticed"),
        ("review", ["events", 0, "extra"], 1),
        ("review", ["events"], None),
    ],
)
def test_the_schemas_refuse_mutated_documents(name: str, pointer: list[Any], value: Any) -> None:
    doc = json.loads((FIXTURES / "v1" / ("death_full.json" if name == "death" else "review_full.json")).read_text())
    target = doc
    for key in pointer[:-1]:
        target = target[key]
    if value is None:
        del target[pointer[-1]]
    else:
        target[pointer[-1]] = value
    assert not validator(name).is_valid(doc)
    with pytest.raises(dhr.DhrError):
        if name == "death":
            dhr.assess(doc)
        else:
            dhr.Review.from_dict(doc)


def test_frames_carry_one_receipt_in_their_metadata() -> None:
    pd = pytest.importorskip("pandas")
    deaths = pd.DataFrame(
        {"date_of_death": ["2024-03-10"], "nation": ["england"], "age": [30], "manner": ["homicide"]}
    )
    out = dhr.assess_frame(deaths, susr_from="2025-01-01")
    assert "engine" not in out.columns
    assert out.attrs["dhr_engine"] == {
        "name": "dhr",
        "version": dhr.__version__,
        "bank_holidays": dhr.BANK_HOLIDAYS_VERSION,
        "rules": None,
        "options": {"dardr_commenced": None, "susr_from": "2025-01-01"},
    }
    reviews = pd.DataFrame({"notified_on": ["2024-01-31"]})
    t = dhr.timeliness_frame(reviews, rules="guidance_2016", as_of="2024-02-20", due_soon_days=7)
    engine = t.attrs["dhr_engine"]
    status = dhr.Review.from_dict(review_doc()).status("2024-02-20", rules="guidance_2016", due_soon_days=7)
    assert engine == status.engine.to_dict()
    default = dhr.timeliness_frame(reviews, as_of="2024-02-20").attrs["dhr_engine"]
    assert default["rules"]["id"] == "stockton_2011"
    assert dhr.receipt(status=True).to_dict() == default
