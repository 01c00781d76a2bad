"""Intent matcher: normalization, spelling repair, safety triggers and a TF-IDF softmax classifier.

Usage::

    m = Matcher.from_examples(pairs, threshold=0.5, triggers=..., priority=("emergency", ...))
    r = m.match("text")    # r.intent (None = out of scope), r.score in [0, 1], r.reason

Pipeline of ``match``:

1. ``normalize`` (lower case, accents, repeated letters, SMS abbreviations, emoji, numbers);
2. spelling repair (:mod:`intents.spelling`): a token unknown to the catalog, and not a
   common word of the language (``real_words=``), becomes the catalog word that sounds the
   same (Spanish sound-alike key) or is nearest by rapidfuzz Levenshtein similarity >= 0.8
   (4+ letters), LRU-cached;
3. safety triggers (``triggers=``, :mod:`intents.triggers`): a key phrase found anywhere in
   the message, also with a typo, forces its intent with score 1.0;
4. classifier: TF-IDF of word 1-2 grams + char_wb 2-5 grams (sublinear tf) and a linear SVM
   (:mod:`intents.linear`, scikit-learn's ``LinearSVC``) whose margins, times a temperature,
   go through a softmax; scored with numpy on precomputed arrays. ``score`` is the winner's
   probability (in a message of 10+ tokens: the highest probability the winner reaches in the
   whole message or in a window of 8 tokens); ``intent`` is None when the score is below
   ``threshold`` or an ``outside`` (out-of-scope) class wins;
5. priority (:class:`PriorityRule`): the first ``priority`` intent (emergency) wins when the
   classifier ranks it 1st or 2nd with enough probability, or finds it in part of a long
   message; triggers and these candidates compete by ``priority`` order.

``analyze(text)`` returns the same match plus every intent the message supports (triggers,
emergency candidates, the whole message, each clause: see :class:`Analysis`), so a caller can
answer an emergency, a safety warning and two questions in one reply.

Measured: ``benchmarks/clinc150.py`` (CLINC150, public), ``benchmarks/answers.py`` (the
helpline's composed answers on the dev, old held-out and blind sets) and
``benchmarks/match.py`` (speed against ``rapidfuzz.process.extractOne``); figures in the
README, "Understanding messages".
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from intents.features import FeatureSpace
from intents.linear import (
    ALARM_EXAMPLE_WEIGHT,
    DEFAULT_C,
    DEFAULT_TEMPERATURE,
    AlarmModel,
    SoftmaxModel,
    softmax,
    train_alarm,
    train_linear,
)
from intents.normalize import normalize, strip_accents, tokenize
from intents.spelling import SpellingRepairer
from intents.triggers import TriggerHit, TriggerSet

__all__ = ["DEFAULT_THRESHOLD", "QUESTION_WORDS", "Analysis", "Clause", "Finding", "Match",
           "Matcher", "PriorityRule"]

#: Words and phrases that open a question in es, en and ht ("¿cómo?", "hay", "se puede",
#: "where", "is there", "eske", "kote", "konbyen"...), lower case without accents, to join with
#: "|" in a regex (no character in them needs escaping). Read where a second question opens
#: inside a clause (here) and whether a thank-you asks something after it
#: (:func:`bot.commands.thanks_only`).
QUESTION_WORDS: tuple[str, ...] = (
    "como", "donde", "adonde", "a donde", "que", "hay", "habra", "cuanto", "cuanta", "cuantos",
    "cuando", "quien", "a quien", "con quien", "cual", "cuales", "se puede", "puede", "pueden",
    "puedo", "podemos", "tienen",
    "where", "how", "what", "whats", "when", "which", "who", "is there", "are there", "can",
    "could", "do you", "does", "any",
    "eske", "kijan", "ki jan", "kouman", "konbyen", "kote", "ki", "kisa", "kiyes", "gen",
)

#: Used when ``from_examples`` gets no ``threshold``; calibrate on a labelled set instead.
DEFAULT_THRESHOLD = 0.4
#: A clause of a multi-part message must reach this probability to count as a second question.
DEFAULT_PART_THRESHOLD = 0.5
_TOP = 5
_CLAUSE_MIN_TOKENS = 3
_LONG_CLAUSE = 6
_REST_MIN_TOKENS = 2
# ... and one of them that speaks for the second topic must be no common word: its idf at least
# this share of the vocabulary's highest (a word of one phrase). On the shipped catalog (highest
# 9.4) "yon" 4.3, "eske" 4.8, "moun" 5.2, "persona" 6.3, "abri" 7.6: "eske gen yon abri pou m
# dòmi" left "eske gen yon m", read 0.93 as "eske gen yon moun" (a person), and the person was
# queued before the shelter answer. On the dev sets 0.48 (4.5) answers one more first part and
# one more set of parts and loses one two-question message (devset4); 0.53 (5.0) lost four.
_REST_MIN_IDF_SHARE = 0.48
_AND = frozenset({"y", "and", "epi", "ak", "e"})
#: ... of which Kreyòl "ak" is also "with" (``_spans``), before whom: "ak yon gid", "ak fanmi m"
#: (not "ede m ak azil etazini", "and asylum in the US").
_WITH = frozenset({"ak"})
_WHOM = frozenset({"yon", "m", "mwen", "li", "l", "yo", "nou", "fanmi", "pitit", "fre", "se",
                   "manman", "papa", "mari", "madanm", "zanmi", "moun", "gid", "timoun"})
# Where a message changes subject: a sentence end, or a connector that opens a new question
# ("y también", "otra pregunta", "also", "epi tou", "ah y", "btw"); applied to lower-case,
# accent-free text.
_CLAUSE_BREAK = re.compile(
    r"[.?!;\n]+|\b(?:y tambien|tambien|ademas|otra pregunta|otra cosa|aparte|"
    r"and also|also|another question|one more thing|plus|epi tou|yon lot kesyon|"
    r"de paso|y otra|and another|ah y|oh and|btw|by the way|de pilon|ah otra|"
    r"another thing|yon lot bagay|epitou|e tou|ak tou)\b"
)

# Where a second question opens inside a clause: a comma or a connector ("y", "and", "epi",
# "pero", "but", "men") right before a word that asks ("¿cómo?", "hay", "where", "is there",
# "eske", "kote"...), in es, en and ht: "no me abre la app, hay algun telefono de soporte",
# "nou bezwen kote pou n dòmi, epitou pitit mwen an gen grip, eske gen doktè". The piece after
# it is read alone at ``ask_part_threshold`` (:meth:`Matcher.analyze`); it never cuts a clause.
# Here also "q" (typed "que", read before ``normalize``) and "ustedes" ("..., ustedes tienen
# abogados?"), which after a thank-you do not ask: "gracias q dios los bendiga", "gracias a
# ustedes".
_ASKS = "|".join((*QUESTION_WORDS, "q", "ustedes"))
_ASK_BREAK = re.compile(
    r"[.?!;\n]+|(?:,|\s(?:y|and|epi|epitou|e|ak|pero|but|men))\s*(?=(?:" + _ASKS + r")\b)")

#: Words that point back at what was said before ("¿ustedes ayudan a esa gente?", "can someone
#: call her", "eske li bon pou sa"): a piece with one asks about the topic before it.
_BACK = frozenset({"eso", "esa", "ese", "esos", "esas", "esto",
                   "that", "it", "this", "those", "them", "her", "him", "sa", "li"})


@dataclass(frozen=True)
class PriorityRule:
    """When the classifier alone (no trigger) may pick a priority intent such as emergency.

    Only the first ``boosted`` intents of ``priority`` get this help (default: the first one,
    the most urgent): the classifier's habit of sending anything about costs or crossing to
    ``safety_crossing`` made the boost a false-positive source there. Triggers are not
    affected: they use the whole ``priority`` order.

    A boosted intent wins, whatever the threshold, when it is among the classifier's first
    ``top_rank`` choices with probability >= ``top``; in a message of ``long_message``+ tokens
    also when it is in the first ``whole_rank`` with probability >= ``whole``, or when it is
    the first choice for some window of ``window`` tokens (step ``stride``) with probability
    >= ``window_p``. Windows are only scored when its whole-message probability is >=
    ``window_gate``. The defaults favour recall: a false emergency costs an agent a look, a
    missed one can cost a life (dev set: 2 false emergencies among 392 other texts).

    The same windows serve a second purpose (``window_confidence``): in a long message the
    classifier's winner keeps its whole-message rank but its score is the highest probability
    it reaches in the whole message or in any window, because a message that also greets,
    thanks and tells a story dilutes the probability of the thing it asks about.
    """

    boosted: int = 1
    top: float = 0.1
    top_rank: int = 2
    long_message: int = 10
    whole: float = 0.25
    whole_rank: int = 3
    window: int = 8
    stride: int = 3
    window_p: float = 0.35
    window_gate: float = 0.03
    window_confidence: bool = True
    #: A window alone ("in part of a long message") is not enough for the boosted intent when
    #: a trigger of another priority intent fired: a crossing plan is told in the same words
    #: ("un señor nos va a llevar la otra semana") that make a window look like an emergency.
    window_over_trigger: bool = False
    #: Whole-message probability the boosted intent needs when a trigger of another priority
    #: intent fired (a crossing plan, "el señor que nos va a llevar ... 3 dias en el monte",
    #: is told in the words of an emergency); 0 keeps the ``top`` / ``whole`` bars.
    top_over_trigger: float = 0.0
    #: The same bar when no trigger fired but the whole message's first choice is another
    #: priority intent (a plan told without a trigger word); 0 keeps the ``top`` bar.
    top_over_plan: float = 0.0
    #: A window alone is not enough for the boosted intent when the whole message's first
    #: choice is another priority intent with at least this probability (a plan told at
    #: length, not danger now); 1.0 turns this off.
    window_over_priority: float = 1.0
    #: When an out-of-scope class is the whole message's first choice, the boosted intent also
    #: wins from rank ``outside_rank`` and probability ``outside_top`` if the matcher's binary
    #: alarm model reads the message at ``outside_alarm`` or more: the out-of-scope class,
    #: trained on many look-alikes, takes the probability of a danger told in everyday words
    #: ("a guy with a gun came to my mom's taco truck"), and two models that read it
    #: differently still agree. 1.0 turns this off.
    outside_alarm: float = 1.0
    outside_rank: int = 3
    outside_top: float = 0.1


@dataclass(frozen=True)
class Match:
    """Result of :meth:`Matcher.match`."""

    #: The chosen intent, None when out of scope (below threshold) or empty.
    intent: str | None
    #: 1.0 for a trigger, else the classifier probability behind the decision; higher = surer.
    score: float
    #: The classifier's top 5 intents with their whole-message probabilities.
    ranking: tuple[tuple[str, float], ...] = ()
    #: The text the classifier saw: normalized and spell-repaired.
    normalized: str = ""
    #: Human readable why, e.g. "trigger 'me detuvo la migra' (emergency)".
    reason: str = ""
    #: The trigger phrase that fired, if any.
    trigger: str | None = None
    #: "trigger", "priority", "classifier" or "none" (rejected / empty).
    source: str = "none"
    #: (typed token, catalog word) pairs changed by the spelling repair.
    repairs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Finding:
    """One intent a message supports, and what in the message supports it."""

    intent: str
    #: 1.0 for a trigger, else the classifier probability (of the whole message or the part).
    score: float
    #: "trigger", "priority", "classifier" (the whole message), "part" (one clause or window)
    #: or "plan" (added by a caller: a risky plan in a clause of its own beside an alarm)
    #: or "rest" (the words the first topic does not explain).
    source: str
    #: The trigger phrase, or the normalized text of the message or clause.
    evidence: str
    #: Which clause (0 = the first) asks it: in a message of several clauses, the clause that
    #: gives it the most probability; else -1 (or, from the rest, 0 / 1: asked first or not).
    clause: int = -1


@dataclass(frozen=True)
class Clause:
    """One clause of a message (see :meth:`Matcher.analyze`): where it is and how it was typed."""

    #: Index of its first token among the message's tokens (``Analysis.mentions`` positions).
    start: int
    #: Its normalized, spell-repaired text.
    text: str
    #: It was typed as a question: it ends with "?" or opens with "¿" (a clause cut again at
    #: "y" / "and" gets the question mark only in its last part).
    asked: bool = False


@dataclass(frozen=True)
class Analysis:
    """Result of :meth:`Matcher.analyze`: the match plus everything else the message supports.

    A caller that answers several things at once (an emergency, a safety warning and up to two
    questions) reads ``findings``; ``match`` is exactly what :meth:`Matcher.match` returns.
    """

    match: Match
    #: Every intent (out-of-scope classes too) with its whole-message probability, best first.
    ranking: tuple[tuple[str, float], ...]
    #: One finding per supported intent, strongest first (triggers, then by score).
    findings: tuple[Finding, ...]
    #: How many clauses the message was split into (1 for a single question).
    clauses: int = 1
    #: For each intent some word of the message speaks for (the intent that word weighs most
    #: for), the position of the first such word: which of two topics was asked first.
    mentions: Mapping[str, int] = dataclasses.field(default_factory=dict)
    #: The clauses of a message of two or more (``clauses``), in order; () for one clause.
    spans: tuple[Clause, ...] = ()
    #: In a message of two or more clauses, every intent's clause of most probability: where
    #: a topic read from the whole message (not a finding) was asked.
    asked_in: Mapping[str, int] = dataclasses.field(default_factory=dict)

    def finding(self, intent: str) -> Finding | None:
        """The finding for ``intent``, if the message supports it."""
        return next((f for f in self.findings if f.intent == intent), None)


@dataclass(frozen=True)
class _Candidate:
    intent: str
    score: float
    source: str
    reason: str
    trigger: str | None = None


class Matcher:
    """Maps a message to one of the catalog's intents, or to None (out of scope)."""

    def __init__(
        self,
        *,
        intents: Sequence[str],
        features: FeatureSpace,
        model: SoftmaxModel,
        repairer: SpellingRepairer | None,
        vocabulary: frozenset[str],
        triggers: TriggerSet | None = None,
        priority: Sequence[str] = (),
        threshold: float = DEFAULT_THRESHOLD,
        priority_rule: PriorityRule | None = None,
        outside: Iterable[str] = (),
        part_threshold: float = DEFAULT_PART_THRESHOLD,
        window_part_threshold: float | None = None,
        rest_part_threshold: float | None = None,
        ask_part_threshold: float | None = None,
        ask_intents: Iterable[str] | None = None,
        alarm: AlarmModel | None = None,
        refusals: Iterable[str] = (),
        outside_share: float | None = None,
        share_exempt: Iterable[str] = (),
        scope: SoftmaxModel | None = None,
    ) -> None:
        self.intents = tuple(intents)
        self.scope_model = scope
        self.refusals = frozenset(refusals)
        self.outside_share = outside_share
        self.share_exempt = frozenset(share_exempt)
        self.alarm_model = alarm
        self.part_threshold = part_threshold
        self.window_part_threshold = window_part_threshold
        self.rest_part_threshold = rest_part_threshold
        self.ask_part_threshold = ask_part_threshold
        self.ask_intents = None if ask_intents is None else frozenset(ask_intents)
        self.outside = frozenset(outside)
        self.features = features
        self.model = model
        self.repairer = repairer
        self.vocabulary = vocabulary
        self.triggers = triggers
        self.priority = tuple(priority)
        self.threshold = threshold
        self.priority_rule = priority_rule or PriorityRule()
        self._index = {name: i for i, name in enumerate(self.intents)}
        self._priority_rank = {name: i for i, name in enumerate(self.priority)}
        self._owners: tuple[SoftmaxModel, npt.NDArray[np.intp]] | None = None
        self._refusing = np.array(
            sorted(self._index[n] for n in self.outside | self.refusals if n in self._index),
            dtype=np.intp,
        )

    @classmethod
    def from_examples(
        cls,
        pairs: Iterable[tuple[str, str]],
        *,
        threshold: float | None = None,
        triggers: Mapping[str, Iterable[str]] | None = None,
        priority: Sequence[str] = (),
        priority_rule: PriorityRule | None = None,
        repair_spelling: bool = True,
        real_words: Iterable[str] = (),
        outside: Iterable[str] = (),
        c: float = DEFAULT_C,
        temperature: float = DEFAULT_TEMPERATURE,
        learner: str = "svm",
        window_part_threshold: float | None = None,
        rest_part_threshold: float | None = None,
        ask_part_threshold: float | None = None,
        ask_intents: Iterable[str] | None = None,
        alarm: str | None = None,
        alarm_examples: Iterable[tuple[str, bool]] = (),
        trigger_spans: Mapping[str, int] | None = None,
        refusals: Iterable[str] = (),
        outside_share: float | None = None,
        share_exempt: Iterable[str] = (),
        outside_weight: float = 1.0,
        example_weights: Sequence[float] | None = None,
        class_balance: float = 0.0,
        char_range: tuple[int, int] = (2, 5),
        min_char_df: int = 1,
    ) -> Matcher:
        """Build a matcher from ``(intent, text)`` training pairs.

        ``real_words`` are words of the messages' languages that spelling repair leaves alone
        (:func:`intents.spelling.common_words`). ``outside`` names labels trained as examples of
        what is out of scope: a message they win is answered with ``intent=None``. ``c`` and
        ``temperature`` are the linear model's regularisation and margin scale, ``learner``
        ("svm", "sgd" or "stacked") which scikit-learn model is trained
        (:func:`intents.linear.train_linear`);
        ``window_part_threshold`` turns on second topics read from windows of a long message and
        ``rest_part_threshold`` on second topics read from the words the first topic does not
        explain, ``ask_part_threshold`` on those asked after a comma or a connector (of
        ``ask_intents`` only, when given) (:meth:`analyze`); ``alarm`` names an intent (the
        emergency) that also gets a binary model of its own, this intent against everything
        else (:meth:`alarm`), trained on ``pairs`` and on ``alarm_examples`` (``(text, is the
        alarm intent)``, which train it alone).
        ``trigger_spans``: per intent, how many tokens its word-group triggers may span
        (:class:`intents.triggers.TriggerSet`). ``refusals`` names intents that answer no
        topic without being out of scope (a request the chat cannot do); ``outside_share``: a
        classifier winner that is not a ``priority`` intent is refused (``intent=None``) when
        the ``outside`` classes and ``refusals`` together hold at least this much of the
        whole message's probability, whatever its own score (see :meth:`refused_share`);
        ``share_exempt`` intents (a greeting, the menu) never are. ``outside_weight`` (not 1)
        trains a second model of the same features, the scope model, whose errors on the
        ``outside`` and ``refusals`` classes' examples weigh that much more: the share is read
        from it (:meth:`scope_probabilities`), everything else from the unweighted model.
        ``example_weights`` (one per pair, default 1) weighs each pair's errors in the topic
        classifier, ``class_balance`` (p > 0) weighs each class's by (mean class size / its
        size) ** p (``learner`` "svm" and "sgd" only); ``char_range`` and ``min_char_df`` shape the
        character n-grams (:meth:`intents.features.FeatureSpace.fit`). Each is a setting
        ``benchmarks/topics_cv.py`` can try (issue 11am); the defaults are the shipped matcher.
        """
        examples = [(intent, text) for intent, text in pairs]
        given = ([1.0] * len(examples) if example_weights is None
                 else [float(w) for w in example_weights])
        outside, refusals = tuple(outside), tuple(refusals)
        trigger_map = {k: tuple(v) for k, v in (triggers or {}).items()}
        # Pass 1: a vocabulary of plain words, used to choose between "good" and "god" when
        # collapsing repeated letters in pass 2.
        plain: set[str] = set()
        for _, text in examples:
            plain.update(t for t in normalize(text).split())
        plain.update(t for phrases in trigger_map.values() for p in phrases for t in tokenize(p))
        docs: list[list[str]] = []
        labels: list[str] = []
        doc_weights: list[float] = []
        for (intent, text), w in zip(examples, given, strict=True):
            tokens = normalize(text, plain).split()
            if tokens:
                docs.append(tokens)
                labels.append(intent)
                doc_weights.append(w)
        intents = sorted(set(labels))
        if len(intents) < 2:
            raise ValueError("a Matcher needs training phrases for at least two intents")
        frequencies: Counter[str] = Counter(t for doc in docs for t in doc)

        def norm(text: str) -> str:
            return normalize(text, plain)

        trigger_set = TriggerSet(trigger_map, norm, trigger_spans) if trigger_map else None
        if trigger_set is not None:
            for word in trigger_set.words:
                frequencies[word] += 1
        vocabulary = frozenset(frequencies)
        repairer = SpellingRepairer(frequencies, keep=real_words) if repair_spelling else None
        features = FeatureSpace.fit(docs, char_range=char_range, min_char_df=min_char_df)
        index = {name: i for i, name in enumerate(intents)}
        y = np.fromiter((index[label] for label in labels), dtype=np.intp, count=len(labels))
        x = features.transform(docs)
        sw = np.array(doc_weights)
        plain_weights = None if np.all(sw == 1.0) else sw
        model = train_linear(
            x, y, len(intents), c=c, temperature=temperature,
            learner=learner, sample_weight=plain_weights,
            class_weight=_balanced(y, len(intents), class_balance) if class_balance else None,
        )
        scope = None
        weighted = {index[n]: outside_weight for n in (*outside, *refusals) if n in index}
        if outside_weight != 1.0 and weighted:
            scope = train_linear(x, y, len(intents), c=c, temperature=temperature,
                                 learner=learner, class_weight=weighted)
        alarm_model = None
        if alarm is not None and alarm in index:
            more = [(normalize(text, plain).split(), flag) for text, flag in alarm_examples]
            more = [(tokens, flag) for tokens, flag in more if tokens]
            ax, ay = x, y == index[alarm]
            weights = np.ones(len(ay))
            if more:
                ax = sparse.vstack([x, features.transform([t for t, _ in more])]).tocsr()
                ay = np.concatenate([ay, np.array([f for _, f in more], dtype=bool)])
                weights = np.concatenate([weights, np.full(len(more), ALARM_EXAMPLE_WEIGHT)])
            alarm_model = train_alarm(ax, ay, alarm, weights=weights)
        return cls(
            intents=intents,
            features=features,
            model=model,
            repairer=repairer,
            vocabulary=vocabulary,
            triggers=trigger_set,
            priority=priority,
            threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
            priority_rule=priority_rule,
            outside=outside,
            window_part_threshold=window_part_threshold,
            rest_part_threshold=rest_part_threshold,
            ask_part_threshold=ask_part_threshold,
            ask_intents=ask_intents,
            alarm=alarm_model,
            refusals=refusals,
            outside_share=outside_share,
            share_exempt=share_exempt,
            scope=scope,
        )

    # -- pieces ---------------------------------------------------------------------------

    def prepare(self, text: str) -> tuple[list[str], list[str]]:
        """Return ``(normalized tokens, spell-repaired tokens)`` of a message."""
        tokens = normalize(text, self.vocabulary, read=True).split()
        if self.repairer is None:
            return tokens, tokens
        return tokens, self.repairer.repair_tokens(tokens)

    def probabilities(self, tokens: Sequence[str]) -> npt.NDArray[np.float64]:
        """Classifier probability of every intent (order of ``self.intents``)."""
        indices, values = self.features.transform_one(tokens)
        scores = values @ self.model.coef[indices] + self.model.intercept
        return softmax(scores)

    def scope_probabilities(self, tokens: Sequence[str]) -> npt.NDArray[np.float64]:
        """The probabilities the out-of-scope share is read from: the scope model's (trained
        with the out-of-scope classes weighted ``outside_weight``), else the classifier's."""
        if self.scope_model is None:
            return self.probabilities(tokens)
        indices, values = self.features.transform_one(tokens)
        return softmax(values @ self.scope_model.coef[indices] + self.scope_model.intercept)

    def refused_share(self, probs: npt.NDArray[np.float64]) -> float:
        """The probability the ``outside`` classes and ``refusals`` hold together.

        A message that uses a topic's words for something else ("a como esta el dolar hoy pa
        mandar las remesas", "se me bloqueo la tarjeta del banco") is often won by the topic,
        but the out-of-scope class keeps a real share of it; a question the topic answers
        leaves that class almost nothing (issue 11w: on three contrast writers, each left out
        of training in turn, the in-scope lines' 98th percentile was 0.02).
        """
        return float(probs[self._refusing].sum()) if len(self._refusing) else 0.0

    def classify(self, text: str) -> tuple[str | None, float]:
        """The topic classifier's first choice for ``text`` and its probability, with no
        trigger, priority rule or threshold (``(None, 0.0)`` for an empty text)."""
        _, tokens = self.prepare(text)
        if not tokens:
            return None, 0.0
        probs = self.probabilities(tokens)
        best = int(np.argmax(probs))
        return self.intents[best], float(probs[best])

    def alarm(self, text: str) -> float:
        """Probability that ``text`` tells of the alarm intent (the emergency), from its own
        binary model (0.0 without one, or for an empty text)."""
        if self.alarm_model is None:
            return 0.0
        _, tokens = self.prepare(text)
        if not tokens:
            return 0.0
        indices, values = self.features.transform_one(tokens)
        return self.alarm_model.probability(indices, values)

    def triggered(self, text: str) -> frozenset[str]:
        """The intents whose safety triggers fire in ``text`` (one clause, say)."""
        raw, tokens = self.prepare(text)
        if self.triggers is None or not tokens:
            return frozenset()
        hits = self.triggers.find(tokens) if raw == tokens else self.triggers.find(raw, tokens)
        return frozenset(hit.intent for hit in hits)

    def _ranking(self, probs: npt.NDArray[np.float64]) -> tuple[tuple[str, float], ...]:
        order = np.argsort(-probs, kind="stable")[:_TOP].tolist()
        values = probs.tolist()
        return tuple((self.intents[i], values[i]) for i in order)

    def _pick_trigger(self, hits: list[TriggerHit], probs: npt.NDArray[np.float64]) -> TriggerHit:
        def key(hit: TriggerHit) -> tuple[int, int, int, float]:
            rank = self._priority_rank.get(hit.intent, len(self.priority))
            i = self._index.get(hit.intent)
            p = float(probs[i]) if i is not None else 0.0
            return (rank, 0 if hit.exact else 1, -len(hit.phrase), -p)

        return min(hits, key=key)

    def _priority_candidates(self, view: _View) -> list[_Candidate]:
        """Priority intents the classifier supports (see :class:`PriorityRule`)."""
        rule = self.priority_rule
        out: list[_Candidate] = []
        probs = view.probs
        long = len(view.tokens) >= rule.long_message
        for name in self.priority[: rule.boosted]:
            i = self._index.get(name)
            if i is None:
                continue
            p = float(probs[i])
            if rule.top_over_trigger and p < rule.top_over_trigger and any(
                hit.intent != name and hit.intent in self._priority_rank
                for hit in self._trigger_hits(view)
            ):
                continue
            if rule.top_over_plan and p < rule.top_over_plan and self._other_priority_leads(
                probs, name, 0.0
            ):
                continue
            rank = int(np.count_nonzero(probs > p)) + 1
            if rank <= rule.top_rank and p >= rule.top:
                reason = f"priority intent '{name}' {p:.2f} (rank {rank})"
                out.append(_Candidate(name, p, "priority", reason))
            elif rank <= rule.outside_rank and p >= rule.outside_top \
                    and self.intents[int(np.argmax(probs))] in self.outside \
                    and view.alarm() >= rule.outside_alarm:
                reason = (f"priority intent '{name}' {p:.2f} (rank {rank}) beside the "
                          f"out-of-scope class, alarm {view.alarm():.2f}")
                out.append(_Candidate(name, p, "priority", reason))
            elif long and rank <= rule.whole_rank and p >= rule.whole:
                reason = f"priority intent '{name}' {p:.2f} (rank {rank}) in a long message"
                out.append(_Candidate(name, p, "priority", reason))
            elif long and p >= rule.window_gate and (
                rule.window_over_trigger or not self._trigger_hits(view)
            ) and not self._other_priority_leads(probs, name, rule.window_over_priority):
                window_probs = view.windows()
                best = window_probs[:, i][window_probs.argmax(axis=1) == i]
                if len(best) and float(best.max()) >= rule.window_p:
                    wp = float(best.max())
                    reason = f"priority intent '{name}' {wp:.2f} in part of a long message"
                    out.append(_Candidate(name, wp, "priority", reason))
        return out

    def _warning_beside_outside(self, probs: npt.NDArray[np.float64]) -> _Candidate | None:
        """A warning (a priority intent the :class:`PriorityRule` does not boost: a crossing
        plan, a fake offer) that the classifier holds at the threshold or more while an
        out-of-scope class wins: the bar any topic needs to be answered is met, and a warning
        given in vain costs less than one missed (issue 11z: "my brother is in a hotel near
        the border waiting for the coyote to call" read 0.48 out of scope, 0.37 crossing,
        once a fourth writer's near misses trained the out-of-scope class)."""
        best: tuple[float, str] | None = None
        for name in self.priority[self.priority_rule.boosted :]:
            i = self._index.get(name)
            if i is not None and float(probs[i]) >= self.threshold and (
                best is None or float(probs[i]) > best[0]
            ):
                best = (float(probs[i]), name)
        if best is None:
            return None
        p, name = best
        return _Candidate(name, p, "classifier", f" ({name} beside the out-of-scope class)")

    def _other_priority_leads(
        self, probs: npt.NDArray[np.float64], name: str, limit: float
    ) -> bool:
        """Whether the whole message's first choice is another priority intent at ``limit``+."""
        best = int(np.argmax(probs))
        other = self.intents[best]
        return other != name and other in self._priority_rank and float(probs[best]) >= limit

    def _window_probabilities(self, tokens: Sequence[str]) -> npt.NDArray[np.float64]:
        """Classifier probabilities of overlapping windows of a long message (one per row)."""
        size, step = self.priority_rule.window, self.priority_rule.stride
        starts = range(0, max(1, len(tokens) - size + step), step)
        windows = [tokens[s : s + size] for s in starts]
        rows, indices, values = self.features.transform_batch(windows)
        contrib = self.model.coef[indices] * values[:, None]
        row_starts = np.flatnonzero(np.diff(rows, prepend=-1))
        scores = np.zeros((len(windows), self.model.coef.shape[1]), dtype=np.float64)
        scores[rows[row_starts]] = np.add.reduceat(contrib, row_starts, axis=0)
        return softmax(scores + self.model.intercept)

    # -- public ---------------------------------------------------------------------------

    def match(self, text: str, *, threshold: float | None = None) -> Match:
        """Classify one message; ``intent`` is None when out of scope."""
        raw, tokens = self.prepare(text)
        if not tokens:
            return _EMPTY
        return self._decide(_View(self, raw, tokens), threshold)

    def analyze(self, text: str, *, threshold: float | None = None) -> Analysis:
        """The match plus every intent the message supports, for answers made of several parts.

        Findings: every safety trigger found (one per intent), the classifier's emergency
        candidates (:class:`PriorityRule`), the whole-message winner when it clears the
        threshold, the winner of each clause (the message split at sentence ends and at
        connectors such as "y también", "otra pregunta", "also") that clears
        ``part_threshold``, and (``window_part_threshold`` set) a topic that wins a window of
        a long message (the :class:`PriorityRule` windows) with that probability,
        (``ask_part_threshold`` set) a topic of ``ask_intents`` asked in a piece that opens
        with a word that asks after a comma or a connector (:data:`_ASK_BREAK`: "no me abre la
        app, hay algun telefono de soporte"), and (``rest_part_threshold`` set) the topic of
        the words the first topic does not explain (source "rest"). Out-of-scope classes never
        make a finding.
        """
        limit = self.threshold if threshold is None else threshold
        raw, tokens = self.prepare(text)
        if not tokens:
            return Analysis(_EMPTY, (), ())
        view = _View(self, raw, tokens)
        match = self._decide(view, limit)
        found: dict[str, Finding] = {}
        first_clause: dict[str, int] = {}
        asked_in: dict[str, int] = {}

        def add(finding: Finding) -> None:
            old = found.get(finding.intent)
            if old is None or (finding.source == "trigger") > (old.source == "trigger") or (
                (finding.source == "trigger") == (old.source == "trigger")
                and finding.score > old.score
            ):
                found[finding.intent] = finding

        for hit in self._trigger_hits(view):
            add(Finding(hit.intent, 1.0, "trigger", hit.phrase))
        for cand in self._priority_candidates(view):
            add(Finding(cand.intent, cand.score, "priority", match.normalized))
        best = int(np.argmax(view.probs))
        if self.intents[best] not in self.outside and float(view.probs[best]) >= limit:
            add(Finding(self.intents[best], float(view.probs[best]), "classifier",
                        match.normalized))
        spans = self._spans(text)
        clauses = [s.tokens for s in spans]
        clause_probs: list[npt.NDArray[np.float64]] = []
        if len(clauses) > 1:
            for n, clause in enumerate(clauses):
                probs = self.probabilities(clause)
                clause_probs.append(probs)
                i = int(np.argmax(probs))
                p = float(probs[i])
                if self.intents[i] not in self.outside and p >= self.part_threshold:
                    add(Finding(self.intents[i], p, "part", " ".join(clause), n))
                    first_clause.setdefault(self.intents[i], n)
        # A second topic asked in one breath ("la app sirve pa mandar dinero con descuento"),
        # read from the windows the priority rule scores anyway in a long message.
        long = len(tokens) >= self.priority_rule.long_message
        if self.window_part_threshold is not None and long:
            for finding in self._window_findings(view, self.window_part_threshold):
                if finding.intent not in found:
                    add(finding)
        if self.ask_part_threshold is not None:
            for finding in self._ask_findings(text, clauses, self.ask_part_threshold):
                if finding.intent not in found:
                    add(finding)
        if self.rest_part_threshold is not None and len(tokens) >= _CLAUSE_MIN_TOKENS:
            rest = self._rest_finding(view, best, self.rest_part_threshold)
            if rest is not None and rest.intent not in found:
                add(rest)
                if not clause_probs:
                    first_clause.setdefault(rest.intent, rest.clause)
                    first_clause.setdefault(self.intents[best], 1 - rest.clause)
        if clause_probs:
            # Each topic is asked in the clause that gives it the most probability, whatever
            # found it (a clause, the whole message, a window, the rest): the first clause it
            # wins may only tell the situation ("a mi me regresaron en octubre") that another
            # asks about. devset5_parts: 179 -> 190 answers with every part in order.
            table = np.array(clause_probs)
            best_clause = np.argmax(table, axis=0).tolist()
            asked_in = {name: best_clause[i] for i, name in enumerate(self.intents)}
            for name in found:
                first_clause[name] = asked_in[name]
        # Whatever finding wins for an intent, it remembers the clause that asks it.
        findings = sorted(
            (dataclasses.replace(f, clause=first_clause.get(f.intent, f.clause))
             for f in found.values()),
            key=lambda f: (f.source != "trigger", -f.score),
        )
        order = np.argsort(-view.probs, kind="stable").tolist()
        values = view.probs.tolist()
        ranking = tuple((self.intents[i], values[i]) for i in order)
        index = self.features.word_index
        owners = self._word_owners()
        mentions: dict[str, int] = {}
        for n, token in enumerate(view.tokens):
            if token in index:
                mentions.setdefault(self.intents[int(owners[index[token]])], n)
        shown = tuple(Clause(s.start, " ".join(s.tokens), s.asked) for s in spans)
        return Analysis(match, ranking, tuple(findings), max(1, len(clauses)), mentions,
                        shown if len(shown) > 1 else (), asked_in)

    def _word_owners(self) -> npt.NDArray[np.intp]:
        """For each word feature, the intent it weighs most for (computed once per model)."""
        if self._owners is None or self._owners[0] is not self.model:
            words = self.model.coef[: self.features.n_word_features]
            self._owners = (self.model, np.argmax(words, axis=1))
        return self._owners[1]

    def _rest_finding(self, view: _View, best: int, limit: float) -> Finding | None:
        """A second topic asked in the same breath ("la app sirve pa mandar dinero?"): the
        message without the words that speak for its first topic (their word weight for it is
        their highest among all intents), classified again. Priority intents never come from
        here (they have their own triggers and rules)."""
        if self.intents[best] in self.priority:
            return None
        index = self.features.word_index
        owners = self._word_owners()
        owner = [int(owners[index[t]]) if t in index else -1 for t in view.tokens]
        kept = [t for t, o in zip(view.tokens, owner, strict=True) if o != best]
        if len(kept) < _REST_MIN_TOKENS or len(kept) == len(view.tokens):
            return None
        probs = self.probabilities(kept)
        i = int(np.argmax(probs))
        name, p = self.intents[i], float(probs[i])
        if i == best or p < limit or name in self.outside or name in self.priority:
            return None
        idf = self.features.idf
        common = _REST_MIN_IDF_SHARE * float(idf.max())
        if not any(o == i and idf[index[t]] >= common
                   for t, o in zip(view.tokens, owner, strict=True)):
            return None  # only common words left ("eske gen yon" of "... abri pou m dòmi")
        # Which was asked first: the first word that speaks for each topic.
        first_rest = next((n for n, o in enumerate(owner) if o == i), len(owner))
        first_best = next((n for n, o in enumerate(owner) if o == best), len(owner))
        return Finding(name, p, "rest", " ".join(kept), 0 if first_rest < first_best else 1)

    def _ask_findings(self, text: str, clauses: Sequence[Sequence[str]], limit: float
                      ) -> list[Finding]:
        """Topics asked in a piece of a clause that opens with a word that asks after a comma
        or a connector (:data:`_ASK_BREAK`), read alone with probability >= ``limit``. Pieces
        that are whole clauses are read already; priority intents never come from here."""
        lowered = strip_accents(text.lower())
        if _ASK_BREAK.search(lowered) is None:
            return []
        whole = {tuple(c) for c in clauses}
        index = self.features.word_index
        owners = self._word_owners()
        idf = self.features.idf
        common = _REST_MIN_IDF_SHARE * float(idf.max())
        out: dict[str, Finding] = {}
        for piece in _ASK_BREAK.split(lowered):
            if not piece or piece.isspace():
                continue
            _, tokens = self.prepare(piece)
            if len(tokens) < _CLAUSE_MIN_TOKENS or tuple(tokens) in whole \
                    or _BACK.intersection(tokens):
                continue
            probs = self.probabilities(tokens)
            i = int(np.argmax(probs))
            name, p = self.intents[i], float(probs[i])
            if p < limit or name in self.outside or name in self.priority or (
                self.ask_intents is not None and name not in self.ask_intents) or (
                name in out and p <= out[name].score
            ):
                continue
            # A piece that only points back ("¿ustedes ayudan con eso?", "q opciones hay",
            # "como le hacemos") asks about the topic before it: it needs a word of its own
            # that speaks for the topic and is no common word (as the rest does).
            if any(t in index and int(owners[index[t]]) == i and idf[index[t]] >= common
                   for t in tokens):
                out[name] = Finding(name, p, "part", " ".join(tokens))
        return list(out.values())

    def _window_findings(self, view: _View, limit: float) -> list[Finding]:
        """Topics that win some window of the message with probability >= ``limit``.

        The windows are the priority rule's (``window`` tokens, step ``stride``), scored at
        most once per message. Priority intents (emergency, safety) never come from a window:
        they have their own triggers and rules, and a window is too little text for an alarm.
        """
        probs = view.windows()
        best = probs.argmax(axis=1)
        size, step = self.priority_rule.window, self.priority_rule.stride
        out: dict[str, Finding] = {}
        for row, i in enumerate(best.tolist()):
            name, p = self.intents[i], float(probs[row, i])
            if p >= limit and name not in self.outside and name not in self.priority and (
                name not in out or p > out[name].score
            ):
                start = row * step
                out[name] = Finding(name, p, "part", " ".join(view.tokens[start : start + size]))
        return list(out.values())

    def _clauses(self, text: str) -> list[list[str]]:
        """Spell-repaired tokens of each clause (see :meth:`_spans`)."""
        return [s.tokens for s in self._spans(text)]

    def _spans(self, text: str) -> list[_Span]:
        """Each clause (see :data:`_CLAUSE_BREAK`): its spell-repaired tokens and where it
        starts among the message's tokens.

        A long clause is cut again at "y" / "and" / "epi"; a clause of fewer than 3 words
        ("¿hay beca?") is joined to the one before it.
        """
        out: list[_Span] = []
        offset = 0
        for piece, mark in _pieces(strip_accents(text.lower())):
            if not piece or piece.isspace():
                continue
            asked = "?" in mark or "\u00bf" in piece
            _, tokens = self.prepare(piece)
            pieces = [tokens]
            if len(tokens) >= _LONG_CLAUSE:
                pieces, current = [], list[str]()
                for i, token in enumerate(tokens):
                    # Kreyòl "ak" is also "with": "m pral pase lòt bò ak yon gid" ends with whom
                    # ("ak yon gid" alone read 0.88 as asking for a person), it asks no more.
                    with_whom = token in _WITH and len(tokens) - i <= _CLAUSE_MIN_TOKENS \
                        and i + 1 < len(tokens) and tokens[i + 1] in _WHOM
                    if token in _AND and len(current) >= _CLAUSE_MIN_TOKENS and not with_whom:
                        pieces.append(current)
                        current = []
                    current.append(token)
                pieces.append(current)
            for n, part in enumerate(pieces):
                last = asked and n == len(pieces) - 1
                if out and len(part) < _CLAUSE_MIN_TOKENS:
                    out[-1] = _Span(out[-1].tokens + part, out[-1].start, out[-1].asked or last)
                elif part:
                    out.append(_Span(part, offset, last))
                offset += len(part)
        return [s for s in out if len(s.tokens) >= _CLAUSE_MIN_TOKENS]

    def _decide(self, view: _View, threshold: float | None) -> Match:
        """The match of a prepared message at ``threshold`` (default: the matcher's)."""
        limit = self.threshold if threshold is None else threshold
        raw, tokens = view.raw, view.tokens
        repairs = tuple((a, b) for a, b in zip(raw, tokens, strict=True) if a != b)
        normalized = " ".join(tokens)
        ranking = self._ranking(view.probs)
        candidate = self._candidate(view)
        if candidate.source == "classifier" and candidate.intent in self.outside:
            reason = f"out-of-scope class {candidate.intent!r} ({candidate.score:.2f})"
            return Match(None, candidate.score, ranking, normalized, reason, None, "none", repairs)
        if candidate.source == "classifier" and candidate.score < limit:
            reason = f"below threshold (classifier {candidate.score:.2f} < {limit:.2f})"
            return Match(None, candidate.score, ranking, normalized, reason, None, "none", repairs)
        if (
            candidate.source == "classifier"
            and self.outside_share is not None
            and candidate.intent not in self.refusals
            and candidate.intent not in self._priority_rank
            and candidate.intent not in self.share_exempt
        ):
            share = self.refused_share(view.scope_probs())
            if share >= self.outside_share:
                reason = (f"out-of-scope share {share:.2f} >= {self.outside_share:.2f} "
                          f"(classifier {candidate.intent!r} {candidate.score:.2f})")
                return Match(None, candidate.score, ranking, normalized, reason, None, "none",
                             repairs)
        reason = candidate.reason
        if candidate.source == "classifier":
            reason = f"classifier {candidate.score:.2f} >= threshold {limit:.2f}{candidate.reason}"
        return Match(
            candidate.intent,
            candidate.score,
            ranking,
            normalized,
            reason,
            candidate.trigger,
            candidate.source,
            repairs,
        )

    def _trigger_hits(self, view: _View) -> list[TriggerHit]:
        """Every trigger in the message (as typed and as spell-repaired), computed once."""
        if view.hits is None:
            view.hits = []
            if self.triggers is not None:
                raw, tokens = view.raw, view.tokens
                view.hits = (
                    self.triggers.find(tokens) if raw == tokens else self.triggers.find(raw, tokens)
                )
        return view.hits

    def _candidate(self, view: _View) -> _Candidate:
        """The winner before the threshold is applied.

        Triggers and priority candidates compete by ``priority`` order (an emergency found by
        the classifier beats a crossing trigger); at equal rank a trigger wins.
        """
        found: list[_Candidate] = []
        tokens, probs = view.tokens, view.probs
        hits = self._trigger_hits(view)
        if hits:
            hit = self._pick_trigger(hits, probs)
            how = hit.intent if hit.exact else f"{hit.intent}, fuzzy"
            reason = f"trigger '{hit.phrase}' ({how})"
            found.append(_Candidate(hit.intent, 1.0, "trigger", reason, hit.phrase))
        found.extend(self._priority_candidates(view))
        if found:
            unranked = len(self.priority)
            return min(
                found,
                key=lambda c: (
                    self._priority_rank.get(c.intent, unranked),
                    c.source != "trigger",
                ),
            )
        best = int(np.argmax(probs))
        if self.intents[best] in self.outside:
            warning = self._warning_beside_outside(probs)
            if warning is not None:
                return warning
        score = float(probs[best])
        note = ""
        rule = self.priority_rule
        if rule.window_confidence and len(tokens) >= rule.long_message:
            part = float(view.windows()[:, best].max())
            if part > score:
                score, note = part, " (best part of a long message)"
        return _Candidate(self.intents[best], score, "classifier", note)


