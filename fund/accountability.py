"""Accountability in proportion: what an initiative reports about a grant depends on its size.

Below FULL_REPORT_FROM_CENTS a short story and a photo; from it, also the spending per budget
line and the receipts. Every report has the figures of what the initiative did (people reached,
volunteers, volunteer hours). The report is due REPORT_DUE_MONTHS after the award.

The initiative's members write a draft and submit it; the fund committee (without a conflict)
accepts it or asks for changes with a note, and the members hear either way. Accepting settles
the grant under its row lock: what was awarded and not paid out goes back to the fund
(`fund.payments.release_unpaid`). `send_reminders` (the daily `manage.py send_fund_reminders`)
e-mails the members when a report is due within REMIND_BEFORE and when it is overdue, at most
once every REMIND_AGAIN_AFTER per grant (`Report.reminded_at`; a reminder before anyone started
the report makes its empty draft).

The accepted reports' figures add up on the initiative's page and per municipality on the public
page "what the network does" (`impact_by_municipality`).
"""

import calendar
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.roles import FUND_COMMITTEE
from fund import payments
from fund.errors import FundRuleError
from fund.models import BudgetLine, Grant, Payout, Receipt, Report, ReportLine
from fund.money import euros
from fund.payouts import free_of_conflicts, member_addresses, people_without_conflict
from fund.permissions import can_report, can_review_report, is_committee, is_member
from fund.report_files import RECEIPTS_PER_REPORT, CheckedReceipt
from initiatives.models import Initiative
from omzien.mailing import send_after_commit

FULL_REPORT_FROM_CENTS = 1_500_00
REPORT_DUE_MONTHS = 6
# The daily reminder: from this long before the due date, and again at most this often.
REMIND_BEFORE = timedelta(days=14)
REMIND_AGAIN_AFTER = timedelta(days=7)
# Impact figures beyond these are typing mistakes, not what one initiative did with one grant.
MAX_PEOPLE_REACHED = 1_000_000
MAX_VOLUNTEERS = 10_000
MAX_VOLUNTEER_HOURS = 1_000_000
# A report of this many characters at least tells something.
MIN_STORY = 20
# Submitting e-mails the committee on the member's behalf, a review the initiative on the
# committee member's behalf (omzien.ratelimit); over the limit the action happens without it.
SUBMIT_MAIL_LIMIT, SUBMIT_MAIL_WINDOW = 10, 60 * 60 * 24
REVIEW_MAIL_LIMIT = 50

EDITABLE = (Report.Status.DRAFT, Report.Status.CHANGES_REQUESTED)


def needs_full_report(awarded_cents: int) -> bool:
    return awarded_cents >= FULL_REPORT_FROM_CENTS


def due_on(awarded_on: date) -> date:
    """When the report of a grant awarded on `awarded_on` is due."""
    months = awarded_on.month - 1 + REPORT_DUE_MONTHS
    year, month = awarded_on.year + months // 12, months % 12 + 1
    # 31 August + 6 months is the last day of February.
    return awarded_on.replace(
        year=year, month=month, day=min(awarded_on.day, calendar.monthrange(year, month)[1])
    )


def report_of(grant: Grant) -> Report | None:
    return Report.objects.filter(grant=grant).first()


def _lock(grant: Grant) -> tuple[Grant, Report | None]:
    """The grant and its report, locked in that order (as payouts lock the grant first)."""
    locked = (
        Grant.objects.select_for_update(of=("self",))
        .select_related("application", "initiative")
        .get(pk=grant.pk)
    )
    report = Report.objects.select_for_update().filter(grant=locked).first()
    return locked, report


# --- Writing the report ---


@dataclass
class Draft:
    """What the report form gives to save: only the keys present change."""

    values: dict[str, Any] = field(default_factory=dict)  # story, figures, photo_description
    photo: UploadedFile | None = None
    remove_photo: bool = False
    lines: dict[int, int | None] = field(default_factory=dict)  # budget line id -> cents
    receipts: list[CheckedReceipt] = field(default_factory=list)
    delete_receipt: int | None = None


