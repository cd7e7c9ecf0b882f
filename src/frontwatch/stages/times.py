"""Times stage: every temporal expression in an article, resolved against publication.

Candidates come from spaCy's DATE and TIME entities plus a few patterns the model
misses or cuts short ("overnight", "over the weekend", numeric datelines such as
"15:37 15.08.2023", the year after "22nd May,"). Each candidate is widened to take
the preposition that gives it meaning ("since", "over", "by", "between"), checked
against noise (ages, bare durations such as "a 10-year sentence"), given a tense
from its clause, and resolved by :func:`resolve_time` (rules in ``_timerules``).

Resolved intervals are inclusive; granularity says what kind of expression it was
(see docs/times-quantities.md). An expression that cannot be resolved, or that
lands absurdly far after publication, is kept with null bounds.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import cast

from spacy.tokens import Doc, Span, Token

from ..config import TimesSettings
from ..records import Granularity, TimeSpan
from ._timerules import MONTHS, WEEKDAYS, resolve_time
from .parse import Caseless, doc_ents, doc_lower, doc_text, token_table

__all__ = ["extract_times", "resolve_time"]

_PREPOSITIONS = {
    "on", "in", "at", "during", "since", "over", "by", "until", "till", "between", "from", "throughout",
    "for", "within", "before", "after", "through", "earlier", "of",
}  # fmt: skip
# Patterns spaCy's small model misses; matched on sentence text, then snapped to tokens.
_EXTRA = re.compile(
    r"\b(?:\d{1,2}:\d{2}\s+)?\d{1,2}[./]\d{1,2}[./]\d{4}\b"  # 15:37 15.08.2023
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2}\b(?!/)"  # 7/8/07
    r"|\b(?:over|during|throughout|on|at)\s+the\s+weekend\b"
    r"|\b(?:overnight(?:\s+(?:into|to|on)\s+(?:" + "|".join(WEEKDAYS) + r"))?|last\s+night)\b"
    r"|\b(?:in\s+)?(?:the\s+)?(?:past|last)\s+(?:24|48|72)\s+hours\b"
    r"|\b(?:christmas\s+(?:eve|day)|new\s+year's\s+(?:eve|day))\b"
    r"|\b(?:(?:about|almost|nearly|more\s+than|less\s+than|some|just\s+over|just\s+under)\s+)?"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\s+(?:days?|weeks?|months?|years?)\s+ago\b"
    r"|\b(?:first|second|third|fourth)-(?:quarter|half)\b"  # "third-quarter profit"
    r"|\b(?:by|at|until|till|since)\s+that\s+time\b"
    # a full written date, which the model now and then leaves untagged (a dateline line of its own)
    r"|\b(?:" + "|".join(MONTHS) + r")\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + "|".join(MONTHS) + r"),?\s+(?:19|20)\d\d\b"
    # two days before their month ("5-6 August", "5 to 6 August"): the model tags the second alone
    r"|\b\d{1,2}\s*(?:-|\u2013|to|and)\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:" + "|".join(MONTHS) + r")\b",
    re.IGNORECASE,
)
# a month written out or abbreviated ("Nov.", "Sept")
_MONTH_WORD = r"(?:" + "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
# a wire dateline without a year, which the model often leaves untagged: "OUAGADOUGOU, Oct 2 (Agency) -",
# "NEW YORK, March 3 -": a city in capitals at the start of a line, then the month and day
_WIRE_DATELINE = re.compile(
    r"(?m)^[A-Z][A-Z.'\- ]*[A-Z],\s+(?P<date>(?i:" + _MONTH_WORD + r")\s+\d{1,2})\b(?=\s*(?:\(|[-\u2013\u2014/]))"
)
# "the day" that a trading or battle report has been telling: "ended the day 2% down",
# "later in the day", "for the day.", "at the start of the day" (not "the day the war began")
_DAY_REF = re.compile(
    r"(?:\b(?:end|ends|ended|ending|finish|finished|finishes|finishing|close|closed|closing)\s+"
    r"|\b(?:for|on)\s+(?=the\s+day\s*[,.;:])|(?P<late>\b(?:late|later|earlier|early)\s+in\s+"
    r"|\bthe\s+(?:start|beginning|end|close|middle)\s+of\s+))"
    r"(?P<day>the\s+day)\b(?!\s+(?:of|before|when|that)\b)",
    re.IGNORECASE,
)
# "for a second consecutive day": the day being reported, like _DAY_REF
# "for a fourth straight week", "its worst day since 2008": the day (week...) being reported, like _DAY_REF
_NTH_UNIT = re.compile(
    r"(?:(?:a|the|its|their)\s+)?(?:(?:second|third|fourth|fifth|sixth|seventh|\w+th|\d+(?:nd|rd|th))\s+"
    r"(?:(?:consecutive|straight)\s+(day|session|week)(?:\s+in\s+a\s+row|\s+running)?"
    r"|(day|session|week)\s+(?:in\s+a\s+row|running))"
    r"|(?:its|their|the)\s+(?:best|worst|biggest|strongest|weakest|deadliest|bloodiest|heaviest)\s+(day|session|week))",
    re.IGNORECASE,
)
# "compared with the same period last year": the period just named, a year back
_SAME_AGO = re.compile(
    r"(?:(?:in|during|for|from|over|with|to)\s+)?the\s+same\s+(?:period|month|quarter|week|day|time|season)\s+"
    r"(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier|before)|the\s+(?:previous|preceding)\s+year|the\s+year\s+before)",
    re.IGNORECASE,
)
# "the previous year", "the year before": before the year this sentence is about, else publication's
_UNIT_BEFORE = re.compile(r"(?:(?:in|on|over|than|during|for)\s+)?(?:the\s+(?:previous|preceding|prior)\s+(year|month)"
                          r"|the\s+(year|month)\s+(?:before|previous|earlier|prior))", re.IGNORECASE)
# "for the entire year": the year this sentence is about ("in the fourth quarter of 2005 and for the entire year")
_WHOLE_UNIT = re.compile(r"(?:(?:in|for|over|during|throughout)\s+)?the\s+(?:entire|whole|full)\s+(year|month)",
                         re.IGNORECASE)
_THAT_TIME = re.compile(r"(by|at|until|till|since)\s+that\s+time", re.IGNORECASE)
_YEAR_AFTER = {"in", "since", "by", "from", "to", "until", "till", "between", "and", "through", "before", "after",
               "during", "of", "or"}
_STATED_YEAR = re.compile(r"\b(?:1[89]|2[01])\d\d\b|\bnext\s+year\b", re.IGNORECASE)
_AGE = re.compile(r"\b(year|month|week|day)s?[- ]old\b|\baged?\b", re.IGNORECASE)
_NOT_WHEN = re.compile(
    r"^(?:the\s+)?(?:annual|daily|weekly|monthly|yearly|decades?|years|centuries|ages|the\s+day|the\s+year"
    r"|a\s+day|one\s+day|day|night|the\s+time|the\s+moment|time|some\s+time|the\s+future|the\s+past|"
    r"\d+[- ](?:year|month|day|week|hour)s?|[a-z]+-(?:year|month|day|week|hour)s?(?:-long)?)$",
    re.IGNORECASE,
)
_DURATION_ONLY = re.compile(
    r"^(?:about\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?(?:\d+|a|an|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|a\s+few|few|many|a\s+couple\s+of)\s+"
    r"(?:hours?|days?|weeks?|months?|years?|decades?)$",
    re.IGNORECASE,
)
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "could", "should", "might", "may", "must"}
_FUTURE_LEMMAS = {
    "plan", "expect", "schedule", "intend", "aim", "prepare", "promise", "pledge", "vow", "hope", "due",
    "threaten", "want", "seek", "propose", "postpone", "delay", "set", "slate",
}  # fmt: skip
_REPORTING = {
    "say",
    "claim",
    "report",
    "tell",
    "write",
    "add",
    "state",
    "be",
    "have",
    "note",
    "estimate",
    "believe",
    "think",
    "show",
}


_ANNOUNCING = {"announce", "confirm", "warn", "insist", "admit", "deny", "reveal", "signal", "indicate", "agree",
               "decide", "pledge", "promise", "vow"}


def _widen(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Take the governing preposition(s) on the left ("since the previous week",
    "over the past week") and a dateline year cut off on the right ("22nd May, 2023")."""
    while (
        start > 0
        and doc[start - 1].lower_ in _PREPOSITIONS
        and not doc[start - 1].is_sent_end
        and doc[start].lower_ not in ("by", "until", "till", "since", "between")  # already governed
    ):
        prev = doc[start - 1]
        if prev.lower_ == "of" and not (
            start > 1 and doc[start - 2].lower_ in ("end", "start", "beginning", "middle", "half", "quarter", "hours")
        ):
            break
        start -= 1
        if prev.lower_ in (
            "since",
            "between",
            "from",
            "until",
            "till",
            "by",
            "before",
            "after",
            "throughout",
        ):
            break
    # "early/late/mid" in front of a month ("in early December") are part of it
    if start > 0 and doc[start - 1].lower_ in ("early", "late", "mid", "mid-"):
        start -= 1
        while start > 0 and doc[start - 1].lower_ in _PREPOSITIONS:
            start -= 1
    if doc[end - 1].lower_ in MONTHS or _DAY_NUMBER.fullmatch(doc[end - 1].text):
        k = end + 1 if end < len(doc) and doc[end].text == "," else end
        if k < len(doc) and re.fullmatch(r"(1[89]|20)\d\d", doc[k].text):
            end = k + 1
    # a duration with what filled it: "three days of fighting"
    if (
        _DURATION_ONLY.match(doc[start:end].text.split(" ", 1)[-1])
        and end + 1 < len(doc)
        and doc[end].lower_ == "of"
        and doc[end + 1].pos_ == "NOUN"
    ):
        end += 2
    return start, end


