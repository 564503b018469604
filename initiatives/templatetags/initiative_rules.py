"""The permission predicates of initiatives/permissions.py as template filters.

    {% load initiative_rules %}
    {% if user|can_edit_initiative:initiative %}…{% endif %}

Thin wrappers with no logic of their own, so a page never offers what the view refuses.
"""

from collections.abc import Mapping
from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from initiatives import permissions
from initiatives.exchange import Suggestion
from initiatives.models import AuditEntry, Claim, Initiative, Listing, Membership
from initiatives.tools import ShownTool, tools_for

register = template.Library()

Person = User | AnonymousUser


@register.filter
def can_view_initiative(user: Person, initiative: Initiative) -> bool:
    return permissions.can_view_initiative(user, initiative)


@register.filter
def can_edit_initiative(user: Person, initiative: Initiative) -> bool:
    return permissions.can_edit_initiative(user, initiative)


@register.filter
def can_manage_members(user: Person, initiative: Initiative) -> bool:
    return permissions.can_manage_members(user, initiative)


@register.filter
def can_see_members(user: Person, initiative: Initiative) -> bool:
    return permissions.can_see_members(user, initiative)


@register.filter
def can_see_history(user: Person, initiative: Initiative) -> bool:
    return permissions.can_see_history(user, initiative)


@register.filter
def is_member(user: Person, initiative: Initiative) -> bool:
    return permissions.is_member(user, initiative)


@register.filter
def can_remove_membership(user: Person, membership: Membership) -> bool:
    return permissions.can_remove_membership(user, membership)


@register.filter
def can_archive_initiative(user: Person, initiative: Initiative) -> bool:
    return permissions.can_archive_initiative(user, initiative)


@register.filter
def can_join_initiative(user: Person, initiative: Initiative) -> bool:
    return permissions.can_join_initiative(user, initiative)


@register.filter
def can_contact_initiative(user: Person, initiative: Initiative) -> bool:
    return permissions.can_contact_initiative(user, initiative)


@register.filter
def can_review_initiatives(user: Person) -> bool:
    return permissions.can_review_initiatives(user)


@register.filter
def can_register_initiative(user: Person) -> bool:
    return permissions.can_register_initiative(user)


@register.filter
def can_claim_initiative(user: Person, initiative: Initiative) -> bool:
    return permissions.can_claim_initiative(user, initiative)


@register.simple_tag
def initiative_tools(user: Person, initiative: Initiative) -> list[ShownTool]:
    """The links other apps registered for the tools panel (initiatives/tools.py)."""
    return tools_for(user, initiative)


@register.simple_tag
def my_memberships(user: Person) -> "QuerySet[Membership] | list[Membership]":
    """The initiatives a person belongs to, for "My initiatives" on the account page."""
    if not user.is_authenticated:
        return []
    return user.memberships.select_related("initiative__municipality").order_by("initiative__name")


@register.simple_tag
def my_open_claims(user: Person) -> "QuerySet[Claim] | list[Claim]":
    """The initiatives a person said are theirs, still waiting for a coordinator."""
    if not user.is_authenticated:
        return []
    return user.claims.filter(status=Claim.Status.OPEN).select_related("initiative")


@register.filter
def has_open_claim(user: Person, initiative: Initiative) -> bool:
    """Said "dit is ons initiatief" already: the page says it waits instead of asking again."""
    return (
        user.is_authenticated
        and initiative.claims.filter(user=user, status=Claim.Status.OPEN).exists()
    )


# Pure reads the views' contexts leave to the page.


@register.filter
def who_did(entry: AuditEntry) -> str:
    """Who made an audit entry, by name or else address; an include would add a space."""
    if entry.user is None:
        return _("A deleted account")
    return entry.user.name or entry.user.email


@register.filter
def offers_for(suggestions: Mapping[int, list[Suggestion]], need: Listing) -> list[Suggestion]:
    """`suggestions[need.id]`, which the template language cannot say."""
    return suggestions.get(need.pk, [])


@register.filter
def initiative_field_label(name: str) -> Any:
    """The translated label of a profile field named in the audit trail ("pitch" → "in one
    sentence"); the raw name for a field that no longer exists."""
    try:
        field = Initiative._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return getattr(field, "verbose_name", name)


@register.filter
def audit_text(value: Any) -> str:
    """A value as initiatives.profile stored it (text, number, list of names) as one line."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


@register.filter
def one_line(value: Any) -> str:
    """Text with every run of whitespace, line breaks included, as one space: for mail subjects,
    where a line break in a name typed by someone would break the header."""
    return " ".join(str(value).split())
