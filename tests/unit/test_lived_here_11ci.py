"""Issue 11ci: a place lived in for months or years is no danger, and an erasure relayed for
someone else never erases the writer's data.

"mwen rete nan Leon depi 3 an, m bezwen travay" (I have lived in León for 3 years, I need work)
got the 911 block and an urgent case: "rete ... depi 3 an" read as held
(``bot.danger._LIVED_HERE``; days are not counted: "yo kenbe m nan yon kay depi 3 jou" is
held). "my wife is asking if you can erase her number" was read as asked, "can you erase her
number", and got the contacts; "mi esposa pregunta si pueden borrar su número" asked the writer
to confirm the erasure of their own data. The erasure the whole message reads is kept
(``ConversationEngine._relayed``) and answered as one for someone else.

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.danger import told_not_now
from bot.engine import ConversationEngine


@pytest.mark.parametrize("text", [
    "mwen rete nan Leon depi 3 an, m bezwen travay",
    "nou rete Silao depi 5 an, nou ap chèche travay",
    "m ap viv nan Irapuato depi 2 an e m bezwen travay",
    "vivo en celaya desde hace 2 años y busco trabajo",
    "i've lived in leon 3 years and need a job",
    "we have been living here for two years, we need jobs",
])
def test_a_place_lived_in_is_told_of(text: str) -> None:
    assert told_not_now(fold(text), text)


@pytest.mark.parametrize("text", [
    "yo kenbe m nan yon kay depi 3 jou",
    "m rete nan yon kay depi 2 mwa, yo pa kite m soti",
    "lo tienen encerrado desde hace 2 dias",
    "vivo en leon desde hace 2 años y ahorita unos tipos me quieren subir a una camioneta",
    "i've lived here for 3 years and they won't let me leave the house",
])
def test_held_or_in_danger_is_not(text: str) -> None:
    assert not told_not_now(fold(text), text)


@pytest.mark.parametrize("text", [
    "mwen rete nan Leon depi 3 an, m bezwen travay",
    "nou rete Silao depi 5 an, nou ap chèche travay",
])
def test_work_not_an_emergency(engine: ConversationEngine, text: str) -> None:
    parts = engine.understand(text).parts
    assert "emergency" not in parts and "business_jobs" in parts


@pytest.mark.parametrize("text", [
    "my wife is asking if you can erase her number",
    "mi esposa pregunta si pueden borrar su número",
])
def test_a_relayed_erasure_keeps_the_erasure(engine: ConversationEngine, text: str) -> None:
    assert "delete_data" in engine.understand(text).parts
