from django.contrib import admin

from meetings.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """Reference data that coordinators keep: which municipalities make up each region."""

    list_display = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities"]