def _balanced(y: npt.NDArray[np.intp], n_classes: int, power: float) -> dict[int, float]:
    """Class weights ``(mean count / class count) ** power``: 1 is scikit-learn's "balanced",
    0 no weighting."""
    counts = np.bincount(y, minlength=n_classes).astype(np.float64)
    return {i: float((counts.mean() / counts[i]) ** power) for i in range(n_classes)}


@dataclass(frozen=True)
class _Span:
    tokens: list[str]
    start: int
    asked: bool = False


def _pieces(lowered: str) -> list[tuple[str, str]]:
    """The pieces of ``lowered`` between clause breaks (:data:`_CLAUSE_BREAK`), each with the
    break that ends it ("" for the last)."""
    out: list[tuple[str, str]] = []
    last = 0
    for found in _CLAUSE_BREAK.finditer(lowered):
        out.append((lowered[last : found.start()], found.group()))
        last = found.end()
    out.append((lowered[last:], ""))
    return out


_EMPTY = Match(None, 0.0, (), "", "empty message", None, "none", ())


class _View:
    """One message as the matcher sees it; window probabilities computed at most once."""

    def __init__(self, matcher: Matcher, raw: list[str], tokens: list[str]) -> None:
        self.matcher = matcher
        self.raw = raw
        self.tokens = tokens
        self.indices, self.values = matcher.features.transform_one(tokens)
        model = matcher.model
        self.probs = softmax(self.values @ model.coef[self.indices] + model.intercept)
        self.hits: list[TriggerHit] | None = None
        self._windows: npt.NDArray[np.float64] | None = None

    def scope_probs(self) -> npt.NDArray[np.float64]:
        """The scope model's probabilities (:meth:`Matcher.scope_probabilities`)."""
        scope = self.matcher.scope_model
        if scope is None:
            return self.probs
        return softmax(self.values @ scope.coef[self.indices] + scope.intercept)

    def alarm(self) -> float:
        """The alarm model's probability for the message (0.0 without one)."""
        model = self.matcher.alarm_model
        return 0.0 if model is None else model.probability(self.indices, self.values)

    def windows(self) -> npt.NDArray[np.float64]:
        """Probabilities of the message's overlapping windows (one row per window)."""
        if self._windows is None:
            self._windows = self.matcher._window_probabilities(self.tokens)
        return self._windows
