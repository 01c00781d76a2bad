"""Play scripted multi-turn conversations (``tests/SCENARIO_FORMAT.md``) through the real engine.

Each conversation is one brand-new person on one channel; agent lines act through the real
handoff service (``bot.handoff``) as agent ``ana``. Time is a controllable clock: each turn
comes 0.5 minutes after the previous one unless ``minutes_later`` says otherwise, and the
office is open (a Wednesday noon in Guanajuato) or closed (a Sunday) as the first line says.

    python -m tests.scenarios tests/data/scenarios.jsonl [--db URL] [--show-failures]

prints the score (conversations fully passing, turns passing). Per-turn failures are shown
only when asked: never for the blind file, which is not tuned on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot import agents, db, handoff, transitions
from bot.config import Settings
from bot.content import Catalog, load_catalog
from bot.engine import ConversationEngine
from bot.messages import Inbound
from bot.models import Agent, Contact, Conversation, Message

__all__ = ["Score", "Scenario", "load", "play_all"]

# 12:00 on a Wednesday and on a Sunday in Guanajuato (UTC-6): office open / closed.
OPEN_AT = dt.datetime(2026, 12, 2, 18, 0, tzinfo=dt.UTC)
CLOSED_AT = dt.datetime(2026, 12, 6, 18, 0, tzinfo=dt.UTC)
DEFAULT_GAP = dt.timedelta(minutes=0.5)
AGENT = "ana"


@dataclass
class Scenario:
    """One conversation: its id and its lines in order."""

    conv: str
    lines: list[dict[str, Any]]


@dataclass
class Score:
    """How many conversations passed whole, how many turns passed, and what failed."""

    conversations: int = 0
    conversations_passed: int = 0
    turns: int = 0
    turns_passed: int = 0
    failures: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        """The score in one line."""
        return (f"{name}: conversations {self.conversations_passed}/{self.conversations}, "
                f"turns {self.turns_passed}/{self.turns}")


def load(path: Path) -> list[Scenario]:
    """The conversations of a JSONL scenario file (consecutive lines sharing ``conv``)."""
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [Scenario(conv, list(lines))
            for conv, lines in itertools.groupby(rows, key=lambda r: r["conv"])]


def fold(text: str) -> str:
    """Lowercase without accents: how ``contains`` and ``absent`` compare texts."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


