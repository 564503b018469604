"""History entries stored people's names and invited addresses as text: turn them into references.

A name that matches exactly one account becomes a reference to it; one that does not (the account
is gone, or the name is ambiguous) is dropped, and the history shows "deleted account". An
invitation's address becomes a reference to the invitation, so it shows only while that is open.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import Q


def _person(User, text):
    matches = list(User.objects.filter(Q(email__iexact=text) | Q(name=text))[:2])
    return matches[0] if len(matches) == 1 else None


def _invitation(Invitation, entry, email):
    return (
        Invitation.objects.filter(
            initiative_id=entry.initiative_id,
            email__iexact=email,
            created_at__lte=entry.created_at,
        )
        .order_by("-created_at")
        .first()
    )


def to_references(apps, schema_editor):
    AuditEntry = apps.get_model("initiatives", "AuditEntry")
    Invitation = apps.get_model("initiatives", "Invitation")
    User = apps.get_model("accounts", "User")
    with_text = AuditEntry.objects.filter(Q(changes__has_key="person") | Q(action="invited"))
    for entry in with_text.iterator():
        changes = dict(entry.changes)
        if "person" in changes:
            entry.person = _person(User, changes.pop("person"))
        if entry.action == "invited" and "email" in changes:
            invitation = _invitation(Invitation, entry, changes.pop("email"))
            if invitation is not None:
                changes["invitation"] = invitation.pk
        entry.changes = changes
        entry.save(update_fields=["person", "changes"])


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0011_invitation_withdrawal_and_audit_person"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(to_references, migrations.RunPython.noop)]
