"""What a running helpline process holds, built once from settings, and the receive pipeline.

``receive`` is the one path every channel takes after verifying a request: drop repeats,
run the engine, queue the replies in the outbox, commit once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Engine as SAEngine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot import db, migrations, outbox
from bot.config import Settings
from bot.content import Catalog, load_catalog
from bot.delivery import DeliveryWorker
from bot.engine import Engine
from bot.messages import Inbound, Outcome
from bot.models import InboundEvent, dedupe_key
from bot.senders import Sender, TelegramSender, TwilioSender

__all__ = ["Helpline", "make_senders"]

log = logging.getLogger(__name__)


def make_senders(settings: Settings) -> dict[str, Sender]:
    """One sender per enabled channel."""
    senders: dict[str, Sender] = {}
    if settings.telegram_enabled:
        senders["telegram"] = TelegramSender(
            settings.telegram_bot_token, settings.telegram_api_base_url
        )
    if settings.whatsapp_enabled:
        senders["whatsapp"] = TwilioSender(
            settings.twilio_account_sid, settings.twilio_auth_token,
            settings.twilio_whatsapp_number, settings.twilio_api_base_url,
            settings.twilio_reopen_template_sid or None,
        )
    return senders


@dataclass
class Helpline:
    """Settings, content, engine, database and senders of one process."""

    settings: Settings
    catalog: Catalog
    engine: Engine
    sa_engine: SAEngine
    sessions: sessionmaker[Session]
    senders: dict[str, Sender] = field(default_factory=dict)
    worker: DeliveryWorker | None = None

    @classmethod
    def build(cls, settings: Settings, *, catalog: Catalog | None = None,
              senders: dict[str, Sender] | None = None, engine: Engine | None = None) -> Helpline:
        """Load content (raises ContentError), connect the database, make the senders.

        An embedded SQLite database is upgraded to the newest schema on the spot; any other
        database must already be (``paisano db upgrade``), else SchemaError says so.
        """
        catalog = engine.catalog if engine else catalog or load_catalog()
        sa_engine = db.make_engine(settings.database_url)
        try:
            migrations.ensure_schema(sa_engine)
        except Exception:
            sa_engine.dispose()
            raise
        sessions = db.make_sessionmaker(sa_engine)
        senders = make_senders(settings) if senders is None else senders
        engine = engine or Engine(catalog, settings)
        helpline = cls(settings, catalog, engine, sa_engine, sessions, senders)
        helpline.worker = DeliveryWorker(
            sessions, senders, reopen_template_sid=settings.twilio_reopen_template_sid
        )
        return helpline

    def receive(
        self, session: Session, inbound: Inbound, *, inline: bool = False, commit: bool = True
    ) -> Outcome | None:
        """Handle one verified inbound message; None when it was a repeat.

        With ``inline`` the caller answers in the HTTP response (TwiML, web chat) and
        nothing is queued; otherwise the replies go to the outbox in the same commit. With
        ``commit=False`` the caller adds to the same transaction and commits it.
        """
        if inbound.external_id is not None:
            session.add(InboundEvent(channel=inbound.channel,
                                     external_id=dedupe_key(inbound.external_id)))
            try:
                session.flush()
            except IntegrityError:
                session.rollback()
                log.info("repeat %s update %s ignored", inbound.channel, inbound.external_id)
                return None
        outbox.release_held(session, inbound.channel, inbound.sender)
        outcome = self.engine.handle(session, inbound)
        if not inline and outcome.replies:
            outbox.enqueue(
                session, channel=inbound.channel, address=inbound.sender,
                replies=outcome.replies, contact_id=outcome.contact_id,
                conversation_id=outcome.conversation_id, delete_after_send=outcome.erased,
            )
        if commit:
            session.commit()
            if self.worker is not None and not inline:
                self.worker.wake()
        return outcome

    def close(self) -> None:
        """Stop the worker, close senders and the database pool."""
        if self.worker is not None:
            self.worker.stop()
        self.sa_engine.dispose()