def _future(span: Span) -> bool:
    """Is the clause that governs the expression about the future? Looks up the dependency
    tree for "will/would/could/should" auxiliaries, planning verbs ("is expected in June",
    "scheduled for July 9-11", "threatened to pull out in May") and the scheduled present
    ("the summit opens on Tuesday", "the deal expires on March 18")."""
    if {t.lower_ for t in span} & {"next", "coming", "upcoming", "tomorrow"}:
        return True
    doc = span.doc
    if span.text.lower().startswith("as of") or (
        span.start > 1 and doc[span.start - 2].lower_ == "as" and doc[span.start - 1].lower_ == "of"
    ):
        return False  # "as of February, the store accounts for 70%": a status date, not a plan
    if span[0].lower_ in ("until", "till"):
        return _until_future(span)
    tok: Token = span.root
    for _ in range(6):
        head = tok.head
        if head == tok:
            break
        if head.pos_ in ("VERB", "AUX") or head.tag_.startswith("VB"):
            if _before_reported_clause(span, head):
                return False  # "said on Wednesday it would pull back": the parser hangs the date on "pull"
            aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
            if aux & _FUTURE_AUX and not aux & {"have", "'ve"}:
                return True
            if _planned_infinitive(head):
                return True  # "a summit to be held on October 12"; headline "Talks to resume on Monday"
            if head.lemma_.lower() in _FUTURE_LEMMAS and (head.tag_ != "VBD" or tok.dep_ == "xcomp"):
                return True  # "threatened to pull out in May", but not "promised on Monday"
            if head.tag_ in ("VBZ", "VBP") and not aux and head.lemma_.lower() not in _REPORTING:
                return True
            if head.tag_ == "VBD":
                return False  # "the first city to fall after it launched its invasion on February 24"
            if (
                head.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "acomp")
                or head.tag_ in ("VBD",)
                and head.dep_ == "ccomp"
            ):
                return False
        elif head.lemma_.lower() in ("due", "set", "likely", "expected", "deadline"):
            return True  # "due to arrive in July", "a June 1 deadline"
        tok = head
    return False


