"""Helpers shared by the webhook and delivery tests: a helpline on the stubs, real requests.

Tests commit for real (the webhooks and the worker open their own sessions), so each test
takes a :class:`Rows` snapshot first: it says which rows the test created and deletes them
afterwards, which keeps a shared PostgreSQL database (``TEST_DATABASE_URL``) clean.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from xml.etree import ElementTree

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker
from twilio.request_validator import RequestValidator
from werkzeug.test import TestResponse

from bot import channels, db
from bot.config import Settings
from bot.content import Catalog
from bot.engine import ConversationEngine, Understanding
from bot.messages import Inbound, Outcome, Reply
from bot.models import (
    CannedAnswer,
    Contact,
    Conversation,
    ConversationLabel,
    Erasure,
    InboundEvent,
    Message,
    Outbox,
    dedupe_key,
    utcnow,
)
from bot.runtime import Helpline
from bot.senders import Sender
from tests.stubs import StubTelegram, StubTwilio
from webhooks.app import create_app

PUBLIC_BASE_URL = "https://helpline.example.org"
TELEGRAM_SECRET = "test-webhook-secret_0123"
WHATSAPP_NUMBER = "whatsapp:+15550001111"
TEMPLATE_SID = "HX00000000000000000000000000000001"
WHATSAPP_PATH = "/webhooks/whatsapp"
SMS_NUMBER = "+15550002222"
SMS_PATH = "/webhooks/sms"
TELEGRAM_PATH = "/webhooks/telegram"

# Deleted children first; contacts cascade to their conversations, messages and outbox rows.
TABLES: tuple[Any, ...] = (Outbox, Message, ConversationLabel, Conversation, Contact,
                           InboundEvent, Erasure, CannedAnswer)


def make_settings(
    db_url: str,
    *,
    telegram: StubTelegram | None = None,
    twilio: StubTwilio | None = None,
    template: str = "",
) -> Settings:
    """Settings pointing at the stubs; a channel is on only when its stub is given."""
    kwargs: dict[str, Any] = {}
    if telegram is not None:
        kwargs.update(telegram_bot_token=telegram.token, telegram_webhook_secret=TELEGRAM_SECRET,
                      telegram_api_base_url=telegram.base_url)
    if twilio is not None:
        kwargs.update(twilio_account_sid=twilio.account_sid, twilio_auth_token=twilio.auth_token,
                      twilio_whatsapp_number=WHATSAPP_NUMBER, twilio_api_base_url=twilio.base_url,
                      twilio_reopen_template_sid=template)
    return Settings(database_url=db_url, public_base_url=PUBLIC_BASE_URL,
                    secret_key="test-secret", **kwargs)


def make_helpline(
    settings: Settings, catalog: Catalog, engine: ConversationEngine,
    senders: Mapping[str, Sender] | None = None,
) -> Helpline:
    """A Helpline like ``Helpline.build`` makes, reusing the session's trained engine."""
    sa_engine = db.make_engine(settings.database_url)
    db.create_schema(sa_engine)
    sessions = db.make_sessionmaker(sa_engine)
    real = channels.senders(settings) if senders is None else dict(senders)
    helpline = Helpline(settings, catalog, engine, sa_engine, sessions, real)
    helpline.worker = helpline.make_worker()
    return helpline


@dataclasses.dataclass
class Harness:
    """An app on the stubs, its helpline (worker not running: call ``run_once``), its rows."""

    app: Flask
    client: FlaskClient
    helpline: Helpline
    rows: Rows
    catalog: Catalog

    @property
    def sessions(self) -> sessionmaker[Session]:
        """The helpline's session factory."""
        return self.helpline.sessions

    def answer(self) -> int:
        """Let the worker answer the stored messages (not send them yet); return how many."""
        answered = 0
        while batch := self.helpline.worker.answer_inbox():
            answered += batch
        return answered

    def inbox_statuses(self) -> dict[str, int]:
        """How many inbox rows stored since the snapshot are pending, done, failed."""
        with self.sessions() as s:
            return dict(s.execute(  # type: ignore[arg-type]
                select(InboundEvent.status, func.count()).where(
                    InboundEvent.id > self.rows.start[InboundEvent])
                .group_by(InboundEvent.status)).all())

    def deliver(self) -> int:
        """Run the worker once, as its thread would: answer, then send; return rows sent."""
        assert self.helpline.worker is not None
        return self.helpline.worker.run_once()


