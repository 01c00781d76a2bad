"""What a running helpline process holds, built once from settings, and the receive pipeline.

Telegram and WhatsApp webhooks ``accept`` a verified update into the inbox and acknowledge
it; the worker calls ``answer_inbox``, which takes each stored message through ``receive``:
run the engine, queue the replies in the outbox, mark the inbox row done, commit once. The
web chat calls ``receive`` directly and answers in its HTTP response.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine as SAEngine
from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from bot import db, inbox, migrations, outbox, privacy
from bot.config import Settings
from bot.content import Catalog, load_catalog
from bot.delivery import DeliveryWorker, WakeEvent
from bot.engine import Engine, Understanding
from bot.messages import Inbound, Outcome
from bot.models import InboundEvent
from bot.senders import Sender, TelegramSender, TwilioSender

__all__ = ["Helpline", "configure_logging", "make_senders", "run_worker_process",
           "start_worker_process", "stop_on_sigterm", "tune_for_serving"]

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # linux/prctl.h
SQLITE_GAP = 0.001  # seconds
AHEAD = 8  # stored messages understood at a time before answering them
SWITCH_INTERVAL = 0.0005  # seconds; CPython's default is 0.005


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
    inbox_writer: inbox.Writer = field(init=False)
    reads: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.inbox_writer = inbox.Writer(self.sa_engine)
        # Sessions that only read: on SQLite they never take or wait for the write lock.
        self.reads = db.make_sessionmaker(db.autocommit(self.sa_engine))

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
        helpline.worker = helpline.make_worker()
        return helpline

    def make_worker(self, wake_event: WakeEvent | None = None) -> DeliveryWorker:
        """The worker of this process: answers the inbox, then sends the outbox."""
        purger = privacy.Purger(self.sessions, self.settings.retention_days,
                                self.settings.purge_interval_hours)
        return DeliveryWorker(self.sessions, self.senders, inbox=self.answer_inbox,
                              reopen_template_sid=self.settings.twilio_reopen_template_sid,
                              wake_event=wake_event, purger=purger)

    def accept(self, inbounds: Sequence[Inbound]) -> bool:
        """Store one verified update's messages for the worker and commit; False if a repeat."""
        if not self.inbox_writer.store(inbounds):
            log.info("repeat %s update ignored", inbounds[0].channel)
            return False
        if inbounds and self.worker is not None:
            self.worker.wake()
        return True

    def answer_inbox(self, limit: int = 50) -> int:
        """Answer up to ``limit`` stored messages, each in its own transaction.

        The texts are understood (matcher, language) before any transaction begins, so the
        row lock, and on SQLite the one write lock the webhooks wait for, is held only while
        a turn is stored.
        """
        answered = 0
        while answered < limit:
            ahead = self.due(min(AHEAD, limit - answered))
            before = answered
            for row_id, item in ahead:
                answered += self._answer(row_id, self._understand(item))
                if self.sa_engine.dialect.name == "sqlite":
                    # SQLite has one write lock for the whole file, and a webhook waiting
                    # for it polls (bot.db): leave it a gap between two answers, or it may
                    # wait out a whole backlog.
                    time.sleep(SQLITE_GAP)
            if answered == before:  # nothing due, or other workers have it all in hand
                break
        return answered

    def due(self, limit: int) -> list[tuple[int, Inbound]]:
        """A look at the next stored messages to answer, taking no lock: on SQLite the
        webhooks never wait for it (``db.autocommit``)."""
        with self.reads() as session:
            return inbox.due(session, limit)

    def _understand(self, item: Inbound) -> Understanding | None:
        try:
            return self.engine.understand(item.text, item.kind)
        except Exception:  # the turn will meet the same bug, and the row will be marked
            return None

    def _answer(self, row_id: int, understood: Understanding | None) -> int:
        """Answer one stored message if it is still due; how many were answered (0 or 1)."""
        with self.sessions() as session:
            row = inbox.claim(session, row_id)
            if row is None:  # another worker took it meanwhile
                session.commit()
                return 0
            try:
                self.receive(session, inbox.inbound(row), commit=False, understood=understood)
                inbox.done(row)
                session.commit()
            except Exception as exc:  # a bug must not lose the message or stop the rest
                log.exception("inbox=%s could not be answered", row_id)
                session.rollback()
                row = session.get(InboundEvent, row_id, populate_existing=True)
                if row is not None:
                    inbox.failed(row, f"{type(exc).__name__}: not answered")
                session.commit()
        return 1

    def receive(
        self, session: Session, inbound: Inbound, *, inline: bool = False, commit: bool = True,
        understood: Understanding | None = None,
    ) -> Outcome:
        """Handle one verified inbound message.

        With ``inline`` the caller answers in the HTTP response (web chat) and nothing is
        queued; otherwise the replies go to the outbox in the same commit. With
        ``commit=False`` the caller adds to the same transaction and commits it.
        """
        outbox.release_held(session, inbound.channel, inbound.sender)
        outcome = self.engine.handle(session, inbound, understood)
        if not inline and outcome.replies:
            outbox.enqueue(
                session, channel=inbound.channel, address=inbound.sender,
                replies=outcome.replies, contact_id=outcome.contact_id,
                conversation_id=outcome.conversation_id, delete_after_send=outcome.erased,
            )
        if outcome.erased:  # messages that could not be answered held their text too
            privacy.after_erasure(session)  # the commit wipes SQLite's log as well
            session.execute(delete(InboundEvent).where(
                InboundEvent.channel == inbound.channel, InboundEvent.address == inbound.sender,
                InboundEvent.status == "failed"))
        if commit:
            session.commit()
            if self.worker is not None and not inline:
                self.worker.wake()
        return outcome

    def close(self) -> None:
        """Stop the worker, close senders and the database pool."""
        if self.worker is not None:
            self.worker.stop()
        self.inbox_writer.stop()
        self.sa_engine.dispose()


