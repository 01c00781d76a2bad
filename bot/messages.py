"""Channel-neutral messages: what every webhook turns a request into, and what comes back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["MAX_TEXT", "Inbound", "Outcome", "Reply", "clean_text", "mask"]

MAX_TEXT = 4096  # no channel lets a person send more (tests check every channel's max_inbound)


def clean_text(text: str) -> str:
    """Text safe to store: no NUL (PostgreSQL refuses it), no lone surrogates, bounded."""
    text = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")
    return text[:MAX_TEXT]


@dataclass(frozen=True)
class Inbound:
    """One message from a person, whatever channel brought it."""

    channel: str
    sender: str
    text: str | None
    kind: str = "text"  # text | media | location | sticker | ...
    lang_hint: str | None = None  # an explicit language choice (web chat switch)
    ui_lang: str | None = None  # the web chat page's language: only a first guess
    external_id: str | None = None  # Telegram update_id, Twilio MessageSid
    at: dt.datetime | None = None


@dataclass(frozen=True)
class Reply:
    """One text the bot says; ``menu`` lists numbered choices channels may show as buttons."""

    text: str
    menu: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class Outcome:
    """The engine's answer to one inbound message."""

    replies: tuple[Reply, ...]
    intent: str | None
    lang: str
    handoff: bool
    urgent: bool
    conversation_id: int | None = None
    contact_id: int | None = None
    erased: bool = False
    status: str = "bot"  # the conversation after this turn: bot | waiting | assigned
    opened: bool = False  # this message put the conversation in the queue for a person


def mask(identifier: str | None) -> str:
    """A person's id or phone number reduced to its last four characters, for logs and lists."""
    if not identifier:
        return "-"
    tail = identifier[-4:]
    return f"…{tail}" if len(identifier) > 4 else "…"
