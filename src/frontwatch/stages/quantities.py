"""Quantities stage: amounts with units or counted nouns, normalised.

Anchors are number tokens of the parsed Doc (digits, number words, "a dozen",
vague amounts such as "dozens" or "several"), skipping those spaCy places inside
DATE, TIME, PERCENT, MONEY or ORDINAL entities. From each anchor we read, over the
tokens, an optional hedge before it ("approximately", "more than", "at least"),
an optional range ("600 to 1,000", "between 10 and 15"), then either a unit
(areas to km2, lengths to km or m) or the noun it counts. People nouns give kind
``people``; other nouns give ``count``. A number with neither is kept only when
the clause makes it a casualty figure ("the death toll rose to 12", "at least 40
were killed"). A parenthesised conversion after a value ("7 km² (2.7 sq mi)") is
the same quantity and is skipped.

quantulum3 was tried and not used: its first call costs seconds, it misses
"several square kilometers" and reads "1.5 thousand soldiers" as dimensionless.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..config import QuantitiesSettings
from ..records import Quantity
from .parse import doc_text, ent_at, token_table

__all__ = ["extract_quantities", "parse_number"]

_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_MULT = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}
_VAGUE = {
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "scores",
    "several",
    "tens",
    "few",
    "handful",
    "couple",
    "many",  # "so many armoured vehicles": a vague count, only before the noun it counts
    "numerous",
}
# "heavy casualties", "significant losses": a vague number of people lost (CONVENTIONS.md: vague amounts)
_VAGUE_LOSS = {"heavy", "significant", "substantial", "considerable", "massive", "huge", "enormous", "great"}
_LOSS_NOUNS = {"casualties", "losses"}
# "dozens of killed and injured", "several of the wounded": the people a casualty word stands for
_CASUALTY_WORDS = {"killed", "dead", "wounded", "injured"}
_HEDGES = (
    "approximately", "about", "around", "nearly", "almost", "more than", "over", "up to", "at least",
    "some", "roughly", "close to", "fewer than", "less than", "as many as", "an estimated", "estimated",
    "upwards of", "just over", "just under", "under", "no fewer than", "well over", "at most", "around",
    "approx.", "approx", "circa", "or so",
)  # fmt: skip
_HEDGE_RE = re.compile(
    r"(?:" + "|".join(re.escape(h) for h in sorted(_HEDGES, key=len, reverse=True)) + r")\s+$", re.IGNORECASE
)
_NUMTXT = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUM_RE = re.compile(_NUMTXT)
_YEAR_RE = re.compile(r"(1[89]|20)\d\d")
# unit regexes are matched case-insensitively right after the number phrase
_AREA = [
    (r"(?:square|sq\.?)\s*(?:kilomet(?:re|er)s?|kms?)\b|km2\b|km²|km\^2", 1.0),
    (r"(?:square|sq\.?)\s*(?:miles?|mi)\b|mi2\b|mi²", 2.589988),
    (r"hectares?\b|ha\b", 0.01),
    (r"acres?\b", 0.004046856),
    (r"(?:square|sq\.?)\s*(?:met(?:re|er)s?|m)\b|m2\b|m²", 1e-6),
]
_DIST = [
    (r"kilomet(?:re|er)s?\b|kms?\b", "km", 1.0),
    (r"miles?\b|mi\b", "km", 1.609344),
    (r"met(?:re|er)s?\b|m\b", "m", 1.0),
    (r"feet\b|foot\b|ft\b", "m", 0.3048),
    (r"yards?\b|yds?\b", "m", 0.9144),
]
_UNIT_RE = re.compile(
    r"\s*-?\s*("
    + "|".join(f"(?:{p})" for p, _ in _AREA)
    + "|"
    + "|".join(f"(?:{p})" for p, _, _ in _DIST)
    + ")",
    re.IGNORECASE,
)
_AREA_RES = [(re.compile(p, re.IGNORECASE), f) for p, f in _AREA]
_DIST_RES = [(re.compile(p, re.IGNORECASE), unit, f) for p, unit, f in _DIST]
_PEOPLE = {
    "people", "person", "civilian", "soldier", "troop", "serviceman", "servicemen", "servicemember", "fighter",
    "militant", "child", "children", "woman", "women", "man", "men", "resident", "personnel", "mercenary",
    "prisoner", "pow", "captive", "hostage", "casualty", "victim", "body", "refugee", "evacuee", "officer",
    "marine", "paratrooper", "sailor", "pilot", "crew", "conscript", "recruit", "volunteer", "combatant",
    "insurgent", "rebel", "militiaman", "worker", "journalist", "doctor", "medic", "policeman", "police",
    "guard", "teenager", "minor", "infant", "baby", "inhabitant", "citizen", "national", "life", "dead",
    "wounded", "injured", "staff", "student", "passenger", "patient", "member", "defender", "occupier",
    "invader", "commander", "general", "servicewoman", "individual", "adult", "boy", "girl", "family",
    "ukrainian", "russian", "israeli", "palestinian", "sudanese", "syrian", "deserter", "detainee", "spy",
    "reservist", "deminer", "sapper", "death", "fatality", "settler", "migrant", "mobilised", "draftee",
    "serviceperson", "gunman", "militia", "separatist", "partisan", "displaced", "orphan", "elderly",
}  # fmt: skip
_NOT_COUNTED = {
    "hour", "day", "week", "month", "year", "decade", "century", "minute", "second", "time", "percent",
    "per", "cent", "%", "dollar", "euro", "ruble", "rouble", "hryvnia", "pound", "degree", "point", "o'clock",
    "am", "pm", "a.m.", "p.m.", "kilogram", "kg", "ton", "tonne", "litre", "liter", "gallon", "barrel", "page",
    "way", "side", "another", "other", "thing", "case", "reason", "part", "round", "step", "stage", "phase",
    "year-old", "-year", "th",
}  # fmt: skip
_CASUALTY = {
    "kill",
    "die",
    "wound",
    "injure",
    "dead",
    "slay",
    "perish",
    "hurt",
    "capture",
    "evacuate",
    "abduct",
    "detain",
    "toll",
}
_DATE_WORDS = re.compile(
    r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\b|\b(1[89]|20)\d\d\b"
    r"|\b(hours?|days?|weeks?|months?|years?|decades?|nights?|ago|old)\b|\d[./:]\d"
)
_YEAR_PREPOSITIONS = {"in", "since", "by", "until", "till", "from", "of", "for", "after", "before", "during", "to",
                       "and", "between", "through", "early", "late", "mid", "spring", "summer", "autumn", "winter"}
_SKIP_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"}


def _is_people(head: Token) -> bool:
    low = head.lower_
    return (
        head.lemma_.lower() in _PEOPLE
        or low in _PEOPLE
        or low.rstrip("s") in _PEOPLE
        or low[:-2] + "an" in _PEOPLE
    )


def parse_number(words: list[str]) -> float | None:
    """Value of a number phrase: "1,000", "2.5 million", "two hundred", "twenty-five", "a dozen"."""
    words = [w.lower() for w in words if w not in ("-", "and")]
    if not words:
        return None
    if _NUM_RE.fullmatch(words[0]):
        v = float(words[0].replace(",", ""))
        for w in words[1:]:
            if w not in _MULT:
                return None
            v *= _MULT[w]
        return v
    total, current, seen = 0.0, 0.0, False
    for w in words:
        for part in w.split("-"):
            if part in ("a", "an"):
                current = current or 1.0
            elif part in _UNITS_WORDS:
                current += _UNITS_WORDS[part]
                seen = True
            elif part in ("hundred", "dozen"):
                current = (current or 1.0) * _MULT[part]
                seen = True
            elif part in _MULT:
                total += (current or 1.0) * _MULT[part]
                current, seen = 0.0, True
            elif part == "half":
                current = current or 0.5
            else:
                return None
    return total + current if seen else None


def _is_number_word(t: Token) -> bool:
    return _is_number_text(t.text, t.lower_)


@lru_cache(maxsize=65536)
def _is_number_text(text: str, low: str) -> bool:
    """A token's text (and its lower case) that reads as a number: "1,000", "two", "hundred", "twenty-five"."""
    return (
        bool(_NUM_RE.fullmatch(text))
        or low in _UNITS_WORDS
        or low in _MULT
        or all(p in _UNITS_WORDS for p in low.split("-"))
    )


