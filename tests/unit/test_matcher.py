"""Intent matcher contract on a small made-up catalog (intents.matcher)."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest

from intents import QUESTION_WORDS, Match, Matcher, PriorityRule, calibrate_threshold, explain
from intents.spelling import SpellingRepairer

PIZZA = [
    "quiero pedir una pizza",
    "me mandan una pizza de peperoni",
    "pizza hawaiana grande por favor",
    "cuanto cuesta la pizza familiar",
    "tienen pizza vegetariana",
    "i want to order a pizza",
    "can i get a large pepperoni pizza",
    "how much is a pizza",
    "a domicilio una pizza con extra queso",
    "quisiera ordenar dos pizzas medianas",
]
WEATHER = [
    "va a llover manana",
    "como esta el clima hoy",
    "que temperatura hace en leon",
    "pronostico del tiempo para el fin de semana",
    "hace mucho calor afuera",
    "is it going to rain tomorrow",
    "what is the weather like today",
    "weather forecast for the weekend",
    "esta nublado o soleado",
    "va a hacer frio en la noche",
]
BANKING = [
    "cual es el saldo de mi cuenta",
    "quiero abrir una cuenta de ahorro",
    "perdi mi tarjeta de debito",
    "como hago una transferencia bancaria",
    "what is my account balance",
    "i lost my debit card",
    "how do i transfer money to another bank",
    "bloquear mi tarjeta de credito",
    "horario de la sucursal del banco",
    "necesito un estado de cuenta",
]
EMERGENCY = [
    "me secuestraron ayuda",
    "estoy en peligro",
    "me detuvo la migra",
    "a mi hijo lo detuvieron",
    "help i was kidnapped",
    "someone is threatening to kill me",
    "nos tienen encerrados",
    "mi hermano esta desaparecido",
    "me estan extorsionando",
    "i am in danger please help",
]
CROSSING = [
    "quiero cruzar sin papeles",
    "cuanto cobra un pollero",
    "me voy de mojado al otro lado",
    "es peligroso cruzar el desierto",
    "how much does a smuggler charge",
    "i want to cross the border illegally",
    "brincar el muro es seguro",
    "me quiero ir al norte sin documentos",
    "cruzar el rio bravo nadando",
    "mi primo se va con un pollero",
]
CATALOG = {
    "pizza": PIZZA,
    "weather": WEATHER,
    "banking": BANKING,
    "emergency": EMERGENCY,
    "safety_crossing": CROSSING,
}
TRIGGERS = {
    "emergency": ["me detuvo la migra", "secuestraron", "estoy en peligro", "kidnapped"],
    "safety_crossing": ["pollero", "cruzar sin papeles", "de mojado"],
}
PRIORITY = ("emergency", "safety_crossing")


def pairs() -> list[tuple[str, str]]:
    return [(intent, text) for intent, texts in CATALOG.items() for text in texts]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.from_examples(pairs(), threshold=0.3, triggers=TRIGGERS, priority=PRIORITY)


@pytest.fixture(scope="module")
def plain() -> Matcher:
    """No triggers, no priority: the classifier alone."""
    return Matcher.from_examples(pairs())


def test_api_contract(plain: Matcher) -> None:
    result = plain.match("quiero una pizza grande")
    assert isinstance(result, Match)
    assert result.intent == "pizza"
    assert 0.0 <= result.score <= 1.0
    assert result.normalized == "quiero una pizza grande"
    assert result.trigger is None
    assert result.source == "classifier"
    assert result.reason.startswith("classifier ")
    assert len(result.ranking) == 5
    assert result.ranking[0][0] == "pizza"
    scores = [score for _, score in result.ranking]
    assert scores == sorted(scores, reverse=True)
    assert sum(scores) <= 1.0 + 1e-6
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.intent = "weather"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("me pueden mandar una pizza de peperoni", "pizza"),
        ("CUANTO CUESTA LA PIZZA???", "pizza"),
        ("va a llover el fin de semana?", "weather"),
        ("what's the weather tomorrow", "weather"),
        ("perdí mi tarjeta", "banking"),
        ("how do i check my balance", "banking"),
    ],
)
def test_in_scope_messages(plain: Matcher, text: str, intent: str) -> None:
    assert plain.match(text).intent == intent


def test_misspellings_are_repaired_to_catalog_words(plain: Matcher) -> None:
    result = plain.match("kiero la piza famliar")
    assert result.intent == "pizza"
    assert ("famliar", "familiar") in result.repairs
    assert "familiar" in result.normalized


def test_spelling_repairer_rules() -> None:
    repairer = SpellingRepairer({"transferencia": 3, "tarjeta": 5, "pollero": 2, "de": 9})
    assert repairer.repair("trasferencia") == "transferencia"
    assert repairer.repair("targeta") == "tarjeta"
    # Too far (two insertions in a short word), too short, or numbers: unchanged.
    assert repairer.repair("pollo") == "pollo"
    assert repairer.repair("dde") == "dde"
    assert repairer.repair("12345") == "12345"
    assert repairer.repair_tokens(["la", "targeta"]) == ["la", "tarjeta"]


def test_out_of_scope_below_threshold_is_none(plain: Matcher) -> None:
    result = plain.match("zxqv blorf")
    assert result.intent is None
    assert result.source == "none"
    assert result.reason.startswith("below threshold")
    assert result.ranking  # the classifier's guesses are still reported


def test_threshold_is_settable_and_overridable(plain: Matcher) -> None:
    text = "quiero pizza"
    score = plain.match(text).score
    assert plain.match(text, threshold=score + 0.01).intent is None
    assert plain.match(text, threshold=score - 0.01).intent == "pizza"
    old = plain.threshold
    try:
        plain.threshold = 1.0
        assert plain.match(text).intent is None
    finally:
        plain.threshold = old


def test_empty_and_emoji_only_messages(plain: Matcher) -> None:
    for text in ("", "😂😂", "!!!"):
        result = plain.match(text)
        assert result.intent is None
        assert result.score == 0.0
        assert result.reason == "empty message"


def test_trigger_inside_a_long_message(matcher: Matcher) -> None:
    text = (
        "hola buenas tardes, queria preguntar cuanto cuesta la pizza familiar y si tienen "
        "promociones, ah y otra cosa, ayer me detuvo la migra saliendo del trabajo"
    )
    result = matcher.match(text)
    assert result.intent == "emergency"
    assert result.score == 1.0
    assert result.trigger == "me detuvo la migra"
    assert result.reason == "trigger 'me detuvo la migra' (emergency)"
    assert result.ranking[0][0] != "emergency" or result.ranking[0][1] < 1.0


def test_trigger_with_typos_fires_fuzzily(matcher: Matcher) -> None:
    result = matcher.match("me detubo la migraa")
    assert result.intent == "emergency"
    assert result.trigger == "me detuvo la migra"
    one_word = matcher.match("cuanto cobra un poyero")
    assert one_word.intent == "safety_crossing"
    assert one_word.trigger == "pollero"


def test_trigger_needs_whole_words(matcher: Matcher) -> None:
    # "migrante" is not "migra", and "mojado" alone is not "de mojado".
    result = matcher.match("me detuvo la migrante en el banco para pedir mi saldo")
    assert result.trigger is None
    assert matcher.match("se me mojo el celular").trigger is None


def test_priority_emergency_beats_crossing(matcher: Matcher) -> None:
    result = matcher.match("el pollero nos dejo y ahora estoy en peligro")
    assert result.intent == "emergency"
    assert result.trigger == "estoy en peligro"
    swapped = Matcher.from_examples(
        pairs(), triggers=TRIGGERS, priority=("safety_crossing", "emergency")
    )
    assert swapped.match("el pollero nos dejo y ahora estoy en peligro").intent == (
        "safety_crossing"
    )


def test_classifier_emergency_gets_priority_without_trigger(matcher: Matcher) -> None:
    result = matcher.match("a mi hermano lo tienen encerrado y lo estan extorsionando")
    assert result.intent == "emergency"
    assert result.trigger is None
    assert result.source in ("priority", "classifier")


def test_near_misses_do_not_fire_triggers(matcher: Matcher) -> None:
    for text in ("como cruzo la calle con mi perro", "el coyote del correcaminos"):
        assert matcher.match(text).trigger is None


def test_determinism() -> None:
    first = Matcher.from_examples(pairs(), triggers=TRIGGERS, priority=PRIORITY)
    second = Matcher.from_examples(list(reversed(pairs())), triggers=TRIGGERS, priority=PRIORITY)
    for text in ("quiero pizza", "va a llover", "mi saldo", "zzz", "estoy en peligro"):
        a, b, again = first.match(text), second.match(text), first.match(text)
        assert a == again
        assert (a.intent, a.ranking[0][0]) == (b.intent, b.ranking[0][0])
        assert a.score == pytest.approx(b.score, abs=0.05)
    rebuilt = Matcher.from_examples(pairs(), triggers=TRIGGERS, priority=PRIORITY)
    assert rebuilt.match("quiero pizza") == first.match("quiero pizza")


def test_sgd_learner_is_deterministic_and_unknown_learners_are_refused() -> None:
    first = Matcher.from_examples(pairs(), learner="sgd")
    again = Matcher.from_examples(pairs(), learner="sgd")
    for text in ("quiero pizza", "va a llover", "mi saldo"):
        assert first.match(text) == again.match(text)
    assert not np.allclose(first.model.coef, Matcher.from_examples(pairs()).model.coef)
    with pytest.raises(ValueError, match="unknown learner"):
        Matcher.from_examples(pairs(), learner="forest")


def test_needs_two_intents() -> None:
    with pytest.raises(ValueError, match="two intents"):
        Matcher.from_examples([("pizza", "quiero pizza"), ("pizza", "otra pizza")])


def test_explain_reports_the_decision(matcher: Matcher) -> None:
    report = explain(matcher, "kiero una piza ya")
    assert report["intent"] == "pizza"
    assert report["normalized"] == "kiero una piza ya"
    assert report["top"][0]["intent"] == "pizza"
    assert len(report["top"]) == 5
    assert report["language"] is None
    assert report["reason"].startswith("classifier")
    assert report["threshold"] == matcher.threshold


def test_calibration_picks_a_threshold_meeting_the_rejection_target(plain: Matcher) -> None:
    labelled: list[tuple[str, str | None]] = [
        ("me mandan una pizza", "pizza"),
        ("como esta el clima", "weather"),
        ("perdi mi tarjeta", "banking"),
        ("i want pizza", "pizza"),
        ("zxqv blorf", None),
        ("quien gano el partido de futbol", None),
    ]
    report = calibrate_threshold(plain, labelled)
    assert report.n_in_scope == 4
    assert report.n_out_of_scope == 2
    assert len(report.rows) == 100
    if report.met_target:
        assert report.chosen.oos_rejection >= 0.9
    assert {item.intent for item in report.per_intent} == {"pizza", "weather", "banking", None}
    assert "threshold" in report.summary()
    # Re-matching at the chosen threshold gives the reported figures.
    plain_copy = Matcher.from_examples(pairs(), threshold=report.threshold)
    in_scope = [(t, e) for t, e in labelled if e is not None]
    hits = sum(plain_copy.match(t).intent == e for t, e in in_scope)
    assert hits / len(in_scope) == pytest.approx(report.chosen.in_scope_accuracy)


def test_explain_with_a_language_detector(matcher: Matcher) -> None:
    from intents import LanguageDetector

    detector = LanguageDetector.from_examples(
        [("es", text) for text in PIZZA[:5] + WEATHER[:5]]
        + [("en", text) for text in PIZZA[5:8] + WEATHER[5:8] + BANKING[4:7]]
    )
    report = explain(matcher, "what is the weather like tomorrow", detector)
    assert report["intent"] == "weather"
    assert report["language"]["lang"] == "en"
    assert set(report["language"]["scores"]) == {"en", "es"}


def test_long_message_confidence_uses_its_best_part(plain: Matcher) -> None:
    short = plain.match("cuanto cuesta la pizza familiar")
    long = plain.match(
        "hola buenas tardes disculpe la molestia fijese que mi esposo y yo estabamos "
        "pensando y queriamos saber cuanto cuesta la pizza familiar"
    )
    assert long.intent == short.intent == "pizza"
    assert long.ranking[0][0] == "pizza"
    # The winner keeps its whole-message rank; its score is its best window's probability.
    assert long.score >= long.ranking[0][1]


def test_fast_query_features_equal_the_training_features(plain: Matcher) -> None:
    import numpy as np

    texts = ["quiero una pizza grande", "va a llover", "de de de la la", "zzz", ""]
    docs = [plain.prepare(text)[1] for text in texts]
    matrix = plain.features.transform(docs).toarray()
    for row, tokens in zip(matrix, docs, strict=True):
        indices, values = plain.features.transform_one(tokens)
        fast = np.zeros_like(row)
        fast[indices] = values
        assert np.allclose(fast, row, atol=1e-6)


def test_analyze_keeps_match_and_finds_each_question(matcher: Matcher) -> None:
    text = "quiero pedir una pizza hawaiana. y tambien, va a llover manana en leon?"
    analysis = matcher.analyze(text)
    assert analysis.match == matcher.match(text)
    assert analysis.clauses == 2
    parts = {f.intent: f for f in analysis.findings if f.source == "part"}
    assert set(parts) == {"pizza", "weather"}
    assert parts["pizza"].clause == 0 and parts["weather"].clause == 1
    assert [name for name, _ in analysis.ranking][:2] == sorted(
        ("pizza", "weather"), key=lambda n: -dict(analysis.ranking)[n]
    )
    assert len(analysis.ranking) == len(matcher.intents)


def test_a_topic_no_clause_wins_is_placed_in_the_clause_that_asks_it() -> None:
    """A topic read from the whole message (or a window, or the rest) gets the clause that
    gives it the most probability, so two topics keep the order they were asked in."""
    m = Matcher.from_examples(pairs(), threshold=0.3)
    m.part_threshold = 1.01  # no clause is sure enough to make a finding of its own
    analysis = m.analyze("va a llover manana en leon? y tambien pido una pizza hawaiana grande")
    assert analysis.clauses == 2
    winner = analysis.finding(analysis.match.intent or "")
    assert winner is not None and winner.source == "classifier"
    assert winner.clause == (0 if analysis.match.intent == "weather" else 1)


def test_analyze_reports_triggers_beside_the_topic(matcher: Matcher) -> None:
    analysis = matcher.analyze("mi primo se va con un pollero, y tambien cuanto cuesta la pizza")
    assert analysis.match.intent == "safety_crossing"
    found = analysis.finding("safety_crossing")
    assert found is not None and found.source == "trigger" and found.evidence == "pollero"
    assert analysis.finding("pizza") is not None
    assert analysis.finding("banking") is None


def test_analyze_single_question_has_one_clause(matcher: Matcher) -> None:
    analysis = matcher.analyze("cual es el saldo de mi cuenta")
    assert analysis.clauses == 1
    assert [f.intent for f in analysis.findings] == ["banking"]
    assert matcher.analyze("").findings == ()


def test_windows_find_a_second_topic_asked_in_one_breath() -> None:
    text = "quiero pedir una pizza de peperoni grande pero primero dime si va a llover manana"
    off = Matcher.from_examples(pairs(), triggers=TRIGGERS, priority=PRIORITY)
    on = Matcher.from_examples(pairs(), triggers=TRIGGERS, priority=PRIORITY,
                               window_part_threshold=0.5)
    assert off.analyze(text).match == on.analyze(text).match  # the match itself never changes
    assert {f.intent for f in on.analyze(text).findings} >= {"pizza", "weather"}
    assert {f.intent for f in off.analyze(text).findings} < {"pizza", "weather"}
    window = on.analyze(text).finding("weather")
    assert window is not None and window.source == "part" and "llover" in window.evidence


def test_windows_never_raise_a_priority_intent() -> None:
    on = Matcher.from_examples(pairs(), priority=PRIORITY, window_part_threshold=0.3)
    text = "quiero pedir una pizza grande y un refresco y mi primo se va con un pollero"
    priority_windows = [f for f in on.analyze(text).findings
                        if f.intent in PRIORITY and f.source == "part" and f.clause < 0]
    assert priority_windows == []


def test_a_plan_with_its_trigger_needs_a_real_emergency_probability() -> None:
    """Beside a crossing trigger, the classifier's weak emergency no longer wins the message."""
    text = "un pollero nos va a pasar y si nos detienen"
    eager = Matcher.from_examples(pairs(), threshold=0.3, triggers=TRIGGERS, priority=PRIORITY)
    assert eager.match(text).intent == "emergency"
    careful = Matcher.from_examples(
        pairs(), threshold=0.3, triggers=TRIGGERS, priority=PRIORITY,
        priority_rule=PriorityRule(top_over_trigger=0.5),
    )
    result = careful.match(text)
    assert (result.intent, result.trigger) == ("safety_crossing", "pollero")
    # A real emergency trigger still wins over the plan.
    assert careful.match("el pollero nos dejo y ahora estoy en peligro").intent == "emergency"


