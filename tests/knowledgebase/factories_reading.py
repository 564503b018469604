"""Factories for the reading part: a practice full of text, and an initiative's adoption."""

import factory

from knowledgebase.models import Adoption
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import ItemFactory, PracticeFactory

LONG = (
    "We begonnen in 2019 met een paar buren aan de keukentafel. Inmiddels koken er elke week "
    "drie teams, en schuiven er veertig mensen aan. Wat we leerden: houd het klein, vraag "
    "mensen persoonlijk, en zorg dat niemand hoeft te betalen om mee te doen. "
)


class FullPracticeFactory(PracticeFactory):
    """A practice with every section filled, as a demo practice is."""

    title = factory.Sequence(lambda n: f"Samen eten aan de Burgemeester Reigerstraat {n}")
    summary = (
        "Elke donderdag koken buren voor buren. Wie alleen woont, eet mee voor een vrijwillige "
        "bijdrage. Zo leren mensen elkaar kennen en voelt niemand zich buitengesloten."
    )
    body = LONG
    goal = "Minder mensen alleen aan tafel. " + LONG
    target_group = "Ouderen, alleenstaanden en nieuwe bewoners in de wijk. " + LONG
    approach = "1. Zoek een vaste plek.\n2. Vorm kookteams.\n3. Nodig persoonlijk uit.\n\n" + LONG
    success_factors = "Vaste dag, vaste plek, lage drempel. " + LONG
    costs = "Ongeveer 3 euro per maaltijd; de gasten betalen wat ze kunnen. " + LONG
    results = "Veertig vaste gasten, en nieuwe vriendschappen. " + LONG


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    practice = factory.SubFactory(ItemFactory)
    initiative = factory.SubFactory(InitiativeFactory)
    note = "Wij deden het op zondag, met de kerk."
