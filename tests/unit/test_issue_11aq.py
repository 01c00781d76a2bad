"""Issue 11aq: a second question opened inside a clause by a comma or a connector and a word
that asks ("..., hay ...?", "..., is there ...?", "..., eske gen ...?") is read alone
(``intents.matcher._ASK_BREAK``, ``bot.engine.ASK_PART_P``); a piece that only points back at
the first topic ("con eso", "call her") or asks nothing new (the menu, a courtesy) adds no
part. New connectors that open a clause: "another thing", "yon lòt bagay", "epitou"."""

from __future__ import annotations

import pytest

from bot.engine import ConversationEngine


@pytest.mark.parametrize(("text", "parts"), [
    ("no puedo entrar a la aplicacion del migrante desde ayer, tienen algun contacto para "
     "reportarlo?", ("app_migrante", "contacts")),
    ("they deported me from Houston last week, is there a job program for people coming back?",
     ("returned", "business_jobs")),
    ("yo depòte m sot Ozetazini semèn pase, eske gen travay pou moun ki tounen?",
     ("returned", "business_jobs")),
    ("mwen fenk depòte, kote m ka chèche yon djòb nan Leon?", ("returned", "business_jobs")),
])
def test_a_second_question_after_a_comma_gets_its_own_part(
    engine: ConversationEngine, text: str, parts: tuple[str, ...]
) -> None:
    assert engine.understand(text).parts == parts


@pytest.mark.parametrize(("text", "parts"), [
    # The piece after the comma points back at the first topic or asks nothing new.
    ("mi hermana fallecio en un choque en texas, que tenemos que hacer?", ("death_accident",)),
    ("my uncle passed away in Denver last week, can you help us with that?",
     ("death_accident",)),
    ("m bezwen renouvle paspò m, kote m ka fè li?", ("documents",)),
    ("mwen vle louvri yon ti biznis, kijan pou m fè sa?", ("business_jobs",)),
    ("ya me voy, que tenga bonita tarde", ("goodbye",)),
])
def test_a_piece_that_points_back_or_asks_nothing_new_adds_no_part(
    engine: ConversationEngine, text: str, parts: tuple[str, ...]
) -> None:
    assert engine.understand(text).parts == parts


@pytest.mark.parametrize("text", [
    "necesito sacar el pasaporte de mi hijo another thing hay becas pa la prepa",
    "I need my son's passport renewed another thing is there any scholarship for high school",
    "m bezwen paspò pou pitit mwen yon lòt bagay eske gen bous pou lekòl segondè",
    "m bezwen paspò pou pitit mwen epitou eske gen bous pou lekòl segondè",
])
def test_new_connectors_open_a_clause(engine: ConversationEngine, text: str) -> None:
    assert engine.matcher.analyze(text).clauses == 2
