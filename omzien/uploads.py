"""Uploaded files, checked by what they are and not only by what they are called: shared by the
knowledge base's attachments (knowledgebase/attachments.py) and the fund's
(fund/attachments.py), each with its own types and size limit.

An upload is accepted only when its name and its content agree on one type: a PDF starts with
`%PDF-`; a Word file (.docx) is a zip with `[Content_Types].xml` and `word/document.xml`; an
OpenDocument text (.odt) is a zip whose `mimetype` entry says so; a JPEG starts with FF D8 FF and
a PNG with its eight-byte signature. The name people see is cleaned of folders and control
characters. A photo is drawn anew (`redraw_image`), which drops whatever else it carried: the
place it was taken, hidden scripts.

Large uploads: Django keeps files up to FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) in memory and
streams larger ones to a temporary file; DATA_UPLOAD_MAX_MEMORY_SIZE does not count files. So a
50 MB upload reaches the form, which refuses it with a message. `CappedUploadHandler` keeps at
most `max_bytes` of it on disk meanwhile: the rest is counted, not written.
"""

import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import IO, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.utils import formats
from django.utils.translation import gettext

NAME_MAX = 120  # characters of the shown name, extension included
# A Word or OpenDocument file has a few dozen entries; thousands mean something else.
MAX_ZIP_ENTRIES = 2000


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str
    image: bool = False


PDF = FileType("pdf", "application/pdf", "PDF")
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word",
)
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", "OpenDocument")
JPEG = FileType("jpg", "image/jpeg", "JPEG", image=True)
PNG = FileType("png", "image/png", "PNG", image=True)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def types_by_extension(*types: FileType) -> dict[str, FileType]:
    """The extensions a name may end in for these types (a JPEG also as .jpeg)."""
    found = {t.extension: t for t in types}
    if JPEG in types:
        found["jpeg"] = JPEG
    return found


def accept(types: dict[str, FileType]) -> str:
    """The file input's `accept` attribute: the extensions and the content types."""
    content_types = dict.fromkeys(t.content_type for t in types.values())
    return ",".join([f".{ext}" for ext in types] + list(content_types))


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
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(PNG_SIGNATURE):
        return PNG
    return None


def check_upload(
    upload: UploadedFile, *, types: dict[str, FileType], max_bytes: int, kinds: str
) -> tuple[FileType, str]:
    """The checked type and the clean name of an upload; a ValidationError in plain Dutch if it
    is too large, empty, or not what its name says. `kinds` is the sentence that says which
    types are welcome ("Upload a PDF, ...")."""
    size = upload.size or 0
    if size > max_bytes:
        raise forms.ValidationError(
            gettext("This file is %(size)s; an attachment may be at most %(limit)s.")
            % {"size": human_size(size), "limit": human_size(max_bytes)},
            code="too_large",
        )
    if size == 0:
        raise forms.ValidationError(gettext("This file is empty."), code="empty")
    raw_name = upload.name or ""
    extension = raw_name.rsplit(".", 1)[-1].lower() if "." in raw_name else ""
    claimed = types.get(extension)
    if claimed is None:
        raise forms.ValidationError(kinds, code="type")
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
            + kinds,
            code="content",
        )
    return claimed, clean_name(raw_name, extension)


class CappedUploadHandler(TemporaryFileUploadHandler):
    """A file larger than `max_bytes` is counted to the end (its size is reported, so the form
    can say how large it was) but only its first `max_bytes` (and one) are written to disk."""

    max_bytes = 20 * 1024 * 1024

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        kept = max(0, min(len(raw_data), self.max_bytes + 1 - self.received))
        self.received += len(raw_data)
        if kept:
            self.file.write(raw_data[:kept])


# --- photos: drawn anew ---

# Decoded at full size: at most 4,000 × 4,000 pixels (64 MB as RGBA).
DECODED_MAX_SIDE = 4000
# A JPEG is decoded at an eighth to a half of its size (Image.draft): up to 16,000 × 16,000.
JPEG_MAX_SIDE = 16000


def _unreadable_image() -> forms.ValidationError:
    return forms.ValidationError(
        gettext(
            "We cannot read this image. Upload a JPEG or PNG file that opens on your computer."
        ),
        code="content",
    )


def redraw_image(file: IO[bytes], file_type: FileType, *, max_side: int) -> bytes:
    """A JPEG or PNG drawn anew, at most `max_side` pixels wide and high, upright as the camera
    meant it, without anything else the file carried (location, camera, comments, scripts).
    Its dimensions are read from the header before a pixel is decoded: a PNG of a few kilobytes
    can claim 30,000 × 30,000 pixels."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    file.seek(0)
    try:
        with Image.open(file) as image:
            expected = "JPEG" if file_type == JPEG else "PNG"
            if image.format != expected:
                raise _unreadable_image()
            limit = JPEG_MAX_SIDE if expected == "JPEG" else DECODED_MAX_SIDE
            width, height = image.size
            if width > limit or height > limit:
                raise forms.ValidationError(
                    gettext(
                        "This image is too large: %(width)s × %(height)s pixels. It may be at "
                        "most %(limit)s × %(limit)s pixels."
                    )
                    % {"width": width, "height": height, "limit": limit},
                    code="too_large",
                )
            mode = "RGB" if expected == "JPEG" else "RGBA"
            # JPEG only: decode at the smallest scale that still gives the stored size.
            image.draft("RGB", (max_side, max_side))
            upright = ImageOps.exif_transpose(image) or image
            picture = upright.convert(mode)
    except Image.DecompressionBombError:
        # Pillow's own guard, for sizes far beyond ours: refused before the header is read out.
        raise forms.ValidationError(
            gettext("This image is too large. It may be at most %(limit)s × %(limit)s pixels.")
            % {"limit": DECODED_MAX_SIDE},
            code="too_large",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise _unreadable_image() from None
    picture.thumbnail((max_side, max_side))
    out = BytesIO()
    if expected == "JPEG":
        picture.save(out, format="JPEG", quality=85, optimize=True)
    else:
        picture.save(out, format="PNG", optimize=True)
    return out.getvalue()
