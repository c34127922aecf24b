"""Outbound webhooks: domain events → deliveries per matching subscription → background task.

Nothing is sent inside the request: the event handler (after commit) only stores a delivery
row and enqueues the task; the task POSTs, logs, and re-enqueues itself with exponential
backoff. The idempotency key is the timeline event, so a receiver sees each change once even
when a retry crosses a slow success.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from anliegen.core.events import DomainEvent, subscribe
from anliegen.core.memo import remembered
from anliegen.organization.units import descendant_ids
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import public_status

from . import signing
from .models import WebhookAttempt, WebhookDelivery, WebhookEvent, WebhookSubscription

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 6 * 3600
LOG_KEEP = 50  # attempts kept per subscription
BODY_KEEP = 2000  # characters of a response kept in the log


def subscribe_to_domain_events() -> None:
    for event in WebhookEvent:
        subscribe(event.value, on_ticket_event)


@dataclass(frozen=True)
class _Active:
    subscription: WebhookSubscription
    unit_ids: frozenset[int]
    service_ids: frozenset[int]


def _active_subscriptions() -> tuple[_Active, ...]:
    """Every active subscription with its filters: once per request or mail batch (core.memo),
    not once per domain event."""

    def load() -> tuple[_Active, ...]:
        subs = WebhookSubscription.objects.filter(is_active=True).prefetch_related(
            "org_units", "services"
        )
        return tuple(
            _Active(
                sub,
                frozenset(u.pk for u in sub.org_units.all()),
                frozenset(s.pk for s in sub.services.all()),
            )
            for sub in subs
        )

    return remembered("webhook_subscriptions", load)


def _wanting(event: str) -> list[_Active]:
    return [
        a
        for a in _active_subscriptions()
        if not a.subscription.events or event in a.subscription.events
    ]


def matching_subscriptions(event: str, ticket: Ticket) -> list[WebhookSubscription]:
    result = []
    for active in _wanting(event):
        if active.unit_ids and ticket.org_unit_id not in descendant_ids(set(active.unit_ids)):
            continue
        if active.service_ids and ticket.service_id not in active.service_ids:
            continue
        result.append(active.subscription)
    return result


def payload_for(event: DomainEvent, ticket: Ticket) -> dict[str, Any]:
    """What a subscriber learns: the change and the ticket's routing facts, no contact data."""
    return {
        "event": event.kind,
        "event_id": event.data.get("event_id"),
        "occurred_at": timezone.now().isoformat(),
        "ticket": {
            "id": ticket.pk,
            "reference": ticket.reference,
            "status": ticket.status,
            "public_status": public_status(ticket.status).value,
            "service": ticket.service.key if ticket.service else None,
            "org_unit": ticket.org_unit.key if ticket.org_unit else None,
            "channel": ticket.channel,
        },
        "data": {k: v for k, v in event.data.items() if k != "suggestions"},
    }


def on_ticket_event(event: DomainEvent) -> None:
    if not _wanting(event.kind):
        return  # nobody subscribed: the ticket is not even read
    ticket = Ticket.objects.select_related("service", "org_unit").filter(pk=event.ticket_id).first()
    if ticket is None:
        return
    key = f"{event.kind}:{event.data.get('event_id', '')}"
    for sub in matching_subscriptions(event.kind, ticket):
        delivery, created = WebhookDelivery.objects.get_or_create(
            subscription=sub,
            idempotency_key=key,
            defaults={
                "event": event.kind,
                "payload": json.loads(
                    json.dumps(payload_for(event, ticket), cls=DjangoJSONEncoder)
                ),
            },
        )
        if created:
            transaction.on_commit(partial(deliver_webhook.enqueue, delivery.pk))


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … capped at 6 hours."""
    return timedelta(
        seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS)
    )


@task()
def deliver_webhook(delivery_id: int) -> str:
    """One attempt; schedules the next one with backoff if the receiver did not take it."""
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.state != WebhookDelivery.State.PENDING:
        return "skipped"
    ok = attempt(delivery)
    delivery.attempts += 1
    if ok:
        delivery.state = WebhookDelivery.State.DELIVERED
        delivery.delivered_at = timezone.now()
    elif delivery.attempts >= delivery.subscription.max_attempts:
        delivery.state = WebhookDelivery.State.FAILED
    delivery.save(update_fields=["attempts", "state", "delivered_at"])
    prune_log(delivery.subscription)
    if delivery.state == WebhookDelivery.State.PENDING:
        run_after = timezone.now() + backoff(delivery.attempts)
        deliver_webhook.using(run_after=run_after).enqueue(delivery.pk)
    return str(delivery.state)


def attempt(delivery: WebhookDelivery) -> bool:
    sub = delivery.subscription
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Anliegen-Webhooks/1",
        signing.EVENT_HEADER: delivery.event,
        signing.IDEMPOTENCY_HEADER: delivery.idempotency_key,
        signing.DELIVERY_HEADER: str(delivery.pk),
        signing.TIMESTAMP_HEADER: str(timestamp),
        signing.SIGNATURE_HEADER: signing.sign(sub.secret, timestamp, body),
    }
    log = WebhookAttempt(
        delivery=delivery,
        at=timezone.now(),
        request_headers={k: v for k, v in headers.items() if k != signing.SIGNATURE_HEADER},
        request_body=body.decode(),
    )
    try:
        if not sub.url.startswith(("http://", "https://")):
            raise ValueError("only http(s) URLs")
        request = urllib.request.Request(sub.url, data=body, headers=headers, method="POST")  # noqa: S310
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            log.status_code = response.status
            log.response_body = response.read(BODY_KEEP).decode(errors="replace")
    except urllib.error.HTTPError as exc:
        log.status_code = exc.code
        log.response_body = exc.read(BODY_KEEP).decode(errors="replace")
    except (OSError, ValueError) as exc:
        log.error = str(exc)[:500]
    log.save()
    return log.status_code is not None and 200 <= log.status_code < 300


def prune_log(sub: WebhookSubscription) -> None:
    keep = WebhookAttempt.objects.filter(delivery__subscription=sub).values_list("pk", flat=True)[
        :LOG_KEEP
    ]
    WebhookAttempt.objects.filter(delivery__subscription=sub).exclude(pk__in=list(keep)).delete()
