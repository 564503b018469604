"""Coordinators keep the word groups of the search in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; this one needs them now.
    config = apps.get_app_config("search")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinator, _created = Group.objects.get_or_create(name="coordinator")
    codenames = [f"{action}_wordgroup" for action in ("view", "add", "change", "delete")]
    coordinator.permissions.add(
        *Permission.objects.filter(content_type__app_label="search", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_word_groups"),
        ("accounts", "0002_role_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
