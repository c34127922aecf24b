"""Issue 19, finding 1 follow-up for the supporter's link („Schon gemeldet?“, defects): like
the tracking link it is kept nowhere in clear after its first use. The session holds the
token's hash, the thank-you page derives the link again from the stored nonce, the entry
sends ``Referrer-Policy: no-referrer``."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from anliegen.defects.models import Support
from anliegen.tickets.models import Ticket
from tests.defects.test_nearby import SUPPORT_LINK, existing, start_second_report

__all__ = ["existing"]  # the fixture, used by name


def _stored_sessions() -> str:
    """Every session as the database holds it and as it decodes."""
    return " ".join(f"{row.session_data} {row.get_decoded()}" for row in Session.objects.all())


def test_the_supporters_session_keeps_no_token(client: Client, existing: Ticket) -> None:
    start_second_report(client, street="Löhrstraße", house_number="100",
                        contact_email="zweite@example.org")  # fmt: skip
    done = client.post(reverse("portal:review"), {"support": existing.reference})
    assert done["Location"] == reverse("portal:supported")
    thanks = client.get(done["Location"]).content.decode()
    link = SUPPORT_LINK.search(thanks)
    assert link is not None
    token = link.group(1)
    assert token not in _stored_sessions()
    # Shown again from the nonce: the same link on a second look.
    assert token in client.get(reverse("portal:supported")).content.decode()

    browser = Client()
    entry = browser.get(reverse("portal:support_entry", args=[token]))
    assert entry.status_code == 302 and entry["Referrer-Policy"] == "no-referrer"
    page = browser.get(reverse("portal:support_track"))
    assert page.status_code == 200 and existing.reference in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"  # its form needs an Origin header
    assert browser.post(reverse("portal:support_track"), {"unfollow": "1"}).status_code == 302
    assert Support.objects.get(ticket=existing).email == ""
    assert Session.objects.exists()
    assert token not in _stored_sessions()


def test_a_stolen_session_value_is_not_a_link(client: Client, existing: Ticket) -> None:
    """What the session holds (the hash) does not open the supporter's page as a link."""
    start_second_report(client, street="Löhrstraße", house_number="100")
    client.post(reverse("portal:review"), {"support": existing.reference})
    token = SUPPORT_LINK.search(client.get(reverse("portal:supported")).content.decode())
    assert token is not None
    browser = Client()
    browser.get(reverse("portal:support_entry", args=[token.group(1)]))
    held = browser.session["portal_support_hash"]
    assert held == Support.objects.get(ticket=existing).token_hash
    assert Client().get(reverse("portal:support_entry", args=[held])).status_code == 404
