"""Flattening reports into ledger events: the event's place and time (``frontwatch.ledger_events``).

Sentences are ours, written in the style of wire reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from frontwatch.ledger_events import article_date, events_from_report, floating_day, month_days
from frontwatch.records import Article, Claim, Claimant, Event, Place, Report, TimeSpan


def test_events_from_report_takes_the_place_nearest_the_trigger() -> None:
    text = "MOSCOW, Feb 17 - Russia said its forces took control of Avdiivka."
    moscow = Place(text="MOSCOW", span=(0, 6), name="Moscow", lat=55.75, lon=37.62, feature="city", precision=1)
    avd = Place(text="Avdiivka", span=(text.index("Avdiivka"), len(text) - 1), name="Avdiyivka", lat=48.14,
                lon=37.75, feature="town", precision=1, admin1="Donetsk Oblast", country="UA")
    stated = TimeSpan(text="", span=None, start=date(2024, 2, 17), end=date(2024, 2, 17), granularity="day")
    event = Event(type="capture", polarity="asserted", actor_side="RU", trigger="took control", places=(moscow, avd))
    claim = Claim(id="c1", text=text, span=(0, len(text)), claimant=Claimant("Russia", "organisation", "RU"),
                  stated=stated, events=(event,))
    report = Report(article=Article(text=text, id="a1", source="Wire"), claims=(claim,))
    (le,) = events_from_report(report)
    assert (le.place, le.admin1, le.start, le.syndicate, le.outlet) == ("Avdiyivka", "Donetsk Oblast",
                                                                       date(2024, 2, 17), "a1", "Wire")


def _one_event_report(text: str, places: list[tuple[str, str, int, str]], claimant: str = "Officials",
                      trigger: str = "hit", time: TimeSpan | None = None, published: date | None = None) -> Report:
    """A report of one claim and one event; ``places``: (mention, resolved name, precision, feature), each
    mention found in ``text`` (its first occurrence after the previous one)."""
    found, at = [], 0
    for mention, name, precision, feature in places:
        at = text.index(mention, at)
        found.append(Place(text=mention, span=(at, at + len(mention)), name=name, lat=48.0 + len(found),
                           lon=35.0, feature=feature, precision=precision, admin1=f"{name} Oblast", country="UA"))
        at += len(mention)
    stated = TimeSpan(text="", span=None, start=published, end=published, granularity="day") if published else None
    event = Event(type="strike", polarity="asserted", actor_side="RU", trigger=trigger, places=tuple(found), time=time)
    claim = Claim(id="c1", text=text, span=(0, len(text)), claimant=Claimant(claimant, "person", "UA"),
                  stated=stated, events=(event,))
    return Report(article=Article(text=text, id="a1", source="Wire", published=published), claims=(claim,))


def test_a_place_that_is_part_of_the_speakers_name_is_not_the_events_place() -> None:
    # a given name the gazetteer also knows as a town
    given = _one_event_report("President Volodymyr Zelensky said a missile hit a school in Sumy.",
                              [("Volodymyr", "Volodymyr", 1, "town"), ("Sumy", "Sumy", 1, "city")],
                              claimant="Volodymyr Zelensky")
    assert events_from_report(given)[0].place == "Sumy"
    alone = _one_event_report("Volodymyr Zelensky said a missile hit a school.", [("Volodymyr", "Volodymyr", 1, "town")],
                              claimant="Zelensky")
    assert events_from_report(alone)[0].place is None
    # the capital as the speaker: "Kyiv's defence ministry said"
    capital = _one_event_report("Kyiv's defence ministry said a drone hit a depot near Izium.",
                                [("Kyiv", "Kyiv", 1, "city"), ("Izium", "Izium", 2, "town")],
                                claimant="Kyiv's defence ministry")
    assert events_from_report(capital)[0].place == "Izium"
    # but an official of a region speaks of it, and a claimant named like a place is still a place
    governor = _one_event_report("The governor of Belgorod Region said a drone hit a fuel depot.",
                                 [("Belgorod Region", "Belgorod", 3, "region")],
                                 claimant="governor of Belgorod Region")
    assert events_from_report(governor)[0].place == "Belgorod"
    country = _one_event_report("Ukraine said Russia hit a depot in Ukraine overnight.",
                                [("Ukraine", "Ukraine", 3, "country")], claimant="Ukraine")
    country = replace(country, claims=(replace(country.claims[0], events=(replace(
        country.claims[0].events[0], places=(replace(country.claims[0].events[0].places[0],
                                                     span=(34, 41)),)),)),))
    assert events_from_report(country)[0].place == "Ukraine"


def test_a_dateline_is_where_the_report_was_filed_not_where_it_happened() -> None:
    text = "Odesa/Kyiv, Nov 10: A missile hit a grain terminal in Izmail overnight, officials said."
    report = _one_event_report(text, [("Odesa", "Odesa", 1, "city"), ("Izmail", "Izmail", 1, "town")])
    assert events_from_report(report)[0].place == "Izmail"
    dashed = _one_event_report("KHARKIV (Wire) - A missile hit a depot.", [("KHARKIV", "Kharkiv", 1, "city")])
    assert events_from_report(dashed)[0].place is None
    inline = _one_event_report("A missile hit Kharkiv, officials said.", [("Kharkiv", "Kharkiv", 1, "city")])
    assert events_from_report(inline)[0].place == "Kharkiv"


def test_a_place_named_as_a_bearing_yields_to_the_place_it_locates() -> None:
    text = "A missile hit a block of flats in Dnipro, north of Zaporizhzhia, officials said."
    report = _one_event_report(text, [("Dnipro", "Dnipro", 1, "city"), ("Zaporizhzhia", "Zaporizhzhia", 1, "city")],
                               trigger="officials")
    assert events_from_report(report)[0].place == "Dnipro"
    # but not to the region it lies in
    region = _one_event_report("Troops advanced west of Avdiivka in Donetsk Oblast, officials said.",
                               [("Avdiivka", "Avdiivka", 1, "town"), ("Donetsk Oblast", "Donetsk", 3, "region")],
                               trigger="advanced")
    assert events_from_report(region)[0].place == "Avdiivka"


def test_a_background_year_is_not_the_events_time_and_an_open_interval_runs_to_the_claim() -> None:
    text = "Three people were killed on the bridge to the peninsula annexed in 2014, officials said."
    year = TimeSpan(text="in 2014", span=None, start=date(2014, 1, 1), end=date(2014, 12, 31), granularity="year")
    (le,) = events_from_report(_one_event_report(text, [], time=year, published=date(2022, 10, 8)))
    assert (le.start, le.end) == (date(2022, 10, 8), date(2022, 10, 8))
    this_year = TimeSpan(text="this year", span=None, start=date(2022, 1, 1), end=date(2022, 12, 31),
                         granularity="year")
    (le,) = events_from_report(_one_event_report(text, [], time=this_year, published=date(2022, 10, 8)))
    assert (le.start, le.end) == (date(2022, 1, 1), date(2022, 12, 31))  # still under way when told: kept
    since = TimeSpan(text="since 24 February", span=None, start=date(2022, 2, 24), end=None, granularity="open")
    (le,) = events_from_report(_one_event_report(text, [], time=since, published=date(2022, 11, 10)))
    assert (le.start, le.end) == (date(2022, 2, 24), date(2022, 11, 10))


def test_an_undated_article_is_dated_by_the_latest_full_day_it_writes() -> None:
    text = "KYIV, March 3, 2024 - Officials said on Friday that a strike on March 1, 2024 hit a depot."
    day = lambda t, d: TimeSpan(text=t, span=None, start=d, end=d, granularity="day")  # noqa: E731
    times = (day("March 3, 2024", date(2024, 3, 3)), day("March 1, 2024", date(2024, 3, 1)),
             day("on Friday", date(2025, 1, 3)))  # no written year: no evidence of when the page was written
    event = Event(type="strike", polarity="asserted", actor_side="RU", trigger="hit")
    claim = Claim(id="c1", text=text, span=(0, len(text)), claimant=Claimant("Officials", "organisation", "UA"),
                  events=(event,))
    undated = Article(text=text, id="u1", source="Wire", times=times)
    (le,) = events_from_report(Report(article=undated, claims=(claim,)))
    assert article_date(undated) == date(2024, 3, 3) and (le.start, le.end, le.stated) == (date(2024, 3, 3),) * 3
    dated = replace(undated, published=date(2024, 3, 4))
    assert article_date(dated) == date(2024, 3, 4)
    assert article_date(replace(undated, times=times[2:])) is None
    # the page's address gives the day it was filed; a year and month alone give none
    assert article_date(replace(undated, times=times[2:], url="https://wire.example/news/2024/03/05/depot-hit")) \
        == date(2024, 3, 5)
    assert article_date(replace(undated, url="https://wire.example/20240302/depot-hit-123.html")) == date(2024, 3, 3)
    assert article_date(replace(undated, times=times[2:], url="https://wire.example/2024/03/depot-hit.html")) is None



def test_an_undated_article_is_dated_by_a_day_its_weekday_pins() -> None:
    text = "Officials said on Wednesday, November 9 that troops had left the bridgehead, as they had on Friday."
    day = lambda t, d: TimeSpan(text=t, span=None, start=d, end=d, granularity="day")  # noqa: E731
    # the times stage reads the weekday as the year: 9 November 2022 was a Wednesday
    pinned, loose = day("on Wednesday, November 9", date(2022, 11, 9)), day("on Friday", date(2022, 11, 4))
    undated = Article(text=text, id="u2", source="Wire", times=(pinned, loose))
    assert article_date(undated) == date(2022, 11, 9)
    # a weekday the day does not fall on pins nothing (a reading without the weekday's help)
    assert article_date(replace(undated, times=(day("on Wednesday, November 9", date(2023, 11, 9)),))) is None
    assert article_date(replace(undated, times=(loose,))) is None


def test_a_machine_timestamp_dates_an_undated_page_only_when_nothing_else_does() -> None:
    text = "Updated 2024-04-15T05:13:31+03:00. Officials said on Wednesday, November 9 that troops had left."
    day = lambda t, d: TimeSpan(text=t, span=None, start=d, end=d, granularity="day")  # noqa: E731
    stamp = day("2024-04-15T05:13:31+03:00", date(2024, 4, 15))
    undated = Article(text=text, id="u3", source="Wire", times=(stamp, day("on Wednesday, November 9", date(2022, 11, 9))))
    assert article_date(undated) == date(2022, 11, 9)  # the stamp is a later edit, not the report's day
    assert article_date(replace(undated, times=(stamp,))) == date(2024, 4, 15)

def test_an_article_whose_events_name_no_place_is_about_the_town_it_names_most(pipeline) -> None:  # type: ignore[no-untyped-def]
    def places(text: str) -> list[str | None]:
        report = pipeline.analyze(text, published="2024-05-15", source="Wirewire")
        return [e.place for e in events_from_report(report)]

    lede = "Rescue crews searched the ruins of a school in Sumy on Wednesday. Residents of {} laid flowers at its gates. "
    assert places(lede.format("Sumy") + "The death toll rose to seven, the regional governor said.") == ["Sumy"]
    # two towns named as often: no telling which one the toll is about
    assert places(lede.format("Okhtyrka") + "The death toll rose to seven, the regional governor said.") == [None]
    # an event that names its place keeps it, and the others of its article stay as they were
    assert places(lede.format("Sumy") + "The death toll in Okhtyrka rose to seven, the regional governor said.") \
        == ["Okhtyrka"]


def test_a_yearless_day_floats_on_an_undated_page() -> None:
    unread = lambda t: TimeSpan(text=t, span=None)  # noqa: E731  (what the times stage leaves without a year)
    assert floating_day(unread("on August 6")) == "08-06" and floating_day(unread("Aug. 4")) == "08-04"
    assert floating_day(unread("on the night of August 5-6")) == "08-05/08-06"
    assert month_days("12-30/01-02") == ((12, 30), (1, 2)) and month_days("02-29") == ((2, 29), (2, 29))
    for nothing in ("on Friday", "three weeks ago", "at the end of July", "in August", "August 6, 2024"):
        assert floating_day(unread(nothing)) is None, nothing
    assert floating_day(TimeSpan(text="on August 6", span=None, start=date(2024, 8, 6), end=date(2024, 8, 6))) is None

    text = "Officials said on August 9 that a drone hit a depot on August 6. Repairs began on Friday."
    hit = Event(type="strike", polarity="asserted", actor_side="RU", trigger="hit", time=unread("on August 6"))
    repairs = Event(type="strike", polarity="asserted", actor_side="RU", trigger="began")
    claim = Claim(id="c1", text=text, span=(0, len(text)), claimant=Claimant("Officials", "organisation", "UA"),
                  events=(hit, repairs))
    page = Article(text=text, id="u3", source="Wire",
                   times=(unread("on August 9"), unread("on August 6"), unread("on Friday")))
    # the event's own day; else the page's latest (a report is written on or after every day it gives)
    assert [(e.start, e.floating) for e in events_from_report(Report(article=page, claims=(claim,)))] \
        == [(None, "08-06"), (None, "08-09")]
    # days a month or more apart may straddle New Year: which is the later is unknown
    straddle = replace(page, times=(unread("on December 30"), unread("on January 2")))
    assert [e.floating for e in events_from_report(Report(article=straddle, claims=(claim,)))] == ["08-06", None]
    # a dated page keeps its dates: nothing floats
    dated = replace(page, published=date(2024, 8, 9))
    assert [(e.start, e.floating) for e in events_from_report(Report(article=dated, claims=(claim,)))] \
        == [(date(2024, 8, 9), None)] * 2
