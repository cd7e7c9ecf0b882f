"""Quotations, Source: lines, "This was reported by" and report continuation, on hand-written sentences."""

from __future__ import annotations

import pytest

from frontwatch.stages.attribute import Attributor
from frontwatch.stages.quotes import find_quotes


def _attribute(nlp, actors, text: str, source: str = "Wirewire"):  # type: ignore[no-untyped-def]
    return Attributor(actors).attribute(nlp(text), source)


def test_attribute_bulletin_continuation_keeps_its_issuer(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Ukraine's General Staff said 78 clashes took place over the past day. In the Bakhmut direction, the "
            "enemy attacked 14 times near Klishchiivka. Also, the occupiers shelled Kupiansk.\n\n"
            "The town had 25,000 residents before the war began.")
    ats = _attribute(nlp, actors, text)
    assert all(a.claimant.name.endswith("General Staff") for a in ats[:3])
    assert ats[3].claimant.kind == "outlet"  # a new paragraph of background is the outlet's


def test_attribute_background_in_same_paragraph_stays_the_outlets(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = "Maliar said troops advanced near Bakhmut. Russian forces captured the city in May after months of fighting."
    ats = _attribute(nlp, actors, text)
    assert ats[1].claimant.kind == "outlet"


@pytest.mark.parametrize("text,quoted", [
    # straight opening, curly closing
    ('He said: "Our units hold the northern edge of the village.\u201d', ["Our units hold the northern edge of the village."]),
    # one quotation over two paragraphs, each paragraph opening it again
    ('"The enemy attacked nine times overnight.\n\n"All nine assaults were beaten back," she said.',
     ["The enemy attacked nine times overnight.", "All nine assaults were beaten back,"]),
    # over two paragraphs, the second going on without a mark and closing it
    ('Quote: "Our forces advanced two kilometres.\n\nThey also cleared the railway station."',
     ["Our forces advanced two kilometres.", "They also cleared the railway station."]),
])
def test_find_quotes_mixed_marks_and_paragraphs(text: str, quoted: list[str]) -> None:
    [(start, end)] = find_quotes(text)
    assert all(q in text[start:end] for q in quoted)


def test_find_quotes_skips_scare_quotes() -> None:
    assert find_quotes('Moscow calls the retreat a "regrouping" of its forces.') == []


def test_attribute_quote_paragraph_keeps_the_speaker_before_it(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ('The regional governor, Oleh Marchenko, said on Monday that the shelling had eased.\n\n'
            '"Our air defence units destroyed four drones over the district overnight."')
    ats = _attribute(nlp, actors, text, "Kyiv Dispatch")
    assert ats[-1].claimant.name == "Oleh Marchenko" and ats[-1].direct_quote


def test_attribute_quote_paragraph_after_outlet_narrative_is_not_given_a_speaker(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = 'Shelling hit the market on Sunday.\n\n"We ran to the basement when it started."'
    ats = _attribute(nlp, actors, text)
    assert ats[-1].claimant.kind == "outlet"


def test_attribute_this_was_reported_by_takes_the_whole_lead(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Russian troops broke into the outskirts of Novoselivka. Fighting in the village goes on.\n\n"
            "This was reported by the spokesman of the Khortytsia group, Nazar Voloshyn.\n\n"
            "The village had 2,000 residents before the war.")
    ats = _attribute(nlp, actors, text, "Kyiv Dispatch")
    assert [a.claimant.name for a in ats[:3]] == ["Nazar Voloshyn"] * 3
    assert ats[3].claimant.kind == "outlet"


def test_attribute_source_line_gives_lead_quote_and_details(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Ukrainian forces have advanced 3 km near Robotyne.\n\n"
            "Source: video address by Oleksandr Syrskyi, Commander-in-Chief of the Armed Forces of Ukraine\n\n"
            'Quote: "Our units pushed the enemy out of two strongpoints.\n\n'
            'We also took a road junction."\n\n'
            "Details: The enemy tried to counterattack three times.\n\n"
            "Background: Robotyne was first liberated in August.")
    ats = _attribute(nlp, actors, text, "pravda.com.ua")
    assert all(a.claimant.name == "Oleksandr Syrskyi" for a in ats[:-1]), [a.claimant.name for a in ats]
    assert ats[-1].claimant.kind == "outlet"


def test_attribute_source_credit_line_at_the_end_is_not_a_speaker(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = "Russian forces shelled Kherson overnight.\nSource: Wirewire"
    ats = _attribute(nlp, actors, text, "example-news.com")
    assert ats[0].claimant.kind == "outlet"


def test_attribute_officials_report_goes_on_with_its_next_item(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Oleksandr Syrskyi said the situation on the front remained difficult. In the Lyman direction, the "
            "enemy is pushing towards the river. Kupiansk was founded in the 17th century.")
    ats = _attribute(nlp, actors, text, "Kyiv Dispatch")
    assert ats[1].claimant.name.endswith("Syrskyi")
    assert ats[2].claimant.kind == "outlet"


def test_attribute_next_quote_in_the_same_paragraph_keeps_the_speaker(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ('"Our groups continue operations in the region," Oleksandr Syrskyi said. "Over the past day, our troops '
            'advanced two kilometres. Fighting goes on along the whole line."')
    ats = _attribute(nlp, actors, text, "example-news.com")
    assert all(a.claimant.name.endswith("Syrskyi") and a.direct_quote for a in ats)


def test_attribute_reported_about_it_points_back_at_the_lead(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("A Russian missile hit a warehouse in the city on Monday. Four people were killed.\n"
            "The head of the regional military administration, Dmytro Lunin, reported about it.")
    ats = _attribute(nlp, actors, text, "Kyiv Dispatch")
    assert [a.claimant.name for a in ats] == ["Dmytro Lunin"] * 3


def test_attribute_report_goes_on_with_also_and_its_own_subject(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Hanna Maliar said the enemy had made great efforts near Bakhmut. They brought in more units and "
            "stepped up their attacks. The Vostok group also lost two tanks near Vuhledar, the ministry said.\n"
            "Read also: Drone attack on Odesa port")
    ats = _attribute(nlp, actors, text, "Kyiv Dispatch")
    assert ats[1].claimant.name == "Hanna Maliar"
    assert ats[-1].claimant.kind == "outlet"  # a Read also line is no item of the report


def test_attribute_named_officials_bulletin_item_in_a_new_paragraph(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Oleksandr Tarnenko, commander of the southern group, said Ukrainian units had advanced 1 km.\n\n"
            "In the past day, the defenders destroyed two enemy ammunition depots in the Tavria direction.")
    ats = _attribute(nlp, actors, text, "Kyiv Dispatch")
    assert ats[1].claimant.name.endswith("Tarnenko")


def test_find_quotes_glued_to_the_sentence_before() -> None:
    text = 'The brigade held the line near the river."The enemy lost thirty men and two tanks," the ministry said.'
    [(start, end)] = find_quotes(text)
    assert text[start:end].startswith('"The enemy')


def test_attribute_glued_quotation_is_its_own_sentence(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = 'The brigade held the line near the river."The enemy lost thirty men and two tanks," the ministry said.'
    ats = _attribute(nlp, actors, text, "Wirewire")
    assert ats[-1].sent.text.startswith('"The enemy')
    assert ats[-1].claimant.name == "ministry" and ats[-1].direct_quote


def test_attribute_list_items_keep_the_speaker_who_opened_the_list(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("The town was shelled again.\nAs reported by the General Staff, on Monday alone the Russian army carried "
            "out:\n42 air strikes with guided bombs.\n150 artillery strikes.\nThe town remains under Ukrainian control.")
    ats = _attribute(nlp, actors, text, "Kyiv Dispatch")
    assert [a.claimant.name for a in ats[2:4]] == ["General Staff"] * 2
    assert ats[4].claimant.kind == "outlet"


def test_attribute_report_goes_on_in_a_new_paragraph_in_the_enemys_name(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("General Oleksandr Tarnavskyi reported the figures on Telegram.\n\n"
            "According to the commander, the artillery carried out 900 fire missions over the day.\n\n"
            "The enemy lost 120 soldiers and four tanks near the village.\n\n"
            "The village had 3,000 residents before the war.")
    ats = _attribute(nlp, actors, text, "Kyiv Dispatch")
    assert ats[2].claimant.name.endswith("Tarnavskyi")
    assert ats[3].claimant.kind == "outlet"


# -- pointing back (issue 8, claims-attach): sentences written for these tests -------------

def test_attribute_this_was_reported_by_an_outlet_quoting_a_speaker_gives_the_lead_to_the_speaker(
        nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("The number of people killed in the strike on Shebekino has risen to nine.\n\n"
            "This was reported by a state news agency, quoting the regional governor, Vyacheslav Gladkov.")
    ats = _attribute(nlp, actors, text, "example-news.com")
    assert ats[0].claimant.name == "Vyacheslav Gladkov"


def test_attribute_a_subheading_between_the_lead_and_this_is_reported_by(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("The first Gripen fighters have probably arrived in Ukraine. Their number is not known.\n\n"
            "Swedish jets reach Ukraine\n\n"
            "This is reported by Politico with reference to sources familiar with the matter.")
    ats = _attribute(nlp, actors, text, "Kyiv Dispatch")
    assert ats[0].claimant.name == "sources familiar with the matter"
    assert ats[2].claimant.kind == "outlet"  # the subheading itself is nobody's report


def test_attribute_this_was_reported_in_the_ministry_names_it(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Artillery crews of the Zapad group destroyed a Ukrainian ammunition depot near Kupiansk. "
            "This was reported in the Ministry of Defence of the Russian Federation.")
    ats = _attribute(nlp, actors, text, "example-news.com")
    assert "Ministry of Defence" in ats[0].claimant.name


def test_find_quotes_a_straight_mark_after_a_comma_before_a_lower_case_word_closes() -> None:
    text = ('"Rescuers are at the scene. There are dead and wounded. Everyone will answer before the law, '
            '"the statement said.')
    [(a, b)] = find_quotes(text)
    assert text[b:].startswith("the statement said")


def test_attribute_a_quotation_closed_by_the_statement_goes_to_its_issuer(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("A missile hit the railway station in Kramatorsk on Friday morning, the Communications Department of the "
            "National Police reported.\n\n"
            '"Rescuers are working at the scene. We already know about the dead. Assistance is provided to all who '
            'need it. Everyone will answer before the law, "the statement said.')
    ats = _attribute(nlp, actors, text, "Kyiv Dispatch")
    assert "National Police" in ats[0].claimant.name
    assert all("National Police" in a.claimant.name for a in ats[1:])


def test_find_quotes_a_lost_closing_mark_ends_the_quotation_at_the_next() -> None:
    text = ('According to Petrenko, "in the morning the occupiers hit the market with artillery. Two women died on '
            'the spot. "The enemy keeps targeting civilians," he wrote.')
    quotes = [text[a:b] for a, b in find_quotes(text)]
    assert len(quotes) == 2
    assert "Two women died" in quotes[0] and quotes[1].startswith('"The enemy')


def test_attribute_a_quotation_that_lost_its_closing_mark_keeps_its_speaker(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ('According to Petrenko, "in the morning the occupiers hit the market with artillery. Two women died on '
            'the spot. "The enemy keeps targeting civilians," he wrote.')
    ats = _attribute(nlp, actors, text)
    assert [a.claimant.name for a in ats] == ["Petrenko"] * 3


def test_attribute_a_quotation_after_an_impersonal_lead_in_goes_on_with_the_speaker(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ('"Three attacks were repelled near the village," the General Staff said.\n'
            'It is also known that "the enemy attacked four times near Terny, trying to advance toward the river."')
    ats = _attribute(nlp, actors, text)
    assert ats[-1].claimant.name == "General Staff" and ats[-1].direct_quote


@pytest.mark.parametrize("text,continues", [
    # a figure right after a report told in the speaker's own clause: the report's next figure
    ("Regional governor Pavlo Kyrylenko said that two missiles had hit the station. 30 people were killed and more "
     "than 100 were injured.", True),
    ("Army spokesman Andriy Kovalenko said that the enemy kept attacking near the village. The Ukrainian military "
     "has repelled four Russian attacks in this area.", True),
    # quoted, not told: the outlet's own sentence after it stays the outlet's
    ('"Two missiles hit the station," the head of the railway company said. 30 people were killed.', False),
    # a new paragraph: the outlet's
    ("The head of the railway company said that two missiles had hit the station.\n\n30 people were killed.", False),
])
def test_attribute_a_figure_after_a_told_report_is_the_reports(nlp, actors, text: str, continues: bool) -> None:  # type: ignore[no-untyped-def]
    ats = _attribute(nlp, actors, text, "Kyiv Dispatch")
    assert (ats[-1].claimant.kind != "outlet") is continues


def test_attribute_said_this_with_a_relay_points_back(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    ats = _attribute(nlp, actors, "Russian drones hit a power plant in the Sumy region overnight.\n\n"
                                  "Ivan Petrenko, the head of the regional administration, said this on Telegram, "
                                  "Wirewire reports.")
    assert ats[0].claimant.name == "Ivan Petrenko"


def test_attribute_published_statement_and_its_items(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    ats = _attribute(nlp, actors, "On Monday, Russian troops attacked positions near five villages.\n\n"
                                  "The relevant statement was published on Tuesday by the General Staff of the Armed "
                                  "Forces of Ukraine.\n\n"
                                  "It is reported that the enemy continued its attempts to advance near Kupiansk.\n\n"
                                  "And in the Lyman direction, the occupiers launched three assaults.\n\n"
                                  "Enemy attacks were repulsed near two villages.\n\n"
                                  "In the Kharkiv Region, the defenders stopped an attack near the border.")
    assert {a.claimant.name for a in ats} == {"General Staff of the Armed Forces of Ukraine"}


def test_attribute_as_reported_line_points_back(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    ats = _attribute(nlp, actors, "Russian troops shelled Nikopol on Sunday.\n\n"
                                  "As reported by Wirewire with reference to the regional governor Ivan Petrenko.")
    assert ats[0].claimant.name == "Ivan Petrenko"
    ats = _attribute(nlp, actors, "Russian troops shelled Nikopol on Sunday.\n\n"
                                  "As reported by Wirewire, the governor said two people were hurt.")
    assert ats[0].claimant.kind == "outlet"  # the line has a statement of its own


def test_attribute_source_line_side_from_the_role_after_the_name(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    ats = _attribute(nlp, actors, "Russian troops attacked positions near Kupiansk 14 times over the past day.\n\n"
                                  "Source: Ivan Petrenko, spokesman for the Khortytsia group, on air of the telethon\n\n"
                                  'Quote: "The enemy attacked our positions 14 times. All attacks were repelled."')
    assert {(a.claimant.name, a.claimant.side) for a in ats} == {("Ivan Petrenko", "UA")}


def test_attribute_the_aggressor_is_the_speakers_voice(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    ats = _attribute(nlp, actors, "The General Staff said 40 clashes took place over the past day.\n\n"
                                  "The aggressor launched two missile strikes and 31 air strikes.")
    assert ats[1].claimant.name == "General Staff"