class Clock:
    """The scenario's time; the engine and the handoff service both read it."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


@contextmanager
def clocked(clock: Clock) -> Iterator[None]:
    """Make the handoff service and the queue read ``clock`` instead of the wall clock."""
    saved = handoff.utcnow, transitions.utcnow
    handoff.utcnow = transitions.utcnow = clock  # type: ignore[assignment]
    try:
        yield
    finally:
        handoff.utcnow, transitions.utcnow = saved  # type: ignore[assignment]


def _agent(session: Session) -> Agent:
    found = agents.agent_by_name(session, AGENT)
    if found is None:
        found = agents.create_agent(session, AGENT, "una-contraseña-larga-de-prueba")
        session.commit()
    return found


def _latest(session: Session, channel: str, sender: str) -> Conversation | None:
    return session.scalars(
        select(Conversation).join(Contact)
        .where(Contact.channel == channel, Contact.external_id == sender)
        .order_by(Conversation.id.desc()).limit(1)
    ).first()


def _status(conv: Conversation | None) -> tuple[str, bool]:
    if conv is None or not conv.with_people:
        return "bot", False
    return conv.status, conv.urgent


def _check(expect: dict[str, Any], got: dict[str, Any]) -> list[str]:
    problems = []
    for key in ("intent", "status", "urgent", "erased", "lang"):
        if key in expect and expect[key] != got.get(key):
            problems.append(f"{key}: expected {expect[key]!r}, got {got.get(key)!r}")
    joined = fold("\n".join(got["replies"]))
    for text in expect.get("contains", []):
        if fold(text) not in joined:
            problems.append(f"contains {text!r}: missing")
    for text in expect.get("absent", []):
        if fold(text) in joined:
            problems.append(f"absent {text!r}: present")
    n = len(got["replies"])
    if "max_replies" in expect and n > expect["max_replies"]:
        problems.append(f"max_replies {expect['max_replies']}: got {n}")
    if "min_replies" in expect and n < expect["min_replies"]:
        problems.append(f"min_replies {expect['min_replies']}: got {n}")
    return problems


def play(engine: ConversationEngine, session: Session, catalog: Catalog, scenario: Scenario,
         run: str
         ) -> list[list[str]]:
    """Play one conversation; the problems of each line (empty: the line passed)."""
    first = scenario.lines[0]
    clock = Clock(CLOSED_AT if first.get("office") == "closed" else OPEN_AT)
    channel = next((line["channel"] for line in scenario.lines if "channel" in line), "telegram")
    sender = f"{run}-{scenario.conv}"
    agent = _agent(session)
    results: list[list[str]] = []
    with clocked(clock):
        for n, line in enumerate(scenario.lines):
            if n:
                clock.now += dt.timedelta(minutes=line.get("minutes_later", 0.5))
            got = (_agent_acts(session, catalog, agent, channel, sender, line) if "agent" in line
                   else _person_says(engine, session, channel, sender, line, clock))
            session.commit()
            results.append(_check(line.get("expect", {}), got))
        # Leave the queue empty for the next conversation: each one starts alone in line.
        session.execute(update(Conversation).where(
            Conversation.status.in_(("waiting", "assigned")),
            Conversation.contact_id.in_(select(Contact.id).where(Contact.external_id == sender)),
        ).values(status="closed", closed_at=clock.now))
        session.commit()
    return results


def _person_says(engine: ConversationEngine, session: Session, channel: str, sender: str,
                 line: dict[str, Any], clock: Clock) -> dict[str, Any]:
    kind = line.get("kind", "text")
    text = line.get("text") if kind == "text" else None
    outcome = engine.handle(session, Inbound(channel, sender, text, kind=kind,
                                             ui_lang=line.get("ui_lang"), at=clock.now))
    return {"replies": [r.text for r in outcome.replies], "intent": outcome.intent,
            "status": outcome.status, "urgent": outcome.urgent, "erased": outcome.erased,
            "lang": outcome.lang}


def _agent_acts(session: Session, catalog: Catalog, agent: Agent, channel: str, sender: str,
                line: dict[str, Any]) -> dict[str, Any]:
    conv = _latest(session, channel, sender)
    if conv is None:
        return {"replies": [], "error": "no conversation"}
    before = session.scalar(select(Message.id).order_by(Message.id.desc()).limit(1)) or 0
    conv_id, lang = conv.id, conv.lang
    try:
        action = line["agent"]
        if action == "claim":
            handoff.claim(session, catalog, conv_id, agent)
        elif action == "reply":
            handoff.reply(session, conv_id, agent, line.get("text", ""))
        elif action == "close":
            handoff.close(session, catalog, conv_id, agent)
        else:
            raise ValueError(f"unknown agent action {action!r}")
    except handoff.HandoffError as exc:
        session.rollback()
        return {"replies": [], "error": str(exc)}
    session.flush()
    said = session.scalars(select(Message.text).where(
        Message.conversation_id == conv_id, Message.id > before, Message.direction == "out"
    ).order_by(Message.id)).all()
    status, urgent = _status(_fresh(session, conv_id))
    return {"replies": list(said), "status": status, "urgent": urgent, "erased": False,
            "lang": lang, "intent": None}


def _fresh(session: Session, conv_id: int) -> Conversation | None:
    return session.get(Conversation, conv_id, populate_existing=True)


def play_all(engine: ConversationEngine, session: Session, catalog: Catalog,
             scenarios: list[Scenario],
             run: str = "s") -> Score:
    """Play every conversation and score them."""
    score = Score()
    for scenario in scenarios:
        results = play(engine, session, catalog, scenario, run)
        score.conversations += 1
        score.conversations_passed += all(not r for r in results)
        score.turns += len(results)
        score.turns_passed += sum(not r for r in results)
        for n, problems in enumerate(results):
            if problems:
                text = scenario.lines[n].get("text") or scenario.lines[n].get("agent")
                score.failures.append(f"{scenario.conv} #{n + 1} {text!r}: {'; '.join(problems)}")
    return score


def run_file(path: Path, url: str, make_engine: Callable[[],
             ConversationEngine] | None = None) -> Score:
    """Score the scenarios of ``path`` on the database ``url`` (given an empty schema)."""
    catalog = load_catalog()
    engine = make_engine() if make_engine else ConversationEngine(catalog, Settings.from_env({}))
    sa = db.make_engine(url)
    db.create_schema(sa)
    try:
        with Session(sa, expire_on_commit=False) as session:
            return play_all(engine, session, catalog, load(path))
    finally:
        sa.dispose()


def main() -> None:
    """Command line: print the score of a scenario file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--db", default="sqlite://")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    score = run_file(args.path, args.db)
    print(score.line(str(args.path)))  # noqa: T201 - a command-line report
    if args.show_failures:
        for failure in score.failures:
            print("  " + failure)  # noqa: T201


if __name__ == "__main__":
    main()
