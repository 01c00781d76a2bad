"""Issue 11ch: nothing to eat told ("no tengo nada que comer", "we have no food", "m pa gen anyen
pou m manje") is a hardship, in need and not in danger: what this chat cannot do, the contacts,
the 911 line and a person offered (``need_now``), never "no entendí", and transit only when the
person says they are passing through. A release from jail told ("mi hijo salió de la cárcel",
"he got out of jail", "li soti nan prizon") is over, not an urgent case; held now, kept, or
followed after the release stays an emergency."""

from __future__ import annotations

import pytest

from bot import danger
from bot.content import fold
from bot.engine import ConversationEngine

NOTHING_TO_EAT = [
    "no tengo nada que comer", "no tenemos que comer", "no tenemos nada q comer",
    "i have nothing to eat", "we have no food", "we don't have any food",
    "m pa gen anyen pou m manje", "nou pa gen manje",
]


@pytest.mark.parametrize("text", NOTHING_TO_EAT)
def test_nothing_to_eat_is_a_hardship(text: str) -> None:
    assert danger.hardship(fold(text))
    assert danger.hardship_only(fold(text))


@pytest.mark.parametrize("text", [
    "me muero de hambre jaja ya quiero comer", "no tengo nada que ponerme pa la fiesta",
    "i have nothing to wear", "m pa gen anyen pou m mete",
])
def test_not_nothing_to_eat(text: str) -> None:
    assert not danger.hardship(fold(text))


@pytest.mark.parametrize("text", NOTHING_TO_EAT)
def test_nothing_to_eat_answers_no_topic(engine: ConversationEngine, text: str) -> None:
    # No topic answers it: the person in need gets ``need_now`` (bot.flow.miss).
    assert engine.understand(text).parts == ()


@pytest.mark.parametrize(("text", "parts"), [
    ("no tenemos que comer, vamos de paso pa tijuana", ("transit",)),
    ("no hemos comido desde ayer, estamos en celaya", ("transit",)),
    ("mi hijo no respira y no tenemos que comer", ("emergency",)),
])
def test_passing_through_or_danger_beside(engine: ConversationEngine, text: str,
                                          parts: tuple[str, ...]) -> None:
    assert engine.understand(text).parts[:1] == parts


RELEASED = [
    "mi hijo salio de la carcel en leon", "mi hijo ya salió de la cárcel",
    "my son got out of jail", "li soti nan prizon", "pitit mwen an soti nan prizon",
]


@pytest.mark.parametrize("text", RELEASED)
def test_a_release_is_over(text: str) -> None:
    assert danger.over(fold(text), text)


@pytest.mark.parametrize("text", [*RELEASED, "ya lo soltaron", "my brother was released",
                                  "yo lage l"])
def test_a_release_is_no_emergency(engine: ConversationEngine, text: str) -> None:
    assert "emergency" not in engine.understand(text).parts


@pytest.mark.parametrize("text", [
    "mi hijo esta preso en leon", "no lo quieren soltar",
    "lo soltaron pero lo están siguiendo unos hombres", "mi hijo no ha salido de la carcel",
    "my son got out of jail and now they are beating him",
])
def test_held_or_in_danger_stays_an_emergency(engine: ConversationEngine, text: str) -> None:
    assert engine.understand(text).parts[:1] == ("emergency",)


@pytest.mark.parametrize("text", [
    "pa gen manje pou 4 jou, pitit mwen endispoze, nou kache anba yon pon",
    "nou pa gen manje pou 4 jou, pitit mwen endispoze, nou kache anba yon pon",
    "no tenemos que comer y estamos escondidos",
])
def test_hiding_or_ill_beside_is_no_hardship(text: str) -> None:
    assert not danger.hardship(fold(text))
