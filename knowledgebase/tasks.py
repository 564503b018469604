"""The knowledge base's background work, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task

from knowledgebase import attachment_text


@task()
def read_attachment_text(attachment_id: int) -> None:
    """Read an uploaded attachment's text (in a separate, limited process) and index it."""
    attachment_text.read_attachment(attachment_id)
