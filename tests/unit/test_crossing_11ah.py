"""Issue 11ah: a crossing plan told by what is done to the traveller (put across, told how many
nights to walk, waited for at the border, sent for from the USA), offers to cross seen online,
and the plan that gives way to no emergency when no word of danger is in it (``bot.crossing``,
``bot.danger.danger_word``)."""

from __future__ import annotations

import pytest

from bot import crossing, danger
from bot.content import fold
from bot.engine import ConversationEngine


@pytest.mark.parametrize("text", [
    # A bus ticket bought to reach someone who takes people.
    "ya compro su boleto pa reynosa y anda hablando con uno que pasa gente",
    # Put across by someone.
    "dicen que en la central los recogen y luego los pasan por la garita",
    "they sneak people in through a ranch, my cousin is thinking about it",
    # The walk told by those who lead it.
    "the guy told him they walk 2 nights and then a van picks them up",
    # Someone sent from the USA to take him over or back.
    "su patron de alla le va a mandar a alguien pa que lo pase al otro lado",
    "his boss up there is sending someone to bring him back over",
    # Going again, someone waiting in the USA.
    "me voy de nuevo, mi hermano me espera en houston",
    # Waiting at the border for the turn, for a group, for the man's call.
    "he's in reynosa waiting for his turn, they go at night",
    "estamos en sonoyta esperando salir con un grupo",
    "ya estamos en agua prieta y el guia dice q esperemos en la casa a q nos llame",
    # Afraid of being caught at the river, and going.
    "nou pral travese samdi, eske imigrasyon arete moun bo larivye a",
    # Needing to go without papers; land sold for the journey (Kreyòl).
    "no tengo papeles pero necesito ir a ver a mi mama que esta grave en chicago",
    "m vann te m pou m peye vwayaj la",
])
def test_a_plan_told_by_what_is_done_to_the_traveller(text: str) -> None:
    assert crossing.plan_in_words(fold(text))


@pytest.mark.parametrize(("plan", "look_alike"), [
    # A ticket is a legal journey unless bought to reach someone who takes people ...
    ("ya compro su boleto pa reynosa y anda hablando con uno que pasa gente",
     "compre boleto de autobus a matamoros pa ver a mi tia"),
    # ... and a taker beside "legal" work is a job offer, not a ticket to a smuggler.
    ("vi que ya compro boleto y anda con uno que lleva gente",
     "una señora por whatsapp dice que su hijo trae gente a trabajar legal a las granjas"),
    # Nights of walking told, not hours nor a pilgrimage.
    ("the guy told them they walk 2 nights",
     "the man at the park told us we walk 2 hours"),
    ("they told us we walk 3 nights and then a van comes",
     "at the pilgrimage they told us we walk 3 days and then a van comes"),
    # Someone sent to take him over, not to the doctor.
    ("su patron le va a mandar a alguien pa que lo pase al otro lado",
     "mi patron va a mandar a alguien pa que me lleve al doctor"),
    # Someone waiting in the USA and a journey again, not a visit with a visa.
    ("me voy de nuevo, mi hija me espera en dallas",
     "mi hija me espera en dallas, voy de nuevo con visa en marzo"),
    # A call awaited from the man who leads them, not from the shelter.
    ("estamos en reynosa esperando a que nos llame el señor",
     "estamos en reynosa esperando a que nos llamen del albergue"),
    # A turn awaited at the border, not a trucker's.
    ("mi hermano esta en nuevo laredo esperando su turno",
     "mi hermano es camionero, esta en nuevo laredo esperando su turno pa cargar"),
    # Afraid of arrest at the river and going, not a picnic.
    ("is it true they arrest people at the river? we're going saturday",
     "is it true they arrest people at the river park? we're going for a picnic saturday"),
])
def test_the_plan_and_its_look_alike(plan: str, look_alike: str) -> None:
    assert crossing.plan_in_words(fold(plan))
    assert not crossing.plan_in_words(fold(look_alike))


