"""The demo fund's content, written for the portal in Dutch: data, not interface text.

The funders are the kinds of partners the network's texts name (the province, a municipality, a
bank, a foundation); the applications come from the initiatives the texts name, in our own words.
Amounts are in whole cents. Days are counted from the day the demo is loaded (negative: before).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    # The initiative the person is an admin of, made by the fund's demo (it had no team).
    admin_of: str = ""


COMMITTEE_EMAIL = "fondscommissie@demo.omziennaarelkaar.nl"
TREASURER_EMAIL = "penningmeester@demo.omziennaarelkaar.nl"

COMMITTEE = [
    DemoPerson(COMMITTEE_EMAIL, "Henk Mulder"),
    DemoPerson("ingrid@demo.omziennaarelkaar.nl", "Ingrid de Wit"),
    DemoPerson(
        "mehmet@demo.omziennaarelkaar.nl", "Mehmet Yılmaz", "Door Achterveld Voor Achterveld"
    ),
]
TREASURER = DemoPerson(TREASURER_EMAIL, "Wilma Hendriks")
# Admins for named initiatives that have no team in the directory's demo.
APPLICANTS = [
    DemoPerson("jutter@demo.omziennaarelkaar.nl", "Kees Hoekstra", "Buurthuis De Nieuwe Jutter"),
    DemoPerson(
        "bunnik@demo.omziennaarelkaar.nl",
        "Els Wijnands",
        "Gelukkig en Vitaal Werkhoven Odijk Bunnik",
    ),
]


@dataclass(frozen=True)
class DemoFunder:
    name: str
    slug: str
    kind: str
    description: str
    website: str
    amount_cents: int
    received_day: int
    reference: str
    earmark_municipality: str = ""
    earmark_theme: str = ""
    note: str = ""


FUNDERS = [
    DemoFunder(
        name="Provincie Utrecht",
        slug="provincie-utrecht",
        kind="province",
        description=(
            "De provincie legt geld in omdat bewoners in dorpen en wijken veel doen voor welzijn, "
            "wonen en zorg. Haar bijdrage is voor initiatieven in de hele provincie, zonder "
            "voorwaarden over plaats of thema."
        ),
        website="https://www.provincie-utrecht.nl",
        amount_cents=60_000_00,
        received_day=-420,
        reference="PU-SUB-2291",
        note="Subsidiebeschikking voor twee jaar; de tweede helft volgt na het jaarverslag.",
    ),
    DemoFunder(
        name="Gemeente Amersfoort",
        slug="gemeente-amersfoort",
        kind="municipality",
        description=(
            "De gemeente Amersfoort draagt bij aan het fonds voor initiatieven in Amersfoort, "
            "Hoogland en Hooglanderveen. Dit geld gaat alleen naar initiatieven in de gemeente "
            "Amersfoort."
        ),
        website="https://www.amersfoort.nl",
        amount_cents=12_000_00,
        received_day=-300,
        reference="AMF-2024-0871",
        earmark_municipality="Amersfoort",
    ),
    DemoFunder(
        name="Coöperatiefonds Rabobank Utrecht",
        slug="cooperatiefonds-rabobank-utrecht",
        kind="bank",
        description=(
            "Het coöperatiefonds van de bank steunt plannen van bewoners die hun buurt of dorp "
            "sterker maken. Het stelt geen voorwaarden aan plaats of thema."
        ),
        website="",
        amount_cents=15_000_00,
        received_day=-260,
        reference="RCF-7734",
    ),
    DemoFunder(
        name="Stichting Nabuurfonds Utrecht",
        slug="stichting-nabuurfonds-utrecht",
        kind="foundation",
        description=(
            "Een fonds dat zich inzet tegen eenzaamheid. Zijn bijdrage is alleen voor aanvragen "
            "met het thema eenzaamheid: plannen waarmee mensen die alleen staan weer anderen "
            "ontmoeten."
        ),
        website="",
        amount_cents=8_000_00,
        received_day=-200,
        reference="NBF-23-014",
        earmark_theme="Eenzaamheid",
    ),
]


@dataclass(frozen=True)
class DemoCriterion:
    name: str
    description: str
    weight: int


CRITERIA = [
    DemoCriterion(
        "Bewoners doen het zelf",
        "Het plan komt van bewoners, en zij voeren het ook zelf uit.",
        3,
    ),
    DemoCriterion(
        "Wat de buurt nodig heeft",
        "Het plan speelt in op een vraag die in de buurt of het dorp leeft.",
        2,
    ),
    DemoCriterion(
        "Haalbaar en zuinig",
        "De begroting klopt, en het plan lukt met de mensen die er zijn.",
        1,
    ),
]


@dataclass(frozen=True)
class DemoRound:
    key: str
    name: str
    description: str
    opens_day: int
    closes_day: int
    decisions_day: int
    max_per_application_cents: int
    # (funder name, cents) taken from the fund into the round's budget.
    budget: tuple[tuple[str, int], ...]
    first_timers_first: bool = False


ROUNDS = [
    DemoRound(
        key="closed",
        name="Startronde",
        description=(
            "De eerste ronde van het gemeenschapsfonds. Voor plannen van bewoners die hun buurt of "
            "dorp sterker maken: ontmoeting, zorg voor elkaar, een leefbare omgeving. Je kunt "
            "aanvragen voor activiteiten en kleine aanschaffen, niet voor een gebouw of een "
            "verbouwing."
        ),
        opens_day=-240,
        closes_day=-180,
        decisions_day=-150,
        max_per_application_cents=7_500_00,
        budget=(("Gemeente Amersfoort", 6_000_00), ("Provincie Utrecht", 14_000_00)),
    ),
    DemoRound(
        key="open",
        name="Ontmoeten",
        description=(
            "Deze ronde is voor plannen waarmee mensen elkaar ontmoeten, en in het bijzonder voor "
            "wie alleen staat. Initiatieven die nog nooit geld van het fonds kregen, gaan voor. "
            "Twee leden van de commissie lezen elke aanvraag voordat de commissie besluit."
        ),
        opens_day=-14,
        closes_day=28,
        decisions_day=56,
        max_per_application_cents=5_000_00,
        budget=(
            ("Provincie Utrecht", 10_000_00),
            ("Stichting Nabuurfonds Utrecht", 5_000_00),
            ("Gemeente Amersfoort", 3_000_00),
        ),
        first_timers_first=True,
    ),
    DemoRound(
        key="coming",
        name="Sterke buurten",
        description=(
            "De volgende ronde voor alle plannen van bewoners die hun buurt of dorp sterker maken. "
            "Lees de criteria alvast; vanaf de openingsdatum kun je aanvragen."
        ),
        opens_day=60,
        closes_day=120,
        decisions_day=150,
        max_per_application_cents=5_000_00,
        budget=(("Coöperatiefonds Rabobank Utrecht", 10_000_00),),
    ),
]


@dataclass(frozen=True)
class DemoReview:
    reviewer: str  # e-mail
    scores: tuple[int, int, int]
    recommendation: str  # award, part, reject
    comment: str
    recommended_cents: int | None = None
    submitted: bool = True


@dataclass(frozen=True)
class DemoPayout:
    cents: int
    description: str
    proposed_day: int
    # The approver's e-mail and day; no approver: still waiting for a second person.
    approved_by: str = ""
    approved_day: int = 0


@dataclass(frozen=True)
class DemoReport:
    status: str  # submitted or accepted
    story: str
    photo_description: str
    people_reached: int
    volunteers: int
    volunteer_hours: int
    spent_cents: int
    submitted_day: int
    # Spent per budget line, in the order of the lines (the fuller report).
    spent_per_line: tuple[int, ...] = ()
    receipts: tuple[str, ...] = ()
    accepted_by: str = ""
    accepted_day: int = 0
    committee_note: str = ""


@dataclass(frozen=True)
class DemoApplication:
    round: str  # DemoRound.key
    initiative: str
    title: str
    summary: str
    plan: str
    why: str
    for_whom: str
    theme: str
    lines: tuple[tuple[str, int], ...]
    status: str = "submitted"  # draft or submitted (and then decided, when `outcome` is set)
    created_day: int = -20
    submitted_day: int | None = None
    reviews: tuple[DemoReview, ...] = ()
    # The decision: award, part or reject; the amount; the reason; who, and on which day.
    outcome: str = ""
    awarded_cents: int = 0
    reason: str = ""
    decided_by: str = ""
    payouts: tuple[DemoPayout, ...] = ()
    report: DemoReport | None = None
    grant_status: str = ""  # awarded, reporting or settled

    @property
    def amount_cents(self) -> int:
        return sum(cents for _, cents in self.lines)


HENK, INGRID, MEHMET = (person.email for person in COMMITTEE)
DECIDED_DAY = -160

APPLICATIONS = [
    DemoApplication(
        round="closed",
        initiative="Vereniging Dorpsbelangen Hoogland",
        title="Bankjes en een ommetje rond het Dorpsplein",
        summary=(
            "Zes bankjes langs een rondje van twee kilometer door het dorp, zodat ouderen onderweg "
            "kunnen uitrusten en elkaar vaker tegenkomen."
        ),
        plan=(
            "Op een buurtavond in het voorjaar kwamen veertig dorpsgenoten. Veel ouderen vertelden "
            "dat ze niet meer naar het Dorpsplein lopen, omdat ze onderweg nergens kunnen zitten.\n\n"
            "We zetten zes bankjes langs een vast ommetje. Vrijwilligers van de vereniging plaatsen "
            "ze samen met de gemeente, die het onderhoud daarna overneemt. De basisschool maakt de "
            "bordjes met de route. Eén keer per maand lopen we het ommetje samen, met koffie na "
            "afloop in de kerk."
        ),
        why=(
            "Wie niet meer goed ter been is, blijft thuis en ziet steeds minder mensen. Een rondje "
            "met rustpunten maakt het verschil tussen binnen blijven en erop uit gaan."
        ),
        for_whom="Ouderen in Hoogland, en iedereen die graag een ommetje maakt.",
        theme="Leefbaarheid",
        lines=(
            ("Zes bankjes van gerecycled kunststof", 3_600_00),
            ("Routebordjes, gemaakt met de basisschool", 450_00),
            ("Koffie en thee bij de maandelijkse wandeling, een jaar lang", 750_00),
        ),
        created_day=-215,
        submitted_day=-200,
        reviews=(
            DemoReview(
                HENK,
                (5, 5, 4),
                "award",
                "Sterk plan uit het dorp zelf, en de gemeente neemt het onderhoud over.",
            ),
            DemoReview(
                INGRID,
                (5, 4, 4),
                "award",
                "Goed onderbouwd met de buurtavond. De koffie na de wandeling maakt het af.",
            ),
            DemoReview(
                MEHMET,
                (4, 4, 5),
                "award",
                "Zuinige begroting; de bankjes gaan lang mee.",
            ),
        ),
        outcome="award",
        awarded_cents=4_800_00,
        reason=(
            "Het plan komt van veertig dorpsgenoten, de vereniging voert het zelf uit en de "
            "gemeente neemt het onderhoud over. De begroting is zorgvuldig."
        ),
        decided_by=HENK,
        payouts=(
            DemoPayout(3_000_00, "Eerste deel: de bankjes", -158, INGRID, -157),
            DemoPayout(1_500_00, "Laatste deel, na de verantwoording", -44, HENK, -43),
        ),
        report=DemoReport(
            status="accepted",
            story=(
                "De zes bankjes staan sinds de zomer langs het ommetje. De kinderen van groep 7 "
                "maakten de bordjes en liepen de route bij de opening mee. Elke eerste donderdag "
                "van de maand lopen we samen, met gemiddeld achttien dorpsgenoten; daarna drinken "
                "we koffie in de kerk.\n\nTwee bewoners die al een jaar niet meer bij het plein "
                "kwamen, lopen nu wekelijks het rondje. De bankjes waren iets goedkoper dan "
                "begroot; dat geld gaat terug naar het fonds."
            ),
            photo_description="Drie dorpsgenoten op een van de nieuwe bankjes langs het ommetje.",
            people_reached=320,
            volunteers=14,
            volunteer_hours=210,
            spent_cents=4_500_00,
            submitted_day=-45,
            spent_per_line=(3_420_00, 430_00, 650_00),
            receipts=("factuur-bankjes.jpg", "bon-drukwerk-bordjes.jpg"),
            accepted_by=INGRID,
            accepted_day=-40,
            committee_note="Mooi verslag, dank jullie wel. Het ommetje mag navolging krijgen.",
        ),
        grant_status="settled",
    ),
    DemoApplication(
        round="closed",
        initiative="Austerlitz Zorgt",
        title="Vrijwillige chauffeurs naar de huisarts en het ziekenhuis",
        summary=(
            "Vrijwilligers rijden ouderen uit Austerlitz naar de huisarts, de fysiotherapeut en het "
            "ziekenhuis in Zeist, voor een kleine vergoeding."
        ),
        plan=(
            "Twaalf dorpsgenoten rijden in hun eigen auto. Een coördinator plant de ritten per "
            "telefoon. We vergoeden de kilometers en sluiten een verzekering af voor de "
            "chauffeurs. Met een tablet houden we de ritten en de planning bij."
        ),
        why=(
            "Er rijdt geen bus meer door Austerlitz. Ouderen zonder auto zijn afhankelijk van "
            "familie, die vaak ver weg woont, of van een dure taxi."
        ),
        for_whom="Ouderen en mensen zonder auto in Austerlitz.",
        theme="Zorg",
        lines=(
            ("Kilometervergoeding voor de chauffeurs, een jaar", 3_000_00),
            ("Verzekering voor vrijwillige chauffeurs", 500_00),
            ("Tablet en planningsprogramma", 1_100_00),
            ("Scholing: veilig rijden met ouderen", 1_400_00),
        ),
        created_day=-220,
        submitted_day=-196,
        reviews=(
            DemoReview(
                HENK,
                (5, 5, 3),
                "part",
                "Heel nodig. De kilometers en de verzekering passen; de tablet en de scholing zijn "
                "niet nodig om te beginnen.",
                3_500_00,
            ),
            DemoReview(
                MEHMET,
                (5, 5, 3),
                "part",
                "Eens met Henk: begin met het rijden, de rest kan later.",
                3_500_00,
            ),
        ),
        outcome="part",
        awarded_cents=3_500_00,
        reason=(
            "Het vervoer is hard nodig in een dorp zonder bus. De commissie betaalt de "
            "kilometervergoeding en de verzekering. De tablet en de scholing horen niet bij wat "
            "nodig is om te beginnen; die kun je in een volgende ronde aanvragen."
        ),
        decided_by=HENK,
        payouts=(DemoPayout(3_500_00, "Het hele bedrag in één keer", -156, HENK, -155),),
        grant_status="reporting",
    ),
    DemoApplication(
        round="closed",
        initiative="Zegveld Zorgt",
        title="Een nieuwe keuken voor het dorpshuis",
        summary="De keuken van het dorpshuis vervangen, zodat we er samen kunnen koken.",
        plan=(
            "De oude keuken is versleten en voldoet niet meer aan de regels. We laten een nieuwe "
            "keuken plaatsen, met een groter fornuis en een vaatwasser, zodat vrijwilligers er "
            "wekelijks voor dorpsgenoten kunnen koken."
        ),
        why="Zonder goede keuken kunnen we geen maaltijden voor ouderen in het dorp koken.",
        for_whom="Ouderen in Zegveld die alleen eten.",
        theme="Zorg",
        lines=(
            ("Keukenblok en apparatuur", 6_200_00),
            ("Plaatsen en aansluiten", 1_300_00),
        ),
        created_day=-230,
        submitted_day=-190,
        reviews=(
            DemoReview(
                INGRID,
                (4, 4, 2),
                "reject",
                "Het koken is een mooi plan, maar dit is een verbouwing van het gebouw.",
            ),
            DemoReview(
                MEHMET,
                (4, 3, 2),
                "reject",
                "Past niet bij de ronde: geen gebouwen. Wel aanmoedigen om het koken zelf aan te "
                "vragen.",
            ),
        ),
        outcome="reject",
        reason=(
            "Een nieuwe keuken is een verbouwing van het dorpshuis, en deze ronde is voor "
            "activiteiten van bewoners, niet voor gebouwen. Vraag de eigenaar van het dorpshuis of "
            "de gemeente naar de keuken. Voor het samen koken en eten zelf kun je in een volgende "
            "ronde opnieuw aanvragen."
        ),
        decided_by=INGRID,
    ),
    DemoApplication(
        round="closed",
        initiative="Buurthuis De Nieuwe Jutter",
        title="Kookclub voor jongeren en ouderen",
        summary=(
            "Elke week koken jongeren en ouderen uit de buurt samen in De Nieuwe Jutter, en eten ze "
            "met wie wil aanschuiven."
        ),
        plan=(
            "Op woensdagmiddag koken vier jongeren en vier ouderen onder leiding van een "
            "vrijwillige kok. Om zes uur schuiven buren aan voor een maaltijd van drie euro. De "
            "jongeren leren koken; de ouderen vertellen over vroeger en eten niet alleen."
        ),
        why=(
            "In de buurt wonen veel ouderen alleen, en jongeren hebben weinig plekken om heen te "
            "gaan. Samen koken brengt ze bij elkaar."
        ),
        for_whom="Jongeren van 14 tot 18 jaar en ouderen uit de buurt.",
        theme="Eenzaamheid",
        lines=(
            ("Boodschappen voor veertig kookmiddagen", 4_000_00),
            ("Pannen, messen en schorten", 900_00),
            ("Vergoeding voor de vrijwillige kok", 1_600_00),
        ),
        created_day=-225,
        submitted_day=-185,
        reviews=(
            DemoReview(
                HENK, (5, 5, 4), "award", "Jongeren en ouderen samen: precies waar het om gaat."
            ),
            DemoReview(INGRID, (4, 5, 4), "award", "Realistische begroting, sterke vrijwilligers."),
            DemoReview(MEHMET, (5, 4, 4), "award", "Doen."),
        ),
        outcome="award",
        awarded_cents=6_500_00,
        reason=(
            "Het plan brengt jongeren en ouderen in de buurt samen, wordt door bewoners zelf "
            "gedragen en de begroting is realistisch."
        ),
        decided_by=INGRID,
        payouts=(
            DemoPayout(4_000_00, "Eerste deel: de eerste vijf maanden", -154, HENK, -153),
            DemoPayout(2_500_00, "Tweede deel: de rest van het jaar", -5),
        ),
        grant_status="awarded",
    ),
    DemoApplication(
        round="closed",
        initiative="Door Achterveld Voor Achterveld",
        title="Koffieochtend met vervoer voor wie slecht ter been is",
        summary=(
            "Elke dinsdag een koffieochtend in het dorpshuis, en vrijwilligers die wie slecht ter "
            "been is thuis ophalen."
        ),
        plan=(
            "Vrijwilligers halen dorpsgenoten met een rollator of rolstoel thuis op en brengen ze "
            "na afloop terug. In het dorpshuis staan koffie, een krant en een spel klaar."
        ),
        why=(
            "Ouderen die niet meer zelf naar het dorpshuis kunnen, zien bijna niemand meer. Met "
            "vervoer kunnen ze weer meedoen."
        ),
        for_whom="Ouderen in Achterveld die slecht ter been zijn.",
        theme="Eenzaamheid",
        lines=(
            ("Koffie, thee en iets lekkers, een jaar", 650_00),
            ("Vergoeding voor de rijders", 600_00),
        ),
        created_day=-210,
        submitted_day=-182,
        reviews=(
            DemoReview(
                HENK, (5, 4, 5), "award", "Klein bedrag, groot verschil voor wie anders thuis zit."
            ),
            DemoReview(INGRID, (5, 4, 5), "award", "Sympathiek en goed te doen."),
        ),
        outcome="award",
        awarded_cents=1_250_00,
        reason=(
            "Met een klein bedrag kunnen ouderen die slecht ter been zijn weer meedoen. Het plan "
            "wordt gedragen door dorpsgenoten."
        ),
        decided_by=HENK,
        payouts=(DemoPayout(1_250_00, "Het hele bedrag in één keer", -152, INGRID, -151),),
        report=DemoReport(
            status="submitted",
            story=(
                "Elke dinsdag komen er nu tussen de twaalf en twintig mensen naar de "
                "koffieochtend. Zes vrijwilligers rijden; sommige gasten worden elke week door "
                "dezelfde rijder gehaald en kennen elkaar nu goed. In december hielden we een "
                "kerstochtend met het koor van de basisschool."
            ),
            photo_description="Gasten en vrijwilligers aan de koffie in het dorpshuis van Achterveld.",
            people_reached=35,
            volunteers=9,
            volunteer_hours=260,
            spent_cents=1_250_00,
            submitted_day=-3,
        ),
        grant_status="reporting",
    ),
    # The open round: drafts, submitted applications and reviews in progress.
    DemoApplication(
        round="open",
        initiative="De Kracht van Zuilen",
        title="Huiskamer op zaterdag",
        summary=(
            "Op zaterdagmiddag een open huiskamer in Zuilen, voor wie in het weekend niemand "
            "spreekt."
        ),
        plan=(
            "We openen op zaterdag van twee tot vijf een huiskamer in het wijkcentrum. Vrijwilligers "
            "zetten koffie, er ligt een puzzel en wie wil kookt mee voor een eenvoudige maaltijd."
        ),
        why="Doordeweeks is er veel te doen in de wijk, maar in het weekend is het stil.",
        for_whom="Alleenwonende bewoners van Zuilen.",
        theme="Eenzaamheid",
        lines=(
            ("Huur van de ruimte op zaterdag", 1_200_00),
            ("Koffie, thee en boodschappen", 800_00),
        ),
        status="draft",
        created_day=-6,
    ),
    DemoApplication(
        round="open",
        initiative="Vereniging Dorpsbelangen Hoogland",
        title="Repaircafé in de oude bibliotheek",
        summary="Eén zaterdag per maand repareren dorpsgenoten samen spullen, met koffie erbij.",
        plan="Nog uitwerken met de vrijwilligers van het ommetje.",
        why="Spullen weggooien is zonde, en samen repareren is gezellig.",
        for_whom="Iedereen in Hoogland.",
        theme="Leefbaarheid",
        lines=(("Gereedschap", 900_00),),
        status="draft",
        created_day=-2,
    ),
    DemoApplication(
        round="open",
        initiative="Zegveld Zorgt",
        title="Samen koken en eten in het dorpshuis",
        summary=(
            "Twee keer per maand koken vrijwilligers in het dorpshuis een maaltijd voor "
            "dorpsgenoten die alleen eten."
        ),
        plan=(
            "Vier vrijwilligers koken op de eerste en derde donderdag van de maand. We gebruiken "
            "de keuken van de school naast het dorpshuis, die we mogen lenen. Een maaltijd kost "
            "vier euro; wie dat niet kan betalen, eet gratis mee."
        ),
        why=(
            "Veel ouderen in Zegveld eten alleen en koken nauwelijks meer voor zichzelf. Samen eten "
            "is gezonder en gezelliger."
        ),
        for_whom="Ouderen en alleenwonenden in Zegveld.",
        theme="Eenzaamheid",
        lines=(
            ("Boodschappen voor 24 maaltijden", 1_800_00),
            ("Vervoer voor wie niet zelf kan komen", 600_00),
        ),
        created_day=-12,
        submitted_day=-9,
        reviews=(
            DemoReview(
                HENK,
                (5, 5, 5),
                "award",
                "Netjes opnieuw aangevraagd na de vorige ronde, nu zonder verbouwing.",
            ),
            DemoReview(MEHMET, (5, 4, 5), "award", "Goed plan, goede samenwerking met de school."),
        ),
    ),
    DemoApplication(
        round="open",
        initiative="Gelukkig en Vitaal Werkhoven Odijk Bunnik",
        title="Wandelgroepen met koffie in drie dorpen",
        summary=(
            "In Werkhoven, Odijk en Bunnik een wekelijkse wandelgroep, met koffie na afloop, voor "
            "wie weinig mensen ziet."
        ),
        plan=(
            "Per dorp leiden twee vrijwilligers een wandeling van een uur. Huisartsen en de "
            "ouderenadviseur wijzen mensen op de groepen. Na afloop drinken we koffie bij een "
            "inwoner of in het dorpshuis."
        ),
        why=(
            "Bewegen en mensen ontmoeten houden je gezond. Wie alleen is, gaat niet snel in zijn "
            "eentje wandelen."
        ),
        for_whom="Inwoners van Werkhoven, Odijk en Bunnik die weinig mensen zien.",
        theme="Eenzaamheid",
        lines=(
            ("Koffie en thee, drie groepen, een jaar", 1_500_00),
            ("Folders voor huisartsen en de ouderenadviseur", 400_00),
            ("Cursus wandelbegeleider voor zes vrijwilligers", 1_200_00),
        ),
        created_day=-11,
        submitted_day=-7,
        reviews=(
            DemoReview(
                MEHMET,
                (4, 5, 4),
                "award",
                "Mooi dat de huisartsen meedoen. De cursus is nuttig maar niet strikt nodig.",
            ),
            DemoReview(
                HENK,
                (4, 5, 0),
                "part",
                "Nog navragen of de cursus ook gratis via de gemeente kan.",
                1_900_00,
                submitted=False,
            ),
        ),
    ),
    DemoApplication(
        round="open",
        initiative="",  # a generated initiative in Amersfoort (see fund/demo.py)
        title="Buurtkamer met een open tafel",
        summary=(
            "Twee middagen per week een open tafel in de buurtkamer, waar buren zonder afspraak "
            "kunnen binnenlopen."
        ),
        plan=(
            "Vrijwilligers zetten op dinsdag- en vrijdagmiddag de deur van de buurtkamer open. Er "
            "is koffie, soms soep, en altijd iemand om mee te praten. Eén keer per maand is er een "
            "spreekuur van de wijkverpleegkundige."
        ),
        why=(
            "Bij de buurtenquête zei een op de vijf buren dat ze zich weleens eenzaam voelen. Een "
            "plek zonder drempel helpt."
        ),
        for_whom="Buren die alleen wonen of weinig contact hebben.",
        theme="Eenzaamheid",
        lines=(
            ("Koffie, thee en soep, een jaar", 1_400_00),
            ("Een tweedehands bank en stoelen", 650_00),
            ("Flyers en een bord bij de deur", 250_00),
        ),
        created_day=-8,
        submitted_day=-4,
    ),
]

# A committee member's declared tie to an applying initiative of the open round.
TIES = [
    (
        INGRID,
        "Gelukkig en Vitaal Werkhoven Odijk Bunnik",
        "Mijn zus coördineert de wandelgroep in Odijk.",
    ),
]


@dataclass(frozen=True)
class Amersfoort:
    """The generated initiative in Amersfoort that applies in the open round, and its admin."""

    municipality: str = "Amersfoort"
    admin: DemoPerson = field(
        default_factory=lambda: DemoPerson("amersfoort@demo.omziennaarelkaar.nl", "Lotte Smit")
    )


AMERSFOORT = Amersfoort()
