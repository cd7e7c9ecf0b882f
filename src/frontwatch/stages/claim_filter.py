"""Claim filter: events a sentence names without claiming that they happened.

Runs on the finished claims (``attach.build_claims``), after the event finder: each event's trigger is read
again in its clause, and an event that is only a possibility, background state, a generic statement or the
reason for something else is dropped from its claim. The finder's own checks (``event_senses``) decide whether
a word is an event at all; these decide whether the sentence claims it.

- A possibility: ``could``, ``might``, ``may`` or ``can`` on the event's verb ("another attack could come",
  "Russia might try to seize the town"). ``could have`` / ``may have`` (a hedged past: the claim stays, hedged)
  and ``could not`` (a denied ability) stay; so do perception verbs ("soldiers could be seen surrendering").
  Future and intent auxiliaries (``will``, ``would``, ``vowed to``) are ``event_senses.unrealised``'s; the walk
  up the verb chain is the same (``clause_verbs``).
- Capture state in a relative clause: "the left bank, which is occupied", "the town, which has been under
  Russian control since 2014", "..., which was again a target after being occupied", "the plant, under Russian
  control since March, ...": background about the place, not a new capture. A finite capture in the past ("which Russian forces took in May") stays: the
  conventions list it as background told by the outlet.
- Background about a place inside a speaker's sentence: "Ukraine said its forces advanced near the city, which
  Russian forces took in May": the relative clause is the outlet's background (the conventions list it as the
  outlet's claim), so the capture moves to an outlet claim on the same sentence when the capture is the other
  side's or Crimea's annexation (a speaker's own side's capture in a relative clause is their claim: "the
  village, which our troops liberated in July").
- A generic statement: a present-tense clause whose subject is quantified by ``every``, ``each`` or ``any``
  ("every strike on our ports is a crime") says what such events are, not that one happened.
- An event noun as a reason: "ordered the evacuation citing constant shelling", "closed because of shelling",
  "killed due to shelling": the reason given for another event or decision, not a claim of its own.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..records import Claim, Claimant, Event, TimeSpan
from .event_senses import PLACE_NOUNS, clause_verbs, held
from .parse import doc_text

POSSIBLE = {"can", "ca", "could", "may", "might"}  # "ca" is spaCy's "can" of "can't"
PERCEIVE = {"see", "hear", "watch", "observe", "notice", "film", "show", "feel"}
UNIVERSAL = {"every", "each", "any"}
# The words right before an event noun that make it the reason for something else.
QUOTE_MARK = re.compile("[\"“”]")
REASON = re.compile(r"\b(?:because of|due to|owing to|on account of|citing)$", re.IGNORECASE)


def drop_spurious(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """The claims without the events their sentences name but do not claim."""
    out = []
    for claim in claims:
        kept = tuple(e for e in claim.events if not _spurious(doc, claim, e))
        out.append(replace(claim, events=kept) if len(kept) != len(claim.events) else claim)
    return out


def _spurious(doc: Doc, claim: Claim, event: Event) -> bool:
    token = trigger_token(doc, claim, event)
    if token is None:
        return False
    return possibility(token) or generic(token) or as_reason(token) or (
        event.type == "capture" and background_state(token))


def trigger_token(doc: Doc, claim: Claim, event: Event) -> Token | None:
    """The root token of the event's trigger, at its first place in the claim's sentence."""
    if not event.trigger:
        return None
    at = doc_text(doc).find(event.trigger, claim.span[0], claim.span[1])
    span = doc.char_span(at, at + len(event.trigger), alignment_mode="expand") if at >= 0 else None
    return span.root if span is not None else None


def _governing_verbs(token: Token) -> Iterator[Token]:
    """The trigger's verb (a noun's is the verb it hangs from, through a preposition or two), then the verbs
    that verb hangs from as an infinitive or a conjunct."""
    verb = token
    for _ in range(3):
        if verb.pos_ in {"VERB", "AUX"} or verb.head == verb:
            break
        verb = verb.head
    return clause_verbs(verb)


def possibility(token: Token) -> bool:
    """ "Could", "might", "may" or "can" on the event's verb, or "are able to" / "are capable of" it: what may
    happen, not what happened."""
    if token.dep_ == "pcomp" and token.head.lower_ == "of" and token.head.head.lemma_ == "capable":
        return _present_ability(token.head.head)  # "are capable of continuously shelling"
    for verb in _governing_verbs(token):
        if verb.lemma_ == "able":
            return _present_ability(verb)  # "are able to target"
        children = list(verb.children)
        if any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in POSSIBLE for c in children):
            # "could have taken": a hedged past; "could not break through": a denied ability; "could be seen
            # surrendering": what was seen
            return not any(c.dep_ == "neg" or c.dep_ == "aux" and c.lemma_ == "have" for c in children) \
                and verb.lemma_ not in PERCEIVE
        if verb.dep_ == "conj" and any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in children):
            return False  # "are able to target positions and have taken two villages": the second verb is its own
    return False


def _present_ability(adjective: Token) -> bool:
    """ "are able to", "is capable of", not "were able to" (done), "have been able to" (done) or "are not able to"
    (denied)."""
    be = adjective.head
    return adjective.dep_ == "acomp" and be.tag_ in {"VBZ", "VBP"} and not any(
        c.dep_ == "neg" or c.dep_ == "aux" and c.lemma_ == "have" for c in [*be.children, *adjective.children])


def generic(token: Token) -> bool:
    """ "Every strike on our ports is a crime": a present-tense clause about every event of a kind."""
    # (a subject noun the tagger read as a verb, "Each missile strike ... is", still hangs from its clause's verb)
    verb = token.head if token.dep_ in {"nsubj", "nsubjpass"} else next(_governing_verbs(token))
    return verb.tag_ in {"VBZ", "VBP"} and any(
        c.dep_ in {"nsubj", "nsubjpass"} and any(d.dep_ == "det" and d.lower_ in UNIVERSAL for d in c.children)
        for c in verb.children)


def as_reason(token: Token) -> bool:
    """ "citing constant shelling", "because of shelling": the reason given for something else."""
    if token.pos_ not in {"NOUN", "PROPN"} and token.tag_ != "VBG":
        return False
    start = token.left_edge.i
    before = token.doc[max(token.sent.start, start - 3): start].text
    return REASON.search(before) is not None


def background_state(token: Token) -> bool:
    """A place's capture state told in a relative clause ("the bank, which is occupied", "which has been under
    Russian control since 2014", "after being occupied") or set off by commas ("the plant, under Russian control
    since March, ..."): background about the place."""
    if token.lower_ == "under" and token.i > token.sent.start and token.nbor(-1).text == "," and not held(token):
        return True  # "The plant, under Russian control since March, has been shelled": set off by commas
    if not (token.lemma_ == "occupy" or held(token)):
        return False
    t = token
    for _ in range(4):
        if t.dep_ == "relcl":
            return True
        if t.head == t:
            return False
        t = t.head
    return False


