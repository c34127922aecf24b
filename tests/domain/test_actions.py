"""Each action: its effect, its timeline row, its audit row, and its refusals."""

from __future__ import annotations

import pytest

from anliegen.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from anliegen.core.refnum import parse_reference
from anliegen.privacy.models import AuditEvent
from anliegen.tickets.actions import (
    AttachmentInput,
    add_message,
    answer_consultation,
    assign_ticket,
    close_ticket,
    link_external_reference,
    merge_ticket,
    reopen_ticket,
    request_consultation,
    route_ticket,
    set_priority,
)
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import EventKind, Message, Priority, Ticket
from anliegen.tickets.status import Status
from tests.conftest import City, submit


def kinds(ticket: Ticket) -> list[str]:
    return list(ticket.events.values_list("kind", flat=True))


def audited(ticket: Ticket) -> list[str]:
    return list(
        AuditEvent.objects.filter(ticket_id=ticket.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_create_writes_reference_timeline_and_audit(city: City) -> None:
    created = submit(
        city.falschparker,
        contact_name="Erika Muster",
        attachments=(AttachmentInput("foto.jpg", b"\xff\xd8\xffdata", "image/jpeg"),),
    )
    ticket = created.ticket
    assert parse_reference(ticket.reference) == ticket.reference
    assert ticket.org_unit == city.vollzugsdienst and ticket.status == Status.NEW
    assert ticket.first_response_due and ticket.resolution_due
    assert kinds(ticket) == [EventKind.CREATED, EventKind.ROUTED]
    assert audited(ticket) == ["ticket.created", "ticket.routed"]
    message = ticket.messages.get()
    assert message.kind == Message.Kind.CITIZEN
    attachment = message.attachments.get()
    assert attachment.filename == "foto.jpg" and attachment.size == 7
    assert "foto" not in str(attachment.file.name)  # stored under its hash, not the citizen's name


def test_create_refuses_empty_text(city: City) -> None:
    with pytest.raises(ValidationFailed, match="beschreiben"):
        submit(city.falschparker, text="   ")
    assert not Ticket.objects.exists()


def test_unknown_concern_without_model_goes_to_triage(city: City) -> None:
    ticket = submit(None, "Etwas ganz anderes").ticket
    assert ticket.status == Status.TRIAGE and ticket.org_unit is None
    routed = ticket.events.get(kind=EventKind.ROUTED)
    assert routed.data["method"] == "triage"


def test_route_forwards_with_reason(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    actor = Actor.staff(city.clerk_vollzug)
    with pytest.raises(ValidationFailed, match="Grund"):
        route_ticket(ticket, actor, service=city.laterne, reason=" ")
    ticket = route_ticket(ticket, actor, service=city.laterne, reason="Lampe, kein Parken")
    assert ticket.org_unit == city.tiefbau and ticket.service == city.laterne
    event = ticket.events.filter(kind=EventKind.ROUTED).last()
    assert event is not None
    assert event.data["previous"]["service"] == "falschparker"
    assert event.data["method"] == "manual"
    assert audited(ticket)[-1] == "ticket.routed"
    # Now the former office can no longer change it, and cannot even see it.
    with pytest.raises(NotFound):
        set_priority(ticket, actor, Priority.HIGH)


def test_assign_to_colleague_of_office_only(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    actor = Actor.staff(city.lead_ordnung)
    with pytest.raises(ValidationFailed, match="gehört nicht"):
        assign_ticket(ticket, actor, city.clerk_sozial)
    ticket = assign_ticket(ticket, actor, city.clerk_vollzug)
    assert ticket.assignee == city.clerk_vollzug and ticket.status == Status.ASSIGNED
    assert kinds(ticket)[-1] == EventKind.ASSIGNED
    assert audited(ticket)[-1] == "ticket.assigned"


def test_other_office_cannot_change(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    with pytest.raises(NotFound):
        add_message(ticket, Actor.staff(city.clerk_sozial), Message.Kind.INTERNAL_NOTE, "x")
    assert ticket.messages.count() == 1


def test_messages_drive_status_and_first_response(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    staff = Actor.staff(city.clerk_vollzug)
    add_message(ticket, staff, Message.Kind.INTERNAL_NOTE, "Kollege fährt vorbei")
    ticket.refresh_from_db()
    assert ticket.first_responded_at is None
    add_message(ticket, staff, Message.Kind.PUBLIC_REPLY, "Wir kümmern uns.")
    from anliegen.tickets.actions import change_status

    change_status(ticket, staff, Status.IN_PROGRESS)
    change_status(ticket, staff, Status.WAITING_CITIZEN, note="Kennzeichen?")
    add_message(ticket, Actor.citizen(), Message.Kind.CITIZEN, "KO-AB 123")
    ticket.refresh_from_db()
    assert ticket.first_responded_at is not None
    assert ticket.status == Status.IN_PROGRESS
    events = ticket.events.filter(kind=EventKind.MESSAGE_ADDED)
    assert [e.is_public for e in events] == [False, True, True]
    with pytest.raises(ValidationFailed):
        add_message(ticket, Actor.citizen(), Message.Kind.PUBLIC_REPLY, "Fake-Antwort")


def test_consultation_keeps_ownership(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    consultation = request_consultation(
        ticket, Actor.staff(city.clerk_vollzug), city.sozialamt, "Bekannt?"
    )
    with pytest.raises(PermissionDenied):
        answer_consultation(consultation, Actor.staff(city.clerk_vollzug), "Ich antworte mir")
    with pytest.raises(PermissionDenied):  # the consulted office reads, but does not own
        set_priority(ticket, Actor.staff(city.clerk_sozial), Priority.HIGH)
    answer_consultation(consultation, Actor.staff(city.clerk_sozial), "Nicht bekannt.")
    ticket.refresh_from_db()
    assert ticket.org_unit == city.vollzugsdienst
    assert kinds(ticket)[-2:] == [EventKind.CONSULTATION_REQUESTED, EventKind.CONSULTATION_ANSWERED]
    assert audited(ticket)[-1] == "ticket.consultation_answered"
    with pytest.raises(ValidationFailed, match="bereits beantwortet"):
        answer_consultation(consultation, Actor.staff(city.clerk_sozial), "Nochmal")


def test_merge_as_duplicate(city: City) -> None:
    first = submit(city.falschparker).ticket
    second = submit(city.falschparker).ticket
    staff = Actor.staff(city.clerk_vollzug)
    with pytest.raises(ValidationFailed):
        merge_ticket(first, staff, first)
    merged = merge_ticket(second, staff, first)
    assert merged.status == Status.DUPLICATE and merged.merged_into == first
    assert EventKind.MERGED in kinds(first) and EventKind.MERGED in kinds(merged)
    housing = submit(city.wohngeld).ticket
    with pytest.raises(NotFound):  # cannot merge into a ticket one cannot see
        merge_ticket(first, staff, housing)


def test_close_and_reopen(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    staff = Actor.staff(city.clerk_vollzug)
    with pytest.raises(InvalidTransition):
        reopen_ticket(ticket, staff)
    ticket = close_ticket(ticket, staff, note="erledigt")
    assert ticket.status == Status.CLOSED and ticket.closed_at and ticket.resolved_at
    with pytest.raises(InvalidTransition):
        close_ticket(ticket, staff)
    with pytest.raises(ValidationFailed, match="abgeschlossen"):
        add_message(ticket, staff, Message.Kind.PUBLIC_REPLY, "noch was")
    ticket = reopen_ticket(ticket, staff, note="Bürger meldet sich erneut")
    assert ticket.status == Status.IN_PROGRESS and ticket.closed_at is None
    assert audited(ticket)[-1] == "ticket.status_changed"


def test_citizen_closes_own_concern_in_any_state(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    ticket = close_ticket(ticket, Actor.citizen())
    assert ticket.status == Status.CLOSED
    event = ticket.events.filter(kind=EventKind.STATUS_CHANGED).get()
    assert event.actor_label == "citizen:citizen" and event.is_public


def test_priority_and_external_reference(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    staff = Actor.staff(city.clerk_vollzug)
    set_priority(ticket, staff, Priority.URGENT)
    link_external_reference(ticket, staff, "OWi21", "KO-2026-4711")
    other = submit(city.falschparker).ticket
    with pytest.raises(ValidationFailed, match="bereits"):
        link_external_reference(other, staff, "OWi21", "KO-2026-4711")
    ticket.refresh_from_db()
    assert ticket.priority == Priority.URGENT
    assert kinds(ticket)[-2:] == [EventKind.PRIORITY_CHANGED, EventKind.EXTERNAL_REFERENCE]
    assert audited(ticket)[-2:] == ["ticket.priority_changed", "ticket.external_reference"]


def test_district_specific_responsibility(city: City) -> None:
    from anliegen.catalog.models import Responsibility

    north_office = Responsibility.objects.create(service=city.laterne, org_unit=city.ordnungsamt)
    north_office.districts.add(city.north)
    assert submit(city.laterne).ticket.org_unit == city.tiefbau
    assert submit(city.laterne, district=city.north).ticket.org_unit == city.ordnungsamt
