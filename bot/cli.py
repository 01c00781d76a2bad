"""The ``paisano`` command line: chat, content tools, and running the services."""

from __future__ import annotations

import concurrent.futures
import json
import logging
import multiprocessing
import re
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any, TextIO

import click
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session
from telegram import error as tg_error

from bot import db, known, migrations, suggestions
from bot.config import ConfigError, Settings
from bot.console_cli import agent as agent_group
from bot.content import Catalog, ContentError, Problem, default_content_dir, load_catalog
from bot.engine import ConversationEngine, Understanding, build_matcher
from bot.messages import Inbound
from bot.migrations import SchemaError
from bot.privacy_cli import COMMANDS as PRIVACY_COMMANDS
from bot.runtime import configure_logging

__all__ = ["UserError", "main"]

log = logging.getLogger(__name__)


# --- user errors: one or two lines, exit status 2 -----------------------------------------


class UserError(click.ClickException):
    """A wrong setting or argument: a short message saying what to do, exit status 2."""

    exit_code = 2


class _ShortUsageError(click.UsageError):
    """click's usage error in two lines: the error, then where help is."""

    def show(self, file: IO[Any] | None = None) -> None:
        """Print ``Error: ...`` and the help hint to stderr."""
        hint = f"\nTry '{self.ctx.command_path} --help' for help." if self.ctx else ""
        click.echo(f"Error: {self.format_message()}{hint}", file=file, err=file is None)


_TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]{20,}")
DATABASE_HINT = ("check DATABASE_URL (host, port, user, password, database) and that the "
                 "database server is running")


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return _TOKEN.sub("<token>", text.splitlines()[0] if text else type(exc).__name__)


def user_error(exc: BaseException) -> str | None:
    """The short message for an exception a user can fix, or None for a bug."""
    if isinstance(exc, ConfigError):
        return f"configuration: {exc}"
    if isinstance(exc, OperationalError | InterfaceError):
        return f"the database did not answer: {_first_line(exc)}\n{DATABASE_HINT}"
    if isinstance(exc, SchemaError):
        return str(exc)
    if isinstance(exc, tg_error.InvalidToken):
        return ("Telegram refused TELEGRAM_BOT_TOKEN: copy the bot's token again from "
                "@BotFather")
    if isinstance(exc, tg_error.BadRequest | tg_error.Forbidden):  # before NetworkError
        return f"Telegram refused the request: {_first_line(exc)}"
    if isinstance(exc, tg_error.TimedOut | concurrent.futures.TimeoutError):
        return ("Telegram's API did not answer in time: check this machine's internet "
                "connection (and TELEGRAM_API_BASE_URL if you set it), then try again")
    if isinstance(exc, tg_error.NetworkError):
        return (f"cannot reach Telegram's API ({_first_line(exc)}): check this machine's "
                "internet connection, and TELEGRAM_API_BASE_URL if you set it")
    return None


class PaisanoGroup(click.Group):
    """The ``paisano`` group: user errors become short messages (``-v`` adds the traceback)."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        """Parse the group's own options; a usage error is printed in two lines."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _ShortUsageError(exc.format_message(), exc.ctx) from None

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand, turning the exceptions a user can fix into short messages."""
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _ShortUsageError(exc.format_message(), exc.ctx) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            message = user_error(exc)
            if message is None:
                raise
            if ctx.params.get("verbose"):
                traceback.print_exc()
            raise UserError(message) from None


def load_content_or_exit() -> Catalog:
    """The catalog, or exit with the same message the server gives on invalid content."""
    try:
        return load_catalog()
    except ContentError as exc:
        raise click.ClickException(str(exc)) from None


def settings_or_exit() -> Settings:
    """Settings from the environment, or exit (status 2) naming the wrong variable."""
    try:
        return Settings.from_env()
    except ConfigError as exc:
        raise UserError(f"configuration: {exc}") from None


@click.group(cls=PaisanoGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True,
              help="Log at INFO level (never message texts); show tracebacks of errors.")
def main(verbose: bool) -> None:
    """Paisano Helpline: the SMEI's helpline on Telegram, WhatsApp and web chat."""
    configure_logging(logging.INFO if verbose else logging.WARNING)


