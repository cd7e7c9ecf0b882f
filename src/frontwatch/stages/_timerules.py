"""Resolution of one temporal expression to an inclusive date interval.

``resolve_time`` is the grammar half of the times stage: it takes the text of one
expression ("since the previous week", "between July 10 and 14", "over the past
24 hours") and the publication date, and returns ``(start, end, granularity)``.

Explicit dates ("17 July 2023", "July 17, 2023", "15.08.2023", "22nd May, 2023")
go to dateparser, whose ``get_date_data`` returns a date and its period. Our own
rules cover what dateparser misses or gets wrong for news: rolling windows
("past week"), calendar units ("last month" is the previous calendar month),
weekdays (a same-day "Monday" is that day), parts of months ("early December"),
seasons, halves and quarters, durations, ranges and open intervals ("since ...").

Direction: news talks about the past, so bare weekdays and months resolve to the
most recent one, unless the caller says the clause is in the future tense.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser  # type: ignore[import-untyped]

Interval = tuple[date | None, date | None, str]
UNKNOWN: Interval = (None, None, "unknown")

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "several": 3, "few": 3, "couple": 2,
}  # fmt: skip
_UNIT = r"(hour|day|night|week|month|year|decade)s?"
_NUM = r"(\d{1,3}|" + "|".join(k for k in _NUMBER_WORDS if k not in ("a", "an")) + r")"
_WD = "(" + "|".join(WEEKDAYS) + ")"
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_FUTURE_WORDS = re.compile(r"\b(next|coming|upcoming|tomorrow|following)\b")


@lru_cache(maxsize=64)
def _parser(base: date, prefer: str) -> DateDataParser:
    """One parser per (publication date, direction): construction is cheap once the
    English data is loaded, and the settings (RELATIVE_BASE) are fixed per parser."""
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(base.year, base.month, base.day, 12),
            "PREFER_DATES_FROM": prefer,
            "RETURN_TIME_AS_PERIOD": True,
            "DATE_ORDER": "DMY",  # datelines in this domain write 15.08.2023
        },
    )


@lru_cache(maxsize=8192)
def _date_data(s: str, base: date, prefer: str) -> tuple[date | None, str | None] | None:
    """dateparser's reading of ``s``: (date or None, period), or None when it fails. Cached: dateparser
    is the costliest step of the times stage and news repeats its expressions under one date."""
    read = _calendar_date(s, base, prefer)
    if read is not None:
        return read
    try:
        data = _parser(base, prefer).get_date_data(s)
    except (ValueError, OverflowError, TypeError, KeyError, IndexError, AttributeError):
        return None
    if data is None or data.date_obj is None:
        return None, None
    return data.date_obj.date(), data.period


# "june 1", "jan. 24", "3rd january, 2024": a month and day, most of what reaches dateparser
_CALENDAR_DATE = re.compile(
    r"(?:(?P<m1>[a-z]{3,9})\.? (?P<d1>\d{1,2})(?:st|nd|rd|th)?|(?P<d2>\d{1,2})(?:st|nd|rd|th)? (?P<m2>[a-z]{3,9})\.?)"
    r"(?:,? (?P<y>\d{4}))?")
_MONTH_WORDS = {m: i + 1 for i, m in enumerate(MONTHS)} | _MONTH_ABBR


def _calendar_date(s: str, base: date, prefer: str) -> tuple[date, str] | None:
    """dateparser's reading of a month and day (and year), worked out directly (a few milliseconds of dateparser
    each): without a year, the latest such day not after ``base`` ("past") or the first after it ("future";
    dateparser reads the base day itself at midnight, before its noon, so as past). None: ask dateparser (not
    this form, or a day the year lacks). A test compares the two."""
    m = _CALENDAR_DATE.fullmatch(s)
    if m is None:
        return None
    mon = _MONTH_WORDS.get(m["m1"] or m["m2"])
    if mon is None:
        return None
    day = int(m["d1"] or m["d2"])
    try:
        if m["y"]:
            return date(int(m["y"]), mon, day), "day"
        d = date(base.year, mon, day)
        if prefer == "past" and d > base:
            d = date(base.year - 1, mon, day)
        elif prefer == "future" and d <= base:
            d = date(base.year + 1, mon, day)
    except ValueError:
        return None
    return d, "day"


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month(y: int, m: int) -> Interval:
    return date(y, m, 1), _month_end(y, m), "month"


def _year(y: int) -> Interval:
    return date(y, 1, 1), date(y, 12, 31), "year"


def _quarter(y: int, q: int) -> Interval:
    return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"


def _nearest(p: date, future: bool, make: Callable[[int], Interval]) -> Interval:
    """A yearly unit named without its year ("the fourth quarter", "the second half"). In a future
    clause, the first one not yet over. Otherwise the one nearer publication, last year's or this
    year's: in March "profits rose in the fourth quarter" is last year's, in August "plants close
    during the fourth quarter" this year's; one under way is always this year's."""
    this = make(p.year)
    if this[0] is None or this[1] is None:
        return this
    if future:
        return this if this[1] >= p else make(p.year + 1)
    if this[0] <= p:
        return this
    last = make(p.year - 1)
    if last[1] is None:
        return this
    return last if (p - last[1]).days <= (this[0] - p).days else this


