"""Settings from environment variables (and an optional ``.env``), validated at start."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

from bot.db import DEFAULT_URL, DatabaseURLError, check_url, shown_url

__all__ = ["ConfigError", "OfficeHours", "Settings"]


class ConfigError(ValueError):
    """A missing or wrong environment variable; the message names it."""


_DAY_NAMES = {
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "ht": ["lendi", "madi", "mèkredi", "jedi", "vandredi", "samdi", "dimanch"],
}


@dataclass(frozen=True)
class OfficeHours:
    """When agents answer: weekdays and hours in one time zone."""

    days: frozenset[int] = frozenset(range(5))  # Monday=0
    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(17, 0)
    tz: str = "America/Mexico_City"

    def is_open(self, at: dt.datetime) -> bool:
        """True when ``at`` falls inside office hours."""
        local = at.astimezone(ZoneInfo(self.tz))
        return local.weekday() in self.days and self.start <= local.time() < self.end

    def next_opening(self, at: dt.datetime) -> dt.datetime:
        """The next moment the office opens after ``at`` (in the office's time zone)."""
        local = at.astimezone(ZoneInfo(self.tz))
        for days_ahead in range(8):
            day = (local + dt.timedelta(days=days_ahead)).date()
            opening = dt.datetime.combine(day, self.start, ZoneInfo(self.tz))
            if day.weekday() in self.days and opening > local:
                return opening
        return local

    def describe(self, lang: str) -> str:
        """Office hours in words, e.g. 'lunes a viernes de 09:00 a 17:00'."""
        names = _DAY_NAMES[lang]
        days = sorted(self.days)
        span = {"es": "{} a {}", "en": "{} to {}", "ht": "{} rive {}"}[lang]
        day_text = span.format(names[days[0]], names[days[-1]]) if len(days) > 1 else names[days[0]]
        time_text = {"es": "de {} a {}", "en": "from {} to {}", "ht": "de {} a {}"}[lang].format(
            self.start.strftime("%H:%M"), self.end.strftime("%H:%M"))
        return f"{day_text} {time_text}"

    @classmethod
    def parse(cls, spec: str, tz: str) -> OfficeHours:
        """Parse ``"mon-fri 09:00-17:00"``."""
        names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        try:
            days_part, hours_part = spec.lower().split()
            first, _, last = days_part.partition("-")
            lo, hi = names.index(first), names.index(last or first)
            start_s, end_s = hours_part.split("-")
            start, end = dt.time.fromisoformat(start_s), dt.time.fromisoformat(end_s)
            ZoneInfo(tz)
        except (ValueError, ZoneInfoNotFoundError) as exc:
            raise ConfigError(
                f"OFFICE_HOURS={spec!r} / OFFICE_TZ={tz!r}: expected like 'mon-fri 09:00-17:00' "
                "and an IANA time zone"
            ) from exc
        return cls(frozenset(range(lo, hi + 1)), start, end, tz)


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} must be a whole number") from None
    if value <= 0:
        raise ConfigError(f"{name}={raw!r} must be positive")
    return value


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name}={raw!r} must be 1 or 0 (true or false)")


def _url(env: Mapping[str, str], name: str, default: str = "") -> str:
    value = env.get(name, "") or default
    if value:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"{name}={value!r} must be an http(s) URL")
    return value.rstrip("/")


def _database_url(env: Mapping[str, str]) -> str:
    raw = env.get("DATABASE_URL") or DEFAULT_URL
    try:
        return check_url(raw)
    except DatabaseURLError as exc:
        raise ConfigError(f"DATABASE_URL={shown_url(raw)!r}: {exc}") from None


