"""The ``batch`` and ``load`` commands: a thin shell over :func:`.run_batch` and :func:`.load_batch`.
Mounted on the main app by ``frontwatch.cli``; exit codes are those of docs/cli.md."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from ..errors import ConfigError, FrontwatchError, StorageError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STORAGE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
SHOWN_FAILURES = 20  # failures listed after the summary; the rest are in DIR/failures

ConfigOption = Annotated[Path | None, typer.Option("--config", "-c", help="TOML settings file.")]
ProgressOption = Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal).")]


def register(app: typer.Typer) -> None:
    from ..cli import check_published, err, fail, load_settings

    @app.command()
    def batch(
        paths: Annotated[list[str], typer.Argument(metavar="INPUT...", help="Text, HTML, JSONL, RSS/Atom files, directories or glob patterns (quote them).")],
        out: Annotated[Path, typer.Option("--out", "-o", help="Output folder: Parquet tables and manifest.json (resumed when it holds a run).")],
        scheduler: Annotated[str | None, typer.Option(help="Address of a running Dask scheduler (tcp://HOST:PORT); default: a local cluster.")] = None,
        workers: Annotated[int | None, typer.Option(help="Worker processes of the local cluster (default: setting batch.workers, 0 = one per core).")] = None,
        partition_size: Annotated[int | None, typer.Option(help="Articles per partition (default: setting batch.partition_size).")] = None,
        published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs without one.")] = None,
        source: Annotated[str | None, typer.Option(help="Outlet name for inputs without one.")] = None,
        progress: ProgressOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Analyse many articles on Dask (local processes or a cluster) into Parquet tables, resumably."""
        from ..ingest import Defaults
        from .run import run_batch

        settings = load_settings(config)
        check_published(published)
        if scheduler and workers:
            raise fail("--workers sizes the local cluster; with --scheduler the cluster has its own workers", EXIT_USAGE)
        if workers is not None and workers < 1:
            raise fail(f"--workers must be at least 1, got {workers}", EXIT_USAGE)
        if partition_size is not None and partition_size < 1:
            raise fail(f"--partition-size must be at least 1, got {partition_size}", EXIT_USAGE)
        with _Bar(err, err.is_terminal if progress is None else progress, "batch") as bar:
            try:
                summary = run_batch(paths, out, settings, scheduler=scheduler, workers=workers,
                                    partition_size=partition_size, defaults=Defaults(published, source),
                                    on_partition=bar.partition, on_total=bar.total)
            except ConfigError as exc:
                raise fail(str(exc), EXIT_USAGE) from None
            except KeyboardInterrupt:
                raise fail(f"interrupted; the finished partitions are kept in {out}, run again to continue",
                           EXIT_INTERRUPTED) from None
            except FrontwatchError as exc:
                raise fail(str(exc), EXIT_FAILED) from None
        console = Console(emoji=False, highlight=False)
        rows = summary.rows
        console.print(f"{out}: {summary.partitions} partitions ({summary.done} analysed, {summary.skipped} already "
                      f"finished, {len(summary.failed)} failed) of {summary.items} inputs: {rows['articles']} articles, "
                      f"{rows['claims']} claims, {rows['events']} events, {rows['places']} places, "
                      f"{rows['failures']} failures in {summary.seconds:.1f} s on {summary.cluster}",
                      markup=False, soft_wrap=True)
        for line in summary.failed:
            err.print(f"error: {line}; run again to retry it", markup=False, soft_wrap=True)
        _print_failures(err, out, rows["failures"])
        if not summary.ok:
            raise typer.Exit(EXIT_FAILED)

    @app.command()
    def load(
        out: Annotated[Path, typer.Argument(metavar="DIR", help="A folder `frontwatch batch` wrote.")],
        db: Annotated[str | None, typer.Option("--db", help="Ledger database: a SQLite file or postgresql://… (default: setting ledger.db, frontwatch.db).")] = None,
        progress: ProgressOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Store a batch output in the ledger and reconcile it (idempotent: loading twice adds nothing)."""
        from ..store.cli import _summary
        from .load import load_batch

        settings = load_settings(config)
        counts = {"new": 0, "duplicate": 0, "failed": 0}
        with _Bar(err, err.is_terminal if progress is None else progress, "load") as bar:
            def tally(status: str, n: int = 1) -> None:
                counts[status] += n
                bar.advance(n)

            try:
                where = load_batch(out, db, settings, on_total=bar.total, on_item=tally)
            except StorageError as exc:
                raise fail(f"{exc} — {counts['new']} new articles were stored; run again to continue",
                           EXIT_STORAGE) from None
            except KeyboardInterrupt:
                raise fail("interrupted; the articles stored so far are kept, run again to continue",
                           EXIT_INTERRUPTED) from None
            except FrontwatchError as exc:
                raise fail(str(exc), EXIT_FAILED) from None
        _summary(Console(emoji=False, highlight=False), counts, where)
        if counts["failed"]:
            _print_failures(err, out, counts["failed"])
        from .run import read_manifest

        unfinished = sum(p["status"] != "done" for p in read_manifest(out)["partitions"])
        if unfinished:
            err.print(f"error: {out}: {unfinished} partitions failed in the batch and were not loaded; run the "
                      "batch again to finish them, then load again", markup=False, soft_wrap=True)
        if counts["failed"] or unfinished:
            raise typer.Exit(EXIT_FAILED)


def _print_failures(console: Console, out: Path, count: int) -> None:
    """The first failures of a batch output, one line each, as ``analyze`` prints them."""
    if not count:
        return
    import pyarrow.dataset as ds

    table = ds.dataset(out / "failures", format="parquet").head(SHOWN_FAILURES, columns=["reason"])
    for reason in table.column("reason").to_pylist():
        console.print(f"error: {reason}", markup=False, soft_wrap=True)
    if count > SHOWN_FAILURES:
        console.print(f"... and {count - SHOWN_FAILURES} more failures in {out / 'failures'}", markup=False)


class _Bar:
    """A rich progress bar over inputs, whose total is known once they are all read."""

    def __init__(self, console: Console, enabled: bool, label: str) -> None:
        self.console, self.enabled, self.label = console, enabled, label
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _Bar:
        if self.enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(TextColumn(self.label), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                                TimeRemainingColumn(), console=self.console, transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task(self.label, total=None, rate="")
        return self

    def total(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, total=n)

    def advance(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, n)
            speed = self.bar.tasks[0].speed
            self.bar.update(self.task, rate=f"{speed:.1f} art/s" if speed else "")

    def partition(self, entry: dict[str, Any], skipped: bool) -> None:
        self.advance(entry["items"])

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
