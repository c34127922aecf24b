"""Pages never show bidi overrides or control characters as they are (issue 19, finding 9),
not even from rows written before the actions normalised their text."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from anliegen.core.display import neutralised
from anliegen.tickets.models import Message, Ticket
from tests.conftest import City, submit

from .conftest import signed_in

SHOWN_AS_IS = ("\u202e", "\u202d", "\u2066", "\u2069", "\x01", "\x1b", "\x7f", "\x85")


def _old_row(city: City) -> tuple[Ticket, str]:
    created = submit(city.falschparker, text="Auto auf dem Radweg")
    ticket = created.ticket
    # As an older release (or an import) stored it: straight into the table.
    Ticket.objects.filter(pk=ticket.pk).update(
        subject="Rechnung\u202egnp.exe",
        contact_name="Erika\x1b[2J Muster\u2066mann\u2069",
        public_status_text="In Arbeit\x01\u202d",
    )
    Message.objects.filter(ticket=ticket).update(body="Bitte\x7f\x85 prüfen \u202eoriginal")
    return ticket, created.token


def _assert_neutral(html: str) -> None:
    for char in SHOWN_AS_IS:
        assert char not in html, repr(char)


def test_staff_pages_neutralise_old_rows(city: City) -> None:
    ticket, _ = _old_row(city)
    clerk = signed_in(city.clerk_vollzug)
    page = clerk.get(reverse("workspace:ticket", args=[ticket.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Rechnunggnp.exe" in html and "Erika[2J Mustermann" in html
    assert "Bitte prüfen original" in html
    _assert_neutral(html)
    if page.has_header("Content-Length"):
        assert int(page["Content-Length"]) == len(page.content)
    search = clerk.get(reverse("workspace:inbox"), {"view": "all", "q": ticket.reference})
    _assert_neutral(search.content.decode())


def test_the_tracking_page_neutralises_old_rows(city: City) -> None:
    ticket, token = _old_row(city)
    client = Client()
    response = client.get(reverse("portal:track_entry", args=[token]), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert ticket.reference in html and "In Arbeit" in html
    _assert_neutral(html)


def test_neutralised_keeps_every_other_character() -> None:
    text = "Grüße\tשלום\u200f\r\n😀 – ½ \u00a0ok"
    assert neutralised(text.encode()) == text.encode()
    assert neutralised("a\u202eb\x00c\u0085d\ufffe".encode()) == b"abcd"
