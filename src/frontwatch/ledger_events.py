"""Ledger events: each event of each claim of a report, flattened with what reconciliation needs.

The unit incidents are made of (``reconcile.py``). Flattening picks the event's place among the places of
its sentence and its time among the times the report gives; ``docs/ledger-reconciliation.md`` states the
choices. ``frontwatch.reconcile`` re-exports these names (the interface the ledger store uses).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from .config import ReconcileSettings
from .records import Article, Claim, Event, Place, Report, TimeSpan
from .stages._timerules import MONTHS, TIMESTAMP, resolve_time

__all__ = ["BLANKET", "POINT", "REGION", "LedgerEvent", "article_date", "events_from_report", "floating_day",
           "month_days"]

POINT, REGION, BLANKET = 0, 1, 2  # the scope of an event's place (``LedgerEvent.place_scope``)


@dataclass(frozen=True)
class LedgerEvent:
    """One event of one claim, flattened with what reconciliation needs: the unit incidents are made of."""

    id: str  # f"{claim.id}:{index of the event in claim.events}"
    claim_id: str
    article_id: str  # Article.id (the input's external id when it gave one, else the content hash)
    outlet: str | None  # Article.source
    syndicate: str  # near-duplicate group of the article (the store's MinHash step); article_id if unique
    claimant: str
    claimant_side: str
    type: str
    polarity: str
    actor_side: str
    place: str | None  # resolved name (else text) of the event's first place
    lat: float | None
    lon: float | None
    admin1: str | None
    precision: int | None
    start: date | None  # the event's time; else the claim's stated date; else None
    end: date | None
    stated: date | None  # when the claim was made (orders updates)
    value: float | None  # the event's first quantity
    unit: str | None
    kind: str | None
    # Added beyond the first interface (defaults keep old constructors working):
    country: str | None = None  # the place's country code
    feature: str | None = None  # the place's gazetteer feature ("country", "region", "city", ...)
    trigger: str | None = None  # the event's trigger word: keeps "killed 11" and "wounded 20" apart
    # A yearless day ("MM-DD", or "MM-DD/MM-DD" for a span) of an event left without a time on an undated
    # page ("on August 6", "(July 7)"): it joins an incident of whatever year it fits (reconcile.py)
    floating: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in dataclasses.asdict(self).items()}

    @cached_property
    def place_scope(self) -> int:
        """POINT (a place or its area), REGION (an admin1), or BLANKET (nowhere in particular, or a country).
        Worked out once per event (not a field: ``to_dict`` and equality ignore it): the reconciler asks for
        it for every member of every candidate incident, millions of times in a long ingest."""
        if self.lat is None or self.lon is None or self.feature == "country":
            return BLANKET
        if (self.precision or 1) >= 3 or self.feature == "region":
            return REGION if self.admin1 else BLANKET
        return POINT


def _event_place(event: Event, claim: Claim, text: str = "", names: Sequence[str] = ()) -> Place | None:
    """The event's place among the places of its sentence: resolved below country level before the rest,
    then the nearest to the trigger ("MOSCOW, Feb 17 - ... took control of Avdiivka" is about Avdiivka,
    and "Ukraine's commander said units withdrew from Avdiivka" too), else the first named as text.

    ``text`` (the article's) and ``names`` (the report's claimants) leave out what only looks like the
    event's place: a mention that is part of a speaker's name ("Volodymyr" of "Volodymyr Zelensky",
    "Kyiv" of "Kyiv's defence ministry") and a dateline ("Odesa/Kyiv, Mar 3:"), where the report was
    filed. A place given as a bearing ("a school in Sumy, east of Kyiv") yields to the place it locates.
    """
    places = [p for p in event.places if not (text and (_in_a_name(p, text, names) or _dateline(p, text)))]
    if not places:
        return None
    at = claim.text.find(event.trigger) if event.trigger else -1
    anchor = claim.span[0] + at if at >= 0 else claim.span[0]

    def level(p: Place) -> int:
        return 0 if p.resolved and p.feature != "country" else 1 if p.resolved else 2

    # a bearing yields only to another settlement (not to the region it lies in)
    bearings = {id(p) for p in places if text and _bearing(p, text)}
    located = any(id(p) not in bearings and level(p) == 0 and (p.precision or 1) < 3 for p in places)

    def rank(p: Place) -> tuple[int, bool, int]:
        return level(p), located and id(p) in bearings, abs(p.span[0] - anchor)

    return min(places, key=rank)


_NAME_GAP = re.compile(r"[ \t]?")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_OF = re.compile(r"\bof\s+(?:the\s+)?$")
_DATELINE_AFTER = re.compile(
    r"(?:\s*/\s*[A-Z][\w'.-]*(?: [A-Z][\w'.-]*)?)?"  # "Odesa/Kyiv"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{1,5}\.))?"  # ", Nov 10", ", Ark."
    r"\s*(?:\([^)\n]{1,20}\))?\s*(?:[:\u2013\u2014]|-{1,2}\s)")  # " (Reuters) -", ":"
_BEARING = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of|from)\s+(?:the\s+)?"
                      r"(?:[A-Z][\w'-]*\s+(?:and|or)\s+)?$", re.IGNORECASE)


def _in_a_name(p: Place, text: str, names: Sequence[str]) -> bool:
    """The mention is part of how a claimant is named: inside a longer name ("Kyiv's defence ministry",
    not "the governor of Kursk Region"),
    the name itself as an owner ("Kiev's intelligence service" for the claimant "Kiev"), or a given name
    just before it ("Volodymyr" before "Zelensky")."""
    start, end = p.span
    for name in names:
        if len(name) < 4 or not name[:1].isupper():
            continue
        at = text.find(name, max(0, start - len(name)), end + 2 + len(name))
        while 0 <= at <= end + 1:
            if at <= start and end <= at + len(name):
                # but "the governor of the Kursk Region": an official of a place speaks of it
                if (len(name) > end - start and not _OF.search(text, max(0, start - 8), start)) or _POSSESSIVE.match(text, end):
                    return True
            elif at >= end and _NAME_GAP.fullmatch(text[end:at]) and p.text[:1].isupper() and " " not in p.text:
                return True  # (one word: "governor of the Kursk Region Alexey Smirnov" is no given name)
            at = text.find(name, at + 1, end + 2 + len(name))
    return False


def _dateline(p: Place, text: str) -> bool:
    """The mention opens a line and is followed by a dateline's date or dash: where the report was filed."""
    start, end = p.span
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip() and _DATELINE_AFTER.match(text, end) is not None


