"""Events: what a claim says happened — type, polarity and whose forces did it.

Triggers are word patterns per event type, checked against the parse so that
"advanced air defence systems" is not an advance and "pushed back 2 km" is.
The side that acted comes from the forces named next to the trigger ("Russian
forces", "the enemy", "our troops", "Kiev"), read relative to the claimant: both
sides say "liberated" and "repelled", so the verb alone never decides the side.

Conventions (shared with the gold set):
- ``repelled``: ``actor_side`` is the side whose attack failed.
- ``weapons_supply``: the receiving side.
- ``strike`` / ``shelling`` / ``casualties``: the side that attacked or inflicted them.

This module holds the per-sentence walk (the triggers are in ``event_triggers``); ``event_senses`` the parse checks that decide
whether a trigger states an event at all, ``event_sides`` the actor-side rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..actors import Actors, opposite
from .attribute import Attribution
from .event_phrases import (
    PHOTO_CAPTION,
    answered_with,
    attackers,
    conjoined,
    contrasted_losses,
    counted_settlements,
    counted_victims,
    denied_report,
    effort,
    effort_verb,
    evaluated,
    exchanged,
    identified_weapon,
    intercepted_aircraft,
    own_clause_events,
    shelled_positions,
    shelled_with,
    shoot_down_tally,
    still_held,
    strike_of_its_own,
    taken_to_hospital_again,
)
from .event_senses import (
    EVENT_VERBS,
    NO_CLAIM,
    ONE_SIDED_STEPS,
    PRISONERS,
    arrived_at_target,
    attempted,
    caused_damage,
    clause_text,
    deal_step,
    destroyed_site,
    gained_hold,
    governs,
    gun_fire,
    held,
    in_passing,
    military_loss,
    missile_fire,
    negated,
    ordered,
    place_object,
    predicative,
    quoted_term,
    real_object,
    retold_cause,
    separate_event,
    targets_city,
    told_before,
    unrealised,
)
from .event_sides import SideReader
from .event_triggers import _W, TRIGGERS, WEAPON_WORDS
from .parse import Caseless, doc_lower, span_text, token_table

_TRIGGER_RE = {kind: re.compile(_W + f"(?:{body})", re.IGNORECASE) for kind, body in TRIGGERS.items()}
_TRIGGER_LC = {kind: Caseless(rx) for kind, rx in _TRIGGER_RE.items()}  # run on lower-cased text: twice as fast
_NO_CLAIM_LC = Caseless(NO_CLAIM)


def _class_end(pattern: str, i: int) -> int:
    """The index of the "]" that closes the character class opened at ``pattern[i]``."""
    i += 2 if pattern[i + 1: i + 2] == "^" else 1
    if pattern[i] == "]":
        i += 1  # a "]" first in the class is one of its characters
    while pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i


def _alternatives(body: str) -> list[str]:
    """The top-level alternatives of a pattern ("a(?:b|c)|d" -> "a(?:b|c)", "d")."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 1
        elif c == "[":
            i = _class_end(body, i)
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            out.append(body[start:i])
            start = i + 1
        i += 1
    return out + [body[start:]]


def _opened(alt: str) -> list[str]:
    """An alternative that opens with a group, as one alternative per branch of the group: "(?:a|b) c" -> "a c",
    "b c" (the same text matches; a group with a quantifier after it stays)."""
    if not alt.startswith("(?:"):
        return [alt]
    depth, i = 0, 0
    while i < len(alt):
        if alt[i] == "\\":
            i += 1
        elif alt[i] == "[":
            i = _class_end(alt, i)
        elif alt[i] in "()":
            depth += 1 if alt[i] == "(" else -1
            if depth == 0:
                break
        i += 1
    rest = alt[i + 1:]
    if rest[:1] in {"?", "*", "+", "{"}:
        return [alt]
    return [branch + rest for branch in _alternatives(alt[3:i])]


