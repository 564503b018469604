"""The fund's part of the access matrix's world (see tests/fund/access_rows.py for what each
value is), and one file per part of the app (world_<part>.py) for what only that part needs."""

from accounts.models import User
from initiatives.models import Initiative
from tests.fund import (
    world_applications,
    world_decisions,
    world_money,
    world_payouts,
    world_reports,
    world_rounds,
)
from tests.fund.factories import (
    ApplicationFactory,
    ContributionFactory,
    FunderFactory,
    RoundFactory,
    awarded_grant,
    submitted_application,
)

# Each part adds its module here: `from tests.fund import world_<part>` and the tuple below.
PARTS: tuple = (
    world_applications,
    world_decisions,
    world_money,
    world_payouts,
    world_reports,
    world_rounds,
)


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    x = Initiative.objects.get(slug=values["x"])
    funder = FunderFactory(name="Provincie Utrecht", slug="provincie-utrecht")
    ContributionFactory(funder=funder, amount_cents=50_000_00)
    round_ = RoundFactory(name="Voorjaar", slug="voorjaar", budget_cents=20_000_00)
    draft = ApplicationFactory(round=round_, initiative=x, created_by=people["member"])
    submitted = submitted_application(round=round_, initiative=x, created_by=people["member"])
    grant = awarded_grant(round=round_, initiative=x, created_by=people["member"])
    extra: dict[str, object] = {
        "fund_funder": funder.slug,
        "fund_round": round_.slug,
        "fund_draft": draft.pk,
        "fund_submitted": submitted.pk,
        "fund_grant": grant.pk,
    }
    for part in PARTS:
        extra |= part.build(people, values | extra)
    return extra
