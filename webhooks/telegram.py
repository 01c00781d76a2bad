"""Telegram: ``POST /webhooks/telegram`` turns a Bot API update into inbound messages.

Verify the ``X-Telegram-Bot-Api-Secret-Token`` header, parse the update with
python-telegram-bot, store private messages and menu button presses in the inbox and
acknowledge; the worker answers them and sends the replies. Everything else Telegram may
send (edited messages, groups, channels, update kinds we do not use) is acknowledged with
200 and ignored, so Telegram does not retry it.

A button press is acknowledged in the webhook's own response (Telegram performs an
``answerCallbackQuery`` given as the response body), so no extra request is made while the
person waits and no request thread blocks on the Bot API.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from flask import Blueprint, Flask, Response, jsonify, request
from telegram import MaybeInaccessibleMessage, Message, Update

from bot.messages import Inbound
from webhooks.app import accepted, helpline

__all__ = ["SECRET_HEADER", "bp", "init_app", "to_inbounds"]

log = logging.getLogger(__name__)

bp = Blueprint("telegram", __name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
CHANNEL = "telegram"
MAX_ID = 2**53  # Bot API ids fit in 52 bits; anything larger is not from Telegram
MEDIA = ("photo", "sticker", "voice", "audio", "video", "video_note", "document",
         "animation", "contact", "poll", "dice", "game", "story", "paid_media")
MENU_COMMANDS = frozenset({"/help", "/menu"})


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
    if not isinstance(data, dict) or not _is_id(data.get("update_id")):
        return "not a Telegram update", 400
    try:
        update = Update.de_json(data, None)
    except Exception as exc:  # a shape python-telegram-bot cannot read: nothing to answer
        log.warning("telegram update %s unreadable (%s): ignored", data["update_id"],
                    type(exc).__name__)
        return "", 200
    inbounds = to_inbounds(update)
    if not inbounds:
        log.info("telegram update %s ignored", update.update_id)
    elif not accepted(inbounds):
        return "database unavailable, try again", 503
    query = update.callback_query
    if query is not None and isinstance(query.id, str) and query.id:
        # Stops the spinner on the button; Telegram runs the method given in the response.
        return jsonify(method="answerCallbackQuery", callback_query_id=query.id)
    return "", 200


def to_inbounds(update: Update) -> list[Inbound]:
    """The inbound messages an update carries for the engine; empty when it is ignored."""
    update_id = str(update.update_id)
    message = update.message
    if message is not None:
        chat = _private_chat(message)
        return [] if chat is None else _from_message(message, chat, update_id)
    query = update.callback_query
    if query is not None and isinstance(query.data, str) and query.data.strip():
        # A menu older than 48 hours comes as an InaccessibleMessage; it still has its chat.
        chat = _private_chat(query.message)
        if chat is None:
            return []
        return [Inbound(CHANNEL, chat, query.data, external_id=update_id)]
    return []  # edited messages, channel posts, polls, unknown kinds...


def _from_message(message: Message, chat: str, update_id: str) -> list[Inbound]:
    text = message.text if isinstance(message.text, str) else ""
    if text.strip():
        command = text.split(maxsplit=1)[0].split("@", 1)[0].lower()
        if command == "/start":
            # The greeting, then the menu: two turns, each with its own id so a retried
            # update repeats neither.
            return [Inbound(CHANNEL, chat, "hola", external_id=update_id),
                    Inbound(CHANNEL, chat, "menu", external_id=f"{update_id}/menu")]
        if command in MENU_COMMANDS:
            return [Inbound(CHANNEL, chat, "menu", external_id=update_id)]
        return [Inbound(CHANNEL, chat, text, external_id=update_id)]
    caption = message.caption if isinstance(message.caption, str) else None
    if message.location is not None or message.venue is not None:
        return [Inbound(CHANNEL, chat, None, kind="location", external_id=update_id)]
    if any(getattr(message, name, None) for name in MEDIA):
        text_or_none = caption or None
        return [Inbound(CHANNEL, chat, text_or_none, kind="media", external_id=update_id)]
    return []  # service messages (pins, joins...) say nothing to answer


def _private_chat(message: MaybeInaccessibleMessage | None) -> str | None:
    """The chat id of a private chat; None for groups, channels and malformed chats."""
    chat: Any = getattr(message, "chat", None)
    if chat is None or chat.type != "private" or not _is_id(chat.id):
        return None
    return str(chat.id)


def _secret_ok(given: str | None, expected: str) -> bool:
    if not given or not expected:
        return False
    # Bytes: compare_digest refuses non-ASCII str, and a header may carry anything.
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def _is_id(value: object) -> bool:
    return type(value) is int and -MAX_ID < value < MAX_ID

