"""Issue 11bd: right after the fraud warning, the fraud's own words are no danger: money given
("mi hijo ya les depositó"), more asked in a what-if ("y si me piden más después?") and the one
paid not answering or blocking the writer ("ya les pagué y ya no me contestan", "they stopped
answering", "li pa reponn mwen ankò"). A relative not answering is a person missing, and harm,
a threat or someone held told beside it stays an emergency (``danger.without_payee_silence``,
``crossing.after_fraud_warning``)."""

from __future__ import annotations

import pytest

from bot import crossing, danger
from bot.content import fold


@pytest.mark.parametrize(("text", "want"), [
    ("ya les pagué y ya no me contestan", "paid"),
    ("ya les pague y ya no me contestan, que hago?", "paid"),
    ("mi hijo ya les depositó", "paid"),
    ("i already sent 500 and they stopped answering", "paid"),
    ("i paid them and he blocked me", "paid"),
    ("manman m te deja peye yo mwatye", "paid"),
    ("m te deja peye yo, li pa reponn mwen ankò", "paid"),
    ("y si me piden más después?", "real_if"),
    ("what if they ask for more money later?", "real_if"),
    ("e si yo mande m plis lajan apre?", "real_if"),
])
@pytest.mark.parametrize("emergency", [False, True])
def test_the_fraud_s_own_words_are_no_danger(text: str, want: str, emergency: bool) -> None:
    assert crossing.after_fraud_warning(fold(text), emergency=emergency) == want


@pytest.mark.parametrize("text", [
    # A relative not answering: a person missing.
    "mi hijo no contesta desde ayer",
    "ya pagué y mi hermano no contesta",
    "mi hermano ya les pagó y no contesta",
    "i paid them and now my son is not answering",
    "m te peye yo e pitit mwen pa reponn",
    # Harm, a threat, someone held or not let go.
    "ya pagué y ahora me amenazan",
    "ya les pagué y no lo sueltan",
    "piden más dinero o lo matan",
    "tienen a mi hermano y piden 5 mil",
    "they have my son and want more money",
    "yo kenbe frè m, yo mande lajan",
    # More asked now, not in a what-if: the danger module's reading stays.
    "ya les pagué y ahora me piden más",
    # A word of danger now before the what-if is not taken out with it.
    "y si ahorita me piden mas",
])
@pytest.mark.parametrize("emergency", [False, True])
def test_danger_told_stays(text: str, emergency: bool) -> None:
    assert crossing.after_fraud_warning(fold(text), emergency=emergency) is None


@pytest.mark.parametrize(("text", "want"), [
    # Read as an emergency, money given with more than the fraud beside it stays one.
    ("ya pagué y mi hijo sigue alla", None),
    ("ya les pague y se fueron con el", None),
    ("ya pagué", "paid"),
])
def test_read_as_an_emergency_only_the_fraud_beside_money_given(text: str, want: str | None
                                                               ) -> None:
    assert crossing.after_fraud_warning(fold(text), emergency=True) == want


@pytest.mark.parametrize(("text", "rest"), [
    ("ya no me contestan", ""),
    ("they stopped answering", "they"),
    ("he blocked me", "he"),
    ("li pa reponn mwen anko", "li"),
    ("me bloqueo", ""),
    # A relative named: the one not answering may be the relative, nothing taken out.
    ("mi hijo ya no me contesta", "mi hijo ya no me contesta"),
    ("my son stopped answering", "my son stopped answering"),
    ("pitit mwen pa reponn", "pitit mwen pa reponn"),
])
def test_without_payee_silence(text: str, rest: str) -> None:
    assert danger.without_payee_silence(fold(text)).split() == rest.split()
