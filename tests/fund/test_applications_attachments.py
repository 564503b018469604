"""Attachments of an application: PDF, Word, OpenDocument, JPEG and PNG, checked by content and
name, at most 10 MB and ten per application; photos drawn anew without their location; served
only to whoever may see the application, as a download, with nosniff."""

import io
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

from accounts.models import User
from fund import attachments
from fund.models import Application, ApplicationAttachment
from initiatives.models import Initiative
from tests.factories import InitiativeFactory
from tests.fund.factories import ApplicationFactory, submitted_application
from tests.fund.factories_applications import (
    attach,
    docx_bytes,
    gps_exif,
    jpeg_bytes,
    odt_bytes,
    pdf_bytes,
    png_bytes,
    upload,
)
from tests.knowledgebase.factories_attachments import EXE, HTML

pytestmark = pytest.mark.django_db


@pytest.fixture
def x(member: User) -> Initiative:
    return InitiativeFactory(name="Buurtkracht", admin=member)


@pytest.fixture
def draft(x: Initiative) -> Application:
    return ApplicationFactory(initiative=x)


@pytest.fixture
def signed_in(client: Client, member: User) -> Client:
    client.force_login(member)
    return client


def _post(client: Client, application: Application, name: str, data: bytes) -> object:
    return client.post(
        f"/fund/applications/{application.pk}/attachments/", {"file": upload(name, data)}
    )


def _error(response: object) -> str:
    form = response.context["form"]  # type: ignore[attr-defined]
    return " ".join(str(e) for e in form.errors.get("file", []) + form.non_field_errors())


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("offerte.pdf", EXE, "Dit is geen echt PDF-bestand, ook al eindigt de naam op .pdf."),
        ("pagina.pdf", HTML, "Dit is geen echt PDF-bestand"),
        ("foto.jpg", png_bytes(), "Dit is geen echt JPEG-bestand"),
        ("foto.png", jpeg_bytes(), "Dit is geen echt PNG-bestand"),
        ("brief.docx", pdf_bytes(), "Dit is geen echt Word-bestand"),
        ("script.svg", b"<svg onload=alert(1)>", "Upload een PDF, een Word-bestand (.docx)"),
        ("programma.exe", EXE, "of een foto (JPEG of PNG)"),
        ("leeg.pdf", b"", "Dit bestand is leeg."),
        ("kapot.jpg", b"\xff\xd8\xff" + b"\x00" * 100, "We kunnen deze afbeelding niet lezen"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(
    signed_in: Client, draft: Application, name: str, data: bytes, message: str
) -> None:
    response = _post(signed_in, draft, name, data)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert message in _error(response)
    assert not ApplicationAttachment.objects.exists()


def test_a_file_over_10_mb_is_refused_with_its_size(
    signed_in: Client, draft: Application, tmp_path: Path, settings: object
) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)  # type: ignore[attr-defined]
    big = pdf_bytes() + b"0" * (12 * 1024 * 1024)
    response = _post(signed_in, draft, "jaarverslag.pdf", big)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert _error(response) == "Dit bestand is 12,0 MB; een bijlage mag hoogstens 10,0 MB zijn."
    assert not ApplicationAttachment.objects.exists()


def test_a_large_upload_is_not_kept_whole_on_disk() -> None:
    handler = attachments.CappedUploadHandler()
    handler.new_file("file", "groot.pdf", "application/pdf", None)
    chunk = b"x" * (1024 * 1024)
    for n in range(30):
        handler.receive_data_chunk(chunk, n * len(chunk))
    received = handler.file_complete(30 * len(chunk))
    assert received.size == 30 * 1024 * 1024
    received.seek(0, 2)
    assert received.tell() == attachments.MAX_BYTES + 1


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("Offerte.PDF", pdf_bytes(), "application/pdf"),
        (
            "plan.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("plan.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
        ("plek.jpeg", jpeg_bytes(), "image/jpeg"),
        ("plattegrond.png", png_bytes(), "image/png"),
    ],
)
def test_a_good_file_is_stored_under_the_portals_own_name_and_downloaded(
    signed_in: Client, draft: Application, member: User, name: str, data: bytes, content_type: str
) -> None:
    response = _post(signed_in, draft, name, data)
    assert response.status_code == 302  # type: ignore[attr-defined]
    attachment = ApplicationAttachment.objects.get()
    assert attachment.uploaded_by == member
    stem, extension = name.rsplit(".", 1)
    assert attachment.name == f"{stem}.{extension.lower()}"
    assert name.rsplit(".", 1)[0] not in attachment.file.name
    assert attachment.file.name.startswith("fund/applications/")

    download = signed_in.get(attachments.download_url(attachment))

    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "no-store" in download["Cache-Control"]
    assert "sandbox" in download["Content-Security-Policy"]
    body = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    if not content_type.startswith("image/"):
        assert body == data
    else:
        Image.open(io.BytesIO(body)).verify()


