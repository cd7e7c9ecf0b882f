"""JSONL input: one article per line.

frontwatch reads ``text``, ``id``, ``published``, ``source``, ``url`` and ``title``. Exports from
scrapers and news APIs carry more (authors, themes, image URLs) and name some of these fields
differently (news-please writes ``maintext``, ``date_publish`` and ``source_domain``): the known
aliases below stand in for a missing field, and every other field goes to ``Article.meta`` untouched,
so it reaches the report. Only a field frontwatch reads can make a line fail, when its type is wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ..config import InputSettings
from ..errors import InputError
from ..records import Article

if TYPE_CHECKING:
    from . import Defaults, Failure

FIELDS = {"text", "id", "published", "source", "url", "title"}
# Other exporters' names for our fields, tried in order when our own name is absent.
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("maintext", "body", "content", "article_text"),
    "published": ("date_publish", "publish_date", "published_at", "date_published", "pubdate", "date"),
    "source": ("source_domain", "sitename", "source_name", "domain"),
    "url": ("link", "source_url"),
    "title": ("headline",),
}


def looks_like_jsonl(text: str) -> bool:
    """Is the first non-blank line a JSON object? (How a file without a .jsonl suffix is recognised.)"""
    for line in text.splitlines():
        if line.strip():
            if not line.lstrip().startswith("{"):
                return False
            try:
                return isinstance(json.loads(line), dict)
            except json.JSONDecodeError:
                return False
    return False


def read_jsonl(data: bytes, origin: str, settings: InputSettings, defaults: Defaults) -> Iterator[Article | Failure]:
    """Each line becomes an Article, or a Failure naming ``file:line``; bad lines never stop the rest."""
    from . import Failure

    for number, raw in enumerate(data.splitlines(), start=1):
        where = f"{origin}:{number}"
        if not raw.strip():
            continue
        try:
            if len(raw) > settings.max_bytes:
                raise InputError(f"line is over the {settings.max_bytes:,}-byte limit", where)
            try:
                obj = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError:
                raise InputError("line is not valid UTF-8", where) from None
            except json.JSONDecodeError as exc:
                raise InputError(f"invalid JSON ({exc.msg} at column {exc.colno})", where) from None
            if not isinstance(obj, dict):
                raise InputError("each line must be a JSON object with a 'text' field", where)
            yield article_from_record(obj, where, defaults)
        except InputError as exc:
            yield Failure(where, exc)


def article_from_record(obj: dict[str, Any], where: str, defaults: Defaults) -> Article:
    """One JSON object to an Article: our fields (or their aliases) read and type-checked, the rest in meta."""
    from ..pipeline import make_article

    meta = {k: v for k, v in obj.items() if k not in FIELDS}
    got: dict[str, Any] = {}
    for name in FIELDS:
        if name in obj:
            got[name] = _checked(name, obj[name], where)
            continue
        for alias in ALIASES.get(name, ()):
            value = obj.get(alias)
            if isinstance(value, str) and value.strip() and _usable(name, value):
                got[name] = value
                meta.pop(alias)
                break
    text = got.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("missing or empty 'text' (news-please 'maintext' is read too)", where)
    article = make_article(text, published=got.get("published") or defaults.published,
                           source=got.get("source") or defaults.source, url=got.get("url") or defaults.url,
                           title=got.get("title") or defaults.title, id=got.get("id"), origin=where)
    return replace(article, meta=meta) if meta else article


def _checked(name: str, value: Any, where: str) -> Any:
    """A field we read must have our type: a string (or null); ``id`` may also be an integer."""
    if value is None or isinstance(value, str):
        return value
    if name == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    kind = type(value).__name__.replace("dict", "object").replace("list", "array")
    raise InputError(f"field '{name}' must be a string{' or an integer' if name == 'id' else ''} or null, "
                     f"got {kind}", where)


def _usable(name: str, value: str) -> bool:
    """An alias only stands in when it reads as our field would (a date alias must start YYYY-MM-DD)."""
    if name != "published":
        return True
    if not re.match(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return False
    try:
        date.fromisoformat(value.strip()[:10])
    except ValueError:
        return False
    return True
