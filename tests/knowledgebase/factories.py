"""Knowledge base factories: a published practice unless told otherwise."""

from datetime import date

import factory
from django.utils import timezone

from initiatives.models import Municipality, Theme
from knowledgebase.indexing import refresh_labels
from knowledgebase.models import Answer, Item


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item
        skip_postgeneration_save = True

    kind = Item.Kind.PRACTICE
    status = Item.Status.PUBLISHED
    title = factory.Sequence(lambda n: f"Praktijkvoorbeeld {n}")
    summary = "Buren koken samen en eten met wie anders alleen zou eten."
    body = "We begonnen klein, met **tien** gasten."
    knowledge_type = Item.KnowledgeType.EXPERIENCE
    last_checked = factory.LazyFunction(date.today)
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Item.Status.PUBLISHED else None
    )

    @factory.post_generation
    def themes(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            self.themes.set(Theme.objects.filter(name__in=extracted))

    @factory.post_generation
    def municipalities(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            self.municipalities.set(Municipality.objects.filter(name__in=extracted))

    @factory.post_generation
    def research_questions(
        self, create: bool, extracted: list[Item] | None, **kwargs: object
    ) -> None:
        if create and extracted:
            self.research_questions.set(extracted)

    @factory.post_generation
    def labels(self, create: bool, extracted: object, **kwargs: object) -> None:
        # The names of themes, places and questions are part of what an item is found by.
        if create:
            refresh_labels([self.pk])


class PracticeFactory(ItemFactory):
    goal = "Minder mensen alleen aan tafel."
    target_group = "Ouderen en alleenstaanden in de wijk."
    approach = "Elke donderdag kookt een ander team van buren."
    success_factors = "Vaste dag, vaste plek, lage drempel."
    costs = "Ongeveer 3 euro per maaltijd; de gasten betalen wat ze kunnen."
    results = "Veertig vaste gasten, en nieuwe vriendschappen."
    knowledge_type = Item.KnowledgeType.PRACTICE_DESCRIPTION


class ResearchQuestionFactory(ItemFactory):
    kind = Item.Kind.RESEARCH_QUESTION
    title = factory.Sequence(lambda n: f"Onderzoeksvraag {n}?")
    summary = "Een vraag van de kennisagenda."
    body = ""
    knowledge_type = Item.KnowledgeType.RESEARCH


class DocumentFactory(ItemFactory):
    kind = Item.Kind.DOCUMENT
    title = factory.Sequence(lambda n: f"Beleidsregel {n}")
    document_type = Item.DocumentType.POLICY_RULE
    issued_by = "Gemeente Utrecht"
    knowledge_type = Item.KnowledgeType.POLICY


class NetworkQuestionFactory(ItemFactory):
    kind = Item.Kind.NETWORK_QUESTION
    title = factory.Sequence(lambda n: f"Wie weet hoe je een buurtfeest regelt? ({n})")
    summary = ""
    body = "We willen een straatfeest, maar weten niet welke vergunning nodig is."


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    item = factory.SubFactory(NetworkQuestionFactory)
    body = "Vraag een evenementenvergunning aan bij de gemeente, ruim op tijd."
