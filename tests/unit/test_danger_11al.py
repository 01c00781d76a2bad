"""Issue 11al: danger told obliquely is urgent in es, en and ht (a threat told as what someone
said he will do over a debt, someone who says he will take a child and is outside now, chest pain
that goes down the arm, robbed and on the street at night); idioms of exaggeration are no death
and no danger ("m mouri grangou", "m fatige mouri", "me muero de hambre"); someone held a while
in a detention centre, only told, is a question of US law, not an urgent case.

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.danger import held_a_while, plain_idioms
from bot.engine import ConversationEngine


def parts(engine: ConversationEngine, text: str) -> tuple[str, ...]:
    """The intents the answer to ``text`` is made of."""
    return engine.understand(text).parts


@pytest.mark.parametrize("text", [
    # a threat over a debt, told as what the creditor said
    "dijo que nos va a ir mal si no le pagamos esta semana",
    "el cobrador me dijo que ya viene con su gente por lo que le debo",
    "he told me i'll regret it if i don't pay him by sunday",
    "the man who lent me money said he knows where my wife works",
    "si m pa peye l, li di l ap vin chèche m ak nèg li yo",
    "el prestamista dijo que si no le pago el viernes me va a ir muy mal",
    "el cobrador dijo que me va a quebrar las piernas",
    "el que me vendio la troca dice que si no le termino de pagar me manda a sus muchachos",
    "me mandaron decir que ya saben donde vivo y que van a venir",
    "he said he knows where my kids go to school",
    "my ex said he's coming to get the kids and that i'll never see them again",
    # held: "no me deja salir" is no request to stop the chat
    "no me deja salir",
    # someone who says he will take a child, outside now
    "someone keeps saying he'll take my son and he's outside the shelter now",
    # chest pain down the arm
    "a mi papa le duele el pecho y se le va al brazo izquierdo",
    "my grandpa has chest pain going down his left arm",
    "papa m gen doulè nan pwatrin ki desann nan bra l",
    # robbed, on the street at night
    "yo vole pran tout lajan nou, nou nan lari a lannwit ak timoun yo",
])
def test_danger_told_obliquely_is_urgent(engine: ConversationEngine, text: str) -> None:
    assert "emergency" in parts(engine, text)


@pytest.mark.parametrize("text", [
    "m mouri grangou",
    "m fatige mouri, kote m ka repoze",
    "m ap mouri ak ri",
    "mwen grangou mouri, kote yo bay manje",
    "me muero de hambre, hay comedor para migrantes?",
    "I'm dying to visit guanajuato again",
])
def test_an_idiom_of_exaggeration_is_no_death_and_no_danger(engine: ConversationEngine,
                                                            text: str) -> None:
    got = parts(engine, text)
    assert "emergency" not in got
    assert "death_accident" not in got


@pytest.mark.parametrize(("text", "plain"), [
    ("m mouri grangou", "m grangou anpil"),
    ("M fatige mouri", "M fatige anpil"),
    ("m ap mouri ak ri", "m ap ri anpil"),
    ("me muero de risa", "mucho risa"),
    ("I'm dying to see you", "I'm really want to see you"),
    # not a death told, nor thirst or cold on the way
    ("se murio de hambre en el camino", "se murio de hambre en el camino"),
    ("me muero de sed, estamos perdidos", "me muero de sed, estamos perdidos"),
])
def test_plain_idioms(text: str, plain: str) -> None:
    assert plain_idioms(text) == plain


@pytest.mark.parametrize("text", [
    "mi cuñado lleva dos meses en un centro de detencion en arizona",
    "my wife has been in ICE detention in louisiana for six weeks",
    "kouzen m nan sant detansyon depi de mwa",
])
def test_held_a_while_only_told_is_a_legal_question(engine: ConversationEngine,
                                                   text: str) -> None:
    assert held_a_while(fold(text))
    assert parts(engine, text) == ("legal_us",)


@pytest.mark.parametrize("text", [
    # still going on, since today, or danger in it: the emergency stays
    "detuvieron a mi hermano hace un mes y sigue en el centro de detencion",
    "mi papa esta en un centro de detencion desde hace un mes y no le dan su medicina",
    "my brother has been in detention for weeks and they won't let us talk to him",
])
def test_held_a_while_with_danger_or_still_so_is_not_only_told(text: str) -> None:
    assert not held_a_while(fold(text))
