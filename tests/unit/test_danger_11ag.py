"""Issue 11ag: danger happening now told by what it does is urgent in es, en and ht (a bite of a
snake or a scorpion, someone who should have arrived days ago and of whom nobody knows, a plan
"not to wake up" made ready, a threat to "finish" someone tonight, a ransom asked again); its
look-alikes are not (an idiom of killing said of a child or of the heat, a story of long ago and
a wish of today, an absence with its reason told, a sign of life since, someone in custody for
weeks asked about as a legal matter, a "what if" about the guide).

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot.commands import explicit_stop
from bot.content import fold
from bot.danger import held_a_while, now_a_legal_step, settled, told_not_now
from bot.engine import ConversationEngine


def urgent(engine: ConversationEngine, text: str) -> bool:
    """Whether the answer to ``text`` carries the emergency part (the urgent case)."""
    return "emergency" in engine.understand(text).parts


@pytest.mark.parametrize("text", [
    # a bite or a sting
    "a mi suegro le mordio una vibora en la milpa y se le esta hinchando el brazo",
    "a scorpion stung my little girl and she keeps throwing up",
    "yon eskopyon pike pitit mwen, li ap kriye anpil",
    # should have arrived, nobody knows
    "mi tia tenia que llegar a houston el martes y nadie sabe nada de ella",
    "my nephew was supposed to arrive in dallas on friday and nobody knows where he is",
    "kouzen m te sipoze rive Miami depi samdi, nou pa konn anyen",
    # a plan not to wake up, made ready
    "ya compre todo pa no despertar, esta noche se acaba",
    "i have the pills, tonight i go to sleep forever",
    "m pare, aswe a m pral domi pou tout tan",
    # a threat to finish someone tonight
    "he took my keys and said he is gonna finish me tonight",
    "li te di m li pral fini ak mwen aswe a, m pa ka pale",
])
def test_danger_told_by_what_it_does_is_urgent(engine: ConversationEngine, text: str) -> None:
    assert urgent(engine, text)


@pytest.mark.parametrize("text", [
    # an idiom of killing said of a child, a sibling, the foreman or the heat
    "mi hijo me va a matar cuando vea que choque su carro, oigan y la app migrante?",
    "my sister is gonna kill me when she finds out i told mom",
    "fredi sa a ap touye m, ki kote m ka jwenn yon jakèt?",
    "this heat in texas is literally killing me, is there help for field workers?",
    # a story of long ago, a wish of today
    "a mi me asaltaron en el tren hace muchos años, ahora quiero poner un negocio, hay apoyo?",
    "yo te kidnape m Tamaulipas sa fe lontan, kounye a m vle aprann espanyol",
    # an absence with its reason told
    "mi esposo no me ha llamado en 2 dias pero se le rompio el celular, puedo hablar con alguien?",
    "my son hasnt called since monday but his phone broke, can i get your number",
    "manman m pa rele m depi yè men telefòn li kase, ki nimewo biwo a?",
    # someone in custody for weeks, a legal question
    "mi cuñado esta en custodia de ice desde hace como un mes, se puede pagar fianza?",
    "my dad got detained 3 weeks ago and he has daca, does he lose it?",
])
def test_look_alikes_open_no_urgent_case(engine: ConversationEngine, text: str) -> None:
    assert not urgent(engine, text)


@pytest.mark.parametrize("text", [
    "la vez que me secuestraron fue hace mucho, ahorita nomas quiero saber de las becas",
    "me robaron todo hace 3 años, ahora quiero meterme a un club de migrantes",
    "yo te bat mwen nan wout la 2 an de sa, kounye a m ta renmen travay",
])
def test_a_wish_of_today_after_a_story_of_long_ago(text: str) -> None:
    folded = fold(text)
    assert now_a_legal_step(folded) is not None
    assert told_not_now(folded, text, trigger=True)


@pytest.mark.parametrize("text", [
    "hace años me secuestraron y ahora quiero saber que hago, me siguen amenazando",
    "me robaron hace 3 años, ahora quiero saber que hago porque me estan siguiendo con una pistola",
])
def test_danger_beside_the_wish_keeps_it(text: str) -> None:
    assert now_a_legal_step(fold(text)) is None


@pytest.mark.parametrize(("text", "told"), [
    ("mi hermano no contesta desde ayer pero esta trabajando en la obra", True),
    ("he hasnt answered since noon but hes at work", True),
    # danger beside the reason keeps it
    ("lo secuestraron ayer y su telefono esta roto, no contesta", False),
    ("se fue al rio y no contesta, no tiene señal", False),
])
def test_an_absence_with_its_reason(text: str, told: bool) -> None:
    assert told_not_now(fold(text), text) is told


@pytest.mark.parametrize("text", [
    "no sabia nada de mi hija pero hoy subio una historia en face, ya estoy mas tranquila",
    "they let my brother go this morning and hes home safe",
    "ya soltaron a mi tio de la casa donde lo tenian, gracias",
])
def test_a_sign_of_life_or_a_release_settles(text: str) -> None:
    assert settled(text) or told_not_now(fold(text), text)


@pytest.mark.parametrize(("text", "held"), [
    ("como busco a un detenido en el sistema de ice? mi tio esta ahi desde hace unas semanas",
     True),
    ("how do i use the detainee locator, my aunt has been held for weeks", True),
    ("mi hermano esta detenido desde octubre, q puede pasar con su caso?", True),
    # since today, or hurt: danger
    ("lo detuvieron hoy en la mañana, como busco a un detenido?", False),
    ("my uncle got detained 2 weeks ago and they beat him, what can we do", False),
])
def test_held_a_while_a_legal_question(text: str, held: bool) -> None:
    assert held_a_while(fold(text)) is held


@pytest.mark.parametrize("text", [
    "y si a mi me agarra la migra en el trabajo, que firmo?",
    "y si el coyote nos deja en el monte? apenas lo estamos pensando",
])
def test_a_what_if_is_told_not_now(text: str) -> None:
    assert told_not_now(fold(text), text)


def test_another_2000_is_an_amount_not_a_year() -> None:
    text = "nou te peye men yo di se 2000 anko pou papa m"
    assert not told_not_now(fold(text), text)


@pytest.mark.parametrize(("text", "stop"), [
    ("manman m pa ekri m depi 3 jou, m enkyete", False),
    ("pitit mwen an pa voye m mesaj depi lendi", False),
    ("tanpri pa ekri m anko", True),
    ("pa ekri m", True),
])
def test_someone_who_does_not_write_asks_no_stop(text: str, stop: bool) -> None:
    assert explicit_stop(fold(text), text) is stop
