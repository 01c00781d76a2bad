"""Outbound channel senders: one small interface, one implementation per channel, one fake.

Every sender turns "deliver this text to that recipient" into a :class:`SendResult`; no
sender raises for a delivery problem. The statuses the delivery layer has to handle::

    sent           delivered to the provider; ``external_id`` is its message id / SID
    retry          temporary (rate limit, network, provider 5xx); ``retry_after`` if known
    failed         permanent for this message (bad request, bad credentials); see ``reason``
    unreachable    the recipient cannot be reached (bot blocked, number unsubscribed)
    window_closed  WhatsApp: outside the 24 h customer-care window; send a template first

Configuration conventions (see also the stub servers in ``tests/stubs``):

* ``TELEGRAM_API_BASE_URL`` is the Bot API URL *up to and including* ``/bot``, without the
  token: ``https://api.telegram.org/bot`` (the default). python-telegram-bot appends the
  token, then ``/<method>``: ``https://api.telegram.org/bot<TOKEN>/sendMessage``.
* ``TWILIO_API_BASE_URL`` is the scheme and host of the REST API without a path:
  ``https://api.twilio.com`` (the default). It replaces the ``api`` domain's ``base_url``
  of the twilio client, which prefixes ``/2010-04-01/Accounts/<SID>/Messages.json``.

Neither sender logs message text or full recipient ids: recipients are masked to their last
four characters. python-telegram-bot logs request parameters at DEBUG (``telegram`` logger)
and httpx logs the request URL, which contains the bot token, at INFO (``httpx`` logger);
keep those loggers at WARNING in production logging configuration.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import datetime as dt
import json
import logging
import re
import threading
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, Final, Literal, Protocol, TypeVar, get_args, runtime_checkable

import requests
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram import error as tg_error
from telegram.request import HTTPXRequest
from twilio.base.exceptions import TwilioException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client as TwilioClient

from bot.messages import mask

__all__ = [
    "DEFAULT_TELEGRAM_API_BASE_URL",
    "DEFAULT_TWILIO_API_BASE_URL",
    "TELEGRAM_TEXT_LIMIT",
    "WHATSAPP_TEXT_LIMIT",
    "FakeSender",
    "SendResult",
    "SendStatus",
    "Sender",
    "TelegramSender",
    "TwilioSender",
    "split_text",
]

logger = logging.getLogger(__name__)

DEFAULT_TELEGRAM_API_BASE_URL: Final = "https://api.telegram.org/bot"
DEFAULT_TWILIO_API_BASE_URL: Final = "https://api.twilio.com"
TELEGRAM_TEXT_LIMIT: Final = 4096
WHATSAPP_TEXT_LIMIT: Final = 1600

SendStatus = Literal["sent", "retry", "failed", "unreachable", "window_closed"]
_STATUSES: Final = frozenset(get_args(SendStatus))
_REASON_MAX: Final = 120

# Twilio error codes: https://www.twilio.com/docs/api/errors
_TWILIO_WINDOW_CLOSED: Final = 63016
_TWILIO_UNREACHABLE: Final = frozenset({21211, 21408, 21610, 21612, 21614, 63003, 63024})
_TWILIO_RETRY: Final = frozenset({20429, 63018})

_T = TypeVar("_T")
_Runtime = tuple[asyncio.AbstractEventLoop, threading.Thread, telegram.Bot]


@dataclasses.dataclass(frozen=True, slots=True)
class SendResult:
    """Outcome of one send; ``reason`` never contains message text or a recipient id."""

    status: SendStatus
    external_id: str | None = None
    retry_after: float | None = None
    reason: str | None = None

    def __post_init__(self) -> None:
        if self.status not in _STATUSES:
            raise ValueError(f"unknown send status {self.status!r}")

    @property
    def ok(self) -> bool:
        """Whether the provider accepted the message."""
        return self.status == "sent"


@runtime_checkable
class Sender(Protocol):
    """What the delivery layer needs from a channel."""

    channel: str

    def send(
        self, to: str, text: str, *, buttons: list[tuple[str, str]] | None = None
    ) -> SendResult:
        """Deliver ``text`` to ``to``; ``buttons`` are (label, callback_data) pairs."""
        ...

    def close(self) -> None:
        """Release connections and threads; the sender cannot be used afterwards."""
        ...


# --------------------------------------------------------------------------- splitting

# Paragraphs, then lines, then words; each level's pattern eats the whitespace around it.
_SPLIT_LEVELS: Final = (
    ("\n\n", re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*\n\s*")),
    ("\n", re.compile(r"\s*\n\s*")),
    (" ", re.compile(r"\s+")),
)


def split_text(text: str, limit: int) -> list[str]:
    """Split ``text`` into stripped parts of at most ``limit`` characters, in order."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    text = text.strip()
    if not text:
        return []
    return _split(text, limit, 0)


