from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from frontwatch.config import InputSettings
from frontwatch.ingest import Defaults, Failure, read_inputs
from frontwatch.records import Article

SETTINGS = InputSettings()


def _read(paths: list[str], **kw) -> list:  # type: ignore[no-untyped-def]
    return list(read_inputs(paths, SETTINGS, Defaults(**kw)))


def test_ingest_text_file(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Ukrainian forces advanced near Bakhmut, the ministry said.", encoding="utf-8")
    [article] = _read([str(p)], published="2023-07-17", source="Wirewire")
    assert isinstance(article, Article)
    assert article.source == "Wirewire" and article.published.isoformat() == "2023-07-17"
    assert article.id.startswith("sha256:") and article.origin == str(p)


def test_ingest_legacy_encoding_is_detected(tmp_path: Path) -> None:
    p = tmp_path / "cp1251.txt"
    p.write_bytes("Українські війська просунулися біля Бахмута, повідомила заступниця міністра оборони.".encode("cp1251"))
    [article] = _read([str(p)])
    assert isinstance(article, Article) and "Бахмута" in article.text


@pytest.mark.parametrize("data,message", [
    (b"\x00\x01\x02\x03binary\x00", "binary"),
    (b"", "empty"),
    (b"   \n", "empty"),
])
def test_ingest_bad_bytes_fail_clearly(tmp_path: Path, data: bytes, message: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    [failure] = _read([str(p)])
    assert isinstance(failure, Failure) and message in str(failure.error) and str(p) in str(failure.error)


def test_ingest_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("word " * 100, encoding="utf-8")
    [failure] = list(read_inputs([str(p)], InputSettings(max_bytes=100)))
    assert isinstance(failure, Failure) and "limit" in str(failure.error)


def test_ingest_missing_file_does_not_stop_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Russia said its forces captured Marinka.", encoding="utf-8")
    items = _read([str(tmp_path / "missing.txt"), str(good)])
    assert isinstance(items[0], Failure) and "no such file" in str(items[0].error)
    assert isinstance(items[1], Article)


def test_ingest_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    [failure] = _read([str(tmp_path)])
    assert isinstance(failure, Failure) and "no readable files" in str(failure.error)


def test_ingest_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "one", "text": "Kyiv said it shot down 20 drones.", "published": "2023-07-17", "source": "X"}),
        "{not json",
        json.dumps({"text": "Moscow said talks stalled.", "colour": "red"}),
        json.dumps({"id": "two", "text": "Shelling hit Kherson.", "published": "17/07/2023"}),
        json.dumps({"id": "three", "text": "Shelling hit Kherson again, officials said."}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read([str(p)])
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article", "Failure", "Article"]
    assert items[0].id == "one" and items[4].id == "three"
    assert "batch.jsonl:2" in str(items[1].error) and "invalid JSON" in str(items[1].error)
    assert items[2].meta == {"colour": "red"}  # a field we do not read passes through
    assert "YYYY-MM-DD" in str(items[3].error)


def test_ingest_jsonl_scraper_export_fields_go_to_meta(tmp_path: Path) -> None:
    p = tmp_path / "scraped.jsonl"
    record = {"maintext": "Ukraine said its drones hit a fuel depot in Crimea overnight.",
              "date_publish": "2023-09-14 06:40:00", "source_domain": "example-wire.net", "headline": "Depot hit",
              "authors": ["A. Writer", "B. Editor"], "image_url": None, "themes": {"tone": -3.2, "count": 4},
              "date_download": "2023-09-14 07:00:00"}
    p.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article] = _read([str(p)])
    assert isinstance(article, Article)
    assert article.text.startswith("Ukraine said") and str(article.published) == "2023-09-14"
    assert article.source == "example-wire.net" and article.title == "Depot hit"
    assert article.meta == {"authors": ["A. Writer", "B. Editor"], "image_url": None,
                            "themes": {"tone": -3.2, "count": 4}, "date_download": "2023-09-14 07:00:00"}
    assert article.to_dict()["meta"] == article.meta


def test_ingest_jsonl_our_field_wins_and_bad_alias_date_stays_in_meta(tmp_path: Path) -> None:
    p = tmp_path / "gdelt.jsonl"
    p.write_text(json.dumps({"text": "Kyiv said air defence downed 12 drones.", "maintext": "older copy",
                             "date": "20231002101500", "id": 12345}) + "\n", encoding="utf-8")
    [article] = _read([str(p)])
    assert isinstance(article, Article) and article.text.startswith("Kyiv said") and article.id == "12345"
    assert article.published is None and article.meta == {"maintext": "older copy", "date": "20231002101500"}


