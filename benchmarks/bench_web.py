"""Load test of the HTTP API on loopback: GET /api/claims with filters on a 100,000-claim ledger.

    python benchmarks/bench_web.py [--claims 100000] [--workers 2] [--requests 3000] [--concurrency 8]
                                   [--seconds 60] [--db out/bench-100k.db]

A fresh SQLite ledger is filled with synthetic claims (bench_ledger.fill: 400 places, 700 days), then
`frontwatch serve --workers 2` serves it on 127.0.0.1 only, and client threads with keep-alive
connections send a mix of filtered /api/claims requests (place + dates, radius + dates, side + type +
dates, claimant, paging) until --requests are done or --seconds have passed, whichever comes first.
Prints requests/s and the latency percentiles (targets: >= 200 requests/s, p95 < 100 ms) with their
ratios to the targets, and, because a shared machine's load moves those figures, three steadier ones:
the load average before and after, the query cost alone (``Ledger.claims`` in this process on the same
mix, wall and CPU ms per query), and the server's CPU per request (all its processes' CPU time over the
run, from /proc), which gives the rate the workers could serve with a CPU each to themselves.

The client runs on the same machine as the server, so on a small machine it takes CPU from it: the
figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
HOST = "127.0.0.1"  # loopback only, whatever the arguments
DAY0 = date(2022, 2, 24)  # bench_ledger.fill's first day (its claims span 700 days)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of ``pid`` and its child processes (uvicorn's workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:  # fields[1] is the parent's pid
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def query_cost(db: str, paths: list[str]) -> dict[str, float]:
    """Median wall and CPU ms of ``Ledger.claims`` alone on the benchmark's query mix, in this process."""
    from urllib.parse import parse_qs, urlparse

    from frontwatch.store import Ledger
    from frontwatch.web.app import _near

    def kwargs(path: str) -> dict:
        q = {k: v[0] for k, v in parse_qs(urlparse(path).query).items()}
        return {"place": q.get("place"), "near": _near(q.get("near")), "since": q.get("since"),
                "until": q.get("until"), "side": q.get("side"), "type": q.get("type"), "claimant": q.get("claimant"),
                "limit": int(q.get("limit", 100)) + 1, "offset": int(q.get("offset", 0))}

    walls, cpus = [], []
    with Ledger(db) as ledger:
        for path in paths[:20]:
            ledger.claims(**kwargs(path))
        for path in paths:
            w, c = time.perf_counter(), time.process_time()
            ledger.claims(**kwargs(path))
            walls.append(1000 * (time.perf_counter() - w))
            cpus.append(1000 * (time.process_time() - c))
    return {"wall_ms": statistics.median(walls), "cpu_ms": statistics.median(cpus),
            "cpu_mean_ms": statistics.fmean(cpus)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def queries(rng: random.Random, n: int) -> list[str]:
    """A mix of the filters the page and scripts use; dates within the synthetic ledger's 700 days."""
    out = []
    for _ in range(n):
        first = DAY0 + timedelta(days=rng.randrange(640))
        since, until = first.isoformat(), (first + timedelta(days=rng.choice([7, 30, 90]))).isoformat()
        kind = rng.randrange(5)
        if kind == 0:
            params = {"place": f"Town {rng.randrange(400)}", "since": since, "until": until}
        elif kind == 1:
            params = {"near": f"{47 + rng.random() * 4:.3f},{31 + rng.random() * 8:.3f},25", "since": since,
                      "until": until}
        elif kind == 2:
            params = {"side": rng.choice(["UA", "RU"]), "type": "shelling", "since": since, "until": until,
                      "limit": 50}
        elif kind == 3:
            params = {"place": f"Town {rng.randrange(400)}", "limit": 20, "offset": rng.choice([0, 20, 40])}
        else:
            params = {"claimant": "officials", "since": since, "until": until, "limit": 100}
        out.append("/api/claims?" + urlencode(params))
    return out


def run_load(port: int, paths: list[str], concurrency: int, seconds: float) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    cursor = iter(paths)
    deadline = time.monotonic() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        mine: list[float] = []
        bad = 0
        while time.monotonic() < deadline:
            with lock:
                path = next(cursor, None)
            if path is None:
                break
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read()
                if response.status != 200 or not body.startswith(b'{"ok":true'):
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
            mine.append(time.perf_counter() - t0)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0], time.perf_counter() - start


