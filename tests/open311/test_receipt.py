"""Open311: the reporter who gave an e-mail address gets the receipt with a working tracking
link, in the language of the app's Accept-Language (issue 24, point 3)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from anliegen.channels.api.tokens import issue_token
from anliegen.tickets.models import Ticket
from tests.conftest import City
from tests.receipts import follow_tracking_link, receipt_to


@pytest.mark.parametrize("accept,subject", [("", "ist eingegangen"), ("en-GB,en", "received")])
def test_open311_request_gets_the_receipt_with_a_working_link(
    client: Client,
    city: City,
    django_capture_on_commit_callbacks: Any,
    accept: str,
    subject: str,
) -> None:
    key = issue_token("App", [city.tiefbau], can_write=True).secret
    form = {
        "api_key": key,
        "service_code": "strassenlaterne",
        "lat": "50.356",
        "long": "7.594",
        "email": "melder@example.org",
        "description": "Laterne ist aus",
    }
    headers = {"Accept-Language": accept} if accept else {}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/open311/v2/requests.json", form, headers=headers)
    assert response.status_code == 201, response.content
    [row] = response.json()
    ticket = Ticket.objects.get(reference=row["service_request_id"])
    sent = receipt_to("melder@example.org")
    assert ticket.reference in sent.subject and subject in sent.subject
    follow_tracking_link(sent, ticket)
