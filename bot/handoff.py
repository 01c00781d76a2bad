"""What agents do to a conversation: claim, reply, note, transfer, release and close.

Used by the console and by the agent API alike. Each action takes the caller's ``session``,
writes the conversation change, the messages for the person (a ``Message`` row, plus an
outbox row on the channels that deliver through it: web chat reads the ``Message`` rows) and
an audit row, and leaves the commit to the caller, who then wakes the delivery worker.

Changes of who holds a conversation are guarded UPDATEs (``... WHERE id=:id AND
status='waiting'``), so two agents clicking at once cannot both win. Every action's first
statement is an UPDATE of the conversation row: on PostgreSQL it locks the row, so actions on
one conversation run one after the other; on SQLite it takes the write lock while the
transaction is still fresh, so a concurrent writer makes it wait (busy timeout) instead of
failing with "database is locked", which is what happens to a transaction that read before
another one committed. Callers therefore start each action in a fresh transaction (commit
what they read to authenticate first), as the console and the API do::

    HandoffError
     ├── NotFound      no such conversation (404)
     ├── Conflict      not in a state for this: someone else holds it, not claimed (409)
     │    └── Unavailable  the agent to transfer to is offline or locked out
     ├── Forbidden     another agent's conversation (403)
     └── Invalid       empty or too long text, unknown agent to transfer to (400)
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session, object_session

from bot import channels, outbox, presence, transitions
from bot.agents import agent_by_name, audit
from bot.content import Catalog
from bot.messages import clean_text
from bot.models import Agent, Conversation, Message, db_time, utcnow

__all__ = [
    "MAX_TEXT",
    "Conflict",
    "Done",
    "Forbidden",
    "HandoffError",
    "Invalid",
    "NotFound",
    "Unavailable",
    "auto_assign",
    "claim",
    "close",
    "get",
    "note",
    "release",
    "reply",
    "transfer",
    "window_closed",
]

log = logging.getLogger(__name__)

MAX_TEXT = 4000  # what an agent may type at once; a channel's sender splits it as it must


class HandoffError(Exception):
    """An agent action that cannot be done; ``status`` is the HTTP status to answer."""

    status = 400


class NotFound(HandoffError):
    """No such conversation."""

    status = 404


class Conflict(HandoffError):
    """The conversation is not in a state for this action (e.g. someone else claimed it)."""

    status = 409


class Unavailable(Conflict):
    """The agent to hand the conversation to is not available (offline or locked out)."""


class Forbidden(HandoffError):
    """The conversation belongs to another agent."""

    status = 403


class Invalid(HandoffError):
    """Bad input: empty or too long text, unknown agent."""

    status = 400


@dataclass(frozen=True)
class Done:
    """What an action did: the conversation, and whether the delivery worker has work."""

    conversation: Conversation
    queued: bool = False
    held: bool = False  # the channel's reply window (WhatsApp's 24 hours) is closed: it waits


def get(session: Session, conv_id: int) -> Conversation:
    """The conversation ``conv_id`` (fresh from the database), or raise NotFound."""
    conv = session.get(Conversation, conv_id, populate_existing=True)
    if conv is None:
        raise NotFound(f"no conversation {conv_id}")
    return conv


def window_closed(conv: Conversation, now: dt.datetime | None = None) -> bool:
    """True when the channel has a reply window (WhatsApp: 24 hours since the person last
    wrote) and it is closed, ``now`` by default on the database's clock (which stamped the
    person's last message), not this web process's."""
    channel = channels.get(conv.contact.channel)
    if channel.reply_window is None:
        return False
    session = object_session(conv)
    now = now or (db_time(session) if session is not None else utcnow())
    return not channel.window_open(conv.contact.last_inbound_at, now)


def _say(session: Session, conv: Conversation, text: str, author: str) -> bool:
    """Send ``text`` to the person; True when an outbox row was queued."""
    session.add(Message(conversation=conv, direction="out", author=author, text=text))
    contact = conv.contact
    if contact.channel not in channels.queued():  # web chat reads Message rows when it polls
        return False
    outbox.enqueue(session, channel=contact.channel, address=contact.external_id,
                   replies=[text], contact_id=contact.id, conversation_id=conv.id,
                   lang=conv.lang)
    return True


def _clean(text: str) -> str:
    text = clean_text(text or "").strip()
    if not text:
        raise Invalid("text is empty")
    if len(text) > MAX_TEXT:
        raise Invalid(f"text is longer than {MAX_TEXT} characters")
    return text


def _locked(session: Session, conv_id: int) -> Conversation:
    """Write to the conversation row first (see the module docstring), then read it."""
    if not transitions.touch(session, conv_id):
        raise NotFound(f"no conversation {conv_id}")
    return get(session, conv_id)


def _held_by(conv: Conversation, agent: Agent) -> None:
    """Raise unless ``agent`` may act on ``conv`` as its holder (admins may act for anyone)."""
    if conv.status != "assigned":
        raise Conflict(f"conversation {conv.id} is {conv.status}, not assigned: claim it first")
    if conv.assigned_to != agent.name and agent.role != "admin":
        raise Forbidden(f"conversation {conv.id} belongs to another agent")


def _joined(catalog: Catalog, conv: Conversation, agent: Agent) -> str:
    """The person's notice that ``agent`` joined: by display name, never the login name."""
    shown = agent.display_name or catalog.message("agent_someone", conv.lang).strip()
    return catalog.message("agent_joined", conv.lang, agent=shown)


