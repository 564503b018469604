"""Submitting an application: the round's rules checked under the locks, then a frozen revision.

`problems()` lists what stands in the way, each a clear message with the field it is about: the
round is not open, a required text is empty, the budget has no lines, the amount is over the
round's maximum or over the budget's total, the fair-spread caps of the round for this year
(fund.allocation.spread_problem), an initiative no longer in the directory. The application's
page shows the same list to the applicant while it is a draft.

`submit()` locks the application's row and then the round's (the order fund/decisions.py
follows as well: the application, then the round in fund.allocation.award), so a round that is
being closed is seen closed, and two clicks make one submission: the second finds it submitted
and reports that. It freezes revision 1 and sends the initiative's members a confirmation.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from fund.allocation import spread_problem
from fund.errors import FundRuleError
from fund.models import Application, Round
from fund.money import euros
from initiatives.models import Initiative
from omzien.mailing import send_after_commit

REQUIRED = ("title", "summary", "plan", "why", "for_whom")


class Refused(FundRuleError):
    """The application does not meet the rules; `problems` says each thing, by field."""

    def __init__(self, problems: list[FundRuleError]) -> None:
        super().__init__(problems[0].message, field=problems[0].field)
        self.problems = problems


def _day(day: date) -> str:
    return formats.date_format(day, "j F Y")


def round_problem(round_: Round) -> str:
    """Why this round takes no submission now, or ""."""
    today = timezone.localdate()
    if round_.closed_at is not None or today > round_.closes_on:
        return _("The round “%(round)s” is closed; it took applications until %(day)s.") % {
            "round": round_.name,
            "day": _day(round_.closes_on),
        }
    if today < round_.opens_on:
        return _(
            "The round “%(round)s” opens on %(day)s. You can prepare your application now and "
            "submit it from that day."
        ) % {"round": round_.name, "day": _day(round_.opens_on)}
    return ""


def problems(application: Application, round_: Round) -> list[FundRuleError]:
    """Everything that stands in the way of submitting (or of a change after submitting), in
    the order of the form. A few queries: the budget lines and the co-applicants, and the
    grants of the year when the round has caps."""
    found: list[FundRuleError] = []
    if problem := round_problem(round_):
        found.append(FundRuleError(problem, field="round"))
    if application.initiative.status != Initiative.Status.APPROVED:
        found.append(
            FundRuleError(
                _("%(initiative)s is not in the directory (any more), so it cannot apply.")
                % {"initiative": application.initiative.name},
                field="initiative",
            )
        )
    for name in REQUIRED:
        if not str(getattr(application, name) or "").strip():
            label = str(getattr(Application._meta.get_field(name), "verbose_name", name))
            found.append(
                FundRuleError(
                    _("Fill in “%(question)s”.") % {"question": label[:1].upper() + label[1:]},
                    field=name,
                )
            )
    lines = list(application.budget_lines.all())
    total = sum(line.amount_cents for line in lines)
    amount = application.amount_cents
    if not lines:
        found.append(
            FundRuleError(
                _("Add at least one line to the budget: what you need the money for."),
                field="lines",
            )
        )
    if amount > round_.max_per_application_cents:
        found.append(
            FundRuleError(
                _("You ask %(asked)s; this round gives at most %(maximum)s per application.")
                % {"asked": euros(amount), "maximum": euros(round_.max_per_application_cents)},
                field="amount",
            )
        )
    elif lines and amount > total:
        found.append(
            FundRuleError(
                _(
                    "You ask %(asked)s, but your budget adds up to %(total)s. Ask at most the "
                    "total of your budget, or add to the budget what is missing."
                )
                % {"asked": euros(amount), "total": euros(total)},
                field="amount",
            )
        )
    gone = [i.name for i in application.co_applicants.all() if i.status != i.Status.APPROVED]
    if gone:
        found.append(
            FundRuleError(
                _("Not in the directory (any more): %(names)s. Take them off the list.")
                % {"names": ", ".join(f"“{name}”" for name in gone)},
                field="co_applicants",
            )
        )
    year = timezone.localdate().year
    if amount <= round_.max_per_application_cents and (
        spread := spread_problem(round_, application, amount, year)
    ):
        found.append(FundRuleError(spread, field="amount"))
    return found


@dataclass
class Submitted:
    application: Application
    already: bool  # it was submitted before (a second click): nothing happened now


def submit(application: Application, *, by: User) -> Submitted:
    """Submit the application under its lock and the round's: Refused with every problem, or
    FundRuleError when it is no longer a draft (withdrawn, decided)."""
    from fund.revisions import freeze

    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("initiative")
            .get(pk=application.pk)
        )
        if locked.status == Application.Status.SUBMITTED:
            return Submitted(locked, already=True)
        if locked.status != Application.Status.DRAFT:
            from fund.applications import status_message

            raise FundRuleError(status_message(locked.status))
        # A round being closed at this moment is seen closed (release_round locks it too).
        round_ = Round.objects.select_for_update(no_key=True).get(pk=locked.round_id)
        locked.round = round_
        found = problems(locked, round_)
        if found:
            raise Refused(found)
        now = timezone.now()
        locked.status = Application.Status.SUBMITTED
        locked.submitted_at = now
        locked.updated_at = now
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        freeze(locked, by=by)
        _confirm(locked)
    return Submitted(locked, already=False)


def _confirm(application: Application) -> None:
    """An e-mail to every member of the applying initiative, sent once the submission commits."""
    from accounts.models import User

    addresses = User.objects.filter(
        memberships__initiative=application.initiative_id, is_active=True
    ).values_list("email", flat=True)
    send_after_commit(
        "fund/email/application_submitted",
        {"application": application, "round": application.round},
        to=list(addresses),
    )
