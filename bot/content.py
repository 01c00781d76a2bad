"""Load and validate the content catalog (``content/``) into frozen dataclasses.

Errors name the file, the line and the field, so a content editor can fix them without
reading Python::

    ContentError
     └── raised by load_catalog() with every problem found (a list of Problem)
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "HT_TOPICS",
    "ANSWERED_IN",
    "LANGS",
    "TRAINING_LANGS",
    "Catalog",
    "FOLLOWUP_KEYS",
    "ContentError",
    "Intent",
    "Problem",
    "default_content_dir",
    "load_catalog",
]

LANGS = ("es", "en", "ht")
#: Languages people write in that the helpline reads but has no answers in, and the language it
#: answers them in: a Haitian in transit who writes French reads Kreyòl (issue 11af). Their
#: training text (examples, alarm lines, triggers) keeps its own label so the language detector
#: learns French beside Kreyòl instead of blurring the two.
ANSWERED_IN = {"fr": "ht"}
#: Every language training text may be labelled with.
TRAINING_LANGS = (*LANGS, *ANSWERED_IN)
# Topics whose answers and phrases the brief requires in Haitian Creole too.
HT_TOPICS = frozenset({"A", "B", "G", "O", "P", "Q", "R2", "R3", "R4"})
# Topic R holds examples of what is out of scope: phrases only, no answer, no menu entry.
OUT_OF_SCOPE_TOPIC = "R"
MIN_PHRASES = {"es": 25, "en": 10, "ht": 8}
STALE_AFTER_DAYS = 180
MESSAGE_KEYS = (
    "privacy_notice", "fallback", "offer_handoff", "handoff_declined", "handoff_opened",
    "handoff_opened_urgent", "urgent_out_of_hours", "handoff_opened_closed", "handoff_waiting",
    "handoff_left", "agent_joined", "agent_someone", "agent_closed", "rating_ask", "rating_thanks",
    "media_not_supported", "language_set", "erased", "menu_footer", "unknown_choice",
    "wait_unknown", "erase_confirm", "erase_cancelled", "ok_noted", "leave_confirm",
    "leave_stay", "urgent_stays", "stopped_handoff", "stopped_urgent", "emergency_again",
    "queue_status", "wait_closed", "media_offer", "offer_person", "followup_unknown",
    "followup_unknown_person", "handoff_place", "handoff_place_closed", "too_fast",
    "handoff_limit", "someone_else",
    "person_after_topic", "less_messages", "erase_line", "erase_if", "scare_over", "small_talk",
    "go_ahead", "still_in_line", "erase_later", "erase_one", "despair", "despair_in_line",
    "meanwhile", "languages_spoken", "crossing_die_if", "crossing_caught_if", "crossing_dropped",
    "death_if", "fraud_real_if", "fraud_paid", "fraud_dropped", "need_now", "need_food",
    "need_bills", "unhelpful", "language_offer", "call_me", "call_me_in_line", "greeting_again",
    "support_unnamed", "team_hours",
)
# What a short follow-up question may ask about the topic just answered (``followups:``).
FOLLOWUP_KEYS = ("cost", "where", "hours", "when", "papers", "family", "food", "transfer")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# libyaml's C parser when available (several times faster), the pure-Python one otherwise.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file, located by file, line and field."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class ContentError(Exception):
    """The content catalog is invalid; ``problems`` lists every error found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"invalid content ({len(problems)} problem(s)):\n{lines}")


