"""Request helpers for every blueprint (the console's and the channels' webhooks alike).

The app factory puts the process's ``Helpline`` in ``app.extensions``; these read it, and
give each request one database session, closed at teardown.
"""

from __future__ import annotations

from flask import current_app, g
from sqlalchemy.orm import Session

from bot.runtime import Helpline

__all__ = ["close_session", "db_session", "helpline"]


def helpline() -> Helpline:
    """The services of this app."""
    found: Helpline = current_app.extensions["helpline"]
    return found


def db_session() -> Session:
    """The database session of this request (one per request, closed at teardown)."""
    if "db_session" not in g:
        g.db_session = helpline().sessions()
    session: Session = g.db_session
    return session


def close_session(_exc: BaseException | None) -> None:
    """Close this request's session, if it opened one (a teardown function)."""
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
