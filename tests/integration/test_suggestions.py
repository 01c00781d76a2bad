"""Suggested training phrases: "Sin respuesta" lists only real misses, an admin turns a group
into a suggestion file under content/suggestions, and ``paisano content check`` validates it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from sqlalchemy import select

from bot import suggestions
from bot.cli import main
from bot.content import Catalog
from bot.messages import Inbound
from bot.models import Conversation, Message
from tests.integration.test_console_support import Console, post

DATA = Path(__file__).resolve().parents[1] / "data" / "suggestions"
MISS = "zorglub pantufla quimera"  # nothing the catalog knows


def _say(c: Console, sender: str, text: str) -> None:
    """A person writes on the web chat."""
    with c.h.sessions() as s:
        c.h.helpline.pipeline.receive(s, Inbound("webchat", sender, text), inline=True)


def missed_flags(c: Console, texts: list[str]) -> dict[str, bool | None]:
    with c.h.sessions() as s:
        rows = s.execute(select(Message.text, Message.missed).where(
            Message.direction == "in", Message.text.in_(texts))).all()
    return {text: missed for text, missed in rows}


def test_only_real_misses_are_listed(ana: Console, catalog: Catalog) -> None:
    # A miss, then a menu choice and a command: only the miss was not understood.
    _say(ana, "unanswered-1-5550101", f"{MISS} 7731")
    _say(ana, "unanswered-1-5550101", "1")
    # Someone waiting for a person writes something the bot would not understand.
    conv_id = ana.waiting(sender="unanswered-2-5550102")
    ana.person_says(conv_id, "ñandú esperando texto único 4412")
    # ... an agent takes it, closes it, and the person rates "5".
    post(ana.client, f"/console/c/{conv_id}/claim")
    post(ana.client, f"/console/c/{conv_id}/close")
    ana.person_says(conv_id, "5")
    with ana.h.sessions() as s:
        assert s.get(Conversation, conv_id).rating == 5  # type: ignore[union-attr]

    flags = missed_flags(ana, [f"{MISS} 7731", "ñandú esperando texto único 4412"])
    assert flags == {f"{MISS} 7731": True, "ñandú esperando texto único 4412": False}
    html = ana.client.get("/console/unanswered").get_data(as_text=True)
    assert f"{MISS} 7731" in html
    assert "ñandú esperando" not in html
    cells = html.split('id="unanswered"')[1]
    assert '<td data-label="Texto">1\n' not in cells and '<td data-label="Texto">5\n' not in cells


def test_similar_misses_are_grouped_with_counts_and_languages(ana: Console) -> None:
    _say(ana, "unanswered-3-5550103", f"{MISS} 8842")
    _say(ana, "unanswered-4-5550104", f"{MISS.upper()} 8842!")
    html = ana.client.get("/console/unanswered").get_data(as_text=True)
    row = html[html.index(f"{MISS.upper()} 8842!"):]
    row = row[:row.index("</tr>")]
    assert '<td data-label="Veces" class="count-cell">2</td>' in row
    assert "Español" in row


@pytest.fixture
def jefa(c: Console, tmp_path: Path) -> Console:
    """An admin logged in; suggestion files go to a temporary folder."""
    c.add_agent("jefa", role="admin")
    assert c.login(c.client, "jefa").status_code == 303
    c.h.app.config["SUGGESTIONS_DIR"] = str(tmp_path / "suggestions")
    return c


def test_admin_turns_a_group_into_a_suggestion_file(jefa: Console, tmp_path: Path,
                                                    catalog: Catalog) -> None:
    known = catalog.intents["health"].phrases["es"][0]
    res = post(jefa.client, "/console/unanswered/suggest", intent="health", lang="es",
               phrase=["me duele la muela y no tengo seguro", known])  # type: ignore[arg-type]
    assert res.status_code == 303
    [path] = (tmp_path / "suggestions").glob("*.yaml")
    assert path.name == f"{dt.date.today().isoformat()}-health-es.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["intent"] == "health" and data["lang"] == "es" and data["by"] == "jefa"
    assert data["phrases"] == ["me duele la muela y no tengo seguro"]  # the known one dropped
    assert suggestions.check(tmp_path / "suggestions", catalog) == []
    page = jefa.client.get(res.headers["Location"]).get_data(as_text=True)
    assert "1 frase propuesta" in page
    assert ("jefa", "suggestion", None) in jefa.audit()
    # The catalog the bot answers from is untouched.
    assert "me duele la muela y no tengo seguro" not in catalog.intents["health"].phrases["es"]


def test_suggestion_refused_for_unknown_intent_or_nothing_new(jefa: Console,
                                                              tmp_path: Path) -> None:
    post(jefa.client, "/console/unanswered/suggest", intent="no_such_intent", lang="es",
         phrase="hola que tal")
    res = post(jefa.client, "/console/unanswered/suggest", intent="health", lang="es",
               phrase="   ")
    page = jefa.client.get(res.headers["Location"]).get_data(as_text=True)
    assert "No queda ninguna frase nueva" in page
    assert not (tmp_path / "suggestions").exists()
    assert all(action != "suggestion" for _a, action, _c in jefa.audit())


def test_agents_cannot_suggest(ana: Console, tmp_path: Path) -> None:
    ana.h.app.config["SUGGESTIONS_DIR"] = str(tmp_path)
    res = post(ana.client, "/console/unanswered/suggest", intent="health", lang="es",
               phrase="me duele la muela")
    assert res.status_code == 403 and "Sin permiso" in res.get_data(as_text=True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("case", "message"), [
    ("unknown-intent", "intent: unknown intent 'visas_de_trabajo'"),
    ("empty-phrases", "phrases: empty"),
    ("duplicate-phrase", "phrases.1: duplicate of phrase 0"),
    ("phrase-in-catalog", "is already a phrase of intent 'education'"),
    ("unknown-language", "lang: unknown language 'fr'"),
])
def test_content_check_names_what_is_wrong(tmp_path: Path, case: str, message: str) -> None:
    folder = tmp_path / "suggestions"
    folder.mkdir()
    shutil.copy(DATA / f"{case}.yaml", folder)
    result = CliRunner().invoke(main, ["content", "check", "--suggestions", str(folder)])
    assert result.exit_code == 1
    assert f"{case}.yaml:" in result.output and message in result.output


def test_content_check_accepts_a_good_suggestion_file(tmp_path: Path, catalog: Catalog) -> None:
    path = suggestions.write(tmp_path, "health", "es", ["me duele la muela y no tengo seguro"],
                             "jefa", dt.date(2026, 12, 5))
    result = CliRunner().invoke(main, ["content", "check", "--suggestions", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").startswith("# Frases propuestas")
