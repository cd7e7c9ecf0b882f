"""Actors: who is on which side.

The bundled ``data/actors.toml`` lists, per side, countries, capitals, demonyms,
officials, organisations, outlets and the words each side uses for the other's
forces. A user file (``Settings.actors.actors_file``) of the same shape adds
names, so the same code serves other wars: an actor nobody listed is simply
``unknown``, never guessed as UA or RU.

Matching is on word boundaries; an entry with a capital letter matches
case-sensitively (so "US" is not "us"), an all-lowercase entry ("occupiers")
case-insensitively.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .config import ActorSettings
from .errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Doc

CATEGORIES = ("countries", "capitals", "adjectives", "people", "organisations", "outlets", "forces", "titles")


# Phrases up to this length have their matches cached (the two name patterns are long alternations).
_CACHED_TEXT = 200
_CACHE_SIZE = 20_000


@dataclass(frozen=True)
class ActorMatch:
    """One actor name found in a text."""

    text: str
    start: int
    end: int
    side: str
    category: str  # one of CATEGORIES


def opposite(side: str) -> str:
    """The other side of a two-sided war, ``unknown`` when there is no clear other."""
    return {"UA": "RU", "RU": "UA"}.get(side, "unknown")


class Actors:
    """Side lexicon with fast lookup of every actor name in a text."""

    def __init__(self, table: dict[str, dict[str, list[str]]]) -> None:
        self._sides = set(table)
        self._people_keys: dict[str, str] | None = None
        self._entries: dict[str, tuple[str, str]] = {}  # name (casefolded if lowercase entry) -> (side, category)
        self._found: dict[str, tuple[ActorMatch, ...]] = {}  # find()'s answers for short texts
        exact: list[str] = []
        folded: list[str] = []
        for side, categories in table.items():
            for category, names in categories.items():
                if category not in CATEGORIES:
                    raise ConfigError(f"actors: unknown category '{category}' under side '{side}'")
                for name in names:
                    if name.islower():
                        folded.append(name)
                        self._entries[name.casefold()] = (side, category)
                    else:
                        exact.append(name)
                        self._entries[name] = (side, category)
        self._exact = _alternation(exact, flags=0)
        self._folded = _alternation(folded, flags=re.IGNORECASE)

    @classmethod
    def load(cls, settings: ActorSettings | None = None) -> Actors:
        """The bundled table, extended by ``settings.actors_file`` when given."""
        text = resources.files("frontwatch").joinpath("data/actors.toml").read_text(encoding="utf-8")
        table = _sides(tomllib.loads(text), "bundled actors.toml")
        if settings and settings.actors_file:
            path = Path(settings.actors_file)
            try:
                extra = _sides(tomllib.loads(path.read_text(encoding="utf-8")), str(path))
            except FileNotFoundError:
                raise ConfigError(f"actors file not found: {path}") from None
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"{path}: not valid TOML ({exc})") from None
            for side, categories in extra.items():
                for category, names in categories.items():
                    table.setdefault(side, {}).setdefault(category, []).extend(names)
        return cls(table)

    def find(self, text: str) -> list[ActorMatch]:
        """Every actor name in ``text``, longest first at each position, in text order."""
        if len(text) > _CACHED_TEXT:
            return self._find(text)
        cache = self._found
        found = cache.get(text)
        if found is None:
            if len(cache) >= _CACHE_SIZE:
                cache.clear()  # bounded; phrases asked about (claimants, forces) recur across articles
            found = cache[text] = tuple(self._find(text))
        return list(found)

    def _find(self, text: str) -> list[ActorMatch]:
        found: list[ActorMatch] = []
        for pattern in (self._exact, self._folded):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                key = m.group(0) if pattern is self._exact else m.group(0).casefold()
                side, category = self._entries[key]
                found.append(ActorMatch(m.group(0), m.start(), m.end(), side, category))
        found.sort(key=lambda a: (a.start, -(a.end - a.start)))
        kept: list[ActorMatch] = []
        for match in found:
            if kept and match.start < kept[-1].end:
                continue
            kept.append(match)
        return kept

    def side_of(self, text: str, categories: tuple[str, ...] = CATEGORIES) -> str | None:
        """The side a name or phrase belongs to (qualifiers like "Russia's" win), or None."""
        matches = [m for m in self.find(text) if m.category in categories]
        if not matches:
            return None
        for preferred in (("people",), ("countries", "adjectives", "capitals"), ("organisations", "outlets", "forces", "titles")):
            for m in matches:
                if m.category in preferred:
                    return m.side
        return matches[0].side

    def doc_focus(self, doc: Doc) -> str:
        """:meth:`focus` of a parsed article, worked out once per Doc (attribution and events both ask)."""
        if "frontwatch_focus" not in doc.user_data:
            from .stages.parse import doc_text

            doc.user_data["frontwatch_focus"] = self.focus(doc_text(doc))
        return str(doc.user_data["frontwatch_focus"])

    def focus(self, text: str) -> str:
        """The war side a text is most about, by how often each side's country is named ("unknown" if neither)."""
        counts: dict[str, int] = {}
        for m in self.find(text):
            if m.category in {"countries", "capitals", "adjectives"}:
                counts[m.side] = counts.get(m.side, 0) + 1
        ua, ru = counts.get("UA", 0), counts.get("RU", 0)
        if ua == ru == 0:
            return "unknown"
        return "UA" if ua >= ru else "RU"

    def person_side(self, name: str) -> str | None:
        """The side of a listed official, also under another romanisation ("Shoygu", "Zaluzhnyi", "Syrskyy")."""
        side = self.side_of(name, ("people",))
        if side is not None:
            return side
        people = self.people_keys()
        for word in reversed(re.findall(r"[A-Z][\w'’-]{3,}", name)):  # the surname is usually last
            if _loose(word) in people:
                return people[_loose(word)]
        return None

    def people_keys(self) -> dict[str, str]:
        """Transliteration-folded surname -> side, for every listed official."""
        if self._people_keys is None:
            keys: dict[str, str] = {}
            for name, side in self.names("people"):
                last = name.split()[-1]
                if len(last) > 3:
                    keys.setdefault(_loose(last), side)
            self._people_keys = keys
        return self._people_keys

    def outlet_side(self, source: str) -> str | None:
        """The side of an outlet given by name ("Kyiv Independent") or by web domain ("kyivindependent.com").

        A domain is read by its country code first (``.ua``, ``.ru``: "en.interfax.com.ua" is Interfax-Ukraine,
        not Russia's Interfax), then by its name label against the listed outlets with spaces dropped
        ("kyivpost.com" -> "Kyiv Post"), then by domains listed as outlets.
        """
        side = self.side_of(source, ("outlets",))
        host = source.strip().casefold().removeprefix("https://").removeprefix("http://").split("/")[0]
        if " " in host or "." not in host:
            return side
        labels = host.split(".")
        country = labels[-1]
        for side_name, tld in (("UA", "ua"), ("RU", "ru")):
            if country == tld and side_name in self._sides:
                return side_name
        if side is not None:
            return side
        compact = {re.sub(r"[\W_]+", "", name.casefold()): side for name, side in self.names("outlets")}
        for label in labels[:-1]:
            if label in compact and len(label) > 3:
                return compact[label]
        return None

    def lookup(self, name: str) -> tuple[str, str] | None:
        """(side, category) of an exact name, or None."""
        return self._entries.get(name) or self._entries.get(name.casefold())

    def names(self, category: str) -> Iterator[tuple[str, str]]:
        """(name, side) for every entry of a category."""
        for name, (side, cat) in self._entries.items():
            if cat == category:
                yield name, side


def _loose(word: str) -> str:
    from .gazetteer.translit import loose_key  # the gazetteer's transliteration folding

    return loose_key(word)


def _sides(data: dict[str, object], where: str) -> dict[str, dict[str, list[str]]]:
    sides = data.get("sides")
    if not isinstance(sides, dict):
        raise ConfigError(f"{where}: expected a [sides.<SIDE>] table")
    table: dict[str, dict[str, list[str]]] = {}
    for side, categories in sides.items():
        if not isinstance(categories, dict):
            raise ConfigError(f"{where}: [sides.{side}] must be a table of name lists")
        table[side] = {}
        for category, names in categories.items():
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise ConfigError(f"{where}: sides.{side}.{category} must be a list of strings")
            table[side][category] = list(names)
    return table


def _alternation(names: list[str], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(set(names), key=len, reverse=True)
    body = "|".join(re.escape(n) for n in ordered)
    if not flags & re.IGNORECASE:
        # The names that open with the same character grouped behind it, in the same order: a position tries one
        # group, not all ~500 names (the same matches; a third of the cost of the whole-article scan of doc_focus).
        groups: dict[str, list[str]] = {}
        for n in ordered:
            groups.setdefault(n[0], []).append(re.escape(n[1:]))
        body = "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)