@dataclass(frozen=True)
class Intent:
    """One thing people ask about, with its answer and training phrases per language."""

    id: str
    topic: str
    title: Mapping[str, str]
    answer: Mapping[str, str]
    phrases: Mapping[str, tuple[str, ...]]
    triggers: Mapping[str, tuple[str, ...]]
    handoff: bool
    urgent: bool
    reviewed: dt.date
    source: str
    file: str
    line: int
    phrase_lines: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # Answers to follow-up questions the sources can answer, by FOLLOWUP_KEYS key.
    followups: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The answer in ``lang``, falling back to Spanish then English."""
        return _pick(self.answer, lang)

    def followup(self, key: str, lang: str) -> str | None:
        """The answer to follow-up ``key`` ("cost", "where"...) in ``lang``, if there is one."""
        texts = self.followups.get(key)
        return _pick(texts, lang) if texts else None

    def menu_title(self, lang: str) -> str:
        """The short menu title in ``lang`` (same fallback as the answer)."""
        return _pick(self.title, lang)


@dataclass(frozen=True)
class Catalog:
    """Every intent, the engine's own texts and the numbered menu."""

    intents: Mapping[str, Intent]
    messages: Mapping[str, Mapping[str, str]]
    menu: tuple[str, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)
    # Extra training examples from ``examples/*.jsonl``: ``(intent, lang, text)``.
    extra: tuple[tuple[str, str, str], ...] = ()
    # Messages that train only the binary alarm model (``alarm/*.jsonl``): ``(text, alarm)``.
    alarm_examples: tuple[tuple[str, bool], ...] = ()

    def message(self, key: str, lang: str, **values: object) -> str:
        """An engine text in ``lang`` with its ``{placeholders}`` filled."""
        return _pick(self.messages[key], lang).format(**values)

    def examples(self) -> Iterator[tuple[str, str, str]]:
        """Every training phrase as ``(intent, lang, text)``."""
        for intent in self.intents.values():
            for lang, phrases in intent.phrases.items():
                for phrase in phrases:
                    yield intent.id, lang, phrase
        yield from self.extra

    @functools.cached_property
    def _phrase_keys(self) -> frozenset[str]:
        return frozenset(fold(p) for _i, _l, p in self.examples())

    def knows_phrase(self, text: str) -> bool:
        """True when ``text`` is (up to case, accents, punctuation) a training phrase."""
        return fold(text) in self._phrase_keys

    def outside(self) -> list[str]:
        """Intents that are examples of what is out of scope (topic R)."""
        return [i.id for i in self.intents.values() if i.topic == OUT_OF_SCOPE_TOPIC]

    def triggers(self) -> dict[str, list[str]]:
        """Safety trigger phrases per intent, all languages together."""
        return {
            i.id: [t for ts in i.triggers.values() for t in ts]
            for i in self.intents.values()
            if i.triggers
        }

    def stale(self, today: dt.date | None = None) -> list[Intent]:
        """Intents whose answer was last reviewed more than 180 days ago."""
        limit = (today or dt.date.today()) - dt.timedelta(days=STALE_AFTER_DAYS)
        return [i for i in self.intents.values() if i.reviewed < limit]


def _pick(texts: Mapping[str, str], lang: str) -> str:
    for candidate in (lang, "es", "en"):
        if candidate in texts:
            return texts[candidate]
    return next(iter(texts.values()))


def default_content_dir() -> Path:
    """The ``content/`` folder shipped beside the packages."""
    return Path(__file__).resolve().parent.parent / "content"


def fold(text: str) -> str:
    """Lowercase, strip accents and punctuation: the key used to find duplicate phrases."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _fold_trigger(text: str) -> str:
    """``fold`` a trigger; a word-group trigger keeps its ``+``, ``|`` and ``*`` marks."""
    if "+" not in text:
        return fold(text)
    return " + ".join(
        "|".join(fold(alt) + ("*" if alt.strip().endswith("*") else "") for alt in group.split("|"))
        for group in text.split("+")
    )


# --- reading YAML with line numbers --------------------------------------------------------


class _Doc:
    """A parsed YAML file that remembers the line of every node."""

    def __init__(self, path: Path, root: Path) -> None:
        self.name = str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(
            path
        )
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_LOADER)
        self.lines: dict[tuple[Any, ...], int] = {}
        if node is not None:
            self._index(node, ())
        self.data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader

    def _index(self, node: yaml.Node, path: tuple[Any, ...]) -> None:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                self._index(value, (*path, key.value))
                self.lines[(*path, key.value)] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._index(item, (*path, i))

    def line(self, *path: Any) -> int:
        """The line of ``path``, or of its nearest existing parent."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, doc: _Doc, path: tuple[Any, ...], message: str) -> None:
        label = ".".join(str(p) for p in path) or "(file)"
        self.problems.append(Problem(doc.name, doc.line(*path), label, message))


