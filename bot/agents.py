"""Agent accounts: passwords (argon2), login throttling, sessions, API tokens, the audit log.

Passwords are hashed with argon2-cffi's ``PasswordHasher``; console session ids and API
tokens are random and only their SHA-256 is stored, so a leaked database reveals none of
them. Every function takes the caller's ``session`` and never commits, except
``authenticate``, which must not hold a transaction while it checks the password.

Failed logins are counted per account name and per client address (``LoginThrottle``):
after a few, each new try must wait a delay that doubles with every failure, up to a cap.
Unknown names are counted like real ones and every refusal reads the same, so the answer
never tells whether an account exists or is being delayed. The account's cap is short, so
nobody can keep an agent (or the only admin) out for long; the client's is long.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import secrets
import unicodedata
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.models import Agent, AuditLog, ConsoleSession, LoginThrottle, db_time, utcnow

__all__ = [
    "ACCOUNT_LIMIT",
    "CLIENT_LIMIT",
    "MAX_PASSWORD",
    "MIN_PASSWORD",
    "ROLES",
    "AccountError",
    "Limit",
    "LoginResult",
    "agent_by_name",
    "agent_for_token",
    "audit",
    "authenticate",
    "blocked_names",
    "blocked_until",
    "create_agent",
    "display_names",
    "end_session",
    "end_sessions",
    "forget_old_failures",
    "issue_token",
    "reset_password",
    "session_agent",
    "set_active",
    "set_display_name",
    "start_session",
    "token_hash",
    "unlock",
]

log = logging.getLogger(__name__)

ROLES = ("agent", "admin")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
NAME_MAX = 64
# Login names: plain ASCII only, so no two names can look alike ("аna" with a Cyrillic "а").
LOGIN_NAME = re.compile(r"[A-Za-z0-9._-]{1,64}")


@dataclass(frozen=True)
class Limit:
    """Free failures, then a delay of ``first`` doubling with each failure up to ``cap``."""

    scope: str
    free: int
    first: dt.timedelta
    cap: dt.timedelta

    def delay(self, failures: int) -> dt.timedelta | None:
        """How long to wait after the ``failures``-th failure in a row (None: no wait)."""
        if failures < self.free:
            return None
        doublings = min(failures - self.free, 20)
        return min(self.first * 2**doublings, self.cap)


CLIENT_LIMIT = Limit("client", 5, dt.timedelta(seconds=10), dt.timedelta(minutes=15))
ACCOUNT_LIMIT = Limit("account", 10, dt.timedelta(seconds=10), dt.timedelta(minutes=2))
FORGET_AFTER = dt.timedelta(days=1)  # failures this old no longer count
SEEN_EVERY = dt.timedelta(minutes=1)  # how often a session's last use is written

_hasher = PasswordHasher()
# Verified against when the name is unknown or the try must wait, so every refusal costs as
# long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """A bad name, role or password for an agent account; the message says which."""


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a login attempt: ``agent`` is set only when ``ok``. ``reason`` (ok,
    bad, unknown, waiting, inactive, too_long) is for the audit log only: people are shown
    the same answer whatever it is."""

    ok: bool
    reason: str
    agent: Agent | None = None


def _check_name(name: str) -> str:
    name = name.strip()
    if not LOGIN_NAME.fullmatch(name):
        raise AccountError(
            f"name must have 1 to {NAME_MAX} ASCII letters, digits, dots, _ or -")
    if name.lower() in ("person", "bot", "cli"):
        raise AccountError(f"{name!r} is reserved")
    return name


def _check_display_name(display: str | None) -> str | None:
    """Any letters (people read it), spaces, dots, apostrophes and hyphens; NFC."""
    if display is None or not display.strip():
        return None
    display = unicodedata.normalize("NFC", " ".join(display.split()))
    if len(display) > NAME_MAX or not all(c.isalpha() or c in " .'-" for c in display):
        raise AccountError(
            f"display name must have 1 to {NAME_MAX} letters, spaces, dots, ' or -")
    return display


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password must have at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"password must have at most {MAX_PASSWORD} characters")


def agent_by_name(session: Session, name: str) -> Agent | None:
    """The agent called ``name``, or None."""
    if "\x00" in name:  # no name has one, and PostgreSQL refuses it in a query
        return None
    return session.scalars(select(Agent).where(Agent.name == name.strip())).first()


