"""Emergencies (issue 11o) never missed, crossing plans always warned, fewer false urgent cases.

The grammar of danger told, not now, in three languages (``bot.danger``); a weak guess of the
topic classifier needs the alarm model's agreement; a person held after crossing is an
emergency beside a crossing trigger; Kreyol "pran" (take) is not an arrest by itself; a plan
in one clause of another question gets the warning; a writer's file is split by a hash of its
text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from benchmarks.split_writer import in_training, main
from bot.content import fold
from bot.danger import told_not_now
from bot.engine import ConversationEngine

TODAY = dt.date(2026, 12, 6)


@pytest.mark.parametrize("text", [
    # What-ifs: Spanish, English, Kreyol.
    "y si me secuestran en el camino que hago",
    "que pasa si me agarran en la garita con papeles de otro",
    "if my brother crosses and gets caught will they let him out",
    "what happens if immigration takes my dad",
    "si m pedi nan deze a kiyes k ap vin cheche m",
    "kisa k ap pase si migrasyon arete m",
    # Over: found, safe, moved away.
    "ya encontraron a mi primo que estaba perdido, esta bien",
    "nos amenazaron la semana pasada pero ya nos cambiamos y estamos tranquilos",
    "they found him in a hospital in tucson, he s fine",
    # Kreyol "N years ago".
    "2 ane de sa yo te kidnape m nan Tamaulipas",
])
def test_told_not_now_in_three_languages(text: str) -> None:
    assert told_not_now(fold(text), text, TODAY)


@pytest.mark.parametrize("text", [
    # A threat told is danger now, though it says "si".
    "mi novio me pego y dice que si llamo a la policia me deportan",
    "dicen que si no pagamos hoy lo matan",
    "si yo pa peye yo ap touye l",
    # Still lost, still held.
    "todavia no encontramos a mi primo, se perdio en el desierto",
])
def test_a_threat_or_danger_still_going_on_is_not_a_what_if(text: str) -> None:
    assert not told_not_now(fold(text), text, TODAY)


@pytest.mark.parametrize("text", [
    "necesito dinero urgente pa pagar la renta",
    "el padre dijo en la misa que recemos por los desaparecidos",
    "konbyen tan papye imigrasyon an ap pran pou l soti?",
    "Kisa k ap pase si lapolis arete m nan Leon?",
    "if i ever get detained by immigration can i text you guys? whats the number",
    "la semana pasada nos amenazaron pero ya nos cambiamos de casa y estamos tranquilos, me pasa "
    "el numero?",
])
def test_look_alikes_open_no_urgent_case(engine: ConversationEngine, text: str) -> None:
    assert "emergency" not in engine.understand(text).parts


@pytest.mark.parametrize("text", [
    # Held by smugglers, said in a crossing trigger's words.
    "mi prima sigue en la casa de los coyotes en sonoyta, dicen que la cruzan hasta que paguemos "
    "lo de la comida y ya nos cobraron dos veces",
    # The police took papers and ask money; immigration took a brother.
    "lapolis pran papye m yo, yo di fok m peye pou m jwenn yo",
    "imigrasyon pran fre m nan Irapuato maten an",
    # A weak guess of the classifier the alarm model agrees with.
    "perdon no se escribir bien pero me tienen aqui y me piden el numero de mi familia",
])
def test_danger_now_is_an_emergency(engine: ConversationEngine, text: str) -> None:
    assert engine.understand(text).parts[:1] == ("emergency",)


def test_a_plan_beside_a_what_if_keeps_the_crossing_warning(engine: ConversationEngine) -> None:
    """A guard: with the bar beside a crossing trigger at 0.6 (``bot.engine.PRIORITY_RULE``)
    this got the 911 block until "if ... gets caught" was a what-if."""
    text = "if my cousin crosses next month and gets caught, do they deport him right away?"
    parts = engine.understand(text).parts
    assert "safety_crossing" in parts and "emergency" not in parts


def test_the_split_depends_on_the_text_alone(tmp_path: Path) -> None:
    rows = [{"text": f"linea {n}", "lang": "es", "intents": ["emergency"] if n % 2 else []}
            for n in range(200)]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    reversed_source = tmp_path / "reversed.jsonl"
    reversed_source.write_text("".join(json.dumps(r) + "\n" for r in rows[::-1]), "utf-8")
    outs = []
    for name, src in (("a", source), ("b", reversed_source)):
        alarm, dev = tmp_path / f"{name}_alarm.jsonl", tmp_path / f"{name}_dev.jsonl"
        assert main([str(src), str(alarm), str(dev), "--train", "0.7"]) == 0
        read = [json.loads(line) for line in alarm.read_text("utf-8").splitlines()]
        kept = [json.loads(line) for line in dev.read_text("utf-8").splitlines()]
        outs.append(({r["text"] for r in read}, {r["text"] for r in kept}))
        assert all(r["alarm"] == ("emergency" in next(
            x["intents"] for x in rows if x["text"] == r["text"])) for r in read)
        assert set(read[0]) == {"alarm", "lang", "text"}
    assert outs[0] == outs[1]  # the order of the file does not matter
    train, dev_texts = outs[0]
    assert not train & dev_texts and len(train | dev_texts) == 200
    assert 110 <= len(train) <= 170  # about 70 %
    assert all(in_training(t, 0.7) for t in train)


@pytest.mark.parametrize(("text", "topic"), [
    ("ya estoy juntando pa irme pal norte el año que entra, mientras tanto hay algo de jale aqui "
     "en celaya?", "business_jobs"),
    ("mwen vle rive Ozetazini san papye, men jodi a m bezwen yon kote pou m dòmi nan Irapuato",
     "transit"),
])
def test_a_plan_in_one_clause_gets_the_warning_before_the_topic(
    engine: ConversationEngine, text: str, topic: str
) -> None:
    assert engine.understand(text).parts == ("safety_crossing", topic)


def test_two_questions_without_a_plan_get_no_warning(engine: ConversationEngine) -> None:
    parts = engine.understand("me interesa la app migrante, y tambien queria saber de las becas")
    assert "safety_crossing" not in parts.parts
