from django.contrib import admin

from .models import PeriodicJob


@admin.register(PeriodicJob)
class PeriodicJobAdmin(admin.ModelAdmin[PeriodicJob]):
    list_display = ["name", "interval", "enabled", "next_run", "last_enqueued_at", "runs"]
    list_editable = ["interval", "enabled"]
    readonly_fields = ["name", "last_enqueued_at", "last_result_id", "runs"]
