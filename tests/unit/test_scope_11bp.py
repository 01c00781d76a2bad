"""Issue 11bp: support the sources never name (for seniors, widows, people with a disability,
rent, bills, food parcels) is answered honestly: this chat has nothing on it, the contacts and
a person (topic R4), never "no entendí", the menu, another topic or a crossing warning. Support
the sources do name keeps its topic, and a crossing plan, a fake offer, danger or a person asked
keep their answer.

The sentences are written for this test (none is a line of a dev or blind set). The tests of
what stays as it was pass on the old code too: they guard the new rule.
"""

from __future__ import annotations

import pytest

from bot import flow
from bot.content import fold, load_catalog
from bot.engine import ConversationEngine
from bot.scope import unnamed_support
from tests.turns import turn


def parts(engine: ConversationEngine, text: str) -> tuple[str, ...]:
    """The parts the engine answers ``text`` with."""
    return tuple(engine.understand(text).parts)


@pytest.mark.parametrize("text", [
    # read as a crossing plan ("she wants to know"), as nothing, as the menu or another topic
    "she wants to know if there is help for seniors whose kids are in the us",
    "my dad wants to know if there is help for people with disabilities",
    "hay apoyo para viudas?",
    "help with rent",
    "apoyo para adultos mayores",
    "hay despensas?",
    "ayuda para personas con discapacidad",
    "help paying bills",
    "hay programas para personas de la tercera edad",
    "is there support for single moms",
    "èd pou granmoun",
    "eske gen èd pou lwaye",
    "eske gen pwogram pou vèv",
    "eske gen èd pou moun ki andikape",
])
def test_support_never_named_is_what_this_chat_does_not_have(
    engine: ConversationEngine, text: str
) -> None:
    assert unnamed_support(fold(text))
    assert parts(engine, text) == ("cannot_do",)


@pytest.mark.parametrize(("text", "topic"), [
    ("apoyo para poner un negocio", "business_jobs"),
    ("help for disabled people to find work", "business_jobs"),
    ("apoyo para estudiar", "education"),
    ("mi hijo tiene discapacidad, hay becas?", "education"),
    ("hay programas de salud para adultos mayores", "health"),
    ("ayuda para migrantes de paso", "transit"),
    ("eske gen èd pou manje", "transit"),
    ("apoyo para gastos funerarios", "death_accident"),
    ("apoyo para viudas de migrantes que murieron en el accidente", "death_accident"),
    ("hay apoyo para discapacitados que regresan de estados unidos", "returned"),
    ("apoyo para adultos mayores para sacar su pasaporte", "documents"),
])
def test_support_the_sources_name_keeps_its_topic(
    engine: ConversationEngine, text: str, topic: str
) -> None:
    assert parts(engine, text)[0] == topic


@pytest.mark.parametrize(("text", "first"), [
    # a crossing plan of a senior, in trigger words or in the words of a plan
    ("mi mama tiene 70 años y se quiere ir al otro lado con un coyote, hay apoyo para adultos "
     "mayores?", "safety_crossing"),
    ("my grandma is 68 and wants to cross the border to see her kids, is there help for seniors?",
     "safety_crossing"),
    ("li granmoun, li vle travèse fwontyè a, eske gen èd pou granmoun?", "safety_crossing"),
    # a fake programme offered for money
    ("me llamaron por telefono ofreciendo un apoyo para adultos mayores si deposito 500 pesos",
     "fraud_offer"),
    # danger now
    ("se llevaron a mi abuelito que es discapacitado, hay ayuda?", "emergency"),
    ("my disabled son was detained by ice, is there any help", "emergency"),
    # a request of the flow's own
    ("quiero hablar con alguien sobre apoyo para viudas", "human"),
    ("dame el numero para preguntar por el apoyo para adultos mayores", "contacts"),
])
def test_a_plan_an_offer_danger_or_a_request_keeps_its_answer(
    engine: ConversationEngine, text: str, first: str
) -> None:
    assert parts(engine, text)[0] == first


@pytest.mark.parametrize("text", [
    "rent a car in leon",
    "what programs do you have",
    "necesito ayuda",
    "my mom is a senior citizen",
])
def test_no_support_of_a_group_or_need_asked(text: str) -> None:
    assert not unnamed_support(fold(text))


def test_support_never_named_gets_its_own_words_not_the_list_of_tasks() -> None:
    """The answer says there is no information on that support (not the list of tasks this chat
    cannot do: lend money, pick someone up...); a request this chat cannot do keeps that list."""
    cat = load_catalog()
    support = flow.offer_person(turn(cat, intent="cannot_do", parts=("cannot_do",),
                                     support_unnamed=True))
    task = flow.offer_person(turn(cat, intent="cannot_do", parts=("cannot_do",)))
    assert support.replies[0].text.startswith(cat.message("support_unnamed", "es").rstrip())
    assert support.state == "offered_handoff"
    assert "prestar o dar dinero" not in support.replies[0].text
    assert "prestar o dar dinero" in task.replies[0].text
