"""Issue 11bi: a short "when?" or "is it there in that place / for them?" after a topic's answer
is a follow-up of that topic; an emergency told with "when" stays an emergency."""
from __future__ import annotations

import pytest

from bot import commands
from bot.content import FOLLOWUP_KEYS, fold


@pytest.mark.parametrize(("text", "key"), [
    ("y cuando salen?", "when"), ("cuando abren las convocatorias?", "hours"),
    ("when does it start?", "when"), ("until when?", "when"), ("¿hasta cuándo?", "when"),
    ("kilè l ap kòmanse?", "when"), ("jiska ki lè?", "when"), ("ki dat?", "when"),
    ("y la fecha limite?", "when"), ("et quand?", "when"),
    # "ki lè" beside opening or closing asks the hours.
    ("ki lè nou louvri?", "hours"), ("a quelle heure?", "hours"),
    # A "cuando" inside a message asks no date.
    ("se lo llevaron cuando salia", None),
])
def test_when_key(text: str, key: str | None) -> None:
    assert commands.followup_key(fold(text)) == key


def test_when_also_read_beside_hours() -> None:
    assert commands.followup_keys(fold("cuando abren las convocatorias?")) == ("hours", "when")


def test_content_may_answer_when() -> None:
    assert "when" in FOLLOWUP_KEYS


@pytest.mark.parametrize(("text", "refers"), [
    ("is it available in texas?", "back"), ("does it work in georgia", "back"),
    ("eske sa bon pou Tijuana?", "back"), ("eske li mache nan Florida?", "back"),
    ("sirve en california?", "on"), ("aplica para los de leon?", "on"),
    ("works in arizona too?", "on"), ("y tambien aplica para las becas?", "on"),
    ("como mando dinero a mi hermano en texas", None), ("la app sirve", None),
    ("is there a shelter in texas", None),
])
def test_asks_if_it_applies_there(text: str, refers: str | None) -> None:
    assert commands.refers_back(fold(text)) == refers
