"""Clean: take boilerplate and repeated sentences out of an article's text.

Removed text is *blanked* (replaced by spaces, newlines kept) rather than cut, so
the cleaned text has the same length as the original and every offset the later
stages compute is already an offset into the original. Each removal is recorded
as a :class:`~frontwatch.records.Removal` so nothing disappears silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import CleanSettings
from ..records import Removal

# Whole lines that are page furniture, not reporting. Anchored at the line start.
BOILERPLATE_LINE = re.compile(
    r"""^\s*(?:
        (?:read|see|also\s+read|read\s+also|related|more|watch|listen)\s*(?:more|also)?\s*[:|»>\-–—]
      | also\s+read\b
      | advertisement\b | sponsored\b | (?:scroll\s+to\s+)?continue\s+reading\b
      | share\s+(?:this|on|via)\b | (?:subscribe|sign\s+up)\s+(?:to|for|now)\b
      | follow\s+(?:us|our)\b.*\b(?:on|at)\b
      | (?:photo|image|picture|video|graphic)s?\s*(?:credit)?\s*[:(]
      | (?:copyright|©|\(c\))\s
      | all\s+rights\s+reserved
      | click\s+here\b
      | by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:,\s*[\w ]+)?$
      | (?=[A-Za-z0-9]*\d)[A-Za-z0-9]{20,}\s*$       # aggregator tracking ids
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# "Read more:" sentences also appear glued inside a paragraph.
INLINE_BOILERPLATE = re.compile(r"(?:Read (?:more|also)|Also read)\s*:[^\n]*", re.IGNORECASE)
# Aggregator prefixes such as "(MENAFN- UkrinForm)": the aggregator is not the source.
AGGREGATOR_PREFIX = re.compile(r"\((?:MENAFN|NewsBank|AFP Relaxnews)\s*-\s*[^)]{1,60}\)")



def aggregated_from(removed: tuple[Removal, ...]) -> str | None:
    """The outlet an aggregator prefix names ("(MENAFN- UkrinForm)" -> "UkrinForm"): whose copy it republishes."""
    for r in removed:
        m = AGGREGATOR_PREFIX.fullmatch(r.text)
        if m is not None:
            return r.text.split("-", 1)[1].rstrip(")").strip() or None
    return None


# A sentence ends at . ! ? (optionally followed by a closing quote) before whitespace.
SENTENCE_END = re.compile(r"""[.!?]["'”’)]?(?=\s)|\n""")


@dataclass(frozen=True)
class Cleaned:
    """The cleaned text (same length as the input) and what was removed."""

    text: str
    removed: tuple[Removal, ...]


def clean_text(text: str, settings: CleanSettings | None = None) -> Cleaned:
    """Blank boilerplate lines and verbatim repeated sentences.

    >>> clean_text("Kyiv said so.\\nRead more: other story\\n").removed[0].kind
    'boilerplate'
    """
    settings = settings or CleanSettings()
    chars = list(text)
    removed: list[tuple[int, Removal]] = []

    def blank(start: int, end: int, kind: str) -> None:
        snippet = text[start:end].strip()
        if not snippet:
            return
        removed.append((start, Removal(kind=kind, text=snippet, span=(start, end))))  # type: ignore[arg-type]
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and BOILERPLATE_LINE.match(body) and len(body) < 300:
            blank(offset, offset + len(body), "boilerplate")
        else:
            for m in INLINE_BOILERPLATE.finditer(body):
                blank(offset + m.start(), offset + m.end(), "boilerplate")
            for m in AGGREGATOR_PREFIX.finditer(body):
                blank(offset + m.start(), offset + m.end(), "boilerplate")
        offset += len(line)

    if settings.drop_duplicate_sentences:
        current = "".join(chars)
        seen: set[str] = set()
        for start, end in _sentences(current):
            key = " ".join(current[start:end].split()).casefold()
            if len(key) < settings.min_duplicate_chars:
                continue
            if key in seen:
                blank(start, end, "duplicate_sentence")
            else:
                seen.add(key)

    removed.sort(key=lambda item: item[0])
    return Cleaned(text="".join(chars), removed=tuple(r for _, r in removed))


def _sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans, enough to spot verbatim repeats (spaCy comes later)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        end = m.end()
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = end
    if text[start:].strip():
        s = start + (len(text[start:]) - len(text[start:].lstrip()))
        spans.append((s, len(text.rstrip())))
    return spans