def relocate_background(doc: Doc, claims: list[Claim], outlet: Claimant | None, stated: TimeSpan | None
                        ) -> list[Claim]:
    """A capture told in a relative clause about a place in a speaker's sentence, by the other side (or Crimea's
    annexation), is the outlet's background: it moves to an outlet claim on the same sentence (``stated``: the
    publication day)."""
    if outlet is None:
        return claims
    out: list[Claim] = []
    for claim in claims:
        moved = () if claim.claimant.kind == "outlet" else tuple(
            e for e in claim.events if e.type == "capture" and _background_of_place(doc, claim, e))
        if not moved:
            out.append(claim)
            continue
        out.append(replace(claim, events=tuple(e for e in claim.events if e not in moved)))
        moved_id = hashlib.sha1(f"{claim.id}:{outlet.name}".encode()).hexdigest()[:16]
        out.append(replace(claim, id=moved_id, claimant=outlet, cue=None, direct_quote=False, stated=stated,
                           events=moved))
    return out


def _background_of_place(doc: Doc, claim: Claim, event: Event) -> bool:
    token = trigger_token(doc, claim, event)
    if token is None or token.pos_ != "VERB":
        return False
    if len(QUOTE_MARK.findall(doc_text(doc)[claim.span[0]:token.idx])) % 2:
        return False  # inside the speaker's quotation: their own words
    clause = token.head if token.dep_ == "conj" else token  # "which Russia invaded and annexed"
    place = clause.head
    if clause.dep_ != "relcl" or not (place.ent_type_ in {"GPE", "LOC", "FAC"} or place.pos_ == "PROPN"
                                      or place.lemma_.lower() in PLACE_NOUNS | {"peninsula"}):
        return False
    return token.lemma_ == "annex" or event.actor_side in {"UA", "RU"} and claim.claimant.side in {"UA", "RU"} \
        and event.actor_side != claim.claimant.side
