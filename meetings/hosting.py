"""What an initiative can offer as the host of a network meeting, kept by its members.

One HostCapability per initiative. Saving the answers, or saying they are still right, counts as
a confirmation; after CAPABILITY_STALE_AFTER without one the answers are stale, and the
directory's yearly "is this still right?" e-mail asks about them (registered in apps.py).
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from initiatives.models import Initiative
from initiatives.still_right import StillRightLine
from meetings.models import HostCapability
from omzien.site_address import site_url


class HostingRuleError(Exception):
    """An action on hosting broke a rule; the view shows `message` (next to `field`)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def capability_of(initiative: Initiative) -> HostCapability | None:
    return HostCapability.objects.filter(initiative=initiative).first()


def save_capability(initiative: Initiative, answers: dict[str, Any]) -> HostCapability:
    """Save the form's answers as the initiative's capability, confirmed now.

    Two members saving at the same moment: the initiative's row is the lock, so the second waits
    for the first and then writes over it (both meant "this is how it is now"); no 500.
    """
    values = {**answers, "confirmed_at": timezone.now()}
    try:
        with transaction.atomic():
            Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
            capability, _created = HostCapability.objects.update_or_create(
                initiative=initiative, defaults=values
            )
    except IntegrityError as error:  # pragma: no cover - the lock above makes this unlikely
        raise HostingRuleError(
            _("Someone else saved the answers at the same moment. Check them and save again.")
        ) from error
    return capability


def confirm_capability(initiative: Initiative) -> bool:
    """ "Still right": only the date moves. False when there is nothing to confirm yet."""
    changed = HostCapability.objects.filter(initiative=initiative).update(
        confirmed_at=timezone.now()
    )
    return changed > 0


def still_right_lines(initiative: Initiative) -> list[StillRightLine]:
    """What the directory's yearly reminder asks about hosting: only with answers given."""
    capability = capability_of(initiative)
    if capability is None:
        return []
    url = site_url() + reverse("meetings:host-capability", kwargs={"slug": initiative.slug})
    if not capability.can_host:
        text = _("You said you cannot host network meetings at the moment; is that still so?")
    else:
        text = ngettext(
            "You said you can host network meetings for %(count)d person; is that still right?",
            "You said you can host network meetings for %(count)d people; is that still right?",
            capability.capacity,
        ) % {"count": capability.capacity}
    return [StillRightLine(text, url)]


def confirm_with_profile(initiative: Initiative) -> None:
    """The admins confirmed the whole profile through the reminder: the hosting answers too."""
    confirm_capability(initiative)
