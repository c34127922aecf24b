from __future__ import annotations

from django.contrib import admin

from .models import (
    StatusExchange,
    StatusIntegration,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin[WebhookSubscription]):
    list_display = ["name", "url", "is_active"]
    filter_horizontal = ["org_units", "services"]


class AttemptInline(admin.TabularInline[WebhookAttempt, WebhookDelivery]):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    readonly_fields = [
        "at",
        "status_code",
        "error",
        "request_headers",
        "request_body",
        "response_body",
    ]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin[WebhookDelivery]):
    list_display = ["event", "subscription", "state", "attempts", "created_at", "delivered_at"]
    list_filter = ["state", "subscription"]
    readonly_fields = [
        "subscription",
        "idempotency_key",
        "event",
        "payload",
        "state",
        "attempts",
        "created_at",
        "delivered_at",
    ]
    inlines = [AttemptInline]


@admin.register(StatusIntegration)
class StatusIntegrationAdmin(admin.ModelAdmin[StatusIntegration]):
    list_display = ["name", "slug", "system", "is_active"]


@admin.register(StatusExchange)
class StatusExchangeAdmin(admin.ModelAdmin[StatusExchange]):
    list_display = [
        "received_at",
        "integration",
        "delivery_id",
        "outcome",
        "ticket_id",
        "procedure_id",
    ]
    list_filter = ["outcome", "integration"]
    readonly_fields = [
        "integration",
        "delivery_id",
        "received_at",
        "outcome",
        "detail",
        "payload",
        "ticket_id",
        "procedure_id",
    ]