def test_a_window_does_not_call_an_emergency_when_a_plan_leads_the_message() -> None:
    """``window_over_priority``: the whole message's crossing plan beats one alarming window."""
    text = ("quiero cruzar sin papeles por el desierto con un pollero aunque estoy en peligro "
            "de que me detuvo la migra")
    rule = PriorityRule(top=0.9, whole=0.9, window_p=0.3)
    eager = Matcher.from_examples(pairs(), priority=PRIORITY, priority_rule=rule)
    careful = Matcher.from_examples(
        pairs(), priority=PRIORITY,
        priority_rule=dataclasses.replace(rule, window_over_priority=0.5),
    )
    assert eager.match(text).intent == "emergency"
    assert careful.match(text).intent == "safety_crossing"


def test_a_plan_the_classifier_puts_first_needs_a_real_emergency_probability() -> None:
    """``top_over_plan``: no trigger fired, the whole message is first of all a crossing plan,
    and the emergency the classifier ranks second is weak: the plan is answered."""
    text = "me voy a ir de mojado con mi primo aunque me detenga la migra"
    eager = Matcher.from_examples(pairs(), priority=PRIORITY)
    careful = Matcher.from_examples(pairs(), priority=PRIORITY,
                                    priority_rule=PriorityRule(top_over_plan=0.5))
    assert eager.match(text).intent == "emergency"
    assert careful.match(text).intent == "safety_crossing"
    # Danger told plainly still wins: the classifier puts the emergency first.
    assert careful.match("me detuvo la migra ayuda").intent == "emergency"


