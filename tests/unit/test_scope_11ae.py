"""Issue 11ae: a pet or a parcel lost is no person in danger, whenever it went ("depi yè swa",
"desde anoche"); a topic asked about a pet is out of scope ("no entendí" with the menu), unless
the message also names a person; someone held by a man who says she was paid for is urgent.

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.danger import told_not_now
from bot.engine import ConversationEngine
from bot.scope import about_a_pet


def parts(engine: ConversationEngine, text: str) -> tuple[str, ...]:
    """The parts the engine answers ``text`` with."""
    return tuple(engine.understand(text).parts)


@pytest.mark.parametrize("text", [
    "chat mwen an pèdi depi yè swa, li gri",
    "chen nou an pèdi depi lendi, si w wè l rele m",
    "se me perdio el perrito desde anoche, es blanco con manchas",
    "my puppy went missing since yesterday, black lab",
    "mande un paquete a mi mama hace un mes y no le llega",
    "my parcel to guatemala never arrived, its been 3 weeks",
    "m voye yon pake bay sè m depi de semèn, li poko rive",
])
def test_a_pet_or_a_parcel_lost_is_told_of_not_danger_now(
    engine: ConversationEngine, text: str
) -> None:
    assert told_not_now(fold(text), text)
    assert "emergency" not in parts(engine, text)


@pytest.mark.parametrize("text", [
    "pitit mwen an pèdi depi yè swa, li gen 8 an",
    "my son went missing since yesterday, he is 12",
    "el perro ladraba y se llevaron a mi hijo a la fuerza en una camioneta",
])
def test_a_person_lost_beside_those_words_stays_urgent(
    engine: ConversationEngine, text: str
) -> None:
    assert "emergency" in parts(engine, text)


@pytest.mark.parametrize("text", [
    "se murio mi gatito anoche, donde lo puedo enterrar",
    "my dog needs papers to travel to mexico with me, where do i get them",
    "chen m nan malad, ki kote m ka jwenn yon bon doktè pou li",
    "mi perrita necesita vacunas, hay programa de salud?",
])
def test_a_topic_asked_about_a_pet_is_out_of_scope(engine: ConversationEngine, text: str) -> None:
    assert about_a_pet(fold(text))
    assert parts(engine, text) == ()


@pytest.mark.parametrize("text, topic", [
    ("mi esposo murio en un accidente en la obra, el perro se quedo solo, ayudan con el funeral?",
     "death_accident"),
    ("my son was born in texas and we have a dog, how do we get him into school in guanajuato",
     "education"),
])
def test_a_person_named_keeps_the_topic(engine: ConversationEngine, text: str,
                                        topic: str) -> None:
    assert not about_a_pet(fold(text))
    assert topic in parts(engine, text)


def test_someone_held_by_a_man_who_says_she_was_paid_for_is_urgent(
    engine: ConversationEngine
) -> None:
    text = "un tipo en la terminal no lo deja irse a mi sobrino, dice que ya le pagaron por el"
    assert parts(engine, text)[:1] == ("emergency",)


@pytest.mark.parametrize("text", [
    "pasame el numero de un taxi seguro en celaya",
    "what's the pharmacy number on main street",
    "ban m nimewo yon avoka nan Leon",
])
def test_the_number_of_a_business_is_not_the_offices_contacts(
    engine: ConversationEngine, text: str
) -> None:
    assert "contacts" not in parts(engine, text)


@pytest.mark.parametrize("text", [
    "pasame el numero de la oficina del migrante",
    "my uncle needs a lawyer for his court date, whats your number",
])
def test_the_offices_number_is_still_the_contacts(engine: ConversationEngine, text: str) -> None:
    assert "contacts" in parts(engine, text)


def test_a_worry_after_the_turn_is_no_danger_told(engine: ConversationEngine) -> None:
    """The words after "but" keep an emergency only when they tell of danger themselves."""
    text = ("my brother got detained last week, he's fine now but we are nervous, what are our "
            "rights?")
    assert "emergency" not in parts(engine, text)
    text = "my brother got detained last week, he's fine now but they took my dad this morning"
    assert "emergency" in parts(engine, text)
