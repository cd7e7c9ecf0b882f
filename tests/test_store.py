"""The ledger store on SQLite and PostgreSQL: schema, idempotent writes, syndication, incremental
reconciliation, queries and failures. Reports are built by hand (ledger_support), so no spaCy here."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from ledger_support import BAKHMUT, KLISHCHIIVKA, KUPIANSK, ODESA, report
from sqlalchemy import select, text

from frontwatch.errors import InputError, StorageError
from frontwatch.reconcile import Reconciler, events_from_report, reconcile_all
from frontwatch.store import Ledger
from frontwatch.store.schema import articles, claims, incidents
from frontwatch.store.writer import load_members

WIRE = ("Ukrainian forces pushed forward on the southern flank of Bakhmut over the past week, the deputy defence "
        "minister said on Monday, adding that troops had taken back about seven square kilometres of fields and "
        "tree lines near the village of Klishchiivka. She said fighting remained heavy and that Russian units had "
        "brought up reserves from the north. The ministry did not publish maps of the new positions, and the "
        "figures could not be independently verified. Military analysts said the gains were small but showed "
        "that pressure on the flanks of the ruined city was continuing into the summer.")
COPY = WIRE.replace("on Monday", "on Monday in Kyiv") + " Reporting by our correspondent."
REPELLED = ("Russia's defence ministry said on Monday that every attempt by Ukrainian units to break through near "
            "Bakhmut in the past week had failed, and that its forces held all their positions on the flanks.")
ODESA_TEXT = "A drone attack on the port of Odesa overnight damaged a grain warehouse, the regional governor said."
WEEK = (date(2023, 7, 10), date(2023, 7, 16))
DAY = date(2023, 7, 17)


def ua_advance(id: str, text: str, source: str) -> object:
    return report(text, id=id, source=source, published=DAY, claims=[{
        "claimant": "Hanna Maliar", "side": "UA", "kind": "person",
        "events": [{"type": "advance", "actor": "UA", "place": ("Klishchiivka", KLISHCHIIVKA), "dates": WEEK,
                    "value": 7.0, "unit": "km2", "kind": "area"}]}])


def ru_repelled(id: str = "tass-1") -> object:
    return report(REPELLED, id=id, source="TASS", published=DAY, claims=[{
        "claimant": "Russian Defence Ministry", "side": "RU",
        "events": [{"type": "repelled", "actor": "UA", "place": ("Bakhmut", BAKHMUT), "dates": WEEK}]}])


def odesa_strike(id: str = "odesa-1", text: str = ODESA_TEXT, source: str = "Black Sea Post") -> object:
    return report(text, id=id, source=source, published=DAY, claims=[{
        "claimant": "Odesa governor", "side": "UA",
        "events": [{"type": "strike", "actor": "RU", "place": ("Odesa", ODESA), "dates": (DAY, DAY)}]}])


@pytest.fixture
def ledger(ledger_url):  # type: ignore[no-untyped-def]
    with Ledger(ledger_url, create=True) as led:
        yield led


def test_new_ledger_is_created_at_the_current_schema(ledger: Ledger) -> None:
    with ledger.engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    from frontwatch.store.db import head_revision

    assert version == head_revision()
    assert ledger.stats() == {"articles": 0, "claims": 0, "events": 0, "incidents": 0, "failures": 0}


def test_reingesting_the_same_text_changes_nothing(ledger: Ledger) -> None:
    assert ledger.add(ua_advance("kyiv-1", WIRE, "Kyiv Daily")) is True
    before = ledger.stats()
    with ledger.engine.connect() as conn:
        summary = conn.execute(select(incidents.c.summary, incidents.c.updated)).all()
    assert ledger.add(ua_advance("kyiv-1", WIRE, "Kyiv Daily")) is False
    # the same text under another id is still the same article (idempotent by content hash)
    assert ledger.add(ua_advance("other-id", WIRE, "Kyiv Daily")) is False
    assert ledger.stats() == before
    with ledger.engine.connect() as conn:
        assert conn.execute(select(incidents.c.summary, incidents.c.updated)).all() == summary
        stored = conn.execute(select(articles.c.text, articles.c.external_id, articles.c.content_hash)).one()
    assert stored.text == WIRE and stored.external_id == "kyiv-1" and stored.content_hash.startswith("sha256:")


def test_another_text_under_a_used_external_id_joins_the_stored_incident(ledger: Ledger) -> None:
    """A corrected story re-sent under the id of one already stored: a new article whose claim ids repeat the
    stored ones. The repeated claim and event are kept as first stored; its new claim's event has the stored
    event as a candidate member and joins its incident (this path once crashed on its decoded-event cache)."""
    assert ledger.add(odesa_strike()) is True
    corrected = report(ODESA_TEXT + " The governor later said a second warehouse had burned.", id="odesa-1",
                       source="Black Sea Post", published=DAY, claims=[
                           {"claimant": "Odesa governor", "side": "UA",
                            "events": [{"type": "strike", "actor": "RU", "place": ("Odesa", ODESA), "dates": (DAY, DAY)}]},
                           {"claimant": "Regional police", "side": "UA", "text": "Police said the fire was put out.",
                            "events": [{"type": "strike", "actor": "RU", "place": ("Odesa", ODESA), "dates": (DAY, DAY)}]},
                       ])
    assert ledger.add(corrected) is True
    assert ledger.stats() == {"articles": 2, "claims": 2, "events": 2, "incidents": 1, "failures": 0}
    (incident,) = ledger.incidents()
    assert sorted(incident["claim_ids"]) == ["odesa-1-c0", "odesa-1-c1"]
    # idempotent again, in this process and in a new one (no caches)
    assert ledger.add(corrected) is False
    with Ledger(ledger.url.render_as_string(hide_password=False)) as fresh:
        assert fresh.add(corrected) is False
        third = report(ODESA_TEXT + " Two people were hurt.", id="odesa-1", source="Port News", published=DAY,
                       claims=[{"claimant": "Odesa governor", "side": "UA", "events": [
                           {"type": "strike", "actor": "RU", "place": ("Odesa", ODESA), "dates": (DAY, DAY)}] * n}
                           for n in (2, 1, 1)])
        assert fresh.add(third) is True
        (incident,) = fresh.incidents()
        assert sorted(incident["claim_ids"]) == ["odesa-1-c0", "odesa-1-c1", "odesa-1-c2"]
        assert fresh.stats()["events"] == 4
        # the stored first claim gained the new text's second event: its row count says so (migration 0008)
        with fresh.engine.connect() as conn:
            counts = dict(conn.execute(select(claims.c.id, claims.c.event_count)).all())
        assert counts == {"odesa-1-c0": 2, "odesa-1-c1": 1, "odesa-1-c2": 1}
        assert [r["event_id"] for r in fresh.claims()] == ["odesa-1-c0:0", "odesa-1-c0:1", "odesa-1-c1:0",
                                                           "odesa-1-c2:0"]


def test_a_syndicated_copy_counts_once(ledger: Ledger) -> None:
    ledger.add(ua_advance("kyiv-1", WIRE, "Kyiv Daily"))
    ledger.add(ua_advance("reprint-1", COPY, "Reprint Times"))
    (incident,) = ledger.incidents()
    assert sorted(incident["articles"]) == ["kyiv-1", "reprint-1"]
    assert incident["corroboration"] == 1
    assert ledger.show("reprint-1")["syndicate"] == "kyiv-1"
    # an independently written report of the same event is a second source
    ledger.add(ua_advance("own-1", "Troops advanced near Klishchiivka this week, the deputy minister said.", "Own"))
    (incident,) = ledger.incidents()
    assert incident["corroboration"] == 2


def test_opposing_claims_make_one_contradicted_incident(ledger: Ledger) -> None:
    ledger.add(ru_repelled())
    ledger.add(ua_advance("kyiv-1", WIRE, "Kyiv Daily"))
    ledger.add(odesa_strike())
    found = ledger.incidents()
    assert [i["contradicted"] for i in found] == [True, False]  # contradicted first
    first = found[0]
    assert sorted(first["articles"]) == ["kyiv-1", "tass-1"]
    assert first["contradictions"] and first["contradictions"][0]["reason"] == "polarity"
    assert sorted(first["claim_ids"]) == ["kyiv-1-c0", "tass-1-c0"]
    assert [i["articles"] for i in ledger.incidents(contradicted=True)] == [first["articles"]]


def test_incremental_store_matches_the_in_memory_reconciler(ledger: Ledger) -> None:
    reports = [ru_repelled(), ua_advance("kyiv-1", WIRE, "Kyiv Daily"), odesa_strike(),
               ua_advance("own-1", "Troops advanced near Klishchiivka this week, the deputy minister said.", "Own"),
               odesa_strike("odesa-2", ODESA_TEXT + " Two people were hurt.", "Port News")]
    for r in reports:
        ledger.add(r)
    expected = reconcile_all([e for r in reports for e in events_from_report(r)])
    got = {tuple(sorted(i["claim_ids"])) for i in ledger.incidents()}
    want = {tuple(sorted({e.claim_id for e in members})) for members in expected.values()}
    assert got == want


def test_stored_summaries_are_whole_summaries_even_after_a_stale_tally(ledger: Ledger) -> None:
    """Summaries are updated incrementally from the ledger's tallies; they must equal a summary of all the
    stored members, also when a tally has fallen out of step with the database (another process, a rollback)."""
    first = [ru_repelled(), ua_advance("kyiv-1", WIRE, "Kyiv Daily"), odesa_strike()]
    for r in first:
        ledger.add(r)
    bakhmut = next(i["id"] for i in ledger.incidents() if "tass-1" in i["articles"])
    ledger._tallies[bakhmut].add(events_from_report(ru_repelled("ghost-1")))  # members the database never got
    for r in [ua_advance("own-1", "Troops advanced near Klishchiivka this week, the deputy minister said.", "Own"),
              odesa_strike("odesa-2", ODESA_TEXT + " Two people were hurt.", "Port News")]:
        ledger.add(r)
    with ledger.engine.connect() as conn:
        stored = {row.id: row.summary for row in conn.execute(select(incidents.c.id, incidents.c.summary))}
        members = load_members(conn, sorted(stored))
    assert [m.article_id for m in members[bakhmut]] == ["tass-1", "kyiv-1", "own-1"]
    for iid, summary in stored.items():
        assert summary == Reconciler().summarize(members[iid]).to_dict(), iid


def test_an_unrelated_article_leaves_other_incidents_untouched(ledger: Ledger) -> None:
    ledger.add(ru_repelled())
    with ledger.engine.connect() as conn:
        before = conn.execute(select(incidents.c.id, incidents.c.updated, incidents.c.summary)).all()
    ledger.add(odesa_strike())
    with ledger.engine.connect() as conn:
        after = conn.execute(select(incidents.c.id, incidents.c.updated, incidents.c.summary)
                             .where(incidents.c.id == before[0].id)).all()
    assert after == before


def test_claim_queries(ledger: Ledger) -> None:
    ledger.add(ru_repelled())
    ledger.add(ua_advance("kyiv-1", WIRE, "Kyiv Daily"))
    ledger.add(odesa_strike())
    ledger.add(report("Shelling hit Kupiansk on Friday, officials said.", id="kup-1", source="Kharkiv Today",
                      published=date(2023, 8, 5), claims=[{"claimant": "Kharkiv officials", "side": "UA", "events": [
                          {"type": "shelling", "actor": "RU", "place": ("Kupiansk", KUPIANSK),
                           "dates": (date(2023, 8, 4), date(2023, 8, 4))}]}]))

    def ids(rows: list) -> list[str]:
        return sorted({r["claim_id"] for r in rows})

    assert ids(ledger.claims(place="bakhmut")) == ["tass-1-c0"]
    assert ids(ledger.claims(place="Klishchiivka", since="2023-07-01", until="2023-07-31")) == ["kyiv-1-c0"]
    assert ids(ledger.claims(near=(48.56, 37.99, 10))) == ["kyiv-1-c0", "tass-1-c0"]
    assert ids(ledger.claims(since="2023-08-01")) == ["kup-1-c0"]
    assert ids(ledger.claims(until="2023-07-31", side="ru")) == ["tass-1-c0"]
    assert ids(ledger.claims(type="strike")) == ["odesa-1-c0"]
    assert ids(ledger.claims(claimant="maliar")) == ["kyiv-1-c0"]
    assert ids(ledger.claims(text="grain warehouse")) == ["odesa-1-c0"]
    assert ids(ledger.claims(text="warehouse bakhmut")) == []
    rows = ledger.claims(place="Kupiansk")
    assert rows[0]["incident_id"] is not None and rows[0]["start"] == "2023-08-04"
    frame = rows.to_pandas()
    assert list(frame["claim_id"]) == ["kup-1-c0"]
    with pytest.raises(InputError, match="since"):
        ledger.claims(since="last week")


def test_show_incident_claim_and_article(ledger: Ledger) -> None:
    ledger.add(ru_repelled())
    incident_id = ledger.incidents()[0]["id"]
    shown = ledger.show(f"I{incident_id}")
    assert shown["kind"] == "incident" and shown["claims"][0]["claimant"]["name"] == "Russian Defence Ministry"
    claim = ledger.show("tass-1-c0")
    assert claim["kind"] == "claim" and claim["incidents"] == [incident_id] and claim["article"]["source"] == "TASS"
    article = ledger.show("tass-1")
    assert article["kind"] == "article" and article["text"] == REPELLED and len(article["claims"]) == 1
    with pytest.raises(InputError, match="no-such"):
        ledger.show("no-such")


def test_failures_are_recorded_once(ledger: Ledger) -> None:
    ledger.record_failure("feed.xml#3", "item has no summary")
    ledger.record_failure("feed.xml#3", "item has no summary")
    assert [f["origin"] for f in ledger.failures()] == ["feed.xml#3"]


def test_a_newer_schema_is_refused(ledger_url: str) -> None:
    Ledger(ledger_url, create=True).close()
    led = Ledger(ledger_url)
    with led.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    led.close()
    with pytest.raises(StorageError, match="newer than this frontwatch"):
        Ledger(ledger_url)
    with pytest.raises(StorageError, match="newer than this frontwatch"):
        Ledger.upgrade_database(ledger_url)


def test_upgrade_is_idempotent(ledger_url: str) -> None:
    before, after = Ledger.upgrade_database(ledger_url)
    assert before is None
    assert Ledger.upgrade_database(ledger_url) == (after, after)


def test_claims_come_newest_first_and_pages_join_up(ledger: Ledger) -> None:
    """Newest first by the claim's date (stated, else published), then claim id and event position; a date
    window also finds long events that began well before it; pages of any size add up to the whole."""
    def shelling(id: str, day: date, dates: tuple[date, date] | None, side: str = "UA",
                 who: str = "Regional officials") -> object:
        event = {"type": "shelling", "actor": "RU", "place": ("Kupiansk", KUPIANSK)} | ({"dates": dates} if dates else {})
        return report(f"Shelling hit Kupiansk again, officials said ({id}).", id=id, source="Kharkiv Today",
                      published=day, claims=[{"claimant": who, "side": side, "events": [event]}])

    june, july = date(2023, 6, 1), date(2023, 7, 1)
    ledger.add(shelling("a", date(2023, 6, 3), (date(2023, 6, 2), date(2023, 6, 2))))
    ledger.add(shelling("b", date(2023, 6, 20), (date(2023, 6, 19), date(2023, 6, 19)), side="RU"))
    ledger.add(shelling("c", date(2023, 6, 20), (date(2023, 6, 18), date(2023, 6, 18))))
    # a campaign of four months told in July: it began long before the window below, and still overlaps it
    ledger.add(shelling("d", date(2023, 7, 5), (date(2023, 3, 1), date(2023, 6, 30)), who="The general staff"))
    ledger.add(shelling("e", date(2023, 5, 1), (date(2023, 4, 30), date(2023, 4, 30))))
    ledger.add(shelling("f", date(2023, 8, 1), None))  # no time of its own: its claim's date

    def ids(rows: list) -> list[str]:
        return [r["claim_id"] for r in rows]

    window = ids(ledger.claims(since=june, until=date(2023, 6, 30)))
    assert window == ["d-c0", "b-c0", "c-c0", "a-c0"]
    assert ids(ledger.claims()) == ["f-c0", "d-c0", "b-c0", "c-c0", "a-c0", "e-c0"]
    assert ids(ledger.claims(since=july)) == ["f-c0"]
    assert ids(ledger.claims(until=date(2023, 5, 31))) == ["d-c0", "e-c0"]
    assert ids(ledger.claims(since=june, until=date(2023, 6, 30), side="ru")) == ["b-c0"]
    assert ids(ledger.claims(since=june, claimant="officials")) == ["f-c0", "b-c0", "c-c0", "a-c0"]
    for kw in ({"since": june, "until": date(2023, 6, 30)}, {"since": june, "claimant": "officials"},
               {"place": "Kupiansk"}, {"near": (49.71, 37.61, 5.0)}, {}):
        whole = ids(ledger.claims(**kw))
        for size in (1, 2, 3):
            pages = [ids(ledger.claims(**kw, limit=size, offset=k)) for k in range(0, len(whole) + size, size)]
            assert sum(pages, []) == whole, (kw, size)
    if ledger.url.get_backend_name() == "sqlite":  # the long part of a window is read from its partial index
        from frontwatch.store.schema import events

        query = select(events.c.id).where(ledger._long(), events.c.end >= june)
        sql = str(query.compile(ledger.engine, compile_kwargs={"literal_binds": True}))
        with ledger.engine.connect() as conn:
            assert "ix_events_long" in str(conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).all())


def test_an_older_ledger_is_upgraded_in_place_with_its_data(ledger_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from frontwatch.store import db
    from frontwatch.store.schema import events

    with Ledger(ledger_url, create=True) as led:
        led.add(ru_repelled())
        with led.engine.begin() as conn:  # back to the first schema, as a ledger written before 0002
            command.downgrade(db._alembic(conn), "0001")
    with pytest.raises(StorageError, match="older ledger schema: run `frontwatch db upgrade"):
        Ledger(ledger_url)
    before, after = Ledger.upgrade_database(ledger_url)
    assert (before, after) == ("0001", db.head_revision())
    with Ledger(ledger_url) as led:
        assert led.stats()["articles"] == 1 and led.add(odesa_strike())
        with led.engine.connect() as conn:
            stored = {ix["name"] for ix in inspect(conn).get_indexes("events")}
            claim_indexes = {ix["name"] for ix in inspect(conn).get_indexes("claims")}
        # 0005 gave the claim stored before it its date (stated, else its article's publication)
        dated = dict(led.engine.connect().execute(select(claims.c.id, claims.c.dated)).all())
        counts = dict(led.engine.connect().execute(select(claims.c.id, claims.c.event_count)).all())
    assert dated == {"tass-1-c0": DAY, "odesa-1-c0": DAY}
    assert counts == {"tass-1-c0": 1, "odesa-1-c0": 1}  # 0008 counted the events of the claim stored before it
    # the migrations build every index the code declares, and 0009 dropped those no query reads
    assert {ix.name for ix in events.indexes} <= stored
    assert not stored & {"ix_events_start_end", "ix_events_place_start"}
    assert "ix_claims_claimant_side" not in claim_indexes


def test_claims_pages_match_a_plain_filter_of_every_claim(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every path of Ledger.claims (the newest-first walk and the out-of-step events merged into it, long
    campaigns, a rare claimant read by name, a common one checked along the walk, place and radius pages)
    gives what filtering and paging the whole ledger in Python gives."""
    import random
    from datetime import timedelta

    import frontwatch.store.ledger as ledger_module

    rng = random.Random(3)
    day0 = date(2023, 5, 1)
    towns = [("Kupiansk", KUPIANSK), ("Bakhmut", BAKHMUT), ("Odesa", ODESA)]
    names = ["Regional officials", "Regional officials", "Regional officials", "The general staff",
             "Colonel Mykyta Dovbenko"]
    for n in range(48):
        published = day0 + timedelta(days=rng.randrange(90))
        # the event's days against its claim's: told the next day, weeks later, a long campaign, announced
        # ahead, or with no days of its own (then its claim's)
        lag, span = rng.choice([(1, 0), (0, 0), (3, 2), (20, 0), (45, 0), (70, 60), (-5, 0), (None, None)])
        dates = None if lag is None else (published - timedelta(days=lag),
                                          published - timedelta(days=lag) + timedelta(days=span))
        claims = [{"claimant": rng.choice(names), "side": rng.choice(["UA", "RU"]),
                   "events": [{"type": rng.choice(["shelling", "strike"]), "actor": "RU",
                               "place": rng.choice(towns)} | ({"dates": dates} if dates else {})
                              for _ in range(rng.choice([1, 1, 2]))]}]
        ledger.add(report(f"Shelling was reported again in the region, officials said (note {n}).", id=f"r{n:02d}",
                          source="Desk", published=published, claims=claims))
    every = ledger.claims()

    def plain(since: date | None = None, until: date | None = None, side: str | None = None,
              type: str | None = None, claimant: str | None = None, place: str | None = None) -> list[str]:
        dated = since or until
        return [r["event_id"] for r in every if r["event_id"]
                and (not dated or r["start"] is not None)
                and (not since or (r["end"] or r["start"]) >= since.isoformat())
                and (not until or r["start"] <= until.isoformat())
                and (not side or r["claimant_side"].lower() == side.lower()) and (not type or r["type"] == type)
                and (not claimant or claimant.lower() in r["claimant"].lower()) and (not place or r["place"] == place)]

    june, july = date(2023, 6, 1), date(2023, 6, 30)
    cases = [{"since": june, "until": july}, {"since": june}, {"until": july}, {"since": june, "side": "ua"},
             {"since": june, "until": july, "type": "strike"}, {"since": june, "claimant": "officials"},
             {"since": june, "until": july, "claimant": "dovbenko"}, {"claimant": "general"}, {"type": "shelling"},
             {"place": "Kupiansk"}, {"place": "Bakhmut", "since": june, "claimant": "officials"}]
    for rare in (0, 1000):  # every name common, then every name rare
        monkeypatch.setattr(ledger_module, "RARE_CLAIMS", rare)
        for kw in cases:
            expected = plain(**kw)  # type: ignore[arg-type]
            assert [r["event_id"] for r in ledger.claims(**kw)] == expected, (rare, kw)  # type: ignore[arg-type]
            for size in (1, 4):
                pages = [ledger.claims(**kw, limit=size, offset=k)  # type: ignore[arg-type]
                         for k in range(0, len(expected) + size, size)]
                assert [r["event_id"] for page in pages for r in page] == expected, (rare, kw, size)
    assert plain(since=june, until=july) and plain(since=june, until=july, claimant="dovbenko")
    if ledger.url.get_backend_name() == "sqlite":  # the out-of-step events are read from their partial index
        from frontwatch.store.schema import events

        query = select(events.c.id).where(ledger._offtime(), events.c.start >= june)
        sql = str(query.compile(ledger.engine, compile_kwargs={"literal_binds": True}))
        with ledger.engine.connect() as conn:
            assert "ix_events_offtime" in str(conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).all())


