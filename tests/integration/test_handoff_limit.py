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
ASK = "quiero hablar con una persona"
_people = itertools.count()


@pytest.fixture
def limited(engine: ConversationEngine) -> ConversationEngine:
    """The test engine with ``HANDOFFS_PER_HOUR=2`` (the same trained matcher)."""
    return ConversationEngine(engine.catalog,
                              dataclasses.replace(engine.settings, handoffs_per_hour=2),
                              matcher=engine.matcher, detector=engine.detector)


def ask_then_leave(engine: ConversationEngine, session: Session, person: Inbound,
                   at: dt.datetime) -> Outcome:
    """Ask for a person; if a case opened, leave the queue again (which asks first)."""
    asked = engine.handle(session, dataclasses.replace(person, text=ASK, at=at))
    if asked.handoff:
        engine.handle(session, dataclasses.replace(person, text="salir", at=at))
        left = engine.handle(session, dataclasses.replace(person, text="sí", at=at))
        assert not left.handoff
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
