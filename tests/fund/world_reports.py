"""The access matrix's reports (tests/fund/access_rows_reports.py): `fund_reported_grant` is a
grant of X whose report is submitted, with one receipt (`fund_receipt`, `fund_receipt_name`)."""

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from fund.models import Receipt, Report, Round
from initiatives.models import Initiative
from tests.fund.factories import awarded_grant


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    x = Initiative.objects.get(slug=values["x"])
    round_ = Round.objects.get(slug=values["fund_round"])
    grant = awarded_grant(
        2_000_00, round=round_, initiative=x, created_by=people["member"], amount_cents=2_000_00
    )
    report = Report.objects.create(
        grant=grant,
        story="We kookten elke maand met de buren.",
        people_reached=80,
        volunteers=6,
        volunteer_hours=90,
        status=Report.Status.SUBMITTED,
        submitted_at=timezone.now(),
        created_by=people["member"],
    )
    receipt = Receipt(report=report, name="bon.pdf", size=20)
    receipt.file.save("matrix.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    receipt.save()
    return {
        "fund_reported_grant": grant.pk,
        "fund_receipt": receipt.pk,
        "fund_receipt_name": receipt.name,
    }
