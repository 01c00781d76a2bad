"""Telegram: a Bot API update becomes inbound messages; replies go out through the Bot API.

The webhook (``webhooks/telegram.py``) checks the secret token and hands the update's JSON
to ``CHANNEL.parse``: private messages and menu button presses become inbound messages;
everything else Telegram may send (edited messages, groups, channels, update kinds we do not
use) becomes nothing, so it is acknowledged and not retried.

``TELEGRAM_API_BASE_URL`` is the Bot API URL *up to and including* ``/bot``, without the
token: ``https://api.telegram.org/bot`` (the default). The sender appends the token, then
``/<method>``: ``https://api.telegram.org/bot<TOKEN>/sendMessage``. python-telegram-bot
(the webhook's methods) logs request parameters at DEBUG (``telegram`` logger) and httpx logs
the request URL, which contains the bot token, at INFO (``httpx`` logger); keep those
loggers at WARNING (``bot.runtime.configure_logging`` does).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import json
import logging
import threading
from collections.abc import Awaitable, Callable, Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Final, TypeVar
from urllib.parse import urlencode

import telegram
from telegram import error as tg_error
from telegram.request import HTTPXRequest

from bot.channels.base import Channel, ClosingSender, register
from bot.channels.keepalive import KeepAlive
from bot.messages import Inbound, mask
from bot.senders import SendResult, short_reason, split_text

if TYPE_CHECKING:
    from bot.config import Settings

__all__ = ["CHANNEL", "DEFAULT_API_BASE_URL", "TEXT_LIMIT", "TelegramChannel", "TelegramSender",
           "is_id", "to_inbounds"]

logger = logging.getLogger(__name__)

NAME = "telegram"
DEFAULT_API_BASE_URL: Final = "https://api.telegram.org/bot"
TEXT_LIMIT: Final = 4096  # the Bot API's longest message, sent and received
MAX_ID = 2**53  # Bot API ids fit in 52 bits; anything larger is not from Telegram
MEDIA = ("photo", "sticker", "voice", "audio", "video", "video_note", "document",
         "animation", "contact", "poll", "dice", "game", "story", "paid_media")
MENU_COMMANDS = frozenset({"/help", "/menu"})
_FORM = {"Content-Type": "application/x-www-form-urlencoded"}

_T = TypeVar("_T")
_Runtime = tuple[asyncio.AbstractEventLoop, threading.Thread, telegram.Bot]

MIN_WEBHOOK_SECRET = 16
MAX_WEBHOOK_SECRET = 256  # Telegram's limit


@dataclasses.dataclass(frozen=True)
class TelegramChannel(Channel):
    """Telegram: on with TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET."""

    def enabled(self, settings: Settings) -> bool:
        """On when its token and webhook secret are set."""
        return bool(settings.telegram_bot_token and settings.telegram_webhook_secret)

    def make_sender(self, settings: Settings) -> TelegramSender | None:
        """A Bot API sender, or None when Telegram is off."""
        if not self.enabled(settings):
            return None
        return TelegramSender(settings.telegram_bot_token,
                              settings.telegram_api_base_url or DEFAULT_API_BASE_URL)

    def check(self, env: dict[str, str]) -> None:
        """Token and secret come together; the secret uses Telegram's alphabet."""
        from bot.config import ConfigError

        token, secret = env.get("TELEGRAM_BOT_TOKEN", ""), env.get("TELEGRAM_WEBHOOK_SECRET", "")
        if (token or secret) and not (token and secret):
            missing = "TELEGRAM_WEBHOOK_SECRET" if token else "TELEGRAM_BOT_TOKEN"
            raise ConfigError(f"{missing} is missing: Telegram needs both token and secret")
        if secret and not all(c.isascii() and (c.isalnum() or c in "_-") for c in secret):
            raise ConfigError("TELEGRAM_WEBHOOK_SECRET may only use A-Z, a-z, 0-9, _ and -")
        if secret and not MIN_WEBHOOK_SECRET <= len(secret) <= MAX_WEBHOOK_SECRET:
            # Anyone who guesses it can post updates as any Telegram user.
            raise ConfigError(f"TELEGRAM_WEBHOOK_SECRET must have {MIN_WEBHOOK_SECRET} to "
                              f"{MAX_WEBHOOK_SECRET} characters (e.g. `python3 -c 'import secrets; "
                              "print(secrets.token_urlsafe(32))'`)")

    def parse(self, data: Any) -> list[Inbound]:
        """The inbound messages of one update's JSON; [] when it is ignored or unreadable."""
        return to_inbounds(data) if isinstance(data, dict) else []


