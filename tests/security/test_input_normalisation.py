"""Every text is normalised once, in the action (issue 19, finding 3): NFC, control characters
but newline and tab dropped, bidi overrides dropped, whatever interface it came through; and
the public Open311 output stays valid XML even with a control character in an older row."""

from __future__ import annotations

import json
from typing import Any
from xml.etree.ElementTree import fromstring

from django.test import Client
from django.urls import reverse

from anliegen.channels.api.tokens import issue_token
from anliegen.core.text import normalise_line, normalise_text, xml_safe
from anliegen.tickets.actions import add_message
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Message, Ticket
from tests.conftest import City, submit
from tests.portal.helpers import confirm

# "Laterne" with a decomposed umlaut, a C0 control, DEL, a C1 control, an override that would
# show "gnalpeR" reversed, an isolate, CR LF and a tab.
DIRTY = "Ta\u0308gliche \x01Laterne\x7f\x85 aus \u202eRepla\u202c\u2066ng\u2069\r\nZeile\t2\x00"
CLEAN = "Tägliche Laterne\n aus Replang\nZeile\t2"
FORBIDDEN = ("\x00", "\x01", "\x7f", "\x85", "\r", "\u202e", "\u202c", "\u2066", "\u2069")


def _clean(value: str) -> None:
    for char in FORBIDDEN:
        assert char not in value, (char, value)


def test_the_normaliser() -> None:
    assert normalise_text(DIRTY) == CLEAN
    assert normalise_line(" Erika\tMuster\u202emann\r\n ") == "Erika Mustermann"
    assert normalise_text("e\u0301") == "é"
    assert normalise_text("שלום \u200fעולם") == "שלום \u200fעולם"  # real RTL marks stay
    assert normalise_text(normalise_text(DIRTY)) == CLEAN
    assert xml_safe("a\x01b\x0bc\ufffe\td") == "abc\td"


def _stored(ticket: Ticket) -> list[str]:
    ticket.refresh_from_db()
    values = [ticket.subject, ticket.contact_name, ticket.contact_phone, ticket.location_text]
    values += [m.body for m in ticket.messages.all()]
    values += [json.dumps(ticket.form_data, ensure_ascii=False)]
    return values


def test_the_action_normalises_for_every_interface(city: City, client: Client) -> None:
    city.laterne.form_fields = [{"name": "mast", "type": "text", "label": "Mast"}]
    city.laterne.save()
    # The action itself (e-mail and jobs call it like this).
    direct = submit(
        city.laterne,
        text=DIRTY,
        contact_name="Erika\x1b[31m Muster\u202emann",
        contact_phone="0261\x00 123",
        location_text="Rhein\u202estraße 1\n",
        form_data={"mast": "M\x01-17\u202e"},
    ).ticket
    assert direct.messages.get().body == CLEAN
    assert direct.subject == "Tägliche Laterne"
    assert direct.contact_name == "Erika[31m Mustermann"
    assert direct.form_data == {"mast": "M-17"}
    for value in _stored(direct):
        _clean(value)
    # Open311 (form-encoded) and REST API (JSON with NUL and a lone surrogate).
    key = issue_token("App", [city.tiefbau], can_write=True).secret
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "service_code": city.laterne.key,
            "address_string": "Markt\x01platz \u202e1",
            "description": DIRTY,
            "first_name": "Max\u2066",
            "attribute[mast]": "M\x0217",
        },
    )
    assert response.status_code == 201, response.content
    via_open311 = Ticket.objects.get(reference=response.json()[0]["service_request_id"])
    response = client.post(
        "/api/v1/tickets",
        json.dumps({"text": DIRTY + "\ud800", "service": city.laterne.key, "subject": "A\x00B"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 201, response.content
    via_api = Ticket.objects.get(reference=response.json()["reference"])
    assert via_api.subject == "AB"
    for ticket in (via_open311, via_api):
        assert ticket.messages.get().body == CLEAN
        for value in _stored(ticket):
            _clean(value)
    # A citizen's reply and a staff note.
    add_message(direct, Actor.citizen(), Message.Kind.CITIZEN, "Danke\u202e\x07!")
    parker = submit(city.falschparker).ticket
    note = add_message(
        parker, Actor.staff(city.clerk_vollzug), Message.Kind.INTERNAL_NOTE, "x\u2067y\x1f"
    )
    assert note.body == "xy"
    assert direct.messages.order_by("pk").values_list("body", flat=True)[1] == "Danke!"


def test_the_portal_form_goes_through_the_same_normaliser(city: City, client: Client) -> None:
    form = {
        "text": "Auto\u202e steht\x0b im Halteverbot",
        "contact_name": "Erika \u202eMustermann",
        "contact_email": "erika@example.org",
        "contact_phone": "",
        "location_text": "Markt\x01platz",
        "privacy": "on",
    }
    response = client.post(reverse("portal:submit", args=[city.falschparker.key]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert confirm(client, use_sum=True).status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.messages.get().body == "Auto steht im Halteverbot"
    assert ticket.contact_name == "Erika Mustermann"
    assert ticket.location_text == "Marktplatz"


def _rows(client: Client, path: str) -> Any:
    return fromstring(client.get(path).content)  # noqa: S314  # our own output, in a test


def test_open311_xml_stays_valid_with_controls_in_older_rows(city: City, client: Client) -> None:
    ticket = submit(city.laterne, text="Laterne aus", location_text="Rheinstraße 1").ticket
    # A row written before the normaliser existed (or by a migration, an import …).
    Ticket.objects.filter(pk=ticket.pk).update(
        location_text="Rhein\x01straße\x0b 1\ufffe", public_status_text="Repariert\x1b"
    )
    root = _rows(client, "/open311/v2/requests.xml")
    # The public address is only a street of the city's list or the district (issue 18);
    # this ticket has neither, so the feed says nothing of the typed place.
    assert root.find("request/address").text is None
    assert root.find("request/status_notes").text == "Repariert"
    _rows(client, f"/open311/v2/requests/{ticket.reference}.xml")
    row = client.get("/open311/v2/requests.json").json()[0]
    assert row["address"] == ""
    assert row["status_notes"] == "Repariert"
