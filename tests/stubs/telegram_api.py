"""A local stand-in for the Telegram Bot API, good enough for python-telegram-bot.

Serves ``/bot<TOKEN>/<method>`` on 127.0.0.1 for getMe, sendMessage, answerCallbackQuery,
setWebhook, getWebhookInfo (with pending updates and the last delivery error, see
``webhook_trouble``) and deleteWebhook, with the real envelope
(``{"ok": true, "result": ...}`` / ``{"ok": false, "error_code": ..., "description": ...}``).
Pass ``stub.base_url`` as ``TELEGRAM_API_BASE_URL`` (it ends in ``/bot``, without the token).

    with StubTelegram() as stub:
        sender = TelegramSender(stub.token, stub.base_url)
        stub.fail_next("sendMessage", error_code=429, retry_after=3)
"""

from __future__ import annotations

import collections
import dataclasses
import itertools
import json
import re
import threading
import time
from typing import Any

from tests.stubs._server import RecordedCall, StubRequest, StubServer

__all__ = ["DEFAULT_TOKEN", "StubTelegram"]

DEFAULT_TOKEN = "123456789:AAStub-token-for-tests-only_0000000000"
TEXT_LIMIT = 4096

_PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)$")
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_JSON_FIELDS = frozenset({"reply_markup", "allowed_updates", "entities", "link_preview_options"})
_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: can't use getUpdates method while webhook is active",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclasses.dataclass(frozen=True)
class _Failure:
    error_code: int
    description: str
    parameters: dict[str, Any] | None


@dataclasses.dataclass
class _Webhook:
    url: str = ""
    secret_token: str | None = None
    allowed_updates: list[str] | None = None
    pending_update_count: int = 0
    last_error_date: int | None = None
    last_error_message: str | None = None


