"""Issue 11az: right after the fraud warning ("⚠️ Cuidado: desconfía de esa oferta"), a what-if
about the offer being real or paying later or less is answered honestly (never an urgent case
nor the whole warning again), money already given gets the contacts and a person, the offer
given up a kind word; danger told beside any of them stays an emergency
(``crossing.after_fraud_warning``, the flow's events)."""

from __future__ import annotations

import pytest

from bot import crossing, flow
from bot.content import Catalog, fold


@pytest.mark.parametrize(("text", "want"), [
    ("y si no pago nada hasta llegar?", "real_if"),
    ("y si es real?", "real_if"),
    ("y si es verdad?", "real_if"),
    ("y si no pago hasta llegar?", "real_if"),
    ("y si solo pago la mitad?", "real_if"),
    ("y si no es fraude?", "real_if"),
    ("no les pago hasta llegar", "real_if"),  # paying later, not the offer given up
    ("what if it's legit?", "real_if"),
    ("what if its legit tho", "real_if"),
    ("what if i pay when i get there?", "real_if"),
    ("what if it's not a scam", "real_if"),
    ("e si se vre?", "real_if"),
    ("e si m peye apre?", "real_if"),
    ("ya pagué", "paid"),
    ("ya les pagué 15 mil y ya no me contestan", "paid"),
    ("already paid them", "paid"),
    ("i already sent them the money", "paid"),
    ("m te deja peye", "paid"),
    ("mwen te peye yo deja", "paid"),
    ("ya no lo voy a hacer", "dropped"),
    ("no les voy a pagar nada", "dropped"),
    ("ok i won't pay", "dropped"),
    ("i changed my mind", "dropped"),
    ("m pa p peye", "dropped"),
    ("m chanje lide", "dropped"),
])
def test_answers_to_the_fraud_warning(text: str, want: str) -> None:
    assert crossing.after_fraud_warning(fold(text)) == want


@pytest.mark.parametrize("text", [
    # Danger told: a threat, someone held, harm if not paid; the emergency answers it.
    "ya pagué y ahora me amenazan",
    "ya pagué y tienen a mi hijo",
    "ya pague y no me dejan salir",
    "they have my son and want more money",
    "i already paid and now they say they will hurt my family",
    "y si no les pago le hacen algo a mi familia?",
    "y si no pago me matan?",
    "what if they come after me if i dont pay",
    "m te deja peye, kounye a yo menase m",
    "m te deja peye e yo kenbe pitit mwen",
    # Money asked again now: the danger module's reading stays.
    "y si es real? piden 15 mil",
    # Answers to the offer of a person, and other talk.
    "si", "si por favor", "no", "no gracias", "gracias", "yes please", "wi",
    # The offer given up "but" another way or day.
    "ya no lo voy a hacer con ellos, pero con otra agencia si",
    "ok i won't pay now, later",
])
def test_not_answers_to_the_fraud_warning(text: str) -> None:
    assert crossing.after_fraud_warning(fold(text)) is None


@pytest.mark.parametrize(("state", "event", "handler"), [
    ("idle", "fraud_real_if", flow.fraud_real_if),
    ("offered_handoff", "fraud_real_if", flow.fraud_real_if),
    ("idle", "fraud_paid", flow.fraud_paid),
    ("offered_handoff", "fraud_paid", flow.fraud_paid),
    ("idle", "fraud_dropped", flow.fraud_dropped),
    ("offered_handoff", "fraud_dropped", flow.fraud_dropped),
])
def test_the_flow_answers_them(state: str, event: str, handler: flow.Handler) -> None:
    assert flow.lookup(state, event) is handler


def _turn(catalog: Catalog, lang: str, *, need_now: bool = False) -> flow.Turn:
    return flow.Turn(catalog=catalog, lang=lang, state="idle", intent=None, choice=None,
                     requested_lang=None, misses=0, need_now=need_now,
                     followup_intent="fraud_offer")


@pytest.mark.parametrize("lang", ["es", "en", "ht"])
def test_what_if_and_paid_offer_a_person_never_urgent(catalog: Catalog, lang: str) -> None:
    for handler in (flow.fraud_real_if, flow.fraud_paid):
        step = handler(_turn(catalog, lang))
        assert (step.intent, step.state, step.handoff, step.urgent) == (
            "fraud_offer", "offered_handoff", False, False)
        assert len(step.replies) == 1
        text = step.replies[0].text
        assert "473 359 9794" in text
        assert text.rstrip().endswith(catalog.message("offer_person", lang).rstrip())


@pytest.mark.parametrize("lang", ["es", "en", "ht"])
def test_paid_and_in_need_now_is_queued_at_once_not_urgent(catalog: Catalog, lang: str) -> None:
    step = flow.fraud_paid(_turn(catalog, lang, need_now=True))
    assert (step.state, step.handoff, step.urgent) == ("queued", True, False)


@pytest.mark.parametrize("lang", ["es", "en", "ht"])
def test_dropped_is_a_short_word_with_the_contacts(catalog: Catalog, lang: str) -> None:
    step = flow.fraud_dropped(_turn(catalog, lang))
    assert (step.intent, step.state, step.handoff) == ("business_jobs", "idle", False)
    assert len(step.replies) == 1 and "473 359 9794" in step.replies[0].text


@pytest.mark.parametrize("text", [
    "ya pagué y mi hijo no aparece",
    "i already paid and now my son is missing",
    "y si no les pago qué me hacen?",
])
def test_someone_lost_or_harm_feared_is_no_answer(text: str) -> None:
    assert crossing.after_fraud_warning(fold(text)) is None


@pytest.mark.parametrize(("text", "want"), [
    # Read as an emergency: only the what-if is taken from it (the false alarm of issue 11az).
    ("y si no pago nada hasta llegar?", "real_if"),
    # Issue 11bd: money given with nothing but the fraud told beside it is the fraud case.
    ("ya pagué", "paid"),
    ("ya no lo voy a hacer", None),
])
def test_read_as_an_emergency_only_the_what_if(text: str, want: str | None) -> None:
    assert crossing.after_fraud_warning(fold(text), emergency=True) == want


@pytest.mark.parametrize(("text", "emergency"), [
    # A threat feared beside the what-if: the emergency (or the danger reading) stays.
    ("y si no les pago y vienen a mi casa?", True),
    ("e si m pa peye epi yo vin lakay mwen?", True),
    ("what if i dont pay and they come to my house?", False),
    # Another clause beside a what-if read as an emergency.
    ("y si no pago y mi hijo sigue alla", True),
    # Thanks beside the offer given up: the thanks answers it.
    ("ok gracias, mejor no les pago", False),
    ("ok thanks i won't pay", False),
    ("mèsi, m pap peye", False),
])
def test_more_beside_it_is_no_answer(text: str, emergency: bool) -> None:
    assert crossing.after_fraud_warning(fold(text), emergency=emergency) is None
