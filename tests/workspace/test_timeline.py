"""The ticket page's timeline speaks German sentences with names, never stored keys
(issue 16, point 5)."""

from __future__ import annotations

from django.urls import reverse

from anliegen.tickets.actions import assign_ticket
from anliegen.tickets.actors import Actor
from tests.conftest import City, submit

from .conftest import signed_in


def test_timeline_names_service_office_and_assignee(city: City) -> None:
    ticket = submit(city.falschparker, "Transporter auf dem Radweg").ticket
    city.clerk_vollzug.first_name, city.clerk_vollzug.last_name = "Jana", "Beispiel"
    city.clerk_vollzug.save()
    assign_ticket(ticket, Actor.staff(city.clerk_vollzug), city.clerk_vollzug)
    page = signed_in(city.clerk_vollzug).get(reverse("workspace:ticket", args=[ticket.pk]))
    text = page.content.decode()
    assert "Zugewiesen an Jana Beispiel." in text
    assert f"„{city.falschparker.name}“" in text and city.vollzugsdienst.name in text
    assert "org_unit:" not in text and "service:" not in text
