"""stages/attach.py: sentence mentions attached to events, times inherited, headlines not counted."""

from __future__ import annotations

from datetime import date

from frontwatch.records import Claim, Claimant, Event, Place, TimeSpan
from frontwatch.stages.attach import _by_span, inherit_times, split_areas


def _t(text: str, start: int, day: int) -> TimeSpan:
    return TimeSpan(text=text, span=(start, start + len(text)), start=date(2023, 7, day), end=date(2023, 7, day),
                    granularity="day")


def test_attach_by_span_buckets_mentions_per_sentence_in_text_order() -> None:
    places = [Place("B", (30, 31)), Place("A", (5, 6)), Place("C", (55, 56)), Place("D", (10, 11))]
    buckets = _by_span(places, [(0, 20), (20, 50), (50, 60), (70, 80)])
    assert [[p.text for p in b] for b in buckets] == [["A", "D"], ["B"], ["C"], []]


def test_attach_by_span_skips_mentions_without_span() -> None:
    stated = TimeSpan(text="", span=None, start=date(2023, 7, 1), end=date(2023, 7, 1))
    assert _by_span([stated, _t("Monday", 3, 3)], [(0, 10)]) == [[_t("Monday", 3, 3)]]


def _claim(*events: Event) -> Claim:
    return Claim(id="x", text="", span=(0, 1), claimant=Claimant("Kyiv Dispatch", "outlet", "UA"), events=events)


def test_attach_retold_event_takes_first_telling_time() -> None:
    bakhmut = (Place("Bakhmut", (0, 7), name="Bakhmut"),)
    first = Event("advance", "asserted", "UA", places=bakhmut, time=_t("last week", 10, 10))
    later = Event("advance", "asserted", "UA", places=bakhmut)
    other_side = Event("advance", "asserted", "RU", places=bakhmut)
    out = inherit_times([_claim(first), _claim(later, other_side)])
    assert out[1].events[0].time == first.time
    assert out[1].events[1].time is None  # another side's advance is another event


def test_attach_retold_event_prefers_the_earliest_telling() -> None:
    a = (Place("Klishchiivka", (0, 1), name="Klishchiivka"),)
    ab = a + (Place("Andriivka", (2, 3), name="Andriivka"),)
    one = Event("capture", "asserted", "UA", places=(ab[1],), time=_t("on Monday", 0, 3))
    two = Event("capture", "asserted", "UA", places=a, time=_t("on Tuesday", 0, 4))
    out = inherit_times([_claim(one), _claim(two), _claim(Event("capture", "asserted", "UA", places=ab))])
    assert out[2].events[0].time == one.time


def test_attach_two_areas_split_into_two_advances() -> None:
    from frontwatch.records import Quantity

    areas = [Quantity("9 sq km", (0, 7), 9, "km2", "area"), Quantity("28 sq km", (20, 28), 28, "km2", "area")]
    event = Event("advance", "asserted", "UA", quantities=tuple(areas))
    assert [e.quantities[0].value for e in split_areas(event, areas)] == [9, 28]
    assert split_areas(Event("capture", "asserted", "UA"), areas) == [Event("capture", "asserted", "UA")]


def test_attach_headline_after_a_rubric_line_counts_no_events(pipeline) -> None:  # type: ignore[no-untyped-def]
    body = ("Ukraine's General Staff said on Tuesday that its forces had recaptured the village of Andriivka "
            "south of Bakhmut after weeks of fighting, and that Russian units had withdrawn to the east.")
    text = f"LATEST NEWS\nUkraine says its troops recaptured Andriivka\n\n{body}"
    report = pipeline.analyze(text, published="2023-09-19", source="Wirewire")
    with_events = [c for c in report.claims if c.events]
    assert with_events and all(c.text.startswith("Ukraine's General Staff") for c in with_events)


# -- two speakers in one sentence (issue 8, claims-attach): sentences written for these tests ---------------

