"""Issue 11ai: topics asked without their key words, two questions in one message.

A clause that tells the person's situation ("my kids were born in texas") no longer goes before
the question the whole message asks; a bond asked for someone held for months is a legal
question; a fuzzy trigger may not leave out whom the danger is to ("van a hacer algo pal dia de
muertos" is no "le van a hacer algo"); works for the home town paid with the state are the
co-investment projects."""

from __future__ import annotations

import pytest

from bot.compose import compose
from bot.content import Catalog, fold
from bot.danger import held_a_while
from bot.engine import ConversationEngine
from intents import Analysis, Clause, Finding, Match


def _told_then_asked(first_asked: bool) -> Analysis:
    """Documents read weakly in a first clause, education asked in the second and winning."""
    ranking = (("education", 0.97), ("documents", 0.004))
    match = Match("education", 0.97, ranking, " ".join(["x"] * 12), "", None, "classifier")
    found = (Finding("education", 0.99, "part", "...", 1),
             Finding("documents", 0.6, "part", "...", 0))
    spans = (Clause(0, "x x x x", asked=first_asked), Clause(4, "x x x x x x x x", asked=True))
    return Analysis(match, ranking, found, clauses=2, spans=spans)


def test_a_clause_that_only_tells_goes_after_the_question_asked(catalog: Catalog) -> None:
    assert compose(_told_then_asked(False), catalog).parts == ("education", "documents")


def test_a_weak_clause_typed_as_a_question_keeps_its_place(catalog: Catalog) -> None:
    assert compose(_told_then_asked(True), catalog).parts == ("documents", "education")


@pytest.mark.parametrize(("text", "asked"), [
    ("la app me sirve en la carretera? y que otro apoyo dan a los que vienen", (True, False)),
    ("¿ustedes ven lo de las visas de trabajo y otra cosa hay bolsa de trabajo", (True, False)),
    # A long clause cut again at "y": the question mark is its last part's.
    ("mis hijos nacieron en texas y nos vamos a regresar. los aceptan en la escuela alla?",
     (False, False, True)),
])
def test_the_matcher_says_which_clause_was_typed_as_a_question(
    engine: ConversationEngine, text: str, asked: tuple[bool, ...]
) -> None:
    assert tuple(s.asked for s in engine.matcher.analyze(text).spans) == asked


def test_the_engine_answers_the_question_before_the_situation_told(
    engine: ConversationEngine
) -> None:
    for text, first in (
        ("my kids were born in texas and we are moving back to leon, how do they get into school "
         "there", "education"),
        ("regrese de carolina hace 3 meses y no hallo trabajo, me ayudan a buscar chamba",
         "business_jobs"),
    ):
        assert engine.understand(text).parts[:1] == (first,), text


def test_a_bond_for_someone_held_a_while_is_a_legal_question() -> None:
    for text in ("mi hermano lleva 3 meses en la carcel en arizona, cuanto sale la fianza",
                 "my dad has been in ICE detention for two months, how do we pay his bond",
                 "papa m nan detansyon depi 2 mwa, kijan pou n peye kosyon an"):
        assert held_a_while(fold(text)), text
    # A blow, or held only since yesterday, keeps the emergency.
    for text in ("mi hermano lleva 3 meses en la carcel y lo golpearon, cuanto sale la fianza",
                 "my dad was detained yesterday, how do we pay his bond"):
        assert not held_a_while(fold(text)), text


def test_an_event_is_no_threat_but_a_threat_to_someone_still_fires(
    engine: ConversationEngine
) -> None:
    event = "van a hacer algo pa las fiestas patrias en dallas pa los paisanos?"
    assert "emergency" not in engine.matcher.triggered(fold(event))
    for text in ("me llamaron que le van a hacer algo a mi hijo si no pago",
                 "dicen que le van hacer algo a mi esposa"):
        assert "emergency" in engine.matcher.triggered(fold(text)), text


@pytest.mark.parametrize("text", [
    "los paisanos de mi rancho juntamos pa la clinica, el gobierno pone una parte?",
    "my uncle's hometown club in dallas wants to pave the main street of the village, does the "
    "government put in a share",
])
def test_works_for_the_home_town_paid_with_the_state_are_co_investment(
    engine: ConversationEngine, text: str
) -> None:
    assert engine.understand(text).parts[:1] == ("business_jobs",)
