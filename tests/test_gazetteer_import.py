"""Importing GeoNames dumps: streaming, resuming, and leaving the gazetteer alone on any error."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest

from frontwatch.errors import GazetteerError
from frontwatch.gazetteer import Gazetteer, importer
from frontwatch.gazetteer.build import create_empty
from frontwatch.gazetteer.importer import import_dump

SAMPLE = Path(__file__).resolve().parent / "data" / "geonames" / "UA_sample.txt"
ALTERNATES = SAMPLE.with_name("alternateNamesV2_sample.txt")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "gazetteer.sqlite"
    create_empty(path)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_gazetteer_import_geonames_dump(db: Path) -> None:
    result = import_dump(db, SAMPLE)
    assert (result.kind, result.lines, result.rows, result.resumed_from) == ("geonames", 13, 11, 0)
    gaz = Gazetteer(db)
    assert gaz.lookup("Klishchiivka")[0].admin1 == "Donetsk Oblast"
    assert "Klishchiivka" in {p["pattern"] for p in gaz.ruler_patterns()}
    assert gaz.stats()["imports"][0]["done"] == 1
    assert not db.with_name(db.name + ".import").exists()


def test_gazetteer_import_alternate_names(db: Path) -> None:
    import_dump(db, SAMPLE)
    result = import_dump(db, ALTERNATES)
    assert (result.kind, result.rows) == ("alternatenames", 4)  # unknown places and link rows are left out
    gaz = Gazetteer(db)
    assert gaz.lookup("Kleshcheevka")[0].name == "Klishchiivka"
    assert gaz.lookup("Mykolayivka")[0].admin1_code == "UA.05"


def test_gazetteer_import_is_idempotent(db: Path) -> None:
    import_dump(db, SAMPLE)
    import_dump(db, SAMPLE)
    assert len(Gazetteer(db).lookup("Bakhmut")) == 1


def test_gazetteer_import_reads_geonames_zip(db: Path, tmp_path: Path) -> None:
    archive = tmp_path / "UA.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(SAMPLE, "UA.txt")
        z.writestr("readme.txt", "GeoNames readme")
    assert import_dump(db, archive).rows == 11


def test_gazetteer_import_resumes_after_interruption(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "COMMIT_EVERY", 4)
    real = importer._geoname_row
    calls = {"n": 0}

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 7:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "_geoname_row", flaky)
    before = _digest(db)
    with pytest.raises(KeyboardInterrupt):
        import_dump(db, SAMPLE)
    assert _digest(db) == before  # the gazetteer itself is untouched
    assert db.with_name(db.name + ".import").exists()
    monkeypatch.setattr(importer, "_geoname_row", real)
    result = import_dump(db, SAMPLE)
    assert result.resumed_from == 4 and result.lines == 13
    gaz = Gazetteer(db)
    assert gaz.lookup("Bakhmut") and gaz.lookup("Belgorod") and gaz.lookup("Klishchiivka")
    assert gaz.stats()["imports"][0]["rows"] == 11


def _broken(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("make,message", [
    (lambda t, s: _broken(t, "UA.txt", s[:-20]), "truncated at line 13"),
    (lambda t, s: _broken(t, "UA.txt", s.replace("\tP\tPPLA2\t", "\t", 1)), "line 1 has 17 tab-separated columns"),
    (lambda t, s: _broken(t, "UA.txt", s + "1\t2\t3\n"), "line 14 has 3 columns, expected 19"),
    (lambda t, s: _broken(t, "UA.txt", s.replace("48.59419", "north", 1)), "line 1: bad geonameid, coordinates"),
    (lambda t, s: _broken(t, "places.csv", "name,lat,lon\nBakhmut,48.6,38.0\n"), "expected a GeoNames dump with 19"),
    (lambda t, s: _broken(t, "empty.txt", ""), "empty file"),
])
def test_gazetteer_import_bad_dump_leaves_gazetteer_unchanged(db: Path, tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    import_dump(db, ALTERNATES)  # something already imported
    before = _digest(db)
    dump = make(tmp_path, SAMPLE.read_text(encoding="utf-8"))
    with pytest.raises(GazetteerError, match=message):
        import_dump(db, dump)
    assert _digest(db) == before
    assert not db.with_name(db.name + ".import").exists()


def test_gazetteer_import_binary_file(db: Path, tmp_path: Path) -> None:
    dump = tmp_path / "UA.txt"
    dump.write_bytes(b"713174\tBakh\xffmut\n")
    with pytest.raises(GazetteerError, match="not UTF-8"):
        import_dump(db, dump)


def test_gazetteer_import_gzip_is_refused_with_advice(db: Path, tmp_path: Path) -> None:
    import gzip

    dump = tmp_path / "UA.txt.gz"
    dump.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    with pytest.raises(GazetteerError, match="compressed"):
        import_dump(db, dump)


def test_gazetteer_import_read_only_directory(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(shutil, "copyfile", denied)  # what a read-only data directory does to the copy
    before = _digest(db)
    with pytest.raises(GazetteerError, match="data directory must be writable"):
        import_dump(db, SAMPLE)
    assert _digest(db) == before


def test_gazetteer_import_needs_a_gazetteer_and_a_file(tmp_path: Path, db: Path) -> None:
    with pytest.raises(GazetteerError, match="build it first"):
        import_dump(tmp_path / "missing.sqlite", SAMPLE)
    with pytest.raises(GazetteerError, match="no such file"):
        import_dump(db, tmp_path / "UA.txt")