def _before_reported_clause(span: Span, verb: Token) -> bool:
    """Is ``verb`` a reported clause whose subject comes after the expression, under a past reporting
    verb ("said on Wednesday it would", "told reporters on Friday that the army will")? Then the
    expression sits between the reporting verb and the clause, and dates the saying."""
    return (
        verb.dep_ == "ccomp"
        and verb.head.tag_ == "VBD"
        and verb.head.lemma_.lower() in _REPORTING | _ANNOUNCING
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.i >= span.end for c in verb.children)
        and span.end <= verb.i
    )


def _infinitive(verb: Token) -> bool:
    """Is the verb a to-infinitive ("to resume", "to be held", "to remain closed")?"""
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass") and (
            c.lower_ == "to" or any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)
        ):
            return True
    return False


# verbs of scheduled events: "talks to take place", "a summit to open"; other infinitives after a
# noun are often not plans ("the need to retreat", "the first city to fall")
_EVENT_VERBS = {"take", "begin", "start", "open", "resume", "run", "come", "arrive", "visit", "meet", "end", "expire",
                "close", "hold", "sign", "vote"}


def _planned_infinitive(verb: Token) -> bool:
    """A to-infinitive that says something is planned: a headline ("Markets to remain closed"),
    a clause with its own subject ("announced talks to be held"), or a scheduled event after a
    noun ("a summit to be held", "elections to take place"), not "the first city to fall"."""
    if not _infinitive(verb) or verb.dep_ not in ("relcl", "acl", "ROOT", "ccomp"):
        return False
    if verb.dep_ in ("relcl", "acl"):
        noun = verb.head
        if any(c.tag_ == "JJS" or c.lower_ in ("first", "last", "only", "next") for c in noun.children):
            return False
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        return passive or verb.lemma_.lower() in _EVENT_VERBS
    return True


def _until_future(span: Span) -> bool:
    """"until Friday": a deadline ahead unless the clause that holds it is in the past tense
    ("stayed closed until Friday", "had been shut until May"). A present perfect or a present
    ("has kept the border closed until Friday", "remain closed until Friday") looks forward."""
    tok: Token = span[0]
    for _ in range(6):
        head = tok.head
        if head == tok:
            break
        aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
        if head.tag_ == "VBD" or aux & {"had", "was", "were", "did", "'d"}:
            return False
        if aux & _FUTURE_AUX or aux & {"has", "have", "'ve", "is", "are", "am"} or head.tag_ in ("VBZ", "VBP"):
            return True
        if _planned_infinitive(head):
            return True
        tok = head
    return False


