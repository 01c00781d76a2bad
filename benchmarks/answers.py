"""Figures of the composed first answer (what the engine would send) on every labelled set.

Run from the project root::

    .venv/bin/python benchmarks/answers.py [--no-blind]

For the dev set (``tests/data/devset.jsonl`` and the two-question dev set
``tests/data/devset_parts.jsonl``: tuned on), the old held-out set
(``tests/data/heldout.jsonl``), the second dev set (``tests/data/devset2.jsonl``: written
before the catalog was tuned for it, then tuned on), the later dev sets, the retired blind
sets 1-3 (``tests/data/devset_r*.jsonl``: blind until 2026-12-06, tuned on since), devset4
(``tests/data/devset4*.jsonl``, issue 11k), devset5 contrast
(``tests/data/devset5_contrast.jsonl``, issue 11n: 30 % of a writer's 520 near misses out of
scope, requests the helpline cannot do and in-scope lines in the same words; the other 70 %
train), devset5 parts (``tests/data/devset5_parts.jsonl``: the 260 two-topic lines of a new
writer's 560, issue 11m; not training examples), the danger dev set 4
(``tests/data/devset_danger4.jsonl``, issue 11o: 30 % of a new writer's emergencies and
look-alikes, split from the alarm model's training lines by ``benchmarks/split_writer.py``)
devset5 (``tests/data/devset5.jsonl``, issue 11p: 30% of one-topic
paraphrases that avoid the topic's key word), devset6 contrast
(``tests/data/devset6_contrast.jsonl``, issue 11r: 30% of a new writer's 640 near misses,
can't-do requests and in-scope lines in the same words; the other 70% train,
``content/examples/contrast2.jsonl`` and ``<lang>.jsonl``), devset6
(``tests/data/devset6.jsonl``, issue 11s: 30% of a new writer's one-topic paraphrases and
two-topic messages), the danger dev set 5
(``tests/data/devset_danger5.jsonl``, issue 11q: 30 % of a new writer's emergencies, crossing
plans, offers and look-alikes; the other 70 % train the alarm model), devset7 contrast
(``tests/data/devset7_contrast.jsonl``, issue 11w: 30% of a new writer's 420 near misses,
can't-do requests and in-scope lines in the same words; the other 70% train,
``content/examples/contrast3.jsonl``), the crossing dev set (``tests/data/devset_cross.jsonl``,
issue 11y: 30% of a new writer's crossing plans told without the obvious words, fake offers and
look-alikes), devset8 contrast (``tests/data/devset8_contrast.jsonl``, issue 11z: the same as
devset7 contrast from a fourth writer; ``content/examples/contrast4.jsonl`` trains), devset9
contrast (``tests/data/devset9_contrast.jsonl``, issue 11ae: the same from a fifth writer;
``content/examples/contrast5.jsonl`` trains), devset9 (``tests/data/devset9.jsonl``, issue 11ad:
a new writer's topics asked without their key words and two questions in one message), the danger
dev set 10 (``tests/data/devset_danger10.jsonl``, issue 11at: 30 % of 260 lines written on
2026-12-07 by a new writer who read only the brief, the seed and the label page: emergencies
hidden in chatter or told indirectly, look-alikes and chatty lines in es, en and ht; the other
70 % train the alarm model, ``content/alarm/danger11_train.jsonl``), the French
dev set (``tests/data/devset_fr.jsonl``, issue 11af: French answered in Kreyòl), the crossing dev
set 4 (``tests/data/devset_cross4.jsonl``, issue 11ar: 30% of 260 lines written 2026-12-07 by a
writer who read only the brief, the seed and the label page: crossing plans told in the regional
words without the obvious ones, look-alikes, fake offers and emergencies during a crossing; the
other 70% train the alarm model, ``content/alarm/cross5_train.jsonl``) and the blind
sets (``tests/data/blind/first_messages_*.jsonl``: never tuned on; ``--no-blind`` leaves them
out while tuning), prints in-scope top-1, every part right, out-of-scope rejected, emergencies
with an urgent case, crossing plans with "¡Piénsalo bien!", fake offers with the fraud
warning, two-question messages with both topics answered, reply language right and urgent
cases opened without an emergency. Aggregate counts only: no message text is printed.
Messages that are also training phrases are left out (they would flatter the matcher).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.content import load_catalog  # noqa: E402
from bot.engine import ConversationEngine  # noqa: E402
from bot.evaluation import first_answers, ratio  # noqa: E402

SETS = (
    ("dev set (tuned on)", ("devset.jsonl", "devset_parts.jsonl")),
    ("old held-out set", ("heldout.jsonl",)),
    ("devset2 (written before tuning, then tuned on)", ("devset2.jsonl",)),
    ("devset3 (written blind, then tuned on)", ("devset3.jsonl",)),
    ("danger dev set (written blind: 200 emergencies, 160 look-alikes; then tuned on)",
     ("devset_danger.jsonl",)),
    ("near-miss dev set (written for issue 11e: 45 look-alikes out of scope, 22 true "
     "crossings, emergencies and offers; tuned on)", ("devset_nearmiss.jsonl",)),
    ("danger dev set 2 (written blind, then tuned on)", ("devset_danger2.jsonl",)),
    ("danger dev set 3 (issue 11j: the kept 40 % of a new writer's 650 lines, never trained on)",
     ("devset_danger3.jsonl",)),
    ("danger dev set 4 (issue 11o: the kept 30 % of a new writer's 560 lines, measured first on "
     "main at 01b3f29, then tuned on; the other 70 % train only the alarm model)",
     ("devset_danger4.jsonl",)),
    ("retired blind set 1 (blind until 2026-12-06, then tuned on)", ("devset_r1.jsonl",)),
    ("retired blind set 2 (blind until 2026-12-06, then tuned on)", ("devset_r2.jsonl",)),
    ("retired blind set 3 (blind until 2026-12-06, then tuned on)", ("devset_r3.jsonl",)),
    ("devset4 (issue 11k: 30% of two new writers' 1,250 lines, measured first on main at "
     "e584cb8, then tuned on)", ("devset4.jsonl",)),
    ("devset4 parts (issue 11k: the two-question lines of the other 70%, not training "
     "examples; tuned on)", ("devset4_parts.jsonl",)),
    ("devset5 contrast (issue 11n: 30% of a writer's 520 near-miss, can't-do and in-scope "
     "contrast lines, measured first on main at 3bc1520, never trained on)",
     ("devset5_contrast.jsonl",)),
    ("devset5 parts (issue 11m: the two-topic lines of a new writer's 560, measured first on "
     "main at 3bc1520; not training examples)", ("devset5_parts.jsonl",)),
    ("devset5 (issue 11p: 30% of a new writer's 300 one-topic paraphrases that avoid the "
     "topic's key word, split by a hash of the text; measured first on main at 3bc1520)",
     ("devset5.jsonl",)),
    ("devset6 contrast (issue 11r: 30% of a new writer's 640 near-miss, can't-do and in-scope "
     "contrast lines, measured first on main at 43849c2; the other 70% train)",
     ("devset6_contrast.jsonl",)),
    ("devset6 (issue 11s: 30% of a new writer's 580 lines, one-topic paraphrases and two-topic "
     "messages, measured first on main at 43849c2: in scope 153/168, two topics 32/48; then "
     "tuned on; the other 70% train: content/examples/topics6.jsonl)", ("devset6.jsonl",)),
    ("devset7 contrast (issue 11w: 30% of a new writer's 420 near-miss, can't-do and in-scope "
     "contrast lines, measured first on main at 217758d; the other 70% train: "
     "content/examples/contrast3.jsonl)", ("devset7_contrast.jsonl",)),
    ("danger dev set 5 (issue 11q: the kept 30 % of a new writer's 560 lines, measured first on "
     "main at 43849c2, then tuned on; the other 70 % train only the alarm model)",
     ("devset_danger5.jsonl",)),
    ("danger dev set 6 (issue 11t: the kept 30% of four new writers' 1,180 lines, measured first "
     "on main at 217758d, then tuned on; the other 70% train the alarm model)",
     ("devset_danger6.jsonl",)),
    ("danger dev set 7 (issue 11x: the kept 30% of a new writer's oblique emergencies and "
     "look-alikes, measured first on main at df9638e: emergencies 71/73, 5 of 40 others urgent; "
     "the other 70% train the alarm model: content/alarm/danger7_train.jsonl)",
     ("devset_danger7.jsonl",)),
    ("devset7 (issue 11v: 30% of a new writer's 380 one- and two-topic lines, measured first on "
     "main at 217758d, then tuned on; 70% of its one-topic lines train: "
     "content/examples/topics7.jsonl)", ("devset7.jsonl",)),
    ("devset7 parts (issue 11v: the two-topic lines of that writer's other 70%, not training "
     "examples; tuned on)", ("devset7_parts.jsonl",)),
    ("devset8 (issue 11aa: 30% of a new writer's 420 one-topic paraphrases without the key "
     "word, two-topic messages and conversation lines, measured first on main at df9638e: in "
     "scope 102/117, two topics 25/34; then tuned on; the one-topic lines of the other 70% that "
     "the catalog did not answer surely train: content/examples/topics8.jsonl)",
     ("devset8.jsonl",)),
    ("crossing dev set (issue 11y: 30% of a new writer's 420 crossing plans without the obvious "
     "words, fake offers and look-alikes, measured first on main at df9638e: in scope 101/126, "
     "crossing 48/65; the other 70% trains the alarm model)", ("devset_cross.jsonl",)),
    ("crossing dev set 2 (issue 11ab: 30% of a new writer's 420 crossing plans told in other "
     "words, fake offers and look-alikes, measured first on main at 1b5aa45: in scope 74/106, "
     "crossing 35/52, fake offers 15/16, 5 of 112 urgent without an emergency; the other 70% "
     "trains)", ("devset_cross2.jsonl",)),
    ("devset8 contrast (issue 11z: 30% of a new writer's 440 near-miss, can't-do and in-scope "
     "contrast lines, measured first on main at df9638e: out of scope 66/77, in scope 50/54; the "
     "other 70% train: content/examples/contrast4.jsonl)", ("devset8_contrast.jsonl",)),
    ("danger dev set 8 (issue 11ac: the kept 30% of a new writer's emergencies in any words "
     "(held for money, a threat with a deadline, a crisis told calmly or buried in a question) "
     "and look-alikes, measured first on main at 1b5aa45: emergencies 66/73, 5 of 60 others "
     "urgent, in scope 105/120, out of scope 9/13; the other 70% train the alarm model: "
     "content/alarm/danger8_train.jsonl)", ("devset_danger8.jsonl",)),
    ("devset9 contrast (issue 11ae: 30% of a fifth writer's 380 out-of-scope lines and in-scope "
     "lines in the same words, split by a hash of the text, measured first on main at 1b5aa45: "
     "out of scope 48/51, in scope 37/40 every part, reply language 90/91, 88 of 90 others not "
     "urgent; the other 70% train: content/examples/contrast5.jsonl)",
     ("devset9_contrast.jsonl",)),
    ("devset9 (issue 11ad: 30% of a new writer's 440 lines, the helpline's topics asked without "
     "their key words and two questions in one message, split by a hash of the text; measured "
     "first on main at 1b5aa45: in scope 113/127, two topics 36/41, language 125/127, urgent "
     "without an emergency 124/127; the other 70% informed the rules, not the classifier)",
     ("devset9.jsonl",)),
    ("French dev set (issue 11af: 82 first messages in French as Haitians in transit write it, "
     "answered in Kreyòl; measured first on main at 1b5aa45: in scope 49/72, emergencies 14/20, "
     "language 20/82; then tuned on)", ("devset_fr.jsonl",)),
    ("danger dev set 9 (issue 11ag: 30% of a new writer's 440 oblique emergencies and look-alikes "
     "in es, en and ht, split by a hash of the text, measured first on main at 57b73ac: "
     "emergencies 56/61, 7 of 51 others urgent, in scope 82/105; the other 70% train)",
     ("devset_danger9.jsonl",)),
    ("danger dev set 10 (issue 11at: 30% of a new writer's 260 lines written 2026-12-07 from the "
     "brief, the seed and the label page alone: emergencies hidden in chatter or told "
     "indirectly, look-alikes and chatty lines in es, en and ht, split by a hash of the text; "
     "measured first on main at eec1b48: emergencies 43/45, 1 of 38 others urgent, in scope "
     "71/78; the other 70% train the alarm model: "
     "content/alarm/danger11_train.jsonl)", ("devset_danger10.jsonl",)),
    ("crossing dev set 3 (issue 11ah: 30% of a new writer's 420 crossing plans told by how they "
     "are arranged, offers and look-alikes, measured first on main at 57b73ac: crossing 38/53, "
     "fake offers 18/19, in scope 102/131, 10 of 123 urgent without an emergency; the other 70% "
     "train)", ("devset_cross3.jsonl",)),
    ("devset10 (issue 11ai: 30% of a new writer's 440 topics asked without their key words and "
     "two questions, measured first on main at 57b73ac: in scope 106/111, two topics 36/42; the "
     "other 70% train)", ("devset10.jsonl",)),
    ("devset10 contrast (issue 11aj: 30% of a sixth writer's 380 out-of-scope near misses and "
     "in-scope lines in the same words, measured first on main at 57b73ac: out of scope 66/70, "
     "in scope 38/40; of the other 70%, the lines main missed train: "
     "content/examples/contrast6.jsonl)", ("devset10_contrast.jsonl",)),
    ("devset11 (2026-12-06 22:40: 30% of a new writer's 450 Spanish lines in new voices, "
     "Central Americans, Venezuelans and Cubans in transit among them; measured first on main at "
     "22c710a: in scope 79/84, crossing 10/11, fake offers 3/4; the other 70% train)",
     ("devset11.jsonl",)),
    ("devset12 (2026-12-06 22:40: 30% of a new writer's 450 English and Kreyol lines in new "
     "voices; measured first on main at 22c710a: in scope 105/117, out of scope 22/26, "
     "emergencies 25/27, crossing 8/10, 6 urgent without an emergency; the other 70% train)",
     ("devset12.jsonl",)),
    ("crossing dev set 4 (issue 11ar, written 2026-12-07 by a writer who read only the brief, the "
     "seed and the label page: 30% of 260 crossing plans told without the obvious words, in the "
     "regional words, look-alikes, fake offers and emergencies during a crossing; measured first "
     "on main at eec1b48; the other 70% train the alarm model: content/alarm/cross5_train.jsonl)",
     ("devset_cross4.jsonl",)),
    ("medical dev set (issue 11be, written 2026-12-07 before any tuning: 148 lines in es, en "
     "and ht, medical emergencies of a relative now (stroke, heart attack, a fall and cannot get "
     "up, not breathing, unconscious, seizures, bleeding, poisoning) and look-alikes: health "
     "programme questions, past illnesses, exaggerations, appointments, a death already "
     "happened; tuned on)", ("devset_medical.jsonl",)),
    ("BLIND held-out set 4 (written 2026-12-05 evening by two writers, never tuned on)",
     ("blind/first_messages_4.jsonl",)),
    ("BLIND held-out set 5 (written 2026-12-05 night by two writers, never tuned on)",
     ("blind/first_messages_5.jsonl",)),
    ("BLIND held-out set 6 (written 2026-12-06 by two writers, never tuned on)",
     ("blind/first_messages_6.jsonl",)),
    ("BLIND held-out set 7 (written 2026-12-06 morning by two writers, never tuned on)",
     ("blind/first_messages_7.jsonl",)),
    ("BLIND held-out set 8 (written 2026-12-06 from 06:20 by two writers, never tuned on)",
     ("blind/first_messages_8.jsonl",)),
    ("BLIND held-out set 9 (written 2026-12-06 from 09:35 by two writers, never tuned on)",
     ("blind/first_messages_9.jsonl",)),
    ("BLIND held-out set 10 (written 2026-12-06 from 12:40 by two writers, never tuned on)",
     ("blind/first_messages_10.jsonl",)),
    ("BLIND held-out set 11 (written 2026-12-06 from 15:45 by two writers, never tuned on)",
     ("blind/first_messages_11.jsonl",)),
    ("BLIND held-out set 12 (written 2026-12-06 from 18:58 by two writers, never tuned on)",
     ("blind/first_messages_12.jsonl",)),
    ("BLIND held-out set 13 (written 2026-12-06 from 22:15 by two writers, never tuned on)",
     ("blind/first_messages_13.jsonl",)),
    ("BLIND held-out set 14 (written 2026-12-07 from 01:10 by two writers, never tuned on)",
     ("blind/first_messages_14.jsonl",)),
    ("BLIND held-out set 15 (written 2026-12-07 from 04:20 by two writers, never tuned on)",
     ("blind/first_messages_15.jsonl",)),
    ("BLIND held-out set 16 (written 2026-12-07 from 07:50 by two writers, never tuned on)",
     ("blind/first_messages_16.jsonl",)),
    ("BLIND held-out set 17 (written 2026-12-07 from 10:50 by two writers, never tuned on)",
     ("blind/first_messages_17.jsonl",)),
    ("BLIND held-out set 18 (written 2026-12-07 from 14:30 by two writers, never tuned on)",
     ("blind/first_messages_18.jsonl",)),
    ("BLIND held-out set 19 (written 2026-12-07 from 18:20 by one writer, never tuned on)",
     ("blind/first_messages_19.jsonl",)),
    ("BLIND held-out set 20 (written 2026-12-07 from 21:45 by one writer, never tuned on)",
     ("blind/first_messages_20.jsonl",)),
    ("BLIND held-out set 21 (written 2026-12-08 from 01:10 by one writer, never tuned on)",
     ("blind/first_messages_21.jsonl",)),
)


def main(argv: list[str] | None = None) -> int:
    """Print the figures of every set (``--no-blind``: leave the blind set out while tuning)."""
    args = sys.argv[1:] if argv is None else argv
    sets = [s for s in SETS if "--no-blind" not in args or not s[0].startswith("BLIND")]
    catalog = load_catalog()
    start = time.perf_counter()
    engine = ConversationEngine(catalog, Settings.from_env({}))
    print(f"# engine built in {time.perf_counter() - start:.1f} s")
    for label, names in sets:
        rows = []
        for name in names:
            path = ROOT / "tests" / "data" / name
            if path.exists():
                rows += [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
        total = len(rows)
        rows = [r for r in rows if not catalog.knows_phrase(str(r["text"]))]
        if not rows:
            continue
        figures = first_answers(engine, rows)
        print(f"\n## {label}: {len(rows)} messages ({', '.join(names)}; "
              f"{total - len(rows)} of {total} left out: also training phrases)")
        for name, pair in figures.rows():
            if pair[1]:
                print(f"  {name:46} {ratio(pair):.3f}  ({pair[0]}/{pair[1]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
