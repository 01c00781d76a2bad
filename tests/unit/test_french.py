"""French read and answered in Kreyòl (issue 11af): Haitians in transit often write French; the
helpline has no French answers, so it answers them in Kreyòl, never in Spanish."""

from __future__ import annotations

import pytest

from bot.content import ANSWERED_IN, LANGS, Catalog
from bot.engine import LANG_CONFIDENCE, ConversationEngine


@pytest.mark.parametrize("text", [
    # The three messages of the issue: read as Spanish on main (or not understood at all).
    "Bonjour, j'ai besoin d'aide, mon frère est perdu",
    "je parle français, vous avez un numéro pour les migrants haïtiens?",
    "bonjour, je suis haïtien, où est-ce que je peux dormir à León?",
    # Not training phrases.
    "svp ma soeur n est pas rentree depuis deux jours et son telephone est eteint",
    "est ce qu il y a un endroit pour se laver et dormir pour les femmes avec enfants",
    "merci pour tout, que dieu vous garde",
])
def test_french_is_answered_in_kreyol(engine: ConversationEngine, text: str) -> None:
    lang, confidence = engine.detect(text)
    assert lang == "ht" and confidence >= LANG_CONFIDENCE


@pytest.mark.parametrize(("text", "lang"), [
    # Spanish and English full of words French shares ("de", "es", "la", "que", "pour"...).
    ("es que mi hijo se fue de la casa y no se de el", "es"),
    ("la oficina de ustedes es en leon o en guanajuato capital?", "es"),
    ("que necesito pa la tarjeta isseg de mi mama", "es"),
    ("is there a shelter for migrants in leon", "en"),
    ("bonjou, mwen bezwen yon kote pou m dòmi aswè a", "ht"),
    ("eske nou ka ede m jwenn papye pou m rete Meksik", "ht"),
])
def test_the_answered_languages_stay_as_they_were(engine: ConversationEngine, text: str,
                                                  lang: str) -> None:
    assert engine.detect(text)[0] == lang


@pytest.mark.parametrize(("text", "intent"), [
    ("Bonjour, j'ai besoin d'aide, mon frère est perdu", "emergency"),
    ("des hommes nous ont enfermes dans une maison et demandent de l argent a nos familles",
     "emergency"),
    ("au secours on nous attaque", "emergency"),
    ("le passeur dit qu on traverse la riviere demain soir", "safety_crossing"),
    ("ou est ce qu on peut dormir ce soir avec les enfants", "transit"),
    ("comment faire une demande d asile au mexique", "transit"),
    ("je voudrais parler avec quelqu un du bureau", "human"),
    ("on m a vole mon passeport a la gare", "documents"),
])
def test_french_topics_are_understood(engine: ConversationEngine, text: str,
                                      intent: str) -> None:
    understood = engine.understand(text)
    assert understood.match is not None
    assert (understood.parts or (understood.match.intent,))[0] == intent


def test_french_trains_but_has_no_answers(catalog: Catalog) -> None:
    assert "fr" not in LANGS and ANSWERED_IN["fr"] in LANGS
    assert any(lang == "fr" for _intent, lang, _text in catalog.examples())
    assert all("fr" not in intent.answer and "fr" not in intent.title
               for intent in catalog.intents.values())
    assert "fr" in catalog.intents["emergency"].triggers


@pytest.mark.parametrize("text", ["asdf qwer zxcv", "ur useless", "menu pls"])
def test_no_french_word_is_no_french(engine: ConversationEngine, text: str) -> None:
    # Gibberish whose letters read French (0.88 for "asdf qwer zxcv") and short English lines
    # with French beside them are answered in an answered language, judged among those alone;
    # gibberish must not reach the 0.7 that switches the conversation's language.
    lang, confidence = engine.detect(text)
    assert lang in LANGS
    if text == "asdf qwer zxcv":
        assert confidence < 0.7
    else:
        assert lang == "en" and confidence >= LANG_CONFIDENCE
