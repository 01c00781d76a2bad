"""The composition root: what a running helpline process holds, built once from settings.

``Helpline.build`` loads the content, connects the database, makes the channels' senders,
the pipeline (``bot.pipeline``: inbox, engine, outbox) and the worker (``bot.worker``: the
loop that answers the inbox and sends the outbox). The rest of this module starts and stops
processes; the work itself is done in those modules.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import signal
import sys
from dataclasses import dataclass, field

from sqlalchemy import Engine as SAEngine
from sqlalchemy.orm import Session, sessionmaker

from bot import channels, db, inbox, migrations, privacy
from bot.config import Settings
from bot.content import Catalog, load_catalog
from bot.engine import ConversationEngine
from bot.flood import Flood
from bot.pipeline import Pipeline
from bot.senders import Sender
from bot.worker import WakeEvent, Worker

__all__ = ["Helpline", "configure_logging", "run_worker_process", "start_worker_process",
           "stop_on_sigterm", "tune_for_serving"]

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # linux/prctl.h
SWITCH_INTERVAL = 0.0005  # seconds; CPython's default is 0.005
# `paisano serve`'s worker yields the CPU to the webhooks when both want it: a message must be
# stored and acknowledged at once (a channel retries or gives up on a slow webhook), while
# its answer may wait a moment in a burst. A worker of its own (`paisano worker`) keeps the
# priority its deployment gives it.
SERVE_WORKER_NICE = 5


@dataclass
class Helpline:
    """Settings, content, engine, database, senders, pipeline and worker of one process."""

    settings: Settings
    catalog: Catalog
    engine: ConversationEngine
    sa_engine: SAEngine
    sessions: sessionmaker[Session]
    senders: dict[str, Sender] = field(default_factory=dict)
    worker: Worker | None = None
    pipeline: Pipeline = field(init=False)
    reads: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        # Sessions that only read: on SQLite they never take or wait for the write lock.
        self.reads = db.make_sessionmaker(db.autocommit(self.sa_engine))
        self.pipeline = Pipeline(
            self.engine, inbox.Writer(self.sa_engine), wake=self.wake,
            flood=Flood(self.catalog, self.settings.person_messages_per_minute),
            auto_assign=self.settings.auto_assign)
        if self.worker is not None and self.worker.pipeline is None:
            self.worker.pipeline = self.pipeline

    @classmethod
    def build(cls, settings: Settings, *, catalog: Catalog | None = None,
              senders: dict[str, Sender] | None = None,
              engine: ConversationEngine | None = None) -> Helpline:
        """Load content (raises ContentError), connect the database, make the senders.

        An embedded SQLite database is upgraded to the newest schema on the spot; any other
        database must already be (``paisano db upgrade``), else SchemaError says so.
        """
        catalog = engine.catalog if engine else catalog or load_catalog()
        sa_engine = db.make_engine(settings.database_url)
        try:
            migrations.ensure_schema(sa_engine)
        except Exception:
            sa_engine.dispose()
            raise
        sessions = db.make_sessionmaker(sa_engine)
        senders = channels.senders(settings) if senders is None else senders
        engine = engine or ConversationEngine(catalog, settings)
        release_free_memory()  # training the matcher left tens of MB freed but still held
        helpline = cls(settings, catalog, engine, sa_engine, sessions, senders)
        helpline.worker = helpline.make_worker()
        return helpline

    def make_worker(self, wake_event: WakeEvent | None = None) -> Worker:
        """The worker of this process: answers the inbox, then sends the outbox."""
        templates = {c.name: c.reopen_template(self.settings) for c in channels.all_channels()}
        return Worker(self.sessions, self.senders, pipeline=self.pipeline, reads=self.reads,
                      reopen_templates=templates, wake_event=wake_event,
                      purger=privacy.Purger(self.sessions, self.settings.retention_days,
                                            self.settings.purge_interval_hours))

    def wake(self) -> None:
        """Ring the worker's bell: rows were committed for it."""
        if self.worker is not None:
            self.worker.wake()

    def close(self) -> None:
        """Stop the worker, close senders and the database pool."""
        if self.worker is not None:
            self.worker.stop()
        self.pipeline.writer.stop()
        self.sa_engine.dispose()


def release_free_memory() -> None:
    """Give the C heap's freed pages back to the system (glibc's ``malloc_trim``). Training
    the matcher allocates and frees many small arrays once; without this each web process
    and worker kept them: ``paisano serve`` 307 -> 260 MB (issue 13: under 300 MB each)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to give back
        pass


def configure_logging(level: int) -> None:
    """Log to stderr at ``level``; libraries that would log secrets or texts stay quiet."""
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for channel in channels.all_channels():  # e.g. httpx logs URLs with the bot token
        for noisy in channel.quiet_loggers:
            logging.getLogger(noisy).setLevel(logging.WARNING)


def tune_for_serving() -> None:
    """Interpreter settings of a serving process. Request threads are short and mostly
    Python; the one writing the inbox waits on SQLite between them. With CPython's default
    5 ms switch interval a thread back from the database waits for the GIL behind the
    request threads, again and again in one transaction; 0.5 ms lets it back in quickly
    (benchmarks/webhooks.py: Telegram webhook 418 -> 572 req/s, p99 70 -> 49 ms)."""
    sys.setswitchinterval(SWITCH_INTERVAL)


def stop_on_sigterm() -> None:
    """SIGTERM (systemd, ``docker stop``) ends the process as Ctrl-C does: the cleanup runs
    (queued inbox writes are committed, the worker's shared event is released) instead of
    the process vanishing mid-step."""
    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def start_worker_process(helpline: Helpline) -> multiprocessing.process.BaseProcess:
    """Run the worker of ``helpline``'s settings in a child process, woken by this one."""
    ctx = multiprocessing.get_context("spawn")
    wake = ctx.Event()  # the webhooks wake the worker the moment they store a message
    helpline.worker = helpline.make_worker(wake)
    process = ctx.Process(target=run_worker_process, name="paisano-worker", daemon=True,
                          args=(helpline.settings, wake, os.getpid(),
                                logging.getLogger().getEffectiveLevel()))
    process.start()
    return process


def run_worker_process(settings: Settings, wake_event: WakeEvent, parent: int,
                       log_level: int = logging.WARNING) -> None:
    """``paisano serve``'s worker, in a process of its own: answering messages is CPU work,
    and in a thread it would hold the interpreter lock against the webhooks' requests.
    It stops when the serving process is gone, even if that one was killed."""
    configure_logging(log_level)
    _die_with_parent()
    if hasattr(os, "nice"):
        os.nice(SERVE_WORKER_NICE)
    helpline = Helpline.build(settings)
    helpline.worker = helpline.make_worker(wake_event)
    try:
        helpline.worker.run_forever(alive=lambda: os.getppid() == parent)
    except KeyboardInterrupt:
        pass
    finally:
        helpline.close()


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this process the moment its parent dies (even by
    SIGKILL), so a killed server never leaves a worker behind; elsewhere ``alive`` polls."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
