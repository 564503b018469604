"""Publishing a held meeting's report in the knowledge base (meetings/knowledge.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from meetings import knowledge
from meetings.errors import MeetingRuleError
from meetings.knowledge_forms import PublishReportForm
from meetings.models import Meeting
from meetings.permissions import can_publish_report, can_see_meeting
from meetings.views.organise import ONLY_COORDINATORS
from omzien.typing import AuthenticatedHttpRequest


@login_required
def publish_report(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("host"), slug=slug)
    if not can_see_meeting(request.user, meeting):
        raise Http404
    if not can_publish_report(request.user, meeting):
        raise PermissionDenied(ONLY_COORDINATORS)
    item = knowledge.knowledge_item_of(meeting)
    initial = {"research_questions": list(item.research_questions.all())} if item else {}
    # No box ticked is an answer too: a POST without fields still publishes.
    data = request.POST if request.method == "POST" else None
    form = PublishReportForm(data, initial=initial, questions=knowledge.research_question_choices())
    ready = knowledge.has_report_to_publish(meeting)
    if request.method == "POST" and ready and form.is_valid():
        try:
            item = knowledge.publish_report(
                meeting,
                research_questions=form.cleaned_data["research_questions"],
                by=request.user,
            )
        except MeetingRuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The report is in the knowledge base."))
            return redirect(item)
    context = {"meeting": meeting, "form": form, "item": item, "ready": ready}
    return render(request, "meetings/organise/publish_report.html", context)
