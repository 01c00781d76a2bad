"""Staff's answer to a flood: close every open case of one contact in one audited action, and
the last hour's figures that show a flood on the queue page.

Marking a contact as abuse closes its conversations without a goodbye or a rating (nothing
more is sent to it, nothing WhatsApp would bill) and marks it unreachable, so nothing queued
for it goes out either. The mark stays (``contacts.abuse_at``): what the person writes next
is stored but opens no case and gets no answer, until staff lift it. Its messages stay for
staff to read until the retention purge.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import agents, outbox, transitions
from bot.flood import FLOOD_INTENT
from bot.models import Contact, Conversation, Message, utcnow

__all__ = ["last_hour", "mark_abuse", "mark_contact", "unmark_contact"]


def mark_abuse(session: Session, conv_id: int, agent: str) -> int | None:
    """``mark_contact`` for the contact of conversation ``conv_id`` (None when there is no
    such conversation)."""
    contact_id = session.scalar(select(Conversation.contact_id).where(Conversation.id == conv_id))
    if contact_id is None:
        return None
    return mark_contact(session, contact_id, agent, conversation_id=conv_id)


def mark_contact(session: Session, contact_id: int, agent: str, *,
                 conversation_id: int | None = None) -> int | None:
    """Mark a contact as abuse: every open conversation of it closed, nothing queued for it
    sent, its next messages stored unanswered (``bot.flood``); audited. How many conversations
    were closed (None when there is no such contact). The caller commits."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        return None
    now = utcnow()
    closed = transitions.close_all_of(session, contact_id, now)
    contact.unreachable, contact.abuse_at = True, contact.abuse_at or now
    outbox.fail_queued(session, contact.channel, contact.external_id, "marked as abuse by staff")
    agents.audit(session, agent, "abuse", conversation_id=conversation_id,
                 detail=f"contact {contact_id}: {closed} open conversation(s) closed")
    return closed


def unmark_contact(session: Session, contact_id: int, agent: str) -> bool:
    """Lift the abuse mark (a mistake): the bot answers the person again; audited. False when
    there is no such contact. The caller commits."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        return False
    contact.abuse_at, contact.unreachable = None, False
    agents.audit(session, agent, "abuse_lifted", detail=f"contact {contact_id}")
    return True


def last_hour(session: Session, now: dt.datetime | None = None) -> dict[str, Any]:
    """What the last hour brought, per channel: new people, handoffs, messages held back."""
    since = (now or utcnow()) - dt.timedelta(hours=1)
    new_people: dict[str, int] = {channel: int(n) for channel, n in session.execute(
        select(Contact.channel, func.count()).where(Contact.created_at >= since)
        .group_by(Contact.channel))}
    handoffs: dict[str, int] = {channel: int(n) for channel, n in session.execute(
        select(Contact.channel, func.count()).join(Conversation)
        .where(Conversation.waiting_since >= since).group_by(Contact.channel))}
    # Through the conversations touched this hour: messages are indexed by conversation only.
    held = session.scalar(
        select(func.count()).select_from(Message).join(Conversation)
        .where(Conversation.updated_at >= since, Message.at >= since,
               Message.direction == "in", Message.intent == FLOOD_INTENT))
    return {"new_people": new_people, "handoffs": handoffs, "held_back": int(held or 0)}