def _split(text: str, limit: int, level: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    if level == len(_SPLIT_LEVELS):
        return [text[start : start + limit] for start in range(0, len(text), limit)]
    joiner, pattern = _SPLIT_LEVELS[level]
    parts: list[str] = []
    current = ""
    for raw in pattern.split(text):
        piece = raw.strip()
        if not piece:
            continue
        if len(piece) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.extend(_split(piece, limit, level + 1))
            continue
        candidate = f"{current}{joiner}{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
        else:
            parts.append(current)
            current = piece
    if current:
        parts.append(current)
    return parts


def _short(reason: str) -> str:
    reason = " ".join(reason.split())
    return reason if len(reason) <= _REASON_MAX else reason[: _REASON_MAX - 3] + "..."


# --------------------------------------------------------------------------- telegram


class TelegramSender:
    """Sends through the Telegram Bot API with python-telegram-bot on a private event loop.

    ``telegram.Bot`` is asynchronous; this class owns one event loop running in a daemon
    thread (started on first use) and submits every call to it, so callers stay synchronous
    and connections are pooled across sends. Thread-safe.
    """

    channel = "telegram"

    def __init__(
        self,
        token: str,
        base_url: str = DEFAULT_TELEGRAM_API_BASE_URL,
        *,
        timeout: float = 10.0,
    ) -> None:
        self._token = token
        self._base_url = base_url
        self._timeout = timeout
        self._lock = threading.Lock()
        self._runtime: _Runtime | None = None
        self._init_lock: asyncio.Lock | None = None
        self._closed = False

    def __enter__(self) -> TelegramSender:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def send(
        self, to: str, text: str, *, buttons: list[tuple[str, str]] | None = None
    ) -> SendResult:
        """Send ``text`` (split at 4096 chars) to chat ``to``; buttons go on the last part."""
        parts = split_text(text, TELEGRAM_TEXT_LIMIT)
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

    def answer_callback_query(self, callback_query_id: str) -> None:
        """Acknowledge a button press so the client stops its spinner; failures are logged."""
        try:
            self._call(lambda bot: bot.answer_callback_query(callback_query_id))
        except (tg_error.TelegramError, concurrent.futures.TimeoutError) as exc:
            # Expired or duplicate queries are routine; the user only sees a spinner.
            logger.warning("answerCallbackQuery failed: %s", type(exc).__name__)

    def set_webhook(self, url: str, secret_token: str, allowed_updates: list[str]) -> bool:
        """Register the webhook URL; raises ``telegram.error.TelegramError`` on failure."""
        return bool(
            self._call(
                lambda bot: bot.set_webhook(
                    url=url, secret_token=secret_token, allowed_updates=allowed_updates
                )
            )
        )

    def delete_webhook(self) -> bool:
        """Remove the webhook; raises ``telegram.error.TelegramError`` on failure."""
        return bool(self._call(lambda bot: bot.delete_webhook()))

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

    def _send_part(self, to: str, text: str, markup: Any) -> SendResult:
        try:
            message = self._call(
                lambda bot: bot.send_message(chat_id=to, text=text, reply_markup=markup)
            )
        except _FloodControl as exc:
            return SendResult("retry", retry_after=exc.seconds, reason="telegram 429")
        except tg_error.RetryAfter as exc:
            return SendResult("retry", retry_after=_retry_after_seconds(exc), reason="telegram 429")
        except tg_error.Forbidden as exc:
            return SendResult("unreachable", reason=self._reason(exc))
        except tg_error.BadRequest as exc:  # a NetworkError subclass: catch it first
            return SendResult("failed", reason=self._reason(exc))
        except tg_error.TimedOut:
            return SendResult("retry", reason="telegram timed out")
        except tg_error.NetworkError as exc:
            return SendResult("retry", reason=self._reason(exc, "telegram network error: "))
        except tg_error.InvalidToken:
            # Its message repeats the token, so it is not used as the reason.
            return SendResult("failed", reason="telegram invalid token")
        except tg_error.TelegramError as exc:
            return SendResult("failed", reason=f"telegram {type(exc).__name__}")
        except concurrent.futures.TimeoutError:
            return SendResult("retry", reason="telegram timed out")
        return SendResult("sent", external_id=str(message.message_id))

    def _reason(self, exc: tg_error.TelegramError, prefix: str = "telegram: ") -> str:
        # Error texts come from the server or httpx; make sure the token never rides along.
        return _short(prefix + exc.message.replace(self._token, "<token>"))

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


def _inline_keyboard(buttons: list[tuple[str, str]]) -> Any:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data)] for label, data in buttons]
    )


