"""The demo directory's content, written for the portal in Dutch: data, not interface text.

The named initiatives are the ones the network's own texts mention, in their real municipalities;
their descriptions are our own words. The rest is generated from the patterns below: invented,
real-sounding initiatives in real places, spread unevenly over the province.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Named:
    name: str
    municipality: str
    place: str
    founded_year: int
    legal_form: str
    themes: tuple[str, ...]
    target_groups: tuple[str, ...]
    pitch: str
    description: str
    activities: tuple[str, ...] = ()
    address: str = ""
    point: tuple[str, str] | None = None


NAMED = [
    Named(
        name="Vereniging Dorpsbelangen Hoogland",
        municipality="Amersfoort",
        place="Hoogland",
        founded_year=2013,
        legal_form="association",
        themes=("Leefbaarheid", "Wonen", "Participatie"),
        target_groups=("Alle bewoners",),
        pitch="Bewoners van Hoogland die samen opkomen voor een dorp waar het goed wonen is.",
        description=(
            "Hoogland hoort bij Amersfoort, maar voelt nog altijd als een dorp. Wij willen dat zo "
            "houden. Leden denken mee over nieuwbouw, verkeer en groen, en brengen buren bij "
            "elkaar.\n\nWe praten met de gemeente als het over Hoogland gaat, en we organiseren "
            "zelf: een dorpsschouw, een nieuwjaarsbijeenkomst en een jaarlijkse opruimdag."
        ),
        activities=("Dorpsschouw in het voorjaar", "Nieuwjaarsbijeenkomst", "Opruimdag"),
        point=("52.18560", "5.37680"),
    ),
    Named(
        name="Samen maken we Nieuwland",
        municipality="Amersfoort",
        place="Nieuwland",
        founded_year=2015,
        legal_form="informal",
        themes=("Welzijn", "Participatie", "Eenzaamheid"),
        target_groups=("Alle bewoners", "Kinderen en gezinnen"),
        pitch="Een wijk waarin iedereen meedoet: bewoners van Nieuwland maken samen plannen en voeren ze uit.",
        description=(
            "Wat begon met een paar buren aan een keukentafel, is nu een groep van tientallen "
            "bewoners. We halen ideeën op in de wijk en helpen elkaar ze waar te maken: van een "
            "speelstraat tot een kookclub.\n\nIeder idee is welkom, groot of klein. Wij zoeken "
            "er mensen bij die willen helpen."
        ),
        activities=("Ideeënavond elke eerste maandag", "Kookclub", "Speelstraat in de zomer"),
        point=("52.17430", "5.35810"),
    ),
    Named(
        name="Door Achterveld Voor Achterveld",
        municipality="Leusden",
        place="Achterveld",
        founded_year=2016,
        legal_form="foundation",
        themes=("Zorg", "Welzijn", "Leefbaarheid"),
        target_groups=("Ouderen", "Mantelzorgers"),
        pitch="Dorpsgenoten zorgen dat ouderen in Achterveld zo lang mogelijk thuis kunnen blijven wonen.",
        description=(
            "In een klein dorp ken je elkaar. Die kracht gebruiken we: vrijwilligers rijden "
            "dorpsgenoten naar de huisarts, doen een boodschap of komen een kop koffie drinken.\n\n"
            "Een dorpsondersteuner is het vaste aanspreekpunt en weet wie wat kan. Zo hoeft "
            "niemand er alleen voor te staan."
        ),
        activities=("Vervoer naar huisarts en ziekenhuis", "Dorpsondersteuner", "Koffieochtend"),
        point=("52.13490", "5.49690"),
    ),
    Named(
        name="De Kracht van Zuilen",
        municipality="Utrecht",
        place="Zuilen",
        founded_year=2014,
        legal_form="foundation",
        themes=("Welzijn", "Participatie", "Armoede"),
        target_groups=("Alle bewoners", "Mensen met weinig geld"),
        pitch="Bewoners van Zuilen zetten hun talenten in voor de wijk, zodat niemand buiten de boot valt.",
        description=(
            "Zuilen zit vol mensen die iets kunnen: koken, repareren, luisteren, organiseren. "
            "Wij brengen die talenten samen met wie ze nodig heeft.\n\nIn ons buurtpunt kun je "
            "binnenlopen met een vraag. Samen zoeken we uit wie in de wijk kan helpen, en vaak "
            "blijkt dat een buurvrouw twee straten verderop."
        ),
        activities=("Inloop in het buurtpunt", "Talentenbank", "Buurtmaaltijd op vrijdag"),
        point=("52.10790", "5.09380"),
    ),
    Named(
        name="Austerlitz Zorgt",
        municipality="Zeist",
        place="Austerlitz",
        founded_year=2015,
        legal_form="association",
        themes=("Zorg", "Welzijn", "Eenzaamheid"),
        target_groups=("Ouderen", "Mantelzorgers"),
        pitch="Het dorp Austerlitz regelt zelf de zorg en hulp die ouderen nodig hebben om thuis te blijven.",
        description=(
            "Austerlitz is een dorp van een paar duizend inwoners. Leden van de vereniging "
            "helpen elkaar met vervoer, klusjes en gezelschap, en een zorgcoördinator verbindt "
            "vrijwilligers met professionals.\n\nWe delen graag hoe we het hebben aangepakt met "
            "andere dorpen die hetzelfde willen."
        ),
        activities=("Zorgcoördinator in het dorpshuis", "Klussendienst", "Samen eten"),
        point=("52.07560", "5.31250"),
    ),
    Named(
        name="Buurthuis De Nieuwe Jutter",
        municipality="Utrecht",
        place="",
        founded_year=2017,
        legal_form="foundation",
        themes=("Welzijn", "Eenzaamheid", "Participatie"),
        target_groups=("Alle bewoners",),
        pitch="Een buurthuis dat door bewoners zelf wordt gerund, met de deur open voor iedereen.",
        description=(
            "De Nieuwe Jutter is van de buurt. Vrijwilligers houden het huis open, bewoners "
            "bedenken het programma.\n\nJe kunt er terecht voor een kop koffie, een cursus, een "
            "repair café of gewoon een praatje. Een ruimte nodig voor je eigen activiteit? Vraag "
            "het ons."
        ),
        activities=("Open inloop met koffie", "Repair café", "Cursussen van en voor bewoners"),
    ),
    Named(
        name="Gelukkig en Vitaal Werkhoven Odijk Bunnik",
        municipality="Bunnik",
        place="Werkhoven",
        founded_year=2018,
        legal_form="foundation",
        themes=("Gezondheid", "Welzijn", "Zorg"),
        target_groups=("Ouderen", "Alle bewoners"),
        pitch="Inwoners van Werkhoven, Odijk en Bunnik werken samen aan een gezond en gelukkig leven.",
        description=(
            "Gezondheid is meer dan niet ziek zijn. Wij gaan uit van wat mensen zelf belangrijk "
            "vinden: meedoen, bewegen, ergens bij horen.\n\nIn de drie kernen organiseren we "
            "wandelgroepen, gesprekken over ouder worden en een vitaliteitsmarkt. Huisartsen en "
            "wijkverpleging denken met ons mee."
        ),
        activities=(
            "Wandelgroepen in drie kernen",
            "Vitaliteitsmarkt",
            "Gesprekken over ouder worden",
        ),
        point=("52.02460", "5.24390"),
    ),
    Named(
        name="Zegveld Zorgt",
        municipality="Woerden",
        place="Zegveld",
        founded_year=2016,
        legal_form="cooperative",
        themes=("Zorg", "Wonen", "Welzijn"),
        target_groups=("Ouderen", "Mantelzorgers"),
        pitch="Een coöperatie van dorpsgenoten die zorg en ondersteuning in Zegveld zelf organiseert.",
        description=(
            "Als coöperatie zijn de inwoners samen eigenaar. We organiseren hulp bij het "
            "huishouden, vervoer en dagbesteding in het dorp, zodat ouderen niet hoeven te "
            "verhuizen.\n\nWe denken ook mee over levensloopbestendige woningen in Zegveld."
        ),
        activities=("Dagbesteding in het dorp", "Hulp bij het huishouden", "Vervoersdienst"),
        point=("52.11600", "4.83810"),
    ),
    Named(
        name="Krachtstation Kanaleneiland",
        municipality="Utrecht",
        place="Kanaleneiland",
        founded_year=2013,
        legal_form="foundation",
        themes=("Participatie", "Welzijn", "Armoede"),
        target_groups=("Alle bewoners", "Nieuwkomers", "Jongeren"),
        pitch="Een plek in Kanaleneiland waar bewoners hun kracht ontdekken en samen aan de buurt bouwen.",
        description=(
            "In het Krachtstation komen bewoners, ondernemers en initiatieven samen. Er is "
            "ruimte om te werken, te leren en elkaar te ontmoeten.\n\nWe zijn vaak gastheer van "
            "bijeenkomsten van Utrechtse bewonersinitiatieven, en delen onze ruimte graag."
        ),
        activities=(
            "Werkplekken voor buurtondernemers",
            "Ontmoetingen en bijeenkomsten",
            "Taalmaatjes",
        ),
        address="Amerikalaan 199, 3526 VD Utrecht",
        point=("52.07320", "5.09540"),
    ),
]


# Villages and neighbourhoods per municipality, for the generated initiatives.
PLACES = {
    "Utrecht": [
        "Lunetten",
        "Overvecht",
        "Ondiep",
        "Leidsche Rijn",
        "Vleuten",
        "De Meern",
        "Hoograven",
        "Tuindorp",
        "Wittevrouwen",
        "Oog in Al",
        "Transwijk",
        "Lombok",
        "Terwijde",
        "Zuilen",
        "Kanaleneiland",
        "Rivierenwijk",
        "Votulast",
    ],
    "Amersfoort": [
        "Vathorst",
        "Kattenbroek",
        "Schothorst",
        "Liendert",
        "Soesterkwartier",
        "Randenbroek",
        "Hooglanderveen",
        "Kruiskamp",
        "Nieuwland",
        "Hoogland",
    ],
    "Zeist": ["Den Dolder", "Bosch en Duin", "Huis ter Heide", "Zeist-West", "Crosestein"],
    "Nieuwegein": ["Batau", "Galecop", "Vreeswijk", "Fokkesteeg", "Jutphaas", "Doorslag"],
    "Utrechtse Heuvelrug": ["Doorn", "Driebergen", "Leersum", "Amerongen", "Maarn", "Maarsbergen"],
    "De Bilt": ["Bilthoven", "Maartensdijk", "Westbroek", "Groenekan", "Hollandsche Rading"],
    "Houten": ["Houten-Noord", "Houten-Zuid", "'t Goy", "Schalkwijk", "Tull en 't Waal"],
    "Stichtse Vecht": ["Maarssen", "Breukelen", "Loenen", "Kockengen", "Nigtevecht", "Tienhoven"],
    "Woerden": ["Harmelen", "Kamerik", "Woerden-Oost", "Molenvliet"],
    "Veenendaal": ["Dragonder", "Petenbos", "Veenendaal-Oost", "Engelenburg"],
    "Soest": ["Soesterberg", "Soest-Zuid", "Soestduinen"],
    "IJsselstein": ["Zenderpark", "IJsselveld", "Nijpoort"],
    "De Ronde Venen": ["Mijdrecht", "Vinkeveen", "Wilnis", "Abcoude"],
    "Vijfheerenlanden": ["Vianen", "Leerdam", "Lexmond", "Everdingen"],
    "Leusden": ["Leusden-Zuid", "Stoutenburg"],
    "Bunnik": ["Odijk", "Bunnik"],
    "Wijk bij Duurstede": ["Cothen", "Langbroek", "Wijk bij Duurstede"],
    "Baarn": ["Baarn", "Lage Vuursche"],
    "Rhenen": ["Elst", "Achterberg"],
    "Bunschoten": ["Spakenburg", "Eemdijk"],
    "Woudenberg": ["Woudenberg"],
    "Montfoort": ["Linschoten"],
}

# Towns whose neighbourhoods are not villages: no "Dorpsraad Overvecht".
CITIES = {"Utrecht", "Amersfoort", "Nieuwegein", "Veenendaal"}
VILLAGE_PATTERNS = {"Dorpsraad {place}", "{place} Zorgt"}

# How many generated, approved initiatives each municipality gets: uneven on purpose, and some
# municipalities (Lopik, Oudewater, Renswoude, Eemnes) get none: they are the white spots.
QUOTAS = {
    "Utrecht": 36, "Amersfoort": 16, "Zeist": 8, "Nieuwegein": 8, "Utrechtse Heuvelrug": 8,
    "De Bilt": 7, "Houten": 7, "Stichtse Vecht": 7, "Woerden": 6, "Veenendaal": 6, "Soest": 5,
    "IJsselstein": 4, "De Ronde Venen": 4, "Vijfheerenlanden": 4, "Leusden": 3, "Bunnik": 3,
    "Wijk bij Duurstede": 3, "Baarn": 2, "Rhenen": 2, "Bunschoten": 2, "Woudenberg": 1,
    "Montfoort": 1,
}  # fmt: skip

# New approved initiatives per founding year, the named ones included: fewer than five in 2013,
# more than 150 now.
NEW_PER_YEAR = {
    2013: 3, 2014: 5, 2015: 8, 2016: 10, 2017: 12, 2018: 14, 2019: 14, 2020: 11, 2021: 13,
    2022: 14, 2023: 15, 2024: 14, 2025: 13, 2026: 6,
}  # fmt: skip


@dataclass(frozen=True)
class Pattern:
    """A kind of initiative: its name, what it says about itself, and how often it occurs."""

    name: str
    weight: int
    themes: tuple[str, ...]
    target_groups: tuple[str, ...]
    pitch: str
    what: str
    activities: tuple[str, ...] = field(default=())


PATTERNS = [
    Pattern(
        "Buurtkracht {place}", 8, ("Welzijn", "Participatie"), ("Alle bewoners",),
        "Buren in {place} helpen elkaar met kleine klussen, boodschappen en een luisterend oor.",
        "Wie hulp nodig heeft, belt of appt ons; een buurtgenoot die in de buurt woont, komt langs.",
        ("Burenhulp op afroep", "Maandelijkse buurtborrel"),
    ),
    Pattern(
        "Samen Sterk {place}", 6, ("Participatie", "Leefbaarheid"), ("Alle bewoners",),
        "Bewoners van {place} die samen de buurt mooier, veiliger en gezelliger maken.",
        "We pakken aan wat bewoners belangrijk vinden: een donkere steeg, een kale speelplek, een straatfeest.",
        ("Buurtschouw", "Straatfeest", "Opruimactie"),
    ),
    Pattern(
        "Repair Café {place}", 6, ("Leefbaarheid", "Participatie"), ("Alle bewoners",),
        "Samen repareren in plaats van weggooien: elke maand een Repair Café in {place}.",
        "Handige vrijwilligers repareren kapotte lampen, fietsen, kleding en koffiezetapparaten, terwijl je erbij zit en meekijkt.",
        ("Repair Café elke derde zaterdag",),
    ),
    Pattern(
        "Buurtmoestuin {place}", 5, ("Natuur en groen", "Gezondheid"), ("Alle bewoners", "Kinderen en gezinnen"),
        "Een moestuin in {place} waar buren samen zaaien, wieden en oogsten.",
        "Iedereen mag meedoen, ook zonder groene vingers. De oogst delen we, en wat over is gaat naar de voedselbank.",
        ("Tuinochtend op woensdag", "Oogstfeest in september"),
    ),
    Pattern(
        "Eettafel {place}", 7, ("Eenzaamheid", "Welzijn"), ("Ouderen", "Alle bewoners"),
        "Samen eten in {place}: een warme maaltijd en goed gezelschap voor een kleine prijs.",
        "Vrijwilligers koken elke week een driegangenmaaltijd. Aan tafel ontstaan vriendschappen die ook buiten de eettafel doorgaan.",
        ("Gezamenlijke maaltijd op donderdag",),
    ),
    Pattern(
        "Energiecoöperatie {place}", 1, ("Energie", "Leefbaarheid"), ("Alle bewoners",),
        "Bewoners van {place} wekken samen duurzame energie op en helpen elkaar besparen.",
        "Energiecoaches komen gratis bij je thuis kijken waar je kunt besparen. Met de opbrengst van ons zonnedak steunen we de buurt.",
        ("Energiecoaches aan huis", "Zonnedak op de sporthal"),
    ),
    Pattern(
        "{place} Zorgt", 5, ("Zorg", "Welzijn"), ("Ouderen", "Mantelzorgers"),
        "Dorpsgenoten organiseren samen zorg en hulp, zodat ouderen in {place} thuis kunnen blijven wonen.",
        "Een vast aanspreekpunt brengt vragen en vrijwilligers bij elkaar, en weet wanneer een professional nodig is.",
        ("Vervoer naar huisarts en ziekenhuis", "Boodschappendienst"),
    ),
    Pattern(
        "Taalcafé {place}", 1, ("Laaggeletterdheid", "Participatie"), ("Nieuwkomers",),
        "Nederlands oefenen in een ontspannen sfeer, met buren uit {place} als taalmaatje.",
        "Bij het taalcafé praat je over alledaagse dingen. Wie wil, krijgt een taalmaatje voor één uur per week.",
        ("Taalcafé op zaterdagochtend", "Taalmaatjes"),
    ),
    Pattern(
        "Voedselhulp {place}", 1, ("Armoede",), ("Mensen met weinig geld",),
        "Buren in {place} zorgen dat niemand met honger naar bed gaat.",
        "We halen overgebleven voedsel op bij winkels en delen het uit, zonder formulieren of wachtlijst.",
        ("Uitdeelpunt op dinsdag en vrijdag",),
    ),
    Pattern(
        "Wandelclub {place} in Beweging", 3, ("Gezondheid", "Eenzaamheid"), ("Ouderen", "Alle bewoners"),
        "Elke week samen wandelen door {place}, in je eigen tempo.",
        "Een wandeling is een makkelijke manier om mensen te leren kennen. Na afloop drinken we samen koffie.",
        ("Wandeling op maandag en vrijdag",),
    ),
    Pattern(
        "Groen Dichtbij {place}", 3, ("Natuur en groen", "Leefbaarheid"), ("Alle bewoners",),
        "Bewoners van {place} vergroenen hun straten, pleinen en geveltuinen.",
        "We adopteren boomspiegels, leggen geveltuinen aan en vervangen tegels door planten.",
        ("Tegelwipdag", "Geveltuinen aanleggen"),
    ),
    Pattern(
        "Ontmoetingshuis {place}", 5, ("Welzijn", "Eenzaamheid"), ("Alle bewoners",),
        "Een huiskamer voor heel {place}: binnenlopen, koffie drinken en meedoen.",
        "Vrijwilligers houden het huis vijf dagen per week open. Bewoners organiseren er zelf activiteiten.",
        ("Open inloop", "Handwerkclub", "Spelletjesmiddag"),
    ),
    Pattern(
        "Mantelzorgcafé {place}", 2, ("Zorg", "Welzijn"), ("Mantelzorgers",),
        "Even op adem komen: mantelzorgers in {place} ontmoeten en steunen elkaar.",
        "Eens per maand praten mantelzorgers met elkaar over wat hen bezighoudt. Soms schuift een deskundige aan.",
        ("Mantelzorgcafé elke tweede dinsdag",),
    ),
    Pattern(
        "Buurtbus {place}", 2, ("Leefbaarheid", "Zorg"), ("Ouderen", "Mensen met een beperking"),
        "Vrijwillige chauffeurs brengen bewoners van {place} waar ze naartoe moeten.",
        "Sinds de lijnbus minder vaak rijdt, rijden wij. Naar de markt, de fysiotherapeut of op visite.",
        ("Vaste ritten op werkdagen",),
    ),
    Pattern(
        "Jongerenplek {place}", 2, ("Participatie", "Welzijn"), ("Jongeren",),
        "Jongeren in {place} maken hun eigen plek, met hun eigen plannen.",
        "Jongeren bedenken zelf wat er gebeurt: een filmavond, een toernooi, huiswerkbegeleiding door ouderejaars.",
        ("Huiswerkhulp", "Filmavond"),
    ),
    Pattern(
        "Klussendienst {place}", 3, ("Wonen", "Zorg"), ("Ouderen", "Mensen met weinig geld"),
        "Handige buren in {place} doen kleine klussen voor wie dat zelf niet meer kan.",
        "Een lekkende kraan, een lamp ophangen, een drempel weghalen: onze klussers helpen tegen een kleine vergoeding voor het materiaal.",
        ("Klussen aan huis",),
    ),
    Pattern(
        "Woongroep {place}", 2, ("Wonen", "Welzijn"), ("Ouderen",),
        "Samen oud worden in {place}: bewoners bouwen aan een woongroep waar je naar elkaar omkijkt.",
        "We zoeken met de gemeente en de woningcorporatie naar een plek voor een hofje met een gemeenschappelijke ruimte.",
        ("Informatieavonden", "Bezoek aan bestaande woongroepen"),
    ),
    Pattern(
        "Dorpsraad {place}", 3, ("Leefbaarheid", "Wonen"), ("Alle bewoners",),
        "De stem van {place}: bewoners denken mee over alles wat het dorp aangaat.",
        "We houden de gemeente scherp, maar pakken ook zelf dingen op, zoals de dorpsagenda en het onderhoud van het speelveld.",
        ("Dorpsavond twee keer per jaar",),
    ),
    Pattern(
        "Kledingbank {place}", 1, ("Armoede",), ("Mensen met weinig geld", "Kinderen en gezinnen"),
        "Goede tweedehands kleding, gratis voor gezinnen in {place} die het even krap hebben.",
        "Buurtgenoten brengen kleding die ze niet meer dragen; vrijwilligers sorteren en geven het een tweede leven.",
        ("Kledingbank open op woensdag",),
    ),
    Pattern(
        "Vitaal {place}", 3, ("Gezondheid", "Welzijn"), ("Ouderen", "Alle bewoners"),
        "Bewegen, gezond eten en meedoen: inwoners van {place} houden elkaar vitaal.",
        "Van stoelyoga tot een kookworkshop: we doen wat bewoners zelf leuk vinden, dicht bij huis.",
        ("Stoelyoga", "Kookworkshops"),
    ),
    Pattern(
        "Thuis in {place}", 1, ("Participatie", "Welzijn"), ("Nieuwkomers",),
        "Nieuwe inwoners van {place} snel thuis laten voelen, met een buur als wegwijzer.",
        "Een buddy helpt met de weg naar school, huisarts en sportclub, en neemt je mee naar wat er in de buurt te doen is.",
        ("Buddy's voor nieuwkomers",),
    ),
    Pattern(
        "Huiskamer van {place}", 3, ("Eenzaamheid", "Welzijn"), ("Ouderen",),
        "Een warme plek in {place} voor wie wat vaker gezelschap zoekt.",
        "Drie ochtenden per week staat de koffie klaar. Er is altijd iemand om mee te praten.",
        ("Koffieochtenden",),
    ),
]  # fmt: skip

# How an initiative started, and what it asks of readers: added to each description.
ORIGINS = [
    "Het begon in {year} met een paar buren die vonden dat het anders kon.",
    "In {year} kwamen bewoners bij elkaar na een buurtavond; sindsdien zijn we niet meer gestopt.",
    "Sinds {year} groeit de groep ieder jaar, vooral doordat mensen het aan elkaar vertellen.",
    "We zijn in {year} begonnen met een klein budget uit het initiatievenfonds van de gemeente.",
    "Na een rondgang langs de deuren in {year} wisten we wat de buurt echt nodig had.",
    "Het idee ontstond in {year} aan de keukentafel van twee buurvrouwen.",
]
INVITATIONS = [
    "Wil je meedoen of heb je een idee? Je bent van harte welkom.",
    "We zoeken altijd mensen die een paar uur per maand willen helpen.",
    "Andere initiatieven die iets vergelijkbaars willen, delen we graag onze ervaring mee.",
    "Kom gerust eens kijken; de koffie staat klaar.",
    "Alles draait op vrijwilligers, en iedere hand is welkom.",
]

NEEDS = {
    "volunteers": [
        "Vrijwilligers die één ochtend per week koffie willen schenken.",
        "Chauffeurs met rijbewijs B voor ritten naar huisarts en ziekenhuis.",
        "Iemand die onze website en sociale media wil bijhouden.",
        "Maatjes voor ouderen die weinig bezoek krijgen.",
    ],
    "expertise": [
        "Hulp bij het schrijven van een subsidieaanvraag.",
        "Iemand met verstand van boekhouden die onze penningmeester wil ondersteunen.",
        "Advies over hoe we onze maatschappelijke waarde kunnen laten zien.",
        "Kennis over privacy en het bijhouden van een deelnemerslijst.",
    ],
    "space": [
        "Een ruimte voor twintig mensen op dinsdagavond.",
        "Een droge opslagplek voor tafels, stoelen en een partytent.",
        "Een keuken waar we één keer per week kunnen koken voor dertig mensen.",
    ],
    "materials": [
        "Tuingereedschap voor de buurtmoestuin.",
        "Een beamer en scherm voor onze bijeenkomsten.",
        "Tweedehands laptops voor het digicafé.",
    ],
}
OFFERS = {
    # As many offers per category as before, so the generated demo network stays the same; each
    # fits one of the needs above, so "what fits" has something to show.
    "space": [
        "Onze zaal voor twintig mensen is op dinsdagavond en woensdagmiddag vrij voor andere initiatieven.",
        "Droge opslagruimte in onze schuur voor tafels, stoelen of een partytent.",
    ],
    "expertise": [
        "Hulp bij het schrijven van een subsidieaanvraag voor het initiatievenfonds van de gemeente.",
        "Ervaring met het vinden en vasthouden van vrijwilligers: we vertellen er graag over.",
        "Onze penningmeester helpt graag met boekhouden en de jaarrekening.",
        "Een workshop over privacy: zo houd je een deelnemerslijst veilig bij.",
    ],
    "materials": [
        "Tuingereedschap om te lenen: schoppen, harken en een kruiwagen.",
        "Een beamer, een scherm en twee tweedehands laptops om te lenen.",
    ],
    "volunteers": [
        "Onze vrijwillige chauffeurs rijden ook mensen van andere initiatieven naar huisarts en ziekenhuis.",
    ],
}

# Pending registrations, so the coordinator's review queue has work in it.
PENDING = [
    ("Buurtmoestuin De Wetering", "Utrecht", "Leidsche Rijn", "Buurtmoestuin {place}"),
    ("Samen Sterk Lopik", "Lopik", "Lopik", "Samen Sterk {place}"),
    ("Taalcafé Renswoude", "Renswoude", "Renswoude", "Taalcafé {place}"),
    ("Eettafel Oudewater", "Oudewater", "Oudewater", "Eettafel {place}"),
]


@dataclass(frozen=True)
class DemoAdmin:
    email: str
    name: str
    initiative: str


# The admins besides accounts.demo.MEMBER_EMAIL (who looks after De Kracht van Zuilen); the
# last four registered the pending initiatives.
ADMINS = [
    DemoAdmin("hoogland@demo.omziennaarelkaar.nl", "Anouk van Dijk", "Vereniging Dorpsbelangen Hoogland"),
    DemoAdmin("austerlitz@demo.omziennaarelkaar.nl", "Fatima El Amrani", "Austerlitz Zorgt"),
    DemoAdmin("zegveld@demo.omziennaarelkaar.nl", "Joke Verhoef", "Zegveld Zorgt"),
    DemoAdmin("wetering@demo.omziennaarelkaar.nl", "Sem de Bruijn", "Buurtmoestuin De Wetering"),
    DemoAdmin("lopik@demo.omziennaarelkaar.nl", "Gerrit Bos", "Samen Sterk Lopik"),
    DemoAdmin("renswoude@demo.omziennaarelkaar.nl", "Yara Haddad", "Taalcafé Renswoude"),
    DemoAdmin("oudewater@demo.omziennaarelkaar.nl", "Marleen Kok", "Eettafel Oudewater"),
]  # fmt: skip


@dataclass(frozen=True)
class DemoClaim:
    """Someone who says an initiative without a team is theirs, waiting for a coordinator."""

    email: str
    name: str
    initiative: str
    message: str


CLAIMS = [
    DemoClaim(
        "nieuwland@demo.omziennaarelkaar.nl",
        "Ruud Jansen",
        "Samen maken we Nieuwland",
        "Ik ben penningmeester van onze bewonersvereniging en organiseer elk jaar het buurtfeest "
        "op het Nieuwlandplein. De andere bestuursleden vragen of ik de pagina wil bijhouden.",
    ),
    DemoClaim(
        "kanaleneiland@demo.omziennaarelkaar.nl",
        "Samira Bouzid",
        "Krachtstation Kanaleneiland",
        "Sinds 2021 coördineer ik de vrijwilligers van het Krachtstation. Je kunt me op "
        "dinsdagochtend ook in het buurthuis vinden.",
    ),
]
