"""Composed answers through the real engine: emergency, safety warning, two topics (issue 11)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.messages import Inbound, Outcome


def first(engine: ConversationEngine, session: Session, text: str,
          sender: str = "5215550009999") -> Outcome:
    return engine.handle(session, Inbound("whatsapp", sender, text))


def answers(catalog: Catalog, outcome: Outcome, *intents: str) -> bool:
    """The outcome's first replies are these intents' answers, in this order: each bubble is
    the answer, or the answer and then (issue 10: one bubble per handoff) the notice."""
    texts = [r.text for r in outcome.replies[: len(intents)]]
    wanted = [catalog.intents[i].text(outcome.lang).rstrip() for i in intents]
    if len(texts) != len(wanted):
        return False
    return all(text == want or text.startswith(want + "\n\n")
               for text, want in zip(texts, wanted, strict=True))


# text, the intents answered first (in order), urgent, handoff
COMPOSED = {
    "two questions, two answers": (
        "hay descuentos en envios de dinero? y mi hija quiere estudiar, tambien hay becas pa "
        "ella?", ("remittances", "education"), False, False),
    "asylum after threats: urgent, and COMAR": (
        "nos amenazaron de muerte en honduras y queremos pedir refugio en mexico",
        ("emergency", "transit"), True, True),
    "a crossing plan is warned, not an emergency": (
        "la proxima semana me voy a cruzar el desierto con mi primo", ("safety_crossing",),
        False, False),
    "held for money: an emergency without the crossing warning": (
        "el pollero tiene a mi hermano en una casa y ya no lo sueltan, piden mas dinero",
        ("emergency",), True, True),
    "a fake job offer gets the fraud warning": (
        "piden 15 mil de adelanto para trabajar en canada, es real?", ("fraud_offer",),
        False, False),
    "a relative found dead: the death topic and a person": (
        "encontraron muerto a mi tio en el desierto de arizona, que hacemos para traerlo",
        ("death_accident",), False, True),
    "a volunteer reporting migrants: transit, not 911": (
        "soy voluntaria en la central de autobuses de leon y hay un grupo de migrantes "
        "haitianos sin comida", ("transit",), False, False),
    "a detention long over and a court date: the legal answer, no 911": (
        "a mi me detuvo ICE en 2019 y me soltaron con fianza, ahora tengo corte en marzo que "
        "hago", ("legal_us",), False, False),
    "a film about a kidnapping is not an emergency": (
        "como se llama la pelicula esa donde secuestran a la niña en mexico", (), False, False),
    "a relative held until more is paid, told with 'entregar'": (
        "mi esposa se fue con un coyote y ahora dicen que la entregan hasta que paguemos el "
        "doble", ("emergency",), True, True),
    "wanting to die is an emergency": (
        "ya no quiero vivir, me deportaron y perdi todo", ("emergency",), True, True),
}

NOT_SAID = {"held for money: an emergency without the crossing warning": "safety_crossing"}


@pytest.mark.parametrize("case", list(COMPOSED))
def test_composed_answers(engine: ConversationEngine, session: Session, catalog: Catalog,
                          case: str) -> None:
    text, intents, urgent, handoff = COMPOSED[case]
    out = first(engine, session, text)
    assert answers(catalog, out, *intents) if intents else not out.intent
    assert out.intent == (intents[0] if intents else None)
    assert (out.urgent, out.handoff) == (urgent, handoff)
    if case in NOT_SAID:
        assert catalog.intents[NOT_SAID[case]].text("es") not in [r.text for r in out.replies]


def test_the_handoff_notice_joins_the_emergency_bubble_not_the_topic_after_it(
    engine: ConversationEngine, session: Session, catalog: Catalog
) -> None:
    # Issue 10 (one bubble per handoff) meets issue 11 (composed parts): the urgent notice
    # goes with the 911 part that opened the case; COMAR/ACNUR stays its own, whole answer.
    out = first(engine, session, "nos amenazaron de muerte en honduras y queremos pedir "
                                 "refugio en mexico", sender="5215550008888")
    emergency, transit = (r.text for r in out.replies[:2])
    assert "URGENTE" in emergency
    assert transit == catalog.intents["transit"].text("es")
    assert sum("URGENTE" in r.text for r in out.replies) == 1


def test_a_person_asked_for_beside_a_topic_gets_the_notice_and_the_topic(
    engine: ConversationEngine, session: Session, catalog: Catalog
) -> None:
    # The notice replaces "a person will answer you" (it says the same), never the other topic.
    out = first(engine, session, "quiero hablar con un asesor, y tambien quiero saber de becas "
                                 "para mi hija", sender="5215550007777")
    texts = [r.text for r in out.replies]
    assert out.handoff and catalog.intents["education"].text("es") in texts
    assert all(catalog.intents["human"].text("es") not in t for t in texts)
    assert sum("fila" in t for t in texts) == 1  # the place in line, once


# Danger now, in words no trigger phrase lists whole (word-group triggers, issue 11).
DANGER_NOW = (
    "ya van tres dias que no sabemos nada de mi cuñado, iba rumbo a nogales",
    "a mi tia la tienen unos tipos en matamoros y quieren mas dinero pa dejarla ir",
    "mi novio se lo llevaron los de inmigracion esta mañana del trabajo",
    "they are keeping my nephew in a house in texas and want another 5000 dollars",
    "my sister went missing since friday after she crossed",
)
PLANS = (
    "mi primo se va a ir con un coyote en febrero, como le digo que no",
    "un señor del rancho dice que nos lleva al otro lado por 7 mil",
    "my uncle is planning to cross the river in april",
)
OFFERS = (
    "una agencia me ofrece trabajo en canada pero hay que depositar 12 mil primero",
    "someone on facebook offered me a job in texas if i pay 800 dollars first",
)
# Look-alikes: the same words with no danger, no plan and no offer.
LOOK_ALIKES = (
    "mi compadre es pollero en el mercado de leon",
    "vamos a pasar la frontera en carro pa navidad, que papeles ocupamos",
    "mi abuelo cruzo el rio hace 40 años y ahora tiene su green card",
    "la app no me contesta desde ayer",
    "el coyote de la caricatura siempre pierde",
    "me tienen que pagar lo de mi trabajo el viernes",
)


@pytest.mark.parametrize("text", DANGER_NOW)
def test_danger_now_in_other_words_is_urgent(engine: ConversationEngine, session: Session,
                                             catalog: Catalog, text: str) -> None:
    out = first(engine, session, text)
    assert out.urgent
    assert out.replies[0].text.startswith(catalog.intents["emergency"].text(out.lang).rstrip())


@pytest.mark.parametrize(("text", "warning"), [(t, "safety_crossing") for t in PLANS]
                         + [(t, "fraud_offer") for t in OFFERS])
def test_a_plan_or_an_offer_asking_money_first_is_warned_without_911(
        engine: ConversationEngine, session: Session, catalog: Catalog, text: str,
        warning: str) -> None:
    out = first(engine, session, text)
    assert answers(catalog, out, warning)
    assert not out.urgent


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_get_no_alarm_and_no_warning(engine: ConversationEngine, session: Session,
                                                 catalog: Catalog, text: str) -> None:
    out = first(engine, session, text)
    warnings = {catalog.intents[i].text(out.lang).rstrip()
                for i in ("emergency", "safety_crossing", "fraud_offer")}
    assert not out.urgent
    assert not any(r.text.startswith(w) for r in out.replies for w in warnings)