@dataclass(frozen=True)
class Settings:
    """Everything configurable, read once at start."""

    database_url: str = DEFAULT_URL
    public_base_url: str = ""
    secret_key: str = ""
    telegram_bot_token: str = ""
    telegram_webhook_secret: str = ""
    telegram_api_base_url: str = ""  # "": the channel's default (bot.channels.telegram)
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_whatsapp_number: str = ""
    twilio_api_base_url: str = ""  # "": the channel's default (bot.channels.twilio)
    twilio_reopen_template_sid: str = ""
    privacy_url: str = ""
    retention_days: int = 180
    purge_interval_hours: int = 24
    console_idle_hours: int = 8
    console_max_hours: int = 24
    office_hours: OfficeHours = field(default_factory=OfficeHours)
    metrics_token: str = ""
    # Abuse limits (bot.flood, webhooks.limits): per person, per client, and the shared store.
    person_messages_per_minute: int = 15
    webchat_new_per_hour: int = 10
    handoffs_per_hour: int = 5
    ratelimit_storage_uri: str = "memory://"
    # New cases go straight to the least busy online agent (bot.presence); off: agents claim.
    auto_assign: bool = False
    # The variables channel modules declare (``Channel.settings_names``), by name.
    extra: Mapping[str, str] = field(default_factory=dict, hash=False)

    def enabled(self, channel: str) -> bool:
        """Whether the channel called ``channel`` is on (its credentials are set)."""
        from bot import channels  # the channels read these settings: no import circle

        return channels.get(channel).enabled(self)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and validate settings; raise ConfigError naming the wrong variable.

        Without ``environ``: the process environment, over a ``.env`` file in the working
        directory if there is one.
        """
        from bot import channels  # each channel declares its variables; they import this module

        if environ is None:
            dotenv = {k: v for k, v in dotenv_values(".env").items() if v is not None}
            env = {**dotenv, **os.environ}
        else:
            env = dict(environ)
        for channel in channels.all_channels():  # each names its own half-set variables
            channel.check(env)
        public = _url(env, "PUBLIC_BASE_URL")
        extra = {name: env[name] for c in channels.all_channels() for name in c.settings_names
                 if env.get(name)}
        settings = cls(
            database_url=_database_url(env),
            public_base_url=public,
            secret_key=env.get("SECRET_KEY", ""),
            telegram_bot_token=env.get("TELEGRAM_BOT_TOKEN", ""),
            telegram_webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET", ""),
            telegram_api_base_url=_url(env, "TELEGRAM_API_BASE_URL"),
            twilio_account_sid=env.get("TWILIO_ACCOUNT_SID", ""),
            twilio_auth_token=env.get("TWILIO_AUTH_TOKEN", ""),
            twilio_whatsapp_number=env.get("TWILIO_WHATSAPP_NUMBER", ""),
            twilio_api_base_url=_url(env, "TWILIO_API_BASE_URL"),
            twilio_reopen_template_sid=env.get("TWILIO_REOPEN_TEMPLATE_SID", ""),
            privacy_url=_url(env, "PRIVACY_URL"),
            retention_days=_int(env, "RETENTION_DAYS", 180),
            purge_interval_hours=_int(env, "PURGE_INTERVAL_HOURS", 24),
            console_idle_hours=_int(env, "CONSOLE_IDLE_HOURS", 8),
            console_max_hours=_int(env, "CONSOLE_MAX_HOURS", 24),
            office_hours=OfficeHours.parse(
                env.get("OFFICE_HOURS", "mon-fri 09:00-17:00"),
                env.get("OFFICE_TZ", "America/Mexico_City"),
            ),
            metrics_token=env.get("METRICS_TOKEN", ""),
            person_messages_per_minute=_int(env, "PERSON_MESSAGES_PER_MINUTE", 15),
            webchat_new_per_hour=_int(env, "WEBCHAT_NEW_PER_HOUR", 10),
            handoffs_per_hour=_int(env, "HANDOFFS_PER_HOUR", 5),
            ratelimit_storage_uri=env.get("RATELIMIT_STORAGE_URI", "") or "memory://",
            auto_assign=_bool(env, "AUTO_ASSIGN", False),
            extra=extra,
        )
        webhooks = [c.name for c in channels.enabled(settings) if c.webhook_inbox]
        if webhooks and not public:
            raise ConfigError("PUBLIC_BASE_URL is missing: webhooks need the public address")
        return settings
