"""``paisano chat --jsonl``: the contract other tools rely on, run as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run_chat(lines: list[str], *args: str) -> list[dict[str, object]]:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--jsonl", *args],
        input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120, check=True,
    )
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_one_line_out_per_line_in_with_errors_in_place() -> None:
    lines = [
        json.dumps({"from": "ana", "text": "hola"}),
        "esto no es json",
        json.dumps({"from": "ana"}),
        json.dumps({"from": "beto", "text": "me secuestraron a mi hermano en reynosa"}),
        json.dumps({"from": 7, "text": "what is the app migrante?"}),
    ]
    out = run_chat(lines)
    assert len(out) == 5
    assert out[0]["from"] == "ana" and out[0]["intent"] == "greeting" and out[0]["lang"] == "es"
    assert set(out[0]) == {"from", "replies", "intent", "lang", "handoff", "urgent", "status",
                           "erased"}
    assert "error" in out[1] and "error" in out[2]
    assert out[3]["intent"] == "emergency" and out[3]["handoff"] and out[3]["urgent"]
    assert "911" in out[3]["replies"][0]
    assert out[4]["from"] == 7 and out[4]["lang"] == "en" and out[4]["intent"] == "app_migrante"


def test_state_persists_in_a_database_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'chat.db'}"
    run_chat([json.dumps({"from": "ana", "text": "menu"})], "--db", url)
    out = run_chat([json.dumps({"from": "ana", "text": "3"})], "--db", url)
    assert out[0]["intent"] == "safety_crossing"
    assert not any("borrar mis datos" in r.lower() for r in out[0]["replies"])  # type: ignore[attr-defined]


def test_unknown_text_is_null_intent() -> None:
    line = json.dumps({"from": "x", "text": "quien gano el clasico ayer america o chivas"})
    out = run_chat([line])
    assert out[0]["intent"] is None and not out[0]["handoff"]


def test_bad_bytes_and_deep_nesting_are_bad_lines_and_the_run_goes_on() -> None:
    lines = [b'{"from": "ana", "text": "hola"}', b'{"from": "ana", "text": "caf\xe9"}',
             b"[" * 100_000, b'{"from": "ana", "text": "menu"}']
    proc = subprocess.run([sys.executable, "-m", "bot", "chat", "--jsonl"],
                          input=b"\n".join(lines) + b"\n", capture_output=True, timeout=120,
                          check=True)
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o.get("error") for o in out] == [None, "not UTF-8 text",
                                             "not JSON we can read: nested too deeply", None]
    assert out[0]["intent"] == "greeting" and out[3]["intent"] == "menu"


def test_answers_come_line_by_line_while_input_is_still_open() -> None:
    # A tool may write one line and wait for its answer before writing the next.
    proc = subprocess.Popen([sys.executable, "-m", "bot", "chat", "--jsonl"], text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for text, intent in [("hola", "greeting"), ("menu", "menu"), ("3", "safety_crossing")]:
            proc.stdin.write(json.dumps({"from": "ana", "text": text}) + "\n")
            proc.stdin.flush()
            assert json.loads(proc.stdout.readline())["intent"] == intent
    finally:
        proc.stdin.close()
        proc.wait(60)
        proc.stdout.close()
    assert proc.returncode == 0


def test_status_and_erased_follow_the_conversation() -> None:
    # The contract of issue 10: "status" after each turn, "erased" only on the confirmation.
    lines = [json.dumps({"from": "ana", "text": t}) for t in (
        "hola", "quiero hablar con una persona", "borrar mis datos", "sí", "hola")]
    out = run_chat(lines)
    assert [o["status"] for o in out] == ["bot", "waiting", "waiting", "bot", "bot"]
    assert [o["erased"] for o in out] == [False, False, False, True, False]
