"""Normalization of informal chat text (intents.normalize)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from intents.normalize import collapse_repeats, normalize, strip_accents, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¿Dónde está la Secretaría?", "donde esta la secretaria"),
        ("AÑO Niño", "ano nino"),
        ("mwen pa konprann, m'ap chèche travay", "mwen para konprann map cheche travay"),
        ("HOLAAAA!!! buenos díaaas", "hola buenos dias"),
        ("xq no me contestan??", "porque no me contestan"),
        ("pq, xk y porq", "porque porque y porque"),
        ("q onda, k tal", "que onda que tal"),
        ("tmb quiero info d la app", "tambien quiero informacion de la app"),
        ("pa mi ama", "para mi ama"),
        ("porfa ayuda x fa", "por favor ayuda por favor"),
        ("x favor xfa", "por favor por favor"),
        ("ntp, todo bn", "no te preocupes todo bien"),
        ("mandame un msj x whats", "mandame un mensaje por whatsapp"),
        ("pls help u r great", "please help you are great"),
        ("I don't know", "i dont know"),
    ],
)
def test_normalize_cases(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_phone_numbers_typed_in_groups_are_joined() -> None:
    assert normalize("llamen al (52) 473 359 97 94") == "llamen al 524733599794"
    assert normalize("473-359-97-94") == "4733599794"
    assert normalize("tengo 2 hijos") == "tengo 2 hijos"


@pytest.mark.parametrize("text", ["😂😂😂", "🙏", "...", "?!", "   ", ""])
def test_emoji_and_punctuation_only_give_empty(text: str) -> None:
    assert normalize(text) == ""


def test_emoji_inside_text_is_dropped() -> None:
    assert normalize("gracias 🙏🙏 muy amable😊") == "gracias muy amable"


def test_repeats_prefer_the_vocabulary_variant() -> None:
    assert normalize("gooood morning") == "god morning"
    assert normalize("gooood morning", {"good", "morning"}) == "good morning"
    assert normalize("leeeer", {"leer"}) == "leer"
    assert collapse_repeats("nooooo", {"no"}) == "no"


def test_legit_double_letters_are_kept() -> None:
    assert normalize("llamar a la carretera, need help") == "llamar a la carretera need help"
    assert collapse_repeats("accion") == "accion"


def test_abbreviations_only_expand_whole_tokens() -> None:
    # "q" inside a word or "pa" inside "papa" must not change.
    assert normalize("papa quiere paquete") == "papa quiere paquete"
    assert normalize("pa", expand_abbreviations=False) == "pa"


def test_strip_accents_and_tokenize() -> None:
    assert strip_accents("canción ñandú") == "cancion nandu"
    assert tokenize("¡Hola, Mundo!") == ["hola", "mundo"]


@given(st.text(max_size=200))
@example("IIÌ")  # a run of repeated letters that appears only once accents are folded
def test_normalize_is_idempotent_and_clean(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert once == once.lower() or not once.isascii()
