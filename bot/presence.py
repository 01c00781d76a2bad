"""Who of the team is here and how busy each one is.

Presence comes from activity: every console request and poll notes the session's last use
(``ConsoleSession.seen_at``, written at most once a minute, see ``bot.agents``). An agent
is *online* when a session was used in the last ``ONLINE`` minutes, *away* within
``AWAY``, otherwise *offline*. An agent who is disabled or whose login is locked (too
many failed tries) is never available, whatever their sessions say.

Workload is the number of conversations an agent holds (status ``assigned``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import agents
from bot.models import Agent, ConsoleSession, Conversation, db_time

__all__ = ["AWAY", "LABELS", "ONLINE", "Member", "available", "least_busy", "state_of", "team"]

ONLINE = dt.timedelta(minutes=2)
AWAY = dt.timedelta(minutes=15)
LABELS = {"online": "en línea", "away": "ausente", "offline": "desconectado"}


@dataclass(frozen=True)
class Member:
    """One agent as the console lists them: presence, open conversations, last activity."""

    name: str
    display_name: str | None
    presence: str  # online | away | offline
    open: int
    seen_at: dt.datetime | None
    locked: bool
    last_assigned_at: dt.datetime | None

    @property
    def available(self) -> bool:
        """May be given a conversation: online or away, and not locked out."""
        return self.presence in ("online", "away") and not self.locked

    @property
    def label(self) -> str:
        """Presence in Spanish."""
        return LABELS[self.presence]


def state_of(seen_at: dt.datetime | None, now: dt.datetime) -> str:
    """online / away / offline from the last activity."""
    if seen_at is None:
        return "offline"
    idle = now - seen_at
    if idle < ONLINE:
        return "online"
    return "away" if idle < AWAY else "offline"


def team(session: Session, now: dt.datetime | None = None) -> list[Member]:
    """Every active agent with presence and workload, by name (five queries): presence on
    the database's clock, as every web process wrote it (``agents.session_agent``)."""
    now = now or db_time(session)
    seen: dict[int, dt.datetime | None] = {
        agent_id: at for agent_id, at in session.execute(
            select(ConsoleSession.agent_id, func.max(ConsoleSession.seen_at))
            .group_by(ConsoleSession.agent_id))}
    work = {name: (int(n), last) for name, n, last in session.execute(
        select(Conversation.assigned_to,
               func.count().filter(Conversation.status == "assigned"),
               func.max(Conversation.assigned_at))
        .where(Conversation.assigned_to.is_not(None))
        .group_by(Conversation.assigned_to))}
    active = list(session.scalars(select(Agent).where(Agent.active.is_(True))
                                  .order_by(Agent.name)))
    locked = agents.blocked_names(session, [a.name for a in active], now)
    members = []
    for agent in active:
        seen_at = seen.get(agent.id)
        if seen_at is not None and seen_at.tzinfo is None:  # SQLite's max() loses the zone
            seen_at = seen_at.replace(tzinfo=dt.UTC)
        open_, last = work.get(agent.name, (0, None))
        if last is not None and last.tzinfo is None:
            last = last.replace(tzinfo=dt.UTC)
        members.append(Member(agent.name, agent.display_name, state_of(seen_at, now), open_,
                              seen_at, agent.name in locked, last))
    return members


def available(session: Session, agent: Agent, now: dt.datetime | None = None) -> bool:
    """Whether ``agent`` may be given a conversation (active, online or away, not locked)."""
    if not agent.active:
        return False
    return any(m.name == agent.name and m.available for m in team(session, now))


def least_busy(session: Session, now: dt.datetime | None = None) -> str | None:
    """The online agent to give a new case to: fewest open conversations, then the one
    given a conversation longest ago (never first); None when nobody is online."""
    online = [m for m in team(session, now) if m.presence == "online" and not m.locked]
    if not online:
        return None
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return min(online, key=lambda m: (m.open, m.last_assigned_at or oldest, m.name)).name
