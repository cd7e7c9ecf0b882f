"""Place mentions: the spans of an article that name places, with what their context asks of them.

Entities the model tags as places, widened by their designators ("Kharkiv region", "near Bakhmut",
"eastern Ukraine"), datelines, vague fronts ("the southern front"), metonyms ("Moscow said") and
demonyms ("Russian"), names in a town's idiom that no entity covers, and a text that is nothing but
a place label. :func:`frontwatch.stages.places.resolve_places` resolves them with the gazetteer.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import numpy
from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_TITLE, POS, SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from ..gazetteer.build import stop_names
from ..gazetteer.lookup import (
    Candidate,
)
from ..records import PlaceRole
from .demonyms import area_demonym_stems, demonym_country, is_demonym
from .parse import doc_ents, doc_text, token_table
from .places_local import HYPHEN_PAIR, PAIR_LABELS, is_demonym_word, local_idioms

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

REGION_WORDS = frozenset({"region", "regions", "oblast", "oblasts", "province", "provinces", "krai", "governorate",
                          "governorates", "state", "obl"})
SUBREGION_WORDS = frozenset({"district", "districts", "raion", "rayon", "county", "municipality", "community",
                             "hromada"})
AREA_WORDS = frozenset({"direction", "directions", "axis", "axes", "sector", "sectors", "area", "areas", "front",
                        "frontline", "outskirts", "suburbs", "environs", "vicinity", "flank", "salient",
                        "bridgehead", "pocket", "region's", "front-line"})
# words just before a toponym that make it "near X" (precision 2)
NEAR_WORDS = frozenset({"near", "around", "outside", "nearby", "towards", "toward", "beyond", "surrounding",
                        "approaching", "encircling", "encircle", "encircled", "bypassing", "off"})
CLOSE_WORDS = frozenset({"close", "closer", "nearer", "approaches", "away"})  # "closer to X", "5 km away from X"
# "<word> of X": outskirts of, north of, the Kanal district of, the southern flank of
OF_AREA_WORDS = frozenset({"outskirts", "suburbs", "vicinity", "environs", "approaches", "north", "south", "east",
                           "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
                           "south-east", "south-west", "district", "neighbourhood", "neighborhood", "microdistrict",
                           "quarter", "flank", "flanks", "area", "outskirt", "edge", "edges", "direction",
                           "side", "sides", "bank", "banks", "periphery", "villages", "settlements", "heights"})
COMPASS = frozenset({"northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern",
                     "southwestern", "north-eastern", "north-western", "south-eastern", "south-western", "central",
                     "east", "west", "north", "south"})
DISTRICT_WORDS = frozenset({"district", "neighbourhood", "neighborhood", "microdistrict", "quarter"})
# "advanced on Goma": moving towards the place
MOVE_VERBS = frozenset({"advanced", "advancing", "advance", "marched", "marching", "closing", "closed", "pushing",
                        "pushed", "converging", "converged", "moving", "moved"})
# a front named after a place that is also a region ("the Zaporizhzhia front") means the region
REGION_FRONT_WORDS = frozenset({"front", "frontline", "sector", "axis"})

# --- toponyms that name an actor, not a location ------------------------------------------------
# heads that make "Ukraine's forces", "US cluster bombs", "Kiev regime" about the state, not the place
ACTOR_HEADS = frozenset({
    "force", "forces", "troop", "army", "military", "navy", "fleet", "government", "official", "authority",
    "regime", "president", "minister", "ministry", "leader", "leadership", "delegation", "envoy", "embassy",
    "defender", "counteroffensive", "offensive", "staff", "command", "intelligence", "bomb", "munition", "weapon",
    "missile", "drone", "shell", "tank", "jet", "aircraft", "soldier", "unit", "brigade", "side", "ally", "allies",
    "partner", "decision", "position", "claim", "demand", "proposal", "plan", "air", "defence", "defense",
    "president's", "parliament", "diplomat", "spokesman", "spokeswoman", "negotiator", "mercenary", "junta",
    "control", "governor", "administration", "council", "mayor", "police", "prosecutor", "head", "chief",
})
AID_VERBS = frozenset({"pledge", "send", "provide", "deliver", "supply", "approve", "allocate", "promise"})
# "weapons for Ukraine", "aid for Ukraine": the recipient state
AID_HEADS = frozenset({"weapon", "munition", "system", "aid", "support", "package", "tank", "missile", "jet",
                       "ammunition", "shell", "loan", "funding", "assistance", "help", "equipment", "bomb"})
SPEECH_VERBS = frozenset({"say", "claim", "announce", "report", "deny", "accuse", "warn", "state", "confirm",
                          "insist", "tell", "add", "note", "vow", "urge", "reject", "threaten", "demand", "admit",
                          "acknowledge", "respond", "retaliate", "condemn", "pledge", "promise"})
ACTOR_SUFFIXES = frozenset({"controlled", "backed", "led", "installed", "appointed", "aligned", "allied", "funded",
                            "supported", "sponsored", "imposed"})
# a dateline: "KYIV, Aug 3 (Wirewire) -", "BAMAKO (Reuters) -"
_DATELINE = re.compile(r"^[ \t]*([A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,2})(?=,| \(|\s+[-\u2013\u2014])", re.MULTILINE)
# a dateline closed by a colon: "BEIRUT: The body of ...", also after a headline's full stop; a label in
# capitals takes the same form ("UPDATE: ..."), so such a name is only kept when it resolves (tentative)
_DATELINE_COLON = re.compile(r"(?:^[ \t]*|(?<=[.!?] ))([A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,2}):(?= [A-Z\"\u201c])",
                             re.MULTILINE)
# a dateline run on after a headline on the same line: "... to vote on budget. MANSFIELD -- The council",
# "... in crash. RUSSELLVILLE, Ark. (AP) -"; or after a byline's date: "Staff Writer March 3, 2009 NEWARK --"
_DATELINE_INLINE = re.compile(r"(?:(?<=[.!?] )|(?<=\b(?:19|20)\d\d ))([A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,2})"
                              r"(?=\s+[-\u2013\u2014]|\s+\([A-Z][A-Za-z]+\)|,\s+[A-Z][A-Za-z.]{1,6}\s*(?:\(|[-\u2013\u2014]))")
_VAGUE = re.compile(
    r"\b(?:the\s+)?((?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|central)\s+"
    r"(front(?:\s?line)?|borders?|flanks?|directions?|axis|sectors?|frontier|theatre|theater)\b",
    re.IGNORECASE)



@dataclass
class Mention:
    start: int  # character offsets of the place text
    end: int
    text: str
    query: str  # what is looked up ("Kharkov region", "Bakhmut")
    precision: int | None = None  # forced by context (2 for "near X")
    vague: bool = False  # "eastern Ukraine": resolve the country/region only, no point
    riverlike: bool = False  # "along the Dnipro": only a region or country may resolve it
    unanchored: bool = False  # "the southern front": nothing to look up
    candidates: list[Candidate] = field(default_factory=list)
    linked_regions: set[str] = field(default_factory=set)  # admin1 codes of regions named next to it
    city_reading: bool = False  # "the city of Kuwait": the capital, not the country of the same name
    linked_countries: set[str] = field(default_factory=set)  # "Kalam, Pakistan": the country after a comma
    comma_regions: set[str] = field(default_factory=set)  # "Italy, Texas": the regions right after a comma
    after_comma: Mention | None = None  # "Buffalo, New York": the place this one follows, comma between
    state_after: bool = False  # what follows the comma reads first as a state or country ("Orient, Ohio")
    role: PlaceRole = "place"  # "metonym" ("Moscow said", "Newark police"), "demonym" ("Russian")
    demonym_of: str | None = None  # a demonym's country code
    institution: bool = False  # the place part of an institution's name: resolved only when the name is clear
    label: bool = False  # the whole text as a place label (bare_label): kept only when it resolves
    fallback: str | None = None  # looked up when ``query`` finds nothing ("Georgia" of "Georgia and Baker counties")
    fallback_span: tuple[int, int] | None = None  # the fallback's own span ("Cottonport" of "the Cottonport Fire Station")
    tentative: bool = False  # a name the model did not call a place, in a place's idiom: kept only when it resolves
    area_names: tuple[str, ...] = ()  # "Ohioans": the area names it may stand for ("Ohioa", "Ohio"), first known wins
    outlet_town: bool = False  # the town the outlet's domain names ("Paris" in parisbeacon.com's copy)
    municipal: bool = False  # an institution only a town has ("the Grand Ledge Police Department"): any size will do
    headline: bool = False  # a headline's untagged first words: kept only as a town of the outlet's home region


class _Taken:
    """The character spans already given to a mention: an overlap test in log time, so that a long article's
    mentions are not each compared with all the others (benchmarks/bench_length.py)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.spans: list[tuple[int, int]] = []
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        k = bisect_right(self.starts, start)
        self.starts.insert(k, start)
        self.spans.insert(k, (start, end))
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        # a span that overlaps [start, end) starts before ``end`` and no further back than the longest span
        k = bisect_left(self.starts, end)
        while k > 0 and self.starts[k - 1] > start - self.longest:
            k -= 1
            if self.spans[k][1] > start:
                return True
        return False


