"""Suggested training phrases (``content/suggestions/*.yaml``), written from "Sin respuesta".

An admin turns a group of texts the bot did not understand into phrases for one intent; the
console writes them here for a person to review and copy into the topic file. The catalog
never loads this folder, so nothing reaches people's answers without that review.
``paisano content check`` validates every file with ``check``::

    intent: health               # an intent of the catalog
    lang: es                     # es | en | ht
    by: ana                      # the admin who proposed them
    created: 2026-12-05
    phrases:                     # new to the catalog, no duplicates
      - me duele la muela y no tengo seguro
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import yaml

from bot.content import LANGS, Catalog, Problem, fold

__all__ = ["FOLDER", "MAX_PHRASE", "MAX_PHRASES", "SuggestionError", "check", "clean", "write"]

FOLDER = "suggestions"
MAX_PHRASES = 50
MAX_PHRASE = 300


class SuggestionError(ValueError):
    """The phrases cannot be suggested; the message (Spanish) says why."""


def clean(catalog: Catalog, intent: str, lang: str, phrases: Iterable[str]) -> list[str]:
    """The phrases worth suggesting: trimmed, new to the catalog, each once.

    Raises SuggestionError for an unknown intent or language, or when none is left."""
    if intent not in catalog.intents:
        raise SuggestionError("Elige un tema que exista en el catálogo.")
    if lang not in LANGS:
        raise SuggestionError("Elige el idioma de las frases.")
    kept: list[str] = []
    seen: set[str] = set()
    for phrase in phrases:
        text = " ".join(phrase.split())[:MAX_PHRASE]
        key = fold(text)
        if not key or key in seen or catalog.knows_phrase(text):
            continue
        seen.add(key)
        kept.append(text)
    if not kept:
        raise SuggestionError("No queda ninguna frase nueva: vacías, repetidas o ya están en "
                              "el catálogo.")
    return kept[:MAX_PHRASES]


def write(folder: Path, intent: str, lang: str, phrases: list[str], by: str,
          today: dt.date) -> Path:
    """Add ``phrases`` to ``<folder>/<date>-<intent>-<lang>.yaml`` (made if needed); its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{today.isoformat()}-{intent}-{lang}.yaml"
    before: list[str] = []
    if path.exists():
        old = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        before = [p for p in old.get("phrases") or [] if isinstance(p, str)]
    known = {fold(p) for p in before}
    merged = before + [p for p in phrases if fold(p) not in known]
    data = {"intent": intent, "lang": lang, "by": by, "created": today, "phrases": merged}
    header = ("# Frases propuestas desde «Sin respuesta» en la consola. Revísalas, cópialas al\n"
              "# tema (content/topics/) y borra este archivo. El bot no lo lee.\n")
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(header + text, encoding="utf-8")
    tmp.replace(path)
    return path


def check(folder: Path, catalog: Catalog) -> list[Problem]:
    """Every problem of the suggestion files in ``folder`` (``content/suggestions``)."""
    problems: list[Problem] = []
    base = folder.parent.parent
    for path in sorted(folder.glob("*.yaml")):
        name = str(path.relative_to(base)) if path.is_relative_to(base) else str(path)
        problems += _check_file(path, name, catalog)
    return problems


def _check_file(path: Path, name: str, catalog: Catalog) -> list[Problem]:
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem(name, mark.line + 1 if mark else 1, "(file)", f"not YAML: {exc}")]
    if not isinstance(data, dict):
        return [Problem(name, 1, "(file)", "must be a mapping with intent, lang and phrases")]
    lines = _phrase_lines(text)
    problems = []
    intent = data.get("intent")
    if intent not in catalog.intents:
        problems.append(Problem(name, 1, "intent", f"unknown intent {intent!r}"))
    if data.get("lang") not in LANGS:
        problems.append(Problem(name, 1, "lang",
                                f"unknown language {data.get('lang')!r} (use {', '.join(LANGS)})"))
    phrases = data.get("phrases")
    if not isinstance(phrases, list) or not phrases:
        problems.append(Problem(name, 1, "phrases", "empty: list at least one phrase"))
        return problems
    seen: dict[str, int] = {}
    for i, phrase in enumerate(phrases):
        line = lines[i] if i < len(lines) else 1
        where = f"phrases.{i}"
        if not isinstance(phrase, str) or not fold(phrase):
            problems.append(Problem(name, line, where, "empty phrase"))
            continue
        key = fold(phrase)
        if key in seen:
            problems.append(Problem(name, line, where,
                                    f"duplicate of phrase {seen[key]} ({phrase!r})"))
            continue
        seen[key] = i
        owner = _owner(catalog, key) if catalog.knows_phrase(phrase) else None
        if owner is not None:
            problems.append(Problem(name, line, where,
                                    f"{phrase!r} is already a phrase of intent {owner!r}"))
    return problems


def _owner(catalog: Catalog, key: str) -> str | None:
    for intent, _lang, phrase in catalog.examples():
        if fold(phrase) == key:
            return intent
    return None


def _phrase_lines(text: str) -> list[int]:
    """The line of each item of ``phrases`` in a file's ``text`` (1 when it cannot say)."""
    node = yaml.compose(text)
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if key.value == "phrases" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []
