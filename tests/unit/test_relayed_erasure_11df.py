"""Issue 11df: an erasure relayed in Kreyòl or French is never the writer's own, and a Kreyòl
question of whether the police or immigration can arrest is no detention now.

"sè m vle konnen si li ka efase done li" (my sister wants to know if she can erase her data)
asked the writer to confirm the erasure of their own data ("sè" is written "se" too: "se pou nou
efase done m" is "it is"). A question relayed by someone named (``bot.scope.relayed_by_someone``),
"done li" (her data) and the French relatives and erase verbs now say it is someone else's
(``bot.commands.for_someone_else``). "eske lapolis ka arete m si m pa gen papye" fired the trigger
"arete + lapolis" and got the 911 block and an urgent case (``bot.danger.can_arrest``).

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot import commands
from bot.content import fold
from bot.danger import can_arrest
from bot.engine import ConversationEngine
from bot.scope import relayed_by_someone


@pytest.mark.parametrize("text", [
    "sè m vle konnen si li ka efase done li",
    "se m vle konnen si li ka efase done li",
    "sò m vle konnen si li ka efase done li",
    "manman m vle konnen si nou ka efase done li",
    "frè m vle konnen si li ka efase done l",
    "madanm mwen vle konnen si nou ka efase nimewo li",
    "li vle konnen si nou ka efase done li",
    "ma soeur veut savoir si elle peut effacer ses données",
    "mi esposa pregunta si pueden borrar su número",
])
def test_someone_elses_erasure(text: str) -> None:
    assert commands.for_someone_else(fold(text))


@pytest.mark.parametrize("text", [
    "efase done mwen yo",
    "mwen vle nou efase tout sa m ekri",
    "se pou nou efase done m",
    "se m ki vle konnen si nou ka efase done m",
    "se sa m vle konnen, eske nou ka efase done m",
    "mwen vle konnen si nou ka efase done m",
    "me pregunto si pueden borrar todo",
    "effacez mes données svp",
])
def test_the_writers_own(text: str) -> None:
    assert not commands.for_someone_else(fold(text))


@pytest.mark.parametrize(("text", "relayed"), [
    ("sè m vle konnen si li ka efase done li", True),
    ("ti sè m nan vle konnen kote biwo a ye", True),
    ("se m ki vle konnen kote biwo a ye", False),
    ("se sa m vle konnen", False),
    ("quiere saber si hay becas", False),  # no one named
])
def test_relayed_by_someone(text: str, relayed: bool) -> None:
    assert relayed_by_someone(text) is relayed


@pytest.mark.parametrize("text", ["effacez mes données svp", "je veux effacer mes donnees"])
def test_french_erasure_asked(text: str) -> None:
    assert commands.erase_request(fold(text))


def test_french_yes_confirms() -> None:
    assert commands.erase_confirmed("oui")


@pytest.mark.parametrize("text", [
    "mwen pa gen papye, imigrasyon ka arete m?",
    "eske lapolis ka arete m si m pa gen papye",
    "imigrasyon ka depote m?",
])
def test_can_they_arrest_asked(text: str) -> None:
    assert can_arrest(fold(text))


@pytest.mark.parametrize("text", [
    "imigrasyon arete mari m nan Celaya",
    "lapolis ka arete m paske m pa gen papye, yo kenbe m nan estasyon an kounye a",
    "m pa ka soti, imigrasyon ap arete tout moun",
])
def test_an_arrest_now_is_not(text: str) -> None:
    assert not can_arrest(fold(text))


@pytest.mark.parametrize("text", [
    "eske lapolis ka arete m si m pa gen papye",
    "mwen pa gen papye, imigrasyon ka arete m?",
])
def test_no_emergency_for_the_question(engine: ConversationEngine, text: str) -> None:
    parts = engine.understand(text).parts
    assert "emergency" not in parts and "transit" in parts


def test_an_arrest_now_stays_an_emergency(engine: ConversationEngine) -> None:
    assert engine.understand("imigrasyon arete mari m nan Celaya").parts[0] == "emergency"