# --- talking to the bot --------------------------------------------------------------------


@contextmanager
def _session(url: str) -> Iterator[Session]:
    try:
        with migrations.open_session(url) as session:
            yield session
    except migrations.SchemaError as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.option("--jsonl", is_flag=True, help="JSON lines in ({from, text}), JSON lines out.")
@click.option("--db", "db_url", default=None, help="SQLAlchemy URL (default: in memory).")
def chat(jsonl: bool, db_url: str | None) -> None:
    """Talk to the bot: interactively, or as JSON lines for tools and tests."""
    settings = settings_or_exit()
    if db_url is not None:
        try:
            db_url = db.check_url(db_url)
        except db.DatabaseURLError as exc:
            raise UserError(f"--db {db.shown_url(db_url)!r}: {exc}") from None
    engine = ConversationEngine(load_content_or_exit(), settings)
    with _session(db_url or db.MEMORY_URL) as session:
        if jsonl:
            _chat_jsonl(engine, session, sys.stdin, sys.stdout)
        else:
            _chat_interactive(engine, session)


COMMIT_EVERY = 100


def _chat_jsonl(engine: ConversationEngine, session: Session, stdin: TextIO,
                stdout: TextIO) -> None:
    # Two processes on two cores: a child does the pure work on each line (JSON, matcher,
    # language) while this one runs the turns in order and stores them. Each answer is
    # written as soon as its turn is done; commits are batched, and the last batch is
    # committed at the end of input. The stream is the only writer of its people's
    # conversations, so the engine need not look them up again after each commit.
    known.keep_across_commits(session)
    ctx = multiprocessing.get_context("spawn")
    to_reader, reader_in = ctx.Pipe()
    reader_out, from_reader = ctx.Pipe()
    reader = ctx.Process(target=_reader, args=(reader_in, reader_out), daemon=True)
    reader.start()
    reader_in.close()  # the child's ends: if it dies, recv() says so instead of waiting
    reader_out.close()
    failed: list[BaseException] = []

    def feed() -> None:
        # Bytes, so a line of invalid UTF-8 is one bad line, not the end of the run. The
        # pipes' buffers hold back a feeder that runs ahead: memory stays bounded.
        source = getattr(stdin, "buffer", None)
        lines = source if source is not None else (line.encode() for line in stdin)
        try:
            for line in lines:  # blank lines too: one line out for every line in
                to_reader.send_bytes(line)
        except BaseException as exc:
            failed.append(exc)
        finally:
            to_reader.send_bytes(b"")  # end of input

    threading.Thread(target=feed, name="chat-feed", daemon=True).start()
    pending = 0
    try:
        while (item := from_reader.recv()) is not None:
            if isinstance(item, str):
                out: dict[str, Any] = {"error": item}
            else:
                sender, text, understood = item
                outcome = engine.handle(session, Inbound("cli", str(sender), text), understood)
                pending += 1
                if pending >= COMMIT_EVERY:
                    session.commit()
                    pending = 0
                out = {
                    "from": sender,
                    "replies": [r.text for r in outcome.replies],
                    "intent": outcome.intent,
                    "lang": outcome.lang,
                    "handoff": outcome.handoff,
                    "urgent": outcome.urgent,
                    "status": outcome.status,
                    "erased": outcome.erased,
                }
            stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            stdout.flush()
    except EOFError:
        raise click.ClickException("the line reader process stopped") from None
    finally:
        session.commit()
        reader.join(5)
    if failed:
        raise failed[0]


def _reader(lines: Connection, results: Connection) -> None:
    """The child of ``_chat_jsonl``: one result per line, None after the last."""
    engine = ConversationEngine(load_catalog(), Settings.from_env())
    while raw := lines.recv_bytes():
        results.send(_read_line(engine, raw))
    results.send(None)


EXPECTED_LINE = 'expected {"from": ID, "text": TEXT}'


def _read_line(engine: ConversationEngine, raw: bytes) -> str | tuple[str | int, str,
               Understanding]:
    """One input line: an error message, or who wrote what and what it says."""
    if not raw.strip():
        return f"empty line: {EXPECTED_LINE}"
    try:
        item = json.loads(raw.decode("utf-8"))
        sender, text = item["from"], item["text"]
        if not isinstance(sender, str | int) or not isinstance(text, str):
            raise TypeError("'from' must be text or a number and 'text' must be text")
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        return _describe(exc)
    return sender, text, engine.understand(text)


