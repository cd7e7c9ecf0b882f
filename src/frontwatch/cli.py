"""The ``frontwatch`` command: a thin shell over the library API.

Exit codes (also in docs/cli.md):
  0  every input was analysed
  1  at least one input failed (the others were still analysed and printed)
  2  bad usage: unknown option, malformed --published, bad settings file
  3  the ledger database cannot be used (ledger commands; see store/cli.py)
"""

from __future__ import annotations

import json
import logging
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from .config import Settings
from .errors import ConfigError, FrontwatchError, InputError
from .ingest import Defaults, Failure, read_inputs
from .records import Article, Report

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

app = typer.Typer(help="Turn news about armed conflict into attributed, geocoded, dated claims.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
# emoji=False: ":100:" in "file.jsonl:100: ..." must not become an emoji.
err = Console(stderr=True, highlight=False, emoji=False)


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"
    geojson = "geojson"


def fail(message: str, code: int) -> typer.Exit:
    err.print(f"error: {message}", markup=False, soft_wrap=True)
    return typer.Exit(code)


def check_published(published: str | None) -> None:
    """A malformed --published is bad usage (exit 2), caught before any input is read."""
    from .pipeline import parse_date

    try:
        parse_date(published, "--published")
    except InputError as exc:
        raise fail(str(exc), EXIT_USAGE) from None


def load_settings(config: Path | None) -> Settings:
    try:
        return Settings.load(config)
    except ConfigError as exc:
        raise fail(str(exc), EXIT_USAGE) from None


class InputFormatChoice(str, Enum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"


ConfigOption = Annotated[Path | None, typer.Option("--config", "-c", help="TOML settings file.")]


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Text, HTML or JSONL files, directories, or - for stdin.")],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD (relative dates resolve against it).")] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name: the claimant of sentences nobody is quoted for.")] = None,
    url: Annotated[str | None, typer.Option(help="Article URL.")] = None,
    title: Annotated[str | None, typer.Option(help="Article title.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal).")] = None,
    input_format: Annotated[InputFormatChoice, typer.Option("--input-format", help="How to read the inputs: auto (by suffix, else by content), text, html or jsonl.")] = InputFormatChoice.auto,
    config: ConfigOption = None,
) -> None:
    """Analyse articles and print their claims."""
    from .pipeline import Pipeline

    settings = load_settings(config)
    check_published(published)
    show_progress = err.is_terminal if progress is None else progress
    failures: list[tuple[str, FrontwatchError]] = []

    def record(article: Article | str, error: FrontwatchError) -> None:
        origin = article if isinstance(article, str) else (article.origin or article.id)
        failures.append((origin, error))
        err.print(f"error: {error}", markup=False, soft_wrap=True)

    def articles() -> Any:
        for item in read_inputs(paths, settings.input, Defaults(published, source, url, title),
                                input_format=input_format.value):
            if isinstance(item, Failure):
                record(item.origin, item.error)
            else:
                yield item

    try:
        pipeline = Pipeline(settings, progress=show_progress)
    except FrontwatchError as exc:
        raise fail(str(exc), EXIT_FAILED) from None
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        writer = _Writer(format, out)
        reports = pipeline.pipe(articles(), on_error=record)
        if show_progress:
            reports = _with_progress(reports)
        for report in reports:
            writer.write(report)
        writer.close()
    finally:
        if output:
            out.close()
    if failures:
        raise typer.Exit(EXIT_FAILED)


