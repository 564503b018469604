"""The forms of the helpdesk: a question to the network, and an answer to one."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Municipality, Theme
from knowledgebase.plain_text import one_line

ANSWER_MAX_LENGTH = 5000
EXPLANATION_MAX_LENGTH = 5000


class AskForm(forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        max_length=200,
        help_text=_("One short sentence, for example: How do we find volunteers for the weekend?"),
        error_messages={
            "required": _("Fill in your question."),
            "max_length": _("Keep your question short: at most %(limit_value)d characters."),
        },
    )
    body = forms.CharField(
        label=_("Explanation"),
        max_length=EXPLANATION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What have you tried already, and what would help you? Do not write down anyone's "
            "address or telephone number: everyone can read this. You can use Markdown."
        ),
        error_messages={
            "max_length": _("Keep the explanation to at most %(limit_value)d characters."),
        },
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=_("Not tied to one municipality"),
        help_text=_("Is your question about one municipality? Choose it here."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes = self.fields["themes"]
        assert isinstance(themes, forms.ModelMultipleChoiceField)
        themes.label_from_instance = lambda theme: theme.display_name  # type: ignore[assignment]

    def clean_title(self) -> str:
        # One line: the question is also the subject of the e-mails about it.
        title = one_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Fill in your question."))
        return title


# The value of the "on behalf of" choice for a coordinator who answers for the network.
AS_COORDINATOR = ""


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Share what your initiative knows or did. You can use Markdown."),
        error_messages={
            "required": _("Write your answer first."),
            "max_length": _("Keep your answer to at most %(limit_value)d characters."),
        },
    )
    initiative = forms.ChoiceField(label=_("On behalf of"))

    def __init__(
        self, *args: Any, initiatives: list[Initiative], as_coordinator: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.initiatives = {str(initiative.pk): initiative for initiative in initiatives}
        choices = [(pk, initiative.name) for pk, initiative in self.initiatives.items()]
        if as_coordinator:
            choices.append((AS_COORDINATOR, str(_("The coordinators of the network"))))
        field = self.fields["initiative"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        field.required = not as_coordinator
        if len(choices) == 1:
            field.initial = choices[0][0]
        field.error_messages["invalid_choice"] = _(
            "Choose one of your own initiatives to answer on behalf of."
        )
        field.error_messages["required"] = _("Choose the initiative you answer on behalf of.")

    def chosen_initiative(self) -> Initiative | None:
        return self.initiatives.get(self.cleaned_data["initiative"])

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write your answer first."))
        return body
