"""The offline gazetteer: place names to coordinates, without a network.

>>> from frontwatch.config import Settings                     # doctest: +SKIP
>>> gaz = open_gazetteer(Settings.load().places)                # doctest: +SKIP
>>> gaz.lookup("Kupyansk")[0].admin1                            # doctest: +SKIP
'Kharkiv Oblast'

The database is built once (``frontwatch gazetteer build``, or on first use) into
``PlacesSettings.db_path``; see :mod:`.build` for the sources and :mod:`.importer` for
adding full GeoNames dumps. How names are matched and ranked: ``docs/places.md``.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..config import PlacesSettings
from ..errors import GazetteerError
from .build import SCHEMA_VERSION, build_database, supplement_digest
from .lookup import Candidate, Gazetteer, GazetteerLike, haversine_km
from .ruler import PlaceRuler  # registers the "frontwatch_place_ruler" spaCy factory

__all__ = ["Candidate", "Gazetteer", "GazetteerLike", "PlaceRuler", "build_gazetteer", "haversine_km",
           "open_gazetteer", "progress_bar"]

LOGGER = logging.getLogger(__name__)


def open_gazetteer(settings: PlacesSettings, *, build_if_missing: bool = True, progress: bool = False) -> Gazetteer:
    """Open the gazetteer at ``settings.db_path``, building it first when it is missing.

    Raises :class:`GazetteerError` when it is missing and ``build_if_missing`` is false, or
    when it cannot be built or read.
    """
    path = settings.db_path
    if not path.exists():
        if not build_if_missing:
            raise GazetteerError(f"no gazetteer at {path}; build it with: frontwatch gazetteer build")
        with _build_lock(path):
            if not path.exists():  # another process may have built it while we waited
                LOGGER.info("building the gazetteer at %s (once; under a minute)", path)
                build_gazetteer(settings, progress=progress)
    digest = supplement_digest()  # hashes the supplement files and build code: once per open
    if build_if_missing and _outdated(path, digest):
        _rebuild_outdated(settings, digest, progress=progress)
    gaz = Gazetteer(path)
    if gaz.meta.get("supplement") != digest:
        LOGGER.warning("the gazetteer at %s predates the current curated supplement; "
                       "rebuild it with: frontwatch gazetteer build", path)
    return gaz


def _outdated(path: Path, digest: str) -> bool:
    """Whether ``path`` is a gazetteer this frontwatch built itself from older data or build code.

    A gazetteer holding a user's GeoNames imports (or made empty for them) is theirs: it only gets the
    warning, since rebuilding it would drop what they imported.
    """
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        try:
            imported = db.execute("SELECT COUNT(*) FROM imports").fetchone()[0]
        except sqlite3.Error:  # older schemas had no imports table
            imported = 0
    except sqlite3.Error:
        return False  # not a gazetteer: Gazetteer() says so in one line
    finally:
        db.close()
    if imported or meta.get("supplement") in (None, "none"):
        return False
    return meta.get("schema") != SCHEMA_VERSION or meta.get("supplement") != digest


def _rebuild_outdated(settings: PlacesSettings, digest: str, *, progress: bool) -> None:
    """Rebuild a stale built gazetteer in place, once across processes.

    A stale gazetteer silently resolves places worse (an upgrade's new villages and rules are missing),
    so it is rebuilt rather than merely warned about. When the directory cannot be written, the old
    one is used with a warning.
    """
    path = settings.db_path
    try:
        with _build_lock(path):
            if _outdated(path, digest):  # another process may have rebuilt it while we waited
                LOGGER.warning("the gazetteer at %s was built by an older frontwatch; rebuilding it "
                               "(once; under a minute)", path)
                build_gazetteer(settings, progress=progress)
    except GazetteerError as exc:
        LOGGER.warning("cannot rebuild the outdated gazetteer at %s (%s); using it as it is", path, exc)


def build_gazetteer(settings: PlacesSettings, *, progress: bool = False) -> dict[str, Any]:
    """(Re)build the gazetteer at ``settings.db_path``; returns counts and the time taken."""
    with progress_bar(progress, "building gazetteer") as report:
        return build_database(settings.db_path, min_population=settings.min_population, progress=report)


@contextlib.contextmanager
def progress_bar(enabled: bool, description: str) -> Iterator[Callable[[str, int, int], None] | None]:
    """A rich progress bar on stderr, fed by ``report(task, done, total)``; a no-op when disabled."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=False) as bar:
        tasks: dict[str, Any] = {}

        def report(task: str, done: int, total: int) -> None:
            if task not in tasks:
                tasks[task] = bar.add_task(f"{description}: {task}", total=total)
            bar.update(tasks[task], completed=done, total=total)

        yield report


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """Serialise builds of one gazetteer across processes (POSIX advisory lock)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path.with_name(path.name + ".lock"), "w")
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer directory {path.parent}: {exc.strerror}") from None
    try:
        try:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        yield
    finally:
        handle.close()
