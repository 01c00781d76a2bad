"""Settings: validation names the wrong variable; a .env file fills what the environment lacks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.config import ConfigError, OfficeHours, Settings


def test_defaults_need_nothing() -> None:
    settings = Settings.from_env({})
    assert settings.database_url == "sqlite:///paisano.db"
    assert not settings.enabled("telegram") and not settings.enabled("whatsapp")


@pytest.mark.parametrize(("env", "named"), [
    ({"TELEGRAM_BOT_TOKEN": "1:x", "PUBLIC_BASE_URL": "https://h.org"}, "TELEGRAM_WEBHOOK_SECRET"),
    ({"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "t", "PUBLIC_BASE_URL": "https://h.org"},
     "TWILIO_WHATSAPP_NUMBER"),
    ({"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_SECRET": "s" * 16}, "PUBLIC_BASE_URL"),
    ({"PUBLIC_BASE_URL": "helpline.org"}, "PUBLIC_BASE_URL"),
    ({"RETENTION_DAYS": "six months"}, "RETENTION_DAYS"),
    ({"OFFICE_HOURS": "weekdays"}, "OFFICE_HOURS"),
    ({"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_SECRET": "bad secret!",
      "PUBLIC_BASE_URL": "https://h.org"}, "TELEGRAM_WEBHOOK_SECRET"),
])
def test_wrong_or_missing_variable_is_named(env: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        Settings.from_env(env)


def test_dotenv_file_fills_in_and_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text("RETENTION_DAYS=30\nPRIVACY_URL=https://gto.example/aviso\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PRIVACY_URL", "https://other.example/privacy")
    monkeypatch.delenv("RETENTION_DAYS", raising=False)
    settings = Settings.from_env()
    assert settings.retention_days == 30
    assert settings.privacy_url == "https://other.example/privacy"


def test_office_hours_in_mexico_city() -> None:
    hours = OfficeHours()
    # Monday 2026-11-23 10:00 in Mexico City is 16:00 UTC.
    assert hours.is_open(dt.datetime(2026, 11, 23, 16, 0, tzinfo=dt.UTC))
    assert not hours.is_open(dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC))
    saturday = dt.datetime(2026, 11, 28, 18, 0, tzinfo=dt.UTC)
    assert not hours.is_open(saturday)
