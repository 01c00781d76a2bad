"""Figures for the console's analytics pages, computed in Python from plain SELECTs.

Every function takes a ``session`` and a ``now`` (so tests can pin the clock); the SQL is
portable (no date functions, no percentiles in the database): rows come back as they are
and Python buckets, counts and sorts them. Message texts returned by ``unanswered`` are for
logged-in staff only: nothing here logs them.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.content import fold
from bot.models import Contact, Conversation, Message, utcnow

__all__ = [
    "MAX_SCANNED",
    "SIMILARITY",
    "WINDOW_DAYS",
    "Overview",
    "Series",
    "UnansweredGroup",
    "overview",
    "percentile",
    "unanswered",
]

WINDOW_DAYS = 30
MAX_SCANNED = 2000
SIMILARITY = 80
MAX_EXAMPLES = 8  # distinct texts kept per group (shown, and offered as phrases)
TOP_INTENTS = 10
UTC = ZoneInfo("UTC")


@dataclass(frozen=True)
class Series:
    """Counts per day for each key (a channel or a language), days oldest first."""

    days: tuple[dt.date, ...]
    counts: dict[str, tuple[int, ...]]

    @property
    def totals(self) -> tuple[int, ...]:
        """The count of each day, all keys together."""
        return tuple(sum(c[i] for c in self.counts.values()) for i in range(len(self.days)))

    @property
    def top(self) -> int:
        """The largest daily total (at least 1, the chart's scale)."""
        return max((*self.totals, 1))


@dataclass(frozen=True)
class Overview:
    """Everything the analytics page shows, for the last ``WINDOW_DAYS`` days."""

    by_channel: Series
    by_lang: Series
    top_intents: list[tuple[str, int]]
    conversations: int
    handoffs: int
    wait_median: float | None  # seconds
    wait_p90: float | None
    waits: int
    ratings: dict[int, int] = field(default_factory=dict)

    @property
    def handoff_rate(self) -> float | None:
        """Handoffs ÷ conversations, or None without conversations."""
        return self.handoffs / self.conversations if self.conversations else None

    @property
    def rated(self) -> int:
        """How many conversations were rated."""
        return sum(self.ratings.values())

    @property
    def rating_mean(self) -> float | None:
        """The mean rating, or None when nobody rated."""
        total = self.rated
        return sum(k * v for k, v in self.ratings.items()) / total if total else None


@dataclass
class UnansweredGroup:
    """Similar texts the bot did not understand; ``text`` is the newest of them."""

    text: str
    count: int
    last_seen: dt.datetime
    examples: list[str]
    langs: Counter[str] = field(default_factory=Counter)

    @property
    def languages(self) -> list[str]:
        """The conversations' languages, most frequent first."""
        return [lang for lang, _n in self.langs.most_common()]


def percentile(values: list[float], pct: float) -> float | None:
    """The nearest-rank percentile (``pct`` in 0–100) of ``values``, or None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(math.ceil(pct / 100 * len(ordered)), 1)
    return ordered[rank - 1]


def _series(rows: list[tuple[dt.date, str]], days: tuple[dt.date, ...]) -> Series:
    index = {day: i for i, day in enumerate(days)}
    counts: dict[str, list[int]] = {}
    for day, key in rows:
        if day in index:
            counts.setdefault(key, [0] * len(days))[index[day]] += 1
    return Series(days, {k: tuple(v) for k, v in sorted(counts.items())})


def overview(session: Session, now: dt.datetime | None = None,
             tz: dt.tzinfo = UTC) -> Overview:
    """Messages, intents, handoffs, waits and ratings of the last ``WINDOW_DAYS`` days."""
    now = now or utcnow()
    since = now - dt.timedelta(days=WINDOW_DAYS)
    today = now.astimezone(tz).date()
    days = tuple(today - dt.timedelta(days=n) for n in range(WINDOW_DAYS - 1, -1, -1))

    inbound = session.execute(
        select(Message.at, Message.intent, Contact.channel, Conversation.lang)
        .join(Conversation, Message.conversation_id == Conversation.id)
        .join(Contact, Conversation.contact_id == Contact.id)
        .where(Message.direction == "in", Message.at >= since, Message.at <= now)
    ).all()
    local = [(r.at.astimezone(tz).date(), r) for r in inbound]
    intents = Counter(r.intent for _d, r in local if r.intent is not None)

    convs = session.execute(
        select(Conversation.status, Conversation.waiting_since, Conversation.assigned_at,
               Conversation.rating)
        .where(Conversation.created_at >= since, Conversation.created_at <= now)
    ).all()
    handoffs = sum(1 for c in convs if c.status in ("waiting", "assigned")
                   or c.waiting_since is not None or c.assigned_at is not None)
    ratings = Counter(c.rating for c in convs if c.rating is not None and 1 <= c.rating <= 5)

    waits = [
        (assigned - waiting).total_seconds()
        for waiting, assigned in session.execute(
            select(Conversation.waiting_since, Conversation.assigned_at).where(
                Conversation.assigned_at.is_not(None), Conversation.waiting_since.is_not(None),
                Conversation.assigned_at >= since, Conversation.assigned_at <= now)
        ).tuples()
        if assigned is not None and waiting is not None
    ]
    return Overview(
        by_channel=_series([(d, r.channel) for d, r in local], days),
        by_lang=_series([(d, r.lang) for d, r in local], days),
        # Ties by name: the rows come in no set order (it changes with the indexes).
        top_intents=sorted(intents.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_INTENTS],
        conversations=len(convs),
        handoffs=handoffs,
        wait_median=statistics.median(waits) if waits else None,
        wait_p90=percentile(waits, 90),
        waits=len(waits),
        ratings={k: ratings.get(k, 0) for k in range(1, 6)},
    )


def unanswered(session: Session, now: dt.datetime | None = None,
               limit: int = MAX_SCANNED) -> list[UnansweredGroup]:
    """Texts the bot really did not understand, grouped by similarity, newest group first.

    Only messages the engine marked ``missed`` (a fallback turn written to the bot): menu
    numbers, ratings, commands and what people write to an agent are understood or not
    meant for the bot. Greedy grouping: each text (newest first) joins the first group whose
    first text scores at least ``SIMILARITY`` with ``token_set_ratio`` on folded text
    (lowercase, no accents or punctuation), else starts a new group. Media placeholders
    (texts starting with "[") are left out.
    """
    now = now or utcnow()
    since = now - dt.timedelta(days=WINDOW_DAYS)
    rows = session.execute(
        select(Message.text, Message.at, Conversation.lang)
        .join(Conversation, Message.conversation_id == Conversation.id)
        .where(Message.direction == "in", Message.author == "person",
               Message.missed.is_(True), Message.at >= since, Message.at <= now,
               ~Message.text.startswith("["))
        .order_by(Message.at.desc(), Message.id.desc())
        .limit(limit)
    ).tuples()
    groups: list[UnansweredGroup] = []
    keys: list[str] = []
    for text, at, lang in rows:
        text = text.strip()
        key = fold(text)
        if not key:
            continue
        found = process.extractOne(key, keys, scorer=fuzz.token_set_ratio,
                                   score_cutoff=SIMILARITY) if keys else None
        if found is None:
            groups.append(UnansweredGroup(text=text, count=1, last_seen=at, examples=[text],
                                          langs=Counter({lang: 1})))
            keys.append(key)
            continue
        group = groups[found[2]]
        group.count += 1
        group.langs[lang] += 1
        if len(group.examples) < MAX_EXAMPLES and text not in group.examples:
            group.examples.append(text)
    return groups
