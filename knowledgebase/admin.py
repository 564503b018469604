"""The knowledge base in Django's admin: for superusers only (coordinators work in the portal).

Items go through reversion's VersionAdmin, so a change made here is kept as a revision like any
other, and the admin's history can recover a deleted item.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from reversion.admin import VersionAdmin

from knowledgebase.indexing import refresh_labels
from knowledgebase.models import Adoption, Answer, Item, MissedSearch


@admin.register(Item)
class ItemAdmin(VersionAdmin):
    list_display = ["title", "kind", "status", "initiative", "published_at"]
    list_filter = ["kind", "status", "knowledge_type"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    raw_id_fields = ["initiative", "contributor", "moderated_by", "meeting"]
    filter_horizontal = ["themes", "municipalities", "initiatives", "research_questions"]
    readonly_fields = ["slug", "created_at"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # The names of themes, places and questions are part of what an item is found by.
        refresh_labels([form.instance.pk])


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["item", "initiative", "helped", "created_at", "removed_at"]
    list_filter = ["helped"]
    raw_id_fields = ["item", "initiative", "author"]


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    list_display = ["practice", "initiative", "created_at"]
    raw_id_fields = ["practice", "initiative", "added_by"]


@admin.register(MissedSearch)
class MissedSearchAdmin(admin.ModelAdmin):
    list_display = ["month", "words", "count", "research_question"]
    raw_id_fields = ["research_question"]
