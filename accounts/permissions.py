from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from accounts.models import User


def must_use_two_factor(user: User | AnonymousUser) -> bool:
    """Staff (for the admin) and everyone holding a role of trust must use two-factor login."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.groups.filter(name__in=settings.TWO_FACTOR_GROUPS).exists()
