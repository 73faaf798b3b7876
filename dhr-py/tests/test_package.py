"""The package itself: its version."""

from __future__ import annotations

from importlib.metadata import version

import dhr


def test_version_is_the_installed_wheels() -> None:
    # dhr.__version__ comes from the Cargo workspace version compiled into
    # the native module; the wheel's metadata comes from maturin. They agree.
    assert dhr.__version__ == version("dhr")
    assert [p.isdigit() for p in dhr.__version__.split(".")] == [True, True, True]
