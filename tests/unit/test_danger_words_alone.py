"""Short answers that tell nothing, despair said alone, and a wish to die (session of
2026-12-07): never "ok", a stop or the crossing warning; never an urgent case for "not now"."""

from __future__ import annotations

import pytest

from bot.commands import not_now
from bot.config import Settings
from bot.content import fold, load_catalog
from bot.danger import despair, says_nothing, too_little
from bot.engine import ConversationEngine


@pytest.fixture(scope="module")
def engine() -> ConversationEngine:
    return ConversationEngine(load_catalog(), Settings.from_env({}))


@pytest.mark.parametrize(("text", "nothing"), [
    ("ahorita no puedo", True), ("not now", True), ("lo demás no", True), ("pa kounye a", True),
    ("no contesta", False), ("nos tienen", False), ("mi hijo", False), ("ICE took mom", False),
    ("ahorita no puedo salir, me tienen encerrada", False),
])
def test_says_nothing(text: str, nothing: bool) -> None:
    assert says_nothing(fold(text)) is nothing


def test_sure_guess_on_empty_words_is_too_little() -> None:
    assert too_little(fold("not now"), 0.62, "priority")
    assert not too_little(fold("not now"), 1.0, "trigger")
    assert not too_little(fold("no contesta"), 0.96, "priority")


@pytest.mark.parametrize(("text", "said"), [
    ("ya no puedo más", True), ("ya no aguanto", True),
    ("la verdad ya no puedo mas con esto", True),
    ("i cant take it anymore", True), ("I can't do this anymore", True), ("i give up", True),
    ("m pa kapab ankò", True), ("mwen bouke ak lavi a", True),
    ("ya no puedo ir a la cita del consulado", False), ("no puedo entrar a la app", False),
    ("i cant find the office number", False), ("m pa ka jwenn albèg la", False),
])
def test_despair(text: str, said: bool) -> None:
    assert despair(fold(text)) is said


@pytest.mark.parametrize(("text", "urgent"), [
    ("me quiero morir", True), ("estoy sola aqui, ya me quiero morir", True),
    ("me quiero morir de risa con los memes", False), ("me quiero morir de hambre jaja", False),
    ("ahorita no puedo", False), ("not now", False), ("lo demás no", False),
    # A clause that tells nothing beside others that tell no danger (alarm 0.975 on "ahorita
    # no"): no urgent case; beside danger, the danger is still read.
    ("ahorita no, estoy en el jale, luego les escribo", False),
    ("ahorita no, luego, estoy manejando", False),
    ("ahorita no puedo hablar, me tienen encerrada", True),
    ("ahorita no, me estan golpeando", True),
])
def test_understood_as(engine: ConversationEngine, text: str, urgent: bool) -> None:
    assert ("emergency" in engine.understand(text).parts) is urgent


@pytest.mark.parametrize(("text", "said"), [
    ("ahorita no, estoy en el jale, luego les escribo", True), ("not now, im at work", True),
    ("pa kounya a, m nan travay, m ap ekri pita", True), ("todavia no", True),
    ("no se ahorita no me acuerdo", False), ("now i need help", False), ("si", False),
])
def test_not_now(text: str, said: bool) -> None:
    assert not_now(fold(text)) is said
