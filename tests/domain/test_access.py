"""Need-to-know: who sees which ticket, and that a foreign ticket looks like a missing one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from anliegen.core.errors import NotFound
from anliegen.organization.models import Deputyship, User
from anliegen.privacy.models import AuditEvent, AuditPolicy
from anliegen.tickets import access, queries
from anliegen.tickets.actions import request_consultation
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import Status
from tests.conftest import City, submit


def visible_refs(user: User) -> set[str]:
    return set(access.visible_tickets(user).values_list("reference", flat=True))


def test_clerk_sees_own_office_and_not_other(city: City) -> None:
    parking = submit(city.falschparker).ticket
    housing = submit(city.wohngeld).ticket
    assert parking.reference in visible_refs(city.clerk_vollzug)
    assert housing.reference not in visible_refs(city.clerk_vollzug)
    assert housing.reference in visible_refs(city.clerk_sozial)
    assert parking.reference not in visible_refs(city.clerk_sozial)


def test_foreign_ticket_is_indistinguishable_from_missing(city: City) -> None:
    parking = submit(city.falschparker).ticket
    with pytest.raises(NotFound) as foreign:
        access.get_ticket(city.clerk_sozial, reference=parking.reference)
    with pytest.raises(NotFound) as missing:
        access.get_ticket(city.clerk_sozial, reference="2026-999999-A")
    assert str(foreign.value) == str(missing.value)


def test_office_members_see_tickets_of_units_below(city: City) -> None:
    parking = submit(city.falschparker).ticket  # lands in the Vollzugsdienst below Ordnungsamt
    assert parking.org_unit == city.vollzugsdienst
    assert parking.reference in visible_refs(city.lead_ordnung)
    assert parking.reference in visible_refs(city.clerk_ordnung)


def test_admin_sees_everything_but_social_secrecy(city: City) -> None:
    parking = submit(city.falschparker).ticket
    housing = submit(city.wohngeld).ticket
    assert housing.is_sensitive
    refs = visible_refs(city.admin)
    assert parking.reference in refs
    assert housing.reference not in refs


def test_triage_desk_sees_only_unrouted_non_sensitive(city: City) -> None:
    unrouted = submit(None, "Irgendwas ganz anderes").ticket
    routed = submit(city.falschparker).ticket
    assert unrouted.status == Status.TRIAGE
    refs = visible_refs(city.triage)
    assert unrouted.reference in refs
    assert routed.reference not in refs


def test_consulted_office_sees_ticket(city: City) -> None:
    parking = submit(city.falschparker).ticket
    assert parking.reference not in visible_refs(city.clerk_sozial)
    request_consultation(
        parking,
        Actor.staff(city.clerk_vollzug),
        city.sozialamt,
        "Ist die Person bei Ihnen bekannt?",
    )
    assert parking.reference in visible_refs(city.clerk_sozial)


def test_deputy_sees_principals_tickets_while_valid(city: City) -> None:
    housing = submit(city.wohngeld).ticket
    assert housing.reference not in visible_refs(city.clerk_ordnung)
    Deputyship.objects.create(
        principal=city.clerk_sozial, deputy=city.clerk_ordnung, starts_on="2000-01-01"
    )
    assert housing.reference in visible_refs(city.clerk_ordnung)


def test_inactive_user_sees_nothing(city: City) -> None:
    submit(city.falschparker)
    city.clerk_vollzug.is_active = False
    city.clerk_vollzug.save()
    assert visible_refs(city.clerk_vollzug) == set()


def test_reads_are_audited_by_policy(city: City) -> None:
    parking = submit(city.falschparker).ticket
    housing = submit(city.wohngeld).ticket
    policy = AuditPolicy.current()
    policy.log_all_reads = False
    policy.save()
    access.get_ticket(city.clerk_vollzug, pk=parking.pk)
    access.get_ticket(city.clerk_sozial, pk=housing.pk)
    reads = AuditEvent.objects.filter(action="ticket.read")
    assert list(reads.values_list("ticket_id", "actor_label")) == [(housing.pk, "clerk.sozial")]
    policy.log_all_reads = True
    policy.save()
    access.get_ticket(city.clerk_vollzug, pk=parking.pk)
    assert reads.filter(ticket_id=parking.pk, actor_label="clerk.vollzug").count() == 1


def test_citizen_token_opens_only_own_ticket(city: City) -> None:
    created = submit(city.falschparker)
    other = submit(city.laterne)
    assert access.ticket_for_token(created.token) == created.ticket
    assert access.ticket_for_token(other.token) == other.ticket
    assert access.ticket_for_token(created.token[:-1] + "x") is None
    assert access.ticket_for_token(created.ticket.reference) is None
    assert created.ticket.token_hash != created.token


def test_similar_open_tickets_are_the_same_service_close_by(city: City) -> None:
    def at(lat: str, lon: str) -> Ticket:
        return submit(city.laterne, latitude=Decimal(lat), longitude=Decimal(lon)).ticket

    here = at("50.356000", "7.598000")
    next_door = at("50.357000", "7.599000")  # about 130 m away
    across_town = at("50.380000", "7.560000")  # several kilometres away
    other_service = submit(
        city.falschparker, latitude=Decimal("50.356100"), longitude=Decimal("7.598100")
    ).ticket
    found = queries.similar_open(Ticket.objects.all(), here)
    assert next_door in found
    assert across_town not in found
    assert other_service not in found
