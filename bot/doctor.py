"""``paisano doctor``: is this installation ready to answer people? One line per check.

Each check is a function of a :class:`Context` that returns a :class:`Result`, printed as
``✓ label: what was found`` or ``✗ label: what is wrong: what to do``. A ``?`` line is a
check the providers' APIs do not make possible (for instance the webhook of Twilio's
WhatsApp Sandbox): it says what to check by hand and does not fail the run. The order:

    configuration   Settings.from_env (nothing else runs without it)
    database        reachable, schema at the migrations' head
    each channel    CHANNEL_CHECKS: a list of check functions per enabled channel
    public address  PUBLIC_BASE_URL is https and answers /healthz
    content         the catalog loads
    office hours    as a person reads them, and the time zone they are said in
    outbox, inbox   backlog and messages given up on
    retention       RETENTION_DAYS and the last `paisano purge`

A new channel adds its entry to ``CHANNEL_CHECKS``; a Twilio number (WhatsApp sender or
SMS number) is checked by :func:`twilio_number`, which takes the number and the webhook
path it must point at.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import ssl
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import requests
import telegram
from sqlalchemy import Engine as SAEngine
from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from telegram import error as tg_error
from telegram.request import HTTPXRequest
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client as TwilioClient

from bot import db, migrations
from bot.channels.twilio import DEFAULT_API_BASE_URL as TWILIO_DEFAULT_BASE
from bot.config import ConfigError, Settings
from bot.content import Catalog, ContentError, load_catalog
from bot.models import AuditLog, Conversation, InboundEvent, Outbox, utcnow
from bot.privacy_cli import PURGE_ACTION

__all__ = ["CHANNEL_CHECKS", "Context", "Result", "run", "twilio_number"]

log = logging.getLogger(__name__)

Status = Literal["ok", "fail", "unknown"]
MARKS: dict[Status, str] = {"ok": "✓", "fail": "✗", "unknown": "?"}
TIMEOUT = 10.0  # seconds for each call to Telegram, Twilio or PUBLIC_BASE_URL
RECENT_ERROR = dt.timedelta(hours=1)  # a Telegram delivery error younger than this fails
STUCK = dt.timedelta(minutes=10)  # an unanswered or unsent message older than this fails
FAILED_WINDOW = dt.timedelta(hours=24)  # messages given up on in this window fail the check
PURGE_EVERY = dt.timedelta(days=2)  # `paisano purge` runs daily; one missed run is tolerated
WHATSAPP_SANDBOX = "whatsapp:+14155238886"
# The out-of-hours message says "hora del centro de México": true of these zones only.
CENTRAL_MEXICO = frozenset({"America/Mexico_City", "America/Monterrey", "America/Merida",
                            "America/Bahia_Banderas", "America/Matamoros"})


@dataclass(frozen=True)
class Result:
    """One line of the report."""

    status: Status
    label: str
    text: str

    @property
    def line(self) -> str:
        """The line as printed."""
        return f"{MARKS[self.status]} {self.label}: {self.text}"


def ok(label: str, text: str) -> Result:
    """A check that passed, with what it found."""
    return Result("ok", label, text)


def fail(label: str, text: str) -> Result:
    """A check that failed, with what is wrong and what to do."""
    return Result("fail", label, text)


@dataclass
class Context:
    """What the checks share: the settings, and the database once it is known to be fine."""

    settings: Settings
    timeout: float = TIMEOUT
    now: dt.datetime = field(default_factory=utcnow)
    engine: SAEngine | None = None
    catalog: Catalog | None = None


Check = Callable[[Context], Result]


# --- database ---------------------------------------------------------------------------------


def check_database(ctx: Context) -> Result:
    """The database answers and its schema is the code's."""
    label = "database"
    url = ctx.settings.database_url
    shown = db.shown_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        if not Path(parsed.database).exists():
            return fail(label, f"the SQLite file {parsed.database} does not exist yet: run "
                               "`paisano db upgrade` (or start `paisano serve` once)")
    engine = db.make_engine(url)
    try:
        migrations.check_schema(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return fail(label, f"{shown} did not answer ({reason}): check DATABASE_URL (host, "
                           "port, user, password) and that the database server is running")
    except migrations.SchemaError as exc:
        engine.dispose()
        return fail(label, f"{shown}: {exc}")
    ctx.engine = engine
    return ok(label, f"{shown} answers; schema at revision {migrations.head_revision()}")


# --- Telegram -----------------------------------------------------------------------------------


def _telegram_call(ctx: Context, call: Callable[[telegram.Bot], Any]) -> Any:
    """Run ``call(bot)`` with python-telegram-bot; the bot's start-up checks the token."""
    settings = ctx.settings

    async def go() -> Any:
        request = HTTPXRequest(connect_timeout=ctx.timeout, read_timeout=ctx.timeout,
                               write_timeout=ctx.timeout, pool_timeout=ctx.timeout)
        async with telegram.Bot(settings.telegram_bot_token,
                                base_url=settings.telegram_api_base_url,
                                request=request) as bot:
            return await call(bot)

    return asyncio.run(go())


def _telegram_trouble(exc: Exception) -> str:
    if isinstance(exc, tg_error.InvalidToken):
        return "Telegram refused TELEGRAM_BOT_TOKEN: copy the bot's token again from @BotFather"
    if isinstance(exc, tg_error.NetworkError) and not isinstance(exc, tg_error.BadRequest):
        return (f"cannot reach Telegram's API ({exc.message}): check this machine's internet "
                "connection, and TELEGRAM_API_BASE_URL if you set it")
    return f"Telegram answered an error: {type(exc).__name__}"


def telegram_token(ctx: Context) -> Result:
    """The bot token is valid (getMe)."""
    label = "Telegram token"
    try:
        me = _telegram_call(ctx, lambda bot: bot.get_me())
    except tg_error.TelegramError as exc:
        return fail(label, _telegram_trouble(exc))
    return ok(label, f"the bot is @{me.username}")


def telegram_webhook(ctx: Context) -> Result:
    """Telegram delivers to PUBLIC_BASE_URL/webhooks/telegram, and lately without errors."""
    label = "Telegram webhook"
    expected = f"{ctx.settings.public_base_url}/webhooks/telegram"
    try:
        info = _telegram_call(ctx, lambda bot: bot.get_webhook_info())
    except tg_error.TelegramError as exc:
        return fail(label, _telegram_trouble(exc))
    pending = f"{info.pending_update_count} update(s) waiting"
    if info.url != expected:
        where = f"registered at {info.url}" if info.url else "not registered"
        return fail(label, f"{where}, not {expected}: run `paisano telegram set-webhook`")
    error_at = info.last_error_date
    if error_at is not None and info.last_error_message:
        ago = _ago(ctx.now - error_at)
        if ctx.now - error_at < RECENT_ERROR:
            return fail(label, f"{expected}, {pending}; Telegram could not deliver {ago} ago: "
                               f"{info.last_error_message}: check that {expected} reaches "
                               "this server (reverse proxy, certificate, `paisano serve`)")
        return ok(label, f"{expected}, {pending}; last delivery error {ago} ago: "
                         f"{info.last_error_message}")
    return ok(label, f"{expected}, {pending}, no delivery errors")


def telegram_checks(settings: Settings) -> list[Check]:
    """Telegram's checks: the token, then the webhook."""
    return [telegram_token, telegram_webhook]


# --- Twilio -------------------------------------------------------------------------------------


def _twilio(ctx: Context) -> TwilioClient:
    """The official client; with TWILIO_API_BASE_URL set, every Twilio domain goes there."""
    settings = ctx.settings
    client = TwilioClient(settings.twilio_account_sid, settings.twilio_auth_token,
                          http_client=TwilioHttpClient(timeout=ctx.timeout))
    base = settings.twilio_api_base_url.rstrip("/")
    if base != TWILIO_DEFAULT_BASE:
        client.edge = None
        client.region = None
        for domain in (client.api, client.messaging, client.content):
            domain.base_url = base
    return client


def _twilio_trouble(exc: Exception) -> str:
    if isinstance(exc, TwilioRestException) and exc.status == 401:
        return ("Twilio refused TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN: copy both again from "
                "the Twilio console's account page")
    if isinstance(exc, TwilioRestException):
        return f"Twilio answered {exc.status} (error {exc.code})"
    if isinstance(exc, requests.RequestException):
        return (f"cannot reach Twilio's API ({type(exc).__name__}): check this machine's "
                "internet connection, and TWILIO_API_BASE_URL if you set it")
    return f"Twilio: {type(exc).__name__}"


def _with_twilio(ctx: Context, label: str, check: Callable[[TwilioClient], Result]) -> Result:
    client = _twilio(ctx)
    try:
        return check(client)
    except (TwilioException, requests.RequestException) as exc:
        return fail(label, _twilio_trouble(exc))
    finally:
        session = getattr(client.http_client, "session", None)
        if session is not None:
            session.close()


def twilio_account(ctx: Context) -> Result:
    """The Twilio credentials are valid and the account is active (Accounts API)."""
    label = "Twilio account"

    def check(client: TwilioClient) -> Result:
        account = client.api.v2010.accounts(ctx.settings.twilio_account_sid).fetch()
        if account.status != "active":
            return fail(label, f"{account.friendly_name!r} is {account.status}: reactivate it "
                               "in the Twilio console")
        return ok(label, f"{account.friendly_name!r} is active")

    return _with_twilio(ctx, label, check)


def twilio_number(ctx: Context, number: str, path: str) -> Result:
    """Where Twilio sends the messages people write to ``number`` (a WhatsApp sender
    ``whatsapp:+...`` or an SMS number ``+...``), compared with PUBLIC_BASE_URL + ``path``."""
    expected = f"{ctx.settings.public_base_url}{path}"
    if number.startswith("whatsapp:"):
        label = f"WhatsApp sender {number}"
        return _with_twilio(ctx, label, partial(_whatsapp_sender, label, number, expected))
    label = f"SMS number {number}"
    return _with_twilio(ctx, label, partial(_sms_number, label, number, expected))


def _whatsapp_sender(label: str, number: str, expected: str, client: TwilioClient) -> Result:
    by_hand = (f"in the Twilio console, set its 'when a message comes in' webhook to "
               f"{expected} (POST)")
    if number == WHATSAPP_SANDBOX:
        return Result("unknown", label, "the WhatsApp Sandbox's webhook cannot be read "
                                        f"through Twilio's API: {by_hand} (Sandbox settings)")
    try:
        senders = client.messaging.v2.channels_senders.list(channel="whatsapp", limit=1000)
    except TwilioRestException as exc:
        if exc.status in (403, 404):
            return Result("unknown", label, f"Twilio's Senders API is not open to this account "
                                            f"({exc.status}): {by_hand}")
        raise
    found = next((s for s in senders if s.sender_id == number), None)
    if found is None:
        return Result("unknown", label, "Twilio's Senders API does not list this sender, so "
                                        f"its webhook cannot be read: {by_hand}")
    hook: dict[str, Any] = found.webhook if isinstance(found.webhook, dict) else {}
    url, method = hook.get("callback_url") or "", (hook.get("callback_method") or "POST")
    if url != expected or method.upper() != "POST":
        where = f"to {url} ({method})" if url else "nowhere"
        return fail(label, f"Twilio sends its messages {where}: {by_hand}")
    if found.status != "ONLINE":
        return fail(label, f"webhook {expected}, but the sender is {found.status}: see the "
                           "Twilio console's WhatsApp senders page")
    return ok(label, f"Twilio sends its messages to {expected} (POST)")


def _sms_number(label: str, number: str, expected: str, client: TwilioClient) -> Result:
    numbers = client.incoming_phone_numbers.list(phone_number=number, limit=20)
    found = next((n for n in numbers if n.phone_number == number), None)
    if found is None:
        return fail(label, "is not a phone number of this Twilio account: check the number, "
                           "and TWILIO_ACCOUNT_SID")
    url, method = found.sms_url or "", (found.sms_method or "POST")
    if url != expected or method.upper() != "POST":
        where = f"to {url} ({method})" if url else "nowhere"
        return fail(label, f"Twilio sends its messages {where}: in the Twilio console (Phone "
                           f"Numbers, Active numbers, this number, Messaging), set 'A message "
                           f"comes in' to {expected} (HTTP POST)")
    return ok(label, f"Twilio sends its messages to {expected} (POST)")


def whatsapp_template(ctx: Context) -> Result:
    """The template sent after 24 hours of silence is set and approved for WhatsApp."""
    label = "WhatsApp 24-hour template"
    sid = ctx.settings.twilio_reopen_template_sid
    if not sid:
        return fail(label, "TWILIO_REOPEN_TEMPLATE_SID is not set: replies to people silent "
                           "for 24 hours wait until they write again; create a template in "
                           "Twilio's Content Template Builder, have WhatsApp approve it, and "
                           "set its HX... sid")

    def check(client: TwilioClient) -> Result:
        try:
            approval = client.content.v1.contents(sid).approval_fetch().fetch()
        except TwilioRestException as exc:
            if exc.status == 404:
                return fail(label, f"{sid} is not a template of this Twilio account: check "
                                   "TWILIO_REOPEN_TEMPLATE_SID")
            raise
        whatsapp = approval.whatsapp or {}
        status = str(whatsapp.get("status") or "not submitted")
        if status.lower() != "approved":
            reason = whatsapp.get("rejection_reason")
            why = f" ({reason})" if reason else ""
            return fail(label, f"{sid} is {status} for WhatsApp{why}: submit it for approval "
                               "in the Content Template Builder, or set an approved one")
        return ok(label, f"{sid} ({whatsapp.get('name')}) is approved for WhatsApp")

    return _with_twilio(ctx, label, check)


def whatsapp_checks(settings: Settings) -> list[Check]:
    """WhatsApp's checks: the account, the sender's webhook, the 24-hour template."""
    return [twilio_account,
            partial(twilio_number, number=settings.twilio_whatsapp_number,
                    path="/webhooks/whatsapp"),
            whatsapp_template]


def sms_checks(settings: Settings) -> list[Check]:
    """SMS's checks: the account (unless WhatsApp checks it already), the number's webhook."""
    number = partial(twilio_number, number=settings.extra.get("TWILIO_SMS_NUMBER", ""),
                     path="/webhooks/sms")
    return [number] if settings.enabled("whatsapp") else [twilio_account, number]


# Each channel: when it is on, and the checks it contributes.
CHANNEL_CHECKS: dict[str, tuple[Callable[[Settings], bool],
                                Callable[[Settings], list[Check]]]] = {
    "telegram": (lambda s: s.enabled("telegram"), telegram_checks),
    "whatsapp": (lambda s: s.enabled("whatsapp"), whatsapp_checks),
    "sms": (lambda s: s.enabled("sms"), sms_checks),
}


# --- the public address ---------------------------------------------------------------------


def check_public_url(ctx: Context) -> Result:
    """PUBLIC_BASE_URL is https and this server answers there."""
    label = "PUBLIC_BASE_URL"
    base = ctx.settings.public_base_url
    if not base:
        return fail(label, "not set: put the server on the internet behind https (README: Put "
                           "it on the internet) and set PUBLIC_BASE_URL=https://...")
    if not base.startswith("https://"):
        return fail(label, f"{base} is not https: Telegram and Twilio only deliver to https; "
                           "put a reverse proxy with TLS in front (README: Put it on the "
                           "internet)")
    url = f"{base}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=ctx.timeout) as response:  # noqa: S310 (https)
            body = json.loads(response.read(1000) or b"{}")
    except urllib.error.HTTPError as exc:
        return fail(label, f"{url} answered {exc.code}: check that the reverse proxy passes "
                           "requests to `paisano serve`, and that the database is up")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, ssl.SSLError):
            return fail(label, f"{url}: the TLS certificate is not valid ({reason}): renew it "
                               "or fix the reverse proxy's certificate")
        return fail(label, f"{url} did not answer ({reason}): check the address, the DNS "
                           "name, the reverse proxy and that `paisano serve` runs")
    if body.get("status") != "ok":
        return fail(label, f"{url} answered {body!r}: check the database")
    return ok(label, f"{url} answers ok over https")


