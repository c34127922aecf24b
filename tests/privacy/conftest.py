"""A seeded data set for the privacy tests: citizens with distinctive personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, models
from django.db.models.functions import Cast
from django.utils import timezone

from anliegen.organization.models import User
from anliegen.privacy.roles import DPO_GROUP
from anliegen.tickets.actions import AttachmentInput, add_message, change_status
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Message, Ticket
from anliegen.tickets.search import FTS_TABLE
from anliegen.tickets.status import Status
from tests.conftest import City, submit


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    phone: str

    @property
    def terms(self) -> list[str]:
        last = self.name.split()[-1]
        return [last, self.email, self.phone, self.phone.replace(" ", "")]


DUE = Person("Hildegard Quastenberg", "h.quastenberg@example.net", "0261 9876543")
DUE_SENSITIVE = Person("Ottokar Wimmelbach", "ottokar.w@example.net", "0170 5554433")
KEPT = Person("Bruno Kellermeier", "bruno.k@example.net", "0261 1112223")


def file_of(person: Person) -> AttachmentInput:
    # A real PNG signature so that content checks accept it; the name is in the bytes.
    content = b"\x89PNG\r\n\x1a\n" + f"Foto von {person.name}".encode() + b"\0" * 64
    return AttachmentInput(f"foto-{person.name.split()[-1]}.png", content, "image/png")


def seed_ticket(
    city: City, person: Person, *, sensitive: bool = False, closed_days_ago: int = 0
) -> Ticket:
    service = city.wohngeld if sensitive else city.falschparker
    text = (
        f"Guten Tag, mein Name ist {person.name}. Erreichbar unter {person.phone} "
        f"oder {person.email}. Bitte melden Sie sich."
    )
    ticket = submit(
        service,
        text,
        contact_name=person.name,
        contact_phone=person.phone,
        location_text=f"vor dem Haus von {person.name}",
    ).ticket
    Ticket.objects.filter(pk=ticket.pk).update(contact_email=person.email)
    ticket.refresh_from_db()
    clerk = city.clerk_sozial if sensitive else city.clerk_vollzug
    add_message(
        ticket,
        Actor.staff(clerk),
        Message.Kind.INTERNAL_NOTE,
        f"Rückruf bei {person.name.split()[-1]} unter {person.phone} erledigt.",
    )
    add_message(
        ticket,
        Actor.citizen(),
        Message.Kind.CITIZEN,
        f"Hier das Foto. Gruß {person.name}",
        attachments=(file_of(person),),
    )
    for status in (Status.IN_PROGRESS, Status.RESOLVED):
        ticket.refresh_from_db()
        change_status(ticket, Actor.staff(clerk), status, note=f"erledigt für {person.name}")
    if closed_days_ago:
        past = timezone.now() - timedelta(days=closed_days_ago)
        Ticket.objects.filter(pk=ticket.pk).update(resolved_at=past, closed_at=past)
    ticket.refresh_from_db()
    return ticket


def dpo_user(city: City) -> User:
    user = User.objects.create_user("dsb", password="Test-Passwort-123")
    user.groups.add(Group.objects.get_or_create(name=DPO_GROUP)[0])
    return user


TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def rows_mentioning(term: str) -> list[str]:
    """Every table.column (of every installed model, plus the search table of SQLite or the
    search document column of PostgreSQL) whose text contains ``term``."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS):
                continue
            hits = (
                model._default_manager.annotate(_text=Cast(field.name, models.TextField()))
                .filter(_text__icontains=term)
                .exists()
            )
            if hits:
                found.append(f"{model._meta.db_table}.{field.column}")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {FTS_TABLE} WHERE lower(subject || body || contact)"  # noqa: S608
                " LIKE %s",
                [f"%{term.lower()}%"],
            )
            if cursor.fetchone()[0]:
                found.append(FTS_TABLE)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The document holds stems, so ask it the way search does.
            cursor.execute(
                "SELECT count(*) FROM tickets_ticket WHERE search_document @@ "
                "plainto_tsquery('german'::regconfig, %s)",
                [term],
            )
            if cursor.fetchone()[0]:
                found.append("tickets_ticket.search_document")
    return found


def files_mentioning(term: str) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    needle = term.lower().encode()
    return [str(p) for p in root.rglob("*") if p.is_file() and needle in p.read_bytes().lower()]


def statistics() -> list[Any]:
    return list(
        Ticket.objects.order_by("pk").values(
            "pk", "service_id", "org_unit_id", "status", "channel", "created_at", "resolved_at"
        )
    )
