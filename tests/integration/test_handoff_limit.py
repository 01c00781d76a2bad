"""Handoffs per person on every channel (issue 14): one contact opens at most
``HANDOFFS_PER_HOUR`` new cases an hour; an urgent case is never refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from sqlalchemy.orm import Session

from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.messages import Inbound, Outcome

T0 = dt.datetime(2026, 12, 7, 15, tzinfo=dt.UTC)  # a Monday, office open
# What a person writes, by language: ask for a person, leave the queue, confirm, an emergency.
SCRIPTS = {
    "es": ("quiero hablar con una persona", "salir", "sí", "me detuvo la migra ayuda"),
    "en": ("I want to talk to a real person please", "exit", "yes",
           "ICE just detained my husband please help"),
    "ht": ("mwen vle pale ak yon moun tanpri", "soti", "wi",
           "imigrasyon arete mari m, ede m tanpri"),
}
_people = itertools.count()


@pytest.fixture
def limited(engine: ConversationEngine) -> ConversationEngine:
    """The test engine with ``HANDOFFS_PER_HOUR=2`` (the same trained matcher)."""
    return ConversationEngine(engine.catalog,
                              dataclasses.replace(engine.settings, handoffs_per_hour=2),
                              matcher=engine.matcher, detector=engine.detector)


def ask_then_leave(engine: ConversationEngine, session: Session, person: Inbound,
                   at: dt.datetime, lang: str = "es") -> Outcome:
    """Ask for a person; if a case opened, leave the queue again (which asks first)."""
    ask, leave, yes, _ = SCRIPTS[lang]
    asked = engine.handle(session, dataclasses.replace(person, text=ask, at=at))
    if asked.handoff:
        engine.handle(session, dataclasses.replace(person, text=leave, at=at))
        left = engine.handle(session, dataclasses.replace(person, text=yes, at=at))
        assert not left.handoff and left.status == "bot"
    return asked


@pytest.mark.parametrize("channel", ["telegram", "whatsapp", "sms", "webchat"])
def test_one_contact_opens_at_most_n_cases_an_hour_on_every_channel(
    limited: ConversationEngine, session: Session, catalog: Catalog, channel: str
) -> None:
    person = Inbound(channel, f"limit-{next(_people)}", None)
    opened = [ask_then_leave(limited, session, person, T0 + dt.timedelta(minutes=n)).handoff
              for n in range(4)]
    assert opened == [True, True, False, False]
    refused = ask_then_leave(limited, session, person, T0 + dt.timedelta(minutes=5))
    assert [r.text for r in refused.replies] == [catalog.message("handoff_limit", "es")]
    # An emergency still reaches the queue...
    urgent = limited.handle(session, dataclasses.replace(
        person, text="me detuvo la migra ayuda", at=T0 + dt.timedelta(minutes=6)))
    assert urgent.handoff and urgent.urgent
    # ...and an hour after the first case, asking works again.
    other = Inbound(channel, f"limit-{next(_people)}", None)
    for n in range(3):
        ask_then_leave(limited, session, other, T0 + dt.timedelta(minutes=n))
    assert ask_then_leave(limited, session, other, T0 + dt.timedelta(minutes=61)).handoff


@pytest.mark.parametrize("lang", ["en", "ht"])
def test_the_limit_speaks_the_persons_language_and_never_refuses_an_emergency(
    limited: ConversationEngine, session: Session, catalog: Catalog, lang: str
) -> None:
    person = Inbound("whatsapp", f"limit-{next(_people)}", None)
    opened = [ask_then_leave(limited, session, person, T0 + dt.timedelta(minutes=n), lang)
              for n in range(3)]
    assert [o.handoff for o in opened] == [True, True, False]
    assert [r.text for r in opened[2].replies] == [catalog.message("handoff_limit", lang)]
    urgent = limited.handle(session, dataclasses.replace(
        person, text=SCRIPTS[lang][3], at=T0 + dt.timedelta(minutes=4)))
    assert urgent.handoff and urgent.urgent
    assert urgent.lang == lang and "911" in urgent.replies[0].text
