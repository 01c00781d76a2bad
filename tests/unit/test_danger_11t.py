"""Issue 11t: a new writer's emergency read by the alarm model as a whole message, someone not
heard of since a last word, and the alarm model's own lines weighted (``bot.danger``,
``intents.linear.train_alarm``)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from bot.content import fold
from bot.danger import present_clause
from bot.engine import ConversationEngine
from intents import Matcher
from intents.linear import train_alarm

PAIRS = [
    ("emergency", "secuestraron a mi hermano y piden rescate"),
    ("emergency", "lo tienen encerrado y no lo sueltan hasta que paguemos"),
    ("app_migrante", "como descargo la app migrante"),
    ("app_migrante", "la app migrante sirve para que"),
    ("documents", "que ocupo para sacar el pasaporte"),
    ("documents", "como saco el acta de nacimiento"),
]


def test_weights_move_the_alarm_model() -> None:
    x = sparse.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]]))
    positive = np.array([True, False, True, False])
    plain = train_alarm(x, positive, "emergency")
    heavy = train_alarm(x, positive, "emergency", weights=np.array([1.0, 1.0, 5.0, 1.0]))
    both = (np.array([0, 1]), np.array([1.0, 1.0], dtype=np.float32))
    assert heavy.probability(*both) > plain.probability(*both)


def test_a_message_read_whole_is_rescued_when_no_clause_reaches_the_bar() -> None:
    m = Matcher.from_examples(PAIRS, priority=("emergency",), alarm="emergency", threshold=0.3)
    text = "como descargo la app migrante, mi hijo fue al canal, ya es de noche"
    before = m.analyze(text)
    assert before.match.intent != "emergency"

    def alarm(t: str) -> float:  # every clause under the bar, the whole over it
        return 0.95 if t == text else 0.5
    after = present_clause(before, text, text, 0.3, (), alarm, lambda _t: ())
    assert after.match.intent == "emergency"
    # ... but never a message told of, not now.
    told = "como descargo la app migrante, hace años mi hijo fue al canal y no volvia"
    assert present_clause(before, told, fold(told), 0.3, (),
                          lambda t: 0.95 if t == fold(told) else 0.5,
                          lambda _t: ()).match.intent != "emergency"


@pytest.mark.parametrize("text", [
    "mi cuñado salio de Celaya pa cruzar por Reynosa, el domingo fue lo ultimo que supimos, "
    "decia que ya iban a pasar el rio",
    "my cousin went with a coyote to cross at the river, last message was from piedras negras, "
    "nothing since",
    "frè m te antre nan dezè a ak yon koyòt, denye fwa m tande l se te samdi, depi lè sa a anyen",
])
def test_someone_not_heard_of_since_a_last_word_is_an_emergency_not_a_plan(
    engine: ConversationEngine, text: str
) -> None:
    assert engine.understand(text).parts[:1] == ("emergency",)


@pytest.mark.parametrize("text", [
    "la ultima vez que hablamos con mi tio fue el domingo, pero ya aparecio, esta en Houston",
    "salud! ya es viernes",
    "la ultima vez que fui a Leon compre botas, donde hay feria este año?",
])
def test_a_last_word_told_over_or_no_last_word_opens_no_urgent_case(
    engine: ConversationEngine, text: str
) -> None:
    assert "emergency" not in engine.understand(text).parts
