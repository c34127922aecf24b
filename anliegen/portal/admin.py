"""Read-only view of the deflection counts; the reports show them per office and period."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import DeflectionCount


@admin.register(DeflectionCount)
class DeflectionCountAdmin(admin.ModelAdmin[DeflectionCount]):
    list_display = ("date", "service", "channel", "count")
    list_filter = ("channel", "date")
    search_fields = ("service__name",)
    date_hierarchy = "date"
    list_select_related = ("service",)

    # Counts come only from citizens' clicks; nobody edits them by hand.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
