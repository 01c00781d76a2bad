"""Agent accounts: passwords (argon2), login lockout, API tokens and the audit log.

Passwords are hashed with argon2-cffi's ``PasswordHasher``; API tokens are random and only
their SHA-256 is stored, so a leaked database reveals neither. Every function takes the
caller's ``session`` and never commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import Agent, AuditLog, utcnow

__all__ = [
    "LOCKOUT",
    "MAX_FAILURES",
    "MIN_PASSWORD",
    "ROLES",
    "AccountError",
    "LoginResult",
    "agent_by_name",
    "agent_for_token",
    "audit",
    "authenticate",
    "create_agent",
    "issue_token",
    "reset_password",
    "session_key",
    "set_active",
    "token_hash",
]

log = logging.getLogger(__name__)

ROLES = ("agent", "admin")
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD = 10
NAME_MAX = 64

_hasher = PasswordHasher()
# Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """A bad name, role or password for an agent account; the message says which."""


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a login attempt: ``agent`` is set only when ``ok``."""

    ok: bool
    reason: str  # ok | bad | locked | inactive
    agent: Agent | None = None
    locked_until: dt.datetime | None = None


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > NAME_MAX or not all(c.isalnum() or c in " ._-" for c in name):
        raise AccountError(
            f"name must have 1 to {NAME_MAX} letters, digits, spaces, dots, _ or -"
        )
    if name in ("person", "bot"):
        raise AccountError(f"{name!r} is reserved")
    return name


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password must have at least {MIN_PASSWORD} characters")


def agent_by_name(session: Session, name: str) -> Agent | None:
    """The agent called ``name``, or None."""
    return session.scalars(select(Agent).where(Agent.name == name.strip())).first()


def create_agent(session: Session, name: str, password: str, role: str = "agent") -> Agent:
    """Add an active agent; raise AccountError for a taken name, bad role or short password."""
    name = _check_name(name)
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    _check_password(password)
    if agent_by_name(session, name) is not None:
        raise AccountError(f"an agent called {name!r} already exists")
    agent = Agent(name=name, password_hash=_hasher.hash(password), role=role, active=True)
    session.add(agent)
    session.flush()
    return agent


def reset_password(session: Session, agent: Agent, password: str) -> None:
    """Set a new password and lift any lockout (open console sessions end)."""
    _check_password(password)
    agent.password_hash = _hasher.hash(password)
    agent.failed_logins, agent.locked_until = 0, None


def set_active(agent: Agent, active: bool) -> None:
    """Enable or disable an agent; disabling also revokes the API token."""
    agent.active = active
    if not active:
        agent.token_hash = None


def authenticate(
    session: Session, name: str, password: str, *, now: dt.datetime | None = None
) -> LoginResult:
    """Check a login; count failures and lock the account for 15 min after 5 in a row."""
    now = now or utcnow()
    agent = agent_by_name(session, name) if name.strip() else None
    if agent is None:
        _verify(_DUMMY_HASH, password)
        return LoginResult(False, "bad")
    if agent.locked_until is not None and agent.locked_until > now:
        return LoginResult(False, "locked", locked_until=agent.locked_until)
    if not _verify(agent.password_hash, password):
        agent.failed_logins += 1
        if agent.failed_logins >= MAX_FAILURES:
            agent.failed_logins, agent.locked_until = 0, now + LOCKOUT
            log.warning("agent id=%s locked after %s failed logins", agent.id, MAX_FAILURES)
            return LoginResult(False, "locked", agent=None, locked_until=agent.locked_until)
        return LoginResult(False, "bad")
    if not agent.active:
        return LoginResult(False, "inactive")
    agent.failed_logins, agent.locked_until = 0, None
    if _hasher.check_needs_rehash(agent.password_hash):
        agent.password_hash = _hasher.hash(password)
    return LoginResult(True, "ok", agent=agent)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def session_key(agent: Agent) -> str:
    """A fingerprint of the password hash: a console session ends when the password changes."""
    return hashlib.sha256(agent.password_hash.encode()).hexdigest()[:32]


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
