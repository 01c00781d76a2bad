"""One verified inbound message through the helpline: inbox, engine, outbox, one commit.

Webhooks that store and acknowledge call ``accept`` (the inbox); the worker (``bot.worker``)
and the web chat call ``receive``, which runs the engine and queues the replies in the
outbox in the same transaction, so a crash loses nothing and doubles nothing.

Some messages are for the channel, not the conversation, and never reach the engine:

    opt_out   the person unsubscribed (SMS "STOP"): marked unreachable, nothing queued is sent
    opt_in    the person subscribed again ("START"): reachable again
    more      the person asks for the rest of a long answer ("MÁS"): its next page is sent
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Container, Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot import handoff, inbox, outbox, privacy
from bot.engine import ConversationEngine, Understanding, welcome
from bot.flood import Flood
from bot.messages import Inbound, Outcome
from bot.models import Contact, InboundEvent, utcnow

__all__ = ["CHANNEL_KINDS", "Pipeline"]

log = logging.getLogger(__name__)

CHANNEL_KINDS = ("opt_out", "opt_in", "more")


class Pipeline:
    """Stores updates in the inbox and takes stored messages through the engine."""

    def __init__(self, engine: ConversationEngine, writer: inbox.Writer,
                 wake: Callable[[], None] = lambda: None, flood: Flood | None = None,
                 auto_assign: bool = False) -> None:
        self.engine = engine
        self.auto_assign = auto_assign  # AUTO_ASSIGN: new cases go to an online agent
        self.flood = flood  # per-person limit: a flood is stored, not answered
        self.writer = writer
        self.wake = wake  # rings the worker's bell: new rows were committed

    def accept(self, inbounds: Sequence[Inbound]) -> bool:
        """Store one verified update's messages for the worker and commit; False if a repeat."""
        if not self.writer.store(inbounds):
            log.info("repeat %s update ignored", inbounds[0].channel)
            return False
        if inbounds:
            self.wake()
        return True

    def prepare(self, session: Session, inbounds: Sequence[Inbound]) -> None:
        """Before ``receive`` of a batch of messages, each of a different person, in one
        transaction: their people looked up at once and the newcomers' contacts and first
        conversations made in one flush (``engine.welcome``). An opt-out or
        opt-in makes no conversation, so it is left to ``receive``."""
        welcome(session, [i for i in inbounds if i.kind not in ("opt_out", "opt_in")])

    def receive(
        self, session: Session, inbound: Inbound, *, inline: bool = False, commit: bool = True,
        understood: Understanding | None = None, waiting: Container[tuple[str, str]] | None = None,
    ) -> Outcome:
        """Handle one verified inbound message.

        With ``inline`` the caller answers in the HTTP response (web chat) and nothing is
        queued; otherwise the replies go to the outbox in the same commit. With
        ``commit=False`` the caller adds to the same transaction and commits it. ``waiting``:
        the people (channel, address) with held or later rows, looked up in this transaction
        for a batch of turns (``outbox.waiting``); None: each turn looks.
        """
        outcome = self._channel_message(session, inbound)
        if outcome is None and self.flood is not None:
            outcome = self.flood.check(
                session, inbound, danger=lambda: self._emergency(inbound, understood))
            if outcome is not None and not inline and outcome.replies:
                outbox.enqueue(session, channel=inbound.channel, address=inbound.sender,
                               replies=outcome.replies, contact_id=outcome.contact_id,
                               conversation_id=outcome.conversation_id, lang=outcome.lang)
        if outcome is None:
            if waiting is None or (inbound.channel, inbound.sender) in waiting:
                outbox.release_held(session, inbound.channel, inbound.sender)
                outbox.drop_later(session, inbound.channel, inbound.sender)  # a new question
            outcome = self.engine.handle(session, inbound, understood)
            if not inline and outcome.replies:
                outbox.enqueue(
                    session, channel=inbound.channel, address=inbound.sender,
                    replies=outcome.replies, contact_id=outcome.contact_id,
                    conversation_id=outcome.conversation_id, delete_after_send=outcome.erased,
                    lang=outcome.lang,
                )
            if outcome.opened and self.auto_assign:
                self._auto_assign(session, outcome)
            if outcome.erased:  # messages that could not be answered held their text too
                privacy.after_erasure(session)  # the commit wipes SQLite's log as well
                session.execute(delete(InboundEvent).where(
                    InboundEvent.channel == inbound.channel,
                    InboundEvent.address == inbound.sender, InboundEvent.status == "failed"))
        if commit:
            session.commit()
            if not inline:
                self.wake()
        return outcome

    def _auto_assign(self, session: Session, outcome: Outcome) -> None:
        """AUTO_ASSIGN: the case just opened goes to the least busy online agent, if any;
        it stays in the queue otherwise. In this turn's transaction, after its replies."""
        assert outcome.conversation_id is not None  # noqa: S101 - a handoff has a conversation
        session.flush()
        handoff.auto_assign(session, self.engine.catalog, outcome.conversation_id)

    def _emergency(self, inbound: Inbound, understood: Understanding | None) -> bool:
        """Whether ``inbound`` is an emergency (understood now if it was not ahead)."""
        understood = understood or self.engine.understand(inbound.text, inbound.kind)
        intents = understood.parts or ((understood.match.intent,) if understood.match else ())
        return "emergency" in intents

    def _channel_message(self, session: Session, inbound: Inbound) -> Outcome | None:
        """Handle an opt-out, opt-in or "more"; None when the message is for the engine."""
        if inbound.kind not in CHANNEL_KINDS:
            return None
        if inbound.kind == "more":
            if not outbox.release_later(session, inbound.channel, inbound.sender):
                return None  # nothing left to send: "más" is an ordinary message then
            return _silent()
        person = session.scalars(select(Contact).where(
            Contact.channel == inbound.channel, Contact.external_id == inbound.sender)).first()
        if person is None:
            person = Contact(channel=inbound.channel, external_id=inbound.sender)
            session.add(person)
            session.flush()  # its id, for the log line and the outcome
        opted_out = inbound.kind == "opt_out"
        person.unreachable = opted_out
        if opted_out:
            outbox.fail_queued(session, inbound.channel, inbound.sender, "the person opted out")
        else:
            person.last_inbound_at = inbound.at or utcnow()
        log.info("%s %s: contact=%s", inbound.channel, inbound.kind, person.id)
        return _silent(contact_id=person.id)


def _silent(contact_id: int | None = None) -> Outcome:
    """The outcome of a message that needs no answer."""
    return Outcome((), None, "es", handoff=False, urgent=False, contact_id=contact_id)
