"""Shared fixtures. Loading spaCy and opening the gazetteer are expensive: once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from needs import require_seed

from frontwatch.actors import Actors
from frontwatch.config import Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Default settings, honouring FRONTWATCH_* variables (CI points the data dir into the checkout)."""
    return Settings.load()


@pytest.fixture(scope="session")
def actors() -> Actors:
    return Actors.load()


@pytest.fixture(scope="session")
def pipeline(settings: Settings):  # type: ignore[no-untyped-def]
    from frontwatch.pipeline import Pipeline

    return Pipeline(settings)


@pytest.fixture(scope="session")
def nlp(pipeline):  # type: ignore[no-untyped-def]
    return pipeline.nlp


@pytest.fixture(scope="session")
def seed_text() -> str:
    return require_seed().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_report(pipeline, seed_text):  # type: ignore[no-untyped-def]
    return pipeline.analyze(seed_text, published="2023-07-17", source="RT")


# -- the ledger: every ledger test runs on SQLite and on PostgreSQL (FRONTWATCH_TEST_PG, set by .ci/run) ----
@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request, tmp_path):  # type: ignore[no-untyped-def]
    """An empty ledger database URL: a SQLite file, or the test PostgreSQL database with its schema reset."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    from ledger_support import reset_postgres

    return reset_postgres()
