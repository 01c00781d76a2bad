"""Issue 11ab: a crossing plan told by how it is arranged (who takes the traveller, with whom,
for how much, hidden how, with what water), not by where it goes, and its look-alikes
(``bot.crossing``)."""

from __future__ import annotations

import pytest

from bot import crossing
from bot.content import fold
from bot.engine import ConversationEngine


@pytest.mark.parametrize("text", [
    # A person who takes the traveller, beside money, a group, a place north or a day.
    "mi hermana ya le mando el dinero al señor que lleva a mi sobrino, salen el domingo",
    "we already paid half to the man that's bringing my little brother",
    "my friend wants to come work with me in Dallas, I have a contact who picks up in Laredo",
    "nou pare pou n ale vandredi epi yon moun ap pran nou",
    # A group of the village, a deal.
    "mi señor se va mañana con otros 4 de la comunidad rumbo a Ohio",
    "m ap pran wout la ak yon gwoup lendi, kisa pou m pote",
    "ya quedamos con un señor en 120 mil por cabeza, mitad aca y mitad alla",
    "mi muchacho ya se va pal otro lado, ya tiene todo arreglado con un conocido",
    # Picked up at the border, hidden, a checkpoint dodged.
    "ya tengo el numero del que nos va a recoger en caborca",
    "ya me dijeron que me esperan en la central de juarez y de ahi me llevan de noche",
    "can someone travel in a trailer like in the cargo part?",
    "me dijeron q hay que pintarse el pelo pa que no te bajen del camion en los retenes",
    "my tio says theres a spot where nobody checks, hes going in january",
    # Water and the walk.
    "cuanta agua por persona pa 3 dias, somos yo y mis dos hijos",
    "que medicina llevo pa las ampollas pa la caminata larga",
    "kisa pou m pote nan sak mwen pou wout la? dlo, manje, medikaman?",
    "ki soulye pou m achte pou mache lontan nan deze? m ap kite semenn pwochen",
    # Another try, land sold, saving up, a visa refused, a free ride for a backpack.
    "voy a intentarle de nuevo en febrero, la primera vez me agarraron",
    "ya vendi la vaca y el terreno pa pagar el viaje",
    "ando juntando pa irme con mi carnal a carolina del norte",
    "she cant get a visa so she says she'll come the other way",
    "le ofrecieron llevarlo gratis si carga una mochila",
    "esta en la frontera esperando que le digan cuando se mueven",
    "si pa gen travay, m ap pran wout no a ak kouzen m",
])
def test_a_plan_told_by_how_it_is_arranged(text: str) -> None:
    assert crossing.plan_in_words(fold(text))


@pytest.mark.parametrize("text", [
    "el señor que lleva a mi hijo a la escuela pasa el lunes",
    "vamos en la caja de la troca al rancho el domingo",
    "nos vamos con gente de la parroquia a la peregrinacion a san juan el domingo",
    "cuanta agua por persona para 3 dias por el huracan",
    "voy a intentar otra vez el examen, la primera vez me reprobaron",
    "ya arregle con el señor de la troca pa que nos lleve el lunes al rancho",
    "mi esposo es trailero, se va en el trailer a laredo el lunes",
    "ya tengo contrato h2a, me recogen en la frontera en laredo los del rancho",
    "vendo becerros a 12 mil por cabeza, alguien sabe de apoyos pa ganaderos",
    "ahorrando pa irme de vacaciones a cancun",
    "m ap pran wout la pou Leon demen ak yon gwoup legliz",
    "gen kote pou moun lave rad ak benyen nan Leon? nou sot mache lontan",
    "mi hijo esta en la frontera esperando su cita de cbp one",
    "ya me voy pal norte del estado a dolores con mi tia",
    "me quede con un señor en el otro lado cuando llegue, ahora trabajo en un restaurante",
])
def test_look_alikes_tell_no_plan(text: str) -> None:
    assert not crossing.plan_in_words(fold(text))


def test_a_plan_to_ride_in_a_trailer_box_is_no_emergency_a_trailer_box_without_air_is(
    engine: ConversationEngine,
) -> None:
    plan = "mi hermano se va a ir en la caja de un trailer la otra semana, que tan peligroso es"
    assert engine.understand(plan).parts == ("safety_crossing",)
    for now in ("estamos en la caja de un trailer hace muchas horas, mucho calor",
                "mi hermano va en la caja de un trailer con mucha gente y ya no hay aire"):
        assert engine.understand(now).parts[:1] == ("emergency",)


@pytest.mark.parametrize("text", [
    "mi apa tiene 58 y se quiere ir otra vez a la pisca de manzana alla en washington, no tiene "
    "visa ni nada, usted cree que aguante el camino?",
    "my friend from Penjamo wants to come over and work construction with me in Dallas. I have a "
    "contact who picks up in Laredo. How do I make sure he's safe",
])
def test_the_warning_comes_first_beside_the_question_asked(
    engine: ConversationEngine, text: str
) -> None:
    assert engine.understand(text).parts[:1] == ("safety_crossing",)
