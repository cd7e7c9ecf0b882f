"""RSS and Atom feed files (feedparser), and the walk ``frontwatch ingest`` does over its paths.

Each feed item becomes an article: its page when a local HTML copy of it lies beside the feed (a file
named like the last segment of the item's link, with or without ``.html``, in the feed's folder or its
``pages/`` folder), else the item's summary or content. The item's id (else its link) is kept as the
article's external id, the feed's title as the outlet, the item's date as the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import feedparser
import lxml.html

from ..config import InputSettings
from ..errors import FrontwatchError, InputError
from ..records import Article
from . import READABLE, Defaults, Failure, read_inputs
from .html import read_html
from .text import decode_bytes

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
NO_DEFAULTS = Defaults()
_FEED_HEAD = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.I)


def is_feed(path: Path) -> bool:
    if path.suffix.lower() in {".rss", ".atom"}:
        return True
    if path.suffix.lower() != ".xml":
        return False
    try:
        with path.open("rb") as fh:
            return bool(_FEED_HEAD.search(fh.read(4096)))
    except OSError:
        return False


def read_paths(paths: list[str], settings: InputSettings, defaults: Defaults = NO_DEFAULTS) -> Iterator[Article | Failure]:
    """What ``analyze`` reads, plus feed files; directories recursively, their feeds first (so an item's
    local page copy is stored with the feed's metadata, and the copy read on its own is a duplicate)."""
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            feeds = [p for p in files if p.suffix.lower() in FEED_SUFFIXES and is_feed(p)]
            others = [p for p in files if p.suffix.lower() in READABLE]
            if not feeds and not others:
                yield Failure(raw, InputError("directory has no readable files (.txt, .html, .jsonl, .rss, .atom, .xml)", raw))
            for feed in feeds:
                yield from read_feed(feed, settings, defaults)
            for other in others:
                yield from read_inputs([str(other)], settings, defaults)
        elif raw != "-" and path.is_file() and is_feed(path):
            yield from read_feed(path, settings, defaults)
        else:
            yield from read_inputs([raw], settings, defaults)


def read_feed(path: Path, settings: InputSettings, defaults: Defaults = NO_DEFAULTS) -> Iterator[Article | Failure]:
    from ..pipeline import make_article

    origin = str(path)
    try:
        data = path.read_bytes()
        if len(data) > settings.max_bytes:
            raise InputError(f"feed is over the {settings.max_bytes:,}-byte limit (setting input.max_bytes)", origin)
    except OSError as exc:
        yield Failure(origin, InputError(exc.strerror or str(exc), origin))
        return
    except InputError as exc:
        yield Failure(origin, exc)
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})" if parsed.bozo else "feed has no items"
        yield Failure(origin, InputError(reason, origin))
        return
    outlet = defaults.source or parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}#{n}"
        try:
            link = entry.get("link")
            page = _local_page(path, link)
            published = defaults.published or _entry_date(entry)
            if page is not None:
                html = read_html(decode_bytes(page.read_bytes(), str(page)), str(page))
                text, published = html.text, published or html.published
            else:
                text = _entry_text(entry)
                if not text:
                    raise InputError("item has no summary or content (and no local copy of its page)", where)
            yield make_article(text, published=published, source=outlet, url=link or defaults.url,
                               title=entry.get("title") or defaults.title, id=entry.get("id") or link, origin=where)
        except FrontwatchError as exc:
            yield Failure(where, exc)


def _local_page(feed: Path, link: str | None) -> Path | None:
    if not link:
        return None
    name = Path(urlparse(link).path.rstrip("/")).name
    if not name:
        return None
    for folder in (feed.parent, feed.parent / "pages"):
        for candidate in (folder / name, folder / f"{name}.html", folder / f"{name}.htm"):
            if candidate.is_file() and candidate.suffix.lower() in {".html", ".htm"}:
                return candidate
    return None


def _entry_text(entry: Any) -> str:
    parts = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    html = "\n\n".join(p for p in parts if p)
    if not html.strip():
        return ""
    text = lxml.html.fromstring(f"<div>{html}</div>").text_content() if "<" in html else html
    title = entry.get("title")
    text = text.strip()
    return f"{title}\n{text}" if title and not text.startswith(title) else text


def _entry_date(entry: Any) -> str | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return date(*stamp[:3]).isoformat()