# --- mentions -----------------------------------------------------------------------------

def find_mentions(doc: Doc) -> list[Mention]:
    """Place mentions from the entities and the vague-phrase pattern, in text order."""
    mentions: list[Mention] = []
    taken = _Taken()
    # local-news idioms the model misses or misreads ("R-Elbow Lake", "Cooke and Love counties") come first
    for idiom in local_idioms(doc_text(doc)):
        mentions.append(Mention(start=idiom.start, end=idiom.end, text=idiom.text, query=idiom.query,
                                fallback=idiom.fallback))
        taken.add(idiom.start, idiom.end)
    ents = [e for e in doc_ents(doc) if e.label_ in PLACE_LABELS and not _not_a_place(e) and not _actor(e)
            and not taken.overlaps(e.start_char, e.end_char)]
    others = _metonyms_and_demonyms(doc)
    for i, ent in enumerate(ents):
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if nxt is not None and _is_district_of(ent, nxt):
            continue  # "the Kanal district of Chasiv Yar": Chasiv Yar (precision 2) carries it
        m = _mention(ent)
        if m.query == ent.text and len(ent) > 1 and (head := _institution_place(ent)) is not None:
            # "the Cottonport Fire Station": the town when the gazetteer does not know the whole name
            m.fallback, m.fallback_span = head.text, (head.start_char, head.end_char)
        # "Kharkiv, Sumy and Chernihiv regions": the plural designator after the last applies to all
        closing = _list_designator(ents, i)
        if m.query == ent.text and closing in PLURAL_REGION_WORDS:
            m.query = f"{ent.text} region"
        elif closing in PLURAL_AREA_WORDS and m.precision is None:
            # "the Kupyansk, Lyman and Bakhmut axes": each is a town's area, and "the Kupyansk"
            # opening the list is no river
            m.precision, m.riverlike = 2, False
        # "near Chasov Yar and Konstantinovka": the second is near too
        prev = mentions[-1] if mentions else None
        if prev is not None and m.precision is None and prev.precision == 2 and not m.vague and \
                _only_conjunctions(doc, prev.end, m.start):
            m.precision = 2
        mentions.append(m)
        taken.add(m.start, m.end)
    text = doc_text(doc)
    for match in [*_DATELINE.finditer(text), *_DATELINE_INLINE.finditer(text), *_DATELINE_COLON.finditer(text)]:
        start, end = match.span(1)
        if len(match.group(1)) < 3:
            continue
        # a dateline names the city a report is filed from: "WASHINGTON —" is not the state
        if taken.overlaps(start, end):
            for m in mentions:
                if (m.start, m.end) == (start, end) and m.role == "place":
                    m.city_reading = True  # tagged by the model or a ruler
            continue
        name = match.group(1).title()
        mentions.append(Mention(start=start, end=end, text=match.group(1), query=name, city_reading=True,
                                tentative=match.re is _DATELINE_COLON))
        taken.add(start, end)
    for match in _VAGUE.finditer(doc_text(doc)):
        start, end = match.span()
        if taken.overlaps(start, end):
            continue
        after = doc_text(doc)[end:end + 40]
        if re.match(r"\s+(?:of|near|around)\s+[A-Z]", after):
            continue  # "the southern flank of Bakhmut": the place is Bakhmut
        text = match.group(0)
        mentions.append(Mention(start=start, end=end, text=text, query=text, unanchored=True))
    for m in others:
        if not taken.overlaps(m.start, m.end):
            mentions.append(m)
            taken.add(m.start, m.end)
    # proper nouns no entity covers, in a town's idiom: "in Glen Allen", "Jane Roe of Jeannette"
    untagged = _untagged_names(doc)
    for span in untagged:
        if (m := _locative_name(span)) is not None and not taken.overlaps(m.start, m.end):
            mentions.append(m)
            taken.add(m.start, m.end)
    # towns joined by a hyphen, which the model tags as an organisation or not at all ("Fargo-Moorhead",
    # "Watertown-Mayer Lutheran"): the whole, split into its towns by the places stage (places.split_pairs)
    named_spans = [(e.start_char, e.end_char) for e in doc_ents(doc) if e.label_ not in PAIR_LABELS]
    for match in HYPHEN_PAIR.finditer(text):
        start, end = match.span()
        if not taken.overlaps(start, end) and not any(is_demonym_word(w) for w in match.groups()) \
                and not any(a < end and start < b for a, b in named_spans):  # "the Six-Day War": an event
            mentions.append(Mention(start=start, end=end, text=match.group(), query=match.group(), tentative=True))
            taken.add(start, end)
    # one name, one sense in an article: "Alexandria" the model calls a person in one sentence is
    # the place the article names as "Alexandria" elsewhere (kept only when that resolves)
    names = {m.text for m in mentions if (m.role == "place" or m.institution) and not m.unanchored}
    # a sentence's first words only for a name the model or a ruler tagged as a place ("in Rochester")
    tagged = {m.text for m in mentions if m.role == "place" and not m.unanchored and not m.tentative and not m.institution}
    openers = _sentence_openers(doc)
    for ent, known in [*((e, names) for e in [*doc_ents(doc), *untagged]), *((o, tagged) for o in openers)]:
        if ent.label_ in ("ORG", "PERSON", "") and ent.text in known and not (ent.label_ == "PERSON" and len(ent) > 1) \
                and not taken.overlaps(ent.start_char, ent.end_char):
            mentions.append(_tentative(ent))
            taken.add(ent.start_char, ent.end_char)
    found = [m for m in mentions if m.role == "place" and not m.unanchored]
    label = bare_label(doc)
    if label is not None and all(label.start <= m.start and m.end <= label.end and m.end - m.start < len(label.text)
                                 for m in found):
        # the text is only a name; a word of it tagged on its own ("Nyzhnie" of "Nyzhnie Krynka", a village
        # named like its first word) gives way when the whole resolves (places.label_over_parts)
        mentions.append(label)
        taken.add(label.start, label.end)
    # the words opening the text (a headline: "Windsor joins tax credit program"), untagged: a town only in
    # the outlet's home region (places.headline_town); the longest run, cut there
    opener = next((span for span in openers[:2] if span[0].i == 0 and span[0].is_title), None)
    if opener is not None and not taken.overlaps(opener.start_char, opener.end_char) \
            and opener[0].lower_ not in STOP_WORDS:
        mentions.append(Mention(start=opener.start_char, end=opener.end_char, text=opener.text, query=opener.text,
                                tentative=True, headline=True))
        taken.add(opener.start_char, opener.end_char)
    mentions.sort(key=lambda m: m.start)
    return mentions


