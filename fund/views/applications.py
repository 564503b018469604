"""Applying to the fund: thin views over fund/applications.py, fund/submission.py,
fund/revisions.py and fund/attachments.py.

Who sees what (fund/permissions.py): a draft exists only for the applying initiative's members
(everyone else gets a 404, the committee and the treasurers too); a submitted application is
also seen by the members of the co-applying initiatives, the committee and the treasurers; a
visitor logs in first, anyone else signed in is refused (403). Only the applying initiative's
members change, submit and withdraw it.
"""

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict, ErrorList
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from accounts.models import User
from fund import applications as rules
from fund import attachments as files
from fund import origins, reviews, revisions, submission
from fund.application_forms import ApplicationForm, BaseBudgetLines, budget_formset
from fund.errors import FundRuleError
from fund.models import Application, ApplicationAttachment, ApplicationRevision, Round
from fund.money import euros
from fund.permissions import (
    can_edit_application,
    can_view_application,
    can_withdraw_application,
    is_applicant,
)
from initiatives.permissions import memberships_of
from omzien.ratelimit import allow

MINE_PER_PAGE = 50
# New applications per person per hour: far more than anyone writes, far fewer than a script.
NEW_LIMIT, NEW_WINDOW = 20, 3600

WHO_MAY_SEE = gettext_lazy(
    "Only members of the initiatives that apply, the fund committee and the treasurers may see "
    "a submitted application."
)
WHO_MAY_CHANGE = gettext_lazy(
    "Only members of the initiative that applies may change, submit or withdraw its application."
)


class _Login(Exception):
    """A visitor asked for something that exists for some: log in first."""


def _application(request: HttpRequest, pk: int) -> Application:
    """The application, if this person may see it: a draft does not exist for anyone outside
    the applying initiative (404), a visitor logs in first, anyone else is refused (403)."""
    application = get_object_or_404(
        Application.objects.select_related("round", "initiative__municipality", "theme"), pk=pk
    )
    if can_view_application(request.user, application):
        return application
    if application.status == Application.Status.DRAFT:
        raise Http404
    if not request.user.is_authenticated:
        raise _Login
    raise PermissionDenied(WHO_MAY_SEE)


def _for_applicant(request: HttpRequest, pk: int) -> Application:
    application = _application(request, pk)
    if not is_applicant(request.user, application):
        raise PermissionDenied(WHO_MAY_CHANGE)
    return application


def _login_first(view: Any) -> Any:
    """Visitors are sent to the login page, before and after the application is found."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except _Login:
            return redirect_to_login(request.get_full_path())

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _signed_in(request: HttpRequest) -> User:
    """The person, signed in (a visitor is sent to log in first)."""
    if not request.user.is_authenticated:
        raise _Login
    return request.user


def _form_key(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get("form_key", ""))
    except ValueError:
        return None


def _quiet(form: ApplicationForm, lines: BaseBudgetLines) -> None:
    """A form sent only to get more budget lines: shown again as typed, without problems."""
    form._errors = ErrorDict()  # type: ignore[attr-defined]
    lines._errors = [ErrorDict() for _f in lines.forms]  # type: ignore[attr-defined]
    lines._non_form_errors = ErrorList()  # type: ignore[attr-defined]
    for line in lines.forms:
        line._errors = ErrorDict()


def _valid(form: ApplicationForm, lines: BaseBudgetLines) -> bool:
    """Both valid, and an amount to ask: typed, or else the budget's total."""
    form_ok, lines_ok = form.is_valid(), lines.is_valid()
    if form_ok and lines_ok and form.cleaned_data.get("amount") is None:
        total = sum(cents for _d, cents in lines.lines())
        maximum = form.round.max_per_application_cents
        if total == 0:
            form.add_error("amount", _("Fill in how much you ask, or the lines of the budget."))
        elif total > maximum:
            form.add_error(
                "amount",
                _(
                    "Your budget adds up to %(total)s; this round gives at most %(maximum)s per "
                    "application. Fill in how much you ask."
                )
                % {"total": euros(total), "maximum": euros(maximum)},
            )
    return form_ok and lines_ok and not form.errors