CHANNEL = register(TelegramChannel(
    NAME, "Telegram", max_inbound=TEXT_LIMIT, text_limit=TEXT_LIMIT,
    # httpx logs URLs that carry the bot token; python-telegram-bot logs texts at DEBUG.
    quiet_loggers=("httpx", "telegram")))


# The update is read from its JSON as it came: python-telegram-bot's Update.de_json builds an
# object for each of the hundred fields an update may have, a fifth of the webhook's CPU time,
# to read these few. A field of the wrong type reads as absent: the update is ignored.
def to_inbounds(update: Mapping[str, Any]) -> list[Inbound]:
    """The inbound messages an update (its JSON) carries for the engine; empty when it is
    ignored."""
    update_id = str(update.get("update_id"))
    message = update.get("message")
    if message is not None:
        chat = _private_chat(message)
        return [] if chat is None else _from_message(message, chat, update_id)
    query = update.get("callback_query")
    if not isinstance(query, dict):
        return []  # edited messages, channel posts, polls, unknown kinds...
    data = query.get("data")
    # A menu older than 48 hours comes as an InaccessibleMessage; it still has its chat.
    chat = _private_chat(query.get("message"))
    if not isinstance(data, str) or not data.strip() or chat is None:
        return []
    return [Inbound(NAME, chat, data, external_id=update_id)]


def _from_message(message: Mapping[str, Any], chat: str, update_id: str) -> list[Inbound]:
    text = _text(message, "text") or ""
    if text.strip():
        command = text.split(maxsplit=1)[0].split("@", 1)[0].lower()
        if command == "/start":
            # The greeting, then the menu: two turns, each with its own id so a retried
            # update repeats neither.
            return [Inbound(NAME, chat, "hola", external_id=update_id),
                    Inbound(NAME, chat, "menu", external_id=f"{update_id}/menu")]
        if command in MENU_COMMANDS:
            return [Inbound(NAME, chat, "menu", external_id=update_id)]
        return [Inbound(NAME, chat, text, external_id=update_id)]
    if message.get("location") is not None or message.get("venue") is not None:
        return [Inbound(NAME, chat, None, kind="location", external_id=update_id)]
    if any(message.get(name) for name in MEDIA):
        return [Inbound(NAME, chat, _text(message, "caption") or None, kind="media",
                        external_id=update_id)]
    return []  # service messages (pins, joins...) say nothing to answer


def _text(message: Mapping[str, Any], name: str) -> str | None:
    value = message.get(name)
    return value if isinstance(value, str) else None


def _private_chat(message: object) -> str | None:
    """The chat id of a message (JSON) in a private chat; None for groups, channels and
    malformed messages."""
    chat = message.get("chat") if isinstance(message, dict) else None
    if not isinstance(chat, dict) or chat.get("type") != "private" or not is_id(chat.get("id")):
        return None
    return str(chat["id"])


