"""Issue 11 (branch 11cg): someone who came back from the USA, told in the words families use
("mi esposo se regresó el mes pasado", "my son came back from the states last week", "pitit
mwen tounen sot Etazini mwa pase"), gets the answer for people returned, never "no entendí" or
the crossing warning "se regresó" reads as. Going back north, a crossing in words, danger and
another topic asked keep their answers.

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.engine import ConversationEngine
from bot.scope import came_back

BACK = ["mi esposo se regreso el mes pasado, hay apoyo?",
        "mi hijo se regreso de alla hace 2 semanas",
        "y para mi esposo que se regreso el mes pasado?", "ya se regreso mi esposo de texas",
        "my son came back from the states last week", "my brother just came home from the us",
        "pitit mwen tounen sot Etazini mwa pase"]
NOT_BACK = ["mi esposo se regreso pal norte ayer con un coyote",
            "mi hijo se va a regresar al otro lado", "ya se regreso mi hijo a estados unidos",
            "mi hermano ya se regreso", "ya se regreso de la escuela hace una hora",
            "ahorita ya regreso", "he came back to the us last year", "m vle tounen Etazini",
            "li tounen malad mwa pase"]


def test_a_return_told_with_a_place_or_a_time_is_a_return() -> None:
    assert [t for t in BACK if not came_back(fold(t))] == []
    assert [t for t in NOT_BACK if came_back(fold(t))] == []


@pytest.mark.parametrize("text", [
    "mi esposo se regreso el mes pasado, hay apoyo?",
    "y para mi esposo que se regreso el mes pasado?",
    "my son came back from the states last week",
    "pitit mwen tounen sot Etazini mwa pase",
])
def test_a_return_gets_the_answer_for_people_returned(engine: ConversationEngine,
                                                      text: str) -> None:
    assert engine.understand(text).parts == ("returned",)


@pytest.mark.parametrize(("text", "first"), [
    ("mi esposo se regreso pal norte ayer con un coyote", "safety_crossing"),
    ("mi hijo se regreso de texas hace un mes y lo estan amenazando", "emergency"),
    ("mi papa se vino pa mexico hace un mes, hay trabajo?", "business_jobs"),
])
def test_a_plan_danger_or_another_topic_keeps_its_answer(engine: ConversationEngine,
                                                         text: str, first: str) -> None:
    assert engine.understand(text).parts[:1] == (first,)
