"""Issue 19: the confirmation page shows the tracking link, but the session keeps only the
ticket's id; the link is derived again for the page (tests/security/test_tracking_session.py
for the tracking pages)."""

from __future__ import annotations

import html
import re
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from anliegen.portal import drafts
from anliegen.tickets.models import Ticket

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


def _confirmed(client: Client, captured: Any) -> Any:
    from tests.portal.demo import BULKY_WASTE

    values = base_values(sf_pickup_items="Eine Couch", sf_volume_m3="2")
    assert client.post(reverse("portal:submit", args=[BULKY_WASTE]), values).status_code == 302
    review = client.get(reverse("portal:review")).text
    post = {
        "altcha": altcha_payload(review),
        "submission_key": drafts.submission_key(client.session),
    }
    with captured(execute=True):
        return client.post(reverse("portal:review"), post, follow=True)


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_confirmation_says_what_happens_next(
    client: Client, catalogue: None, django_capture_on_commit_callbacks: Any
) -> None:
    page = _confirmed(client, django_capture_on_commit_callbacks)
    ticket = Ticket.objects.select_related("org_unit", "service").get()
    assert ticket.org_unit is not None and ticket.first_response_due is not None
    assert ticket.service is not None
    text = _text(page.text)
    assert "So geht es weiter" in text
    assert ticket.org_unit.name in text
    assert f'href="/leistungen/{ticket.service.key}/#office-heading"' in page.text
    due = timezone.localtime(ticket.first_response_due)
    assert f"bis {formats.date_format(due, 'DATE_FORMAT')}, {due:%H:%M} Uhr" in text
    assert "auf unsere E-Mail antworten" in text  # an address was given
    # The copy button appears only with JavaScript (copy.js); its message has a live region.
    assert 'id="copy-link"' in page.text and " hidden>" in page.text
    assert 'id="copy-status" role="status"' in page.text
    assert "data-focus-on-load>Ihr Anliegen ist angekommen</h1>" in page.text


def test_the_next_steps_in_english_mark_the_german_office_name(
    client: Client, catalogue: None, django_capture_on_commit_callbacks: Any
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _confirmed(client, django_capture_on_commit_callbacks)
    ticket = Ticket.objects.select_related("org_unit").get()
    assert ticket.org_unit is not None
    text = _text(page.text)
    assert "What happens next" in text and "You should hear from us by" in text
    assert f'<span lang="de">{html.escape(ticket.org_unit.name)}</span>' in page.text
    assert "Copy link" in text