def save_draft(grant: Grant, draft: Draft, *, by: User) -> Report:
    """Saves what the members wrote, while the report may be changed (a draft, or changes asked
    for). The photo and receipts come checked (fund/report_files.py); an old photo goes from
    storage once the change is committed."""
    with transaction.atomic():
        locked, report = _lock(grant)
        if locked.status == Grant.Status.SETTLED:
            raise FundRuleError(_("This grant is settled; its report can no longer change."))
        if report is None:
            report = Report.objects.create(grant=locked, story="", created_by=by)
        elif report.status not in EDITABLE:
            raise FundRuleError(
                _(
                    "This report was submitted already; it can no longer change unless the fund committee asks for changes."
                )
            )
        changed = []
        for name, value in draft.values.items():
            setattr(report, name, value)
            changed.append(name)
        old_photo = report.photo.name if report.photo else ""
        if draft.photo is not None:
            report.photo.save(draft.photo.name or "photo.jpg", draft.photo, save=False)
            changed.append("photo")
        elif draft.remove_photo and old_photo:
            report.photo = ""
            changed.append("photo")
        if draft.lines:
            _save_lines(report, locked, draft.lines)
            report.spent_cents = _spent(report)
            changed.append("spent_cents")
        if changed:
            report.save(update_fields=changed)
        if "photo" in changed and old_photo:
            transaction.on_commit(lambda: report.photo.storage.delete(old_photo))
        if draft.delete_receipt is not None:
            _delete_receipt(report, draft.delete_receipt)
        if draft.receipts:
            _add_receipts(report, draft.receipts)
    return report


def _save_lines(report: Report, grant: Grant, lines: dict[int, int | None]) -> None:
    budget = set(
        BudgetLine.objects.filter(application_id=grant.application_id).values_list("pk", flat=True)
    )
    for line_id, cents in lines.items():
        if line_id not in budget:
            continue
        if cents is None:
            ReportLine.objects.filter(report=report, budget_line_id=line_id).delete()
        else:
            ReportLine.objects.update_or_create(
                report=report, budget_line_id=line_id, defaults={"spent_cents": cents}
            )


def _spent(report: Report) -> int | None:
    total = report.lines.aggregate(total=Sum("spent_cents"))["total"]
    return int(total) if total is not None else None


def _add_receipts(report: Report, receipts: list[CheckedReceipt]) -> None:
    if report.receipts.count() + len(receipts) > RECEIPTS_PER_REPORT:
        raise FundRuleError(
            _("A report has at most %(count)d receipts. Combine some into one PDF.")
            % {"count": RECEIPTS_PER_REPORT},
            field="receipts",
        )
    for checked in receipts:
        receipt = Receipt(report=report, name=checked.name, size=checked.content.size or 0)
        checked.content.seek(0)
        # Under a random name: a file left behind by a rolled-back change is never reachable.
        name = f"{secrets.token_urlsafe(16)}.{checked.type.extension}"
        receipt.file.save(name, checked.content, save=False)
        try:
            receipt.save()
        except Exception:
            receipt.file.storage.delete(receipt.file.name)
            raise


def _delete_receipt(report: Report, receipt_id: int) -> None:
    receipt = Receipt.objects.filter(report=report, pk=receipt_id).first()
    if receipt is None:
        return  # deleted already (a second click)
    name = receipt.file.name
    receipt.delete()
    transaction.on_commit(lambda: receipt.file.storage.delete(name))


def missing_for_submission(grant: Grant, report: Report) -> dict[str, str]:
    """What the report still needs before it can be submitted, by form field."""
    missing: dict[str, str] = {}
    if len(report.story.strip()) < MIN_STORY:
        missing["story"] = _("Tell in a few sentences what you did and what it brought.")
    if not report.photo:
        missing["photo"] = _("Add a photo of what you did.")
    elif not report.photo_description.strip():
        missing["photo_description"] = _(
            "Describe in a few words what the photo shows, for people who cannot see it."
        )
    for name in ("people_reached", "volunteers", "volunteer_hours"):
        if getattr(report, name) is None:
            missing[name] = _("Fill in a number; an estimate is fine, 0 is fine too.")
    if needs_full_report(grant.awarded_cents):
        budget = set(
            BudgetLine.objects.filter(application_id=grant.application_id).values_list(
                "pk", flat=True
            )
        )
        reported = set(report.lines.values_list("budget_line_id", flat=True))
        for line_id in sorted(budget - reported):
            missing[f"line_{line_id}"] = _("Fill in what you spent on this (0 if nothing).")
        if not report.receipts.exists():
            missing["receipts"] = _("Add the receipts of what you spent.")
    return missing


def submit(grant: Grant, *, by: User, notify: bool = True) -> Report:
    """The members hand the report in; the committee hears (FundRuleError with what is missing
    as `missing` when it is not complete)."""
    with transaction.atomic():
        locked, report = _lock(grant)
        if report is None or report.status not in EDITABLE:
            raise FundRuleError(_("This report was submitted already."))
        if locked.status == Grant.Status.SETTLED:
            raise FundRuleError(_("This grant is settled; its report can no longer change."))
        missing = missing_for_submission(locked, report)
        if missing:
            error = FundRuleError(
                _("Your report is saved, but some things are missing before you can submit it.")
            )
            error.missing = missing  # type: ignore[attr-defined]
            raise error
        report.status = Report.Status.SUBMITTED
        report.submitted_at = timezone.now()
        report.save(update_fields=["status", "submitted_at"])
        if notify:
            send_after_commit(
                "fund/email/report_submitted",
                {"grant": locked, "report": report, "application": locked.application},
                to=people_without_conflict(locked.application, (FUND_COMMITTEE,), leave_out=by),
            )
    return report


