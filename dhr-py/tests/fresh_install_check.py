"""Run by run-tests in a fresh venv holding only the built wheel: the
package imports and answers without pandas or any other dependency."""

import sys

import dhr

answer = dhr.assess(
    {
        "schema_version": 1,
        "date_of_death": "2024-03-10",
        "nation": "england",
        "deceased": {"age": 33},
        "manner": "homicide",
        "suspects": [{"connection": "intimate_partner", "abuse_suspected": True}],
    }
)
assert answer.outcome == "required", answer.to_dict()
assert answer.regime == "dhr_s9"
assert "pandas" not in sys.modules
# The version the package reports is the one its wheel was built as.
from importlib.metadata import version

assert dhr.__version__ == version("dhr"), (dhr.__version__, version("dhr"))
print(f"fresh install on Python {sys.version.split()[0]}: dhr.assess -> {answer.outcome}")