def _lang_map(
    doc: _Doc, errs: _Collector, path: tuple[Any, ...], value: Any, required: tuple[str, ...],
    known: tuple[str, ...] = LANGS,
) -> dict[str, Any]:
    if not isinstance(value, dict):
        errs.add(doc, path, "must be a mapping of language -> value")
        return {}
    for lang in value:
        if lang not in known:
            errs.add(doc, (*path, lang), f"unknown language {lang!r} (use {', '.join(known)})")
    for lang in required:
        if not value.get(lang):
            errs.add(doc, path, f"missing language {lang!r}")
    return {
        k: v.strip() if isinstance(v, str) else v for k, v in value.items() if k in known and v
    }


def _parse_intent(
    doc: _Doc, errs: _Collector, topic: str, idx: int, raw: Any
) -> Intent | None:
    base: tuple[Any, ...] = ("intents", idx)
    if not isinstance(raw, dict):
        errs.add(doc, base, "must be a mapping")
        return None
    intent_id = raw.get("id")
    if not isinstance(intent_id, str) or not _ID_RE.match(intent_id):
        errs.add(doc, (*base, "id"), "required, lowercase snake_case")
        return None
    langs = LANGS if topic in HT_TOPICS else ("es", "en")
    if topic == OUT_OF_SCOPE_TOPIC:
        answer = {}
    else:
        answer = _lang_map(doc, errs, (*base, "answer"), raw.get("answer"), langs)
    title = _lang_map(doc, errs, (*base, "title"), raw.get("title"), tuple(answer))
    for lang, text in {**answer, **title}.items():
        if not isinstance(text, str):
            errs.add(doc, (*base, "answer", lang), "must be text")
    phrases: dict[str, tuple[str, ...]] = {}
    phrase_lines: dict[str, tuple[int, ...]] = {}
    raw_phrases = _lang_map(doc, errs, (*base, "phrases"), raw.get("phrases"), langs)
    for lang, items in raw_phrases.items():
        ppath = (*base, "phrases", lang)
        if not isinstance(items, list) or not all(isinstance(p, str) and p.strip() for p in items):
            errs.add(doc, ppath, "must be a list of non-empty texts")
            continue
        if len(items) < MIN_PHRASES[lang] and lang in langs:
            errs.add(doc, ppath, f"{len(items)} phrases, at least {MIN_PHRASES[lang]} needed")
        phrases[lang] = tuple(p.strip() for p in items)
        phrase_lines[lang] = tuple(doc.line(*ppath, i) for i in range(len(items)))
    triggers: dict[str, tuple[str, ...]] = {}
    if raw.get("triggers") is not None:
        for lang, items in _lang_map(doc, errs, (*base, "triggers"), raw["triggers"], (),
                                    TRAINING_LANGS).items():
            if not isinstance(items, list) or not all(isinstance(t, str) for t in items):
                errs.add(doc, (*base, "triggers", lang), "must be a list of texts")
                continue
            for n, item in enumerate(items):
                if ("|" in item or "*" in item) and "+" not in item:
                    # Read as one phrase, "a|b" would never fire: groups need a "+".
                    errs.add(doc, (*base, "triggers", lang, n),
                             "'|' and '*' only work in a word-group trigger (with '+')")
            triggers[lang] = tuple(_fold_trigger(t) for t in items)
    flags = {}
    for flag in ("handoff", "urgent"):
        value = raw.get(flag, False)
        if not isinstance(value, bool):
            errs.add(doc, (*base, flag), "must be true or false")
        flags[flag] = bool(value)
    reviewed = raw.get("reviewed")
    if not isinstance(reviewed, dt.date):
        errs.add(doc, (*base, "reviewed"), "required date YYYY-MM-DD")
        reviewed = dt.date.min
    source = raw.get("source")
    if not isinstance(source, str) or not source:
        errs.add(doc, (*base, "source"), "required: where the facts come from")
        source = ""
    return Intent(
        id=intent_id, topic=topic, title=title, answer=answer, phrases=phrases,
        triggers=triggers, handoff=flags["handoff"], urgent=flags["urgent"],
        reviewed=reviewed, source=source, file=doc.name, line=doc.line(*base),
        phrase_lines=phrase_lines,
        followups=_parse_followups(doc, errs, base, raw.get("followups"), tuple(answer)),
    )


