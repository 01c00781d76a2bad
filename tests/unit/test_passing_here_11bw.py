"""Issue 11bw: a migrant saying who they are and where they are now in Guanajuato, or that they
are passing through it, gets the answer for migrants passing through (topic G), in their language
(Kreyòl for Kreyòl and French): never "no entendí", the holidays or an urgent case. A life here,
danger, a crossing plan or a question beside it keep their answer.

The sentences are written for this test (none is a line of a dev or blind set). The tests of
what stays as it was pass on the old code too: they guard the new rule.
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.engine import ConversationEngine
from bot.scope import passing_here, without_places


@pytest.mark.parametrize("text", [
    "mwen se ayisyen mwen nan Leon",
    "bonjou mwen se ayisyen mwen nan Leon",
    "mwen nan Queretaro",
    "mwen sot Tapachula mwen nan Irapuato kounye a",
    "m ap pase Guanajuato ak fanmi m",
    "mwen gen 3 jou nan San Luis de la Paz",
    "mwen nan Silao depi yè",
    "je suis haïtien je suis à León",
    "nous sommes à Celaya depuis hier",
    "yo haitiano, 3 dia en Silao",
    "soy migrante estoy en silao",
])
def test_a_migrant_here_gets_the_transit_answer(engine: ConversationEngine, text: str) -> None:
    understood = engine.understand(text)
    assert passing_here(fold(text))
    assert understood.parts == ("transit",)


@pytest.mark.parametrize(("text", "lang"), [
    ("mwen nan Queretaro", "ht"),
    ("je suis à Irapuato", "ht"),  # French, answered in Kreyòl; the town read it as Spanish
    ("je suis à Celaya", "ht"),
    ("soy migrante estoy en silao", "es"),
])
def test_in_the_language_around_the_place(engine: ConversationEngine, text: str,
                                          lang: str) -> None:
    detected = engine.understand(text).detected
    assert detected is not None and detected[0] == lang


@pytest.mark.parametrize(("text", "first"), [
    ("mwen rete León depi 5 an, mwen travay isit", "business_jobs"),  # a life here
    ("mwen se ayisyen mwen rete Leon depi 2 an", "foreign_communities"),
    ("mwen nan Leon epi yo arete frè m", "emergency"),
    ("mwen nan Leon, m ap travèse fwontyè a semèn pwochèn", "safety_crossing"),
    ("m ap pase nwel Guanajuato ak fanmi m", "holidays"),
    ("mwen nan Leon kounye a, kote m ka dòmi", "transit"),
])
def test_more_than_an_introduction_keeps_its_answer(engine: ConversationEngine, text: str,
                                                   first: str) -> None:
    assert not passing_here(fold(text))
    assert engine.understand(text).parts[0] == first


@pytest.mark.parametrize("text", [
    "estoy en leon",  # anyone may be in León: no migrant said
    "soy de leon",  # from León, not in it
    "mwen rete nan Leon",
    "mwen nan prizon",
    "mwen se ayisyen",  # no place
])
def test_not_a_migrant_here(text: str) -> None:
    assert not passing_here(fold(text))


def test_without_places_keeps_the_text_as_written() -> None:
    assert without_places("Je suis à León, Irapuato").strip(" ,") == "Je suis à"
    assert without_places("San Luis de la Paz") == "San Luis de la Paz"  # nothing else left
    assert without_places("mwen nan Kenya") == "mwen nan Kenya"
