"""Status bridge messages of kind "procedure": a Fachverfahren registers or updates a procedure
that may never have been an Anliegen (same signature, same exchange log as status updates)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from anliegen.catalog.models import Service
from anliegen.core.errors import DomainError
from anliegen.organization.models import OrgUnit
from anliegen.procedures.actions import ProcedureReport, Recorded, record_procedure
from anliegen.tickets.actors import Actor

from .models import StatusExchange, StatusIntegration

Outcome = StatusExchange.Outcome
KIND = "procedure"


class Invalid(Exception):
    pass


def _service(value: Any) -> Service | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise Invalid("service must be a service key or LeiKa key")
    service = Service.objects.filter(Q(key=value) | Q(leika_key=value)).order_by("pk").first()
    if service is None:
        raise Invalid(f"unknown service {value!r}")
    return service


def _office(value: Any) -> OrgUnit | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise Invalid("office must be an office key, KGSt number or external id")
    office = (
        OrgUnit.objects.filter(Q(key=value) | Q(kgst_number=value) | Q(external_id=value))
        .filter(is_active=True)
        .order_by("pk")
        .first()
    )
    if office is None:
        raise Invalid(f"unknown office {value!r}")
    return office


def _verifier(data: dict[str, Any]) -> tuple[str | None, str]:
    """(kind, value): no "verifier" key keeps the stored one, null removes it."""
    if "verifier" not in data:
        return None, ""
    value = data["verifier"]
    if value is None:
        return "", ""
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("kind"), str)
        or not isinstance(value.get("value"), str)
    ):
        raise Invalid('verifier must be {"kind": …, "value": …} or null')
    return value["kind"], value["value"]


def _text(data: dict[str, Any], field: str) -> str | None:
    value = data.get(field)
    if value is not None and not isinstance(value, str):
        raise Invalid(f"{field} must be a string")
    return value


def report_from(integration: StatusIntegration, data: dict[str, Any]) -> ProcedureReport:
    closed = data.get("closed")
    if closed is not None and not isinstance(closed, bool):
        raise Invalid("closed must be true or false")
    kind, value = _verifier(data)
    return ProcedureReport(
        system=integration.system,
        reference=data["reference"],
        status_text=_text(data, "public_status_text") or "",
        next_step=_text(data, "next_step"),
        service=_service(data.get("service")),
        org_unit=_office(data.get("office")),
        verifier_kind=kind,
        verifier_value=value,
        closed=closed,
    )


def apply(
    integration: StatusIntegration, data: dict[str, Any]
) -> tuple[Outcome, str, Recorded | None]:
    """Record the procedure; (outcome, detail, what was recorded)."""
    try:
        report = report_from(integration, data)
    except Invalid as exc:
        return Outcome.INVALID, str(exc), None
    try:
        recorded = record_procedure(report, Actor.system(f"integration:{integration.slug}"))
    except DomainError as exc:
        return Outcome.INVALID, str(exc.message)[:500], None
    return Outcome.APPLIED, "created" if recorded.created else "updated", recorded
