"""Evaluation: score the pipeline against annotated gold files.

Gold files (format in docs/gold.md) are ``.json`` (one object) or ``.jsonl`` (one
object per line). An object with ``"kind"`` is single-stage gold scored by the
module of that name (:mod:`.places`, :mod:`.times`, :mod:`.quantities`); one
without is a whole article scored by :mod:`.claims`. A malformed item is reported
with its file and line and left out; everything else is still scored.
"""

from __future__ import annotations

import functools
import importlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from ..config import Settings
from ..errors import FrontwatchError, GoldError
from ..records import Report

KINDS = ("article", "places", "times", "quantities")
_MODULES = {"article": "claims", "places": "places", "times": "times", "quantities": "quantities"}


@dataclass
class Section:
    """The figures for one kind of gold."""

    kind: str
    files: list[str]
    items: int
    metrics: dict[str, float]
    mistakes: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "files": self.files, "items": self.items, "metrics": self.metrics,
                "mistakes": self.mistakes}


@dataclass
class Evaluation:
    sections: list[Section] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def metrics(self, kind: str) -> dict[str, float]:
        for s in self.sections:
            if s.kind == kind:
                return s.metrics
        return {}

    def to_dict(self) -> dict[str, Any]:
        return {"sections": [s.to_dict() for s in self.sections], "problems": self.problems, "seconds": self.seconds}


@dataclass
class GoldItem:
    kind: str
    obj: dict[str, Any]
    where: str  # file:line


def scorer(kind: str) -> ModuleType:
    """The module that checks and scores one kind of gold."""
    return importlib.import_module(f".{_MODULES[kind]}", __name__)


def load_gold(paths: list[str]) -> tuple[list[GoldItem], list[str]]:
    """Every gold item under ``paths``, plus one message per malformed item or unreadable file."""
    items: list[GoldItem] = []
    problems: list[str] = []
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix in {".json", ".jsonl"})
            if not found:
                problems.append(f"{p}: no .json or .jsonl gold files")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            problems.append(f"{p}: no such file or directory")
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{f}: cannot read ({exc})")
            continue
        entries: list[tuple[int, Any]] = []
        if f.suffix == ".jsonl":
            for n, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    try:
                        entries.append((n, json.loads(line)))
                    except json.JSONDecodeError as exc:
                        problems.append(f"{f}:{n}: invalid JSON ({exc.msg}, column {exc.colno})")
        else:
            try:
                entries.append((1, json.loads(text)))
            except json.JSONDecodeError as exc:
                problems.append(f"{f}:{exc.lineno}: invalid JSON ({exc.msg}, column {exc.colno})")
        for n, obj in entries:
            where = f"{f}:{n}"
            try:
                if not isinstance(obj, dict):
                    raise GoldError(f"{where}: a gold item must be a JSON object")
                kind = obj.get("kind", "article")
                if kind not in KINDS:
                    raise GoldError(f"{where}: unknown kind {kind!r}; known: {', '.join(KINDS)}")
                if kind == "article" and "path" in obj and "text" not in obj:
                    obj = _with_text(f, obj, where)
                scorer(kind).check(obj, where)
                items.append(GoldItem(kind, obj, where))
            except GoldError as exc:
                problems.append(str(exc))
    return items, problems


def _with_text(gold_file: Path, obj: dict[str, Any], where: str) -> dict[str, Any]:
    """Gold for a text kept outside the repository: ``path`` to a text file, or to a JSONL file plus
    ``path_id`` (the row's ``id``; its ``published``, ``source``, ``url`` fill what the gold leaves out).
    ``evidence_span`` offsets then stand for the evidence words, so no sentence is copied into the gold."""
    obj = dict(obj)
    rel = obj.pop("path")
    row_id = obj.pop("path_id", None)
    if row_id is None:
        text = _read_relative(gold_file, rel, where)
    else:
        try:
            row = _jsonl_rows(str((gold_file.parent / rel).resolve())).get(row_id)
        except GoldError as exc:
            raise GoldError(f"{where}: {exc}") from None
        if row is None:
            raise GoldError(f"{where}: no row with id {row_id!r} in {rel!r}")
        text = row.get("text") or ""
        for key in ("published", "source", "url", "title"):
            if obj.get(key) is None and row.get(key) is not None:
                obj[key] = row[key]
    claims = obj.get("claims")
    if isinstance(claims, list):
        obj["claims"] = [_evidence_from_span(c, text, f"{where}: claims[{n}]") for n, c in enumerate(claims)]
    obj["text"] = text
    return obj


@functools.lru_cache(maxsize=8)
def _jsonl_rows(path: str) -> dict[str, dict[str, Any]]:
    """Rows of a JSONL file by id, read once however many gold files point into it."""
    try:
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"cannot read JSONL file {path!r} ({exc})") from None
    return {r["id"]: r for r in rows if isinstance(r, dict) and "id" in r}


def _evidence_from_span(claim: Any, text: str, where: str) -> Any:
    if not isinstance(claim, dict) or "evidence_span" not in claim:
        return claim
    span = claim["evidence_span"]
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
            and 0 <= span[0] < span[1] <= len(text)):
        raise GoldError(f"{where}: evidence_span must be [start, end] offsets inside the text, got {span!r}")
    claim = {k: v for k, v in claim.items() if k != "evidence_span"}
    claim["evidence"] = text[span[0]:span[1]]
    return claim


def _read_relative(gold_file: Path, rel: str, where: str) -> str:
    target = (gold_file.parent / rel).resolve()
    try:
        return target.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldError(f"{where}: cannot read text file {rel!r} ({exc.strerror})") from None


def evaluate(paths: list[str], settings: Settings | None = None, pipeline: Any = None) -> Evaluation:
    """Load gold, run the pipeline once over every gold text, and score each kind."""
    from ..pipeline import Pipeline, make_article

    started = time.perf_counter()
    items, problems = load_gold(paths)
    if not items:
        shown = "; ".join(problems[:3]) + (f"; ... and {len(problems) - 3} more" if len(problems) > 3 else "")
        raise GoldError("no usable gold items: " + (shown or "nothing found"))
    pipeline = pipeline or Pipeline(settings)
    articles = [make_article(i.obj["text"], published=i.obj.get("published"), source=i.obj.get("source"),
                             id=f"gold:{i.where}", origin=i.where) for i in items]
    reports: dict[str, Report] = {}
    failed: dict[str, str] = {}

    def on_error(article: Any, error: FrontwatchError) -> None:
        failed[article.id] = str(error)

    for report in pipeline.pipe(articles, on_error=on_error):
        reports[report.article.id] = report
    result = Evaluation(problems=problems + [f"{a.origin}: pipeline failed: {failed[a.id]}" for a in articles
                                             if a.id in failed])
    for kind in KINDS:
        chosen = [(i, reports[a.id]) for i, a in zip(items, articles) if i.kind == kind and a.id in reports]
        if not chosen:
            continue
        metrics, mistakes = scorer(kind).score([i.obj for i, _ in chosen], [r for _, r in chosen])
        files = sorted({i.where.rsplit(":", 1)[0] for i, _ in chosen})
        result.sections.append(Section(kind, files, len(chosen), metrics, mistakes))
    result.seconds = round(time.perf_counter() - started, 2)
    return result