@pytest.mark.parametrize("record,message", [
    ({"text": ["Kyiv said", "a drone fell."]}, "field 'text' must be a string"),
    ({"text": "Kyiv said a drone fell.", "published": 20231002}, "field 'published' must be a string"),
    ({"text": "Kyiv said a drone fell.", "id": {"n": 1}}, "field 'id' must be a string or an integer"),
    ({"text": "Kyiv said a drone fell.", "source": True}, "field 'source' must be a string"),
    ({"authors": ["A. Writer"]}, "missing or empty 'text'"),
])
def test_ingest_jsonl_wrong_types_are_one_line_errors(tmp_path: Path, record: dict, message: str) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text(json.dumps({"text": "Moscow said talks stalled."}) + "\n" + json.dumps(record) + "\n",
                 encoding="utf-8")
    good, bad = _read([str(p)])
    assert isinstance(good, Article) and isinstance(bad, Failure)
    assert message in str(bad.error) and f"{p}:2" in str(bad.error) and "\n" not in str(bad.error)


@pytest.mark.parametrize("name", ["export.json", "export", "export.txt", "export.dat"])
def test_ingest_jsonl_recognised_by_content(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_text("\n".join(json.dumps({"id": f"n{i}", "text": f"Russia said it shot down {i} drones."})
                           for i in (3, 5)) + "\n", encoding="utf-8")
    items = _read([str(p)])
    assert [i.id for i in items] == ["n3", "n5"] and all(isinstance(i, Article) for i in items)
    assert items[1].origin == f"{p}:2"


def test_ingest_jsonl_on_stdin_by_content() -> None:
    data = (json.dumps({"text": "Kyiv said shelling hit Nikopol.", "outlet_rank": 7}) + "\n").encode()
    [article] = list(read_inputs(["-"], SETTINGS, stdin=io.BytesIO(data)))
    assert isinstance(article, Article) and article.meta == {"outlet_rank": 7} and article.origin == "<stdin>:1"


def test_ingest_input_format_overrides_content(tmp_path: Path) -> None:
    p = tmp_path / "notes.log"
    line = json.dumps({"text": "Ukraine said it repelled attacks near Robotyne."})
    p.write_text(line + "\n", encoding="utf-8")
    [as_text] = list(read_inputs([str(p)], SETTINGS, input_format="text"))
    assert isinstance(as_text, Article) and as_text.text.startswith("{")
    q = tmp_path / "plain.txt"
    q.write_text("Ukraine said it repelled attacks near Robotyne.\n", encoding="utf-8")
    [failure] = list(read_inputs([str(q)], SETTINGS, input_format="jsonl"))
    assert isinstance(failure, Failure) and "invalid JSON" in str(failure.error) and f"{q}:1" in str(failure.error)


def test_ingest_pretty_json_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "export.json"
    p.write_text(json.dumps([{"text": "Kyiv said a drone fell."}], indent=2), encoding="utf-8")
    [failure] = _read([str(p)])
    assert isinstance(failure, Failure) and "one article object per line" in str(failure.error)


def test_ingest_plain_text_starting_with_a_brace_is_text(tmp_path: Path) -> None:
    p = tmp_path / "note.txt"
    p.write_text("{Editor's note} Russian forces shelled Kharkiv overnight, the governor said.", encoding="utf-8")
    [article] = _read([str(p)])
    assert isinstance(article, Article) and article.text.startswith("{Editor")


def test_ingest_html_takes_title_and_date(tmp_path: Path) -> None:
    html = """<!DOCTYPE html><html><head><title>Kyiv Dispatch</title>
    <meta property="og:title" content="Defence forces repel attacks near Avdiivka">
    <meta property="article:published_time" content="2023-10-12T09:30:00+03:00"></head>
    <body><nav><a href="/">Home</a> <a href="/war">War</a></nav>
    <article><h1>Defence forces repel attacks near Avdiivka</h1>
    <p>Ukrainian defenders repelled 15 Russian attacks near Avdiivka over the past day, the General Staff said on Thursday morning in its regular update on the fighting.</p>
    <p>Russian troops also shelled Kupiansk and nearby villages with artillery and multiple rocket launchers, the regional governor reported on Telegram.</p>
    <p>Officials said the situation in the area remained difficult but under control, and that reinforcements had arrived overnight.</p>
    </article><footer>Share on Facebook | Subscribe</footer></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    [article] = _read([str(p)])
    assert isinstance(article, Article)
    assert article.published is not None and article.published.isoformat() == "2023-10-12"
    assert "repelled 15 Russian attacks" in article.text
    assert "Subscribe" not in article.text and "Home" not in article.text


def test_ingest_stdin() -> None:
    items = list(read_inputs(["-"], SETTINGS, Defaults(source="Wire"), stdin=io.BytesIO(b"Russia said talks stalled.")))
    assert isinstance(items[0], Article) and items[0].origin == "<stdin>" and items[0].source == "Wire"