def _parse_followups(
    doc: _Doc, errs: _Collector, base: tuple[Any, ...], raw: Any, langs: tuple[str, ...]
) -> dict[str, dict[str, str]]:
    """``followups: {cost: {es, en, ...}, ...}``: known keys, the answer's languages, texts."""
    if raw is None:
        return {}
    path = (*base, "followups")
    if not isinstance(raw, dict):
        errs.add(doc, path, f"must be a mapping of {', '.join(FOLLOWUP_KEYS)} -> texts")
        return {}
    if not langs:
        errs.add(doc, path, "only an intent with an answer can have follow-ups")
        return {}
    found: dict[str, dict[str, str]] = {}
    for key, value in raw.items():
        if key not in FOLLOWUP_KEYS:
            errs.add(doc, (*path, key),
                     f"unknown follow-up {key!r} (use {', '.join(FOLLOWUP_KEYS)})")
            continue
        texts = _lang_map(doc, errs, (*path, key), value, langs)
        for lang, text in texts.items():
            if not isinstance(text, str):
                errs.add(doc, (*path, key, lang), "must be text")
        found[key] = {lang: t for lang, t in texts.items() if isinstance(t, str)}
    return found


def _load_topics(root: Path, errs: _Collector) -> dict[str, Intent]:
    intents: dict[str, Intent] = {}
    for path in sorted((root / "topics").glob("*.yaml")):
        doc = _Doc(path, root)
        data = doc.data
        if not isinstance(data, dict) or not isinstance(data.get("intents"), list):
            errs.add(doc, (), "must be a mapping with 'topic' and a list 'intents'")
            continue
        topic = data.get("topic")
        if not isinstance(topic, str) or not re.fullmatch(r"[A-Z][0-9]?", topic):
            errs.add(doc, ("topic",), "required: the letter of the brief (A-S, R2, R3, R4)")
            continue
        for idx, raw in enumerate(data["intents"]):
            intent = _parse_intent(doc, errs, topic, idx, raw)
            if intent is None:
                continue
            if intent.id in intents:
                other = intents[intent.id]
                errs.add(doc, ("intents", idx, "id"),
                         f"duplicate id {intent.id!r} (also {other.file}:{other.line})")
                continue
            intents[intent.id] = intent
    return intents


def _check_duplicate_phrases(intents: Mapping[str, Intent],
                             errs: _Collector) -> dict[str, tuple[str, str]]:
    """Report a phrase taught to two intents; return each folded phrase's intent and place."""
    seen: dict[str, tuple[str, str]] = {}
    for intent in intents.values():
        for lang, phrases in intent.phrases.items():
            for phrase, line in zip(phrases, intent.phrase_lines[lang], strict=True):
                key = fold(phrase)
                if key in seen and seen[key][0] != intent.id:
                    errs.problems.append(Problem(
                        intent.file, line, f"{intent.id}.phrases.{lang}",
                        f"phrase {phrase!r} also belongs to intent {seen[key][0]!r}",
                    ))
                seen.setdefault(key, (intent.id, f"{intent.file}:{line}"))
    return seen


def _jsonl_rows(root: Path, folder: str, keys: tuple[str, ...],
                errs: _Collector) -> Iterator[tuple[str, int, tuple[Any, ...]]]:
    """``folder/*.jsonl`` under ``root``: each line's file, number and the values of ``keys``; a
    line without them is a problem, skipped."""
    shape = "{" + ", ".join(f'"{key}": ...' for key in keys) + "}"
    for path in sorted((root / folder).glob("*.jsonl")):
        name = str(path.relative_to(root.parent))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                values = tuple(row[key] for key in keys)
            except (ValueError, TypeError, KeyError):
                errs.problems.append(Problem(name, number, "(line)", f"must be {shape}"))
                continue
            yield name, number, values


