"""Inbound status bridge: a Fachverfahren reports progress on an Aktenzeichen.

Checks in order, each outcome logged as a StatusExchange for support: known integration,
fresh timestamp, HMAC signature over timestamp, delivery id and body, delivery id not yet
applied, readable payload, linked ticket; then the ``apply_external_status`` action does the
write. A request that is not signed rightly is anybody's: it leaves a short row without its
body, and at most UNSIGNED_LOG_PER_MINUTE of those per integration (then 429, no row).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from anliegen.core.errors import DomainError
from anliegen.tickets import access
from anliegen.tickets.actions import apply_external_status
from anliegen.tickets.actors import Actor
from anliegen.tickets.status import Status

from . import procedure_feed, signing
from .models import StatusExchange, StatusIntegration

Outcome = StatusExchange.Outcome
PAYLOAD_KEEP = 4000
UNSIGNED_LOG_PER_MINUTE = 20
UNSIGNED = frozenset({Outcome.STALE, Outcome.BAD_SIGNATURE})
OLD_SCHEME = (
    "outdated signature: sign timestamp, delivery id and body as "
    '"v2=" + hex(HMAC-SHA256(secret, timestamp + "\\n" + delivery id + "\\n" + body)), '
    "see docs/api/status-bridge.md"
)


@dataclass(frozen=True)
class Inbound:
    body: bytes
    timestamp: str
    signature: str
    delivery_id: str


@dataclass(frozen=True)
class Result:
    outcome: StatusExchange.Outcome
    detail: str = ""
    ticket_id: int | None = None
    throttled: bool = False
    procedure_id: int | None = None

    @property
    def http_status(self) -> int:
        if self.throttled:
            return 429
        return {
            Outcome.APPLIED: 200,
            Outcome.REPLAY: 200,  # the sender may stop retrying: it was applied before
            Outcome.BAD_SIGNATURE: 401,
            Outcome.STALE: 401,
            Outcome.UNKNOWN_REFERENCE: 404,
            Outcome.INVALID: 422,
            Outcome.REFUSED: 409,
        }[self.outcome]


def receive(integration: StatusIntegration, inbound: Inbound) -> Result:
    """Check and apply one message; always leaves a log row."""
    result = _check(integration, inbound)
    if result is None:
        result = _apply(integration, inbound)
    if result.outcome in UNSIGNED and _over_unsigned_limit(integration):
        return Result(result.outcome, "too many unsigned requests, try later", throttled=True)
    if result.outcome != Outcome.APPLIED:
        _log(integration, inbound, result)
    return result


def _over_unsigned_limit(integration: StatusIntegration) -> bool:
    """Count one unsigned request of this integration in this minute."""
    key = f"bridge:unsigned:{integration.pk}:{int(time.time()) // 60}"
    cache.add(key, 0, 90)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, 90)
        count = 1
    return count > UNSIGNED_LOG_PER_MINUTE


def _check(integration: StatusIntegration, inbound: Inbound) -> Result | None:
    try:
        timestamp = int(inbound.timestamp)
    except ValueError:
        return Result(Outcome.STALE, "missing or malformed timestamp")
    if not signing.fresh(timestamp, time.time()):
        return Result(Outcome.STALE, f"timestamp {timestamp} outside the window")
    if not signing.verify_delivery(
        integration.secret, timestamp, inbound.delivery_id, inbound.body, inbound.signature
    ):
        if signing.verify(integration.secret, timestamp, inbound.body, inbound.signature):
            # Rightly signed under the old scheme: tell the sender how to upgrade. The delivery
            # id is not covered, so this must not be applied.
            return Result(Outcome.BAD_SIGNATURE, OLD_SCHEME)
        return Result(Outcome.BAD_SIGNATURE, "signature does not match")
    if not inbound.delivery_id or len(inbound.delivery_id) > 100:
        return Result(Outcome.INVALID, "missing delivery id")
    if StatusExchange.objects.filter(
        integration=integration, delivery_id=inbound.delivery_id, outcome=Outcome.APPLIED
    ).exists():
        return Result(Outcome.REPLAY, "delivery id already applied")
    return None


def _parse(body: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("reference"), str):
        return None
    for field in ("system", "status", "public_status_text", "kind"):
        if field in data and data[field] is not None and not isinstance(data[field], str):
            return None
    return data


def _apply(integration: StatusIntegration, inbound: Inbound) -> Result:
    data = _parse(inbound.body)
    if data is None:
        return Result(Outcome.INVALID, "payload is not a JSON object with a reference")
    system = data.get("system") or integration.system
    if system != integration.system:
        return Result(Outcome.REFUSED, f"system {system!r} is not this integration's")
    if data.get("kind") == procedure_feed.KIND:
        return _apply_procedure(integration, inbound, data)
    if data.get("kind") not in (None, "status"):
        return Result(Outcome.INVALID, f"unknown kind {data.get('kind')!r}")
    status_value = data.get("status")
    if status_value and status_value not in Status.values:
        return Result(Outcome.INVALID, f"unknown status {status_value!r}")
    ticket = access.ticket_for_external_reference(system, data["reference"])
    if ticket is None:
        return Result(Outcome.UNKNOWN_REFERENCE, f"no ticket for {data['reference']!r}")
    actor = Actor.system(f"integration:{integration.slug}")
    try:
        with transaction.atomic():
            apply_external_status(
                ticket,
                actor,
                system=system,
                reference=data["reference"],
                public_text=data.get("public_status_text") or "",
                status=Status(status_value) if status_value else None,
            )
            result = Result(Outcome.APPLIED, "", ticket.pk)
            _log(integration, inbound, result)
    except DomainError as exc:
        return Result(Outcome.REFUSED, str(exc.message)[:500], ticket.pk)
    except IntegrityError:
        # A concurrent copy of the same delivery won the race and was applied.
        return Result(Outcome.REPLAY, "delivery id already applied", ticket.pk)
    return result


def _apply_procedure(
    integration: StatusIntegration, inbound: Inbound, data: dict[str, Any]
) -> Result:
    """A procedure that may have started elsewhere: create or update it in the register."""
    try:
        with transaction.atomic():
            outcome, detail, recorded = procedure_feed.apply(integration, data)
            if recorded is None:
                return Result(outcome, detail)
            result = Result(outcome, detail, recorded.ticket_id, procedure_id=recorded.procedure.pk)
            _log(integration, inbound, result)
    except IntegrityError:
        return Result(Outcome.REPLAY, "delivery id already applied")
    return result


def _kept_payload(body: bytes) -> str:
    """The body for support, without a procedure's verifier (stored only hashed)."""
    data = _parse(body)
    if data is not None and isinstance(data.get("verifier"), dict):
        data["verifier"] = {**data["verifier"], "value": "(entfernt)"}
        body = json.dumps(data, ensure_ascii=False).encode()
    return body[:PAYLOAD_KEEP].decode(errors="replace")


def _log(integration: StatusIntegration, inbound: Inbound, result: Result) -> None:
    signed = result.outcome not in UNSIGNED
    StatusExchange.objects.create(
        integration=integration,
        delivery_id=inbound.delivery_id[:100],
        received_at=timezone.now(),
        outcome=result.outcome,
        detail=result.detail[:500],
        # Only a signed sender's body is worth keeping for support; anybody's is not.
        payload=_kept_payload(inbound.body) if signed else "",
        ticket_id=result.ticket_id,
        procedure_id=result.procedure_id,
    )
