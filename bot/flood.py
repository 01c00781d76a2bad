"""Per-person flood limit, the same on every channel (Telegram chat, WhatsApp or SMS number,
web chat id).

Someone sending faster than ``limit`` messages a minute is flooding, unless the message is an
emergency: that one is always answered. Their messages are still
stored (nothing a person says is lost, staff see it all), but the engine does not run:
the first message over the limit gets one short "vas muy rápido" in the person's language,
the rest get nothing (no outbound send, which WhatsApp would bill), and once they slow down
the engine answers again. A contact staff marked as abuse (``bot.abuse``) is held back the
same way, always and with no notice. The state is read from the stored messages, so it holds across
processes and restarts; each check reads at most two index rows beside the person (whom the
engine then finds already looked up).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from bot import commands, known
from bot.content import Catalog, fold
from bot.messages import Inbound, Outcome, Reply, clean_text
from bot.models import Contact, Conversation, Message, utcnow

__all__ = ["ABUSE_INTENT", "FLOOD_INTENT", "TOO_FAST_INTENT", "Flood"]

log = logging.getLogger(__name__)

TOO_FAST_INTENT = "too_fast"  # the bot's one notice to a flooding person
FLOOD_INTENT = "flood"  # a person's message stored unanswered during a flood
ABUSE_INTENT = "abuse"  # a message stored unanswered from a contact staff marked as abuse
WINDOW = dt.timedelta(minutes=1)

# Built once (each turn runs the first): building a statement costs more than running it.
_NEWEST_IN = (select(Message.at)
              .where(Message.conversation_id == bindparam("conv"), Message.direction == "in")
              .order_by(Message.id.desc()).offset(bindparam("skip")).limit(1))
_LAST_SAID = (select(Message.intent)
              .where(Message.conversation_id == bindparam("conv"), Message.direction == "out")
              .order_by(Message.id.desc()).limit(1))


@dataclass(frozen=True)
class Flood:
    """Stores and holds back the messages of a person over ``limit`` a minute."""

    catalog: Catalog
    limit: int = 15

    def check(self, session: Session, inbound: Inbound,
              danger: Callable[[], bool] = lambda: False) -> Outcome | None:
        """None when the engine should answer ``inbound``; else its flood outcome (stored).

        ``danger`` is asked only for a message over the limit: an emergency always goes
        through (someone in danger may well write fast)."""
        now = inbound.at or utcnow()
        # The same lookup the engine's turn then reuses (bot.known): one SELECT per turn.
        contact, conv = known.person(session, inbound.channel, inbound.sender)
        if contact is None or conv is None or known.first_message(
                session, (inbound.channel, inbound.sender)):
            return None
        # Asking to erase one's data (and confirming it) always goes through.
        if conv.state == "confirm_erase" or commands.erase_request(fold(inbound.text or "")):
            return None
        if contact.abuse_at is not None:  # staff marked the person: stored, never answered
            return self._hold(session, inbound, contact, conv, now, notice=False)
        # The limit-th newest message in: inside the last minute means one too many now.
        oldest = session.connection().scalar(_NEWEST_IN, {"conv": conv.id, "skip": self.limit - 1})
        if oldest is None or now - oldest >= WINDOW or danger():
            return None
        last_said = session.connection().scalar(_LAST_SAID, {"conv": conv.id})
        # Said once a flood; the next answer ends it.
        return self._hold(session, inbound, contact, conv, now,
                          notice=last_said != TOO_FAST_INTENT)

    def _hold(self, session: Session, inbound: Inbound, contact: Contact, conv: Conversation,
              now: dt.datetime, *, notice: bool) -> Outcome:
        """Store ``inbound`` unanswered (with one "vas muy rápido" when ``notice``)."""
        lang = contact.lang or "es"
        replies: tuple[Reply, ...] = ()
        intent = ABUSE_INTENT if contact.abuse_at is not None else FLOOD_INTENT
        rows = [{"conversation_id": conv.id, "direction": "in", "author": "person",
                 "text": clean_text(inbound.text or ""), "intent": intent,
                 "score": None, "at": now}]
        if notice:
            replies = (Reply(self.catalog.message("too_fast", lang)),)
            rows.append({"conversation_id": conv.id, "direction": "out", "author": "bot",
                         "text": replies[0].text, "intent": TOO_FAST_INTENT, "score": None,
                         "at": now})
        session.connection().execute(insert(Message), rows)
        contact.last_inbound_at = now  # the person did write: WhatsApp's window is open
        conv.updated_at = now
        log.info("%s: conv=%s contact=%s held back (notice=%s)", intent, conv.id, contact.id,
                 bool(replies))
        return Outcome(replies, TOO_FAST_INTENT if intent == FLOOD_INTENT else intent, lang,
                       handoff=conv.with_people,
                       urgent=conv.with_people and conv.urgent, conversation_id=conv.id,
                       contact_id=contact.id,
                       status=conv.status if conv.with_people else "bot")

