"""The console's live parts: conditional feed answers, "seen" marks, typing reports, and
JSON answers to the action forms when the page's script sends them (``bot.live``). The
routes are in ``bot.console.views``.

The forms post as before and get a redirect; the page's script (``live.js``) posts the
same forms with ``Accept: application/json`` and gets ``{"ok", "message", ...}`` instead,
so nothing reloads. Without JavaScript nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response, jsonify, request

from bot import handoff, live
from bot.console import auth
from bot.models import Conversation
from bot.web import db_session

__all__ = ["conditional", "json_wanted", "mark_seen", "report_typing"]


def json_wanted() -> bool:
    """The request came from the page's script and wants JSON, not a redirect."""
    return request.accept_mimetypes.best == "application/json"


def conditional(viewer: str, build: Callable[[], dict[str, Any]]) -> Response:
    """``build()`` as JSON with an ETag, or an empty 304 when the browser's copy is current
    (``If-None-Match``): an idle poll costs one statement (``live.feed_version``)."""
    version = live.feed_version(db_session(), viewer, request.query_string.decode("latin-1"))
    if version in request.if_none_match:
        response = Response(status=304)
    else:
        response = jsonify(build())
    response.set_etag(version)
    return response


def mark_seen(conv: Conversation, upto: int | None) -> None:
    """The current agent saw ``conv``'s messages up to ``upto`` (all when None); committed
    at once, so the queue's unread counts follow. ``conv`` is the one the view has just read:
    the UPDATE is guarded in SQL (never backwards), so it needs no second read."""
    s = db_session()
    limit = upto if upto is not None else (1 << 62)
    if live.mark_seen(s, conv, auth.current_agent(), limit):
        s.commit()


def report_typing(conv_id: int) -> tuple[Response, int] | Response:
    """Note that the current agent types in conversation ``conv_id``: 204, 404 or 409."""
    s = db_session()
    try:
        conv = handoff.get(s, conv_id)
    except handoff.NotFound:
        return jsonify(error="not found"), 404
    if not live.note_typing(s, conv, auth.current_agent()):
        s.rollback()
        return jsonify(error="only the agent holding the conversation types in it"), 409
    s.commit()
    return Response(status=204)