def _describe(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON: {exc.msg} at column {exc.colno}"
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, RecursionError):
        return "not JSON we can read: nested too deeply"
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]!r}: {EXPECTED_LINE}"
    return f"wrong type: {exc}"


PROMPT = "tú> "


def _read_turn(stdin: TextIO) -> str | None:
    """The next line the person typed, or None at the end of input.

    On a terminal the prompt is shown before typing. From a pipe nothing is typed, so the
    line read is written after the prompt, as a transcript: answers never follow the
    prompt as if they were the person's words.
    """
    if stdin.isatty():
        try:
            return input(PROMPT)
        except EOFError:
            click.echo()
            return None
    line = stdin.readline()
    if not line:
        return None
    text = line.rstrip("\r\n")
    click.echo(f"{PROMPT}{text}")
    return text


_ITEM = re.compile(r"^\s*(?:[•*-]|\d+[.)])\s+")


def wrap_reply(text: str) -> str:
    """A reply wrapped for the terminal, keeping its line breaks (menus, contacts); a list
    item's wrapped lines are indented under its text."""
    lines = []
    for line in text.splitlines():
        item = _ITEM.match(line)
        indent = " " * len(item.group()) if item else ""
        lines.append(click.wrap_text(line, subsequent_indent=indent) if line.strip() else "")
    return "\n".join(lines)


def _chat_interactive(engine: ConversationEngine, session: Session) -> None:
    click.echo("Paisano Helpline — escribe tu mensaje (Ctrl+D para salir).\n")
    while (text := _read_turn(sys.stdin)) is not None:
        outcome = engine.handle(session, Inbound("cli", "terminal", text))
        session.commit()
        for reply in outcome.replies:
            click.echo(wrap_reply(reply.text) + "\n")
        if outcome.handoff:
            click.secho("  [esperando a una persona" + (", URGENTE]" if outcome.urgent else "]"),
                        fg="yellow")


# --- content tools -------------------------------------------------------------------------


@main.group()
def content() -> None:
    """Check the content catalog in content/."""


@content.command("check")
@click.option("--suggestions", "suggestions_dir", type=click.Path(file_okay=False),
              help="Folder of suggested phrases to check (default: content/suggestions).")
def content_check(suggestions_dir: str | None) -> None:
    """Validate every content file and suggestion file; report file, line and field."""
    catalog = load_content_or_exit()
    folder = Path(suggestions_dir) if suggestions_dir else (
        default_content_dir() / suggestions.FOLDER)
    problems = _cross_matches(catalog) + suggestions.check(folder, catalog)
    for intent in catalog.stale():
        click.echo(f"warning: {intent.file}:{intent.line}: {intent.id}.reviewed: "
                   f"last reviewed {intent.reviewed}, more than 180 days ago", err=True)
    if problems:
        raise click.ClickException(str(ContentError(problems)))
    phrases = sum(1 for _ in catalog.examples())
    click.echo(f"content ok: {len(catalog.intents)} intents, {phrases} phrases")


def _cross_matches(catalog: Catalog) -> list[Problem]:
    """Phrases the matcher gives to a different intent than their own."""
    matcher = build_matcher(catalog)
    problems = []
    for intent in catalog.intents.values():
        for lang, phrases in intent.phrases.items():
            for phrase, line in zip(phrases, intent.phrase_lines[lang], strict=True):
                got = matcher.match(phrase).intent
                if got is not None and got != intent.id:
                    problems.append(Problem(intent.file, line, f"{intent.id}.phrases.{lang}",
                                            f"{phrase!r} matches intent {got!r} better"))
    return problems


def read_labelled(path: str) -> list[tuple[str, str | None]]:
    """``(text, intent or None)`` pairs from a JSON-lines dev set."""
    with open(path, encoding="utf-8") as fh:
        return [(row["text"], row["intent"]) for row in map(json.loads, fh) if row]


