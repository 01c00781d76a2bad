"""`paisano export-contact --channel webchat` with what staff see: the id's last characters."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot import db, migrations
from bot.cli import main
from bot.models import Contact


@pytest.fixture
def url(tmp_path: Path) -> Iterator[str]:
    """A migrated SQLite file with three web chat people, two whose ids end alike."""
    url = f"sqlite:///{tmp_path / 'export.db'}"
    engine = db.make_engine(url)
    migrations.upgrade(engine)
    with db.make_sessionmaker(engine)() as session:
        session.add_all(Contact(channel="webchat", external_id=ident)
                        for ident in ("Qm3vT0a8Lr5wYp2Zk9Xk9Q", "Hs8dE1c4Nn7uGg0Fb2Xk9Q",
                                      "Zt5yW2q9Pp3rJj6Mm1Kz7A"))
        session.commit()
    engine.dispose()
    yield url


def export(url: str, ident: str) -> Result:
    return CliRunner().invoke(main, ["export-contact", "--channel", "webchat", "--id", ident],
                              env={"DATABASE_URL": url})


@pytest.mark.parametrize("shown", ["…Kz7A", "Kz7A", "Zt5yW2q9Pp3rJj6Mm1Kz7A", "2Xk9Q"])
def test_the_last_characters_find_one_person(url: str, shown: str) -> None:
    result = export(url, shown)
    assert result.exit_code == 0, result.output
    full = {"…Kz7A": "Zt5yW2q9Pp3rJj6Mm1Kz7A", "Kz7A": "Zt5yW2q9Pp3rJj6Mm1Kz7A",
            "Zt5yW2q9Pp3rJj6Mm1Kz7A": "Zt5yW2q9Pp3rJj6Mm1Kz7A", "2Xk9Q": "Hs8dE1c4Nn7uGg0Fb2Xk9Q"}
    assert json.loads(result.stdout)["contact"]["external_id"] == full[shown]


def test_several_matches_are_named_and_nothing_is_printed(url: str) -> None:
    result = export(url, "…Xk9Q")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and result.stdout == ""
    assert lines[0].startswith("Error: Invalid value for '--id': 2 web chat ids end in 'Xk9Q' "
                               "(people first seen ")
    assert lines[0].endswith("): give more of the id")
    assert "Qm3vT0a8" not in result.output and "Hs8dE1c4" not in result.output


def test_too_short_or_unknown_says_nothing_is_stored(url: str) -> None:
    for ident in ("k9Q", "ZZZZ"):
        result = export(url, ident)
        assert result.exit_code == 1
        assert "nothing is stored about webchat id" in result.output
