"""The files of a report: its photo, and the receipts of a fuller report.

A photo is checked and drawn anew as a JPEG (as initiatives/logo.py does for logos): the
dimensions are read from the file's header before anything is decoded, so a small PNG that claims
20,000 × 20,000 pixels is refused before it costs memory; re-encoding drops whatever else the file
carried (scripts, metadata, the place it was taken). A JPEG is decoded at a fraction of its size.

A receipt is a PDF, JPEG or PNG whose name and content agree: a PDF starts with `%PDF-` and is
kept as it is (it is only ever downloaded, never shown in the browser); an image is drawn anew in
its own format. Both are stored under random names and served only to the initiative and the
fund's roles (fund/views/reports.py).
"""

import secrets
import unicodedata
from dataclasses import dataclass
from io import BytesIO

from django import forms
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_SIDE = 1600  # the stored photo
# Decoded at full size: at most 4,000 × 4,000 pixels.
DECODED_MAX_SIDE = 4000
# Decoded at an eighth to a half of its size (Image.draft): a phone photo of up to 8,000 × 8,000.
JPEG_MAX_SIDE = 8000
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}

RECEIPT_MAX_BYTES = 10 * 1024 * 1024
RECEIPTS_PER_REPORT = 30
RECEIPT_IMAGE_MAX_SIDE = 3000  # a receipt stays readable
NAME_MAX = 120


def _unreadable() -> forms.ValidationError:
    return forms.ValidationError(
        _("This file is not an image we can read. Upload a JPEG, PNG or WebP photo."),
        code="unreadable",
    )


def _too_large() -> forms.ValidationError:
    return forms.ValidationError(
        _(
            "This image is too large. A photo may be at most %(other)s × %(other)s pixels (a "
            "JPEG at most %(jpeg)s × %(jpeg)s)."
        )
        % {"other": DECODED_MAX_SIDE, "jpeg": JPEG_MAX_SIDE},
        code="dimensions",
    )


def _check_dimensions(image: Image.Image) -> None:
    """Refuse from the header alone, before a single pixel is decoded."""
    limit = JPEG_MAX_SIDE if image.format == "JPEG" else DECODED_MAX_SIDE
    width, height = image.size
    if width > limit or height > limit or width < 1 or height < 1:
        raise forms.ValidationError(
            _(
                "This image is too large: %(width)s × %(height)s pixels. A photo may be at most "
                "%(other)s × %(other)s pixels (a JPEG at most %(jpeg)s × %(jpeg)s)."
            )
            % {"width": width, "height": height, "other": DECODED_MAX_SIDE, "jpeg": JPEG_MAX_SIDE},
            code="dimensions",
        )


def _redraw(upload: UploadedFile, max_side: int, formats: set[str]) -> tuple[Image.Image, str]:
    """The upload decoded (at most `max_side` on its longest side, turned upright) and its
    format; a ValidationError when it is not a readable image of one of `formats`."""
    try:
        with Image.open(upload) as image:
            if image.format not in formats:
                raise _unreadable()
            _check_dimensions(image)
            found = image.format
            image.draft("RGB", (max_side, max_side))
            picture = ImageOps.exif_transpose(image)
            picture = picture.convert("RGBA" if found == "PNG" else "RGB")
    except Image.DecompressionBombError:
        # Pillow refuses before we can: the header claims far more pixels than any photo has.
        raise _too_large() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _unreadable() from None
    picture.thumbnail((max_side, max_side))
    return picture, found


def reencode_photo(upload: UploadedFile) -> InMemoryUploadedFile:
    """The report's photo, checked and drawn anew as a JPEG under a random name."""
    if upload.size is None or upload.size > PHOTO_MAX_BYTES:
        raise forms.ValidationError(
            _("A photo may be at most 10 MB. Make it smaller, or choose another."),
            code="too_large",
        )
    picture, _format = _redraw(upload, PHOTO_MAX_SIDE, PHOTO_FORMATS)
    if picture.mode != "RGB":
        background = Image.new("RGB", picture.size, "white")
        background.paste(picture, mask=picture.getchannel("A") if "A" in picture.mode else None)
        picture = background
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=85, optimize=True)
    size = buffer.tell()
    buffer.seek(0)
    name = f"{secrets.token_urlsafe(16)}.jpg"
    return InMemoryUploadedFile(buffer, "photo", name, "image/jpeg", size, None)


