"""Questions to the network: the list, asking one, answering, and marking the one that helped."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from initiatives.views.directory import page_of
from knowledgebase import helpdesk
from knowledgebase.helpdesk_forms import AskForm
from knowledgebase.models import Answer, Item
from knowledgebase.permissions import can_answer, can_mark_helpful, can_remove_answer
from omzien.ratelimit import allow
from omzien.typing import AuthenticatedHttpRequest

PAGE_SIZE = 20


@require_safe
def questions(request: HttpRequest) -> HttpResponse:
    page = page_of(request, helpdesk.network_questions(), PAGE_SIZE)
    context = {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "results_id": "kb-questions",
    }
    return render(request, "knowledgebase/questions.html", context)


@login_required
def ask(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AskForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        person = f"user:{request.user.pk}"
        limit, window = helpdesk.ASK_LIMIT, helpdesk.ASK_WINDOW
        if allow(request, action="kb-ask", limit=limit, seconds=window, key=person):
            question = helpdesk.ask_question(
                request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                themes=form.cleaned_data["themes"],
                municipality=form.cleaned_data["municipality"],
            )
            messages.success(
                request,
                _(
                    "Thank you! Your question is on the portal now. You get an e-mail when "
                    "someone answers it."
                ),
            )
            return redirect(question)
        form.add_error(
            None,
            _(
                "You can ask at most %(limit)d questions a day. Try again tomorrow: what you "
                "typed is still here."
            )
            % {"limit": limit},
        )
        status = 429
    return render(request, "knowledgebase/question_form.html", {"form": form}, status=status)


def _question(request: HttpRequest, pk: int) -> Item:
    """A published question to the network; anything else does not exist here."""
    return get_object_or_404(
        Item.objects.published().select_related("initiative"),
        pk=pk,
        kind=Item.Kind.NETWORK_QUESTION,
    )


def _answer(answer_id: int) -> Answer:
    """An answer on the page: of a published question, and not removed."""
    answer = get_object_or_404(
        Answer.objects.select_related("item"), pk=answer_id, removed_at__isnull=True
    )
    if not (answer.item.is_published and answer.item.is_network_question):
        raise Http404
    return answer


@login_required
@require_POST
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    if not can_answer(request.user, question):
        raise PermissionDenied(
            _("Only members of an initiative and coordinators of the network may answer.")
        )
    form = helpdesk.answer_form_for(request, question, request.POST)
    assert form is not None
    status = 200
    if form.is_valid():
        person = f"user:{request.user.pk}"
        limit, window = helpdesk.ANSWER_LIMIT, helpdesk.ANSWER_WINDOW
        if allow(request, action="kb-answer", limit=limit, seconds=window, key=person):
            try:
                helpdesk.answer_question(
                    question,
                    by=request.user,
                    initiative=form.chosen_initiative(),
                    body=form.cleaned_data["body"],
                )
            except helpdesk.HelpdeskError as error:
                form.add_error("initiative", error.message)
            else:
                messages.success(request, _("Thank you! Your answer is on the page."))
                return redirect(f"{question.get_absolute_url()}#kb-answers")
        else:
            form.add_error(
                None,
                _(
                    "You can give at most %(limit)d answers a day. Try again tomorrow: what you "
                    "typed is still here."
                )
                % {"limit": limit},
            )
            status = 429
    context = {"question": question, "form": form}
    return render(request, "knowledgebase/answer_form.html", context, status=status)


@login_required
@require_POST
def answer_helped(request: AuthenticatedHttpRequest, answer: int) -> HttpResponse:
    found = _answer(answer)
    if not can_mark_helpful(request.user, found.item):
        raise PermissionDenied(
            _("Only the person who asked the question or a coordinator may do this.")
        )
    person = f"user:{request.user.pk}"
    limit, window = helpdesk.HELPED_LIMIT, helpdesk.HELPED_WINDOW
    if not allow(request, action="kb-helped", limit=limit, seconds=window, key=person):
        messages.error(
            request,
            _("You marked answers %(limit)d times today. Try again tomorrow.") % {"limit": limit},
        )
        return redirect(f"{found.item.get_absolute_url()}#kb-answers")
    try:
        helpdesk.mark_helpful(found, by=request.user)
    except helpdesk.HelpdeskError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Marked as the answer that helped. Thank you!"))
    return redirect(f"{found.item.get_absolute_url()}#kb-answers")


@login_required
@require_POST
def answer_remove(request: AuthenticatedHttpRequest, answer: int) -> HttpResponse:
    found = _answer(answer)
    if not can_remove_answer(request.user, found):
        raise PermissionDenied(
            _("Only the person who wrote this answer or a coordinator may remove it.")
        )
    helpdesk.remove_answer(found, by=request.user)
    messages.success(request, _("The answer is removed."))
    return redirect(f"{found.item.get_absolute_url()}#kb-answers")