def test_rest_of_the_words_finds_a_second_topic_in_one_breath() -> None:
    """``rest_part_threshold``: the words the first topic does not explain are read again."""
    text = "cuanto cuesta la pizza familiar si va a llover"
    on = Matcher.from_examples(pairs(), rest_part_threshold=0.5)
    off = Matcher.from_examples(pairs())
    found = on.analyze(text)
    first = found.match.intent
    assert first in ("pizza", "weather")
    second = next(f for f in found.findings if f.source == "rest")
    assert {first, second.intent} == {"pizza", "weather"}
    assert not any(f.source == "rest" for f in off.analyze(text).findings)
    # A plain single question gets nothing from its rest.
    assert not any(f.source == "rest" for f in on.analyze("quiero pedir una pizza").findings)


def test_stacked_learner_is_deterministic_and_needs_three_phrases_an_intent() -> None:
    first = Matcher.from_examples(pairs(), learner="stacked")
    again = Matcher.from_examples(pairs(), learner="stacked")
    assert np.array_equal(first.model.coef, again.model.coef)
    for text in ("quiero pizza", "va a llover", "mi saldo"):
        assert first.match(text, threshold=0.0).intent == again.match(text, threshold=0.0).intent
    few = [*pairs(), ("rare", "una frase rara"), ("rare", "otra frase rara")]
    with pytest.raises(ValueError, match="3\\+ examples"):
        Matcher.from_examples(few, learner="stacked")