def create_agent(session: Session, name: str, password: str, role: str = "agent",
                 display_name: str | None = None) -> Agent:
    """Add an active agent; raise AccountError for a taken name, bad role or password."""
    name = _check_name(name)
    display = _check_display_name(display_name)
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    _check_password(password)
    taken = session.scalars(
        select(Agent.id).where(func.lower(Agent.name) == name.lower())).first()
    if taken is not None:
        raise AccountError(f"an agent called {name!r} already exists")
    agent = Agent(name=name, display_name=display, password_hash=_hasher.hash(password),
                  role=role, active=True)
    session.add(agent)
    session.flush()
    return agent


def set_display_name(agent: Agent, display_name: str | None) -> None:
    """Change the name people see (empty: a neutral word); AccountError if not valid."""
    agent.display_name = _check_display_name(display_name)


def display_names(session: Session, names: set[str]) -> dict[str, str]:
    """The display name of each of these login names that has one."""
    if not names:
        return {}
    rows = session.execute(select(Agent.name, Agent.display_name)
                           .where(Agent.name.in_(names), Agent.display_name.is_not(None)))
    return {name: display for name, display in rows if display}


def reset_password(session: Session, agent: Agent, password: str) -> None:
    """Set a new password; the agent's console sessions and API token stop working."""
    _check_password(password)
    agent.password_hash = _hasher.hash(password)
    agent.token_hash = None
    end_sessions(session, agent)
    unlock(session, agent.name)


def set_active(session: Session, agent: Agent, active: bool) -> None:
    """Enable or disable an agent; disabling ends their sessions and revokes the API token."""
    agent.active = active
    if not active:
        agent.token_hash = None
        end_sessions(session, agent)


# --- logging in -----------------------------------------------------------------------------


def _throttle_key(limit: Limit, value: str) -> str:
    return hashlib.sha256(f"{limit.scope}:{value}".encode()).hexdigest()


def _keys(name: str, client: str) -> list[tuple[Limit, str]]:
    return [(ACCOUNT_LIMIT, _throttle_key(ACCOUNT_LIMIT, name.strip().lower())),
            (CLIENT_LIMIT, _throttle_key(CLIENT_LIMIT, client))]


def _reserve(session: Session, keys: list[tuple[Limit, str]], now: dt.datetime) -> bool:
    """Count this try as a failure before the password is checked (a right password
    clears it), unless one of the keys must still wait; False when it must.

    The rows are locked (PostgreSQL ``FOR UPDATE``; SQLite's transactions take the write
    lock at BEGIN), so tries sent in parallel are counted one after the other and none of
    them slips past a delay another one started.
    """
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else (
        sqlite.insert)
    for _limit, key in sorted(keys, key=lambda k: k[1]):  # one lock order: no deadlock
        session.execute(insert(LoginThrottle).values(key=key, failures=0, last_failure_at=now)
                        .on_conflict_do_nothing(index_elements=["key"]))
    rows = {row.key: row for row in session.scalars(
        select(LoginThrottle).where(LoginThrottle.key.in_([k for _l, k in keys]))
        .order_by(LoginThrottle.key).with_for_update().execution_options(
            populate_existing=True))}
    if any(r.blocked_until is not None and r.blocked_until > now for r in rows.values()):
        return False
    for limit, key in keys:
        row = rows[key]
        if now - row.last_failure_at > FORGET_AFTER:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        wait = limit.delay(row.failures)
        row.blocked_until = now + wait if wait is not None else None
    return True


def authenticate(session: Session, name: str, password: str, *, client: str = "",
                 now: dt.datetime | None = None) -> LoginResult:
    """Check a login from ``client`` (its address); commits.

    Three short steps, so the slow password check (argon2, on purpose) never runs inside
    a transaction: on SQLite a transaction holds the one write lock of the whole file, and
    every web chat message and webhook would wait for it.
    """
    now = now or utcnow()
    name = name.strip()[:NAME_MAX]
    keys = _keys(name, client)
    allowed = _reserve(session, keys, now)
    session.commit()
    agent = agent_by_name(session, name) if allowed and name else None
    stored = agent.password_hash if agent is not None else _DUMMY_HASH
    session.commit()  # ends the read: the hash check below holds no lock
    right = _verify(stored, password) and len(password) <= MAX_PASSWORD
    if not allowed:
        return LoginResult(False, "waiting")
    if agent is None:
        return LoginResult(False, "unknown")
    if not right:
        log.info("agent id=%s: wrong password", agent.id)
        return LoginResult(False, "too_long" if len(password) > MAX_PASSWORD else "bad")
    session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_([k for _l, k in keys])))
    agent = session.get(Agent, agent.id, populate_existing=True)
    if agent is None or not agent.active:
        session.commit()
        return LoginResult(False, "inactive")
    if _hasher.check_needs_rehash(agent.password_hash):
        agent.password_hash = _hasher.hash(password)
    session.commit()
    return LoginResult(True, "ok", agent=agent)


