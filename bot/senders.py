"""What every channel sender is: one small interface and the result of a send.

Every sender turns "deliver this text to that recipient" into a :class:`SendResult`; no
sender raises for a delivery problem. The statuses the worker has to handle::

    sent           delivered to the provider; ``external_id`` is its message id / SID
    retry          temporary (rate limit, network, provider 5xx); ``retry_after`` if known
    failed         permanent for this message (bad request, bad credentials); see ``reason``
    unreachable    the recipient cannot be reached (bot blocked, number unsubscribed)
    window_closed  WhatsApp: outside the 24 h customer-care window; send a template first

The senders live with their channels (``bot.channels.telegram``, ``bot.channels.twilio``);
tests use their own fake (``tests/fakes.py``). No sender logs message text or full
recipient ids: recipients are masked to their last four characters.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Final, Literal, Protocol, get_args, runtime_checkable

__all__ = ["SendResult", "SendStatus", "Sender", "short_reason", "split_text"]

SendStatus = Literal["sent", "retry", "failed", "unreachable", "window_closed"]
_STATUSES: Final = frozenset(get_args(SendStatus))
_REASON_MAX: Final = 120


@dataclasses.dataclass(frozen=True, slots=True)
class SendResult:
    """Outcome of one send; ``reason`` never contains message text or a recipient id."""

    status: SendStatus
    external_id: str | None = None
    retry_after: float | None = None
    reason: str | None = None

    def __post_init__(self) -> None:
        if self.status not in _STATUSES:
            raise ValueError(f"unknown send status {self.status!r}")

    @property
    def ok(self) -> bool:
        """Whether the provider accepted the message."""
        return self.status == "sent"


@runtime_checkable
class Sender(Protocol):
    """What the delivery layer needs from a channel."""

    channel: str

    def send(
        self, to: str, text: str, *, buttons: list[tuple[str, str]] | None = None
    ) -> SendResult:
        """Deliver ``text`` to ``to``; ``buttons`` are (label, callback_data) pairs."""
        ...

    def close(self) -> None:
        """Release connections and threads; the sender cannot be used afterwards."""
        ...


# --------------------------------------------------------------------------- splitting

# Paragraphs, then lines, then words; each level's pattern eats the whitespace around it.
_SPLIT_LEVELS: Final = (
    ("\n\n", re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*\n\s*")),
    ("\n", re.compile(r"\s*\n\s*")),
    (" ", re.compile(r"\s+")),
)


def split_text(text: str, limit: int) -> list[str]:
    """Split ``text`` into stripped parts of at most ``limit`` characters, in order."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    text = text.strip()
    if not text:
        return []
    return _split(text, limit, 0)


def _split(text: str, limit: int, level: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    if level == len(_SPLIT_LEVELS):
        return [text[start : start + limit] for start in range(0, len(text), limit)]
    joiner, pattern = _SPLIT_LEVELS[level]
    parts: list[str] = []
    current = ""
    for raw in pattern.split(text):
        piece = raw.strip()
        if not piece:
            continue
        if len(piece) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.extend(_split(piece, limit, level + 1))
            continue
        candidate = f"{current}{joiner}{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
        else:
            parts.append(current)
            current = piece
    if current:
        parts.append(current)
    return parts


def short_reason(reason: str) -> str:
    """``reason`` on one line, cut to a length fit for a log line and ``last_error``."""
    reason = " ".join(reason.split())
    return reason if len(reason) <= _REASON_MAX else reason[: _REASON_MAX - 3] + "..."
