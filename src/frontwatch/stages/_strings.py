"""Hash -> string look-ups of a spaCy StringStore, cached per process.

The stages and the rulers read a Doc's words, tags and lemmas as one array of hashes per Doc
(``Doc.to_array``) rather than a ``Token`` per word; this turns the hashes back into strings.
"""

from __future__ import annotations

from typing import Any


class _StringCache(dict):  # type: ignore[type-arg]
    """Hash -> string of one StringStore, filled on first use of each hash: with the store of a loaded model
    (~100,000 strings) a dict look-up costs about a third of ``StringStore.__getitem__``, and the words,
    tags and lemmas of news repeat from one article to the next. It starts again past a bound (a long run
    over ever new words)."""

    def __init__(self, strings: Any) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, key: int) -> str:
        if len(self) > 500_000:
            self.clear()
        value = self[key] = self.strings[key]
        return value  # type: ignore[no-any-return]


_caches: list[_StringCache] = []  # the last store's cache only: a process analyses with one model


def string_cache(strings: Any) -> _StringCache:
    """The cache of ``strings``, a new one when the store is not the last one seen."""
    cache = _caches[0] if _caches else None
    if cache is None or cache.strings is not strings:
        cache = _StringCache(strings)
        _caches[:] = [cache]
    return cache
