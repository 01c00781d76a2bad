"""Local stub servers for the Telegram Bot API and Twilio's Messages API.

They speak the real wire formats on 127.0.0.1 so the real client libraries (and
``bot.senders``) run against them unchanged. No pytest import here, so benchmark scripts can
use them too; the pytest fixtures live in ``tests.stubs.fixtures``.
"""

from __future__ import annotations

from tests.stubs._server import RecordedCall
from tests.stubs.telegram_api import StubTelegram
from tests.stubs.twilio_api import StubTwilio

__all__ = ["RecordedCall", "StubTelegram", "StubTwilio"]