# a text that is nothing but a place label: "Yesaulivka village", "stepanovka", "Pobeda"
_LABEL_WORD = re.compile(r"^[^\W\d_][\w'\u2019-]*$")
LABEL_MAX_WORDS = 3
_stop_names = functools.lru_cache(maxsize=1)(stop_names)
_LABEL_DESIGNATORS = frozenset({"village", "town", "city", "settlement"})
_CALENDAR_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                             "saturday", "sunday"})


def bare_label(doc: Doc) -> Mention | None:
    """The whole text as one place mention, when the text is only a name (a place label).

    Conflict-event data and captions often carry no sentence at all, just the place ("Opytne",
    "Yesaulivka village", lower-cased "stepanovka"). The model has no context to tag such a word
    and reads a lone village name as a person, a group or nothing. A text of at most three
    capitalised words (or one all in lower case), with no person's full name, no official's surname
    (``stopnames.txt``) tagged as a person and no month or weekday, is looked up whole. It is kept
    only when it resolves as any other mention would (the usual score floor, ties and loose-match
    checks), so a phrase that names no place adds no mention.
    """
    text = doc_text(doc)
    stripped = text.strip()
    words = stripped.split()
    if not 1 <= len(words) <= LABEL_MAX_WORDS or not all(_LABEL_WORD.match(w) for w in words):
        return None
    persons = [e for e in doc_ents(doc) if e.label_ == "PERSON"]
    if any(len(e) > 1 or e.text in _stop_names() for e in persons):
        return None  # "Vasyl Ostrovsky", "Lavrov": a person, not a place label
    if any(w.lower() in STOP_WORDS or w.lower() in _CALENDAR_WORDS for w in words):
        return None
    if not stripped.islower() and not all(w[0].isupper() or w.lower() in _LABEL_DESIGNATORS for w in words):
        return None  # "Breaking news": a phrase, not a name
    start = text.index(stripped)
    query = stripped.title() if stripped.islower() else stripped
    return Mention(start=start, end=start + len(stripped), text=stripped, query=query, label=True)


