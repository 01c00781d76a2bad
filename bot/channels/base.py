"""What a channel is: everything the rest of the helpline needs to know about one of them.

A channel module builds one :class:`Channel` (or a subclass) and registers it in
``bot.channels``; nothing else in the code names a channel. It says

- how its webhook request becomes channel-neutral :class:`~bot.messages.Inbound` messages
  (``parse``; :class:`ParseError` for a request that is not one of its messages),
- its sender (``make_sender``; None when it answers inline, like the web chat),
- its limits: the longest text a person can send (``max_inbound``), the longest one message
  may carry (``text_limit``) and how a reply is cut and rendered (``prepare``),
- its reply window (``reply_window``: WhatsApp's 24 hours) and the template that re-opens it,
  and whether a person who opted out gets nothing until they opt in (``opt_in_required``),
- how an address is shown to staff and in logs (``mask``), and the forms it may be stored in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Self

from bot.messages import Inbound, mask

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.senders import Sender

__all__ = ["REGISTRY", "Channel", "ClosingSender", "Delivery", "ParseError", "Part",
           "register"]

Delivery = Literal["outbox", "inline"]


class ParseError(ValueError):
    """A verified request that is not a message of this channel; the text says why (400)."""


@dataclass(frozen=True)
class Part:
    """One outbox row: sent now, or kept until the person asks for more (``later``);
    ``reply`` is the index of the reply whose menu buttons it carries, if any."""

    text: str
    later: bool = False
    reply: int | None = None


@dataclass(frozen=True)
class Channel:
    """One channel; subclasses override what differs. Frozen: a registry entry is constant."""

    name: str
    label: str  # how staff see it
    max_inbound: int  # the longest text a person can send on it
    text_limit: int  # the longest text one outgoing message may carry (longer ones are split)
    delivery: Delivery = "outbox"  # "inline": answered in the HTTP response (web chat)
    webhook_inbox: bool = True  # its webhook stores updates in the inbox for the worker
    reply_window: dt.timedelta | None = None  # free-form replies only this long after a message
    settings_names: tuple[str, ...] = ()  # extra variables it reads (``Settings.extra``)
    people: bool = True  # people write on it (False: the terminal, left out of figures)
    # Unreachable means the person opted out (SMS STOP): nothing is sent until they opt in.
    # Otherwise each message is tried, as a blocked Telegram bot may be unblocked unseen.
    opt_in_required: bool = False
    quiet_loggers: tuple[str, ...] = ()  # its libraries' loggers that log secrets or texts

    def enabled(self, settings: Settings) -> bool:
        """Whether its credentials are set (a channel without them is off)."""
        return False

    def make_sender(self, settings: Settings) -> Sender | None:
        """Its sender, or None when it has none (inline delivery) or is off."""
        return None

    def check(self, env: dict[str, str]) -> None:
        """Raise ConfigError naming the variable when its settings are half set or wrong."""

    def parse(self, data: Any) -> list[Inbound]:
        """The messages one verified webhook request carries; [] when there is nothing to
        answer (status callbacks, edits...); ParseError when it is not one of its requests."""
        raise ParseError(f"{self.name} has no webhook")

    def prepare(self, texts: Sequence[str], lang: str) -> list[Part]:
        """The outbox rows for the replies of one turn (the sender splits long ones)."""
        return [Part(text, reply=i) for i, text in enumerate(texts)]

    def reopen_template(self, settings: Settings) -> str:
        """The approved template that asks the person to write back after the window."""
        return ""

    def mask(self, address: str | None) -> str:
        """An address as staff lists and logs show it."""
        return mask(address)

    def address_forms(self, address: str) -> list[str]:
        """The forms one person's address may be typed in by staff (export requests)."""
        return [address.strip()]

    def window_open(self, last_inbound: dt.datetime | None, now: dt.datetime) -> bool:
        """Whether a free-form message may be sent now, given the person's last message."""
        if self.reply_window is None:
            return True
        return last_inbound is not None and now - last_inbound < self.reply_window


def as_list(items: Sequence[Inbound] | Inbound | None) -> list[Inbound]:
    """One inbound, many or none, as a list."""
    if items is None:
        return []
    return [items] if isinstance(items, Inbound) else list(items)


# Channels by name. It lives here, below the channel modules, so that a module registering
# itself does not import the package that imports it (``bot.channels`` reads it).
REGISTRY: dict[str, Channel] = {}


def register(channel: Channel) -> Channel:
    """Add ``channel`` to the registry (a channel module calls this once, at import)."""
    if channel.name in REGISTRY:
        raise ValueError(f"channel {channel.name!r} is registered twice")
    REGISTRY[channel.name] = channel
    return channel


class ClosingSender:
    """A sender that holds connections: ``with Sender(...) as sender:`` closes it at the end."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the sender's connections; idempotent."""
        raise NotImplementedError
