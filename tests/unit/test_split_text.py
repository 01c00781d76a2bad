"""split_text: paragraph, then line, then word boundaries, then a hard cut."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.senders import split_text

_words = st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáé¿?!.,", min_size=1, max_size=30)
_separators = st.sampled_from([" ", "  ", "\n", "\n\n", " \n \n ", "\t"])
_texts = st.lists(st.tuples(_words, _separators), max_size=60).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)


def test_short_text_is_one_stripped_part() -> None:
    assert split_text("  Hola, ¿cómo estás?\n", 100) == ["Hola, ¿cómo estás?"]


def test_empty_and_blank_text_give_no_parts() -> None:
    assert split_text("", 10) == []
    assert split_text(" \n\n \t", 10) == []


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="limit"):
        split_text("hola", 0)


def test_paragraphs_are_packed_and_kept_whole() -> None:
    text = "aaaa aaaa\n\nbbbb\n\ncccc cccc cccc"
    assert split_text(text, 16) == ["aaaa aaaa\n\nbbbb", "cccc cccc cccc"]


def test_long_paragraph_splits_on_lines() -> None:
    text = "linea uno\nlinea dos\nlinea tres"
    assert split_text(text, 20) == ["linea uno\nlinea dos", "linea tres"]


def test_long_line_splits_on_words() -> None:
    text = "uno dos tres cuatro cinco"
    assert split_text(text, 10) == ["uno dos", "tres", "cuatro", "cinco"]


def test_word_longer_than_limit_is_cut_hard() -> None:
    assert split_text("abcdefghij xy", 4) == ["abcd", "efgh", "ij", "xy"]


def test_paragraph_after_an_oversized_one_starts_a_new_part() -> None:
    text = "x" * 12 + "\n\nfin"
    assert split_text(text, 5) == ["xxxxx", "xxxxx", "xx", "fin"]


def test_windows_line_endings_count_as_boundaries() -> None:
    assert split_text("uno\r\n\r\ndos", 5) == ["uno", "dos"]


@settings(database=None, max_examples=300)
@given(text=_texts, limit=st.integers(min_value=1, max_value=80))
def test_parts_fit_and_keep_every_character_in_order(text: str, limit: int) -> None:
    parts = split_text(text, limit)
    assert all(0 < len(part) <= limit for part in parts)
    assert all(part == part.strip() for part in parts)
    assert "".join("".join(p.split()) for p in parts) == "".join(text.split())


@settings(database=None, max_examples=300)
@given(text=_texts, limit=st.integers(min_value=1, max_value=80))
def test_words_that_fit_are_never_broken(text: str, limit: int) -> None:
    words_in_parts = [word for part in split_text(text, limit) for word in part.split()]
    fitting = [word for word in text.split() if len(word) <= limit]
    assert all(word in words_in_parts for word in fitting)


@settings(database=None)
@given(text=_texts)
def test_text_within_the_limit_is_returned_as_is(text: str) -> None:
    stripped = text.strip()
    expected = [stripped] if stripped else []
    assert split_text(text, max(len(stripped), 1)) == expected
