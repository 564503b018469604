"""Reading the text of attachments in the background: real files, good and hostile, each ending
as read (and found by search) or as "could not be read" with a clear Dutch reason; never a hung
worker."""

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.postgres.search import SearchQuery
from django.test import Client
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from knowledgebase import attachment_text
from knowledgebase.models import Attachment, Item
from omzien.search.query import parse_search
from tests.factories import InitiativeFactory
from tests.knowledgebase import factories_attachments as files
from tests.knowledgebase.factories import DocumentFactory
from tests.omzien.test_mail_queue import DATABASE_QUEUE, run_worker
from tests.personas import MAKERS

pytestmark = pytest.mark.django_db


def _found(word: str) -> list[int]:
    return list(
        Item.objects.filter(search_vector=SearchQuery(word, config="dutch")).values_list(
            "pk", flat=True
        )
    )


def _found_by_portal_search(text: str) -> list[int]:
    return list(Item.objects.filter(parse_search(text).condition()).values_list("pk", flat=True))


def test_a_pdf_with_dutch_text_is_read_and_its_item_found_by_words_only_in_it() -> None:
    item = DocumentFactory(title="Regels", summary="", body="")
    assert _found("ontmoetingsplek") == []

    attachment = files.make_attachment(item, files.pdf_bytes())

    assert attachment.text_status == Attachment.TextStatus.READY
    assert attachment.pages == 1
    assert attachment.problem == ""
    assert "coördinator beoordeelt de aanvraag" in attachment.text
    assert _found("ontmoetingsplek") == [item.pk]
    assert _found_by_portal_search("ideeën aanvraag") == [item.pk]


@pytest.mark.parametrize(
    ("name", "data", "pages"),
    [("notitie.docx", files.docx_bytes(pages=3), 3), ("notitie.odt", files.odt_bytes(), 2)],
)
def test_word_and_opendocument_files_are_read(name: str, data: bytes, pages: int) -> None:
    item = DocumentFactory(summary="", body="")
    attachment = files.make_attachment(item, data, name)

    assert attachment.text_status == Attachment.TextStatus.READY
    assert attachment.pages == pages
    assert "Bewoners vragen een bijdrage aan" in attachment.text
    assert _found("buurtbudget") == [item.pk]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("beveiligd.pdf", files.encrypted_pdf(), "Dit PDF-bestand is beveiligd met een wachtwoord"),
        ("afgebroken.pdf", files.truncated_pdf(), "Dit PDF-bestand is beschadigd"),
        ("rommel.pdf", files.garbage_pdf(), "Dit PDF-bestand is beschadigd"),
        (
            "dik.pdf",
            files.pdf_with_pages([["een"]], claimed_count=100_000),
            "Dit PDF-bestand heeft 100000 pagina's; we lezen bestanden van hoogstens 300",
        ),
        ("bom.docx", files.docx_bomb(), "Dit Word-bestand is te groot om te lezen"),
        ("lachen.docx", files.docx_with_entities(), "Dit Word-bestand is beschadigd"),
    ],
)
def test_a_broken_or_hostile_file_ends_as_not_readable_with_the_reason(
    name: str, data: bytes, message: str
) -> None:
    item = DocumentFactory(summary="", body="")
    attachment = files.make_attachment(item, data, name)

    assert attachment.text_status == Attachment.TextStatus.FAILED
    assert attachment.problem.startswith(message), attachment.problem
    assert attachment.text == ""
    item.refresh_from_db()
    assert item.attachment_text == ""


def test_a_file_of_100_000_real_pages_is_refused_before_they_are_walked() -> None:
    started = time.monotonic()
    attachment = files.make_attachment(data=files.many_pages_pdf(100_000), name="boek.pdf")

    assert attachment.text_status == Attachment.TextStatus.FAILED
    assert "100000 pagina's" in attachment.problem
    assert time.monotonic() - started < attachment_text.TIMEOUT_SECONDS


def test_an_extraction_that_takes_too_long_is_stopped_and_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A fake reader that never finishes stands in for a file that sends the parser in circles.
    slow = tmp_path / "slow.py"
    slow.write_text("import time\nwhile True:\n    time.sleep(0.05)\n")
    monkeypatch.setattr(attachment_text, "SCRIPT", slow)
    attachment = files.make_attachment(read=False)

    started = time.monotonic()
    attachment_text.read_attachment(attachment.pk, timeout=1.0)

    assert time.monotonic() - started < 10
    attachment.refresh_from_db()
    assert attachment.text_status == Attachment.TextStatus.FAILED
    assert attachment.problem.startswith("Het lezen van dit PDF-bestand duurde te lang")


