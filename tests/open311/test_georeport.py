"""Open311 GeoReport v2 in JSON and XML: field names and formats as in the spec, errors in
the spec's format, api_key required to post, no contact data in public output."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from xml.etree.ElementTree import fromstring

import pytest
from django.test import Client

from anliegen.channels.api.tokens import issue_token
from anliegen.tickets.models import Channel, Ticket
from tests.conftest import City, submit

SERVICE_FIELDS = {
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
}
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}
ATTRIBUTE_FIELDS = {
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
}


@pytest.fixture
def lamp_fields(city: City) -> City:
    city.laterne.form_fields = [
        {"name": "mast_nummer", "type": "text", "label": "Mastnummer", "required": True},
        {"name": "zustand", "type": "choice", "label": "Zustand", "choices": ["aus", "flackert"]},
    ]
    city.laterne.save()
    return city


def get(client: Client, path: str, **params: Any) -> Any:
    return client.get(f"/open311/v2/{path}", params)


def xml(response: Any) -> Any:
    assert response["Content-Type"].startswith("text/xml")
    return fromstring(response.content)  # noqa: S314  # our own output, in a test


def test_discovery(client: Client, db: None) -> None:
    body = get(client, "discovery.json").json()
    endpoint = body["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    root = xml(get(client, "discovery.xml"))
    assert root.tag == "discovery"
    assert root.find("endpoints/endpoint/specification").text.endswith("GeoReport_v2")
    formats = [f.text for f in root.findall("endpoints/endpoint/formats/format")]
    assert formats == ["text/xml", "application/json"]


def test_service_list_and_definition(client: Client, lamp_fields: City) -> None:
    services = get(client, "services.json").json()
    assert {s["service_code"] for s in services} == {"falschparker", "strassenlaterne"}
    lamp = next(s for s in services if s["service_code"] == "strassenlaterne")
    assert set(lamp) == SERVICE_FIELDS
    assert lamp["metadata"] is True and lamp["type"] == "realtime"
    root = xml(get(client, "services.xml"))
    assert root.tag == "services"
    assert {e.tag for e in root.find("service")} == SERVICE_FIELDS
    assert root.find("service[service_code='strassenlaterne']/metadata").text == "true"

    definition = get(client, "services/strassenlaterne.json").json()
    assert definition["service_code"] == "strassenlaterne"
    first, second = definition["attributes"]
    assert set(first) >= ATTRIBUTE_FIELDS
    assert (first["code"], first["datatype"], first["required"]) == ("mast_nummer", "string", True)
    assert second["datatype"] == "singlevaluelist"
    assert second["values"] == [
        {"key": "aus", "name": "aus"},
        {"key": "flackert", "name": "flackert"},
    ]
    root = xml(get(client, "services/strassenlaterne.xml"))
    assert root.tag == "service_definition"
    assert [a.find("code").text for a in root.findall("attributes/attribute")] == [
        "mast_nummer",
        "zustand",
    ]
    assert root.find("attributes/attribute/values/value/key") is not None


def test_errors_in_spec_format(client: Client, city: City) -> None:
    response = get(client, "services/gibtsnicht.json")
    assert response.status_code == 404
    [err] = response.json()
    assert set(err) == {"code", "description"} and err["code"] == 404
    response = get(client, "services/gibtsnicht.xml")
    root = xml(response)
    assert root.tag == "errors" and root.find("error/code").text == "404"
    assert get(client, "requests.json", start_date="gestern").status_code == 400
    assert get(client, "requests.json", status="vielleicht").status_code == 400
    response = client.post("/open311/v2/requests.xml", {"service_code": "strassenlaterne"})
    assert response.status_code == 403
    assert xml(response).find("error/description").text


def test_post_request_with_api_key(client: Client, lamp_fields: City) -> None:
    city = lamp_fields
    key = issue_token("App", [city.tiefbau], can_write=True).secret
    form = {
        "api_key": key,
        "service_code": "strassenlaterne",
        "lat": "50.356",
        "long": "7.594",
        "address_string": "Rheinstraße 1",
        "email": "melder@example.org",
        "first_name": "Max",
        "last_name": "Melder",
        "description": "Laterne ist aus",
        "attribute[mast_nummer]": "M-17",
        "attribute[fremd]": "ignoriert",
    }
    response = client.post("/open311/v2/requests.json", form)
    assert response.status_code == 201, response.content
    [row] = response.json()
    assert set(row) == {"service_request_id", "service_notice", "account_id"}
    ticket = Ticket.objects.get(reference=row["service_request_id"])
    assert ticket.channel == Channel.OPEN311
    assert ticket.form_data == {"mast_nummer": "M-17"}
    assert ticket.contact_email == "melder@example.org"
    assert ticket.contact_language == ""  # no header: mails in the site language
    response = client.post(
        "/open311/v2/requests.json", form, headers={"Accept-Language": "en-GB,en;q=0.9"}
    )
    [row] = response.json()
    assert Ticket.objects.get(reference=row["service_request_id"]).contact_language == "en"
    response = client.post("/open311/v2/requests.xml", {**form, "lat": "abc"})
    assert response.status_code == 400
    read_only = issue_token("RO", [city.tiefbau]).secret
    assert (
        client.post("/open311/v2/requests.json", {**form, "api_key": read_only}).status_code == 403
    )


def test_get_requests_with_filters_and_no_contact_data(client: Client, city: City) -> None:
    lamp = submit(city.laterne, text="Laterne flackert", contact_name="Erika Geheim").ticket
    submit(city.falschparker)  # not a defect report: never public
    rows = get(client, "requests.json").json()
    assert [r["service_request_id"] for r in rows] == [lamp.reference]
    row = rows[0]
    assert set(row) == REQUEST_FIELDS
    assert row["status"] == "open"
    datetime.fromisoformat(row["requested_datetime"])
    text = json.dumps(rows) + get(client, "requests.xml").content.decode()
    assert "buerger@example.org" not in text and "Erika Geheim" not in text
    assert get(client, "requests.json", status="closed").json() == []
    assert len(get(client, "requests.json", service_code="strassenlaterne").json()) == 1
    assert get(client, "requests.json", start_date="2999-01-01T00:00:00Z").json() == []
    assert len(get(client, "requests.json", end_date="2999-01-01T00:00:00+01:00").json()) == 1
    assert len(get(client, "requests.json", service_request_id=lamp.reference).json()) == 1
    one = get(client, f"requests/{lamp.reference}.xml")
    root = xml(one)
    assert root.tag == "service_requests"
    assert {e.tag for e in root.find("request")} == REQUEST_FIELDS
    assert get(client, "requests/2026-999999-X.json").status_code == 404
