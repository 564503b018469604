"""Needs and offers: the public overview, and an initiative adding, changing and removing its own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.exchange import suggestions_for
from initiatives.filters import ListingFilter
from initiatives.forms import ListingForm
from initiatives.models import Listing
from initiatives.permissions import can_edit_initiative
from initiatives.views.lookup import initiative_for
from omzien.typing import AuthenticatedHttpRequest

PAGE_SIZE = 20


def listing_list(request: HttpRequest) -> HttpResponse:
    listings = Listing.objects.filter(initiative__status="approved").select_related(
        "initiative__municipality"
    )
    filterset = ListingFilter(request.GET or None, queryset=listings)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "suggestions": suggestions_for(list(page.object_list)),
        "query_without_page": _query_without_page(request),
    }
    return render(request, "initiatives/listing_list.html", context)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def manage_listings(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_for(request, slug, can_edit_initiative)
    form = ListingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        listing = form.save(commit=False)
        listing.initiative = initiative
        listing.save()
        messages.success(request, _("Added: %(text)s") % {"text": listing.text})
        return redirect("initiatives:manage-listings", slug=slug)
    context = {
        "initiative": initiative,
        "form": form,
        "listings": initiative.listings.order_by("kind", "category", "text"),
    }
    return render(request, "initiatives/listing_manage.html", context)


@login_required
def edit_listing(request: HttpRequest, slug: str, listing_id: int) -> HttpResponse:
    initiative = initiative_for(request, slug, can_edit_initiative)
    listing = get_object_or_404(initiative.listings, pk=listing_id)
    form = ListingForm(request.POST or None, instance=listing)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved: %(text)s") % {"text": listing.text})
        return redirect("initiatives:manage-listings", slug=slug)
    context = {"initiative": initiative, "listing": listing, "form": form}
    return render(request, "initiatives/listing_edit.html", context)


@login_required
@require_POST
def delete_listing(request: AuthenticatedHttpRequest, slug: str, listing_id: int) -> HttpResponse:
    initiative = initiative_for(request, slug, can_edit_initiative)
    listing = get_object_or_404(initiative.listings, pk=listing_id)
    listing.delete()
    messages.success(request, _("Removed: %(text)s") % {"text": listing.text})
    return redirect("initiatives:manage-listings", slug=slug)
