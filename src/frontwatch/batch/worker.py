"""What runs on a Dask worker: one :class:`Pipeline` per process, and the analysis of one partition.

The spaCy model, the entity ruler and the gazetteer are loaded once per worker process: by
:class:`PipelinePlugin` when the run starts (and again in a worker the nanny restarted), else by the first
partition that needs them. A worker process analyses one partition at a time even when it has several
threads, because a spaCy ``Language`` is not safe to share between threads; run workers with one thread
each (``dask worker --nthreads 1``) and as many processes as cores.

One failing article is a ``failures`` row and never fails its partition: the pipeline hands stage errors
to ``on_error``, and should the spaCy pass itself raise, the partition's remaining articles are analysed
one at a time so that only the article that raises is lost.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import threading
import time
from collections import defaultdict, deque
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from distributed.diagnostics.plugin import WorkerPlugin

from ..config import Settings
from ..errors import FrontwatchError
from ..records import Article
from .tables import TABLES, failure_row, failure_stage, report_rows, to_tables

if TYPE_CHECKING:
    import pyarrow as pa

    from ..pipeline import Pipeline

LOGGER = logging.getLogger(__name__)

# The settings sections that change what the pipeline outputs (not where the ledger is or how the web
# page looks, nor batch sizes): a batch output made with others cannot be resumed.
ANALYSIS_SECTIONS = ("input", "clean", "parse", "actors", "places", "times", "quantities")
_NOT_OUTPUT = {"parse": {"batch_size", "n_process"}, "places": {"data_dir", "gazetteer_path"}}


def settings_digest(settings: Settings) -> str:
    """A hash of the settings that decide the output (plus the frontwatch version)."""
    from .. import __version__

    data: dict[str, Any] = {"version": __version__}
    for name in ANALYSIS_SECTIONS:
        section = asdict(getattr(settings, name))
        data[name] = {k: v for k, v in section.items() if k not in _NOT_OUTPUT.get(name, ())}
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]


# -- one pipeline per worker process ----------------------------------------------------------------------
_LOAD_LOCK = threading.Lock()
_PIPELINES: dict[str, tuple[Pipeline, threading.Lock]] = {}


def pipeline_for(settings: Settings) -> tuple[Pipeline, threading.Lock]:
    """This process's pipeline for these settings (loaded on first use) and the lock that guards it."""
    key = repr(settings)
    with _LOAD_LOCK:
        found = _PIPELINES.get(key)
        if found is None:
            from ..pipeline import Pipeline

            _PIPELINES.clear()  # another run's settings: free its model first
            found = (Pipeline(settings), threading.Lock())
            _PIPELINES[key] = found
        return found


class PipelinePlugin(WorkerPlugin):
    """A Dask worker plugin that loads the pipeline when a worker joins (in a thread: the worker's event
    loop keeps answering the scheduler meanwhile)."""

    name = "frontwatch-pipeline"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def setup(self, worker: Any) -> None:
        try:
            await asyncio.to_thread(pipeline_for, self.settings)
        except FrontwatchError as exc:  # the first partition will meet it again and report it
            LOGGER.error("frontwatch worker %s cannot load the pipeline: %s", worker.address, exc)


# -- one partition ------------------------------------------------------------------------------------------
# An item of a partition: (position in the input, the article) or (position, origin, reason) for an input
# that could not be read.
Item = tuple[int, Article] | tuple[int, str, str]


@dataclass(frozen=True)
class PartitionResult:
    index: int
    tables: dict[str, pa.Table]
    seconds: float
    pid: int

    def rows(self) -> dict[str, int]:
        return {name: self.tables[name].num_rows for name in TABLES}


def analyse_partition(index: int, items: list[Item], settings: Settings) -> PartitionResult:
    """Analyse one partition's articles; returns its five tables (the task each Dask worker runs)."""
    started = time.perf_counter()
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    articles: list[tuple[int, Article]] = []
    for item in items:
        if len(item) == 3:
            position, origin, reason = item  # type: ignore[misc]
            rows["failures"].append(failure_row(index, position, origin, reason, "read"))
        else:
            articles.append(item)  # type: ignore[arg-type]
    if articles:
        try:
            pipeline, lock = pipeline_for(settings)
        except FrontwatchError as exc:  # no model or gazetteer on this worker: every article fails alike
            for position, art in articles:
                rows["failures"].append(failure_row(index, position, art.origin or art.id, str(exc), "load", art))
        else:
            with lock:
                _analyse(pipeline, index, articles, rows)
    for table in ("articles", "failures"):
        rows[table].sort(key=lambda r: r["position"])
    return PartitionResult(index, to_tables(rows), time.perf_counter() - started, os.getpid())


def _analyse(pipeline: Pipeline, index: int, articles: list[tuple[int, Article]],
             rows: dict[str, list[dict[str, Any]]]) -> None:
    # Reports and errors come back as the pipeline meets them, not in input order; each is matched to its
    # input position by the article's id and origin (the stages keep both).
    waiting: dict[tuple[str, str | None], deque[tuple[int, Article]]] = defaultdict(deque)
    for position, art in articles:
        waiting[(art.id, art.origin)].append((position, art))

    def take(art: Article) -> tuple[int, Article]:
        return waiting[(art.id, art.origin)].popleft()

    def on_error(art: Article | str, error: FrontwatchError) -> None:
        assert isinstance(art, Article)
        position, original = take(art)
        rows["failures"].append(failure_row(index, position, original.origin or original.id, str(error),
                                            failure_stage(error), original))

    try:
        for report in pipeline.pipe([a for _, a in articles], on_error=on_error):
            position, _ = take(report.article)
            _add(rows, report_rows(report, index, position))
    except Exception as exc:  # noqa: BLE001 - the spaCy pass raised: go on one article at a time
        LOGGER.warning("partition %d: %s; analysing its remaining articles one at a time", index, exc)
        left = sorted((p for queue in waiting.values() for p in queue), key=lambda p: p[0])
        waiting.clear()
        for position, art in left:
            waiting[(art.id, art.origin)].append((position, art))
            try:
                for report in pipeline.pipe([art], on_error=on_error):
                    take(report.article)
                    _add(rows, report_rows(report, index, position))
            except Exception as one:  # noqa: BLE001 - this article is the one that breaks the parser
                waiting[(art.id, art.origin)].clear()
                rows["failures"].append(failure_row(index, position, art.origin or art.id, f"{art.origin or art.id}: "
                                                    f"{type(one).__name__}: {one}", failure_stage(one), art))


def _add(rows: dict[str, list[dict[str, Any]]], more: dict[str, list[dict[str, Any]]]) -> None:
    for name, found in more.items():
        rows[name].extend(found)


def worker_version() -> str:
    """The frontwatch version a worker runs (checked against the client's before a run)."""
    from .. import __version__

    return __version__
