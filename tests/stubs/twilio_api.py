"""A local stand-in for Twilio's REST API, good enough for the official twilio client.

Serves on 127.0.0.1, with HTTP basic auth like Twilio, answering Twilio's resources or its
error JSON (``{"code", "message", "more_info", "status"}``):

- ``POST /2010-04-01/Accounts/<AccountSid>/Messages.json``: 201 with a Message resource;
- ``GET /2010-04-01/Accounts/<AccountSid>.json``: the account (``account_status``);
- ``GET /2010-04-01/Accounts/<AccountSid>/IncomingPhoneNumbers.json?PhoneNumber=``: the
  account's numbers and their SMS webhook (``add_phone_number``);
- ``GET /v2/Channels/Senders?Channel=whatsapp``: WhatsApp senders and their webhook
  (``add_whatsapp_sender``; messaging.twilio.com in production);
- ``GET /v1/Content/<HX sid>/ApprovalRequests``: a template's WhatsApp approval
  (``add_template``; content.twilio.com in production).
 Pass ``stub.base_url`` as
``TWILIO_API_BASE_URL`` (scheme and host only, like ``https://api.twilio.com``).

    with StubTwilio() as stub:
        sender = TwilioSender(stub.account_sid, stub.auth_token, "whatsapp:+1...", stub.base_url)
        stub.fail_next(status=400, code=63016)
"""

from __future__ import annotations

import collections
import dataclasses
import email.utils
import json
import re
import secrets
import threading
from collections.abc import Callable
from typing import Any

from tests.stubs._server import RecordedCall, StubRequest, StubServer

__all__ = ["DEFAULT_ACCOUNT_SID", "DEFAULT_AUTH_TOKEN", "StubTwilio"]

DEFAULT_ACCOUNT_SID = "AC" + "0" * 31 + "1"
DEFAULT_AUTH_TOKEN = "stub-auth-token-0000000000000000"
BODY_LIMIT = 1600

_MESSAGES = re.compile(r"^/2010-04-01/Accounts/(?P<sid>[^/]+)/Messages\.json$")
_ACCOUNT = re.compile(r"^/2010-04-01/Accounts/(?P<sid>[^/]+)\.json$")
_NUMBERS = re.compile(r"^/2010-04-01/Accounts/(?P<sid>[^/]+)/IncomingPhoneNumbers\.json$")
_SENDERS = "/v2/Channels/Senders"
_APPROVAL = re.compile(r"^/v1/Content/(?P<sid>[^/]+)/ApprovalRequests$")
_MESSAGES_METHOD = "Messages.create"
_DEFAULT_CODES = {400: 63016, 401: 20003, 404: 20404, 429: 20429, 500: 20500, 503: 20503}
_MESSAGES_TEXT = {
    20003: "Authenticate",
    20404: "The requested resource was not found",
    20429: "Too Many Requests",
    20500: "An internal server error has occurred",
    20503: "Service is unavailable. Please try again",
    21211: "Invalid 'To' Phone Number",
    21602: "Message body is required.",
    21603: "A 'From' phone number is required.",
    21604: "A 'To' phone number is required.",
    21610: "Attempt to send to unsubscribed recipient",
    21617: "The concatenated message body exceeds the 1600 character limit.",
    21656: "The ContentVariables Parameter is invalid.",
    63003: "Channel could not find To address",
    63016: (
        "Failed to send freeform message because you are outside the allowed window. "
        "If you are using WhatsApp, please use a Message Template."
    ),
}


@dataclasses.dataclass(frozen=True)
class _Failure:
    status: int
    code: int
    message: str


