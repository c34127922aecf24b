"""No dead ends (issue 16, point 1): after intake, forward or any action that takes a ticket out
of the clerk's sight, the clerk learns where it went instead of a 404; errors show at the form
that caused them; a success message shows once."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from anliegen.privacy.models import AuditEvent
from anliegen.tickets.models import Ticket
from tests.conftest import City, _user, submit

from .conftest import signed_in


def act(client: Client, ticket: Ticket, name: str, **data: Any) -> Any:
    return client.post(reverse("workspace:action", args=[ticket.pk, name]), data)


def where(ticket: Ticket) -> str:
    return reverse("workspace:whereabouts", args=[ticket.pk])


def test_intake_for_another_office_shows_where_it_went(city: City) -> None:
    client = signed_in(city.clerk_sozial)
    text = "Laterne in der Hauptstraße aus"
    data = {"channel": "phone", "text": text, "service": city.laterne.pk}
    response: Any = client.post(reverse("workspace:intake"), data)
    ticket = Ticket.objects.get(subject="Laterne in der Hauptstraße aus")
    assert response.status_code == 302 and response.url == where(ticket)
    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert ticket.reference in html and "Tiefbauamt" in html
    assert f"/arbeitsplatz/anliegen/{ticket.pk}/" in html  # the link for the Tiefbauamt's staff
    assert "Laterne in der Hauptstraße" not in html.split("<main", 1)[1].split("</h1>", 1)[1]
    assert html.count(f"Anliegen {ticket.reference} angelegt.") == 1  # shown once


def test_intake_for_own_office_opens_the_ticket(city: City) -> None:
    client = signed_in(city.clerk_vollzug)
    data = {"channel": "counter", "text": "Auto auf dem Gehweg", "service": city.falschparker.pk}
    response: Any = client.post(reverse("workspace:intake"), data)
    ticket = Ticket.objects.get(subject="Auto auf dem Gehweg")
    assert response.url == reverse("workspace:ticket", args=[ticket.pk])
    html = client.get(response.url).content.decode()
    assert html.count(f"Anliegen {ticket.reference} angelegt.") == 1


def test_forward_then_old_links_lead_to_where_it_went(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    client = signed_in(city.clerk_vollzug)
    forwarded = act(client, ticket, "forward", org_unit=city.tiefbau.pk, reason="Tiefbau")
    assert forwarded.url == where(ticket)
    page = client.get(forwarded.url).content.decode()
    assert "Tiefbauamt" in page and page.count("Anliegen weitergeleitet.") == 1
    # The ticket page from history or a bookmark: no 404, but where it is now.
    opened: Any = client.get(reverse("workspace:ticket", args=[ticket.pk]))
    assert opened.status_code == 302 and opened.url == where(ticket)
    # An action from an old tab is not carried out, and says so.
    stale = act(client, ticket, "note", body="zu spät")
    assert stale.status_code == 302 and stale.url == where(ticket)
    assert not ticket.messages.filter(body="zu spät").exists()
    assert "nicht gespeichert" in client.get(stale.url).content.decode()


def test_colleague_of_the_former_office_is_told_too(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    act(signed_in(city.clerk_vollzug), ticket, "forward", org_unit=city.tiefbau.pk, reason="x")
    colleague = signed_in(_user("clerk.vollzug2", city.vollzugsdienst))
    opened: Any = colleague.get(reverse("workspace:ticket", args=[ticket.pk]))
    assert opened.url == where(ticket)
    assert "Tiefbauamt" in colleague.get(opened.url).content.decode()


def test_strangers_get_the_same_404_as_for_a_missing_ticket(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    act(signed_in(city.clerk_vollzug), ticket, "forward", org_unit=city.tiefbau.pk, reason="x")
    stranger = signed_in(city.clerk_sozial)
    for url in (where(ticket), reverse("workspace:ticket", args=[ticket.pk])):
        assert stranger.get(url).status_code == 404
    assert stranger.get(reverse("workspace:whereabouts", args=[999_999])).status_code == 404
    assert Client().get(where(ticket)).status_code == 302  # signed out: to the sign-in page


def test_whereabouts_of_a_visible_ticket_links_to_it(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    html = signed_in(city.clerk_vollzug).get(where(ticket)).content.decode()
    assert f'href="/arbeitsplatz/anliegen/{ticket.pk}/"' in html
    assert "keinen Zugriff mehr" not in html


def test_whereabouts_of_a_protected_ticket_is_audited(city: City) -> None:
    client = signed_in(city.clerk_vollzug)
    data = {"channel": "phone", "text": "Wohngeld für Familie M.", "service": city.wohngeld.pk}
    response: Any = client.post(reverse("workspace:intake"), data)
    ticket = Ticket.objects.get(subject="Wohngeld für Familie M.")
    assert response.url == where(ticket)
    assert "Sozialamt" in client.get(response.url).content.decode()
    assert AuditEvent.objects.filter(action="ticket.whereabouts", ticket_id=ticket.pk).exists()


def test_error_shows_at_the_form_that_caused_it(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    client = signed_in(city.clerk_vollzug)
    response = act(client, ticket, "forward", org_unit="", service="", reason="Falsch")
    html = response.content.decode()
    message = "Bitte wählen Sie eine Leistung oder eine Stelle."
    assert response.status_code == 200 and html.count(message) == 1
    forward_section = html.split('id="act-forward"', 1)[1].split("</section>", 1)[0]
    assert message in forward_section
    assert 'href="#form-forward"' in html.split('id="act-forward"', 1)[0]  # a link down to it
    assert 'value="Falsch"' in forward_section  # the input kept


def test_answer_error_shows_at_its_consultation(city: City) -> None:
    ticket = submit(city.laterne).ticket
    owner = signed_in(_user("clerk.tiefbau", city.tiefbau))
    act(owner, ticket, "consult", org_unit=city.ordnungsamt.pk, question="Wer?")
    consultation = ticket.consultations.get()
    consulted = signed_in(city.clerk_ordnung)
    response = act(consulted, ticket, "answer", consultation=consultation.pk, answer="")
    html = response.content.decode()
    form = html.split(f'id="form-answer-{consultation.pk}"', 1)[1].split("</form>", 1)[0]
    assert "Bitte prüfen Sie die Eingaben" in form
    assert f'href="#form-answer-{consultation.pk}"' in html
