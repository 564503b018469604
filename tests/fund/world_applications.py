"""Objects the applications rows of the access matrix need (see tests/fund/access_rows.py):
files on the draft and on the submitted application of X, a submitted application of X that Y
applies with (and a draft of X naming Y), the awarded application, and a closed round."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from fund.models import Application, Grant
from initiatives.models import Initiative
from tests.fund.factories import ApplicationFactory, RoundFactory, submitted_application
from tests.fund.factories_applications import attach, freeze_first


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    x = Initiative.objects.get(slug=values["x"])
    y = Initiative.objects.get(slug=values["y"])
    draft = Application.objects.get(pk=values["fund_draft"])
    submitted = Application.objects.get(pk=values["fund_submitted"])
    freeze_first(submitted)
    on_draft = attach(draft, "concept-offerte.pdf", by=people["member"])
    on_submitted = attach(submitted, "offerte.pdf", by=people["member"])
    round_ = draft.round
    together = submitted_application(round=round_, initiative=x, created_by=people["member"])
    together.co_applicants.add(y)
    freeze_first(together)
    draft_with_y = ApplicationFactory(round=round_, initiative=x, created_by=people["member"])
    draft_with_y.co_applicants.add(y)
    today = timezone.localdate()
    closed = RoundFactory(
        name="Afgelopen ronde",
        slug="afgelopen-ronde",
        opens_on=today - timedelta(days=400),
        closes_on=today - timedelta(days=300),
    )
    return {
        "fund_draft_file": on_draft.pk,
        "fund_draft_file_name": on_draft.name,
        "fund_file": on_submitted.pk,
        "fund_file_name": on_submitted.name,
        "fund_together": together.pk,
        "fund_draft_with_y": draft_with_y.pk,
        "fund_awarded": Grant.objects.get(pk=values["fund_grant"]).application_id,
        "fund_closed_round": closed.slug,
    }