def _number_at(doc: Doc, i: int) -> tuple[float | None, int, bool] | None:
    """(value, end token, vague) of the number phrase starting at token ``i``."""
    t = doc[i]
    low = t.lower_
    if low in ("dozens", "hundreds", "thousands", "millions", "scores", "tens"):
        j = i + 1
        # "tens of thousands of", "hundreds of thousands of"
        while (
            j + 1 < len(doc)
            and doc[j].lower_ == "of"
            and doc[j + 1].lower_ in ("thousands", "millions", "hundreds")
        ):
            j += 2
        return None, j, True
    if low in ("many", "numerous"):
        nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        return None if nxt in ("as", "of", "more", "other", "times", "years") else (None, i + 1, True)
    if low in _VAGUE_LOSS:  # "heavy losses", "substantial Russian losses": the loss noun is what is counted
        for k in (i + 1, i + 2):
            if k < len(doc) and doc[k].lower_ in _LOSS_NOUNS and (k == i + 1 or doc[i + 1].pos_ in ("ADJ", "PROPN")):
                return None, k, True
        return None
    if low == "several" or (
        low == "a" and i + 1 < len(doc) and doc[i + 1].lower_ in ("few", "handful", "couple")
    ):
        j = i + 1 if low == "several" else i + 2
        while j < len(doc) and doc[j].lower_ in ("hundred", "thousand", "dozen", "million"):
            j += 1  # "several hundred civilians"
        return None, j, True
    if low in ("a", "an") and i + 1 < len(doc) and doc[i + 1].lower_ in _MULT:
        j = i + 2
        while j < len(doc) and doc[j].lower_ in _MULT:
            j += 1
        return parse_number([w.text for w in doc[i:j]]), j, False
    if low == "half" and i + 2 < len(doc) and doc[i + 1].lower_ == "a" and doc[i + 2].lower_ == "dozen":
        return 6.0, i + 3, False
    if not _is_number_word(t) or low in ("dozen", "hundred", "thousand", "million", "billion"):
        return None
    j = i + 1
    while j < len(doc):
        w = doc[j].lower_
        if (
            w in _MULT
            or (w == "-" and j + 1 < len(doc) and doc[j + 1].lower_ in _UNITS_WORDS)
            or (
                w in _UNITS_WORDS
                and doc[j - 1].lower_ in ("-", "hundred", "and")
                or (
                    w == "and"
                    and doc[j - 1].lower_ == "hundred"
                    and j + 1 < len(doc)
                    and doc[j + 1].lower_ in _UNITS_WORDS
                )
            )
        ):
            j += 1
        else:
            break
    if not _NUM_RE.fullmatch(t.text) and any(_NUM_RE.fullmatch(doc[k].text) for k in range(i + 1, j)):
        j = i + 1
    return parse_number([w.text for w in doc[i:j]]), j, False


