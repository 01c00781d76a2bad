"""Language detection from the catalog's own phrases: char n-gram + word naive Bayes.

``LanguageDetector.from_examples(pairs)`` takes ``(lang, text)`` pairs (whatever labels are
given; the app passes es/en/ht and fr, which it answers in ht) and learns, per language,

* character 1-3 grams inside space-padded words (spelling habits: ``ñ``-less ``ny``, ``kw``,
  ``th``, ``ou``, final ``-cion``), and
* whole words, topped up with a small built-in seed of very common function words per known
  language (:data:`SEED_WORDS`) so two-word messages ("mwen bezwen", "my dad") are covered
  even when the catalog never used that word.

Both are multinomial naive Bayes with add-one smoothing. The two log-likelihoods are added and
turned into a posterior with a temperature (naive Bayes counts every overlapping n-gram as
independent evidence and would be wildly over-confident otherwise) and multiplied by a prior:
by default each language's share of the training phrases, i.e. of who writes. Without it a
one-word Spanish message whose letters look English ("texto") was called English (0.61).
``detect`` returns the best language and that posterior: short or mixed messages ("ok",
"hola", "no") get a low confidence and the app keeps the previous language. Abbreviations
are not expanded here (``pa`` is Creole "not" as much as Spanish "para").
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import chain

from intents.normalize import normalize

__all__ = ["SEED_WORDS", "LanguageDetector"]

#: Very common words per language, added to the word model with weight ``_SEED_WEIGHT``.
SEED_WORDS: Mapping[str, tuple[str, ...]] = {
    "es": tuple(
        "que de el la los las por para mi mis como con una uno es esta estoy yo tengo quiero "
        "donde cuando pero hola gracias buenas dias tardes noches se me te le lo del al su "
        "muy bien porque tambien ayuda necesito hijo hija esposo mama papa usted ustedes "
        "puedo saber hay eso esto aqui ahi ya si q pa xq adios chao".split()
    ),
    "en": tuple(
        "the my is how what i you to and of in it can do need with where are this have "
        "please thanks thank hello hi im dont want know help me mom dad your get is there "
        "who why when will would should about from for on at be was yes bye".split()
    ),
    "ht": tuple(
        "mwen ou li nou yo pa gen kijan ki nan pou m se ak sa yon bezwen kote eske konbyen "
        "bonjou bonswa mesi tanpri kounye a ede w l n y ap te pral kapab vle konnen tout "
        "fe ale vini isit la moun lajan pitit manman papa mari madanm kay travay wi non".split()
    ),
    # None of the words the other languages share with French ("la", "de", "ou", "mon").
    "fr": tuple(
        "je jai suis est et les des une du pour avec dans pas ne vous nous il elle ils ma mes "
        "votre qui quoi comment bonjour merci svp plait aide besoin cest etes avez peux veux "
        "sont faire tres".split()
    ),
}

_SEED_WEIGHT = 5
_CHAR_N = (1, 2, 3)
_WORD_WEIGHT = 1.0
# Posterior temperature: each letter takes part in ~3 n-grams, words add their own evidence.
_TEMPERATURE = 0.15
_TOKEN_CACHE = 8192  # tokens whose character n-gram log-probabilities are kept


def _token_grams(token: str) -> list[str]:
    padded = f" {token} "
    return [padded[i : i + n] for n in _CHAR_N for i in range(len(padded) - n + 1)]


def _char_grams(tokens: list[str]) -> list[str]:
    return [gram for token in tokens for gram in _token_grams(token)]


class _Model:
    """Add-one smoothed multinomial over one kind of feature."""

    def __init__(self, counts: Counter[str], vocabulary_size: int) -> None:
        total = sum(counts.values())
        denominator = total + vocabulary_size
        self.log_unknown = math.log(1.0 / denominator)
        self.log_prob = {g: math.log((c + 1.0) / denominator) for g, c in counts.items()}

    def score(self, grams: Iterable[str]) -> float:
        get = self.log_prob.get
        unknown = self.log_unknown
        return sum(get(g, unknown) for g in grams)


class LanguageDetector:
    """Guess the language of a short chat message among the trained labels."""

    def __init__(
        self,
        chars: Mapping[str, _Model],
        words: Mapping[str, _Model],
        prior: Mapping[str, float] | None = None,
    ) -> None:
        self.languages = tuple(sorted(chars))
        total = sum((prior or {}).get(lang, 0.0) for lang in self.languages)
        self.prior = {
            lang: (prior or {}).get(lang, 0.0) / total if total else 1.0 / len(self.languages)
            for lang in self.languages
        }
        self._chars = dict(chars)
        self._words = dict(words)
        self.default = self.languages[0]
        # A word's n-grams score the same in every message: look them up once per word.
        self._token_logs = functools.lru_cache(maxsize=_TOKEN_CACHE)(self._token_logs_uncached)

    @classmethod
    def from_examples(
        cls,
        pairs: Iterable[tuple[str, str]],
        *,
        seed_words: Mapping[str, Iterable[str]] | None = None,
        prior: Mapping[str, float] | None = None,
    ) -> LanguageDetector:
        """Train on ``(lang, text)`` pairs; ``seed_words`` defaults to :data:`SEED_WORDS`,
        ``prior`` (relative weights per language) to each language's share of the pairs."""
        seeds = SEED_WORDS if seed_words is None else seed_words
        char_counts: dict[str, Counter[str]] = {}
        word_counts: dict[str, Counter[str]] = {}
        examples: Counter[str] = Counter()
        for lang, text in pairs:
            examples[lang] += 1
            tokens = _tokens(text)
            char_counts.setdefault(lang, Counter()).update(_char_grams(tokens))
            word_counts.setdefault(lang, Counter()).update(tokens)
        if len(char_counts) < 1:
            raise ValueError("a LanguageDetector needs at least one (lang, text) example")
        for lang, words in seeds.items():
            if lang in word_counts:
                for word in words:
                    word_counts[lang][word] += _SEED_WEIGHT
                char_counts[lang].update(_char_grams(list(words)))
        char_vocab = len(set().union(*char_counts.values()))
        word_vocab = len(set().union(*word_counts.values()))
        chars = {lang: _Model(c, char_vocab) for lang, c in char_counts.items()}
        words_m = {lang: _Model(c, word_vocab) for lang, c in word_counts.items()}
        detector = cls(chars, words_m, prior if prior is not None else examples)
        sizes = Counter({lang: sum(c.values()) for lang, c in word_counts.items()})
        detector.default = sizes.most_common(1)[0][0]
        return detector

    def scores(self, text: str) -> dict[str, float]:
        """Posterior probability of each language for ``text`` (uniform when empty)."""
        return self._posterior(_tokens(text))

    def knows_a_word(self, lang: str, text: str) -> bool:
        """True when a word of ``text`` was seen in ``lang``'s training text (gibberish such as
        "asdf qwer zxcv" has none, whatever its letters resemble)."""
        return any(token in self._words[lang].log_prob for token in _tokens(text))

    def detect(self, text: str) -> tuple[str, float]:
        """Return ``(language, confidence)``; confidence is 0.0 for text with no letters."""
        tokens = _tokens(text)
        if not tokens:
            return self.default, 0.0
        scores = self._posterior(tokens)
        lang = max(self.languages, key=lambda lg: (scores[lg], lg == self.default))
        return lang, scores[lang]

    def _token_logs_uncached(self, token: str) -> tuple[tuple[float, ...], ...]:
        """Per language, the log-probability of each character n-gram of ``token``."""
        grams = _token_grams(token)
        return tuple(
            tuple(self._chars[lang].log_prob.get(g, self._chars[lang].log_unknown) for g in grams)
            for lang in self.languages
        )

    def _posterior(self, tokens: list[str]) -> dict[str, float]:
        if not tokens:
            return {lang: 1.0 / len(self.languages) for lang in self.languages}
        per_token = [self._token_logs(token) for token in tokens]
        # The same additions in the same order as _Model.score over _char_grams(tokens).
        raw = {
            lang: sum(chain.from_iterable(logs[k] for logs in per_token))
            + _WORD_WEIGHT * self._words[lang].score(tokens)
            for k, lang in enumerate(self.languages)
        }
        top = max(raw.values())
        weights = {
            lang: self.prior[lang] * math.exp(_TEMPERATURE * (s - top)) for lang, s in raw.items()
        }
        total = sum(weights.values())
        return {lang: w / total for lang, w in weights.items()}


def _tokens(text: str) -> list[str]:
    """Normalized alphabetic tokens, abbreviations left as typed."""
    return [t for t in normalize(text, expand_abbreviations=False).split() if not t.isdigit()]
