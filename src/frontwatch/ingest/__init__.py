"""Ingest: files, directories and stdin in; :class:`Article` records (or failures) out.

One reader per input kind: :mod:`.text` (plain text, encoding detection),
:mod:`.html` (trafilatura + htmldate) and :mod:`.jsonl` (one article per line).
A bad input becomes a :class:`Failure` naming it; it never stops the others.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..config import InputSettings
from ..errors import FrontwatchError, InputError
from ..records import Article
from .html import read_html
from .jsonl import read_jsonl
from .text import decode_bytes

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True)
class Defaults:
    """Metadata given on the command line; the input's own metadata wins where it has some."""

    published: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Failure:
    """An input that could not be read."""

    origin: str
    error: FrontwatchError


def read_inputs(paths: list[str], settings: InputSettings, defaults: Defaults = Defaults(),
                stdin: BinaryIO | None = None) -> Iterator[Article | Failure]:
    """Articles from each path in order (``-`` is stdin; directories are walked, sorted)."""
    for raw in paths:
        if raw == "-":
            stream = stdin or sys.stdin.buffer
            yield from _read_bytes(stream.read(settings.max_bytes + 1), "<stdin>", None, settings, defaults)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE)
            if not files:
                yield Failure(raw, InputError("directory has no readable files (.txt, .html, .jsonl)", raw))
            for file in files:
                yield from _read_file(file, settings, defaults)
            continue
        yield from _read_file(path, settings, defaults)


def _read_file(path: Path, settings: InputSettings, defaults: Defaults) -> Iterator[Article | Failure]:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise InputError(f"file is {size:,} bytes, over the {settings.max_bytes:,}-byte limit "
                             "(setting input.max_bytes)", origin)
        data = path.read_bytes()
    except FileNotFoundError:
        yield Failure(origin, InputError("no such file", origin))
        return
    except PermissionError:
        yield Failure(origin, InputError("permission denied", origin))
        return
    except IsADirectoryError:
        yield Failure(origin, InputError("is a directory", origin))
        return
    except InputError as exc:
        yield Failure(origin, exc)
        return
    yield from _read_bytes(data, origin, path.suffix.lower(), settings, defaults)


def _read_bytes(data: bytes, origin: str, suffix: str | None, settings: InputSettings,
                defaults: Defaults) -> Iterator[Article | Failure]:
    from ..pipeline import make_article

    try:
        if len(data) > settings.max_bytes:
            raise InputError(f"input is over the {settings.max_bytes:,}-byte limit (setting input.max_bytes)", origin)
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(data, origin, settings, defaults)
            return
        text = decode_bytes(data, origin)
        kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else _sniff(text)
        if kind == "html":
            page = read_html(text, origin)
            yield make_article(page.text, published=defaults.published or page.published,
                               source=defaults.source or page.source, url=defaults.url or page.url,
                               title=defaults.title or page.title, origin=origin)
        else:
            yield make_article(text, published=defaults.published, source=defaults.source, url=defaults.url,
                               title=defaults.title, origin=origin)
    except FrontwatchError as exc:
        yield Failure(origin, exc)


def _sniff(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith("<") and ("<html" in head or "<body" in head or "<!doctype" in head or "<article" in head):
        return "html"
    return "text"


__all__ = ["Defaults", "Failure", "read_inputs"]