def test_a_photo_loses_its_location_and_big_ones_are_made_smaller(
    signed_in: Client, draft: Application
) -> None:
    original = jpeg_bytes(size=(3000, 2000), exif=gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get(0x8825) is not None

    _post(signed_in, draft, "plek.jpg", original)

    stored = ApplicationAttachment.objects.get()
    with default_storage.open(stored.file.name) as file:
        image = Image.open(io.BytesIO(file.read()))
        assert image.format == "JPEG"
        assert max(image.size) == attachments.PHOTO_MAX_SIDE
        exif = image.getexif()
        assert 0x8825 not in exif
        assert 0x010F not in exif


def test_an_image_claiming_huge_dimensions_is_refused(
    signed_in: Client, draft: Application
) -> None:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )
    response = _post(signed_in, draft, "groot.png", bomb)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Deze afbeelding is te groot" in _error(response)
    assert not ApplicationAttachment.objects.exists()
    # Large, though within Pillow's own guard: refused from the header, with its size.
    header = struct.pack(">IIBBBBB", 5000, 4100, 8, 2, 0, 0, 0)
    wide = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )
    response = _post(signed_in, draft, "breed.png", wide)
    assert "Deze afbeelding is te groot: 5000 × 4100 pixels" in _error(response)


def test_at_most_ten_attachments(signed_in: Client, draft: Application, member: User) -> None:
    for n in range(attachments.MAX_PER_APPLICATION):
        attach(draft, f"deel-{n}.pdf", by=member)
    page = signed_in.get(f"/fund/applications/{draft.pk}/attachments/")
    assert "het hoogste aantal" in page.content.decode()
    assert 'type="file"' not in page.content.decode()
    response = _post(signed_in, draft, "elfde.pdf", pdf_bytes())
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Een aanvraag heeft hoogstens 10 bijlagen" in _error(response)
    assert draft.attachments.count() == attachments.MAX_PER_APPLICATION


def test_the_limit_holds_when_the_count_was_read_before(draft: Application, member: User) -> None:
    from fund.errors import FundRuleError

    for n in range(attachments.MAX_PER_APPLICATION):
        attach(draft, f"deel-{n}.pdf", by=member)
    with pytest.raises(FundRuleError, match="hoogstens 10 bijlagen"):
        attach(draft, "laat.pdf", by=member)


def test_deleting_removes_the_row_and_the_file(
    signed_in: Client, draft: Application, member: User, committed: object
) -> None:
    attachment = attach(draft, "weg.pdf", by=member)
    stored = attachment.file.name
    with committed():  # type: ignore[operator]
        response = signed_in.post(
            f"/fund/applications/{draft.pk}/attachments/{attachment.pk}/delete/", follow=True
        )
    assert "weg.pdf is verwijderd." in response.content.decode()
    assert not ApplicationAttachment.objects.exists()
    assert not default_storage.exists(stored)
    # A second click: nothing to delete, no error.
    again = signed_in.post(f"/fund/applications/{draft.pk}/attachments/{attachment.pk}/delete/")
    assert again.status_code == 302


def test_the_file_has_the_applications_visibility(
    client: Client,
    x: Initiative,
    member: User,
    fund_committee: User,
    treasurer: User,
    other_member: User,
) -> None:
    draft = ApplicationFactory(initiative=x)
    on_draft = attach(draft, "concept.pdf", by=member)
    submitted = submitted_application(initiative=x)
    on_submitted = attach(submitted, "offerte.pdf", by=member)
    for insider in (fund_committee, treasurer):
        client.force_login(insider)
        assert client.get(attachments.download_url(on_draft)).status_code == 404
        assert client.get(attachments.download_url(on_submitted)).status_code == 200
    client.force_login(other_member)
    assert client.get(attachments.download_url(on_draft)).status_code == 404
    assert client.get(attachments.download_url(on_submitted)).status_code == 403
    client.logout()
    assert client.get(attachments.download_url(on_draft)).status_code == 404
    assert client.get(attachments.download_url(on_submitted)).status_code == 302


def test_no_attachment_once_decided(signed_in: Client, x: Initiative) -> None:
    decided = submitted_application(initiative=x)
    Application.objects.filter(pk=decided.pk).update(status=Application.Status.REJECTED)
    response = signed_in.post(
        f"/fund/applications/{decided.pk}/attachments/",
        {"file": upload("laat.pdf", pdf_bytes())},
        follow=True,
    )
    assert "heeft over deze aanvraag besloten" in response.content.decode()
    assert not ApplicationAttachment.objects.exists()