class TelegramSender(ClosingSender):
    """Sends through the Telegram Bot API. Thread-safe.

    ``sendMessage`` is one form POST on the calling thread's own keep-alive connection
    (``bot.channels.keepalive``), its answer read as python-telegram-bot reads it: that
    library's async stack cost 1.7 ms CPU a send, more than the engine spends on a message.
    The webhook's methods (``set_webhook``, ``webhook_info``) go through python-telegram-bot
    on a private event loop, run in a daemon thread started on their first use.
    """

    channel = "telegram"

    def __init__(
        self,
        token: str,
        base_url: str = DEFAULT_API_BASE_URL,
        *,
        timeout: float = 10.0,
    ) -> None:
        self._token = token
        self._base_url = base_url
        self._timeout = timeout
        self._lock = threading.Lock()
        self._runtime: _Runtime | None = None  # python-telegram-bot: the webhook's methods
        self._http: KeepAlive | None = None  # sendMessage
        self._init_lock: asyncio.Lock | None = None
        self._closed = False

    def send(
        self, to: str, text: str, *, buttons: list[tuple[str, str]] | None = None
    ) -> SendResult:
        """Send ``text`` (split at 4096 chars) to chat ``to``; buttons go on the last part."""
        parts = split_text(text, TEXT_LIMIT)
        if not parts:
            return SendResult("failed", reason="empty text")
        markup = _inline_keyboard(buttons) if buttons else None
        result = SendResult("failed", reason="not sent")
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            result = self._send_part(to, part, markup if last else None)
            if not result.ok:
                break
        logger.info(
            "telegram send to %s: %s (%d part(s), reason=%s)",
            mask(to),
            result.status,
            len(parts),
            result.reason,
        )
        return result

    def set_webhook(self, url: str, secret_token: str, allowed_updates: list[str]) -> bool:
        """Register the webhook URL; raises ``telegram.error.TelegramError`` on failure."""
        return bool(
            self._call(
                lambda bot: bot.set_webhook(
                    url=url, secret_token=secret_token, allowed_updates=allowed_updates
                )
            )
        )

    def webhook_info(self) -> dict[str, Any]:
        """Return ``getWebhookInfo`` as a plain dict (Bot API field names)."""
        info = self._call(lambda bot: bot.get_webhook_info())
        return dict(info.to_dict())

    def close(self) -> None:
        """Shut the bot's HTTP client down and stop the loop thread; idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            runtime, self._runtime = self._runtime, None
            api, self._http = self._http, None
        if api is not None:
            api.close()
        if runtime is None:
            return
        loop, thread, bot = runtime
        try:
            asyncio.run_coroutine_threadsafe(bot.shutdown(), loop).result(self._timeout)
        except Exception:  # closing must not fail; the loop is stopped below anyway
            logger.warning("telegram bot shutdown failed", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(self._timeout)

    # -- internals

    def _send_part(self, to: str, text: str, markup: str | None) -> SendResult:
        fields = {"chat_id": to, "text": text}
        if markup is not None:
            fields["reply_markup"] = markup
        api = self._api()
        try:
            code, payload = api.post(f"{api.path}{self._token}/sendMessage",
                                     urlencode(fields).encode(), _FORM)
        except TimeoutError:
            return SendResult("retry", reason="telegram timed out")
        except OSError as exc:
            return SendResult("retry", reason=f"telegram network error: {type(exc).__name__}")
        return self._sent_or_why(code, payload)

    def _sent_or_why(self, code: int, payload: bytes) -> SendResult:
        """A Bot API answer as a SendResult, as python-telegram-bot reads it."""
        try:
            data = json.loads(payload)
        except ValueError:
            data = None
        data = data if isinstance(data, dict) else {}
        if 200 <= code <= 299:
            result = data.get("result")
            if not isinstance(result, dict) or "message_id" not in result:
                return SendResult("failed", reason="telegram: invalid server response")
            return SendResult("sent", external_id=str(result["message_id"]))
        parameters = data.get("parameters")
        if isinstance(parameters, dict):
            if parameters.get("migrate_to_chat_id"):
                return SendResult("failed", reason="telegram ChatMigrated")
            retry_after = parameters.get("retry_after")
            if retry_after:
                return SendResult("retry", retry_after=_seconds(retry_after),
                                  reason="telegram 429")
        description = data.get("description")
        message = description if isinstance(description, str) and description else f"({code})"
        if code == HTTPStatus.FORBIDDEN:
            return SendResult("unreachable", reason=self._reason(message))
        if code in (HTTPStatus.UNAUTHORIZED, HTTPStatus.NOT_FOUND):
            # Its description may repeat the token, so it is not used as the reason.
            return SendResult("failed", reason="telegram invalid token")
        if code == HTTPStatus.BAD_REQUEST:
            return SendResult("failed", reason=self._reason(message))
        if code == HTTPStatus.CONFLICT:
            return SendResult("failed", reason="telegram Conflict")
        return SendResult("retry", reason=self._reason(message, "telegram network error: "))

    def _reason(self, message: str, prefix: str = "telegram: ") -> str:
        # Error texts come from the server; make sure the token never rides along.
        return short_reason(prefix + message.replace(self._token, "<token>"))

    def _api(self) -> KeepAlive:
        with self._lock:
            if self._closed:
                raise RuntimeError("TelegramSender is closed")
            if self._http is None:
                self._http = KeepAlive(self._base_url, self._timeout)
            return self._http

    def _call(self, make: Callable[[telegram.Bot], Awaitable[_T]]) -> _T:
        """Run ``make(bot)`` (a coroutine factory) on the loop thread and wait for it."""
        loop, _, bot = self._ensure_runtime()
        future = asyncio.run_coroutine_threadsafe(self._with_bot(bot, make), loop)
        try:
            # The HTTP timeouts fire first; this only guards against a wedged loop.
            return future.result(self._timeout * 3)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise

    async def _with_bot(
        self, bot: telegram.Bot, make: Callable[[telegram.Bot], Awaitable[_T]]
    ) -> _T:
        if self._init_lock is None:  # created on the loop thread, its only user
            self._init_lock = asyncio.Lock()
        async with self._init_lock:
            await bot.initialize()  # a no-op once it has succeeded
        return await make(bot)

    def _ensure_runtime(self) -> _Runtime:
        with self._lock:
            if self._closed:
                raise RuntimeError("TelegramSender is closed")
            if self._runtime is None:
                request = _FloodAwareRequest(
                    connection_pool_size=8,
                    connect_timeout=self._timeout,
                    read_timeout=self._timeout,
                    write_timeout=self._timeout,
                    pool_timeout=self._timeout,
                )
                bot = telegram.Bot(self._token, base_url=self._base_url, request=request)
                loop = asyncio.new_event_loop()
                thread = threading.Thread(
                    target=_run_loop, args=(loop,), name="telegram-sender-loop", daemon=True
                )
                thread.start()
                self._runtime = (loop, thread, bot)
            return self._runtime


def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
    asyncio.set_event_loop(loop)
    try:
        loop.run_forever()
    finally:
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            loop.close()


class _FloodControl(tg_error.TelegramError):
    """A 429 carrying ``retry_after``, raised instead of ``telegram.error.RetryAfter``."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        super().__init__(f"Flood control exceeded. Retry in {seconds:g} seconds")
        self.seconds = seconds


