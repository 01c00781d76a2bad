"""Issue 11ce: a person closing the conversation ("no more questions", "ok i have nothing else to
ask", "nada más", "pa gen lòt kesyon", "c'est tout") gets a goodbye in their language (Kreyòl
for Kreyòl and French): never the menu, "no entendí" or an urgent case. What a person has not
("no tengo nada que comer", "i have nothing", "mwen pa gen anyen"), what fails ("nothing
works"), a question about it ("¿es todo?") and a closing beside a question stay as they were.

The sentences are written for this test (none is a line of a dev or blind set). The tests of
what stays as it was pass on the old code too: they guard the new rule.
"""

from __future__ import annotations

import pytest

from bot.commands import nothing_more, nothing_more_lang
from bot.content import fold
from bot.engine import ConversationEngine


@pytest.mark.parametrize("text", [
    "ok i have nothing else to ask",
    "no more questions",
    "i have no more questions",
    "I don't have any other questions",
    "nothing else",
    "nope, nothing else for now",
    "im good now",
    "I'm all set",
    "ya no tengo más preguntas",
    "no tengo otra pregunta",
    "no, nada más",
    "nada más era eso",
    "ya no ocupo nada",
    "no, ya con eso",
    "ya con eso es suficiente",
    "pa gen lòt kesyon",
    "mwen pa gen lòt kesyon ankò",
    "m pa gen lòt bagay",
    "je n'ai plus de questions",
    "rien d'autre",
    "c'est tout",
])
def test_a_closing_gets_a_goodbye(engine: ConversationEngine, text: str) -> None:
    assert nothing_more(fold(text))
    assert engine.understand(text).parts == ("goodbye",)


@pytest.mark.parametrize("text", [
    "ya no tengo mas preguntas gracias",  # read as thanks already: the thanks answered
    "thats all thanks",
    "se tout mèsi",
    "c'est tout merci",
    "I don't have any other questions, thank you",
])
def test_thanks_said_with_it_keeps_the_thanks(engine: ConversationEngine, text: str) -> None:
    assert nothing_more(fold(text))
    assert engine.understand(text).parts[0] == "thanks"


@pytest.mark.parametrize(("text", "lang"), [
    ("c'est tout", "ht"),  # French, answered in Kreyòl; the detector read it as English
    ("non merci ça va", "ht"),  # read as Spanish
    ("je n'ai plus de questions", "ht"),
    ("pa gen lot kesyon", "ht"),
    ("nada mas", "es"),
    ("no more questions", "en"),
])
def test_in_the_language_of_the_closing(engine: ConversationEngine, text: str,
                                        lang: str) -> None:
    detected = engine.understand(text).detected
    assert detected is not None and detected[0] == lang


def test_closing_words_of_two_languages_name_none() -> None:
    assert nothing_more_lang("nada mas no more questions") is None
    assert nothing_more_lang("no tengo nada que comer") is None


@pytest.mark.parametrize("text", [
    "no tengo nada que comer",
    "ya no tengo nada",
    "no tengo nada más",
    "nothing works",
    "nothing else works",
    "i have nothing",
    "i have nothing else, they took everything",
    "no more money",
    "mwen pa gen anyen",
    "mwen pa gen anyen ankò",
    "pa gen lòt bagay pou m manje",
    "nada más quiero saber de la beca",
    "no more questions, where is the office",
    "ya no",
    "nada",
])
def test_a_need_or_a_question_is_no_closing(text: str) -> None:
    assert not nothing_more(fold(text))


@pytest.mark.parametrize("text", ["c'est tout?", "nada mas?", "no more questions?"])
def test_asked_it_is_no_closing(engine: ConversationEngine, text: str) -> None:
    assert engine.understand(text).parts != ("goodbye",)


def test_danger_beside_it_keeps_the_emergency(engine: ConversationEngine) -> None:
    understood = engine.understand("i have nothing else, they took everything")
    assert understood.parts[:1] == ("emergency",)


def test_a_long_message_is_no_closing() -> None:
    assert not nothing_more(" ".join(["no"] * 40 + ["nada mas"]))
