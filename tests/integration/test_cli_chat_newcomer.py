"""``paisano chat`` as a newcomer first meets it: the README's first example, piped or typed."""

from __future__ import annotations

import json
import subprocess
import sys

from bot.cli import wrap_reply


def chat(stdin: str, *args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "bot", "chat", *args], input=stdin,
                          capture_output=True, text=True, timeout=120, check=True)
    return proc.stdout


def test_piped_input_reads_as_a_transcript_with_the_menu_on_its_own_lines() -> None:
    out = chat("menu\n4\n")
    lines = out.splitlines()
    # What was read follows the prompt; the answer starts on the next line.
    assert "tú> menu" in lines and "tú> 4" in lines
    assert lines[lines.index("tú> menu") + 1].startswith("Estos son los temas")
    assert "1. Emergencias y peligro" in lines
    assert "2. Hablar con una persona" in lines
    assert "17. Leyes migratorias de EE. UU." in lines
    # The contacts keep one line each.
    assert any(line.startswith("• Oficina: +52 473 735 0150") for line in lines)
    assert not any(line.startswith("tú> ") and line not in ("tú> menu", "tú> 4")
                   for line in lines)


def test_wrapping_keeps_line_breaks_and_indents_list_items() -> None:
    text = ("Hola\n\n1. Uno\n2. Dos\n• " + "palabra " * 12 + "\nfin")
    assert wrap_reply(text).splitlines() == [
        "Hola", "", "1. Uno", "2. Dos",
        "• palabra palabra palabra palabra palabra palabra palabra palabra palabra",
        "  palabra palabra palabra", "fin"]


def test_jsonl_answers_a_blank_line_with_an_error_line() -> None:
    hello = json.dumps({"from": "ana", "text": "hola"})
    out = [json.loads(line) for line in chat(f"{hello}\n\n   \n{hello}\n", "--jsonl")
           .splitlines()]
    expected = 'empty line: expected {"from": ID, "text": TEXT}'
    assert [o.get("error") for o in out] == [None, expected, expected, None]
    assert out[3]["intent"] == "greeting"
