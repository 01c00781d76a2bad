"""The worker: answers the inbox (``inbox``), then sends outbox rows through the channel
senders, with retries.

Telegram's 429 ``retry_after`` and Twilio's errors come back from the senders as a
``SendResult``; this module decides what happens to the row. WhatsApp allows free-form
messages only within 24 hours of the person's last message: outside it no free-form send
is attempted; the approved template (if configured) asks the person to write back, and the
held message goes out when they do.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable, Mapping
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot import outbox
from bot.messages import mask
from bot.models import Contact, Outbox, utcnow
from bot.privacy import Purger
from bot.senders import Sender, SendResult

__all__ = ["MAX_ATTEMPTS", "WHATSAPP_WINDOW", "DeliveryWorker"]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
WHATSAPP_WINDOW = dt.timedelta(hours=24)


class WakeEvent(Protocol):
    """``threading.Event`` or ``multiprocessing.Event``."""

    def set(self) -> None: ...  # noqa: D102
    def clear(self) -> None: ...  # noqa: D102
    def wait(self, timeout: float | None = None) -> bool: ...  # noqa: D102


class DeliveryWorker:
    """Answers stored messages, claims due outbox rows and sends them; safe to run several."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        senders: Mapping[str, Sender],
        *,
        inbox: Callable[[], int] | None = None,
        reopen_template_sid: str = "",
        poll_seconds: float = 0.2,
        batch: int = 20,
        wake_event: WakeEvent | None = None,
        purger: Purger | None = None,
    ) -> None:
        self.sessions = sessions
        self.inbox = inbox
        self.senders = dict(senders)
        self.reopen_template_sid = reopen_template_sid
        self.poll_seconds = poll_seconds
        self.batch = batch
        self.purger = purger  # the retention purge runs from this loop, daily by default
        # Another process (``paisano serve``'s web side) may share it to wake this worker.
        self._wake: WakeEvent = wake_event or threading.Event()
        self._stop = threading.Event()

    # --- running ----------------------------------------------------------------------------

    def wake(self) -> None:
        """New rows were committed: look now instead of at the next poll."""
        self._wake.set()

    def run_once(self) -> int:
        """Answer a batch of the inbox, then send what is due; return the outbox rows handled."""
        self.answer()
        return self.send()

    def answer(self) -> int:
        """Answer a batch of stored inbound messages; return how many."""
        return self.inbox() if self.inbox is not None else 0

    def send(self) -> int:
        """Send every outbox row that is due now; return how many rows were handled."""
        if not self.senders:
            return 0
        handled = 0
        with self.sessions() as session:
            while rows := outbox.claim(session, list(self.senders), limit=self.batch):
                for row in rows:
                    self._deliver(session, row)
                    session.commit()
                    handled += 1
        return handled

    def run_forever(self, *, alive: Callable[[], bool] = lambda: True) -> None:
        """Loop until ``stop()`` or until ``alive()`` says no; errors are logged, the loop
        goes on."""
        while not self._stop.is_set() and alive():
            busy = False
            try:
                if self.purger is not None:
                    self.purger.maybe_purge()
                busy = self.answer() > 0
                busy = self.send() > 0 or busy
            except Exception:
                log.exception("worker loop failed; retrying")
            if not busy:  # more may be waiting when the last round had work
                self._wake.wait(self.poll_seconds)
                self._wake.clear()

    def stop(self) -> None:
        """Stop the loop (after its current round) and close the senders."""
        self._stop.set()
        self._wake.set()
        for sender in self.senders.values():
            sender.close()

    # --- one row ----------------------------------------------------------------------------

    def _deliver(self, session: Session, row: Outbox) -> None:
        sender = self.senders[row.channel]
        # claim counted the attempt. No transaction is left open across a network call.
        if row.channel == "whatsapp" and not self._window_open(session, row):
            self._hold(session, row, "outside the 24-hour WhatsApp window")
            return
        session.commit()
        buttons = [tuple(b) for b in json.loads(row.buttons)] if row.buttons else None
        try:
            result = sender.send(row.address, row.text, buttons=buttons)
        except Exception as exc:  # a sender bug must not lose the message
            log.exception("sender crashed for outbox=%s", row.id)
            result = SendResult("retry", reason=f"sender error: {type(exc).__name__}")
        self._record(session, row, result)

    def _record(self, session: Session, row: Outbox, result: SendResult) -> None:
        now = utcnow()
        log.info("outbox=%s channel=%s to=%s status=%s attempt=%s", row.id, row.channel,
                 mask(row.address), result.status, row.attempts)
        if result.status == "sent":
            if row.delete_after_send:
                session.delete(row)
                return
            row.status, row.sent_at, row.external_id = "sent", now, result.external_id
            row.lease_until, row.last_error = None, None
        elif result.status == "window_closed":
            self._hold(session, row, result.reason or "twilio 63016: outside the 24-hour window")
        elif result.status == "unreachable":
            self._fail(row, result.reason or "person unreachable (blocked the bot)")
            contact = session.get(Contact, row.contact_id) if row.contact_id else None
            if contact is not None:
                contact.unreachable = True
        elif result.status == "retry" and row.attempts < MAX_ATTEMPTS:
            row.status, row.lease_until = "pending", None
            row.next_attempt_at = now + outbox.backoff(row.attempts, result.retry_after)
            row.last_error = (result.reason or "temporary failure")[:200]
        else:
            self._fail(row, result.reason or f"gave up after {row.attempts} attempts")

    @staticmethod
    def _fail(row: Outbox, reason: str) -> None:
        row.status, row.lease_until, row.last_error = "failed", None, reason[:200]

    def _window_open(self, session: Session, row: Outbox) -> bool:
        if row.delete_after_send:  # an erasure confirmation answers a message just received
            return True
        contact = session.get(Contact, row.contact_id) if row.contact_id else None
        last = contact.last_inbound_at if contact else None
        return last is not None and utcnow() - last < WHATSAPP_WINDOW

    def _hold(self, session: Session, row: Outbox, reason: str) -> None:
        """Keep the message until the person writes; ask them to, once, with the template."""
        if not self.reopen_template_sid:
            self._fail(row, f"{reason}; no reopen template configured")
            return
        row.status, row.lease_until, row.last_error = "held", None, reason[:200]
        already_asked = session.scalars(
            select(Outbox.id).where(
                Outbox.channel == row.channel, Outbox.address == row.address,
                Outbox.status == "held", Outbox.id != row.id,
            ).limit(1)
        ).first()
        if already_asked is not None:
            return
        session.commit()  # held before asking: a retry of this row never asks twice
        sender = self.senders[row.channel]
        result = sender.send_template(  # type: ignore[attr-defined]
            row.address, self.reopen_template_sid, None
        )
        if result.status != "sent":
            row.last_error = f"{reason}; template: {result.reason or result.status}"[:200]
