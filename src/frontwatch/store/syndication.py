"""Near-duplicate articles (wire copies, syndicated reprints) by MinHash LSH.

datasketch computes each article's MinHash over word 3-shingles and chooses the LSH banding (``b`` bands
of ``r`` rows) for the similarity threshold. Its in-memory index would have to be rebuilt from every
stored signature on each run, so the bands live in the ledger instead (``article_bands``): a new article
looks up the articles sharing any band key, and the estimated Jaccard similarity against each stored
signature decides. The group (``syndicate``) is the first member's article id, so corroboration counts a
wire story and its copies once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from sqlalchemy import Connection, select, tuple_

from .schema import article_bands, articles

WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE = 3


@dataclass(frozen=True)
class Signature:
    hashvalues: np.ndarray
    bands: tuple[str, ...]

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u4").tobytes()


@lru_cache(maxsize=8)
def _banding(threshold: float, num_perm: int) -> tuple[int, int]:
    from datasketch import MinHashLSH  # datasketch pulls in scipy (seconds): only where articles are stored

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[Any, Any]:
    """datasketch draws the same permutations (seed 1) for every MinHash; drawing them once per size
    saves a few milliseconds an article. Returns (permutations, scheme)."""
    from datasketch import MinHash

    template = MinHash(num_perm=num_perm)
    return template.permutations, template.scheme


def signature(text: str, threshold: float, num_perm: int) -> Signature:
    words = WORD.findall(text.casefold())
    grams = [" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(max(1, len(words) - SHINGLE + 1))]
    from datasketch import MinHash

    permutations, scheme = _permutations(num_perm)
    mh = MinHash(num_perm=num_perm, permutations=permutations, scheme=scheme)
    mh.update_batch(grams)
    b, r = _banding(threshold, num_perm)
    bands = tuple(hashlib.blake2b(mh.hashvalues[i * r:(i + 1) * r].astype("<u4").tobytes(), digest_size=12).hexdigest()
                  for i in range(b))
    return Signature(mh.hashvalues.copy(), bands)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def candidates_query(sig: Signature) -> Any:
    """The stored articles sharing an LSH band with ``sig``: (id, syndicate, minhash)."""
    return (select(articles.c.id, articles.c.syndicate, articles.c.minhash)
            .where(articles.c.id.in_(select(article_bands.c.article_id).where(
                tuple_(article_bands.c.band, article_bands.c.key).in_(list(enumerate(sig.bands)))))))


def find_syndicate(conn: Connection, sig: Signature, threshold: float) -> str | None:
    """The syndicate of the most similar stored article at or above ``threshold``, else None."""
    if not sig.bands:
        return None
    return best_syndicate(conn.execute(candidates_query(sig)).all(), sig, threshold)


def best_syndicate(rows: Iterable[Sequence[Any]], sig: Signature, threshold: float) -> str | None:
    """Of candidate rows (id, syndicate, minhash), the syndicate of the most similar at or above
    ``threshold`` (ties: the earliest article), else None. Rows that are no LSH candidate are harmless:
    the estimated similarity decides, the bands only find candidates."""
    best: tuple[float, int, str] | None = None
    for art_id, syndicate, blob in rows:
        if blob is None:
            continue
        other = np.frombuffer(blob, dtype="<u4")
        if len(other) != len(sig.hashvalues):
            continue  # signed with another num_perm: incomparable
        sim = jaccard(sig.hashvalues, other)
        if sim >= threshold and (best is None or (sim, -art_id) > (best[0], -best[1])):
            best = (sim, art_id, syndicate)
    return best[2] if best else None


def band_rows(article_pk: int, sig: Signature) -> list[dict[str, object]]:
    return [{"band": i, "key": key, "article_id": article_pk} for i, key in enumerate(sig.bands)]
