"""Exports that other tools open: GeoJSON (QGIS, geojson.io) per report, and the ledger's rows as
JSON, CSV (ACLED's column names), GeoJSON and Parquet (``frontwatch export``)."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from .records import Report


def geojson_features(report: Report) -> list[dict[str, Any]]:
    """One Point feature per resolved place of each event, carrying the claim's attribution."""
    features: list[dict[str, Any]] = []
    for claim in report.claims:
        for n, event in enumerate(claim.events):
            for place in event.places:
                if not place.resolved:
                    continue
                features.append({
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                    "properties": {
                        "article_id": report.article.id,
                        "source": report.article.source,
                        "published": report.article.published.isoformat() if report.article.published else None,
                        "claim_id": claim.id,
                        "event_index": n,
                        "claimant": claim.claimant.name,
                        "claimant_side": claim.claimant.side,
                        "event_type": event.type,
                        "polarity": event.polarity,
                        "actor_side": event.actor_side,
                        "place": place.name or place.text,
                        "place_text": place.text,
                        "admin1": place.admin1,
                        "country": place.country,
                        "geo_precision": place.precision,
                        "time_start": event.time.start.isoformat() if event.time and event.time.start else None,
                        "time_end": event.time.end.isoformat() if event.time and event.time.end else None,
                        "sentence": claim.text,
                    },
                })
    return features


# -- ledger export -----------------------------------------------------------------------------------------
# ACLED's names for the columns it has, then ours.
ACLED_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "admin1", "location", "latitude",
                 "longitude", "geo_precision", "source", "notes",
                 "claimant", "claimant_side", "polarity", "corroboration", "incident_id",
                 "our_event_type", "actor_side", "article_id", "claim_id", "event_id", "contradicted")

BATTLES, REMOTE, STRATEGIC = "Battles", "Explosions/Remote violence", "Strategic developments"
# Our event type -> ACLED (event_type, sub_event_type). Territorial changes are refined in _acled_types.
ACLED_TYPES: dict[str, tuple[str, str]] = {
    "advance": (BATTLES, "Armed clash"),
    "capture": (BATTLES, "Armed clash"),
    "withdrawal": (BATTLES, "Armed clash"),
    "repelled": (BATTLES, "Armed clash"),
    "clash": (BATTLES, "Armed clash"),
    "shelling": (REMOTE, "Shelling/artillery/missile attack"),
    "strike": (REMOTE, "Air/drone strike"),
    "weapons_use": (REMOTE, "Shelling/artillery/missile attack"),
    "casualties": (STRATEGIC, "Other"),
    "weapons_supply": (STRATEGIC, "Other"),
    "negotiation": (STRATEGIC, "Agreement"),
    "other": (STRATEGIC, "Other"),
}
OPPOSITE = {"UA": "RU", "RU": "UA"}


def _acled_types(event_type: str, actor_side: str, country: str | None) -> tuple[str, str]:
    """ACLED codes a taking of territory by the state the place belongs to as "Government regains
    territory" and by anyone else as "Non-state actor overtakes territory"; sides are country codes."""
    base = ACLED_TYPES.get(event_type, (STRATEGIC, "Other"))
    gainer = actor_side if event_type == "capture" else OPPOSITE.get(actor_side) if event_type == "withdrawal" else None
    if gainer in {"UA", "RU"} and country:
        return BATTLES, "Government regains territory" if gainer == country else "Non-state actor overtakes territory"
    return base


def acled_row(r: Mapping[str, Any]) -> dict[str, Any]:
    """One ledger event (a row of ``Ledger.export_rows``' query) in ACLED's shape plus attribution."""
    record = r["record"] or {}
    when = r["start"] or r["stated"] or r["published"]
    event_type, sub_type = _acled_types(r["type"], r["actor_side"], record.get("country"))
    return {
        "event_date": when.isoformat() if when else None, "event_type": event_type, "sub_event_type": sub_type,
        "actor1": r["actor_side"], "admin1": r["admin1"], "location": r["place"], "latitude": r["lat"],
        "longitude": r["lon"], "geo_precision": r["precision"], "source": r["source"], "notes": r["text"],
        "claimant": r["claimant"], "claimant_side": r["claimant_side"], "polarity": r["polarity"],
        "corroboration": r["corroboration"], "incident_id": r["incident_id"], "our_event_type": r["type"],
        "actor_side": r["actor_side"], "article_id": r["external_id"], "claim_id": r["claim_id"],
        "event_id": record.get("id"), "contradicted": bool(r["contradicted"]) if r["contradicted"] is not None else None,
    }


def write_rows(rows: Sequence[Mapping[str, Any]], fmt: str, out: IO[str] | Path,
               incidents: Sequence[Mapping[str, Any]] = ()) -> None:
    """Write ledger rows as ``json`` (rows and incidents), ``csv``, ``geojson`` or ``parquet`` (a path)."""
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ValueError("parquet needs an output file (-o FILE)")
        write_parquet(rows, out)
        return
    stream = out.open("w", encoding="utf-8", newline="") if isinstance(out, Path) else out
    try:
        if fmt == "csv":
            writer = csv.DictWriter(stream, fieldnames=list(ACLED_COLUMNS), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        elif fmt == "geojson":
            json.dump(rows_geojson(rows), stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        else:
            json.dump({"events": list(rows), "incidents": list(incidents)}, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
    finally:
        if isinstance(out, Path):
            stream.close()


def rows_geojson(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of the rows that have coordinates; GeoJSON order is [longitude, latitude]."""
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                 "properties": {k: r[k] for k in ACLED_COLUMNS if k not in {"latitude", "longitude"}}}
                for r in rows if r["latitude"] is not None and r["longitude"] is not None]
    return {"type": "FeatureCollection", "features": features}


def write_parquet(rows: Sequence[Mapping[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"latitude": pa.float64(), "longitude": pa.float64(), "geo_precision": pa.int64(),
             "corroboration": pa.int64(), "incident_id": pa.int64(), "contradicted": pa.bool_()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in ACLED_COLUMNS])
    table = pa.Table.from_pylist([{c: r.get(c) for c in ACLED_COLUMNS} for r in rows], schema=schema)
    pq.write_table(table, path)
