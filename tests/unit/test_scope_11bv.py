"""Issue 11 (branch 11bv): a first message that asks when something of a topic happens ("cuando
salen las becas?", "when is the scholarship deadline") gets that topic's answer, which says the
dates are not here, never "no entendí": the out-of-scope class reads the words that ask when.
A date of something else (a film, a game, the rain, school in Texas) stays out of scope, and a
release asked ("¿cuándo lo sueltan?") stays an emergency.

The sentences are written for this test (none is a line of a dev or blind set). The tests of
what stays as it was pass on the old code too: they guard the new rule.
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.engine import ConversationEngine
from bot.scope import without_when


def parts(engine: ConversationEngine, text: str) -> tuple[str, ...]:
    """The parts the engine answers ``text`` with."""
    return tuple(engine.understand(text).parts)


@pytest.mark.parametrize(("text", "rest"), [
    ("cuando salen las becas?", "las becas"),
    ("when is the scholarship deadline", "the scholarship"),
    ("hasta cuando hay chance de registrarse en el consejo",
     "hay chance de registrarse en el consejo"),
    ("ki dat limit pou pwogram biznis la", "pou pwogram biznis la"),
])
def test_the_words_that_ask_when_are_taken_away(text: str, rest: str) -> None:
    assert without_when(fold(text)) == rest


@pytest.mark.parametrize(("text", "topic"), [
    ("cuando salen las becas?", "education"),
    ("cuando abren la convocatoria de becas", "education"),
    ("cuando es la fecha limite pa lo del negocio", "business_jobs"),
    ("hasta cuando hay chance de registrarse en el consejo", "participation"),
    ("when is the scholarship deadline", "education"),
    ("when does the winter program start", "holidays"),
    ("ki dat limit pou pwogram biznis la", "business_jobs"),
])
def test_a_date_asked_of_a_topic_is_that_topic(
    engine: ConversationEngine, text: str, topic: str
) -> None:
    assert parts(engine, text) == (topic,)


@pytest.mark.parametrize("text", [
    "cuando sale la película",
    "when is the next game",
    "when does school start in texas",
    "a qué hora es la misa",
    "cuándo llueve",
    "cuando es el partido del leon",
    "cuando pagan el aguinaldo",
    "kilè match la ye",
    "kilè lapli ap tonbe",
])
def test_a_date_of_something_else_stays_out_of_scope(
    engine: ConversationEngine, text: str
) -> None:
    assert parts(engine, text) == ()


def test_a_release_asked_stays_an_emergency(engine: ConversationEngine) -> None:
    assert parts(engine, "¿cuándo lo sueltan?") == ("emergency",)
