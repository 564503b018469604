"""The demo knowledge base's content, written for the portal in Dutch (B1): data, not interface
text. Titles and facts come from the network's texts (seeds 001, 002 and 003); every sentence is
our own."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Question:
    key: str
    title: str
    summary: str
    body: str
    themes: tuple[str, ...]


# The knowledge agenda of 10 September 2018 (seed 002), in our own words.
QUESTIONS = [
    Question(
        "inclusive",
        "Hoe maak je je wijk inclusief?",
        "Iedereen hoort erbij in de wijk: jong en oud, met of zonder geld, met of zonder "
        "beperking. Wat doen bewoners om dat waar te maken?",
        "Een inclusieve wijk is een wijk waar niemand aan de kant staat. Dat gaat niet vanzelf. "
        "Wie weinig geld heeft, slecht ter been is of de taal nog niet spreekt, doet minder "
        "makkelijk mee.\n\nWe willen weten wat werkt. Welke initiatieven bereiken juist de mensen "
        "die anders buiten de boot vallen? En wat hebben ze daarvoor nodig?",
        ("Welzijn", "Participatie"),
    ),
    Question(
        "needs",
        "Wat heeft iemand nodig, en wie in de buurt heeft dat?",
        "Vaak woont de hulp die iemand zoekt om de hoek. Hoe breng je vraag en aanbod in de buurt "
        "bij elkaar?",
        "In elke wijk wonen mensen met kennis en tijd: een oud-verpleegkundige, een handige "
        "buurman, iemand die goed is met formulieren. Als je weet wie wat kan, kun je veel zelf "
        "regelen.\n\nDe vraag is hoe je dat zichtbaar maakt. Hoe houd je bij wie wat kan, zonder "
        "dat het een lijst wordt die niemand gebruikt? En helpt dit om de verschillen tussen "
        "mensen kleiner te maken?",
        ("Welzijn", "Zorg"),
    ),
    Question(
        "principles",
        "Hoe werken wijkregie en maatwerk in de praktijk?",
        "Bewoners en partners proberen nieuwe manieren van samenwerken uit. De wijk houdt zelf de "
        "regie, en hulp past bij de persoon in plaats van bij een regeling.",
        "Twee ideeën komen steeds terug bij initiatieven die goed lopen:\n\n"
        "- **Wijkregie**: de wijk of het dorp bepaalt samen wat er gebeurt, niet elke instelling "
        "apart.\n"
        "- **Maatwerk**: hulp past bij wat iemand nodig heeft, ook als dat tussen twee regelingen "
        "in valt.\n\nWe zoeken voorbeelden waar dit lukt, en willen weten wat daarbij helpt en "
        "wat in de weg zit.",
        ("Participatie", "Zorg"),
    ),
    Question(
        "value",
        "Hoe maken we de waarde van bewonersinitiatieven zichtbaar?",
        "Initiatieven doen veel werk in zorg, welzijn en energie, maar krijgen daar weinig voor "
        "terug. Hoe laat je zien wat ze opleveren?",
        "Een eettafel, een klussendienst of een vervoersdienst scheelt de gemeente en de zorg "
        "geld. Toch is dat moeilijk te bewijzen. Daardoor krijgen initiatieven vaak weinig steun "
        "terug.\n\nWe willen eenvoudige manieren vinden om die waarde te laten zien, in cijfers "
        "en in verhalen. Zo kan er geld vrijkomen voor het werk dat bewoners doen.",
        ("Participatie", "Welzijn"),
    ),
    Question(
        "network",
        "Hoe bouw je een netwerk van bewonersinitiatieven dat blijft bestaan?",
        "Een netwerk heeft genoeg initiatieven nodig, doelen die ze delen, en partners die "
        "meedoen. Hoe bouw je dat op, zodat het blijft?",
        "Omzien naar Elkaar wil een netwerk zijn dat de initiatieven in de provincie verbindt. "
        "Daarvoor is nodig:\n\n1. genoeg initiatieven die meedoen;\n2. doelen die we samen "
        "hebben;\n3. partners in de provincie die met ons optrekken.\n\nHoe houd je zo'n netwerk "
        "levend, ook als mensen komen en gaan?",
        ("Participatie",),
    ),
]


@dataclass(frozen=True)
class Document:
    title: str
    summary: str
    document_type: str
    issued_by: str
    issued_on: date | None
    questions: tuple[str, ...]
    themes: tuple[str, ...] = ("Participatie",)
    knowledge_type: str = "policy"
    body: str = ""


# The background list of seed 001: titles and our own short summaries, no copied text.
DOCUMENTS = [
    Document(
        "Manifest Samen bouwen aan de buurt",
        "Bewonersinitiatieven uit de stad Utrecht schreven samen op waar ze voor staan: bewoners "
        "die zelf bouwen aan hun buurt, met steun van de gemeente in plaats van regels die in de "
        "weg zitten.",
        "manifesto",
        "Bewonersinitiatieven Utrecht stad",
        date(2017, 5, 1),
        ("network", "principles"),
        ("Participatie", "Leefbaarheid"),
    ),
    Document(
        "Brief over de Nota van Uitgangspunten Sociaal Makelaarschap",
        "In een brief aan de gemeenteraad schreven de initiatieven waar ze zich zorgen over "
        "maakten in de plannen voor sociaal makelen, en wat ze anders wilden.",
        "letter",
        "Bewonersinitiatieven Utrecht stad",
        date(2017, 8, 1),
        ("principles", "value"),
    ),
    Document(
        "Statement op de Raadsinformatiebijeenkomst",
        "Op een bijeenkomst voor raadsleden vertelden de initiatieven wat zij voor de stad doen, "
        "en vroegen ze om een vaste plek in het beleid en in de begroting.",
        "statement",
        "Bewonersinitiatieven Utrecht stad",
        date(2017, 11, 1),
        ("value",),
    ),
    Document(
        "Beleidsregel Sociaal Makelen",
        "De regels van de gemeente Utrecht voor sociaal makelen: wie het doet, wat het moet "
        "opleveren en hoe het geld wordt verdeeld. Met vragen en antwoorden erbij.",
        "policy_rule",
        "Gemeente Utrecht",
        None,
        ("principles",),
    ),
    Document(
        "Beleidsregel Informatie, Advies en Cliëntondersteuning",
        "De regels van de gemeente Utrecht voor informatie, advies en hulp aan inwoners die de "
        "weg zoeken in zorg en welzijn. Met vragen en antwoorden erbij.",
        "policy_rule",
        "Gemeente Utrecht",
        None,
        ("inclusive",),
        ("Zorg", "Welzijn"),
    ),
    Document(
        "Beleidsregel Buurtteamorganisatie",
        "De regels van de gemeente Utrecht voor de buurtteams: wat een buurtteam doet, voor wie, "
        "en hoe het samenwerkt met anderen in de wijk. Met vragen en antwoorden erbij.",
        "policy_rule",
        "Gemeente Utrecht",
        None,
        ("principles", "inclusive"),
        ("Zorg",),
    ),
]

DOE_AGENDA = "DOE-agenda Bewonersinitiatief provincie Utrecht 2018–2022"

# The five programme lines of the DOE-agenda (seed 003), as documents of the type "other".
PROGRAMME_LINES = [
    Document(
        "Programmalijn 1: Bewoners aan zet",
        "Meer bewoners die zelf iets beginnen, en initiatieven die sterker worden door samen te "
        "leren wat werkt.",
        "other",
        DOE_AGENDA,
        date(2018, 1, 1),
        ("inclusive", "network"),
        ("Participatie",),
        body="Deze lijn gaat over de start: hoe help je bewoners die een idee hebben? En hoe "
        "leren initiatieven van elkaar, zodat meer mensen meedoen?",
    ),
    Document(
        "Programmalijn 2: Verduurzaming bewonersinitiatief",
        "Initiatieven die blijven bestaan: met vrijwilligers die blijven, geld voor meer dan "
        "één jaar, en ruimte om iets nieuws te proberen.",
        "other",
        DOE_AGENDA,
        date(2018, 1, 1),
        ("network", "value"),
        ("Participatie",),
        body="Veel initiatieven leven van jaar tot jaar. Deze lijn zoekt naar vaste "
        "financiering, naar plekken om te experimenteren en naar kennis die blijft.",
    ),
    Document(
        "Programmalijn 3: Samenspel overheid – burgers – partners",
        "Gemeenten, provincie, partners en bewoners leren anders samenwerken: in de buurt, in de "
        "gemeente en in de provincie.",
        "other",
        DOE_AGENDA,
        date(2018, 1, 1),
        ("principles",),
        ("Participatie",),
        body="Systemen en de leefwereld van bewoners botsen vaak. Deze lijn gaat over beter "
        "samenspel: wie doet wat, en hoe geef je bewoners meer ruimte en regie?",
    ),
    Document(
        "Programmalijn 4: Maatschappelijke impact (Buurzaamheidsindex)",
        "Een eenvoudige meetlat, de Buurzaamheidsindex, die laat zien wat bewoners en hun "
        "initiatieven opleveren, in kwaliteit en in geld.",
        "other",
        DOE_AGENDA,
        date(2018, 1, 1),
        ("value",),
        ("Gezondheid", "Welzijn"),
        body="De index gaat uit van positieve gezondheid: hoe goed mensen zich voelen en mee "
        "kunnen doen. Met een paar duidelijke cijfers kan een initiatief laten zien wat het "
        "waard is.",
    ),
    Document(
        "Programmalijn 5: Toerusten, kennis en kunde",
        "Bewoners, ambtenaren en professionals leren samen en van elkaar, op een manier die "
        "laagdrempelig en gelijkwaardig is.",
        "other",
        DOE_AGENDA,
        date(2018, 1, 1),
        ("network",),
        ("Participatie",),
        body="Wie zich inzet voor de buurt, wil ook blijven leren. Deze lijn gaat over cursussen, "
        "uitwisseling en leren in de praktijk, voor iedereen die meedoet.",
    ),
]


@dataclass(frozen=True)
class Practice:
    initiative: str
    title: str
    summary: str
    goal: str
    target_group: str
    approach: str
    success_factors: str
    costs: str
    results: str
    themes: tuple[str, ...]
    questions: tuple[str, ...]
    months_ago: int


PRACTICES = [
    Practice(
        "De Kracht van Zuilen",
        "Een talentenbank voor de wijk",
        "Bewoners schrijven op wat ze kunnen en willen doen. Wie hulp zoekt, vindt zo iemand in "
        "de buurt.",
        "Talenten in de wijk zichtbaar maken, zodat buren elkaar kunnen helpen.",
        "Alle bewoners van Zuilen, vooral mensen die weinig geld hebben voor hulp.",
        "Op de inloop vragen we mensen wat ze graag doen. Dat komt in een eenvoudige lijst. Een "
        "vrijwilliger koppelt vraag en aanbod, en belt na een week of het gelukt is.",
        "- Persoonlijk contact: niemand vult alleen een formulier in.\n- Iedereen kan iets, ook "
        "wie zelf hulp krijgt.",
        "Weinig: een telefoon, koffie en een paar uur per week van twee vrijwilligers.",
        "Meer dan honderd bewoners staan in de talentenbank. Elke maand zijn er zo'n twintig "
        "koppelingen.",
        ("Participatie", "Armoede"),
        ("needs", "inclusive"),
        2,
    ),
    Practice(
        "Austerlitz Zorgt",
        "Een zorgcoördinator in het dorpshuis",
        "Eén vast aanspreekpunt in het dorp voor ouderen en hun mantelzorgers. Zij regelt hulp, "
        "samen met vrijwilligers en de thuiszorg.",
        "Ouderen laten wonen in hun eigen dorp, zo lang als ze dat willen.",
        "Ouderen in Austerlitz en de mensen die voor hen zorgen.",
        "De vereniging heeft een zorgcoördinator in dienst. Zij zit drie ochtenden per week in "
        "het dorpshuis. Ze kent de vrijwilligers en de professionals, en zoekt per persoon uit "
        "wat nodig is.",
        "- Een bekend gezicht in het dorp.\n- Korte lijnen met de huisarts en de thuiszorg.",
        "Het salaris van de coördinator, betaald uit contributie, giften en een bijdrage van de "
        "gemeente.",
        "Minder mensen hoeven naar een verpleeghuis buiten het dorp. Mantelzorgers zeggen dat ze "
        "het beter volhouden.",
        ("Zorg", "Welzijn"),
        ("principles", "needs"),
        4,
    ),
    Practice(
        "Door Achterveld Voor Achterveld",
        "Vrijwillige chauffeurs naar de huisarts en het ziekenhuis",
        "Dorpsgenoten rijden ouderen naar afspraken in de buurt. Zo blijft zorg bereikbaar, ook "
        "zonder eigen auto of bus.",
        "Ouderen zonder vervoer toch naar hun zorgafspraken brengen.",
        "Ouderen en mensen met een beperking in Achterveld.",
        "Wie een rit nodig heeft, belt een vast nummer. Een vrijwilliger plant de ritten en zoekt "
        "een chauffeur. De passagier betaalt een kleine vergoeding per kilometer.",
        "- Een vast telefoonnummer dat iedereen kent.\n- Chauffeurs die ook even een praatje "
        "maken.",
        "Een verzekering voor de chauffeurs en een kilometervergoeding. De passagiers betalen het "
        "grootste deel.",
        "Zo'n vijftig ritten per maand, met vijftien vaste chauffeurs.",
        ("Zorg", "Leefbaarheid"),
        ("needs",),
        6,
    ),
    Practice(
        "Buurthuis De Nieuwe Jutter",
        "Een buurthuis dat bewoners zelf runnen",
        "Toen het buurthuis dicht zou gaan, namen bewoners het over. Nu is het elke dag open, "
        "met vrijwilligers achter de bar.",
        "Een open plek in de buurt waar iedereen welkom is.",
        "Alle bewoners van de buurt.",
        "Een stichting van bewoners huurt het gebouw. Vrijwilligers doen de bar, de schoonmaak en "
        "de activiteiten. Iedereen mag een activiteit beginnen, als die open is voor de buurt.",
        "- Een klein bestuur en veel ruimte voor nieuwe ideeën.\n- Vaste tijden, zodat mensen "
        "weten wanneer ze kunnen binnenlopen.",
        "De huur en de energie. Die betalen we uit de bar, de verhuur van zalen en een subsidie "
        "van de gemeente.",
        "Elke week komen er meer dan driehonderd mensen. Er zijn twintig vaste activiteiten, van "
        "repair café tot taalles.",
        ("Welzijn", "Participatie", "Eenzaamheid"),
        ("network", "inclusive"),
        8,
    ),
    Practice(
        "Zegveld Zorgt",
        "Een zorgcoöperatie van het dorp",
        "Dorpsgenoten richtten samen een coöperatie op. Die regelt dagbesteding, hulp in huis en "
        "vervoer in het dorp.",
        "Zorg en hulp in het dorp zelf regelen, door en voor dorpsgenoten.",
        "Ouderen en mantelzorgers in Zegveld.",
        "Leden betalen een kleine contributie. De coöperatie sluit afspraken met de gemeente en "
        "de zorgverzekeraar, en zet betaalde krachten en vrijwilligers samen in.",
        "- Het dorp is eigenaar: leden beslissen mee.\n- Afspraken met de gemeente voor meer dan "
        "één jaar.",
        "Een coördinator en begeleiders voor de dagbesteding. Betaald uit contributie, de Wmo en "
        "een fonds.",
        "Ruim dertig ouderen gaan naar de dagbesteding in het dorp in plaats van ver weg. De "
        "coöperatie houdt bij wat dat scheelt.",
        ("Zorg", "Wonen"),
        ("principles", "value"),
        10,
    ),
    Practice(
        "Samen maken we Nieuwland",
        "Een ideeënavond voor de wijk",
        "Elke eerste maandag van de maand vertellen bewoners hun idee voor de wijk. Anderen "
        "helpen het uit te voeren.",
        "Meer bewoners laten meedoen, ook mensen die nooit naar een vergadering gaan.",
        "Alle bewoners van Nieuwland.",
        "Iedereen mag in vijf minuten een idee vertellen. Daarna praten we in kleine groepjes "
        "verder. Wie wil helpen, schrijft zijn naam op.",
        "- Kort en gezellig, zonder agenda.\n- Elk idee krijgt een kans, ook een klein idee.",
        "Koffie, thee en een zaal in de school. Samen minder dan 500 euro per jaar.",
        "In twee jaar zijn vijftien ideeën uitgevoerd, zoals een speelstraat en een kookclub.",
        ("Participatie",),
        ("inclusive",),
        12,
    ),
    Practice(
        "Gelukkig en Vitaal Werkhoven Odijk Bunnik",
        "Positieve gezondheid in gesprek met dorpsgenoten",
        "Vrijwilligers praten met dorpsgenoten over wat een goed leven voor hen is. Ze houden bij "
        "wat verandert.",
        "Inwoners laten nadenken over hun eigen gezondheid, en laten zien wat dat oplevert.",
        "Inwoners van Werkhoven, Odijk en Bunnik, vooral ouderen.",
        "We gebruiken het spinnenweb van positieve gezondheid. Een vrijwilliger voert het "
        "gesprek en vraagt na een half jaar hoe het gaat. We tellen wat mensen zelf anders gaan "
        "doen.",
        "- Vrijwilligers die goed kunnen luisteren.\n- Een paar eenvoudige cijfers die we elk "
        "jaar opnieuw meten.",
        "Een training voor de vrijwilligers en drukwerk.",
        "Na een jaar zeggen de meeste mensen dat ze zich beter voelen. De cijfers gebruiken we "
        "in ons gesprek met de gemeente.",
        ("Gezondheid", "Welzijn"),
        ("value",),
        14,
    ),
]


@dataclass(frozen=True)
class NetworkQuestion:
    asker: str  # an e-mail address of a demo person
    initiative: str  # on whose behalf, or ""
    title: str
    body: str
    answers: list[tuple[str, str, bool]] = field(default_factory=list)  # initiative, text, helped
    themes: tuple[str, ...] = ()


NETWORK_QUESTIONS = [
    NetworkQuestion(
        "lid@demo.omziennaarelkaar.nl",
        "De Kracht van Zuilen",
        "Welke verzekering heb je nodig voor vrijwilligers?",
        "We willen vrijwilligers laten klussen bij buren. Wat als er iets misgaat? Welke "
        "verzekering hebben jullie, en wat kost die?",
        [
            (
                "Austerlitz Zorgt",
                "Veel gemeenten hebben een gratis vrijwilligersverzekering. Vraag bij jouw gemeente "
                "naar de voorwaarden. Wij hebben daarnaast een eigen aansprakelijkheidsverzekering "
                "voor de vereniging.",
                True,
            ),
            (
                "Zegveld Zorgt",
                "Let op: met een auto is het anders. Voor ritten hebben wij een aparte "
                "inzittendenverzekering.",
                False,
            ),
        ],
        ("Participatie",),
    ),
    NetworkQuestion(
        "hoogland@demo.omziennaarelkaar.nl",
        "Vereniging Dorpsbelangen Hoogland",
        "Hoe vind je een vaste plek voor een eettafel?",
        "We willen één keer per week samen eten met ouderen in het dorp. Waar doen jullie dat, "
        "en wat betalen jullie voor de ruimte?",
        [
            (
                "Buurthuis De Nieuwe Jutter",
                "Vraag het aan een school, een kerk of een sportkantine: die staan overdag of 's "
                "avonds vaak leeg. Wij betalen niets, maar doen één keer per jaar de schoonmaak.",
                False,
            ),
        ],
        ("Eenzaamheid",),
    ),
    NetworkQuestion(
        "zegveld@demo.omziennaarelkaar.nl",
        "",
        "Wie heeft ervaring met een vervoersdienst in het dorp?",
        "Steeds meer ouderen in ons dorp hebben geen auto meer. Hoe begin je een eigen "
        "vervoersdienst met vrijwilligers?",
        [
            (
                "Door Achterveld Voor Achterveld",
                "Begin met een vast telefoonnummer en een paar chauffeurs die je kent. Wij "
                "schreven op hoe we het doen: zie het praktijkvoorbeeld over onze chauffeurs.",
                False,
            ),
        ],
        ("Zorg",),
    ),
]

# Meetings whose report goes to the knowledge base through meetings/knowledge.py, by title, with
# the research questions they speak to.
REPORTS = [
    ("Bewonersnetwerk Utrecht stad: vervolg op het Manifest", ("network", "value")),
    (
        "Een provinciale kennisagenda voor bewonersinitiatieven",
        ("inclusive", "needs", "principles", "value", "network"),
    ),
    ("Hoe laat je zien wat je initiatief waard is?", ("value",)),
]
