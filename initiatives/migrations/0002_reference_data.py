"""The 26 municipalities of the province of Utrecht, the network's themes and target groups.

Centres are approximate (for placing initiatives without their own point on the map).
"""

from django.db import migrations
from django.utils.text import slugify

MUNICIPALITIES = [
    # name, CBS code, latitude, longitude
    ("Amersfoort", "GM0307", "52.15610", "5.38760"),
    ("Baarn", "GM0308", "52.21170", "5.28770"),
    ("De Bilt", "GM0310", "52.11000", "5.18060"),
    ("Bunnik", "GM0312", "52.06670", "5.19720"),
    ("Bunschoten", "GM0313", "52.24330", "5.37830"),
    ("Eemnes", "GM0317", "52.25330", "5.25670"),
    ("Houten", "GM0321", "52.02830", "5.16750"),
    ("Leusden", "GM0327", "52.13250", "5.43060"),
    ("Lopik", "GM0331", "51.97170", "4.94560"),
    ("Montfoort", "GM0335", "52.04580", "4.95280"),
    ("Renswoude", "GM0339", "52.07380", "5.54030"),
    ("Rhenen", "GM0340", "51.95920", "5.56830"),
    ("Soest", "GM0342", "52.17330", "5.29170"),
    ("Utrecht", "GM0344", "52.09080", "5.12220"),
    ("Veenendaal", "GM0345", "52.02830", "5.55830"),
    ("Woudenberg", "GM0351", "52.08080", "5.41670"),
    ("Wijk bij Duurstede", "GM0352", "51.97420", "5.34170"),
    ("IJsselstein", "GM0353", "52.02000", "5.04170"),
    ("Zeist", "GM0355", "52.08920", "5.23330"),
    ("Nieuwegein", "GM0356", "52.02920", "5.08060"),
    ("Oudewater", "GM0589", "52.02500", "4.86810"),
    ("Woerden", "GM0632", "52.08580", "4.88330"),
    ("De Ronde Venen", "GM0736", "52.23500", "4.90830"),
    ("Utrechtse Heuvelrug", "GM1581", "52.03750", "5.34580"),
    ("Stichtse Vecht", "GM1904", "52.17500", "5.00560"),
    ("Vijfheerenlanden", "GM1961", "51.94000", "5.08000"),
]

THEMES = [
    "Welzijn",
    "Wonen",
    "Zorg",
    "Leefbaarheid",
    "Eenzaamheid",
    "Energie",
    "Gezondheid",
    "Participatie",
    "Laaggeletterdheid",
    "Natuur en groen",
    "Armoede",
]

TARGET_GROUPS = [
    "Alle bewoners",
    "Ouderen",
    "Jongeren",
    "Kinderen en gezinnen",
    "Mantelzorgers",
    "Nieuwkomers",
    "Mensen met een beperking",
    "Mensen met weinig geld",
]


def add_reference_data(apps, schema_editor):
    Municipality = apps.get_model("initiatives", "Municipality")
    for name, code, latitude, longitude in MUNICIPALITIES:
        Municipality.objects.update_or_create(
            cbs_code=code,
            defaults={"name": name, "slug": slugify(name), "latitude": latitude, "longitude": longitude},
        )
    for model_name, names in (("Theme", THEMES), ("TargetGroup", TARGET_GROUPS)):
        model = apps.get_model("initiatives", model_name)
        for name in names:
            model.objects.get_or_create(slug=slugify(name), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initiatives")]

    operations = [migrations.RunPython(add_reference_data, migrations.RunPython.noop)]
