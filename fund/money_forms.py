"""The treasurers' forms for money in: a funder, a contribution, and reversing one."""

import re
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from fund.contributions import NewContribution, look_alikes, new_key
from fund.models import Contribution, Funder, LedgerEntry
from fund.money import EuroField, euros
from initiatives.models import Municipality, Theme

# Control characters and the marks that turn text around on the screen ("\u202e").
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
EARLIEST = date(2000, 1, 1)


def one_line(text: str) -> str:
    """A name or reference as one line of plain text, runs of whitespace as one space."""
    return " ".join(_UNPRINTABLE.sub(" ", text).split())


def plain(text: str) -> str:
    """A longer text without control characters (line breaks stay)."""
    return _UNPRINTABLE.sub("", text.replace("\r\n", "\n")).strip()


class FunderForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("For example https://www.provincie-utrecht.nl"),
        error_messages={"invalid": _("Type a web address, for example https://www.example.nl")},
    )

    class Meta:
        model = Funder
        fields = ["name", "kind", "description", "website"]
        labels = {"name": _("Name"), "kind": _("Kind of funder")}
        help_texts = {
            "name": _("The name as everyone will see it on the portal."),
            "description": _(
                "A few sentences about this funder, for its public page. Everyone can read this."
            ),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "name": {
                "required": _("Fill in the funder's name."),
                "max_length": _("Keep the name to at most %(limit_value)d characters."),
            },
            "kind": {"required": _("Choose what kind of funder this is.")},
            "description": {
                "max_length": _("Keep the text to at most %(limit_value)d characters."),
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", _("Choose what kind"))] + [
            (value, capfirst(label)) for value, label in Funder.Kind.choices
        ]

    def clean_name(self) -> str:
        name = one_line(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Fill in the funder's name."))
        others = Funder.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("There is a funder with this name already."))
        return name

    def clean_description(self) -> str:
        return plain(self.cleaned_data["description"])

    def clean_website(self) -> str:
        website: str = self.cleaned_data["website"]
        if website and not website.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(_("Type a web address, for example https://www.example.nl"))
        return website


class ContributionForm(forms.Form):
    """Money in. `key` is the form's one-time key (fund/contributions.py): kept when the form
    comes back with a problem, so a second click still records one contribution."""

    key = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form is out of date. Open it again, please."),
            "invalid": _("This form is out of date. Open it again, please."),
        },
    )
    funder = forms.ModelChoiceField(
        label=_("Funder"),
        queryset=Funder.objects.order_by("name"),
        empty_label=_("Choose a funder"),
        error_messages={
            "required": _("Choose the funder the money came from."),
            "invalid_choice": _("Choose a funder from the list."),
        },
    )
    amount = EuroField(
        label=_("Amount in euros"),
        help_text=_("For example 2.500 or 2.500,50."),
        error_messages={"required": _("Fill in the amount that came in.")},
    )
    received_on = forms.DateField(
        label=_("Received on"),
        help_text=_("The day the money was in the fund's bank account."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Fill in the day the money came in."),
            "invalid": _("Type a date, for example 15-03-2027."),
        },
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=100,
        required=False,
        help_text=_("For example the reference of the bank transfer. Only treasurers see this."),
        error_messages={"max_length": _("Keep it to at most %(limit_value)d characters.")},
    )
    earmark_municipality = forms.ModelChoiceField(
        label=_("Earmarked for one municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("No: for initiatives in every municipality"),
        help_text=_(
            "Did the funder say the money is only for initiatives in one municipality? Choose it."
        ),
        error_messages={"invalid_choice": _("Choose a municipality from the list.")},
    )
    earmark_theme = forms.ModelChoiceField(
        label=_("Earmarked for one theme"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        empty_label=_("No: for every theme"),
        help_text=_("Did the funder say the money is only for one theme? Choose it."),
        error_messages={"invalid_choice": _("Choose a theme from the list.")},
    )
    note = forms.CharField(
        label=_("Note for the treasurers"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only treasurers see this."),
        error_messages={"max_length": _("Keep the note to at most %(limit_value)d characters.")},
    )
    # Shown (as a check box) only when the same money seems to be recorded already.
    record_anyway = forms.BooleanField(
        label=_("It is another contribution: record it as well."),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].initial = new_key()
        theme = self.fields["earmark_theme"]
        assert isinstance(theme, forms.ModelChoiceField)
        theme.label_from_instance = lambda t: t.display_name  # type: ignore[assignment]
        self.look_alikes: list[Contribution] = []

    def clean_received_on(self) -> date:
        received: date = self.cleaned_data["received_on"]
        if received > timezone.localdate():
            raise forms.ValidationError(
                _("This day is still to come. Record money once it is in the bank account.")
            )
        if received < EARLIEST:
            raise forms.ValidationError(_("Check the year: this date is very long ago."))
        return received

    def clean_reference(self) -> str:
        return one_line(self.cleaned_data["reference"])

    def clean_note(self) -> str:
        return plain(self.cleaned_data["note"])

    def facts(self) -> NewContribution:
        data = self.cleaned_data
        return NewContribution(
            funder=data["funder"],
            amount_cents=data["amount"],
            received_on=data["received_on"],
            reference=data["reference"],
            earmark_municipality=data["earmark_municipality"],
            earmark_theme=data["earmark_theme"],
            note=data["note"],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        # The same money recorded twice by two treasurers: a question, not a refusal. (The same
        # form sent twice is caught by its key, and needs no question.)
        key = data.get("key")
        self.look_alikes = [
            c
            for c in look_alikes(self.facts()).select_related("funder")
            if c.idempotency_key != key
        ]
        if self.look_alikes and not data.get("record_anyway"):
            self.ask_to_confirm()
        return data

    def ask_to_confirm(self) -> None:
        field = self.fields["record_anyway"]
        field.widget = forms.CheckboxInput()
        earlier = self.look_alikes[0]
        self.add_error(
            "record_anyway",
            _(
                "A contribution of %(amount)s from %(funder)s received on that day is recorded "
                "already. Is this the same money? Then you need not record it again."
            )
            % {"amount": euros(earlier.amount_cents), "funder": earlier.funder.name},
        )


class ReverseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this contribution reversed?"),
        max_length=LedgerEntry._meta.get_field("note").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: recorded twice, or the wrong amount. Everyone can read this on the "
            "fund's ledger, so do not write down anyone's name."
        ),
        error_messages={
            "required": _("Write down why this contribution is reversed."),
            "max_length": _("Keep it to at most %(limit_value)d characters."),
        },
    )

    def clean_reason(self) -> str:
        reason = one_line(self.cleaned_data["reason"])
        if not reason:
            raise forms.ValidationError(_("Write down why this contribution is reversed."))
        return reason
