"""Issue 11dg: a clear take-back said alone while waiting for a person is asked about."""

from __future__ import annotations

import pytest

from bot import commands
from bot.content import fold


@pytest.mark.parametrize("text", [
    "mejor no", "no ya no, gracias", "bueno dejalo asi, gracias", "olvídelo", "no hace falta",
    "all good now", "oh no need anymore, thanks", "scratch that", "im all set",
    "kite sa", "pa bezwen", "bliye l", "tout bagay regle",
    "laisse tomber", "oubliez ça", "plus besoin, merci", "c'est bon",
])
def test_a_take_back_said_alone_is_asked_about(text: str) -> None:
    assert commands.takes_back(fold(text)), text


@pytest.mark.parametrize("text", [
    # A keyword alone never takes someone out of the line, nor asks.
    "ya no", "gracias", "ok", "no", "ya", "no gracias", "mesi", "merci",
    # A detail for the team, or another need beside it.
    "mejor no le digan a mi esposo", "all good now but i still need help with my moms papers",
    "kite sa pou pita, m bezwen yon moun", "no importa la hora, aqui espero",
])
def test_a_keyword_or_a_detail_is_no_take_back(text: str) -> None:
    assert not commands.takes_back(fold(text)), text


@pytest.mark.parametrize("text", ["mejor no", "kite sa", "laisse tomber", "all good now"])
def test_a_take_back_is_never_the_yes_to_leaving(text: str) -> None:
    # Said to "¿Ya no necesitas hablar con una persona?", "mejor no" may mean "better not leave":
    # never read as the yes that takes the person out of the line.
    assert commands.leave_answer(fold(text)) != "yes", text
