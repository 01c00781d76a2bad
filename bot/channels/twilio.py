"""Twilio: one module for every Twilio-shaped channel (WhatsApp, SMS), as nyaruka/courier does.

A Twilio channel is a registration of :class:`TwilioChannel`: its webhook form becomes an
inbound message (``parse``), its replies go out through the Messages API
(:class:`TwilioSender`). The webhooks check ``X-Twilio-Signature`` (see
``webhooks.context.twilio_signed``) before handing the form over.

``TWILIO_API_BASE_URL`` is the scheme and host of the REST API without a path:
``https://api.twilio.com`` (the default); the sender adds
``/2010-04-01/Accounts/<SID>/Messages.json``.

WhatsApp allows free-form messages only within 24 hours of the person's last message;
outside it the worker holds the message and sends ``TWILIO_REOPEN_TEMPLATE_SID`` once.

SMS (``TWILIO_SMS_NUMBER``) is for people without a data plan, so every segment counts:
answers are plain text in the GSM-7 alphabet (emoji dropped, "á" written "a", "é" and "ñ"
kept: they are GSM-7), so a segment holds 153 characters, not 67; one turn's replies go as
one message of at most 3 segments, and what does not fit waits until the person answers
"MAS" (the message ends "(responde MAS)"). STOP, ALTO and Twilio's other opt-out keywords
mark the person opted out (Twilio itself confirms it to them), START and UNSTOP opt them in
again; nothing is sent while they are out.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import logging
import math
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, TypeVar
from urllib.parse import urlencode

from twilio.rest import Client as TwilioClient

from bot.channels.base import Channel, ClosingSender, ParseError, Part, register
from bot.channels.keepalive import KeepAlive
from bot.messages import Inbound, mask
from bot.senders import SendResult, split_text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bot.config import Settings

__all__ = ["DEFAULT_API_BASE_URL", "SMS", "TEXT_LIMIT", "WHATSAPP", "SmsChannel", "TwilioChannel",
           "TwilioSender", "segments", "to_gsm7"]

logger = logging.getLogger(__name__)

DEFAULT_API_BASE_URL: Final = "https://api.twilio.com"
TEXT_LIMIT: Final = 1600  # the longest Body the Messages API takes, and delivers to us
# Twilio error codes: https://www.twilio.com/docs/api/errors
_TWILIO_WINDOW_CLOSED: Final = 63016
_TWILIO_UNREACHABLE: Final = frozenset({21211, 21408, 21610, 21612, 21614, 63003, 63024})
_TWILIO_RETRY: Final = frozenset({20429, 63018})
# Twilio's message SIDs: SM (text) or MM (media) and 32 lowercase hex digits. Checking the
# shape stops a captured request being replayed with text moved between parameters
# ("MessageSid" = sid + "NumMedia0"): the signature, over the parameters joined, still matches.
_SID = re.compile(r"(?:SM|MM)[0-9a-f]{32}")
ACCOUNT = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN")
_C = TypeVar("_C", bound="TwilioChannel")


@dataclasses.dataclass(frozen=True)
class TwilioChannel(Channel):
    """A channel on a Twilio number; ``number_setting`` names the variable of the number."""

    number_setting: str = ""
    address: re.Pattern[str] = re.compile(r"\+[0-9]{6,16}")
    address_hint: str = "+5214771234567"

    def number(self, settings: Settings) -> str:
        """The Twilio number this channel sends from."""
        if self.number_setting == "TWILIO_WHATSAPP_NUMBER":  # a Settings field of its own
            return settings.twilio_whatsapp_number
        return settings.extra.get(self.number_setting, "")

    def enabled(self, settings: Settings) -> bool:
        """On when the Twilio account, token and this channel's number are set."""
        return bool(settings.twilio_account_sid and settings.twilio_auth_token
                    and self.number(settings))

    def make_sender(self, settings: Settings) -> TwilioSender | None:
        """A Messages API sender from this channel's number, or None when it is off."""
        if not self.enabled(settings):
            return None
        return TwilioSender(settings.twilio_account_sid, settings.twilio_auth_token,
                            self.number(settings),
                            settings.twilio_api_base_url or DEFAULT_API_BASE_URL,
                            channel=self.name, text_limit=self.text_limit)

    def check(self, env: dict[str, str]) -> None:
        """With this channel's number set, the account and token must be too."""
        from bot.config import ConfigError

        if not env.get(self.number_setting):
            present = [n for n in ACCOUNT if env.get(n)]
            if not present or any(
                    env.get(c.number_setting) for c in _TWILIO if c is not self):
                return
        names = (*ACCOUNT, self.number_setting)
        missing = next((n for n in names if not env.get(n)), None)
        if missing is not None:
            raise ConfigError(f"{missing} is missing: {self.label} needs all of {names}")

    def parse(self, data: Mapping[str, str]) -> list[Inbound]:
        """The message a Twilio form carries; [] for a status callback."""
        if "MessageStatus" in data:  # a delivery report sent to this URL by mistake
            return []
        sender, sid = data.get("From", ""), data.get("MessageSid", "")
        if not self.address.fullmatch(sender):
            raise ParseError(f"From must be a {self.label} address like {self.address_hint}")
        if not _SID.fullmatch(sid):
            raise ParseError("MessageSid is missing or malformed")
        for name in ("SmsSid", "SmsMessageSid"):  # when Twilio sends them, the same message
            if data.get(name) and data[name] != sid:
                raise ParseError(f"{name} does not match MessageSid")
        body = data.get("Body", "")
        if data.get("Latitude") or data.get("Longitude"):
            return [Inbound(self.name, sender, None, kind="location", external_id=sid)]
        media = data.get("NumMedia", "0").strip()
        if (media.isdigit() and int(media) > 0) or not body.strip():
            return [Inbound(self.name, sender, body.strip() or None, kind="media",
                            external_id=sid)]
        return [Inbound(self.name, sender, body, external_id=sid)]

    def address_forms(self, address: str) -> list[str]:
        """A number as staff may type it: with or without the prefix and the ``+``."""
        prefix = self.address_hint.split("+", 1)[0]
        bare = address.strip().removeprefix(prefix)
        forms = [address.strip(), bare, f"{prefix}{bare}"]
        if not bare.startswith("+"):
            forms += [f"+{bare}", f"{prefix}+{bare}"]
        return list(dict.fromkeys(forms))