def test_outside_share_refuses_a_topic_won_in_out_of_scope_words() -> None:
    """Issue 11w: a topic's words used for something else ("tarjeta de la pizza") may win the
    topic while the out-of-scope class keeps a real share; ``outside_share`` refuses it, a
    plain question of the topic and a priority intent are kept."""
    def build(share: float | None) -> Matcher:
        return Matcher.from_examples(pairs(), threshold=0.3, triggers=TRIGGERS,
                                     priority=PRIORITY, outside=("banking",), outside_share=share)

    old, new = build(None), build(0.15)
    assert old.match("tarjeta de la pizza").intent == "pizza"
    refused = new.match("tarjeta de la pizza")
    assert refused.intent is None
    assert refused.source == "none"
    assert refused.reason.startswith("out-of-scope share")
    _, tokens = new.prepare("tarjeta de la pizza")
    assert new.refused_share(new.probabilities(tokens)) >= 0.15
    assert new.match("quiero una pizza").intent == "pizza"
    # A safety intent is never refused for it (a crossing told beside a credit card).
    text = "hay peligro de cruzar el desierto con la tarjeta de credito"
    assert new.match(text).intent == "safety_crossing"


def test_refusals_count_in_the_outside_share() -> None:
    """A request the chat cannot do (``refusals``) holds the share too, and wins as itself."""
    m = Matcher.from_examples(pairs(), threshold=0.3, outside_share=0.15,
                              refusals=("banking",))
    assert m.match("perdi mi tarjeta").intent == "banking"
    assert m.match("tarjeta de la pizza").intent is None
    assert m.match("quiero una pizza").intent == "pizza"