@pytest.mark.parametrize(("text", "is_danger"), [
    ("el guia dice que esperemos en la terminal", False),
    ("gid la di n ap mache 3 jou", False),
    ("pitit mwen gen lafyev e l ap vomi, n ap mache", True),
    ("he says my dad stays in his safe house until we pay more", True),
    ("lo tienen encerrado en una casa", True),
])
def test_a_word_of_danger_itself(text: str, is_danger: bool) -> None:
    assert danger.danger_word(fold(text)) is is_danger


@pytest.mark.parametrize("text", [
    # The classifier reads danger (0.5-0.95) in the words of a plan with no danger in it.
    "ya estamos en agua prieta, el guia dice que esperemos en la terminal a que nos llame",
    "my cousin is in reynosa waiting for his turn to go, they leave at night",
])
def test_a_quiet_plan_is_no_emergency(engine: ConversationEngine, text: str) -> None:
    assert engine.understand(text).parts[:1] == ("safety_crossing",)


def test_a_quiet_plan_gives_way_danger_on_the_way_does_not(engine: ConversationEngine) -> None:
    quiet = "fre m nan Reynosa, l ap tann tou li, nonm nan di se demen swa"
    sick = "pitit mwen gen gwo lafyev, l ap vomi, n ap mache nan mon an ak gid la"
    assert engine.understand(quiet).parts[:1] == ("safety_crossing",)
    assert engine.understand(sick).parts[:1] == ("emergency",)


@pytest.mark.parametrize("text", [
    "vi en un live de facebook a uno que lleva gente, pone fotos de los que ya llegaron",
    "mi tio vio en tiktok que por 2 mil dolares te meten por la linea en camioneta",
])
def test_a_crossing_offer_seen_online_is_a_fake_offer(engine: ConversationEngine,
                                                      text: str) -> None:
    assert engine.understand(text).parts[:1] == ("fraud_offer",)


def test_without_papers_in_kreyol_is_no_bleeding(engine: ConversationEngine) -> None:
    # "san papye" (without papers) beside "ansent" (pregnant) is no blood lost.
    parts = engine.understand("madanm mwen ansent, nou vle pase Etazini san papye").parts
    assert parts == ("safety_crossing",)
    assert engine.understand("madanm mwen ansent e li pedi san").parts[:1] == ("emergency",)


def test_word_then_nothing_since_is_missing(engine: ConversationEngine) -> None:
    text = "kouzin mwen te ekri m li travese ak gwoup la, apre sa anyen, sa fe 3 jou"
    assert engine.understand(text).parts[:1] == ("emergency",)


def test_people_claimed_by_others_is_a_word_of_danger() -> None:
    # Merge of 11ag and 11ah: with 11ag's alarm lines a border-town wait reads 0.97, so a plan
    # gives way up to 0.98, and being claimed by other men keeps the emergency.
    for text in ("nos dejaron en una bodega en sasabe y llegaron otros que dicen que somos de "
                 "ellos, cada uno tiene que pagar mil", "these guys came and said we belong to "
                 "them now", "yo di nou se pa yo kounye a"):
        assert danger.danger_word(fold(text)), text
    assert not danger.danger_word(fold("ya estamos en agua prieta, el señor nos dijo que "
                                       "esperemos en la terminal a que nos llame"))


def test_a_quiet_plan_read_as_danger_keeps_the_urgent_case_and_gets_the_warning(
        engine: ConversationEngine) -> None:
    # After 11ag's alarm lines this border-town wait reads 0.97: from 0.95 to 0.98 with no word
    # of danger the emergency stays (a person checks it) and the warning comes beside it.
    text = "ya estamos en agua prieta mi primo y yo, el señor nos dijo que esperemos en la " \
           "terminal a que nos llame"
    assert 0.95 <= engine.matcher.alarm(fold(text)) < crossing.QUIET_BESIDE_ALARM_P
    assert engine.understand(text).parts[:2] == ("emergency", "safety_crossing")
