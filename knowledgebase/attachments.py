"""Attachments of an item: checks on upload, storage, and the list on the item's page.

An upload is accepted only when its name and its content agree on one of three types: PDF, Word
(.docx) or OpenDocument text (.odt); the checks themselves are the portal's (omzien/uploads.py).
It is stored under the portal's own random name (`models.attachment_path`) through Django's
storage API; the name people see is cleaned of paths and control characters. Its text is read
afterwards, in the background (knowledgebase/attachment_text.py), so an upload never waits on a
large file. A file over MAX_BYTES is refused with a message, and `CappedUploadHandler` keeps at
most MAX_BYTES of it on disk while it arrives.
"""

import secrets
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.signals import post_delete
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from knowledgebase import indexing
from knowledgebase.models import Attachment, Item
from knowledgebase.permissions import can_edit_item
from omzien import content_version, uploads
from omzien.shared_cache import get_or_compute
from omzien.uploads import DOCX, ODT, PDF, FileType, clean_name, human_size

__all__ = ["FileType", "clean_name", "human_size"]

MAX_BYTES = 20 * 1024 * 1024
MAX_PER_ITEM = 10
TYPES = uploads.types_by_extension(PDF, DOCX, ODT)
ACCEPT = uploads.accept(TYPES)


def type_of(attachment: Attachment) -> FileType:
    return TYPES.get(attachment.extension, PDF)


def _kinds_sentence() -> str:
    return gettext("Upload a PDF, a Word file (.docx) or an OpenDocument text (.odt).")


def check_upload(upload: UploadedFile) -> tuple[FileType, str]:
    """The checked type and the clean name of an upload; a ValidationError in plain Dutch if
    it is too large, empty, or not what its name says."""
    return uploads.check_upload(upload, types=TYPES, max_bytes=MAX_BYTES, kinds=_kinds_sentence())


class CappedUploadHandler(uploads.CappedUploadHandler):
    """A file larger than MAX_BYTES is counted to the end but only its first MAX_BYTES are
    written to disk."""

    max_bytes = MAX_BYTES


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, Word (.docx) or OpenDocument (.odt) file of at most 20 MB."),
        error_messages={
            "required": _("Choose a file to upload."),
            "empty": _("This file is empty."),
            "invalid": _("No file came along. Choose the file again."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        self.item = item
        super().__init__(*args, **kwargs)

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        self.checked = check_upload(upload)
        return upload


def too_many_message() -> str:
    return ngettext(
        "An item has at most %(count)d attachment. Delete one first.",
        "An item has at most %(count)d attachments. Delete one first.",
        MAX_PER_ITEM,
    ) % {"count": MAX_PER_ITEM}


class TooManyError(Exception):
    pass


def add_attachment(item: Item, form: AttachmentForm, user: User) -> Attachment:
    """Store the checked upload under the item (at most MAX_PER_ITEM, counted under the item's
    lock so two uploads at once cannot pass it) and read its text after the commit."""
    from knowledgebase import tasks

    file_type, name = form.checked
    upload: UploadedFile = form.cleaned_data["file"]
    with transaction.atomic():
        Item.objects.select_for_update().only("pk").get(pk=item.pk)
        if Attachment.objects.filter(item=item).count() >= MAX_PER_ITEM:
            raise TooManyError
        attachment = Attachment(
            item=item,
            token=secrets.token_hex(16),
            extension=file_type.extension,
            name=name,
            content_type=file_type.content_type,
            size=upload.size or 0,
            uploaded_by=user,
        )
        upload.seek(0)
        attachment.file.save(f"upload.{file_type.extension}", upload, save=False)
        stored = attachment.file.name
        try:
            attachment.save()
        except Exception:
            default_storage.delete(stored)
            raise
        transaction.on_commit(lambda: tasks.read_attachment_text.enqueue(attachment.pk))
    return attachment


def delete_attachment(attachment: Attachment) -> None:
    """Remove it from the item and from what the item is found by; the file goes after the
    commit (`_file_goes_with_its_row`)."""
    item_id = attachment.item_id
    with transaction.atomic():
        deleted, _rows = Attachment.objects.filter(pk=attachment.pk).delete()
        if deleted:
            indexing.refresh_attachment_text([item_id])


def _file_goes_with_its_row(sender: type, instance: Attachment, **kwargs: Any) -> None:
    """However a row goes (deleted here, or with its item), its file follows once that is
    committed; a rolled-back delete keeps it."""
    stored = instance.file.name
    if stored:
        transaction.on_commit(lambda: default_storage.delete(stored))


def register() -> None:
    """Called from KnowledgebaseConfig.ready()."""
    post_delete.connect(_file_goes_with_its_row, sender=Attachment, dispatch_uid="kb-attachment")


def download_url(attachment: Attachment) -> str:
    return reverse("knowledgebase:attachment-file", args=[attachment.pk, attachment.name])


@dataclass
class Shown:
    """One attachment as the lists show it."""

    attachment: Attachment
    url: str
    type_label: str
    size: str

    @property
    def meta(self) -> str:
        """ "PDF · 1,2 MB · 12 pagina's"."""
        parts = [self.type_label, self.size]
        pages = self.attachment.pages
        if pages:
            parts.append(ngettext("%(count)d page", "%(count)d pages", pages) % {"count": pages})
        return " · ".join(parts)


def shown(attachments: list[Attachment]) -> list[Shown]:
    return [Shown(a, download_url(a), type_of(a).label, human_size(a.size)) for a in attachments]


def page_context(request: HttpRequest, item: Item) -> dict[str, Any]:
    """What this part shows on the item's page (templates/knowledgebase/partials/_attachments.html)."""
    # Kept under the content version, which every upload, deletion and reading advances; read
    # only when the page's body is rendered (views/reading.py keeps that too).
    key = f"kb-attachments:{item.pk}:{content_version.current(request)}"
    attachments = SimpleLazyObject(
        lambda: shown(
            get_or_compute(
                key,
                lambda: list(
                    Attachment.objects.filter(item=item).defer("text").order_by("created_at", "pk")
                ),
            )
        )
    )
    return {
        "attachments": attachments,
        "attachments_insider": can_edit_item(request.user, item),
        "attachments_is_document": item.kind == Item.Kind.DOCUMENT,
    }
