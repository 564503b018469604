"""The forms of hosting: what an initiative can offer as host, an offer to host, a coordinator's
step on an offer."""

from typing import Any

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from initiatives.models import Theme
from meetings.models import MAX_CAPACITY, DayPart, HostCapability, HostOffer, Meeting, Weekday

FACILITIES = [
    "step_free",
    "accessible_toilet",
    "public_transport",
    "parking",
    "catering",
    "projector",
    "hybrid_kit",
]


class HostCapabilityForm(forms.ModelForm):
    capacity = forms.IntegerField(
        label=_("People in the largest room"),
        min_value=0,
        max_value=MAX_CAPACITY,
        help_text=_("How many people fit in the room for the whole group, seated?"),
        error_messages={
            "max_value": _(
                "A network meeting is for at most %(limit_value)s people. Fill in how many fit in "
                "your largest room."
            ),
            "min_value": _("Fill in a number of people, 0 or more."),
            "invalid": _("Fill in a whole number, for example 40."),
            "required": _("Fill in how many people fit in your largest room."),
        },
    )
    breakout_rooms = forms.IntegerField(
        label=_("Rooms for smaller groups"),
        min_value=0,
        max_value=50,
        initial=0,
        help_text=_("Rooms where a group can talk apart from the rest. 0 if there are none."),
        error_messages={
            "max_value": _("At most %(limit_value)s rooms."),
            "min_value": _("Fill in 0 or more."),
            "invalid": _("Fill in a whole number, for example 2."),
            "required": _("Fill in 0 if there are none."),
        },
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days you can host"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    day_parts = forms.MultipleChoiceField(
        label=_("Parts of the day you can host"),
        choices=DayPart.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = HostCapability
        fields = [
            "can_host",
            "capacity",
            "breakout_rooms",
            *FACILITIES,
            "weekdays",
            "day_parts",
            "venue_name",
            "address",
        ]
        labels = {"can_host": _("We can host a network meeting")}
        help_texts = {
            "venue_name": _("For example the community centre where you meet."),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("can_host") and data.get("capacity") == 0:
            self.add_error(
                "capacity",
                _(
                    "You say you can host: how many people fit? Fill in a number above 0, or "
                    "untick “We can host a network meeting”."
                ),
            )
        return data

    def facility_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in FACILITIES]

    def answers(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class HostOfferForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_months = forms.TypedMultipleChoiceField(
        label=_("Preferred months"),
        choices=list(MONTHS.items()),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if any month is fine."),
    )

    class Meta:
        model = HostOffer
        fields = ["theme", "themes", "preferred_months", "note"]
        labels = {"theme": _("Theme or question")}
        help_texts = {"note": _("Anything the coordinators should know, for example dates.")}
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "theme": {"required": _("Say what you would like to explore with the others.")}
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].label_from_instance = lambda theme: theme.display_name  # type: ignore[attr-defined]


class DeclineOfferForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The initiative's admins get this by e-mail."),
        error_messages={"required": _("Tell the initiative why.")},
    )


class LinkMeetingForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("No meeting (yet)"),
    )

    def __init__(self, *args: Any, meetings: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = meetings if meetings is not None else Meeting.objects.all()