def test_attach_each_speaker_of_a_sentence_gets_the_events_it_states(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Moscow claimed on Friday that its forces had captured Marinka, but Ukrainian officials said their "
            "troops had repelled the assault.")
    report = pipeline.analyze(text, published="2023-07-14", source="Wirewire")
    by_speaker = {c.claimant.name: {e.type for e in c.events} for c in report.claims if c.events}
    assert by_speaker.get("Moscow") == {"capture"}
    assert by_speaker.get("Ukrainian officials") == {"repelled"}


def test_attach_an_outlet_relaying_a_side_gives_the_event_to_the_side(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The Washington Post wrote that the Ukrainian military admitted that Russian troops had advanced near Kupiansk."
    report = pipeline.analyze(text, published="2023-07-14", source="Wirewire")
    [claim] = [c for c in report.claims if c.events]
    assert claim.claimant.name == "Ukrainian military" and claim.claimant.side == "UA"


def test_attach_a_report_of_the_enemys_complaint_stays_the_reports(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("On Monday, the General Staff reported that the Russian military complained that Ukrainian troops "
            "had destroyed a Russian reconnaissance company near Vuhledar.")
    report = pipeline.analyze(text, published="2023-07-14", source="Kyiv Dispatch")
    [claim] = [c for c in report.claims if c.events]
    assert claim.claimant.name.endswith("General Staff")


# -- what a sentence with no verb asserts (issue 8, claims-attach): sentences written for these tests ------------

def test_attach_list_items_under_a_speakers_colon_are_claims(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The town was shelled again on Monday.\nAs reported by the General Staff, on Monday alone the Russian "
            "army carried out:\n42 air strikes with guided bombs.\n150 artillery strikes.\n"
            "The town remains under Ukrainian control.")
    report = pipeline.analyze(text, published="2024-05-14", source="Kyiv Dispatch")
    items = [c for c in report.claims if c.text.startswith(("42 air", "150 artillery"))]
    assert len(items) == 2 and all(c.claimant.name == "General Staff" for c in items)


def test_attach_a_verbless_caption_asserts_nothing(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Russian troops shelled the town on Monday, the governor said.\nFirefighters at the scene in the town centre."
    report = pipeline.analyze(text, published="2024-05-14", source="Kyiv Dispatch")
    assert not [c for c in report.claims if c.text.startswith("Firefighters")]


def test_attach_subheadings_and_related_headlines_in_the_body_count_no_events(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Russian forces shelled Kherson overnight, the regional governor said on Tuesday.\n\n"
            "Ukraine strikes Russian airfield with long-range drones\n\n"
            "Two people were wounded in the shelling, he said.\n\n"
            "Drones hit the port of Odesa as the city")
    report = pipeline.analyze(text, published="2024-05-14", source="Kyiv Dispatch")
    assert not [c for c in report.claims if c.text.startswith("Ukraine strikes") and c.events]
    assert [c for c in report.claims if c.text.startswith("Russian forces") and c.events]
    assert [c for c in report.claims if c.text.startswith("Drones hit") and c.events]  # the cut last line stays


# -- a time in a clause about another noun (issue 9, ledger-clusters): sentences written for these tests ----------
def test_attach_a_date_in_a_clause_about_a_noun_is_not_the_events(pipeline) -> None:  # type: ignore[no-untyped-def]
    for text in ("Ukraine's army said its units withdrew from Vovchansk, a border town that most residents left "
                 "after the war began on 24 February.",
                 "Kyiv said its troops had withdrawn from Vovchansk -- the first town to change hands after Moscow "
                 "began its offensive on 10 May."):
        report = pipeline.analyze(text, published="2024-09-02", source="Wirewire")
        [event] = [e for c in report.claims for e in c.events if e.type == "withdrawal"]
        assert event.time is None, text  # background about the town; the pull-back is told on 2 September


def test_attach_a_date_in_a_clause_about_the_trigger_noun_stays(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Officials said the missile strike carried out on 3 March killed four people in Odesa."
    report = pipeline.analyze(text, published="2024-03-05", source="Wirewire")
    times = {e.time.start for c in report.claims for e in c.events if e.time is not None}
    assert date(2024, 3, 3) in times
    # an infinitive after a noun ("attempts to storm") is the event itself, not background about the noun
    text = ("The General Staff said Russian troops made nine unsuccessful attempts to storm positions near "
            "Novomykhailivka over the past week.")
    report = pipeline.analyze(text, published="2024-03-05", source="Wirewire")
    assert [e.time.start for c in report.claims for e in c.events if e.time is not None] == [date(2024, 2, 27)]



# -- totals and parts (issue 8, attach-rework): sentences written for these tests ---------------------------------

def test_attach_a_speakers_later_count_keeps_the_totals_side(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Ukrainian shelling killed ten people in the city centre, the regional governor said on Sunday. "
            "According to the governor, 45 people were injured, including four children.")
    report = pipeline.analyze(text, published="2024-01-01", source="Wirewire")
    sides = [e.actor_side for c in report.claims for e in c.events if e.type == "casualties"]
    assert sides == ["UA", "UA"]


def test_attach_an_outlets_own_strike_names_no_attacker_it_did_not_say(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Russia launched 40 missiles at Ukrainian cities on Monday. A children's hospital in Kyiv was hit."
    report = pipeline.analyze(text, published="2024-07-08", source="Kyiv Dispatch")
    strikes = [e.actor_side for c in report.claims for e in c.events if e.type == "strike"]
    assert strikes[-1] == "unknown"


def test_attach_a_headline_run_into_its_byline_and_time_stamp_counts_no_events(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Russia says drones hit fuel depot in Crimea JOHN SMITH, Wirewire May 3, 2024 Updated: May 3, 2024 4:05 a.m.\n"
            "Russian officials said Friday that Ukrainian drones had struck a fuel depot near Sevastopol, starting a "
            "fire that burned for several hours before it was put out.")
    report = pipeline.analyze(text, published="2024-05-03", source="Wirewire")
    assert not report.claims[0].events and report.claims[1].events


def test_attach_a_span_on_the_cue_is_not_the_day_it_was_said(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Since mid-February, when Russian forces took the town, British intelligence added that the area has "
            "remained a focus of Russian attacks.")
    report = pipeline.analyze(text, published="2024-04-26", source="Wirewire")
    assert report.claims[0].stated is not None and report.claims[0].stated.start.isoformat() == "2024-04-26"


def test_attach_a_speakers_next_statement_keeps_the_day_they_spoke(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The regional governor, Oleh Marchenko, said on Sunday that Russian drones had hit a grain terminal in the "
            "port overnight. He added that two workers were wounded and taken to hospital.\n"
            "Air raid alerts sounded across the region on Monday morning.")
    report = pipeline.analyze(text, published="2024-06-03", source="Wirewire")
    stated = [c.stated.start.isoformat() for c in report.claims if c.stated is not None and c.stated.start]
    assert stated == ["2024-06-02", "2024-06-02", "2024-06-03"]


# -- a headline written as a sentence (spurious claims, 2026-12-04): sentences written for this test --------------
def test_attach_a_headline_sentence_the_body_retells_counts_no_events(pipeline) -> None:  # type: ignore[no-untyped-def]
    body = ("Russian drones hit the port of Odesa overnight, damaging grain silos and wounding two workers, the "
            "regional governor said on Tuesday. Air defences shot down most of the drones, he said.")
    report = pipeline.analyze(f"Russian drones strike Odesa port.\n\n{body}", published="2023-07-14",
                              source="Kyiv Dispatch")
    assert [c.text[:20] for c in report.claims if c.events] == ["Russian drones hit t", "Air defences shot do"]
    # a lead the body does not tell again keeps its events
    report = pipeline.analyze("Ukraine retakes village near Bakhmut.\n\nThe mayor said residents had been evacuated "
                              "from the town over the weekend and that the school was now closed until September.",
                              published="2023-07-14", source="Kyiv Dispatch")
    assert [c for c in report.claims if c.text.startswith("Ukraine retakes") and c.events]