_DETERMINERS = ("a", "an", "half")
# Anchors that start a number phrase only before certain words (see _number_at); most "a" and "an" do not.
_NEVER_ALONE = frozenset({"a", "an", "half", "few", "handful", "couple"})


def _leads_number(lowers: list[str], i: int) -> bool:
    """Does the word at ``i`` (one of _NEVER_ALONE) start a number phrase as _number_at reads them
    ("a dozen", "a few", "a hundred", "half a dozen")? "few", "handful" and "couple" never do on their own."""
    low = lowers[i]
    nxt = lowers[i + 1] if i + 1 < len(lowers) else ""
    if low in ("a", "an"):
        return nxt in _MULT or (low == "a" and nxt in ("few", "handful", "couple"))
    if low == "half":
        return nxt == "a" and i + 2 < len(lowers) and lowers[i + 2] == "dozen"
    return False


def _unit_at(text: str, pos: int) -> tuple[str, float, int] | None:
    """(unit, factor, end char) for a unit right after ``pos``."""
    m = _UNIT_RE.match(text, pos)
    if not m:
        return None
    u = m.group(1)
    for rx, f in _AREA_RES:
        if rx.fullmatch(u):
            return "km2", f, m.end()
    for rx, unit, f in _DIST_RES:
        if rx.fullmatch(u):
            return unit, f, m.end()
    return None


