"""The channel registry: what the rest of the code reads instead of lists of names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot import channels
from bot.config import ConfigError, Settings
from bot.messages import MAX_TEXT

T0 = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def test_every_channel_registers_itself_once() -> None:
    names = channels.names()
    assert {"telegram", "whatsapp", "webchat", "cli"} <= set(names)
    assert len(names) == len(set(names))
    with pytest.raises(ValueError, match="twice"):
        channels.register(channels.get("telegram"))


def test_who_delivers_through_the_outbox_and_who_answers_inline() -> None:
    assert {"telegram", "whatsapp"} <= set(channels.queued())
    assert "webchat" not in channels.queued() and "cli" not in channels.queued()
    assert set(channels.inbox()) == set(channels.queued())  # the webhooks that store
    assert "cli" not in channels.people()


def test_no_channel_lets_a_person_send_more_than_is_stored() -> None:
    assert all(c.max_inbound <= MAX_TEXT for c in channels.all_channels())


def test_only_whatsapp_has_a_reply_window() -> None:
    whatsapp, telegram = channels.get("whatsapp"), channels.get("telegram")
    assert whatsapp.window_open(T0 - dt.timedelta(hours=23), T0)
    assert not whatsapp.window_open(T0 - dt.timedelta(hours=24), T0)
    assert not whatsapp.window_open(None, T0)
    assert telegram.window_open(None, T0)


def test_channels_are_on_only_with_their_credentials() -> None:
    plain = Settings.from_env({})
    assert [c.name for c in channels.enabled(plain)] == ["webchat", "cli"]
    assert channels.senders(plain) == {}
    tg = Settings.from_env({"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_SECRET": "s" * 16,
                            "PUBLIC_BASE_URL": "https://h.org"})
    assert tg.enabled("telegram") and not tg.enabled("whatsapp")


def test_a_whatsapp_number_is_found_however_staff_type_it() -> None:
    forms = channels.get("whatsapp").address_forms("5215551234567")
    assert "whatsapp:+5215551234567" in forms and "+5215551234567" in forms
    assert channels.get("telegram").address_forms(" 42 ") == ["42"]


def test_a_half_set_twilio_account_is_named() -> None:
    with pytest.raises(ConfigError, match="TWILIO_AUTH_TOKEN"):
        Settings.from_env({"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_WHATSAPP_NUMBER": "whatsapp:+1",
                           "PUBLIC_BASE_URL": "https://h.org"})


def test_metrics_token_is_read_from_a_dotenv_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text("METRICS_TOKEN=scrape-me\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("METRICS_TOKEN", raising=False)
    assert Settings.from_env().metrics_token == "scrape-me"
