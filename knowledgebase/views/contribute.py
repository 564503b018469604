"""Contributing, moderating and the history of an item: thin views over contribution.py,
moderation.py and revisions.py."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knowledgebase import moderation, revisions
from knowledgebase.contribution import ContributionError, create_item, submit_item, update_item
from knowledgebase.contribution_forms import ModerationForm, form_for
from knowledgebase.models import Item
from knowledgebase.permissions import (
    CONTRIBUTED_KINDS,
    can_contribute,
    can_edit_item,
    can_moderate,
    can_restore,
    can_see_history,
    can_view_item,
)

MINE_PER_PAGE = 50
HISTORY_PER_PAGE = 100


def _item(request: HttpRequest, pk: int) -> Item:
    """The item, if this person may know it exists (else 404)."""
    item = get_object_or_404(Item.objects.select_related("initiative"), pk=pk)
    if not can_view_item(request.user, item):
        raise Http404
    return item


def _signed_in(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _kinds() -> list[tuple[str, object]]:
    return [(kind.value, kind.label) for kind in CONTRIBUTED_KINDS]


def choose_kind(request: HttpRequest) -> HttpResponse:
    if response := _signed_in(request):
        return response
    if not can_contribute(request.user):
        raise PermissionDenied
    return render(request, "knowledgebase/contribute_choose.html", {"kinds": _kinds()})


def create(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in CONTRIBUTED_KINDS:
        raise Http404
    if response := _signed_in(request):
        return response
    user = request.user
    if not can_contribute(user):
        raise PermissionDenied
    form_class = form_for(kind)
    form = form_class(request.POST or None, user=user)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        try:
            item = create_item(form, by=user)  # type: ignore[arg-type]
        except ContributionError as error:
            form.add_error(error.field, error.message)
        else:
            if item.is_published:
                messages.success(request, _("Published. Everyone can read it now."))
            else:
                messages.success(
                    request,
                    _(
                        "Saved as a draft. Only your initiative and the coordinators see it. "
                        "Send it for review when it is ready."
                    ),
                )
            return redirect(item)
    context = {"form": form, "kind": kind, "kind_label": Item.Kind(kind).label}
    return render(request, "knowledgebase/contribute_form.html", context)


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if response := _signed_in(request):
        return response
    user = request.user
    if not can_edit_item(user, item):
        raise PermissionDenied
    form = form_for(item.kind)(request.POST or None, instance=item, user=user)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        try:
            saved = update_item(item, form, by=user)  # type: ignore[arg-type]
        except ContributionError as error:
            form.add_error(error.field, error.message)
        else:
            if saved.published_now:
                messages.success(request, _("Published. Everyone can read it now."))
            elif saved.item.is_published:
                messages.success(
                    request, _("Your changes are published and kept as a new version.")
                )
            else:
                messages.success(request, _("Your changes are saved."))
            return redirect(saved.item)
    context = {
        "form": form,
        "item": item,
        "kind": item.kind,
        "kind_label": item.get_kind_display(),
    }
    return render(request, "knowledgebase/contribute_form.html", context)


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if response := _signed_in(request):
        return response
    if not can_edit_item(request.user, item):
        raise PermissionDenied
    try:
        submitted = submit_item(item, by=request.user)  # type: ignore[arg-type]
    except ContributionError as error:
        messages.error(request, error.message)
    else:
        if submitted.already:
            messages.info(request, _("This item was already sent for review."))
        else:
            messages.success(
                request,
                _("Sent for review. A coordinator looks at it soon; you will get an e-mail."),
            )
    return redirect(item)


def mine(request: HttpRequest) -> HttpResponse:
    if response := _signed_in(request):
        return response
    user = request.user
    # Every initiative the person belongs to, a pending one too.
    ids = set(user.memberships.values_list("initiative_id", flat=True))  # type: ignore[union-attr]
    items = (
        Item.objects.filter(Q(initiative__in=ids) | Q(contributor=user))
        .select_related("initiative")
        .order_by("-updated_at", "-pk")
    )
    page = Paginator(items, MINE_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "can_contribute": can_contribute(user)}
    return render(request, "knowledgebase/contribute_mine.html", context)


def moderation_queue(request: HttpRequest) -> HttpResponse:
    if response := _signed_in(request):
        return response
    if not can_moderate(request.user):
        raise PermissionDenied
    page = Paginator(moderation.queue(), MINE_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "knowledgebase/moderation_queue.html", {"page": page})


def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if response := _signed_in(request):
        return response
    if not can_moderate(request.user):
        raise PermissionDenied
    form = moderation.moderation_form_for(item, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form is None:
            messages.error(request, _("There is nothing to decide on this item now."))
            return redirect(item)
        if form.is_valid():
            try:
                moderation.decide(item, form, by=request.user)  # type: ignore[arg-type]
            except ContributionError as error:
                if error.field:
                    form.add_error(error.field, error.message)
                else:
                    messages.error(request, error.message)
                    return redirect(item)
            else:
                messages.success(request, _decided_message(form))
                return redirect("knowledgebase:moderation")
    return render(request, "knowledgebase/moderate.html", {"item": item, "form": form})


def _decided_message(form: ModerationForm) -> str:
    decision = form.cleaned_data["decision"]
    if decision == ModerationForm.PUBLISH:
        return _("Published; the contributor gets an e-mail.")
    if decision == ModerationForm.CHANGES:
        return _("Sent back for changes; the contributor gets your note by e-mail.")
    return _("Rejected; the contributor gets the reason by e-mail.")


def _history_item(request: HttpRequest, pk: int) -> Item:
    item = _item(request, pk)
    if not can_see_history(request.user, item):
        raise Http404
    return item


def history(request: HttpRequest, pk: int) -> HttpResponse:
    item = _history_item(request, pk)
    page = Paginator(revisions.versions_of(item), HISTORY_PER_PAGE).get_page(
        request.GET.get("page")
    )
    coordinator = can_moderate(request.user)
    versions = list(page.object_list)
    for version in versions:
        version.source = revisions.source_of(version)
    rows = [
        {
            "version": version,
            "source": version.source,
            "person": version.revision.user if coordinator else None,
            "previous": versions[index + 1] if index + 1 < len(versions) else None,
        }
        for index, version in enumerate(versions)
    ]
    context = {
        "item": item,
        "page": page,
        "rows": rows,
        "choices": versions,
        "can_restore": can_restore(request.user, item),
        "latest": versions[0] if versions and page.number == 1 else None,
    }
    return render(request, "knowledgebase/history.html", context)


def _version_id(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def compare(request: HttpRequest, pk: int) -> HttpResponse:
    item = _history_item(request, pk)
    choices = list(revisions.versions_of(item)[:HISTORY_PER_PAGE])
    for choice in choices:
        choice.source = revisions.source_of(choice)
    from_id, to_id = _version_id(request.GET.get("from")), _version_id(request.GET.get("to"))
    context: dict = {"item": item, "choices": choices, "old": None, "new": None, "changes": []}
    if from_id is not None and to_id is not None:
        old = revisions.version_of(item, from_id)
        new = revisions.version_of(item, to_id)
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
    elif "from" in request.GET or "to" in request.GET:
        raise Http404
    elif len(choices) >= 2:
        old, new = choices[1], choices[0]
    else:
        return render(request, "knowledgebase/history_compare.html", context)
    context |= {
        "old": old,
        "new": new,
        "old_source": revisions.source_of(old),
        "new_source": revisions.source_of(new),
        "changes": revisions.compare(old, new),
    }
    return render(request, "knowledgebase/history_compare.html", context)


@require_POST
def restore(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    item = _history_item(request, pk)
    if response := _signed_in(request):
        return response
    if not can_restore(request.user, item):
        raise PermissionDenied
    old = revisions.version_of(item, version)
    revisions.restore(item, old, by=request.user)  # type: ignore[arg-type]
    messages.success(
        request,
        _("The version of %(date)s is back, as a new version.")
        % {"date": revisions.dutch_datetime(old.revision.date_created)},
    )
    return redirect(reverse("knowledgebase:history", args=[item.pk]))
