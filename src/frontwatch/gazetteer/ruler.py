"""Light spaCy components that tag gazetteer place names, as an ``entity_ruler`` would.

``Gazetteer.ruler_patterns()`` feeds spaCy's ``entity_ruler``. With tens of thousands of
patterns that ruler is heavy: its PhraseMatcher holds about 200 MB, and placed after the tagger
and parser (``before="ner"``) spaCy runs both over every pattern while adding them (~25 s).
``frontwatch_place_ruler`` does the same job from a dictionary of token tuples: a few MB, under a
second to load, any position in the pipeline::

    nlp.add_pipe("frontwatch_place_ruler", before="ner", config={"gazetteer_path": str(gaz.path)})

Like ``entity_ruler`` with ``overwrite_ents=False``: the longest name wins, and entities already
on the doc (another ruler's) are kept. In a line written in capitals (a headline, "MANSFIELD --")
names match whatever their case.

``frontwatch_world_ruler`` runs *after* the statistical NER and only fills gaps: world towns of
some size, regions, US counties and continents (``Gazetteer.world_names()``), tagged where the model
saw nothing, the words are proper nouns, and a one-word name is not also an English adjective, verb
or adverb ("Mobile", "Split", "Hope"). The model keeps "Jackson said" a PERSON; the world ruler
adds the "Gainesville" and "Licking County" it missed.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..stages._strings import string_cache
from .translit import adjective_bases, inflection_bases

_PLAIN = re.compile(r"^[A-Za-z]+(?: [A-Za-z]+)*$")

LOGGER = logging.getLogger(__name__)

CAPS_LINE_SHARE = 0.6  # a line is "in capitals" when this share of its words (2+ letters) are


class PlaceRuler:
    """Mark every gazetteer name in a doc as an entity (exact, case-sensitive token match)."""

    def __init__(self, nlp: Language, patterns: Iterable[dict[str, Any]]) -> None:
        self.names: dict[str, dict[tuple[str, ...], str]] = {}  # first token -> token tuple -> label
        self.lower: dict[str, dict[tuple[str, ...], str]] = {}  # the same, lower-cased, for lines in capitals
        self.longest = 0
        patterns = [p for p in patterns if isinstance(p.get("pattern"), str)]
        # Letters-only words are tokens as they stand (the tokenizer would return the same words);
        # only the rest goes through the tokenizer, which is most of the load time otherwise.
        special = set(getattr(nlp.tokenizer, "rules", None) or ())
        plain = [p for p in patterns if _PLAIN.match(p["pattern"]) and not special.intersection(p["pattern"].split())]
        others = [p for p in patterns if not (_PLAIN.match(p["pattern"]) and
                                              not special.intersection(p["pattern"].split()))]
        token_lists = [(p, tuple(p["pattern"].split())) for p in plain]
        token_lists += [(p, tuple(t.text for t in doc))
                        for p, doc in zip(others, nlp.tokenizer.pipe(p["pattern"] for p in others))]
        for p, tokens in token_lists:
            if tokens:
                self.names.setdefault(tokens[0], {}).setdefault(tokens, p["label"])
                low = tuple(t.lower() for t in tokens)
                self.lower.setdefault(low[0], {}).setdefault(low, p["label"])
                self.longest = max(self.longest, len(tokens))

    def __len__(self) -> int:
        return sum(len(v) for v in self.names.values())

    def __call__(self, doc: Doc) -> Doc:
        found = self._find(doc)
        found += self._reformed(doc, {k for span in found for k in range(span.start, span.end)})
        return self._add(doc, found)

    def _find(self, doc: Doc) -> list[Span]:
        found: list[Span] = []
        words = token_texts(doc)[0]
        caps = caps_tokens(doc)
        # only a word that opens a name (or, in capitals, whose lower case does) can start a match
        names, lower = self.names, self.lower
        starts = [i for i, w in enumerate(words) if w in names or (i in caps and w.lower() in lower)]
        after = 0  # the end of the last match: matches do not overlap
        for i in starts:
            if i >= after and (n := self._match(words, i, caps)):
                found.append(Span(doc, i, i + n[0], label=n[1]))
                after = i + n[0]
        return found

    def _match(self, words: list[str], i: int, caps: set[int]) -> tuple[int, str] | None:
        table = self.names.get(words[i])
        if table:
            for n in range(min(self.longest, len(words) - i), 0, -1):
                label = table.get(tuple(words[i:i + n]))
                if label:
                    return n, label
        if i in caps:  # "ISLE OF PALMS", "KHARKIV REGION": match lower-cased, within the capitals
            table = self.lower.get(words[i].lower())
            if table:
                for n in range(min(self.longest, len(words) - i), 0, -1):
                    if any(k not in caps and any(ch.isalpha() for ch in words[k]) for k in range(i, i + n)):
                        continue
                    label = table.get(tuple(w.lower() for w in words[i:i + n]))
                    if label:
                        return n, label
        return None

    @staticmethod
    def _add(doc: Doc, found: list[Span]) -> Doc:
        if found:
            existing = list(doc.ents)
            taken = {k for e in existing for k in range(e.start, e.end)}
            new = [s for s in found if not any(k in taken for k in range(s.start, s.end))]
            doc.ents = filter_spans(existing + new)
        return doc

    def _single(self, word: str) -> str | None:
        return self.names.get(word, {}).get((word,))

    def _reformed(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Names in a Russian case form after a preposition ("near Avdeyevke", "from Krasnogorovki")
        and axes named by a town adjective and a town ("Svatovsko-Kremennaya"), which no pattern spells."""
        out: list[Span] = []
        # only title-case words of five letters or more start a form: skip the rest without a Token
        words = token_texts(doc)[0]
        for i, word in enumerate(words):
            if i in taken or len(word) < 5 or not word.istitle():  # Token.is_title is str.istitle
                continue
            # and only before an axis word or a hyphen, or after a preposition (Token.lower_ is str.lower)
            after = words[i + 1].lower() if i + 1 < len(words) else ""
            if after not in _AXIS_WORDS and after != "-" and not (i > 0 and words[i - 1].lower() in _PREPOSITIONS):
                continue
            t = doc[i]
            nxt = doc[t.i + 2] if t.i + 2 < len(doc) else None
            if t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _AXIS_WORDS and not self._single(t.text):
                # "the Avdeyevskoye axis": a town's adjective naming a direction
                label = next((lab for b in adjective_bases(t.text) if (lab := self._single(b))), None)
                if label:
                    out.append(Span(doc, t.i, t.i + 1, label=label))
                    continue
            if nxt is not None and doc[t.i + 1].text == "-" and nxt.is_title and (
                    self._single(nxt.text) or any(self._single(b) for b in
                                                  inflection_bases(nxt.text) + adjective_bases(nxt.text))) and \
                    any(self._single(b) for b in adjective_bases(t.text)):
                out.append(Span(doc, t.i, t.i + 3, label="GPE"))
                continue
            if t.i > 0 and doc[t.i - 1].lower_ in _PREPOSITIONS and not self._single(t.text):
                label = next((lab for b in inflection_bases(t.text) if (lab := self._single(b))), None)
                if label:
                    out.append(Span(doc, t.i, t.i + 1, label=label))
        return out


