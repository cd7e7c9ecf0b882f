"""RSS/Atom feed files and the directory walk of ``frontwatch ingest`` (``ingest/feed.py``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from frontwatch.config import InputSettings
from frontwatch.ingest import Failure
from frontwatch.ingest.feed import is_feed, read_feed, read_paths
from frontwatch.records import Article

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Steppe Wire</title><link>https://steppe.example/</link><description>news</description>
  <item>
    <title>Shelling damages school in frontline town</title>
    <link>https://steppe.example/2024/05/shelling-school</link>
    <guid isPermaLink="false">steppe-1001</guid>
    <pubDate>Tue, 14 May 2024 08:00:00 GMT</pubDate>
    <description>&lt;p&gt;Artillery fire damaged a &lt;b&gt;school&lt;/b&gt; in the town overnight, the regional governor said on Tuesday.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Governor reports drone attack on depot</title>
    <link>https://steppe.example/2024/05/drone-depot</link>
    <guid isPermaLink="false">steppe-1002</guid>
    <pubDate>Wed, 15 May 2024 09:30:00 GMT</pubDate>
    <description>Short teaser only.</description>
  </item>
  <item>
    <title>Empty item</title>
    <link>https://steppe.example/2024/05/empty</link>
  </item>
</channel></rss>
"""

PAGE = """<!doctype html><html><head><title>Governor reports drone attack on depot</title></head><body>
<article><h1>Governor reports drone attack on depot</h1>
<p>Drones struck a fuel depot on the edge of the city before dawn on Wednesday, starting a fire that burned
for several hours, the regional governor said in a statement.</p>
<p>No one was hurt, he said, and firefighters had contained the blaze by mid-morning.</p>
</article></body></html>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>River Dispatch</title><id>urn:river</id><updated>2024-06-01T00:00:00Z</updated>
  <entry>
    <title>Talks on prisoner exchange resume</title><id>urn:river:77</id>
    <link href="https://river.example/talks"/>
    <updated>2024-06-01T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Negotiators met again on Saturday to discuss an exchange of prisoners, officials said.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def _articles(items: list) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def test_rss_items_keep_ids_outlet_dates_and_use_local_pages(tmp_path: Path) -> None:
    feed = tmp_path / "steppe.rss"
    feed.write_text(RSS, encoding="utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "drone-depot.html").write_text(PAGE, encoding="utf-8")
    items = list(read_feed(feed, InputSettings()))
    arts = _articles(items)
    assert [a.id for a in arts] == ["steppe-1001", "steppe-1002"]
    assert {a.source for a in arts} == {"Steppe Wire"}
    assert [a.published for a in arts] == [date(2024, 5, 14), date(2024, 5, 15)]
    assert arts[0].text.startswith("Shelling damages school") and "<b>" not in arts[0].text
    assert "fuel depot" in arts[1].text and "Short teaser" not in arts[1].text  # the local page wins
    (failure,) = [i for i in items if isinstance(i, Failure)]
    assert failure.origin == f"{feed}#3" and "no summary" in str(failure.error)


def test_atom_entry_content(tmp_path: Path) -> None:
    feed = tmp_path / "river.xml"
    feed.write_text(ATOM, encoding="utf-8")
    assert is_feed(feed)
    (art,) = _articles(list(read_feed(feed, InputSettings())))
    assert art.id == "urn:river:77" and art.source == "River Dispatch" and art.url == "https://river.example/talks"
    assert "exchange of prisoners" in art.text and art.published == date(2024, 6, 1)


def test_broken_feed_is_one_failure(tmp_path: Path) -> None:
    feed = tmp_path / "broken.rss"
    feed.write_text("<rss><channel><title>x</title>", encoding="utf-8")
    (item,) = list(read_feed(feed, InputSettings()))
    assert isinstance(item, Failure) and str(feed) in str(item.error)


def test_directory_walk_reads_feeds_first_then_everything_else(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "steppe.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "sub" / "drone-depot.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Officials said talks would resume next week in the capital.", encoding="utf-8")
    (tmp_path / "plain.xml").write_text("<config><x>1</x></config>", encoding="utf-8")  # not a feed: ignored
    items = list(read_paths([str(tmp_path)], InputSettings()))
    origins = [i.origin for i in items]
    assert origins[:3] == [f"{tmp_path}/sub/steppe.rss#1", f"{tmp_path}/sub/steppe.rss#2", f"{tmp_path}/sub/steppe.rss#3"]
    assert origins[3:] == [f"{tmp_path}/a.txt", f"{tmp_path}/sub/drone-depot.html"]
    # the page read on its own has the same text as the feed item that used it: ingest sees a duplicate
    arts = _articles(items)
    assert arts[1].text == arts[-1].text
