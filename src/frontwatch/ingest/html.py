"""HTML input: main text, title and date from a news page (trafilatura + htmldate)."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from htmldate import find_date

from ..errors import InputError


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None


def read_html(html: str, origin: str) -> Page:
    """Extract the article body; ``favor_precision`` drops in-article "Read more" boxes."""
    doc = trafilatura.bare_extraction(html, favor_precision=True, with_metadata=True, include_comments=False,
                                      include_tables=False)
    text = (doc.text if doc is not None else None) or ""
    if not text.strip():
        raise InputError("no article text found in the HTML page", origin)
    published = None
    try:
        published = find_date(html, extensive_search=False, original_date=True)
    except ValueError:
        published = None
    title = doc.title if doc is not None else None
    source = doc.sitename if doc is not None else None
    url = doc.url if doc is not None else None
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n{text}"
    return Page(text=text, title=title, published=published or (doc.date if doc is not None else None),
                source=source, url=url)