# words after a town's adjective that make it a name: "the Avdeyevskoye axis", "the Popasnyansky district"
_AXIS_WORDS = frozenset({"direction", "axis", "sector", "front", "directions", "axes", "district", "raion", "rayon"})
_PREPOSITIONS = frozenset({"in", "near", "outside", "around", "from", "of", "to", "towards", "toward", "at", "on",
                           "into", "by", "beyond", "behind", "past"})


_TEXTS_KEY = "frontwatch_token_texts"


def token_texts(doc: Doc) -> tuple[list[str], list[str]]:
    """Each token's text and trailing whitespace, read once per Doc (both rulers and caps_tokens use them:
    a Token object per word and per component is a large part of their cost)."""
    # lists, not tuples or sets: spaCy sends Docs with their user_data through msgpack when n_process > 1
    cached = doc.user_data.get(_TEXTS_KEY)
    if cached is None or len(cached[0]) != len(doc):
        # from the Doc's arrays (a third of the cost of a Token per word): a token's text is its ORTH, its
        # trailing whitespace one space where SPACY is set
        orth, space = doc.to_array([ORTH, SPACY]).T.tolist() if len(doc) else ([], [])
        cached = doc.user_data[_TEXTS_KEY] = [list(map(string_cache(doc.vocab.strings).__getitem__, orth)),
                                              list(map(_SPACE.__getitem__, space))]
    return cached[0], cached[1]


_SPACE = ("", " ")  # a token's trailing whitespace by its SPACY flag


_CAPS_KEY = "frontwatch_caps_tokens"


def caps_tokens(doc: Doc) -> set[int]:
    """Indices of tokens in capitals on lines mostly written in capitals (headlines, datelines).

    Worked out once per Doc (both rulers read them; kept as a list, see token_texts)."""
    cached = doc.user_data.get(_CAPS_KEY)
    if cached is None or cached[0] != len(doc):
        cached = doc.user_data[_CAPS_KEY] = [len(doc), sorted(_caps_tokens(doc))]
    return set(cached[1])