def _bearing(p: Place, text: str) -> bool:
    """"east of Kyiv": a place named to locate another."""
    return _BEARING.search(text, max(0, p.span[0] - 30), p.span[0]) is not None


def _focus_place(article: Article, names: Sequence[str]) -> Place | None:
    """The settlement an article is about when its events name none: the one it names most often, at least
    twice and more often than any other. "Rescuers searched the rubble; the toll rose to 40" follows a
    lede and a caption that name the city; the sentence itself need not. Mentions inside a speaker's name
    and datelines do not count, and neither do regions or countries (they name a scope, not a scene)."""
    counts: Counter[str] = Counter()
    first: dict[str, Place] = {}
    for p in article.places:
        if p.role != "place" or not p.resolved or p.feature in ("country", "region") or (p.precision or 1) >= 3:
            continue
        if _in_a_name(p, article.text, names) or _dateline(p, article.text):
            continue
        key = p.id or p.name or p.text
        counts[key] += 1
        first.setdefault(key, p)
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return first[top[0][0]]


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?=[a-z]{3,9}\.?\s+\d|\d)",
                      re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _pinned(text: str, day: date) -> bool:
    """A day whose year the text fixes: written with it ("August 28, 2023"), or with a weekday the resolved
    day falls on ("Wednesday, November 9": the times stage took the year that puts it on a Wednesday)."""
    if _YEAR.search(text):
        return True
    m = _WEEKDAY.search(text)
    return m is not None and _WEEKDAYS.index(m.group(1).lower()) == day.weekday()


def article_date(article: Article) -> date | None:
    """The article's date: its publication date, else an estimate from the text for an undated page.

    The estimate is the latest day the article writes out in full, year included ("August 28, 2023",
    "01.15.2023"), or the day its address gives ("/2022/11/09/"): a report is written on or after every
    full date it gives, and a dateline or byline date is usually the latest. Days without a written year
    ("on Friday", "October 17") are left out, because the times stage could only place them against a
    reference the article lacks. A machine timestamp ("2024-04-15T05:13:31+03:00") counts only when nothing
    else dates the page: on a scraped page it is often when the page was last edited or fetched, long after
    the report, and the relative days the report writes ("on Friday") would be read against it.
    """
    if article.published is not None:
        return article.published
    days, stamps = [], []
    for t in article.times:
        if t.granularity == "day" and t.start is not None and t.start == t.end and _pinned(t.text, t.start):
            (stamps if TIMESTAMP.search(t.text) else days).append(t.start)
    posted = url_date(article.url)
    if posted is not None:
        days.append(posted)
    days = days or stamps
    return max(days) if days else None


# "/2022/11/09/" or "/20230329/" in a page's path: the day the site filed it (a year and month alone is no day)
_URL_DAY = re.compile(r"/(20\d\d)(?:/(\d{1,2})/(\d{1,2})(?=/)|(\d\d)(\d\d)(?=[/_-]))")


def url_date(url: str | None) -> date | None:
    """The day a page's address says it was filed, if it says so ("/news/2022/11/09/story.html")."""
    for m in _URL_DAY.finditer(url or ""):
        year, month, day = m.group(1), m.group(2) or m.group(4), m.group(3) or m.group(5)
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None


