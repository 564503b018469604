from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from accounts.models import User

# Kept on Django's user object for the rest of the request, so set by name.
KEPT_GROUP_NAMES = "_group_names"


def group_names(user: User) -> frozenset[str]:
    """The person's roles, read once per request and kept on the user object: the two-factor
    rule and the apps' role checks (the header's, among others) ask on every page."""
    kept: frozenset[str] | None = getattr(user, KEPT_GROUP_NAMES, None)
    if kept is None:
        kept = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, KEPT_GROUP_NAMES, kept)
    return kept


def must_use_two_factor(user: User | AnonymousUser) -> bool:
    """Staff (for the admin) and everyone holding a role of trust must use two-factor login."""
    if not user.is_authenticated:
        return False
    return user.is_staff or not group_names(user).isdisjoint(settings.TWO_FACTOR_GROUPS)
