from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _


class PublishReportForm(forms.Form):
    research_questions: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Research questions this report helps answer"),
        help_text=_("Pick the questions of the knowledge agenda that the meeting talked about."),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, questions: QuerySet[Model], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["research_questions"].queryset = questions  # type: ignore[attr-defined]