def _metonyms_and_demonyms(doc: Doc) -> list[Mention]:
    """Toponyms standing for an actor ("Moscow said", "Newark police", "US cluster bombs",
    "the Athens Police Department") and nationality words of a known country ("Russian", "Saudis"):
    kept, with their role, never as event places. A town the model tagged as an organisation or a
    person in a place's idiom ("22, of Grovetown", "a Crafton man") is a tentative place."""
    out = []
    named = {e.text for e in doc_ents(doc) if e.label_ in PLACE_LABELS}
    for ent in doc_ents(doc):
        start, end = ent.start_char, ent.end_char
        if ent.label_ in ("ORG", "PERSON"):  # "Huntsville Fire Department", also when tagged a person
            head = _institution_place(ent, named)
            if head is None and (where := _locative_name(ent)) is not None:
                out.append(where)
            elif head is not None:
                found = demonym_country(head.text) if len(head) == 1 else None
                if found:  # "the Georgian Interior Ministry": the nationality word
                    out.append(Mention(start=head.start_char, end=head.end_char, text=head.text, query=found[1],
                                       role="demonym", demonym_of=found[0]))
                else:
                    out.append(Mention(start=head.start_char, end=head.end_char, text=head.text, query=head.text,
                                       role="metonym", institution=True, municipal=_municipal(head)))
            continue
        if ent.label_ == "NORP" or (ent.label_ in PLACE_LABELS and is_demonym(ent)):
            found = demonym_country(ent.text)
            if not found and (parts := _demonym_pair(ent)):
                out.extend(parts)  # "Russian-American crew", "German-Iraqi talks": each nationality
            elif found:
                out.append(Mention(start=start, end=end, text=ent.text, query=found[1], role="demonym",
                                   demonym_of=found[0]))
            elif ent.label_ == "NORP" and (stems := area_demonym_stems(ent.text)):
                # "Ohioans", "European", "West African": the people of a region, continent or macro-region
                out.append(Mention(start=start, end=end, text=ent.text, query=stems[0], role="demonym",
                                   area_names=stems, tentative=True))
        elif ent.label_ == "GOV" or (ent.label_ in PLACE_LABELS and not _not_a_place(ent) and _actor(ent)):
            out.append(Mention(start=start, end=end, text=ent.text, query=ent.text, role="metonym"))
    return out




