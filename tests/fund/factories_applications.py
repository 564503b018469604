"""Helpers for the applications part's tests: the form as a browser sends it, files to upload,
and applications in each state."""

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from accounts.models import User
from fund.attachments import AttachmentForm, add_attachment
from fund.models import Application, ApplicationAttachment
from fund.revisions import freeze
from tests.knowledgebase.factories_attachments import docx_bytes, odt_bytes, pdf_bytes

__all__ = ["docx_bytes", "odt_bytes", "pdf_bytes"]


def form_data(**overrides: Any) -> dict[str, Any]:
    """A complete application form with two budget lines (and three empty ones)."""
    lines = overrides.pop("lines", [("Huur buurthuis", "400"), ("Boodschappen", "600,00")])
    data: dict[str, Any] = {
        "title": "Samen koken in de Dichterswijk",
        "summary": "Elke maand koken buren samen voor wie alleen is.",
        "plan": "We huren de keuken van het buurthuis en koken met vrijwilligers.",
        "why": "Veel ouderen in de wijk eten alleen.",
        "for_whom": "Ouderen en alleenstaanden in de wijk.",
        "amount": "1.000",
        "theme": "",
        "co_applicant_names": "",
        "research_question": "",
        "meeting": "",
        "lines-TOTAL_FORMS": str(len(lines) + 3),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "30",
    }
    for index, (description, amount) in enumerate(lines):
        data[f"lines-{index}-description"] = description
        data[f"lines-{index}-amount"] = amount
    data.update(overrides)
    return data


def jpeg_bytes(size: tuple[int, int] = (120, 80), exif: bytes | None = None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 120, 40))
    if exif is not None:
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (10, 120, 200, 255)).save(out, format="PNG")
    return out.getvalue()


def gps_exif() -> bytes:
    """EXIF with a GPS position (the Domtoren) and a camera."""
    exif = Image.Exif()
    exif[0x010F] = "Telefoon van Anna"  # Make
    gps = {1: "N", 2: (52.0, 5.0, 26.0), 3: "E", 4: (5.0, 7.0, 17.0)}
    exif[0x8825] = gps  # GPSInfo
    return exif.tobytes()


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def attach(
    application: Application,
    name: str = "offerte.pdf",
    data: bytes | None = None,
    by: User | None = None,
) -> ApplicationAttachment:
    """An attachment stored as an upload would be."""
    form = AttachmentForm(files={"file": upload(name, data if data is not None else pdf_bytes())})
    assert form.is_valid(), form.errors
    with transaction.atomic():
        return add_attachment(application, form, by=by)  # type: ignore[arg-type]


def freeze_first(application: Application, by: User | None = None) -> None:
    """Revision 1 of an application made by `submitted_application` (which sets the status
    without going through submission)."""
    Application.objects.filter(pk=application.pk).update(revision=0)
    application.revision = 0
    with transaction.atomic():
        freeze(application, by=by)
