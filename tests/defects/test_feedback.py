"""Feedback after closing (issue 18, point 5): the closing mail and the tracking page ask
„Wurde Ihr Anliegen gelöst?“ once per ticket; a "no" reopens within 14 days; satisfaction
per office and service in the reports, the CSV and on the public figures page."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from typing import Any

import time_machine
from django.core import mail as django_mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from anliegen.defects.models import Feedback
from anliegen.reports.compute import refresh_days
from anliegen.tickets.actions import change_status
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import Status
from tests.conftest import City, submit

LINK = re.compile(r"https?://[^\s\"<>]*/verfolgen/([A-Za-z0-9_-]{30,})/")


def _resolved(city: City, service: Any = None) -> tuple[Ticket, str]:
    created = submit(service or city.laterne, text="Laterne aus")
    change_status(created.ticket, Actor.staff(city.admin), Status.RESOLVED)
    created.ticket.refresh_from_db()
    return created.ticket, created.token


def _tracking(token: str) -> Client:
    browser = Client()
    assert browser.get(reverse("portal:track_entry", args=[token])).status_code == 302
    return browser


def test_closing_mail_asks_with_the_tracking_link(
    city: City, django_capture_on_commit_callbacks: Any
) -> None:
    created = submit(city.laterne, text="Laterne aus")
    django_mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change_status(created.ticket, Actor.staff(city.admin), Status.RESOLVED)
    [closing] = [m for m in django_mail.outbox if m.to == ["buerger@example.org"]]
    assert "Wurde Ihr Anliegen gelöst?" in closing.body
    link = LINK.search(str(closing.body))
    assert link is not None and link.group(1) == created.token
    page = _tracking(link.group(1)).get(reverse("portal:track")).content.decode()
    assert "Wurde Ihr Anliegen gelöst?" in page and 'name="solved"' in page


def test_no_reopens_and_is_asked_once(city: City) -> None:
    ticket, token = _resolved(city)
    browser = _tracking(token)
    answer = {"solved": "nein", "rating": "2", "comment": "Die Laterne ist immer noch aus."}
    response = browser.post(reverse("portal:feedback"), answer)
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS
    row = Feedback.objects.get(ticket=ticket)
    assert (row.solved, row.rating, row.reopened) == (False, 2, True)
    assert row.org_unit_id == ticket.org_unit_id and row.service_id == ticket.service_id
    page = browser.get(reverse("portal:track")).content.decode()
    assert "wieder geöffnet" in page and 'name="solved"' not in page
    # Resolved again: the question is not asked a second time, and a repeat is refused.
    change_status(ticket, Actor.staff(city.admin), Status.RESOLVED)
    assert 'name="solved"' not in browser.get(reverse("portal:track")).content.decode()
    again = browser.post(reverse("portal:feedback"), {"solved": "ja"})
    assert "bereits geantwortet" in again.content.decode()
    assert Feedback.objects.filter(ticket=ticket).count() == 1


def test_yes_and_late_no_do_not_reopen(city: City) -> None:
    ticket, token = _resolved(city)
    assert _tracking(token).post(reverse("portal:feedback"), {"solved": "ja", "rating": "5"})
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    late, late_token = _resolved(city)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        _tracking(late_token).post(reverse("portal:feedback"), {"solved": "nein"})
    late.refresh_from_db()
    assert late.status == Status.RESOLVED and not Feedback.objects.get(ticket=late).reopened


def test_missing_answer_is_said_at_the_field_and_the_comment_kept(city: City) -> None:
    _ticket, token = _resolved(city)
    page = _tracking(token).post(reverse("portal:feedback"), {"comment": "Mein Kommentar"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "Bitte wählen Sie „Ja“ oder „Nein“." in text and "Mein Kommentar" in text
    assert not Feedback.objects.exists()


def test_open_tickets_are_not_asked(city: City) -> None:
    created = submit(city.laterne, text="Laterne aus")
    browser = _tracking(created.token)
    assert 'name="solved"' not in browser.get(reverse("portal:track")).content.decode()
    response = browser.post(reverse("portal:feedback"), {"solved": "ja"})
    assert "erst nach dem Abschluss" in response.content.decode()


def test_satisfaction_per_office_and_service_in_reports_and_public_page(
    city: City, client: Client
) -> None:
    for solved, rating in (("ja", "5"), ("ja", "4"), ("nein", "")):
        _ticket, token = _resolved(city)
        _tracking(token).post(reverse("portal:feedback"), {"solved": solved, "rating": rating})
    _ticket, token = _resolved(city, city.falschparker)
    _tracking(token).post(reverse("portal:feedback"), {"solved": "ja", "rating": "3"})
    today = timezone.localdate()
    refresh_days(today, today)

    client.force_login(city.admin)
    day = {"date_from": today.isoformat(), "date_to": today.isoformat()}
    dashboard = client.get("/berichte/", day).content.decode()
    assert 'Zufriedenheit (Durchschnitt, 1–5) <span class="rp-kpi-value">4,0</span>' in dashboard
    assert 'Rückmeldung: Anliegen gelöst <span class="rp-kpi-value">75,0 %</span>' in dashboard
    by_office = dashboard.split('id="satisfaction-office-title"')[1].split("</figure>")[0]
    assert 'Tiefbauamt</th><td class="rp-num">4,5' in by_office
    by_service = dashboard.split('id="satisfaction-service-title"')[1].split("</figure>")[0]
    assert 'Straßenlaterne defekt</th><td class="rp-num">4,5' in by_service
    assert 'Falschparker melden</th><td class="rp-num">3' in by_service
    rows = list(csv.DictReader(io.StringIO(client.get("/berichte/export.csv", day).text)))
    tiefbau = [r for r in rows if r["org_unit"] == "Tiefbauamt"]
    assert sum(int(r["feedback"]) for r in tiefbau) == 3
    assert {r["satisfaction"] for r in tiefbau if r["feedback_rated"] != "0"} == {"4.5"}
    client.logout()
    public = client.get("/berichte/zahlen/").content.decode()
    assert (
        "Zufriedenheit (Durchschnitt, 1–5)" in public and "Rückmeldung: Anliegen gelöst" in public
    )
