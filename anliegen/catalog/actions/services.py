"""Create, update and retire services and their responsibilities.

A service is never deleted by these actions: tickets keep pointing at it, so a service that a
catalogue no longer lists is *retired* (``is_active=False``), which takes it out of the portal
and out of routing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass, fields
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from anliegen.core.errors import ValidationFailed
from anliegen.core.events import DomainEvent, publish
from anliegen.organization.models import OrgUnit
from anliegen.privacy import audit

from ..models import District, Responsibility, Service, Topic

CATALOGUE_CHANGED = "catalogue.changed"


@dataclass(frozen=True)
class CatalogueActor:
    """Who changes the catalogue: an admin (user id) or a command run by the operator."""

    label: str
    user_id: int | None = None


@dataclass(frozen=True)
class ServiceData:
    """The fields of a service that a catalogue source owns."""

    key: str
    name: str
    citizen_name: str = ""
    description: str = ""
    description_html: str = ""
    source: str = ""
    external_id: str = ""
    synonyms: tuple[str, ...] = ()
    leika_key: str = ""
    online_service_url: str = ""
    appointment_url: str = ""
    kind: str = Service.Kind.REQUEST
    topic: str = ""


@dataclass(frozen=True)
class ResponsibilityData:
    """One Zuständigkeit: an office (by key), its role, optionally limited to districts/streets."""

    org_unit: str
    role: str = Responsibility.Role.LEAD
    districts: tuple[str, ...] = ()
    streets: tuple[str, ...] = ()


SERVICE_FIELDS = tuple(f.name for f in fields(ServiceData) if f.name not in {"key", "topic"})


def service_data(service: Service) -> ServiceData:
    """What the database holds for ``service``, in the shape a source delivers."""
    values: dict[str, Any] = {name: getattr(service, name) for name in SERVICE_FIELDS}
    values["synonyms"] = tuple(service.synonyms)
    return ServiceData(key=service.key, topic=service.topic.name if service.topic else "", **values)


def responsibility_data(service: Service) -> tuple[ResponsibilityData, ...]:
    rows = service.responsibilities.select_related("org_unit").prefetch_related("districts")
    found = [
        ResponsibilityData(
            org_unit=r.org_unit.key,
            role=r.role,
            districts=tuple(sorted(d.key for d in r.districts.all())),
            streets=tuple(r.streets),
        )
        for r in rows
    ]
    return tuple(sorted(found, key=responsibility_order))


def responsibility_order(r: ResponsibilityData) -> tuple[str, str, tuple[str, ...]]:
    return (r.role, r.org_unit, r.districts + r.streets)


def _topic(name: str) -> Topic | None:
    if not name:
        return None
    topic, _created = Topic.objects.get_or_create(
        key=slugify(name.replace("&", "und"))[:80] or "thema",
        defaults={"name": name, "position": Topic.objects.count()},
    )
    return topic


def full_clean_or_fail(instance: Service | OrgUnit, message: str) -> None:
    """Run the model's validation; ``message`` takes %(key)s and %(errors)s."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        raise ValidationFailed(message % {"key": instance.key, "errors": errors}) from exc


def _check(service: Service) -> None:
    full_clean_or_fail(service, _("Leistung %(key)s ist ungültig: %(errors)s"))


def _values(data: ServiceData) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in SERVICE_FIELDS}
    values["synonyms"] = list(data.synonyms)
    return values


@transaction.atomic
def create_service(
    data: ServiceData,
    responsibilities: tuple[ResponsibilityData, ...],
    actor: CatalogueActor,
    *,
    announce: bool = True,
) -> Service:
    service = Service(key=data.key, topic=_topic(data.topic), **_values(data))
    _check(service)
    service.save()
    _write_responsibilities(service, responsibilities)
    audit.record(
        actor.label, "catalogue.service_created", actor_id=actor.user_id, service=service.key
    )
    if announce:
        catalogue_changed([service.key])
    return service


@transaction.atomic
def update_service(
    service: Service,
    data: ServiceData,
    actor: CatalogueActor,
    *,
    fields: Collection[str] | None = None,
    announce: bool = True,
) -> list[str]:
    """Write the fields that differ (only those in ``fields`` when given) and bring a retired
    service back; returns the names of the fields written."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    before = asdict(service_data(service))
    after = asdict(data)
    changed = [
        name
        for name in after
        if name != "key" and (fields is None or name in fields) and before[name] != after[name]
    ]
    if not changed and service.is_active:
        return []
    for name in changed:
        if name == "topic":
            service.topic = _topic(data.topic)
        elif name == "synonyms":
            service.synonyms = list(data.synonyms)
        else:
            setattr(service, name, after[name])
    if not service.is_active:
        service.is_active = True
        changed.append("is_active")
    _check(service)
    service.save()
    audit.record(
        actor.label,
        "catalogue.service_updated",
        actor_id=actor.user_id,
        service=service.key,
        fields=changed,
    )
    if announce:
        catalogue_changed([service.key])
    return changed


@transaction.atomic
def retire_service(service: Service, actor: CatalogueActor, *, announce: bool = True) -> bool:
    """Take a service out of the portal and routing; its tickets keep it. False if it was."""
    updated = Service.objects.filter(pk=service.pk, is_active=True).update(is_active=False)
    if not updated:
        return False
    service.is_active = False
    audit.record(
        actor.label, "catalogue.service_retired", actor_id=actor.user_id, service=service.key
    )
    if announce:
        catalogue_changed([service.key])
    return True


@transaction.atomic
def set_responsibilities(
    service: Service,
    rows: tuple[ResponsibilityData, ...],
    actor: CatalogueActor,
    *,
    announce: bool = True,
) -> bool:
    """Replace the service's responsibilities with ``rows``; False when they already match."""
    wanted = sorted(rows, key=responsibility_order)
    if list(responsibility_data(service)) == wanted:
        return False
    service.responsibilities.all().delete()
    _write_responsibilities(service, tuple(wanted))
    audit.record(
        actor.label,
        "catalogue.responsibilities_set",
        actor_id=actor.user_id,
        service=service.key,
        offices=sorted({r.org_unit for r in wanted}),
    )
    if announce:
        catalogue_changed([service.key])
    return True


def _write_responsibilities(service: Service, rows: tuple[ResponsibilityData, ...]) -> None:
    units = {u.key: u for u in OrgUnit.objects.filter(key__in={r.org_unit for r in rows})}
    district_keys = {k for r in rows for k in r.districts}
    districts = {d.key: d for d in District.objects.filter(key__in=district_keys)}
    for row in rows:
        if row.org_unit not in units:
            raise ValidationFailed(
                _("Unbekannte Organisationseinheit: %(key)s") % {"key": row.org_unit}
            )
        missing = [k for k in row.districts if k not in districts]
        if missing:
            raise ValidationFailed(
                _("Unbekannter Stadtteil: %(keys)s") % {"keys": ", ".join(missing)}
            )
        responsibility = Responsibility.objects.create(
            service=service, org_unit=units[row.org_unit], role=row.role, streets=list(row.streets)
        )
        if row.districts:
            responsibility.districts.set([districts[k] for k in row.districts])


def catalogue_changed(service_keys: list[str]) -> None:
    """Announce after commit that services changed (routing retrains, caches refresh).

    An import changes hundreds of services with ``announce=False`` and calls this once."""
    publish(DomainEvent(CATALOGUE_CHANGED, 0, {"services": service_keys}))
