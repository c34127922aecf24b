from django.contrib import admin

from .models import RoutingModelVersion, RoutingPolicy


@admin.register(RoutingPolicy)
class RoutingPolicyAdmin(admin.ModelAdmin[RoutingPolicy]):
    list_display = ["__str__", "auto_route_threshold", "suggestions_shown"]


@admin.register(RoutingModelVersion)
class RoutingModelVersionAdmin(admin.ModelAdmin[RoutingModelVersion]):
    list_display = [
        "version",
        "created_at",
        "service_count",
        "example_count",
        "training_seconds",
        "is_active",
    ]
    exclude = ["blob"]
    readonly_fields = ["version", "service_count", "example_count", "training_seconds", "is_active"]