def _with_progress(reports: Any) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (SpinnerColumn(), TextColumn("analysed"), MofNCompleteColumn(), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("analyse", total=None)
        for report in reports:
            bar.advance(task)
            yield report


class _Writer:
    """Writes reports as they come, in the chosen format."""

    def __init__(self, format: Format, out: Any) -> None:
        self.format, self.out = format, out
        self.pending: list[Report] = []
        self.features: list[dict[str, Any]] = []

    def write(self, report: Report) -> None:
        if self.format is Format.jsonl:
            self.out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
            self.out.flush()
        elif self.format is Format.json:
            self.pending.append(report)
        elif self.format is Format.geojson:
            from .export import geojson_features

            self.features.extend(geojson_features(report))
        else:
            from .render import print_report

            width = None if self.out.isatty() else 160
            print_report(report, Console(file=self.out, soft_wrap=False, width=width, emoji=False, highlight=False))

    def close(self) -> None:
        if self.format is Format.json:
            data: Any = self.pending[0].to_dict() if len(self.pending) == 1 else [r.to_dict() for r in self.pending]
            json.dump(data, self.out, ensure_ascii=False, indent=2)
            self.out.write("\n")
        elif self.format is Format.geojson:
            json.dump({"type": "FeatureCollection", "features": self.features}, self.out, ensure_ascii=False, indent=2)
            self.out.write("\n")


@app.command()
def evaluate(
    gold: Annotated[list[Path] | None, typer.Argument(help="Gold files or directories (see docs/gold.md).")] = None,
    report: Annotated[Path | None, typer.Option("--report", help="Write all figures and mistakes as JSON here.")] = None,
    mistakes: Annotated[int, typer.Option(help="Mistakes to list per table (0 for none).")] = 10,
    real: Annotated[bool, typer.Option("--real", help="Score the real-text sets of ../shared/realtext instead "
                                       "(docs/gold.md); GOLD then names sets (default: all present).")] = False,
    realtext: Annotated[Path | None, typer.Option(help="Folder of the real-text sets (--real).")] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N articles of each real-text set.")] = None,
    config: ConfigOption = None,
) -> None:
    """Score the pipeline against annotated gold files, or the real-text sets with --real."""
    from .evaluate import evaluate as run_evaluation
    from .render import print_evaluation

    settings = load_settings(config)
    if real:
        _evaluate_real([str(g) for g in gold or []], settings, realtext, limit, report, mistakes)
        return
    if not gold:
        raise fail("give gold files or directories (or --real for the real-text sets)", EXIT_USAGE)
    try:
        result = run_evaluation([str(g) for g in gold], settings)
    except FrontwatchError as exc:
        raise fail(str(exc), EXIT_FAILED) from None
    print_evaluation(result, Console(emoji=False, highlight=False), mistakes=mistakes)
    for problem in result.problems:
        err.print(f"error: {problem}", markup=False, soft_wrap=True)
    if report:
        report.write_text(json.dumps(result.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
    if result.problems:
        raise typer.Exit(EXIT_FAILED)


def _evaluate_real(names: list[str], settings: Settings, realtext: Path | None, limit: int | None,
                   report: Path | None, mistakes: int) -> None:
    """``evaluate --real``: one table per real-text set, figures before the real-text work beside now."""
    from .evaluate import realtext as rt
    from .pipeline import Pipeline
    from .render import print_real_result

    folder = realtext or rt.DEFAULT_REALTEXT
    try:
        sets = [rt.get_set(n) for n in names] if names else list(rt.SETS)
    except KeyError as exc:
        raise fail(str(exc.args[0]), EXIT_USAGE) from None
    present = [s for s in sets if rt.available(s, folder) is not None]
    for s in sets:
        if s not in present:
            err.print(f"skipped: {s.name}: not found (needs {folder} and, for claim gold, tests/data/gold/{s.path})",
                      markup=False)
    if not present:
        raise fail(f"no real-text set found under {folder}", EXIT_FAILED)
    baseline, floors = rt.load_reference()
    pipeline = Pipeline(settings)
    console = Console(emoji=False, highlight=False)
    results = []
    for s in present:
        result = rt.run_set(s, pipeline, folder, limit)
        results.append(result)
        print_real_result(result, baseline.get(s.name, {}), floors.get(s.name, {}), console, mistakes)
    if report:
        report.write_text(json.dumps({"sets": [r.to_dict() for r in results]}, indent=2, ensure_ascii=False),
                          encoding="utf-8")


def _mount_gazetteer() -> None:
    from .gazetteer.cli import app as gazetteer_app

    app.add_typer(gazetteer_app, name="gazetteer")


_mount_gazetteer()


def _mount_ledger() -> None:
    from .store.cli import register

    register(app)


_mount_ledger()


def _mount_web() -> None:
    from .web.cli import register

    register(app)


_mount_web()


def _mount_batch() -> None:
    from .batch.cli import register

    register(app)


_mount_batch()


class _LevelFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


def configure_logging() -> None:
    """Show the library's warnings on stderr as one line each ("warning: ..."); FRONTWATCH_LOG=info
    (or debug) shows more. The library itself only adds a NullHandler, as libraries should."""
    level = os.environ.get("FRONTWATCH_LOG", "warning").upper()
    logger = logging.getLogger("frontwatch")
    if not any(isinstance(h, logging.StreamHandler) and not isinstance(h, logging.NullHandler)
               for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_LevelFormatter())
        logger.addHandler(handler)
    logger.setLevel(level if level in ("DEBUG", "INFO", "WARNING", "ERROR") else "WARNING")


def main() -> None:
    """Entry point: run the app, turning usage errors into exit code 2 with one line."""
    configure_logging()
    try:
        app(standalone_mode=True)
    except FrontwatchError as exc:  # pragma: no cover - commands catch their own
        err.print(f"error: {exc}", markup=False)
        sys.exit(EXIT_FAILED)
