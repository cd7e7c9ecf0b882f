"""JSONL input: one article per line (``text``, optional ``id``, ``published``, ``source``, ``url``, ``title``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..config import InputSettings
from ..errors import InputError
from ..records import Article

if TYPE_CHECKING:
    from . import Defaults, Failure

FIELDS = {"text", "id", "published", "source", "url", "title"}


def read_jsonl(data: bytes, origin: str, settings: InputSettings, defaults: Defaults) -> Iterator[Article | Failure]:
    """Each line becomes an Article, or a Failure naming ``file:line``; bad lines never stop the rest."""
    from ..pipeline import make_article
    from . import Failure

    for number, raw in enumerate(data.splitlines(), start=1):
        where = f"{origin}:{number}"
        if not raw.strip():
            continue
        try:
            if len(raw) > settings.max_bytes:
                raise InputError(f"line is over the {settings.max_bytes:,}-byte limit", where)
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                raise InputError("line is not valid UTF-8", where) from None
            except json.JSONDecodeError as exc:
                raise InputError(f"invalid JSON ({exc.msg} at column {exc.colno})", where) from None
            if not isinstance(obj, dict):
                raise InputError("each line must be a JSON object with a 'text' field", where)
            unknown = set(obj) - FIELDS
            if unknown:
                raise InputError(f"unknown field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(FIELDS))}", where)
            text = obj.get("text")
            if not isinstance(text, str) or not text.strip():
                raise InputError("missing or empty 'text'", where)
            yield make_article(text, published=obj.get("published") or defaults.published,
                               source=obj.get("source") or defaults.source, url=obj.get("url") or defaults.url,
                               title=obj.get("title") or defaults.title, id=obj.get("id"), origin=where)
        except InputError as exc:
            yield Failure(where, exc)
