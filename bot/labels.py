"""Labels staff put on conversations ("visa", "seguimiento"), to find them again.

A label is normalised (lower case, single spaces, letters, digits, spaces, - and _), at
most ``LABEL_MAX`` characters, at most ``PER_CONVERSATION`` on one conversation. Labels go
with their conversation (``ON DELETE CASCADE``: purge and erasure). Functions take a
``session`` and never commit.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.models import ConversationLabel

__all__ = ["LABEL_MAX", "PER_CONVERSATION", "LabelError", "add", "for_conversations", "known",
           "normalise", "remove"]

LABEL_MAX = 32
PER_CONVERSATION = 10


class LabelError(ValueError):
    """A label that cannot be added (empty, too long, odd characters, too many)."""


def normalise(text: str) -> str | None:
    """``text`` as a label ("  Visa  Humanitaria " -> "visa humanitaria"), or None when it
    is empty, longer than ``LABEL_MAX`` or holds anything but letters, digits, spaces, - _."""
    label = " ".join(unicodedata.normalize("NFC", text).lower().split())
    if not label or len(label) > LABEL_MAX:
        return None
    if not all(c.isalnum() or c in " -_" for c in label):
        return None
    return label


def add(session: Session, conversation_id: int, text: str, agent: str) -> tuple[str, bool]:
    """Put a label on a conversation: the label, and False when it was already there."""
    label = normalise(text)
    if label is None:
        raise LabelError(f"Una etiqueta lleva de 1 a {LABEL_MAX} letras, números, espacios, "
                         "- o _.")
    have = set(session.scalars(select(ConversationLabel.label).where(
        ConversationLabel.conversation_id == conversation_id)))
    if label in have:
        return label, False
    if len(have) >= PER_CONVERSATION:
        raise LabelError(f"Una conversación lleva como máximo {PER_CONVERSATION} etiquetas.")
    session.add(ConversationLabel(conversation_id=conversation_id, label=label,
                                  created_by=agent))
    session.flush()
    return label, True


def remove(session: Session, conversation_id: int, text: str) -> bool:
    """Take a label off a conversation; False when it was not there."""
    label = normalise(text)
    if label is None:
        return False
    result = session.execute(delete(ConversationLabel).where(
        ConversationLabel.conversation_id == conversation_id, ConversationLabel.label == label))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def for_conversations(session: Session, ids: list[int]) -> dict[int, list[str]]:
    """The labels of each conversation in ``ids``, sorted."""
    found: dict[int, list[str]] = {i: [] for i in ids}
    if not ids:
        return found
    rows = session.execute(select(ConversationLabel.conversation_id, ConversationLabel.label)
                           .where(ConversationLabel.conversation_id.in_(ids))
                           .order_by(ConversationLabel.label))
    for conv_id, label in rows:
        found[conv_id].append(label)
    return found


def known(session: Session, limit: int = 200) -> list[str]:
    """Labels in use, most used first (for the search page's suggestions)."""
    rows = session.execute(select(ConversationLabel.label, func.count().label("n"))
                           .group_by(ConversationLabel.label)
                           .order_by(func.count().desc(), ConversationLabel.label).limit(limit))
    return [label for label, _n in rows]
