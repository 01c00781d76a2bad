"""The content loader: the shipped catalog is valid, broken files are reported precisely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content import HT_TOPICS, LANGS, ContentError, default_content_dir, load_catalog

CASES = Path(__file__).parent.parent / "data" / "content"


def catalog_with(case: str, tmp_path: Path) -> Path:
    """A copy of the shipped content with one broken topic file added."""
    root = tmp_path / "content"
    shutil.copytree(default_content_dir(), root)
    shutil.copy(CASES / f"{case}.yaml", root / "topics" / f"z_{case}.yaml")
    return root


def problem_for(case: str, tmp_path: Path) -> str:
    with pytest.raises(ContentError) as info:
        load_catalog(catalog_with(case, tmp_path))
    assert len(info.value.problems) == 1, info.value.problems
    return str(info.value.problems[0])


def test_shipped_catalog_covers_every_topic_in_every_required_language() -> None:
    catalog = load_catalog()
    topics = {i.topic for i in catalog.intents.values()}
    assert topics - {"R"} == set("ABCDEFGHIJKLMNOPQS") | {"R2", "R3", "R4"}
    for intent in catalog.intents.values():
        if intent.topic == "R":  # examples of what is out of scope: no answer
            assert not intent.answer and intent.id not in catalog.menu
            continue
        assert {"es", "en"} <= set(intent.answer), intent.id
        assert len(intent.phrases["es"]) >= 25 and len(intent.phrases["en"]) >= 10
        if intent.topic in HT_TOPICS:
            assert set(intent.answer) == set(LANGS), intent.id
            assert len(intent.phrases["ht"]) >= 8, intent.id
    assert catalog.intents["emergency"].urgent and catalog.intents["emergency"].handoff
    assert catalog.intents["human"].handoff and catalog.intents["death_accident"].handoff


def test_facts_of_the_brief_are_in_the_answers() -> None:
    catalog = load_catalog()
    contacts = catalog.intents["contacts"].text("es")
    for fact in ("+52 473 359 9794", "011 52 473 359 9794", "https://wa.me/524733599794",
                 "+52 473 735 0150", "@MigranteGto"):
        assert fact in contacts
    assert "911" in catalog.intents["emergency"].text("ht")
    assert "Piénsalo bien" in catalog.intents["safety_crossing"].text("es")
    transit = catalog.intents["transit"].text("es")
    for fact in ("Casa Galilea", "Trigo y Miel", "COMAR", "ACNUR"):
        assert fact in transit


def test_missing_english_answer_names_file_line_and_field(tmp_path: Path) -> None:
    message = problem_for("missing-english-answer", tmp_path)
    assert message.startswith("content/topics/z_missing-english-answer.yaml:")
    assert "intents.0.answer" in message and "missing language 'en'" in message


def test_duplicate_phrase_across_intents_is_reported(tmp_path: Path) -> None:
    message = problem_for("duplicate-phrase", tmp_path)
    assert "zz_case.phrases.es" in message and "also belongs to intent" in message


def test_bad_date_is_reported(tmp_path: Path) -> None:
    message = problem_for("bad-reviewed-date", tmp_path)
    assert "intents.0.reviewed" in message and "YYYY-MM-DD" in message


def test_too_few_phrases_is_reported(tmp_path: Path) -> None:
    message = problem_for("too-few-spanish-phrases", tmp_path)
    assert "intents.0.phrases.es" in message and "at least 25" in message


def test_stale_review_is_listed(tmp_path: Path) -> None:
    catalog = load_catalog(catalog_with("stale-review", tmp_path))
    assert [i.id for i in catalog.stale()] == ["zz_case"]


def test_unknown_followup_is_reported_with_its_line(tmp_path: Path) -> None:
    message = problem_for("unknown-followup", tmp_path)
    assert message.startswith("content/topics/z_unknown-followup.yaml:13:")
    assert "intents.0.followups.price" in message and "unknown follow-up 'price'" in message


def test_followup_missing_a_language_of_the_answer_is_reported(tmp_path: Path) -> None:
    message = problem_for("followup-missing-english", tmp_path)
    assert "intents.0.followups.cost" in message and "missing language 'en'" in message


def test_shipped_followups_are_loaded() -> None:
    transit = load_catalog().intents["transit"]
    assert "Casa Galilea" in (transit.followup("where", "ht") or "")
    assert transit.followup("cost", "es") is None  # no fact in the sources: the engine says so


def test_every_number_can_be_dialled_from_the_usa_and_mexico() -> None:
    # Issue 10: "+52 473 359 9794" / "011 52 473 359 9794" / wa.me, never "(52) 473 ..." or a
    # bare "473 735 01 50" that cannot be dialled from the USA.
    import re

    catalog = load_catalog()
    texts = [t for i in catalog.intents.values() for t in i.answer.values()]
    texts += [t for i in catalog.intents.values() for f in i.followups.values()
              for t in f.values()]
    texts += [t for m in catalog.messages.values() for t in m.values()]
    allowed = re.compile(r"(\+52|011 52) 473 (359 9794|735 0150)")
    for text in texts:
        for found in re.finditer(r"[\d()+ ]*473[\d ]*", text.replace("wa.me/524733599794", "")):
            chunk = found.group().strip()
            assert allowed.search(chunk), chunk
        if "359" in text:
            assert "wa.me/524733599794" in text or "011 52 473 359 9794" in text, text[:80]


def with_examples(tmp_path: Path, lines: list[str]) -> Path:
    """A copy of the shipped content with one more examples file."""
    root = tmp_path / "content"
    shutil.copytree(default_content_dir(), root)
    (root / "examples").mkdir(exist_ok=True)
    (root / "examples" / "zz_test.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return root


def test_examples_train_the_matcher_beside_the_phrases(tmp_path: Path) -> None:
    from bot.engine import build_matcher

    text = "zorblat fenwick trabble"  # no phrase is near it
    before = build_matcher(load_catalog(with_examples(tmp_path / "a", [])))
    assert before.match(text).intent is None
    catalog = load_catalog(with_examples(tmp_path / "b", [
        f'{{"intent": "remittances", "lang": "es", "text": "{text}"}}']))
    assert ("remittances", "es", text) in set(catalog.examples())
    assert catalog.knows_phrase(text.upper())
    assert build_matcher(catalog).match(text).intent == "remittances"


GOOD_LINE = {
    "examples": '{"intent": "thanks", "lang": "es", "text": "mil gracias compa de verdad"}',
    "alarm": '{"alarm": false, "lang": "es", "text": "como descargo la app"}',
}


@pytest.mark.parametrize(("folder", "line", "field", "message"), [
    ("examples", '{"intent": "nope", "lang": "es", "text": "hola"}', "intent",
     "unknown intent 'nope'"),
    ("examples", '{"intent": "greeting", "lang": "de", "text": "hallo"}', "lang",
     "unknown language"),
    ("examples", '{"intent": "greeting", "text": "hola"}', "(line)", "must be"),
    ("examples", "not json", "(line)", "must be"),
    ("examples", '{"intent": "greeting", "lang": "es", "text": "  ¡! "}', "text", "non-empty"),
    ("alarm", '{"alarm": "yes", "lang": "es", "text": "piden rescate"}', "alarm",
     "true or false"),
    ("alarm", '{"alarm": true, "lang": "de", "text": "hilfe"}', "lang", "unknown language"),
    ("alarm", '{"alarm": true, "text": "piden rescate"}', "(line)", 'must be {"alarm": ...'),
    ("alarm", "[1, 2]", "(line)", "must be"),
])
def test_a_bad_line_of_examples_or_alarm_is_reported_with_file_and_line(
    tmp_path: Path, folder: str, line: str, field: str, message: str
) -> None:
    root = with_examples(tmp_path, [])
    (root / folder / "zz_test.jsonl").write_text(f"{GOOD_LINE[folder]}\n{line}\n", "utf-8")
    with pytest.raises(ContentError) as info:
        load_catalog(root)
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.field) == (f"content/{folder}/zz_test.jsonl", 2,
                                                         field)
    assert message in problem.message


def test_an_example_cannot_teach_a_second_answer_for_a_phrase(tmp_path: Path) -> None:
    catalog = load_catalog()
    phrase = catalog.intents["emergency"].phrases["es"][0]
    with pytest.raises(ContentError) as info:
        load_catalog(with_examples(tmp_path, [
            f'{{"intent": "greeting", "lang": "es", "text": "{phrase}"}}']))
    assert "also an example of 'emergency'" in str(info.value)


def test_alternatives_outside_a_word_group_are_reported(tmp_path: Path) -> None:
    """"a|b" without a "+" would be read as one phrase and never fire."""
    root = tmp_path / "content"
    shutil.copytree(default_content_dir(), root)
    topic = root / "topics" / "p_emergency.yaml"
    text = topic.read_text("utf-8")
    topic.write_text(text.replace('        - "suicidarme"\n',
                                  '        - "suicidarme"\n        - "lo tienen|la tienen"\n', 1),
                     "utf-8")
    with pytest.raises(ContentError) as info:
        load_catalog(root)
    [problem] = info.value.problems
    assert problem.file == "content/topics/p_emergency.yaml"
    assert "only work in a word-group trigger" in problem.message
