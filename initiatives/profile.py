"""Keeping an initiative's profile current: edits with an audit trail, and "still right?" checks."""

from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from initiatives import audit, logo
from initiatives.errors import InitiativeRuleError, violated_constraint
from initiatives.models import Initiative
from initiatives.still_right import confirm_still_right

CONFIRM_SALT = "initiatives.confirm-current"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 60  # a reminder's link works for two months


def _shown(value: Any) -> Any:
    """A JSON-ready picture of a field's value for the audit trail."""
    if hasattr(value, "all"):
        return sorted(str(item) for item in value.all())
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def _columns(form: Any) -> list[str]:
    """The columns a profile form changed: the only ones its save may write."""
    model_fields = {field.name: field for field in Initiative._meta.concrete_fields}
    columns = [name for name in form.changed_data if name in model_fields]
    if "description" in columns:
        columns.append("description_html")
    return [*columns, "updated_at"]


def update_profile(initiative: Initiative, *, by: User, form: Any) -> Initiative:
    """Save a validated profile form, noting each changed field as before → after.

    The form's copy of the initiative was read before the lock: saving all of it would write
    back a status a coordinator set meanwhile. Only the changed columns are written.
    """
    with transaction.atomic():
        before = Initiative.objects.select_for_update().get(pk=initiative.pk)
        old = {name: _shown(getattr(before, name)) for name in form.changed_data}
        initiative = form.save(commit=False)
        initiative.updated_at = timezone.now()
        _save_columns(initiative, _columns(form))
        form.save_m2m()
        changes: dict[str, Any] = {
            name: [old[name], _shown(getattr(initiative, name))]
            for name in form.changed_data
            if old[name] != _shown(getattr(initiative, name))
        }
        if "logo" in changes:
            changes["logo"] = [bool(before.logo), bool(initiative.logo)]
            logo.delete_after_commit(before.logo.name)
        if changes:
            audit.record(initiative, by=by, action="edited", **changes)
    return initiative


def _save_columns(initiative: Initiative, columns: list[str]) -> None:
    """Save, telling a name that another public initiative took meanwhile next to the field."""
    try:
        with transaction.atomic():
            initiative.save(update_fields=columns)
    except IntegrityError as error:
        if "logo" in columns:
            logo.forget_unsaved(initiative.logo.name)
        if violated_constraint(error) == "initiative_unique_public_name":
            raise InitiativeRuleError(
                _("There is already an initiative with this name in this municipality."),
                field="name",
            ) from error
        raise


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
        # What other apps keep for the initiative and the reminder asked about too.
        confirm_still_right(initiative)
        audit.record(initiative, by=by, action="confirmed_current")
