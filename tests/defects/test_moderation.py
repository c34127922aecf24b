"""Moderation before publishing: only a staff-approved public text ever leaves the house;
until then Open311 shows service, status and rough location (issue 18, point 4)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from anliegen.core.errors import NotFound, PermissionDenied, ValidationFailed
from anliegen.defects import actions, scrub, streets
from anliegen.defects.models import PublicationSetting
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Ticket
from tests.conftest import City, _user, submit

PERSONAL = (
    "Hallo,\nvor meinem Haus Löhrstraße 12 flackert die Laterne seit Tagen. Ich bin Erika "
    "Geheimnis, Tel. 0261 / 123 45 67, erika.geheim@example.org, Herr Nachbar Müller hat es "
    "auch gesehen. Mein Kennzeichen KO-AB 123 steht daneben.\nMit freundlichen Grüßen\nErika G."
)
SECRETS = ("Erika", "Geheim", "0261", "123 45 67", "erika.geheim", "Müller", "Löhrstraße 12",
           "KO-AB")  # fmt: skip


@pytest.fixture
def lamp(city: City) -> Ticket:
    streets.load_demo()
    return submit(
        city.laterne, text=PERSONAL, contact_name="Erika Geheimnis",
        location_text="Löhrstraße 12, vor der Apotheke Sonnenschein",
    ).ticket  # fmt: skip


@pytest.fixture
def clerk(city: City) -> Any:
    return _user("clerk.tiefbau", city.tiefbau)


def _open311(client: Client) -> str:
    json_rows = client.get(reverse("open311:requests", args=["json"])).content.decode()
    xml_rows = client.get(reverse("open311:requests", args=["xml"])).content.decode()
    return json_rows + xml_rows


def test_suggestion_leaves_out_what_identifies_a_person() -> None:
    text = scrub.suggest(PERSONAL, names=["Erika Geheimnis"])
    for secret in SECRETS:
        assert secret not in text, (secret, text)
    assert "flackert die Laterne seit Tagen" in text
    assert "Grüßen" not in text and "Hallo" not in text


def test_open311_without_approved_text_shows_only_service_status_and_street(
    client: Client, lamp: Ticket
) -> None:
    rows = client.get(reverse("open311:requests", args=["json"])).json()
    assert rows[0]["description"] == "Straßenlaterne defekt"
    assert rows[0]["address"] == "Löhrstraße"
    text = _open311(client)
    for secret in (*SECRETS, "Apotheke", "Sonnenschein", "buerger@example.org"):
        assert secret not in text, secret


def test_staff_approve_on_the_ticket_page_and_open311_follows(
    client: Client, lamp: Ticket, clerk: Any
) -> None:
    client.force_login(clerk)
    page = client.get(reverse("workspace:ticket", args=[lamp.pk])).content.decode()
    assert "Öffentliche Beschreibung freigeben" in page
    assert "flackert die Laterne seit Tagen" in page  # the suggestion to start from
    assert "0261" not in page.split('id="form-publish"')[1].split("</form>")[0]
    url = reverse("workspace:action", args=[lamp.pk, "publish"])
    assert client.post(url, {"text": "Laterne flackert."}).status_code == 302
    client.logout()
    rows = client.get(reverse("open311:requests", args=["json"])).json()
    assert rows[0]["description"] == "Laterne flackert."
    client.force_login(clerk)
    client.post(url, {"text": ""})  # withdrawn
    client.logout()
    rows = client.get(reverse("open311:requests", args=["json"])).json()
    assert rows[0]["description"] == "Straßenlaterne defekt"


def test_only_staff_of_the_office_approve(city: City, lamp: Ticket) -> None:
    with pytest.raises(PermissionDenied):
        actions.set_public_text(lamp, Actor.citizen(), "x")
    with pytest.raises(NotFound):
        actions.set_public_text(lamp, Actor.staff(city.clerk_sozial), "x")
    with pytest.raises(ValidationFailed):
        actions.set_public_text(lamp, Actor.staff(city.admin), "x" * 501)


def test_hidden_service_and_non_defects_are_never_published(
    client: Client, city: City, lamp: Ticket
) -> None:
    parking = submit(city.falschparker, text="Auto von Erika Geheimnis").ticket
    with pytest.raises(ValidationFailed):
        actions.set_public_text(parking, Actor.staff(city.admin), "Falschparker")
    PublicationSetting.objects.create(service=city.laterne, show_publicly=False)
    assert json.loads(client.get(reverse("open311:requests", args=["json"])).content) == []
    assert client.get(reverse("open311:request", args=[lamp.reference, "json"])).status_code == 404
