"""User errors end in one or two lines naming the setting or input, exit status 2, no traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import DATABASE_HINT, main
from tests.stubs.telegram_api import StubTelegram

URL_EXAMPLES = "sqlite:///paisano.db or postgresql://USER:PASSWORD@HOST:5432/DATABASE"


def run(args: list[str], env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, args, env=env or {}, catch_exceptions=False)


def short_error(result: Result) -> list[str]:
    """The lines the user sees, after checking the exit status and that no traceback shows."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr.strip().splitlines()


def test_a_database_url_that_is_not_a_url() -> None:
    lines = short_error(run(["purge"], {"DATABASE_URL": "notaurl"}))
    assert lines == [f"Error: configuration: DATABASE_URL='notaurl': not a database URL: "
                     f"write it like {URL_EXAMPLES}"]


def test_a_database_without_its_driver_hides_the_password() -> None:
    lines = short_error(run(["db", "check"], {"DATABASE_URL": "mysql://ana:secreto@db/x"}))
    assert lines == ["Error: configuration: DATABASE_URL='mysql://ana:***@db/x': the driver "
                     "for mysql is not installed (no module 'MySQLdb'): install it, or use "
                     f"{URL_EXAMPLES}"]


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_an_unreachable_postgresql_server_of_a_hosting_provider_url(scheme: str) -> None:
    # postgresql:// and postgres:// are read as psycopg 3 (psycopg2 is not installed), so
    # the user learns the server is down, not that a module is missing.
    lines = short_error(run(["purge"], {"DATABASE_URL": f"{scheme}://ana@127.0.0.1:1/helpline"}))
    assert len(lines) == 2
    assert lines[0].startswith("Error: the database did not answer: connection failed:")
    assert "127.0.0.1" in lines[0] and "Connection refused" in lines[0]
    assert lines[1] == DATABASE_HINT


def test_verbose_shows_the_traceback() -> None:
    result = run(["-v", "purge"], {"DATABASE_URL": "postgresql://ana@127.0.0.1:1/helpline"})
    assert result.exit_code == 2
    assert "Traceback" in result.stderr and "OperationalError" in result.stderr
    assert result.stderr.rstrip().endswith(DATABASE_HINT)


def test_chat_db_option_is_named() -> None:
    lines = short_error(run(["chat", "--db", "notaurl"]))
    assert lines == [f"Error: --db 'notaurl': not a database URL: write it like {URL_EXAMPLES}"]


@pytest.mark.parametrize(("args", "expected"), [
    (["--bogus"], ["Error: No such option '--bogus'. Did you mean '--verbose'?",
      "Try 'main --help' for help."]),
    (["export-contact", "--channel", "signal", "--id", "1"],
     ["Error: Invalid value for '--channel': 'signal' is not one of 'telegram', 'whatsapp', "
      "'sms', 'webchat'.", "Try 'main export-contact --help' for help."]),
    (["purge", "--older-than", "zero"],
     ["Error: Invalid value for '--older-than': 'zero' is not a valid integer range.",
      "Try 'main purge --help' for help."]),
    (["nosuchcommand"], ["Error: No such command 'nosuchcommand'.",
                         "Try 'main --help' for help."]),
])
def test_bad_arguments_in_two_lines(args: list[str], expected: list[str]) -> None:
    assert short_error(run(args)) == expected


def telegram_env(base_url: str, public: str = "https://helpline.example.org") -> dict[str, str]:
    return {"TELEGRAM_BOT_TOKEN": "123456789:AAStub-token-for-tests-only_0000000000",
            "TELEGRAM_WEBHOOK_SECRET": "s3cret-0123456789", "PUBLIC_BASE_URL": public,
            "TELEGRAM_API_BASE_URL": base_url}


@pytest.mark.parametrize("command", ["set-webhook", "info"])
def test_telegram_api_unreachable(command: str) -> None:
    lines = short_error(run(["telegram", command], telegram_env("http://127.0.0.1:1/bot")))
    assert lines == ["Error: cannot reach Telegram's API (httpx.ConnectError: All connection "
                     "attempts failed): check this machine's internet connection, and "
                     "TELEGRAM_API_BASE_URL if you set it"]


def test_set_webhook_refuses_plain_http(telegram_stub: StubTelegram) -> None:
    env = telegram_env(telegram_stub.base_url, public="http://helpline.example.org")
    lines = short_error(run(["telegram", "set-webhook"], env))
    assert lines == [
        "Error: PUBLIC_BASE_URL='http://helpline.example.org' is not https: Telegram only "
        "delivers to https addresses",
        "put the server behind a reverse proxy with TLS (README: Put it on the internet) "
        "and set PUBLIC_BASE_URL=https://...",
    ]
    assert telegram_stub.calls("setWebhook") == []


def test_set_webhook_with_a_wrong_token(telegram_stub: StubTelegram) -> None:
    env = {**telegram_env(telegram_stub.base_url),
           "TELEGRAM_BOT_TOKEN": "123456789:AAWrong-token-for-tests-only_000000000"}
    lines = short_error(run(["telegram", "set-webhook"], env))
    assert lines == ["Error: Telegram refused TELEGRAM_BOT_TOKEN: copy the bot's token again "
                     "from @BotFather"]


def test_set_webhook_registers_the_https_url(telegram_stub: StubTelegram) -> None:
    result = run(["telegram", "set-webhook"], telegram_env(telegram_stub.base_url))
    assert result.exit_code == 0, result.output
    assert telegram_stub.webhook.url == "https://helpline.example.org/webhooks/telegram"


def test_serve_on_a_port_already_taken(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "bot", "serve", "--port", str(port), "--no-worker"],
            cwd=tmp_path, capture_output=True, text=True, timeout=120,
            env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}"})
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"Error: cannot listen on 127.0.0.1:{port} (Address already in use): choose another "
        "--port or --host, or stop the program using it"]