def _show_problems(form: ApplicationForm, problems: list[FundRuleError]) -> list[str]:
    """Rule problems next to their fields; those about no field of the form (the round, the
    budget as a whole) are returned for the top of the page and the budget."""
    elsewhere = []
    for problem in problems:
        if problem.field in form.fields:
            form.add_error(problem.field, problem.message)
        elif problem.field == "co_applicants":
            form.add_error("co_applicant_names", problem.message)
        else:
            elsewhere.append(problem.message)
    return elsewhere


@_login_first
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = get_object_or_404(Round, slug=slug)
    user = _signed_in(request)
    own = rules.applying_initiatives(user)
    if not own:
        return render(request, "fund/apply_no_initiative.html", {"round": round_})
    if not rules.accepts_drafts(round_):
        return render(request, "fund/apply_closed.html", {"round": round_})
    if request.method != "POST":
        form = ApplicationForm(user=user, round_=round_)
        lines = budget_formset()
        return _form_page(request, round_, form, lines, form_key=uuid.uuid4())
    form = ApplicationForm(request.POST, user=user, round_=round_)
    more = "more_lines" in request.POST
    lines = budget_formset(request.POST, more=more)
    form_key = _form_key(request) or uuid.uuid4()
    if more:
        _quiet(form, lines)
        return _form_page(request, round_, form, lines, form_key=form_key)
    if not _valid(form, lines):
        return _form_page(request, round_, form, lines, form_key=form_key, status=400)
    if not allow(
        request, action="fund-apply", limit=NEW_LIMIT, seconds=NEW_WINDOW, key=str(user.pk)
    ):
        messages.error(
            request,
            _("You started many applications in a short time. Wait an hour and try again."),
        )
        return _form_page(request, round_, form, lines, form_key=form_key, status=429)
    initiative = form.cleaned_data["initiative"]
    try:
        application, created = rules.create_application(
            round_,
            initiative,
            form.draft(lines.lines()),
            by=user,
            form_key=form_key,
        )
    except FundRuleError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _form_page(request, round_, form, lines, form_key=form_key, status=400)
    if created:
        messages.success(
            request,
            _(
                "Saved as a draft. Only the members of %(initiative)s see it. Submit it when it "
                "is ready."
            )
            % {"initiative": initiative.name},
        )
    return redirect(application)


def _form_page(
    request: HttpRequest,
    round_: Round,
    form: ApplicationForm,
    lines: BaseBudgetLines,
    *,
    application: Application | None = None,
    form_key: uuid.UUID | None = None,
    problems: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "round": round_,
        "form": form,
        "lines": lines,
        "application": application,
        "form_key": form_key,
        "problems": problems or [],
        "only_initiative": getattr(form, "only_initiative", None),
        "max_lines": rules.MAX_LINES,
    }
    return render(request, "fund/application_form.html", context, status=status)


@_login_first
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _for_applicant(request, pk)
    user = _signed_in(request)
    if not can_edit_application(user, application):
        messages.error(request, _change_refused(application))
        return redirect(application)
    round_ = application.round
    if request.method != "POST":
        form = ApplicationForm(instance=application, user=user, round_=round_)
        lines = budget_formset(application=application)
        return _form_page(request, round_, form, lines, application=application)
    form = ApplicationForm(request.POST, instance=application, user=user, round_=round_)
    more = "more_lines" in request.POST
    lines = budget_formset(request.POST, more=more)
    if more:
        _quiet(form, lines)
        return _form_page(request, round_, form, lines, application=application)
    if not _valid(form, lines):
        return _form_page(request, round_, form, lines, application=application, status=400)
    try:
        saved = rules.update_application(application, form.draft(lines.lines()), by=user)
    except submission.Refused as refused:
        problems = _show_problems(form, refused.problems)
        return _form_page(
            request, round_, form, lines, application=application, problems=problems, status=400
        )
    except FundRuleError as error:
        messages.error(request, error.message)
        return redirect(application)
    if saved.application.status == Application.Status.SUBMITTED:
        if saved.revision is None:
            messages.info(request, _("Nothing changed, so there is no new version."))
        else:
            messages.success(
                request,
                _("Your changes are saved as version %(number)s. The committee sees them.")
                % {"number": saved.revision},
            )
    else:
        messages.success(request, _("Your changes are saved."))
    return redirect(saved.application)