class _Scanner:
    """Reads quantities left to right over one Doc."""

    def __init__(self, doc: Doc, settings: QuantitiesSettings) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.settings = settings
        table = token_table(doc)
        self.starts = table.idx
        self.ends = {end: i + 1 for i, end in enumerate(table.end)}

    def _after(self, char: int) -> int:
        """Token index right after ``char`` (the token ending there +1), else the next starting token."""
        if char in self.ends:
            return self.ends[char]
        return bisect_left(self.starts, char)  # one lookup, not a walk over the Doc

    def skip(self, t: Token) -> bool:
        if t.ent_type_ in _SKIP_LABELS - {"DATE"}:
            return True
        nxt = t.nbor(1) if t.i + 1 < len(self.doc) else None
        prv = t.nbor(-1) if t.i > 0 else None
        # a year-like number that counts the people after it ("already 2005 Ukrainians returned", not "in 2014 Russians")
        counted = nxt is not None and nxt.tag_ in ("NNS", "NNPS") and _is_people(nxt) and (
            prv is None or (prv.lower_ not in _YEAR_PREPOSITIONS and prv.ent_type_ != "DATE"))
        repeats = nxt is not None and nxt.lower_ == "times"  # "14 times over the past day": NER takes it as a date
        if t.ent_type_ == "DATE" and not counted and not repeats and _DATE_WORDS.search(self._ent_text(t)):
            return True  # spaCy also tags odd numbers DATE; only skip real date parts
        if nxt is not None and nxt.lower_ in (
            "%",
            "percent",
            "per",
            "-year",
            "th",
            "st",
            "nd",
            "rd",
            "p.m.",
            "a.m.",
            ":",
        ):
            return True
        if prv is not None and (
            prv.text in ("$", "€", "£", "#", "No.", "no.")
            or prv.lower_
            in ("article", "no", "number", "paragraph", "route", "highway", "flight", "resolution", "unit")
        ):
            return True
        # a bare year, unless it counts the people after it
        return bool(_YEAR_RE.fullmatch(t.text)) and not counted and (
            nxt is None or _unit_at(self.text, t.idx + len(t.text)) is None
        )

    def _ent_text(self, t: Token) -> str:
        e = ent_at(self.doc, t.i)
        if e is not None:
            return e.text + " " + (self.doc[e.start - 1].text if e.start > 0 else "")
        return t.text

    def hedge_start(self, i: int) -> tuple[int, bool]:
        """Start char and approx flag, taking a hedge ("more than", "nearly") in front of token ``i``."""
        start = self.doc[i].idx
        lead = self.text[max(0, start - 20) : start]
        m = _HEDGE_RE.search(lead)
        if m and (m.start() == 0 or not lead[m.start() - 1].isalpha()):
            return start - (len(lead) - m.start()), True
        return start, False

    def noun_after(self, j: int) -> tuple[int, Token] | None:
        """End token and head noun of the noun phrase counted by a number ending before ``j``."""
        doc = self.doc
        if j < len(doc) and doc[j].lower_ == "of":
            j += 1
            if j + 1 < len(doc) and doc[j].lower_ == "the" and doc[j + 1].lower_ in _CASUALTY_WORDS:
                j += 1  # "several of the wounded"
            elif j < len(doc) and doc[j].lower_ in (
                "the",
                "their",
                "its",
                "them",
                "those",
                "these",
                "which",
                "whom",
            ):
                return None
        k, head, casualty = j, None, None
        while k < len(doc) and k - j < 5:
            t = doc[k]
            if t.pos_ in ("NOUN", "PROPN") or (t.tag_ in ("NNS",)):
                head = t
                k += 1
            elif (
                t.pos_ in ("ADJ", "VERB")
                and t.tag_ in ("JJ", "VBN", "VBG")
                and head is None
                or t.text == "-"
                and head is None
            ):
                casualty = casualty or (t if t.lower_ in _CASUALTY_WORDS else None)
                k += 1
            elif t.is_quote and head is None and k == j:
                k += 1  # 'two "airborne objects"': the counted noun in scare quotes
            else:
                break
            if head is not None and (k >= len(doc) or doc[k].pos_ not in ("NOUN", "PROPN")):
                break
        if head is None and casualty is not None:
            return casualty.i + 1, casualty  # "dozens of killed and injured": people, though no noun follows
        if head is None or head.lemma_.lower() in _NOT_COUNTED or head.lower_ in _NOT_COUNTED:
            return None
        if head.pos_ == "PROPN" and not _is_people(head):
            return None
        return head.i + 1, head

    def casualty_context(self, i: int, j: int) -> bool:
        doc = self.doc
        t = doc[i:j].root
        if j < len(doc) and doc[j].lemma_.lower() in _CASUALTY and doc[j].pos_ in ("ADJ", "VERB"):
            return True
        for anc in [t.head, t.head.head]:
            if anc.lemma_.lower() in _CASUALTY:
                return True
            if any(c.lemma_.lower() in ("toll",) for c in anc.children):
                return True
        return False

    def read(self, i: int) -> tuple[Quantity, int] | None:
        doc, text = self.doc, self.text
        t = doc[i]
        if self.skip(t):
            return None
        first = i
        ranged = doc[i - 1].lower_ in ("between", "from") if i > 0 else False
        num = _number_at(doc, i)
        if num is None:
            return None
        value, j, vague = num
        if vague:
            start_char, approx = doc[i].idx, True  # "advanced over several km": "over" is a preposition here
        else:
            start_char, approx = self.hedge_start(i)
        if ranged and not approx:
            start_char = doc[i - 1].idx  # "between 10 and 15 km"
        if (
            i > 0
            and doc[i - 1].lower_ in ("the", "these", "those", "both")
            and value is not None
            and value <= 2
        ):
            return None  # "the two leaders": a reference, not a reported amount
        if t.lower_ == "one" and j < len(doc) and doc[j].lower_ in ("of", "another", "side"):
            return None
        low_val: float | None = None
        unit = _unit_at(text, doc[j - 1].idx + len(doc[j - 1].text))
        # a range: "600 to 1,000 metres", "600 metres to 1,000 metres", "10-15 km", "two or three villages"
        after = self._after(unit[2]) if unit else j
        joiner = doc[after].lower_ if after < len(doc) - 1 else ""
        if (joiner in ("to", "-", "\u2013", "or") or (joiner == "and" and ranged)) and not vague:
            nxt = _number_at(doc, after + 1)
            if nxt is not None and nxt[0] is not None and not nxt[2] and not self.skip(doc[after + 1]):
                unit2 = _unit_at(text, doc[nxt[1] - 1].idx + len(doc[nxt[1] - 1].text))
                if unit2 is not None or unit is None:
                    low_val, value, j = value, nxt[0], nxt[1]
                    unit = unit2 or unit
        if unit is not None:
            name, factor, end_char = unit
            end_tok = self._after(end_char)
            kind = "area" if name == "km2" else "distance"
            end_tok = self._skip_conversion(end_tok)
            q_end = end_char
        else:
            found = self.noun_after(j)
            if t.lower_ in _VAGUE_LOSS:
                found = (j + 1, doc[j])  # "heavy losses": people
            if found is None and t.lower_ in ("many", "numerous"):
                return None  # "many" counts only the noun after it
            if found is not None:
                end_tok, head = found
                loss = head.lower_ in _LOSS_NOUNS or head.lower_ in _CASUALTY_WORDS
                name, factor = ("people", 1.0) if _is_people(head) or loss else ("count", 1.0)
            elif j + 1 < len(doc) and doc[j].lower_ == "of" and (found2 := self._of_total(j + 1)) is not None:
                end_tok, name, factor = j, found2, 1.0  # "29 of 31 missiles": counts what the total counts
            elif self.casualty_context(first, j):
                end_tok, name, factor = j, "people", 1.0
            elif (found3 := self._repeats_or_part(j)) is not None:
                end_tok, name, factor = found3, "count", 1.0
            else:
                return None
            kind = name
            q_end = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
            if (
                value is not None
                and value == 1
                and doc[first].lower_ in ("one", "a", "an")
                and name == "count"
            ):
                return None  # "one of", "one day": a determiner, not a count worth recording
        value = self._check(value, factor)
        rng = None
        if low_val is not None and value is not None:
            lo = self._check(low_val, factor)
            rng = (lo, value) if lo is not None else None
        q = Quantity(
            text=text[start_char:q_end],
            span=(start_char, q_end),
            value=value,
            unit=name,
            kind=kind,
            approx=approx,
            range=rng,
        )
        return q, end_tok

    def _repeats_or_part(self, j: int) -> int | None:
        """End token of "attacked seven times" or "repelled 29 of them" / "35 of the drones": a count of
        events or of things already named, which has no counted noun of its own right after the number."""
        doc = self.doc
        if j >= len(doc):
            return None
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        if doc[j].lower_ == "times":
            if nxt is not None and (nxt.lower_ in ("as", "more", "less", "fewer") or nxt.tag_ in ("JJR", "RBR")):
                return None  # "three times as many", "five times larger": a ratio
            if j - 1 > 0 and doc[j - 2].lower_ in ("the", "at", "several", "many"):
                return None
            return j + 1 if doc[j].head.pos_ == "VERB" or doc[j].head.head.pos_ == "VERB" else None
        if doc[j].lower_ == "of" and nxt is not None:
            if nxt.lower_ == "them":
                return j + 2
            if nxt.lower_ == "the" and j + 2 < len(doc) and doc[j + 2].pos_ == "NOUN" and doc[j + 2].tag_ == "NNS":
                return j + 3  # "35 of the drones", "six of the assaults"
        return None

    def _of_total(self, k: int) -> str | None:
        doc = self.doc
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        num = _number_at(doc, k) if k < len(doc) else None
        if num is None or num[0] is None:
            return None
        found = self.noun_after(num[1])
        if found is None:
            return None
        return "people" if _is_people(found[1]) else "count"

    def _check(self, value: float | None, factor: float) -> float | None:
        if value is None:
            return None
        v = value * factor
        if not math.isfinite(v) or v > self.settings.max_value or v < 0:
            return None  # overflow: keep the text, drop the value
        return round(v, 4)

    def _skip_conversion(self, k: int) -> int:
        """Step over "(2.5 square miles)" right after a value with its unit."""
        doc = self.doc
        if k < len(doc) and doc[k].text == "(":
            close = next((t.i for t in doc[k : k + 8] if t.text == ")"), None)
            inner = doc[k + 1 : close] if close else None
            if inner is not None and any(_is_number_word(t) for t in inner):
                for t in inner:
                    if _is_number_word(t) and _unit_at(self.text, t.idx + len(t.text)):
                        return close + 1  # type: ignore[operator]
        return k


