"""A scam told beside danger now gets the fraud warning after the emergency; a notario (or a
lawyer only on the phone) asking money for US papers gets the fraud warning before the law."""

from __future__ import annotations

import pytest

from bot.engine import ConversationEngine


@pytest.mark.parametrize("text", [
    "me estafaron con la oferta de trabajo y cuando reclame me dijeron que saben donde vive mi "
    "mama y que van a ir por ella hoy",
    "pague 30 mil a un licenciado del face pa la visa de trabajo y nunca llego, ahora q le "
    "reclame me dice q sabe donde vivo y q si lo denuncio me mata",
    "fo ajan nou te peye a ap menase nou, li di l ap touye nou si nou denonse l",
    "i got scammed by a recruiter and now he says he will hurt my kids tonight if i talk",
])
def test_scam_told_beside_danger(engine: ConversationEngine, text: str) -> None:
    assert engine.understand(text).parts[:2] == ("emergency", "fraud_offer")


@pytest.mark.parametrize("text", [
    "un notario de aqui me quiere cobrar 2 mil dolares pa sacar asilo, eso lo hace un notario?",
    "a notario in la villita wants $5k to fix my mom's green card fast, is this real?",
    "yon avoka sou telefon mande 1000 dola pou ede m jwenn azil Ozetazini",
])
def test_notario_asking_money_for_us_papers(engine: ConversationEngine, text: str) -> None:
    assert engine.understand(text).parts[:1] == ("fraud_offer",)


@pytest.mark.parametrize("text", [
    "cuanto cobra un notario por escriturar un terreno en Jerecuaro",
    "me estafaron con un celular en el tianguis, hay donde poner queja?",
    "mi hijo esta perdido en el desierto desde ayer",
])
def test_no_fraud_warning(engine: ConversationEngine, text: str) -> None:
    assert "fraud_offer" not in engine.understand(text).parts