def _caps_tokens(doc: Doc) -> set[int]:
    words, spaces = token_texts(doc)
    out: set[int] = set()
    if not any(w.isupper() for w in words):
        return out  # no word in capitals (most articles): no line to look at
    line: list[int] = []

    def close() -> None:
        # most lines hold no word in capitals: test that first, count letters only on the lines that do
        upper = [k for k in line if words[k].isupper() and sum(ch.isalpha() for ch in words[k]) >= 2]
        if not upper:
            return
        n_words = sum(1 for k in line if sum(ch.isalpha() for ch in words[k]) >= 2)
        if len(upper) >= CAPS_LINE_SHARE * n_words and (len(upper) >= 2 or n_words == 1):
            out.update(upper)

    for i, text in enumerate(words):
        if "\n" in text:
            close()
            line = []
            continue
        line.append(i)
        if "\n" in spaces[i]:
            close()
            line = []
    close()
    return out


class WorldRuler(PlaceRuler):
    """Fill what the NER left: world place names on proper nouns no entity covers."""

    def __init__(self, nlp: Language, patterns: Iterable[dict[str, Any]], common_words: set[str]) -> None:
        kept = [p for p in patterns if " " in p["pattern"] or p["pattern"].lower() not in common_words]
        super().__init__(nlp, kept)

    def __call__(self, doc: Doc) -> Doc:
        found = self._find(doc)
        # the small model often calls a town an organisation or a person ("a Gainesville man",
        # "Newark officials", "in Alexandria"): such an entity that is exactly a place name, or the
        # text of a place entity elsewhere in the article, becomes a place
        exact = {(s.start, s.end): s.label_ for s in found}
        current = list(doc.ents)  # read once: spaCy builds every Span anew on each read
        places = {e.text: e.label_ for e in current if e.label_ in ("GPE", "LOC")}
        surnames = _person_words(current)
        ents = [_as_place(e, exact, places, surnames) for e in current]
        doc.user_data.pop(_TEXTS_KEY, None)  # the last readers: the Doc need not carry the copies on
        doc.user_data.pop(_CAPS_KEY, None)
        if not found and all(a is b for a, b in zip(ents, current)):
            return doc
        taken = {k for e in ents for k in range(e.start, e.end)}
        new = [s for s in found if not any(k in taken for k in range(s.start, s.end))
               and all(t.pos_ == "PROPN" or t.is_upper or t.lower_ in ("of", "de") for t in s)
               and not _person_context(s)]
        if not new and all(a is b for a, b in zip(ents, current)):
            return doc  # names the entities already hold: setting the same ones again costs as much as new ones
        doc.ents = filter_spans(ents + new)
        return doc


_R = TypeVar("_R", bound=PlaceRuler)

RELABELLED = ("ORG", "PERSON", "NORP", "PRODUCT")


def _as_place(ent: Span, exact: dict[tuple[int, int], str], places: dict[str, str], surnames: set[str]) -> Span:
    """``ent`` as a place when the model mislabelled one: an organisation that is exactly a world place
    name; a person that is one and no one's name in the article ("Alexandria", not "Jackson" after
    "Andrew Jackson" nor "Mr. Jackson"); any of these whose text the article tags as a place elsewhere
    (one name, one sense in an article)."""
    if ent.label_ not in RELABELLED or (ent.label_ == "PERSON" and (ent.text in surnames or _person_context(ent))):
        return ent
    label = places.get(ent.text)
    if label is None and ent.label_ in ("ORG", "PERSON"):
        label = exact.get((ent.start, ent.end))
    if label is None:
        return ent
    return Span(ent.doc, ent.start, ent.end, label=label)


def _person_words(ents: list[Span]) -> set[str]:
    """First and last words of the people the article names in full ("Andrew Jackson": Andrew, Jackson),
    from its entities."""
    return {w for e in ents if e.label_ == "PERSON" and len(e) > 1 for w in (e[0].text, e[-1].text)}


_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "col", "sgt", "lt", "capt", "st", "judge",
                     "officer", "deputy", "detective", "coach", "president", "mayor", "chief", "sheriff"})


def _person_context(span: Span) -> bool:
    """"Mr. Jackson", "Sgt. Marion", "Tyler Perry": a person's name, not a place."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in _TITLES:
        return True
    if span.end < len(doc) and doc[span.end].ent_type_ == "PERSON":
        return True
    return span.start > 0 and doc[span.start - 1].ent_type_ == "PERSON"


def english_words(nlp: Language) -> set[str]:
    """Adjectives, verbs and adverbs the model's lemmatizer knows (empty when it has no tables)."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    except (KeyError, AttributeError, ValueError):
        return set()
    words: set[str] = set()
    for pos in ("adj", "verb", "adv"):
        if pos in index:
            words.update(index[pos])
    return words


