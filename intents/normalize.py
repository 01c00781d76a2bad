"""Text normalization for informal Spanish, English and Haitian Creole chat messages.

``normalize(text)`` turns a raw message into a canonical, space-separated string of tokens:

1. lower case, accents stripped (``á`` -> ``a``, ``ñ`` -> ``n``, ``ò`` -> ``o``);
2. apostrophes dropped inside words (``don't`` -> ``dont``, ``m'ap`` -> ``map``), every other
   punctuation mark, symbol and emoji becomes a space (an emoji-only message gives ``""``);
3. runs of digit groups are joined, so phone numbers written with spaces, dots or dashes
   become one token (``473 359 97 94`` -> ``4733599794``);
4. letters repeated three or more times are collapsed (``holaaaa`` -> ``hola``); when a
   vocabulary is given, the single- and double-letter variants are both tried and the one
   the vocabulary knows wins (``gooood`` -> ``good``, ``nooo`` -> ``no``);
5. common SMS abbreviations are expanded (``xq`` -> ``porque``, ``q`` -> ``que``, ``pa`` ->
   ``para``, ``x fa`` -> ``por favor``, ``pls`` -> ``please``, ``u`` -> ``you`` ...).

The function is pure and deterministic; it never reads files or logs the text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Container, Iterable, Mapping

__all__ = [
    "ABBREVIATIONS",
    "READ_ABBREVIATIONS",
    "PHRASE_ABBREVIATIONS",
    "collapse_repeats",
    "normalize",
    "strip_accents",
    "tokenize",
]

#: Single-token SMS abbreviations and their expansion (keys are already lower case, no accents).
ABBREVIATIONS: Mapping[str, str] = {
    # Spanish
    "xq": "porque",
    "xk": "porque",
    "pq": "porque",
    "pk": "porque",
    "pqe": "porque",
    "porq": "porque",
    "xque": "porque",
    "q": "que",
    "k": "que",
    "ke": "que",
    "qe": "que",
    "tmb": "tambien",
    "tmbn": "tambien",
    "tb": "tambien",
    "tbn": "tambien",
    "pa": "para",
    "xa": "para",
    "porfa": "por favor",
    "porfis": "por favor",
    "porfavor": "por favor",
    "xfa": "por favor",
    "xfavor": "por favor",
    "plis": "por favor",
    "d": "de",
    "ntp": "no te preocupes",
    "x": "por",
    "bn": "bien",
    "msj": "mensaje",
    "msjs": "mensajes",
    "dnd": "donde",
    "cdo": "cuando",
    "qndo": "cuando",
    "xo": "pero",
    "tqm": "te quiero mucho",
    "grax": "gracias",
    "grs": "gracias",
    "grcs": "gracias",
    "salu2": "saludos",
    "a2": "adios",
    "tel": "telefono",
    "cel": "celular",
    "info": "informacion",
    "wsp": "whatsapp",
    "wapp": "whatsapp",
    "wats": "whatsapp",
    "whats": "whatsapp",
    "guasap": "whatsapp",
    "toy": "estoy",
    "tons": "entonces",
    "ps": "pues",
    "pos": "pues",
    # English
    "u": "you",
    "ur": "your",
    "pls": "please",
    "plz": "please",
    "pliz": "please",
    "r": "are",
    "thx": "thanks",
    "thnx": "thanks",
    "thks": "thanks",
    "ty": "thank you",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "msg": "message",
    "idk": "i dont know",
    "b4": "before",
}

#: Abbreviations expanded only in a message read, not in the training lines (issue 11di): "la
#: migra is at my job rn" was left to the privacy notice, "rn" a word of 22 training lines only
#: ("ppl" of 11, "tho" of 3).
#: Expanded in those lines too, it moved the classifier for lines without it (a cash app "stuck
#: on pending" crossed the emergency's bar for long messages, 0.248 -> 0.255). A time word
#: alone is no danger (``bot.danger.time_word_only``).
READ_ABBREVIATIONS: Mapping[str, str] = {
    "rn": "right now",
    "ppl": "people",
    "tho": "though",
}

#: Two-token abbreviations, checked before the single-token ones.
PHRASE_ABBREVIATIONS: Mapping[tuple[str, str], str] = {
    ("x", "fa"): "por favor",
    ("x", "favor"): "por favor",
    ("k", "onda"): "que onda",
    ("q", "onda"): "que onda",
    ("por", "fa"): "por favor",
}

_APOSTROPHES = re.compile(r"(?<=\w)['’`´](?=\w)")
_NON_WORD = re.compile(r"[\W_]+")
_DIGIT_RUN = re.compile(r"\d[\W_]+\d")
_REPEAT3 = re.compile(r"([^\W\d_])\1{2,}")
# Words with more repeated runs than this keep the single-letter variant only (2**k variants).
_MAX_VARIANT_RUNS = 3


def strip_accents(text: str) -> str:
    """Return ``text`` without combining marks (``canción`` -> ``cancion``, ``ñ`` -> ``n``)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[str]:
    """Lower-case, strip accents and punctuation and split ``text`` into word tokens."""
    # Decompose before and after case folding: "𝐀" folds only once decomposed, "İ" folds to
    # "i" plus a combining dot.
    text = strip_accents(strip_accents(text).casefold())
    if "'" in text or not text.isascii():
        text = _APOSTROPHES.sub("", text)
    tokens = _NON_WORD.sub(" ", text).split()
    if _DIGIT_RUN.search(text) is None:
        return tokens
    return _join_digit_runs(tokens)


