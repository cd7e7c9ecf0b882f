"""Attribution cues: the words that mark a speaker, and the parse helpers that find one.

The vocabularies (reporting verbs, role and body nouns, evidence words) and the single-token rules
(a reporting verb's subject, a name in apposition, a role's body) that :mod:`.attribute` applies
sentence by sentence. Nothing here keeps state across sentences: the article-level memory is
:class:`.attribute.Attributor`'s.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from ..records import Claimant
from .parse import ent_at, span_text, token_table
from .quotes import in_quote

REPORTING_VERBS = {
    "say", "announce", "note", "state", "concede", "claim", "add", "report", "deny", "acknowledge", "warn",
    "echo", "tell", "write", "post", "confirm", "insist", "assert", "declare", "stress", "emphasise",
    "emphasize", "explain", "accuse", "allege", "admit", "reveal", "inform", "indicate", "argue", "maintain",
    "reiterate", "repeat", "urge", "call", "vow", "pledge", "promise", "boast", "dismiss", "reject", "brief",
    "comment", "predict", "estimate", "assess", "describe", "specify", "clarify", "complain", "disclose",
    "quote", "cite", "ask", "appeal", "request", "demand", "threaten", "believe", "think", "suggest",
    "publish", "underline", "underscore", "recall", "remark", "observe", "mention", "assure", "contend",
    "tweet", "blog", "testify", "concur", "retort", "reply", "respond", "counter", "caution", "establish",
    "summarize", "summarise", "conclude", "elaborate", "recount", "denounce", "outline", "blame", "speak",
}
# Verbs of commitment: with a "to" clause and no "that" clause, a deed or an intention, not a statement.
PLEDGES = {"promise", "pledge", "vow", "threaten"}
# Verbs that take a claim but read oddly as cues when their subject is not a speaker.
SPEAKER_PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "organisation", "we": "any", "i": "person",
                    "him": "person", "her": "person", "them": "any"}
# "..., the statement said": the document stands for whoever issued it last.
DOCUMENT_NOUNS = {"statement", "report", "communique", "communiqué", "update", "summary", "briefing", "post", "bulletin",
                  "review", "statements", "reports"}
PERSON_NOUNS = {
    "minister", "official", "officials", "spokesman", "spokeswoman", "spokesperson", "governor", "mayor",
    "commander", "president", "adviser", "advisor", "general", "head", "chief", "secretary", "representative",
    "envoy", "ambassador", "analyst", "expert", "source", "sources", "officer", "colonel", "lieutenant",
    "leader", "premier", "deputy", "soldier", "serviceman", "resident", "witness", "diplomat", "politician",
    "senator", "senators", "lawmaker", "lawmakers", "legislator", "legislators", "congressman", "congresswoman",
    "chairman", "chairwoman", "founder", "member", "members", "prosecutor", "judge", "researcher", "researchers",
    "economist", "economists", "blogger", "bloggers", "journalist", "correspondent", "major", "captain", "sergeant",
    "ombudsman", "commissioner", "investigator", "investigators",
}
# Analysts named with no side of their own are `other` (CONVENTIONS.md), whatever the outlet's side.
ANALYST_NOUNS = {"analyst", "analysts"}
# Where a speaker posts ("Gladkov's Telegram channel", "the ministry's page"): the owner is the speaker.
CHANNEL_NOUNS = {"channel", "telegram", "page", "account", "website", "feed"}
# Evidence a speaker publishes ("according to figures published by the UN"): the publisher is the claimant;
# with no publisher named the evidence is the outlet's own (docs/claims.md).
EVIDENCE_NOUNS = {"figures", "data", "statistics", "estimates", "estimate", "poll", "polls", "survey", "surveys",
                  "images", "imagery", "footage", "numbers", "records", "documents", "calculations", "tally"}
# Verbs whose subject reads evidence out, and the nouns of those who publish such readings (docs/claims.md).
MONITOR_VERBS = {"show", "indicate", "suggest"}
MONITOR_NOUNS = {"analysis", "analyses", "assessment", "monitor", "tracker"}  # a map or site only with its project named
ORG_NOUNS = {
    "ministry", "command", "staff", "army", "military", "administration", "office", "service", "government",
    "forces", "brigade", "agency", "headquarters", "council", "department", "kremlin", "authorities",
    "committee", "group", "militia", "regime", "navy", "guard", "battalion", "corps", "mission", "centre",
    "center", "statement", "spokesperson's office", "force", "operator", "company", "operation", "intelligence",
    "police",  # "..., the regional police said": a body that reports strikes and casualties
}
# Entity labels that are never a person's name, whatever the apposition beside them.
NOT_PEOPLE = {"GPE", "LOC", "ORG", "GOV", "NORP", "FAC", "DATE", "TIME", "CARDINAL"}
# Heads of phrases that name a side's armed forces ("Russian air defences", "Ukrainian troops").
FORCE_WORDS = {"force", "forces", "troops", "army", "military", "units", "unit", "soldiers", "fighters", "defences",
               "defenses", "defence", "defense", "defenders", "brigade", "aviation", "navy", "artillery", "servicemen"}
# ", Nazar Voloshyn, a spokesman for the group, said on Saturday." closing a statement: who, then the verb, then
# at most a short tail (a day, a channel, "in a statement").
_TAIL = (
    r"[,\u201d\"]\s+(?P<who>(?:the\s+|a\s+)?[A-Z][^,;:\"\u201c\u201d]{1,80}?"
    r"|(?:the|a|an)\s+[^,;:\"\u201c\u201d]{0,60}?\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+"
    # TASS style, no article: "..., governor of Russia's Belgorod Region Vyacheslav Gladkov said."
    r"|(?:governor|mayor|head|chief|spokes(?:man|woman|person)|commander|minister)\s+"
    r"[^,;:\"\u201c\u201d]{0,60}?\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+)(?:,\s+[^,;\"\u201c\u201d]{2,120}?,)?"
    # a name set off by commas after its role, "..., the regional governor, Oleh Kiper, said." (the comma before
    # the verb is a stray one), and "has said" / "have said"
    r"(?P<stray>,)?\s+(?:(?:has|have)\s+)?"
    r"(?P<verb>said|says|told|tells|reported|reports|noted|notes|added|adds|stated|states|posted|wrote|writes|"
    r"claimed|claims|announced|announces|confirmed|confirms|informed|informs)\b(?P<rest>[^,;\"\u201c\u201d]{0,60})")
TAIL_SPEAKER = re.compile(_TAIL + r"[.!?]?\s*$")
# The same, with a comma-set clause after the verb that stays in the speaker's scope ("..., Nazar Voloshyn said,
# adding that the assault was repelled", "..., the governor said, as sirens sounded"): tried only when no verb of
# the sentence has a subject the parser found.
TAIL_CLAUSE = re.compile(_TAIL + r",\s+(?:adding|saying|noting|stressing|explaining|as|after|when|before|which)\b"
                         r"[^;\"\u201c\u201d]*[.!?]?\s*$")
# TAIL_SPEAKER's verbs: a sentence with none of them holds no match (a substring test, before the costly search).
TAIL_VERBS = tuple(re.search(r"\(\?P<verb>([\w|]+)\)", TAIL_SPEAKER.pattern).group(1).split("|"))  # type: ignore[union-attr]
# "As reported earlier, ...", "As was reported before, ...": the outlet pointing at its own earlier story.
AS_REPORTED = re.compile(r"\s*As (?:was |we )?(?:earlier |previously )?reported(?: earlier| before| previously)?\s*,",
                         re.I)
# Outlets that relay a statement ("..., Interfax news agency reported"), never its speaker.
RELAY_WORDS = {"agency", "outlet", "outlets", "media", "correspondent", "correspondents", "newspaper", "channel",
               "broadcaster", "wire", "journalist", "journalists", "reporter", "reporters", "news"}
HEADLINE_DASH = re.compile(r"^(?P<body>.{15,}?)\s+[–—-]{1,2}\s+(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s*$")
HEADLINE_COLON = re.compile(r"^(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}):\s+(?P<body>\S.{10,})$")


def unrecognised_name(head: Token) -> Span | None:
    """A proper name the model missed, next to a person noun in apposition: the name, else None."""
    def name_of(token: Token, allowed: frozenset[str] = frozenset()) -> Span | None:
        if token.pos_ != "PROPN" or (token.ent_type_ in NOT_PEOPLE and token.ent_type_ not in allowed) \
                or not token.text[:1].isupper():
            return None
        parts = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        return token.doc[min([token.i] + [c.i for c in parts]): token.i + 1]

    apps = [c for c in head.children if c.dep_ == "appos"]
    titled = head.lemma_.lower() in PERSON_NOUNS  # "Major of the National Guard, ..., Taras Hnatenko": a title
    if any(c.lemma_.lower() in PERSON_NOUNS for c in apps) and not titled:
        # "Oleksandr Tarnenko, commander of ...": a person, whatever NER said (a place only with a first name before
        # it: "Oleksandr Kamyshin, chairman of the board", Kamyshin being a town too)
        found = name_of(head, frozenset({"ORG", "GPE"}))
        return found if found is not None and (head.ent_type_ != "GPE" or len(found) > 1) else None
    if titled:
        for c in apps:
            found = name_of(c) or name_of(c, frozenset({"GPE", "ORG"}))
            if found is not None and (len(found) > 1 or c.ent_type_ not in NOT_PEOPLE):
                return found  # a first name and a surname after a title, even where NER saw a place
    return None


def reported_by(verb: Token, main: Token) -> bool:
    """Is ``verb`` part of what ``main`` reports, through complement clauses only (not a relative clause)?"""
    token = verb
    for _ in range(12):
        if token.head == token:
            return False
        if token.dep_ not in {"ccomp", "xcomp", "conj", "advcl", "parataxis"}:
            return False
        token = token.head
        if token.i == main.i:
            return verb.dep_ != "conj" or verb.head.i != main.i
    return False


def claimant_word(claimant: Claimant | None) -> str:
    return claimant.name.split()[-1].casefold() if claimant is not None and claimant.name else ""


def publisher(evidence: Token) -> list[Token]:
    """ "figures published by the United Nations" / "data from the ministry": who put the evidence out."""
    for child in evidence.children:
        if child.dep_ in {"acl", "relcl"}:
            for agent in (c for c in child.children if c.dep_ == "agent"):
                return [p for p in agent.children if p.dep_ == "pobj"][:1]
        if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
            found = [p for p in child.children if p.dep_ == "pobj" and (
                p.ent_type_ in {"ORG", "GOV", "PERSON", "NORP", "GPE"} or p.lemma_.lower() in ORG_NOUNS | {"side"}
                or (evidence.lemma_.lower() in DOCUMENT_NOUNS and p.tag_ in {"NNS", "NNPS"}))]
            if found:
                return found[:1]
    return []


def channel_owner(head: Token) -> Token | None:
    """ "Ukrzaliznytsia's Telegram channel", "the governor's page": the possessive owner of a channel noun."""
    if head.lemma_.lower() not in CHANNEL_NOUNS:
        return None
    return next((c for c in head.children if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"}), None)


# "Kiev's statement that ...", "Ukraine's accusations that ...": what a party said, told by someone else.
STATEMENT_NOUNS = {"statement", "claim", "accusation", "allegation", "assertion", "report", "version"}


def owned_statements(sent: Span) -> list[tuple[Token, Token, set[int]]]:
    """Statement nouns with a possessive owner and a that-clause: (noun, owner, the clause's tokens)."""
    out = []
    table = token_table(sent.doc)
    lemma, pos = table.lemma, table.pos
    # read in the token table: only a statement noun is made into a Token (this runs for every told sentence)
    for i in range(sent.start, sent.end):
        if pos[i] != "NOUN" or lemma[i].lower() not in STATEMENT_NOUNS:
            continue
        noun = sent.doc[i]
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"}), None)
        clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp"}
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if owner is not None and clause is not None:
            out.append((noun, owner, {t.i for t in clause.subtree}))
    return out


def context_side(outlet: Claimant) -> str:
    """An unqualified "the Defence Ministry" in a TASS story is Russia's."""
    return outlet.side if outlet.side in {"UA", "RU"} else "unknown"


def role(span: Span, person: Span) -> str | None:
    """Title words before the name ("Deputy Defense Minister") or an apposition after it."""
    doc = span.doc
    words = [t.text for t in doc[span.start: person.start] if t.pos_ not in {"DET", "PUNCT"} and t.tag_ != "POS"]
    if words and person.start > span.start and doc[person.start - 1].pos_ != "PUNCT":
        return " ".join(words)
    for token in person.root.children:
        if token.dep_ == "appos":
            return doc[token.left_edge.i: token.right_edge.i + 1].text.strip(" ,")
    if person.root.dep_ == "appos" and person.root.head.i < person.start:
        head = person.root.head
        return doc[head.left_edge.i: head.i + 1].text.strip(" ,")
    return None


def core(head: Token) -> str:
    """The name a subject phrase gives: its entity, else the head noun with its left modifiers.

    "The Institute for the Study of War, a U.S. think tank" -> the ORG entity;
    "Russia's Defence Ministry" -> itself; "an RSF adviser" -> "RSF adviser".
    """
    doc = head.doc
    ent = ent_at(doc, head.i)
    if ent is not None:
        left = [c for c in head.lefts if c.dep_ in {"poss", "compound", "amod"} and c.i < ent.start]
        start = min([ent.start] + [c.left_edge.i for c in left])
        return strip_det(span_text(doc[start: ent.end]))
    left = [c for c in head.lefts if c.dep_ in {"poss", "compound", "amod", "nmod", "npadvmod"}]
    start = min([head.i] + [c.left_edge.i for c in left])
    end = head.i + 1
    familiar = [c for c in head.rights if c.lower_ == "familiar" and c.dep_ in {"amod", "acl"}]
    if familiar:  # "sources familiar with the matter": the source as written
        end = familiar[0].right_edge.i + 1
    while head.pos_ == "PROPN" and end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].head == head \
            and doc[end].text[:1].isupper():
        end += 1  # "Svitlana Vodolaha": a name in two words the parser hung on the first
    return strip_det(span_text(doc[start: end]))