# A leap year's last day: a bare month-day resolves back into that year, 29 February included
_LEAP_END = date(2024, 12, 31)
_MONTH_DAY = re.compile(r"\b(?:" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?\s+\d|\d\s+(?:of\s+)?(?:"
                        + "|".join(m[:3] for m in MONTHS) + r")", re.IGNORECASE)
MAX_FLOATING_DAYS = 6  # "the night of August 5-6", "August 5 to 9": a span of days, not a month's part


def floating_day(t: TimeSpan | None) -> str | None:
    """The month and day of a day written without its year that the times stage could not place ("on
    August 6", "Aug. 4", "the night of August 5-6"): "08-06", or "08-05/08-06" for a span of a few days.
    None for anything else: a resolved time, a weekday or a relative day alone ("on Friday", "three weeks
    ago": nothing to float), a month or its part ("at the end of July")."""
    if t is None or t.start is not None or not _MONTH_DAY.search(t.text) or _YEAR.search(t.text):
        return None
    start, end, gran = resolve_time(t.text, _LEAP_END)
    if start is None or end is None or gran not in ("day", "range") or end.year != _LEAP_END.year \
            or not 0 <= (end - start).days <= MAX_FLOATING_DAYS:
        return None
    first, last = start.strftime("%m-%d"), end.strftime("%m-%d")
    return first if first == last else f"{first}/{last}"


def month_days(floating: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """``floating_day``'s text as ((month, day), (month, day)); the second before the first: across New Year."""
    first, _, last = floating.partition("/")
    a, b = first.split("-"), (last or first).split("-")
    return (int(a[0]), int(a[1])), (int(b[0]), int(b[1]))


def _page_day(article: Article) -> str | None:
    """The day an undated page without a full date was written, as a yearless day: the latest of the yearless
    days it writes ("As of August 27" beside "on August 6"), as ``article_date`` takes the latest full date.
    None when they lie more than a month apart in the calendar: a page writing "December 30" and "January
    2" may span New Year, and which of them is later is then unknown."""
    days = sorted({d for t in article.times if (f := floating_day(t)) for d in month_days(f)})
    if not days:
        return None
    first, last = (date(2024, *days[0]), date(2024, *days[-1]))
    if (last - first).days > 31:
        return None
    return last.strftime("%m-%d")


def _event_time(ev: Event, stated: date | None, settings: ReconcileSettings) -> tuple[date | None, date | None]:
    """The event's own interval, or (None, None) to fall back on the claim's date.

    An open interval runs to the day the claim was made: "since 24 February" told in November is nine
    months, not one day. A long span that ended well before the claim was made ("in 2014" in a 2022
    report) is background to the sentence, not the time of what it reports.
    """
    t = ev.time
    if t is None or not (t.start or t.end):
        return None, None
    start, end = t.start or t.end, t.end or t.start
    assert start is not None and end is not None
    if t.end is None and stated is not None and stated > start:
        end = stated
    if stated is not None and (end - start).days > settings.max_span_days \
            and end < stated - timedelta(days=settings.max_span_days):
        return None, None
    return start, end


def events_from_report(report: Report, syndicate: str | None = None,
                       settings: ReconcileSettings | None = None) -> list[LedgerEvent]:
    """Flatten a report's claims into ledger events, in text order."""
    settings = settings or ReconcileSettings()
    art = report.article
    dated = article_date(art)
    page_day = _page_day(art) if dated is None else None
    names = sorted({c.claimant.name for c in report.claims})
    out: list[LedgerEvent] = []
    placed = [[_event_place(ev, claim, art.text, names) for ev in claim.events] for claim in report.claims]
    if not any(p is not None and p.resolved and p.feature != "country" for ps in placed for p in ps):
        # no event names where it happened: those naming nothing at all happened where the article is
        focus = _focus_place(art, names)
        placed = [[p if p is not None else focus for p in ps] for ps in placed]
    for claim, places in zip(report.claims, placed, strict=True):
        stated = claim.stated.start if claim.stated and claim.stated.start else dated
        for i, (ev, place) in enumerate(zip(claim.events, places, strict=True)):
            start, end = _event_time(ev, stated, settings)
            if start is not None:
                pass
            elif claim.stated is not None and claim.stated.start:
                start, end = claim.stated.start, claim.stated.end or claim.stated.start
            elif dated is not None:  # an undated page: the day it was evidently written
                start = end = dated
            # a page with no year at all: the event's own yearless day, else its claim's, else the page's
            floating = (floating_day(ev.time) or floating_day(claim.stated) or page_day) if start is None else None
            qty = next((q for q in ev.quantities if q.value is not None), ev.quantities[0] if ev.quantities else None)
            out.append(LedgerEvent(
                id=f"{claim.id}:{i}", claim_id=claim.id, article_id=art.id, outlet=art.source,
                syndicate=syndicate or art.id, claimant=claim.claimant.name, claimant_side=claim.claimant.side,
                type=ev.type, polarity=ev.polarity, actor_side=ev.actor_side,
                place=(place.name or place.text) if place else None,
                lat=place.lat if place else None, lon=place.lon if place else None,
                admin1=place.admin1 if place else None, precision=place.precision if place else None,
                start=start, end=end, stated=stated,
                value=qty.value if qty else None, unit=qty.unit if qty else None, kind=qty.kind if qty else None,
                country=place.country if place else None, feature=place.feature if place else None,
                trigger=ev.trigger, floating=floating,
            ))
    return out