class StubTwilio(StubServer):
    """Threaded fake Messages API; records calls and fails on request."""

    def __init__(
        self, account_sid: str = DEFAULT_ACCOUNT_SID, auth_token: str = DEFAULT_AUTH_TOKEN
    ) -> None:
        super().__init__()
        self.account_sid = account_sid
        self.auth_token = auth_token
        self._failures: collections.deque[_Failure] = collections.deque()
        self._closed_windows: set[str] = set()
        self._state_lock = threading.Lock()
        self.account_status = "active"
        self.phone_numbers: dict[str, dict[str, Any]] = {}
        self.whatsapp_senders: dict[str, dict[str, Any]] = {}
        self.templates: dict[str, dict[str, Any]] = {}

    def add_phone_number(self, number: str, sms_url: str, sms_method: str = "POST") -> None:
        """An IncomingPhoneNumber of the account whose incoming messages go to ``sms_url``."""
        self.phone_numbers[number] = {"sms_url": sms_url, "sms_method": sms_method}

    def add_whatsapp_sender(
        self, sender_id: str, callback_url: str, status: str = "ONLINE"
    ) -> None:
        """A WhatsApp sender (``whatsapp:+...``) whose incoming messages go to ``callback_url``."""
        self.whatsapp_senders[sender_id] = {"callback_url": callback_url, "status": status}

    def add_template(
        self, sid: str, status: str = "approved", name: str = "reabrir_conversacion",
        rejection_reason: str = "",
    ) -> None:
        """A Content API template and the status of its WhatsApp approval."""
        self.templates[sid] = {"status": status, "name": name,
                               "rejection_reason": rejection_reason}

    @property
    def base_url(self) -> str:
        """The TWILIO_API_BASE_URL value for this stub: ``http://127.0.0.1:<port>``."""
        return self.root_url

    def calls(self) -> list[RecordedCall]:
        """Recorded Messages.create calls (form fields as sent: To, From, Body...)."""
        return [c for c in self.all_calls() if c.method == _MESSAGES_METHOD]

    def sent_bodies(self, to: str | None = None) -> list[str]:
        """Bodies of the accepted freeform messages, optionally for one recipient."""
        return [
            str(call.params["Body"])
            for call in self.calls()
            if call.status == 201
            and "Body" in call.params
            and (to is None or call.params.get("To") == to)
        ]

    def fail_next(
        self, n: int = 1, status: int = 400, code: int | None = None, message: str | None = None
    ) -> None:
        """Make the next ``n`` message creations fail with Twilio's error JSON."""
        if code is None:
            code = _DEFAULT_CODES.get(status, 20000 + status)
        if message is None:
            message = _MESSAGES_TEXT.get(code, f"Error {code}")
        with self._state_lock:
            self._failures.extend([_Failure(status, code, message)] * n)

    def close_window(self, to: str) -> None:
        """Freeform messages to ``to`` fail with 63016 until :meth:`open_window`."""
        with self._state_lock:
            self._closed_windows.add(to)

    def open_window(self, to: str) -> None:
        """Let freeform messages to ``to`` through again (the user wrote back)."""
        with self._state_lock:
            self._closed_windows.discard(to)

    def handle(self, request: StubRequest) -> tuple[int, Any]:
        """Route the resources above and check basic auth like Twilio does."""
        route = self._route(request)
        if route is None:
            return _error(404, 20404, f"The requested resource {request.path} was not found")
        method, sid, answer = route
        params = dict(request.form) if request.verb == "POST" else dict(request.query)
        if request.basic_auth() != (self.account_sid, self.auth_token) or (
            sid is not None and sid != self.account_sid
        ):
            status, body = _error(401, 20003, _MESSAGES_TEXT[20003])
        else:
            status, body = answer(params)
        self.record(method, params, status)
        return status, body

    def _route(
        self, request: StubRequest
    ) -> tuple[str, str | None, Callable[[dict[str, Any]], tuple[int, Any]]] | None:
        """(recorded method name, account sid in the path, handler) for a known resource."""
        path, verb = request.path, request.verb
        if verb == "POST" and (match := _MESSAGES.match(path)):
            return _MESSAGES_METHOD, match["sid"], self._create
        if verb != "GET":
            return None
        if match := _ACCOUNT.match(path):
            return "Accounts.fetch", match["sid"], self._account
        if match := _NUMBERS.match(path):
            return "IncomingPhoneNumbers.list", match["sid"], self._numbers
        if path == _SENDERS:
            return "Senders.list", None, self._senders
        if match := _APPROVAL.match(path):
            sid = match["sid"]
            return "ApprovalRequests.fetch", None, lambda _params: self._approval(sid)
        return None

    def _account(self, params: dict[str, Any]) -> tuple[int, Any]:
        uri = f"/2010-04-01/Accounts/{self.account_sid}.json"
        now = email.utils.formatdate(usegmt=True)
        return 200, {"sid": self.account_sid, "owner_account_sid": self.account_sid,
                     "friendly_name": "SMEI helpline", "status": self.account_status,
                     "type": "Full", "date_created": now, "date_updated": now, "uri": uri,
                     "subresource_uris": {}}

    def _numbers(self, params: dict[str, Any]) -> tuple[int, Any]:
        wanted = params.get("PhoneNumber")
        uri = f"/2010-04-01/Accounts/{self.account_sid}/IncomingPhoneNumbers.json"
        rows = [
            {"sid": "PN" + secrets.token_hex(16), "account_sid": self.account_sid,
             "phone_number": number, "friendly_name": number, "status": "in-use",
             "sms_url": hook["sms_url"], "sms_method": hook["sms_method"],
             "sms_fallback_url": "", "sms_application_sid": "", "voice_url": "",
             "capabilities": {"sms": True, "mms": True, "voice": True},
             "uri": f"{uri[:-5]}/{number}.json"}
            for number, hook in self.phone_numbers.items()
            if wanted in (None, number)
        ]
        return 200, {"incoming_phone_numbers": rows, "start": 0, "end": max(len(rows) - 1, 0),
                     "page": 0, "page_size": 50, "first_page_uri": uri,
                     "previous_page_uri": None, "next_page_uri": None, "uri": uri}

    def _senders(self, params: dict[str, Any]) -> tuple[int, Any]:
        rows = [
            {"sid": "XE" + secrets.token_hex(16), "status": sender["status"],
             "sender_id": sender_id, "configuration": {},
             "webhook": {"callback_url": sender["callback_url"], "callback_method": "POST",
                         "fallback_url": None, "fallback_method": None,
                         "status_callback_url": None, "status_callback_method": None},
             "profile": {"name": "SMEI Guanajuato"}, "properties": {}, "offline_reasons": None,
             "url": f"{self.root_url}{_SENDERS}/{sender_id}"}
            for sender_id, sender in self.whatsapp_senders.items()
            if params.get("Channel", "whatsapp") == "whatsapp"
        ]
        url = f"{self.root_url}{_SENDERS}"
        return 200, {"senders": rows, "meta": {
            "page": 0, "page_size": 50, "first_page_url": url, "previous_page_url": None,
            "url": url, "next_page_url": None, "key": "senders"}}

    def _approval(self, sid: str) -> tuple[int, Any]:
        template = self.templates.get(sid)
        if template is None:
            return _error(404, 20404, f"The requested resource /Content/{sid} was not found")
        return 200, {"sid": sid, "account_sid": self.account_sid,
                     "url": f"{self.root_url}/v1/Content/{sid}/ApprovalRequests",
                     "whatsapp": {"type": "whatsapp", "name": template["name"],
                                  "category": "UTILITY", "content_type": "twilio/text",
                                  "status": template["status"],
                                  "rejection_reason": template["rejection_reason"]}}

    def _create(self, params: dict[str, Any]) -> tuple[int, Any]:
        with self._state_lock:
            failure = self._failures.popleft() if self._failures else None
            window_closed = params.get("To") in self._closed_windows
        if failure is not None:
            return _error(failure.status, failure.code, failure.message)
        to, sender = params.get("To"), params.get("From") or params.get("MessagingServiceSid")
        body, content_sid = params.get("Body"), params.get("ContentSid")
        if not to:
            return _error(400, 21604)
        if not sender:
            return _error(400, 21603)
        if not body and not content_sid and not params.get("MediaUrl"):
            return _error(400, 21602)
        if body and len(body) > BODY_LIMIT:
            return _error(400, 21617)
        if "ContentVariables" in params:
            try:
                json.loads(params["ContentVariables"])
            except ValueError:
                return _error(400, 21656)
        if window_closed and not content_sid:
            return _error(400, 63016)
        return 201, self._message(to, params.get("From"), body or "", params)

    def _message(
        self, to: str, sender: str | None, body: str, params: dict[str, Any]
    ) -> dict[str, Any]:
        sid = "SM" + secrets.token_hex(16)
        now = email.utils.formatdate(usegmt=True)
        uri = f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}"
        return {
            "account_sid": self.account_sid,
            "api_version": "2010-04-01",
            "body": body,
            "date_created": now,
            "date_sent": None,
            "date_updated": now,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": sender,
            "messaging_service_sid": params.get("MessagingServiceSid"),
            "num_media": "0",
            "num_segments": "1",
            "price": None,
            "price_unit": "USD",
            "sid": sid,
            "status": "queued",
            "subresource_uris": {"media": f"{uri}/Media.json"},
            "to": to,
            "uri": f"{uri}.json",
        }


def _error(status: int, code: int, message: str | None = None) -> tuple[int, Any]:
    return status, {
        "code": code,
        "message": message if message is not None else _MESSAGES_TEXT.get(code, f"Error {code}"),
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }
