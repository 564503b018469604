"""Coordinators maintain the reference data in the admin and may look at the audit trail."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REFERENCE_MODELS = ["municipality", "theme", "targetgroup"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; this one needs them now.
    config = apps.get_app_config("initiatives")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinator, _created = Group.objects.get_or_create(name="coordinator")
    codenames = [
        f"{action}_{model}"
        for model in REFERENCE_MODELS
        for action in ("view", "add", "change", "delete")
    ] + ["view_auditentry"]
    coordinator.permissions.add(
        *Permission.objects.filter(content_type__app_label="initiatives", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0002_reference_data"),
        ("accounts", "0002_role_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
