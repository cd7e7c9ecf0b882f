"""Claimants told by a bare definite description ("the agency", "the general"): invented wire copy."""

from __future__ import annotations

import pytest

from frontwatch.records import Claimant
from frontwatch.stages import anaphora
from frontwatch.stages.attribute import Attributor


def _names(nlp, actors, text: str, source: str = "Wirewire") -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(a.claimant.name, a.claimant.side) for a in Attributor(actors).attribute(nlp(text), source)]


@pytest.mark.parametrize("text,want", [
    # a kin noun of the body's name: an intelligence directorate is "the agency", a ministry "the department"
    ("Ukraine's Main Intelligence Directorate said its drones struck an air base in Russia's Rostov region. "
     "According to the agency, a radar station was also hit.", "Main Intelligence Directorate"),
    ("Russia's Ministry of Defence said its forces had captured the village of Vesele. "
     "The department said Russian aircraft had struck positions near Siversk.", "Ministry of Defence"),
    # named in passing, in an apposition, never a speaker before
    ("Ukraine's top commander, General Oleksandr Syrskyi, visited brigades near Pokrovsk on Friday. "
     "The general said Russian forces had attacked the town 50 times.", "Syrskyi"),
    # a body described by its kind ("an independent monitoring group")
    ("Civic Lens, an independent monitoring group, said Russian strikes had damaged 30 schools. "
     "The monitoring group noted that two villages were also hit.", "Civic Lens"),
])
def test_description_points_back(nlp, actors, text: str, want: str) -> None:  # type: ignore[no-untyped-def]
    last = _names(nlp, actors, text)[-1][0]
    assert want in last


def test_description_takes_the_nearest_of_its_kind(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    names = _names(nlp, actors, "Ukraine's Operational Command South said its air defences shot down 17 drones. "
                               "Russia's Defence Ministry said its forces had destroyed a boat. "
                               "The command added that Russian artillery shelled Beryslav.")
    assert "Command South" in names[-1][0] and names[-1][1] == "UA"


def test_description_with_its_own_name_is_a_new_speaker(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    names = _names(nlp, actors, "Russian Deputy Foreign Minister Sergei Ryabkov met European ambassadors on Thursday. "
                               "The European Union's foreign policy chief, Josep Borrell, said missiles had struck "
                               "a hospital in Kharkiv.")
    assert names[-1][0] == "Josep Borrell"


def test_agency_that_is_the_outlet(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    ats = Attributor(actors).attribute(nlp(
        "Ukrainian drones attacked an oil depot in the region overnight, Governor Alexander Bogomaz told Moscow Herald. "
        "According to the agency, a second drone later struck a fuel tank."), "Moscow Herald")
    assert ats[-1].claimant.name == "Moscow Herald" and ats[-1].claimant.kind == "outlet"


def test_dateline_outlet_is_no_referent(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    names = _names(nlp, actors, "KYIV, May 14 (Wirewire) - Ukraine's Main Intelligence Directorate said its drones "
                               "struck an air base. According to the agency, a radar station was also hit.")
    assert "Main Intelligence Directorate" in names[-1][0]


def test_equally_near_referents_of_two_sides_abstain(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The ministry said two drones were shot down.")
    head = next(t for t in doc if t.lower_ == "ministry")
    ua = Claimant("Ukraine's Defence Ministry", "organisation", "UA")
    ru = Claimant("Russia's Defence Ministry", "organisation", "RU")
    both = [anaphora.Referent(ua, frozenset({"defence", "ministry"}), -1, -10),
            anaphora.Referent(ru, frozenset({"defence", "ministry"}), -1, -5)]
    assert anaphora.resolve(head, both, lambda _: None) is None
    apart = [anaphora.Referent(ua, frozenset({"defence", "ministry"}), -2, -10), both[1]]
    assert anaphora.resolve(head, apart, lambda _: None) == ru
    assert anaphora.resolve(head, apart, lambda _: "UA") == ua  # "the Ukrainian ministry"


@pytest.mark.parametrize("phrase", ["a spokesman", "the mayor of Dnipro", "the army's spokesman", "analysts",
                                    "the officials"])
def test_not_a_description(nlp, phrase: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(f"{phrase[0].upper()}{phrase[1:]} said the town was shelled.")
    said = next(t for t in doc if t.lower_ == "said")
    subject = next(c for c in said.children if c.dep_ == "nsubj")
    assert anaphora.description(subject) is None