def configure_logging(level: int) -> None:
    """Log to stderr at ``level``; libraries that would log secrets or texts stay quiet."""
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs URLs that carry the bot token; python-telegram-bot logs texts at DEBUG.
    for noisy in ("httpx", "telegram", "twilio.http_client"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def tune_for_serving() -> None:
    """Interpreter settings of a serving process. Request threads are short and mostly
    Python; the inbox writer thread waits on SQLite between them. With CPython's default
    5 ms switch interval a thread back from the database waits for the GIL behind the
    request threads, again and again in one transaction; 0.5 ms lets it back in quickly
    (benchmarks/webhooks.py: Telegram webhook 418 -> 572 req/s, p99 70 -> 49 ms)."""
    sys.setswitchinterval(SWITCH_INTERVAL)


def stop_on_sigterm() -> None:
    """SIGTERM (systemd, ``docker stop``) ends the process as Ctrl-C does: the cleanup runs
    (queued inbox writes are committed, the worker's shared event is released) instead of
    the process vanishing mid-step."""
    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def start_worker_process(helpline: Helpline) -> multiprocessing.process.BaseProcess:
    """Run the worker of ``helpline``'s settings in a child process, woken by this one."""
    ctx = multiprocessing.get_context("spawn")
    wake = ctx.Event()  # the webhooks wake the worker the moment they store a message
    helpline.worker = helpline.make_worker(wake)
    process = ctx.Process(target=run_worker_process, name="paisano-worker", daemon=True,
                          args=(helpline.settings, wake, os.getpid(),
                                logging.getLogger().getEffectiveLevel()))
    process.start()
    return process


def run_worker_process(settings: Settings, wake_event: WakeEvent, parent: int,
                       log_level: int = logging.WARNING) -> None:
    """``paisano serve``'s worker, in a process of its own: answering messages is CPU work,
    and in a thread it would hold the interpreter lock against the webhooks' requests.
    It stops when the serving process is gone, even if that one was killed."""
    configure_logging(log_level)
    _die_with_parent()
    helpline = Helpline.build(settings)
    helpline.worker = helpline.make_worker(wake_event)
    try:
        helpline.worker.run_forever(alive=lambda: os.getppid() == parent)
    except KeyboardInterrupt:
        pass
    finally:
        helpline.close()


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this process the moment its parent dies (even by
    SIGKILL), so a killed server never leaves a worker behind; elsewhere ``alive`` polls."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
