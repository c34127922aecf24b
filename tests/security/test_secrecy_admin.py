"""Issue 19, finding 5: sensitive means hidden from administrators too.

A superuser who is no member of the responsible office (and not the data protection
officer) finds in the admin's audit log, in the mail log (admin and the sent-mail pages) and
on their change and history pages no service, office, ticket or address of a ticket under
social or tax secrecy. The office itself and the data protection role still see them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from anliegen.catalog.models import Responsibility, Service
from anliegen.channels.email.addresses import reply_address
from anliegen.channels.email.ingest import ingest
from anliegen.channels.email.models import Bounce, InboundMail, OutboundMail
from anliegen.channels.email.notifications.citizen import notify_received
from anliegen.organization.models import Membership, OrgUnit, User
from anliegen.privacy.models import AuditEvent
from anliegen.privacy.roles import DPO_GROUP
from anliegen.privacy.secrecy import clearance, may_see
from anliegen.tickets.actions import NewTicket, create_ticket, route_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel, Ticket
from tests.conftest import City

ADDRESS = "hilde.geheim@example.org"
SECRETS = ("buergergeld", "Bürgergeld", "Jobcenter", "jobcenter", ADDRESS, "hilde.geheim")


@dataclass
class Case:
    ticket: Ticket
    jobcenter: OrgUnit
    clerk: User
    dpo: User


@pytest.fixture
def case(city: City) -> Case:
    jobcenter = OrgUnit.objects.create(
        key="jobcenter", name="Jobcenter Koblenz", kgst_number="50.9", email="jobcenter@example.org"
    )
    service = Service.objects.create(
        key="buergergeld",
        name="Bürgergeld beantragen",
        citizen_name="Bürgergeld",
        sensitivity=Service.Sensitivity.SENSITIVE,
    )
    Responsibility.objects.create(service=service, org_unit=jobcenter)
    clerk = User.objects.create_user("clerk.jobcenter", password="Test-Passwort-123")
    Membership.objects.create(user=clerk, org_unit=jobcenter)
    dpo = User.objects.create_user("dsb", password="Test-Passwort-123")
    dpo.groups.add(Group.objects.get_or_create(name=DPO_GROUP)[0])
    created = create_ticket(
        NewTicket(
            text="Mein Bürgergeld ist nicht angekommen.",
            channel=Channel.WEB,
            service=service,
            contact_name="Hilde Geheim",
            contact_email=ADDRESS,
        ),
        Actor.citizen(),
    )
    notify_received(created.ticket)
    return Case(ticket=created.ticket, jobcenter=jobcenter, clerk=clerk, dpo=dpo)


def _admin(city: City) -> Client:
    client = Client()
    client.force_login(city.admin)
    return client


def _assert_hidden(page: str, ticket: Ticket) -> None:
    for secret in (*SECRETS, ticket.reference):
        assert secret not in page, f"{secret!r} shown"


def _pages(case: Case) -> list[str]:
    event = AuditEvent.objects.filter(ticket_id=case.ticket.pk).first()
    mail = OutboundMail.objects.filter(ticket=case.ticket).first()
    assert event is not None and mail is not None
    return [
        "/admin/privacy/auditevent/",
        f"/admin/privacy/auditevent/{event.pk}/change/",
        f"/admin/privacy/auditevent/{event.pk}/history/",
        "/admin/email_channel/outboundmail/",
        f"/admin/email_channel/outboundmail/{mail.pk}/change/",
        f"/admin/email_channel/outboundmail/{mail.pk}/history/",
        reverse("email_channel:sent"),
        reverse("email_channel:sent_detail", args=[mail.pk]),
    ]


def test_rows_of_a_sensitive_ticket_are_written_secret(case: Case) -> None:
    events = AuditEvent.objects.filter(ticket_id=case.ticket.pk)
    assert events.exists()
    assert set(events.values_list("sensitive", "secrecy_unit_id")) == {(True, case.jobcenter.pk)}
    mails = OutboundMail.objects.filter(ticket=case.ticket)
    assert mails.exists()
    assert set(mails.values_list("sensitive", "secrecy_unit_id")) == {(True, case.jobcenter.pk)}


def test_superuser_sees_no_service_office_ticket_or_address(city: City, case: Case) -> None:
    client = _admin(city)
    for url in _pages(case):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_hidden(response.content.decode(), case.ticket)
    listing = client.get("/admin/privacy/auditevent/").content.decode()
    assert "geschützt (Sozial-/Steuergeheimnis)" in listing


def test_superuser_search_does_not_reveal_hidden_rows(city: City, case: Case) -> None:
    client = _admin(city)
    page = client.get("/admin/email_channel/outboundmail/", {"q": "hilde.geheim"})
    assert "0 Gesendete E-Mails" in page.content.decode() or "0 results" in page.content.decode()
    assert OutboundMail.objects.filter(recipient__icontains="hilde.geheim").exists()


def test_superuser_may_not_change_or_delete_mail_records(city: City, case: Case) -> None:
    mail = OutboundMail.objects.filter(ticket=case.ticket).first()
    assert mail is not None
    client = _admin(city)
    response = client.post(
        f"/admin/email_channel/outboundmail/{mail.pk}/change/", {"recipient": "x@example.org"}
    )
    assert response.status_code == 403
    mail.refresh_from_db()
    assert mail.recipient == ADDRESS
    assert client.post(f"/admin/email_channel/outboundmail/{mail.pk}/delete/").status_code == 403


def test_the_responsible_office_sees_its_rows_in_the_admin(city: City, case: Case) -> None:
    """A superuser who is a member of the Jobcenter is cleared: same pages, full details."""
    Membership.objects.create(user=city.admin, org_unit=case.jobcenter)
    client = _admin(city)
    mail_list = client.get("/admin/email_channel/outboundmail/").content.decode()
    assert ADDRESS in mail_list
    sent = client.get(reverse("email_channel:sent")).content.decode()
    assert ADDRESS in sent
    event = AuditEvent.objects.filter(ticket_id=case.ticket.pk, action="ticket.routed").first()
    assert event is not None
    change = client.get(f"/admin/privacy/auditevent/{event.pk}/change/").content.decode()
    assert "buergergeld" in change


def test_rows_of_ordinary_tickets_stay_visible_to_administrators(city: City) -> None:
    created = create_ticket(
        NewTicket(
            text="Auto auf dem Radweg",
            channel=Channel.WEB,
            service=city.falschparker,
            contact_email="offen@example.org",
        ),
        Actor.citizen(),
    )
    notify_received(created.ticket)
    client = _admin(city)
    assert "offen@example.org" in client.get(reverse("email_channel:sent")).content.decode()
    event = AuditEvent.objects.filter(ticket_id=created.ticket.pk, action="ticket.routed").first()
    assert event is not None
    change = client.get(f"/admin/privacy/auditevent/{event.pk}/change/").content.decode()
    assert "falschparker" in change


def test_clearance_is_the_data_protection_role_and_the_office(city: City, case: Case) -> None:
    unit = case.jobcenter.pk
    assert may_see(case.dpo, True, unit)
    assert may_see(case.dpo, True, None)
    assert may_see(case.clerk, True, unit)
    assert not may_see(case.clerk, True, None)
    assert not may_see(city.admin, True, unit)
    assert not may_see(city.clerk_sozial, True, unit)
    assert may_see(city.admin, False, unit)
    case.clerk.is_active = False
    assert not may_see(case.clerk, True, unit)
    # The query form of the rule agrees with the row form for every row.
    for user in (case.dpo, case.clerk, city.admin, city.clerk_sozial):
        rule = clearance(user)
        shown = set(AuditEvent.objects.filter(rule.shown()).values_list("pk", flat=True))
        for event in AuditEvent.objects.all():
            assert (event.pk in shown) == rule.allows_row(event), (user, event.action)


def test_routing_into_secrecy_takes_earlier_rows_along(
    city: City, case: Case, django_capture_on_commit_callbacks: Any
) -> None:
    created = create_ticket(
        NewTicket(
            text="Frage zu meinem Antrag",
            channel=Channel.WEB,
            service=city.falschparker,
            contact_email="spaeter.geheim@example.org",
        ),
        Actor.citizen(),
    )
    ticket = created.ticket
    notify_received(ticket)
    assert not AuditEvent.objects.filter(ticket_id=ticket.pk, sensitive=True).exists()
    assert not OutboundMail.objects.filter(ticket=ticket, sensitive=True).exists()
    with django_capture_on_commit_callbacks(execute=True):
        route_ticket(
            ticket,
            Actor.staff(city.clerk_vollzug),
            service=Service.objects.get(key="buergergeld"),
            reason="Gehört zum Jobcenter",
        )
    rows = AuditEvent.objects.filter(ticket_id=ticket.pk)
    assert set(rows.values_list("sensitive", "secrecy_unit_id")) == {(True, case.jobcenter.pk)}
    mails = OutboundMail.objects.filter(ticket=ticket)
    assert mails.exists()
    assert set(mails.values_list("sensitive", "secrecy_unit_id")) == {(True, case.jobcenter.pk)}
    page = _admin(city).get(reverse("email_channel:sent")).content.decode()
    assert "spaeter.geheim@example.org" not in page


def test_the_migration_marks_existing_rows(city: City, case: Case) -> None:
    """Rows written before the columns existed: the data migrations judge them by ticket."""
    AuditEvent.objects.update(sensitive=False, secrecy_unit_id=None)
    OutboundMail.objects.update(sensitive=False, secrecy_unit_id=None)
    AuditEvent.objects.create(
        created_at=case.ticket.created_at, action="ticket.read", ticket_id=999_999
    )
    AuditEvent.objects.create(
        created_at=case.ticket.created_at,
        action="subject.lookup",
        detail={"tickets": [case.ticket.pk]},
    )
    importlib.import_module("anliegen.privacy.migrations.0004_secrecy").fill(apps, None)
    importlib.import_module("anliegen.channels.email.migrations.0004_secrecy").fill(apps, None)
    rows = AuditEvent.objects.filter(ticket_id=case.ticket.pk)
    assert set(rows.values_list("sensitive", "secrecy_unit_id")) == {(True, case.jobcenter.pk)}
    assert AuditEvent.objects.get(ticket_id=999_999).sensitive
    assert AuditEvent.objects.get(action="subject.lookup").sensitive
    assert not AuditEvent.objects.filter(action="auth.login", sensitive=True).exists()
    mails = OutboundMail.objects.filter(ticket=case.ticket)
    assert set(mails.values_list("sensitive", "secrecy_unit_id")) == {(True, case.jobcenter.pk)}


def _reply_and_bounce(case: Case) -> tuple[InboundMail, Bounce]:
    """The citizen answers the receipt by mail, and a later receipt bounces."""
    receipt = OutboundMail.objects.filter(ticket=case.ticket).first()
    assert receipt is not None
    reply = ingest(
        f"From: Hilde Geheim <{ADDRESS}>\nTo: {reply_address(case.ticket)}\n"
        f"Subject: Re: {receipt.subject}\nMessage-ID: <antwort@example.org>\n"
        f"In-Reply-To: <{receipt.message_id}>\n\nIch habe den Bescheid noch nicht.\n".encode()
    ).inbound
    dsn = ingest(
        "From: MAILER-DAEMON@mx.example\nTo: anliegen@koblenz.example\n"
        "Subject: Undelivered Mail\nMessage-ID: <dsn1@mx.example>\nAuto-Submitted: auto-replied\n"
        "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; "
        'boundary="dsn"\n\n--dsn\nContent-Type: text/plain\n\nnot delivered\n\n'
        "--dsn\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n"
        f"Final-Recipient: rfc822; {ADDRESS}\nAction: failed\nStatus: 5.2.2\n"
        f"Diagnostic-Code: smtp; 552 mailbox of {ADDRESS} full\n\n"
        "--dsn\nContent-Type: text/rfc822-headers\n\n"
        f"Message-ID: <{receipt.message_id}>\nSubject: x\n\n--dsn--\n".encode()
    ).inbound
    reply.refresh_from_db()
    assert reply.ticket_id == case.ticket.pk
    bounce = Bounce.objects.get(inbound=dsn)
    return reply, bounce


def test_received_mails_and_bounces_of_a_sensitive_ticket_are_hidden(
    city: City, case: Case
) -> None:
    reply, bounce = _reply_and_bounce(case)
    assert (reply.sensitive, reply.secrecy_unit_id) == (True, case.jobcenter.pk)
    client = _admin(city)
    for url in (
        "/admin/email_channel/inboundmail/",
        f"/admin/email_channel/inboundmail/{reply.pk}/change/",
        f"/admin/email_channel/inboundmail/{reply.pk}/history/",
        "/admin/email_channel/bounce/",
        f"/admin/email_channel/bounce/{bounce.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_hidden(response.content.decode(), case.ticket)
    # The office itself reads them.
    Membership.objects.create(user=city.admin, org_unit=case.jobcenter)
    page = client.get(f"/admin/email_channel/inboundmail/{reply.pk}/change/").content.decode()
    assert ADDRESS in page and "Bescheid noch nicht" in page
    assert ADDRESS in client.get("/admin/email_channel/bounce/").content.decode()


@pytest.mark.parametrize(
    ("page", "lookup"),
    [
        ("outboundmail", {"q": "hilde.geheim"}),
        ("outboundmail", {"recipient__icontains": "hilde.geheim"}),
        ("outboundmail", {"recipient": ADDRESS}),
        ("inboundmail", {"q": "hilde.geheim"}),
        ("inboundmail", {"sender__icontains": "hilde"}),
        ("inboundmail", {"text__icontains": "Bescheid"}),
        ("bounce", {"q": "hilde.geheim"}),
        ("bounce", {"address__startswith": "hilde"}),
        ("auditevent", {"secrecy_unit_id": "JOBCENTER"}),
    ],
)
def test_no_search_or_filter_tells_that_a_hidden_row_matches(
    city: City, case: Case, page: str, lookup: dict[str, str]
) -> None:
    _reply_and_bounce(case)
    lookup = {k: str(case.jobcenter.pk) if v == "JOBCENTER" else v for k, v in lookup.items()}
    app = "privacy" if page == "auditevent" else "email_channel"
    client = _admin(city)
    response = client.get(f"/admin/{app}/{page}/", lookup)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0, lookup
    # The same filter finds the rows for the responsible office: it is the rule, not the URL.
    Membership.objects.create(user=city.admin, org_unit=case.jobcenter)
    assert client.get(f"/admin/{app}/{page}/", lookup).context["cl"].result_count >= 1


def test_harmless_filters_still_list_hidden_rows_redacted(city: City, case: Case) -> None:
    response = _admin(city).get("/admin/email_channel/outboundmail/", {"state": "queued"})
    assert (
        response.context["cl"].result_count == OutboundMail.objects.filter(state="queued").count()
    )
    _assert_hidden(response.content.decode(), case.ticket)