def _load_examples(root: Path, intents: Mapping[str, Intent], owner: dict[str, tuple[str, str]],
                   errs: _Collector) -> tuple[tuple[str, str, str], ...]:
    """``examples/*.jsonl``: one ``{"intent", "lang", "text"}`` per line, messages written the
    way people write, that train the matcher beside the phrases. A text that is already a
    phrase or an example of another intent is an error (it would teach two answers);
    ``owner``: each folded phrase's intent and place, extended here with the examples."""
    found: list[tuple[str, str, str]] = []
    for name, number, (intent, lang, text) in _jsonl_rows(root, "examples",
                                                          ("intent", "lang", "text"), errs):
        if intent not in intents:
            errs.problems.append(Problem(name, number, "intent", f"unknown intent {intent!r}"))
        elif lang not in TRAINING_LANGS:
            errs.problems.append(Problem(name, number, "lang", f"unknown language {lang!r}"))
        elif not isinstance(text, str) or not fold(text):
            errs.problems.append(Problem(name, number, "text", "must be non-empty text"))
        elif owner.setdefault(fold(text), (intent, f"{name}:{number}"))[0] != intent:
            other, where = owner[fold(text)]
            errs.problems.append(Problem(name, number, "text",
                                         f"also an example of {other!r} ({where})"))
        else:
            found.append((intent, lang, text.strip()))
    return tuple(found)


def _load_alarm(root: Path, errs: _Collector) -> tuple[tuple[str, bool], ...]:
    """``alarm/*.jsonl``: one ``{"alarm": true|false, "lang", "text"}`` per line, first messages
    that train only the matcher's binary alarm model (an emergency or not), never the topics:
    a message that tells of danger inside another question teaches "danger" there, not a
    topic."""
    found: list[tuple[str, bool]] = []
    for name, number, (alarm, lang, text) in _jsonl_rows(root, "alarm",
                                                         ("alarm", "lang", "text"), errs):
        if not isinstance(alarm, bool):
            errs.problems.append(Problem(name, number, "alarm", "must be true or false"))
        elif lang not in TRAINING_LANGS:
            errs.problems.append(Problem(name, number, "lang", f"unknown language {lang!r}"))
        elif not isinstance(text, str) or not fold(text):
            errs.problems.append(Problem(name, number, "text", "must be non-empty text"))
        else:
            found.append((text.strip(), alarm))
    return tuple(found)


def load_catalog(root: Path | None = None) -> Catalog:
    """Read and validate ``content/``; raise ContentError listing every problem."""
    root = Path(root or default_content_dir())
    errs = _Collector()
    intents = _load_topics(root, errs)
    owner = _check_duplicate_phrases(intents, errs)

    messages: dict[str, dict[str, str]] = {}
    mdoc = _Doc(root / "messages.yaml", root)
    if not isinstance(mdoc.data, dict):
        errs.add(mdoc, (), "must be a mapping of key -> {es, en, ht}")
    else:
        for key in MESSAGE_KEYS:
            if key not in mdoc.data:
                errs.add(mdoc, (), f"missing message {key!r}")
                continue
            messages[key] = _lang_map(mdoc, errs, (key,), mdoc.data[key], LANGS)

    menu: tuple[str, ...] = ()
    ndoc = _Doc(root / "menu.yaml", root)
    items = ndoc.data.get("items") if isinstance(ndoc.data, dict) else None
    if not isinstance(items, list):
        errs.add(ndoc, (), "must have a list 'items' of intent ids")
    else:
        for idx, item in enumerate(items):
            if item not in intents or intents[item].topic == OUT_OF_SCOPE_TOPIC:
                errs.add(ndoc, ("items", idx), f"unknown intent {item!r}")
        menu = tuple(i for i in items if i in intents)

    settings: dict[str, Any] = {}
    settings_path = root / "settings.yaml"
    if settings_path.exists():
        sdoc = _Doc(settings_path, root)
        settings = sdoc.data if isinstance(sdoc.data, dict) else {}

    extra = _load_examples(root, intents, owner, errs)
    alarm = _load_alarm(root, errs)
    if errs.problems:
        raise ContentError(errs.problems)
    return Catalog(intents=intents, messages=messages, menu=menu, settings=settings, extra=extra,
                   alarm_examples=alarm)
