"""Issue 11bf: the office's opening hours asked ("¿a qué hora abren?", "what time are you
open?", "ki lè nou louvri?") get the contacts answer, which says honestly that the hours are
not here; another place's hours (the consulate, a bank) stay out of scope."""

from __future__ import annotations

import pytest

from bot import commands, scope
from bot.content import fold
from bot.engine import ConversationEngine


@pytest.mark.parametrize("text", [
    "a que hora abren el consulado", "el consulado abre los sabados?",
    "is the bank open on sunday", "what time does the consulate open",
    "ki lè konsila a louvri", "horario del banco",
])
def test_another_places_hours_are_not_the_offices(text: str) -> None:
    assert scope.another_number(fold(text))


@pytest.mark.parametrize("text", [
    "a que hora abren", "what time are you open?", "ki lè nou louvri?",
    "hasta que hora atienden", "el consulado me pidio el acta",
    "tengo que ir al banco, a que hora abren ustedes?",
])
def test_the_offices_hours_or_no_hours_are_not_another_place(text: str) -> None:
    assert not scope.another_number(fold(text))


@pytest.mark.parametrize("text", [
    "a que hora abren", "a q hora atienden", "hasta que hora atienden",
    "estan abiertos el domingo?", "a que hora abren la oficina",
    "abren los sabados?", "trabajan hoy?", "en q horario contestan", "what time are you open?",
    "what are your hours", "are you guys open today", "when do you open", "ki lè nou louvri?",
    "ki jou nou travay", "biwo a louvri jodi a?",
])
def test_the_offices_hours_asked(text: str) -> None:
    assert commands.office_hours(fold(text))


@pytest.mark.parametrize("text", [
    "what time is it", "que hora es alla", "abrieron una cuenta a mi nombre", "ki lè li ye",
    "open the app", "a mi hijo lo agarraron a las 3", "a q hora abren el museo de las momias",
    "me muero de hambre a que hora abren los tacos de la esquina",
])
def test_no_hours_asked(text: str) -> None:
    assert not commands.office_hours(fold(text))


@pytest.mark.parametrize(("text", "parts"), [
    ("¿a qué hora abren?", ("contacts",)),
    ("what time are you open?", ("contacts",)),
    ("ki lè nou louvri?", ("contacts",)),
    ("ki jou nou travay", ("contacts",)),
    ("hay becas? a que hora abren", ("education", "contacts")),
    ("a que hora abren el consulado", ()),
    ("what time does the bank open", ()),
])
def test_hours_understood(engine: ConversationEngine, text: str, parts: tuple[str, ...]) -> None:
    assert engine.understand(text).parts == parts


def test_what_is_said_beside_the_hours() -> None:
    assert commands.beside_office_hours(fold("hay becas? a que hora abren")) == "hay becas"
    assert commands.beside_office_hours(fold("ki jou nou travay")) == ""
