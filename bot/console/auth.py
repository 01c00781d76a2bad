"""Console sessions: who is logged in, login-required decorators and the CSRF check.

Sessions live on the server (``ConsoleSession``): the signed cookie carries only a random
session id, so logging out, a password reset or disabling the agent ends the session even
for a copy of the cookie; a session unused for ``CONSOLE_IDLE_HOURS`` or older than
``CONSOLE_MAX_HOURS`` ends too.

CSRF: one random token per browser session (``session["console_csrf"]``), sent back in a
hidden ``csrf_token`` field by every form and in an ``X-CSRF-Token`` header by the console's
JavaScript, compared in constant time. The same small scheme as the web chat, so no extra
dependency; the session cookie itself is HttpOnly and SameSite=Lax (set by the app).
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, g, jsonify, redirect, request, session, url_for

from bot import agents
from bot.config import Settings
from bot.models import Agent

__all__ = [
    "admin_required",
    "check_csrf",
    "csrf_token",
    "current_agent",
    "load_agent",
    "log_in",
    "log_out",
    "login_required",
]

F = TypeVar("F", bound=Callable[..., Any])
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def csrf_token() -> str:
    """This browser session's CSRF token (made on first use)."""
    if "console_csrf" not in session:
        session["console_csrf"] = secrets.token_urlsafe(32)
    return cast(str, session["console_csrf"])


def check_csrf() -> None:
    """Abort with 400 when an unsafe request lacks the right CSRF token."""
    if request.method not in UNSAFE:
        return
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    expected = session.get("console_csrf") or ""
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(400, description="CSRF token missing or wrong: reload the page and try again")


def load_agent(db: Any, settings: Settings) -> None:
    """Set ``g.agent`` from the session id in the cookie, if the server still knows it."""
    g.agent = None
    sid = session.get("console_sid")
    if not isinstance(sid, str):
        return
    agent = agents.session_agent(
        db, sid, idle=dt.timedelta(hours=settings.console_idle_hours),
        lifetime=dt.timedelta(hours=settings.console_max_hours))
    if db.dirty or db.deleted:  # last use noted, or an expired session deleted: keep it
        db.commit()
    if agent is None:
        session.pop("console_sid", None)
        return
    g.agent = agent


def current_agent() -> Agent:
    """The logged-in agent (only inside ``login_required`` views)."""
    agent = g.get("agent")
    if agent is None:
        abort(401)
    return cast(Agent, agent)


def log_in(db: Any, agent: Agent) -> None:
    """Start a fresh session for ``agent`` (a new CSRF token too); the caller commits."""
    session.clear()
    session["console_sid"] = agents.start_session(db, agent)
    csrf_token()


def log_out(db: Any) -> None:
    """End the session, on the server too; the caller commits."""
    sid = session.get("console_sid")
    if isinstance(sid, str):
        agents.end_session(db, sid)
    session.clear()


def _wants_json() -> bool:
    return request.path.startswith("/console/api/") or request.accept_mimetypes.best == (
        "application/json")


def login_required(view: F) -> F:
    """Redirect to the login page (or 401 for JSON) unless an agent is logged in."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if g.get("agent") is None:
            if _wants_json():
                return jsonify(error="not logged in"), 401
            return redirect(url_for("console.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return cast(F, wrapper)


def admin_required(view: F) -> F:
    """Only admins; others get 403."""

    @wraps(view)
    @login_required
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_agent().role != "admin":
            abort(403)
        return view(*args, **kwargs)

    return cast(F, wrapper)