def test_outside_weight_reads_the_share_from_a_weighted_scope_model() -> None:
    """Issue 11z: the out-of-scope share is read from a scope model whose errors on the
    out-of-scope classes weigh ``outside_weight`` times more: it gives them more of a message
    that uses a topic's words for something else, so more near misses are refused, while the
    classifier itself (topics, priority intents, parts) is the unweighted one."""
    def build(weight: float) -> Matcher:
        return Matcher.from_examples(pairs(), threshold=0.3, triggers=TRIGGERS,
                                     priority=PRIORITY, outside=("banking",),
                                     outside_share=0.4, outside_weight=weight)

    plain, weighted = build(1.0), build(4.0)
    assert plain.scope_model is None and weighted.scope_model is not None
    assert np.array_equal(plain.model.coef, weighted.model.coef)
    text = "tarjeta de la pizza"
    _, tokens = plain.prepare(text)
    assert np.array_equal(plain.scope_probabilities(tokens), plain.probabilities(tokens))
    before = plain.refused_share(plain.probabilities(tokens))
    after = weighted.refused_share(weighted.scope_probabilities(tokens))
    assert before < 0.4 <= after
    assert plain.match(text).intent == "pizza"
    refused = weighted.match(text)
    assert refused.intent is None and refused.reason.startswith("out-of-scope share")
    assert weighted.match("quiero una pizza").intent == "pizza"
    assert weighted.match("va a llover mañana?").intent == "weather"
    # A safety intent is never refused for it.
    text = "hay peligro de cruzar el desierto con la tarjeta de credito"
    assert weighted.match(text).intent == "safety_crossing"