# --- content and office hours -----------------------------------------------------------------


def check_content(ctx: Context) -> Result:
    """The content catalog loads and is valid."""
    label = "content"
    try:
        catalog = load_catalog()
    except ContentError as exc:
        problems = str(exc).splitlines()
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return fail(label, f"{problems[0]}{more}: fix it and run `paisano content check`")
    ctx.catalog = catalog
    phrases = sum(1 for _ in catalog.examples())
    return ok(label, f"{len(catalog.intents)} intents, {phrases} training phrases")


def check_office_hours(ctx: Context) -> Result:
    """Office hours as a person reads them, and the hour it is there now."""
    label = "office hours"
    hours = ctx.settings.office_hours
    said = hours.describe("es")
    if ctx.catalog is not None:
        # The sentence of the closed-office notice that carries the hours, as people read it.
        notice = ctx.catalog.message("handoff_opened_closed", "es", hours=said, position=1)
        said = next((s.strip() + "." for s in notice.split(".") if said in s), said)
    local = ctx.now.astimezone(ZoneInfo(hours.tz))
    if hours.is_open(ctx.now):
        state = "open now"
    else:
        state = f"closed, opens {hours.next_opening(ctx.now):%a %d %b %H:%M}"
    text = f"people read \"{said}\" (OFFICE_TZ {hours.tz}: now {local:%a %H:%M}, {state})"
    if "centro de México" in said and hours.tz not in CENTRAL_MEXICO:
        return fail(label, f"{text}; the message says Central Mexico time but OFFICE_TZ is "
                           f"{hours.tz}: change OFFICE_TZ or the office-hours texts in "
                           "content/messages.yaml")
    return ok(label, text)


