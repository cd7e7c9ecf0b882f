"""A light spaCy component that tags gazetteer place names, as an ``entity_ruler`` would.

``Gazetteer.ruler_patterns()`` feeds spaCy's ``entity_ruler``. With tens of thousands of
patterns that ruler is heavy: its PhraseMatcher holds about 200 MB, and placed after the tagger
and parser (``before="ner"``) spaCy runs both over every pattern while adding them (~25 s).
``frontwatch_place_ruler`` does the same job from a dictionary of token tuples: a few MB, under a
second to load, any position in the pipeline::

    nlp.add_pipe("frontwatch_place_ruler", before="ner", config={"gazetteer_path": str(gaz.path)})

Like ``entity_ruler`` with ``overwrite_ents=False``: the longest name wins, and entities already
on the doc (another ruler's) are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .translit import adjective_bases, inflection_bases

_PLAIN = re.compile(r"^[A-Za-z]+(?: [A-Za-z]+)*$")


class PlaceRuler:
    """Mark every gazetteer name in a doc as an entity (exact, case-sensitive token match)."""

    def __init__(self, nlp: Language, patterns: Iterable[dict[str, Any]]) -> None:
        self.names: dict[str, dict[tuple[str, ...], str]] = {}  # first token -> token tuple -> label
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
                self.longest = max(self.longest, len(tokens))

    def __len__(self) -> int:
        return sum(len(v) for v in self.names.values())

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        words = [t.text for t in doc]
        i = 0
        while i < len(words):
            table = self.names.get(words[i])
            if table:
                for n in range(min(self.longest, len(words) - i), 0, -1):
                    label = table.get(tuple(words[i:i + n]))
                    if label:
                        found.append(Span(doc, i, i + n, label=label))
                        i += n - 1
                        break
            i += 1
        found += self._reformed(doc, {k for span in found for k in range(span.start, span.end)})
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
        for t in doc:
            if t.i in taken or not t.is_title or len(t.text) < 5:
                continue
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


_AXIS_WORDS = frozenset({"direction", "axis", "sector", "front", "directions", "axes"})
_PREPOSITIONS = frozenset({"in", "near", "outside", "around", "from", "of", "to", "towards", "toward", "at", "on",
                           "into", "by", "beyond", "behind", "past"})


@Language.factory("frontwatch_place_ruler", default_config={"gazetteer_path": None},
                  assigns=["doc.ents", "token.ent_type", "token.ent_iob"])
def make_place_ruler(nlp: Language, name: str, gazetteer_path: str | None) -> PlaceRuler:
    """The component, loaded from the gazetteer at ``gazetteer_path`` (default: the settings' one)."""
    from ..config import Settings
    from . import Gazetteer, open_gazetteer

    gaz = Gazetteer(gazetteer_path) if gazetteer_path else open_gazetteer(Settings.load().places)
    return PlaceRuler(nlp, gaz.ruler_patterns())
