from django.contrib import admin

from .models import TextModule


@admin.register(TextModule)
class TextModuleAdmin(admin.ModelAdmin[TextModule]):
    """Tickets themselves are not edited in the admin: every write goes through the actions
    and every read through the access layer."""

    list_display = ["title", "org_unit", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["title", "body", "org_unit__name"]
    autocomplete_fields = ["org_unit"]
    list_select_related = ["org_unit"]
