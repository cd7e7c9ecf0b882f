"""Batch analysis at scale: the pipeline mapped over partitions of the inputs on Dask distributed, Parquet out
(``frontwatch batch``), and a batch output bulk-loaded into the ledger (``frontwatch load``).

>>> from frontwatch.batch import run_batch, load_batch                       # doctest: +SKIP
>>> summary = run_batch(["news/*.jsonl"], "out/batch", workers=2)            # doctest: +SKIP
>>> load_batch("out/batch", "frontwatch.db")                                 # doctest: +SKIP

The layout of the output and the resume rules: ``docs/batch.md``.
"""

from __future__ import annotations

from .load import load_batch
from .run import BatchError, BatchSummary, read_manifest, run_batch

__all__ = ["BatchError", "BatchSummary", "load_batch", "read_manifest", "run_batch"]
