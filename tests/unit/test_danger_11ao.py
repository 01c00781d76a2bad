"""Issue 11ao: a risky plan is not danger now, told by the structure of the sentence in es, en
and ht: an offer on a condition of money ("if you pay him, he takes you"), a departure set for a
day ahead ("they leave tuesday"), a hypothetical ("what would happen if", "si lo agarrara la
migra", "si ... ta arete"), an event denied ("nothing happened"). Danger now beside any of them
stays an emergency; danger now beside someone's own departure gets the emergency, then the
crossing warning (``bot.compose``, findings of source "plan").

The sentences are written for this test in other words and voices than the dev lines (none is
a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot import crossing, danger
from bot.content import fold
from bot.engine import ConversationEngine


def parts(engine: ConversationEngine, text: str) -> tuple[str, ...]:
    """The parts of the answer to ``text``."""
    return engine.understand(text).parts


# -- An offer on a condition of money -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "el muchacho de la tienda dice que si le doy 40 mil me cruza en su troca",
    "mi cuñado conoce a uno que si le pagamos 8 mil nos pasa por el rio",
    "si le juntamos los 60 mil nos van a llevar hasta houston",
    "the man at the gas station told my son if he pays him 6000 he'll drive him across",
    "if we give him 2500 each he says he can get us across through the hills",
    "yon mesye nan mache a di si nou peye l 4000 li mennen nou lòt bò a",
    "si m ba l 2500 dola li fè m travèse larivyè a",
])
def test_an_offer_on_a_condition_of_money_is_no_danger_now(text: str) -> None:
    folded = fold(text)
    assert danger.offer_if(folded)
    assert danger.told_not_now(folded, text)


@pytest.mark.parametrize("text", [
    # A release bought is a ransom; a payment refused, a threat; someone held, danger now.
    "dicen que si pagamos 5 mil lo sueltan",
    "they say if we pay 3000 they let him go",
    "yo di si nou peye 3000 yo lage l",
    "dice que si no le pago me mata",
    "dice que si le pago me pasa, pero ya me tienen encerrado en una casa",
    "he said if i pay he takes me across but now they locked me in a room",
    "li di si m peye l li fè m travèse, kounye a yo fèmen m nan yon kay",
])
def test_a_ransom_a_threat_or_someone_held_is_no_offer(text: str) -> None:
    assert not danger.offer_if(fold(text))


@pytest.mark.parametrize(("text", "warning"), [
    ("un señor de la central dice que si le pago 30 mil me cruza en su camioneta y en la garita"
     " no la revisan", "safety_crossing"),
    ("the guy from the taqueria says if i pay him 5000 he puts me in a van and nobody will check"
     " it", "safety_crossing"),
    ("yon mesye nan mache a di si nou peye l 4000 li mennen nou lòt bò a", "safety_crossing"),
    ("mesye a di si nou peye l 2000 dola li fè nou pase nan yon kamyon, pa gen moun ki tcheke",
     "safety_crossing"),
])
def test_an_offer_in_person_gets_the_warning_and_no_urgent_case(
        engine: ConversationEngine, text: str, warning: str) -> None:
    answer = parts(engine, text)
    assert "emergency" not in answer
    assert answer[0] == warning


def test_an_offer_with_an_evasion_is_a_plan_in_words() -> None:
    for text in ("si le doy 40 mil me cruza en su troca y en la garita no la revisan",
                 "if i pay him 4000 he puts me in a truck and nobody will check it",
                 "si m ba l 3000 li mete m nan yon machin, yo p ap tcheke l"):
        assert crossing.plan_in_words(fold(text)), text


# -- A departure set for a day ahead --------------------------------------------------------

@pytest.mark.parametrize(("text", "ahead"), [
    ("salen el jueves en la madrugada", True),
    ("se van el martes con unos señores del rancho", True),
    ("they head out on saturday with a group", True),
    ("my brother is leaving friday with a coyote", True),
    ("he leaves tonight", True),
    ("yo pral pati samdi ak yon gwoup", True),
    # Gone already: a missing person, not a plan.
    ("se fueron el martes y no contestan", False),
    ("they left on saturday", False),
    ("yo te pati samdi", False),
])
def test_a_departure_ahead(text: str, ahead: bool) -> None:
    assert danger.departs(fold(text)) is ahead


@pytest.mark.parametrize("text", [
    "my aunt is taking my little cousins up north with a group from the village, they head out on"
    " saturday",
    "the man next door is taking his boys north with some guys from the market, they leave"
    " thursday",
    "my brother is in a motel near the border waiting for the guide to call, he leaves tonight,"
    " what should i tell him",
])
def test_someone_elses_departure_ahead_is_a_plan(engine: ConversationEngine, text: str) -> None:
    answer = parts(engine, text)
    assert "emergency" not in answer
    assert answer[0] == "safety_crossing"


@pytest.mark.parametrize(("text", "warning"), [
    ("secuestraron a mi primo en tamaulipas y piden 8 mil, y mi hermano se va el viernes pal"
     " norte con un pollero", "safety_crossing"),
    ("they took my cousin in reynosa and are asking 8000, and my brother is leaving friday with a"
     " coyote", "safety_crossing"),
    ("yo kidnape kouzen m nan Tamaulipas e yo mande 8000 dola, epi frè m pral pati vandredi ak"
     " yon koyòt", "safety_crossing"),
])
def test_danger_now_and_a_departure_ahead_get_both(engine: ConversationEngine, text: str,
                                                    warning: str) -> None:
    assert parts(engine, text)[:2] == ("emergency", warning)


# -- A hypothetical ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "que pasaria si a mi esposo lo detuvieran en el trabajo? es pa tener un plan",
    "y si a mi papa lo agarrara la migra que hariamos con la casa",
    "what would happen to the kids if my wife got picked up at work? we want a plan",
    "what should we do if my dad was detained by immigration, asking ahead",
    "kisa k ta rive si imigrasyon ta arete manman m nan travay li",
    "si lapolis ta kenbe papa m, kisa nou ta fè?",
])
def test_a_hypothetical_is_told_of(text: str) -> None:
    assert danger.hypothetical(text)
    assert danger.told_not_now(fold(text), text)


@pytest.mark.parametrize("text", [
    # Danger now in another sentence, or not known if it happened.
    "what would happen if my brother got caught? he is in the desert with no water since"
    " yesterday",
    "que pasaria si lo deportan? ya lo tienen en la estacion desde anoche",
    "kisa k ta rive si yo depòte l? yo arete l maten an, li pa reponn",
    "my cousin crossed tuesday and we don't know if he got detained",
])
def test_a_hypothetical_beside_danger_now_is_not_told_of(text: str) -> None:
    assert not danger.hypothetical(text)


@pytest.mark.parametrize("text", [
    "que pasaria si a mi mama la agarrara la migra? no ha pasado nada, solo queremos estar"
    " preparados",
    "if my husband got detained by immigration what would we do? nothing has happened yet",
    "kisa k ta rive si imigrasyon ta arete manman m? anyen pa rive, nou jis vle yon plan",
])
def test_a_detention_feared_is_a_legal_question(engine: ConversationEngine, text: str) -> None:
    assert parts(engine, text)[:1] == ("legal_us",)


@pytest.mark.parametrize("text", [
    "what would happen if they deport him? they took him this morning and he's not answering",
    "que pasaria si lo deportan? ya lo tienen en la estacion desde anoche y no lo dejan llamar",
    "kisa k ta rive si yo depòte l? yo arete l maten an, li pa reponn",
    "what would happen if my brother got caught? he is lost in the desert and has no water",
])
def test_a_hypothetical_beside_danger_now_stays_urgent(engine: ConversationEngine,
                                                       text: str) -> None:
    assert "emergency" in parts(engine, text)


# -- An event denied -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "denied"), [
    ("no ha pasado nada, solo pregunto", True),
    ("nothing has happened, just asking about her rights", True),
    ("anyen pa rive, se yon kesyon sèlman", True),
    ("pa gen anyen ki pase, se yon kesyon", True),
    # Denied beside danger: not denied as a whole.
    ("no ha pasado nada grave pero mi hijo esta perdido desde ayer", False),
    ("nothing happened to me but they are holding my son", False),
])
def test_an_event_denied(text: str, denied: bool) -> None:
    assert danger.nothing_happened(fold(text)) is denied


@pytest.mark.parametrize("text", [
    "no ha pasado nada grave pero mi hijo esta perdido en el desierto desde ayer",
    "nothing happened to me but my son is missing since last night",
    "anyen pa rive m, men pitit mwen an disparèt depi yè swa",
])
def test_an_event_denied_beside_danger_now_stays_urgent(engine: ConversationEngine,
                                                        text: str) -> None:
    assert "emergency" in parts(engine, text)


# -- A ransom on a condition, a release told and whether it can happen again ----------------

@pytest.mark.parametrize("text", [
    "dicen que si pagamos 5 mil lo sueltan",
    "they say if we pay 3000 they let him go",
    "yo di si nou peye 3000 yo lage l",
])
def test_a_release_on_a_condition_of_money_is_a_ransom(engine: ConversationEngine,
                                                       text: str) -> None:
    assert not danger.told_not_now(fold(text), text)
    assert "emergency" in parts(engine, text)


@pytest.mark.parametrize("text", [
    "la policia nos paro en un reten el mes pasado pero nos dejaron salir, pueden volver a"
    " hacerlo?",
    "my husband got released last month, can ice detain him again?",
    "lapolis te kenbe nou sou wout la mwa pase men yo te lage nou, eske yo ka fè sa ankò?",
])
def test_whether_it_can_happen_again_after_a_release_is_told_of(text: str) -> None:
    assert danger.told_not_now(fold(text), text)


@pytest.mark.parametrize("text", [
    "nos dejaron ir el mes pasado, pero hoy nos volvieron a agarrar y no nos sueltan",
    "he got released last month but they took him again this morning",
    "yo te lage nou mwa pase, men jodi a yo kenbe mari m ankò",
])
def test_danger_again_after_a_release_stays_urgent(engine: ConversationEngine,
                                                   text: str) -> None:
    assert "emergency" in parts(engine, text)
