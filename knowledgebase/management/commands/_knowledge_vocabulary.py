"""The words the benchmark's knowledge items are written with (load_bench_knowledge).

Real Dutch words of the network's field, most common first. Word number r (from 1) is in about
min(CAP, SCALE / (r + 3)) of all items: the first few in 25-40 % of them, word 50 in about 4 %,
word 300 in under 1 %; the RARE words each in one item in a thousand or fewer. The benchmark's
search words are fixed here, so bench/pages.py and bench/knowledge_search_plans.py can name them.
"""

CAP = 0.40
SCALE = 2.0

# The benchmark's searches (bench/pages.py and bench/knowledge_search_plans.py name the same).
COMMON_WORD = "vrijwilligers"  # in a quarter of the items (and a word group: vrijwilliger ...)
COMMON_SHARE = 0.25
RARE_WORD = "voedselbos"  # in one item in a thousand; no word group, so also found as a prefix
RARE_SHARE = 0.001
ABSENT_WORD = "xylofoon"  # in no item
# The faceted search: a word, a theme (slug) and a kind.
FACET_WORD = "mantelzorg"
FACET_THEME = "zorg"
FACET_KIND = "practice"

# Most common first.
WORDS = """
buurt bewoners gemeente ontmoeten activiteiten wijk ouderen eenzaamheid zorg welzijn
buurthuis mantelzorg jongeren subsidie organisatie kinderen samenwerking gezondheid wonen
initiatief dorp bijeenkomst vrijwilliger participatie inwoners netwerk ondersteuning
ervaring beleid leefbaarheid koffie inclusief moestuin maaltijd energie groen armoede
professionals wijkteam huisarts bibliotheek school kerk sportvereniging woningcorporatie
welzijnswerk opbouwwerker buurtcoach gesprek aanpak resultaten budget fonds vertrouwen
drempel bereik doelgroep gezin mantelzorger dementie beperking nieuwkomers taal
laaggeletterdheid digitaal vervoer boodschappen klussen tuin natuur duurzaamheid
zonnepanelen isolatie voedselbank kleding schulden geldzorgen werk dagbesteding
beweging wandelen fietsen sport spel muziek cultuur kunst verhalen herinneringen
buren straat plein speeltuin park markt winkel bakker dorpshuis wijkcentrum ontmoetingsplek
inloop spreekuur huiskamer eettafel kookclub repaircafé taalcafé computerles
beleidsregel verordening subsidieregeling aanvraag verantwoording begroting evaluatie
monitor onderzoek kennisagenda onderzoeksvraag praktijkvoorbeeld handreiking
wijkregie wijkplatform dorpsraad wijkraad bewonersraad adviesraad gemeenteraad
wethouder ambtenaar provincie regio samenwerkingsverband coöperatie stichting vereniging
bestuur penningmeester secretaris voorzitter coördinator vrijwilligerswerk werving
waardering vrijwilligersvergoeding verzekering privacy veiligheid
toegankelijkheid rolstoel gehoor slechtziend zintuigen bewegen valpreventie
eenzaam isolement omzien nabuurschap burenhulp zorgzaam ontmoeting verbinding
meedoen zelfstandig thuiswonen levensloopbestendig woningaanpassing
seniorenwoning hofje knarrenhof woongroep kangoeroewoning mantelzorgwoning
huurders woningzoekenden starters studenten statushouders vluchtelingen
inburgering taalmaatje maatje coaching begeleiding buddy mentor
jongerenwerk tienerwerk kinderopvang peuterspeelzaal basisschool voortgezet
ouders opvoeding opgroeien pesten talent stage leerwerkplek werkervaring
armoedebeleid minima toeslagen kwijtschelding energiearmoede energiecoach
warmtepomp zonnedak energiecoöperatie windmolen laadpaal deelauto buurtbus
vervoersdienst chauffeur rolstoelbus ov bushalte
groenbeheer geveltuin boomspiegel tegelwippen vergroening biodiversiteit bijen
vlinders insecten hagen bloemen zaden kas composteren zwerfafval opruimen
afval recycling hergebruik ruilwinkel weggeefkast minibieb boekenkast
feest buurtfeest straatfeest barbecue kerstmarkt koningsdag nieuwjaarsborrel
lunch ontbijt diner soep koken recepten gezonde voeding
preventie huisbezoek signaleren doorverwijzen sociaalteam wmo jeugdwet participatiewet
indicatie zorgaanbieder thuiszorg wijkverpleging praktijkondersteuner fysiotherapeut
apotheek ggz psychisch kwetsbaar rouw verlies zingeving levensvragen geestelijke
dorpsondersteuner steunpunt informatiepunt loket formulieren hulp
digicafé tablet smartphone internet videobellen
bewonersinitiatief burgerinitiatief initiatievenfonds buurtbudget crowdfunding sponsoring
donatie giften fondsenwerving jaarverslag jaarrekening
kwartiermaken ervaringsdeskundige cliëntenraad inspraak zeggenschap
co-creatie samenspraak burgerberaad buurtgesprek wijkgesprek rondetafel
""".split()  # noqa: SIM905 - words are easier to read and edit this way

# Each in one item in a thousand or fewer (RARE_SHARE, or a little less).
RARE = """
voedselbos pluktuin beweegtuin zorgboerderij kinderboerderij herenboeren
kamerverhuur hospitahuren splitsen optoppen
scootmobiel duofiets riksja fietsmaatje
breiclub handwerkclub klaverjassen sjoelen bingo biljart schaakclub
heemkunde dialect carillon orgel koor fanfare harmonie toneel
jeu-de-boules petanque wandelvoetbal walking-football beweegmaatje
stiltecentrum rouwcafé alzheimercafé dementievriendelijk
statiegeld plasticvrij luierproject babyspullen speelgoedbank schoenendoos
sinterklaas kerstpakket ramadan suikerfeest iftar
""".split()  # noqa: SIM905 - words are easier to read and edit this way
