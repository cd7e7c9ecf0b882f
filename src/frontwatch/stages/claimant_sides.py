"""Claimant sides the actor tables do not give: read from the claimant's body or title, from the dateline, and
from what the claimant tells (docs/claims.md, "Sides of claimants").

:mod:`.attribute` finds who speaks; this module only answers which side an unlisted speaker is on.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..actors import Actors
from .cues import FORCE_WORDS, REPORTING_VERBS
from .parse import DATELINE, doc_text
from .quotes import Attribution

# Bodies and titles whose words tell their side whatever place they name ("the Russian-installed head of the
# Zaporizhzhia region of Ukraine", "a spokesman for the Southern Military District"): checked before the tables'
# country and adjective names, which in such a phrase name the place, not the allegiance.
BODY_SIDES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:Southern|Western|Central|Eastern|Northern|Leningrad|Moscow) Military District\b"), "RU"),
    (re.compile(r"\b(?:Russia|Russian|Moscow|Kremlin)[- ](?:backed|installed|appointed|controlled|imposed)\b", re.I),
     "RU"),
    (re.compile(r"\bpro-(?:Russian|Kremlin|Moscow)\b", re.I), "RU"),
    (re.compile(r"\b(?:occupation|separatist) (?:authorities|administration|officials?|leader|head|governor|mayor)\b",
                re.I), "RU"),
    (re.compile(r"\b(?:Investigative Committee|Federation Council|Roskomnadzor|Emergencies Ministry|Rosaviatsia|"
                r"Rosgvardiya|National Guard of Russia|Russian Guard)\b"), "RU"),
    (re.compile(r"\b(?:regional|city|district|oblast|town|village) military administrations?\b", re.I), "UA"),
    (re.compile(r"\boperational[- ](?:strategic|tactical) (?:group|grouping)\b", re.I), "UA"),
    (re.compile(r"\b(?:Territorial Defen[cs]e|National Police of Ukraine|Ukrainian Navy|Air Force Command|"
                r"Pivdenna Operational Command|Operational Command (?:North|South|East|West)|"
                r"(?:North|South|East|West)ern Operational Command|Kyiv City State Administration)\b"), "UA"),
)
# What forces do to a town, told by its officials: the forces are the other side's.
HARM_VERBS = {"shell", "strike", "attack", "hit", "fire", "bomb", "kill", "target", "wound", "injure", "destroy"}
# Weapons as the subject of a harm verb ("a Russian drone hit their car, the mayor said"): an official telling what
# the other side's weapons did to their town, as with its forces.
WEAPON_WORDS = {"missile", "missiles", "drone", "drones", "rocket", "rockets", "bomb", "bombs", "shell", "shells",
                "strike", "strikes", "airstrike", "airstrikes", "attack", "attacks", "shelling"}
_FORCE_LEMMAS = FORCE_WORDS | {"ukraine", "russia"}  # a subject that names a side's forces


def body_side(phrase: str) -> str | None:
    """The side a body or title in ``phrase`` belongs to by its own words, else None."""
    for pattern, side in BODY_SIDES:
        if pattern.search(phrase):
            return side
    return None


def phrase_side(actors: Actors, phrase: str) -> str | None:
    """The side of a claimant's phrase: its body or title words first, then the actor tables' names."""
    return body_side(phrase) or actors.side_of(phrase)


def datelined_abroad(actors: Actors, doc: Doc) -> bool:
    """Does the story's dateline name a capital of neither side ("WASHINGTON, March 4 (Wirewire) -")?"""
    m = DATELINE.search(doc_text(doc)[:600])
    if m is None:
        return False
    city = re.split(r"[,(:/\-–—]", m.group(0).strip(), maxsplit=1)[0].strip().title()
    return actors.side_of(city, ("capitals",)) == "other"


def content_side(actors: Actors, found: Attribution) -> str | None:
    """The side of the forces that are the subject of the reported clause, if one is named."""
    for token in found.sent:
        if token.i in found.attribution_tokens or token.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        if token.head.lemma_.lower() in REPORTING_VERBS and token.head.i == found.cue_token:
            continue
        phrase = " ".join(t.text for t in token.subtree if t.i not in found.attribution_tokens)
        matches = [m for m in actors.find(phrase) if m.category in {"adjectives", "forces", "countries"}
                   and m.side in {"UA", "RU"}]
        if not matches:
            continue
        lemma = token.lemma_.lower()
        forces = lemma in _FORCE_LEMMAS or token.lower_ in FORCE_WORDS
        weapons = lemma in WEAPON_WORDS or token.lower_ in WEAPON_WORDS
        if found.claimant.kind == "person" and (forces or weapons) and token.head.lemma_.lower() in HARM_VERBS:
            # "Russian forces shelled the city, the governor said": an official tells what the other side's forces
            # (or weapons) did to their town; a body tells its own forces' work ("air defences downed ...")
            return {"UA": "RU", "RU": "UA"}[matches[0].side]
        if forces:
            return matches[0].side
    return None