# --- queues and retention ---------------------------------------------------------------------


def _ago(delta: dt.timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 172800:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"


def _no_database(label: str) -> Result:
    return fail(label, "not checked: the database check failed")


def check_outbox(ctx: Context) -> Result:
    """Replies waiting to be sent, how long the oldest has waited, and recent give-ups."""
    label = "outbox"
    if ctx.engine is None:
        return _no_database(label)
    with db.make_sessionmaker(ctx.engine)() as session:
        counts = Counter(dict(session.execute(
            select(Outbox.status, func.count()).group_by(Outbox.status)).tuples().all()))
        oldest = session.scalar(select(func.min(Outbox.created_at))
                                .where(Outbox.status.in_(("pending", "sending"))))
        recent_failures = session.execute(
            select(Outbox.last_error).where(Outbox.status == "failed",
                                            Outbox.created_at > ctx.now - FAILED_WINDOW)
        ).scalars().all()
    waiting = counts["pending"] + counts["sending"]
    text = (f"{waiting} to send, {counts['held']} held for WhatsApp's 24-hour window, "
            f"{counts['failed']} given up")
    return _queue_result(label, ctx, text, oldest, recent_failures, "messages to send")


def check_inbox(ctx: Context) -> Result:
    """Messages stored by the webhooks and not answered yet, and recent failures."""
    label = "inbox"
    if ctx.engine is None:
        return _no_database(label)
    with db.make_sessionmaker(ctx.engine)() as session:
        counts = Counter(dict(session.execute(
            select(InboundEvent.status, func.count())
            .where(InboundEvent.status != "done").group_by(InboundEvent.status)).tuples().all()))
        oldest = session.scalar(select(func.min(InboundEvent.received_at))
                                .where(InboundEvent.status == "pending"))
        recent_failures = session.execute(
            select(InboundEvent.last_error).where(
                InboundEvent.status == "failed",
                InboundEvent.received_at > ctx.now - FAILED_WINDOW)
        ).scalars().all()
    text = f"{counts['pending']} to answer, {counts['failed']} failed"
    return _queue_result(label, ctx, text, oldest, recent_failures, "messages to answer")


def _queue_result(label: str, ctx: Context, text: str, oldest: dt.datetime | None,
                  recent_failures: Sequence[str | None], what: str) -> Result:
    if oldest is not None and ctx.now - oldest > STUCK:
        return fail(label, f"{text}; the oldest has waited {_ago(ctx.now - oldest)}: is the "
                           "worker running? (`paisano serve` runs one, or `paisano worker`)")
    if recent_failures:
        common, _ = Counter(e or "unknown" for e in recent_failures).most_common(1)[0]
        return fail(label, f"{text}; {len(recent_failures)} {what} failed in the last 24 h "
                           f"(most often: {common}): see the logs and the console")
    return ok(label, text)


def check_retention(ctx: Context) -> Result:
    """RETENTION_DAYS, the last purge, and whether anything is kept past it."""
    label = "retention"
    days = ctx.settings.retention_days
    if ctx.engine is None:
        return _no_database(label)
    cutoff = ctx.now - dt.timedelta(days=days)
    with db.make_sessionmaker(ctx.engine)() as session:
        last = session.scalar(select(func.max(AuditLog.at))
                              .where(AuditLog.action == PURGE_ACTION))
        overdue = session.scalar(select(func.count()).select_from(Conversation).where(or_(
            and_(Conversation.status == "closed",
                 func.coalesce(Conversation.closed_at, Conversation.updated_at) < cutoff),
            and_(Conversation.status == "bot", Conversation.updated_at < cutoff),
        ))) or 0
        overdue += session.scalar(select(func.count()).select_from(InboundEvent)
                                  .where(InboundEvent.received_at < cutoff)) or 0
    last_text = f"last purge {_ago(ctx.now - last)} ago" if last else "no purge has run yet"
    text = f"{days} days (RETENTION_DAYS); {last_text}"
    if overdue and (last is None or ctx.now - last > PURGE_EVERY):
        return fail(label, f"{text}; {overdue} conversation(s) or update id(s) are older than "
                           f"{days} days: run `paisano purge`, and daily from cron")
    if last is None:
        return ok(label, f"{text}; nothing is older than {days} days yet (run `paisano purge` "
                         "daily from cron)")
    return ok(label, text)


# --- running ------------------------------------------------------------------------------------


def checks_for(settings: Settings) -> Iterator[Check]:
    """Every check after the configuration's, in the order they are printed."""
    yield check_database
    for _name, (enabled, contribute) in CHANNEL_CHECKS.items():
        if enabled(settings):
            yield from contribute(settings)
    yield from (check_public_url, check_content, check_office_hours, check_outbox,
                check_inbox, check_retention)


def _channels_text(settings: Settings) -> str:
    on = [name for name, (enabled, _) in CHANNEL_CHECKS.items() if enabled(settings)]
    return f"channels on: {', '.join(['webchat', *on])}"


def run(emit: Callable[[Result], None], environ: dict[str, str] | None = None) -> bool:
    """Run every check, handing each result to ``emit`` as it comes; True if none failed."""
    try:
        settings = Settings.from_env(environ)
    except ConfigError as exc:
        emit(fail("configuration", f"{exc}; fix it and run `paisano doctor` again"))
        return False
    where = "the environment and ./.env" if Path(".env").is_file() else "the environment"
    emit(ok("configuration", f"read from {where}; {_channels_text(settings)}"))
    ctx = Context(settings)
    passed = True
    try:
        for check in checks_for(settings):
            try:
                result = check(ctx)
            except Exception as exc:  # one broken check must not hide the others
                log.exception("doctor check failed")
                name = getattr(check, "__name__", None) or getattr(check, "func", check).__name__
                result = fail(name, f"the check itself failed: {type(exc).__name__}: {exc}")
            passed = passed and result.status != "fail"
            emit(result)
    finally:
        if ctx.engine is not None:
            ctx.engine.dispose()
    return passed
