"""``run_batch``: inputs cut into partitions, the pipeline mapped over them on Dask, Parquet and a manifest out.

The client (this process) reads the inputs — what ``frontwatch ingest`` reads, plus glob patterns — in a
fixed order and cuts them into partitions of ``partition_size`` items; each partition is one Dask task
(:func:`.worker.analyse_partition`) whose five tables come back to the client, which writes them under
``DIR/<table>/part-NNNNN.parquet`` (a temporary file renamed into place) and then records the partition
in ``DIR/manifest.json`` (rewritten the same way). A partition is finished exactly when the manifest says
so; a rerun skips finished partitions whose inputs hash the same. Workers need no shared file system:
inputs travel in the task, tables come back with its result.

Dask retries a task whose worker died (``distributed.scheduler.allowed-failures``, 3 by default); a
partition that still fails is marked ``failed`` in the manifest and the others go on.
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import ConfigError, FrontwatchError
from ..ingest import Defaults, Failure
from ..records import Article, article_id
from .tables import TABLES
from .worker import Item, PartitionResult, PipelinePlugin, analyse_partition, settings_digest

LOGGER = logging.getLogger(__name__)
FORMAT = "frontwatch.batch/1"
MANIFEST = "manifest.json"
_GLOB = set("*?[")
NO_DEFAULTS = Defaults()


class BatchError(FrontwatchError):
    """The batch cannot run: the cluster cannot be reached or used, the output folder cannot be written."""


# -- inputs and partitions -------------------------------------------------------------------------------
def expand_paths(paths: Iterable[str]) -> list[str]:
    """Glob patterns (``data/*.jsonl``, ``feeds/**/*.xml``) expanded, sorted; other paths kept as given.
    A pattern that matches nothing is kept too, so that reading it fails with "no such file"."""
    out: list[str] = []
    for raw in paths:
        if raw != "-" and not Path(raw).exists() and _GLOB & set(raw):
            found = sorted(glob.glob(raw, recursive=True))
            out.extend(found or [raw])
        else:
            out.append(raw)
    return out


def read_items(paths: list[str], settings: Settings, defaults: Defaults = NO_DEFAULTS) -> Iterator[Item]:
    """Every input, numbered in reading order: ``(position, article)`` or ``(position, origin, reason)``."""
    from ..ingest.feed import read_paths

    for position, item in enumerate(read_paths(expand_paths(paths), settings.input, defaults)):
        if isinstance(item, Failure):
            yield (position, item.origin, str(item.error))
        else:
            yield (position, item)


@dataclass(frozen=True)
class Partition:
    index: int
    items: list[Item]
    digest: str  # hash of the items' identities: a rerun over changed inputs redoes the partition

    @property
    def first(self) -> int:
        return self.items[0][0]

    @property
    def last(self) -> int:
        return self.items[-1][0]

    def origin(self, n: int) -> str:
        item = self.items[n]
        return item[1].origin or item[1].id if isinstance(item[1], Article) else item[1]  # type: ignore[return-value]


def _identity(item: Item) -> list[Any]:
    if isinstance(item[1], Article):
        a = item[1]
        return [item[0], a.id, a.origin, article_id(a.text), str(a.published), a.source, a.url, a.title,
                json.dumps(a.meta, sort_keys=True, default=str)]
    return list(item)


def partitions(items: Iterable[Item], size: int) -> Iterator[Partition]:
    """Consecutive runs of ``size`` items: the same inputs always give the same partitions."""
    chunk: list[Item] = []
    index = 0
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield _partition(index, chunk)
            chunk, index = [], index + 1
    if chunk:
        yield _partition(index, chunk)


def _partition(index: int, items: list[Item]) -> Partition:
    digest = hashlib.sha256(json.dumps([_identity(i) for i in items], default=str).encode()).hexdigest()[:16]
    return Partition(index, items, digest)


# -- the output folder ---------------------------------------------------------------------------------------
def part_path(out: Path, table: str, index: int) -> Path:
    return out / table / f"part-{index:05d}.parquet"


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write to a hidden temporary file beside ``path``, then rename it over ``path``."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write(tmp)
    os.replace(tmp, path)


class Manifest:
    """``DIR/manifest.json``: the run's settings digest and each partition's inputs, hash, rows, status."""

    def __init__(self, out: Path, data: dict[str, Any]) -> None:
        self.out, self.data = out, data

    @classmethod
    def open(cls, out: Path, digest: str, partition_size: int, inputs: list[str]) -> Manifest:
        path = out / MANIFEST
        if out.exists() and not out.is_dir():
            raise BatchError(f"{out} is a file; --out names a folder")
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise BatchError(f"{path}: not a readable batch manifest ({exc}); write to a new --out") from None
            if data.get("format") != FORMAT:
                raise BatchError(f"{path}: not a frontwatch batch manifest; write to a new --out")
            if data.get("settings_digest") != digest or data.get("partition_size") != partition_size:
                raise ConfigError(
                    f"{out} holds a batch made with other settings or partition size (digest "
                    f"{data.get('settings_digest')}, partition size {data.get('partition_size')}); resume it with "
                    "the same ones, or write to a new --out")
            return cls(out, data)
        if out.exists() and any(p.name != MANIFEST for p in out.iterdir()):
            raise ConfigError(f"{out} is not empty and holds no batch manifest; choose a new or empty --out")
        now = datetime.now(UTC).isoformat(timespec="seconds")
        from .. import __version__

        return cls(out, {"format": FORMAT, "frontwatch": __version__, "settings_digest": digest,
                         "partition_size": partition_size, "inputs": inputs, "created": now, "updated": now,
                         "tables": list(TABLES), "partitions": []})

    @property
    def entries(self) -> dict[int, dict[str, Any]]:
        return {p["index"]: p for p in self.data["partitions"]}

    def finished(self, part: Partition) -> bool:
        entry = self.entries.get(part.index)
        return bool(entry and entry["status"] == "done" and entry["hash"] == part.digest
                    and all(part_path(self.out, t, part.index).exists() for t in TABLES))

    def record(self, entry: dict[str, Any]) -> None:
        entries = self.entries
        entries[entry["index"]] = entry
        self.data["partitions"] = [entries[i] for i in sorted(entries)]
        self.save()

    def truncate(self, count: int) -> None:
        """Forget partitions past ``count`` (the inputs shrank since the last run) and delete their files."""
        for index in [i for i in self.entries if i >= count]:
            for table in TABLES:
                part_path(self.out, table, index).unlink(missing_ok=True)
        self.data["partitions"] = [p for p in self.data["partitions"] if p["index"] < count]

    def save(self) -> None:
        self.data["updated"] = datetime.now(UTC).isoformat(timespec="seconds")
        self.data["totals"] = totals(self.data["partitions"])
        text = json.dumps(self.data, indent=1, ensure_ascii=False)
        _atomic_write(self.out / MANIFEST, lambda p: p.write_text(text + "\n", encoding="utf-8"))


def totals(entries: list[dict[str, Any]]) -> dict[str, Any]:
    done = [p for p in entries if p["status"] == "done"]
    out: dict[str, Any] = {"partitions": len(entries), "done": len(done), "failed": len(entries) - len(done),
                           "items": sum(p["items"] for p in entries)}
    for table in TABLES:
        out[table] = sum(p["rows"].get(table, 0) for p in done)
    return out


def read_manifest(out: Path) -> dict[str, Any]:
    """A batch output's manifest; :class:`BatchError` when ``out`` holds none."""
    path = out / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BatchError(f"{out} holds no batch output ({MANIFEST} missing); run `frontwatch batch` first") from None
    except (OSError, ValueError) as exc:
        raise BatchError(f"{path}: not a readable batch manifest ({exc})") from None
    if data.get("format") != FORMAT:
        raise BatchError(f"{path}: not a frontwatch batch manifest")
    return data


