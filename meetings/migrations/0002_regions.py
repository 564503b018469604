"""The province's usual regions, each a group of its 26 municipalities; coordinators keep them
in the admin (they may regroup, rename or add)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REGIONS = {
    "Utrecht (stad)": ["Utrecht"],
    "Eemland": [
        "Amersfoort",
        "Baarn",
        "Bunschoten",
        "Eemnes",
        "Leusden",
        "Soest",
        "Woudenberg",
    ],
    "Zuidoost-Utrecht": ["Bunnik", "De Bilt", "Utrechtse Heuvelrug", "Wijk bij Duurstede", "Zeist"],
    "Utrecht-West": ["De Ronde Venen", "Montfoort", "Oudewater", "Stichtse Vecht", "Woerden"],
    "Lekstroom en Vijfheerenlanden": [
        "Houten",
        "IJsselstein",
        "Lopik",
        "Nieuwegein",
        "Vijfheerenlanden",
    ],
    "Vallei": ["Renswoude", "Rhenen", "Veenendaal"],
}
SLUGS = {
    "Utrecht (stad)": "utrecht-stad",
    "Eemland": "eemland",
    "Zuidoost-Utrecht": "zuidoost-utrecht",
    "Utrecht-West": "utrecht-west",
    "Lekstroom en Vijfheerenlanden": "lekstroom-en-vijfheerenlanden",
    "Vallei": "vallei",
}


def add_regions(apps, schema_editor):
    Region = apps.get_model("meetings", "Region")
    Municipality = apps.get_model("initiatives", "Municipality")
    for name, members in REGIONS.items():
        region = Region.objects.create(name=name, slug=SLUGS[name])
        region.municipalities.set(Municipality.objects.filter(name__in=members))

    # Coordinators keep the regions (permissions are normally made after all migrations).
    config = apps.get_app_config("meetings")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinator, _created = Group.objects.get_or_create(name="coordinator")
    coordinator.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="meetings",
            codename__in=[f"{a}_region" for a in ("view", "add", "change", "delete")],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("initiatives", "0013_content_version_triggers"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(add_regions, migrations.RunPython.noop)]
