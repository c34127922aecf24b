"""Loads the demo city's org chart, districts, catalogue and staff from JSON files.

Idempotent: rows are matched by their stable keys and updated in place.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify

from anliegen.catalog.models import District, Responsibility, Service, Topic
from anliegen.defects.streets import load_demo as load_demo_streets
from anliegen.organization.models import Deputyship, Membership, OrgUnit, User

DATA_DIR = Path(__file__).resolve().parent.parent / "catalog" / "demo"
DEMO_PASSWORD = "Anliegen-Demo-2026"  # noqa: S105 - printed on purpose, demo accounts only


def _read(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    return data


def load_org_units() -> int:
    rows = _read("orgunits.json")
    for row in rows:
        OrgUnit.objects.update_or_create(
            key=row["key"],
            defaults={
                "name": row["name"],
                "short_name": row.get("short_name", ""),
                "kgst_number": row.get("kgst_number", ""),
                "kind": row["kind"],
                "is_external": row["kind"] == OrgUnit.Kind.EXTERNAL,
                "is_triage_desk": bool(row.get("is_triage_desk")),
                "email": row.get("email", ""),
                "phone": row.get("phone", ""),
                "address": row.get("address", ""),
                "opening_hours": row.get("opening_hours", ""),
                "description": row.get("description", ""),
                "parent": OrgUnit.objects.get(key=row["parent"]) if row.get("parent") else None,
            },
        )
    return len(rows)


def load_districts() -> int:
    rows = _read("districts.json")
    for row in rows:
        District.objects.update_or_create(
            key=row["key"],
            defaults={"name": row["name"], "postal_codes": row.get("postal_codes", [])},
        )
    return len(rows)


def _topic(name: str, positions: dict[str, int]) -> Topic:
    positions.setdefault(name, len(positions))
    topic, _created = Topic.objects.update_or_create(
        key=slugify(name.replace("&", "und")), defaults={"name": name, "position": positions[name]}
    )
    return topic


def load_services() -> int:
    rows = _read("services.json")
    units = {u.key: u for u in OrgUnit.objects.all()}
    districts = {d.key: d for d in District.objects.all()}
    positions: dict[str, int] = {}
    for row in rows:
        sla = row.get("sla", {})
        service, _created = Service.objects.update_or_create(
            key=row["key"],
            defaults={
                "name": row["name"],
                "citizen_name": row.get("citizen_name", ""),
                "description": row.get("description", ""),
                "synonyms": row.get("synonyms", []),
                "leika_key": row.get("leika_key") or "",
                "topic": _topic(row["topic"], positions) if row.get("topic") else None,
                "life_situations": row.get("life_situations", []),
                "kind": row["kind"],
                "online_service_url": row.get("online_service_url") or "",
                "appointment_url": row.get("appointment_url") or "",
                "form_fields": row.get("form_fields", []),
                "sla_first_response_hours": sla.get("first_response_hours", 16),
                "sla_resolution_days": sla.get("resolution_days", 10),
                "retention_class": row.get("retention_class", "standard"),
                "sensitivity": row.get("sensitivity", "normal"),
            },
        )
        service.full_clean()
        service.responsibilities.all().delete()
        for entry in row["responsibilities"]:
            responsibility = Responsibility.objects.create(
                service=service, org_unit=units[entry["org_unit"]], role=entry.get("role", "lead")
            )
            responsibility.districts.set([districts[k] for k in entry.get("districts", [])])
    return len(rows)


def load_staff() -> list[User]:
    rows = _read("staff.json")
    units = {u.key: u for u in OrgUnit.objects.all()}
    users = []
    for row in rows:
        user, created = User.objects.update_or_create(
            username=row["username"],
            defaults={
                "first_name": row["first_name"],
                "last_name": row["last_name"],
                "email": row["email"],
                "is_staff": True,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        for membership in row["memberships"]:
            Membership.objects.update_or_create(
                user=user,
                org_unit=units[membership["org_unit"]],
                defaults={"role": membership["role"]},
            )
        # Roles that are groups, not offices: the data protection officer ("Datenschutz").
        for name in row.get("groups", []):
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        users.append(user)
    for row in rows:
        if row.get("deputy_for"):
            Deputyship.objects.get_or_create(
                principal=User.objects.get(username=row["deputy_for"]),
                deputy=User.objects.get(username=row["username"]),
                defaults={"starts_on": "2026-01-01"},
            )
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={
            "first_name": "Admin",
            "last_name": "Istrator",
            "email": "admin@koblenz.example",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    return [admin, *users]


@transaction.atomic
def load_catalogue() -> dict[str, int]:
    return {
        "org_units": load_org_units(),
        "districts": load_districts(),
        "streets": load_demo_streets(),
        "services": load_services(),
        "staff": len(load_staff()),
    }
