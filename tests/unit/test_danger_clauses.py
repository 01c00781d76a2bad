"""The present clause decides (bot.danger.present_clause): the clause that carries the danger
is judged on its own, with the matcher's binary alarm model (``Matcher.alarm``) and triggers."""

from __future__ import annotations

import numpy as np
import pytest

from bot.danger import clauses, present_clause
from bot.engine import ConversationEngine
from intents import Matcher

PAIRS = [
    ("emergency", "secuestraron a mi hermano y piden rescate"),
    ("emergency", "my cousin is held by a cartel and they are asking money"),
    ("emergency", "lo tienen encerrado y no lo sueltan hasta que paguemos"),
    ("emergency", "me detuvo la migra"),
    ("app_migrante", "como descargo la app migrante"),
    ("app_migrante", "la app migrante sirve para que"),
    ("documents", "que ocupo para sacar el pasaporte"),
    ("documents", "como saco el acta de nacimiento"),
]


def test_the_alarm_model_reads_one_clause() -> None:
    m = Matcher.from_examples(PAIRS, triggers={"emergency": ["me detuvo la migra"]},
                              priority=("emergency",), alarm="emergency")
    assert m.alarm("piden rescate por mi hermano") > 0.5 > m.alarm("como descargo la app")
    assert m.triggered("oigan me detuvo la migra") == {"emergency"}
    assert m.triggered("como descargo la app") == frozenset()


def test_alarm_examples_train_the_alarm_model_only() -> None:
    plain = Matcher.from_examples(PAIRS, alarm="emergency")
    more = Matcher.from_examples(
        PAIRS, alarm="emergency",
        alarm_examples=[("nos vendieron a otro grupo en la frontera", True)] * 3)
    assert more.alarm("nos vendieron a otro grupo") > plain.alarm("nos vendieron a otro grupo")
    assert np.array_equal(more.model.coef, plain.model.coef)  # the topics are untouched


def test_clauses_split_at_sentences_commas_and_turns() -> None:
    got = [c.text for c in clauses(
        "me interesa la app, pero a mi papa lo acaban de subir a una patrulla y no contesta",
        lambda _text: 0.0)]
    assert got == ["me interesa la app", "a mi papa lo acaban de subir a una patrulla",
                   "no contesta"]


@pytest.mark.parametrize("text", [
    # A story dated in the clause that carries its trigger, beside a question of today.
    "a mi me agarro la migra en 2010 y me regresaron, ya hice mi vida aca, que ocupo pa sacar "
    "el pasaporte de mi hija",
    "mi abuelo estuvo secuestrado en los 90s en tijuana, ahora quiere contar su historia",
    "hace años me asaltaron en el tren cuando iba pal norte, ahora ya estoy tranquilo aqui, solo "
    "queria saber de la bolsa de trabajo",
    "mi hijo estuvo desaparecido 3 semanas en 2020 pero lo encontramos en un hospital, ahora "
    "quiero unirme a un club de migrantes",
    # Danger denied in its own clause.
    "no me detuvieron ni nada, solo quiero el telefono de la oficina",
    "no me estan extorsionando, solo es un numero que me manda mucho spam, como lo bloqueo?",
    "what do i do if im detained? i'm on daca",
    "el america me tiene secuestrado el corazon vamos aguilas",
])
def test_danger_told_of_in_its_own_clause_opens_no_urgent_case(
    engine: ConversationEngine, text: str
) -> None:
    assert engine.understand(text).parts[:1] != ("emergency",)


@pytest.mark.parametrize("text", [
    # Told inside another question, or after a thank-you for last year's help.
    "first, thanks for helping my dad last year with his papers. now it's worse, my cousin is "
    "held by a cartel in tamaulipas and they're asking 15k",
    "la migra esta afuera del edificio donde vivo en carolina del norte q hago no quiero abrir",
    # A story long ago in one clause does not outweigh a trigger in another.
    "se fue hace un año a trabajar y ahora lo tienen encerrado y piden dinero",
    "yo fèmen nou nan yon kay, yo di fòk fanmi nou voye plis kòb anvan yo lage nou",
])
def test_danger_now_in_one_clause_is_an_emergency(engine: ConversationEngine, text: str) -> None:
    assert engine.understand(text).parts[:1] == ("emergency",)


def test_not_urgent_said_outright_adds_no_emergency(engine: ConversationEngine) -> None:
    assert "emergency" not in engine.understand("what's the office phone number? not urgent").parts


def test_a_window_alone_needs_the_alarm_model(engine: ConversationEngine) -> None:
    text = "disculpe joven me da el numero de la oficina? mi nieta no esta y no se buscarlo 🙏"
    assert "emergency" not in engine.understand(text).parts


def test_a_rescued_emergency_keeps_the_question_asked() -> None:
    m = Matcher.from_examples(PAIRS, priority=("emergency",), alarm="emergency", threshold=0.3)
    text = "como descargo la app migrante, mi primo anda en el monte sin agua"
    before = m.analyze(text)
    assert before.match.intent == "app_migrante"
    after = present_clause(before, text, text, 0.3, (), lambda t: 0.99 if "monte" in t else 0.0,
                           lambda _t: ())
    assert after.match.intent == "emergency"
    assert after.finding("app_migrante") is not None
