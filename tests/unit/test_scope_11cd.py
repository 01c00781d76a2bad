"""Issue 11 (branch 11cd): a migrant in transit who says where they are in Guanajuato and what
they need ("mwen nan Leon ak pitit mwen, li malad", "mwen nan Leon m bezwen travay") gets the
answer for migrants passing through, with the health answer beside a sick person and the job
bank beside work, never "no entendí" nor the job bank alone; danger told beside the place stays an
emergency ("mwen nan Leon pitit mwen ap konvilse"). A life here ("mwen rete Leon", "vivimos en
Leon", years) and a resident's sick child keep their answers.

The sentences are written for this test (none is a line of a dev or blind set). The tests of
what stays as it was pass on the old code too: they guard the new rule.
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.engine import ConversationEngine
from bot.scope import in_transit, sick, without_here


def parts(engine: ConversationEngine, text: str) -> tuple[str, ...]:
    """The parts the engine answers ``text`` with."""
    return tuple(engine.understand(text).parts)


@pytest.mark.parametrize("text", [
    "mwen nan Leon ak pitit mwen, li malad",
    "m nan Salamanca m bezwen yon travay pou m ka kontinye",
    "je suis à León avec mon fils, il est malade",
    "estoy en Leon con mi niña enferma somos de honduras",
    "we're in leon from haiti and my baby is sick",
    "nou nan Leon nou bezwen kote pou nou rete",
    "im in celaya from haiti, my son is sick",
])
def test_a_migrant_here_now(text: str) -> None:
    assert in_transit(fold(text))


@pytest.mark.parametrize("text", [
    "mwen rete Leon, m bezwen travay",
    "mwen nan Leon depi 3 an, m bezwen travay",
    "vivimos en Leon y buscamos trabajo",
    "estoy en Leon con mi hijo enfermo",
    "i m in leon and i need a job",
    "mwen nan Monterrey m bezwen travay",
    "mi hijo está enfermo",
    "my cousin from honduras is in leon",
    "kote m ka jwenn yon doktè pou manman m nan Guanajuato",
    "tienen campañas de salud para las familias de migrantes en dolores hidalgo?",
])
def test_no_migrant_in_transit_here(text: str) -> None:
    assert not in_transit(fold(text))


def test_sick_or_care_asked() -> None:
    assert sick(fold("li malad")) and sick(fold("m bezwen yon doktè"))
    assert not sick(fold("m bezwen travay"))


def test_where_one_is_is_taken_away() -> None:
    assert without_here(fold("mwen nan Leon pitit mwen ap konvilse")) == "pitit mwen ap konvilse"
    assert without_here(fold("estamos en Celaya y mi hijo no respira")) == "y mi hijo no respira"


@pytest.mark.parametrize(("text", "expected"), [
    ("mwen nan Leon ak pitit mwen, li malad", ("transit", "health")),
    ("mwen nan Leon m bezwen travay", ("transit", "business_jobs")),
    ("m nan Salamanca m bezwen yon travay pou m ka kontinye", ("transit", "business_jobs")),
    ("mwen nan Leon m pa gen lajan", ("transit",)),
    ("je suis à León avec mon fils, il est malade", ("transit", "health")),
    ("estoy en Leon con mi niña enferma somos de honduras", ("transit", "health")),
    ("im in celaya from haiti, my son is sick", ("transit", "health")),
])
def test_a_migrant_in_need_gets_the_transit_answer(engine: ConversationEngine, text: str,
                                                    expected: tuple[str, ...]) -> None:
    assert parts(engine, text) == expected


@pytest.mark.parametrize("text", [
    "mwen nan Leon pitit mwen ap konvilse",
    "nou nan Celaya pitit mwen pèdi konesans",
    "mwen nan Leon pitit mwen pa respire",
    "estamos en celaya somos de honduras y mi hijo no respira",
    "we are in leon from haiti my baby is not breathing",
])
def test_danger_beside_the_place_is_an_emergency(engine: ConversationEngine, text: str) -> None:
    assert parts(engine, text)[0] == "emergency"


@pytest.mark.parametrize(("text", "first"), [
    ("mwen rete Leon, m bezwen travay", "business_jobs"),
    ("somos una familia de Leon y buscamos trabajo aqui", "business_jobs"),
    ("i m in leon and i need a job", "business_jobs"),
    ("mi hijo está enfermo", "health"),
    ("estoy en Leon con mi hijo enfermo", "health"),
    ("mwen nan Leon m vle ale Etazini", "safety_crossing"),
])
def test_what_stays(engine: ConversationEngine, text: str, first: str) -> None:
    assert parts(engine, text)[0] == first


def test_a_seizure_last_year_is_no_emergency_now(engine: ConversationEngine) -> None:
    assert "emergency" not in parts(engine, "mwen nan Leon, ane pase pitit mwen te konvilse")
