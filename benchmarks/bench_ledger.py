"""The ledger's costs: ingest beside `analyze` alone, and place/date queries on 100,000 claims.

    python benchmarks/bench_ledger.py [--articles 2000] [--claims 100000] [--pg postgresql://…] [--skip-ingest]

1. Ingest: N articles (our written corpus, the gold and sample articles, repeated with shifted dates and a
   varying last line so every text is new) are analysed once (`analyze` alone: articles/s), then the same
   reports are stored into a fresh SQLite ledger (and PostgreSQL with --pg) with syndication and
   incremental reconciliation. Storage + reconciliation overhead = store time / analyse time (target ≤ 25%).
2. Queries: C synthetic claims (one event and place each, bulk-inserted) in a fresh ledger; the median
   of 25 runs of a place + date query and of a radius + date query (target < 50 ms on both databases).

--pg must name a throwaway database: its public schema is dropped and recreated.
Prints medians from one run, with the machine's load average (other jobs slow both sides of a ratio, but
not equally: storage waits on the disk and, for PostgreSQL, on another process).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


def base_texts() -> list[dict]:
    rows = [json.loads(line) for line in (ROOT / "tests/data/ledger/corpus.jsonl").read_text().splitlines() if line]
    from bench_analyze import corpus  # the gold and sample articles bench_analyze uses

    for a in corpus(60):
        rows.append({"text": a.text, "published": a.published.isoformat() if a.published else None,
                     "source": a.source})
    unique = {r["text"]: r for r in rows}
    return list(unique.values())


def articles(n: int) -> list:
    from frontwatch.pipeline import make_article

    bases = base_texts()
    out = []
    for i in range(n):
        b, k = bases[i % len(bases)], i // len(bases)
        published = date.fromisoformat(b["published"]) + timedelta(days=7 * k) if b.get("published") else None
        # a new last line keeps every text distinct (not a duplicate) while copies stay near-duplicates
        out.append(make_article(b["text"] + f"\n(Desk note {i}.)", published=published,
                                source=(b.get("source") or "Desk") + f" {k % 5}", id=f"bench-{i}"))
    return out


def reset_pg(url: str) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def bench_ingest(n: int, pg: str | None) -> None:
    from frontwatch import Pipeline, Settings
    from frontwatch.store import Ledger

    arts = articles(n)
    settings = Settings.load()
    pipeline = Pipeline(settings)
    list(pipeline.pipe(arts[:8]))  # warm up
    t0, c0 = time.perf_counter(), time.process_time()
    reports = list(pipeline.pipe(arts))
    analyse_s, analyse_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"analyze alone: {n} articles in {analyse_s:.1f} s = {n / analyse_s:.1f} articles/s "
          f"(CPU {analyse_cpu:.1f} s)")
    targets = [("sqlite", None)] + ([("postgresql", pg)] if pg else [])
    for name, url in targets:
        with tempfile.TemporaryDirectory() as tmp:
            if url:
                reset_pg(url)
            with Ledger(url or str(Path(tmp) / "bench.db"), settings, create=True) as ledger:
                per: list[float] = []
                t0, c0 = time.perf_counter(), time.process_time()
                for r in reports:
                    t1 = time.perf_counter()
                    ledger.add(r)
                    per.append(time.perf_counter() - t1)
                store_s, store_cpu = time.perf_counter() - t0, time.process_time() - c0
                stats = ledger.stats()
            print(f"{name}: store + syndication + reconciliation {store_s:.1f} s "
                  f"(median {1000 * statistics.median(per):.1f} ms/article); ingest = "
                  f"{n / (analyse_s + store_s):.1f} articles/s; overhead over analyze {100 * store_s / analyse_s:.1f}% "
                  f"(target <= 25%); {stats['claims']} claims, {stats['events']} events, {stats['incidents']} incidents")
            # Under load, wall time mostly measures waiting for a CPU, and a store that blocks (a round trip, a
            # write) waits again after each block; CPU time is what the same work costs on an idle machine
            # (this process only: PostgreSQL's server work is not counted).
            print(f"{name}: CPU time: store {store_cpu:.1f} s = {100 * store_cpu / analyse_cpu:.1f}% of analyze's "
                  f"{analyse_cpu:.1f} s (mean {1000 * store_cpu / n:.1f} ms/article)")


PLACES = 400


def fill(url: str, n_claims: int) -> None:
    """Bulk-insert synthetic articles, claims, events, places and incidents (one event and place per claim)."""
    from frontwatch.store.schema import articles as A
    from frontwatch.store.schema import claims as C
    from frontwatch.store.schema import event_places as EP
    from frontwatch.store.schema import events as E
    from frontwatch.store.schema import incident_members as M
    from frontwatch.store.schema import incidents as I
    from frontwatch.store.schema import places as P

    rng = random.Random(7)
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1) if "://" in url else f"sqlite:///{url}")
    # 400 places spread over eastern Ukraine (46-52 N, 30-40 E)
    places = [{"id": f"gn:{i}", "name": f"Town {i}", "key": f"town {i}", "lat": 46 + rng.random() * 6,
               "lon": 30 + rng.random() * 10, "admin1": f"Oblast {i % 20}", "country": "UA", "feature": "city"}
              for i in range(PLACES)]
    day0 = date(2022, 2, 24)
    per_article, chunk = 10, 10_000
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(insert(P), places)
        n_incidents = n_claims // 5
        conn.execute(insert(I), [{"id": i + 1, "family": "ground", "corroboration": 1, "contradicted": False,
                                  "summary": {}, "updated": now} for i in range(n_incidents)])
        for lo in range(0, n_claims, chunk):
            arts, cls, evs, eps, ms = [], [], [], [], []
            for c in range(lo, min(n_claims, lo + chunk)):
                a = c // per_article + 1
                if c % per_article == 0:
                    arts.append({"id": a, "content_hash": f"sha256:{a}", "external_id": f"a{a}", "source": "Desk",
                                 "fetched": now, "text": "synthetic", "syndicate": f"a{a}", "meta": {}})
                p = places[rng.randrange(PLACES)]
                d = day0 + timedelta(days=rng.randrange(700))
                cid, side = f"c{c}", rng.choice(["UA", "RU"])
                cls.append({"id": cid, "article_id": a, "text": f"Claim {c} about {p['name']}", "span_start": 0,
                            "span_end": 10, "claimant": "Officials", "claimant_kind": "organisation",
                            "claimant_side": side, "direct_quote": False, "stated": d, "dated": d,
                            "event_count": 1, "record": {}})
                evs.append({"id": f"{cid}:0", "claim_id": cid, "article_id": a, "position": 0, "ordinal": 0,
                            "type": "shelling", "family": "attack", "polarity": "asserted", "actor_side": "RU",
                            "claimant_side": side, "place": p["name"], "place_key": p["key"], "lat": p["lat"],
                            "lon": p["lon"], "admin1": p["admin1"], "precision": 1, "start": d, "end": d,
                            "stated": d, "record": {}})
                eps.append({"event_id": f"{cid}:0", "position": 0, "place_id": p["id"], "key": p["key"],
                            "text_key": p["key"], "precision": 1, "start": d, "end": d})
                ms.append({"event_id": f"{cid}:0", "incident_id": c % n_incidents + 1})
            conn.execute(insert(A), arts)
            conn.execute(insert(C), cls)
            conn.execute(insert(E), evs)
            conn.execute(insert(EP), eps)
            conn.execute(insert(M), ms)
        conn.execute(text("ANALYZE"))
    engine.dispose()


def bench_queries(n_claims: int, pg: str | None) -> None:
    from frontwatch.store import Ledger

    targets = [("sqlite", None)] + ([("postgresql", pg)] if pg else [])
    for name, url in targets:
        with tempfile.TemporaryDirectory() as tmp:
            path = url or str(Path(tmp) / "q.db")
            if url:
                reset_pg(url)
            Ledger(path, create=True).close()
            t0 = time.perf_counter()
            fill(path, n_claims)
            fill_s = time.perf_counter() - t0
            with Ledger(path) as ledger:
                def run(**kw: object) -> tuple[float, int]:
                    times, found = [], 0
                    for _ in range(25):
                        t1 = time.perf_counter()
                        found = len(ledger.claims(**kw))  # type: ignore[arg-type]
                        times.append(time.perf_counter() - t1)
                    return 1000 * statistics.median(times), found

                place_ms, place_n = run(place="Town 17", since="2023-01-01", until="2023-03-31")
                near_ms, near_n = run(near=(48.5, 37.5, 30.0), since="2023-01-01", until="2023-03-31")
                # the newest claims without filters (the web page's first view), a first page and a later one
                page_ms, _ = run(limit=50)
                later_ms, _ = run(limit=50, offset=5000)
            print(f"{name}: {n_claims:,} claims bulk-inserted in {fill_s:.1f} s; place+date query median "
                  f"{place_ms:.1f} ms ({place_n} rows); radius+date query median {near_ms:.1f} ms ({near_n} rows) "
                  f"(target < 50 ms); unfiltered page of 50 median {page_ms:.1f} ms, at offset 5,000 "
                  f"{later_ms:.1f} ms")


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--pg", help="a throwaway PostgreSQL database URL (its public schema is reset)")
    parser.add_argument("--skip-ingest", action="store_true", help="only the query benchmark")
    parser.add_argument("--skip-queries", action="store_true", help="only the ingest benchmark")
    args = parser.parse_args()
    print(load())
    if not args.skip_queries:
        bench_queries(args.claims, args.pg)
        print(load())
    if not args.skip_ingest:
        bench_ingest(args.articles, args.pg)
        print(load())


if __name__ == "__main__":
    main()
