"""The fund's clash warnings for the meetings app (DESIGN.md: the one seam from `fund` into
`meetings`): a coordinator who plans a network meeting in the week a round of the fund closes, or
in the week its decisions are due, is warned. Initiatives are busy finishing their applications
then, and the committee's volunteers are busy deciding. A warning, never a block.

`register()` is called once from FundConfig.ready(). One query per check.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from fund.models import Round
from meetings.clashes import Clash, PlannedMeeting, register_clash_source

KIND_CLOSING = "fund-round-closes"
KIND_DECIDING = "fund-round-decides"


def round_deadlines(planned: PlannedMeeting) -> list[Clash]:
    """Rounds that close, or whose decisions are due, in the week (Monday to Sunday) of the
    planned meeting. Rounds already closed have decided everything: they are left out."""
    day = timezone.localtime(planned.starts_at).date()
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    rounds = (
        Round.objects.filter(closed_at=None)
        .filter(Q(closes_on__range=(monday, sunday)) | Q(decisions_by__range=(monday, sunday)))
        .only("name", "closes_on", "decisions_by")
        .order_by("closes_on", "pk")
    )
    found: list[Clash] = []
    for round_ in rounds:
        if monday <= round_.closes_on <= sunday:
            found.append(
                Clash(
                    KIND_CLOSING,
                    _(
                        "In this week round %(name)s of the fund closes (on %(date)s): "
                        "initiatives may be busy finishing their applications."
                    )
                    % {"name": round_.name, "date": date_format(round_.closes_on, "j F Y")},
                )
            )
        if round_.decisions_by is not None and monday <= round_.decisions_by <= sunday:
            found.append(
                Clash(
                    KIND_DECIDING,
                    _(
                        "In this week the fund committee decides on round %(name)s (by "
                        "%(date)s): its members may be busy."
                    )
                    % {"name": round_.name, "date": date_format(round_.decisions_by, "j F Y")},
                )
            )
    return found


def register() -> None:
    register_clash_source(round_deadlines)