# --- The committee's review ---


@dataclass(frozen=True)
class Settlement:
    report: Report
    released_cents: int


def accept(grant: Grant, *, by: User, note: str = "", notify: bool = True) -> Settlement:
    """The committee accepts the report: the grant is settled and what was not paid out goes
    back to the fund, all under the grant's lock."""
    try:
        with transaction.atomic():
            locked, report = _lock(grant)
            _check_reviewable(locked, report)
            assert report is not None
            waiting = locked.payouts.filter(status=Payout.Status.PROPOSED).aggregate(
                total=Coalesce(Sum("amount_cents"), 0)
            )["total"]
            if waiting:
                raise FundRuleError(
                    _(
                        "A payout of %(amount)s of this grant still waits for approval. Let it be "
                        "approved or cancelled first: settling the grant ends its payouts."
                    )
                    % {"amount": euros(waiting)}
                )
            now = timezone.now()
            released = payments.release_unpaid(locked, by=by)
            Report.objects.filter(pk=report.pk).update(
                status=Report.Status.ACCEPTED, accepted_at=now, accepted_by=by, committee_note=note
            )
            Grant.objects.filter(pk=locked.pk).update(status=Grant.Status.SETTLED, settled_at=now)
            report.refresh_from_db()
            locked.refresh_from_db()
            if notify:
                send_after_commit(
                    "fund/email/report_accepted",
                    {
                        "grant": locked,
                        "report": report,
                        "application": locked.application,
                        "released_cents": released,
                    },
                    to=member_addresses(locked),
                )
    except IntegrityError as error:
        raise FundRuleError(
            _("The grant's figures changed meanwhile. Open the report again.")
        ) from error
    return Settlement(report, released)


def request_changes(grant: Grant, *, by: User, note: str, notify: bool = True) -> Report:
    """The committee asks for changes: the members may change and submit the report again."""
    if not note.strip():
        raise FundRuleError(_("Say what should change."), field="note")
    with transaction.atomic():
        locked, report = _lock(grant)
        _check_reviewable(locked, report)
        assert report is not None
        Report.objects.filter(pk=report.pk).update(
            status=Report.Status.CHANGES_REQUESTED, committee_note=note
        )
        report.refresh_from_db()
        if notify:
            send_after_commit(
                "fund/email/report_changes",
                {"grant": locked, "report": report, "application": locked.application},
                to=member_addresses(locked),
            )
    return report


def _check_reviewable(grant: Grant, report: Report | None) -> None:
    if report is None or report.status in EDITABLE:
        raise FundRuleError(_("There is no submitted report to review."))
    if report.status == Report.Status.ACCEPTED or grant.status == Grant.Status.SETTLED:
        raise FundRuleError(_("This report was accepted already; the grant is settled."))


# --- Reminders ---


def grants_to_remind(now: datetime | None = None) -> QuerySet[Grant]:
    """Grants not settled whose report is due within REMIND_BEFORE or overdue, not submitted,
    and not reminded in the last REMIND_AGAIN_AFTER."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return (
        Grant.objects.exclude(status=Grant.Status.SETTLED)
        .filter(report_due_on__lte=today + REMIND_BEFORE)
        .exclude(report__status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED])
        .exclude(report__reminded_at__gt=now - REMIND_AGAIN_AFTER)
        .order_by("report_due_on", "pk")
    )


def send_reminders(now: datetime | None = None) -> int:
    """E-mails the members of each grant whose report is due soon or overdue; returns how many
    grants were reminded. Run daily; a grant is reminded at most once a week."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    reminded = 0
    for candidate in list(grants_to_remind(now).values_list("pk", flat=True)):
        with transaction.atomic():
            # Read again under the lock: submitted, settled or reminded since the list was made?
            grant = (
                grants_to_remind(now).select_for_update(of=("self",)).filter(pk=candidate).first()
            )
            if grant is None:
                continue
            report = Report.objects.select_for_update().filter(grant=grant).first()
            if report is None:
                report = Report.objects.create(grant=grant, story="")
            Report.objects.filter(pk=report.pk).update(reminded_at=now)
            assert grant.report_due_on is not None
            send_after_commit(
                "fund/email/report_reminder",
                {
                    "grant": grant,
                    "application": grant.application,
                    "report": report,
                    "overdue": grant.report_due_on < today,
                    "days_left": (grant.report_due_on - today).days,
                    "full": needs_full_report(grant.awarded_cents),
                },
                to=member_addresses(grant),
            )
        reminded += 1
    return reminded