def claim(session: Session, catalog: Catalog, conv_id: int, agent: Agent) -> Done:
    """Take a waiting conversation; Conflict if someone else got it first."""
    now = db_time(session)  # staff times on one clock, whichever web process serves them
    won = transitions.assign(session, conv_id, agent.name, now)
    conv = get(session, conv_id)
    if not won:
        if conv.status == "assigned" and conv.assigned_to == agent.name:
            return Done(conv)  # a double click: already ours
        holder = "another agent" if conv.status == "assigned" else f"status {conv.status}"
        raise Conflict(f"conversation {conv_id} is not waiting ({holder})")
    queued = _say(session, conv, _joined(catalog, conv, agent), "bot")
    audit(session, agent.name, "claim", conversation_id=conv.id)
    log.info("conv=%s claimed by agent id=%s", conv.id, agent.id)
    return Done(conv, queued=queued)


def auto_assign(session: Session, catalog: Catalog, conv_id: int) -> Done | None:
    """Give a new waiting case to the least busy online agent (``bot.presence``); None when
    nobody is online or it is no longer waiting. The person is told who joined, as on a
    claim; the audit names the agent and says it was automatic."""
    name = presence.least_busy(session)
    agent = agent_by_name(session, name) if name else None
    if agent is None or not transitions.assign(session, conv_id, agent.name,
                                                         db_time(session)):
        return None
    conv = get(session, conv_id)
    queued = _say(session, conv, _joined(catalog, conv, agent), "bot")
    audit(session, agent.name, "auto_assign", conversation_id=conv.id)
    log.info("conv=%s assigned automatically to agent id=%s", conv.id, agent.id)
    return Done(conv, queued=queued)


def reply(session: Session, conv_id: int, agent: Agent, text: str) -> Done:
    """Send the agent's ``text`` to the person of a conversation the agent holds."""
    text = _clean(text)
    conv = _locked(session, conv_id)
    _held_by(conv, agent)
    held = window_closed(conv)
    queued = _say(session, conv, text, agent.name)
    audit(session, agent.name, "reply", conversation_id=conv.id,
          detail=f"{conv.contact.channel} window closed: held" if held else None)
    return Done(conv, queued=queued, held=held)


def note(session: Session, conv_id: int, agent: Agent, text: str) -> Done:
    """Add an internal note (never sent to the person)."""
    text = _clean(text)
    conv = _locked(session, conv_id)
    session.add(Message(conversation=conv, direction="note", author=agent.name, text=text))
    audit(session, agent.name, "note", conversation_id=conv.id)
    return Done(conv)


def transfer(
    session: Session, catalog: Catalog, conv_id: int, agent: Agent, to_name: str
) -> Done:
    """Hand a conversation the agent holds to another active agent."""
    conv = _locked(session, conv_id)
    _held_by(conv, agent)
    target = agent_by_name(session, to_name)
    if target is None or not target.active:
        raise Invalid(f"no active agent called {to_name!r}")
    if target.name == conv.assigned_to:
        return Done(conv)
    if not presence.available(session, target):
        raise Unavailable(f"agent {to_name!r} is offline or locked out")
    holder = conv.assigned_to
    if not transitions.reassign(session, conv_id, holder, target.name):
        raise Conflict(f"conversation {conv_id} changed hands meanwhile")
    conv = get(session, conv_id)
    queued = _say(session, conv, _joined(catalog, conv, target), "bot")
    audit(session, agent.name, "transfer", conversation_id=conv.id,
          detail=f"agent id {target.id}")
    return Done(conv, queued=queued)


def release(session: Session, conv_id: int, agent: Agent) -> Done:
    """Put a conversation the agent holds back in the queue (it keeps its place)."""
    conv = _locked(session, conv_id)
    _held_by(conv, agent)
    if not transitions.requeue(session, conv_id, conv.assigned_to):
        raise Conflict(f"conversation {conv_id} changed hands meanwhile")
    conv = get(session, conv_id)
    audit(session, agent.name, "release", conversation_id=conv.id)
    return Done(conv)


def close(session: Session, catalog: Catalog, conv_id: int, agent: Agent) -> Done:
    """Close a conversation: say goodbye, ask for a 1-5 rating (the engine takes the digit)."""
    conv = _locked(session, conv_id)
    holder = None
    if conv.status != "waiting":
        # Anyone may close a waiting conversation (spam, solved elsewhere) without claiming.
        _held_by(conv, agent)
        holder = conv.assigned_to
    if not transitions.close(session, conv_id, holder, db_time(session)):
        raise Conflict(f"conversation {conv_id} changed meanwhile")
    conv = get(session, conv_id)
    queued = False
    if not conv.silenced:  # the person asked for no more messages: no goodbye, no rating
        queued = _say(session, conv, catalog.message("agent_closed", conv.lang), "bot")
        queued = _say(session, conv, catalog.message("rating_ask", conv.lang), "bot") or queued
    audit(session, agent.name, "close", conversation_id=conv.id)
    return Done(conv, queued=queued)