class _FloodAwareRequest(HTTPXRequest):
    """HTTPXRequest that turns a 429 into :class:`_FloodControl` itself.

    PTB 22.2+ builds ``RetryAfter`` by reading its own deprecated ``retry_after`` property,
    which emits PTBDeprecationWarning on every 429 unless PTB_TIMEDELTA is set in the
    environment (and fails runs where warnings are errors). Reading the flood-wait from the
    response here sidesteps that on every PTB version.
    """

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Perform the request; raise :class:`_FloodControl` for a 429 with retry_after."""
        code, payload = await super().do_request(*args, **kwargs)
        if code == 429:
            seconds = _payload_retry_after(payload)
            if seconds is not None:
                raise _FloodControl(seconds)
        return code, payload


def _payload_retry_after(payload: bytes) -> float | None:
    try:
        parameters = json.loads(payload).get("parameters") or {}
        return float(parameters["retry_after"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _inline_keyboard(buttons: list[tuple[str, str]]) -> str:
    """The ``reply_markup`` of an inline keyboard, one button a row, as the form carries it."""
    return json.dumps({"inline_keyboard": [[{"text": label, "callback_data": data}]
                                           for label, data in buttons]}, ensure_ascii=False)


def _seconds(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def is_id(value: object) -> bool:
    """Whether ``value`` can be a Bot API id (an int of at most 53 bits)."""
    return type(value) is int and -MAX_ID < value < MAX_ID
