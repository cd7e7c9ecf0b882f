"""Exports that other tools open: GeoJSON (QGIS, geojson.io) for now; CSV and Parquet come with the ledger."""

from __future__ import annotations

from typing import Any

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