def _week_of(d: date) -> Interval:
    start = d - timedelta(days=d.weekday())
    return start, start + timedelta(days=6), "week"


def _prev_month(d: date) -> tuple[int, int]:
    return (d.year, d.month - 1) if d.month > 1 else (d.year - 1, 12)


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _num(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _month_num(word: str) -> int | None:
    return _MONTH_ABBR.get(word.rstrip(".")[:4]) or _MONTH_ABBR.get(word[:3])


def _explicit_year(s: str) -> int | None:
    m = re.search(r"(?<![\d,])(1[89]\d\d|2[01]\d\d)(?![\d,])", s)
    return int(m.group(1)) if m else None


def _normalise(text: str) -> str:
    s = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\s+", " ", s).strip(" ,.;:()[]\"'`")
    s = re.sub(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)-(half|quarter)\b", r"\1 \2", s)  # "third-quarter profit"
    return re.sub(r"'s$", "", s)


def _back(p: date, n: int, unit: str) -> date:
    if unit == "hour":
        return p - timedelta(days=max(1, -(-n // 24)))
    if unit in ("day", "night"):
        return p - timedelta(days=n)
    if unit == "week":
        return p - timedelta(days=7 * n)
    if unit == "month":
        return _add_months(p, -n)
    if unit == "decade":
        return _add_months(p, -120 * n)
    return _add_months(p, -12 * n)


def _fwd(p: date, n: int, unit: str) -> date:
    if unit == "hour":
        return p + timedelta(days=max(1, -(-n // 24)))
    if unit in ("day", "night"):
        return p + timedelta(days=n)
    if unit == "week":
        return p + timedelta(days=7 * n)
    if unit == "month":
        return _add_months(p, n)
    return _add_months(p, 12 * n)


def _gran(unit: str) -> str:
    return {"hour": "day", "night": "day", "decade": "year"}.get(unit, unit)


def _weekday(p: date, wd: int, mode: str) -> date:
    """mode: past and future (same day counts), last and next (strictly before/after), this (same Mon-Sun week)."""
    if mode == "past":
        return p - timedelta(days=(p.weekday() - wd) % 7)
    if mode == "last":
        return p - timedelta(days=(p.weekday() - wd - 1) % 7 + 1)
    if mode == "this":
        return p - timedelta(days=p.weekday()) + timedelta(days=wd)
    if mode == "future":  # a same-day name in a future clause is that day ("votes on Friday")
        return p + timedelta(days=(wd - p.weekday()) % 7)
    return p + timedelta(days=(wd - p.weekday() - 1) % 7 + 1)


def _bare_month(p: date, m: int, future: bool) -> int:
    """Year of a month named without one: the latest one not after publication, or the
    earliest one not before it in a future-tense clause."""
    if future:
        return p.year if m >= p.month else p.year + 1
    return p.year if m <= p.month else p.year - 1


def _thirds(start: date, end: date, which: str) -> tuple[date, date]:
    """early/mid/late narrow a month (1-10, 11-20, 21-end) or a year (Jan-Apr, May-Aug, Sep-Dec)."""
    if start.month == end.month:
        cuts = {"early": (1, 10), "mid": (11, 20), "late": (21, end.day)}[which]
        return start.replace(day=cuts[0]), start.replace(day=cuts[1])
    months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[which]
    return date(start.year, months[0], 1), _month_end(start.year, months[1])


def _weekend(p: date, mode: str) -> Interval:
    if mode == "future":
        sat = p + timedelta(days=(5 - p.weekday()) % 7)
    elif mode == "last":
        sat = p - timedelta(days=p.weekday() + 2)
    else:  # the most recent weekend that has started
        sat = p - timedelta(days=(p.weekday() - 5) % 7)
    return sat, sat + timedelta(days=1), "range"


def _season(s: str, p: date | None, future: bool) -> Interval | None:
    """Meteorological seasons (northern): spring Mar-May ... winter Dec-Feb; granularity quarter."""
    m = re.fullmatch(
        r"(?:(this|last|next|the|the coming|the past|past) )?(spring|summer|autumn|fall|winter)(?:,? (?:of )?(\d{4}))?",
        s,
    )
    if not m:
        return None
    first = _SEASONS[m.group(2)]

    def span(y: int) -> tuple[date, date]:
        end = _add_months(date(y, first, 1), 2)
        return date(y, first, 1), _month_end(end.year, end.month)

    if m.group(3):
        return (*span(int(m.group(3))), "quarter")
    if p is None:
        return UNKNOWN
    cands = [span(y) for y in (p.year - 2, p.year - 1, p.year, p.year + 1)]
    mode = m.group(1) or ""
    if mode in ("last", "the past", "past"):
        pick = [c for c in cands if c[1] < p][-1]
    elif mode in ("next", "the coming"):
        pick = next(c for c in cands if c[0] > p)
    elif mode == "this":  # the one under way, else this year's ("this summer" in October: the one just gone)
        pick = next((c for c in cands if c[0] <= p <= c[1]), None) or next(c for c in cands if c[0].year == p.year)
    elif future:
        pick = next(c for c in cands if c[1] >= p)
    else:
        pick = [c for c in cands if c[0] <= p][-1]
    return (*pick, "quarter")


_HOLIDAYS = {
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
    "new year": (1, 1),
}


def _relative(s: str, p: date, future: bool) -> Interval | None:
    """Our rules for expressions anchored on publication; None when none applies."""
    if re.fullmatch(
        r"(earlier |later )?(today|this (morning|afternoon|evening))|tonight|now|(on )?the same day", s
    ):
        return p, p, "day"
    if re.fullmatch(
        r"yesterday"
        + _PART_OF_DAY
        + r"|the (previous|preceding) day|the day before|(a|one) day (earlier|before)",
        s,
    ):
        return p - timedelta(days=1), p - timedelta(days=1), "day"
    if re.fullmatch(r"tomorrow" + _PART_OF_DAY, s):
        return p + timedelta(days=1), p + timedelta(days=1), "day"
    if re.fullmatch(r"overnight|last night|(over|during) the night|late last night", s):
        return p - timedelta(days=1), p, "day"
    m = re.fullmatch(r"(?:overnight|the night) (?:into|to|on) " + _WD, s)
    if m:
        d = _weekday(p, WEEKDAYS.index(m.group(1)), "future" if future else "past")
        return d - timedelta(days=1), d, "day"
    m = re.fullmatch(r"(?:(this|last|next|the) )?" + _WD + _PART_OF_DAY, s)
    if m:
        mode = {"last": "last", "next": "next", "this": "this"}.get(
            m.group(1) or "", "future" if future else "past"
        )
        d = _weekday(p, WEEKDAYS.index(m.group(2)), mode)
        return d, d, "day"
    m = re.fullmatch(r"(?:(this|last|next|past|the|the past|the last|the coming|the previous) )?weekend", s)
    if m:
        named = {"last": "last", "the previous": "last", "next": "future", "the coming": "future"}.get(
            m.group(1) or ""
        )
        return _weekend(
            p, named or ("future" if future and m.group(1) not in ("past", "the past") else "past")
        )
    if s in _HOLIDAYS:
        mon, day = _HOLIDAYS[s]
        d = date(p.year, mon, day)
        if not future and d > p:
            d = d.replace(year=d.year - 1)
        elif future and d < p:
            d = d.replace(year=d.year + 1)
        return d, d, "day"
    m = re.fullmatch(
        r"(?:the )?(recent|past|last|coming|next|following) (few |several )?(hours|days|weeks|months|years)|recently|lately|earlier|currently|(these|those) days|(?:a|one|\w+) (?:days?|weeks?|months?) later|(?:the )?(next|following) day",
        s,
    )
    if m:
        return UNKNOWN
    # rolling windows ending at publication: "the past 24 hours", "past week", "the last three days"
    m = re.fullmatch(r"(?:the )?(past|last|previous|preceding)(?: " + _NUM + r")? " + _UNIT, s)
    if m and (m.group(2) or s.startswith(("the past ", "the last ", "past "))):
        n = _num(m.group(2)) if m.group(2) else 1
        if n is not None:
            return _back(p, n, m.group(3)), p, _gran(m.group(3))
    m = re.fullmatch(r"(?:the )?(next|coming|following)(?: " + _NUM + r")? " + _UNIT, s)
    if m and (m.group(2) or m.group(1) != "next" or s.startswith("the ")):
        n = _num(m.group(2)) if m.group(2) else 1
        if n is not None:
            return p, _fwd(p, n, m.group(3)), _gran(m.group(3))
    # calendar quarters: "last quarter" is the previous one, "this quarter" the current one
    m = re.fullmatch(r"(?:the )?(this|last|previous|preceding|next|current) quarter", s)
    if m:
        shift = {"last": -1, "previous": -1, "preceding": -1, "next": 1}.get(m.group(1), 0)
        first = _add_months(date(p.year, 3 * ((p.month - 1) // 3) + 1, 1), 3 * shift)
        return _quarter(first.year, (first.month + 2) // 3)
    # fiscal years start in different months by company and country; without knowing which,
    # the calendar year they are named for is the closest reading (granularity year)
    m = re.fullmatch(r"(?:the )?(this|last|previous|next|current|coming) (?:fiscal|financial) year", s)
    if m:
        return _year(p.year + {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(m.group(1), 0))
    # calendar units: "last week" is the previous Monday-Sunday week, "last month" the previous month
    m = re.fullmatch(r"(?:the )?(this|last|previous|preceding|next|current|same) (week|month|year)", s)
    if m:
        shift = {"last": -1, "previous": -1, "preceding": -1, "next": 1}.get(m.group(1), 0)
        if m.group(2) == "week":
            return _week_of(p + timedelta(days=7 * shift))
        if m.group(2) == "month":
            d = _add_months(p.replace(day=1), shift)
            return _month(d.year, d.month)
        return _year(p.year + shift)
    m = re.fullmatch(
        r"(?:about |some |nearly |almost |less than |more than |just over |just under |over |under )?(a|an|"
        + _NUM[1:]
        + r" "
        + _UNIT
        + r" (ago|earlier|before)( today)?",
        s,
    )
    if m and _num(m.group(1)) is not None:
        n, unit = _num(m.group(1)) or 1, m.group(2)
        d = _back(p, n, unit)
        if unit in ("day", "night", "hour") or m.group(4):
            return d, d, "day"
        if unit == "week":
            return _week_of(d)
        if unit == "month":
            return _month(d.year, d.month)
        return _year(d.year)
    # durations anchored on publication: "three days of fighting", "24 hours", "two weeks"
    m = re.fullmatch(
        r"(?:(?:more than|less than|almost|nearly|about|some|just|only) )?"
        + _NUM
        + r" "
        + _UNIT
        + r"(?: of [a-z ]+)?",
        s,
    )
    if m and _num(m.group(1)) is not None:
        n, unit = _num(m.group(1)) or 1, m.group(2)
        if future:
            return p, _fwd(p, n, unit), _gran(unit)
        return _back(p, n, unit), p, _gran(unit)
    return None


def _unit_of(s: str, p: date | None, future: bool) -> Interval | None:
    """The unit a part-of expression refers to: "the year" is this year, "March" a month..."""
    s = re.sub(r"^(the|this) (year|month|week)$", r"this \2", s)
    if s in ("year", "month", "week"):
        s = "this " + s
    return _single(s, p, future)


def _part(start: date, end: date, gran: str, part: str, idx: int) -> Interval:
    """Halves, quarters and weeks of a month or year (idx -1: the last one)."""
    if part == "week":
        if idx < 0:
            return end - timedelta(days=6), end, "week"
        a = start + timedelta(days=7 * idx)
        return a, min(a + timedelta(days=6), end), "week"
    if gran == "month":
        mid = start.replace(day=15)
        return (start, mid, "month") if idx == 0 else (mid + timedelta(days=1), end, "month")
    size = 6 if part == "half" else 3
    idx = (12 // size - 1) if idx < 0 else min(idx, 12 // size - 1)
    a = date(start.year, 1 + idx * size, 1)
    b = _add_months(a, size - 1)
    return a, _month_end(b.year, b.month), "year" if size == 6 else "quarter"


def _absolute(s: str, p: date | None, future: bool) -> Interval | None:
    """Months, years, halves, quarters and explicit dates (dateparser)."""
    year = _explicit_year(s)
    m = re.fullmatch(r"(?:the )?(\d{3})0s", s)
    if m:
        y = int(m.group(1)) * 10
        return date(y, 1, 1), date(y + 9, 12, 31), "range"
    m = re.fullmatch(
        r"(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th|last|final) (half|quarter|week) of (?:the )?(.+)",
        s,
    )
    if m:
        inner = _unit_of(m.group(3), p, future)
        if inner is None or inner[0] is None or inner[1] is None:
            return inner
        idx = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3}.get(
            m.group(1), -1
        )
        return _part(inner[0], inner[1], inner[2], m.group(2), idx)
    m = re.fullmatch(r"(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th) (half|quarter)", s)
    if m and p is not None:
        idx = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3}[
            m.group(1)
        ]
        unit = m.group(2)
        # "profits rose in the fourth quarter" in a March story: last year's
        return _nearest(p, future, lambda y: _part(date(y, 1, 1), date(y, 12, 31), "year", unit, idx))
    m = re.fullmatch(r"(?:(?:the )?(?:fiscal|financial) year|fiscal|fy) ?(\d{4}|\d{2})", s)
    if m:  # "fiscal 2010", "FY2010": read as the calendar year it is named for (see _relative)
        y = int(m.group(1))
        return _year(y if y > 99 else 2000 + y)
    m = re.fullmatch(r"(1[89]|20)(\d\d) ?[-/] ?(\d\d)", s)
    if m and int(m.group(3)) > int(m.group(2)):  # "1957-58", "the 2010/11 season": two years
        century = int(m.group(1)) * 100
        return date(century + int(m.group(2)), 1, 1), date(century + int(m.group(3)), 12, 31), "range"
    m = re.fullmatch(r"(?:the )?'?([1-9])0'?s", s)
    if m:  # "the 70s", "the '80s": the latest such decade that has begun
        base = (p.year if p else date.today().year) // 100 * 100
        y = base + int(m.group(1)) * 10
        y = y - 100 if y > (p.year if p else date.today().year) else y
        return date(y, 1, 1), date(y + 9, 12, 31), "range"
    m = re.fullmatch(r"'(\d\d)", s)
    if m:  # "since '82"
        now = p.year if p else date.today().year
        y = now // 100 * 100 + int(m.group(1))
        return _year(y - 100 if y > now else y)
    m = re.fullmatch(r"q([1-4])(?: (\d{4}))?", s)
    if m and (m.group(2) or p):
        y = int(m.group(2)) if m.group(2) else p.year  # type: ignore[union-attr]
        start = date(y, 3 * int(m.group(1)) - 2, 1)
        return start, _month_end(y, start.month + 2), "quarter"
    m = re.fullmatch(r"(?:the )?(early|mid|late|beginning of|start of|middle of|end of)[- ](?:the )?(.+)", s)
    if m:
        inner = _unit_of(m.group(2), p, future)
        if (
            inner and inner[0] and inner[1] and p is not None and not future
            and re.fullmatch(r"(year|month)", m.group(2)) and m.group(1) in ("late", "end of", "middle of", "mid")
        ):
            # "at the end of the year" in a past clause of a February story: the year before
            first = _thirds(inner[0], inner[1], {"end of": "late", "middle of": "mid"}.get(m.group(1), m.group(1)))[0]
            if first > p:
                inner = _year(inner[0].year - 1) if inner[2] == "year" else _month(*_prev_month(inner[0]))
        if inner and inner[0] and inner[1] and inner[2] in ("month", "year"):
            if m.group(1) == "end of" and inner[2] == "year":
                return _month(inner[0].year, 12)  # "by the end of the year": December
            if m.group(1) in ("beginning of", "start of") and inner[2] == "year":
                return _month(inner[0].year, 1)
            which = {"beginning of": "early", "start of": "early", "middle of": "mid", "end of": "late"}.get(
                m.group(1), m.group(1)
            )
            a, b = _thirds(inner[0], inner[1], which)
            return a, b, inner[2]
        return inner
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", s)
    if m:
        return _slash_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), p)
    m = re.fullmatch(r"(\d{4})", s)
    if m:
        return _year(int(m.group(1)))
    m = re.fullmatch(r"(last|this|next|past) " + _MON, s)
    if m and p is not None:  # "last June": the latest June before this month; "next June" the first after it
        mon = _month_num(m.group(2)) or 1
        shift = {"last": 0 if mon < p.month else -1, "past": 0 if mon < p.month else -1,
                 "next": 0 if mon > p.month else 1}.get(m.group(1), 0)
        return _month(p.year + shift, mon)
    m = re.fullmatch(_MON + r" of (next|last|this) year", s)
    if m and p is not None:  # "October of next year"
        return _month(p.year + {"next": 1, "last": -1}.get(m.group(2), 0), _month_num(m.group(1)) or 1)
    m = re.fullmatch(_MON + r"(?:,? (?:of )?(\d{4}))?", s)
    if m:
        mon = _month_num(m.group(1))
        if mon is None:
            return None
        if m.group(2):
            return _month(int(m.group(2)), mon)
        return _month(_bare_month(p, mon, future), mon) if p else UNKNOWN
    # "June 1 next year" / "March 3 last year"
    m = re.fullmatch(r"(.+?),? (next|last|this) year", s)
    if m and p:
        inner = _absolute(m.group(1), p, False)
        if inner and inner[0] and inner[1] and inner[2] in ("day", "month"):
            y = p.year + {"next": 1, "last": -1}.get(m.group(2), 0)
            if inner[2] == "month":
                return _month(y, inner[0].month)
            return inner[0].replace(year=y), inner[1].replace(year=y), "day"
    if year is None and p is None:
        return UNKNOWN if re.search(_MON + r"|\d", s) else None
    if not re.search(_MON + r"|\b" + _WD + r"|\d{1,4}[./-]\d{1,2}|\b\d{4}\b|\bago\b", s):
        return None  # dateparser reads too much ("0s" as now, "we" as Wednesday): only date-like text
    if p is None and year is not None:
        base = date(year, 12, 31)
    else:
        base = p or date.today()
    read = _date_data(s, base, "future" if future else "past")
    if read is None:
        return UNKNOWN
    d, period = read
    if d is None:
        return None
    if year is not None and d.year != year:
        return UNKNOWN  # dateparser guessed a year the text does not state
    period = period or "day"
    if period == "month":
        return _month(d.year, d.month)
    if period == "year":
        return _year(d.year)
    if period == "week":
        return _week_of(d)
    return d, d, "day"


def _slash_date(a: int, b: int, y: int, p: date | None) -> Interval:
    """"7/8/07", "05/08/2023": slashes are written day-first in most of the world and month-first in
    the US, so when both readings are dates the one nearer publication and not after it wins (news is
    about the past); without publication, day-first. A two-digit year is this century's unless that
    puts it past publication."""
    if y < 100:
        now = p.year if p else date.today().year
        y += now // 100 * 100
        if y > now:
            y -= 100
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(date(y, month, day))
        except ValueError:
            continue
    if not readings:
        return UNKNOWN
    if p is not None:
        past = [d for d in readings if d <= p]
        d = max(past) if past else readings[0]
    else:
        d = readings[0]
    return d, d, "day"


_LEAD = re.compile(
    r"^(?:on|in|at|during|over|throughout|for|within|of|around|about|some|earlier|later|as of|as early as"
    r"|as late as|back in|over the course of|the course of|as soon as|scheduled for|planned for)\s+"
)
_CLOCK = r"(?:at )?\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|gmt|utc|local time)?"


def _single(s: str, p: date | None, future: bool) -> Interval:
    """One expression without range or open-interval words."""
    m = re.fullmatch(r"(later|earlier) (?:in )?this (month|year)", s)
    if m and p is not None:  # "later this year": the rest of it from publication; "earlier this month" up to it
        first, last, unit = _month(p.year, p.month) if m.group(2) == "month" else _year(p.year)
        return (p, last, unit) if m.group(1) == "later" else (first, p, unit)
    while _LEAD.match(s):
        s = _LEAD.sub("", s, count=1)
    if re.fullmatch(_CLOCK + r"|(?:at )?(?:dawn|dusk|noon|midnight)", s) and re.search(r"[:.apmdn]", s):
        return (p, p, "day") if p else UNKNOWN  # a bare time of day: the day of publication
    s = re.sub(r"^\d{1,2}:\d{2}\s+(?![ap]\.?m\b)", "", s)  # "15:37 15.08.2023": the day is what counts
    s = re.sub(
        r"^(?:at )?\d{1,2}(?::\d{2}\s*(?:a\.?m\.?|p\.?m\.?)?|\s*(?:a\.?m\.?|p\.?m\.?))\s+(?:on\s+)?(?="
        + _WD
        + r"|today|yesterday|"
        + _MON
        + r"|\d)",
        "",
        s,
    )
    s = re.sub(r",?\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)$", "", s)
    s = re.sub(r"^(?:at )?(?:dawn|dusk|noon|midnight|daybreak|sunrise|sunset) (?:on )?(?=" + _WD + "|today|yesterday|"
               + _MON + r"|\d)", "", s)  # "at dawn on Thursday": that Thursday
    named = re.match(r"^" + _WD + r",?\s+(?=\d|" + _MON + r")", s)  # "Monday, July 17"
    if named:
        s = s[named.end():]
        if _explicit_year(s) is None:
            return _on_weekday(_single(s, p, future), WEEKDAYS.index(named.group(1)), future)
    s = re.sub(r"\s+(gmt|utc|cet|msk|eet|eest|local time)$", "", s)
    m = re.fullmatch(r"(?:early|late|later|earlier)(?: on)? (.+)", s)
    if m and re.match(
        _WD + r"|today|yesterday|tomorrow|this (morning|afternoon|evening)|tonight", m.group(1)
    ):
        s = m.group(1)  # "early on Tuesday" is still that Tuesday
    if not s:
        return UNKNOWN
    m = re.fullmatch(r"(?:the )?(?:(?:early|small|wee|first|late) hours|(?:early |late )?(?:morning|afternoon|evening|"
                     r"night)) of (.+)|overnight on (.+)", s)
    if m:  # "in the early hours of Tuesday", "the night of March 3": that day; "the night of 5-6 August": both
        inner = _resolve(m.group(1) or m.group(2), p, future)
        if inner[2] == "range" and inner[0] is not None and inner[1] is not None \
                and (inner[1] - inner[0]).days == 1:
            return inner[0], inner[1], "day"
        return inner if inner[2] == "day" else UNKNOWN
    m = re.fullmatch(r"(?:any|each|every) (?:day|week|month|quarter|season) of (.+)", s)
    if m:  # "more than in any quarter of last year": the year
        return _single(m.group(1), p, future)
    if p is not None and _FUTURE_WORDS.search(s):
        future = True
    season = _season(s, p, future)
    if season is not None:
        return season
    if p is not None:
        rel = _relative(s, p, future)
        if rel is not None:
            return rel
    res = _absolute(s, p, future)
    return res if res is not None else UNKNOWN


def _on_weekday(res: Interval, weekday: int, future: bool) -> Interval:
    """A day written with its weekday and without a year ("Wednesday, November 9"): the weekday says which
    year, so the nearest year in the reading's direction (back for past, on for future) whose day falls on
    it; a weekday the calendar never gives that day within eleven years (a slip) leaves the day as it was."""
    d = res[0]
    if res[2] != "day" or d is None or d.weekday() == weekday:
        return res
    step = 1 if future else -1
    for k in range(1, 12):
        try:
            cand = d.replace(year=d.year + k * step)
        except ValueError:  # 29 February
            continue
        if cand.weekday() == weekday:
            return cand, cand, "day"
    return res


def _range(a: str, b: str, p: date | None, future: bool) -> Interval | None:
    """Two ends of a range; the first end borrows the month and year of the second ("July 10 and 14")."""
    end = _single(b, p, future)
    if end[1] is None:
        return None
    a = a.strip()
    if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", a):
        if re.match(_MON, b.strip()):  # "July 10 and 14": b lacks the month, reuse a's? no: a is bare
            return None
        a = f"{a} {calendar.month_name[end[1].month]} {end[1].year}"
    elif _explicit_year(a) is None and _explicit_year(b) is not None:
        a = f"{a} {end[1].year}"
    start = _single(a, p, future)
    if start[0] is None:
        return None
    s0 = start[0]
    wa, wb = (re.fullmatch(r"(?:on )?" + _WD, x.strip()) for x in (a, b))
    if wa and wb:  # "from Friday to Sunday": the end is the first such day after the start
        d = s0 + timedelta(days=(WEEKDAYS.index(wb.group(1)) - s0.weekday()) % 7)
        return s0, d, "range"
    if s0 > end[1] and _explicit_year(a) is None:
        s0 = s0.replace(year=s0.year - 1)
    return s0, end[1], "range"


def resolve_time(
    text: str, published: date | None, *, future: bool = False
) -> tuple[date | None, date | None, str]:
    """``(start, end, granularity)`` of one temporal expression, inclusive; nulls when unresolvable.

    ``future`` says the expression sits in a future-tense clause ("will be held in June"):
    bare weekdays and months then resolve forward instead of back.
    """
    if published is None:  # read against today's date: not kept
        return _resolve_time(text, None, future)
    return _resolve_time_kept(text, published, future)


@lru_cache(maxsize=8192)
def _resolve_time_kept(text: str, published: date, future: bool) -> tuple[date | None, date | None, str]:
    """``resolve_time`` with a publication date, kept: news repeats its expressions under one date."""
    return _resolve_time(text, published, future)


def _resolve_time(text: str, published: date | None, future: bool) -> tuple[date | None, date | None, str]:
    s = _normalise(text)
    if not s or re.search(r"\d{5,}", s.replace(",", "")):
        return UNKNOWN  # an absurd year (20230) or a number that is not a date
    try:
        return _resolve(s, published, future)
    except (ValueError, OverflowError):  # date arithmetic past year 9999 or before 1
        return UNKNOWN


# A machine timestamp ("2024-04-15T05:13:31+03:00", "2024-04-15 05:13"): its day; the clock time and zone are
# finer than a claim's day (and a cut-short zone, "...:31+", comes from the NER span's end).
TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-](?:\d{2}:?\d{2})?)?",
                       re.IGNORECASE)


def _resolve(s: str, p: date | None, future: bool) -> Interval:
    s = re.sub(r"^(?:on|in|during|for|at|as of|scheduled for|planned for)\s+(?=between|from|\w)", "", s)
    if stamp := TIMESTAMP.fullmatch(s):
        s = stamp.group(1)
    rng = re.fullmatch(r"(?:between|from)\s+(.+?)\s+(?:and|to|until|till|through)\s+(.+)", s)
    if rng is None:
        # "July 10-14", "10-14 July", "10 to 14 July", "March to May 2023", "2022-2023"
        rng = re.fullmatch(r"(.+?)\s*(?:-|\bto\b|\buntil\b|\bthrough\b|\band\b|\bor\b)\s*(.+)", s)
        if rng and not (_datelike(rng.group(1)) and _datelike(rng.group(2))):
            rng = None
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}.*|(early|mid|late)-\w+", s):
            rng = None
    if rng:
        a, b = rng.group(1), rng.group(2)
        mm = re.fullmatch(_MON + r" (\d{1,2})(?:st|nd|rd|th)?", a)
        if mm and re.fullmatch(r"\d{1,2}(st|nd|rd|th)?(,? \d{4})?", b):  # "July 10" .. "14[, 2023]"
            yr = _explicit_year(b)
            b = f"{mm.group(0).split()[0]} {b.split(',')[0].split()[0]}" + (f" {yr}" if yr else "")
            if yr:
                a = f"{a} {yr}"
        r = _range(a, b, p, future)
        if r is not None:
            return r
    m = re.fullmatch(r"(?:(?:shortly|just|soon|right|well) )?(?:after|before) (?:midnight|noon|dawn|dusk|daybreak|"
                     r"sunrise|sunset|\d{1,2}(?::\d{2})? ?(?:a\.?m\.?|p\.?m\.?)) (?:on )?(.+)", s)
    if m:  # "after midnight on January 1": that day, not everything after it
        return _single(m.group(1), p, future)
    m = re.fullmatch(
        r"(since|from|after|before|until|till|through|up to|by|not before|no later than)\s+(.+)", s
    )
    if m:
        word, rest = m.group(1), m.group(2)
        inner = _single(rest, p, future)
        if (
            word in ("after", "before")
            and " of " not in rest
            and re.match(r"(?:\w+ )?(?:\w+ )?(?:\d+|[a-z]+) (?:hours?|days?|weeks?|months?|years?)\b", rest)
        ):
            return UNKNOWN  # "after 22 months": measured from an event we do not know
        if word == "after" and re.search(_UNIT + r" of ", rest):
            return inner  # "after nearly three months of fighting": the fighting itself ("after May of 2024" is not)
        if inner == UNKNOWN:
            return UNKNOWN
        if word in ("since", "from", "after", "not before"):
            start = (
                inner[0] if word in ("since", "from") or inner[1] is None else inner[1] + timedelta(days=1)
            )
            end = p if p is not None and (start is None or start <= p) else None
            return start, end, "open"
        if word == "before":
            if inner[0] is None:
                return UNKNOWN
            return None, inner[0] - timedelta(days=1), "open"
        return inner  # until / by / through: the deadline itself
    return _single(s, p, future)


def _datelike(s: str) -> bool:
    return bool(re.search(r"\d|\b" + _MON + r"|\b" + _WD + r"|\b(spring|summer|autumn|winter)\b", s.strip()))