def _actor(ent: Span) -> bool:
    """A toponym standing for a state, government or army rather than a location.

    (``GOV`` entities from the parse stage are already left out; this catches the roles it
    does not: "Ukraine's forces", "US cluster bombs", "called upon the United States",
    "weapons for Ukraine", "Moscow-backed", "Moldova said", "Russia and Ukraine swapped ...".)
    """
    root, doc = ent.root, ent.doc
    head = root.head
    if root.dep_ in ("poss", "compound", "nmod", "amod") and head.i >= ent.end and head.lemma_.lower() in ACTOR_HEADS:
        return True
    if root.dep_ == "pobj" and head.lower_ in ("upon", "on") and head.head.lemma_ in ("call", "urge", "press"):
        return True
    if root.dep_ == "pobj" and head.lower_ == "for" and (head.head.lemma_.lower() in AID_HEADS
                                                         or head.head.lemma_.lower() in AID_VERBS):
        return True
    if root.dep_ == "pobj" and head.dep_ == "agent":  # "mediated by Turkey and Qatar"
        return True
    if root.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in SPEECH_VERBS:
        return True
    if ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ in ACTOR_SUFFIXES:
        return True
    if root.dep_ == "conj":  # "Russia and Ukraine swapped", "by Turkey and Qatar": as the first conjunct
        first = head
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        if first.ent_type_ == "GOV" or (first.ent_type_ in PLACE_LABELS and first.dep_ in ("nsubj",)
                                        and first.head.pos_ == "VERB" and first.head.lemma_ in SPEECH_VERBS):
            return True
        if first.dep_ == "pobj" and first.head.dep_ == "agent":
            return True
    return False


# the words that follow a place in the name of its local institutions
INSTITUTION_WORDS = frozenset({
    "police", "department", "fire", "sheriff", "sheriff's", "county", "city", "state", "university", "college",
    "school", "schools", "high", "public", "council", "board", "hospital", "airport", "zoo", "daily", "news",
    "herald", "times", "post", "journal", "tribune", "gazette", "chronicle", "courier", "observer", "district",
    "township", "borough", "municipal", "regional", "community", "chamber", "library", "housing", "health",
    "medical", "transit", "port", "water", "court", "jail", "detention", "emergency", "ems", "town", "village",
    # facilities and clubs named after their town ("the Mansfield Law Enforcement Center")
    "law", "senior", "civic", "convention", "volunteer", "correctional", "elementary", "middle", "recreation",
    "elks", "rotary", "lions", "kiwanis", "museum", "historical",
    # courts, clubs, funds and offices named after their town ("Bantam Superior Court", "the Harwinton
    # Democratic Town Committee", "Evansville Federal Credit Union", "the Wayne Food Pantry")
    "superior", "circuit", "crown", "magistrates", "federal", "credit", "savings", "memorial", "area", "reservoir",
    "selectman", "selectmen", "committee", "democratic", "republican", "seniors", "food", "central", "mosque",
    "cathedral", "cemetery", "education", "foundation", "citizens", "independent", "unified", "metropolitan",
    "international", "planning", "zoning", "economic", "development", "visitors", "tourism", "humane", "youth",
    "arts", "symphony", "theatre", "theater", "downtown", "parks", "station", "center", "centre", "hall",
    "fire-rescue", "riding", "golf", "country", "pta", "vfw", "legion", "mound",
})


# institutions only a town (or township, village) has: "X" of "the X Police Department" is a town however small,
# where "X" of "X College", "the X Foundation" or "X Middle School" may be a person's name
MUNICIPAL_WORDS = frozenset({"police", "fire", "fire-rescue", "sheriff's", "township", "borough", "village", "town",
                             "volunteer", "emergency", "ems", "selectman", "selectmen", "seniors",
                             "senior", "civic", "recreation", "parks", "planning", "zoning", "chamber"})


def _municipal(head: Span) -> bool:
    """Does an institution word only a town has follow the place ("Byesville Volunteer Fire Department",
    "Grand Ledge's police")?"""
    doc, i = head.doc, head.end
    if i < len(doc) and doc[i].text in ("'s", "’s"):
        i += 1
    return i < len(doc) and doc[i].lower_ in MUNICIPAL_WORDS


