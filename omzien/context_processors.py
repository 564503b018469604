from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from omzien import content_version


def portal(request: HttpRequest) -> dict[str, object]:
    """What the base layout needs on every page. The content version is read only by a page that
    caches a fragment under it (`{% cache 600 "name" content_version ... using="fragments" %}`)."""
    return {
        "contact_email": settings.CONTACT_EMAIL,
        "content_version": SimpleLazyObject(lambda: content_version.current(request)),
    }
