"""Catalogue, org units and routing suggestions (read only)."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router

from anliegen.catalog.models import District, Service
from anliegen.core.errors import NotFound
from anliegen.organization.models import OrgUnit
from anliegen.routing.api import suggest

from . import serialize
from .problems import errors
from .schemas import Key, OrgUnitOut, ServiceOut, SuggestionOut, Text

router = Router()
READ_ERRORS = errors(400, 401, 404, 422, 429)


def _services() -> Any:
    return Service.objects.filter(is_active=True).prefetch_related("responsibilities__org_unit")


@router.get("/services", response={200: list[ServiceOut], **READ_ERRORS}, tags=["catalogue"])
def list_services(request: HttpRequest) -> list[dict[str, Any]]:
    """The active catalogue with form fields, links and responsible offices."""
    return [serialize.service(s) for s in _services().order_by("key")]


@router.get("/services/{key}", response={200: ServiceOut, **READ_ERRORS}, tags=["catalogue"])
def get_service(request: HttpRequest, key: Key) -> dict[str, Any]:
    found = _services().filter(key=key).first()
    if found is None:
        raise NotFound(_("Diese Leistung gibt es nicht."))
    return serialize.service(found)


@router.get("/org-units", response={200: list[OrgUnitOut], **READ_ERRORS}, tags=["catalogue"])
def list_org_units(request: HttpRequest) -> list[dict[str, Any]]:
    units = OrgUnit.objects.filter(is_active=True).select_related("parent").order_by("key")
    return [serialize.org_unit(u) for u in units]


@router.get("/org-units/{key}", response={200: OrgUnitOut, **READ_ERRORS}, tags=["catalogue"])
def get_org_unit(request: HttpRequest, key: Key) -> dict[str, Any]:
    found = OrgUnit.objects.filter(key=key, is_active=True).select_related("parent").first()
    if found is None:
        raise NotFound(_("Diese Stelle gibt es nicht."))
    return serialize.org_unit(found)


@router.get(
    "/routing/suggestions", response={200: list[SuggestionOut], **READ_ERRORS}, tags=["routing"]
)
def routing_suggestions(
    request: HttpRequest,
    text: Annotated[Text, Query(min_length=1, max_length=5000)],
    district: Annotated[Key | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=10)] = 5,
) -> list[dict[str, Any]]:
    """Ranked services for a free text, with the responsible offices and why."""
    area = District.objects.filter(key=district).first() if district else None
    if district and area is None:
        raise NotFound(_("Diesen Stadtteil gibt es nicht."))
    return [
        {
            "service": s.service.key,
            "service_name": str(s.service),
            "confidence": s.confidence,
            "org_units": [u.key for u in s.org_units],
            "explanation": s.explanation(),
        }
        for s in suggest(text, district=area, limit=limit)
    ]
