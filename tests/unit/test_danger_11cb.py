"""Issue 11 (branch 11cb): the writer or one of theirs detained now, told with a place or a time
("mi hijo esta preso en leon", "my son got arrested last night in dallas", "pitit mwen nan lajòl
nan Dallas"), is an emergency; the place's or the night's words no longer sink the classifier's
guess into "no entendí" (``bot.danger.detained_now``). A detention over, told of, served for
years, denied, a joke or love is not."""

from __future__ import annotations

import pytest

from bot import danger
from bot.content import fold
from bot.engine import ConversationEngine

DETAINED = [
    # Failed on main: "no entendí", no urgent case.
    "mi hijo esta preso en leon", "mi hija está presa en Celaya", "mi hijo cayó preso en dallas",
    "mi hijo quedo detenido anoche en leon", "mi papa esta preso en chicago",
    "mi hijo esta en el bote en dallas", "metieron preso a mi hijo en leon",
    "mi hijo esta preso en leon desde ayer",
    "my son got arrested last night in dallas", "My son was arrested last night in Leon",
    "i got arrested last night in dallas",
    "frè m nan kaso nan Leon", "pitit mwen nan lajòl nan Dallas", "pitit mwen prizonye nan Leon",
    "frè m nan kaso", "pitit mwen nan lajòl",
    # Already emergencies on main, and still.
    "mi hijo esta preso", "mi esposo esta detenido en Dallas desde anoche",
    "my brother got locked up yesterday in houston", "my son got arrested in leon",
    "pitit mwen nan prizon nan Tijuana", "yo arete frè m nan Monterrey yè",
]

NOT_NOW = [
    "mi papá estuvo preso en 2019", "mi hijo estuvo preso en leon pero ya salio",
    "mi papá lleva 3 años preso en texas", "mi papa esta preso desde hace 3 años",
    "my uncle got arrested years ago and got deported, now he's in Moroleon",
    "my son was in jail in dallas last year", "my son got out of jail last night in dallas",
    "frè m te nan prizon nan Leon ane pase", "pitit mwen te nan prizon men yo lage l",
    "mi hijo no esta preso", "pitit mwen pa nan prizon", "my son wasn't arrested",
]

NOT_A_DETENTION = [
    "my package got held at customs", "got arrested by the beauty of leon lol",
    "mi hijo esta preso de amor", "como visitar a un preso en leon",
    "my son is a prison guard in dallas", "mi hijo salio de la carcel en leon",
]


@pytest.mark.parametrize("text", DETAINED)
def test_detained_now(text: str) -> None:
    assert danger.detained_now(fold(text), text)


@pytest.mark.parametrize("text", NOT_NOW + NOT_A_DETENTION)
def test_not_detained_now(text: str) -> None:
    assert not danger.detained_now(fold(text), text)


@pytest.mark.parametrize("text", DETAINED)
def test_a_detention_now_is_an_emergency(engine: ConversationEngine, text: str) -> None:
    assert engine.understand(text).parts[:1] == ("emergency",)


@pytest.mark.parametrize(("text", "parts"), [
    ("mi papá estuvo preso en 2019", ()),
    ("mi papá lleva 3 años preso en texas", ("legal_us",)),
    ("my uncle got arrested years ago and got deported, now he's in Moroleon", ("returned",)),
    ("my package got held at customs", ()),
    ("got arrested by the beauty of leon lol", ()),
    ("mi hijo esta preso de amor", ()),
    ("my son was in jail in dallas last year", ()),
    ("frè m te nan prizon nan Leon ane pase", ()),
])
def test_no_emergency_when_over_or_no_detention(engine: ConversationEngine, text: str,
                                                parts: tuple[str, ...]) -> None:
    assert engine.understand(text).parts == parts
