"""The side of an office of a place the actor tables do not know ("the mayor of Nikopol", "local authorities in Kursk
region", "the regional administration"): the side that governs the place (docs/claims.md, "Sides of claimants").

A civil office tells what happened to its own place, so the forces it names are the other side's; reading its side
from the forces in its report (as :func:`.claimant_sides.content_side` does for a body) gets it backwards.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .parse import doc_text
from .quotes import Attribution

# Civil offices of a place: a governor, mayor, administration, council or the local authorities.
OFFICE = re.compile(r"\b(?:governors?|mayors?|administrations?|authorit(?:y|ies)|councils?|head|chief|officials?)\b",
                    re.I)
# An office with no place of its own ("the regional governor", "local authorities") takes the place named before it.
LOCAL = re.compile(r"\b(?:regional|local|city|town|district|village|oblast|municipal|provincial)\b|"
                   r"^(?:the\s+)?(?:governor|mayor)\b", re.I)
# Occupation bodies and offices of an occupied place answer to Moscow ("the head of occupied Kherson region"); a
# Ukrainian office of a partly occupied region does not.
OCCUPIED = re.compile(r"(?<!partly )(?<!partially )\boccupied\b", re.I)
# Regions and towns of Russia whose governors and mayors the wires quote.
RUSSIA = ("Belgorod", "Kursk", "Bryansk", "Voronezh", "Rostov", "Krasnodar", "Oryol", "Lipetsk", "Tula", "Kaluga",
          "Smolensk", "Pskov", "Tambov", "Ryazan", "Saratov", "Volgograd", "Nizhny Novgorod", "Tatarstan",
          "Bashkortostan", "Shebekino", "Novorossiysk", "Taganrog", "Tuapse", "Engels", "Yeysk", "Moscow region",
          "Moscow Oblast", "Leningrad region", "St Petersburg", "St. Petersburg")
# Held by Russia since 2014: their governors and mayors are Moscow's. The Donetsk and Luhansk *regions* keep
# Ukrainian military administrations (their governors are Kyiv's); the cities of Donetsk and Luhansk do not.
HELD_SINCE_2014 = ("Crimea", "Sevastopol", "Simferopol", "Kerch", "Yevpatoria", "Horlivka", "Makiivka",
                   r"Donetsk(?! region| oblast| Oblast| Region)", r"Luhansk(?! region| oblast| Oblast| Region)")
# Ukrainian regions (by their names and centres) and front-line towns whose officials Kyiv appoints.
UKRAINE = ("Vinnytsia", "Volyn", "Lutsk", "Dnipropetrovsk", "Dnipro", "Donetsk", "Zhytomyr", "Zakarpattia",
           "Uzhhorod", "Zaporizhzhia", "Ivano-Frankivsk", "Kyiv", "Kirovohrad", "Kropyvnytskyi", "Luhansk", "Lviv",
           "Mykolaiv", "Odesa", "Poltava", "Rivne", "Sumy", "Ternopil", "Kharkiv", "Kherson", "Khmelnytskyi", "Cherkasy",
           "Chernivtsi", "Chernihiv", "Nikopol", "Kryvyi Rih", "Kramatorsk", "Sloviansk", "Pokrovsk", "Kupiansk",
           "Izium", "Vovchansk", "Marhanets", "Ochakiv", "Izmail", "Kostiantynivka", "Bilhorod-Dnistrovskyi")
_PLACES = [(re.compile(rf"\b(?:{p})\b"), "RU") for p in RUSSIA + HELD_SINCE_2014] + \
          [(re.compile(rf"\b{p}\b"), "UA") for p in UKRAINE]
# "Moscow" and "Kyiv" alone name governments, not a region an unnamed office governs.
_CAPITAL = re.compile(r"\b(?:Moscow|Kyiv)\b(?! region| oblast| Oblast| Region)")


def _places(text: str, last: bool) -> list[tuple[int, int, str]]:
    """(start, end, side) of every listed place in ``text``, in text order (``last``: not a bare capital). The sort
    is stable: at one position the RU reading, listed first, comes first ("Donetsk" the held city over the region)."""
    found = [(m.start(), m.end(), side) for pattern, side in _PLACES for m in pattern.finditer(text)
             if not (last and _CAPITAL.match(text, m.start()))]
    return sorted(found, key=lambda f: f[0])


def _side_at(found: list[tuple[int, int, str]], last: bool) -> str | None:
    if not found:
        return None
    pos = found[-1][0] if last else found[0][0]
    return next(side for p, _, side in found if p == pos)


def place_side(text: str, last: bool = False) -> str | None:
    """The side governing the first (``last``: the last) listed place named in ``text``, else None."""
    return _side_at(_places(text, last), last)


def _side_before(doc: Doc, end: int) -> str | None:
    """``place_side`` of the article's text before character ``end``, last place first: the article's places are
    found once per Doc (asked per office, a scan of the text before each would make a long article quadratic)."""
    found = doc.user_data.get("frontwatch_office_places")
    if found is None:
        found = doc.user_data["frontwatch_office_places"] = _places(doc_text(doc), last=True)
    return _side_at([f for f in found if f[1] <= end], last=True)


def office_side(found: Attribution) -> str | None:
    """The side of a civil office that speaks in ``found``: that of the place it governs, named in its own words or,
    for an unnamed regional or local office, the nearest place named before it in the article."""
    tokens = sorted(found.attribution_tokens)
    if not tokens:
        return None
    doc = found.sent.doc
    phrase = " ".join(doc[i].text for i in tokens if doc[i].dep_ != "ROOT" or doc[i].pos_ != "VERB")
    if not OFFICE.search(phrase):
        return None
    if OCCUPIED.search(phrase):
        return "RU"
    own = place_side(phrase)
    if own is not None:
        return own
    if not LOCAL.search(phrase.strip()):
        return None
    # the article up to the speaker: its dateline, earlier sentences and this sentence's report
    return _side_before(doc, doc[tokens[0]].idx)
