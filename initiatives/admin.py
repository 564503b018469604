from django.contrib import admin

from initiatives.models import (
    AuditEntry,
    Initiative,
    Listing,
    Membership,
    Municipality,
    TargetGroup,
    Theme,
)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "latitude", "longitude"]
    search_fields = ["name", "cbs_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme, TargetGroup)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


class ListingInline(admin.TabularInline):
    model = Listing
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "status", "updated_at"]
    list_filter = ["status", "municipality", "themes"]
    search_fields = ["name", "place"]
    list_select_related = ["municipality"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes", "target_groups"]
    inlines = [MembershipInline, ListingInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "initiative", "user", "action", "person"]
    list_select_related = ["initiative", "user", "person"]
    readonly_fields = ["initiative", "user", "action", "person", "changes", "created_at"]

    # The trail is a record: nobody writes or erases it by hand.
    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