def test_a_warning_at_the_threshold_is_not_lost_to_the_out_of_scope_class() -> None:
    """Issue 11z: a crossing plan told in words the out-of-scope class also knows ("my brother
    is in a hotel near the border waiting for the coyote to call") may be won by that class;
    a priority intent the rule does not boost (a warning) that the classifier still holds at
    the threshold is given, since a warning in vain costs less than one missed. Under the
    threshold the message stays out of scope."""
    m = Matcher.from_examples(pairs(), threshold=0.3, priority=PRIORITY, outside=("banking",))
    text = "cruzar el desierto y abrir una cuenta"
    _, tokens = m.prepare(text)
    probs = dict(zip(m.intents, m.probabilities(tokens).tolist(), strict=True))
    assert max(probs, key=probs.__getitem__) == "banking"
    assert probs["safety_crossing"] >= 0.3
    got = m.match(text)
    assert got.intent == "safety_crossing"
    assert got.source == "classifier" and "beside the out-of-scope class" in got.reason
    assert m.match("cruzar el rio y abrir una cuenta").intent is None  # crossing 0.28
    assert m.match("perdi mi tarjeta de debito").intent is None


def test_an_emergency_beside_the_out_of_scope_class_stands_when_the_alarm_model_agrees() -> None:
    """Issue 11ae: the out-of-scope class, trained on many look-alikes, can take most of a
    danger told in everyday words; beside it the emergency counts from ``outside_rank`` and
    ``outside_top`` when the binary alarm model reads the message at ``outside_alarm``+."""
    def build(alarm: float) -> Matcher:
        rule = PriorityRule(top=0.3, outside_alarm=alarm, outside_top=0.1, outside_rank=3)
        return Matcher.from_examples(pairs(), threshold=0.3, priority=PRIORITY,
                                     outside=("banking",), alarm="emergency",
                                     priority_rule=rule)

    off, on = build(1.0), build(0.5)
    text = "perdi mi tarjeta de debito y me estan extorsionando"
    assert off.match(text).intent is None  # banking first, the emergency 0.24 under top
    assert 0.5 <= on.alarm(text)
    got = on.match(text)
    assert got.intent == "emergency" and "beside the out-of-scope class" in got.reason
    # The alarm model reads no danger: the out-of-scope class keeps it.
    assert on.alarm("me extorsionan por mi cuenta del banco") < 0.5
    assert on.match("me extorsionan por mi cuenta del banco").intent is None
    assert on.match("perdi mi tarjeta de debito").intent is None


def test_question_words_are_plain_folded_words() -> None:
    # Joined with "|" into regexes (the matcher's ask-break, bot.commands.thanks_only) unescaped.
    assert all(re.fullmatch(r"[a-z]+(?: [a-z]+)*", w) for w in QUESTION_WORDS)
    assert len(set(QUESTION_WORDS)) == len(QUESTION_WORDS)
