from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEvent, AuditPolicy


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ["created_at", "actor_label", "action", "ticket_id"]
    list_filter = ["action"]
    search_fields = ["actor_label", "action"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditPolicy)
class AuditPolicyAdmin(admin.ModelAdmin[AuditPolicy]):
    list_display = ["__str__", "log_all_reads"]