@dataclass(frozen=True)
class ReceiptType:
    extension: str
    content_type: str
    label: str


PDF = ReceiptType("pdf", "application/pdf", "PDF")
JPEG = ReceiptType("jpg", "image/jpeg", "JPEG")
PNG = ReceiptType("png", "image/png", "PNG")
EXTENSIONS = {"pdf": PDF, "jpg": JPEG, "jpeg": JPEG, "png": PNG}
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def receipt_type(name: str) -> ReceiptType:
    """The type of a stored receipt, by its checked extension."""
    return EXTENSIONS.get(name.rsplit(".", 1)[-1].lower(), PDF)


def clean_name(name: str, extension: str) -> str:
    """The name people see: no folders, no control or direction characters, not too long, and
    ending in the checked extension."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        " " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
        for c in unicodedata.normalize("NFC", name)
    )
    name = " ".join(name.split())
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem.strip(" .")[: NAME_MAX - len(extension) - 1].strip(" .")
    return f"{stem or gettext('receipt')}.{extension}"


def _kinds_sentence() -> str:
    return gettext("Upload a PDF, a JPEG or a PNG.")


@dataclass(frozen=True)
class CheckedReceipt:
    content: InMemoryUploadedFile | UploadedFile
    name: str  # as people see it
    type: ReceiptType


def check_receipt(upload: UploadedFile) -> CheckedReceipt:
    """A receipt whose name and content agree, an image drawn anew; a ValidationError in plain
    Dutch if it is too large, empty, or not what its name says."""
    size = upload.size or 0
    raw_name = upload.name or ""
    if size > RECEIPT_MAX_BYTES:
        raise forms.ValidationError(
            gettext("This file is larger than 10 MB. Make it smaller, or scan it again."),
            code="too_large",
        )
    if size == 0 or upload.file is None:
        raise forms.ValidationError(gettext("This file is empty."), code="empty")
    extension = raw_name.rsplit(".", 1)[-1].lower() if "." in raw_name else ""
    claimed = EXTENSIONS.get(extension)
    if claimed is None:
        raise forms.ValidationError(_kinds_sentence(), code="type")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if claimed is PDF:
        if not head.startswith(b"%PDF-"):
            raise _not_what_it_says(claimed, extension)
        return CheckedReceipt(upload, clean_name(raw_name, "pdf"), PDF)
    looks_like = None
    if head.startswith(b"\xff\xd8\xff"):
        looks_like = JPEG
    elif head == b"\x89PNG\r\n\x1a\n":
        looks_like = PNG
    if looks_like is not claimed:
        raise _not_what_it_says(claimed, extension)
    try:
        picture, _format = _redraw(upload, RECEIPT_IMAGE_MAX_SIDE, {claimed.label})
    except forms.ValidationError as error:
        if error.code == "dimensions":
            raise
        raise _not_what_it_says(claimed, extension) from None
    buffer = BytesIO()
    if claimed is JPEG:
        picture.convert("RGB").save(buffer, format="JPEG", quality=90, optimize=True)
    else:
        picture.save(buffer, format="PNG", optimize=True)
    stored = InMemoryUploadedFile(
        buffer, "receipt", f"receipt.{claimed.extension}", claimed.content_type, buffer.tell(), None
    )
    buffer.seek(0)
    return CheckedReceipt(stored, clean_name(raw_name, claimed.extension), claimed)


def _not_what_it_says(claimed: ReceiptType, extension: str) -> forms.ValidationError:
    return forms.ValidationError(
        gettext("This file is not a real %(label)s file, although its name ends in .%(ext)s.")
        % {"label": claimed.label, "ext": extension}
        + " "
        + _kinds_sentence(),
        code="content",
    )