@content.command("calibrate")
@click.argument("devset", type=click.Path(exists=True, dir_okay=False))
@click.option("--write", is_flag=True, help="Save the threshold in content/settings.yaml.")
def content_calibrate(devset: str, write: bool) -> None:
    """Choose the out-of-scope threshold on a labelled dev set (JSON lines text/intent)."""
    import datetime as dt

    import yaml

    from intents.calibrate import calibrate_threshold

    catalog = load_content_or_exit()
    labelled = read_labelled(devset)
    # Messages that are also training phrases would flatter the matcher: leave them out.
    unseen = [(text, intent) for text, intent in labelled if not catalog.knows_phrase(text)]
    click.echo(f"{len(unseen)} of {len(labelled)} messages are not training phrases; using those")
    report = calibrate_threshold(build_matcher(catalog), unseen)
    click.echo(report.summary())
    if write:
        c = report.chosen
        path = default_content_dir() / "settings.yaml"
        header = (
            f"# Written by `paisano content calibrate {devset} --write` on {dt.date.today()}:\n"
            f"# in-scope top-1 {c.in_scope_accuracy:.3f}, out-of-scope rejection "
            f"{c.oos_rejection:.3f} on {report.n_in_scope}+{report.n_out_of_scope} messages.\n"
        )
        body = yaml.safe_dump({"matcher": {"threshold": report.threshold}})
        path.write_text(header + body, encoding="utf-8")
        click.echo(f"threshold {report.threshold} written to {path}")


