"""What keeps agents from missing a message: unread counts, previews, typing, "changed?".

Unread, defined: the person's messages (``direction == "in"``) after
``Conversation.seen_in_id``, the last one of them an agent handling the conversation has
seen. While the conversation waits, any agent who opens it (or whose open page polls it)
has seen them; once assigned, only its holder (an admin reading along clears nothing). A
transfer keeps the mark: the new holder gets the history as read by the previous one.

The preview is the last message the person or an agent wrote (the bot's automatic answers
and internal notes left out: they would hide what the person said), one line, cut short,
with anything that looks like a phone number (7 or more digits, spaces and dashes between)
replaced, since the queue is on screens that others may see. It is text: the templates
escape it and the scripts insert it with ``textContent``.

The feed's version (``feed_version``) answers "has anything the queue shows changed?" with
one statement of three index lookups: the newest message id, the newest conversation
change (``updated_at`` is written by every change of status and by every message the
person sends; marking as seen writes it too) and the number of open conversations. The
presence of agents changes with time alone, so the version also turns every half minute.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.orm import Session, object_session

from bot import transitions
from bot.models import Agent, Conversation, Message, db_time, utcnow

__all__ = ["PREVIEW_MAX", "TYPING_FOR", "feed_version", "last_text", "mark_seen", "note_typing",
           "preview", "typing", "unread_count"]

PREVIEW_MAX = 80
TYPING_FOR = dt.timedelta(seconds=6)  # how long one "typing" report shows in the web chat
VERSION_EVERY = 30  # seconds: presence changes with time alone
_PHONE = re.compile(r"\+?\d(?:[\s.\-()]*\d){6,}")


def preview(text: str | None) -> str:
    """One short line of ``text`` with phone numbers hidden."""
    if not text:
        return ""
    line = _PHONE.sub("[número]", " ".join(text.split()))
    return line if len(line) <= PREVIEW_MAX else line[:PREVIEW_MAX - 1].rstrip() + "…"


def unread_count() -> ScalarSelect[int]:
    """Per conversation (correlated): the person's messages after ``seen_in_id``."""
    return (select(func.count(Message.id))
            .where(Message.conversation_id == Conversation.id, Message.direction == "in",
                   Message.id > func.coalesce(Conversation.seen_in_id, 0))
            .correlate(Conversation).scalar_subquery())


def last_text() -> ScalarSelect[str]:
    """Per conversation (correlated): the text of the last message of the person or an
    agent (not the bot's, not a note)."""
    return (select(Message.text)
            .where(Message.conversation_id == Conversation.id,
                   Message.direction.in_(("in", "out")), Message.author != "bot")
            .order_by(Message.id.desc()).limit(1)
            .correlate(Conversation).scalar_subquery())


def _handles(conv: Conversation, agent: Agent) -> bool:
    """Whether what ``agent`` sees of ``conv`` counts as read (see the module docstring)."""
    if conv.status == "waiting":
        return True
    return conv.status == "assigned" and conv.assigned_to == agent.name


def mark_seen(session: Session, conv: Conversation, agent: Agent, upto: int) -> bool:
    """Note that ``agent`` has seen the person's messages up to id ``upto``; True when that
    changed the unread count (the caller commits). A guarded UPDATE, never backwards; it
    writes ``updated_at`` too, so the queue's version changes."""
    if upto <= (conv.seen_in_id or 0) or not _handles(conv, agent):
        return False
    last_in = session.scalar(select(func.max(Message.id)).where(
        Message.conversation_id == conv.id, Message.direction == "in", Message.id <= upto))
    if last_in is None or last_in <= (conv.seen_in_id or 0):
        return False
    return transitions.seen_up_to(session, conv.id, last_in)


def note_typing(session: Session, conv: Conversation, agent: Agent,
                now: dt.datetime | None = None) -> bool:
    """The holder is typing a reply; False (nothing noted) for anyone else. The feed's
    version is left alone (``updated_at`` untouched): typing is for the person only."""
    if conv.status != "assigned" or conv.assigned_to != agent.name:
        return False
    transitions.typing_now(session, conv.id, now)
    return True


def typing(conv: Conversation | None, now: dt.datetime | None = None) -> bool:
    """Whether the person should see "an agent is typing" now."""
    if conv is None or conv.status != "assigned" or conv.agent_typing_at is None:
        return False
    if now is None:  # the clock that stamped it (``note_typing``), not this process's
        session = object_session(conv)
        now = db_time(session) if session is not None else utcnow()
    return now - conv.agent_typing_at < TYPING_FOR


def feed_version(session: Session, viewer: str, query: str,
                 now: dt.datetime | None = None) -> str:
    """An ETag for the feed ``viewer`` asked for with ``query``: the same while nothing
    the queue shows has changed (one statement, see the module docstring)."""
    now = now or utcnow()
    row = session.execute(select(
        select(func.max(Message.id)).scalar_subquery(),
        select(func.max(Conversation.updated_at)).scalar_subquery(),
        select(func.count(Conversation.id))
        .where(Conversation.status.in_(("waiting", "assigned"))).scalar_subquery(),
    )).one()
    bucket = int(now.timestamp()) // VERSION_EVERY
    raw = f"{viewer}|{query}|{row[0]}|{row[1]}|{row[2]}|{bucket}"
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:32]
