"""Places that fit together: the readings of an article's ambiguous names that support each other.

A local paper names its town, its county and its neighbours without saying which state they are in:
"Paris" beside "Henry County", "Columbus" beside "Muscogee County", "Arlington" beside "Grand Prairie".
Each name alone has namesakes in a dozen states, so none is an *anchor* (a place clear on its own,
which :mod:`frontwatch.stages.places` already uses); together one reading fits them all: the Paris
that lies in a Henry County. This is the "spatial minimality" a reader applies (Leidner 2007): of
the readings of several names, prefer those that lie close together.

For each candidate of a name, every *other* name in the article lends it the best link any of its
own plausible readings has to it:

* a settlement or county within a few tens of km: ``exp(-d / NEAR_KM)``;
* in the same first-level region (a US state, a province): ``SAME_ADMIN1`` — a local paper's
  towns are mostly in its own state;
* a region that holds it (or, for a region, a settlement inside it): ``IN_REGION``.

The strongest ``MAX_NAMES`` links are added up; :func:`places_score._rescore` adds ``W_COLOCATION`` times
that sum. Only plausible readings take part (not loose matches, not far below the name's best), so
a name with a hundred namesakes does not find a neighbour for everything.

Local copy also names places in idioms the statistical model does not tag (:func:`local_idioms`):
a legislator's party and home town ("Sen. Ann Lee, R-Elbow Lake, said") and lists closed by a
plural designator ("Cooke, Grayson and Love counties": each is a county).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc

from ..gazetteer.lookup import Candidate, haversine_km
from .demonyms import demonym_country

W_COLOCATION = 0.12  # per unit of link, summed over the best MAX_NAMES other names
MAX_NAMES = 3
NEAR_KM = 30.0
SAME_ADMIN1 = 0.2
IN_REGION = 0.6
PLAUSIBLE_MARGIN = 0.15  # readings this far below the name's best take part
MAX_READINGS = 10
# A name is weighed against the names first mentioned within this many distinct names of it, not the whole
# article: the real sets' articles name at most ~31 (GeoVirus; LGL 22, TR-News 20), so they are unchanged,
# and a 20,000-word report's cost stays linear in its length (benchmarks/bench_length.py).
CONTEXT_NAMES = 40
# features a reading must have to lend or take support: countries, continents and water are too wide
LOCAL_FEATURES = frozenset({"city", "town", "village", "district", "county", "region", "area", "facility",
                            "island"})


class _MentionLike(Protocol):
    query: str
    candidates: list[Candidate]


def plausible(candidates: list[Candidate]) -> list[Candidate]:
    """The readings of a name that may be meant: exact or alternate matches near its best score."""
    exact = [c for c in candidates if c.match != "loose"]
    if not exact:
        return []
    best = exact[0].score
    return [c for c in exact[:MAX_READINGS] if c.score >= best - PLAUSIBLE_MARGIN and c.feature in LOCAL_FEATURES]


def link(c: Candidate, o: Candidate) -> float:
    """How strongly reading ``o`` of another name supports reading ``c``: 0 (unrelated) to 1."""
    if c.id == o.id:
        return 0.0
    if c.feature == "region" or o.feature == "region":
        region, other = (c, o) if c.feature == "region" else (o, c)
        if other.feature == "region":
            return 0.0  # two states say nothing about each other
        return IN_REGION if region.admin1_code and region.admin1_code == other.admin1_code \
            and region.country == other.country else 0.0
    same = SAME_ADMIN1 if c.admin1_code and c.admin1_code == o.admin1_code and c.country == o.country else 0.0
    return max(same, math.exp(-haversine_km((c.lat, c.lon), (o.lat, o.lon)) / NEAR_KM))


def colocation(mentions: Iterable[_MentionLike]) -> dict[tuple[str, str], float]:
    """(name, candidate id) -> the summed support of the article's other names for that reading."""
    readings: dict[str, list[Candidate]] = {}
    for m in mentions:
        if m.query not in readings:
            readings[m.query] = plausible(m.candidates)
    names = [q for q, r in readings.items() if r]
    out: dict[tuple[str, str], float] = {}
    if len(names) < 2:
        return out
    # best[q][k]: the best links of reading k of q, one per other name. A link is symmetric, so each
    # pair of names is weighed once, both ways (half the arithmetic: this is the costly part of placing)
    best: dict[str, list[list[float]]] = {q: [[] for _ in readings[q]] for q in names}
    for i, q in enumerate(names):
        for p in names[i + 1: i + 1 + CONTEXT_NAMES]:
            if _same_name(p, q):
                continue
            table = [[link(c, o) for o in readings[p]] for c in readings[q]]
            for k, row in enumerate(table):
                best[q][k].append(max(row))
            for j, column in enumerate(zip(*table)):
                best[p][j].append(max(column))
    for q in names:
        for c, found in zip(readings[q], best[q]):
            links = sorted(found, reverse=True)
            total = sum(links[:MAX_NAMES])
            if total > 0:
                out[(q, c.id)] = total
    return out