_TWILIO: list[TwilioChannel] = []  # its channels share the account settings


def _register(channel: _C) -> _C:
    """Register a Twilio channel in the registry and among the account's channels."""
    _TWILIO.append(channel)
    register(channel)
    return channel


@dataclasses.dataclass(frozen=True)
class WhatsAppChannel(TwilioChannel):
    """WhatsApp through Twilio: a 24-hour window re-opened by an approved template."""

    def reopen_template(self, settings: Settings) -> str:
        """TWILIO_REOPEN_TEMPLATE_SID: asks the person to write back after the window."""
        return settings.twilio_reopen_template_sid


class TwilioSender(ClosingSender):
    """Sends through Twilio's Messages API, for one channel.

    Each message is one form POST on the calling thread's own keep-alive connection
    (``bot.channels.keepalive``), its answer read as the official client reads it: that
    client's request path cost the worker more CPU than the rest of a send.

    ``to`` and ``from_number`` are addresses of that channel (``whatsapp:+15551234567``,
    ``+15551234567``). When a send returns ``window_closed`` the worker holds the reply and
    sends the approved template (:meth:`send_template`) once.
    """

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        from_number: str,
        base_url: str = DEFAULT_API_BASE_URL,
        *,
        channel: str = "whatsapp",
        text_limit: int = TEXT_LIMIT,
        timeout: float = 10.0,
    ) -> None:
        self.channel = channel
        self.text_limit = text_limit
        self._from = from_number
        base_url = base_url.rstrip("/")
        messages = f"{base_url}/2010-04-01/Accounts/{account_sid}/Messages.json"
        if base_url == DEFAULT_API_BASE_URL:
            # The official client's host for it: TWILIO_EDGE / TWILIO_REGION may rewrite it.
            # Only for api.twilio.com: it would mangle a custom host such as 127.0.0.1.
            messages = TwilioClient(account_sid, auth_token).get_hostname(messages)
        self._http = KeepAlive(messages, timeout)
        credentials = base64.b64encode(f"{account_sid}:{auth_token}".encode()).decode()
        self._headers = {"Authorization": f"Basic {credentials}", "Accept": "application/json",
                         "Content-Type": "application/x-www-form-urlencoded"}
        self._closed = False

    def send(
        self, to: str, text: str, *, buttons: list[tuple[str, str]] | None = None
    ) -> SendResult:
        """Send ``text`` (split at ``text_limit``) to ``to``; ``buttons`` are ignored."""
        parts = split_text(text, self.text_limit)
        if not parts:
            return SendResult("failed", reason="empty text")
        result = SendResult("failed", reason="not sent")
        for part in parts:
            result = self._create(to, body=part)
            if not result.ok:
                break
        logger.info(
            "%s send to %s: %s (%d part(s), reason=%s)",
            self.channel,
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
            "%s template %s to %s: %s (reason=%s)",
            self.channel,
            content_sid,
            mask(to),
            result.status,
            result.reason,
        )
        return result

    def close(self) -> None:
        """Close the connections; idempotent."""
        self._closed = True
        self._http.close()

    def _create(self, to: str, **fields: str | None) -> SendResult:
        if self._closed:
            raise RuntimeError("TwilioSender is closed")
        form = {"To": to, "From": self._from}
        form.update({_FIELDS[name]: value for name, value in fields.items() if value is not None})
        try:
            status, payload = self._http.post(self._http.path, urlencode(form).encode(),
                                              self._headers)
        except OSError as exc:
            return SendResult("retry", reason=f"twilio network error: {type(exc).__name__}")
        try:
            data = json.loads(payload)
        except ValueError:
            data = None
        if 200 <= status <= 299:
            sid = data.get("sid") if isinstance(data, dict) else None
            return SendResult("sent", external_id=sid if isinstance(sid, str) else None)
        # As the official client reads an error: its code, else the HTTP status.
        code = data.get("code", status) if isinstance(data, dict) else None
        return _twilio_result(status, code if isinstance(code, int) else None)


