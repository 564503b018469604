"""The knowledge agenda's public page: the research questions and what has been collected."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from knowledgebase.agenda import agenda_questions
from knowledgebase.permissions import can_contribute


@require_safe
def agenda(request: HttpRequest) -> HttpResponse:
    # The list is a cached fragment (under the content version): the queryset stays lazy and is
    # queried only when the fragment is made.
    context = {
        "questions": agenda_questions(),
        "may_contribute": can_contribute(request.user),
    }
    return render(request, "knowledgebase/agenda.html", context)