def _change_refused(application: Application) -> str:
    if application.status == Application.Status.SUBMITTED:
        return _("The round is closed; a submitted application can no longer change.")
    return rules.status_message(application.status)


@_login_first
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    user = request.user
    applicant = is_applicant(user, application)
    lines = list(application.budget_lines.order_by("position", "pk"))
    attachments = list(ApplicationAttachment.objects.filter(application=application).order_by("pk"))
    decision = (
        getattr(application, "decision", None)
        if application.status
        in (
            Application.Status.AWARDED,
            Application.Status.REJECTED,
        )
        else None
    )
    problems = []
    if applicant and application.status == Application.Status.DRAFT:
        problems = submission.problems(application, application.round)
    context: dict[str, Any] = {
        "application": application,
        "lines": lines,
        "total_cents": sum(line.amount_cents for line in lines),
        "co_applicants": list(application.co_applicants.order_by("name")),
        "attachments": files.shown(attachments),
        "origins": origins.origins_of(application.research_question_id, application.meeting_id),
        "decision": decision,
        "problems": problems,
        "applicant": applicant,
        "can_edit": can_edit_application(user, application),
        "can_withdraw": can_withdraw_application(user, application),
    }
    context |= reviews.page_context(request, application)
    return render(request, "fund/application_detail.html", context)


@_login_first
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _for_applicant(request, pk)
    if application.status != Application.Status.DRAFT:
        if application.status == Application.Status.SUBMITTED:
            messages.info(request, _("This application is submitted already."))
        else:
            messages.error(request, rules.status_message(application.status))
        return redirect(application)
    if request.method != "POST":
        problems = submission.problems(application, application.round)
        return render(
            request,
            "fund/application_submit.html",
            {"application": application, "problems": [p.message for p in problems]},
        )
    try:
        done = submission.submit(application, by=_signed_in(request))
    except submission.Refused as refused:
        return render(
            request,
            "fund/application_submit.html",
            {"application": application, "problems": [p.message for p in refused.problems]},
            status=400,
        )
    except FundRuleError as error:
        messages.error(request, error.message)
        return redirect(application)
    if done.already:
        messages.info(request, _("This application is submitted already."))
    else:
        messages.success(
            request,
            _(
                "Submitted. The fund committee will look at it; the members of your initiative "
                "get an e-mail that confirms it."
            ),
        )
    return redirect(application)


@_login_first
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _for_applicant(request, pk)
    if not can_withdraw_application(request.user, application):
        messages.error(request, _withdraw_refused(application))
        return redirect(application)
    if request.method != "POST":
        return render(request, "fund/application_withdraw.html", {"application": application})
    try:
        done = rules.withdraw(application, by=_signed_in(request))
    except FundRuleError as error:
        messages.error(request, error.message)
        return redirect(application)
    if done.deleted:
        messages.success(
            request, _("The draft “%(title)s” is deleted.") % {"title": application.title}
        )
        return redirect("fund:my-applications")
    if not done.already:
        messages.success(
            request,
            _("The application is withdrawn. The committee will not decide on it."),
        )
    return redirect(application)


def _withdraw_refused(application: Application) -> str:
    if application.status == Application.Status.WITHDRAWN:
        return _("This application is withdrawn already.")
    return _(
        "The committee has already decided on this application; it can no longer be withdrawn."
    )