def _retry_after_seconds(exc: Any) -> float:
    # Fallback for a RetryAfter built by PTB (e.g. a retry_after on a non-429 answer).
    # PTB >= 22.2 keeps a timedelta in ``_retry_after`` and warns when ``retry_after`` is
    # read without PTB_TIMEDELTA set; PTB 21 only has the int attribute.
    value = getattr(exc, "_retry_after", None)
    if value is None:
        value = exc.retry_after
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return float(value)


# --------------------------------------------------------------------------- twilio


class TwilioSender:
    """Sends WhatsApp messages through Twilio's Messages API with the official client.

    ``to`` and ``from_number`` are WhatsApp addresses such as ``whatsapp:+15551234567``.
    When a send returns ``window_closed`` the delivery layer should send an approved
    template (:meth:`send_reopen_template`) and hold the reply until the user writes back.
    """

    channel = "whatsapp"

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        from_number: str,
        base_url: str = DEFAULT_TWILIO_API_BASE_URL,
        reopen_template_sid: str | None = None,
        *,
        status_callback: str | None = None,
        timeout: float = 10.0,
    ) -> None:
        self._from = from_number
        self._status_callback = status_callback
        self.reopen_template_sid = reopen_template_sid
        self._client = TwilioClient(
            account_sid, auth_token, http_client=TwilioHttpClient(timeout=timeout)
        )
        base_url = base_url.rstrip("/")
        if base_url != DEFAULT_TWILIO_API_BASE_URL:
            # TWILIO_EDGE / TWILIO_REGION rewrite the host name; that only makes sense for
            # api.twilio.com and would mangle a custom host such as 127.0.0.1.
            self._client.edge = None
            self._client.region = None
        # Every Messages call goes through the ``api`` domain, which joins its base_url
        # with "/2010-04-01/Accounts/<SID>/Messages.json".
        self._client.api.base_url = base_url
        self._closed = False

    def __enter__(self) -> TwilioSender:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def send(
        self, to: str, text: str, *, buttons: list[tuple[str, str]] | None = None
    ) -> SendResult:
        """Send ``text`` (split at 1600 chars) to ``to``; ``buttons`` are ignored."""
        parts = split_text(text, WHATSAPP_TEXT_LIMIT)
        if not parts:
            return SendResult("failed", reason="empty text")
        result = SendResult("failed", reason="not sent")
        for part in parts:
            result = self._create(to, body=part)
            if not result.ok:
                break
        logger.info(
            "whatsapp send to %s: %s (%d part(s), reason=%s)",
            mask(to),
            result.status,
            len(parts),
            result.reason,
        )
        return result

    def send_template(
        self, to: str, content_sid: str, variables: dict[str, Any] | None = None
    ) -> SendResult:
        """Send an approved Content API template, allowed outside the 24 h window."""
        content_variables = (
            json.dumps({str(key): str(value) for key, value in variables.items()})
            if variables
            else None
        )
        result = self._create(to, content_sid=content_sid, content_variables=content_variables)
        logger.info(
            "whatsapp template %s to %s: %s (reason=%s)",
            content_sid,
            mask(to),
            result.status,
            result.reason,
        )
        return result

    def send_reopen_template(self, to: str) -> SendResult:
        """Send the configured conversation-reopening template to ``to``."""
        if self.reopen_template_sid is None:
            return SendResult("failed", reason="no reopen template configured")
        return self.send_template(to, self.reopen_template_sid)

    def close(self) -> None:
        """Close the HTTP session; idempotent."""
        if self._closed:
            return
        self._closed = True
        session = getattr(self._client.http_client, "session", None)
        if session is not None:
            session.close()

    def _create(self, to: str, **fields: str | None) -> SendResult:
        if self._closed:
            raise RuntimeError("TwilioSender is closed")
        kwargs: dict[str, Any] = {k: v for k, v in fields.items() if v is not None}
        if self._status_callback:
            kwargs["status_callback"] = self._status_callback
        try:
            message = self._client.messages.create(to=to, from_=self._from, **kwargs)
        except TwilioException as exc:
            return _twilio_result(exc)
        except requests.RequestException as exc:
            return SendResult("retry", reason=f"twilio network error: {type(exc).__name__}")
        return SendResult("sent", external_id=message.sid)


