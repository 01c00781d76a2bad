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

A message of a few words can also be told by its words' frequencies in each language (a
``word_frequency(word, lang)`` in Zipf, e.g. ``wordfreq.zipf_frequency``, for the languages it
knows), before any n-gram: :meth:`LanguageDetector.word_vote`. "quick question" has the letters
of Spanish ("question" read 0.98 Spanish) but both its words are common English words and rare
Spanish ones: English. Words common in both ("ok", "me", "a", "no") say nothing; one word rare
in all (a Kreyòl "mesi", a typo) or a word the training text of a language without frequencies
uses more ("men", "m" in Kreyòl) and the vote abstains, as it does when two languages each have
a word ("el job").
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
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
# The word vote (LanguageDetector.word_vote): messages of at most this many words; a word is
# common at this Zipf (one in ~300,000 words: "quick" 5.0, "oiga" 3.8, "mesi" 1.9 in Spanish)
# and a language's own when this much more frequent in it than in any other (8 times: "so"
# English 6.5/4.4, "hey" 5.1/4.2; "no" 6.4/7.2 and "ok" 5.1/4.7 in both). With 10 times "hey"
# was in both and "hey hola" (devset4: English) Spanish.
_VOTE_MAX_WORDS = 4
_VOTE_MIN_ZIPF = 3.5
_VOTE_MARGIN = 0.9
# The share of the posterior the voted language takes; the rest is the n-gram posterior.
_VOTE_SHARE = 0.9


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
        word_frequency: Callable[[str, str], float] | None = None,
        frequency_languages: Iterable[str] = (),
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
        self._voting = () if word_frequency is None else tuple(
            lang for lang in frequency_languages if lang in self._words)
        self._word_frequency = word_frequency or _never_seen
        self._token_owner = functools.lru_cache(maxsize=_TOKEN_CACHE)(self._token_owner_uncached)

    @classmethod
    def from_examples(
        cls,
        pairs: Iterable[tuple[str, str]],
        *,
        seed_words: Mapping[str, Iterable[str]] | None = None,
        prior: Mapping[str, float] | None = None,
        word_frequency: Callable[[str, str], float] | None = None,
        frequency_languages: Iterable[str] = (),
    ) -> LanguageDetector:
        """Train on ``(lang, text)`` pairs; ``seed_words`` defaults to :data:`SEED_WORDS`,
        ``prior`` (relative weights per language) to each language's share of the pairs;
        ``word_frequency`` over ``frequency_languages`` turns on :meth:`word_vote`."""
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
        detector = cls(chars, words_m, prior if prior is not None else examples,
                       word_frequency, frequency_languages)
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

    def word_vote(self, text: str) -> str | None:
        """The language of a message of a few words by its words' frequencies: the one
        language that has a word of its own (:meth:`_token_owner`) when every other word is
        common in several ("quick question", "ok so": English; "oye": Spanish). None when
        unsure: a word rare in every language ("ok mesi"), a word likelier in the training text
        of a language the frequencies do not cover ("yo di m"), or words of two ("el job")."""
        return self._vote(_tokens(text))

    def _vote(self, tokens: list[str]) -> str | None:
        if not self._voting or not tokens or len(tokens) > _VOTE_MAX_WORDS:
            return None
        owners = [self._token_owner(token) for token in tokens]
        if "" in owners:
            return None
        voted = {owner for owner in owners if owner != "*"}
        if len(voted) != 1:
            return None
        lang = voted.pop()
        # The frequencies know no Kreyòl: a word the catalog uses more in a language they do
        # not cover ("m", "di", "yo", "men" in Kreyòl) than in the voted one stops the vote.
        chosen = self._words[lang]
        others = [self._words[lg] for lg in self.languages if lg not in self._voting]
        if any(t in other.log_prob and other.score((t,)) > chosen.score((t,))
               for t in tokens for other in others):
            return None
        return lang

    def _token_owner_uncached(self, token: str) -> str:
        """The voting language whose own word ``token`` is, ``"*"`` for a word common in
        several, ``""`` for one common in none."""
        zipf = sorted(((self._word_frequency(token, lang), lang) for lang in self._voting),
                      reverse=True)
        if zipf[0][0] < _VOTE_MIN_ZIPF:
            return ""
        if len(zipf) == 1 or zipf[0][0] - zipf[1][0] >= _VOTE_MARGIN:
            return zipf[0][1]
        return "*"

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
        posterior = {lang: w / total for lang, w in weights.items()}
        voted = self._vote(tokens)
        if voted is None:
            return posterior
        return {lang: (1 - _VOTE_SHARE) * p + (_VOTE_SHARE if lang == voted else 0.0)
                for lang, p in posterior.items()}


def _never_seen(_word: str, _lang: str) -> float:
    return 0.0


def _tokens(text: str) -> list[str]:
    """Normalized alphabetic tokens, abbreviations left as typed."""
    return [t for t in normalize(text, expand_abbreviations=False).split() if not t.isdigit()]