_FIELDS = {"body": "Body", "content_sid": "ContentSid", "content_variables": "ContentVariables"}


def _twilio_result(status: int, code: int | None) -> SendResult:
    """A Messages API error (HTTP ``status``, Twilio's error ``code``) as a SendResult."""
    reason = f"twilio {code if code is not None else status}"
    if code == _TWILIO_WINDOW_CLOSED:
        return SendResult("window_closed", reason=reason)
    if code in _TWILIO_UNREACHABLE:
        return SendResult("unreachable", reason=reason)
    if code in _TWILIO_RETRY or status == 429 or status >= 500:
        return SendResult("retry", reason=reason)
    return SendResult("failed", reason=reason)


WHATSAPP = _register(WhatsAppChannel(
    "whatsapp", "WhatsApp", max_inbound=TEXT_LIMIT, text_limit=TEXT_LIMIT,
    reply_window=dt.timedelta(hours=24), number_setting="TWILIO_WHATSAPP_NUMBER",
    address=re.compile(r"whatsapp:\+[0-9]{6,16}"), address_hint="whatsapp:+5214771234567",
    quiet_loggers=("twilio.http_client",)))  # it logs request bodies: message texts


# --- SMS ------------------------------------------------------------------------------------

# GSM 03.38: the basic alphabet (one septet each) and the extension table (two each).
GSM7_BASIC: Final = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXTENDED: Final = frozenset("^{}\\[~]|€")
_LOOKALIKES: Final = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "«": '"', "»": '"',
    "\u2013": "-", "\u2014": "-", "\u2022": "-", "\u00b7": ".", "\u2026": "...",
    "\u00a0": " ", "\t": " ", "\u00ba": "o", "\u00aa": "a",
})
SINGLE, SEGMENT = 160, 153  # septets in one SMS; in each part of a longer one
MAX_SEGMENTS = 3  # per answer, unless the person asks for more
MORE_WORDS = frozenset({"MAS", "MÁS"})
MORE_FOOTER = {"es": "(responde MAS)", "en": "(reply MAS for more)",
               "ht": "(reponn MAS pou plis)"}
