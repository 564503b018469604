"""A small fixed knowledge base in Dutch for the search tests: each item says something a query
of tests/knowledgebase/test_search_table.py must find, or must not."""

from dataclasses import dataclass

from initiatives.models import Initiative
from knowledgebase.indexing import refresh_attachment_text, refresh_labels
from knowledgebase.models import Attachment, Item
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import (
    DocumentFactory,
    ItemFactory,
    NetworkQuestionFactory,
    PracticeFactory,
    ResearchQuestionFactory,
)

# Titles, by the short names the tests use.
EENZAAMHEID_VRAAG = "Hoe helpen initiatieven tegen eenzaamheid?"
WONEN_VRAAG = "Wat hebben huurders nodig om samen te wonen?"
SAMEN_ETEN = "Samen eten op donderdag"
MOESTUIN = "Moestuin op het schoolplein"
KLUSHULP = "Klushulp voor oudere huiseigenaren"
WIJKREGIE = "Wijkregie in Overvecht"
INCLUSIEF = "Een inclusieve buurt voor iedereen"
MANTELZORG = "Mantelzorgcafé in het dorpshuis"
BELEIDSREGELS = "Beleidsregels bewonersinitiatieven Utrecht"
BRIEF = "Brief aan de gemeenteraad over de buurthuizen"
STUDIE = "Studie naar gemeenschapskracht in dorpen"
BUURTFEEST = "Wie weet hoe je een buurtfeest regelt?"
VERSLAG = "Verslag netwerkbijeenkomst Houten"
CONCEPT = "Concept over eenzaamheid en moestuinen"

ALL_PUBLISHED = {
    EENZAAMHEID_VRAAG,
    WONEN_VRAAG,
    SAMEN_ETEN,
    MOESTUIN,
    KLUSHULP,
    WIJKREGIE,
    INCLUSIEF,
    MANTELZORG,
    BELEIDSREGELS,
    BRIEF,
    STUDIE,
    BUURTFEEST,
    VERSLAG,
}


@dataclass
class Corpus:
    zuilen: Initiative
    cothen: Initiative
    items: dict[str, Item]

    def __getitem__(self, title: str) -> Item:
        return self.items[title]


def build_corpus() -> Corpus:
    zuilen = InitiativeFactory(name="Buurtkracht Zuilen", themes=["Eenzaamheid"])
    cothen = InitiativeFactory(name="Dorpstafel Cothen", themes=["Zorg"])
    items: dict[str, Item] = {}

    def add(item: Item, initiatives: list[Initiative] = ()) -> None:  # type: ignore[assignment]
        if initiatives:
            item.initiatives.set(initiatives)
            refresh_labels([item.pk])
        items[item.title] = item

    question = ResearchQuestionFactory(
        title=EENZAAMHEID_VRAAG,
        summary="Wat werkt om eenzaamheid onder ouderen te verminderen? Een vraag van de "
        "kennisagenda.",
        themes=["Eenzaamheid"],
    )
    add(question)
    add(
        ResearchQuestionFactory(
            title=WONEN_VRAAG,
            summary="Een vraag van de kennisagenda over woongroepen en huurders.",
            themes=["Wonen"],
        )
    )
    add(
        PracticeFactory(
            title=SAMEN_ETEN,
            summary="Buren koken elke donderdag en samen eten ze met wie alleen is.",
            body="Zo blijft niemand eenzaam thuis zitten.",
            goal="Niemand alleen aan tafel.",
            target_group="Iedereen in de wijk die alleen eet.",
            approach="Elke week kookt een ander team.",
            success_factors="Een vaste dag.",
            costs="Drie euro per maaltijd.",
            results="Veertig vaste gasten.",
            themes=["Eenzaamheid"],
            municipalities=["Utrecht"],
            research_questions=[question],
            initiative=zuilen,
        )
    )
    add(
        PracticeFactory(
            title=MOESTUIN,
            summary="Kinderen en buren tuinieren samen naast de school.",
            body="Wat we oogsten, koken we in de aula.",
            goal="",
            target_group="",
            approach="",
            success_factors="",
            costs="",
            results="",
            themes=["Natuur en groen"],
            municipalities=["Zeist"],
            initiative=cothen,
        )
    )
    add(
        PracticeFactory(
            title=KLUSHULP,
            summary="Vrijwilligers klussen in de huizen van ouderen.",
            body="Een lekkende kraan, een losse traptrede: wij komen langs.",
            themes=["Wonen"],
            municipalities=["Amersfoort"],
        )
    )
    add(
        PracticeFactory(
            title=WIJKREGIE,
            summary="Bewoners en professionals plannen samen wat de wijk nodig heeft.",
            body="Met wijkregie houden bewoners zelf het overzicht.",
            themes=["Leefbaarheid"],
            municipalities=["Utrecht"],
        ),
        [zuilen],
    )
    add(
        PracticeFactory(
            title=INCLUSIEF,
            summary="Activiteiten waar mensen met een beperking gewoon meedoen.",
            body="Een inclusieve buurt begint bij een drempelloze ingang.",
            themes=["Participatie"],
            municipalities=["Houten"],
        )
    )
    add(
        PracticeFactory(
            title=MANTELZORG,
            summary="Mantelzorgers drinken elke maand koffie met elkaar.",
            body="Even niet zorgen, wel praten.",
            themes=["Zorg"],
            municipalities=["Wijk bij Duurstede"],
            initiative=cothen,
        )
    )
    add(
        DocumentFactory(
            title=BELEIDSREGELS,
            summary="Hoe de gemeente bewonersinitiatieven steunt met subsidies.",
            body="Een aanvraag doe je minstens zes weken van tevoren.",
            municipalities=["Utrecht"],
        )
    )
    letter = DocumentFactory(
        title=BRIEF,
        summary="Wij vragen de raad het buurthuis open te houden.",
        body="",
        document_type=Item.DocumentType.LETTER,
        knowledge_type=Item.KnowledgeType.EXPERIENCE,
        municipalities=["Zeist"],
        initiative=cothen,
    )
    Attachment.objects.create(
        item=letter,
        file="knowledge/2026/01/brief.pdf",
        token="brief",
        extension="pdf",
        name="brief.pdf",
        content_type="application/pdf",
        size=1000,
        text_status=Attachment.TextStatus.READY,
        text="Bijlage: het verslag van de bewonersavond over de sluiting van de bibliotheek.",
    )
    refresh_attachment_text([letter.pk])
    add(letter)
    add(
        DocumentFactory(
            title=STUDIE,
            summary="Onderzoek naar samenredzaamheid: wat dorpen zelf oplossen.",
            body="",
            document_type=Item.DocumentType.STUDY,
            knowledge_type=Item.KnowledgeType.RESEARCH,
            municipalities=["Rhenen"],
        )
    )
    add(
        NetworkQuestionFactory(
            title=BUURTFEEST,
            body="Welke vergunning heb je nodig voor een straatfeest?",
            municipalities=["Nieuwegein"],
        )
    )
    add(
        ItemFactory(
            kind=Item.Kind.MEETING_REPORT,
            title=VERSLAG,
            summary="We spraken over energie besparen en zonnepanelen op het dorpshuis.",
            body="",
            knowledge_type=Item.KnowledgeType.EXPERIENCE,
            municipalities=["Houten"],
            initiative=zuilen,
        )
    )
    add(
        PracticeFactory(
            title=CONCEPT,
            status=Item.Status.DRAFT,
            summary="Eenzaamheid, moestuinen, subsidies, beleidsregels: nog niet af.",
            initiative=zuilen,
        )
    )
    return Corpus(zuilen, cothen, items)
