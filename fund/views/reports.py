"""Accountability: the initiative's report, the committee's review, receipts, and the public
page of what the network does."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from fund import accountability as rules
from fund.errors import FundRuleError
from fund.models import BudgetLine, Grant, Receipt, Report
from fund.money import euros
from fund.permissions import (
    can_report,
    can_review_report,
    can_view_report,
    conflicts,
    is_member,
)
from fund.report_files import receipt_type
from fund.report_forms import ReportForm, ReviewForm
from fund.views.payouts import next_url
from omzien.ratelimit import allow


def _grant(pk: int) -> Grant:
    return get_object_or_404(
        Grant.objects.select_related("application", "initiative", "round"), pk=pk
    )


def _shown_report(grant: Grant, report: Report | None) -> dict[str, object]:
    """The report as the pages show it: its lines next to the budget, and its receipts."""
    budget = list(BudgetLine.objects.filter(application_id=grant.application_id))
    if report is None:
        return {"report": None, "budget": [(line, None) for line in budget], "receipts": []}
    spent = {line.budget_line_id: line.spent_cents for line in report.lines.all()}
    return {
        "report": report,
        "budget": [(line, spent.get(line.pk)) for line in budget],
        "budget_cents": sum(line.amount_cents for line in budget),
        "receipts": list(report.receipts.order_by("uploaded_at", "pk")),
    }


def report(request: HttpRequest, pk: int) -> HttpResponse:
    grant = _grant(pk)
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_view_report(user, grant):
        raise PermissionDenied(
            _(
                "Only the members of the initiative, the fund committee and the treasurers may "
                "see this report while it is being written."
            )
        )
    found = rules.report_of(grant)
    editable = can_report(user, grant) and (found is None or found.status in rules.EDITABLE)
    full = rules.needs_full_report(grant.awarded_cents)
    shown = _shown_report(grant, found)
    budget_lines = [line for line, _spent in shown["budget"]]  # type: ignore[attr-defined]
    form = ReportForm(report=found, budget_lines=budget_lines, full=full) if editable else None
    if request.method == "POST":
        if not is_member(user, grant.initiative):
            raise PermissionDenied(_("Only the members of the initiative may write its report."))
        if not editable:
            messages.error(
                request, _("This report was submitted already; it can no longer change.")
            )
            return redirect("fund:report", pk=grant.pk)
        form = ReportForm(
            request.POST, request.FILES, report=found, budget_lines=budget_lines, full=full
        )
        if form.is_valid():
            to_delete = request.POST.get("delete_receipt", "")
            try:
                saved = rules.save_draft(
                    grant,
                    form.draft(int(to_delete) if to_delete.isdigit() else None),
                    by=user,
                )
            except FundRuleError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                if request.POST.get("action") != "submit":
                    messages.success(
                        request,
                        _(
                            "Saved. Submit the report when it is complete: until then only you see it."
                        ),
                    )
                    return redirect("fund:report", pk=grant.pk)
                notify = allow(
                    request,
                    action="fund-report-submit",
                    limit=rules.SUBMIT_MAIL_LIMIT,
                    seconds=rules.SUBMIT_MAIL_WINDOW,
                    key=f"user:{user.pk}",
                )
                try:
                    rules.submit(grant, by=user, notify=notify)
                except FundRuleError as error:
                    for name, message in getattr(error, "missing", {}).items():
                        form.add_error(name if name in form.fields else None, message)
                    form.add_error(None, error.message)
                    found = saved
                    shown = _shown_report(grant, saved)
                else:
                    messages.success(
                        request,
                        _(
                            "Thank you! Your report is submitted. The fund committee reads it "
                            "and lets you know."
                        ),
                    )
                    return redirect("fund:report", pk=grant.pk)
    if form is not None:
        form.mark_needed(has_photo=bool(found and found.photo))
    context = {
        "grant": grant,
        "form": form,
        "editable": editable,
        "full": full,
        "full_from_cents": rules.FULL_REPORT_FROM_CENTS,
        "overdue": grant.report_due_on is not None
        and found is not None
        and found.status in rules.EDITABLE
        and grant.report_due_on < timezone.localdate(),
        "can_review": found is not None
        and found.status == Report.Status.SUBMITTED
        and can_review_report(user, grant),
        **shown,
    }
    return render(request, "fund/report.html", context)


def review(request: HttpRequest, pk: int) -> HttpResponse:
    grant = _grant(pk)
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_review_report(user, grant):
        if conflicts(user, grant.application):
            raise PermissionDenied(
                _(
                    "You have a conflict of interest with this grant: you take no part in its report."
                )
            )
        raise PermissionDenied(_("Only members of the fund committee may review reports."))
    found = rules.report_of(grant)
    reviewable = found is not None and found.status == Report.Status.SUBMITTED
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        notify = allow(
            request,
            action="fund-report-review",
            limit=rules.REVIEW_MAIL_LIMIT,
            seconds=rules.SUBMIT_MAIL_WINDOW,
            key=f"user:{user.pk}",
        )
        try:
            if form.cleaned_data["decision"] == ReviewForm.ACCEPT:
                settled = rules.accept(
                    grant, by=user, note=form.cleaned_data["note"].strip(), notify=notify
                )
                if settled.released_cents:
                    messages.success(
                        request,
                        _(
                            "The report is accepted and the grant is settled. %(amount)s that was "
                            "not paid out went back to the fund."
                        )
                        % {"amount": euros(settled.released_cents)},
                    )
                else:
                    messages.success(request, _("The report is accepted and the grant is settled."))
            else:
                rules.request_changes(
                    grant, by=user, note=form.cleaned_data["note"].strip(), notify=notify
                )
                messages.success(
                    request,
                    _("The initiative is asked for changes; it gets an e-mail with your note."),
                )
        except FundRuleError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect(next_url(request, reverse("fund:report-review", args=[grant.pk])))
    context = {
        "grant": grant,
        "form": form,
        "reviewable": reviewable,
        "status": found.status if found is not None else "",
        "full": rules.needs_full_report(grant.awarded_cents),
        **_shown_report(grant, found),
    }
    return render(request, "fund/report_review.html", context)


def receipt_file(request: HttpRequest, receipt: int, name: str) -> HttpResponseBase:
    """A receipt, downloaded (never shown in the browser), for the initiative and the fund's
    roles only; for everyone else it does not exist."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = (
        Receipt.objects.select_related("report__grant__initiative", "report__grant__application")
        .filter(pk=receipt)
        .first()
    )
    if found is None or not can_view_report(request.user, found.report.grant):
        raise Http404
    if name != found.name:
        return redirect("fund:receipt-file", receipt=found.pk, name=found.name)
    try:
        stored = default_storage.open(found.file.name, "rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=found.name,
        content_type=receipt_type(found.file.name).content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def impact(request: HttpRequest) -> HttpResponse:
    """What the network does: the accepted reports' figures per municipality. The figures are
    read only when the page's cached fragment is missing (two queries)."""
    return render(
        request,
        "fund/impact.html",
        {"rows": rules.impact_by_municipality(), "total": rules.impact_total},
    )
