"""End to end on the shared seed story, plus the pipeline's contract (order, errors, batching)."""

from __future__ import annotations

import pytest

from frontwatch import STAGES, Article, Pipeline, Report
from frontwatch.errors import InputError, NotEnglishError
from frontwatch.pipeline import ENGLISH_LIKE, detect_language, short_latin_text
from frontwatch.records import Claim


def test_pipeline_stage_order_is_pinned() -> None:
    assert STAGES == ("clean", "language", "parse", "attribute", "places", "times", "quantities", "events")


def _claims_by(report: Report, surname: str) -> list[Claim]:
    return [c for c in report.claims if c.claimant.name.split()[-1] == surname]


def _events(claims: list[Claim], kind: str) -> list:  # type: ignore[type-arg]
    return [(c, e) for c in claims for e in c.events if e.type == kind]


def test_pipeline_seed_removed(seed_report: Report) -> None:
    kinds = [r.kind for r in seed_report.article.removed]
    assert kinds.count("boilerplate") == 2 and kinds.count("duplicate_sentence") == 1


def test_pipeline_seed_malyar_bakhmut_advance(seed_report: Report) -> None:
    malyar = _claims_by(seed_report, "Malyar")
    assert malyar and all(c.claimant.side == "UA" for c in malyar)
    assert "deputy defense minister" in (malyar[0].claimant.role or "").lower()
    hits = [(c, e) for c, e in _events(malyar, "advance") if e.actor_side == "UA"
            and any(p.text == "Bakhmut" for p in e.places)]
    assert hits
    _, event = hits[0]
    assert any(q.unit == "km2" and q.value == 7 and q.approx for q in event.quantities)


def test_pipeline_seed_malyar_kupyansk_russian_advance(seed_report: Report) -> None:
    hits = [(c, e) for c, e in _events(_claims_by(seed_report, "Malyar"), "advance") if e.actor_side == "RU"]
    assert hits
    texts = {p.text for p in hits[0][1].places}
    assert {"Kupyansk", "Kharkov"} <= {t.split()[0] for t in texts} | texts


def test_pipeline_seed_putin_repelled_both_quotes(seed_report: Report) -> None:
    putin = _claims_by(seed_report, "Putin")
    assert putin and all(c.claimant.side == "RU" for c in putin)
    repelled = _events(putin, "repelled")
    assert repelled and all(e.actor_side == "UA" for _, e in repelled)
    quoted = {c.text for c, _ in repelled if c.direct_quote}
    assert any(t.startswith('"All attempts') for t in quoted)
    assert any("he added" in t for t in quoted)  # the second quote, via "he added"


def test_pipeline_seed_yermak_concedes(seed_report: Report) -> None:
    yermak = _claims_by(seed_report, "Yermak")
    assert yermak and yermak[0].claimant.side == "UA" and yermak[0].cue == "conceded"
    assert "head of the presidential office" in (yermak[0].claimant.role or "")
    assert any(e.type == "advance" and e.actor_side == "UA" for e in yermak[0].events)  # slow progress


def test_pipeline_seed_kiev_is_a_government(seed_report: Report) -> None:
    kiev = [c for c in seed_report.claims if c.claimant.name == "Kiev" and "2 kilometers" in c.text]
    assert kiev and kiev[0].claimant.kind == "organisation" and kiev[0].claimant.side == "UA"
    advance = [e for e in kiev[0].events if e.type == "advance"]
    assert advance and advance[0].actor_side == "UA"
    assert any(q.value == 2 and q.unit == "km" for q in advance[0].quantities)
    assert not any(p.text == "Kiev" and p.role == "place" for p in seed_report.article.places
                   if p.span[0] in range(*kiev[0].span))
    assert not any(p.text == "Kiev" for e in kiev[0].events for p in e.places)


def test_pipeline_seed_cluster_munitions_denied(seed_report: Report) -> None:
    hits = _events(_claims_by(seed_report, "Putin"), "weapons_use")
    assert hits and hits[0][1].polarity == "denied" and hits[0][1].actor_side == "RU"


def test_pipeline_seed_call_for_long_range_weapons(seed_report: Report) -> None:
    hits = [(c, e) for c in seed_report.claims for e in c.events if e.type == "weapons_supply"]
    assert any(c.claimant.side == "UA" and "long-range weapons" in c.text for c, _ in hits)


