"""frontwatch: news about armed conflict in, a ledger of attributed claims out.

>>> import frontwatch                                                    # doctest: +SKIP
>>> report = frontwatch.analyze(text, published="2023-07-17", source="RT")  # doctest: +SKIP
>>> [(c.claimant.name, [e.type for e in c.events]) for c in report.claims]   # doctest: +SKIP
"""

from __future__ import annotations

import logging
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from .config import Settings
from .errors import (
    ConfigError,
    FrontwatchError,
    GazetteerError,
    GoldError,
    InputError,
    NotEnglishError,
    StageError,
)
from .records import Article, Claim, Claimant, Event, Place, Quantity, Removal, Report, TimeSpan

if TYPE_CHECKING:
    from .pipeline import STAGES, Pipeline
    from .store import Ledger

__version__ = "0.1.0"
__all__ = [
    "STAGES",
    "Article",
    "Claim",
    "Claimant",
    "ConfigError",
    "Event",
    "FrontwatchError",
    "GazetteerError",
    "GoldError",
    "InputError",
    "Ledger",
    "NotEnglishError",
    "Pipeline",
    "Place",
    "Quantity",
    "Removal",
    "Report",
    "Settings",
    "StageError",
    "TimeSpan",
    "__version__",
    "analyze",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> object:
    # The pipeline pulls in spaCy (about a second and 100 MB before any model), the ledger SQLAlchemy,
    # Alembic and datasketch: each only when it is used, so a process that only reads the ledger
    # (the web server's workers) or only reads records never pays for the other.
    if name in ("Pipeline", "STAGES"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "Ledger":
        from .store import Ledger

        return Ledger
    raise AttributeError(f"module 'frontwatch' has no attribute {name!r}")


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    from .pipeline import Pipeline

    return Pipeline()


def analyze(text: str, published: str | date | None = None, source: str | None = None, url: str | None = None,
            title: str | None = None) -> Report:
    """Analyse one article with the default settings (the pipeline is loaded once and reused)."""
    return _default_pipeline().analyze(text, published=published, source=source, url=url, title=title)
