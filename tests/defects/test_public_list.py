"""/meldungen/ and its feeds (issue 18, point 3): the published defect reports with service,
status, rough place and dates — filters, paging, RSS and JSON Feed of the same fields, the
map only with a tile URL (CSP names its origin), and never personal data."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.timezone import localtime

from anliegen.catalog.models import Service, Topic
from anliegen.core.csp import policy, tile_origin
from anliegen.defects import actions, streets
from anliegen.tickets.actions import change_status
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import Status
from tests.conftest import City, _service, submit

PERSONAL = (
    "Guten Tag, ich bin Erika Geheimnis (Tel. 0261 / 123 45 67, erika.geheim@example.org). "
    "Vor Löhrstraße 12 ist die Laterne aus, mein Nachbar Herr Müller weiß Bescheid."
)
SECRETS = ("Erika", "Geheim", "0261", "123 45 67", "erika.geheim", "Müller", "Löhrstraße 12",
           "Nachbar", "buerger@example.org")  # fmt: skip


def lamp(city: City, **extra: Any) -> Ticket:
    values: dict[str, Any] = {
        "location_text": "Löhrstraße 12, vor der Apotheke",
        "latitude": Decimal("50.356123"),
        "longitude": Decimal("7.592456"),
        "contact_name": "Erika Geheimnis",
        "contact_phone": "0261 1234567",
        **extra,
    }
    return submit(city.laterne, text=PERSONAL, **values).ticket


def everything_public(client: Client) -> str:
    pages = [
        client.get(reverse("portal:reports")),
        client.get(reverse("portal:reports_rss")),
        client.get(reverse("portal:reports_json")),
        client.get(reverse("open311:requests", args=["json"])),
        client.get(reverse("open311:requests", args=["xml"])),
    ]
    assert all(p.status_code == 200 for p in pages)
    return "\n".join(p.content.decode() for p in pages)


def test_no_personal_data_anywhere_without_approved_text(client: Client, city: City) -> None:
    streets.load_demo()
    ticket = lamp(city)
    text = everything_public(client)
    assert ticket.reference in text and "Straßenlaterne defekt" in text
    for secret in (*SECRETS, "Apotheke"):
        assert secret not in text, secret
    # The point is rounded (about 100 m), never the citizen's exact one.
    assert "50.356123" not in text and "50.356" in text


def test_approved_text_is_what_appears(client: Client, city: City) -> None:
    streets.load_demo()
    ticket = lamp(city)
    actions.set_public_text(ticket, Actor.staff(city.admin), "Laterne ist ausgefallen.")
    text = everything_public(client)
    assert text.count("Laterne ist ausgefallen.") >= 5  # list, RSS, JSON, Open311 json + xml
    for secret in SECRETS:
        assert secret not in text, secret


def test_rows_show_service_status_place_and_dates(client: Client, city: City) -> None:
    streets.load_demo()
    ticket = lamp(city, district=city.north)
    page = client.get(reverse("portal:reports")).content.decode()
    row = page.split(f'id="meldung-{ticket.reference}"')[1].split("</li>")[0]
    assert "Straßenlaterne defekt, Löhrstraße" in row and "Eingegangen" in row
    assert "Nord" in row and localtime(ticket.created_at).strftime("%d.%m.%Y") in row
    feed = client.get(reverse("portal:reports_json")).json()
    [item] = feed["items"]
    assert item["id"] == ticket.reference and item["_anliegen"]["place"] == "Löhrstraße"
    assert item["_anliegen"]["status"] == "received" and item["_anliegen"]["district"] == "Nord"
    feed_xml = client.get(reverse("portal:reports_rss")).content
    rss = ElementTree.fromstring(feed_xml)  # noqa: S314  # our own output, in a test
    [entry] = rss.iter("item")
    assert entry.findtext("guid") == ticket.reference
    assert entry.findtext("title") == "Straßenlaterne defekt, Löhrstraße (Eingegangen)"


def test_filters_by_kind_district_and_status(client: Client, city: City) -> None:
    streets.load_demo()
    north = lamp(city, district=city.north)
    other = lamp(city)
    roads = Topic.objects.create(key="strasse", name="Straße und Verkehr")
    pothole = _service("schlagloch", "Schlagloch", city.tiefbau, topic=roads,
                       kind=Service.Kind.DEFECT)  # fmt: skip
    hole = submit(pothole, text="Loch", location_text="Löhrstraße").ticket
    change_status(other, Actor.staff(city.admin), Status.RESOLVED)

    def shown(**query: str) -> set[str]:
        rows = client.get(reverse("portal:reports_json"), query).json()["items"]
        page = client.get(reverse("portal:reports"), query).content.decode()
        found = {r["id"] for r in rows}
        assert found == {t for t in (north.reference, other.reference, hole.reference)
                         if f'id="meldung-{t}"' in page}  # fmt: skip
        return found

    assert shown() == {north.reference, other.reference, hole.reference}
    assert shown(art="strasse") == {hole.reference}
    assert shown(stadtteil="nord") == {north.reference}
    assert shown(stand="open") == {north.reference, hole.reference}
    assert shown(stand="done") == {other.reference}
    assert shown(stand="closed") == {other.reference}
    # Unknown values are ignored rather than failing.
    assert shown(art="gibt-es-nicht", stand="<script>") == shown()
    page = client.get(reverse("portal:reports"), {"art": "strasse"}).content.decode()
    assert '<option value="strasse" selected>' in page


def test_paging_keeps_the_filters(client: Client, city: City) -> None:
    for _ in range(23):
        submit(city.laterne, text="Laterne", location_text="Löhrstraße", district=city.north)
    first = client.get(reverse("portal:reports"), {"stadtteil": "nord"}).content.decode()
    assert first.count('class="report-list__item"') == 20
    assert "Seite 1 von 2" in first and 'href="?stadtteil=nord&amp;seite=2"' in first
    second = client.get(reverse("portal:reports"), {"stadtteil": "nord", "seite": "2"})
    assert second.content.decode().count('class="report-list__item"') == 3
    assert client.get(reverse("portal:reports"), {"seite": "abc"}).status_code == 200


def test_never_listed_sensitive_hidden_merged_or_other_services(client: Client, city: City) -> None:
    parking = submit(city.falschparker, text="Auto KO-AB 123").ticket
    protected = _service("spritze", "Spritzenfund", city.tiefbau, topic=city.laterne.topic,
                         kind=Service.Kind.DEFECT,
                         sensitivity=Service.Sensitivity.SENSITIVE)  # fmt: skip
    secret = submit(protected, text="Spritze am Spielplatz").ticket
    shown = lamp(city)
    duplicate = lamp(city)
    actions.merge_into_report(duplicate, Actor.staff(city.admin), shown)
    text = everything_public(client)
    assert shown.reference in text
    for hidden in (parking, secret, duplicate):
        assert hidden.reference not in text


def test_map_only_with_a_tile_url_and_csp_names_its_origin(
    client: Client, city: City, settings: Any
) -> None:
    page = client.get(reverse("portal:reports"))
    assert 'id="reports-map"' not in page.content.decode()
    assert "leaflet" not in page.content.decode()
    assert "img-src 'self' data:;" in page["Content-Security-Policy"]
    settings.MAP_TILE_URL = "https://{s}.tiles.invalid/{z}/{x}/{y}.png"
    page = client.get(reverse("portal:reports"))
    text = page.content.decode()
    assert 'id="reports-map"' in text and "vendor/leaflet/leaflet.js" in text
    assert "img-src 'self' data: https://*.tiles.invalid;" in page["Content-Security-Policy"]
    # The list stays the whole content: the map is an addition, hidden until its script runs.
    assert "hidden data-tiles" in text


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example:8443/{z}/{x}/{y}.png", "https://*.tile.example:8443"),
        ("javascript:alert(1)", ""),
        ("", ""),
        ("https://{z}.evil/{x}", ""),
    ],
)
def test_tile_origin(url: str, origin: str) -> None:
    assert tile_origin(url) == origin
    assert ("img-src 'self' data:" + (f" {origin}" if origin else "")) in policy(url)


def test_json_feed_is_valid_json_feed(client: Client, city: City) -> None:
    lamp(city)
    response = client.get(reverse("portal:reports_json"))
    assert response["Content-Type"].startswith("application/feed+json")
    body = json.loads(response.content)
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    assert {"id", "url", "content_text", "date_published"} <= set(body["items"][0])
