"""„Schon gemeldet?“ and supporting instead of filing (issue 18, point 2): open reports near
the spot are shown before sending; supporting makes no ticket, gives the supporter an own
link and the report's status mails; staff see the count and merge later duplicates."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail as django_mail
from django.test import Client
from django.urls import reverse
from django.utils.timezone import localtime

from anliegen.catalog.models import Service, Topic
from anliegen.defects import actions, nearby, streets
from anliegen.defects.models import Support
from anliegen.organization.models import User
from anliegen.tickets.actions import change_status
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import Status
from tests.conftest import City, _service, _user, submit
from tests.portal.helpers import confirm

SUPPORT_LINK = re.compile(r"https?://[^\s\"<>]*/verfolgen/meldung/([A-Za-z0-9_-]{30,})/")
LOEHR = (Decimal("50.356000"), Decimal("7.592100"))  # Löhrstraße 70–150, section centre


def defect() -> Service:
    service = Service.objects.filter(kind=Service.Kind.DEFECT, form_fields=[]).first()
    assert service is not None
    return service


def report_via_portal(client: Client, **fields: Any) -> Ticket:
    values = {"text": "Die Laterne ist kaputt.", "privacy": "on", **fields}
    assert client.post(reverse("portal:submit", args=[defect().key]), values).status_code == 302
    confirm(client)
    return Ticket.objects.order_by("-pk").first()  # type: ignore[return-value]


@pytest.fixture
def existing(catalogue: None) -> Ticket:
    return report_via_portal(
        Client(), street="Löhrstraße", house_number="90", contact_email="erste@example.org",
        contact_name="Erika Erstmelderin", text="Laterne aus, ruft mich an: 0261 999999",
    )  # fmt: skip


def _admin() -> Any:
    found = User.objects.filter(username="admin2").first()
    return found or _user("admin2", None, is_superuser=True, is_staff=True)


def start_second_report(client: Client, **fields: Any) -> str:
    values = {"text": "Hier ist es dunkel.", "privacy": "on", **fields}
    assert client.post(reverse("portal:submit", args=[defect().key]), values).status_code == 302
    return client.get(reverse("portal:review")).content.decode()


def test_review_shows_an_open_report_near_the_spot(client: Client, existing: Ticket) -> None:
    page = start_second_report(client, position="50.356200,7.592100")  # about 22 m away
    assert "Schon gemeldet?" in page
    section = page.split('id="h-nearby"')[1].split("</section>")[0]
    assert existing.reference in section and "etwa 22 m" in section
    assert localtime(existing.created_at).strftime("%d.%m.%Y") in section
    assert "Eingegangen" in section or "In Bearbeitung" in section or "Stand" in section
    # The citizen's own words and contact stay private (no approved public text yet).
    for private in ("0261", "Erika", "erste@example.org", "ruft mich an"):
        assert private not in section


def test_far_away_closed_or_unrelated_reports_are_not_shown(
    client: Client, existing: Ticket
) -> None:
    page = start_second_report(client, position="50.360150,7.595850")  # Am Plan, ~450 m
    assert "Schon gemeldet?" not in page
    found = nearby.find(*LOEHR, service=defect())
    assert [n.ticket_id for n in found] == [existing.pk]
    other = Service.objects.filter(kind=Service.Kind.REQUEST).exclude(topic=None).first()
    assert other is not None and nearby.find(*LOEHR, service=other) == []
    change_status(existing, Actor.staff(_admin()), Status.RESOLVED)
    assert nearby.find(*LOEHR, service=defect()) == []


def test_same_street_counts_beyond_the_radius(existing: Ticket) -> None:
    # 200 m north of the section centre: outside 50 m, on the same street within 300 m.
    lat = LOEHR[0] + Decimal("0.0018")
    assert nearby.find(lat, LOEHR[1], service=defect()) == []
    [found] = nearby.find(lat, LOEHR[1], service=defect(), street="Löhrstraße")
    assert found.ticket_id == existing.pk and 190 <= found.metres <= 210


def test_supporting_makes_no_ticket_and_mails_status_changes(
    client: Client, existing: Ticket, django_capture_on_commit_callbacks: Any
) -> None:
    start_second_report(client, street="Löhrstraße", house_number="100",
                        contact_email="Zweite@Example.org", contact_name="Max Zweiter")  # fmt: skip
    tickets = Ticket.objects.count()
    django_mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("portal:review"), {"support": existing.reference})
    assert done.status_code == 302 and done["Location"] == reverse("portal:supported")
    assert Ticket.objects.count() == tickets  # no new ticket
    support = Support.objects.get(ticket=existing)
    assert support.email == "zweite@example.org"
    page = client.get(done["Location"]).content.decode()
    assert "Ein neues Anliegen wurde nicht angelegt." in page
    link = SUPPORT_LINK.search(page)
    assert link is not None
    # The confirmation mail carries the same own link, not the ticket's tracking link.
    [confirmation] = [m for m in django_mail.outbox if m.to == ["zweite@example.org"]]
    body = str(confirmation.body)
    mailed = SUPPORT_LINK.search(body)
    assert mailed is not None and mailed.group(1) == link.group(1)
    assert re.search(r"/verfolgen/[A-Za-z0-9_-]{30,}/", body) is None
    assert confirmation.reply_to == [] and "In-Reply-To" not in confirmation.extra_headers
    assert "Erika" not in body and "0261" not in body
    # The draft is gone: the review page has nothing to send any more.
    assert client.get(reverse("portal:review")).status_code == 302

    django_mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change_status(existing, Actor.staff(_admin()),
                      Status.IN_PROGRESS)  # fmt: skip
    to_supporter = [m for m in django_mail.outbox if m.to == ["zweite@example.org"]]
    assert len(to_supporter) == 1 and existing.reference in to_supporter[0].subject
    assert link.group(1) in to_supporter[0].body

    # The own page: public fields only, and "Keine E-Mails mehr".
    browser = Client()
    entry = browser.get(reverse("portal:support_entry", args=[link.group(1)]))
    assert entry.status_code == 302 and entry["Location"] == reverse("portal:support_track")
    own = browser.get(entry["Location"]).content.decode()
    assert existing.reference in own and "In Bearbeitung" in own
    assert "Erika" not in own and "0261" not in own
    browser.post(reverse("portal:support_track"), {"unfollow": "1"})
    support.refresh_from_db()
    assert support.email == ""
    assert "keine E-Mails" in browser.get(reverse("portal:support_track")).content.decode()
    django_mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change_status(existing, Actor.staff(_admin()),
                      Status.RESOLVED)  # fmt: skip
    assert [m for m in django_mail.outbox if m.to == ["zweite@example.org"]] == []


def test_supporting_twice_counts_once_and_unknown_links_are_refused(
    client: Client, existing: Ticket
) -> None:
    first = actions.support_report(existing.reference, "a@example.org")
    again = actions.support_report(existing.reference.lower(), " A@example.org ")
    assert again.support.pk == first.support.pk and not again.new
    assert again.token == first.token
    actions.support_report(existing.reference)  # without an address: counted, no mails
    assert Support.objects.filter(ticket=existing).count() == 2
    assert client.get(reverse("portal:support_entry", args=["x" * 43])).status_code == 404
    assert client.get(reverse("portal:support_track")).status_code == 404


def test_supporting_a_closed_report_says_so_and_keeps_the_draft(
    client: Client, existing: Ticket
) -> None:
    start_second_report(client, street="Löhrstraße", house_number="100", text="Mein Text")
    change_status(existing, Actor.staff(_admin()), Status.RESOLVED)
    page = client.post(reverse("portal:review"), {"support": existing.reference})
    assert page.status_code == 400
    assert "bereits erledigt" in page.content.decode()
    assert "Mein Text" in page.content.decode()


def test_staff_see_supporters_and_merge_a_later_duplicate(
    client: Client, existing: Ticket, django_capture_on_commit_callbacks: Any
) -> None:
    actions.support_report(existing.reference, "a@example.org")
    later = report_via_portal(Client(), street="Löhrstraße", house_number="92",
                              contact_email="dritte@example.org")  # fmt: skip
    admin = _admin()
    client.force_login(admin)
    page = client.get(reverse("workspace:ticket", args=[later.pk])).content.decode()
    assert "Frühere Meldungen in der Nähe" in page and existing.reference in page
    url = reverse("workspace:action", args=[later.pk, "merge"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"reference": existing.reference}).status_code == 302
    later.refresh_from_db()
    assert later.status == Status.DUPLICATE and later.merged_into_id == existing.pk
    merged = Support.objects.get(ticket=existing, merged_from=later.reference)
    assert merged.email == "dritte@example.org"
    page = client.get(reverse("workspace:ticket", args=[existing.pk])).content.decode()
    count = page.split('id="supporter-count">')[1].split("</dd>")[0]
    assert count.startswith("2") and "zusammengeführtem Duplikat" in count


def test_street_only_reports_use_the_section_centre(existing: Ticket) -> None:
    assert (existing.latitude, existing.longitude) == LOEHR
    assert streets.known_street_in(existing.location_text) == "Löhrstraße"


def test_reports_of_a_related_service_are_found(city: City) -> None:
    """Another defect service of the same topic is related; other topics are not."""
    streets.load_demo()
    ticket = submit(city.laterne, location_text="Löhrstraße 3", latitude=LOEHR[0],
                    longitude=LOEHR[1]).ticket  # fmt: skip
    assert [n.ticket_id for n in nearby.find(*LOEHR, service=city.laterne)] == [ticket.pk]
    assert city.laterne.topic is not None
    traffic_light = _service("ampel", "Ampel defekt", city.tiefbau, topic=city.laterne.topic,
                             kind=Service.Kind.DEFECT)  # fmt: skip
    assert [n.ticket_id for n in nearby.find(*LOEHR, service=traffic_light)] == [ticket.pk]
    elsewhere = Topic.objects.create(key="gruen", name="Grün")
    tree = _service("baum", "Baum umgestürzt", city.tiefbau, topic=elsewhere,
                    kind=Service.Kind.DEFECT)  # fmt: skip
    assert nearby.find(*LOEHR, service=tree) == []
