"""Issue 11ba: no money now is need, not danger; Kreyòl "I'm fine now" in its spellings."""

from __future__ import annotations

import pytest

from bot import danger
from bot.content import fold


@pytest.mark.parametrize("text", [
    "no tengo dinero ahorita no", "i dont have money right now no", "m pa gen kòb kounye a non",
    "mwen pa gen kòb kounyea", "no traigo ni un peso pal camión ahorita no",
])
def test_no_money_and_nothing_else_is_broke_only(text: str) -> None:
    assert danger.broke_only(fold(text))


@pytest.mark.parametrize("text", [
    "no tengo dinero ahorita, me tienen encerrado", "i dont have money and they are threatening me",
    "m pa gen kòb, yo kenbe frè m", "no tengo dinero para pagar el rescate de mi hijo",
])
def test_no_money_beside_danger_is_not_broke_only(text: str) -> None:
    assert danger.broke(fold(text))
    assert not danger.broke_only(fold(text))


def test_a_message_without_money_words_is_not_broke() -> None:
    assert not danger.broke(fold("ahorita no puedo hablar"))


@pytest.mark.parametrize("text", ["m byen kounya, frè m rive", "mwen byen kounyea",
                                  "nou byen kounya", "li rive, li byen"])
def test_kreyol_fine_now_is_over(text: str) -> None:
    assert danger.over(fold(text), text)


@pytest.mark.parametrize("text", ["m pa byen", "m pa byen, m pa ka mache"])
def test_kreyol_not_fine_is_not_over(text: str) -> None:
    assert not danger.over(fold(text), text)
