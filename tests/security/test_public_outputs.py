"""Public outputs never carry the citizen's own words (issue 19, finding 2): the Open311 feed
describes a report by its service only, in JSON and XML, list and single request, whatever
channel the report came through."""

from __future__ import annotations

from django.test import Client

from anliegen.channels.api.tokens import issue_token
from tests.conftest import City, submit

PRIVATE = (
    "Erika Mustermann",
    "0261 123456",
    "+49 171 9876543",
    "erika.mustermann@example.org",
    "Rollstuhl",
)
TEXT = (
    "Laterne vor Haus 5 ist aus, Erika Mustermann, Tel. 0261 123456 oder +49 171 9876543, "
    "erika.mustermann@example.org – ich bin im Rollstuhl und sehe nachts nichts.\n"
    "Zweite Zeile: nochmal Erika Mustermann"
)


def _bodies(client: Client, reference: str) -> list[str]:
    return [
        client.get(f"/open311/v2/{path}.{fmt}").content.decode()
        for path in ("requests", f"requests/{reference}")
        for fmt in ("json", "xml")
    ]


def test_open311_feed_shows_the_service_name_never_the_citizens_text(city: City) -> None:
    web = submit(city.laterne, text=TEXT).ticket
    key = issue_token("App", [city.tiefbau], can_write=True).secret
    client = Client()
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "service_code": city.laterne.key,
            "address_string": "Rheinstraße 5",
            "description": TEXT,
        },
    )
    assert response.status_code == 201, response.content
    app_reference = response.json()[0]["service_request_id"]
    for reference in (web.reference, app_reference):
        for body in _bodies(client, reference):
            assert reference in body
            assert str(city.laterne) in body
            for secret in PRIVATE:
                assert secret not in body, (reference, secret, body[:300])
    rows = client.get("/open311/v2/requests.json").json()
    assert {row["description"] for row in rows} == {str(city.laterne)}
