"""Pytest fixtures for the stub servers; import them into ``tests/conftest.py``.

from tests.stubs.fixtures import telegram_stub, twilio_stub  # noqa: F401
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.stubs.telegram_api import StubTelegram
from tests.stubs.twilio_api import StubTwilio

__all__ = ["telegram_stub", "twilio_stub"]


@pytest.fixture
def telegram_stub() -> Iterator[StubTelegram]:
    """A running fake Bot API; use ``.base_url`` and ``.token``."""
    with StubTelegram() as stub:
        yield stub


@pytest.fixture
def twilio_stub() -> Iterator[StubTwilio]:
    """A running fake Twilio Messages API; use ``.base_url``, ``.account_sid``, ``.auth_token``."""
    with StubTwilio() as stub:
        yield stub