def test_pipeline_claim_spans_point_into_original(seed_report: Report, seed_text: str) -> None:
    for claim in seed_report.claims:
        start, end = claim.span
        assert seed_text[start:end] == claim.text


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_pipeline_empty_text_is_input_error(pipeline: Pipeline, text: str) -> None:
    with pytest.raises(InputError, match="empty"):
        pipeline.analyze(text)


@pytest.mark.parametrize("text", [
    "Die ukrainischen Streitkräfte sind bei Bachmut vorgerückt, sagte die Ministerin am Montag in Kiew.",
    "Вооруженные силы Украины продвинулись под Бахмутом, заявила замминистра обороны в понедельник.",
])
def test_pipeline_not_english_is_refused(pipeline: Pipeline, text: str) -> None:
    with pytest.raises(NotEnglishError, match="not English"):
        pipeline.analyze(text)


@pytest.mark.parametrize("headline", [
    "Russia strikes Odesa port",
    "Kyiv: Patriot downs Kinzhal",
    "Zaluzhnyi visits Avdiivka brigades",
    "Kherson: Antonivka bridge hit",
    "Marinka falls",
])
def test_pipeline_short_headline_is_never_refused_on_language_id(pipeline: Pipeline, headline: str) -> None:
    # py3langid reads these as Finnish, Shona, Slovenian, Somali: too few words to tell
    assert detect_language(headline) not in ENGLISH_LIKE
    report = pipeline.analyze(headline)
    assert report.article.language == "en"


def test_pipeline_short_headline_in_another_script_is_refused(pipeline: Pipeline) -> None:
    with pytest.raises(NotEnglishError, match="not English"):
        pipeline.analyze("Ракетний удар по Одесі")


def test_pipeline_short_text_limit_is_a_setting(settings) -> None:  # type: ignore[no-untyped-def]
    assert short_latin_text("Russia strikes Odesa port", settings.input.short_text_words)
    assert not short_latin_text("Russia strikes Odesa port", 4)
    long_german = "Die ukrainischen Streitkräfte sind bei Bachmut vorgerückt, sagte die Ministerin am Montag in Kiew."
    assert not short_latin_text(long_german, settings.input.short_text_words)


def test_pipeline_pipe_keeps_order_and_skips_bad(pipeline: Pipeline) -> None:
    texts = [
        "Russian forces shelled Kherson overnight, the governor said.",
        "",
        "Ukraine said its troops repelled nine attacks near Avdiivka on Tuesday.",
    ]
    failed: list[str] = []
    articles = [Article(text=t, id=f"a{i}", source="Wirewire") for i, t in enumerate(texts)]
    reports = list(pipeline.pipe(articles, on_error=lambda a, e: failed.append(a.id)))
    assert [r.article.id for r in reports] == ["a0", "a2"]
    assert failed == ["a1"]


def test_pipeline_other_conflict_gets_no_ukraine_sides(pipeline: Pipeline) -> None:
    text = ("KHARTOUM, June 3 (Wirewire) - The Rapid Support Forces said on Saturday they had repelled an army "
            "attack on their positions near the airport. Sudan's army said its aircraft struck RSF positions in "
            "Omdurman, killing dozens of fighters.")
    report = pipeline.analyze(text, published="2023-06-03", source="Wirewire")
    sides = {c.claimant.side for c in report.claims} | {e.actor_side for c in report.claims for e in c.events}
    assert not sides & {"UA", "RU"}


def test_headline_of_names_is_english_by_its_common_words():
    # our own headlines: mostly place and person names, which language identification reads as another language
    from frontwatch.pipeline import english_ratio

    for headline in ("Militants shell Prychepylivka, Krymske, Novoaidar, Sievierodonetsk and Lysychansk: "
                     "Ukrainian soldier Andrii Kovalenko killed",
                     "Shelling at Zolote, Katerynivka and Toshkivka kills Ukrainian marine Mykola Pylypenko, "
                     "brigade says",
                     "41y.o. Taras Hnatyuk killed in enemy shelling at Novotoshkivske, Luhansk Obl Aug 3, 2021."):
        assert english_ratio(headline) >= 0.15
    assert english_ratio("Die Truppen haben die Stadt am Morgen verlassen, sagte ein Sprecher") < 0.15
