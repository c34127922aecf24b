"""Phone and counter intake: the caller with an e-mail address gets the receipt with a
working tracking link, in the language the clerk recorded (issue 24, point 3)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from anliegen.tickets.models import Ticket
from tests.conftest import City
from tests.receipts import follow_tracking_link, receipt_to

from .conftest import signed_in


@pytest.mark.parametrize(
    "channel,language,subject", [("phone", "", "ist eingegangen"), ("counter", "en", "received")]
)
def test_intake_sends_the_receipt_with_a_working_link(
    city: City, django_capture_on_commit_callbacks: Any, channel: str, language: str, subject: str
) -> None:
    client = signed_in(city.clerk_ordnung)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workspace:intake"),
            {
                "channel": channel,
                "text": "Laterne in der Rheinstraße ist aus",
                "service": city.laterne.pk,
                "contact_email": "anrufer@example.org",
                "contact_language": language,
            },
        )
    assert response.status_code == 302
    ticket = Ticket.objects.get(contact_email="anrufer@example.org")
    sent = receipt_to("anrufer@example.org")
    assert ticket.reference in sent.subject and subject in sent.subject
    follow_tracking_link(sent, ticket)


def test_intake_without_address_sends_nothing(
    city: City, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    client = signed_in(city.clerk_ordnung)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("workspace:intake"),
            {"channel": "phone", "text": "Laterne aus", "service": city.laterne.pk},
        )
    assert Ticket.objects.count() == 1
    assert mailoutbox == []
