"""Telegram: ``POST /webhooks/telegram`` verifies the secret and hands the update over.

Check the ``X-Telegram-Bot-Api-Secret-Token`` header, let the channel
(``bot.channels.telegram``) turn the update into inbound messages, store them in the inbox
and acknowledge; the worker answers them. An update with nothing to answer is acknowledged
with 200 too, so Telegram does not retry it.

A button press is acknowledged in the webhook's own response (Telegram performs an
``answerCallbackQuery`` given as the response body), so no extra request is made while the
person waits and no request thread blocks on the Bot API.
"""

from __future__ import annotations

import hmac
import logging

from flask import Blueprint, Flask, Response, jsonify, request

from bot.channels.telegram import CHANNEL, is_id
from webhooks.context import accepted, helpline

__all__ = ["CHANNEL", "SECRET_HEADER", "bp", "init_app"]

log = logging.getLogger(__name__)

bp = Blueprint("telegram", __name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name


def init_app(app: Flask) -> None:
    """Attach the Telegram webhook to ``app``."""
    app.register_blueprint(bp)


@bp.post("/webhooks/telegram")
def webhook() -> Response | tuple[str, int]:
    """One update from Telegram: 403 unless the secret matches, else 200 (or 400 if not JSON)."""
    settings = helpline().settings
    if not _secret_ok(request.headers.get(SECRET_HEADER), settings.telegram_webhook_secret):
        log.warning("telegram webhook: missing or wrong secret token")
        return "", 403
    data = request.get_json(force=True, silent=True)
    if not isinstance(data, dict) or not is_id(data.get("update_id")):
        return "not a Telegram update", 400
    inbounds = CHANNEL.parse(data)
    if not inbounds:
        log.info("telegram update %s ignored", data["update_id"])
    elif not accepted(inbounds):
        return "database unavailable, try again", 503
    query = data.get("callback_query")
    query_id = query.get("id") if isinstance(query, dict) else None
    if isinstance(query_id, str) and query_id:
        # Stops the spinner on the button; Telegram runs the method given in the response.
        return jsonify(method="answerCallbackQuery", callback_query_id=query_id)
    return "", 200


def _secret_ok(given: str | None, expected: str) -> bool:
    if not given or not expected:
        return False
    # Bytes: compare_digest refuses non-ASCII str, and a header may carry anything.
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))
