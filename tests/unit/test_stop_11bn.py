"""Issue 11bn: a stop word said of something the person does ("sispann manje depi yè", "stop
eating", "kanpe travay") or of another thing ("stop the bus", "basta de lluvia") is no stop;
"stop", "sispann", "STOP pls", "sispann voye m mesaj", "basta de mensajes" still are. Not
having eaten for a while, said of oneself, is read as passing through (the answer of "no he
comido desde ayer").

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot import commands
from bot.content import fold


@pytest.mark.parametrize("text", [
    "sispann manje depi yè", "sispann manje", "kanpe travay", "sispann travay",
    "sispann bwè dlo", "sispann pran medikaman", "kanpe manje", "stop eating",
    "stop drinking water", "stop working", "stop taking my pills", "stop the bus",
    "stop the car", "basta de lluvia", "Basta de comer!",
])
def test_a_stop_word_said_of_something_else_is_no_stop(text: str) -> None:
    assert not commands.explicit_stop(fold(text), text)
    assert commands.stops_else(fold(text))


@pytest.mark.parametrize("text", [
    "stop", "STOP!!!", "sispann", "kanpe", "stop pls", "stop please", "stop it now",
    "sispann tanpri", "kanpe tanpri", "kanpe la", "sispann sa", "basta", "basta ya",
    "basta por favor", "basta de mensajes", "stop the messages", "stop my messages",
    "stop the spam", "stop texts", "stop everything", "stop bothering me", "stop calling me",
    "stop spamming", "stop msging", "stop replying", "stop asking questions",
    "sispann voye m mesaj", "ya no quiero mensajes", "unsubscribe",
])
def test_a_stop_of_our_messages_is_still_a_stop(text: str) -> None:
    assert commands.explicit_stop(fold(text), text)
    assert not commands.stops_else(fold(text))


@pytest.mark.parametrize("text", [
    "i stopped eating since yesterday", "my dad stopped answering", "papa m sispann reponn",
    "lo pararon en un stop de la policia",
])
def test_told_stops_are_read_by_the_rest_of_the_engine(text: str) -> None:
    assert not commands.explicit_stop(fold(text), text)


@pytest.mark.parametrize("text", [
    "dejé de comer desde ayer", "ya dejamos de comer desde el lunes", "no he comido desde ayer",
    "sispann manje depi yè", "mwen pa manje depi yè", "m poko manje depi maten",
    "nou pa manje depi 2 jou", "i stopped eating since yesterday",
    "we haven't eaten in two days", "I've stopped eating since monday",
    "estoy en leon y no hemos comido desde ayer",
])
def test_not_eaten_for_a_while(text: str) -> None:
    assert commands.not_eaten(fold(text))


@pytest.mark.parametrize("text", [
    # Said of another: a child, a mother (perhaps ill, never read as passing through here).
    "pitit mwen pa manje depi yè", "mi mama dejo de comer desde ayer",
    "my son hasn't eaten since yesterday",
    # No while: a diet, a habit.
    "dejé de comer carne", "i stopped eating sugar", "m sispann manje vyann",
    "stop eating",
])
def test_not_eaten_said_of_another_or_of_a_food(text: str) -> None:
    assert not commands.not_eaten(fold(text))
