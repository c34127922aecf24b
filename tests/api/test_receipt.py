"""REST API: the citizen whose address a system passes on gets the receipt with a working
tracking link, in the language given (issue 24, point 3)."""

from __future__ import annotations

from typing import Any

import pytest

from anliegen.tickets.models import Ticket
from tests.receipts import follow_tracking_link, receipt_to

from .conftest import Keys


@pytest.mark.parametrize("language,subject", [("", "ist eingegangen"), ("en", "received")])
def test_api_ticket_gets_the_receipt_with_a_working_link(
    as_key: Any, keys: Keys, django_capture_on_commit_callbacks: Any, language: str, subject: str
) -> None:
    body = {
        "text": "Auto parkt auf dem Gehweg",
        "service": "falschparker",
        "contact_email": "buergerin@example.org",
        "language": language,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = as_key(keys.ordnung_rw).post("/tickets", body)
    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get(contact_email="buergerin@example.org")
    sent = receipt_to("buergerin@example.org")
    assert ticket.reference in sent.subject and subject in sent.subject
    follow_tracking_link(sent, ticket)
    # The link the API answered with and the one in the mail open the same ticket.
    assert response.json()["tracking_url"].split("/verfolgen/")[1] in sent.body
