from django.contrib import admin

from omzien.search.models import WordGroup


@admin.register(WordGroup)
class WordGroupAdmin(admin.ModelAdmin):
    list_display = ["__str__"]
    search_fields = ["terms"]
    fields = ["terms"]