# -- the run --------------------------------------------------------------------------------------------------
@dataclass
class BatchSummary:
    out: Path
    cluster: str
    partitions: int = 0
    done: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)  # one line per failed partition
    items: int = 0
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed and not self.rows["failures"]


# Called once per partition, finished or skipped: (manifest entry, skipped?).
OnPartition = Callable[[dict[str, Any], bool], None]


def run_batch(paths: list[str], out: str | Path, settings: Settings | None = None, *, scheduler: str | None = None,
              workers: int | None = None, partition_size: int | None = None, client: Any = None,
              defaults: Defaults = NO_DEFAULTS, on_partition: OnPartition | None = None,
              on_total: Callable[[int], None] | None = None) -> BatchSummary:
    """Analyse ``paths`` on Dask into Parquet under ``out``; resumes a run the manifest there recorded.

    ``client``: a ``distributed.Client`` to use (it is left open); else ``scheduler`` (``tcp://host:port``)
    is connected to, else a local cluster of ``workers`` processes (one thread each) is started and
    closed at the end. ``on_total`` is told the number of inputs once they are all read.
    """
    settings = settings or Settings.load()
    size = partition_size or settings.batch.partition_size
    if size < 1:
        raise ConfigError(f"partition size must be at least 1, got {size}")
    out = Path(out)
    started = time.perf_counter()
    digest = settings_digest(settings)
    manifest = Manifest.open(out, digest, size, list(paths))
    try:
        for table in TABLES:
            (out / table).mkdir(parents=True, exist_ok=True)
            for stale in (out / table).glob(".*.tmp"):  # a crash between writing and renaming
                stale.unlink()
        manifest.save()
    except OSError as exc:
        raise BatchError(f"cannot write to {out}: {exc.strerror or exc}") from None
    summary = BatchSummary(out, "none (every partition was finished)")
    # The cluster is started (and the workers load the model) only when a partition needs analysing, so
    # a rerun over a finished output returns at once.
    with _connect(client, scheduler, workers or settings.batch.workers, settings, summary) as connect:
        _map(connect, manifest, partitions(read_items(paths, settings, defaults), size), settings, summary,
             on_partition, on_total)
    manifest.truncate(summary.partitions)
    manifest.save()
    summary.seconds = time.perf_counter() - started
    return summary


