"""Issue 11ca: a question relayed for someone else ("she wants to know the phone number", "mi
mama quiere saber si hay algo para los que regresan", "li vle konnen kòman pou l rive") is read
as asked, without the words that relay it, which read as a crossing plan or another topic. A
danger, a fake offer or a crossing plan the whole message tells keeps its answer.

The sentences are written for this test (none is a line of a dev or blind set). The tests of
what stays as it was pass on the old code too: they guard the new rule.
"""

from __future__ import annotations

import pytest

from bot import crossing
from bot.content import fold
from bot.engine import ConversationEngine
from bot.scope import relayed_question


@pytest.mark.parametrize(("text", "asked"), [
    ("she wants to know the phone number", "the phone number"),
    ("mi mama quiere saber si hay algo para los que regresan",
     "si hay algo para los que regresan"),
    ("li vle konnen kòman pou l rive", "kòman pou l rive"),
    ("hola, mi tío quiere saber cómo pasar", "cómo pasar"),
    ("my mom is asking if there's help for people who got deported",
     "if there's help for people who got deported"),
    ("mi abuelita pregunta si hay becas", "si hay becas"),
    ("manman m vle konnen si gen èd pou moun k ap pase", "si gen èd pou moun k ap pase"),
    ("ma tante demande le numéro", "le numéro"),
    ("Buenas tardes! Mi hija me pregunta: ¿hay becas?", "hay becas?"),
    ("quiere saber si hay becas", "si hay becas"),
    ("pitit mwen mande si gen lekòl", "si gen lekòl"),
])
def test_the_question_relayed_as_written(text: str, asked: str) -> None:
    assert relayed_question(text) == asked


@pytest.mark.parametrize("text", [
    "tengo una pregunta sobre la doble",  # a noun, not someone asking
    "mi pregunta es si hay becas",
    "m ap mande si gen lekòl",  # the writer asks
    "mwen vle konnen si gen lekòl",
    "I asked if there is help",
    "yo pregunto si hay becas",
    "ps yo queria saber si dan prestamos",
    "queria saber lo de la app migrante",  # no one named: the writer
    "pregunto por si acaso, hay becas?",
    "ICE asked for his papers",  # no question follows
    "se llevaron a mi papa y mi mama quiere saber que hacer",  # told before the relay
])
def test_no_relay(text: str) -> None:
    assert relayed_question(text) is None


@pytest.mark.parametrize(("text", "parts"), [
    ("she wants to know the phone number", ("contacts",)),
    ("mi mama quiere saber si hay algo para los que regresan", ("returned",)),
    ("mi esposo quiere saber dónde queda la oficina", ("contacts",)),
    ("manman m vle konnen si gen èd pou moun k ap pase", ("transit",)),
    ("li vle konnen kòman pou l rive", ()),
])
def test_read_as_asked(engine: ConversationEngine, text: str, parts: tuple[str, ...]) -> None:
    assert engine.understand(text).parts == parts


@pytest.mark.parametrize(("text", "lang"), [
    ("she wants to know the phone number", "en"),
    ("mi mama quiere saber si hay algo para los que regresan", "es"),
    ("li vle konnen kòman pou l rive", "ht"),
])
def test_the_language_of_the_whole_message(engine: ConversationEngine, text: str,
                                           lang: str) -> None:
    detected = engine.understand(text).detected
    assert detected is not None and detected[0] == lang


@pytest.mark.parametrize(("text", "first"), [
    ("hola, mi tío quiere saber cómo pasar", "safety_crossing"),
    ("my cousin wants to know how much the coyote charges", "safety_crossing"),
    ("mi primo quiere saber cuánto cobran por pasarlo por Tijuana", "safety_crossing"),
    ("li vle konnen konbyen kòyòt la ap mande pou l travèse", "safety_crossing"),
    ("mi mamá quiere saber qué hacer, se llevaron a mi papá", "emergency"),
    ("my sister wants to know what to do, ICE took her husband this morning", "emergency"),
    ("li vle konnen kisa pou l fè, imigrasyon arete mari l", "emergency"),
    ("mi hermano quiere saber si es cierto lo de la visa de trabajo que le ofrecieron por "
     "facebook", "fraud_offer"),
    ("manman m vle konnen si se vre yon moun ofri l viza travay sou facebook", "fraud_offer"),
])
def test_a_danger_relayed_keeps_its_answer(engine: ConversationEngine, text: str,
                                           first: str) -> None:
    assert engine.understand(text).parts[0] == first


@pytest.mark.parametrize(("text", "plan"), [
    ("cuanto cobran por pasarlo por tijuana", True),
    ("cuanto cobran por pasarme por tijuana", True),
    ("cuanto cobran por pasar", True),
    ("cuanto cobran por pasarlo a limpio", False),
    ("cuanto cobra un pollero por destazar 10 gallinas", False),
])
def test_the_price_of_taking_someone_over(text: str, plan: bool) -> None:
    assert crossing.plan_in_words(fold(text)) is plan
