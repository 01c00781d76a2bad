"""The agent API under ``/api/v1``: JSON in and out, ``Authorization: Bearer TOKEN``.

Tokens come from ``paisano agent token NAME``; only their SHA-256 is stored. The API takes
no cookies, so it needs no CSRF token. Errors are ``{"error": "..."}`` with 400 (bad input),
401 (wrong or missing token), 403 (another agent's conversation), 404 (unknown id) or 409
(not in a state for this, e.g. someone else claimed it first).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, cast

from flask import Blueprint, Response, g, jsonify, request
from sqlalchemy.orm import Session

from bot import abuse, agents, handoff
from bot.console.services import (
    MAX_ID,
    STATUSES,
    conversation_json,
    finish,
    int_arg,
    list_conversations,
    messages_json,
)
from bot.handoff import Done, HandoffError
from bot.models import Agent
from bot.web import db_session, helpline

__all__ = ["bp"]

log = logging.getLogger(__name__)

bp = Blueprint("agent_api", __name__, url_prefix="/api/v1")
MAX_LIMIT = 500


def _error(message: str, status: int) -> tuple[Response, int]:
    response = jsonify(error=message)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="paisano"'
    return response, status


@bp.before_request
def _authenticate() -> tuple[Response, int] | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    agent = (agents.agent_for_token(db_session(), token.strip())
             if scheme.lower() == "bearer" else None)
    if agent is None:
        return _error("missing or wrong token: send Authorization: Bearer TOKEN", 401)
    g.api_agent = agent
    return None


@bp.after_request
def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def _agent() -> Agent:
    return cast(Agent, g.api_agent)


@bp.get("/conversations")
def conversations() -> Any:
    """Conversations with ``?status=waiting|assigned|closed`` (default waiting)."""
    status = request.args.get("status", "waiting")
    if status not in STATUSES:
        return _error(f"status must be one of {', '.join(STATUSES)}", 400)
    limit = int_arg(request.args.get("limit", "100"), MAX_LIMIT)
    if not limit:
        return _error(f"limit must be 1 to {MAX_LIMIT}", 400)
    rows = list_conversations(db_session(), status, limit)
    return jsonify([conversation_json(c) for c in rows])


CONV = f"<int(max={MAX_ID}):conv_id>"  # a larger id is a 404, not a database overflow
CONTACT = f"<int(max={MAX_ID}):contact_id>"


@bp.get(f"/conversations/{CONV}")
def conversation(conv_id: int) -> Any:
    """One conversation with its messages (internal notes left out); the read is audited."""
    s = db_session()
    try:
        conv = handoff.get(s, conv_id)
    except HandoffError as exc:
        return _error(str(exc), exc.status)
    messages = [
        {k: m[k] for k in ("direction", "author", "text", "at")}
        for m in messages_json(s, conv.id, notes=False)
    ]
    agents.audit(s, _agent().name, "read", conversation_id=conv.id, detail="api")
    s.commit()
    return jsonify({**conversation_json(conv), "messages": messages})


def _act(do: Callable[[Session, Agent], Done], status: int) -> Any:
    s = db_session()
    agent = _agent()
    s.commit()  # end the read-only token check: the action starts a fresh transaction
    try:
        done = do(s, agent)
    except HandoffError as exc:
        s.rollback()
        return _error(str(exc), exc.status)
    finish(s, helpline(), done)
    body: dict[str, Any] = conversation_json(done.conversation)
    if done.held:
        body["held"] = True
    return jsonify(body), status


@bp.post(f"/conversations/{CONV}/claim")
def claim(conv_id: int) -> Any:
    """Claim a waiting conversation: 200, or 409 when someone else holds it."""
    return _act(lambda s, a: handoff.claim(s, helpline().catalog, conv_id, a), 200)


@bp.post(f"/conversations/{CONV}/messages")
def send(conv_id: int) -> Any:
    """Send ``{"text"}`` to the person: 202, queued for delivery."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return _error('expected JSON {"text": "..."}', 400)
    text: str = data["text"]
    return _act(lambda s, a: handoff.reply(s, conv_id, a, text), 202)


@bp.post(f"/conversations/{CONV}/abuse")
def abuse_(conv_id: int) -> Any:
    """Mark the contact as abuse: every open conversation of it closed, audited: 200."""
    return _marked(conv_id, abuse.mark_abuse(db_session(), conv_id, _agent().name))


@bp.post(f"/contacts/{CONTACT}/abuse")
def contact_abuse(contact_id: int) -> Any:
    """Mark a contact as abuse: its open conversations closed, its messages unanswered: 200."""
    return _marked(contact_id, abuse.mark_contact(db_session(), contact_id, _agent().name))


@bp.delete(f"/contacts/{CONTACT}/abuse")
def lift_contact_abuse(contact_id: int) -> Any:
    """Lift a contact's abuse mark (the bot answers them again), audited: 200."""
    if not abuse.unmark_contact(db_session(), contact_id, _agent().name):
        return _error("not found", 404)
    db_session().commit()
    return jsonify(id=contact_id, abuse=False), 200


def _marked(item_id: int, closed: int | None) -> Any:
    """Commit a mark as abuse: 200 with what it closed, 404 when there was nothing to mark."""
    if closed is None:
        return _error("not found", 404)
    db_session().commit()
    return jsonify(id=item_id, closed=closed), 200


@bp.post(f"/conversations/{CONV}/close")
def close(conv_id: int) -> Any:
    """Close the conversation and ask the person for a rating: 200."""
    return _act(lambda s, a: handoff.close(s, helpline().catalog, conv_id, a), 200)
