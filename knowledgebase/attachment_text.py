"""Reading the text of an attachment, in the background, so the item is found by it.

The task (knowledgebase/tasks.py) copies the stored file to a temporary file (the storage may be
remote) and runs knowledgebase/extract_text.py on it in a separate Python process with a clean
environment, a wall-clock timeout and hard limits on memory and processor time. Whatever a broken,
encrypted or hostile file does to the parser (loop, swell, crash), it ends that process, never the
worker: the attachment is then marked "could not be read" with the reason in plain Dutch.
"""

import json
import logging
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from knowledgebase import indexing
from knowledgebase.models import Attachment

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 30.0
MEMORY_BYTES = 512 * 1024 * 1024
CPU_SECONDS = 30
MAX_PAGES = 300
# Per attachment; an item's attachments together are cut at indexing.ATTACHMENT_TEXT_MAX, well
# under PostgreSQL's limit of 1 MB for a tsvector.
MAX_CHARS = 200_000

SCRIPT = Path(__file__).with_name("extract_text.py")


def _limits() -> None:  # pragma: no cover - runs in the child process
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_extraction(path: str, kind: str, timeout: float | None = None) -> dict[str, Any]:
    """Run extract_text.py on a local file: its result, or {"problem": ...} when it was stopped."""
    command = [sys.executable, "-I", "-B", str(SCRIPT), kind, path, str(MAX_PAGES), str(MAX_CHARS)]
    try:
        finished = subprocess.run(  # noqa: S603 - our own script, arguments we made
            command,
            capture_output=True,
            timeout=TIMEOUT_SECONDS if timeout is None else timeout,
            preexec_fn=_limits,
            env={"LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"problem": "timeout"}
    if finished.returncode != 0:
        # Killed for processor time (SIGXCPU/SIGKILL) or out of memory before it could answer.
        logger.info(
            "Text extraction ended with %s: %s", finished.returncode, finished.stderr[-500:]
        )
        return {"problem": "too_large"}
    try:
        result = json.loads(finished.stdout)
    except ValueError:
        return {"problem": "damaged"}
    return result if isinstance(result, dict) else {"problem": "damaged"}


def problem_text(code: str, label: str, pages: int | None = None) -> str:
    """The reason in plain language, for the item's insiders."""
    messages = {
        "password": _("This %(label)s file is protected with a password, so we cannot read it."),
        "encrypted": _("This %(label)s file is encrypted, so we cannot read it."),
        "damaged": _("This %(label)s file is damaged, so we cannot read it."),
        "too_large": _("This %(label)s file is too large to read."),
        "timeout": _("Reading this %(label)s file took too long; it may be too large to read."),
        "too_many_pages": _(
            "This %(label)s file has %(pages)s pages; we read files of at most %(max)s pages."
        ),
        "missing": _("The file is missing from storage."),
    }
    message = messages.get(code, messages["damaged"])
    return message % {"label": label, "pages": pages or "?", "max": MAX_PAGES}


def _local_copy(name: str, suffix: str) -> Path:
    """The stored file as a local temporary file (the caller removes it)."""
    with (
        default_storage.open(name, "rb") as stored,
        tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as local,
    ):
        shutil.copyfileobj(stored, local, 1024 * 1024)
        return Path(local.name)


def read_attachment(attachment_id: int, timeout: float | None = None) -> None:
    """Read one attachment's text and store it with the item's search text."""
    from knowledgebase.attachments import type_of

    attachment = Attachment.objects.filter(pk=attachment_id).defer("text").first()
    if attachment is None or attachment.text_status != Attachment.TextStatus.PENDING:
        return
    kind = type_of(attachment)
    try:
        local = _local_copy(attachment.file.name, f".{kind.extension}")
    except OSError:
        result: dict[str, Any] = {"problem": "missing"}
    else:
        try:
            result = run_extraction(str(local), kind.extension, timeout)
        finally:
            local.unlink(missing_ok=True)
    _store(attachment_id, result, kind.label)


def _store(attachment_id: int, result: dict[str, Any], label: str) -> None:
    with transaction.atomic():
        attachment = Attachment.objects.select_for_update().filter(pk=attachment_id).first()
        if attachment is None:  # deleted meanwhile
            return
        pages = result.get("pages")
        attachment.pages = pages if isinstance(pages, int) and pages >= 0 else None
        # Stored in Dutch, the portal's language: the worker has no request to take one from.
        with override("nl"):
            if "problem" in result:
                attachment.text_status = Attachment.TextStatus.FAILED
                attachment.problem = problem_text(str(result["problem"]), label, pages)[:300]
                attachment.text = ""
            else:
                text = str(result.get("text", ""))
                text = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")
                attachment.text = text[:MAX_CHARS]
                attachment.text_status = Attachment.TextStatus.READY
                attachment.problem = ""
                if result.get("truncated"):
                    attachment.problem = _("Only the first %(count)s characters are searched.") % {
                        "count": f"{MAX_CHARS:,}".replace(",", ".")
                    }
                elif not text.strip():
                    attachment.problem = _(
                        "This file holds no text we can read (perhaps only scanned images)."
                    )
        attachment.save(update_fields=["pages", "text_status", "problem", "text"])
        indexing.refresh_attachment_text([attachment.item_id])
