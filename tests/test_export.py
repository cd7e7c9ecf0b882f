"""Ledger exports that other tools read: CSV with ACLED's columns (pandas), Parquet (pyarrow), GeoJSON
(QGIS: a FeatureCollection of Points in [longitude, latitude] order), JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from ledger_support import KLISHCHIIVKA, report
from test_store import DAY, WEEK, odesa_strike, ru_repelled, ua_advance

from frontwatch.export import ACLED_COLUMNS, _acled_types, write_rows
from frontwatch.store import Ledger

ACLED = ["event_date", "event_type", "sub_event_type", "actor1", "admin1", "location", "latitude", "longitude",
         "geo_precision", "source", "notes"]
OURS = ["claimant", "claimant_side", "polarity", "corroboration", "incident_id"]


@pytest.fixture
def rows(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Ledger(str(tmp_path / "l.db"), create=True) as led:
        led.add(ru_repelled())
        led.add(ua_advance("kyiv-1", "Troops advanced near Klishchiivka this week, the deputy minister said.", "Own"))
        led.add(odesa_strike())
        led.add(report("Officials said talks on an exchange would continue.", id="talks-1", source="Desk",
                       published=DAY, claims=[{"claimant": "Officials", "side": "UA",
                                               "events": [{"type": "negotiation", "actor": "unknown"}]}]))
        led.add(report("Russian forces captured the village, the ministry said.", id="cap-1", source="TASS",
                       published=DAY, claims=[{"claimant": "Defence ministry", "side": "RU", "events": [
                           {"type": "capture", "actor": "RU", "place": ("Klishchiivka", KLISHCHIIVKA), "dates": WEEK}]}]))
        return led.export_rows(), led.incidents()


def test_csv_has_acled_columns_and_reads_in_pandas(rows, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "ledger.csv"
    write_rows(rows[0], "csv", out)
    frame = pd.read_csv(out)
    assert list(frame.columns)[:16] == ACLED + OURS
    assert len(frame) == 5
    strike = frame[frame["our_event_type"] == "strike"].iloc[0]
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert strike["location"] == "Odesa" and strike["latitude"] == pytest.approx(46.48) and strike["event_date"] == "2023-07-17"
    assert strike["claimant"] == "Odesa governor" and strike["polarity"] == "asserted" and strike["corroboration"] == 1
    capture = frame[frame["our_event_type"] == "capture"].iloc[0]
    assert capture["sub_event_type"] == "Non-state actor overtakes territory"  # Russia taking a Ukrainian village
    assert frame["incident_id"].notna().all()


def test_acled_territory_rule() -> None:
    assert _acled_types("capture", "UA", "UA") == ("Battles", "Government regains territory")
    assert _acled_types("withdrawal", "RU", "UA") == ("Battles", "Government regains territory")
    assert _acled_types("withdrawal", "UA", "UA") == ("Battles", "Non-state actor overtakes territory")
    assert _acled_types("capture", "other", "SD") == ("Battles", "Armed clash")
    assert _acled_types("negotiation", "unknown", None) == ("Strategic developments", "Agreement")


def test_parquet_reads_in_pyarrow(rows, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "ledger.parquet"
    write_rows(rows[0], "parquet", out)
    table = pq.read_table(out)
    assert table.column_names == list(ACLED_COLUMNS) and table.num_rows == 5
    assert str(table.schema.field("latitude").type) == "double"
    assert str(table.schema.field("incident_id").type) == "int64"
    assert table.to_pandas()["source"].tolist().count("TASS") == 2


def test_geojson_is_a_feature_collection_in_lon_lat_order(rows) -> None:  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    write_rows(rows[0], "geojson", buf)
    data = json.loads(buf.getvalue())
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 4  # the negotiation has no place
    for f in data["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert 20 < lon < 45 and 40 < lat < 55  # Ukraine: longitude first
        assert {"event_date", "claimant", "incident_id"} <= set(f["properties"])


def test_json_has_events_and_incidents(rows) -> None:  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    write_rows(rows[0], "json", buf, rows[1])
    data = json.loads(buf.getvalue())
    assert len(data["events"]) == 5 and data["incidents"] and "contradictions" in data["incidents"][0]
