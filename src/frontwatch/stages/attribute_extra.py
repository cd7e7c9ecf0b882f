"""Speaker cues that are not a reporting verb's subject: a headline's speaker, an OSINT project or analysis as the
subject of show/indicate, and a sentence that hands over to a quotation with a colon (docs/claims.md).

A mixin of :class:`.attribute.Attributor`, kept apart so that module stays readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..actors import Actors
from ..records import Claimant
from . import cues
from .cues import EVIDENCE_NOUNS, HEADLINE_COLON, HEADLINE_DASH, MONITOR_NOUNS, MONITOR_VERBS, ORG_NOUNS, PERSON_NOUNS
from .parse import doc_text, ents_in
from .quotes import Attribution, in_quote

if TYPE_CHECKING:
    from .attribute import _Memory


_TITLE_GENDER = {"mr": "m", "mr.": "m", "ms": "f", "ms.": "f", "mrs": "f", "mrs.": "f", "miss": "f"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


def note_genders(sent: Span, genders: dict[str, str]) -> None:
    """What a text tells of its people's gender, by surname: a courtesy title ("Ms. Koval") or a possessive in
    their own clause ("Minister X met her counterpart"). For "she said" after two people (docs/claims.md)."""
    for t in sent:
        if t.lower_ in _TITLE_GENDER and t.i + 1 < sent.end and sent.doc[t.i + 1].pos_ == "PROPN":
            genders.setdefault(sent.doc[t.i + 1].text.casefold(), _TITLE_GENDER[t.lower_])
        elif t.ent_type_ == "PERSON" and t.dep_ == "nsubj" and t.head.pos_ == "VERB":
            owned = [w for w in t.head.subtree if w.dep_ == "poss" and w.lower_ in {"his", "her"} and w.i > t.i]
            others = [w for w in t.head.subtree if w.ent_type_ == "PERSON" and w.i < (owned[0].i if owned else 0)
                      and w.head != t and w != t]
            if owned and not others:
                genders.setdefault(t.text.casefold(), _PRONOUN_GENDER[owned[0].lower_])


def by_gender(people: list[Claimant], pronoun: str, genders: dict[str, str]) -> Claimant | None:
    """ "She said" after Baerbock and Kuleba: of the two people before the last, the latest the text gives that
    gender (or, when the last one is known to be of the other, the latest not known to be of it too); else None (the
    last person, as before)."""
    want = _PRONOUN_GENDER.get(pronoun)
    last = genders.get(people[-1].name.split()[-1].casefold()) if people else want
    if want is None or last == want:
        return None
    for p in reversed(people[-3:-1]):
        gender = genders.get(p.name.split()[-1].casefold())
        if gender == want or (last is not None and gender is None):
            return p
    return None


class SpeakerCues:
    actors: Actors

    def _claimant(self, head: Token, memory: _Memory, outlet: Claimant) -> Claimant | None:
        raise NotImplementedError

    def _colon_intro(self, sent: Span, quotes: list[tuple[int, int]], memory: _Memory,
                     outlet: Claimant) -> Attribution | None:
        """ 'Mayor X gave the toll in a video address: "Seven people were killed ..."': a clause that hands over to
        a quotation with a colon names its speaker, whatever its verb. Its subject must be a person or body."""
        text = doc_text(sent.doc)
        for start, _ in quotes:
            if not sent.start_char < start < sent.end_char or not text[sent.start_char:start].rstrip().endswith(":"):
                continue
            opening = sent.doc.char_span(start, start + 1, alignment_mode="expand").start
            verbs = [t for t in sent if t.i < opening and t.pos_ in {"VERB", "AUX"}]
            # (the parser often hangs it under the quotation's verb)
            for verb in verbs:
                subjects = [c for c in verb.children if c.dep_ == "nsubj" and not in_quote(c, quotes)]
                if not subjects:
                    continue
                head = subjects[0]
                if not (head.ent_type_ in {"PERSON", "ORG", "GOV"} or head.lemma_.lower() in PERSON_NOUNS | ORG_NOUNS
                        or head.lower_ in {"he", "she", "they"} or (head.pos_ == "PROPN" and any(
                            t.lower_ in PERSON_NOUNS for t in head.subtree))):  # ("Mayor X": a name NER missed)
                    continue
                claimant = self._claimant(head, memory, outlet)
                if claimant is not None and claimant.kind != "outlet":
                    return Attribution(sent, claimant, verb.text, verb.i, False, {t.i for t in head.subtree} | {verb.i})
        return None

    def _monitor(self, sent: Span, quotes: list[tuple[int, int]]) -> Attribution | None:
        """ "The DeepState monitoring site shows advances ...", "An open-source analysis of the footage indicates
        that ...": an OSINT project or an analysis as the subject of show/indicate/suggest is the claimant (its
        side from the tables, else ``other``). Evidence as the subject ("satellite images show") stays the
        outlet's reading (docs/claims.md)."""
        for verb in sent:
            if verb.lemma_.lower() not in MONITOR_VERBS or verb.pos_ != "VERB" or in_quote(verb, quotes):
                continue
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if not subjects or subjects[0].lemma_.lower() in EVIDENCE_NOUNS:
                continue
            subject = subjects[0]
            name = cues.core(subject)
            known = self.actors.lookup(name) or next(
                (self.actors.lookup(c.text) for c in subject.lefts if c.pos_ == "PROPN" and self.actors.lookup(c.text)),
                None)
            if subject.lemma_.lower() not in MONITOR_NOUNS and not (known and known[1] in {"organisations", "forces"}):
                continue
            side = self.actors.side_of(name) or "other"
            return Attribution(sent, Claimant(name=name, kind="organisation", side=side),  # type: ignore[arg-type]
                               verb.text, verb.i, False, {t.i for t in subject.subtree} | {verb.i})
        return None

    def _headline(self, sent: Span) -> Attribution | None:
        text = sent.text.strip()
        for pattern in (HEADLINE_DASH, HEADLINE_COLON):
            m = pattern.match(text)
            if not m:
                continue
            who = m.group("who")
            side = self.actors.side_of(who)
            ents = [e for e in ents_in(sent.doc, sent.start, sent.end) if e.text == who and e.label_ in {"PERSON", "ORG", "GOV"}]
            body_noun = who.split()[-1].lower() in ORG_NOUNS | PERSON_NOUNS  # "General Staff: ..."
            if side is None and not ents and not body_noun:
                continue
            kind = "person" if (ents and ents[0].label_ == "PERSON") or self.actors.lookup(who) == (side, "people") else "organisation"
            return Attribution(sent, Claimant(name=who, kind=kind, side=side or "unknown"), "headline", None)  # type: ignore[arg-type]
        return None