@_login_first
def revision_list(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    listed = list(
        ApplicationRevision.objects.filter(application=application)
        .only("pk", "number", "created_at", "application_id")
        .order_by("-number")
    )
    numbers = [r.number for r in listed]
    show = _chosen(request, "show")
    old_number, new_number = _chosen(request, "from"), _chosen(request, "to")
    if show in numbers:
        old_number, new_number = None, show
    else:
        if new_number not in numbers:
            new_number = numbers[0] if numbers else None
        if old_number not in numbers or old_number == new_number:
            older = [n for n in numbers if new_number is not None and n < new_number]
            old_number = older[0] if older else None
    wanted = [n for n in (old_number, new_number) if n is not None]
    contents = dict(
        ApplicationRevision.objects.filter(application=application, number__in=wanted).values_list(
            "number", "content"
        )
    )
    changes, whole = [], []
    if new_number is not None and old_number is not None:
        changes = revisions.compare(contents[old_number], contents[new_number])
    elif new_number is not None:
        whole = revisions.shown(contents[new_number])
    by_number = {r.number: r for r in listed}
    context = {
        "application": application,
        "revisions": listed,
        "old": by_number.get(old_number) if old_number is not None else None,
        "new": by_number.get(new_number) if new_number is not None else None,
        "changes": changes,
        "whole": whole,
    }
    return render(request, "fund/application_revisions.html", context)


def _chosen(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) < 9 else None


@csrf_exempt
def attachment_list(request: HttpRequest, pk: int) -> HttpResponseBase:
    # Before anything reads the upload (the CSRF check does): a file beyond the limit is counted,
    # not kept on disk. The check itself follows in `_attachment_list`.
    request.upload_handlers = [
        MemoryFileUploadHandler(request),
        files.CappedUploadHandler(request),
    ]
    return _attachment_list(request, pk)


@csrf_protect
@_login_first
def _attachment_list(request: HttpRequest, pk: int) -> HttpResponse:
    application = _for_applicant(request, pk)
    if not can_edit_application(request.user, application):
        messages.error(request, _change_refused(application))
        return redirect(application)
    listed = list(ApplicationAttachment.objects.filter(application=application).order_by("pk"))
    room = files.MAX_PER_APPLICATION - len(listed)
    form = files.AttachmentForm()
    if request.method == "POST":
        form = files.AttachmentForm(request.POST, request.FILES)
        if room <= 0:
            form.add_error(None, files.too_many_message())
        elif form.is_valid():
            try:
                attachment = files.add_attachment(application, form, by=_signed_in(request))
            except FundRuleError as error:
                form.add_error("file" if error.field == "file" else None, error.message)
            else:
                messages.success(request, _("%(name)s is added.") % {"name": attachment.name})
                return redirect("fund:application-attachments", pk=application.pk)
    return render(
        request,
        "fund/application_attachments.html",
        {
            "application": application,
            "attachments": files.shown(listed),
            "form": form,
            "room": room,
            "max_per_application": files.MAX_PER_APPLICATION,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@_login_first
def attachment_delete(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    application = _for_applicant(request, pk)
    try:
        name = files.delete_attachment(application, attachment, by=_signed_in(request))
    except FundRuleError as error:
        messages.error(request, error.message)
        return redirect(application)
    if name is not None:
        messages.success(request, _("%(name)s is deleted.") % {"name": name})
    # Deleted already (a second click): the list shows what is left.
    return redirect("fund:application-attachments", pk=application.pk)


@_login_first
def attachment_file(request: HttpRequest, attachment: int, name: str) -> HttpResponseBase:
    """The file itself, for whoever may see its application, under the name it was given.
    Always downloaded, never shown in the browser, with the type checked on upload."""
    found = get_object_or_404(
        ApplicationAttachment.objects.select_related("application"), pk=attachment
    )
    _application(request, found.application_id)
    if name != found.name:
        return redirect(files.download_url(found), permanent=False)
    try:
        stored = default_storage.open(found.file.name, "rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=found.name,
        content_type=files.type_of(found).content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@_login_first
def my_applications(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    page = Paginator(rules.mine(user), MINE_PER_PAGE).get_page(request.GET.get("page"))
    own = set(memberships_of(user))
    return render(
        request,
        "fund/my_applications.html",
        {"page": page, "own": own, "can_apply": bool(own)},
    )