@Language.factory("frontwatch_place_ruler", default_config={"gazetteer_path": None},
                  assigns=["doc.ents", "token.ent_type", "token.ent_iob"])
def make_place_ruler(nlp: Language, name: str, gazetteer_path: str | None) -> PlaceRuler:
    """The component, loaded from the gazetteer at ``gazetteer_path`` (default: the settings' one)."""
    gaz = _gazetteer(gazetteer_path)
    return _cached(PlaceRuler, nlp, gaz, "place", lambda: PlaceRuler(nlp, gaz.ruler_patterns()))


@Language.factory("frontwatch_world_ruler", default_config={"gazetteer_path": None},
                  assigns=["doc.ents", "token.ent_type", "token.ent_iob"])
def make_world_ruler(nlp: Language, name: str, gazetteer_path: str | None) -> WorldRuler:
    """The gap-filling component (after ``ner``), loaded from the gazetteer at ``gazetteer_path``."""
    gaz = _gazetteer(gazetteer_path)
    words = english_words(nlp)
    return _cached(WorldRuler, nlp, gaz, "world", lambda: WorldRuler(nlp, gaz.world_names(), words),
                   "\n".join(sorted(words)))


# -- the rulers' tables, kept beside the gazetteer ------------------------------------------------
# Building the two rulers' tables (reading ~125,000 names, splitting them into words, tokenising those
# that are not plain letters) is most of a Pipeline's load time; read back from a file they cost a
# third of that. The file holds a key of everything the tables depend on (the gazetteer file, the
# code and data that turn it into patterns, the tokenizer's rules, the model's English words, the
# Python and spaCy versions); any change makes it stale and the tables are built afresh and rewritten.
RULER_CACHE_VERSION = "1"


def _cached(cls: type[_R], nlp: Language, gazetteer: Any, kind: str, build: Callable[[], _R], extra: str = "") -> _R:
    path = getattr(gazetteer, "path", None)
    if path is None:
        return build()
    path = Path(path)
    cache = path.with_name(f"{path.name}.{kind}-ruler")
    try:
        key = _cache_key(nlp, path, kind, extra)
    except OSError:
        return build()
    head = key.encode() + b"\n"
    try:
        with cache.open("rb") as fh:
            if fh.read(len(head)) == head:
                names, lower, longest = marshal.loads(fh.read())
                ruler = cls.__new__(cls)
                ruler.names, ruler.lower, ruler.longest = names, lower, longest
                return ruler
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no file yet, or an unreadable one: build and rewrite it
    ruler = build()
    try:  # written whole under another name, then renamed: a reader never sees half a file
        with tempfile.NamedTemporaryFile("wb", dir=cache.parent, prefix=cache.name, delete=False) as tmp:
            tmp.write(head + marshal.dumps((ruler.names, ruler.lower, ruler.longest)))
        os.chmod(tmp.name, 0o644)  # readable as the gazetteer is (a temporary file is the owner's only)
        os.replace(tmp.name, cache)
    except OSError as exc:  # a read-only data folder: build each time
        LOGGER.debug("cannot keep the %s ruler's tables at %s: %s", kind, cache, exc)
        with contextlib.suppress(OSError, NameError):
            os.unlink(tmp.name)
    return ruler


def _cache_key(nlp: Language, path: Path, kind: str, extra: str) -> str:
    import spacy

    from . import build, lookup, translit

    h = hashlib.sha256()
    stat = path.stat()
    tok = nlp.tokenizer
    parts: list[Any] = [
        RULER_CACHE_VERSION, kind, sys.version, marshal.version, spacy.__version__, str(path.resolve()),
        stat.st_size, stat.st_mtime_ns, nlp.meta.get("name"), nlp.meta.get("version"), lookup.WORLD_MIN_POPULATION,
        sorted(build.stop_names()), extra,
        # the tokenizer: its affix and token patterns and its special cases (the rulers split names with it)
        *(getattr(getattr(f, "__self__", None), "pattern", repr(f)) for f in (
            getattr(tok, "prefix_search", None), getattr(tok, "suffix_search", None),
            getattr(tok, "infix_finditer", None), getattr(tok, "token_match", None), getattr(tok, "url_match", None))),
        sorted((k, repr(v)) for k, v in (getattr(tok, "rules", None) or {}).items()),
    ]
    h.update(repr(parts).encode())
    # the code that turns the gazetteer into the tables
    for module in (__file__, lookup.__file__, translit.__file__, build.__file__):
        h.update(Path(module).read_bytes())
    return h.hexdigest()


def _gazetteer(path: str | None) -> Any:
    from ..config import Settings
    from . import Gazetteer, open_gazetteer

    return Gazetteer(path) if path else open_gazetteer(Settings.load().places)
