"""'That didn't help' is read as such (``commands.unhelpful``), in es/en/ht, and only then."""

import pytest

from bot.commands import unhelpful
from bot.content import fold


@pytest.mark.parametrize("text", [
    "no me sirvió tu respuesta", "eso no me sirve", "no me ayudaste", "no es lo que pregunté",
    "no contestaste mi pregunta", "that doesn't help", "that didnt help at all", "not helpful",
    "thats not what i asked", "you didn't answer my question", "sa pa ede m",
    "se pa sa m te mande", "ou pa reponn kesyon m",
])
def test_said_of_the_answer(text: str) -> None:
    assert unhelpful(fold(text))


@pytest.mark.parametrize("text", [
    "no me sirve el celular", "no me sirven las piernas", "mi hijo no me ayuda con nada de dinero",
    "that helps, thanks", "it helps a lot", "sa ede m anpil",
    "no me ayudan en el trabajo con el permiso",
    "como mando dinero",
])
def test_not_said_of_the_answer(text: str) -> None:
    assert not unhelpful(fold(text))
