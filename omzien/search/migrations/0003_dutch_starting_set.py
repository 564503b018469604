"""A starting set of word groups for the network's own words; coordinators add and change them.

Each group: words a visitor may type for the same thing. Plurals are here where PostgreSQL's Dutch
stemmer does not match them to the singular (initiatief/initiatieven, huis/huizen,
subsidie/subsidies), and so are longer words that contain the word (bewonersinitiatief), which the
stemmer never splits.
"""

from django.db import migrations

from omzien.search.words import key_of

GROUPS = [
    "initiatief, initiatieven, bewonersinitiatief, bewonersinitiatieven, burgerinitiatief, burgerinitiatieven",
    "buurthuis, buurthuizen, wijkcentrum, wijkcentra, ontmoetingsplek, ontmoetingsplekken, ontmoetingshuis, buurtkamer, dorpshuis, buurtpunt",
    "eenzaam, eenzaamheid, vereenzaming, sociaal isolement",
    "mantelzorg, mantelzorger, mantelzorgers, informele zorg, mantelzorgcafé",
    "ouderen, oudere, senioren, senior, bejaarden, 65-plussers",
    "jongeren, jongere, jeugd, tieners, jongerenwerk",
    "kinderen, kind, gezin, gezinnen",
    "huis, huizen, woning, woningen",
    "subsidie, subsidies, subsidieaanvraag, subsidieaanvragen",
    "fonds, fondsen, initiatievenfonds, buurtfonds",
    "gemeente, gemeenten, gemeentes",
    "moestuin, moestuinen, buurtmoestuin, buurtmoestuinen, volkstuin, schooltuin, tuin, tuinen",
    "groen, vergroenen, vergroening, geveltuin, geveltuinen, tegelwippen, natuur",
    "vrijwilliger, vrijwilligers, vrijwilligster, vrijwilligerswerk",
    "buurt, buurten, wijk, wijken",
    "dorp, dorpen, kern, kernen, dorpskern",
    "buren, buurman, buurvrouw, buurtgenoot, buurtgenoten, buurtbewoners",
    "bewoner, bewoners, inwoner, inwoners",
    "armoede, weinig geld, minima, schulden, geldzorgen",
    "voedselbank, voedselbanken, voedselhulp",
    "maaltijd, maaltijden, eettafel, samen eten, buurtmaaltijd, kookclub",
    "taal, taalcafé, taalmaatje, taalmaatjes, nederlands leren, laaggeletterd, laaggeletterdheid",
    "nieuwkomer, nieuwkomers, statushouder, statushouders, vluchteling, vluchtelingen",
    "repair café, repaircafé, repareren, reparatie",
    "energie, energiebesparing, energie besparen, energiecoach, energiecoaches, zonnepanelen, zonnedak",
    "duurzaam, duurzame, duurzaamheid",
    "coöperatie, coöperaties, energiecoöperatie, zorgcoöperatie",
    "klus, klussen, klusjes, klussendienst, klushulp",
    "vervoer, vervoersdienst, buurtbus, buurtbussen, chauffeur, chauffeurs",
    "beperking, handicap, mensen met een beperking",
    "gezondheid, gezond, vitaal, vitaliteit",
    "wandelen, wandeling, wandelclub, wandelgroep, wandelgroepen",
    "bewegen, sport, sporten",
    "ontmoeten, ontmoeting, ontmoetingen, samenkomen",
    "koffie, koffieochtend, koffieochtenden, inloop, inloopochtend",
    "dementie, alzheimer, geheugenproblemen",
    "speeltuin, speelplek, speelplaats, speelstraat",
    "opruimen, opruimactie, opruimdag, zwerfafval",
    "kleding, kledingbank, tweedehands kleding",
    "digitaal, computer, computerles, laptop, laptops, digicafé",
    "welzijn, welzijnswerk, welbevinden",
    "leefbaarheid, leefbaar, woonomgeving",
    "participatie, meedoen, betrokkenheid",
]


def add_groups(apps, schema_editor):
    WordGroup = apps.get_model("search", "WordGroup")
    for line in GROUPS:
        terms = [term.strip() for term in line.split(",")]
        WordGroup.objects.create(terms=terms, keys=list(dict.fromkeys(map(key_of, terms))))


def remove_groups(apps, schema_editor):
    apps.get_model("search", "WordGroup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_coordinator_permissions")]

    operations = [migrations.RunPython(add_groups, remove_groups)]