_ORDINAL_TIME = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|\d+(?:st|nd|rd|th)|final)\s+(?:time|night|day)s?\b"
    r"|\bthe\s+last\s+time\b|^(?:every|each|any)\s+(?:day|night|week|month|year)$"
    r"(?!\s+of\s+(?:" + "|".join(MONTHS) + r"|\d))|^(?:the\s+)?first\s+(?:days|weeks|months)\b",
    re.IGNORECASE,
)


def _is_noise(text: str) -> bool:
    t = text.strip().lower()
    if _ORDINAL_TIME.search(t):
        return True
    if re.match(r"^(?:for|in|over|during|within)?\s*(?:\w+\s+)?(?:\d+|\w+)\s+hours$", t) and not re.search(
        r"\b(past|last)\b", t
    ):
        return True  # "for nine hours": a length, not a when
    if _AGE.search(t) or _NOT_WHEN.match(t) or not re.search(r"[a-z0-9]", t):
        return True
    # a bare length of time ("two years", "18 months") is not a when unless anchored
    return bool(_DURATION_ONLY.match(t)) and not re.search(r"\bof\b", t)


_SEASON_WORDS = {"spring", "summer", "autumn", "fall", "winter"}
_SEASON_LEAD = {
    "the",
    "this",
    "last",
    "next",
    "in",
    "since",
    "until",
    "through",
    "during",
    "by",
    "early",
    "late",
    "mid",
}
_DAY_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
_WEEKDAY_RE = re.compile(
    r"^(?:on\s+)?(?:" + "|".join(WEEKDAYS) + r")(?:\s+(?:morning|afternoon|evening|night))?$", re.IGNORECASE
)
_MONTH_RE = re.compile(
    r"^(?:in\s+|on\s+|since\s+)?(?:(?:early|mid|late)[- ])?(?:"
    + "|".join(MONTHS)
    + r")(?:\s+\d{1,2})?(?:,?\s+\d{4})?$|^\d{1,2}$",
    re.IGNORECASE,
)
_YEARISH_RE = re.compile(r"^(?:in\s+)?(?:(?:early|mid|late)[- ])?\d{4}$", re.IGNORECASE)
_CUT = re.compile(
    r",\s+(?:(?:some|about|almost|nearly|more than|less than)\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
    r"\s+(?:days?|weeks?|months?|years?)\b|,\s+(?:hours|days|weeks|months|years)\b"
    r"|\s+(?:after|before)\s+(?!\d|" + "|".join(MONTHS) + r"|midnight|noon|dawn|dusk|daybreak|sunrise|sunset)"
    r"|\s+[-\u2013\u2014]\s+(?!\d|" + "|".join(MONTHS) + r")",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"^(?:on\s+)?(?:the\s+same\s+(?:day|night|evening|morning)|that\s+(?:day|night|evening|morning))$",
    re.IGNORECASE,
)


# The document-wide patterns, run on the lower-cased text (twice as fast; see parse.Caseless).
_EXTRA_LC, _NTH_UNIT_LC, _DAY_REF_LC = Caseless(_EXTRA), Caseless(_NTH_UNIT), Caseless(_DAY_REF)
# A word every match of _NTH_UNIT holds: without one of them in the text, that slow pattern cannot match.
_NTH_WORDS = ("consecutive", "straight", "row", "running", "best", "worst", "biggest", "strongest", "weakest",
              "deadliest", "bloodiest", "heaviest")
_YEAR_TOKEN = re.compile(r"(?:1[89]|20)\d\d")
_MONTH_SET = frozenset(MONTHS)