def _join_digit_runs(tokens: list[str]) -> list[str]:
    """Join consecutive all-digit tokens (phone numbers typed in groups)."""
    out: list[str] = []
    previous_digit = False
    for token in tokens:
        is_digit = token.isdigit()
        if is_digit and previous_digit:
            out[-1] += token
        else:
            out.append(token)
        previous_digit = is_digit
    return out


def collapse_repeats(token: str, vocabulary: Container[str] | None = None) -> str:
    """Collapse letters repeated 3+ times, preferring a variant found in ``vocabulary``."""
    if not _REPEAT3.search(token):
        return token
    single = _REPEAT3.sub(r"\1", token)
    if vocabulary is None or single in vocabulary:
        return single
    runs = list(_REPEAT3.finditer(token))
    if len(runs) > _MAX_VARIANT_RUNS:
        return single
    for widths in itertools.product((1, 2), repeat=len(runs)):
        pieces: list[str] = []
        last = 0
        for run, width in zip(runs, widths, strict=True):
            pieces.append(token[last : run.start()])
            pieces.append(run.group(1) * width)
            last = run.end()
        pieces.append(token[last:])
        candidate = "".join(pieces)
        if candidate in vocabulary:
            return candidate
    return single


def _expand(tokens: list[str]) -> Iterable[str]:
    """Expand SMS abbreviations, two-token ones first."""
    i = 0
    n = len(tokens)
    while i < n:
        if i + 1 < n:
            phrase = PHRASE_ABBREVIATIONS.get((tokens[i], tokens[i + 1]))
            if phrase is not None:
                yield phrase
                i += 2
                continue
        yield ABBREVIATIONS.get(tokens[i], tokens[i])
        i += 1


def normalize(
    text: str,
    vocabulary: Container[str] | None = None,
    *,
    expand_abbreviations: bool = True,
    read: bool = False,
) -> str:
    """Return the canonical form of ``text``: lower case, no accents/punctuation/emoji.
    ``read``: a message read, not a training line (``READ_ABBREVIATIONS`` expanded too)."""
    tokens = tokenize(text)
    # Looked for after tokenizing: "IIÌ" only becomes a run ("iii") once folded.
    if _REPEAT3.search(" ".join(tokens)) is not None:
        tokens = [collapse_repeats(t, vocabulary) for t in tokens]
    if expand_abbreviations:
        tokens = list(_expand(tokens))
    if read:  # a message read, not a training line (``READ_ABBREVIATIONS``)
        tokens = [READ_ABBREVIATIONS.get(t, t) for t in tokens]
    return " ".join(tokens)