def _any_trigger() -> re.Pattern[str]:
    """Where any trigger can start: one scan costs a fraction of the ten patterns' scans (each tests every position
    of the sentence), and each type's pattern is then tried only at those positions (``_matches``).

    A lookahead with every alternative of every pattern, those that begin with the same plain letter grouped
    behind it, so that a position tries one group instead of some two hundred alternatives."""
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for body in TRIGGERS.values():
        for alt in [branch for top in _alternatives(body) for branch in _opened(top)]:
            if alt[:1].isalnum() and alt[1:2] not in {"?", "*", "+", "{"}:
                groups.setdefault(alt[0], []).append(alt[1:])
            else:
                others.append(alt)
    grouped = [f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()]
    return re.compile(_W + "(?=" + "|".join(grouped + others) + ")")


_ANY_TRIGGER = _any_trigger()
_WEAPON_RE = re.compile(rf"\b(?:{WEAPON_WORDS})", re.IGNORECASE)  # not the "aid" of "said"
_AREA = re.compile(r"\s*(?:[\w,.-]+\s+){0,6}(?:sq\b|sq\.|square\s+(?:km|kilomet|met|mile)|km2|km²|hectares|(?:\w+\s+)?territor(?:y|ies)\b(?! of (?-i:[A-Z]))|"
                   r"kilomet(?:er|re)s? of (?:\w+ )?(?:territory|land))", re.IGNORECASE)
# A repelled frame swallows the attack it repelled; a capture the advance that led to it.
ABSORBS = {"repelled": {"advance", "clash", "strike"}, "capture": {"clash"}, "shelling": {"strike", "clash"},
           "strike": {"clash"}, "weapons_use": {"strike", "shelling"}, "withdrawal": {"advance"}}

# These frames swallow their partner anywhere in the sentence; the others only in the same phrase
# ("artillery strikes" is shelling, but "18 air strikes and 41 MLRS attacks" is both).
SENTENCE_WIDE = {"repelled", "capture", "weapons_use"}
DENIAL_CUES = {"deny", "reject", "dismiss", "refute", "rebut", "debunk"}
DENIAL_WORDS = re.compile(r"\b(?:not a single|never|no longer|false|fake|untrue|not true|baseless|groundless)\b", re.IGNORECASE)
HEDGE_WORDS = re.compile(
    r"\b(?:reportedly|allegedly|possibly|probably|apparently|presumably|likely|unconfirmed|purportedly|believed|"
    r"appears?|seems?|appeared|seemed)\b",
    re.IGNORECASE,
)
HEDGE_MODALS = {"may", "might", "could"}
HEDGE_VERBS = {"suggest", "hint", "imply", "speculate"}  # "reports suggest that ...": the content is hedged
# Every word HEDGE_WORDS or HEDGE_MODALS matches holds one of these (a cheap test on the lower-cased sentence).
_HEDGE_CUES = ("reportedly", "allegedly", "possibly", "probably", "apparently", "presumably", "likely", "unconfirmed",
               "purportedly", "believed", "appear", "seem", "suggest", "hint", "impl", "speculat", *HEDGE_MODALS)
_ADVANCED_THING = re.compile(
    r"\s*(?:\w+\s+)?(?:weapon|technolog|training|stage|age|level|capabilit|economy|countr|nation|course|degree)", re.I)
AERIAL_WEAPONS = {"drone", "missile", "rocket", "uav", "shahed"}
# People who can be taken captive besides soldiers: "four civilians were captured" is a casualty count.
CAPTIVES = {"serviceman", "soldier", "civilian", "resident", "hostage", "citizen", "villager", "journalist", "woman",
            "child", "volunteer", "local", "person", "worker", "employee", "doctor", "priest", "official"}
