"""The HTTP API (``frontwatch.web``): every endpoint, its bad parameters (400), unknown ids (404), the write
token (401/403), size limits (413), the one error shape, and no stack traces. The ledger is built from
hand-made reports (ledger_support), so only the POST tests load spaCy. Runs on SQLite and PostgreSQL.

The articles are ours, written in the style of wire reports.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from ledger_support import BAKHMUT, KLISHCHIIVKA, KUPIANSK, ODESA, report, reset_postgres

from frontwatch.config import Settings
from frontwatch.store import Ledger
from frontwatch.web import create_app

TOKEN = "test-token-5b1f"
WEEK = (date(2023, 7, 10), date(2023, 7, 16))
DAY = date(2023, 7, 17)
NEXT_WEEK = (date(2023, 7, 17), date(2023, 7, 23))

UA_TEXT = ("Ukrainian troops advanced about seven square kilometres near Klishchiivka over the past week, the deputy "
           "defence minister said on Monday.")
RU_TEXT = ("Russia's defence ministry said on Monday that every Ukrainian attempt to break through near Bakhmut in "
           "the past week had failed.")
UA_LATER = ("Ukrainian forces have taken back a further eleven square kilometres south of Bakhmut, the deputy defence "
            "minister said, citing gains over the past week.")
KUP_TEXT = "Russian units pressed on towards Kupiansk on Monday, the general staff in Kyiv said in its evening update."
ODESA_TEXT = "A drone attack on the port of Odesa overnight damaged a grain warehouse, the regional governor said."
# A paste for the POST tests: our own sentences, with the attribution and place the pipeline looks for.
POSTED = ("Ukraine's General Staff said on Tuesday that its forces had repelled 12 Russian attacks near the village "
          "of Klishchiivka, south of Bakhmut, over the past day. Russia's Defence Ministry said its troops had "
          "improved their positions in the same area.")


def build_ledger(url: str) -> None:
    with Ledger(url, create=True) as led:
        led.add(report(UA_TEXT, id="kyiv-daily-1", source="Kyiv Daily", published=DAY, claims=[{
            "claimant": "Hanna Maliar", "side": "UA", "kind": "person", "text": UA_TEXT,
            "events": [{"type": "advance", "actor": "UA", "place": ("Klishchiivka", KLISHCHIIVKA), "dates": WEEK,
                        "value": 7.0, "unit": "km2", "kind": "area"}]}]))
        led.add(report(RU_TEXT, id="tass-1", source="TASS", published=DAY, claims=[{
            "claimant": "Russian Defence Ministry", "side": "RU", "text": RU_TEXT,
            "events": [{"type": "repelled", "actor": "UA", "place": ("Bakhmut", BAKHMUT), "dates": WEEK}]}]))
        led.add(report(UA_LATER, id="kyiv-daily-2", source="Kyiv Daily", published=date(2023, 7, 24), claims=[{
            "claimant": "Hanna Maliar", "side": "UA", "kind": "person", "text": UA_LATER,
            "events": [{"type": "advance", "actor": "UA", "place": ("Bakhmut", BAKHMUT), "dates": NEXT_WEEK,
                        "value": 11.0, "unit": "km2", "kind": "area"}]}]))
        led.add(report(KUP_TEXT, id="ukrinform-1", source="Ukrinform", published=DAY, claims=[{
            "claimant": "General Staff", "side": "UA", "text": KUP_TEXT,
            "events": [{"type": "advance", "actor": "RU", "place": ("Kupiansk", KUPIANSK), "dates": (DAY, DAY)}]}]))
        led.add(report(ODESA_TEXT, id="odesa-1", source="Black Sea Post", published=DAY, claims=[{
            "claimant": "Odesa governor", "side": "UA", "text": ODESA_TEXT,
            "events": [{"type": "strike", "actor": "RU", "place": ("Odesa", ODESA), "dates": (DAY, DAY)}]}]))


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite ledger the read-only tests share (PostgreSQL: test_web_api_on_postgresql)."""
    url = str(tmp_path_factory.mktemp("web") / "ledger.db")
    build_ledger(url)
    return url


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A fresh SQLite ledger for tests that write or patch."""
    url = str(tmp_path / "ledger.db")
    build_ledger(url)
    return url


def make_client(db: str, token: str | None = TOKEN, **web: object) -> TestClient:
    settings = Settings.load(env={}).replace("web", **web) if web else Settings.load(env={})
    return TestClient(create_app(settings, db, token=token or ""), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(shared_db: str) -> Iterator[TestClient]:
    with make_client(shared_db) as c:
        yield c


def assert_error(r: httpx.Response, status: int, words: str = "") -> dict:
    """The one error shape, and nothing that looks like a stack trace."""
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"ok", "status", "error", "errors"}, body
    assert body["ok"] is False and body["status"] == status and isinstance(body["errors"], list)
    assert body["error"] and words.lower() in body["error"].lower(), body["error"]
    assert "Traceback" not in r.text and 'File "' not in r.text
    return body


# -- reading --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/api/health"])
def test_web_api_health_counts_the_ledger(client: TestClient, path: str) -> None:
    body = client.get(path).json()
    assert body["ok"] is True and body["writes_enabled"] is True
    assert body["counts"]["articles"] == 5 and body["counts"]["claims"] == 5


@pytest.mark.parametrize("query,claim_ids", [
    ("", {"kyiv-daily-1-c0", "tass-1-c0", "kyiv-daily-2-c0", "ukrinform-1-c0", "odesa-1-c0"}),
    ("side=RU", {"tass-1-c0"}),
    ("side=ua&type=advance", {"kyiv-daily-1-c0", "kyiv-daily-2-c0", "ukrinform-1-c0"}),
    ("place=Bakhmut", {"tass-1-c0", "kyiv-daily-2-c0"}),
    ("claimant=maliar", {"kyiv-daily-1-c0", "kyiv-daily-2-c0"}),
    ("text=drone warehouse", {"odesa-1-c0"}),
    ("since=2023-07-17&until=2023-07-17", {"kyiv-daily-2-c0", "ukrinform-1-c0", "odesa-1-c0"}),
    ("near=46.5,30.7,20", {"odesa-1-c0"}),
])
def test_web_api_claims_filters_like_the_cli(client: TestClient, shared_db: str, query: str, claim_ids: set[str]) -> None:
    body = client.get(f"/api/claims?{query}").json()
    assert {r["claim_id"] for r in body["claims"]} == claim_ids
    # the same Ledger query the CLI runs gives the same rows
    params = dict(p.split("=") for p in query.split("&") if p)
    if "near" in params:
        params["near"] = tuple(float(x) for x in params["near"].split(","))
    with Ledger(shared_db) as led:
        assert body["claims"] == list(led.claims(**params, limit=100))


@pytest.mark.parametrize("limit", [2])
def test_web_api_claims_pages_in_a_stable_order(client: TestClient, limit: int) -> None:
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = client.get(f"/api/claims?limit={limit}&offset={offset}").json()
        assert page["limit"] == limit and page["count"] == len(page["claims"]) <= limit
        seen += [r["claim_id"] for r in page["claims"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == 5
    whole = client.get("/api/claims?limit=100").json()["claims"]
    assert [r["claim_id"] for r in whole] == seen
    # newest first: by the claim's date, then claim id
    assert [(r["stated"], r["claim_id"]) for r in whole] == sorted(((r["stated"], r["claim_id"]) for r in whole),
                                                                  key=lambda k: (-date.fromisoformat(k[0]).toordinal(), k[1]))


@pytest.mark.parametrize("query,words", [
    ("limit=0", "limit"), ("limit=abc", "limit"), ("limit=100000", "at most"), ("offset=-1", "offset"),
    ("since=2023-13-45", "since"), ("until=yesterday", "until"), ("since=2023-07-20&until=2023-07-01", "after"),
    ("near=48,38", "near"), ("near=91,38,10", "latitude"), ("near=48,38,10&place=Bakhmut", "not both"),
    ("place=" + "x" * 500, "place"),
])
def test_web_api_claims_bad_parameters_are_400(client: TestClient, query: str, words: str) -> None:
    assert_error(client.get(f"/api/claims?{query}"), 400, words)


@pytest.mark.parametrize("claim_id", ["tass-1-c0"])
def test_web_api_claim_by_id(client: TestClient, claim_id: str) -> None:
    body = client.get(f"/api/claims/{claim_id}").json()
    assert body["kind"] == "claim" and body["id"] == claim_id and body["claimant"]["side"] == "RU"
    assert body["article"]["external_id"] == "tass-1" and body["incidents"]
    assert_error(client.get("/api/claims/no-such-claim"), 404, "no-such-claim")
    assert_error(client.get("/api/claims/kyiv-daily-1"), 404)  # an article id is not a claim


@pytest.mark.parametrize("contradicted", [False, True])
def test_web_api_incidents_carry_contradictions_and_updates(client: TestClient, contradicted: bool) -> None:
    body = client.get(f"/api/incidents?contradicted={str(contradicted).lower()}").json()
    found = body["incidents"]
    assert found and all({"contradictions", "updates", "articles", "claim_ids"} <= set(i) for i in found)
    assert all(i["contradicted"] for i in found) if contradicted else len(found) >= 3
    bakhmut = next(i for i in found if "tass-1" in i["articles"])
    assert bakhmut["contradicted"] and bakhmut["contradictions"]
    assert {"UA", "RU"} <= set(bakhmut["asserted_by"]) | set(bakhmut["denied_by"])
    one = client.get(f"/api/incidents/{bakhmut['id']}").json()
    assert one["kind"] == "incident" and {c["claimant"]["side"] for c in one["claims"]} >= {"UA", "RU"}
    assert all("span" in c and "article" in c for c in one["claims"])


@pytest.mark.parametrize("path,status", [("/api/incidents/9999", 404), ("/api/incidents/abc", 400),
                                         ("/api/incidents/0", 400), ("/api/incidents?contradicted=maybe", 400),
                                         ("/api/incidents?limit=-3", 400)])
def test_web_api_incident_errors(client: TestClient, path: str, status: int) -> None:
    assert_error(client.get(path), status)


@pytest.mark.parametrize("place_id", ["gn:bakhmut"])
def test_web_api_place_and_its_claims(client: TestClient, place_id: str) -> None:
    body = client.get(f"/api/places/{place_id}").json()
    assert body["place"]["name"] == "Bakhmut" and body["place"]["lat"] == pytest.approx(48.595)
    assert body["place"]["claims"] == 2
    assert {r["claim_id"] for r in body["claims"]} == {"tass-1-c0", "kyiv-daily-2-c0"}
    assert_error(client.get("/api/places/gn:atlantis"), 404, "atlantis")
    assert_error(client.get("/api/places/" + "x" * 300), 400, "200 characters")
    assert_error(client.get(f"/api/places/{place_id}?limit=0"), 400, "limit")


@pytest.mark.parametrize("article_id", ["kyiv-daily-1"])
def test_web_api_article_text_and_spans(client: TestClient, article_id: str) -> None:
    body = client.get(f"/api/articles/{article_id}").json()
    assert body["text"] == UA_TEXT
    start, end = body["claims"][0]["span"]
    assert body["text"][start:end] == UA_TEXT
    assert_error(client.get("/api/articles/not-stored"), 404)


@pytest.mark.parametrize("path", ["/api/export.geojson"])
def test_web_api_export_geojson(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.headers["content-type"].startswith("application/geo+json")
    body = r.json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 5
    odesa = next(f for f in body["features"] if f["properties"]["location"] == "Odesa")
    assert odesa["geometry"]["coordinates"] == [30.74, 46.48]  # GeoJSON is lon, lat


@pytest.mark.parametrize("by,expected", [
    ("week", [{"period": "2023-07-10", "side": "UA", "km2": 7.0, "claims": 1},
              {"period": "2023-07-17", "side": "UA", "km2": 11.0, "claims": 1}]),
    ("month", [{"period": "2023-07-01", "side": "UA", "km2": 18.0, "claims": 2}]),
])
def test_web_api_claimed_area_per_side(client: TestClient, by: str, expected: list) -> None:
    assert client.get(f"/api/stats/area?by={by}").json()["series"] == expected
    assert client.get(f"/api/stats/area?by={by}&side=RU").json()["series"] == []
    assert_error(client.get("/api/stats/area?by=fortnight"), 400, "by must be")


# -- writing --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("headers,status,words", [
    ({}, 401, "token"),
    ({"Authorization": "Bearer wrong"}, 401, "wrong"),
    ({"Authorization": "Basic " + TOKEN}, 401, "token"),
])
def test_web_api_post_needs_the_token(db: str, headers: dict, status: int, words: str) -> None:
    with make_client(db) as client:
        r = client.post("/api/articles", json={"text": POSTED}, headers=headers)
        assert_error(r, status, words)
        assert r.headers["www-authenticate"] == "Bearer"
        assert client.get("/api/health").json()["counts"]["articles"] == 5


@pytest.mark.parametrize("token", [None, ""])
def test_web_api_writes_disabled_without_a_token(db: str, monkeypatch: pytest.MonkeyPatch, token: str | None) -> None:
    monkeypatch.delenv("FRONTWATCH_TOKEN", raising=False)
    with TestClient(create_app(Settings.load(env={}), db, token=token), raise_server_exceptions=False) as c:
        assert c.get("/api/config").json()["writes_enabled"] is False
        assert_error(c.post("/api/articles", json={"text": POSTED}, headers={"Authorization": "Bearer x"}), 403,
                     "FRONTWATCH_TOKEN")


@pytest.mark.parametrize("max_body", [1000])
def test_web_api_oversize_bodies_are_413(db: str, max_body: int) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with make_client(db, max_body_bytes=max_body, max_article_chars=300) as c:
        assert_error(c.post("/api/articles", json={"text": "x" * 2000}, headers=auth), 413, "larger than")
        # a streamed body without Content-Length is counted as it arrives
        chunks = iter([b'{"text": "', b"y" * 800, b"z" * 800, b'"}'])
        r = c.post("/api/articles", content=chunks, headers={**auth, "Content-Type": "application/json"})
        assert_error(r, 413, "larger than")
        # within the body limit but over the article limit
        assert_error(c.post("/api/articles", json={"text": "w " * 200}, headers=auth), 413, "article longer")
        # unauthenticated oversize bodies are refused before anything reads them
        assert_error(c.post("/api/articles", content=b"q" * 5000, headers={"Content-Type": "text/plain"}), 413)


@pytest.mark.parametrize("kwargs,status,words", [
    ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 400, "not valid JSON"),
    ({"json": ["a list"]}, 400, "JSON object"),
    ({"json": {"title": "no text"}}, 400, "text"),
    ({"json": {"text": ""}}, 400, "text"),
    ({"json": {"text": "Some text.", "published": "17/07/2023"}}, 400, "published"),
    ({"content": b"text=hello", "headers": {"Content-Type": "text/csv"}}, 415, "application/json"),
])
def test_web_api_post_bad_bodies(client: TestClient, kwargs: dict, status: int, words: str) -> None:
    kwargs = dict(kwargs)
    headers = {"Authorization": f"Bearer {TOKEN}", **kwargs.pop("headers", {})}
    assert_error(client.post("/api/articles", headers=headers, **kwargs), status, words)


@pytest.mark.slow
@pytest.mark.parametrize("as_form", [False, True])
def test_web_api_post_analyses_and_stores_an_article(db: str, pipeline, as_form: bool) -> None:  # type: ignore[no-untyped-def]
    settings = Settings.load(env={})
    with TestClient(create_app(settings, db, token=TOKEN, pipeline=pipeline), raise_server_exceptions=False) as c:
        fields = {"text": POSTED, "published": "2023-07-18", "source": "Test Wire", "id": "test-wire-1"}
        auth = {"Authorization": f"Bearer {TOKEN}"}
        r = c.post("/api/articles", data=fields, headers=auth) if as_form else \
            c.post("/api/articles", json=fields, headers=auth)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["status"] == "new" and body["article"]["external_id"] == "test-wire-1"
        claims = body["article"]["claims"]
        assert {c["claimant"]["side"] for c in claims} >= {"UA", "RU"}
        # stored: the claims endpoint finds them, and posting again is a duplicate (200)
        stored = c.get("/api/claims?claimant=general staff").json()["claims"]
        assert any(row["article"] == "test-wire-1" for row in stored)
        again = c.post("/api/articles", json=fields, headers=auth)
        assert again.status_code == 200 and again.json()["status"] == "duplicate"
        # text the pipeline cannot analyse is 422 with the error shape
        assert_error(c.post("/api/articles", json={"text": "Dies ist kein englischer Text, sondern ein deutscher "
                                                            "Satz über das Wetter in Berlin und München."},
                            headers=auth), 422, "analysed")


@pytest.mark.parametrize("backend", ["postgresql"])
def test_web_api_on_postgresql(backend: str) -> None:
    """The same endpoints over the test PostgreSQL server (skipped on a bare clone without one; CI has one)."""
    ledger_url = reset_postgres()
    build_ledger(ledger_url)
    with make_client(ledger_url) as c:
        assert {r["claim_id"] for r in c.get("/api/claims?place=Bakhmut").json()["claims"]} == \
            {"tass-1-c0", "kyiv-daily-2-c0"}
        assert [r["claim_id"] for r in c.get("/api/claims?text=drone warehouse").json()["claims"]] == ["odesa-1-c0"]
        page = c.get("/api/claims?limit=2&offset=2").json()
        assert page["count"] == 2 and page["next_offset"] == 4
        contested = c.get("/api/incidents?contradicted=true").json()["incidents"]
        assert contested and c.get(f"/api/incidents/{contested[0]['id']}").json()["claims"]
        assert c.get("/api/places/gn:bakhmut").json()["place"]["claims"] == 2
        assert c.get("/api/stats/area?by=month").json()["series"][0]["km2"] == 18.0
        assert len(c.get("/api/export.geojson").json()["features"]) == 5
        assert_error(c.get("/api/incidents/9999"), 404)
        assert_error(c.get("/api/claims?since=nope"), 400)


# -- the shape of everything else ---------------------------------------------------------------------------
@pytest.mark.parametrize("method,path,status", [("GET", "/api/nothing-here", 404), ("DELETE", "/api/claims", 405),
                                                ("PUT", "/api/articles", 405)])
def test_web_api_unknown_routes_use_the_error_shape(client: TestClient, method: str, path: str, status: int) -> None:
    assert_error(client.request(method, path), status)


@pytest.mark.parametrize("secret", ["db password is hunter2"])
def test_web_api_unexpected_errors_show_no_internals(db: str, secret: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with make_client(db) as c:
        def broken() -> None:
            raise RuntimeError(secret)

        monkeypatch.setattr(c.app.state.ledger, "stats", broken)  # type: ignore[attr-defined]
        r = c.get("/api/health")
        assert_error(r, 500, "internal error")
        assert secret not in r.text and "RuntimeError" not in r.text


@pytest.mark.parametrize("origin", ["https://elsewhere.example"])
def test_web_api_cors_is_off_unless_configured(db: str, origin: str) -> None:
    preflight = {"Origin": origin, "Access-Control-Request-Method": "POST"}
    with make_client(db) as c:
        assert "access-control-allow-origin" not in c.get("/api/health", headers={"Origin": origin}).headers
        assert "access-control-allow-origin" not in c.options("/api/articles", headers=preflight).headers
    with make_client(db, cors_origins=origin) as c:
        assert c.get("/api/health", headers={"Origin": origin}).headers["access-control-allow-origin"] == origin


@pytest.mark.parametrize("path", ["/"])
def test_web_api_page_docs_and_security_headers(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200 and "frontwatch" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert page.headers["x-content-type-options"] == "nosniff"
    spec = client.get("/openapi.json").json()
    for endpoint in ["/api/claims", "/api/claims/{claim_id}", "/api/incidents", "/api/incidents/{incident_id}",
                     "/api/places/{place_id}", "/api/export.geojson", "/api/stats/area", "/api/articles",
                     "/api/health"]:
        assert endpoint in spec["paths"], endpoint
    assert "post" in spec["paths"]["/api/articles"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/openapi.json" in docs.text and "cdn." not in docs.text
    assert client.get("/vendor/leaflet/leaflet.js").status_code == 200


@pytest.mark.parametrize(("path", "schema"), [("/api/claims?limit=2", "ClaimsPage"),
                                               ("/api/claims?since=2023-07-01&claimant=maliar", "ClaimsPage"),
                                               ("/api/places/gn:bakhmut", "PlacePage")])
def test_web_api_answers_match_their_published_schemas(client: TestClient, path: str, schema: str) -> None:
    """Claims go out as pre-encoded JSON, not through their Pydantic models; the models in the OpenAPI
    description must still say what is sent (every field, its type, nothing extra)."""
    import jsonschema

    spec = client.get("/openapi.json").json()
    answer = client.get(path).json()
    assert answer["claims"], path
    base = path.split("?")[0].replace("gn:bakhmut", "{place_id}")
    assert spec["paths"][base]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": f"#/components/schemas/{schema}"}
    jsonschema.validate(answer, {"$ref": f"#/components/schemas/{schema}", "components": spec["components"]})
    row = spec["components"]["schemas"]["ClaimRow"]
    assert set(row["properties"]) == set(answer["claims"][0]) and set(row["required"]) == set(answer["claims"][0])


def test_web_api_routes_hold_no_sql() -> None:
    """The HTTP layer is thin: queries live in the Ledger, not in route functions."""
    web = Path(__file__).resolve().parent.parent / "src" / "frontwatch" / "web"
    for module in web.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"\bsqlalchemy\b|\.execute\(|\bselect\(|\bSELECT\b", source), module.name


# -- `frontwatch serve` ----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("workers", [1, 2])
def test_web_serve_command_serves_the_ledger(tmp_path: Path, workers: int) -> None:
    db = str(tmp_path / "served.db")
    build_ledger(db)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "FRONTWATCH_TOKEN"}
    proc = subprocess.Popen([str(Path(sys.executable).parent / "frontwatch"), "serve", "--db", db, "--port", str(port),
                             "--workers", str(workers)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    try:
        deadline = time.monotonic() + 120  # workers start slowly on a loaded machine
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()  # first: reading the server's stderr while it runs would wait forever
                    pytest.fail(f"the server did not answer: {proc.communicate(timeout=20)[1]}")
                time.sleep(0.3)
        assert r.json()["counts"]["claims"] == 5 and r.json()["writes_enabled"] is False
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in out
    assert "writes disabled" in err


@pytest.mark.parametrize("args,words", [(["--db", "postgresql://nobody@127.0.0.1:1/none"], "PostgreSQL"),
                                        (["--port", "70000"], "port")])
def test_web_serve_command_refuses_bad_options(args: list[str], words: str) -> None:
    r = subprocess.run([str(Path(sys.executable).parent / "frontwatch"), "serve", *args], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode in (2, 3) and words in r.stderr
