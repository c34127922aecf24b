"""The street list and the per-service publication switch are organisational data that
admins edit (like the catalogue); supporters and feedback are not editable here."""

from __future__ import annotations

from django.contrib import admin

from .models import PublicationSetting, Street


@admin.register(Street)
class StreetAdmin(admin.ModelAdmin[Street]):
    list_display = ("name", "house_from", "house_to", "district", "postal_code")
    list_filter = ("district",)
    search_fields = ("name",)


@admin.register(PublicationSetting)
class PublicationSettingAdmin(admin.ModelAdmin[PublicationSetting]):
    list_display = ("service", "show_publicly")
    list_filter = ("show_publicly",)
    autocomplete_fields = ("service",)
