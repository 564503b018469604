from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, object]:
    """What the base layout needs on every page."""
    return {"contact_email": settings.CONTACT_EMAIL}
