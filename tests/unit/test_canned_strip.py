"""The bot's answers offered to agents lose their bot-only sentences (issue 15): "escribe
«asesor»", "type «menu»", "responde con el número", numbered menus; the facts stay."""

from __future__ import annotations

import re

import pytest

from bot import canned
from bot.content import Catalog, load_catalog

# What an agent must never send to someone already talking with a person.
BOT_ONLY = re.compile(r"[\"“«]\s*(asesor|menu|english|español|kreyòl)\s*[\"”»]"
                      r"|(responde|reply|reponn)\b.*\b(número|number|nimewo)", re.IGNORECASE)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The shipped catalog."""
    return load_catalog()


def test_no_bot_answer_offered_to_agents_keeps_a_bot_only_line(catalog: Catalog) -> None:
    items = canned.bot_items(catalog)
    assert len(items) > 50 and {i.lang for i in items} == {"es", "en", "ht"}
    left = [(i.key, i.lang, m.group(0)) for i in items if (m := BOT_ONLY.search(i.body))]
    assert left == []
    assert all(i.body.strip() and not re.match(r"^[A-Z]\d? ·", i.title) for i in items)


def test_the_shipped_answers_do_have_bot_only_lines_to_strip(catalog: Catalog) -> None:
    """The check above would pass on nothing: the content does phrase these lines."""
    raw = [a for i in catalog.intents.values() for a in i.answer.values() if BOT_ONLY.search(a)]
    assert len(raw) > 20


def test_the_facts_around_a_bot_only_sentence_stay(catalog: Catalog) -> None:
    answer = catalog.intents["safety_crossing"].answer["es"]
    line = next(x for x in answer.splitlines() if "asesor" in x)
    facts = line.split("Escribe")[0].strip()
    stripped = canned.strip_bot_lines(answer)
    assert facts in stripped and "asesor" not in stripped
    assert "+52 473 359 9794" in canned.strip_bot_lines(catalog.intents["contacts"].answer["en"])


@pytest.mark.parametrize("sentence", [
    'Escribe "asesor" para hablar con una persona.',
    'O escribe “asesor” y te atiende una persona.',
    'If you\'d rather talk to a person here, type "asesor" or "talk to a person".',
    'Si ou pito pale ak yon moun isit la, ekri "asesor" oswa "mwen vle pale ak yon moun".',
    'Si vas de paso por el estado, escribe «menu» y elige el tema de migrantes en tránsito.',
    "Responde con el número o escribe el nombre del idioma.",
    "Reply with the number or type the name of the language.",
    "Reponn ak nimewo a oswa ekri non lang lan.",
])
def test_bot_only_sentences(sentence: str) -> None:
    assert canned.bot_only(sentence)
    assert canned.strip_bot_lines(f"Dato importante.\n\n{sentence}") == "Dato importante."


@pytest.mark.parametrize("sentence", [
    "Si es una urgencia médica, llama al 911.",
    "Mientras tanto puedes seguir escribiendo y contarnos tu caso con calma.",
    "Te damos asesoría sobre tu número de seguro social.",
    "Desde EE. UU. marca: 011 52 473 359 9794",
    "Si ou bezwen nou, ekri nou nenpòt ki lè.",
])
def test_sentences_people_need_stay(sentence: str) -> None:
    assert not canned.bot_only(sentence)
    assert canned.strip_bot_lines(sentence) == sentence


def test_numbered_menus_and_bot_actions_are_not_offered(catalog: Catalog) -> None:
    assert canned.strip_bot_lines("Elige:\n1 Español\n2 English\nListo.") == "Elige:\nListo."
    offered = {i.key for i in canned.bot_items(catalog)}
    assert offered.isdisjoint(canned.BOT_ACTIONS) and "contacts" in offered


def test_search_by_code_and_title_prefers_code_prefixes_and_keeps_the_order() -> None:
    found = [canned.Item("team", "1", "horario", "en", "Office hours", "..."),
             canned.Item("team", "2", "horario", "es", "Horario de oficina", "..."),
             canned.Item("bot", "x", "contacts", "es", "Teléfonos y horario", "..."),
             canned.Item("bot", "y", "health", "es", "Salud", "...")]
    assert [i.key for i in canned.search(found, "/hor")] == ["1", "2", "x"]
    assert [i.key for i in canned.search(found, "telefonos")] == ["x"]  # no accents needed
    assert [i.key for i in canned.search(found, "SALUD")] == ["y"]
    assert len(canned.search(found, "", limit=2)) == 2
