"""Funders: the treasurers record them; everyone sees them, each with a statement page.

A funder's address (its slug) is made from its name once and kept when the name changes, so links
to its statement keep working. Two treasurers adding the same name at the same moment: the unique
constraint on the name lets one in, and the other gets a message next to the name.
"""

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from fund.errors import FundRuleError
from fund.models import Funder

SLUG_MAX = Funder._meta.get_field("slug").max_length or 140


def _free_slug(name: str) -> str:
    """A slug for a new funder that no funder has (the same name differently written, a name
    of only signs: a number is added)."""
    base = slugify(name)[: SLUG_MAX - 4].strip("-") or "financier"
    taken = set(
        Funder.objects.filter(slug__startswith=base).values_list("slug", flat=True)  # one query
    )
    if base not in taken and base != "new":
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _name_taken() -> FundRuleError:
    return FundRuleError(_("There is a funder with this name already."), field="name")


def save_funder(funder: Funder) -> Funder:
    """Saves a new or changed funder (its form's instance); FundRuleError on the name when another
    funder has it (the form checks it first; this catches two at the same moment)."""
    is_new = funder.pk is None
    for _attempt in range(3):
        if is_new:
            funder.slug = _free_slug(funder.name)
        try:
            with transaction.atomic():
                if is_new:
                    funder.save()
                else:
                    funder.save(update_fields=["name", "kind", "description", "website"])
            return funder
        except IntegrityError as error:
            if Funder.objects.filter(name=funder.name).exclude(pk=funder.pk).exists():
                raise _name_taken() from error
            if not is_new:
                raise
            # Someone took the slug in the meantime: try the next free one.
    raise _name_taken()