def _map(connect: _connect, manifest: Manifest, parts: Iterator[Partition], settings: Settings,
         summary: BatchSummary, on_partition: OnPartition | None, on_total: Callable[[int], None] | None) -> None:
    """Submit partitions (at most ``batch.max_in_flight`` per worker thread ahead) and write each one's
    tables as it finishes."""
    from distributed import as_completed

    running: dict[str, Partition] = {}
    queue: Any = None  # made with the client, when the first partition needs analysing
    in_flight = 1

    def submit_next() -> bool:
        nonlocal in_flight, queue
        for part in parts:
            summary.partitions += 1
            summary.items += len(part.items)
            if manifest.finished(part):
                summary.skipped += 1
                _count(summary, manifest.entries[part.index])
                if on_partition:
                    on_partition(manifest.entries[part.index], True)
                continue
            dask = connect.client_()
            in_flight = connect.threads * max(1, settings.batch.max_in_flight)
            future = dask.submit(analyse_partition, part.index, part.items, settings, pure=False,
                                 key=f"frontwatch-partition-{part.index:05d}-{part.digest}")
            running[future.key] = part
            if queue is None:
                queue = as_completed()
            queue.add(future)
            return True
        if on_total:
            on_total(summary.items)
        return False

    more = submit_next()
    while more and len(running) < in_flight:
        more = submit_next()
    for future in queue or ():
        part = running.pop(future.key)
        entry = _entry(part)
        try:
            result: PartitionResult = future.result()
        except Exception as exc:  # noqa: BLE001 - a worker died too often (KilledWorker) or the task raised
            entry.update(status="failed", error=f"{type(exc).__name__}: {exc}")
            summary.failed.append(f"partition {part.index} (inputs {part.first}-{part.last}): {entry['error']}")
        else:
            _write(manifest.out, result)
            entry.update(status="done", rows=result.rows(), seconds=round(result.seconds, 3), worker_pid=result.pid)
            summary.done += 1
            _count(summary, entry)
        finally:
            future.release()
        manifest.record(entry)
        if on_partition:
            on_partition(entry, False)
        if more:
            more = submit_next()


def _entry(part: Partition) -> dict[str, Any]:
    return {"index": part.index, "hash": part.digest, "items": len(part.items), "first_position": part.first,
            "last_position": part.last, "first_origin": part.origin(0), "last_origin": part.origin(-1),
            "status": "failed", "rows": {}, "error": None}