def blocked_until(session: Session, name: str, now: dt.datetime | None = None) -> (
        dt.datetime | None):
    """Until when tries on account ``name`` must wait (from any client), or None."""
    now = now or utcnow()
    until = session.scalar(select(LoginThrottle.blocked_until).where(
        LoginThrottle.key == _throttle_key(ACCOUNT_LIMIT, name.strip().lower())))
    return until if until is not None and until > now else None


def blocked_names(session: Session, names: list[str], now: dt.datetime | None = None) -> (
        set[str]):
    """Which of the accounts ``names`` must wait before another try (one query)."""
    now = now or utcnow()
    keys = {_throttle_key(ACCOUNT_LIMIT, name.strip().lower()): name for name in names}
    if not keys:
        return set()
    rows = session.scalars(select(LoginThrottle.key).where(
        LoginThrottle.key.in_(list(keys)), LoginThrottle.blocked_until > now))
    return {keys[key] for key in rows}


def forget_old_failures(session: Session, now: dt.datetime | None = None) -> int:
    """Delete failure counts that no longer count (run by the purge); how many."""
    now = now or utcnow()
    result = session.execute(delete(LoginThrottle).where(
        LoginThrottle.last_failure_at < now - FORGET_AFTER,
        or_(LoginThrottle.blocked_until.is_(None), LoginThrottle.blocked_until < now)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def unlock(session: Session, name: str) -> None:
    """Forget the failed logins of account ``name`` (an admin vouches for the agent)."""
    session.execute(delete(LoginThrottle).where(
        LoginThrottle.key == _throttle_key(ACCOUNT_LIMIT, name.strip().lower())))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password[:MAX_PASSWORD + 1])
    except (VerificationError, InvalidHashError):
        return False


# --- console sessions -----------------------------------------------------------------------


def start_session(session: Session, agent: Agent) -> str:
    """A new console session for ``agent``: the id for the cookie (only its hash is kept)."""
    sid = secrets.token_urlsafe(32)
    session.add(ConsoleSession(agent_id=agent.id, token_hash=token_hash(sid)))
    session.flush()
    return sid


def session_agent(session: Session, sid: str, *, idle: dt.timedelta, lifetime: dt.timedelta,
                  now: dt.datetime | None = None) -> Agent | None:
    """The active agent of console session ``sid``, or None (an expired one is deleted).
    Its times are the database's: web processes on several machines share the sessions."""
    if not sid:
        return None
    now = now or db_time(session)
    row = session.scalars(select(ConsoleSession)
                          .where(ConsoleSession.token_hash == token_hash(sid))).first()
    if row is None:
        return None
    agent = session.get(Agent, row.agent_id)
    if (agent is None or not agent.active or now - row.seen_at > idle
            or now - row.created_at > lifetime):
        session.delete(row)
        return None
    if now - row.seen_at > SEEN_EVERY:  # not a write on every poll
        row.seen_at = now
    return agent


def end_session(session: Session, sid: str) -> None:
    """End console session ``sid`` (log out)."""
    session.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == token_hash(sid)))


def end_sessions(session: Session, agent: Agent) -> None:
    """End every console session of ``agent``."""
    session.execute(delete(ConsoleSession).where(ConsoleSession.agent_id == agent.id))


def token_hash(token: str) -> str:
    """The SHA-256 (hex) stored for an API token."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, agent: Agent) -> str:
    """A new API token for ``agent`` (the previous one stops working); only its hash is kept."""
    token = "pa_" + secrets.token_urlsafe(32)
    agent.token_hash = token_hash(token)
    session.flush()
    return token


def agent_for_token(session: Session, token: str) -> Agent | None:
    """The active agent whose token this is, or None."""
    if not token:
        return None
    agent = session.scalars(select(Agent).where(Agent.token_hash == token_hash(token))).first()
    return agent if agent is not None and agent.active else None


def audit(
    session: Session,
    agent: str,
    action: str,
    *,
    conversation_id: int | None = None,
    detail: str | None = None,
) -> AuditLog:
    """Record one agent action (ids and short facts only, never message texts)."""
    row = AuditLog(agent=agent[:64], action=action[:32], conversation_id=conversation_id,
                   detail=detail[:200] if detail else None)
    session.add(row)
    log.info("audit agent=%s action=%s conv=%s", agent, action, conversation_id)
    return row
