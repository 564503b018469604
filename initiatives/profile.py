"""Keeping an initiative's profile current: edits with an audit trail, and "still right?" checks."""

from typing import Any

from django.core import signing
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from initiatives import audit
from initiatives.models import Initiative

CONFIRM_SALT = "initiatives.confirm-current"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 60  # a reminder's link works for two months


def _shown(value: Any) -> Any:
    """A JSON-ready picture of a field's value for the audit trail."""
    if hasattr(value, "all"):
        return sorted(str(item) for item in value.all())
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def update_profile(initiative: Initiative, *, by: User, form: Any) -> Initiative:
    """Save a validated profile form, noting each changed field as before → after."""
    with transaction.atomic():
        before = Initiative.objects.select_for_update().get(pk=initiative.pk)
        old = {name: _shown(getattr(before, name)) for name in form.changed_data}
        initiative = form.save(commit=False)
        initiative.updated_at = timezone.now()
        initiative.save()
        form.save_m2m()
        changes = {
            name: [old[name], _shown(getattr(initiative, name))] for name in form.changed_data
        }
        if changes:
            audit.record(initiative, by=by, action="edited", **changes)
    return initiative


def confirm_token(initiative: Initiative) -> str:
    return signing.dumps(initiative.pk, salt=CONFIRM_SALT)


def initiative_for_token(token: str) -> int | None:
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None


def confirm_profile(initiative: Initiative, *, by: User | None) -> None:
    """The admins say the profile is still right: it counts as current for another year."""
    with transaction.atomic():
        initiative.confirmed_at = timezone.now()
        initiative.save(update_fields=["confirmed_at"])
        audit.record(initiative, by=by, action="confirmed_current")