_SINGLE_KILLED = {"kill", "wound", "injure", "hurt", "die", "capture"}


def _one_casualty(doc: Doc, i: int) -> Quantity | None:
    """ "killed a woman", "a 54-year-old man was wounded": one person, counted by the article alone.

    Only a singular person noun that a casualty verb takes as its object or passive subject counts; "a soldier said",
    "a man in uniform" do not."""
    for k in range(i + 1, min(i + 8, len(doc))):
        t = doc[k]
        if t.head.i > t.i and t.dep_ in ("amod", "nummod", "compound", "npadvmod", "punct", "advmod", "quantmod"):
            continue  # "a 54-year-old woman": the age and other modifiers before the noun
        if t.pos_ in ("NOUN", "PROPN") and t.tag_ != "NN" or t.pos_ in ("VERB", "AUX", "PUNCT", "ADP"):
            return None
        if t.tag_ == "NN":
            verb = t.head
            if not _is_people(t) or t.lower_ in ("people", "personnel", "police", "staff", "crew", "family", "dead",
                                                     "wounded", "injured", "body", "life", "member"):
                return None
            ok = t.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in _SINGLE_KILLED or (
                t.dep_ == "conj" and verb.dep_ in ("dobj", "nsubjpass") and verb.head.lemma_.lower() in _SINGLE_KILLED)
            if not ok:
                return None
            start, end = doc[i].idx, t.idx + len(t.text)
            return Quantity(text=doc_text(doc)[start:end], span=(start, end), value=1.0, unit="people", kind="people",
                            approx=False, range=None)
    return None


