"""The conversation engine: one inbound message in, replies and the new state out.

The engine is channel-neutral and does not commit: the caller owns the session and the
transaction, so a webhook can store the inbound message, the new state and the outbox in
one commit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.orm.attributes import instance_state

from bot import flow, queue
from bot.compose import compose
from bot.config import Settings
from bot.content import LANGS, Catalog, fold
from bot.messages import Inbound, Outcome, Reply, clean_text
from bot.models import Contact, Conversation, Erasure, Message, utcnow
from intents import LanguageDetector, Match, Matcher, PriorityRule
from intents.linear import DEFAULT_TEMPERATURE

__all__ = ["Engine", "Turn", "Understanding", "build_matcher", "keep_known_across_commits"]

log = logging.getLogger(__name__)

IDLE_TIMEOUT = dt.timedelta(hours=24)
RATING_WINDOW = dt.timedelta(hours=24)
PRIORITY = ("emergency", "safety_crossing", "fraud_offer")
# When the classifier alone may call an emergency: among its first 2 choices with p >= 0.25,
# or the first choice of part of a long message with p >= 0.65. Chosen on the dev sets
# (tests/data/devset*.jsonl) with the linear SVM: full emergency recall (49/49) and the fewest
# false emergencies (5 of 386 then, 2 of 403 with today's content); p >= 0.15 gave 7-8,
# p >= 0.35 missed one. Triggers catch the rest.
PRIORITY_RULE = PriorityRule(top=0.25, top_rank=2, window_p=0.65)
# Detection is trusted more when the matcher understood the message: gibberish and
# laughter ("jajaja") can look like any language.
LANG_CONFIDENCE = 0.6
LANG_CONFIDENCE_UNDERSTOOD_NOTHING = 0.95
YES = frozenset({"si", "sii", "simon", "claro", "ok", "okay", "va", "sale", "orale", "andale",
                 "si por favor", "si porfa", "sip", "yes", "yeah", "yep", "sure", "yes please",
                 "wi", "dako", "wi souple"})
NO = frozenset({"no", "nel", "nop", "nope", "no gracias", "ahorita no", "mejor no", "no thanks",
                "not now", "non", "non mesi"})
CANCEL = frozenset({"menu", "cancelar", "cancela", "salir", "cancel", "exit", "meni", "anile"})
# session.info keys of the people a session has already looked up, see ``_known``.
KNOWN = "paisano.engine.known"
KEEP_KNOWN = "paisano.engine.keep_known"
KNOWN_LIMIT = 4096  # a long jsonl stream of many people must not keep every one in memory
LANG_NAMES = {
    "es": ("espanol", "spanish", "castellano", "espagnol", "panyol"),
    "en": ("ingles", "english", "angle", "anglais"),
    "ht": ("kreyol", "creole", "criollo", "haitiano", "ayisyen", "creol", "kreol"),
}


def build_matcher(catalog: Catalog) -> Matcher:
    """The matcher for ``catalog``, with its safety triggers and calibrated threshold."""
    settings = catalog.settings.get("matcher", {})
    return Matcher.from_examples(
        ((intent, text) for intent, _lang, text in catalog.examples()),
        threshold=settings.get("threshold"),
        temperature=settings.get("temperature", DEFAULT_TEMPERATURE),
        triggers=catalog.triggers(),
        priority=PRIORITY,
        priority_rule=PRIORITY_RULE,
        outside=catalog.outside(),
    )


def requested_language(folded: str) -> str | None:
    """The language a message names ('english please', 'en kreyol'), if any."""
    words = set(folded.split())
    for lang, names in LANG_NAMES.items():
        if words & set(names):
            return lang
    return None


@dataclass(frozen=True)
class Understanding:
    """What a text says whoever sent it: the menu number, the match, the detected language.

    Pure work on the text alone, so it may be done ahead, elsewhere (``paisano chat --jsonl``
    does it in a second process while this one stores the previous turn).
    """

    choice: int | None
    match: Match | None
    detected: tuple[str, float] | None = None
    #: The intents the answer is composed of, in order (``bot.compose``); () = just ``match``.
    parts: tuple[str, ...] = ()


@dataclass
class Turn:
    """Everything a step function may look at for one message."""

    catalog: Catalog
    lang: str
    state: str
    intent: str | None
    choice: int | None
    requested_lang: str | None
    misses: int
    parts: tuple[str, ...] = ()  # the composed answer's intents, ``intent`` first

    def menu_reply(self, header: str, *, inline: bool = True) -> Reply:
        """``header`` plus the numbered menu (written out, and as buttons for channels)."""
        items = tuple(
            (n, self.catalog.intents[i].menu_title(self.lang))
            for n, i in enumerate(self.catalog.menu, 1)
        )
        if not inline:
            return Reply(header, items)
        lines = [header.rstrip(), ""] + [f"{n}. {title}" for n, title in items]
        lines += ["", self.catalog.message("menu_footer", self.lang)]
        return Reply("\n".join(lines), items)


class Engine:
    """Turns inbound messages into replies, keeping each person's state in the database."""

    def __init__(
        self,
        catalog: Catalog,
        settings: Settings,
        *,
        matcher: Matcher | None = None,
        detector: LanguageDetector | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        self.catalog = catalog
        self.settings = settings
        self.matcher = matcher or build_matcher(catalog)
        self.detector = detector or LanguageDetector.from_examples(
            (lang, text) for _intent, lang, text in catalog.examples()
        )
        self.clock = clock

    # --- one turn ---------------------------------------------------------------------------

    def handle(
        self, session: Session, inbound: Inbound, understood: Understanding | None = None
    ) -> Outcome:
        """Answer one message (``understood``: ``understand`` done ahead); the caller commits."""
        if inbound.text is not None:  # every channel's text is made safe to store here
            inbound = dataclasses.replace(inbound, text=clean_text(inbound.text))
        # One flush at the end of the turn instead of one before every lookup.
        with session.no_autoflush:
            return self._turn(session, inbound, understood)

    def understand(self, text: str | None, kind: str = "text", *,
                   detect: bool = True) -> Understanding:
        """The pure part of a turn: what ``text`` says, whoever sent it."""
        text = clean_text(text or "").strip()
        return self._understand(text, fold(text), kind, detect=detect)

    def _understand(self, text: str, folded: str, kind: str, *, detect: bool) -> Understanding:
        choice = int(folded) if folded.isdigit() and len(folded) <= 2 else None
        if kind != "text" or not text:
            return Understanding(choice, None)
        # A bare number is a menu choice (or a rating): it never goes to the matcher.
        if choice is not None:
            return Understanding(choice, self.matcher.match(""))
        analysis = self.matcher.analyze(text)
        parts = compose(analysis, self.catalog).parts
        return Understanding(choice, analysis.match,
                             self.detector.detect(text) if detect else None, parts)

    def _turn(self, session: Session, inbound: Inbound, understood: Understanding | None
              ) -> Outcome:
        now = inbound.at or self.clock()
        contact = self._contact(session, inbound, now)
        text = (inbound.text or "").strip()
        folded = fold(text)
        conv = self._conversation(session, inbound, contact, folded, now)
        # Detection only when the person has not chosen a language (see _language).
        if understood is None:
            understood = self._understand(text, folded, inbound.kind, detect=False)
        choice, match = understood.choice, understood.match
        is_text = match is not None and choice is None
        lang = self._language(contact, text if is_text else "", inbound.lang_hint,
                              understood=bool(match and match.intent),
                              detected=understood.detected)
        turn = Turn(
            catalog=self.catalog,
            lang=lang,
            state=conv.state,
            intent=(understood.parts or (match.intent,))[0] if match else None,
            choice=choice,
            requested_lang=requested_language(folded),
            misses=conv.misses,
            parts=understood.parts,
        )
        event = self._event(turn, match, folded)
        step = flow.lookup(turn.state, event)(turn)
        log.info("turn conv=%s state=%s event=%s intent=%s next=%s", conv.id, turn.state, event,
                 step.intent, step.state)
        if step.erase:
            return self._erase(session, inbound, contact, step, lang)
        return self._apply(session, contact, conv, inbound, match, step, lang, now)

    def _event(self, t: Turn, match: Match | None, folded: str) -> str:
        if match is None:
            return "media"
        # A bare yes/no answers the question just asked, unless a safety trigger fired: the
        # classifier alone must not read "no" as an emergency.
        if t.state == "offered_handoff" and folded in YES | NO and match.source != "trigger":
            return "yes" if folded in YES else "no"
        if t.intent in ("emergency", "delete_data"):
            return t.intent
        if t.state in ("queued", "waiting", "assigned"):
            return "cancel" if folded in CANCEL else "message"
        if t.choice is not None:
            return "choice"
        if t.state == "offered_handoff" and folded in YES | NO:
            return "yes" if folded in YES else "no"
        if t.requested_lang and len(folded.split()) <= 3:
            t.intent = "language"
        return "intent" if t.intent else "miss"

    # --- state ------------------------------------------------------------------------------

    def _contact(self, session: Session, inbound: Inbound, now: dt.datetime) -> Contact:
        known = _known(session)
        key = (inbound.channel, inbound.sender)
        hit = known.get(key)
        contact = hit[0] if hit is not None and _usable(session, hit[0]) else None
        if contact is None:
            contact = session.scalars(
                select(Contact).where(
                    Contact.channel == inbound.channel, Contact.external_id == inbound.sender
                )
            ).first()
            if contact is None:
                contact = Contact(channel=inbound.channel, external_id=inbound.sender,
                                  lang="es", lang_chosen=False, notice_shown=False,
                                  created_at=now)
                session.add(contact)
            if len(known) >= KNOWN_LIMIT:
                known.clear()
            known[key] = (contact, None)
        contact.last_inbound_at = now
        contact.unreachable = False
        return contact

    def _conversation(
        self, session: Session, inbound: Inbound, contact: Contact, folded: str, now: dt.datetime
    ) -> Conversation:
        """The open conversation, the just-closed one when this is its 1-5 rating, or a new one."""
        known = _known(session)
        key = (inbound.channel, inbound.sender)
        last = known[key][1]
        if last is None or not _usable(session, last):
            last = None
            if contact.id is not None:
                last = session.scalars(
                    select(Conversation).where(Conversation.contact_id == contact.id)
                    .order_by(Conversation.id.desc()).limit(1)
                ).first()
        if last is not None and last.status == "closed" and last.state == "rating":
            recent = last.closed_at is not None and now - last.closed_at < RATING_WINDOW
            if recent and folded in {"1", "2", "3", "4", "5"}:
                known[key] = (contact, last)
                return last
            last.state = "idle"  # they moved on without rating
        if last is not None and last.status == "bot" and now - last.updated_at > IDLE_TIMEOUT:
            last.status, last.closed_at = "closed", now
        if last is None or last.status == "closed":
            last = Conversation(contact=contact, lang=contact.lang, status="bot", state="idle",
                                misses=0, urgent=False, created_at=now, updated_at=now)
            session.add(last)
        known[key] = (contact, last)
        return last

    def _language(self, contact: Contact, text: str, hint: str | None, *, understood: bool,
                  detected: tuple[str, float] | None = None) -> str:
        if hint in LANGS and hint is not None:
            contact.lang, contact.lang_chosen = hint, True
        elif not contact.lang_chosen and text:
            found, confidence = detected or self.detector.detect(text)
            needed = LANG_CONFIDENCE if understood else LANG_CONFIDENCE_UNDERSTOOD_NOTHING
            if confidence >= needed and found in LANGS:
                contact.lang = found
        return contact.lang or "es"

    def _apply(
        self,
        session: Session,
        contact: Contact,
        conv: Conversation,
        inbound: Inbound,
        match: Match | None,
        step: flow.Step,
        lang: str,
        now: dt.datetime,
    ) -> Outcome:
        text = (inbound.text or "").strip() or f"[{inbound.kind}]"
        if step.lang:
            contact.lang, contact.lang_chosen, lang = step.lang, True, step.lang
        conv.misses = conv.misses + 1 if step.miss else 0
        replies = list(step.replies)
        if step.leave_queue:
            conv.status, conv.urgent, conv.waiting_since = "bot", False, None
            conv.assigned_to = None
        if step.handoff:
            was_waiting = conv.with_people
            queue.open_handoff(conv, urgent=step.urgent, topic=step.intent)
            if not was_waiting:
                session.flush()
                replies += self._handoff_notice(session, conv, lang, now)
        conv.state = step.state
        if step.rating is not None:
            conv.rating = step.rating
        if step.close:
            conv.status, conv.closed_at, conv.state = "closed", now, "idle"
        conv.lang, conv.updated_at = lang, now
        if step.intent:
            conv.last_intent = step.intent
        if not contact.notice_shown:
            replies.append(Reply(self.catalog.message(
                "privacy_notice", lang, retention_days=self.settings.retention_days,
                privacy_url=self.privacy_url)))
            contact.notice_shown = True
        if conv.id is None:  # a new conversation (maybe a new contact): its id is needed now
            session.flush()
        # Changes to the contact and conversation wait for the next flush (at the latest the
        # caller's commit), where the ORM batches them; the turn's messages go in now, in one
        # executemany INSERT with no ORM objects.
        inbound_row = {"conversation_id": conv.id, "direction": "in", "author": "person",
                       "text": text, "intent": match.intent if match else None,
                       "score": match.score if match else None, "at": now}
        session.connection().execute(insert(Message), [inbound_row] + [
            {"conversation_id": conv.id, "direction": "out", "author": "bot",
             "text": reply.text, "intent": step.intent, "score": None, "at": now}
            for reply in replies
        ])
        return Outcome(
            replies=tuple(replies), intent=step.intent, lang=lang, handoff=conv.with_people,
            urgent=conv.with_people and conv.urgent, conversation_id=conv.id,
            contact_id=contact.id,
        )

    def _handoff_notice(
        self, session: Session, conv: Conversation, lang: str, now: dt.datetime
    ) -> list[Reply]:
        replies = []
        if not conv.urgent:
            wait = queue.estimated_wait(session)
            wait_text = (f"~{max(1, round(wait.total_seconds() / 60))} min" if wait
                         else self.catalog.message("wait_unknown", lang))
            replies.append(Reply(self.catalog.message(
                "handoff_opened", lang, position=queue.position(session, conv), wait=wait_text)))
        hours = self.settings.office_hours
        if not hours.is_open(now):
            replies.append(Reply(self.catalog.message(
                "out_of_hours", lang, hours=self.hours_text(lang))))
        return replies

    def hours_text(self, lang: str) -> str:
        """Office hours in words, e.g. 'lunes a viernes de 9:00 a 17:00'."""
        hours = self.settings.office_hours
        names = {
            "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
            "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            "ht": ["lendi", "madi", "mèkredi", "jedi", "vandredi", "samdi", "dimanch"],
        }[lang]
        days = sorted(hours.days)
        span = {"es": "{} a {}", "en": "{} to {}", "ht": "{} rive {}"}[lang]
        day_text = span.format(names[days[0]], names[days[-1]]) if len(days) > 1 else names[days[0]]
        time_text = {"es": "de {} a {}", "en": "from {} to {}", "ht": "de {} a {}"}[lang].format(
            hours.start.strftime("%H:%M"), hours.end.strftime("%H:%M"))
        return f"{day_text} {time_text}"

    @property
    def privacy_url(self) -> str:
        """Where the full privacy notice lives."""
        if self.settings.privacy_url:
            return self.settings.privacy_url
        return f"{self.settings.public_base_url}/privacidad"

    def _erase(
        self, session: Session, inbound: Inbound, contact: Contact, step: flow.Step, lang: str
    ) -> Outcome:
        """Delete the person's contact, conversations and messages; keep an anonymous count."""
        _known(session).pop((inbound.channel, inbound.sender), None)
        if inspect(contact).pending:  # their very first message asked for erasure
            session.expunge(contact)
        else:
            session.delete(contact)
        session.add(Erasure())
        session.flush()
        log.info("erased a contact on request")
        return Outcome(replies=tuple(step.replies), intent="delete_data", lang=lang,
                       handoff=False, urgent=False, erased=True)


# --- who this session already knows ---------------------------------------------------------
#
# Each turn needs the person's Contact and their latest Conversation. Rather than SELECT them
# every turn, the session keeps them in ``session.info``: an index over its identity map
# (objects are never expired on commit). An entry is replaced when a new conversation opens
# and dropped when the contact is erased; the whole index is forgotten on any rollback or
# bulk DELETE, and an object that left the session or was deleted is never served.
#
# By default the index is also forgotten at commit: another process (an agent in the
# console) may change a conversation between two transactions, and the next one must see
# it. A session that is the only writer of its people's rows for its whole life (``paisano
# chat --jsonl``, a batch run) may keep it across commits with ``keep_known_across_commits``.


def keep_known_across_commits(session: Session) -> None:
    """Trust what this session looked up for its whole life, not only until it commits."""
    session.info[KEEP_KNOWN] = True


def _known(session: Session) -> dict[tuple[str, str], tuple[Contact, Conversation | None]]:
    known: dict[tuple[str, str], tuple[Contact, Conversation | None]]
    known = session.info.setdefault(KNOWN, {})
    return known


def _usable(session: Session, obj: Contact | Conversation) -> bool:
    """Still in this session, stored, and not deleted (nor marked for deletion)."""
    state = instance_state(obj)
    return state.persistent and state.session_id == session.hash_key and obj not in session.deleted


@event.listens_for(Session, "after_commit")
def _forget_known_at_commit(session: Session) -> None:
    if not session.info.get(KEEP_KNOWN):
        session.info.pop(KNOWN, None)


@event.listens_for(Session, "after_soft_rollback")
def _forget_known(session: Session, _previous: object) -> None:
    # Objects of a rolled-back transaction are expired or gone: look everyone up again.
    session.info.pop(KNOWN, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_known_on_delete(state: ORMExecuteState) -> None:
    # A bulk DELETE (the retention purge) may remove rows the index points at.
    if state.is_delete:
        state.session.info.pop(KNOWN, None)