def _count(summary: BatchSummary, entry: dict[str, Any]) -> None:
    for table, n in entry["rows"].items():
        summary.rows[table] += n


def _write(out: Path, result: PartitionResult) -> None:
    import pyarrow.parquet as pq

    try:
        for table in TABLES:
            _atomic_write(part_path(out, table, result.index),
                          lambda p, t=result.tables[table]: pq.write_table(t, p, compression="zstd"))
    except OSError as exc:
        raise BatchError(f"cannot write to {out}: {exc.strerror or exc}") from None


class _connect:
    """The Dask client to run on, made on first use (``client_()``); closes what it opened."""

    def __init__(self, client: Any, scheduler: str | None, workers: int, settings: Settings,
                 summary: BatchSummary) -> None:
        self.given, self.scheduler, self.workers, self.settings = client, scheduler, workers, settings
        self.summary = summary
        self.client: Any = None
        self.threads = 1
        self.opened: list[Any] = []

    def __enter__(self) -> _connect:
        return self

    def client_(self) -> Any:
        if self.client is None:
            self.client, self.summary.cluster = self._open()
            _check_workers(self.client)
            self.client.register_plugin(PipelinePlugin(self.settings))
            self.threads = max(1, sum(self.client.nthreads().values()))
        return self.client

    def _open(self) -> tuple[Any, str]:
        from distributed import Client

        if self.given is not None:
            return self.given, f"Dask scheduler {self.given.scheduler.address}"
        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise BatchError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}; is it running?") from None
            self.opened.append(client)
            return client, f"Dask scheduler {self.scheduler}"
        n = self.workers or os.cpu_count() or 1
        cluster = local_cluster(n)
        self.opened.append(cluster)
        client = Client(cluster)
        self.opened.append(client)
        return client, f"local Dask cluster of {n} worker process{'es' if n > 1 else ''}"

    def __exit__(self, *exc: Any) -> None:
        for thing in reversed(self.opened):
            thing.close()


# Dask's defaults tick, sample and poll every 10-100 ms for its dashboard and for tasks of milliseconds; a
# partition takes seconds, and at those rates an idle worker and the scheduler each burned 5% of a core
# (measured: 1.5 CPU-s per 30 s idle, 0.2 with these).
QUIET_DASK = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "500ms",
              "distributed.worker.memory.monitor-interval": "1s", "distributed.admin.system-monitor.interval": "2s"}


def local_cluster(workers: int) -> Any:
    """A ``distributed.LocalCluster`` for batch runs: ``workers`` processes of one thread each (a spaCy
    pipeline is not shared between threads), no dashboard (so that runs on one machine do not compete for
    its port), and Dask's periodic callbacks slowed down (``QUIET_DASK``; nannies keep it for restarts).

    The nanny's ``MALLOC_TRIM_THRESHOLD_=65536`` is left out of the workers' environment: glibc then hands
    memory back to the system after every large free, and spaCy's parse allocates and frees large arrays all
    the time (measured on 30 articles: worker CPU 16.6 s with it, 13.3 s without; 10.8 s in one process).
    """
    import dask
    from distributed import LocalCluster

    environ = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
               if k != "MALLOC_TRIM_THRESHOLD_"}
    with dask.config.set({**QUIET_DASK, "distributed.nanny.pre-spawn-environ": environ}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                            silence_logs=logging.ERROR)


def _check_workers(dask: Any) -> None:
    """Every worker must run this frontwatch (same version): its output must not depend on the worker."""
    from .. import __version__
    from .worker import worker_version

    try:
        found = dask.run(worker_version)
    except Exception as exc:  # noqa: BLE001 - typically ModuleNotFoundError: frontwatch is not installed there
        raise BatchError(f"the Dask workers cannot run frontwatch ({type(exc).__name__}: {exc}); install "
                         f"frontwatch {__version__} and its model on every worker") from None
    if not found:
        raise BatchError("the Dask cluster has no workers")
    other = {addr: v for addr, v in found.items() if v != __version__}
    if other:
        raise BatchError(f"Dask workers run another frontwatch version ({other}); install {__version__} on every worker")
