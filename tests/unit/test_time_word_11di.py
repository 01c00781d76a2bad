"""Issue 11di: "rn" is read as "right now" in a message (not in the training lines), and a word
of time alone ("right now", "rn", "ahorita", "kounye a") is no evidence of danger: "im so bored
at work right now" is no emergency, "la migra is at my job rn" is (``danger.time_word_only``)."""

from __future__ import annotations

import pytest

from bot.engine import ConversationEngine
from intents.normalize import normalize


def test_rn_is_right_now_only_in_a_message_read() -> None:
    assert normalize("la migra is at my job rn", read=True) == "la migra is at my job right now"
    assert normalize("la migra is at my job rn") == "la migra is at my job rn"
    assert normalize("ppl say its good tho", read=True) == "people say its good though"


@pytest.mark.parametrize("text", [
    "la migra is at my job rn what do i do", "la migra is at my job right now what do i do",
    "ice is outside my house rn", "they're taking my dad rn",
    "la migra esta en mi trabajo ahorita que hago",
])
def test_danger_with_a_time_word_is_an_emergency(engine: ConversationEngine, text: str) -> None:
    assert engine.understand(text).parts[:1] == ("emergency",)


@pytest.mark.parametrize("text", [
    "im so bored at work right now", "im so bored at work rn", "cant talk right now",
    "cant talk rn", "whats the weather rn", "estoy bien aburrido en el trabajo ahorita",
    "mwen anwiye nan travay la kounye a",
])
def test_a_time_word_alone_is_no_emergency(engine: ConversationEngine, text: str) -> None:
    assert "emergency" not in engine.understand(text).parts


def test_a_time_word_beside_a_question_keeps_the_question(engine: ConversationEngine) -> None:
    assert engine.understand("im at work rn can u send me the app info").parts == (
        "app_migrante",)
