"""The coordinators' forms: a meeting with its programme, cancelling, attendance, the report."""

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator, URLValidator
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Municipality, Theme
from meetings.models import MAX_CAPACITY, AgendaItem, Meeting, Report, WalkIn

# A generous box around the province of Utrecht: a point outside it is a typing error.
LATITUDES = (Decimal("51.5"), Decimal("52.6"))
LONGITUDES = (Decimal("4.5"), Decimal("5.9"))


def dutch_moment(day: date, clock: time) -> datetime:
    """A date and time as people in the Netherlands mean them, as an aware datetime."""
    return datetime.combine(day, clock, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # ModelMultipleChoiceField is one too
    return field


class MeetingForm(forms.ModelForm):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    capacity = forms.IntegerField(
        label=capfirst(Meeting._meta.get_field("capacity").verbose_name),
        help_text=_("How many people fit, from 1 to %(max)d.") % {"max": MAX_CAPACITY},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    online_link = forms.URLField(
        label=capfirst(Meeting._meta.get_field("online_link").verbose_name),
        help_text=Meeting._meta.get_field("online_link").help_text,
        required=False,
        assume_scheme="https",
        max_length=200,
    )
    schedule_anyway = forms.BooleanField(
        label=_("I have read the warnings above; schedule the meeting anyway."), required=False
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "question",
            "host",
            "co_hosts",
            "themes",
            "date",
            "start_time",
            "end_time",
            "kind",
            "venue_name",
            "address",
            "municipality",
            "latitude",
            "longitude",
            "online_link",
            "capacity",
            "accessibility",
            "description",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "kind": forms.RadioSelect,
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "latitude": capfirst(_("latitude")),
            "longitude": capfirst(_("longitude")),
        }
        help_texts = {
            "latitude": _(
                "Optional, for the map. Without it the map shows the centre of the municipality."
            ),
            "co_hosts": _("Other initiatives that host together with the host."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        approved = Initiative.objects.approved().order_by("name")
        _choice_field(self, "host").queryset = approved
        _choice_field(self, "co_hosts").queryset = approved
        _choice_field(self, "themes").queryset = Theme.objects.order_by("name")
        _choice_field(self, "municipality").queryset = Municipality.objects.order_by("name")
        # Words instead of Django's "---------" in an empty select.
        _choice_field(self, "host").empty_label = _("Choose the host")
        _choice_field(self, "municipality").empty_label = _("Choose the municipality")
        _limit_length(self, "description", "accessibility")
        self.fields["municipality"].error_messages["invalid_choice"] = _(
            "Choose one of the municipalities of the province of Utrecht from the list."
        )
        self.fields["host"].error_messages["invalid_choice"] = _(
            "Choose an initiative from the directory as host."
        )
        for name in ("latitude", "longitude"):
            for problem in ("max_digits", "max_decimal_places", "max_whole_digits"):
                self.fields[name].error_messages[problem] = _(
                    "Give a number like 52.09083, with at most 5 decimals."
                )
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = Meeting.Kind.choices  # no empty choice for radio buttons
        # The address is needed unless the meeting is online only: say so at the field, and do
        # not call it optional for the usual meeting on location.
        chosen = self.data.get("kind") if self.is_bound else (self.instance.kind or None)
        address = self.fields["address"]
        address.required = chosen != Meeting.Kind.ONLINE
        address.help_text = _("Not needed for a meeting that is only online.")
        address.error_messages["required"] = _(
            "Where do people come? Give the address of the venue."
        )
        meeting = self.instance
        # Also when bound: changed_data compares what was typed with these, so without them the
        # date and times always "changed" (clash warnings and "this moment has passed" on every
        # edit, even of a typo in a past meeting's description).
        if meeting.pk and meeting.starts_at:
            starts, ends = (
                timezone.localtime(meeting.starts_at),
                timezone.localtime(meeting.ends_at),
            )
            self.initial.update(date=starts.date(), start_time=starts.time(), end_time=ends.time())
        self.clashes: list = []

    @property
    def is_new(self) -> bool:
        return self.instance.pk is None

    def clean_title(self) -> str:
        # One line: the title is an e-mail's subject, where a line break is refused.
        return " ".join(self.cleaned_data["title"].split())

    def clean_question(self) -> str:
        return " ".join(self.cleaned_data["question"].split())

    def clean_capacity(self) -> int:
        capacity = self.cleaned_data["capacity"]
        if not 1 <= capacity <= MAX_CAPACITY:
            raise forms.ValidationError(
                _("A meeting has from 1 to %(max)d places. You entered %(value)d.")
                % {"max": MAX_CAPACITY, "value": capacity}
            )
        return capacity

    def clean_co_hosts(self) -> Any:
        co_hosts = self.cleaned_data["co_hosts"]
        host = self.cleaned_data.get("host")
        if host is not None and host in co_hosts:
            raise forms.ValidationError(_("The host cannot also be a co-host."))
        return co_hosts

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            starts_at, ends_at = dutch_moment(day, start), dutch_moment(day, end)
            # Both problems at once: a past date is not hidden behind an end before the start.
            if ends_at <= starts_at:
                self.add_error("end_time", _("The end must be after the start."))
            if (self.is_new or "date" in self.changed_data) and starts_at < timezone.now():
                self.add_error("date", _("This moment has passed. Choose a date in the future."))
            if not (self.has_error("end_time") or self.has_error("date")):
                self.instance.starts_at, self.instance.ends_at = starts_at, ends_at
        kind = data.get("kind")
        if kind in (Meeting.Kind.ONLINE, Meeting.Kind.HYBRID) and not data.get("online_link"):
            self.add_error(
                "online_link", _("An online or hybrid meeting needs a link to join online.")
            )
        if (
            kind in (Meeting.Kind.IN_PERSON, Meeting.Kind.HYBRID)
            and not data.get("address")
            and not self.has_error("address")
        ):
            self.add_error("address", _("Where do people come? Give the address of the venue."))
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if latitude is not None and not LATITUDES[0] <= latitude <= LATITUDES[1]:
            self.add_error("latitude", _("This point is not in or near the province of Utrecht."))
        elif longitude is not None and not LONGITUDES[0] <= longitude <= LONGITUDES[1]:
            self.add_error("longitude", _("This point is not in or near the province of Utrecht."))
        elif (latitude is None) != (longitude is None) and not (
            self.has_error("latitude") or self.has_error("longitude")
        ):
            self.add_error(
                "longitude" if longitude is None else "latitude",
                _("Give both the latitude and the longitude, or neither."),
            )
        return data

    def time_or_place_changed(self) -> bool:
        watched = {"date", "start_time", "end_time", "municipality"}
        return self.is_new or bool(watched & set(self.changed_data))


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["starts_at", "title"]
        widgets = {"starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


AgendaFormSet = forms.inlineformset_factory(
    Meeting,
    AgendaItem,
    form=AgendaItemForm,
    extra=3,
    max_num=12,
    validate_max=True,
    can_delete=True,
)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everyone who registered receives exactly what you write."),
        error_messages={"required": _("Write why the meeting does not go ahead.")},
    )


class WalkInForm(forms.ModelForm):
    class Meta:
        model = WalkIn
        fields = ["initiative", "people"]
        help_texts = {"people": _("How many people of this initiative came without registering.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "initiative").queryset = Initiative.objects.approved().order_by("name")
        _choice_field(self, "initiative").empty_label = _("Choose the initiative")
        self.fields["people"].widget.attrs["max"] = MAX_CAPACITY

    def clean_people(self) -> int:
        people = self.cleaned_data["people"]
        if not 1 <= people <= MAX_CAPACITY:
            raise forms.ValidationError(
                _("Give a number from 1 to %(max)d.") % {"max": MAX_CAPACITY}
            )
        return people


def _url_lines(value: str) -> str:
    check = URLValidator(schemes=["http", "https"])
    for line in value.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            check(line)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                _("“%(line)s” is not a web address. Start each line with https://.")
                % {"line": line[:80]}
            ) from error
    return value


# Typed text turned into HTML on every save: long enough for any real report or description,
# short enough that the worst Markdown renders in about a second.
MAX_TEXT = 20_000


def _limit_length(form: forms.BaseForm, *names: str) -> None:
    for name in names:
        field = form.fields[name]
        assert isinstance(field, forms.CharField)
        field.max_length = MAX_TEXT
        field.validators.append(MaxLengthValidator(MAX_TEXT))
        field.widget.attrs["maxlength"] = str(MAX_TEXT)


class ReportForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_length(self, "conclusions", "follow_up", "links")

    class Meta:
        model = Report
        fields = ["conclusions", "follow_up", "links"]
        widgets = {
            "conclusions": forms.Textarea(attrs={"rows": 10}),
            "follow_up": forms.Textarea(attrs={"rows": 4}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_links(self) -> str:
        return _url_lines(self.cleaned_data["links"])