class StubTelegram(StubServer):
    """Threaded fake Bot API server; records calls and fails on request."""

    def __init__(self, token: str = DEFAULT_TOKEN) -> None:
        super().__init__()
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.webhook = _Webhook()
        self._failures: dict[str, collections.deque[_Failure]] = collections.defaultdict(
            collections.deque
        )
        self._blocked: set[str] = set()
        self._message_ids: dict[str, itertools.count[int]] = {}
        self._state_lock = threading.Lock()
        self._methods = {
            "getme": ("getMe", self._get_me),
            "sendmessage": ("sendMessage", self._send_message),
            "answercallbackquery": ("answerCallbackQuery", self._answer_callback_query),
            "setwebhook": ("setWebhook", self._set_webhook),
            "getwebhookinfo": ("getWebhookInfo", self._get_webhook_info),
            "deletewebhook": ("deleteWebhook", self._delete_webhook),
        }

    @property
    def base_url(self) -> str:
        """The TELEGRAM_API_BASE_URL value for this stub: ``http://127.0.0.1:<port>/bot``."""
        return f"{self.root_url}/bot"

    def calls(self, method: str | None = None) -> list[RecordedCall]:
        """Recorded calls, optionally only those to ``method`` (e.g. "sendMessage")."""
        return [c for c in self.all_calls() if method is None or c.method == method]

    def sent_texts(self, chat_id: str | int | None = None) -> list[str]:
        """Texts of the successful sendMessage calls, optionally for one chat."""
        return [
            str(call.params["text"])
            for call in self.calls("sendMessage")
            if call.status == 200
            and (chat_id is None or str(call.params["chat_id"]) == str(chat_id))
        ]

    def fail_next(
        self,
        method: str,
        n: int = 1,
        error_code: int = 429,
        description: str | None = None,
        retry_after: int | None = 3,
    ) -> None:
        """Make the next ``n`` calls to ``method`` fail like the real API would."""
        if description is None:
            description = (
                f"Too Many Requests: retry after {retry_after}"
                if error_code == 429
                else _DESCRIPTIONS.get(error_code, "Bad Request")
            )
        parameters = (
            {"retry_after": retry_after} if error_code == 429 and retry_after is not None else None
        )
        with self._state_lock:
            self._failures[method].extend([_Failure(error_code, description, parameters)] * n)

    def block_chat(self, chat_id: str | int) -> None:
        """From now on sendMessage to ``chat_id`` answers 403 (bot blocked by the user)."""
        with self._state_lock:
            self._blocked.add(str(chat_id))

    def webhook_trouble(
        self, pending: int, last_error: str | None = None, seconds_ago: int = 60
    ) -> None:
        """Make getWebhookInfo report ``pending`` updates and a delivery error ``seconds_ago``."""
        with self._state_lock:
            self.webhook = dataclasses.replace(
                self.webhook,
                pending_update_count=pending,
                last_error_date=int(time.time()) - seconds_ago if last_error else None,
                last_error_message=last_error,
            )

    def handle(self, request: StubRequest) -> tuple[int, Any]:
        """Route ``/bot<TOKEN>/<method>`` and answer with the Bot API envelope."""
        match = _PATH.match(request.path)
        if match is None:
            return _error(404, "Not Found")
        known = self._methods.get(match["method"].lower())
        name = known[0] if known else match["method"]
        params = {**request.query, **request.form}
        params = {key: _decode(key, value) for key, value in params.items()}
        if match["token"] != self.token:
            status, body = _error(401, "Unauthorized")
        elif known is None:
            status, body = _error(404, "Not Found")
        else:
            failure = self._pop_failure(name)
            if failure is not None:
                status, body = _error(failure.error_code, failure.description, failure.parameters)
            else:
                status, body = known[1](params)
        self.record(name, params, status)
        return status, body

    # -- methods

    def _get_me(self, params: dict[str, Any]) -> tuple[int, Any]:
        return _ok(self._bot_user())

    def _send_message(self, params: dict[str, Any]) -> tuple[int, Any]:
        chat_id = str(params.get("chat_id", "")).strip()
        text = str(params.get("text", ""))
        if not chat_id:
            return _error(400, "Bad Request: chat_id is empty")
        if not re.fullmatch(r"-?\d+", chat_id):
            return _error(400, "Bad Request: chat not found")
        if not text.strip():
            return _error(400, "Bad Request: message text is empty")
        if len(text) > TEXT_LIMIT:
            return _error(400, "Bad Request: message is too long")
        with self._state_lock:
            if chat_id in self._blocked:
                return _error(403, "Forbidden: bot was blocked by the user")
            counter = self._message_ids.setdefault(chat_id, itertools.count(1))
            message_id = next(counter)
        numeric = int(chat_id)
        chat: dict[str, Any] = (
            {"id": numeric, "first_name": "Stub", "type": "private"}
            if numeric > 0
            else {"id": numeric, "title": "Stub group", "type": "supergroup"}
        )
        message: dict[str, Any] = {
            "message_id": message_id,
            "from": self._bot_user(),
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        if isinstance(params.get("reply_markup"), dict):
            message["reply_markup"] = params["reply_markup"]
        return _ok(message)

    def _answer_callback_query(self, params: dict[str, Any]) -> tuple[int, Any]:
        if not params.get("callback_query_id"):
            return _error(400, "Bad Request: query is too old and response timeout expired")
        return _ok(True)

    def _set_webhook(self, params: dict[str, Any]) -> tuple[int, Any]:
        url = str(params.get("url", ""))
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_TOKEN.match(str(secret)):
            return _error(400, "Bad Request: secret token contains unallowed characters")
        if url and not url.startswith("https://"):
            return _error(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        allowed = params.get("allowed_updates")
        with self._state_lock:
            self.webhook = _Webhook(
                url=url,
                secret_token=str(secret) if secret is not None else None,
                allowed_updates=list(allowed) if isinstance(allowed, list) else None,
            )
        return _ok(True, "Webhook was set" if url else "Webhook was deleted")

    def _get_webhook_info(self, params: dict[str, Any]) -> tuple[int, Any]:
        with self._state_lock:
            webhook = self.webhook
        info: dict[str, Any] = {
            "url": webhook.url,
            "has_custom_certificate": False,
            "pending_update_count": webhook.pending_update_count,
        }
        if webhook.last_error_date is not None:
            info["last_error_date"] = webhook.last_error_date
            info["last_error_message"] = webhook.last_error_message
        if webhook.url:
            info["max_connections"] = 40
            info["ip_address"] = "127.0.0.1"
            if webhook.allowed_updates is not None:
                info["allowed_updates"] = webhook.allowed_updates
        return _ok(info)

    def _delete_webhook(self, params: dict[str, Any]) -> tuple[int, Any]:
        with self._state_lock:
            had = bool(self.webhook.url)
            self.webhook = _Webhook()
        return _ok(True, "Webhook was deleted" if had else "Webhook is already deleted")

    # -- helpers

    def _pop_failure(self, method: str) -> _Failure | None:
        with self._state_lock:
            queue = self._failures.get(method)
            return queue.popleft() if queue else None

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Paisano Stub",
            "username": "paisano_stub_bot",
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }


def _decode(key: str, value: Any) -> Any:
    # Form-encoded requests carry nested objects as JSON strings, as PTB sends them.
    if key in _JSON_FIELDS and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _ok(result: Any, description: str | None = None) -> tuple[int, Any]:
    body: dict[str, Any] = {"ok": True, "result": result}
    if description:
        body["description"] = description
    return 200, body


def _error(
    code: int, description: str, parameters: dict[str, Any] | None = None
) -> tuple[int, Any]:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return code, body
