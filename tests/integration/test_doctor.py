"""`paisano doctor` against the local stubs, a real database and the real app over https."""

from __future__ import annotations

import datetime as dt
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from bot import db, migrations
from bot.cli import main
from bot.config import Settings
from bot.doctor import Context, twilio_number
from bot.engine import ConversationEngine
from bot.models import Contact, Conversation, InboundEvent, Outbox, utcnow
from bot.runtime import Helpline
from tests.stubs.telegram_api import StubTelegram
from tests.stubs.twilio_api import StubTwilio
from webhooks.app import create_app

WHATSAPP = "whatsapp:+5214731234567"
TEMPLATE = "HX" + "0123456789abcdef" * 2


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (trusted through SSL_CERT_FILE in the tests)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


@pytest.fixture
def db_file(tmp_path: Path) -> str:
    """A migrated SQLite database of its own."""
    url = f"sqlite:///{tmp_path / 'doctor.db'}"
    engine = db.make_engine(url)
    migrations.upgrade(engine)
    engine.dispose()
    return url


@pytest.fixture
def public_app(db_file: str, engine: ConversationEngine,
               certificate: tuple[Path, Path]) -> Iterator[str]:
    """The real app served over https on 127.0.0.1; yields its base URL."""
    settings = Settings.from_env({"DATABASE_URL": db_file})
    helpline = Helpline.build(settings, engine=engine, senders={})
    app = create_app({"SETTINGS": settings, "HELPLINE": helpline, "TESTING": True})
    cert, key = certificate
    server = make_server("127.0.0.1", 0, app, threaded=True,
                         ssl_context=(str(cert), str(key)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)
    helpline.close()


@dataclass
class Setup:
    env: dict[str, str]
    telegram: StubTelegram
    twilio: StubTwilio

    def doctor(self, **changes: str) -> Result:
        return CliRunner().invoke(main, ["doctor"], env={**self.env, **changes},
                                  catch_exceptions=False)

    def run(self, *args: str) -> Result:
        return CliRunner().invoke(main, list(args), env=self.env, catch_exceptions=False)


@pytest.fixture
def green(db_file: str, public_app: str, certificate: tuple[Path, Path],
          telegram_stub: StubTelegram, twilio_stub: StubTwilio) -> Setup:
    """Everything as it should be once the README's "Put it on the internet" is done."""
    env = {
        "DATABASE_URL": db_file, "PUBLIC_BASE_URL": public_app,
        "SSL_CERT_FILE": str(certificate[0]),
        "TELEGRAM_BOT_TOKEN": telegram_stub.token, "TELEGRAM_WEBHOOK_SECRET": "s3cret-0123456789",
        "TELEGRAM_API_BASE_URL": telegram_stub.base_url,
        "TWILIO_ACCOUNT_SID": twilio_stub.account_sid,
        "TWILIO_AUTH_TOKEN": twilio_stub.auth_token, "TWILIO_WHATSAPP_NUMBER": WHATSAPP,
        "TWILIO_API_BASE_URL": twilio_stub.base_url, "TWILIO_REOPEN_TEMPLATE_SID": TEMPLATE,
    }
    twilio_stub.add_whatsapp_sender(WHATSAPP, f"{public_app}/webhooks/whatsapp")
    twilio_stub.add_template(TEMPLATE)
    setup = Setup(env, telegram_stub, twilio_stub)
    assert setup.run("telegram", "set-webhook").exit_code == 0
    assert setup.run("purge").exit_code == 0
    return setup


def lines(result: Result) -> dict[str, str]:
    """The report by label: {label: whole line}."""
    assert "Traceback" not in result.output
    return {line[2:].split(": ", 1)[0]: line for line in result.output.splitlines()}


def test_all_green_after_the_readme_steps(green: Setup) -> None:
    result = green.doctor()
    assert result.exit_code == 0, result.output
    report = lines(result)
    public = green.env["PUBLIC_BASE_URL"]
    assert list(report) == [
        "configuration", "database", "Telegram token", "Telegram webhook", "Twilio account",
        f"WhatsApp sender {WHATSAPP}", "WhatsApp 24-hour template", "PUBLIC_BASE_URL",
        "content", "office hours", "outbox", "inbox", "retention"]
    assert all(line.startswith("✓ ") for line in report.values()), result.output
    assert report["configuration"] == (
        "✓ configuration: read from the environment; channels on: webchat, telegram, whatsapp")
    assert report["database"].endswith(
        f"answers; schema at revision {migrations.head_revision()}")
    assert report["Telegram token"] == "✓ Telegram token: the bot is @paisano_stub_bot"
    assert report["Telegram webhook"] == (
        f"✓ Telegram webhook: {public}/webhooks/telegram, 0 update(s) waiting, "
        "no delivery errors")
    assert report["Twilio account"] == "✓ Twilio account: 'SMEI helpline' is active"
    assert report[f"WhatsApp sender {WHATSAPP}"] == (
        f"✓ WhatsApp sender {WHATSAPP}: Twilio sends its messages to "
        f"{public}/webhooks/whatsapp (POST)")
    assert report["WhatsApp 24-hour template"] == (
        f"✓ WhatsApp 24-hour template: {TEMPLATE} (reabrir_conversacion) is approved for "
        "WhatsApp")
    assert report["PUBLIC_BASE_URL"] == (
        f"✓ PUBLIC_BASE_URL: {public}/healthz answers ok over https")
    assert report["office hours"].startswith(
        "✓ office hours: people read \"El equipo atiende lunes a viernes de 09:00 a 17:00, "
        "hora del centro de México: te van a contestar aquí cuando abra la oficina.\" "
        "(OFFICE_TZ America/Mexico_City: now ")
    assert report["outbox"] == (
        "✓ outbox: 0 to send, 0 held for WhatsApp's 24-hour window, 0 given up")
    assert report["inbox"] == "✓ inbox: 0 to answer, 0 failed"
    assert report["retention"].startswith("✓ retention: 180 days (RETENTION_DAYS); last purge ")


def test_telegram_webhook_elsewhere_or_failing(green: Setup) -> None:
    public = green.env["PUBLIC_BASE_URL"]
    green.telegram.webhook_trouble(pending=12, last_error="Connection refused", seconds_ago=300)
    result = green.doctor()
    assert result.exit_code == 1
    assert lines(result)["Telegram webhook"] == (
        f"✗ Telegram webhook: {public}/webhooks/telegram, 12 update(s) waiting; Telegram could "
        "not deliver 5 min ago: Connection refused: check that "
        f"{public}/webhooks/telegram reaches this server (reverse proxy, certificate, "
        "`paisano serve`)")

    result = green.doctor(PUBLIC_BASE_URL="https://new.example.org")
    assert lines(result)["Telegram webhook"] == (
        f"✗ Telegram webhook: registered at {public}/webhooks/telegram, not "
        "https://new.example.org/webhooks/telegram: run `paisano telegram set-webhook`")


def test_an_old_delivery_error_is_shown_but_passes(green: Setup) -> None:
    green.telegram.webhook_trouble(pending=0, last_error="Read timeout", seconds_ago=3 * 3600)
    result = green.doctor()
    assert result.exit_code == 0, result.output
    assert lines(result)["Telegram webhook"].endswith(
        "0 update(s) waiting; last delivery error 3 h ago: Read timeout")


def test_wrong_credentials(green: Setup) -> None:
    result = green.doctor(TELEGRAM_BOT_TOKEN="123456789:AAWrong-token-for-tests-only_000000000",
                          TWILIO_AUTH_TOKEN="wrong")
    assert result.exit_code == 1
    report = lines(result)
    assert report["Telegram token"] == ("✗ Telegram token: Telegram refused TELEGRAM_BOT_TOKEN: "
                                        "copy the bot's token again from @BotFather")
    refused = ("Twilio refused TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN: copy both again from "
               "the Twilio console's account page")
    assert report["Twilio account"] == f"✗ Twilio account: {refused}"
    assert report[f"WhatsApp sender {WHATSAPP}"].startswith("✗ ")


def test_apis_unreachable(green: Setup) -> None:
    result = green.doctor(TELEGRAM_API_BASE_URL="http://127.0.0.1:1/bot",
                          TWILIO_API_BASE_URL="http://127.0.0.1:1")
    assert result.exit_code == 1
    report = lines(result)
    assert report["Telegram token"] == (
        "✗ Telegram token: cannot reach Telegram's API (httpx.ConnectError: All connection "
        "attempts failed): check this machine's internet connection, and "
        "TELEGRAM_API_BASE_URL if you set it")
    assert report["Twilio account"] == (
        "✗ Twilio account: cannot reach Twilio's API (ConnectionError): check this machine's "
        "internet connection, and TWILIO_API_BASE_URL if you set it")


def test_whatsapp_sender_webhook_and_template_problems(green: Setup) -> None:
    public = green.env["PUBLIC_BASE_URL"]
    green.twilio.add_whatsapp_sender(WHATSAPP, "https://old.example.org/whatsapp")
    green.twilio.add_template(TEMPLATE, status="rejected", rejection_reason="INVALID_FORMAT")
    report = lines(green.doctor())
    assert report[f"WhatsApp sender {WHATSAPP}"] == (
        f"✗ WhatsApp sender {WHATSAPP}: Twilio sends its messages to "
        "https://old.example.org/whatsapp (POST): in the Twilio console, set its 'when a "
        f"message comes in' webhook to {public}/webhooks/whatsapp (POST)")
    assert report["WhatsApp 24-hour template"] == (
        f"✗ WhatsApp 24-hour template: {TEMPLATE} is rejected for WhatsApp (INVALID_FORMAT): "
        "submit it for approval in the Content Template Builder, or set an approved one")

    report = lines(green.doctor(TWILIO_REOPEN_TEMPLATE_SID=""))
    assert report["WhatsApp 24-hour template"].startswith(
        "✗ WhatsApp 24-hour template: TWILIO_REOPEN_TEMPLATE_SID is not set: ")


def test_the_sandbox_cannot_be_checked_and_says_so_without_failing(green: Setup) -> None:
    public = green.env["PUBLIC_BASE_URL"]
    result = green.doctor(TWILIO_WHATSAPP_NUMBER="whatsapp:+14155238886")
    assert result.exit_code == 0, result.output
    assert lines(result)["WhatsApp sender whatsapp:+14155238886"] == (
        "? WhatsApp sender whatsapp:+14155238886: the WhatsApp Sandbox's webhook cannot be "
        "read through Twilio's API: in the Twilio console, set its 'when a message comes in' "
        f"webhook to {public}/webhooks/whatsapp (POST) (Sandbox settings)")


def test_sms_number_check_takes_the_number(twilio_stub: StubTwilio) -> None:
    settings = Settings.from_env({
        "TWILIO_ACCOUNT_SID": twilio_stub.account_sid, "TWILIO_AUTH_TOKEN": twilio_stub.auth_token,
        "TWILIO_WHATSAPP_NUMBER": WHATSAPP, "TWILIO_API_BASE_URL": twilio_stub.base_url,
        "PUBLIC_BASE_URL": "https://ayuda.example.org"})
    ctx = Context(settings)
    twilio_stub.add_phone_number("+15005550006", "https://ayuda.example.org/webhooks/sms")
    twilio_stub.add_phone_number("+15005550007", "https://demo.twilio.com/welcome/sms/reply")
    assert twilio_number(ctx, "+15005550006", "/webhooks/sms").line == (
        "✓ SMS number +15005550006: Twilio sends its messages to "
        "https://ayuda.example.org/webhooks/sms (POST)")
    assert twilio_number(ctx, "+15005550007", "/webhooks/sms").line == (
        "✗ SMS number +15005550007: Twilio sends its messages to "
        "https://demo.twilio.com/welcome/sms/reply (POST): in the Twilio console (Phone "
        "Numbers, Active numbers, this number, Messaging), set 'A message comes in' to "
        "https://ayuda.example.org/webhooks/sms (HTTP POST)")
    assert twilio_number(ctx, "+15005550008", "/webhooks/sms").line == (
        "✗ SMS number +15005550008: is not a phone number of this Twilio account: check the "
        "number, and TWILIO_ACCOUNT_SID")


def test_public_address_not_https_or_not_answering(green: Setup) -> None:
    report = lines(green.doctor(PUBLIC_BASE_URL="http://ayuda.example.org"))
    assert report["PUBLIC_BASE_URL"] == (
        "✗ PUBLIC_BASE_URL: http://ayuda.example.org is not https: Telegram and Twilio only "
        "deliver to https; put a reverse proxy with TLS in front (README: Put it on the "
        "internet)")
    report = lines(green.doctor(PUBLIC_BASE_URL="https://127.0.0.1:1"))
    assert report["PUBLIC_BASE_URL"].startswith(
        "✗ PUBLIC_BASE_URL: https://127.0.0.1:1/healthz did not answer (")


def test_an_untrusted_certificate(green: Setup) -> None:
    env = {k: v for k, v in green.env.items() if k != "SSL_CERT_FILE"}
    result = CliRunner().invoke(main, ["doctor"], env={**env, "SSL_CERT_FILE": "/nonexistent"})
    assert "the TLS certificate is not valid" in lines(result)["PUBLIC_BASE_URL"]


def test_database_unreachable_or_behind(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["doctor"],
                                env={"DATABASE_URL": "postgresql://ana@127.0.0.1:1/ayuda"})
    assert result.exit_code == 1
    report = lines(result)
    assert report["database"].startswith(
        "✗ database: postgresql+psycopg://ana@127.0.0.1:1/ayuda did not answer (connection "
        "failed:")
    assert report["database"].endswith(
        "check DATABASE_URL (host, port, user, password) and that the database server is "
        "running")
    for label in ("outbox", "inbox", "retention"):
        assert report[label] == f"✗ {label}: not checked: the database check failed"

    empty = tmp_path / "empty.db"
    db.make_engine(f"sqlite:///{empty}").connect().close()
    report = lines(CliRunner().invoke(main, ["doctor"], env={"DATABASE_URL": f"sqlite:///{empty}"}))
    assert report["database"].startswith(f"✗ database: sqlite:///{empty}: the database schema "
                                         "is behind: run `paisano db upgrade`")
    report = lines(CliRunner().invoke(main, ["doctor"],
                                      env={"DATABASE_URL": f"sqlite:///{tmp_path / 'no.db'}"}))
    assert report["database"] == (f"✗ database: the SQLite file {tmp_path / 'no.db'} does not "
                                  "exist yet: run `paisano db upgrade` (or start `paisano "
                                  "serve` once)")
    assert not (tmp_path / "no.db").exists()


def test_configuration_error_is_the_only_line() -> None:
    result = CliRunner().invoke(main, ["doctor"], env={"RETENTION_DAYS": "six months"})
    assert result.exit_code == 1
    assert result.output == ("✗ configuration: RETENTION_DAYS='six months' must be a whole "
                             "number; fix it and run `paisano doctor` again\n")


def test_office_hours_said_in_another_time_zone(green: Setup) -> None:
    result = green.doctor(OFFICE_TZ="America/Tijuana")
    assert result.exit_code == 1
    line = lines(result)["office hours"]
    assert line.startswith("✗ office hours: people read \"El equipo atiende lunes a viernes")
    assert line.endswith("the message says Central Mexico time but OFFICE_TZ is "
                         "America/Tijuana: change OFFICE_TZ or the office-hours texts in "
                         "content/messages.yaml")


def seed(url: str, *rows: object) -> None:
    engine = db.make_engine(url)
    with Session(engine) as session:
        session.add_all(rows)
        session.commit()
    engine.dispose()


def test_stuck_queues_and_recent_failures(green: Setup) -> None:
    now = utcnow()
    seed(green.env["DATABASE_URL"],
         Outbox(channel="telegram", address="900000001", text="hola", status="pending",
                created_at=now - dt.timedelta(hours=1)),
         InboundEvent(channel="whatsapp", external_id="SMx1", status="failed",
                      received_at=now - dt.timedelta(hours=2), last_error="KeyError: not answered"))
    report = lines(green.doctor())
    assert report["outbox"] == (
        "✗ outbox: 1 to send, 0 held for WhatsApp's 24-hour window, 0 given up; the oldest "
        "has waited 60 min: is the worker running? (`paisano serve` runs one, or "
        "`paisano worker`)")
    assert report["inbox"] == (
        "✗ inbox: 0 to answer, 1 failed; 1 messages to answer failed in the last 24 h (most "
        "often: KeyError: not answered): see the logs and the console")


def test_retention_overdue_until_purged(db_file: str) -> None:
    old = utcnow() - dt.timedelta(days=200)
    contact = Contact(channel="telegram", external_id="900000002", created_at=old,
                      last_inbound_at=old)
    seed(db_file, Conversation(contact=contact, status="closed", updated_at=old, closed_at=old))
    env = {"DATABASE_URL": db_file}
    report = lines(CliRunner().invoke(main, ["doctor"], env=env))
    assert report["retention"] == (
        "✗ retention: 180 days (RETENTION_DAYS); no purge has run yet; 1 conversation(s) or "
        "update id(s) are older than 180 days: run `paisano purge`, and daily from cron")
    assert CliRunner().invoke(main, ["purge"], env=env).exit_code == 0
    report = lines(CliRunner().invoke(main, ["doctor"], env=env))
    assert report["retention"].startswith("✓ retention: 180 days (RETENTION_DAYS); last purge ")
