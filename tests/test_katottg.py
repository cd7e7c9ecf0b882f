"""KATOTTG settlements: loading the shipped file and placing villages cities500 lacks at their hromada."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from frontwatch.gazetteer.build import SCHEMA, data_path
from frontwatch.gazetteer.katottg import (
    APPROX_FCODE,
    DATA_FILE,
    Settlement,
    add_settlements,
    load,
    read_xlsx,
    with_former_names,
)
from frontwatch.gazetteer.translit import romanise


def _codes(oblast: str, hromada: str, position: str) -> str:
    return f"UA{oblast}01{hromada}{position}0012345"


def test_katottg_settlement_code_carries_the_hierarchy() -> None:
    s = Settlement(_codes("14", "016", "003"), "C", "Тестове")
    assert (s.oblast, s.hromada, s.position) == ("14", "1401016", "003")


def test_katottg_shipped_file_lists_ukraines_settlements() -> None:
    settlements = load(data_path(DATA_FILE).read_bytes())
    assert 28_000 < len(settlements) < 32_000
    assert {s.category for s in settlements} <= {"M", "T", "X", "C"}
    assert all(s.code.startswith("UA") and len(s.code) == 19 for s in settlements)


def _db_with_towns(tmp_path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(tmp_path / "g.sqlite")
    db.executescript(SCHEMA)
    rows = [(1, "geonames:1", "Seatville", 48.0, 37.0, "UA", "UA.05", "town", None, 9000, "t", 0),
            (2, "geonames:2", "Bigtown", 48.5, 38.0, "UA", "UA.05", "city", None, 90000, "t", 0)]
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.executemany("INSERT INTO names VALUES (?, ?, ?, 0)",
                   [("seatville", "seatvili", 1), ("bigtown", "bihtovn", 2)])
    return db


def test_katottg_missing_village_sits_at_its_hromada_seat(tmp_path: Path) -> None:
    db = _db_with_towns(tmp_path)
    # Cyrillic names whose KMU romanisation is the cities500 name: Seatville/Bigtown stand in for real towns
    settlements = [Settlement(_codes("14", "001", "001"), "M", "Bigtown"),
                   Settlement(_codes("14", "002", "001"), "M", "Seatville"),
                   Settlement(_codes("14", "002", "002"), "C", "Тихе"),
                   Settlement(_codes("14", "002", "003"), "C", "Тихе")]  # a namesake in the same hromada: once
    names: list[tuple[int, str, bool]] = []
    added = add_settlements(db, settlements, 100, lambda pid, name, former: names.append((pid, name, former)))
    assert added == 1 and names == [(100, "Тихе", False)]
    row = db.execute("SELECT name, lat, lon, admin1, fcode, source FROM places WHERE id = 100").fetchone()
    assert row == ("Tykhe", 48.0, 37.0, "UA.05", APPROX_FCODE, "katottg")


def test_katottg_shipped_file_keeps_names_from_before_the_renaming() -> None:
    settlements = {s.code: s for s in load(data_path(DATA_FILE).read_bytes())}
    renamed = [s for s in settlements.values() if s.former]
    assert 400 < len(renamed) < 700  # the 2023-2024 renaming of Soviet and Russian-imperial names
    assert settlements["UA14080050020095718"].former == ("Кутейникове",)  # now Попова Балка


def test_katottg_former_names_come_from_older_editions() -> None:
    code = _codes("14", "002", "002")
    older = [Settlement(code, "C", "Побєда")]
    newer = [Settlement(code, "C", "Перемога"), Settlement(_codes("14", "002", "003"), "C", "Тихе")]
    assert with_former_names(newer, older, newer) == [Settlement(code, "C", "Перемога", ("Побєда",)),
                                                      Settlement(_codes("14", "002", "003"), "C", "Тихе")]


def test_katottg_renamed_village_keeps_its_old_name(tmp_path: Path) -> None:
    db = _db_with_towns(tmp_path)
    settlements = [Settlement(_codes("14", "001", "001"), "M", "Bigtown"),
                   Settlement(_codes("14", "002", "001"), "M", "Seatville"),
                   Settlement(_codes("14", "002", "002"), "C", "Степове", ("Перемога",))]
    names: list[tuple[int, str, bool]] = []
    assert add_settlements(db, settlements, 100, lambda pid, name, former: names.append((pid, name, former))) == 1
    assert names == [(100, "Степове", False), (100, "Перемога", True)]


def test_katottg_town_cities500_lists_by_its_old_name_is_not_added_again(tmp_path: Path) -> None:
    db = _db_with_towns(tmp_path)
    # cities500 still calls the place Bigtown; the codifier has renamed it (an invented Cyrillic name)
    settlements = [Settlement(_codes("14", "002", "001"), "M", "Seatville"),
                   Settlement(_codes("14", "001", "001"), "M", "Нове Місто", ("Bigtown",))]
    names: list[tuple[int, str, bool]] = []
    assert add_settlements(db, settlements, 100, lambda pid, name, former: names.append((pid, name, former))) == 0
    assert names == [(2, "Нове Місто", True), (2, "Bigtown", True)]  # indexed beside the cities500 name


def test_katottg_russian_name_in_ukrainian_letters_is_romanised_as_wires_write_it() -> None:
    assert "Pobeda" in romanise("Побєда") and "Severne" in romanise("Сєверне")
    assert romanise("Заєць") == ["Zaiets", "Zayets"]  # є after a vowel is Ukrainian: no Russian form


def test_katottg_reads_the_codifier_spreadsheet(tmp_path: Path) -> None:
    """The stdlib reader of the xlsx the data file is regenerated from (a two-row sheet made here)."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    strings = ["UA14000000000091971", _codes("14", "002", "002"), "C", "Тихе", "O", "Донецька"]
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    sheet = (f'<worksheet xmlns="{ns}"><sheetData>'
             '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="F1" t="s"><v>4</v></c><c r="G1" t="s"><v>5</v></c></row>'
             '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="D2" t="s"><v>1</v></c><c r="F2" t="s"><v>2</v></c>'
             '<c r="G2" t="s"><v>3</v></c></row></sheetData></worksheet>')
    path = tmp_path / "k.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{ns}">{shared}</sst>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    assert list(read_xlsx(str(path))) == [Settlement(_codes("14", "002", "002"), "C", "Тихе")]


