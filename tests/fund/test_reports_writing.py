"""An initiative reports on its grant: a short story, a photo and figures below the threshold;
also the spending per budget line and receipts from it. Drafts, submitting, hostile files and
absurd figures; receipts only for the initiative and the fund's roles."""

import struct
import zlib
from collections.abc import Callable

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from accounts.models import User
from fund.accountability import FULL_REPORT_FROM_CENTS
from fund.models import Grant, Receipt, Report
from initiatives.models import Membership
from tests.factories import InitiativeFactory, UserFactory
from tests.fund.factories import awarded_grant
from tests.fund.factories_payouts import image_bytes, pdf_upload, photo_upload

pytestmark = pytest.mark.usefixtures("reference_data")

HOSTILE = '<script>alert("x")</script> =HYPERLINK("http://evil.example") ' + "woord" * 30


def _grant(member: User, cents: int = 800_00) -> Grant:
    initiative = InitiativeFactory(admin=member)
    return awarded_grant(cents, initiative=initiative, amount_cents=cents)


def _complete(**extra: object) -> dict[str, object]:
    return {
        "story": "We kookten elke maand met twintig buren; er kwamen nieuwe mensen bij.",
        "photo": photo_upload(),
        "photo_description": "Buren aan een lange tafel",
        "people_reached": "120",
        "volunteers": "8",
        "volunteer_hours": "160",
        "action": "submit",
    } | extra


