"""Issue 11cc: help asked with a household bill ("ayuda con la luz y el agua por favor", "help
with my water bill", "èd pou kouran ak dlo") and not having eaten since a while ("i stopped
eating since yesterday") are need, not danger; danger told beside them keeps the emergency.

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot import commands, danger, scope
from bot.content import fold


@pytest.mark.parametrize("text", [
    "ayuda con la luz y el agua por favor", "ocupo ayuda con el agua y la luz",
    "ayuda con el recibo del agua", "necesito apoyo para pagar el recibo del agua",
    "ayudame a pagar la luz", "nos cortaron el agua", "help with my water bill",
    "help paying the light and water", "i need help paying my water and light bills",
    "help with rent and utilities", "i can't pay the water bill", "èd pou kouran ak dlo",
    "m bezwen èd pou peye dlo ak kouran", "tanpri ede m peye kouran ak dlo", "yo koupe dlo nou",
])
def test_a_bill_asked_help_with_is_bills_only(text: str) -> None:
    assert danger.bills_only(fold(text))


@pytest.mark.parametrize("text", [
    "no tengo agua", "no tenemos agua ni comida", "ayuda el agua",
    "ayuda el agua esta subiendo", "the water is rising in the house", "se está ahogando",
    "nos cortaron la luz y hay un hombre armado afuera", "nos cortaron la luz y no nos dejan salir",
    "ayuda con el agua estamos en el desierto", "help with the water my son fell in the river",
    "huele a gas ayuda", "dlo ap monte nan kay la", "help with the gas leak",
])
def test_water_without_a_bill_or_danger_beside_it_is_not_bills_only(text: str) -> None:
    assert not danger.bills_only(fold(text))


@pytest.mark.parametrize("text", [
    "help with my light bill", "help with the electricity and water", "èd pou kouran ak dlo",
    "m bezwen èd pou peye dlo ak kouran", "ayuda con la luz y el agua por favor",
])
def test_the_light_and_the_water_are_support_the_sources_never_name(text: str) -> None:
    assert scope.unnamed_support(fold(text))


def test_water_alone_in_kreyol_is_no_support_asked() -> None:
    assert not scope.unnamed_support(fold("m bezwen èd, nou pa gen dlo"))


@pytest.mark.parametrize("text", [
    "i stopped eating since yesterday", "i've stopped eating since yesterday",
    "we stopped eating 2 days ago", "i have not eaten anything since yesterday",
    "i didnt eat since yesterday", "dejé de comer desde ayer", "no he comido nada desde ayer",
    "no hemos comido en dos dias", "sispann manje depi yè", "nou pa manje depi 2 jou",
])
def test_not_eaten_with_only_time_beside_it(text: str) -> None:
    assert commands.not_eaten(fold(text))
    assert danger.not_eaten_only(fold(text))


@pytest.mark.parametrize("text", [
    "i havent eaten since yesterday and they wont let me leave",
    "no he comido desde ayer y me tienen encerrado", "help i havent eaten in days",
    "i havent eaten in 3 days and i feel dizzy", "no he comido en 3 dias y me desmaye",
    "my kid hasn't eaten in 3 days and won't wake up", "pitit mwen pa manje depi yè",
    "mi hijo no ha comido desde ayer",
])
def test_not_eaten_beside_danger_or_of_another_is_not_not_eaten_only(text: str) -> None:
    assert not danger.not_eaten_only(fold(text))


def test_beside_not_eaten_gives_the_other_words() -> None:
    assert commands.beside_not_eaten(fold("i stopped eating since yesterday")) == "yesterday"
    assert commands.beside_not_eaten(fold("tengo hambre")) is None