def _day_refs(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the day references (``_DAY_REF``), found once per Doc (both steps read them)."""
    found = doc.user_data.get("frontwatch_day_refs")
    if found is None:
        found = doc.user_data["frontwatch_day_refs"] = [
            (m.start("late") if m.group("late") else m.start("day"), m.end())
            for m in _DAY_REF_LC.finditer(doc_text(doc), doc_lower(doc))]
    return found  # type: ignore[no-any-return]


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of candidate expressions: spaCy DATE/TIME entities and our patterns, merged."""
    spans: list[tuple[int, int]] = [(e.start, e.end) for e in doc_ents(doc) if e.label_ in ("DATE", "TIME")]
    text, low = doc_text(doc), doc_lower(doc)
    for m in _EXTRA_LC.finditer(text, low):
        sp = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if sp is not None:
            spans.append((sp.start, sp.end))
    for m in _WIRE_DATELINE.finditer(doc_text(doc)):
        sp = doc.char_span(m.start("date"), m.end("date"), alignment_mode="expand")
        if sp is not None:
            spans.append((sp.start, sp.end))
    if low is None or any(w in low for w in _NTH_WORDS):
        for m in _NTH_UNIT_LC.finditer(text, low):  # the model rarely tags "its worst day"
            sp = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if sp is not None:
                spans.append((sp.start, sp.end))
    for first, last in _day_refs(doc):
        sp = doc.char_span(first, last, alignment_mode="expand")
        if sp is not None:
            spans.append((sp.start, sp.end))
    # Word by word over the token table (a Token object per step would cost more than the rest of the stage).
    table = token_table(doc)
    texts, lowers, tags, n = table.text, table.lower, table.tag, len(doc)
    # a year the model reads as a number ("from 2009 to 2011"): only after the words a year follows
    for i in [j + 1 for j, w in enumerate(lowers[:-1]) if w in _YEAR_AFTER]:
        if (
            _YEAR_TOKEN.fullmatch(texts[i])
            and not (i + 1 < n and tags[i + 1] == "NNS")
        ):
            spans.append((i, i + 1))
    for i, word in [(i, w) for i, w in enumerate(lowers) if w in _MONTH_SET or w in _SEASON_WORDS]:
        prev = lowers[i - 1] if i > 0 else ""
        # spaCy sometimes reads "May" (month) as a modal or a name; catch "in|since May" and "early December"
        if word in _MONTH_SET and prev in ("in", "since", "early", "late", "mid", "until", "by"):
            spans.append((i, i + 1))
        t = doc[i]
        # a season that is the subject ("spring brings the mud"), bare
        if word in _SEASON_WORDS and t.dep_ == "nsubj" and t.pos_ == "NOUN" and not list(t.children):
            spans.append((i, i + 1))
        # seasons the model misses ("through the winter"), not when they modify a noun ("winter offensive")
        if word in _SEASON_WORDS and prev in _SEASON_LEAD:
            nxt = doc[i + 1] if i + 1 < n else None
            if nxt is None or nxt.lower_ == "of" or nxt.pos_ not in ("NOUN", "PROPN"):
                first = i - 1 if prev in ("the", "this", "last", "next") else i
                spans.append((first, i + 1))
    out = []
    for s, e in spans:
        # "July 11 and" + "12": the model cuts coordinated day numbers
        while e - s > 1 and lowers[e - 1] in ("and", "or", ",", "-"):
            e -= 1
        if (
            s > 0
            and lowers[s] in ("week", "month", "year", "weekend")
            and lowers[s - 1] in ("this", "last", "next", "that")
        ):
            s -= 1  # "This year's harvest": the model keeps only "year"
        if (
            e + 1 < n
            and lowers[e] in ("and", "-", "to")
            and re.fullmatch(r"\d{1,2}", texts[e + 1])
            and re.search(r"(?i)\b" + _MONTH_WORD + r"\s+\d{1,2}$", doc[s:e].text)
        ):
            e += 2
        # "the fourth quarter" + "of 2022": the model splits a part from its year
        if (
            e + 1 < n
            and lowers[e] == "of"
            and re.fullmatch(r"(?:1[89]|20)\d\d", texts[e + 1])
            and lowers[e - 1] in ("quarter", "half", "week", "year", *_SEASON_WORDS, *MONTHS)
        ):
            e += 2
        # "24 February 2022": the model sometimes starts the entity at the month
        if s > 0 and lowers[s] in MONTHS and _DAY_NUMBER.fullmatch(texts[s - 1]):
            s -= 1
        out.append((s, e))
    out.sort()
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _coordinated(doc: Doc, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two expressions joined by and/or/to that read as one range: "on Friday and Saturday",
    "in March and April", "between 24 February 2022 and 31 July 2023", "July 11 and 12"."""
    if b[0] - a[1] != 1 or doc[a[1]].lower_ not in ("and", "or", "to", "-", "until", "through"):
        return False
    ta, tb = doc[a[0] : a[1]].text, doc[b[0] : b[1]].text
    if doc[a[0]].lower_ in ("between", "from"):
        return True
    return any(r.match(ta) and r.match(tb) for r in (_WEEKDAY_RE, _MONTH_RE, _YEARISH_RE))


def _reference(doc: Doc, cands: list[tuple[int, int]]) -> date | None:
    """Without a publication date, a dateline ("KYIV, 22nd May, 2023 -", "15:37 15.08.2023")
    at the top of the text dates the story."""
    whole = doc_text(doc)
    for s, e in cands:
        if doc[s].idx > 80:
            break
        line = whole[whole.rfind("\n", 0, doc[s].idx) + 1 : doc[s].idx]
        if re.search(r"\b[a-z]{2,}\b", line):
            continue  # "A court said on Thursday that ... 8 January 2024": prose, not a dateline
        text = doc[s:e].text
        cut = _CUT.search(text)
        start, _, gran = resolve_time(text[: cut.start()] if cut and cut.start() > 0 else text, None)
        if gran == "day" and start is not None:
            return start
    return None


def extract_times(doc: Doc, published: date | None, settings: TimesSettings) -> list[TimeSpan]:
    """Every temporal expression in ``doc``, in text order, with spans into ``doc.text``."""
    cands = [_widen(doc, s, e) for s, e in _candidates(doc)]
    joined: list[tuple[int, int]] = []
    for c in cands:
        if joined and c[0] < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(c[1], joined[-1][1]))
        elif joined and _coordinated(doc, joined[-1], c):
            joined[-1] = (joined[-1][0], c[1])
        elif joined and c[0] == joined[-1][1] and doc[c[0]].lower_ == "on" and _CLOCK_TIME.search(
                doc[joined[-1][0]:joined[-1][1]].text):
            joined[-1] = (joined[-1][0], c[1])  # "at 7:30 p.m. on Tuesday", "after midnight on January 1"
        elif joined and c[0] == joined[-1][1] and _NIGHT_OF.search(doc[joined[-1][0]:joined[-1][1]].text) and (
                doc[c[0]].lower_ == "on" or doc[c[0] - 1].lower_ == "of"):
            joined[-1] = (joined[-1][0], c[1])  # "the night of" + "August 5", "overnight" + "on August 5"
        else:
            joined.append(c)
    dateline = _reference(doc, joined)
    ref = published if published is not None else dateline
    # an undated page without a dateline: its days written without a year take the year of its full dates
    years = _year_reference(doc, joined) if ref is None else None
    day_refs = {last for _first, last in _day_refs(doc)}
    out: list[TimeSpan] = []
    for s, e in joined:
        span = doc[s:e]
        cut = _CUT.search(span.text)
        delay = None
        if cut and cut.start() > 0:  # "on 13 January, two weeks before ...": keep the date
            delay = _PLAN_DELAY.match(doc_text(doc), span.start_char + cut.start())
            trimmed = doc.char_span(span.start_char, span.start_char + cut.start(), alignment_mode="contract")
            if trimmed is not None and len(trimmed):
                span = trimmed
        lead = _LENGTH_LEAD.match(span.text)
        if lead:  # "twice in three days earlier this month": the when is "earlier this month"
            rest = doc.char_span(span.start_char + lead.end(), span.end_char, alignment_mode="contract")
            if rest is not None and len(rest):
                span = rest
        ordinal = _ORDINAL_TIME.search(span.text)
        if ordinal and len(span.text) - ordinal.end() > 3:  # "for a third night overnight": keep "overnight"
            rest = doc.char_span(span.start_char + ordinal.end(), span.end_char, alignment_mode="contract")
            if rest is not None and len(rest):
                span = rest
        text = span.text
        low = text.lower()
        core = re.sub(r"^(?:on|in|at|during|over|for|within|of|since|until|by|through)\s+", "", low)
        anaphora = _unit_anaphora(text, out, span.sent.start_char, ref)
        if anaphora is not None:
            out.append(TimeSpan(text=text, span=(span.start_char, span.end_char), start=anaphora[0],
                                end=anaphora[1], granularity=cast(Granularity, anaphora[2])))
            continue
        late = _DELAY_AT.match(doc_text(doc), span.start_char)
        prev_day = _previous_day(out, span.sent.start_char)
        if late and late.end() >= span.end_char and prev_day is not None:  # tagged apart from its date
            out.append(TimeSpan(text=late.group(0), span=(late.start(), late.end()), start=prev_day.start,
                                end=prev_day.end, granularity="day"))
            continue
        shifted = _shift_from_sentence(core, out, span.sent.start_char)
        if shifted is not None:
            out.append(TimeSpan(text=text, span=(span.start_char, span.end_char), start=shifted[0],
                                end=shifted[1], granularity=cast(Granularity, shifted[2])))
            continue
        if _SAME_AGO.fullmatch(text):
            prev = next((t for t in reversed(out) if t.start and t.end and t.granularity in _UNITS), None)
            start, end = (_year_back(prev.start), _year_back(prev.end)) if prev else (None, None)
            out.append(TimeSpan(text=text, span=(span.start_char, span.end_char), start=start, end=end,
                                granularity=prev.granularity if prev else "unknown"))
            continue
        nth = _NTH_UNIT.fullmatch(core)
        if nth or (span.end_char in day_refs and re.fullmatch(
                r"(?:(?:late|later|earlier|early) in |the (?:start|beginning|end|close|middle) of )?the day", core)):
            # the day the report has been telling about: the last day it named, else its dateline's day
            # (a wire story filed on the day it tells), else the day of publication (or its week)
            prev = _previous_day(out, None)
            start, end = (prev.start, prev.end) if prev else (dateline or ref, dateline or ref)
            week = nth is not None and "week" in (g.lower() for g in nth.groups() if g)
            if week and start is not None:
                start = start - timedelta(days=start.weekday())
                end = start + timedelta(days=6)
            out.append(TimeSpan(text=text, span=(span.start_char, span.end_char), start=start, end=end,
                                granularity=("week" if week else "day") if start else "unknown"))
            continue
        if low in ("hours", "days", "weeks", "months") or re.fullmatch(r"the (?:days|weeks|months|years)", core):
            continue  # "hours after the talks", "the days of quick gains": a length or an era, not a when
        if _is_noise(low) or (_is_noise(core) and not (_anchored(low) and _DURATION_ONLY.match(core))):
            continue
        if core.strip("the ") in _SEASON_WORDS and span.end < len(doc) and doc[span.end].pos_ == "NOUN":
            continue  # "winter offensive"
        if re.match(r"(after|before)\s", low) and resolve_time(text, ref)[2] == "unknown":
            continue  # "after 22 months": measured from an event we cannot date
        if _ANAPHORA.match(text):
            # "the same day": the day this sentence gave, else the one an earlier sentence gave
            prev = _previous_day(out, span.sent.start_char) or _previous_day(out, None)
            start, end, gran = (prev.start, prev.end, "day") if prev else (None, None, "unknown")
        else:
            future = _future(span)
            if years is not None and _YEARLESS_DAY.fullmatch(low):
                # the occurrence nearest the page's latest full date, before or after it
                start, end, gran = resolve_time(text, years + timedelta(days=-183 if future else 182), future=future)
            else:
                start, end, gran = resolve_time(text, ref, future=future)
        if ref is not None and start is not None and _too_far(text, start, ref, settings):
            start, end, gran = None, None, "unknown"  # far beyond publication: a typo or a wild claim
        if start is None and end is None and not (_worth_keeping(core) or _ANAPHORA.match(text)):
            continue
        if start is None and end is None and re.fullmatch(r"\d{1,3}", core):
            continue  # "Oleksandr, 23, and his sister": an age or a count the model took for a date
        out.append(
            TimeSpan(
                text=text,
                span=(span.start_char, span.end_char),
                start=start,
                end=end,
                granularity=cast(Granularity, gran),
            )
        )
        if delay is not None and gran == "day":  # "arrives on May 3, two weeks later than planned": May 3 too
            out.append(TimeSpan(text=delay.group(1), span=(delay.start(1), delay.end(1)), start=start, end=end,
                                granularity="day"))
    return out


# a day written without its year: "Aug. 4", "on Friday, July 7", "as of 27 August", "the night of August 5-6"
_YEARLESS_DAY = re.compile(
    r"(?:(?:on|as\s+of|by|at|in)\s+)?(?:the\s+(?:night|early\s+hours|morning|evening)\s+of\s+)?"
    r"(?:(?:" + "|".join(WEEKDAYS) + r"),?\s+)?(?:" + _MONTH_WORD + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|\u2013)\s*\d{1,2})?"
    r"|\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|\u2013)\s*\d{1,2})?\s+(?:of\s+)?" + _MONTH_WORD + r")",
    re.IGNORECASE,
)


def _year_reference(doc: Doc, spans: list[tuple[int, int]]) -> date | None:
    """The latest day the text writes out with its year ("August 28, 2023"), which a page without a date
    or dateline was written on or after: its days written without a year ("on Aug. 4") take the year that
    puts them nearest it. None when it writes no such day; those days then stay unresolved."""
    days = []
    for s, e in spans:
        text = doc[s:e].text
        if _YEAR_TOKEN.search(text):
            start, end, gran = resolve_time(text, None)
            if gran == "day" and start is not None and start == end:
                days.append(start)
    return max(days) if days else None


def _previous_day(out: list[TimeSpan], since: int | None) -> TimeSpan | None:
    """The latest day-level time found so far (from character ``since`` on, when given)."""
    return next(
        (t for t in reversed(out) if t.span and t.granularity == "day" and t.start and (since is None or
                                                                                        t.span[0] >= since)),
        None,
    )


_UNITS = ("day", "week", "month", "quarter", "year")


def _unit_anaphora(
    text: str, out: list[TimeSpan], sent_start: int, ref: date | None
) -> tuple[date | None, date | None, str] | None:
    """Expressions that take their date from an earlier one: "the year before" / "the entire year"
    (the sentence's own year, else publication's) and "by that time" (the last date given, in this
    sentence or the one before). None when ``text`` is none of these."""
    earlier = [t for t in out if t.start and t.end and t.granularity in _UNITS]
    in_sentence = [t for t in earlier if t.span and t.span[0] >= sent_start]
    anchor = in_sentence[-1].start if in_sentence else ref
    m = _UNIT_BEFORE.fullmatch(text) or _WHOLE_UNIT.fullmatch(text)
    if m:
        if anchor is None:
            return None, None, "unknown"
        unit = next(g for g in m.groups() if g)
        back = 1 if m.re is _UNIT_BEFORE else 0
        if unit == "year":
            return date(anchor.year - back, 1, 1), date(anchor.year - back, 12, 31), "year"
        first = anchor.replace(day=1)
        if back:
            first = (first - timedelta(days=1)).replace(day=1)
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1]), "month"
    m = _THAT_TIME.fullmatch(text)
    if m:
        if not earlier:
            return None, None, "unknown"
        prev = earlier[-1]
        if m.group(1).lower() == "since":
            return prev.start, ref if ref and prev.start and prev.start <= ref else None, "open"
        return prev.start, prev.end, prev.granularity
    return None


# a night the date after it names, which the model tags apart from the date: "on the night of" "August 5-6"
_NIGHT_OF = re.compile(r"(?:\bthe\s+(?:night|early\s+hours|small\s+hours)\s+of|\bovernight)$", re.IGNORECASE)
# a time of day, which the date after it ("on Tuesday") places
_CLOCK_TIME = re.compile(r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d{2}|\b(?:midnight|noon|dawn|dusk|"
                         r"daybreak|sunrise|sunset))\s*(?:local\s+time|gmt|utc)?$", re.IGNORECASE)
# a length in front of the period it lies in: "in three days earlier this month"
_LENGTH_LEAD = re.compile(
    r"(?:(?:in|for|over|within)\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|several|a\s+few)"
    r"\s+(?:hours|days|weeks)\s+(?=(?:earlier|later|early|late)\s+(?:this|last)\s+(?:week|month|year)$)",
    re.IGNORECASE,
)
# "on May 3, two weeks later than planned": the delay is measured to the date just given, which it restates
_DELAY = (
    r"(?:(?:about|some|nearly|almost|just|only|more\s+than)\s+)?(?:a|an|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|\d{1,2})\s+(?:day|week|month|year)s?\s+(?:(?:later|earlier|sooner)\s+than\s+(?:(?:originally|"
    r"initially|first|previously)\s+)?(?:planned|expected|scheduled|forecast|promised|announced|intended)"
    r"|(?:ahead\s+of|behind)\s+schedule)\b"
)
_PLAN_DELAY = re.compile(r",\s+(" + _DELAY + ")", re.IGNORECASE)
_DELAY_AT = re.compile(_DELAY, re.IGNORECASE)
# "a week earlier", "two days later", "a year before": an offset from the date the sentence just gave
_OFFSET = re.compile(
    r"(?:(?:about|some|nearly|almost|just|only|more than|less than) )?(a|an|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|\d{1,2}) (day|week|month|year)s? (earlier|later|before|after)"
)
_OFFSET_N = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10}


def _shift_from_sentence(core: str, out: list[TimeSpan], sent_start: int) -> tuple[date, date, str] | None:
    """"A strike came on Sept. 13, and an attack had been reported a week earlier": the offset counts from
    the latest date this sentence already gave (a day for day and week offsets). None when ``core`` is no
    such offset or the sentence gave no date; then the offset counts from publication, as before."""
    m = _OFFSET.fullmatch(core)
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else _OFFSET_N[m.group(1)]
    unit, back = m.group(2), m.group(3) in ("earlier", "before")
    ok = ("day",) if unit in ("day", "week") else ("day", "month") if unit == "month" else _UNITS
    prev = next((t for t in reversed(out) if t.span and t.span[0] >= sent_start and t.start and t.end
                 and t.granularity in ok), None)
    if prev is None or prev.start is None or prev.end is None:
        return None
    sign = -1 if back else 1
    if unit in ("day", "week"):
        step = timedelta(days=n * (7 if unit == "week" else 1) * sign)
        return prev.start + step, prev.end + step, prev.granularity
    months = n * (12 if unit == "year" else 1) * sign
    start = _add_months(prev.start, months)
    end = _add_months(prev.end, months)
    if prev.granularity != "day":  # a month or a year shifted stays whole ("the third quarter ... a year earlier")
        end = date(end.year, end.month, calendar.monthrange(end.year, end.month)[1])
    return start, end, prev.granularity


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _year_back(d: date) -> date:
    """The same day a year earlier; a month end stays a month end (29 February -> 28 February)."""
    last = d.month != (d + timedelta(days=1)).month
    try:
        back = d.replace(year=d.year - 1)
    except ValueError:
        back = d.replace(year=d.year - 1, day=28)
    if last:
        back = date(back.year, back.month, calendar.monthrange(back.year, back.month)[1])
    return back


def _too_far(text: str, start: date, ref: date, settings: TimesSettings) -> bool:
    """Beyond ``max_future_days``, only a year the text states ("by 2030") is believed, and only
    up to ``stated_year_horizon`` years ahead ("until 2099" is a wild claim or a typo)."""
    if (start - ref).days <= settings.max_future_days:
        return False
    return not _STATED_YEAR.search(text) or start.year - ref.year > settings.stated_year_horizon


def _anchored(low: str) -> bool:
    return bool(re.match(r"(over|in|for|during|within|after)\s", low)) or " of " in low


def _worth_keeping(core: str) -> bool:
    """Unresolved expressions are kept when they name a date-like thing (a weekday, a month,
    a year, "recent weeks"), so a reader sees them; vague noise ("the time") is dropped."""
    c = core.lower()
    return bool(
        re.search(r"\d|\b(" + "|".join(WEEKDAYS + MONTHS) + r")\b", c)
        or re.search(
            r"\b(weeks?|months?|years?|days?|night|hours|weekend|today|yesterday|tomorrow|tonight|overnight|"
            r"spring|summer|autumn|winter|recent|recently|later)\b",
            c,
        )
    ) and not re.match(r"^(the\s+)?first\s+(days|weeks|months)$", c)
