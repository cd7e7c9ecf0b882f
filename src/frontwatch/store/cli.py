"""The ledger's commands (``ingest``, ``claims``, ``incidents``, ``show``, ``export``, ``db upgrade``): a thin
shell over :class:`frontwatch.store.Ledger`. Mounted on the main app by ``frontwatch.cli``.

Exit codes add one to ``analyze``'s: 3 means the ledger database could not be used (locked, read-only,
disk full, newer schema, unreachable); what was stored before stays, nothing is half-written, and running
the same command again continues.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ..errors import FrontwatchError, InputError, StorageError

if TYPE_CHECKING:
    from .ledger import Ledger, Outcome

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STORAGE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

DbOption = Annotated[str | None, typer.Option("--db", help="Ledger database: a SQLite file or postgresql://… "
                                                            "(default: setting ledger.db, frontwatch.db).")]


class Shown(str, Enum):
    table = "table"
    json = "json"


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    geojson = "geojson"
    parquet = "parquet"


ConfigOption = Annotated[Path | None, typer.Option("--config", "-c", help="TOML settings file.")]
FormatOption = Annotated[Shown, typer.Option("--format", "-f", help="Output format.")]


def register(app: typer.Typer) -> None:
    from ..cli import check_published, err, fail, load_settings

    def open_ledger(db: str | None, config: Path | None, create: bool = False) -> Ledger:
        from .ledger import Ledger

        try:
            return Ledger(db, load_settings(config), create=create)
        except StorageError as exc:
            raise fail(str(exc), EXIT_STORAGE) from None

    @contextlib.contextmanager
    def reading(db: str | None, config: Path | None, input_exit: int | None = None) -> Iterator[Ledger]:
        """The ledger for one query command, closed afterwards: a storage error exits 3 and, where the
        command says so, a bad argument the ledger rejects exits ``input_exit``."""
        ledger = open_ledger(db, config)
        try:
            yield ledger
        except InputError as exc:
            if input_exit is None:
                raise
            raise fail(str(exc), input_exit) from None
        except StorageError as exc:
            raise fail(str(exc), EXIT_STORAGE) from None
        finally:
            ledger.close()

    def out() -> Console:
        return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160, emoji=False, highlight=False)

    @app.command()
    def ingest(
        paths: Annotated[list[str], typer.Argument(help="Text, HTML, JSONL, RSS/Atom files, directories, or -.")],
        db: DbOption = None,
        published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs without one.")] = None,
        source: Annotated[str | None, typer.Option(help="Outlet name for inputs without one.")] = None,
        progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal).")] = None,
        config: ConfigOption = None,
    ) -> None:
        """Analyse articles and store them, their claims and incidents in the ledger (idempotent, resumable)."""
        from ..ingest import Defaults
        from ..ingest.feed import read_paths

        settings = load_settings(config)
        check_published(published)
        ledger = open_ledger(db, config, create=True)
        show_progress = err.is_terminal if progress is None else progress
        counts = {"new": 0, "duplicate": 0, "failed": 0}
        failures: list[Outcome] = []
        items = read_paths(paths, settings.input, Defaults(published, source))
        try:
            with _Progress(err, show_progress) as bar:
                for outcome in ledger.ingest(items, on_total=bar.start):
                    counts[outcome.status] += 1
                    bar.advance(outcome)
                    if outcome.status == "failed":
                        failures.append(outcome)
                        err.print(f"error: {outcome.reason}", markup=False, soft_wrap=True)
        except StorageError as exc:
            _summary(err, counts, ledger.where)
            raise fail(f"{exc} — {counts['new']} new articles were stored; run again to continue", EXIT_STORAGE) from None
        except KeyboardInterrupt:
            _summary(err, counts, ledger.where)
            raise fail("interrupted; the articles stored so far are kept, run again to continue", EXIT_INTERRUPTED) from None
        except FrontwatchError as exc:
            raise fail(str(exc), EXIT_FAILED) from None
        finally:
            ledger.close()
        _summary(out(), counts, ledger.where, failures)
        if failures:
            raise typer.Exit(EXIT_FAILED)

    @app.command()
    def claims(
        place: Annotated[str | None, typer.Option(help="A place name (or the text that named it).")] = None,
        near: Annotated[str | None, typer.Option(help="LAT,LON,KM: events within KM of a point.")] = None,
        since: Annotated[str | None, typer.Option(help="Events on or after YYYY-MM-DD.")] = None,
        until: Annotated[str | None, typer.Option(help="Events on or before YYYY-MM-DD.")] = None,
        side: Annotated[str | None, typer.Option(help="The claimant's side: UA, RU, other, unknown.")] = None,
        type: Annotated[str | None, typer.Option("--type", help="Event type (advance, capture, strike, …).")] = None,
        claimant: Annotated[str | None, typer.Option(help="Part of the claimant's name.")] = None,
        text: Annotated[str | None, typer.Option(help="Words that must all occur in the claim (full-text).")] = None,
        limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
        format: FormatOption = Shown.table,
        db: DbOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Claims in the ledger, filtered by place, time, side, type, claimant and words."""
        point = None
        if near:
            try:
                lat, lon, km = (float(x) for x in near.split(","))
                point = (lat, lon, km)
            except ValueError:
                raise fail(f"--near must be LAT,LON,KM (e.g. 48.59,38.0,20), got {near!r}", EXIT_USAGE) from None
        if place and point:
            raise fail("give --place or --near, not both", EXIT_USAGE)
        with reading(db, config, input_exit=EXIT_USAGE) as ledger:
            rows = ledger.claims(place=place, near=point, since=since, until=until, side=side, type=type,
                                 claimant=claimant, text=text, limit=limit)
        if format is Shown.json:
            _json(list(rows))
        else:
            _claims_table(out(), rows)

    @app.command()
    def incidents(
        contradicted: Annotated[bool, typer.Option("--contradicted", help="Only incidents with contradictions.")] = False,
        limit: Annotated[int | None, typer.Option(help="At most this many incidents.")] = None,
        format: FormatOption = Shown.table,
        db: DbOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Incidents (claims grouped across outlets), contradicted ones first."""
        with reading(db, config) as ledger:
            found = ledger.incidents(contradicted=contradicted, limit=limit)
        if format is Shown.json:
            _json(found)
        else:
            _incidents_table(out(), found)

    @app.command()
    def show(
        ident: Annotated[str, typer.Argument(metavar="ID", help="An incident number, claim id or article id.")],
        format: FormatOption = Shown.table,
        db: DbOption = None,
        config: ConfigOption = None,
    ) -> None:
        """One incident, claim or article with everything the ledger knows about it."""
        with reading(db, config, input_exit=EXIT_FAILED) as ledger:
            found = ledger.show(ident)
        if format is Shown.json:
            _json(found)
        else:
            _show(out(), found)

    @app.command()
    def export(
        format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json, csv (ACLED columns), geojson, parquet.")] = ExportFormat.csv,
        output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here (parquet needs a file).")] = None,
        db: DbOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Every event in the ledger, one row each, for pandas, QGIS, pyarrow or a spreadsheet."""
        from ..export import write_rows

        if format is ExportFormat.parquet and output is None:
            raise fail("--format parquet needs --output FILE", EXIT_USAGE)
        with reading(db, config) as ledger:
            rows = ledger.export_rows()
            found = ledger.incidents() if format is ExportFormat.json else []
        try:
            write_rows(rows, format.value, output if output else sys.stdout, found)
        except OSError as exc:
            raise fail(f"{output}: {exc.strerror or exc}", EXIT_FAILED) from None

    db_app = typer.Typer(help="The ledger database.", no_args_is_help=True)

    @db_app.command("upgrade")
    def db_upgrade(db: DbOption = None, config: ConfigOption = None) -> None:
        """Create the ledger's tables, or migrate them to this version's schema."""
        from .ledger import Ledger

        settings = load_settings(config)
        try:
            before, after = Ledger.upgrade_database(db, settings)
        except StorageError as exc:
            raise fail(str(exc), EXIT_STORAGE) from None
        from .db import describe, resolve_url

        where = describe(resolve_url(db, settings.ledger.db))
        print(f"{where}: schema {after}" + (" (already current)" if before == after else f" (was {before or 'empty'})"))

    app.add_typer(db_app, name="db")


class _Progress:
    """A bar with rate and ETA over the articles that need analysing (duplicates are skipped before)."""

    def __init__(self, console: Console, enabled: bool) -> None:
        self.console, self.enabled, self.bar, self.task = console, enabled, None, None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                                TimeRemainingColumn(), console=self.console, transient=True)
            self.bar.__enter__()
        return self

    def start(self, total: int) -> None:
        if self.bar is not None:
            self.task = self.bar.add_task("ingest", total=total, rate="")

    def advance(self, outcome: Outcome) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.advance(self.task)
            speed = self.bar.tasks[0].speed
            self.bar.update(self.task, rate=f"{speed:.1f} art/s" if speed else "")

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _summary(console: Console, counts: dict[str, int], where: str, failures: list[Outcome] = ()) -> None:  # type: ignore[assignment]
    console.print(f"{where}: {counts['new']} new, {counts['duplicate']} duplicate, {counts['failed']} failed",
                  markup=False, soft_wrap=True)
    for f in failures:
        console.print(f"  failed: {f.reason}", markup=False, soft_wrap=True)


