"""Kreyòl "ak" is "and" and "with": a long clause is cut at it only when more than whom follows
("m pral pase lòt bò ak yon gid" is one plan, not a plan and a request for a person)."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.content import load_catalog
from bot.engine import ConversationEngine


@pytest.fixture(scope="module")
def engine() -> ConversationEngine:
    return ConversationEngine(load_catalog(), Settings.from_env({}))


@pytest.mark.parametrize(("text", "parts"), [
    ("m pral pase lòt bò ak yon gid", ("safety_crossing",)),
    ("mwen pral travèse ak yon gid", ("safety_crossing",)),
    ("mwen vle pale ak yon moun", ("human",)),
])
def test_ak_before_whom(engine: ConversationEngine, text: str, parts: tuple[str, ...]) -> None:
    assert engine.understand(text).parts == parts
