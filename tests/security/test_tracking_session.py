"""Issue 19, finding 1 follow-up: after its first use the tracking link is kept nowhere in
clear. The portal's server-side session holds the token's hash, the confirmation page derives
the link again, the entry sends ``Referrer-Policy: no-referrer``, the
token-free pages same-origin (their forms need an Origin header)."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from anliegen.tickets.actions import CreatedTicket, NewTicket, create_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel
from tests.conftest import City


def _created(city: City) -> CreatedTicket:
    return create_ticket(
        NewTicket(
            text="Die Laterne vor Haus 4 ist aus.",
            channel=Channel.WEB,
            service=city.laterne,
            contact_email="erika.muster@example.org",
        ),
        Actor.citizen(),
    )


def _stored_sessions() -> str:
    """Every session as the database holds it and as it decodes."""
    rows = list(Session.objects.all())
    return " ".join(f"{row.session_data} {row.get_decoded()}" for row in rows)


def test_the_session_keeps_no_token_and_the_pages_send_no_referrer(city: City) -> None:
    created, client = _created(city), Client()
    entry = client.get(reverse("portal:track_entry", args=[created.token]))
    assert entry.status_code == 302
    assert entry["Referrer-Policy"] == "no-referrer"
    page = client.get(reverse("portal:track"))
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"  # forms need Origin
    assert created.ticket.reference in page.text
    assert Session.objects.exists()
    assert created.token not in _stored_sessions()
    reply = client.post(reverse("portal:reply"), {"body": "Sie ist immer noch aus."})
    assert reply.status_code == 302
    assert reply["Referrer-Policy"] == "same-origin"
