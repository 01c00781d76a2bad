"""Issue 11dh: how the US-born children of paisanos write. "rn" is read "right now" (an ICE
raid told with it is danger now), "is that whatsapp too?" points back at the answer just
given, and a language asked for beside a guess of "this chat cannot do that" gets the
language alone.

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot import commands
from bot.compose import compose
from bot.content import Catalog, fold
from intents import Analysis, Finding, Match
from intents.normalize import normalize


@pytest.mark.parametrize(("text", "expected"), [
    ("la migra is at my job rn", "la migra is at my job right now"),
    ("ppl say its legit tho", "people say its legit though"),
])
def test_texting_words_are_read_in_full(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(("text", "refers"), [
    ("is that whatsapp too?", "back"), ("is it free too", "back"),
    ("and is that the whatsapp also?", "back"),
    ("is there a clinic too", None), ("is my tio coming too", None),
])
def test_is_that_too_points_back(text: str, refers: str | None) -> None:
    assert commands.refers_back(fold(text)) == refers


def test_a_language_asked_beside_cannot_do_is_the_language_alone(catalog: Catalog) -> None:
    # "can u tell me in spanish pls, its for my mom": the clause read as "cannot do".
    match = Match("language", 0.9, (("language", 0.73), ("cannot_do", 0.22)), "x x x x x", "",
                  None, "classifier")
    asked = Analysis(match, (("language", 0.73), ("cannot_do", 0.22)),
                     (Finding("language", 0.9, "classifier", "..."),
                      Finding("cannot_do", 0.9, "part", "...", 1)))
    assert compose(asked, catalog, switch=True).parts == ("language",)
    # A topic asked beside the switch still comes after it.
    health = Analysis(match, (("language", 0.73), ("health", 0.22)),
                      (Finding("language", 0.9, "classifier", "..."),
                       Finding("health", 0.9, "part", "...", 1)))
    assert compose(health, catalog, switch=True).parts == ("language", "health")
