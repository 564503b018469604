"""The knowledge base's own words, added to the starting set (0003_dutch_starting_set), which
already has huis/huizen, subsidie/subsidies, eenzaam/eenzaamheid and mantelzorg/informele zorg.

Each group: forms the Dutch stemmer does not match to each other (inclusief/inclusieve,
brief/brieven, studie/studies), words for the same thing in the knowledge base (kennisagenda,
onderzoeksvraag) and the longer words that contain a word (wijkregie for regie), which the stemmer
never splits. Coordinators change them in the admin like the others.
"""

from django.db import migrations

from omzien.search.words import key_of

GROUPS = [
    "beleidsregel, beleidsregels, beleidsregeling, beleidsregelingen",
    "kennisagenda, onderzoeksagenda, onderzoeksvraag, onderzoeksvragen, kennisvraag, kennisvragen",
    "wijkregie, regie, wijkregisseur, wijkregisseurs",
    "praktijkvoorbeeld, praktijkvoorbeelden, voorbeeld, voorbeelden, goed voorbeeld, goede voorbeelden",
    "inclusief, inclusieve, inclusie, inclusiviteit",
    "gemeenschapskracht, samenredzaamheid, gemeenschapszin",
    "studie, studies, rapport, rapporten",
    "brief, brieven",
    "verslag, verslagen, terugblik",
    "netwerkbijeenkomst, netwerkbijeenkomsten, bijeenkomst, bijeenkomsten",
    "helpdesk, vraag aan het netwerk, vragen aan het netwerk",
]


def add_groups(apps, schema_editor):
    WordGroup = apps.get_model("search", "WordGroup")
    for line in GROUPS:
        terms = [term.strip() for term in line.split(",")]
        WordGroup.objects.create(terms=terms, keys=list(dict.fromkeys(map(key_of, terms))))


def remove_groups(apps, schema_editor):
    WordGroup = apps.get_model("search", "WordGroup")
    for line in GROUPS:
        WordGroup.objects.filter(terms=[term.strip() for term in line.split(",")]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_content_version_trigger")]

    operations = [migrations.RunPython(add_groups, remove_groups)]
