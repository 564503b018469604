"""Attachments as people see them: the list on the item's page, the attachments page, and the
download with its headers, for whoever may see the item and nobody else."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.test import Client

from accounts.models import User
from knowledgebase.models import Attachment, Item
from tests.factories import InitiativeFactory
from tests.knowledgebase import factories_attachments as files
from tests.knowledgebase.factories import DocumentFactory, PracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(member: User) -> Item:
    return DocumentFactory(
        initiative=InitiativeFactory(admin=member), title="Beleidsregel buurtbudget"
    )


def _file_url(attachment: Attachment) -> str:
    return f"/knowledge/files/{attachment.pk}/{attachment.name}"


def test_the_item_page_lists_its_attachments_for_everyone(client: Client, document: Item) -> None:
    files.make_attachment(document, files.pdf_bytes(), "Regels 2026.pdf")
    big = files.pdf_bytes() + b"%" * (1_258_291 - len(files.pdf_bytes()))  # 1.2 MB
    Attachment.objects.filter(pk=files.make_attachment(document, big, "bijlage.pdf").pk)

    page = client.get(document.get_absolute_url()).content.decode()

    assert "Bijlagen" in page
    assert "Regels 2026.pdf" in page
    assert "/knowledge/files/" in page
    assert "PDF · 1 kB" in page
    assert "PDF · 1,2 MB" in page
    assert "1 pagina" in page
    # How far the reading got is for the insiders only.
    assert "De tekst is gelezen" not in page
    assert "Bijlagen toevoegen of verwijderen" not in page


def test_insiders_see_whether_the_text_was_read_and_why_not(
    login: Callable[[User], Client], document: Item, member: User
) -> None:
    files.make_attachment(document, files.pdf_bytes(), "goed.pdf")
    files.make_attachment(document, files.encrypted_pdf(), "slot.pdf")
    files.make_attachment(document, files.pdf_bytes(), "later.pdf", read=False)

    page = login(member).get(document.get_absolute_url()).content.decode()

    assert "De tekst is gelezen: het item wordt erop gevonden." in page
    assert "De tekst kon niet worden gelezen:" in page
    assert "Dit PDF-bestand is beveiligd met een wachtwoord" in page
    assert "De tekst wordt gelezen." in page
    assert "Bijlagen toevoegen of verwijderen" in page


def test_a_document_without_attachment_says_so(
    client: Client, login: Callable[[User], Client], document: Item, member: User
) -> None:
    assert (
        "Dit document heeft nog geen bijlage."
        in client.get(document.get_absolute_url()).content.decode()
    ), "visitor"
    page = login(member).get(document.get_absolute_url()).content.decode()
    assert "Dit document heeft nog geen bijlage." in page
    assert "Bijlage toevoegen" in page


def test_a_practice_without_attachments_shows_no_empty_section_to_visitors(client: Client) -> None:
    practice = PracticeFactory()
    assert "Bijlagen" not in client.get(practice.get_absolute_url()).content.decode()


def test_the_item_page_costs_the_same_queries_with_one_or_ten_attachments(
    client: Client,
    document: Item,
    django_assert_max_num_queries: Callable[[int], AbstractContextManager[object]],
) -> None:
    files.make_attachment(document, read=False)
    client.get(document.get_absolute_url())  # warm the per-process caches
    caches["fragments"].clear()  # measured uncached: the page keeps its parts
    with django_assert_max_num_queries(12) as few:
        client.get(document.get_absolute_url())
    for n in range(9):
        files.make_attachment(document, name=f"deel-{n}.pdf", read=False)
    caches["fragments"].clear()
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[attr-defined]
        response = client.get(document.get_absolute_url())
    assert response.content.decode().count("/knowledge/files/") == 10


def test_the_attachments_page_lists_and_offers_the_upload(
    login: Callable[[User], Client], document: Item, member: User
) -> None:
    files.make_attachment(document, files.docx_bytes(pages=4), "notitie.docx")
    page = login(member).get(f"/knowledge/{document.pk}/attachments/").content.decode()

    assert "Bijlagen bij ‘Beleidsregel buurtbudget’" in page
    assert "notitie.docx" in page
    assert "Word · 1 kB · 4 pagina&#x27;s" in page
    assert 'enctype="multipart/form-data"' in page
    assert 'accept=".pdf,.docx,.odt,' in page
    assert "Verwijderen" in page


def test_a_visitor_downloads_a_published_items_file_with_safe_headers(
    client: Client, document: Item
) -> None:
    data = files.pdf_bytes()
    attachment = files.make_attachment(document, data, "Regels 2026.pdf")

    response = client.get(_file_url(attachment))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Regels 2026.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Length"] == str(len(data))


def test_a_name_with_accents_downloads_under_that_name(client: Client, document: Item) -> None:
    attachment = files.make_attachment(document, files.odt_bytes(), "Coördinatie ideeën.odt")
    response = client.get(_file_url(attachment))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert "filename*=utf-8''Co%C3%B6rdinatie%20idee%C3%ABn.odt" in response["Content-Disposition"]


def test_another_name_in_the_address_is_sent_to_the_right_one(
    client: Client, document: Item
) -> None:
    attachment = files.make_attachment(document, name="juist.pdf")
    response = client.get(f"/knowledge/files/{attachment.pk}/fout.pdf")
    assert response.status_code == 302
    assert response["Location"] == f"/knowledge/files/{attachment.pk}/juist.pdf"


def test_a_drafts_file_is_a_404_for_outsiders_and_private_for_insiders(
    client: Client, login: Callable[[User], Client], member: User, other_member: User
) -> None:
    draft = DocumentFactory(initiative=InitiativeFactory(admin=member), status=Item.Status.DRAFT)
    attachment = files.make_attachment(draft, name="concept.pdf")
    url = _file_url(attachment)

    assert client.get(url).status_code == 404
    assert client.get(f"/knowledge/files/{attachment.pk}/fout.pdf").status_code == 404
    assert login(other_member).get(url).status_code == 404
    response = login(member).get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_file_gone_from_storage_is_a_404_not_a_500(client: Client, document: Item) -> None:
    attachment = files.make_attachment(document, read=False)
    default_storage.delete(attachment.file.name)
    assert client.get(_file_url(attachment)).status_code == 404


def test_nobody_reaches_the_stored_file_by_the_shown_name(
    client: Client, document: Item, settings: object, tmp_path: Path
) -> None:
    attachment = files.make_attachment(document, name="geheim.pdf", read=False)
    assert "geheim" not in attachment.file.name
    assert client.get(f"/media/{attachment.name}").status_code == 404