# Twilio's default opt-out and opt-in keywords, plus the Spanish "ALTO".
OPT_OUT_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
                           "REVOKE", "OPTOUT", "ALTO"})
OPT_IN_WORDS = frozenset({"START", "UNSTOP"})


def to_gsm7(text: str) -> str:
    """``text`` in the GSM-7 alphabet: accents outside it dropped (á -> a, é kept), look-alike
    punctuation replaced, emoji and other symbols left out, spaces tidied."""
    out = []
    for char in text.translate(_LOOKALIKES):
        if char in GSM7_BASIC or char in GSM7_EXTENDED:
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if c in GSM7_BASIC)
        out.append(base)  # "" for emoji, which have no letter inside
    lines = (" ".join(line.split()) for line in "".join(out).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def septets(text: str) -> int:
    """How many GSM-7 septets ``text`` (already GSM-7) takes."""
    return sum(2 if char in GSM7_EXTENDED else 1 for char in text)


def segments(text: str) -> int:
    """How many SMS segments ``text`` (already GSM-7) is billed and sent as."""
    size = septets(text)
    return 1 if size <= SINGLE else math.ceil(size / SEGMENT)


def _pages(text: str, footer: str) -> list[str]:
    """``text`` cut into pages of at most ``MAX_SEGMENTS`` segments; every page but the last
    ends with ``footer``."""
    budget = SEGMENT * MAX_SEGMENTS
    if septets(text) <= budget:
        return [text]
    limit = budget - septets(footer) - 1
    while True:  # characters, not septets: shrink until the extension table's pairs fit
        pages = split_text(text, limit)
        pages = [f"{page}\n{footer}" for page in pages[:-1]] + pages[-1:]
        if all(septets(page) <= budget for page in pages):
            return pages
        limit -= 8


@dataclasses.dataclass(frozen=True)
class SmsChannel(TwilioChannel):
    """SMS through Twilio: GSM-7 plain text, 3 segments an answer, opt-out keywords."""

    def parse(self, data: Mapping[str, str]) -> list[Inbound]:
        """The message of a Twilio SMS form; opt-out, opt-in and "more" keep no text."""
        found = super().parse(data)
        if not found or found[0].text is None:
            return found
        word = found[0].text.strip().upper()
        opt = data.get("OptOutType", "").upper()  # set by Twilio's Advanced Opt-Out
        kind = ("opt_out" if opt == "STOP" or word in OPT_OUT_WORDS else
                "opt_in" if opt == "START" or word in OPT_IN_WORDS else
                "more" if word in MORE_WORDS else None)
        if kind is None:
            return found
        return [dataclasses.replace(found[0], text=None, kind=kind)]

    def prepare(self, texts: Sequence[str], lang: str) -> list[Part]:
        """One turn's replies as one GSM-7 message of at most 3 segments, the rest later."""
        text = "\n\n".join(t for t in (to_gsm7(t) for t in texts) if t)
        if not text:
            return []
        footer = MORE_FOOTER.get(lang, MORE_FOOTER["es"])
        return [Part(page, later=n > 0) for n, page in enumerate(_pages(text, footer))]


SMS = _register(SmsChannel(
    "sms", "SMS", max_inbound=TEXT_LIMIT, text_limit=TEXT_LIMIT,
    number_setting="TWILIO_SMS_NUMBER", settings_names=("TWILIO_SMS_NUMBER",),
    opt_in_required=True))