def test_katottg_namesakes_in_one_oblast_are_all_kept(tmp_path: Path) -> None:
    # Two villages named Тихе in one oblast; cities500 holds the one near Seatville only. The other,
    # in Bigtown's hromada 100 km away, must still be added at Bigtown (it used to count as found).
    db = _db_with_towns(tmp_path)
    db.execute("INSERT INTO places VALUES (3, 'geonames:3', 'Tykhe', 48.05, 37.05, 'UA', 'UA.05', 'village', "
               "NULL, 600, 't', 0)")
    db.execute("INSERT INTO names VALUES ('tykhe', 'tykhe', 3, 0)")
    settlements = [Settlement(_codes("14", "001", "001"), "M", "Bigtown"),
                   Settlement(_codes("14", "001", "002"), "C", "Тихе"),
                   Settlement(_codes("14", "002", "001"), "M", "Seatville"),
                   Settlement(_codes("14", "002", "002"), "C", "Тихе")]
    names: list[tuple[int, str, bool]] = []
    added = add_settlements(db, settlements, 100, lambda pid, name, former: names.append((pid, name, former)))
    assert added == 1
    row = db.execute("SELECT ref, lat, lon FROM places WHERE id = 100").fetchone()
    assert row == (f"katottg:{_codes('14', '001', '002')}", 48.5, 38.0)


def test_katottg_namesake_seat_still_places_its_hromada(tmp_path: Path) -> None:
    # A hromada seated in one of two same-name towns, with no other village cities500 knows: the
    # seat takes the town cities500 has, so its villages still get a point.
    db = _db_with_towns(tmp_path)
    settlements = [Settlement(_codes("14", "001", "001"), "M", "Bigtown"),
                   Settlement(_codes("14", "002", "001"), "M", "Bigtown"),
                   Settlement(_codes("14", "002", "002"), "C", "Тихе")]
    names: list[tuple[int, str, bool]] = []
    add_settlements(db, settlements, 100, lambda pid, name, former: names.append((pid, name, former)))
    row = db.execute("SELECT name, lat, lon FROM places WHERE ref LIKE 'katottg:%' AND name = 'Tykhe'").fetchone()
    assert row == ("Tykhe", 48.5, 38.0)
