"""Attachments of an item: checks on upload, storage, and the list on the item's page.

An upload is accepted only when its name and its content agree on one of three types: a PDF
starts with `%PDF-`; a Word file (.docx) is a zip with `[Content_Types].xml` and
`word/document.xml`; an OpenDocument text (.odt) is a zip whose `mimetype` entry says so. It is
stored under the portal's own random name (`models.attachment_path`) through Django's storage API;
the name people see is cleaned of paths and control characters. Its text is read afterwards, in
the background (knowledgebase/attachment_text.py), so an upload never waits on a large file.

Large uploads: Django keeps files up to FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) in memory and
streams larger ones to a temporary file; DATA_UPLOAD_MAX_MEMORY_SIZE does not count files. So a
50 MB upload reaches the form, which refuses it with a message. `CappedUploadHandler` keeps at
most MAX_BYTES of it on disk meanwhile: the rest is counted, not written.
"""

import secrets
import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django import forms
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import transaction
from django.db.models.signals import post_delete
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from knowledgebase import indexing
from knowledgebase.models import Attachment, Item
from knowledgebase.permissions import can_edit_item
from omzien import content_version
from omzien.shared_cache import get_or_compute

MAX_BYTES = 20 * 1024 * 1024
MAX_PER_ITEM = 10
NAME_MAX = 120  # characters of the shown name, extension included
# A Word or OpenDocument file has a few dozen entries; thousands mean something else.
MAX_ZIP_ENTRIES = 2000


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str


PDF = FileType("pdf", "application/pdf", "PDF")
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word",
)
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", "OpenDocument")
TYPES = {t.extension: t for t in (PDF, DOCX, ODT)}
ACCEPT = ",".join([f".{ext}" for ext in TYPES] + [t.content_type for t in TYPES.values()])


def type_of(attachment: Attachment) -> FileType:
    return TYPES.get(attachment.extension, PDF)


def human_size(size: int) -> str:
    """ "340 kB", "1,2 MB" (Dutch) or "1.2 MB" (English)."""
    if size < 1024 * 1024:
        return f"{formats.number_format(max(1, round(size / 1024)))} kB"
    return f"{formats.number_format(round(size / (1024 * 1024), 1), 1)} MB"


def clean_name(name: str, extension: str) -> str:
    """The name people see: no folders, no control or direction characters, not too long, and
    ending in the checked extension."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Cc: control characters; Cf: invisible formatting (a right-to-left override hides ".exe").
    name = "".join(
        " " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
        for c in unicodedata.normalize("NFC", name)
    )
    name = " ".join(name.split())
    stem = name[: -len(extension) - 1] if name.lower().endswith(f".{extension}") else name
    stem = stem.strip(" .")[: NAME_MAX - len(extension) - 1].strip(" .")
    return f"{stem or gettext('attachment')}.{extension}"


def _zip_entry_count(file: IO[bytes]) -> int | None:
    """The number of entries the zip's end record claims, read from its last bytes only: a zip of
    20 MB can list hundreds of thousands of entries, which `zipfile` would each turn into an
    object before we could count them."""
    file.seek(0, 2)
    size = file.tell()
    tail_size = min(size, 22 + 65535)
    file.seek(size - tail_size)
    tail = file.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    (entries,) = struct.unpack("<H", tail[at + 10 : at + 12])
    return int(entries)


def _zip_type(file: IO[bytes]) -> FileType | None:
    entries = _zip_entry_count(file)
    if entries is None or entries > MAX_ZIP_ENTRIES:
        return None
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if {"[Content_Types].xml", "word/document.xml"} <= names:
                return DOCX
            if "mimetype" in names and "content.xml" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100:
                    with archive.open(info) as entry:
                        if entry.read(100).strip() == ODT.content_type.encode():
                            return ODT
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    return None


def content_type_of(file: IO[bytes]) -> FileType | None:
    """What the bytes say the file is, whatever its name says."""
    file.seek(0)
    head = file.read(8)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(file)
    return None


def _kinds_sentence() -> str:
    return gettext("Upload a PDF, a Word file (.docx) or an OpenDocument text (.odt).")


def check_upload(upload: UploadedFile) -> tuple[FileType, str]:
    """The checked type and the clean name of an upload; a ValidationError in plain Dutch if
    it is too large, empty, or not what its name says."""
    size = upload.size or 0
    if size > MAX_BYTES:
        raise forms.ValidationError(
            gettext("This file is %(size)s; an attachment may be at most %(limit)s.")
            % {"size": human_size(size), "limit": human_size(MAX_BYTES)},
            code="too_large",
        )
    if size == 0:
        raise forms.ValidationError(gettext("This file is empty."), code="empty")
    raw_name = upload.name or ""
    extension = raw_name.rsplit(".", 1)[-1].lower() if "." in raw_name else ""
    claimed = TYPES.get(extension)
    if claimed is None:
        raise forms.ValidationError(_kinds_sentence(), code="type")
    file = upload.file
    if file is None:
        raise forms.ValidationError(gettext("This file is empty."), code="empty")
    actual = content_type_of(file)
    file.seek(0)
    if actual != claimed:
        raise forms.ValidationError(
            gettext("This file is not a real %(label)s file, although its name ends in .%(ext)s.")
            % {"label": claimed.label, "ext": extension}
            + " "
            + _kinds_sentence(),
            code="content",
        )
    return claimed, clean_name(raw_name, claimed.extension)


class CappedUploadHandler(TemporaryFileUploadHandler):
    """A file larger than MAX_BYTES is counted to the end (its size is reported, so the form can
    say how large it was) but only its first MAX_BYTES are written to disk."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        kept = max(0, min(len(raw_data), MAX_BYTES + 1 - self.received))
        self.received += len(raw_data)
        if kept:
            self.file.write(raw_data[:kept])


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
