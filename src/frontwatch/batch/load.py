"""``load_batch``: a batch output stored in the ledger, as ``frontwatch ingest`` would have stored its inputs.

The finished partitions are read in order and their rows in input order; each article's report is rebuilt
from its ``articles`` row (the JSON contract, the text and the origin) and stored by the ledger's own writer
(:meth:`Ledger.add_many`: a few hundred articles to a transaction, each in a savepoint of its own so that
one that fails rolls back alone; near-duplicate grouping, incremental reconciliation),
each failure recorded as ``ingest`` records it. Ingest's rules for repeats hold too: a text already in the
ledger, or met earlier in the load, is a duplicate. So loading twice adds nothing, and a load stopped half-way
continues when run again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..config import Settings
from .run import part_path, read_manifest
from .tables import report_from_row


def load_batch(out: str | Path, db: str | None = None, settings: Settings | None = None, *,
               on_total: Callable[[int], None] | None = None,
               on_item: Callable[[str], None] | None = None) -> str:
    """Store the finished partitions of the batch output ``out`` in the ledger ``db``; returns where it is.

    ``on_item`` is told each input's outcome: ``new``, ``duplicate`` or ``failed``.
    """
    import pyarrow.parquet as pq

    from ..store.ledger import Ledger

    out = Path(out)
    manifest = read_manifest(out)
    done = sorted((p for p in manifest["partitions"] if p["status"] == "done"), key=lambda p: p["index"])
    if on_total:
        on_total(sum(p["rows"]["articles"] + p["rows"]["failures"] for p in done))
    tell = on_item or (lambda status: None)
    ledger = Ledger(db, settings, create=True)

    def items() -> Iterator[Any]:
        seen: set[str] = set()
        for part in done:
            rows: list[dict[str, Any]] = []
            for table in ("articles", "failures"):
                found = pq.read_table(part_path(out, table, part["index"])).to_pylist()
                rows.extend({**r, "_table": table} for r in found)
            rows.sort(key=lambda r: r["position"])
            for row in rows:
                digest = row["content_hash"]
                if digest is not None and digest in seen:
                    tell("duplicate")
                    continue
                if digest is not None:
                    seen.add(digest)
                if row["_table"] == "failures":
                    yield row["origin"], row["reason"], digest
                else:
                    yield report_from_row(row)

    try:
        for status in ledger.add_many(items()):
            tell(status)
    finally:
        ledger.close()
    return ledger.where
