"""Issue 11aw: one list of places in the USA (``bot.places``) for the crossing plan going there,
the detention feared there and asylum asked of it.

Before, each reader had its own list: a state or a city named counted for the crossing plan but
not for asylum asked after an answer ("¿y el asilo en Texas?" got Mexico's COMAR) nor for a
detention feared ("kisa k ap pase si imigrasyon arete m nan Florida?" got transit through
Guanajuato); "the United States" counted for none of them; "Central America" counted as the
USA. Words that mean the USA only in one use ("el otro lado", "ICE") stay at that use.

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import re

import pytest

from bot import commands, crossing, danger
from bot.content import fold
from bot.engine import ConversationEngine
from bot.places import US_PLACES

_PLACE = re.compile(rf"\b({US_PLACES})\b")


@pytest.mark.parametrize(("text", "named"), [
    ("my cousin lives in the United States", True),
    ("mon frère est aux États-Unis", True),
    ("mi hermano vive en Texas", True),
    ("manman m nan Florida", True),
    ("somos de Centro América", False),
    ("we came from Central America", False),
    ("el otro lado", False),  # the USA only as a crossing says it
    ("Nogales", False),  # a border town one crosses from
])
def test_the_usa_named(text: str, named: bool) -> None:
    assert bool(_PLACE.search(fold(text))) is named


@pytest.mark.parametrize(("text", "key"), [
    ("¿y el asilo en Texas?", None),
    ("and asylum in the United States?", None),
    ("epi pou azil nan Florida?", None),
    ("y el asilo?", "papers"),
    ("and asylum in Mexico?", "papers"),
])
def test_asylum_of_a_us_place_is_no_papers_followup(text: str, key: str | None) -> None:
    assert commands.followup_key(fold(text)) == key


@pytest.mark.parametrize("text", [
    "kisa k ap pase si imigrasyon arete m nan Florida?",
    "que pasaria si migracion me agarra en Houston?",
    "what if immigration picks me up in Chicago?",
])
def test_a_detention_feared_in_a_us_place_is_the_law(text: str) -> None:
    assert danger._law_instead("transit", fold(text))


def test_a_detention_feared_in_mexico_stays_transit() -> None:
    assert not danger._law_instead("transit", fold("que pasaria si migracion me agarra en León?"))


def test_the_crossing_keeps_its_own_words() -> None:
    north = crossing._NORTH
    for text in ("se va pal otro lado", "se va pal norte", "li pral lot bo", "rumbo a Sonoyta",
                 "se quiere ir a los Estados Unidos", "wants to go to the United States"):
        assert north.search(fold(text)), text


def test_the_writer_in_florida(engine: ConversationEngine) -> None:
    understood = engine.understand("kisa k ap pase si imigrasyon arete m nan Florida?")
    assert understood.match is not None and understood.match.intent == "legal_us"
