"""What the engine would answer to labelled first messages, in aggregate figures.

Each row (``{"text", "lang", "intents"}``, or a dev-set row ``{"text", "lang", "intent"}``) is
the first message of a new person, sent through the real
:class:`~bot.engine.ConversationEngine` on a throwaway in-memory SQLite database. The parts
of the answer are read back from the replies
(each topic answer is a known text), so the figures judge what a person would receive, not
only the matcher's top intent. Only counts are returned: no message text ever leaves here.

The honest "this chat cannot do that" answer (``cannot_do``, topic R4: lend money, go and pick
someone up, be a lawyer in court, check a photo of a document...) is counted as *not a topic*
(:data:`NOT_A_TOPIC`): like the "did not understand" text it answers no topic, it only says
plainly what the chat cannot do and gives the contacts and the offer of a person. So a message
out of scope that gets it counts as rejected, and an in-scope message that gets it instead of
its topic counts as a miss. Any other part beside it (a warning, an emergency, a topic) is
counted as usual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from bot import db, flow
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.messages import Inbound

__all__ = ["NOT_A_TOPIC", "AnswerFigures", "expected_parts", "first_answers", "ratio"]

SAFETY = ("safety_crossing", "fraud_offer")
# Greetings, thanks, the menu, language, erasure, stop...: the engine answers them one at a
# time by design (bot.compose), except the safe pairs of bot.compose.COMMAND_PAIRS, so
# two-question figures are also given without them.
CONVERSATION = "Q"
#: Answers that say honestly what the helpline cannot do and answer no topic: counted as a
#: rejection, never as a topic (see the module docstring).
NOT_A_TOPIC = frozenset({"cannot_do"})


@dataclass(frozen=True)
class AnswerFigures:
    """Counts ``(right, total)`` of each figure on one labelled set."""

    in_scope_top1: tuple[int, int]
    all_parts: tuple[int, int]
    out_of_scope: tuple[int, int]
    emergency_urgent: tuple[int, int]
    crossing_warned: tuple[int, int]
    fraud_warned: tuple[int, int]
    two_topics: tuple[int, int]
    two_subjects: tuple[int, int]
    language: tuple[int, int]
    false_emergencies: tuple[int, int]

    def rows(self) -> list[tuple[str, tuple[int, int]]]:
        """Labelled figures, for printing."""
        return [
            ("in-scope top-1 (first part right)", self.in_scope_top1),
            ("every part right", self.all_parts),
            ("out-of-scope rejected", self.out_of_scope),
            ("emergencies with an urgent case", self.emergency_urgent),
            ("crossing plans with ¡Piénsalo bien!", self.crossing_warned),
            ("fake offers with the fraud warning", self.fraud_warned),
            ("two-question messages, both topics answered", self.two_topics),
            ("  of them, two subjects (no greeting, menu...)", self.two_subjects),
            ("reply language right", self.language),
            ("urgent case opened without an emergency", self.false_emergencies),
        ]


def expected_parts(row: Mapping[str, Any]) -> tuple[str, ...]:
    """The parts a right answer carries: ``intents``, or the single dev-set ``intent``."""
    if "intents" in row:
        return tuple(row["intents"])
    return (row["intent"],) if row.get("intent") else ()


def first_answers(engine: ConversationEngine, rows: Iterable[Mapping[str, Any]]) -> AnswerFigures:
    """Send each row as a new person's first message; count what the answers get right."""
    catalog = engine.catalog
    known, heads = _answer_texts(catalog)
    sa = db.make_engine("sqlite://")
    db.create_schema(sa)
    counts = {name: [0, 0] for name in AnswerFigures.__dataclass_fields__}

    def count(name: str, ok: bool) -> None:
        counts[name][0] += ok
        counts[name][1] += 1

    with Session(sa) as session:
        for n, row in enumerate(rows):
            want = expected_parts(row)
            outcome = engine.handle(session, Inbound("webchat", f"eval-{n}", str(row["text"])))
            got = tuple(p for p in (_part(known, heads, r.text) for r in outcome.replies)
                        if p and p not in NOT_A_TOPIC)
            topics_want = [p for p in want if p not in SAFETY and p != "emergency"]
            if want:
                count("in_scope_top1", got[:1] == want[:1])
                count("all_parts", got == want)
            else:
                count("out_of_scope", not got)
            if "emergency" in want:
                count("emergency_urgent", outcome.urgent)
            else:
                count("false_emergencies", not outcome.urgent)
            if "safety_crossing" in want:
                count("crossing_warned", "safety_crossing" in got)
            if "fraud_offer" in want:
                count("fraud_warned", "fraud_offer" in got)
            if len(topics_want) >= 2:
                count("two_topics", all(p in got for p in topics_want))
                if not any(catalog.intents[p].topic == CONVERSATION for p in topics_want):
                    count("two_subjects", all(p in got for p in topics_want))
            if row.get("lang"):
                count("language", outcome.lang == row["lang"])
            session.rollback()
    sa.dispose()
    return AnswerFigures(**{k: (v[0], v[1]) for k, v in counts.items()})


# ConversationEngine texts that stand for a part (issue 10's flow): erasure asks first, and the "a
# person will answer you" of the human intent is replaced by the handoff notice (one bubble).
FLOW_TEXTS = (
    ("erased", "delete_data"), ("erase_confirm", "delete_data"), ("language_set", "language"),
    ("languages_spoken", "language"), ("death_if", "death_accident"),
    ("handoff_opened", "human"), ("handoff_opened_closed", "human"),
    ("handoff_opened_urgent", "human"), ("urgent_out_of_hours", "human"), ("call_me", "human"),
    ("support_unnamed", "cannot_do"),
)


def _answer_texts(catalog: Catalog) -> tuple[dict[str, str], dict[str, str]]:
    """Every answer text of every language -> its intent, and the flow's own texts: whole,
    or up to their first ``{placeholder}`` (filled in per person)."""
    known = {
        text.rstrip(): intent.id
        for intent in catalog.intents.values() for text in intent.answer.values()
    }
    # Thanks before a question: only its first paragraph ("¡De nada! Para eso estamos").
    heads = {flow.thanks_first(text): "thanks"
             for text in catalog.intents["thanks"].answer.values()}
    for key, intent in FLOW_TEXTS:
        for text in catalog.messages[key].values():
            if "{" in text:
                heads[text.split("{", 1)[0]] = intent
            else:
                known[text.rstrip()] = intent
    return known, heads


def _part(known: Mapping[str, str], heads: Mapping[str, str], text: str) -> str | None:
    """The intent a reply answers. Issue 10 joins the handoff notice or the offer of a person
    to the answer (one bubble): a known text followed by a blank line and more is that text's
    part. The menu is its header plus the numbered topics."""
    text = text.rstrip()
    if text in known:
        return known[text]
    whole = max((t for t in known if text.startswith(t + "\n\n")), key=len, default=None)
    if whole is not None:
        return known[whole]
    head = next((h for h in heads if text.startswith(h)), None)
    if head is not None:
        return heads[head]
    first = text.split("\n\n", 1)[0]
    return next((i for t, i in known.items() if i == "menu" and t.startswith(first)), None)


def ratio(pair: Sequence[int]) -> float:
    """right / total (1.0 when there is nothing to count)."""
    return pair[0] / pair[1] if pair[1] else 1.0
