"""Issue 11aj: a box or a courier's parcel that never came and a home's repair the landlord will
not make are told of, not danger now; a greeting before a question answers the question, and a
greeting before a question out of scope gets "no entendí", not "¡Hola!" with the menu.

The sentences are written for this test (none is a line of a dev or blind set). The tests of
what stays as it was (a person in danger beside those words, a greeting alone) pass on the old
code too: they guard the new rules.
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.danger import told_not_now
from bot.engine import ConversationEngine
from bot.scope import after_greeting


def parts(engine: ConversationEngine, text: str) -> tuple[str, ...]:
    """The parts the engine answers ``text`` with."""
    return tuple(engine.understand(text).parts)


@pytest.mark.parametrize("text", [
    "le mande una caja de ropa a mi hermana a moroleon y nada que llega",
    "ups says it was delivered yesterday but theres nothing at the door",
    "m te voye yon bwat rad bay tonton m Jakmèl, li pa janm rive",
    "the mail lost my box of documents to jalisco",
    "la paqueteria me perdio las cajas que mande a penjamo",
    "our landlord won't repair the roof and it leaks on the kids beds",
    "el casero no quiere arreglar el boiler y ya van dos semanas sin agua caliente",
    "mèt kay la pa vle ranje pòt la depi yon mwa",
])
def test_a_box_that_never_came_or_a_repair_not_made_is_told_of(
    engine: ConversationEngine, text: str
) -> None:
    assert told_not_now(fold(text), text)
    assert "emergency" not in parts(engine, text)


@pytest.mark.parametrize("text", [
    "mi hijo se fue escondido en la caja de un trailer y no ha llegado, no contesta",
    "the landlord won't fix the lock and now he is hitting my wife, help",
    "landlord wont fix the gas leak and my son cant breathe right now",
])
def test_a_person_in_danger_beside_those_words_stays_urgent(
    engine: ConversationEngine, text: str
) -> None:
    assert "emergency" in parts(engine, text)


@pytest.mark.parametrize("text, rest", [
    ("hola buenas tardes donde venden tamales", "donde venden tamales"),
    ("good morning is the mall open today", "is the mall open today"),
    ("bonjou kijan ou ye", ""),
    ("hola como estas", ""),
    ("tengo una pregunta", ""),
])
def test_after_greeting(text: str, rest: str) -> None:
    assert after_greeting(fold(text)) == rest


@pytest.mark.parametrize("text", [
    "hola buenas tardes, donde venden unos buenos tamales en celaya",
    "hello good evening, which pizza place delivers late in dallas",
    "bonjou, ki kote yo vann bon diri ak pwa nan Leon",
])
def test_a_greeting_before_a_question_out_of_scope_is_not_understood(
    engine: ConversationEngine, text: str
) -> None:
    assert parts(engine, text) == ()


@pytest.mark.parametrize("text, topic", [
    ("hola buen dia, tienen bolsa de trabajo en leon?", "business_jobs"),
    ("good afternoon, is there a job bank for people who came back", "business_jobs"),
    ("bonjou, eske gen yon biwo pou travay pou migran nan Leon?", "business_jobs"),
])
def test_a_greeting_before_a_question_answers_the_question(
    engine: ConversationEngine, text: str, topic: str
) -> None:
    assert topic in parts(engine, text)
    assert "greeting" not in parts(engine, text)


@pytest.mark.parametrize("text", ["hola buenas tardes", "hi good morning", "bonswa, kijan ou ye",
                                  "buenas noches, disculpe la hora"])
def test_a_greeting_alone_is_still_a_greeting(engine: ConversationEngine, text: str) -> None:
    assert parts(engine, text) == ("greeting",)
