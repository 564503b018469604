"""Payouts and reports for the tests: money moves through fund/payouts.py and
fund/accountability.py, so the ledger stays right."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import User
from accounts.roles import TREASURER
from fund import payouts
from fund.models import Grant, Payout, Report
from tests.factories import role_user


def treasurer_user(**kwargs: object) -> User:
    return role_user(TREASURER, **kwargs)


def proposed(grant: Grant, cents: int, *, by: User | None = None, description: str = "") -> Payout:
    return payouts.propose(
        grant, cents, description=description, key=payouts.new_key(), by=by or treasurer_user()
    ).payout


def paid(
    grant: Grant, cents: int, *, by: User | None = None, approver: User | None = None
) -> Payout:
    payout = proposed(grant, cents, by=by)
    return payouts.approve(payout, by=approver or treasurer_user(), notify=False)


def image_bytes(
    fmt: str = "JPEG", size: tuple[int, int] = (64, 48), color: str = "orange"
) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


def photo_upload(
    name: str = "foto.jpg", fmt: str = "JPEG", size: tuple[int, int] = (64, 48)
) -> SimpleUploadedFile:
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt, size), content_type=content_type)


def pdf_upload(name: str = "bon.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"
    )


def report_row(grant: Grant, status: str = Report.Status.DRAFT, **kwargs: object) -> Report:
    """A report row as it stands (without the photo unless given); for states the tests start
    from. Submitting and reviewing go through fund/accountability.py."""
    values: dict[str, object] = {
        "story": "We kookten elke maand met twintig buren, en nieuwe mensen kwamen erbij.",
        "photo_description": "Buren koken samen",
        "people_reached": 120,
        "volunteers": 8,
        "volunteer_hours": 160,
    } | kwargs
    return Report.objects.create(grant=grant, status=status, **values)
