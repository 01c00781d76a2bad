"""Safety trigger phrases: whole-word, typo-tolerant detection inside long messages.

A trigger is a short key phrase (``"me detuvo la migra"``, ``"pollero"``) that forces its
intent whatever the rest of the message is about. Phrases and messages are compared after the
same normalization and spelling repair, token by token, so ``"me detubo la migra"`` matches
``"me detuvo la migra"`` and ``"la migrana"`` never matches ``"migra"``:

* one-word triggers match a token exactly, or by Levenshtein similarity >= 0.83 (one edit in
  six letters) when the trigger has 6+ letters (``"secuestrado"`` ~ ``"secuestrada"``);
* multi-word triggers match a window of ``n - 1 .. n + 1`` consecutive tokens whose text has
  ``fuzz.ratio`` >= 90 with the phrase (a dropped or an extra short word, an ending changed)
  and in which every 4+ letter word of the phrase has a counterpart with Levenshtein
  similarity >= 0.75 (so ``migrante`` never stands for ``migra``).
  Only windows around a token equal to one of the phrase's two longest words are scored (one
  ``process.extractOne`` call per candidate phrase), so a long message stays cheap;
* word-group triggers (``"lo tienen|encerrad* + dinero|rescate|pag*"``) match when a word of
  every ``+`` group is found, in any order, within :data:`GROUP_SPAN` consecutive tokens (or
  the intent's own span, ``spans``). A
  group lists alternatives split by ``|``: a word, a phrase of several words, or a stem
  ending in ``*`` (any token starting with it). They say a situation in general terms (held
  + money asked) where a list of phrases only catches the wordings someone thought of.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

__all__ = ["GROUP_SPAN", "TriggerHit", "TriggerSet", "parse_groups"]

#: A word-group trigger's words must all lie within this many consecutive tokens.
GROUP_SPAN = 10

_WORD_SIMILARITY = 0.83
_WORD_MIN_LENGTH = 6
_PHRASE_RATIO = 90.0
_ANCHOR_MIN_LENGTH = 3
_ANCHORS = 2
_CACHE_SIZE = 65536
_ALIGN_MIN_LENGTH = 4
_ALIGN_SIMILARITY = 0.75
#: Object pronouns: a fuzzy window one word short may not leave one of these out of a phrase
#: (``_drops_a_person``). Not "lo"/"la"/"los"/"las", which are articles too ("me detuvo migra"
#: for "me detuvo la migra").
_PERSON_WORDS = frozenset({"me", "te", "le", "les", "nos", "him", "her", "us", "them", "m", "l"})


@dataclass(frozen=True)
class TriggerHit:
    """One trigger found in a message."""

    intent: str
    phrase: str
    exact: bool


@dataclass(frozen=True)
class _Trigger:
    intent: str
    phrase: str
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class _Groups:
    intent: str
    phrase: str
    #: Per group, its alternatives: each a tuple of tokens; a last token ending in "*" is a stem.
    groups: tuple[tuple[tuple[str, ...], ...], ...]
    #: Per group: a word each alternative cannot match without (its longest whole word), and
    #: the stems of alternatives made of a stem alone (see ``may_match``).
    firsts: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = ()
    #: How many consecutive tokens must hold a word of every group.
    span: int = GROUP_SPAN

    def may_match(self, present: frozenset[str]) -> bool:
        """Cheap test: every group has an alternative whose key word (or stem) is present."""
        return all(
            not words.isdisjoint(present) or (stems and any(t.startswith(stems) for t in present))
            for words, stems in self.firsts
        )


def _firsts(
    groups: tuple[tuple[tuple[str, ...], ...], ...]
) -> tuple[tuple[frozenset[str], tuple[str, ...]], ...]:
    """Per group: each alternative's key word, and the stems of the alternatives that have no
    whole word. The key is the alternative's longest whole word: it must be in the message
    for the alternative to match, and a long word ("fuerza" of "a la fuerza") is rarer than a
    first word such as "a", "no" or "me", so fewer messages need the full check."""
    out = []
    for group in groups:
        words, stems = set(), []
        for alt in group:
            whole = [t for t in alt if not t.endswith("*")]
            if whole:
                words.add(max(whole, key=len))
            else:
                stems.append(alt[0][:-1])
        out.append((frozenset(words), tuple(stems)))
    return tuple(out)


def parse_groups(
    raw: str, normalizer: Callable[[str], str]
) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """The groups of a word-group trigger (``"a|b c + d*"``), each alternative normalized."""
    out = []
    for group in raw.split("+"):
        alternatives = []
        for alt in group.split("|"):
            stem = alt.strip().endswith("*")
            tokens = normalizer(alt.replace("*", " ")).split()
            if tokens:
                alternatives.append((*tokens[:-1], tokens[-1] + "*" if stem else tokens[-1]))
        if alternatives:
            out.append(tuple(alternatives))
    return tuple(out)


def _positions(
    tokens: Sequence[str], where: Mapping[str, list[int]], alternative: tuple[str, ...]
) -> list[int]:
    """Where ``alternative`` starts in ``tokens``; ``where`` maps each token to its positions."""
    *head, last = alternative
    if head:
        starts = where.get(head[0], [])
    elif last.endswith("*"):
        return [p for token, ps in where.items() if token.startswith(last[:-1]) for p in ps]
    else:
        return where.get(last, [])
    n = len(alternative)
    prefix = last[:-1] if last.endswith("*") else None
    found = []
    for start in starts:
        if start + n > len(tokens) or tuple(tokens[start : start + n - 1]) != tuple(head):
            continue
        token = tokens[start + n - 1]
        if token == last or (prefix is not None and token.startswith(prefix)):
            found.append(start)
    return found


def _groups_found(
    tokens: Sequence[str],
    where: Mapping[str, list[int]],
    groups: tuple[tuple[tuple[str, ...], ...], ...],
    span: int = GROUP_SPAN,
) -> bool:
    """Every group has a word within ``span`` consecutive tokens of the others."""
    places = []
    for group in groups:
        # A phrase of several words counts from its first word and from its last.
        found = sorted({q for alt in group for p in _positions(tokens, where, alt)
                        for q in (p, p + len(alt) - 1)})
        if not found:
            return False
        places.append(found)
    # Any window of ``span`` tokens that starts at a found word and holds one of each group.
    return any(
        all(any(start <= p < start + span for p in group) for group in places)
        for start in {p for group in places for p in group}
    )


class TriggerSet:
    """Compiled trigger phrases of several intents."""

    def __init__(
        self,
        triggers: Mapping[str, Iterable[str]],
        normalizer: Callable[[str], str],
        spans: Mapping[str, int] | None = None,
    ) -> None:
        """``spans``: per intent, how many consecutive tokens its word groups may span
        (default :data:`GROUP_SPAN`)."""
        compiled: list[_Trigger] = []
        grouped: list[_Groups] = []
        seen: set[tuple[str, str]] = set()
        for intent in sorted(triggers):
            for raw in triggers[intent]:
                if "+" in raw:
                    groups = parse_groups(raw, normalizer)
                    if len(groups) >= 2:
                        phrase = " + ".join(part.strip() for part in raw.split("+"))
                        grouped.append(_Groups(intent, phrase, groups, _firsts(groups),
                                               (spans or {}).get(intent, GROUP_SPAN)))
                    continue
                phrase = normalizer(raw)
                if not phrase or (intent, phrase) in seen:
                    continue
                seen.add((intent, phrase))
                compiled.append(_Trigger(intent, phrase, tuple(phrase.split())))
        self._triggers = tuple(compiled)
        self._grouped = tuple(grouped)
        # Each group trigger is indexed by the key words of one of its groups without a stem
        # (the one with the fewest): only a message holding one of them checks it further.
        # Triggers whose every group has a stem are checked for every message.
        self._group_index: dict[str, list[int]] = {}
        self._group_always: list[int] = []
        for n, g in enumerate(grouped):
            keyed = [words for words, stems in g.firsts if not stems]
            if not keyed:
                self._group_always.append(n)
                continue
            for word in min(keyed, key=len):
                self._group_index.setdefault(word, []).append(n)
        self._single: dict[str, list[_Trigger]] = {}
        self._by_anchor: dict[str, list[_Trigger]] = {}
        for trig in compiled:
            if len(trig.tokens) == 1:
                self._single.setdefault(trig.tokens[0], []).append(trig)
            else:
                # Anchors: the phrase's two longest words; a fuzzy match must contain one of
                # them as typed (or as repaired), which keeps the windows to score few.
                longest = sorted(set(trig.tokens), key=lambda t: (-len(t), t))[:_ANCHORS]
                for token in longest:
                    if len(token) >= _ANCHOR_MIN_LENGTH:
                        self._by_anchor.setdefault(token, []).append(trig)
        self._fuzzy_single = [w for w in self._single if len(w) >= _WORD_MIN_LENGTH]
        self._close_single = functools.lru_cache(maxsize=_CACHE_SIZE)(self._close_single_uncached)

    def _close_single_uncached(self, token: str) -> tuple[str, ...]:
        """One-word triggers within one edit in six letters of ``token`` (cached per token)."""
        if not self._fuzzy_single:
            return ()
        found = process.extract(
            token,
            self._fuzzy_single,
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=_WORD_SIMILARITY,
            limit=None,
        )
        return tuple(sorted(word for word, _, _ in found))

    @property
    def words(self) -> set[str]:
        """Every token used by a trigger phrase (added to the spelling vocabulary)."""
        words = {t for trig in self._triggers for t in trig.tokens}
        words.update(
            t for g in self._grouped for group in g.groups for alt in group for t in alt
            if not t.endswith("*")
        )
        return words

    def __len__(self) -> int:
        return len(self._triggers) + len(self._grouped)

    def find(self, *token_lists: Sequence[str]) -> list[TriggerHit]:
        """Every trigger present in any of the token lists (e.g. raw and spell-repaired)."""
        hits: dict[tuple[str, str], TriggerHit] = {}

        def add(trig: _Trigger, exact: bool) -> None:
            key = (trig.intent, trig.phrase)
            if key not in hits or (exact and not hits[key].exact):
                hits[key] = TriggerHit(trig.intent, trig.phrase, exact)

        for tokens in token_lists:
            unknown: list[str] = []
            for token in tokens:
                single = self._single.get(token)
                if single is not None:
                    for trig in single:
                        add(trig, True)
                elif len(token) >= _WORD_MIN_LENGTH - 1:
                    unknown.append(token)
            for token in unknown:
                for word in self._close_single(token):
                    for trig in self._single[word]:
                        add(trig, False)
            self._find_phrases(tokens, add)
            self._find_groups(tokens, hits)
        return sorted(hits.values(), key=lambda h: (h.intent, h.phrase))

    def _find_groups(self, tokens: Sequence[str], hits: dict[tuple[str, str], TriggerHit]) -> None:
        present = frozenset(tokens)
        found = set(self._group_always)
        for token in present:
            found.update(self._group_index.get(token, ()))
        if not found:
            return
        where: dict[str, list[int]] = {}
        for pos, token in enumerate(tokens):
            where.setdefault(token, []).append(pos)
        for n in sorted(found):
            g = self._grouped[n]
            if (
                (g.intent, g.phrase) not in hits
                and g.may_match(present)
                and _groups_found(tokens, where, g.groups, g.span)
            ):
                hits[g.intent, g.phrase] = TriggerHit(g.intent, g.phrase, True)

    def _find_phrases(self, tokens: Sequence[str], add: Callable[[_Trigger, bool], None]) -> None:
        candidates: dict[_Trigger, list[int]] = {}
        for pos, token in enumerate(tokens):
            for trig in self._by_anchor.get(token, ()):
                candidates.setdefault(trig, []).append(pos)
        if not candidates:
            return
        padded = f" {' '.join(tokens)} "
        n_tokens = len(tokens)
        for trig, anchors in candidates.items():
            if f" {trig.phrase} " in padded:
                add(trig, True)
                continue
            n = len(trig.tokens)
            windows: dict[str, Sequence[str]] = {}
            for size in range(n - 1 if n >= 3 else n, n + 2):
                for pos in anchors:
                    for start in range(max(0, pos - size + 1), min(pos, n_tokens - size) + 1):
                        window = tokens[start : start + size]
                        windows[" ".join(window)] = window
            scored = process.extract(
                trig.phrase, list(windows), scorer=fuzz.ratio, score_cutoff=_PHRASE_RATIO, limit=3
            )
            if any(_words_align(trig.tokens, windows[text])
                   and not _drops_a_person(trig.tokens, windows[text]) for text, _, _ in scored):
                add(trig, False)


def _drops_a_person(phrase: Sequence[str], window: Sequence[str]) -> bool:
    """A window shorter than the phrase that leaves out the word naming whom it happens to.

    "le van a hacer algo" (they will do something to him) is a threat; "van a hacer algo pal
    dia de muertos" asks about an event (issue 11ai).
    """
    return len(window) < len(phrase) and any(
        word in _PERSON_WORDS and word not in window for word in phrase)


def _words_align(phrase: Sequence[str], window: Sequence[str]) -> bool:
    """Every 4+ letter word of the phrase has a close word in the window (not just a prefix).

    ``fuzz.ratio`` alone accepts "me detuvo la migrante" for "me detuvo la migra".
    """
    return all(
        len(word) < _ALIGN_MIN_LENGTH
        or any(
            Levenshtein.normalized_similarity(word, other, score_cutoff=_ALIGN_SIMILARITY)
            for other in window
        )
        for word in phrase
    )
