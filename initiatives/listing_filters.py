import django_filters
from django.utils.translation import gettext_lazy as _

from initiatives.models import Listing, Municipality


class ListingFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Listing.Kind.choices, label=_("Needs or offers"), empty_label=_("Both")
    )
    category = django_filters.ChoiceFilter(
        choices=Listing.Category.choices, label=_("Category"), empty_label=_("All categories")
    )
    municipality = django_filters.ModelChoiceFilter(
        field_name="initiative__municipality",
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        label=_("Municipality"),
        empty_label=_("All municipalities"),
    )

    class Meta:
        model = Listing
        fields = ["kind", "category", "municipality"]