def test_an_extraction_that_swells_past_its_memory_is_stopped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    greedy = tmp_path / "greedy.py"
    greedy.write_text("x = bytearray(2 * 1024 ** 3)\nprint('{}')\n")
    monkeypatch.setattr(attachment_text, "SCRIPT", greedy)
    attachment = files.make_attachment(read=False)

    attachment_text.read_attachment(attachment.pk)

    attachment.refresh_from_db()
    assert attachment.text_status == Attachment.TextStatus.FAILED
    assert attachment.problem == "Dit PDF-bestand is te groot om te lezen."


def test_the_text_is_cut_at_the_limit_and_the_insiders_are_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(attachment_text, "MAX_CHARS", 60)
    item = DocumentFactory(summary="", body="")
    attachment = files.make_attachment(item, files.docx_bytes(), "notitie.docx")

    assert attachment.text_status == Attachment.TextStatus.READY
    assert len(attachment.text) <= 60
    assert attachment.problem == "Alleen de eerste 60 tekens worden doorzocht."
    assert _found("buurtbudget") == [item.pk]
    assert _found("ideeën") == []


def test_the_item_is_indexable_whatever_its_attachments_hold() -> None:
    """Ten attachments of 200,000 characters of distinct nonsense words would pass PostgreSQL's
    limit of 1 MB for a tsvector; the item's attachment text is cut first."""
    item = DocumentFactory()
    words = " ".join(f"w{n:06d}x" for n in range(22_000))  # 198,000 characters
    for _n in range(10):
        attachment = files.make_attachment(item, read=False)
        attachment_text._store(attachment.pk, {"text": words, "pages": 1}, "PDF")

    item.refresh_from_db()
    assert len(item.attachment_text) == 300_000
    assert _found("w000001x") == [item.pk]


def test_text_with_nul_and_lone_surrogates_is_stored_clean() -> None:
    attachment = files.make_attachment(read=False)
    attachment_text._store(attachment.pk, {"text": "buurt\x00huis \ud800 feest", "pages": 1}, "PDF")
    attachment.refresh_from_db()
    assert "\x00" not in attachment.text
    assert attachment.text.startswith("buurt huis")


def test_a_deleted_attachment_is_not_brought_back_by_the_task() -> None:
    attachment = files.make_attachment(read=False)
    Attachment.objects.filter(pk=attachment.pk).delete()
    attachment_text.read_attachment(attachment.pk)  # nothing to do, no error
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


def test_a_file_missing_from_storage_is_reported(settings: object, tmp_path: Path) -> None:
    attachment = files.make_attachment(read=False)
    settings.MEDIA_ROOT = tmp_path / "elsewhere"  # type: ignore[attr-defined]
    attachment_text.read_attachment(attachment.pk)
    attachment.refresh_from_db()
    assert attachment.text_status == Attachment.TextStatus.FAILED
    assert attachment.problem == "Het bestand ontbreekt in de opslag."


@pytest.mark.django_db(transaction=True)
def test_the_upload_queues_the_reading_and_the_worker_reads_it(
    client: Client, reference_data: None, settings: object
) -> None:
    settings.TASKS = DATABASE_QUEUE  # type: ignore[attr-defined]  # as in production
    member = MAKERS["member"]()
    initiative = InitiativeFactory(admin=member)
    item = DocumentFactory(initiative=initiative, summary="", body="")
    client.force_login(member)

    response = client.post(
        f"/knowledge/{item.pk}/attachments/",
        {"file": files.upload("regels.pdf", files.pdf_bytes())},
    )
    assert response.status_code == 302
    # The upload read nothing itself: the text waits for the worker.
    attachment = Attachment.objects.get(item=item)
    assert attachment.text_status == Attachment.TextStatus.PENDING
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "knowledgebase.tasks.read_attachment_text"
    assert _found("ontmoetingsplek") == []

    run_worker()

    attachment.refresh_from_db()
    assert attachment.text_status == Attachment.TextStatus.READY
    assert _found("ontmoetingsplek") == [item.pk]


def test_with_the_immediate_queue_the_upload_is_read_after_the_commit(
    client: Client, member: User, committed: Callable[[], Any]
) -> None:
    initiative = InitiativeFactory(admin=member)
    item = DocumentFactory(initiative=initiative, summary="", body="")
    client.force_login(member)
    with committed():
        client.post(
            f"/knowledge/{item.pk}/attachments/",
            {"file": files.upload("regels.odt", files.odt_bytes())},
        )
    attachment = Attachment.objects.get(item=item)
    assert attachment.text_status == Attachment.TextStatus.READY
    assert _found("buurtbudget") == [item.pk]


def test_the_reader_runs_without_django_or_the_portal(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(files.pdf_bytes())
    finished = subprocess.run(
        [
            sys.executable,
            "-I",
            "-X",
            "importtime",
            str(attachment_text.SCRIPT),
            "pdf",
            str(path),
            "300",
            "1000",
        ],
        capture_output=True,
        check=True,
        env={},
    )
    assert b"Beleidsregel" in finished.stdout
    assert b"django" not in finished.stderr