@main.command("intents")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def intents_cmd(as_json: bool) -> None:
    """List every intent with its training phrases per language."""
    catalog = load_content_or_exit()
    rows = [
        {"intent": i.id, "lang": lang, "examples": list(phrases)}
        for i in catalog.intents.values()
        for lang, phrases in i.phrases.items()
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for row in rows:
        click.echo(f"{row['intent']:<22} {row['lang']}  {len(row['examples'])} phrases")


@main.command()
@click.argument("text")
def explain(text: str) -> None:
    """Show how a message is understood: normalized text, language, top 5 intents, why."""
    from intents.explain import explain as explain_match

    engine = ConversationEngine(load_content_or_exit(), settings_or_exit())
    report = explain_match(engine.matcher, text, engine.detector)
    click.echo(json.dumps(report, ensure_ascii=False, indent=2))


# --- running the services ------------------------------------------------------------------


def _build_app() -> Any:
    from webhooks.app import create_app

    try:
        return create_app({"SETTINGS": settings_or_exit()})
    except (ContentError, SchemaError) as exc:
        raise click.ClickException(str(exc)) from None


# waitress reads a whole request before a thread runs it, so a slow client holds only a
# connection slot. Its default of 100 slots let 110 sockets sending a byte at a time shut
# everyone out; room for many more (poll() has no 1,024-descriptor ceiling, unlike select()),
# idle ones closed sooner, and bodies and headers no bigger than the app reads. A client
# trickling bytes forever is the reverse proxy's to cut off (README, "Put it on the internet").
WAITRESS_OPTIONS: dict[str, Any] = {
    "connection_limit": 1000,  # open connections (default 100)
    "asyncore_use_poll": True,  # select() fails past 1,024 descriptors
    "channel_timeout": 30,  # seconds a connection may stay silent (default 120)
    "cleanup_interval": 10,  # how often silent connections are looked for (default 30)
    "recv_bytes": 8192,  # read per call (waitress's default)
    "max_request_header_size": 64 * 1024,  # default 256 KiB
    "max_request_body_size": 2 * 1024 * 1024,  # default 1 GiB; the app takes 1 MiB
    "backlog": 2048,  # connections the kernel queues before accept (default 1024)
    # A proxy on this machine passes the client's address on (per-address limits need it);
    # from anyone else the header is dropped, not believed.
    "trusted_proxy": "127.0.0.1",
    "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
    "clear_untrusted_proxy_headers": True,
    "log_untrusted_proxy_headers": False,
    "ident": "paisano",
}


def make_server(app: Any, host: str, port: int, threads: int) -> Any:
    """The waitress server ``paisano serve`` runs (``WAITRESS_OPTIONS``); raises OSError."""
    import waitress

    app.config["SERVE_HOST"] = host  # /metrics answers without a token only on loopback
    _more_descriptors(WAITRESS_OPTIONS["connection_limit"] + 200)
    return waitress.create_server(app, host=host, port=port, threads=threads,
                                  **WAITRESS_OPTIONS)


def _more_descriptors(wanted: int) -> None:
    """Raise the soft limit on open files towards ``wanted`` (within the hard limit)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Request threads.")
@click.option("--worker/--no-worker", default=True, show_default=True,
              help="Also run the worker (answers the stored messages, sends the outbox), "
                   "in a child process.")
def serve(host: str, port: int, threads: int, worker: bool) -> None:
    """Run the helpline (web chat, console, webhooks) with the waitress WSGI server."""
    from bot.runtime import start_worker_process, stop_on_sigterm, tune_for_serving

    tune_for_serving()
    app = _build_app()
    helpline = app.extensions["helpline"]
    try:
        server = make_server(app, host, port, threads)
    except OSError as exc:  # the address is taken, or not one of this machine's
        helpline.close()
        raise UserError(f"cannot listen on {host}:{port} ({exc.strerror}): choose another "
                        "--port or --host, or stop the program using it") from None
    stop_on_sigterm()
    if worker:
        start_worker_process(helpline)
    shown_port = getattr(server, "effective_port", port)  # --port 0: the one it got
    click.echo(f"Paisano Helpline on http://{host}:{shown_port}/ (console: /console)", err=True)
    try:
        server.run()
    finally:
        helpline.close()


@main.command("worker")
def worker_cmd() -> None:
    """Run only the worker (answers the stored messages, sends the outbox; run several)."""
    from bot.runtime import Helpline, stop_on_sigterm

    try:
        helpline = Helpline.build(settings_or_exit())
    except (ContentError, SchemaError) as exc:
        raise click.ClickException(str(exc)) from None
    if helpline.worker is None or not helpline.senders:
        helpline.close()
        raise UserError("no channel with a sender is configured: set the Telegram or Twilio "
                        "variables (see .env.example)")
    click.echo(f"worker for {', '.join(helpline.senders)}", err=True)
    stop_on_sigterm()
    try:
        helpline.worker.run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        helpline.close()


@main.command()
def doctor() -> None:
    """Check this installation, one line each: settings, database, channels, public address,
    content, office hours, queues, retention. Exit 0 only when every check passes."""
    from bot.doctor import run

    if not run(lambda result: click.echo(result.line)):
        raise click.exceptions.Exit(1)


@main.group()
def telegram() -> None:
    """Telegram webhook registration."""


ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


def _telegram_sender(settings: Settings) -> Any:
    from bot.channels.telegram import CHANNEL

    sender = CHANNEL.make_sender(settings)
    if sender is None:
        raise UserError("TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET must be set "
                        "(in the environment or .env)")
    return sender


@telegram.command("set-webhook")
def telegram_set_webhook() -> None:
    """Register PUBLIC_BASE_URL/webhooks/telegram with the secret token."""
    settings = settings_or_exit()
    if not settings.public_base_url.startswith("https://"):
        raise UserError(
            f"PUBLIC_BASE_URL={settings.public_base_url!r} is not https: Telegram only "
            "delivers to https addresses\nput the server behind a reverse proxy with TLS "
            "(README: Put it on the internet) and set PUBLIC_BASE_URL=https://...")
    url = f"{settings.public_base_url}/webhooks/telegram"
    with _telegram_sender(settings) as sender:
        ok = sender.set_webhook(url, settings.telegram_webhook_secret, ALLOWED_UPDATES)
    if not ok:
        raise UserError("Telegram refused the webhook: check PUBLIC_BASE_URL")
    click.echo(f"webhook set: {url} (updates: {', '.join(ALLOWED_UPDATES)})")


@telegram.command("info")
def telegram_info() -> None:
    """Show Telegram's getWebhookInfo."""
    with _telegram_sender(settings_or_exit()) as sender:
        click.echo(json.dumps(sender.webhook_info(), indent=2, default=str))


main.add_command(agent_group)
for _command in PRIVACY_COMMANDS:  # db upgrade|check, purge, export-contact
    main.add_command(_command)