def _twilio_result(exc: Exception) -> SendResult:
    status = getattr(exc, "status", None)
    code = getattr(exc, "code", None)
    reason = f"twilio {code if code is not None else status}"
    if code == _TWILIO_WINDOW_CLOSED:
        return SendResult("window_closed", reason=reason)
    if code in _TWILIO_UNREACHABLE:
        return SendResult("unreachable", reason=reason)
    if code in _TWILIO_RETRY or status == 429 or (isinstance(status, int) and status >= 500):
        return SendResult("retry", reason=reason)
    return SendResult("failed", reason=reason)


# --------------------------------------------------------------------------- fake


class FakeSender:
    """In-memory sender for tests: records what was sent and fails on request. Thread-safe.

    Texts are recorded whole (no splitting); a failed attempt is not added to ``sent``.
    """

    def __init__(self, channel: str = "telegram") -> None:
        self.channel = channel
        self.sent: list[tuple[str, str]] = []
        self.buttons: list[list[tuple[str, str]] | None] = []
        self.templates: list[tuple[str, str, dict[str, Any] | None]] = []
        self.attempts = 0
        self.closed = False
        self._failures: deque[SendResult] = deque()
        self._lock = threading.Lock()
        self._counter = 0

    def fail_next(self, n: int = 1, result: SendResult | None = None) -> None:
        """Make the next ``n`` sends return ``result`` (default: a retry)."""
        if result is None:
            result = SendResult("retry", reason="fake failure")
        if result.ok:
            raise ValueError("a failure result cannot have status 'sent'")
        with self._lock:
            self._failures.extend([result] * n)

    def send(
        self, to: str, text: str, *, buttons: list[tuple[str, str]] | None = None
    ) -> SendResult:
        """Record ``text`` for ``to`` unless a failure is queued."""
        with self._lock:
            return self._attempt(lambda: self._record_message(to, text, buttons))

    def send_template(
        self, to: str, content_sid: str, variables: dict[str, Any] | None = None
    ) -> SendResult:
        """Record a template send unless a failure is queued."""
        with self._lock:
            return self._attempt(
                lambda: self.templates.append(
                    (to, content_sid, dict(variables) if variables is not None else None)
                )
            )

    def close(self) -> None:
        """Mark the fake closed; later sends raise like the real senders."""
        self.closed = True

    def _attempt(self, record: Any) -> SendResult:
        if self.closed:
            raise RuntimeError("FakeSender is closed")
        self.attempts += 1
        if self._failures:
            return self._failures.popleft()
        record()
        self._counter += 1
        return SendResult("sent", external_id=f"fake-{self.channel}-{self._counter}")

    def _record_message(self, to: str, text: str, buttons: list[tuple[str, str]] | None) -> None:
        self.sent.append((to, text))
        self.buttons.append(list(buttons) if buttons is not None else None)
