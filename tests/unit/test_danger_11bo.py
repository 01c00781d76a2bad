"""Issue 11bo: money no longer sent, or none for food or the rent, is hardship, not danger now:
no 911 block and no urgent case, but what this chat cannot do, the contacts, the 911 line and a
person offered (``need_now``); danger told beside it (no answer for days, a detention, a threat)
keeps the emergency."""

from __future__ import annotations

import pytest

from bot import danger
from bot.content import fold
from bot.engine import ConversationEngine

HARDSHIP = [
    "mi esposo está en chicago y ya no me manda dinero", "mi esposo ya no me manda dinero",
    "mi esposo dejó de mandarme dinero", "my husband stopped sending money",
    "my husband doesn't send money anymore", "my dad lost his job and can't send money anymore",
    "my husband left and doesn't send money, we can't pay rent",
    "i can't pay rent and my kids are hungry", "my son stopped sending money and we have no food",
    "mari m pa voye kòb ankò", "mari m pa voye lajan ankò", "mari m sispann voye lajan ban m",
    "pitit gason m lan pa voye lajan pou nou depi 3 mwa",
]

DANGER_BESIDE = [
    "mi esposo ya no me manda dinero y no contesta desde hace una semana",
    "no me manda dinero porque lo agarró la migra", "me piden dinero o lo matan",
    "si no manda dinero lo matan", "mi esposo cruzó hace 3 días y ya no me manda dinero",
    "mi hijo no me manda dinero y no sabemos nada de él",
    "mi hijo ya no manda dinero, lleva 4 dias sin comunicarse",
    "mi marido se fue y ya no nos manda nada, no tenemos ni para comer",
    "my husband stopped sending money and hasn't answered in a week",
    "he stopped sending money because ICE picked him up", "they want money or they kill him",
    "mari m pa voye kòb ankò epi li pa reponn depi yon semèn",
    "mari m pa voye lajan ankò paske imigrasyon arete l", "yo mande lajan oswa yo touye l",
    "nou nan yon kay nan reynosa, yo di si fanmi nou pa voye lajan anvan aswè yo pap ban nou"
    " manje",
    # Feared for, hurt, held, in a hospital.
    "my son stopped sending money, i think something happened to him",
    "mi esposo ya no me manda dinero, esta en el hospital",
    "mi esposo ya no me manda dinero y me pega",
    "mari m pa voye kòb ankò, m pè yon bagay rive l", "he stopped sending money, he's in jail",
    "mi hijo ya no manda dinero, creo que lo secuestraron",
]


@pytest.mark.parametrize("text", HARDSHIP)
def test_hardship_with_nothing_of_danger(text: str) -> None:
    assert danger.hardship(fold(text))


@pytest.mark.parametrize("text", [
    *DANGER_BESIDE,
    # Advice, or the writer's own sending: no one who stopped sending.
    "they said don't send money through western union, is that true?",
    "my brother told me to stop sending him money, how can I help him",
    "si m pa voye lajan yo touye l", "no le mando dinero a mi hermano",
    "my mom needs money for her medicine",
    "mi esposo ya no me manda dinero, tengo miedo que le haya pasado algo",
])
def test_not_hardship(text: str) -> None:
    assert not danger.hardship(fold(text))


@pytest.mark.parametrize("text", HARDSHIP)
def test_hardship_is_no_emergency_nor_a_topic(engine: ConversationEngine, text: str) -> None:
    # Nothing answers it as a topic: the person in need gets ``need_now`` (bot.flow.miss).
    assert engine.understand(text).parts == ()


@pytest.mark.parametrize("text", DANGER_BESIDE)
def test_danger_beside_the_hardship_is_an_emergency(engine: ConversationEngine,
                                                    text: str) -> None:
    assert engine.understand(text).parts[:1] == ("emergency",)


@pytest.mark.parametrize(("text", "parts"), [
    # A question of remittances asked beside it is answered; another topic too.
    ("my husband stopped sending money, how does the isseg card work?", ("remittances",)),
    ("mi esposo ya no me manda dinero, como funciona la tarjeta isseg", ("remittances",)),
    ("mi esposo ya no me manda dinero, hay becas para mis hijos?", ("education",)),
    ("my mom needs money for her medicine", ("health",)),
])
def test_a_question_beside_the_hardship(engine: ConversationEngine, text: str,
                                        parts: tuple[str, ...]) -> None:
    assert engine.understand(text).parts == parts