# "the University of Rochester", "the Port of Oakland": the place closes the name
OF_PLACE_HEADS = frozenset({"university", "college", "port", "city", "town", "county", "state", "diocese",
                            "archdiocese", "borough", "village", "township", "province", "bank", "republic"})


def _institution_place(ent: Span, named: set[str] | frozenset[str] = frozenset()) -> Span | None:
    """"Athens" of "the Athens Police Department", "Kentucky" of "Kentucky State Police": the leading
    proper nouns of an organisation's name when an institution word follows them, or any capitalised
    word when the article names that place on its own too ("the Alexandria Blizzard" beside
    "Alexandria"). A leading nationality word ("the Georgian Interior Ministry", "Lebanese Army").
    "Rochester" of "the University of Rochester": the place after "of" that closes the name."""
    tokens = [t for t in ent if t.lower_ != "the"]
    if len(tokens) < 2:
        return None
    # the name may open the organisation's name or follow an "of" in it ("Friends of the Mansfield Public Library")
    for at in [0, *(i + 1 for i, t in enumerate(tokens[:-2]) if t.lower_ == "of" and i > 0)]:
        if (span := _leading_place(tokens[at:], named, ent.doc)) is not None:
            return span
    if tokens[0].lower_ in OF_PLACE_HEADS and len(tokens) >= 3 and tokens[1].lower_ == "of" and \
            all(t.pos_ == "PROPN" and t.is_title for t in tokens[2:]) and len(tokens) <= 5:
        return ent.doc[tokens[2].i:tokens[-1].i + 1]
    return None


def _leading_place(tokens: list[Token], named: set[str] | frozenset[str], doc: Doc) -> Span | None:
    """The leading proper nouns of ``tokens`` when an institution word follows them, also after a
    possessive ("Alexandria's Circuit Court", "Kent's Board of Finance")."""
    for k in range(min(3, len(tokens) - 1), 0, -1):
        head, rest = tokens[:k], tokens[k]
        if rest.text in ("'s", "’s") and k + 1 < len(tokens) and rest.i == head[-1].i + 1:
            rest = tokens[k + 1]  # "Alexandria's Circuit Court"
            if rest.i != head[-1].i + 2 or not rest.is_title:
                continue
        elif rest.i != head[-1].i + 1:
            continue
        if not all(t.pos_ == "PROPN" and _capitalised(t) for t in head):
            continue
        if any(t.lower_ in INSTITUTION_WORDS and t.lower_ != "city" for t in head[1:]):
            continue  # "Decatur Law Enforcement" of "the Decatur Law Enforcement Center": "Decatur" ("Salt Lake City" stays)
        span = doc[head[0].i:head[-1].i + 1]
        if rest.lower_ in INSTITUTION_WORDS or (rest.is_title and (span.text in named or (
                k == 1 and demonym_country(span.text) is not None))):
            return span
    return None


def _capitalised(t: Token) -> bool:
    """"Decatur", "St.", "DeKalb", "McMinn": a capitalised word (title case, or a capital inside it), not an acronym."""
    return t.is_title or (t.is_alpha and t.text[:1].isupper() and not t.is_upper)


# a town's idiom: "22, of Grovetown", "in Parkers Prairie", "a Crafton man", "their Buford home"
LOCATIVE_BEFORE = frozenset({"in", "of", "from", "near", "outside", "at"})
# a person is never "in" or "near" someone: a two-word name the model calls a person after these is a place
PERSON_NEVER_AFTER = frozenset({"in", "near", "outside"})
LOCATIVE_AFTER = frozenset({"man", "woman", "men", "women", "resident", "residents", "home", "homes", "native",
                            "couple", "teen", "teenager", "boy", "girl", "family", "area"})


def _locative_name(ent: Span) -> Mention | None:
    """A name the model tagged as an organisation or a person standing where a town stands: after
    "in", "from", "near" or a comma and "of" ("Jane Roe, 41, of Grovetown"), or before "man",
    "resident", "home" ("a Crafton man"). Kept only when it resolves to a place the gazetteer knows
    by that name (not a loose match), so a company or a surname in that slot adds nothing."""
    doc = ent.doc
    if len(ent) > 3 or not all(t.is_title and t.is_alpha for t in ent if t.lower_ not in ("of", "de")):
        return None
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    if ent.label_ == "PERSON" and len(ent) > 1 and before not in PERSON_NEVER_AFTER:
        return None  # "Rebecca Sears": a full name; "in Glen Carbon", "near Cherry Hinton": a place
    prev = doc[ent.start - 2] if ent.start > 1 else None
    if before == "of" and (prev is None or (prev.text != "," and prev.ent_type_ != "PERSON")):
        return None  # "the wife of Smith": no; "41, of Grovetown", "Jane Roe of Grovetown": yes
    if before == "," and prev is not None and prev.lower_.rstrip(".") in STREET_WORDS:
        return _tentative(ent)  # "of 1935 Orchard St., Alexandria": the town of an address
    if before not in LOCATIVE_BEFORE and after not in LOCATIVE_AFTER:
        return None
    return _tentative(ent)