def strip_det(phrase: str) -> str:
    words = phrase.split()
    while words and words[0].lower() in {"the", "a", "an", "this", "that", "its", "their"}:
        words = words[1:]
    return " ".join(words).strip(" ,")


_CITING_LEMMAS = {"cite", "quote", "refer"}  # the lemmas _speaker's citing words have (with "reference")


def citing_words(sent: Span) -> list[Token]:
    """The tokens of ``sent`` that may be citing words, in order: found in the token table, so that only
    they are made into Token objects."""
    found = cue_positions(sent.doc)[0]
    return [sent.doc[i] for i in found[bisect_left(found, sent.start):bisect_left(found, sent.end)]]


def reporting_verbs(sent: Span) -> list[Token]:
    """The tokens of ``sent`` that may be reporting verbs (lemma in REPORTING_VERBS, a verb or auxiliary)."""
    found = cue_positions(sent.doc)[1]
    return [sent.doc[i] for i in found[bisect_left(found, sent.start):bisect_left(found, sent.end)]]


def cue_positions(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    """Where the Doc's citing words, reporting verbs and "according" are: one pass over the token table per Doc,
    not one per sentence and rule (each sentence then takes its share with a bisect)."""
    found = doc.user_data.get("frontwatch_cues")
    if found is None:
        table = token_table(doc)
        lemma, lower, pos = table.lemma, table.lower, table.pos
        found = doc.user_data["frontwatch_cues"] = (
            [i for i, lem in enumerate(lemma) if lem in _CITING_LEMMAS or lower[i] == "reference"],
            [i for i, p in enumerate(pos) if p in {"VERB", "AUX"} and lemma[i].lower() in REPORTING_VERBS],
            [i for i, low in enumerate(lower) if low == "according" or (low == "words" and "in" in lower[max(i - 2, 0):i])])
    return found  # type: ignore[no-any-return]


# What "citing" names when it names a source: by lemma, and by the word as written.
_SOURCE_LEMMAS = PERSON_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS | CHANNEL_NOUNS | EVIDENCE_NOUNS | RELAY_WORDS | {
    "source", "official", "people", "side", "data", "information", "message"}
_SOURCE_WORDS = PERSON_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS | EVIDENCE_NOUNS


def reason(cited: Token, quotes: list[tuple[int, int]]) -> bool:
    """Is what ``citing`` names a reason ("citing constant shelling", "citing 'security concerns'"), not a source
    (a name, a body, a person, a document or figures)? A source speaks; a reason leaves the sentence's speaker."""
    if in_quote(cited, quotes) or cited.is_quote:
        return True
    return not (cited.ent_type_ in {"PERSON", "ORG", "GOV", "GPE", "NORP"} or cited.pos_ in {"PROPN", "PRON"}
                or cited.lemma_.lower() in _SOURCE_LEMMAS or cited.lower_ in _SOURCE_WORDS)


def reference(token: Token) -> bool:
    """ "with reference to X", "referring to X": the words that name a source, as "citing" does."""
    return (token.lower_ == "reference" and token.head.lower_ == "with") or (
        token.lemma_ == "refer" and token.tag_ == "VBG")


def appositions(head: Token) -> set[Token]:
    """The head and the appositions hanging from it, however deep: "Major X, deputy commander of Y, Z"."""
    out, todo = {head}, [head]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "appos" and c not in out:
                out.add(c)
                todo.append(c)
    return out


# Offices that speak for whoever holds them: "Governor X's press service", "a spokesperson for the fleet".
OFFICE_NOUNS = {"service", "office", "spokesman", "spokeswoman", "spokesperson", "representative"}


def owner_of(head: Token) -> Token | None:
    """ "Governor Ivan Fedorov's press service", "the regional administration's press service": the owner an office
    speaks for (not a country, "Russia's Defence Ministry", nor a pronoun)."""
    if head.lemma_.lower() not in OFFICE_NOUNS or head.pos_ != "NOUN":
        return None
    for c in head.children:
        if c.dep_ == "poss" and c.pos_ in {"NOUN", "PROPN"} and c.ent_type_ not in {"GPE", "NORP", "GOV", "LOC"}:
            return c
    return None


def of_whom(head: Token) -> str | None:
    """ "the mayor of Dnipro", "a member of the Kherson regional council": the body or place a role belongs to
    ("a spokesperson for the Black Sea Fleet": an office's "for" as its "of")."""
    preps = {"of", "for"} if head.lemma_.lower() in OFFICE_NOUNS else {"of"}
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                named = obj.ent_type_ in {"GPE", "ORG", "GOV", "LOC", "NORP"} or obj.pos_ == "PROPN" or any(
                    c.i < obj.i and (c.pos_ == "PROPN" or c.ent_type_ in {"GPE", "ORG", "GOV", "LOC", "NORP"})
                    for c in obj.subtree)
                if obj.dep_ == "pobj" and named:
                    return head.doc[obj.left_edge.i: obj.right_edge.i + 1].text
    return None


def shares_word(phrase: str, role: str) -> bool:
    words = {w.lower() for w in re.findall(r"\w+", phrase) if len(w) > 3}
    return bool(words & {w.lower() for w in re.findall(r"\w+", role)})


def speech(verb: Token) -> bool:
    """Is this reporting verb a speaker's cue here? Not an intention ("vowed to retake", "promised to send": the
    outlet tells what they mean to do), and "spoke" only of or about something.

    (A speaker in a relative or concessive clause, "a missile that officials said was fired by Russia", "even
    though the UN urges", is still the source of what that clause says: the real-news gold counts them.)"""
    lemma = verb.lemma_.lower()
    if lemma in PLEDGES and any(c.dep_ == "xcomp" for c in verb.children) \
            and not any(c.dep_ == "ccomp" for c in verb.children):
        return False
    if lemma == "establish":  # "investigators established that ...": a finding, not "established a unit"
        return any(c.dep_ == "ccomp" for c in verb.children)
    if lemma == "speak":
        return any(c.dep_ == "prep" and c.lower_ in {"of", "about"} for c in verb.children)
    return True


def subject(verb: Token, quotes: tuple[tuple[int, int], ...] | list[tuple[int, int]] = ()) -> Token | None:
    """The speaker of a reporting verb, borrowing the head's subject for "…, saying that"."""
    if verb.lemma_ == "quote":
        # "X was quoted by the military as saying that ...": X speaks, the military relays
        quoted = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if quoted and any(c.dep_ in {"advcl", "prep"} and c.lower_ in {"saying", "as"} for c in verb.children):
            return quoted[0]
    for child in verb.children:  # "was echoed by Ukrainian officials": the agent speaks
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    if any(c.dep_ == "nsubjpass" and c.lower_ in {"this", "it"} for c in verb.children):
        # "This was reported in the Ministry of Defence": a translated "reported in/at X" names X as the agent does
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}):
            bodies = [o for o in prep.children if o.dep_ == "pobj" and (
                o.ent_type_ in {"ORG", "GOV"} or o.lemma_.lower() in ORG_NOUNS)]
            if bodies:
                return bodies[0]
    # A word inside the quotation is never its speaker (the parser sometimes makes it a subject).
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and not in_quote(c, quotes)]
    if subjects:
        # Two subjects of one verb are a misparse of "<statement>, the deputy minister said": the one nearer the
        # verb (or after it, '"...," said X') is the speaker, the first the statement's own subject.
        return max(subjects, key=lambda c: (c.ent_type_ in {"PERSON", "ORG", "GOV"}, c.i))
    # '"...," Andrii Besedin, head of the city administration, told reporters.': between the closing quote
    # and the verb, the name is the speaker, however the parser attached it.
    window = []
    for k in range(verb.i - 1, max(verb.sent.start, verb.i - 25) - 1, -1):
        if verb.doc[k].is_quote:
            break
        window.append(verb.doc[k])
    else:
        window = []
    names = [t for t in reversed(window) if t.ent_type_ in {"PERSON", "ORG", "GOV"} and not in_quote(t, quotes)]
    if names:
        return names[0]
    # '"...," summarized the ministry official': after a quotation the parser often takes the inverted
    # speaker for an object.
    after_comma = verb.i > 0 and verb.doc[verb.i - 1].text == "," and verb.tag_ in {"VBD", "VBZ", "VBP"}
    if verb.i > 0 and (verb.doc[verb.i - 1].is_quote or after_comma):
        objects = [c for c in verb.children if c.dep_ in {"dobj", "attr", "npadvmod"} and c.i > verb.i
                   and c.pos_ != "PRON"]
        if objects:
            return objects[0]
    if verb.dep_ in {"advcl", "xcomp", "conj", "ccomp"} and verb.head != verb:
        if any(c.dep_ == "mark" for c in verb.children):
            # "As noted, the occupiers fired rockets", "the capture, if confirmed, ...": nobody named, and not
            # the content's subject
            return None
        return subject(verb.head, quotes) if verb.head.pos_ in {"VERB", "AUX"} else None
    return None


def depth(token: Token) -> int:
    # spaCy makes a new Token object on every access: Tokens compare with ==, never with `is`.
    depth = 0
    while token.head != token and depth < 50:
        token = token.head
        depth += 1
    return depth
