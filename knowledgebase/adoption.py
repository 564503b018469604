""" "We did this too": an initiative says it took up a published practice, with a short note.

One row per practice and initiative (a constraint in the database); a double click or two members
of the same initiative at once get a clear message, never a server error.
"""

from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import Count, Window
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from initiatives.models import Initiative
from knowledgebase.models import Adoption, Item

ALREADY = _("%(initiative)s already said it did this too.")
SHOWN = 50  # adopting initiatives listed on a practice's page; the count covers them all


class AdoptionError(Exception):
    """Why an adoption was not recorded, in words for the person."""


class AdoptionForm(forms.Form):
    initiative = forms.TypedChoiceField(label=_("Which initiative"), coerce=int)
    note = forms.CharField(
        label=_("How it went"),
        max_length=500,
        required=False,
        help_text=_("One or two sentences: what you did the same, or differently."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )

    def __init__(self, *args: object, initiatives: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["initiative"]
        field.choices = initiatives  # type: ignore[attr-defined]
        if len(initiatives) == 1:
            # One initiative: nothing to choose, said in a sentence above the form.
            field.widget = forms.HiddenInput()
            field.initial = initiatives[0][0]
        else:
            field.widget = forms.RadioSelect(choices=initiatives)


def adopt(practice: Item, initiative: Initiative, *, by: User, note: str) -> Adoption:
    """Record that `initiative` took up `practice`. The practice is re-read under a row lock, so
    two at once are handled one after the other; the second is told the first was there."""
    with transaction.atomic():
        locked = Item.objects.select_for_update().only("pk", "kind", "status").get(pk=practice.pk)
        if not (locked.is_practice and locked.is_published):
            raise AdoptionError(_("This practice is no longer published."))
        if Adoption.objects.filter(practice=locked, initiative=initiative).exists():
            raise AdoptionError(ALREADY % {"initiative": initiative.name})
        try:
            with transaction.atomic():
                return Adoption.objects.create(
                    practice=locked, initiative=initiative, note=note.strip(), added_by=by
                )
        except IntegrityError as error:  # the constraint, should a row slip past the lock
            raise AdoptionError(ALREADY % {"initiative": initiative.name}) from error


def adoptions_of(practice: Item) -> tuple[list[Any], int]:
    """The approved initiatives that took it up (newest first, at most SHOWN) and how many there
    are in all: one query."""
    rows = list(
        Adoption.objects.filter(practice=practice, initiative__status=Initiative.Status.APPROVED)
        .select_related("initiative")
        .only("note", "created_at", "initiative__name", "initiative__slug")
        .annotate(total=Window(Count("pk")))
        .order_by("-created_at", "pk")[:SHOWN]
    )
    return rows, (rows[0].total if rows else 0)


def adopted_by(practice: Item, initiative_ids: list[int]) -> set[int]:
    """Which of these initiatives took it up already."""
    return set(
        Adoption.objects.filter(practice=practice, initiative_id__in=initiative_ids).values_list(
            "initiative_id", flat=True
        )
    )
