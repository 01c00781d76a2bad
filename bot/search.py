"""Find conversations for the console: by text, contact, intent, dates, status, channel,
language, urgency, agent and label; newest first, a page at a time, within retention.

Bounded and indexed on PostgreSQL and SQLite alike:

- everything is limited to conversations active within the retention period
  (``ix_conversations_updated``): what the purge deleted is gone, and nothing older is read;
- the text search is a case-insensitive ``LIKE`` over a bounded window: the newest
  ``TEXT_WINDOW`` messages of the chosen dates (``ix_messages_at``), not a full-text index;
- a contact is found by the end of its number (the last digits typed, or the last ten of a
  full number, with or without country code and prefix): a suffix ``LIKE`` over the
  contacts table, which holds one row per person and channel.

Functions take a ``session`` and never commit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import Session, joinedload

from bot import channels, labels
from bot.content import LANGS, Catalog
from bot.messages import clean_text
from bot.models import Contact, Conversation, ConversationLabel, Message

__all__ = ["PAGE", "STATUSES", "TEXT_WINDOW", "Query", "SearchError", "contact_history",
           "find", "snippet"]

PAGE = 20
MAX_PAGE = 500
TEXT_WINDOW = 20_000  # messages the text search reads at most
TEXT_MIN, TEXT_MAX = 2, 100
DIGITS_MIN, FULL_NUMBER = 4, 10  # a Mexican number without its country code: 10 digits
STATUSES = ("bot", "waiting", "assigned", "closed")
HISTORY_LIMIT = 100
# Query fields as the search form names them.
FIELD_NAMES = {"text": "texto", "contact": "contacto", "intent": "tema", "label": "etiqueta",
               "date_from": "desde", "date_to": "hasta", "status": "estado", "channel": "canal",
               "lang": "idioma", "urgent": "urgente", "agent": "agente"}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LIKE_ESCAPE = "\\"


class SearchError(ValueError):
    """A search field that cannot be used; the message says which, in Spanish."""


@dataclasses.dataclass(frozen=True)
class Query:
    """What to look for; empty fields are not used."""

    text: str = ""
    contact: str = ""  # digits only
    intent: str = ""
    label: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    status: str = ""
    channel: str = ""
    lang: str = ""
    urgent: bool = False
    agent: str = ""
    page: int = 1

    def used(self) -> list[str]:
        """The Spanish names of the fields in use (for the audit log: names, never values)."""
        return [FIELD_NAMES[f.name] for f in dataclasses.fields(self)
                if f.name != "page" and getattr(self, f.name) not in ("", None, False)]

    @classmethod
    def from_args(cls, args: Mapping[str, str], catalog: Catalog) -> Query:
        """The query from a query string; SearchError when a value is not valid. Names the
        search does not know are ignored."""
        def get(name: str) -> str:
            # NUL bytes and broken UTF-8 out (PostgreSQL refuses a NUL in any text parameter).
            return " ".join(clean_text(str(args.get(name, ""))).split())

        text = get("q")
        if text and not TEXT_MIN <= len(text) <= TEXT_MAX:
            raise SearchError(f"El texto a buscar lleva de {TEXT_MIN} a {TEXT_MAX} caracteres.")
        contact = "".join(c for c in get("contacto") if c.isascii() and c.isdigit())
        if get("contacto") and not DIGITS_MIN <= len(contact) <= 20:
            raise SearchError(f"Del contacto escribe al menos los últimos {DIGITS_MIN} dígitos "
                              "o el número completo.")
        label = get("etiqueta")
        if label and labels.normalise(label) is None:
            raise SearchError("Esa etiqueta no es válida.")
        choices = {"intent": ("tema", tuple(catalog.intents)), "status": ("estado", STATUSES),
                   "channel": ("canal", channels.people()), "lang": ("idioma", LANGS)}
        picked = {}
        for field, (name, allowed) in choices.items():
            value = get(name)
            if value and value not in allowed:
                raise SearchError(f"Valor de «{name}» no válido.")
            picked[field] = value
        agent = get("agente")
        if len(agent) > 64:
            raise SearchError("Nombre de agente no válido.")
        if get("urgente") not in ("", "0", "1"):
            raise SearchError("Valor de «urgente» no válido.")
        date_from, date_to = _date(get("desde")), _date(get("hasta"))
        if date_from and date_to and date_to < date_from:
            raise SearchError("La fecha «hasta» es anterior a «desde».")
        page = get("pagina") or "1"
        if not (page.isascii() and page.isdigit() and len(page) <= 4
                and 1 <= int(page) <= MAX_PAGE):
            raise SearchError(f"Página no válida (de 1 a {MAX_PAGE}).")
        return cls(text=text, contact=contact, label=labels.normalise(label) or "",
                   date_from=date_from, date_to=date_to, urgent=get("urgente") == "1",
                   agent=agent, page=int(page), **picked)


def _date(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        if not _DATE_RE.match(value):
            raise ValueError(value)
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise SearchError("Escribe las fechas como día/mes/año válidos.") from None
    if not 2000 <= day.year <= 2100:
        raise SearchError("Fecha fuera de rango.")
    return day


def _like(text: str) -> str:
    for char in (_LIKE_ESCAPE, "%", "_"):
        text = text.replace(char, _LIKE_ESCAPE + char)
    return f"%{text}%"


def _bounds(q: Query, oldest: dt.datetime, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime | None]:
    """The UTC moments the search covers: never before ``oldest`` (the retention cutoff)."""
    start = oldest
    if q.date_from:
        start = max(start, dt.datetime.combine(q.date_from, dt.time.min, tz).astimezone(dt.UTC))
    end = None
    if q.date_to:
        end = dt.datetime.combine(q.date_to + dt.timedelta(days=1), dt.time.min,
                                  tz).astimezone(dt.UTC)
    return start, end


def _text_window(start: dt.datetime, end: dt.datetime | None) -> Any:
    """The newest ``TEXT_WINDOW`` messages between ``start`` and ``end``, as a subquery."""
    window = select(Message.conversation_id, Message.text).where(Message.at >= start)
    if end is not None:
        window = window.where(Message.at < end)
    return window.order_by(Message.at.desc()).limit(TEXT_WINDOW).subquery()


def _contact_match(digits: str) -> Any:
    """Numbers ending in ``digits``; of a full number its last ``FULL_NUMBER`` digits, so
    "473 123 4567", "+52 1 473 123 4567" and "whatsapp:+5214731234567" are one person."""
    return Contact.external_id.like(f"%{digits[-FULL_NUMBER:]}")


def _select(q: Query, start: dt.datetime, end: dt.datetime | None) -> Select[Any]:
    query = (select(Conversation).join(Contact, Conversation.contact_id == Contact.id)
             .options(joinedload(Conversation.contact))
             .where(Conversation.updated_at >= start))
    if end is not None:
        query = query.where(Conversation.created_at < end)
    if q.text:
        window = _text_window(start, end)
        query = query.where(Conversation.id.in_(
            select(window.c.conversation_id)
            .where(window.c.text.ilike(_like(q.text), escape=_LIKE_ESCAPE))))
    if q.contact:  # the contacts first: a short list, then conversations by contact_id
        query = query.where(Conversation.contact_id.in_(
            select(Contact.id).where(_contact_match(q.contact))))
    if q.intent:
        query = query.where(or_(Conversation.topic == q.intent,
                                Conversation.last_intent == q.intent))
    if q.label:
        query = query.where(exists().where(ConversationLabel.conversation_id == Conversation.id,
                                           ConversationLabel.label == q.label))
    for column, value in ((Conversation.status, q.status), (Contact.channel, q.channel),
                          (Conversation.lang, q.lang), (Conversation.assigned_to, q.agent)):
        if value:
            query = query.where(column == value)
    if q.urgent:
        query = query.where(Conversation.urgent.is_(True))
    return query


def find(session: Session, q: Query, *, oldest: dt.datetime,
         tz: ZoneInfo) -> tuple[list[Conversation], bool]:
    """One page of conversations matching ``q``, newest activity first, none older than
    ``oldest``; and whether there is a next page."""
    start, end = _bounds(q, oldest, tz)
    query = _select(q, start, end).order_by(Conversation.updated_at.desc(),
                                            Conversation.id.desc())
    rows = list(session.scalars(query.offset((q.page - 1) * PAGE).limit(PAGE + 1)).unique())
    return rows[:PAGE], len(rows) > PAGE


def snippet(session: Session, q: Query, ids: Sequence[int], *, oldest: dt.datetime,
            tz: ZoneInfo, width: int = 140) -> dict[int, str]:
    """For a text search: the newest matching message of each conversation, cut around the
    match."""
    if not q.text or not ids:
        return {}
    start, end = _bounds(q, oldest, tz)
    query = (select(Message.conversation_id, Message.text)
             .where(Message.conversation_id.in_(ids), Message.at >= start,
                    Message.text.ilike(_like(q.text), escape=_LIKE_ESCAPE))
             .order_by(Message.id.desc()).limit(len(ids) * 5))
    if end is not None:
        query = query.where(Message.at < end)
    found: dict[int, str] = {}
    for conv_id, text in session.execute(query):
        if conv_id not in found:
            found[conv_id] = _cut(text, q.text, width)
    return found


def _cut(text: str, needle: str, width: int) -> str:
    at = text.lower().find(needle.lower())
    begin = max(0, at - width // 3) if at >= 0 else 0
    part = text[begin:begin + width]
    return ("…" if begin else "") + part + ("…" if begin + width < len(text) else "")


def contact_history(session: Session, contact_id: int,
                    oldest: dt.datetime) -> tuple[Contact | None, list[Conversation]]:
    """A contact and its conversations active since ``oldest``, newest first."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        return None, []
    convs = session.scalars(
        select(Conversation).where(Conversation.contact_id == contact_id,
                                   Conversation.updated_at >= oldest)
        .order_by(Conversation.updated_at.desc(), Conversation.id.desc())
        .limit(HISTORY_LIMIT))
    return contact, list(convs)