# --- What people see ---


def reports_to_review(user: Any) -> QuerySet[Report]:
    """The committee member's queue: submitted reports of grants they have no conflict with."""
    submitted = (
        Report.objects.filter(status=Report.Status.SUBMITTED)
        .select_related("grant__initiative", "grant__application")
        .order_by("submitted_at", "pk")
    )
    return free_of_conflicts(submitted, user)


def _impact_sums() -> dict[str, Any]:
    return {
        "people": Coalesce(Sum("people_reached"), 0),
        "volunteers": Coalesce(Sum("volunteers"), 0),
        "hours": Coalesce(Sum("volunteer_hours"), 0),
        "grants": Count("pk"),
        "cents": Coalesce(Sum(F("grant__paid_cents") - F("grant__repaid_cents")), 0),
    }


def impact_of(initiative: Initiative) -> dict[str, Any]:
    """The accepted reports' figures of one initiative, added up (one query)."""
    return Report.objects.filter(
        status=Report.Status.ACCEPTED, grant__initiative=initiative
    ).aggregate(**_impact_sums())


def impact_by_municipality() -> QuerySet[Report, dict[str, Any]]:
    """Per municipality, the accepted reports' figures added up (one query, evaluated when
    read: the public page caches what it renders of it)."""
    return (
        Report.objects.filter(status=Report.Status.ACCEPTED)
        .values(
            municipality=F("grant__initiative__municipality__name"),
            municipality_slug=F("grant__initiative__municipality__slug"),
        )
        .annotate(**_impact_sums())
        .order_by("municipality")
    )


def impact_total() -> dict[str, Any]:
    return Report.objects.filter(status=Report.Status.ACCEPTED).aggregate(
        initiatives=Count("grant__initiative", distinct=True), **_impact_sums()
    )


def initiative_section(initiative: Initiative) -> dict[str, Any]:
    """The initiative's page: what its accepted reports add up to (one query)."""
    return {"initiative": initiative, "impact": impact_of(initiative)}


def page_context(request: HttpRequest, grant: Grant) -> dict[str, Any]:
    """What the grant's page shows of its report (`fund/partials/_report_panel.html`), merged
    into the page's context as `report_panel`: for everyone whether it was accepted, and once
    accepted its story, photo and figures and what went back to the fund; for the initiative's
    members the link to the form and the due date; for the committee the review link. A
    constant number of queries."""
    user = request.user
    report = Report.objects.filter(grant=grant).first()
    accepted = report is not None and report.status == Report.Status.ACCEPTED
    panel: dict[str, Any] = {
        "grant": grant,
        "report": report if accepted else None,
        "accepted": accepted,
        "status": report.status if report is not None else "",
        "full": needs_full_report(grant.awarded_cents),
        "settled": grant.status == Grant.Status.SETTLED,
        "returned_cents": grant.released_cents + grant.repaid_cents,
        "member": False,
        "reviewer": False,
    }
    if user.is_authenticated and is_member(user, grant.initiative):
        panel |= {
            "member": True,
            "can_report": can_report(user, grant),
            "overdue": grant.report_due_on is not None
            and grant.report_due_on < timezone.localdate()
            and not accepted,
            "own_report": report,
        }
    if (
        user.is_authenticated
        and report is not None
        and report.status == Report.Status.SUBMITTED
        and can_review_report(user, grant)
    ):
        panel["reviewer"] = True
    return {"report_panel": panel}


def register() -> None:
    """The committee's queue "Reports to review", and the impact section on an initiative's page
    (FundConfig.ready())."""
    from initiatives.page_sections import register_page_section
    from omzien.sitemaps import pages_sitemap, register_sitemap
    from omzien.work_queues import WorkQueue, register_work_queue

    register_work_queue(
        WorkQueue(
            key="reports-to-review",
            title=gettext_lazy("Reports to review"),
            items=reports_to_review,
            item_template="fund/partials/_queue_report.html",
            visible_to=is_committee,
            intro=gettext_lazy(
                "Initiatives told what they did with their grant. Accept the report, or ask for "
                "changes; accepting settles the grant."
            ),
            empty=gettext_lazy("No report waits for you."),
            per_person=True,
        )
    )
    register_page_section("fund/partials/_initiative_impact.html", initiative_section)
    register_sitemap("fund-impact", pages_sitemap("fund:impact"))
