"""The coordinators' question for host suggestions: a GET form, so a result can be shared."""

from typing import Any

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from initiatives.models import Theme
from meetings.models import MAX_CAPACITY, Region
from meetings.rotation import PlannedMeeting

NEED_CHOICES = [
    ("step_free", _("step-free access")),
    ("accessible_toilet", _("accessible toilet")),
    ("public_transport", _("public transport nearby")),
    ("parking", _("parking")),
    ("catering", _("kitchen or catering")),
    ("projector", _("projector or screen")),
    ("hybrid", _("kit for hybrid meetings (camera, microphone, internet)")),
]


class SuggestionsForm(forms.Form):
    month = forms.IntegerField(
        label=_("Month"),
        min_value=1,
        max_value=12,
        widget=forms.Select(choices=list(MONTHS.items())),
        error_messages={
            "min_value": _("Choose a month from January to December."),
            "max_value": _("Choose a month from January to December."),
            "invalid": _("Choose a month from January to December."),
            "required": _("Choose the month of the meeting."),
        },
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.only("pk", "name", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("Any region"),
        error_messages={
            "invalid_choice": _("We do not know this region. Choose one from the list.")
        },
    )
    people = forms.IntegerField(
        label=_("Expected number of people"),
        min_value=1,
        max_value=MAX_CAPACITY,
        error_messages={
            "min_value": _("Expect at least one person."),
            "max_value": _("A network meeting has at most %(limit_value)s people."),
            "invalid": _("Enter a whole number of people."),
            "required": _("How many people do you expect?"),
        },
    )
    breakout_rooms = forms.IntegerField(
        label=_("Rooms for smaller groups"),
        min_value=0,
        max_value=50,
        required=False,
        error_messages={
            "min_value": _("Enter 0 or more rooms."),
            "max_value": _("Enter at most %(limit_value)s rooms."),
            "invalid": _("Enter a whole number of rooms."),
        },
    )
    needs = forms.MultipleChoiceField(
        label=_("Needs"),
        choices=NEED_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose the needs from the list.")},
    )
    theme = forms.CharField(
        label=_("Theme or question"),
        max_length=200,
        required=False,
        help_text=_("An offer to host on the same theme ranks higher."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("people", "breakout_rooms"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def planned(self, themes: list[Theme]) -> PlannedMeeting:
        """The question as the ranking takes it; `themes` are the list's themes named in it."""
        data = self.cleaned_data
        region: Region | None = data["region"]
        text = data["theme"].casefold()
        return PlannedMeeting(
            month=data["month"],
            people=data["people"],
            region=region.name if region else None,
            needs=frozenset(data["needs"]),
            breakout_rooms=data["breakout_rooms"] or 0,
            theme=data["theme"],
            theme_ids=frozenset(t.pk for t in themes if t.name.casefold() in text),
        )
