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
from typing import BinaryIO, Literal

from ..config import InputSettings
from ..errors import FrontwatchError, InputError
from ..records import Article
from .html import read_html
from .jsonl import looks_like_jsonl, read_jsonl
from .text import decode_bytes

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | {".json"}  # .json: scrapers' JSONL, sniffed
# How to read an input: by its suffix, else its content ("auto"), or as the caller says.
InputFormat = Literal["auto", "text", "html", "jsonl"]
INPUT_FORMATS: tuple[str, ...] = ("auto", "text", "html", "jsonl")


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
                stdin: BinaryIO | None = None, input_format: InputFormat = "auto") -> Iterator[Article | Failure]:
    """Articles from each path in order (``-`` is stdin; directories are walked, sorted).

    ``input_format`` "auto" reads a file by its suffix, and one with another suffix (or stdin) by its
    content: a first line that is a JSON object means JSONL, an HTML tag means HTML, else plain text.
    """
    for raw in paths:
        if raw == "-":
            stream = stdin or sys.stdin.buffer
            yield from _read_bytes(stream.read(settings.max_bytes + 1), "<stdin>", None, settings, defaults,
                                   input_format)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE)
            if not files:
                yield Failure(raw, InputError("directory has no readable files (.txt, .html, .jsonl)", raw))
            for file in files:
                yield from _read_file(file, settings, defaults, input_format)
            continue
        yield from _read_file(path, settings, defaults, input_format)


def _read_file(path: Path, settings: InputSettings, defaults: Defaults,
               input_format: InputFormat = "auto") -> Iterator[Article | Failure]:
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
    yield from _read_bytes(data, origin, path.suffix.lower(), settings, defaults, input_format)


def _read_bytes(data: bytes, origin: str, suffix: str | None, settings: InputSettings,
                defaults: Defaults, input_format: InputFormat = "auto") -> Iterator[Article | Failure]:
    from ..pipeline import make_article

    try:
        if len(data) > settings.max_bytes:
            raise InputError(f"input is over the {settings.max_bytes:,}-byte limit (setting input.max_bytes)", origin)
        kind: str = input_format
        if kind == "auto" and suffix in JSONL_SUFFIXES:
            kind = "jsonl"
        if kind == "jsonl":
            yield from read_jsonl(data, origin, settings, defaults)
            return
        text = decode_bytes(data, origin)
        if kind == "auto":
            # a .txt export of JSON lines is JSONL; otherwise the suffix decides, and the content without one
            kind = "jsonl" if looks_like_jsonl(text) else (
                "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else _sniff(text))
        if kind == "jsonl":
            yield from read_jsonl(data, origin, settings, defaults)
            return
        if input_format == "auto" and suffix not in TEXT_SUFFIXES | HTML_SUFFIXES and text.lstrip()[:1] in ("{", "["):
            raise InputError("looks like JSON but not one article object per line; write JSONL (one JSON object "
                             "with a 'text' field per line)", origin)
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


__all__ = ["INPUT_FORMATS", "Defaults", "Failure", "InputFormat", "read_inputs"]