GROUND = {"area", "territory", "land", "ground"}  # "the total area liberated": ground gained, not a named place
OUTCOME_VERBS = {"result", "end", "culminate"}  # "ended in heavy losses": the outcome, not a circumstance
REPORTED = {"report", "disclose", "announce", "confirm", "reveal", "publish", "comment", "acknowledge", "admit"}
_TERM_CUE = re.compile(r"\b(?:term|phrase|word|expression|euphemism|wording)s?\b", re.IGNORECASE)
STARTS = {"launch", "begin", "start", "order", "unleash"}
HEAVY_FIRE = ("pound", "hammer", "batter", "pummel", "rain")  # verbs of heavy fire: a strike only with its means told
HANDING = {"give", "get", "obtain", "acquire"}  # verbs of handing over that are a supply only with a weapon as object


BATCHES = {"batch", "shipment", "consignment", "number", "dozen", "hundred", "thousand", "set", "package", "first",
           "more", "part", "squadron", "fleet", "lot"}


def _objects_text(verb: Token) -> str:
    """The heads of the verb's objects with their modifiers ("gave Ukraine 20 armoured vehicles", "was given
    missiles", "got a batch of shells"), not their whole phrases ("giving the location of the equipment hit")."""
    heads = [c for c in verb.children if c.dep_ in {"dobj", "dative", "nsubjpass", "oprd", "attr"}]
    heads += [c for h in heads for c in h.conjuncts]
    heads += [p for h in heads if h.lemma_.lower() in BATCHES for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"]
    return " ".join(t.text for h in heads for t in [h, *(c for c in h.children if c.dep_ in {"compound", "amod"})])


def agreed_on(noun: Token) -> bool:
    """ "agreed to a ceasefire", "met in Riyadh for talks": a deal or talks as the goal of agreeing or meeting."""
    return noun.dep_ == "pobj" and noun.head.lower_ in {"to", "on", "for", "upon"} and noun.head.head.lemma_ in {
        "agree", "consent", "meet", "gather", "sit", "commit"}  # "since Russia launched its invasion": a time reference


def _matches(pattern: Caseless, text: str, low: str | None, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, low)``, the same matches, with the pattern tried only at ``starts`` (where
    ``_ANY_TRIGGER`` matches in ``low``: every position where any trigger pattern matches).

    A leftmost search finds its match at the first position where the pattern matches, and a match tried at
    one position is the one a search finds there (a lookbehind sees the text before it): no position outside
    ``starts`` holds a match, so trying the pattern at each start from the end of the last match gives the
    same matches."""
    if low is None or starts is None:
        yield from pattern.finditer(text, low)
        return
    pos = 0
    for at in starts:
        if at >= pos and (m := pattern.lower.match(low, at)) is not None:
            yield m
            pos = m.end() if m.end() > at else at + 1
    return


@lru_cache(maxsize=64)
def _names_a_term(sentence: str) -> bool:
    """``_TERM_CUE`` in the sentence, read once per sentence (every trigger of the sentence asks)."""
    return _TERM_CUE.search(sentence) is not None


def _question_heads(doc: Doc) -> set[int]:
    """The tokens a "how", "why" or "whether" hangs from (advmod or mark), found once per Doc in the token table:
    a trigger's verb among them is asked about (``_plausible``), without making a Token of each of its children."""
    heads = doc.user_data.get("frontwatch_question_heads")
    if heads is None:
        heads = doc.user_data["frontwatch_question_heads"] = {
            h for i, low in enumerate(token_table(doc).lower) if low in {"how", "why", "whether"}
            and (t := doc[i]).dep_ in {"advmod", "mark"} and (h := t.head.i) != i}
    return heads  # type: ignore[no-any-return]


def _hit(doc: Doc, hit: tuple[int, int]) -> Span:
    """The tokens of a trigger's character offsets (always inside the sentence's tokens)."""
    return doc.char_span(*hit, alignment_mode="expand")  # type: ignore[return-value]


def _verb(token: Token) -> Token:
    return token if token.pos_ in {"VERB", "AUX"} or token.head == token else token.head


@dataclass(frozen=True)
class EventDraft:
    """An event found in a sentence, before places, times and quantities are attached."""

    type: str
    polarity: str
    actor_side: str
    trigger: str
    start: int  # char offset of the trigger


class EventFinder:
    """Finds the events a claim asserts, denies or hedges."""

    def __init__(self, actors: Actors) -> None:
        self.actors = actors
        self.sides = SideReader(actors)

    def find(self, attribution: Attribution) -> list[EventDraft]:
        sent = attribution.sent
        doc = sent.doc
        skip = attribution.attribution_tokens
        text = span_text(sent)  # sent.text, without joining its tokens again
        low = doc_lower(doc)
        low_text = low[sent.start_char:sent.end_char] if low is not None else None
        if _NO_CLAIM_LC.search(text, low_text):
            return []  # "could not independently verify", "has not commented": about a claim, not one
        if PHOTO_CAPTION.search(text):
            return []  # "File image of rescuers ... | Photo Credit: AP": a picture's caption, not a claim
        hits: dict[str, tuple[int, int]] = {}
        extra: list[tuple[str, tuple[int, int]]] = []
        starts = [m.start() for m in _ANY_TRIGGER.finditer(low_text)] if low_text is not None else None
        for base, pattern in _TRIGGER_LC.items():
            for m in _matches(pattern, text, low_text, starts):
                kind = base  # each match starts from its pattern's type (a retyped match must not retype the next)
                start, end = sent.start_char + m.start(), sent.start_char + m.end()
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or any(i in skip and not (kind == "weapons_supply" and i == attribution.cue_token)
                                       for i in range(span.start, span.end)):
                    continue  # (a request told by the speaker's own verb stays: "Zelensky asked allies for jets")
                if kind in {"strike", "clash"} and shelled_with(span.root):
                    kind = "shelling"  # "hit the town with Grad rockets", "a mortar attack": artillery's work
                elif (kind == "strike" and span.root.lower_.startswith(HEAVY_FIRE + ("hit", "strik", "struck", "target"))
                      or kind == "clash" and span.root.lemma_ in {"open", "fire"}) and gun_fire(span.root):
                    kind = "shelling"  # "Russian guns pummelled the town", "opened fire with tanks"
                if not self._plausible(kind, span, text):
                    continue
                if kind == "advance" and (span.root.lower_ == "offensive" or "on the offensive" in m.group() or span.root.lower_ in {
                        "counteroffensive", "counter-offensive"} and span.root.head.lemma_ in {
                        "launch", "begin", "start", "open", "mount"}):
                    # An offensive launched, renewed or going on is fighting; a counteroffensive's progress and
                    # ground gained are an advance.
                    kind = "clash"
                lost_place = kind == "casualties" and span.root.lemma_ == "lose" and place_object(span.root)
                if lost_place:
                    kind = "capture"  # "Russia has lost key cities": the other side's capture
                if kind == "shelling" and missile_fire(span.root):
                    kind = "strike"  # "fired a barrage of missiles", "a missile that was fired by Russia"
                if kind == "casualties" and span.root.lemma_ in {"destroy", "lose"} and any(
                        c.dep_ == "nsubjpass" and c.lemma_.lower() in AERIAL_WEAPONS for c in span.root.children):
                    # "a drone was destroyed over the Kremlin", "the remaining drones were lost to jamming":
                    kind = "repelled"  # a shoot-down or a launch that failed, not losses
                elif kind == "casualties" and span.root.lemma_ == "destroy" and not military_loss(span.root):
                    kind = "strike"  # "destroyed 72 apartments", "the dam was destroyed": a strike, not losses
                if kind == "casualties" and span.root.lemma_ == "destroy" and destroyed_site(span.root):
                    hits.setdefault("strike", (start, end))  # "destroyed two depots and five tanks": both
                if kind in {"strike", "casualties"} and intercepted_aircraft(span.root):
                    kind = "repelled"  # "our anti-aircraft missile system hit a Su-34": a shoot-down
                if kind == "casualties" and span.root.lemma_ == "lose" and any(
                        c.dep_ == "dobj" and c.lemma_.lower() in GROUND | {"position"} for c in span.root.children):
                    kind = "withdrawal"  # "despite losing ground": ground given up, not losses
                if kind == "casualties" and shelled_positions(span.root):
                    kind = "shelling"  # "artillery crews destroyed the enemy's positions"
                if kind == "weapons_supply" and arrived_at_target(span.root):
                    kind = "strike"  # "two rockets arrived at the railway station": they hit it
                if kind in {"advance", "capture", "strike"} and (attempted(span.root) or effort(span.root)):
                    kind = "clash"  # "trying to break through", "attempting to capture": fighting by the side acting
                if kind == "capture" and (_AREA.match(doc[span.end: span.end + 8].text) or any(
                        c.dep_ in {"nsubjpass", "dobj"} and _AREA.match(" " + " ".join(t.text for t in c.subtree))
                        for c in span.root.children) or span.root.dep_ == "acl" and span.root.head.lemma_ in GROUND):
                    kind = "advance"  # "recaptured 9 sq km", "31 sq km had been retaken", "the area liberated": ground
                if kind == "advance" and counted_settlements(span.root):
                    kind = "capture"  # "liberated 90 sq km and seven settlements": the places taken, one claim
                if kind == "capture" and span.root.dep_ == "conj" and span.root.head.lemma_ in {"kill", "wound", "injure"}:
                    kind = "casualties"  # "80 were killed, 160 wounded and two captured": one casualty count
                if kind == "capture" and any(c.dep_ in {"nsubjpass", "dobj"} and c.lemma_.lower() in PRISONERS | CAPTIVES
                        or c.lower_ in PRISONERS and c.dep_ in {"nsubjpass", "dobj"} for c in span.root.children):
                    kind = "casualties"  # prisoners taken
                earlier = _hit(doc, hits[kind]) if kind in hits else None
                if earlier is not None and (kind != "casualties" or contrasted_losses(span, earlier)) \
                        and separate_event(span, earlier):
                    extra.append((kind, (start, end)))  # "X captured A and Y captured B": two captures
                    continue  # (killed and wounded in one sentence are one casualty count: its total and parts)
                if kind not in hits or start < hits[kind][0]:
                    hits[kind] = (start, end)  # a match retyped from another pattern may come first in the text
        for kind, absorbed in ABSORBS.items():
            if kind in hits and not (kind == "capture" and text[hits[kind][0] - sent.start_char:].lower().startswith("under")):
                for other in absorbed:
                    reach = 1000 if kind in SENTENCE_WIDE else 15 if (kind, other) == ("shelling", "strike") else 40
                    if other not in hits or abs(hits[other][0] - hits[kind][0]) >= reach:
                        continue
                    pair = (_hit(doc, hits[kind]).root, _hit(doc, hits[other]).root)
                    if not (kind == "shelling" and conjoined(*pair)) and not (kind == "repelled" and (
                            own_clause_events(*pair) or other == "strike" and strike_of_its_own(*pair))):
                        del hits[other]
        if len(hits) > 1:  # "killed in fighting": the fighting is the circumstance, not a second claim
            for kind, (start, end) in list(hits.items()):
                root = _hit(doc, (start, end)).root
                if root.pos_ == "NOUN" and root.dep_ == "pobj" and root.head.lower_ in {"in", "during", "amid", "after"} \
                        and root.head.head.lemma_ not in OUTCOME_VERBS:  # "resulted in losses" tells an outcome
                    del hits[kind]
                elif kind != "casualties" and retold_cause(root):
                    del hits[kind]
        events: list[EventDraft] = []
        claimant_side = attribution.claimant.side
        for kind, (start, end) in sorted(list(hits.items()) + [x for x in extra if x[0] in hits], key=lambda kv: kv[1][0]):
            span = doc.char_span(start, end, alignment_mode="expand")
            assert span is not None
            polarity = self._polarity(kind, span, attribution)
            side = self.sides.actor_side(kind, span, attribution, claimant_side)
            holder_token = still_held(span.root) if kind == "capture" and not counted_settlements(span.root) else None
            if holder_token is not None:  # "our troops still control the village": the enemy's capture, denied
                holder = self.sides.phrase_side(holder_token, attribution, claimant_side)
                if holder not in {"UA", "RU"}:
                    continue
                polarity, side = ("denied", opposite(holder)) if holder == claimant_side else (polarity, holder)
            if kind == "clash" and side == "unknown" and (by := attackers(span.sent)) is not None:
                side = self.sides.phrase_side(by, attribution, claimant_side) or side  # "..., with X launching 56 attacks"
            if kind == "negotiation" and span.root.lemma_ in {"exchange", "bring", "return"}:
                side = "unknown"  # "exchanged 195 soldiers", "brought home 189 captives": a two-sided exchange
            if kind == "capture" and side in {"unknown", claimant_side} and claimant_side in {"UA", "RU"} \
                    and denied_report(span.root):
                side = opposite(claimant_side)  # "reports that the town was captured are untrue": the enemy's
            if kind == "capture" and held(span.root):
                holder = self.sides.holder_side(span, attribution, claimant_side)
                if holder not in {"UA", "RU"}:
                    continue  # "under rebel control since 2014": background from another war
                if holder == claimant_side and not gained_hold(span.root):
                    # "the town remains under our control": the enemy's capture, denied
                    polarity, side = "denied", opposite(holder)
                else:  # "28 settlements are under the control of the enemy": the holder's capture
                    side = holder
            events.append(EventDraft(kind, polarity, side, span_text(span), start))
        return events

    # -- filters --------------------------------------------------------------------
    def _plausible(self, kind: str, span: Span, sentence: str) -> bool:
        root = span.root
        if root.pos_ == "NOUN" and kind in {"capture", "advance", "withdrawal"} and denied_report(root):
            return True  # "denied reports of the capture of X": the capture, denied
        if in_passing(kind, root) and not (effort(root) and kind in {"advance", "capture", "strike", "clash"}):
            return False  # ("made attempts to storm the village" is fighting)
        if root.pos_ in {"NOUN", "PROPN"} and not predicative(root) and not answered_with(root) \
                and not shoot_down_tally(span) and not (kind == "negotiation" and (
                    agreed_on(root) or root.dep_ == "pobj" and deal_step(root))):  # "Minus one Su-34"
            return False  # "the scene of the bloodiest battle": a noun in passing, not a claim of an event
        if root.pos_ == "NOUN" and evaluated(root):
            return False  # "the capture of the village had no strategic importance"
        if kind == "casualties" and root.lower_ in {"victim", "victims", "number"} and not counted_victims(root):
            return False  # "rescuers worked to locate victims": no count told
        if kind == "casualties" and taken_to_hospital_again(root):
            return False  # "the victims were taken to hospital": told before
        if kind == "casualties" and exchanged(root):
            return False  # "the parties exchanged the bodies of the dead": the exchange, not a casualty count
        if kind in {"strike", "shelling"} and identified_weapon(root):
            return False  # "the missile that struck the building was a Kh-22": which weapon, of a strike told before
        if kind == "negotiation" and root.pos_ == "NOUN" and root.dep_ == "nsubj" and root.head.lemma_ in {
                "be", "remain", "seem", "appear"} and any(c.dep_ == "attr" for c in root.head.children):
            return False  # "talks remain the only way": an opinion about talks, none held
        if effort_verb(root):
            return False  # "pushing to take the town": the clause it governs tells the attempt
        if root.dep_ == "nsubj" and kind not in {"negotiation", "withdrawal"} and told_before(root) \
                and root.head.lemma_ not in EVENT_VERBS:
            return False  # "The attack has shaken the village": the event told before, now talked about
        if root.dep_ == "attr" and kind not in {"negotiation", "withdrawal"} and root.head.lemma_ == "be" and any(
                c.dep_ == "nsubj" and c.lower_ in {"this", "that", "it", "what"} for c in root.head.children):
            return False  # "This was the first strike on the village", "It was an attack that ...": said about one
        if kind not in {"weapons_supply", "negotiation"} and unrealised(root) \
                and not ((attempted(root) or effort(root)) and kind in {"advance", "capture", "strike", "clash"}) \
                and not (kind == "withdrawal" and ordered(root)) and not (kind == "repelled" and root.pos_ != "VERB" and attempted(_verb(root))):
            # "would pull back", "has vowed to retake": a plan or threat, not an event. An attempt to advance,
            # take or storm is fighting (a clash); trying to pull out or to stop an advance is neither; trying
            # "without success" is a repulse.
            return False
        clause = root if root.dep_ == "advcl" and root.lemma_ in STARTS else root.head if root.dep_ == "nsubj" or (
            root.dep_ == "dobj" and root.head.lemma_ in STARTS) else None
        if clause is not None and clause.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in {"since", "before"} for c in clause.children):
            return False  # "since the counteroffensive began", "since Putin ordered the invasion": a time reference
        if _verb(root).i in _question_heads(root.doc):
            return False  # "trying to fathom why the wake was targeted": a question, not a claim
        if root.lemma_ == "surrender" and any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children):
            return False  # "his unit was being left to surrender"
        if root.lemma_ == "annex" and not re.search(r"crimea|sevastopol|peninsula|2014", sentence, re.I):
            return False  # Crimea's annexation in 2014 is a capture; the 2022 declared annexation of regions is not
        if kind != "repelled" and any(c.lower_ == "no" and c.dep_ == "det" for c in root.children) and not (
                root.dep_ == "attr" and any(c.dep_ == "expl" for c in root.head.children)):
            return False  # "there were no casualties"
        if kind == "advance" and re.match(r"\s*(?:by |to )?(?:about |some )?[\d.,]+\s*(?:%|per ?cent|percent|points?)\b",
                                          span.doc[span.end: span.end + 5].text, re.I):
            return False  # "grain prices advanced 3 percent"
        if kind == "advance" and root.lower_ == "advanced" and root.pos_ == "ADJ":
            after = span.doc[span.end: span.end + 3].text
            if _ADVANCED_THING.match(after) or (_WEAPON_RE.match(after) and not re.match(r"\s*\d", after)):
                return False  # "advanced air defence systems", not "advanced 2 kilometers"
        movers = [c for c in root.children if c.dep_ == "nsubj"] + ([root.head] if root.dep_ == "acl" else [])
        movers += [p for m in movers for c in m.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        if kind == "advance" and any(t.lemma_.lower() in AERIAL_WEAPONS for t in movers):
            return False  # "drones closing in on the ship": weapons in flight, not ground gained
        if kind == "advance" and root.lower_.startswith("gain") and not re.search(
                r"square|sq|km|kilomet|metre|meter|ground|territor|position|foothold|village|control|"
                r"(?:make|made|making) (?:\w+ )?gains", sentence, re.I):
            return False
        if kind == "weapons_supply" and not _WEAPON_RE.search(clause_text(root)) and not (
                root.dep_ == "acl" and root.tag_ == "VBG" and _WEAPON_RE.search(root.head.text)):  # "F-16s arriving"
            return False  # "sent commandos to storm it", "providing no further details"
        def aerial() -> bool:  # called only for attack/hit triggers: the checks cost more than the rest
            return bool(re.search(r"drone|missile|air|rocket|bomb|jet|aircraft|helicopter|uav|iskander|kalibr|kinzhal|"
                                  r"shahed|himars|atacms|storm shadow", sentence, re.I) or targets_city(root) or (
                root.lower_ == "hit" and any(c.dep_ == "auxpass" for c in root.children)) or caused_damage(root))

        if kind == "clash" and root.lower_.startswith("attack") and aerial():
            return False  # a drone or missile attack is a strike
        if kind == "strike" and (root.lower_.startswith(("attack", "hit", "crash") + HEAVY_FIRE) or root.lower_.startswith(
                "target") and not any(c.dep_ == "auxpass" for c in root.children)) and not aerial():
            return False  # "attacked Ukrainian positions" on the ground is a clash; "the storm pounded the coast"
        if kind == "weapons_supply" and root.lemma_ in HANDING and not _WEAPON_RE.search(_objects_text(root)):
            return False  # "gave a speech", "got a reply": only weapons handed over or received are a supply
        if kind == "casualties" and root.lower_.startswith(("destroy", "neutrali")) and re.match(
                r"\s*(?:[\w-]+\s+){0,5}(?:drones|missiles|rockets|uavs|unmanned aerial|of them)", span.doc[span.end: span.end + 7].text, re.I):
            return False  # shot-down drones are a repelled strike, not losses
        if not real_object(kind, root):
            return False
        if root.dep_ == "dobj" and root.head.lemma_ in REPORTED and negated(root.head):
            return False  # "Ukraine did not report its own losses": no claim either way
        if _names_a_term(sentence) and quoted_term(span, sentence):
            return False  # 'the term "more advantageous positions"': the words mentioned, not an event told
        if kind == "negotiation" and root.lemma_ == "agreement" and (_WEAPON_RE.search(sentence) or re.search(
                r"atacms|himars|f-16|storm shadow", sentence, re.I)):
            return False  # agreements on weapons deliveries are not talks
        if kind == "negotiation" and root.lower_ == "deal" and _WEAPON_RE.search(sentence):
            return False
        if kind == "advance" and root.lower_ in {"success", "successes"} and not re.search(
                r"tactical|achiev|partial|\bha(?:d|ve|s) (?:\w+ )?success", sentence, re.I):
            return False
        if kind == "casualties" and root.lower_ in {"dead"} and root.head.lower_ in {"end"}:
            return False
        return True

    # -- polarity -------------------------------------------------------------------
    def _polarity(self, kind: str, span: Span, attribution: Attribution) -> str:
        sent = attribution.sent  # span.sent, without looking for the sentence's bounds again
        root = span.root  # worked out once (each read of span.root looks for it and makes a new Token)
        cue = sent.doc[attribution.cue_token] if attribution.cue_token is not None else None
        if cue is not None and cue.lemma_.lower() in DENIAL_CUES or denied_report(root):
            return "denied"  # (a denied report: "untrue are statements suggesting that X was captured")
        if kind != "repelled" and negated(root) and not (
                kind == "negotiation" and root.dep_ == "dobj" and root.head.lemma_ in ONE_SIDED_STEPS):
            return "denied"  # (refusing to extend a deal is a step taken, not a denied one)
        if root.dep_ in {"pobj", "pcomp"} and root.head.lower_ == "without":
            return "denied"  # "withdrew without losing a single soldier", "took place without losses"
        clause = span_text(sent.doc[root.left_edge.i: root.right_edge.i + 1]) if root.dep_ != "ROOT" \
            else span_text(sent)
        if kind != "repelled" and DENIAL_WORDS.search(clause):
            return "denied"
        low = doc_lower(sent.doc)
        low_sent = low[sent.start_char:sent.end_char] if low is not None else ""  # sliced once, not once per cue
        if low is not None and not any(w in low_sent for w in _HEDGE_CUES):
            hedge = []  # no hedge word in the sentence: spare a walk over its tokens
        else:
            hedge = [t for t in sent if t.i not in attribution.attribution_tokens
                     and (HEDGE_WORDS.fullmatch(t.text) or (t.tag_ == "MD" and t.lower_ in HEDGE_MODALS)
                          or t.lemma_ in HEDGE_VERBS)]
        if hedge:
            if any(governs(h, span.root) or h.head == span.root or h.head == span.root.head for h in hedge):
                return "hedged"
            if any(t.lower_ in {"reportedly", "allegedly", "apparently", "purportedly", "unconfirmed"} for t in sent):
                return "hedged"
        return "asserted"
