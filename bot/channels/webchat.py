"""The web chat and the terminal: answered inline, in the HTTP response or on stdout.

Neither has a sender or an inbox: the web chat's blueprint (``webhooks/webchat.py``) runs
the turn in its request and the browser polls for agents' later messages; ``paisano chat``
prints the replies.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from bot.channels.base import Channel, register

if TYPE_CHECKING:
    from bot.config import Settings

__all__ = ["CLI", "WEBCHAT"]


@dataclasses.dataclass(frozen=True)
class InlineChannel(Channel):
    """A channel answered where the message came in: always on, no sender."""

    def enabled(self, settings: Settings) -> bool:
        """Always on: it needs no credentials."""
        return True


WEBCHAT = register(InlineChannel("webchat", "Web", max_inbound=2000, text_limit=2000,
                                 delivery="inline", webhook_inbox=False))
CLI = register(InlineChannel("cli", "CLI", max_inbound=4096, text_limit=4096,
                             delivery="inline", webhook_inbox=False, people=False))
