"""The registration form: a guest gives name and e-mail, a signed-in person their account's."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from initiatives.models import Initiative
from meetings.registration import Details


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("You get an e-mail with a link: your registration counts once you follow it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    initiative = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("Just myself"),
    )
    show_initiative = forms.BooleanField(
        label=_("Show the name of my initiative on the meeting's page"),
        help_text=_("Your own name is never shown."),
        required=False,
    )
    needs = forms.CharField(
        label=_("Accessibility or dietary needs"),
        help_text=_("Only the organisers see this."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    wants_to_help = forms.BooleanField(
        label=_("I want to help prepare the next session"), required=False
    )

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        choices = self.fields["initiative"]
        assert isinstance(choices, forms.ModelChoiceField)
        if user is not None:
            # Name and address come from the account; the initiatives the person is a member of.
            del self.fields["name"], self.fields["email"]
            choices.queryset = Initiative.objects.filter(
                memberships__user=user, status=Initiative.Status.APPROVED
            ).order_by("name")
        if user is None or choices.queryset is None or not choices.queryset.exists():
            del self.fields["initiative"], self.fields["show_initiative"]

    def details(self) -> Details:
        data = self.cleaned_data
        return Details(
            name=data.get("name", ""),
            email=data.get("email", ""),
            initiative=data.get("initiative"),
            show_initiative=bool(data.get("show_initiative")),
            needs=data.get("needs", ""),
            wants_to_help=bool(data.get("wants_to_help")),
        )
