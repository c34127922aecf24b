"""Demo tickets: plausible concerns in every state, made through the real action layer.

Texts come from the routing data set's training split (written by people, labelled with
their service); the life of each ticket is played with the same actions staff would use, and
its timestamps are then moved into the past so that reports show a history.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.db.models import F

from anliegen.catalog.models import District, Service
from anliegen.organization.models import User
from anliegen.privacy.models import AuditEvent
from anliegen.tickets import actions
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel, Message, Ticket, TicketEvent
from anliegen.tickets.status import Status

LABELLED = Path(__file__).resolve().parent.parent / "routing" / "data" / "labelled.csv"
FIRST_NAMES = [
    "Anna",
    "Jonas",
    "Fatma",
    "Peter",
    "Lena",
    "Mehmet",
    "Sabine",
    "Lukas",
    "Olga",
    "Thomas",
    "Marie",
    "Ahmad",
    "Ursula",
    "Felix",
    "Svetlana",
    "Klaus",
]
LAST_NAMES = [
    "Schmitt",
    "Becker",
    "Yılmaz",
    "Wagner",
    "Hoffmann",
    "Nowak",
    "Klein",
    "Schneider",
    "Weber",
    "Kowalski",
    "Fischer",
    "Meyer",
    "Bauer",
    "Richter",
]
CHANNELS = (
    [Channel.WEB] * 6
    + [Channel.EMAIL] * 4
    + [Channel.PHONE] * 2
    + [Channel.COUNTER, Channel.OPEN311]
)
REPLIES = [
    "Vielen Dank für Ihre Nachricht. Wir haben den Vorgang an die zuständige Kollegin gegeben.",
    "Wir haben Ihr Anliegen geprüft und kümmern uns in den nächsten Tagen darum.",
    "Der Schaden wurde aufgenommen und an den Bauhof weitergegeben.",
    "Bitte reichen Sie uns noch eine Kopie des Nachweises nach, dann können wir weitermachen.",
]


@dataclass(frozen=True)
class Concern:
    text: str
    service_key: str


def _concerns() -> list[Concern]:
    if LABELLED.exists():
        with LABELLED.open(encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle) if r.get("split", "train") == "train"]
        if rows:
            return [Concern(r["text"], r["service"]) for r in rows]
    # Without the data set: a sentence from each service's own search terms.
    return [
        Concern(
            f"Guten Tag, ich habe ein Anliegen: {s.citizen_name or s.name}. "
            f"Es geht um {', '.join(s.synonyms[:2]) or s.name}.",
            s.key,
        )
        for s in Service.objects.filter(is_active=True)
    ]


def _staff_for(ticket: Ticket, rng: random.Random) -> Actor:
    members = list(User.objects.filter(memberships__org_unit_id=ticket.org_unit_id, is_active=True))
    if not members:
        return Actor.system("demo")
    return Actor.staff(rng.choice(members))


def _play(ticket: Ticket, age_days: int, rng: random.Random) -> None:
    """Move the ticket through a plausible life; older tickets got further."""
    if ticket.org_unit is None:
        return  # stays in triage
    staff = _staff_for(ticket, rng)
    if staff.user and rng.random() < 0.8:
        ticket = actions.assign_ticket(ticket, staff, staff.user)
    if age_days < 1 and rng.random() < 0.6:
        return
    actions.change_status(ticket, staff, Status.IN_PROGRESS)
    actions.add_message(ticket, staff, Message.Kind.PUBLIC_REPLY, rng.choice(REPLIES))
    roll = rng.random()
    if roll < 0.12:
        actions.change_status(ticket, staff, Status.WAITING_CITIZEN)
        if age_days > 5:
            actions.add_message(
                ticket,
                Actor.citizen(),
                Message.Kind.CITIZEN,
                "Anbei die gewünschten Angaben. Viele Grüße",
            )
        return
    if roll < 0.2:
        actions.change_status(ticket, staff, Status.WAITING_EXTERNAL)
        return
    if age_days > 3 and roll < 0.85:
        actions.change_status(ticket, staff, Status.RESOLVED)
        if age_days > 14:
            actions.close_ticket(ticket, staff)


def _backdate(ticket_id: int, delta: timedelta) -> None:
    fields = [
        "created_at",
        "first_response_due",
        "resolution_due",
        "first_responded_at",
        "resolved_at",
        "closed_at",
    ]
    Ticket.objects.filter(pk=ticket_id).update(**{f: F(f) - delta for f in fields})
    TicketEvent.objects.filter(ticket_id=ticket_id).update(created_at=F("created_at") - delta)
    Message.objects.filter(ticket_id=ticket_id).update(created_at=F("created_at") - delta)
    AuditEvent.objects.filter(ticket_id=ticket_id).update(created_at=F("created_at") - delta)


def create_demo_tickets(count: int, seed: int = 2026) -> int:
    rng = random.Random(seed)
    concerns = _concerns()
    services = {s.key: s for s in Service.objects.all()}
    districts = list(District.objects.all())
    for index in range(count):
        concern = rng.choice(concerns)
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        chosen = services.get(concern.service_key) if rng.random() < 0.4 else None
        created = actions.create_ticket(
            actions.NewTicket(
                text=concern.text,
                channel=rng.choice(CHANNELS),
                service=chosen,
                contact_name=name if rng.random() < 0.85 else "",
                contact_email=f"{name.split()[0].lower()}.{index}@example.org",
                district=rng.choice(districts) if districts and rng.random() < 0.5 else None,
            ),
            Actor.citizen(),
        )
        age_days = int(rng.expovariate(1 / 40))
        _play(created.ticket, age_days, rng)
        _backdate(created.ticket.pk, timedelta(days=age_days, minutes=rng.randint(0, 600)))
    return count


def demo_ticket_count() -> int:
    return Ticket.objects.count()