def test_add_many_groups_articles_and_rolls_back_only_the_one_that_fails(ledger: Ledger, tmp_path,  # type: ignore[no-untyped-def]
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import frontwatch.store.ledger as ledger_module

    real = ledger_module.store_report

    def flaky(conn, report, *args, **kwargs):  # type: ignore[no-untyped-def]
        pk = real(conn, report, *args, **kwargs)  # its rows are written, then it fails
        if report.article.id == "bad-1":
            raise RuntimeError("disk on fire")
        return pk

    monkeypatch.setattr(ledger_module, "store_report", flaky)
    items = [ru_repelled(), ("feed.xml#3", "item has no summary", None), ua_advance("kyiv-1", WIRE, "Kyiv Daily"),
             odesa_strike("bad-1"), odesa_strike("odesa-2", ODESA_TEXT + " Two people were hurt.", "Port News")]
    statuses: list[str] = []
    with pytest.raises(RuntimeError, match="disk on fire"):
        for status in ledger.add_many(items, group=2):
            statuses.append(status)
    assert statuses == ["new", "failed", "new"]  # the articles before the bad one, in its group too, are stored
    stats = ledger.stats()
    assert (stats["articles"], stats["failures"]) == (2, 1)
    monkeypatch.setattr(ledger_module, "store_report", real)
    # the bad article left nothing behind: it stores afresh, and the rest stores as `add` stores it
    assert list(ledger.add_many([odesa_strike("bad-1"), ru_repelled(), items[4]])) == ["new", "duplicate", "new"]
    grouped = ledger.incidents()
    with Ledger(str(tmp_path / "one-by-one.db"), create=True) as one:
        for report in (ru_repelled(), ua_advance("kyiv-1", WIRE, "Kyiv Daily"), odesa_strike("bad-1"), items[4]):
            one.add(report)
        assert [sorted(i["articles"]) for i in one.incidents()] == [sorted(i["articles"]) for i in grouped]


def test_claims_without_filters_come_newest_first_from_the_claims_date_index(ledger: Ledger) -> None:
    """An unfiltered page lists claims without events too, dates a claim without a stated date by its
    article, puts undated claims last, and reads its order from ix_claims_dated instead of sorting."""
    import dataclasses

    def shelling(id: str, day: date | None, events: int = 1, stated: bool = True, side: str = "UA") -> object:
        r = report(f"Shelling hit Kupiansk again overnight, officials said ({id}).", id=id, source="Kharkiv Today",
                   published=day or DAY, claims=[{"claimant": "Regional officials", "side": side, "events": [
                       {"type": "shelling", "actor": "RU", "place": ("Kupiansk", KUPIANSK)}] * events}])
        claim = r.claims[0] if stated and day else dataclasses.replace(r.claims[0], stated=None)
        return dataclasses.replace(r, article=dataclasses.replace(r.article, published=day), claims=(claim,))

    ledger.add(shelling("a", date(2023, 6, 1)))
    ledger.add(shelling("b", date(2023, 6, 5), events=0))  # a claim without events
    ledger.add(shelling("c", date(2023, 6, 3), stated=False, side="RU"))  # dated by its article
    ledger.add(shelling("d", None))  # no date at all: last
    ledger.add(shelling("e", date(2023, 6, 3), events=2))
    rows = ledger.claims()
    assert [(r["claim_id"], r["stated"]) for r in rows] == [
        ("b-c0", "2023-06-05"), ("c-c0", "2023-06-03"), ("e-c0", "2023-06-03"), ("e-c0", "2023-06-03"),
        ("a-c0", "2023-06-01"), ("d-c0", None)]
    assert rows[0]["event_id"] is None and [r["event_id"] for r in rows[2:4]] == ["e-c0:0", "e-c0:1"]
    for size in (1, 2, 4):
        pages = [ledger.claims(limit=size, offset=k) for k in range(0, len(rows) + size, size)]
        assert [r for page in pages for r in page] == rows, size
    assert [r["claim_id"] for r in ledger.claims(side="ru")] == ["c-c0"]
    assert [r["claim_id"] for r in ledger.claims(side="ua", limit=2, offset=1)] == ["e-c0", "e-c0"]
    if ledger.url.get_backend_name() == "sqlite":  # the page is read in the index's order, never sorted
        query = select(claims.c.id).order_by(claims.c.dated.desc(), claims.c.id).limit(20)
        with ledger.engine.connect() as conn:
            plan = str(conn.exec_driver_sql("EXPLAIN QUERY PLAN " + str(query.compile(ledger.engine)), (20, 0)).all())
        assert "ix_claims_dated" in plan and "TEMP B-TREE" not in plan, plan


def test_the_candidate_query_reads_narrow_index_ranges_and_compiles_once_per_size(ledger: Ledger) -> None:
    """The reconciler's candidate query: few statement shapes, whatever the article's events, and on SQLite
    the dated terms read (family, place or region, end) ranges, never every member that began earlier."""
    from frontwatch.store import writer

    writer._candidate_statement.cache_clear()
    towns = [("Kupiansk", KUPIANSK), ("Bakhmut", BAKHMUT), ("Odesa", ODESA), ("Eastern front", None)]
    for n in range(1, 12):
        events = [{"type": ["shelling", "strike", "advance", "weapons_supply"][k % 4], "actor": "RU",
                   "place": towns[k % 4]} | ({"dates": (date(2023, 7, 1 + k), date(2023, 7, 2 + k))} if k % 3 else {})
                  for k in range(n)]
        ledger.add(report(f"Officials listed the week's attacks across the region (bulletin {n}).", id=f"b{n}",
                          source="Desk", published=DAY, claims=[{"claimant": "Officials", "side": "UA",
                                                                 "events": events}]))
    sizes = {size for shape in (writer._padded(k) for k in range(1, 12)) for size in (shape,)}
    assert writer._candidate_statement.cache_info().currsize <= len(sizes) * 2
    if ledger.url.get_backend_name() == "sqlite":
        statement = writer._candidate_statement(2, 1)
        compiled = statement.compile(ledger.engine)
        with ledger.engine.connect() as conn:
            plan = [row[3] for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + str(compiled), tuple(None for _ in compiled.positiontup)).all()]
        searches = [p for p in plan if p.startswith("SEARCH events")]
        # (the candidates found are read back from their coroutine; no table is scanned)
        assert not any(p.startswith("SCAN") and p != "SCAN found" for p in plan), plan
        # each matching event's incident and each candidate's size are index probes, never a pass over the members
        assert plan.count("SEARCH mine USING INDEX sqlite_autoindex_incident_members_1 (event_id=?)") >= 1, plan
        assert "SEARCH theirs USING COVERING INDEX ix_incident_members_incident_id (incident_id=?)" in plan, plan
        # two placed events: a dated and an undated term each by place key and by admin1, all from end ranges
        assert sum("ix_events_family_key_span (family=? AND place_key=? AND end" in p for p in searches) == 4, plan
        assert sum("ix_events_family_admin1_span (family=? AND admin1=? AND end" in p for p in searches) == 4, plan
        assert sum("ix_events_family_box_span (family=? AND lat>? AND lat<?)" in p for p in searches) == 4, plan
        assert not any("family_box_span (family=?)" in p for p in searches), plan