def wait_ready(port: int, proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/api/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not answer within its start-up time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=3000, help="at most this many requests")
    parser.add_argument("--concurrency", type=int, default=8, help="client connections")
    parser.add_argument("--seconds", type=float, default=60, help="stop sending after this long")
    parser.add_argument("--db", help="reuse this SQLite ledger (filled on the first run, kept afterwards)")
    args = parser.parse_args()

    from bench_ledger import fill

    from frontwatch.store import Ledger

    tmp = tempfile.mkdtemp(prefix="fw-bench-web-")
    db = args.db or str(Path(tmp) / "ledger.db")
    proc = None
    try:
        if Path(db).exists():
            with Ledger(db) as ledger:
                print(f"ledger: {ledger.stats()['claims']:,} claims already in {db}")
        else:
            Ledger(db, create=True).close()
            t0 = time.perf_counter()
            fill(db, args.claims)
            print(f"ledger: {args.claims:,} synthetic claims in {time.perf_counter() - t0:.1f} s ({db})")
        load_before = os.getloadavg()
        cost = query_cost(db, queries(random.Random(5), 300))
        port = free_port()
        exe = Path(sys.executable).parent / "frontwatch"
        env = {k: v for k, v in os.environ.items() if k != "FRONTWATCH_TOKEN"}
        proc = subprocess.Popen([str(exe), "serve", "--db", db, "--host", HOST, "--port", str(port),
                                 "--workers", str(args.workers)], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        wait_ready(port, proc)
        rng = random.Random(11)
        run_load(port, queries(rng, 100), args.concurrency, 30)  # warm both workers' connections and caches
        server_cpu, client_cpu = cpu_seconds(proc.pid), time.process_time()
        latencies, errors, elapsed = run_load(port, queries(rng, args.requests), args.concurrency, args.seconds)
        server_cpu, client_cpu = cpu_seconds(proc.pid) - server_cpu, time.process_time() - client_cpu
        load_after = os.getloadavg()
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    done = len(latencies)
    ms = sorted(1000 * x for x in latencies)

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, int(p / 100 * len(ms)))] if ms else float("nan")

    rate = done / elapsed if elapsed else 0.0
    per_request = 1000 * server_cpu / done if done else float("nan")
    capacity = args.workers * 1000 / per_request if done and per_request else float("nan")
    print(f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after ({os.cpu_count()} CPUs)")
    print(f"query cost alone (Ledger.claims in-process, same mix): median {cost['wall_ms']:.1f} ms wall, "
          f"{cost['cpu_ms']:.1f} ms CPU (mean {cost['cpu_mean_ms']:.1f} ms CPU)")
    print(f"GET /api/claims with filters, {args.workers} uvicorn workers, {args.concurrency} keep-alive "
          f"connections on {HOST}: {done} requests in {elapsed:.1f} s, {errors} errors")
    print(f"  {rate:.0f} requests/s (target >= 200: {rate / 200:.2f}x); latency p50 {pct(50):.1f} ms, p95 "
          f"{pct(95):.1f} ms (target < 100 ms: {pct(95) / 100:.2f}x), p99 {pct(99):.1f} ms, "
          f"max {ms[-1] if ms else float('nan'):.1f} ms")
    print(f"  server CPU {per_request:.1f} ms per request (all processes), so {capacity:.0f} requests/s with "
          f"a CPU per worker; client CPU {1000 * client_cpu / max(done, 1):.1f} ms per request")
    print(json.dumps({"requests": done, "errors": errors, "seconds": round(elapsed, 2), "rps": round(rate, 1),
                      "p50_ms": round(pct(50), 1), "p95_ms": round(pct(95), 1),
                      "mean_ms": round(statistics.fmean(ms), 1) if ms else None,
                      "rps_ratio": round(rate / 200, 3), "p95_ratio": round(pct(95) / 100, 3),
                      "load_before": round(load_before[0], 2), "load_after": round(load_after[0], 2),
                      "query_wall_ms": round(cost["wall_ms"], 2), "query_cpu_ms": round(cost["cpu_ms"], 2),
                      "server_cpu_ms_per_request": round(per_request, 2),
                      "capacity_rps": round(capacity, 1)}))


if __name__ == "__main__":
    main()