def extract_quantities(doc: Doc, settings: QuantitiesSettings) -> list[Quantity]:
    """Every quantity in ``doc``, in text order, with spans into ``doc.text``."""
    scanner = _Scanner(doc, settings)
    table = token_table(doc)
    texts, lowers, like_num = table.text, table.lower, table.like_num
    out: list[Quantity] = []
    singles: list[Quantity] = []
    i = 0
    n = len(doc)
    while i < n:  # over the token table: most tokens are no number, and a Token object costs
        low = lowers[i]
        if like_num[i] or low in _VAGUE or low in _DETERMINERS or low in _VAGUE_LOSS or _is_number_text(texts[i], low):
            if low in _NEVER_ALONE and not _leads_number(lowers, i):
                one = _one_casualty(doc, i) if low in ("a", "an") else None
                if one is not None and (not out or one.span[0] >= out[-1].span[1]):
                    out.append(one)  # "killed a woman": one person
                    singles.append(one)
                i += 1  # "a", "an", "half", "few"... with no number after them: read() would find none
                continue
            found = scanner.read(i)
            if found is not None:
                q, end_tok = found
                if not out or q.span[0] >= out[-1].span[1]:
                    out.append(q)
                i = max(end_tok, i + 1)
                continue
        i += 1
    if singles and not any(q.unit == "people" and q not in singles for q in out):
        # One person told alone ("a 45-year-old man was killed") is no tally; beside another count ("killed a woman
        # and wounded two men") it is the first figure of one.
        out = [q for q in out if q not in singles]
    return out