def test_postgresql_asks_for_candidates_in_one_constant_statement_with_the_same_answers() -> None:
    """PostgreSQL's candidate query (``pg_statements.PG_CANDIDATES``, the windows as arrays) finds what the OR of
    terms finds, for one window and for many at once. (Its plan, a nested loop of index probes, was checked
    with EXPLAIN on bench_ledger's 2,000-article ledger, see docs/ledger.md: tables this small are read whole.)"""
    from ledger_support import reset_postgres

    from frontwatch.store import writer
    from frontwatch.store.schema import events

    with Ledger(reset_postgres(), create=True) as ledger:  # a PostgreSQL statement: no SQLite run of this test
        _candidates_both_ways(ledger, writer, events)


def _candidates_both_ways(ledger: Ledger, writer: Any, events: Any) -> None:
    towns = [("Kupiansk", KUPIANSK), ("Bakhmut", BAKHMUT), ("Odesa", ODESA), ("Eastern front", None)]
    for n in range(1, 9):
        happened = [{"type": ["shelling", "advance", "weapons_supply", "repelled"][k % 4], "actor": "RU",
                     "place": towns[(n + k) % 4]} | ({"dates": (date(2023, 7, n), date(2023, 7, n + k))} if k % 3 else {})
                    for k in range(n)]
        ledger.add(report(f"Officials listed the attacks of the week on the front (report {n}).", id=f"r{n}",
                          source="Desk", published=DAY, claims=[{"claimant": "Officials", "side": "UA",
                                                                 "events": happened}]))
    rec = ledger.reconciler
    with ledger.engine.connect() as conn:
        stored = [writer.event_from_record(r) for r in conn.execute(select(events.c.record)).scalars()]
        pairs = [(le, rec.window(le)) for le in stored]
        assert len(pairs) == 36 and any(w.anywhere for _, w in pairs) and any(w.min_lat is None for _, w in pairs)

        def both(some: list) -> tuple[set, set]:  # type: ignore[type-arg]
            shape, params = writer._candidate_params(some)
            terms = set(conn.execute(writer._candidate_statement(*shape), params).tuples())
            arrays = {r for r in conn.exec_driver_sql(writer.PG_CANDIDATES, writer._pg_candidate_params(some))}
            return terms, {r for r in arrays if r[0] is not None}

        found = 0
        for some in [[p] for p in pairs] + [pairs[:7], pairs[7:], pairs]:
            terms, arrays = both(some)
            assert arrays == terms, some
            found += bool(terms)
        assert found >= 20, found  # (a blanket event with no name finds nothing, as it should)


def test_postgresql_commits_without_waiting_for_the_disk_unless_told() -> None:
    """``ledger.pg_synchronous_commit``: off by default (as SQLite's synchronous=NORMAL), on when set."""
    from ledger_support import reset_postgres

    from frontwatch.config import Settings

    ledger_url = reset_postgres()  # a PostgreSQL setting: no SQLite run of this test
    for value, want in ((None, "off"), ("on", "on")):
        settings = Settings() if value is None else Settings().replace("ledger", pg_synchronous_commit=value)
        with Ledger(ledger_url, settings, create=True) as led:
            led.add(odesa_strike())
            with led.engine.connect() as conn:
                assert conn.execute(text("SHOW synchronous_commit")).scalar() == want
            assert led.stats()["articles"] == 1