def _huge_png(width: int = 40_000, height: int = 40_000) -> bytes:
    data = bytearray(image_bytes("PNG", (1, 1)))
    # The IHDR chunk follows the 8-byte signature: length, type, width, height, ..., CRC.
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def _huge_jpeg(width: int = 30_000, height: int = 30_000) -> bytes:
    data = bytearray(image_bytes("JPEG", (8, 8)))
    at = data.index(b"\xff\xc0")
    data[at + 5 : at + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.mark.django_db
def test_a_member_writes_a_short_report_and_submits_it(
    client: Client, member: User, fund_committee: User, committed: Callable
) -> None:
    grant = _grant(member)
    client.force_login(member)
    page = client.get(f"/fund/grants/{grant.pk}/report/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Een kort verhaal, een foto en een paar cijfers" in text
    assert "begrotingsregel" not in text.lower().split("wat het fonds vraagt")[-1][:400]

    # A draft first: saved, not submitted.
    response = client.post(
        f"/fund/grants/{grant.pk}/report/",
        {"story": "Nog niet af", "people_reached": "30", "action": "save"},
    )
    assert response.status_code == 302
    report = Report.objects.get(grant=grant)
    assert (report.status, report.story, report.people_reached) == ("draft", "Nog niet af", 30)

    with committed():
        response = client.post(f"/fund/grants/{grant.pk}/report/", _complete())
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert report.submitted_at is not None
    assert (report.people_reached, report.volunteers, report.volunteer_hours) == (120, 8, 160)
    # The photo is drawn anew as a JPEG under a name of our own.
    assert report.photo.name.startswith("fund/reports/")
    assert report.photo.name.endswith(".jpg")
    assert "foto" not in report.photo.name
    with Image.open(report.photo.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (64, 48)
    # The committee hears of it.
    assert [m.to for m in mail.outbox] == [[fund_committee.email]]
    assert f"/fund/grants/{grant.pk}/report/review/" in mail.outbox[0].body
    # Submitted, it no longer changes.
    page = client.get(f"/fund/grants/{grant.pk}/report/")
    assert page.context["form"] is None
    assert "De fondscommissie leest je verantwoording" in page.content.decode()
    client.post(f"/fund/grants/{grant.pk}/report/", {"story": "Anders", "action": "save"})
    report.refresh_from_db()
    assert report.story.startswith("We kookten")


@pytest.mark.django_db
def test_submitting_an_incomplete_report_saves_it_and_says_what_is_missing(
    client: Client, member: User
) -> None:
    grant = _grant(member)
    client.force_login(member)
    response = client.post(
        f"/fund/grants/{grant.pk}/report/",
        {"story": "Kort", "volunteers": "3", "action": "submit"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Vertel in een paar zinnen" in text
    assert "Voeg een foto toe" in text
    assert "Een schatting is goed, 0 mag ook" in text
    report = Report.objects.get(grant=grant)
    assert (report.status, report.story, report.volunteers) == ("draft", "Kort", 3)
    # What was typed is still in the form.
    assert response.context["form"]["story"].value() == "Kort"


@pytest.mark.django_db
def test_a_full_report_asks_for_spending_per_line_and_receipts(
    client: Client, member: User
) -> None:
    grant = _grant(member, cents=FULL_REPORT_FROM_CENTS)
    lines = list(grant.application.budget_lines.all())
    client.force_login(member)
    url = f"/fund/grants/{grant.pk}/report/"
    text = client.get(url).content.decode()
    assert lines[0].description in text
    assert "Bonnen" in text
    response = client.post(url, _complete())
    text = response.content.decode()
    assert "Vul in wat jullie hieraan uitgaven" in text
    assert "Voeg de bonnen toe" in text
    data = _complete(
        photo=photo_upload(),
        receipts=[pdf_upload("bon 1.pdf"), SimpleUploadedFile("kassa.png", image_bytes("PNG"))],
        **{f"line_{lines[0].pk}": "700", f"line_{lines[1].pk}": "650,25"},
    )
    assert client.post(url, data).status_code == 302
    report = Report.objects.get(grant=grant)
    assert report.status == Report.Status.SUBMITTED
    assert report.spent_cents == 1_350_25
    names = sorted(report.receipts.values_list("name", flat=True))
    assert names == ["bon 1.pdf", "kassa.png"]
    for receipt in report.receipts.all():
        assert receipt.name not in receipt.file.name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("groot.png", _huge_png()), "te groot"),
        (SimpleUploadedFile("groot.jpg", _huge_jpeg()), "te groot"),
        (SimpleUploadedFile("foto.jpg", b"<script>alert(1)</script>"), "geen afbeelding"),
        (SimpleUploadedFile("foto.gif", image_bytes("GIF")), "geen afbeelding"),
        (SimpleUploadedFile("leeg.jpg", b""), "leeg"),
    ],
)
def test_hostile_photos_are_refused(
    client: Client, member: User, upload: SimpleUploadedFile, message: str
) -> None:
    grant = _grant(member)
    client.force_login(member)
    response = client.post(
        f"/fund/grants/{grant.pk}/report/",
        {"story": "Ons verhaal blijft staan", "photo": upload, "action": "save"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"]["story"].value() == "Ons verhaal blijft staan"
    assert not Report.objects.filter(grant=grant).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("bon.pdf", b"hallo, ik ben geen pdf"), "geen echt PDF-bestand"),
        (SimpleUploadedFile("bon.pdf", image_bytes("PNG")), "geen echt PDF-bestand"),
        (SimpleUploadedFile("bon.png", b"%PDF-1.4 vermomd"), "geen echt PNG-bestand"),
        (SimpleUploadedFile("bon.exe", b"MZ"), "Upload een PDF, een JPEG of een PNG"),
        (SimpleUploadedFile("bon.png", _huge_png()), "te groot"),
    ],
)
def test_hostile_receipts_are_refused(
    client: Client, member: User, upload: SimpleUploadedFile, message: str
) -> None:
    grant = _grant(member, cents=FULL_REPORT_FROM_CENTS)
    client.force_login(member)
    response = client.post(
        f"/fund/grants/{grant.pk}/report/", {"receipts": [upload], "action": "save"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Receipt.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("people_reached", "5000000", "Is er een tikfout"),
        ("volunteers", "-3", "niet negatief"),
        ("volunteer_hours", "12,5", "heel getal"),
        ("people_reached", "veel", "heel getal"),
        ("volunteer_hours", "9" * 30, "Is er een tikfout"),
    ],
)
def test_absurd_figures_get_a_message(
    client: Client, member: User, field: str, typed: str, message: str
) -> None:
    grant = _grant(member)
    client.force_login(member)
    response = client.post(f"/fund/grants/{grant.pk}/report/", {field: typed, "action": "save"})
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.django_db
def test_a_receipt_is_deleted_with_its_button_and_the_rest_is_saved(
    client: Client, member: User
) -> None:
    grant = _grant(member, cents=FULL_REPORT_FROM_CENTS)
    client.force_login(member)
    url = f"/fund/grants/{grant.pk}/report/"
    client.post(url, {"receipts": [pdf_upload("a.pdf"), pdf_upload("b.pdf")], "action": "save"})
    first = Receipt.objects.get(name="a.pdf")
    client.post(url, {"story": "Verder geschreven", "delete_receipt": str(first.pk)})
    assert list(Receipt.objects.values_list("name", flat=True)) == ["b.pdf"]
    assert Report.objects.get(grant=grant).story == "Verder geschreven"


@pytest.mark.django_db
def test_receipts_are_only_for_the_initiative_and_the_funds_roles(
    client: Client,
    member: User,
    plain_member: User,
    fund_committee: User,
    treasurer: User,
    other_member: User,
) -> None:
    grant = _grant(member, cents=FULL_REPORT_FROM_CENTS)
    Membership.objects.create(initiative=grant.initiative, user=plain_member)
    client.force_login(member)
    client.post(
        f"/fund/grants/{grant.pk}/report/",
        {"receipts": [pdf_upload(f"{HOSTILE[:60]}.pdf")], "action": "save"},
    )
    receipt = Receipt.objects.get()
    url = f"/fund/files/receipts/{receipt.pk}/{receipt.name}"
    for person in (member, plain_member, fund_committee, treasurer):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200, person
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    for person in (other_member, UserFactory()):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(member)
    wrong = client.get(f"/fund/files/receipts/{receipt.pk}/iets-anders.pdf")
    assert wrong.status_code == 302
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.django_db
def test_only_members_write_the_report(
    client: Client, member: User, other_member: User, fund_committee: User
) -> None:
    grant = _grant(member)
    client.force_login(other_member)
    assert client.get(f"/fund/grants/{grant.pk}/report/").status_code == 403
    client.force_login(fund_committee)
    page = client.get(f"/fund/grants/{grant.pk}/report/")
    assert page.status_code == 200
    assert page.context["form"] is None
    response = client.post(f"/fund/grants/{grant.pk}/report/", {"story": "Niet van mij"})
    assert response.status_code == 403
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_hostile_text_is_escaped_where_the_report_is_shown(
    client: Client, member: User, fund_committee: User
) -> None:
    grant = _grant(member)
    client.force_login(member)
    client.post(
        f"/fund/grants/{grant.pk}/report/",
        _complete(story=HOSTILE, photo_description='"><img src=x onerror=alert(1)>'),
    )
    client.force_login(fund_committee)
    text = client.get(f"/fund/grants/{grant.pk}/report/review/").content.decode()
    assert "<script>alert" not in text
    assert "&lt;script&gt;" in text
    assert "<img src=x" not in text
    assert "&lt;img src=x" in text
