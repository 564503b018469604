import time
from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import must_use_two_factor

# Where someone who still has to set up two-factor login may go meanwhile.
_OPEN_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/reauthenticate/",  # allauth asks for the password before the set-up
    "/accounts/logout/",
    "/language/",
    "/static/",
    "/healthz",
)


# A person found not to need the set-up is not asked again for this long in the same session: it
# saves two queries per page. A new role or a removed authenticator counts within this time.
CHECKED_SECONDS = 5 * 60
CHECKED_KEY = "two_factor_checked"


class RequireTwoFactorMiddleware:
    """Sends coordinators, fund committee, treasurers and staff to the two-factor set-up first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(_OPEN_PREFIXES) and self.must_set_up(request):
            messages.warning(
                request,
                _("Your role asks for two-factor login. Set it up first; it takes a minute."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def must_set_up(self, request: HttpRequest) -> bool:
        user = request.user
        if not user.is_authenticated:
            return False
        checked = request.session.get(CHECKED_KEY)
        if checked and checked[0] == user.pk and checked[1] > time.time():
            return False
        if must_use_two_factor(user) and not is_mfa_enabled(user):
            return True
        request.session[CHECKED_KEY] = [user.pk, time.time() + CHECKED_SECONDS]
        return False