def _json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _claims_table(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table("date", "claimant", "event", "place", "inc.", "claim", show_lines=False)
    for r in rows:
        when = r["start"] if r["start"] == r["end"] or not r["end"] else f"{r['start']}..{r['end']}"
        event = f"{r['type']} {r['polarity']} ({r['actor_side']})" if r["type"] else ""
        table.add_row(when or "", f"{r['claimant']} ({r['claimant_side']})", event, r["place"] or "",
                      str(r["incident_id"] or ""), _short(r["text"], 90))
    console.print(table)
    console.print(f"{len(rows)} rows", markup=False)


def _incidents_table(console: Console, found: list[dict[str, Any]]) -> None:
    table = Table("id", "family", "place", "dates", "corr.", "asserted", "denied", "contradictions", "updates",
                  "articles")
    for i in found:
        dates = i["start"] if i["start"] == i["end"] else f"{i['start']}..{i['end']}"
        table.add_row(str(i["id"]), i["family"], i["place"] or "", dates or "", str(i["corroboration"]),
                      ",".join(i["asserted_by"]), ",".join(i["denied_by"]),
                      "\n".join(_short(c["detail"], 70) for c in i["contradictions"]) or "-",
                      "\n".join(_short(u["detail"], 50) for u in i["updates"]) or "-",
                      _short(", ".join(i["articles"]), 40))
    console.print(table)
    n = sum(1 for i in found if i["contradicted"])
    console.print(f"{len(found)} incidents, {n} with contradictions", markup=False)


def _show(console: Console, found: dict[str, Any]) -> None:
    kind = found["kind"]
    if kind == "incident":
        _incidents_table(console, [found])
        for c in found["claims"]:
            console.print(f"- {c['claimant']['name']} ({c['claimant']['side']}) via {c['source']} [{c['article']}]: "
                          f"{_short(c['text'], 140)}", markup=False, soft_wrap=True)
    elif kind == "claim":
        console.print(f"claim {found['id']} in {found['article']['external_id']} ({found['article']['source']}), "
                      f"incidents {found['incidents']}", markup=False, soft_wrap=True)
        console.print(f"{found['claimant']['name']} ({found['claimant']['side']}): {found['text']}", markup=False,
                      soft_wrap=True)
        for e in found["events"]:
            places = ", ".join(p["name"] or p["text"] for p in e["places"])
            console.print(f"  {e['type']} {e['polarity']} ({e['actor_side']}) {places}", markup=False)
    else:
        console.print(f"article {found['external_id']} ({found['source']}, {found['published']}) syndicate "
                      f"{found['syndicate']}: {len(found['claims'])} claims", markup=False, soft_wrap=True)
        for c in found["claims"]:
            console.print(f"- {c['id']} {c['claimant']['name']}: {_short(c['text'], 120)}", markup=False)


def _short(s: str | None, n: int) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"