def _untagged_names(doc: Doc) -> list[Span]:
    """Runs of one to three capitalised proper nouns that no entity covers (the model saw no name)."""
    # the words' flags as one array, not a Token per word: only the few words that pass are visited
    a = doc.to_array([ENT_TYPE, POS, IS_TITLE, IS_ALPHA, SENT_START])
    names = numpy.flatnonzero((a[:, 0] == 0) & (a[:, 1] == PROPN) & (a[:, 2] == 1) & (a[:, 3] == 1) & (a[:, 4] != 1))
    out, run = [], []
    for i in [*names.tolist(), -2]:
        if run and i == run[-1] + 1:
            run.append(i)
            continue
        if 1 <= len(run) <= 3:
            out.append(doc[run[0]:run[-1] + 1])
        run = [i]
    return out


def _sentence_openers(doc: Doc) -> list[Span]:
    """Runs of one to three capitalised words opening a sentence that no entity covers: a headline's first
    word, which the model often reads as a noun or an adjective ("Rochester chess player wins ...").
    Only the one-name-one-sense pass takes them, when the article names that very text as a place."""
    a = doc.to_array([ENT_TYPE, IS_TITLE, IS_ALPHA, SENT_START])
    out = []
    for i in numpy.flatnonzero((a[:, 0] == 0) & (a[:, 1] == 1) & (a[:, 2] == 1) & (a[:, 3] == 1)).tolist():
        end = i + 1
        while end < min(len(doc), i + 3) and a[end, 0] == 0 and a[end, 1] == 1 and a[end, 2] == 1:
            end += 1
        out.extend([doc[i:end], doc[i:i + 1]] if end > i + 1 else [doc[i:end]])  # "Rochester Fire ...": "Rochester"
    return out


STREET_WORDS = frozenset({"st", "street", "ave", "avenue", "rd", "road", "dr", "drive", "ln", "lane", "blvd",
                          "boulevard", "hwy", "highway", "ct", "court", "pl", "place", "cir", "circle", "pkwy",
                          "parkway", "way", "terrace", "trail"})


def _tentative(ent: Span) -> Mention:
    return Mention(start=ent.start_char, end=ent.end_char, text=ent.text, query=ent.text, tentative=True)


def _demonym_pair(ent: Span) -> list[Mention]:
    """"Russian-American": one demonym mention per nationality of a hyphenated pair, when every part is one."""
    if "-" not in ent.text:
        return []
    out, pos = [], ent.start_char
    for part in ent.text.split("-"):
        found = demonym_country(part)
        if not found:
            return []
        out.append(Mention(start=pos, end=pos + len(part), text=part, query=found[1], role="demonym",
                           demonym_of=found[0]))
        pos += len(part) + 1
    return out


def _only_conjunctions(doc: Doc, end: int, start: int) -> bool:
    return doc_text(doc)[end:start].strip(" ,") in ("and", "or", "", "as well as")


def _not_a_place(ent: Span) -> bool:
    """Demonyms the model tags GPE ("Ukrainian officials", "Israeli strikes"), codes ("M23")."""
    if any(ch.isdigit() for ch in ent.text):
        return True
    if len(ent) != 1:
        return is_demonym(ent)
    if ent.text.lower() in COMPASS:  # "NORTHERN" in "NORTHERN INDIA": part of the next name, never a place
        return True
    return is_demonym(ent)


