"""Issue 19: the confirmation page shows the tracking link, but the session keeps only the
ticket's id; the link is derived again for the page (tests/security/test_tracking_session.py
for the tracking pages)."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from anliegen.portal import drafts

from .helpers import altcha_payload, base_values


def _stored_sessions() -> str:
    return " ".join(f"{r.session_data} {r.get_decoded()}" for r in Session.objects.all())


def test_the_confirmation_shows_the_link_without_keeping_it(
    client: Client, catalogue: None, django_capture_on_commit_callbacks: Any
) -> None:
    from tests.portal.demo import BULKY_WASTE

    values = base_values(sf_pickup_items="Eine Couch", sf_volume_m3="2")
    assert client.post(reverse("portal:submit", args=[BULKY_WASTE]), values).status_code == 302
    review = client.get(reverse("portal:review")).text
    post = {
        "altcha": altcha_payload(review),
        "submission_key": drafts.submission_key(client.session),
    }
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("portal:review"), post, follow=True)
    assert page.status_code == 200
    link = page.text.split('id="tracking-link" href="', 1)[1].split('"', 1)[0]
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    assert page["Referrer-Policy"] == "same-origin"  # forms need Origin
    assert token not in _stored_sessions()
    assert Client().get(link.replace("http://testserver", "")).status_code == 302
