"""What the staff ticket page reads, in a fixed handful of queries however long the ticket's
history (issue 16, point 11): the ticket brings its short lists along (``ticket_rows``), the
messages bring their attachments, the events come in one more query.

The lists arrive as JSON (``core.jsonrows``); the small views below give templates the same
attribute names the models have.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import OuterRef, Q, QuerySet
from django.db.models.expressions import BaseExpression
from django.db.models.functions import Upper

from anliegen.core.jsonrows import JSONRows, when

from .models import Attachment, Consultation, EventKind, ExternalReference, Tag, TextModule, Ticket
from .queries import Entry
from .status import Status

SAME_CONTACT_LIMIT = 10


@dataclass(frozen=True)
class Person:
    username: str
    first_name: str
    last_name: str

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.username


def _person(row: dict[str, Any], prefix: str) -> Person | None:
    name = row.get(f"{prefix}_username")
    if not name:
        return None
    return Person(name, row.get(f"{prefix}_first") or "", row.get(f"{prefix}_last") or "")


def _people(prefix: str, path: str) -> dict[str, str]:
    return {
        f"{prefix}_username": f"{path}__username",
        f"{prefix}_first": f"{path}__first_name",
        f"{prefix}_last": f"{path}__last_name",
    }


@dataclass(frozen=True)
class ConsultationView:
    pk: int
    org_unit_id: int
    org_unit: str
    question: str
    requested_at: datetime | None
    requested_by: Person | None
    answer: str
    answered_at: datetime | None
    answered_by: Person | None


@dataclass(frozen=True)
class RelatedTicket:
    pk: int
    reference: str
    subject: str
    status: str

    def get_status_display(self) -> str:
        return str(Status(self.status).label) if self.status in Status.values else self.status


def ticket_rows(visible: QuerySet[Ticket]) -> dict[str, BaseExpression]:
    """Annotations for reading one ticket with its short lists: tags, linked references,
    consultations, the text modules of its office, the person's other visible concerns."""
    ticket = OuterRef("pk")
    modules = TextModule.objects.filter(
        Q(org_unit_id=OuterRef("org_unit_id")) | Q(org_unit__isnull=True), is_active=True
    )
    same = (
        visible.alias(email_key=Upper("contact_email"))
        .filter(email_key=Upper(OuterRef("contact_email")))
        .exclude(contact_email="")
        .exclude(pk=ticket)
        .order_by("-created_at")[:SAME_CONTACT_LIMIT]
    )
    return {
        "tag_rows": JSONRows(Tag.objects.filter(tickets=ticket).order_by("name"), name="name"),
        "reference_rows": JSONRows(
            ExternalReference.objects.filter(ticket=ticket).order_by("pk"),
            system="system",
            reference="reference",
        ),
        "consultation_rows": JSONRows(
            Consultation.objects.filter(ticket=ticket).order_by("requested_at", "pk"),
            pk="pk",
            org_unit_id="org_unit_id",
            org_unit="org_unit__name",
            question="question",
            requested_at="requested_at",
            answer="answer",
            answered_at="answered_at",
            **_people("req", "requested_by"),
            **_people("ans", "answered_by"),
        ),
        "module_rows": JSONRows(
            modules.order_by("title", "pk"), pk="pk", title="title", body="body"
        ),
        "same_contact_rows": JSONRows(
            same, pk="pk", reference="reference", subject="subject", status="status"
        ),
    }


def tag_names(ticket: Ticket) -> list[str]:
    return [row["name"] for row in getattr(ticket, "tag_rows", None) or []]


def external_references(ticket: Ticket) -> list[dict[str, str]]:
    return list(getattr(ticket, "reference_rows", None) or [])


def consultations(ticket: Ticket) -> list[ConsultationView]:
    return [
        ConsultationView(
            pk=row["pk"],
            org_unit_id=row["org_unit_id"],
            org_unit=row["org_unit"] or "",
            question=row["question"],
            requested_at=when(row["requested_at"]),
            requested_by=_person(row, "req"),
            answer=row["answer"] or "",
            answered_at=when(row["answered_at"]),
            answered_by=_person(row, "ans"),
        )
        for row in getattr(ticket, "consultation_rows", None) or []
    ]


def text_modules(ticket: Ticket) -> list[TextModule]:
    """The active modules of the ticket's office and the city-wide ones (unsaved copies)."""
    return [
        TextModule(pk=row["pk"], title=row["title"], body=row["body"], is_active=True)
        for row in getattr(ticket, "module_rows", None) or []
    ]


def same_contact(ticket: Ticket) -> list[RelatedTicket]:
    return [RelatedTicket(**row) for row in getattr(ticket, "same_contact_rows", None) or []]


def timeline(ticket: Ticket, **message_columns: BaseExpression) -> list[Entry]:
    """Messages (with their attachments and ``message_columns``) and events in time order,
    in two queries; "message added" events are the messages themselves."""
    attachments = JSONRows(
        Attachment.objects.filter(message=OuterRef("pk")).order_by("pk"),
        pk="pk",
        filename="filename",
        size="size",
    )
    messages = (
        ticket.messages.select_related("author")
        .annotate(attachment_rows=attachments, **message_columns)
        .order_by("created_at", "pk")
    )
    events = ticket.events.select_related("actor").exclude(kind=EventKind.MESSAGE_ADDED)
    entries = [Entry(m.created_at, m.kind, message=m) for m in messages]
    entries += [Entry(e.created_at, e.kind, event=e, data=e.data) for e in events]
    entries.sort(key=lambda e: e.at)
    return entries


def events_since(ticket: Ticket, after: datetime, *, not_by: Any) -> list[Any]:
    """What others did to ``ticket`` after ``after`` (for the collision notice): events by
    anyone but ``not_by``, including citizens and jobs (no actor)."""
    events = ticket.events.filter(created_at__gt=after).exclude(actor=not_by)
    return list(events.select_related("actor").order_by("created_at", "pk")[:10])
