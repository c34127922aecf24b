"""Location on the form of a defect service: street list, house number, optional point."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.test import Client
from django.urls import reverse

from anliegen.catalog.models import Service
from anliegen.defects import streets
from anliegen.tickets.models import Ticket
from tests.portal.helpers import confirm


def defect() -> Service:
    service = Service.objects.filter(kind=Service.Kind.DEFECT, form_fields=[]).first()
    assert service is not None
    return service


def values(**extra: Any) -> dict[str, Any]:
    return {"text": "Die Laterne ist kaputt.", "privacy": "on", **extra}


def post(client: Client, **extra: Any) -> Any:
    return client.post(reverse("portal:submit", args=[defect().key]), values(**extra))


def test_street_list_is_loaded_and_offered(client: Client, catalogue: None) -> None:
    assert "Löhrstraße" in streets.names()
    page = client.get(reverse("portal:submit", args=[defect().key])).text
    assert 'list="street-names"' in page and '<option value="Löhrstraße">' in page
    assert 'name="district"' not in page  # the street gives the district


def test_street_and_house_number_without_javascript(client: Client, catalogue: None) -> None:
    response = post(client, street="löhrstr.", house_number="88a")
    assert response.status_code == 302
    confirm(client)
    ticket = Ticket.objects.get()
    assert ticket.location_text == "Löhrstraße 88a"
    assert ticket.district is not None and ticket.district.key == "mitte"
    # The second section of the street (70–150) gives the point.
    assert (ticket.latitude, ticket.longitude) == (Decimal("50.356000"), Decimal("7.592100"))


def test_unknown_street_message_at_the_field_keeps_the_text(
    client: Client, catalogue: None
) -> None:
    page = post(client, street="Löhrweg", house_number="12", text="Mein Text bleibt")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Diese Straße gibt es in unserem Straßenverzeichnis nicht." in text
    assert "Meinten Sie: Löhrstraße?" in text
    assert 'id="id_street-error"' in text and 'aria-invalid="true"' in text
    assert "Mein Text bleibt" in text and 'value="Löhrweg"' in text


def test_bad_house_number_and_missing_location(client: Client, catalogue: None) -> None:
    text = post(client, street="Löhrstraße", house_number="zwölf").content.decode()
    assert "Bitte geben Sie eine Hausnummer wie 12 oder 12a an." in text
    text = post(client).content.decode()
    assert "Bitte geben Sie an, wo der Mangel ist" in text
    text = post(client, house_number="12").content.decode()
    assert "Bitte geben Sie zur Hausnummer auch die Straße an." in text


def test_point_from_the_device_finds_the_nearest_street(client: Client, catalogue: None) -> None:
    assert post(client, position="50.360150,7.595850").status_code == 302
    confirm(client)
    ticket = Ticket.objects.get()
    assert ticket.location_text == "bei Am Plan"
    assert ticket.latitude == Decimal("50.360150")


def test_point_outside_the_city_or_garbage_is_refused(client: Client, catalogue: None) -> None:
    text = post(client, position="52.52,13.40").content.decode()
    assert "außerhalb des Stadtgebiets" in text
    text = post(client, position="NaN,x").content.decode()
    assert "Der Punkt auf der Karte ist ungültig." in text


def test_free_place_description_alone_is_enough(client: Client, catalogue: None) -> None:
    assert post(client, location_text="Spielplatz hinter der Schule").status_code == 302