def _mention(ent: Span) -> Mention:
    doc = ent.doc
    start, end = ent.start_char, ent.end_char
    text = query = ent.text
    precision: int | None = None
    vague = False
    if ent.end < len(doc) and doc[ent.end].lower_ == "river":
        # "the Dnipro River": the river (a water feature, or nothing), never the city
        end = doc[ent.end].idx + len(doc[ent.end].text)
        return Mention(start=start, end=end, text=doc_text(doc)[start:end], query=f"{ent.text} River")
    # designator after: "Kharkov region", "Bakhmut direction", "Kupyansk area"
    if ent.end < len(doc):
        word = doc[ent.end].lower_
        if word in REGION_WORDS and not ent.text.lower().endswith(tuple(REGION_WORDS)):
            end = doc[ent.end].idx + len(doc[ent.end].text)
            text = doc_text(doc)[start:end]
            query = f"{ent.text} {word.rstrip('s') if word.endswith(('regions', 'oblasts', 'provinces')) else word}"
        elif word in REGION_FRONT_WORDS:
            precision = 2
            query = f"{ent.text} region"  # the region if one is named so, else the town's area
        elif word in SUBREGION_WORDS or word in AREA_WORDS:
            precision = 2
    # context before: "near X", "outskirts of X", "north of X", "the Airplane district of X",
    # also across "the eastern city of" ("territory surrounding the eastern city of Bakhmut")
    if ent.start > 0 and doc[ent.start - 1].lower_ in COMPASS and not _region_designated(ent, query) and (
            doc[ent.start - 1].tag_ == "JJ" or doc[ent.start - 1].dep_ in ("amod", "compound", "npadvmod", "advmod")):
        vague = True  # "eastern Ukraine", "northern Gaza"
        start = doc[ent.start - 1].idx
        text = doc_text(doc)[start:end]
    else:
        before = _context_before(doc, ent.start)
        if before:
            if before[-1] in NEAR_WORDS:
                precision = 2
            elif before[-1] == "of" and len(before) >= 2 and before[-2] in OF_AREA_WORDS:
                precision = 2
            elif before[-1] in ("to", "from") and len(before) >= 2 and before[-2] in CLOSE_WORDS:
                precision = 2
            elif before[-1] in ("on", "upon") and len(before) >= 2 and before[-2] in MOVE_VERBS:
                precision = 2
    # "along the Dnipro", "across the Dnieper": a bare "the" before a name that heads its noun
    # phrase is a river or sea, not the town of the same name
    # "the Toronto plastic surgeon", "the Houston-based contractor": a name before an adjective or a
    # hyphen modifies what follows; it heads nothing
    head_of_np = ent.end >= len(doc) or (doc[ent.end].pos_ not in ("NOUN", "PROPN", "ADJ")
                                         and doc[ent.end].text not in ("-", "\u2013"))
    if ent.start > 0 and doc[ent.start - 1].lower_ == "the" and head_of_np and query == ent.text \
            and not ent.text.lower().startswith("the ") and precision is None:
        return Mention(start=start, end=end, text=text, query=query, riverlike=True)
    city = bool(re.search(r"\b(?:city|capital) of\s*$", doc_text(doc)[max(0, start - 16):start], re.IGNORECASE))
    return Mention(start=start, end=end, text=text, query=query, precision=precision, vague=vague, city_reading=city)


def _region_designated(ent: Span, query: str) -> bool:
    """"the southern Kherson region", "southern Belgorod Oblast": the compass word says where the
    whole region lies (in the south of its country), not which part of it is meant, so the region
    keeps its point. "southern Ukraine", "eastern Kharkiv" stay parts."""
    return query.rsplit(" ", 1)[-1].lower() in REGION_WORDS


_SKIPPABLE = frozenset({"the", "a", "an", "city", "town", "village", "settlement", "of", "embattled", "besieged",
                        "key", "strategic", "small", "frontline", "front-line", "industrial", "port", "occupied",
                        "ruined", "destroyed", "devastated", "hub", "logistics", "logistical", "nearby",
                        "ukrainian-held", "russian-held", "russian-occupied", "ukrainian-controlled"}) | COMPASS


def _context_before(doc: Doc, i: int) -> list[str]:
    """Lower-cased words before token ``i``, skipping "the (eastern) city of"-style filler."""
    j = i - 1
    while j >= 0 and j > i - 6 and doc[j].lower_ in _SKIPPABLE and not (
            doc[j].lower_ == "of" and j > 0 and doc[j - 1].lower_ in OF_AREA_WORDS):
        j -= 1
    return [t.lower_ for t in doc[max(0, j - 1):j + 1]] if j >= 0 else []


def _is_district_of(ent: Span, nxt: Span) -> bool:
    """``ent`` names a district of the next entity: "Kanal district of Chasiv Yar"."""
    between = token_table(ent.doc).lower[ent.end:nxt.start]  # the words between, without a Token each
    return 2 <= len(between) <= 3 and between[-1] == "of" and any(w in DISTRICT_WORDS for w in between)


PLURAL_REGION_WORDS = frozenset({"regions", "oblasts", "provinces", "governorates"})
PLURAL_AREA_WORDS = frozenset({"directions", "axes", "sectors", "areas", "fronts"})


def _list_designator(ents: list[Span], i: int) -> str | None:
    """The plural designator closing the list of names ``ents[i]`` opens or sits in: "regions" for
    "Kharkiv, Sumy and Chernihiv regions", "axes" for "the Kupyansk, Lyman and Bakhmut axes"."""
    doc = ents[i].doc
    for j in range(i, len(ents) - 1):
        between = token_table(doc).lower[ents[j].end:ents[j + 1].start]
        if between not in (["and"], [","], [",", "and"], ["or"]):
            return None
        last = ents[j + 1]
        word = doc[last.end].lower_ if last.end < len(doc) else ""
        if word in PLURAL_REGION_WORDS or word in PLURAL_AREA_WORDS:
            return word
    return None

