"""An item's attachments: the page where its insiders add and delete them, and the download."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from knowledgebase import attachments as rules
from knowledgebase.models import Attachment, Item
from knowledgebase.permissions import can_edit_item, can_view_item


def _item_for_insiders(request: HttpRequest, pk: int) -> Item | HttpResponse:
    """The item, if this person may change its attachments: a hidden item does not exist for
    outsiders (404), a visitor logs in first, anyone else is refused (403)."""
    item = get_object_or_404(Item.objects.select_related("initiative"), pk=pk)
    if not can_view_item(request.user, item):
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_edit_item(request.user, item):
        raise PermissionDenied
    return item


@csrf_exempt
def attachments(request: HttpRequest, pk: int) -> HttpResponse:
    # Before anything reads the upload (the CSRF check does): a file beyond the limit is counted,
    # not kept on disk. The check itself follows in `_attachments`.
    request.upload_handlers = [
        MemoryFileUploadHandler(request),
        rules.CappedUploadHandler(request),
    ]
    return _attachments(request, pk)


@csrf_protect
def _attachments(request: HttpRequest, pk: int) -> HttpResponse:
    found = _item_for_insiders(request, pk)
    if isinstance(found, HttpResponse):
        return found
    item = found
    listed = list(Attachment.objects.filter(item=item).defer("text").order_by("created_at", "pk"))
    room = rules.MAX_PER_ITEM - len(listed)
    form = rules.AttachmentForm(item=item)
    if request.method == "POST":
        form = rules.AttachmentForm(request.POST, request.FILES, item=item)
        if room <= 0:
            form.add_error(None, rules.too_many_message())
        elif form.is_valid():
            try:
                attachment = rules.add_attachment(item, form, request.user)  # type: ignore[arg-type]
            except rules.TooManyError:
                form.add_error("file", rules.too_many_message())
            else:
                messages.success(
                    request,
                    _("%(name)s is added. Its text is being read; the item is found by it soon.")
                    % {"name": attachment.name},
                )
                return redirect("knowledgebase:attachments", pk=item.pk)
    return render(
        request,
        "knowledgebase/attachments.html",
        {
            "item": item,
            "attachments": rules.shown(listed),
            "form": form,
            "room": room,
            "max_per_item": rules.MAX_PER_ITEM,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def delete(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    found = _item_for_insiders(request, pk)
    if isinstance(found, HttpResponse):
        return found
    item = found
    chosen = Attachment.objects.filter(pk=attachment, item=item).defer("text").first()
    if chosen is not None:
        rules.delete_attachment(chosen)
        messages.success(request, _("%(name)s is deleted.") % {"name": chosen.name})
    # Deleted already (a second click): the list shows what is left.
    return redirect("knowledgebase:attachments", pk=item.pk)


def file(request: HttpRequest, attachment: int, name: str) -> HttpResponseBase:
    """The file itself, for whoever may see its item, under the name people gave it. It is
    always downloaded, never shown in the browser, with the type we checked on upload."""
    found = get_object_or_404(
        Attachment.objects.select_related("item__initiative").defer("text", "item__rendered"),
        pk=attachment,
    )
    if not can_view_item(request.user, found.item):
        raise Http404
    if name != found.name:
        return redirect(rules.download_url(found), permanent=False)
    try:
        stored = default_storage.open(found.file.name, "rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=found.name,
        content_type=found.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # A draft's file stays out of shared caches; a published one may be kept a little while.
    response["Cache-Control"] = "max-age=300" if found.item.is_published else "private, no-store"
    return response
