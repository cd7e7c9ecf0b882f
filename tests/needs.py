"""Resources some tests need that a bare clone does not have: ``../shared`` (the seed story and the
real-text sets) and, later, a PostgreSQL server.

A test that needs one calls :func:`require`. On a bare clone the test is skipped with the stated
reason; under CI (``FRONTWATCH_STRICT_SKIPS=1``, set by ``.ci/run``) the same absence is a failure,
so CI can never skip these tests silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "000_63fd9caf96d9613e.txt"
REALTEXT = Path(os.environ.get("FRONTWATCH_REALTEXT") or SHARED / "realtext")
STRICT = os.environ.get("FRONTWATCH_STRICT_SKIPS", "") not in {"", "0"}


def require(available: bool, reason: str) -> None:
    """Skip (bare clone) or fail (CI, FRONTWATCH_STRICT_SKIPS=1) when a resource is missing."""
    if available:
        return
    if STRICT:
        pytest.fail(f"{reason} — FRONTWATCH_STRICT_SKIPS is set, so this must not be skipped")
    pytest.skip(reason)


def require_seed() -> Path:
    require(SEED.exists(), f"the shared seed story is not at {SEED} (a bare clone has no ../shared)")
    return SEED


def require_realtext(relative: str = "") -> Path:
    path = REALTEXT / relative
    require(path.exists(), f"real-text set {path} is absent (a bare clone has no ../shared/realtext)")
    return path
