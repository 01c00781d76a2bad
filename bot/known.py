"""Who a session already knows: each person's Contact and latest Conversation, looked up once.

Each turn needs the person's Contact and their latest Conversation, and the flood check
(``bot.flood``) needs them before the engine does. Rather than SELECT them again, the
session keeps them in ``session.info``: an index over its identity map (objects are never
expired on commit). A person looked up and not found is remembered as not found (the flood
check asks first, then the turn creates them: one SELECT for both). A worker's batch of turns
looks all its people up in one SELECT first (``look_up``), and its newcomers' contacts are
made together before the turns (``engine.welcome``, ``remember_new``). An entry is replaced
when a new conversation opens and dropped when the contact is erased; the whole index is
forgotten on any rollback or bulk DELETE of people or conversations, and an object that
left the session or was deleted is never served.

By default the index is also forgotten at commit: another process (an agent in the console)
may change a conversation between two transactions, and the next one must see it. A session
that is the only writer of its people's rows for its whole life (``paisano chat --jsonl``, a
batch run) may keep it across commits with ``keep_across_commits``.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, event, func, select, tuple_
from sqlalchemy.orm import ORMExecuteState, Session, aliased
from sqlalchemy.orm.attributes import instance_state

from bot.models import Contact, Conversation, InboundEvent, Message, Outbox

__all__ = ["first_message", "forget", "keep_across_commits", "look_up", "person", "remember",
           "remember_new"]

KNOWN = "paisano.engine.known"  # session.info keys
KEEP_KNOWN = "paisano.engine.keep_known"
NEW = "paisano.engine.known_new"  # people whose contact this transaction created
KNOWN_LIMIT = 4096  # a long jsonl stream of many people must not keep every one in memory

Key = tuple[str, str]  # (channel, address)
Entry = tuple[Contact, "Conversation | None"]
Index = dict[Key, "Entry | None"]  # None: looked up, no contact yet

# Built once: building a statement costs more than running it (every turn runs one).
_PERSON = (select(Contact, Conversation)
           .outerjoin(Conversation, Conversation.contact_id == Contact.id)
           .where(Contact.channel == bindparam("channel"),
                  Contact.external_id == bindparam("sender"))
           .order_by(Conversation.id.desc()).limit(1))
_NEWER = aliased(Conversation)
_PEOPLE = (select(Contact, Conversation)
           .outerjoin(Conversation, Conversation.id == select(func.max(_NEWER.id))
                      .where(_NEWER.contact_id == Contact.id).scalar_subquery())
           .where(tuple_(Contact.channel, Contact.external_id)
                  .in_(bindparam("keys", expanding=True))))
_LATEST = (select(Conversation).where(Conversation.contact_id == bindparam("contact_id"))
           .order_by(Conversation.id.desc()).limit(1))


def keep_across_commits(session: Session) -> None:
    """Trust what this session looked up for its whole life, not only until it commits."""
    session.info[KEEP_KNOWN] = True


def person(session: Session, channel: str, sender: str
           ) -> tuple[Contact | None, Conversation | None]:
    """The contact of ``sender`` on ``channel`` and its latest conversation (None when there
    is none), from the index, else from one SELECT that is then remembered."""
    index = _index(session)
    key = (channel, sender)
    if key in index and index[key] is None:  # looked up in this transaction: nobody yet
        return None, None
    hit = index.get(key)
    if hit is not None and _usable(session, hit[0]):
        contact, conv = hit
        if conv is not None and _usable(session, conv):
            return contact, conv
        conv = session.scalars(_LATEST, {"contact_id": contact.id}).first()
    else:
        found = session.execute(_PERSON, {"channel": channel, "sender": sender}).first()
        if found is None:  # the flood check asks first, then the turn: one SELECT for both
            _keep(index, key, None)
            return None, None
        contact, conv = found
    remember(session, (channel, sender), contact, conv)
    return contact, conv


def look_up(session: Session, keys: Iterable[Key]) -> None:
    """``person`` for a batch of turns: everyone not known yet in one SELECT, each remembered
    (found or not) for the rest of the transaction."""
    index = _index(session)
    wanted = sorted({key for key in keys if key not in index})
    if not wanted:
        return
    found: dict[Key, Entry] = {}
    for contact, conv in session.execute(_PEOPLE, {"keys": wanted}).tuples():
        found[(contact.channel, contact.external_id)] = (contact, conv)
    for key in wanted:
        _keep(index, key, found.get(key))


def remember_new(session: Session, key: Key, contact: Contact, conv: Conversation) -> None:
    """``remember`` a person whose contact this transaction created (``first_message``)."""
    remember(session, key, contact, conv)
    session.info.setdefault(NEW, set()).add(key)


def first_message(session: Session, key: Key) -> bool:
    """Whether this transaction created the person's contact: this is their first message."""
    return key in session.info.get(NEW, ())


def remember(session: Session, key: Key, contact: Contact, conv: Conversation | None) -> None:
    """Keep ``contact`` and its latest ``conv`` for the rest of this session's transaction."""
    _keep(_index(session), key, (contact, conv))


def _keep(index: Index, key: Key, entry: Entry | None) -> None:
    if key not in index and len(index) >= KNOWN_LIMIT:
        index.clear()
    index[key] = entry


def forget(session: Session, key: Key) -> None:
    """Drop one person (erased)."""
    _index(session).pop(key, None)
    session.info.get(NEW, set()).discard(key)


def _index(session: Session) -> Index:
    index: Index = session.info.setdefault(KNOWN, {})
    return index


def _usable(session: Session, obj: Contact | Conversation) -> bool:
    """Still in this session, stored, and not deleted (nor marked for deletion)."""
    state = instance_state(obj)
    return state.persistent and state.session_id == session.hash_key and obj not in session.deleted


@event.listens_for(Session, "after_commit")
def _forget_at_commit(session: Session) -> None:
    session.info.pop(NEW, None)  # committed: nobody is new to the next transaction
    if not session.info.get(KEEP_KNOWN):
        session.info.pop(KNOWN, None)


@event.listens_for(Session, "after_soft_rollback")
def _forget_all(session: Session, _previous: object) -> None:
    # Objects of a rolled-back transaction are expired or gone: look everyone up again.
    session.info.pop(KNOWN, None)
    session.info.pop(NEW, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_on_delete(state: ORMExecuteState) -> None:
    # A bulk DELETE of people or conversations (the retention purge) may remove rows the
    # index points at; one of other rows (a person's queued "later" pages, each turn) not.
    if state.is_delete and getattr(state.statement, "table", None) not in _OTHER_TABLES:
        state.session.info.pop(KNOWN, None)
        state.session.info.pop(NEW, None)


# Rows the index never points at, directly or through a cascade.
_OTHER_TABLES = frozenset(m.__table__ for m in (Outbox, InboundEvent, Message))