@contextmanager
def harness(settings: Settings, catalog: Catalog, engine: ConversationEngine,
            senders: Mapping[str, Sender] | None = None) -> Iterator[Harness]:
    """Build the app the way production does and clean up the rows it stored."""
    helpline = make_helpline(settings, catalog, engine, senders)
    rows = Rows(helpline.sessions)
    try:
        app = create_app({"SETTINGS": settings, "HELPLINE": helpline, "TESTING": True})
        yield Harness(app, app.test_client(), helpline, rows, catalog)
    finally:
        rows.cleanup()
        helpline.close()


class Rows:
    """The rows created since the snapshot: count them, delete them."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        with sessions() as s:
            self.start = {t: s.scalar(select(func.coalesce(func.max(t.id), 0))) for t in TABLES}

    def new(self) -> dict[str, int]:
        """How many rows each table gained; tables without new rows are left out."""
        with self.sessions() as s:
            counts = {t.__tablename__: s.scalar(select(func.count()).where(t.id > self.start[t]))
                      for t in TABLES}
        return {name: n for name, n in counts.items() if n}

    def cleanup(self) -> None:
        """Delete every row created since the snapshot."""
        with self.sessions() as s:
            for table in TABLES:
                s.execute(delete(table).where(table.id > self.start[table]))
            s.commit()


@contextmanager
def clock_off_by(offset: dt.timedelta) -> Iterator[None]:
    """This process's clock runs ``offset`` off the database's, as on another machine: every
    module of the helpline that reads ``utcnow`` reads it so."""
    modules = [m for name, m in list(sys.modules.items())
               if name.partition(".")[0] in ("bot", "webhooks")
               and getattr(m, "utcnow", None) is utcnow]
    for module in modules:
        module.utcnow = lambda: utcnow() + offset  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module in modules:
            module.utcnow = utcnow  # type: ignore[attr-defined]


def due_now(sessions: sessionmaker[Session], *row_ids: int) -> None:
    """Time passes: make rescheduled outbox rows due now."""
    with sessions() as s:
        s.execute(update(Outbox).where(Outbox.id.in_(row_ids))
                  .values(next_attempt_at=utcnow() - dt.timedelta(seconds=1)))
        s.commit()


def outbox_rows(sessions: sessionmaker[Session], channel: str, address: str) -> list[Outbox]:
    """The outbox rows to one person, oldest first."""
    with sessions() as s:
        return list(s.scalars(select(Outbox).where(Outbox.channel == channel,
                                                   Outbox.address == address)
                              .order_by(Outbox.id)))


def contact(sessions: sessionmaker[Session], channel: str, address: str) -> Contact | None:
    """The contact of one person, if stored."""
    with sessions() as s:
        return s.scalars(select(Contact).where(Contact.channel == channel,
                                               Contact.external_id == address)).first()


def inbound_events(sessions: sessionmaker[Session], channel: str, external_id: str) -> int:
    """How many InboundEvent rows carry this id."""
    return len(inbox_rows(sessions, channel, external_id))


def inbox_rows(sessions: sessionmaker[Session], channel: str, external_id: str
               ) -> list[InboundEvent]:
    """The inbox rows of one update id (the /start update has a second one, "<id>/menu")."""
    with sessions() as s:
        return list(s.scalars(select(InboundEvent).where(
            InboundEvent.channel == channel,
            InboundEvent.external_id == dedupe_key(external_id))))


# --- Telegram -----------------------------------------------------------------------------

_update_ids = itertools.count(random.randrange(10**8, 10**9))


def new_chat_id() -> int:
    """A private chat id no other test uses."""
    return random.randrange(10**9, 2**40)


def tg_user(chat_id: int) -> dict[str, Any]:
    """The ``from`` of a private message."""
    return {"id": chat_id, "is_bot": False, "first_name": "Ana", "language_code": "es"}


def tg_message(chat_id: int, chat_type: str = "private", **content: Any) -> dict[str, Any]:
    """A Bot API Message object with ``content`` (text=..., photo=[...], ...)."""
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = "Ana"
    else:
        chat["title"] = "Grupo"
    return {"message_id": random.randrange(1, 10**6), "date": 1_760_000_000,
            "chat": chat, "from": tg_user(abs(chat_id)), **content}


def tg_update(kind: str = "message", **body: Any) -> dict[str, Any]:
    """A Bot API Update with a fresh ``update_id``: ``tg_update("message", **msg)``."""
    return {"update_id": next(_update_ids), kind: body}


def tg_text(chat_id: int, text: str) -> dict[str, Any]:
    """A private text message update."""
    return tg_update("message", **tg_message(chat_id, text=text))


def tg_callback(chat_id: int, data: str, query_id: str = "4382bfdwdsb323b2d9") -> dict[str, Any]:
    """A button press on a message the bot sent to a private chat."""
    return tg_update("callback_query", id=query_id, chat_instance="-7123", data=data,
                     **{"from": tg_user(chat_id)},
                     message={**tg_message(chat_id, text="menu"), "from": {
                         "id": 123456789, "is_bot": True, "first_name": "Paisano"}})


def post_update(client: FlaskClient, update_body: Any, secret: str | None = TELEGRAM_SECRET,
                **kwargs: Any) -> TestResponse:
    """POST an update the way Telegram does: JSON with the secret header."""
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    if isinstance(update_body, bytes):
        return client.post(TELEGRAM_PATH, data=update_body, headers=headers,
                           content_type="application/json", **kwargs)
    return client.post(TELEGRAM_PATH, json=update_body, headers=headers, **kwargs)


# --- WhatsApp -----------------------------------------------------------------------------


def new_number() -> str:
    """A WhatsApp address no other test uses."""
    return f"whatsapp:+1555{random.randrange(10**7):07d}"


def new_sid() -> str:
    """A fresh MessageSid."""
    return "SM" + "".join(random.choices("0123456789abcdef", k=32))


def wa_form(sender: str, body: str = "", **extra: str) -> dict[str, str]:
    """The form Twilio posts for an incoming WhatsApp message."""
    return {"MessageSid": new_sid(), "SmsMessageSid": "", "AccountSid": "AC" + "0" * 32,
            "From": sender, "To": WHATSAPP_NUMBER, "Body": body, "NumMedia": "0",
            "NumSegments": "1", "SmsStatus": "received", "ApiVersion": "2010-04-01",
            "ProfileName": "Ana", "WaId": sender.removeprefix("whatsapp:+"), **extra}


def new_phone() -> str:
    """An SMS number no other test uses."""
    return f"+1555{random.randrange(10**7):07d}"


def sms_form(sender: str, body: str, **extra: str) -> dict[str, str]:
    """The form Twilio posts for an incoming SMS."""
    return {"MessageSid": new_sid(), "SmsMessageSid": "", "AccountSid": "AC" + "0" * 32,
            "From": sender, "To": SMS_NUMBER, "Body": body, "NumMedia": "0",
            "NumSegments": "1", "SmsStatus": "received", "ApiVersion": "2010-04-01",
            "FromCountry": "US", **extra}


def sign(token: str, url: str, form: Mapping[str, str]) -> str:
    """X-Twilio-Signature as Twilio computes it."""
    return str(RequestValidator(token).compute_signature(url, dict(form)))


def post_form(client: FlaskClient, token: str, form: Mapping[str, str], *, query: str = "",
              signed_url: str | None = None, base_url: str = "http://localhost",
              signature: str | None = None, route: str = WHATSAPP_PATH) -> TestResponse:
    """POST a Twilio webhook form to ``route`` signed for the public URL (or ``signed_url``)."""
    path = route + (f"?{query}" if query else "")
    url = signed_url or PUBLIC_BASE_URL + path
    sig = sign(token, url, form) if signature is None else signature
    headers = {"X-Twilio-Signature": sig} if sig else {}
    return client.post(path, data=dict(form), headers=headers, base_url=base_url)


def twiml_messages(response: TestResponse) -> list[str]:
    """The texts of the <Message> verbs of a TwiML response."""
    root = ElementTree.fromstring(response.get_data())  # noqa: S314 - our own response
    assert root.tag == "Response"
    return [m.text or "" for m in root.findall("Message")]


@dataclasses.dataclass
class Verbose:
    """The real engine, with long extra replies, to push an answer past a channel's limits."""

    real: ConversationEngine
    extra: tuple[Reply, ...]

    def understand(self, text: str | None, kind: str = "text") -> Understanding:
        return self.real.understand(text, kind)

    def handle(self, session: Session, inbound: Inbound,
               understood: Understanding | None = None) -> Outcome:
        outcome = self.real.handle(session, inbound, understood)
        return dataclasses.replace(outcome, replies=outcome.replies + self.extra)