def _same_name(a: str, b: str) -> bool:
    """"Paris" and "Paris County", "Athens" and "Athens-Clarke County": one name, no second opinion."""
    a, b = a.lower(), b.lower()
    return a.startswith(b) or b.startswith(a)


# --- idioms of local copy -------------------------------------------------------------------------

# "Tom Bakk, DFL-Cook, said", "(R-Elbow Lake)", "D-W. Va.": a legislator's party and home town or state
_PARTY_HOME = re.compile(r"(?:(?<=, )|(?<=\())(?:R|D|I|DFL|GOP)-([A-Z][A-Za-z.']*(?: [A-Z][A-Za-z.']*){0,2})(?=[,);])")
_LIST_NAME = r"[A-Z][a-z]+(?: [A-Z][a-z]+)?"
# "Cooke, Grayson and Love counties", "Nassau and Baker counties", "St. Landry and Avoyelles parishes"
_COUNTY_LIST = re.compile(rf"((?:{_LIST_NAME}(?:, and |, | and | & ))+{_LIST_NAME}) ([Cc]ounties|[Pp]arishes)\b")
_LIST_SPLIT = re.compile(r", and |, | and | & ")
_NOT_NAMES = frozenset({"In", "The", "And", "Of", "From", "For", "At", "To", "On", "By", "With", "Both", "All"})


@dataclass(frozen=True)
class Idiom:
    """A place named in a local-news idiom: its span, its text and what to look up."""

    start: int
    end: int
    text: str
    query: str
    fallback: str | None = None  # looked up when ``query`` finds nothing ("Georgia County": Georgia)


def local_idioms(text: str) -> list[Idiom]:
    """Places named by a legislator's party tag and in plural county lists, in text order."""
    out = [Idiom(m.start(1), m.end(1), m.group(1), m.group(1)) for m in _PARTY_HOME.finditer(text)]
    for m in _COUNTY_LIST.finditer(text):
        word = "County" if m.group(2).lower() == "counties" else "Parish"
        pos = m.start(1)
        for part in _LIST_SPLIT.split(m.group(1)):
            start = text.index(part, pos)
            pos = start + len(part)
            words = part.split()
            while words and words[0] in _NOT_NAMES:  # "In Cooke and Grayson counties"
                start += len(words.pop(0)) + 1
            if words:
                name = " ".join(words)
                out.append(Idiom(start, start + len(name), name, f"{name} {word}", fallback=name))
    return sorted(out, key=lambda i: i.start)


_NAME_PREFIXES = frozenset({"St.", "Ste.", "Mt.", "Ft.", "Pt."})


def name_before(doc: Doc, start: int) -> tuple[int, str] | None:
    """The capitalised word right before character ``start`` that may open a longer place name
    ("New" of "New London", "St." of "St. Paul", "East" of "East Hampton") with its offset, or None."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    prev = doc[span.start - 1]
    if not prev.whitespace_ or prev.ent_type_ not in ("", "GPE", "LOC", "FAC", "ORG"):
        return None
    if prev.idx + len(prev.text) + 1 != start:
        return None  # one space between, so the joined text is the text as written
    if prev.text in _NAME_PREFIXES or (prev.is_title and prev.is_alpha and len(prev) > 1 and not prev.is_stop):
        return prev.idx, prev.text
    return None


# two capitalised words joined by a hyphen (a space may follow it: "Greenville- Spartanburg"); the second may be
# a school's initials ("Watertown-ML": Watertown-Mayer Lutheran)
HYPHEN_PAIR = re.compile(r"\b([A-Z][a-z]{2,})-\s?([A-Z][a-z]{2,}|[A-Z]{1,3})\b(?!-)")


PAIR_LABELS = frozenset({"ORG", "FAC", "GPE", "LOC"})  # a hyphenated pair may be read in these entities


def is_demonym_word(word: str) -> bool:
    """"Russian" of "Russian-American", "Arab" of "Arab-Israeli": a nationality, no town."""
    return bool(demonym_country(word)) or word.lower() in ("arab", "american", "african")
