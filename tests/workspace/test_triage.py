"""Triage at speed (issue 16, point 4): at most three suggestions above a floor, one compact
row each; accept, change or route from the queue returns to the queue at the same place;
bulk accept."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from anliegen.tickets.models import EventKind, Ticket, TicketEvent
from anliegen.tickets.queries import SUGGESTION_FLOOR, SUGGESTION_LIMIT
from anliegen.tickets.status import Status
from tests.conftest import City, submit

from .conftest import signed_in

TRIAGE = reverse("workspace:inbox") + "?view=triage"


def in_triage(city: City, text: str, ranking: list[tuple[str, float]]) -> Ticket:
    """A ticket in triage whose routing stored ``ranking`` (service key, confidence)."""
    ticket = submit(None, text).ticket
    assert ticket.status == Status.TRIAGE
    units = {"falschparker": "vollzugsdienst", "strassenlaterne": "tiefbauamt"}
    TicketEvent.objects.create(
        ticket=ticket,
        kind=EventKind.ROUTED,
        data={
            "method": "triage",
            "suggestions": [
                {"service": key, "confidence": c, "org_unit": units.get(key, "sozialamt")}
                for key, c in ranking
            ],
        },
        created_at=ticket.created_at,
    )
    return ticket


FIVE = [
    ("wohngeld", 0.0),
    ("strassenlaterne", 0.61),
    ("falschparker", 0.22),
    ("wohngeld", 0.03),
    ("falschparker", 0.0),
]


def test_at_most_three_suggestions_above_the_floor(city: City) -> None:
    ticket = in_triage(city, "Die Lampe ist dunkel", FIVE)
    page: Any = signed_in(city.triage).get(TRIAGE)
    rows = page.context["suggestions"][ticket.pk]
    assert [r.service.key for r in rows] == ["strassenlaterne", "falschparker"]  # best first
    assert all(r.confidence >= SUGGESTION_FLOOR for r in rows) and len(rows) <= SUGGESTION_LIMIT
    html = page.content.decode()
    row = html.split(f'id="t-{ticket.pk}"', 1)[1].split("</tr>", 1)[0]
    assert row.count("Übernehmen") == 2 and " 0 %" not in row
    assert "Ändern oder weiterleiten" in row


def test_accept_returns_to_the_queue_at_the_same_place(city: City) -> None:
    first = in_triage(city, "Lampe eins", FIVE)
    second = in_triage(city, "Lampe zwei", FIVE)
    client = signed_in(city.triage)
    page: Any = client.get(TRIAGE)
    html = page.content.decode()
    # Newest first: the second ticket's row comes first, its button names the next row.
    assert f'accept/?anker=t-{first.pk}"' in html
    back = page.context["back"]
    response: Any = client.post(
        reverse("workspace:action", args=[second.pk, "accept"]) + f"?anker=t-{first.pk}",
        {"service": city.laterne.pk, "zurueck": back},
    )
    assert response.status_code == 302 and response.url == f"{back}#t-{first.pk}"
    second.refresh_from_db()
    assert second.org_unit == city.tiefbau
    queue = client.get(response.url).content.decode()
    assert queue.count("Vorschlag übernommen") == 1  # the message shows once
    assert second.reference in queue.split("ws-messages", 1)[1].split("</div>", 1)[0]


def test_accept_with_htmx_swaps_only_the_row(city: City) -> None:
    ticket = in_triage(city, "Lampe drei", FIVE)
    client = signed_in(city.triage)
    response = client.post(
        reverse("workspace:action", args=[ticket.pk, "accept"]),
        {"service": city.laterne.pk, "zurueck": TRIAGE},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith("<tr")
    assert f'id="t-{ticket.pk}"' in html and "Tiefbauamt" in html and "<h1" not in html


def test_refused_accept_from_the_queue_says_why_in_the_queue(city: City) -> None:
    ticket = in_triage(city, "Lampe vier", FIVE)
    client = signed_in(city.triage)
    response: Any = client.post(
        reverse("workspace:action", args=[ticket.pk, "accept"]),
        {"service": 999_999, "zurueck": TRIAGE},
    )
    assert response.url == TRIAGE
    assert "Diese Leistung gibt es nicht mehr." in client.get(TRIAGE).content.decode()


def test_change_from_the_queue_goes_back_to_it(city: City) -> None:
    ticket = in_triage(city, "Lampe fünf", FIVE)
    client = signed_in(city.triage)
    page = client.get(reverse("workspace:ticket", args=[ticket.pk]), {"zurueck": TRIAGE})
    html = page.content.decode()
    assert f'name="zurueck" value="{TRIAGE}"'.replace("&", "&amp;") in html
    response: Any = client.post(
        reverse("workspace:action", args=[ticket.pk, "forward"]),
        {"org_unit": city.vollzugsdienst.pk, "reason": "Falschparker", "zurueck": TRIAGE},
    )
    assert response.url == TRIAGE
    ticket.refresh_from_db()
    assert ticket.org_unit == city.vollzugsdienst


def test_only_inbox_addresses_are_followed_back(city: City) -> None:
    ticket = in_triage(city, "Lampe sechs", FIVE)
    client = signed_in(city.triage)
    for evil in ("https://evil.example/arbeitsplatz/", "//evil.example/", "/admin/"):
        response: Any = client.post(
            reverse("workspace:action", args=[ticket.pk, "note"]),
            {"body": "Notiz", "zurueck": evil},
        )
        assert "evil" not in response.url and not response.url.startswith("/admin")


def test_bulk_accept_takes_each_best_suggestion(city: City) -> None:
    lamp = in_triage(city, "Lampe sieben", FIVE)
    car = in_triage(city, "Auto", [("falschparker", 0.7), ("strassenlaterne", 0.1)])
    nothing = in_triage(city, "Unklar", [("wohngeld", 0.01)])
    client = signed_in(city.triage)
    response: Any = client.post(
        reverse("workspace:bulk"),
        {
            "tickets": [lamp.pk, car.pk, nothing.pk],
            "operation": "accept_top",
            "zurueck": TRIAGE,
        },
    )
    assert response.url == TRIAGE
    for ticket in (lamp, car, nothing):
        ticket.refresh_from_db()
    assert lamp.org_unit == city.tiefbau and car.org_unit == city.vollzugsdienst
    assert nothing.status == Status.TRIAGE
    queue = client.get(TRIAGE).content.decode()
    assert f"{nothing.reference}: Kein Vorschlag, der sicher genug ist" in queue
    assert nothing.reference in queue.split("<tbody>", 1)[1]
