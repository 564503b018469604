"""Attachments of an application: a quote, a plan, a photo of the place.

PDF, Word (.docx), OpenDocument text (.odt), JPEG and PNG, each checked by its name and its
content (omzien/uploads.py), at most MAX_BYTES each and MAX_PER_APPLICATION per application. A
photo is drawn anew, without the place it was taken. A file is stored under the portal's own
random name; the name people see is cleaned. It is downloaded (never shown in the browser) by
whoever may see the application (fund/views/applications.py).

Adding or deleting one changes the application: while it is a draft that is all; once submitted
it is a new revision (fund/revisions.py), like every other change. Both happen under the
application's row lock, which is also where the number of attachments is counted.
"""

import secrets
from typing import Any

from django import forms
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from fund.errors import FundRuleError
from fund.models import Application, ApplicationAttachment
from omzien import uploads
from omzien.uploads import DOCX, JPEG, ODT, PDF, PNG, FileType

MAX_BYTES = 10 * 1024 * 1024
MAX_PER_APPLICATION = 10
# A photo is kept at most this many pixels wide and high: enough to read a quote.
PHOTO_MAX_SIDE = 2400
TYPES = uploads.types_by_extension(PDF, DOCX, ODT, JPEG, PNG)
ACCEPT = uploads.accept(TYPES)


def kinds_sentence() -> str:
    return gettext(
        "Upload a PDF, a Word file (.docx), an OpenDocument text (.odt), or a photo (JPEG or PNG)."
    )


def type_of(attachment: ApplicationAttachment) -> FileType:
    """The type checked on upload: the stored name ends in its extension."""
    extension = attachment.file.name.rsplit(".", 1)[-1].lower()
    return TYPES.get(extension, PDF)


class CappedUploadHandler(uploads.CappedUploadHandler):
    max_bytes = MAX_BYTES


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, Word (.docx), OpenDocument (.odt), JPEG or PNG file of at most 10 MB."),
        error_messages={
            "required": _("Choose a file to upload."),
            "empty": _("This file is empty."),
            "invalid": _("No file came along. Choose the file again."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        file_type, name = uploads.check_upload(
            upload, types=TYPES, max_bytes=MAX_BYTES, kinds=kinds_sentence()
        )
        content: bytes | None = None
        if file_type.image and upload.file is not None:
            content = uploads.redraw_image(upload.file, file_type, max_side=PHOTO_MAX_SIDE)
        self.checked = (file_type, name, content)
        return upload


def too_many_message() -> str:
    return ngettext(
        "An application has at most %(count)d attachment. Delete one first.",
        "An application has at most %(count)d attachments. Delete one first.",
        MAX_PER_APPLICATION,
    ) % {"count": MAX_PER_APPLICATION}


def add_attachment(
    application: Application, form: AttachmentForm, *, by: User
) -> ApplicationAttachment:
    """Store the checked upload with the application: under its row lock, while it may still
    change, and while it has room. FundRuleError (on "file") otherwise."""
    from fund.applications import lock_for_change
    from fund.revisions import freeze

    file_type, name, redrawn = form.checked
    upload: UploadedFile = form.cleaned_data["file"]
    with transaction.atomic():
        locked = lock_for_change(application)
        if ApplicationAttachment.objects.filter(application=locked).count() >= (
            MAX_PER_APPLICATION
        ):
            raise FundRuleError(too_many_message(), field="file")
        stored_name = f"{secrets.token_hex(16)}.{file_type.extension}"
        if redrawn is not None:
            content: Any = ContentFile(redrawn)
            size = len(redrawn)
        else:
            upload.seek(0)
            content = upload
            size = upload.size or 0
        attachment = ApplicationAttachment(application=locked, name=name, size=size, uploaded_by=by)
        attachment.file.save(stored_name, content, save=False)
        stored = attachment.file.name
        try:
            attachment.save()
            if locked.status == Application.Status.SUBMITTED:
                freeze(locked, by=by)
        except Exception:
            default_storage.delete(stored)
            raise
    return attachment


def delete_attachment(application: Application, attachment_id: int, *, by: User) -> str | None:
    """Remove one of the application's attachments; its name, or None when it was gone already
    (a second click). The file goes after the commit (`_file_goes_with_its_row`)."""
    from fund.applications import lock_for_change
    from fund.revisions import freeze

    with transaction.atomic():
        locked = lock_for_change(application)
        chosen = ApplicationAttachment.objects.filter(pk=attachment_id, application=locked).first()
        if chosen is None:
            return None
        chosen.delete()
        if locked.status == Application.Status.SUBMITTED:
            freeze(locked, by=by)
    return chosen.name


def _file_goes_with_its_row(sender: type, instance: ApplicationAttachment, **kwargs: Any) -> None:
    """However a row goes (deleted here, or with its draft), its file follows once that is
    committed; a rolled-back delete keeps it."""
    stored = instance.file.name
    if stored:
        transaction.on_commit(lambda: default_storage.delete(stored))


def register() -> None:
    post_delete.connect(
        _file_goes_with_its_row, sender=ApplicationAttachment, dispatch_uid="fund-attachment"
    )


def download_url(attachment: ApplicationAttachment) -> str:
    return reverse("fund:application-file", args=[attachment.pk, attachment.name])


def shown(attachments: list[ApplicationAttachment]) -> list[dict[str, Any]]:
    """The attachments as the pages list them: name, link, type and size."""
    return [
        {
            "attachment": a,
            "url": download_url(a),
            "meta": f"{type_of(a).label} · {uploads.human_size(a.size)}",
        }
        for a in attachments
    ]
