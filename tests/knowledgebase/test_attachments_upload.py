"""Uploading attachments: checked by name and content, at most 20 MB and ten per item, a clean
shown name, the portal's own stored name, and a clear Dutch message for every bad file."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from accounts.models import User
from knowledgebase import attachments
from knowledgebase.models import Attachment, Item
from tests.factories import InitiativeFactory
from tests.knowledgebase import factories_attachments as files
from tests.knowledgebase.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(member: User) -> Item:
    return DocumentFactory(initiative=InitiativeFactory(admin=member), summary="", body="")


@pytest.fixture
def signed_in(client: Client, member: User) -> Client:
    client.force_login(member)
    return client


def _post(client: Client, item: Item, name: str, data: bytes) -> object:
    return client.post(f"/knowledge/{item.pk}/attachments/", {"file": files.upload(name, data)})


def _error(response: object) -> str:
    form = response.context["form"]  # type: ignore[attr-defined]
    return " ".join(str(e) for e in form.errors.get("file", []) + form.non_field_errors())


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "programma.pdf",
            files.EXE,
            "Dit is geen echt PDF-bestand, ook al eindigt de naam op .pdf.",
        ),
        ("pagina.pdf", files.HTML, "Dit is geen echt PDF-bestand"),
        ("brief.docx", files.pdf_bytes(), "Dit is geen echt Word-bestand"),
        ("brief.odt", files.docx_bytes(), "Dit is geen echt OpenDocument-bestand"),
        ("archief.docx", files._zip({"a.txt": b"x"}), "Dit is geen echt Word-bestand"),
        (
            "programma.exe",
            files.EXE,
            "Upload een PDF, een Word-bestand (.docx) of een OpenDocument",
        ),
        ("zonder-naam", files.pdf_bytes(), "Upload een PDF"),
        ("leeg.pdf", b"", "Dit bestand is leeg."),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_next_to_the_field(
    signed_in: Client, item: Item, name: str, data: bytes, message: str
) -> None:
    response = _post(signed_in, item, name, data)

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert message in _error(response)
    assert 'aria-invalid="true"' in response.content.decode()  # type: ignore[attr-defined]
    assert not Attachment.objects.exists()


def test_a_50_mb_upload_gets_a_clear_message_and_never_a_500(
    signed_in: Client, item: Item, tmp_path: Path, settings: object
) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)  # type: ignore[attr-defined]
    big = files.pdf_bytes() + b"0" * (50 * 1024 * 1024)

    response = _post(signed_in, item, "jaarverslag.pdf", big)

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert _error(response) == "Dit bestand is 50,0 MB; een bijlage mag hoogstens 20,0 MB zijn."
    assert not Attachment.objects.exists()


def test_a_large_upload_is_not_kept_whole_on_disk_while_it_arrives() -> None:
    handler = attachments.CappedUploadHandler()
    handler.new_file("file", "groot.pdf", "application/pdf", None)
    chunk = b"x" * (1024 * 1024)
    for n in range(50):
        handler.receive_data_chunk(chunk, n * len(chunk))
    received = handler.file_complete(50 * len(chunk))

    assert received.size == 50 * 1024 * 1024
    received.seek(0, 2)
    assert received.tell() == attachments.MAX_BYTES + 1


def test_just_under_the_limit_is_accepted(signed_in: Client, item: Item) -> None:
    data = files.pdf_bytes() + b"%" * (attachments.MAX_BYTES - len(files.pdf_bytes()))
    response = _post(signed_in, item, "precies.pdf", data)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert Attachment.objects.get().size == attachments.MAX_BYTES


@pytest.mark.parametrize(
    ("name", "data", "extension", "content_type"),
    [
        ("Beleidsregel.PDF", files.pdf_bytes(), "pdf", "application/pdf"),
        (
            "notitie.docx",
            files.docx_bytes(),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("notitie.odt", files.odt_bytes(), "odt", "application/vnd.oasis.opendocument.text"),
    ],
)
def test_a_good_file_is_stored_under_the_portals_own_name(
    signed_in: Client,
    item: Item,
    member: User,
    name: str,
    data: bytes,
    extension: str,
    content_type: str,
) -> None:
    response = _post(signed_in, item, name, data)

    assert response.status_code == 302  # type: ignore[attr-defined]
    attachment = Attachment.objects.get()
    assert attachment.extension == extension
    assert attachment.content_type == content_type
    assert attachment.size == len(data)
    assert attachment.uploaded_by == member
    assert len(attachment.token) == 32
    assert attachment.file.name.endswith(f"/{attachment.token}.{extension}")
    assert attachment.file.name.startswith("knowledge/")
    assert name.rsplit(".", 1)[0] not in attachment.file.name
    with default_storage.open(attachment.file.name) as stored:
        assert stored.read() == data
    page = signed_in.get(f"/knowledge/{item.pk}/attachments/")
    assert "is toegevoegd" in page.content.decode()


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("C:\\Users\\anna\\Documents\\Brief aan de raad.pdf", "Brief aan de raad.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("verslag\u202efdp.exe.pdf", "verslag fdp.exe.pdf"),
        ("regel\x00\x07\nnaam.pdf", "regel naam.pdf"),
        ("  ...pdf", "bijlage.pdf"),
        ("RAPPORT.PDF", "RAPPORT.pdf"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
        ("Coördinatie ideeën.pdf", "Coördinatie ideeën.pdf"),
    ],
)
def test_the_shown_name_is_clean(given: str, shown: str) -> None:
    from django.utils import translation

    with translation.override("nl"):
        assert attachments.clean_name(given, "pdf") == shown


def test_at_most_ten_attachments_per_item(signed_in: Client, item: Item) -> None:
    for n in range(attachments.MAX_PER_ITEM):
        files.make_attachment(item, name=f"deel-{n}.pdf", read=False)

    page = signed_in.get(f"/knowledge/{item.pk}/attachments/")
    assert "het hoogste aantal" in page.content.decode()
    assert 'type="file"' not in page.content.decode()

    response = _post(signed_in, item, "elfde.pdf", files.pdf_bytes())
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Een item heeft hoogstens 10 bijlagen" in _error(response)
    assert item.attachments.count() == attachments.MAX_PER_ITEM


def test_the_limit_holds_when_the_count_was_read_before_another_upload(
    item: Item, member: User
) -> None:
    for n in range(attachments.MAX_PER_ITEM):
        files.make_attachment(item, name=f"deel-{n}.pdf", read=False)
    form = attachments.AttachmentForm(
        files={"file": files.upload("laat.pdf", files.pdf_bytes())}, item=item
    )
    assert form.is_valid()
    with pytest.raises(attachments.TooManyError):
        attachments.add_attachment(item, form, member)


def test_no_file_chosen_says_so(signed_in: Client, item: Item) -> None:
    response = signed_in.post(f"/knowledge/{item.pk}/attachments/", {})
    assert response.status_code == 400
    assert "Kies een bestand om te uploaden." in _error(response)


def test_deleting_removes_the_file_the_row_and_the_words(
    signed_in: Client, item: Item, committed: object
) -> None:
    attachment = files.make_attachment(item, files.pdf_bytes())
    item.refresh_from_db()
    assert "ontmoetingsplek" in item.attachment_text
    stored = attachment.file.name

    with committed():  # type: ignore[operator]
        response = signed_in.post(f"/knowledge/{item.pk}/attachments/{attachment.pk}/delete/")

    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not default_storage.exists(stored)
    item.refresh_from_db()
    assert item.attachment_text == ""
    # A second click finds nothing and says nothing went wrong.
    again = signed_in.post(f"/knowledge/{item.pk}/attachments/{attachment.pk}/delete/")
    assert again.status_code == 302


def test_an_attachment_of_another_item_is_not_deleted_through_this_one(
    signed_in: Client, item: Item, member: User
) -> None:
    other = DocumentFactory(initiative=item.initiative)
    attachment = files.make_attachment(other, read=False)
    signed_in.post(f"/knowledge/{item.pk}/attachments/{attachment.pk}/delete/")
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_the_upload_form_needs_the_csrf_token(item: Item, member: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = _post(client, item, "regels.pdf", files.pdf_bytes())
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert not Attachment.objects.exists()


def test_an_items_files_go_when_the_item_is_deleted(item: Item, committed: object) -> None:
    stored = files.make_attachment(item, read=False).file.name
    assert default_storage.exists(stored)
    with committed():  # type: ignore[operator]
        item.delete()
    assert not default_storage.exists(stored)
