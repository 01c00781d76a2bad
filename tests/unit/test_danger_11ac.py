"""Issue 11ac: danger happening now told in any words is urgent in es, en and ht (held by a
cartel or a gang, a deadline with a threat, bleach or pills swallowed, "better dead" beside a
means, a partner who hurt her and looks for her now, a fever with a seizure, care refused beside
a body in trouble, a flood with someone who can't get out); its look-alikes are not (an idiom
of killing whatever the time, a rent due, months in detention, a past threat and asylum now,
safe in a shelter, a death already happened, a crossing plan in Kreyòl).

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.danger import settled, told_not_now
from bot.engine import ConversationEngine


def urgent(engine: ConversationEngine, text: str) -> bool:
    """Whether the answer to ``text`` carries the emergency part (the urgent case)."""
    return "emergency" in engine.understand(text).parts


@pytest.mark.parametrize("text", [
    # held by a cartel or a gang
    "my husband got deported and now the cartel has him in matamoros",
    "a mi sobrino lo levanto la delincuencia en celaya y no sabemos mas",
    "gang yo kenbe kouzen m nan Reynosa",
    # a deadline with a threat
    "a mi papa le dieron hasta el sabado pa pagar o lo matan",
    "they gave my uncle until sunday to pay or they will hurt his kids",
    "yo bay manman m jiska aswe a pou l peye, sinon yo boule kay la",
    # swallowed
    "mi bebe se tomo pinol, que hago",
    "my son got into the drain cleaner and swallowed some",
    "timoun nan vale pwazon rat",
    # better dead, beside a means
    "mi primo dice q mejor se muere y tiene una soga en el cuarto",
    "my sister says shes better off dead and she locked herself in the bathroom with pills",
    "frè m di li pito mouri, li kanpe sou pon an",
    # a partner who hurt her and looks for her now
    "el marido de mi vecina le rompio la nariz y ahorita la esta buscando borracho",
    "her boyfriend gave her a black eye and he is on his way with a gun",
    # a fever with a seizure, care refused with a body in trouble
    "mi hija tiene calentura y le dio una convulsion",
    "my baby has a fever and a seizure",
    "lopital la pa vle okipe manman m, li anfle e li pa pipi depi yè",
    # a flood with someone who can't get out
    "se nos metio el agua a la casa y mi abuelo no puede salir",
    "the flood is in the house and my grandma is trapped upstairs",
])
def test_danger_now_in_any_words_is_urgent(engine: ConversationEngine, text: str) -> None:
    assert urgent(engine, text)


@pytest.mark.parametrize("text", [
    "tengo hasta el lunes para pagar la renta, ayudan con eso?",
    "i have until friday to pay the phone bill, is there help?",
    "jaja mi mama me va a matar si no le hablo hoy",
    "este jale me esta matando, hay otro en la bolsa de trabajo?",
    "travay sa ap touye m",
    "mi esposo lleva 6 meses detenido en arizona, que puede hacer?",
    "my cousin has been in ice detention for five months, can he get a lawyer?",
    "me amenazaron de muerte en guatemala hace años, ahorita estoy en leon, puedo pedir asilo?",
    "nos asaltaron en el camino pero ya estamos a salvo en una casa del migrante, hay permisos?",
    "mi tio se cayo en la obra el mes pasado y fallecio, que apoyo dan para traerlo?",
    "si migrasyon meksiken arete m, ki dwa m genyen?",
    "mi mama tomo sus pastillas de la presion, hay programa de salud?",
    "my phone got locked and now i cant open my whatsapp",
    "mi familia ya esta a salvo en san luis, como piden asilo aqui?",
])
def test_look_alikes_open_no_urgent_case(engine: ConversationEngine, text: str) -> None:
    assert not urgent(engine, text)


@pytest.mark.parametrize(("text", "calm"), [
    ("nos robaron en chiapas pero ya estamos en una iglesia", True),
    ("mi esposa sangro la semana pasada, ya la checaron y todo bien", True),
    ("she was in the ER but they sent her home", True),
    ("ya estamos a salvo pero mi hermano sigue perdido", False),
    # At a shelter is where, not that the danger is over.
    ("my wife is bleeding a lot, we're at the shelter", False),
])
def test_safe_in_a_place_or_sent_home_settles(text: str, calm: bool) -> None:
    assert settled(text) is calm


@pytest.mark.parametrize(("text", "told"), [
    ("fallecio en el hospital, como lo traemos", True),
    ("my friend is lost in the desert, his phone died", False),
    ("esta tirado en el desierto y otro del grupo ya murio", False),
    ("nos volcamos, mi tio ya murio y mi primo esta prensado", False),
    ("uno ya fallecio y otros dos estan bien lastimados", False),
    ("di l ap pran nou nan yon kamyon jiska fwontyè a", True),
])
def test_a_death_or_a_plan_is_told_not_now(text: str, told: bool) -> None:
    assert told_not_now(fold(text), text) is told


@pytest.mark.parametrize("text", [
    "mi esposo lleva 6 meses en un centro de detencion en arizona, que puede hacer?",
    "my cousin has been in ice detention for five months, what can he do?",
    "tonton m nan detansyon depi kat mwa, kisa li ka fè?",
])
def test_months_in_detention_is_the_legal_topic(engine: ConversationEngine, text: str) -> None:
    found = engine.understand(text)
    assert "emergency" not in found.parts and found.parts[:1] == ("legal_us",)

