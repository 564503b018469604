"""Narrowing down the agenda: region, municipality, theme, month and type, all in the address."""

from datetime import date

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from initiatives.models import Municipality, Theme
from meetings.models import Meeting, Region

# How far ahead the month filter offers months.
MONTHS_AHEAD = 12


def month_choices(today: date | None = None) -> list[tuple[str, str]]:
    """This month and the next MONTHS_AHEAD - 1, as ("2027-03", "maart 2027")."""
    today = today or timezone.localdate()
    choices = []
    year, month = today.year, today.month
    for _step in range(MONTHS_AHEAD):
        first = date(year, month, 1)
        choices.append((f"{year:04d}-{month:02d}", date_format(first, "F Y")))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return choices


class MeetingFilter(django_filters.FilterSet):
    """Scope the queryset to the upcoming published meetings before it comes here."""

    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        field_name="municipality__regions",
        queryset=Region.objects.all(),
        to_field_name="slug",
        empty_label=_("All regions"),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        empty_label=_("All municipalities"),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
    )
    month = django_filters.ChoiceFilter(
        label=_("Month"), choices=month_choices, empty_label=_("Any month"), method="filter_month"
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=Meeting.Kind.choices, empty_label=_("Every type")
    )

    class Meta:
        model = Meeting
        fields: list[str] = []

    def filter_month(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        year, month = (int(part) for part in value.split("-"))
        return queryset.filter(starts_at__year=year, starts_at__month=month)

    @property
    def active(self) -> dict[str, object]:
        self.form.is_valid()
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # A region and a theme join rows that may repeat a meeting.
        filtered = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("region") or self.form.cleaned_data.get("theme"):
            filtered = filtered.distinct()
        return filtered
