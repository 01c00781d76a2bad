"""Spelling repair leaves real words alone (issue 11l): a common Spanish or English word that
the catalog does not know is a word, not a misspelling of a catalog word."""

from __future__ import annotations

import pytest

from bot.content import Catalog
from bot.engine import REAL_WORD_LANGUAGES, ConversationEngine, real_words
from intents.spelling import SpellingRepairer, common_words

VOCABULARY = {"robar": 5, "casado": 3, "cuanto": 9, "hasta": 7, "pollero": 2}


def test_a_kept_word_is_not_repaired_into_a_catalog_word() -> None:
    repairer = SpellingRepairer(VOCABULARY, keep={"probar", "cansado"})
    assert repairer.repair("probar") == "probar"
    assert repairer.repair("cansado") == "cansado"
    # Misspellings that are no common word are still repaired.
    assert repairer.repair("poyero") == "pollero"


@pytest.mark.parametrize("word", ["probar", "cansado", "canto", "months", "migracion"])
def test_common_words_holds_real_words_without_accents(word: str) -> None:
    assert word in common_words(REAL_WORD_LANGUAGES, 4.0)


@pytest.mark.parametrize("typo", ["poyero", "asta", "nesesito", "detubo", "kiero", "acer"])
def test_common_words_leaves_out_misspellings(typo: str) -> None:
    # "asta" (hasta) and "acer" (hacer) are words too, but rare next to the misspelling.
    assert typo not in common_words(REAL_WORD_LANGUAGES, 4.0)


def test_the_shipped_catalog_sets_the_cut(catalog: Catalog) -> None:
    assert "probar" in real_words(catalog)


@pytest.mark.parametrize(("text", "word"), [
    ("quiero probar la app migrante", "probar"),
    ("estoy muy cansado de buscar trabajo", "cansado"),
    ("me gusta el canto, hay clases de musica?", "canto"),
])
def test_the_engine_reads_the_word_as_typed(engine: ConversationEngine, text: str,
                                            word: str) -> None:
    match = engine.matcher.match(text)
    assert word not in dict(match.repairs)
    assert "robar" not in match.normalized.split()


def test_tired_and_broke_at_the_bus_station_is_no_emergency(engine: ConversationEngine) -> None:
    # "cansado" read as "casado" made this an emergency candidate of the classifier.
    match = engine.matcher.match("estoy cansado y sin dinero en la central")
    assert match.intent != "emergency"
