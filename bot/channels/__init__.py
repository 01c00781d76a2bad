"""The channels, by name: each channel module registers itself here when imported.

Everything that differs from one channel to another is read from this registry (which are
on, their senders, which deliver through the outbox, their limits and windows), so a new
channel is one module in this package and one line below, plus its webhook.

    >>> from bot import channels
    >>> channels.get("whatsapp").reply_window
    datetime.timedelta(days=1)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.channels.base import REGISTRY as _REGISTRY
from bot.channels.base import Channel, ParseError, Part, register

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.senders import Sender

__all__ = ["Channel", "ParseError", "Part", "all_channels", "enabled", "get", "inbox", "labels",
           "names", "people", "queued", "register", "senders"]

def get(name: str) -> Channel:
    """The channel called ``name``; KeyError if there is none."""
    return _REGISTRY[name]


def names() -> tuple[str, ...]:
    """Every registered channel's name, in registration order."""
    return tuple(_REGISTRY)


def all_channels() -> tuple[Channel, ...]:
    """Every registered channel."""
    return tuple(_REGISTRY.values())


def enabled(settings: Settings) -> tuple[Channel, ...]:
    """The channels ``settings`` turn on (web chat and the CLI always are)."""
    return tuple(c for c in _REGISTRY.values() if c.enabled(settings))


def people() -> tuple[str, ...]:
    """The channels people write on (figures and exports list them; not the terminal)."""
    return tuple(c.name for c in _REGISTRY.values() if c.people)


def queued() -> tuple[str, ...]:
    """The channels whose replies go through the outbox (not answered inline)."""
    return tuple(c.name for c in _REGISTRY.values() if c.delivery == "outbox")


def inbox() -> tuple[str, ...]:
    """The channels whose webhooks store updates in the inbox for the worker."""
    return tuple(c.name for c in _REGISTRY.values() if c.webhook_inbox)


def labels() -> dict[str, str]:
    """How staff see each channel's name."""
    return {c.name: c.label for c in _REGISTRY.values()}


def senders(settings: Settings) -> dict[str, Sender]:
    """One sender per enabled channel that has one."""
    found: dict[str, Sender] = {}
    for channel in enabled(settings):
        sender = channel.make_sender(settings)
        if sender is not None:
            found[channel.name] = sender
    return found


# The channel modules; importing one registers it. Order: how lists show them.
from bot.channels import telegram, twilio, webchat  # noqa: E402, F401, I001
