"""Types the whole project shares."""

from django.http import HttpRequest

from accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind `login_required`: its user is a person, never anonymous.

    Only for annotations; Django still passes a plain HttpRequest.
    """

    user: User
