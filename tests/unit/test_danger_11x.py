"""Issue 11x: emergencies told obliquely (locked in by a boss, held after crossing with a debt
"or else", a fall from the border wall, a relative "they have" on a call that asks money by
Western Union, a fever of 40 with delirium) are urgent in es, en and ht; a scare said to be
over ("hes fine", typed without the apostrophe) is not, nor a slight symptom, nor a fall only
feared on the way.

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.danger import over, settled
from bot.engine import ConversationEngine


def urgent(engine: ConversationEngine, text: str) -> bool:
    """Whether the answer to ``text`` carries the emergency part (the urgent case)."""
    return "emergency" in engine.understand(text).parts


@pytest.mark.parametrize("text", [
    # locked in at night, a threat against whoever leaves
    "el mayordomo nos encierra con candado por fuera en la bodega donde dormimos",
    "la señora de la casa cambio la cerradura y dice que no salimos hasta pagar lo del viaje",
    "the foreman padlocked the bunkhouse and says if anyone leaves he will break their legs",
    "patwon an chanje seri pot la, li di nou pa ka soti jiskaske nou fini travay la",
    # held after crossing, a debt "or else"
    "despues de cruzar el guia nos tiene encerrados en una casa y pide 2 mil mas por cabeza",
    "after we crossed they put us in a warehouse and say we each owe 3k or they sell us",
    "apre nou fin travèse yo fèmen nou nan yon depo, yo mande plis lajan",
    # a fall from the wall
    "mi sobrino se cayo de la barda y no puede caminar, esta tirado en el monte",
    "my husband fell from the fence and his ankle is broken, he is alone out there",
    "neve m tonbe sou miray la, li kase pye l, li pa ka mache",
    # a call: "they have" someone, money by a transfer
    "le llamaron a mi abuela, que tienen a mi primo y que mande 1500 por western union",
    "they called my dad and said they have my sister, they want money by moneygram",
    # a fever of 40 or with delirium
    "mi tio tiene calentura de 41 y esta desvariando",
    "my baby has a fever of 105 and is not making sense",
    "granmoun nan gen lafyèv 40, l ap depale",
])
def test_oblique_emergencies_are_urgent(engine: ConversationEngine, text: str) -> None:
    assert urgent(engine, text)


@pytest.mark.parametrize("text", [
    "we hadnt heard from my brother since monday but he texted last night, hes ok now",
    "y si me caigo del muro cuando cruce, que me pasa?",
    "what if i fall off the wall while crossing",
    "pitit fi m gen ti lafyèv, ki kote m ka jwenn yon doktè",
    "mi hija tiene un poco de calentura, donde hay un centro de salud",
    "mi papa tiene 40 años y tiene fiebre, hay clinica en leon?",
    "my landlord changed the locks on the storage unit, can i get my stuff",
])
def test_look_alikes_open_no_urgent_case(engine: ConversationEngine, text: str) -> None:
    assert not urgent(engine, text)


@pytest.mark.parametrize(("text", "calm"), [
    ("we hadnt heard from him since friday but he called this morning, hes fine", True),
    ("shes ok now", True),
    ("hes fine but the coyote is asking for more money", False),
])
def test_settled_without_the_apostrophe(text: str, calm: bool) -> None:
    assert settled(text) is calm


@pytest.mark.parametrize(("text", "is_over"), [
    ("ya aparecio, esta bien, perdon por el susto", True),
    ("hes fine now, he just called", True),
    ("li rele nou, li anfòm kounye a", True),
    ("ya aparecio pero ahora lo tienen detenido", False),
    ("todavia no sabemos nada", False),
    ("ok he just called, they let him go", True),
    ("they let my mom go but they still have my dad", False),
])
def test_scare_over(text: str, is_over: bool) -> None:
    assert over(fold(text), text) is is_over
