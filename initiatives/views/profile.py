"""An initiative's own page, editing it, its history, contact, and "still right?" confirmation."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from initiatives import audit
from initiatives.contact import reaches_coordinators, send_contact_message
from initiatives.errors import InitiativeRuleError
from initiatives.exchange import suggestions_for
from initiatives.forms import ContactForm, InitiativeForm
from initiatives.models import Initiative, Listing
from initiatives.page_sections import page_sections_for
from initiatives.permissions import can_contact_initiative, can_edit_initiative, can_see_history
from initiatives.profile import confirm_profile, initiative_for_token, update_profile
from initiatives.still_right import still_right_lines
from initiatives.views.lookup import initiative_for
from omzien.ratelimit import allow
from omzien.typing import AuthenticatedHttpRequest

CONTACT_LIMIT, CONTACT_WINDOW = 5, 60 * 60  # messages per address per hour


def _linked_data(request: HttpRequest, initiative: Initiative) -> str:
    """schema.org description for search engines; escaped for a <script> data block."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": initiative.name,
        "description": initiative.pitch,
        "url": request.build_absolute_uri(initiative.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": initiative.place or initiative.municipality.name,
            "addressRegion": "Utrecht",
            "addressCountry": "NL",
        },
        "sameAs": [url for _label, url in initiative.web_links()],
    }
    if initiative.founded_year:
        data["foundingDate"] = str(initiative.founded_year)
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _listings(initiative: Initiative) -> dict[str, object]:
    listings = list(initiative.listings.order_by("kind", "category", "text"))
    return {
        "needs": [item for item in listings if item.kind == Listing.Kind.NEED],
        "offers": [item for item in listings if item.kind == Listing.Kind.OFFER],
        "suggestions": suggestions_for(listings),
    }


def _detail_context(request: HttpRequest, initiative: Initiative) -> dict:
    """The initiative as loaded once for the permission check; what only the cached fragments of
    the page show (needs, offers, suggestions) is worked out when a fragment is not cached."""
    found = SimpleLazyObject(lambda: _listings(initiative))
    latitude, longitude = initiative.point
    return {
        "initiative": initiative,
        "needs": SimpleLazyObject(lambda: found["needs"]),
        "offers": SimpleLazyObject(lambda: found["offers"]),
        "suggestions": SimpleLazyObject(lambda: found["suggestions"]),
        "linked_data": SimpleLazyObject(lambda: _linked_data(request, initiative)),
        # What other apps show on the page (initiatives/page_sections.py), in its main fragment.
        "page_sections": SimpleLazyObject(lambda: page_sections_for(initiative)),
        "latitude": latitude,
        "longitude": longitude,
    }


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_for(request, slug, shown_only=True)
    return render(
        request, "initiatives/initiative_detail.html", _detail_context(request, initiative)
    )


def _sent_message(initiative: Initiative) -> str:
    if reaches_coordinators(initiative):
        return _(
            "Your message is sent to the coordinators of the network: %(name)s has no members "
            "on the portal at the moment. A coordinator answers you."
        ) % {"name": initiative.name}
    return _("Your message is sent to %(name)s.") % {"name": initiative.name}


def _about(request: HttpRequest) -> dict[str, str]:
    """`?about=<what>`: a page elsewhere (a knowledge item) that sends a reader here names what
    the message is about; it starts the message, and the reader may change it."""
    about = " ".join(request.GET.get("about", "").split())[:200]
    if not about:
        return {}
    return {"message": _("About: %(about)s") % {"about": about} + "\n\n"}


def contact(request: HttpRequest, slug: str) -> HttpResponse:
    """A page of its own, so the initiative's page carries no CSRF token and can be cached."""
    initiative = initiative_for(request, slug)
    if not can_contact_initiative(request.user, initiative):
        raise Http404  # a page that is not public takes no messages, and does not say it exists
    form = ContactForm(request.POST or None, initial=_about(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        if allow(request, action="contact", limit=CONTACT_LIMIT, seconds=CONTACT_WINDOW):
            if not form.is_from_a_bot:
                send_contact_message(
                    initiative, **{k: form.cleaned_data[k] for k in ("name", "email", "message")}
                )
            # A bot is told the same as a person, so it learns nothing.
            messages.success(request, _sent_message(initiative))
            return redirect(initiative)
        # The page again with what was typed, so the message is not lost.
        form.add_error(
            None,
            _(
                "You can send at most %(limit)d messages an hour. Try again in an hour: "
                "your message is still here."
            )
            % {"limit": CONTACT_LIMIT},
        )
        status = 429
    if reaches_coordinators(initiative):
        form.fields["email"].help_text = _(
            "A coordinator replies to this address; it is not shown to anyone."
        )
    context = {"initiative": initiative, "contact_form": form}
    return render(request, "initiatives/initiative_contact.html", context, status=status)


@login_required
def edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_for(request, slug, can_edit_initiative)
    form = InitiativeForm(request.POST or None, request.FILES or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = update_profile(initiative, by=request.user, form=form)
        except InitiativeRuleError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect(initiative)
    return render(
        request, "initiatives/initiative_edit.html", {"initiative": initiative, "form": form}
    )


@login_required
def history(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_for(request, slug, can_see_history)
    entries = audit.history(initiative)
    return render(
        request,
        "initiatives/initiative_history.html",
        {"initiative": initiative, "entries": entries},
    )


def confirm_current(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The link in the yearly reminder: no login needed, the signed token is the key."""
    initiative = get_object_or_404(Initiative, slug=slug)
    if initiative_for_token(token) != initiative.pk:
        raise Http404
    if request.method == "POST":
        confirm_profile(initiative, by=request.user if request.user.is_authenticated else None)
        messages.success(
            request, _("Thank you! %(name)s is marked as up to date.") % {"name": initiative.name}
        )
        return redirect(initiative)
    context = {"initiative": initiative, "also_asked": still_right_lines(initiative)}
    return render(request, "initiatives/initiative_confirm_current.html", context)
