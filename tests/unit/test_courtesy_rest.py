"""Issue 11de: what a message says beside an opening thanks or closing, composed in one place
(``bot.compose.compose``, ``wished`` and ``asked_after``), and the words that read it
(``bot.commands.good_wishes``, ``after_closing``, ``after_courtesy``)."""

from __future__ import annotations

import pytest

from bot import commands
from bot.compose import compose
from bot.content import Catalog, fold
from intents import Analysis, Finding, Match


def analysis(winner: str | None, *findings: Finding) -> Analysis:
    match = Match(winner, 0.9, (), "x x x x x", "", None, "classifier")
    return Analysis(match, (), tuple(findings))


@pytest.mark.parametrize("text", [
    "gracias que dios los bendiga y les de mucha salud",
    "que dios los bendiga y les de salud",
    "God bless you all and good health",
    "Bondye beni nou, ba nou lasante",
    "mesi anpil, Bondye beni nou e ba nou bon sante",
    "gracias y buenas noches",
])
def test_blessings_and_good_wishes_ask_nothing(text: str) -> None:
    assert commands.good_wishes(fold(text))


@pytest.mark.parametrize("text", ["salud", "gracias mija dice mi papa", "hay apoyo de salud",
                                  "thanks. deported ppl?", "god bless, where is the office"])
def test_a_question_or_a_bare_topic_word_is_no_wish(text: str) -> None:
    assert not commands.good_wishes(fold(text))


def test_a_thanks_then_a_blessing_is_thanks_only() -> None:
    assert commands.thanks_only(fold("gracias, que dios los bendiga"))


@pytest.mark.parametrize(("text", "rest"), [
    ("no more questions, where is the office", "where is the office"),
    ("pa gen lòt kesyon, men ki nimewo nou", "men ki nimewo nou"),
    ("no more questions", ""),
    ("ok thats all thanks", ""),
    ("donde queda la oficina", ""),
    ("no more money for rent", ""),
])
def test_what_is_asked_after_a_closing(text: str, rest: str) -> None:
    assert commands.after_closing(fold(text)) == rest


def test_after_courtesy_reads_after_a_thanks_or_a_closing() -> None:
    assert commands.after_courtesy(fold("gracias. y los deportados?")) == "y los deportados"
    assert commands.after_courtesy(fold("ya no tengo preguntas, donde queda la oficina")) \
        == "donde queda la oficina"


def test_a_blessing_is_answered_as_thanks_never_as_a_topic(catalog: Catalog) -> None:
    found = analysis("thanks", Finding("thanks", 1.0, "part", "..."),
                     Finding("health", 1.0, "part", "...", 1))
    assert compose(found, catalog, thanked=True, wished=True).parts == ("thanks",)
    alone = analysis("health", Finding("health", 1.0, "part", "..."))
    assert compose(alone, catalog, wished=True).parts == ("thanks",)
    hello = analysis("greeting", Finding("greeting", 0.9, "classifier", "..."))
    assert compose(hello, catalog, wished=True).parts == ("greeting",)


def test_a_blessing_beside_a_trigger_keeps_the_trigger(catalog: Catalog) -> None:
    found = analysis("emergency", Finding("emergency", 1.0, "trigger", "phrase"))
    assert compose(found, catalog, wished=True).parts[0] == "emergency"


def test_the_question_after_a_thanks_or_a_closing_is_answered(catalog: Catalog) -> None:
    thanks = analysis("thanks", Finding("thanks", 0.55, "classifier", "..."))
    assert compose(thanks, catalog, thanked=True, asked_after="returned").parts \
        == ("thanks", "returned")
    closing = analysis(None)
    assert compose(closing, catalog, asked_after="contacts").parts == ("contacts",)


def test_a_topic_read_keeps_its_answer_beside_a_question_after(catalog: Catalog) -> None:
    topic = analysis("contacts", Finding("contacts", 0.98, "classifier", "..."))
    assert compose(topic, catalog, asked_after="app_migrante").parts == ("contacts",)
