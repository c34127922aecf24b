"""One draft is one ticket: a repeated, a double-clicked or a concurrent final POST shows the
same confirmation and creates nothing new."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from anliegen.portal import drafts
from anliegen.portal.spam import SESSION_SUM
from anliegen.tickets.models import Ticket
from tests.concurrency import at_once

from .demo import BULKY_WASTE
from .helpers import altcha_payload, base_values

FORM = reverse("portal:submit", args=[BULKY_WASTE])
REVIEW = reverse("portal:review")


def _draft(client: Client) -> tuple[str, str]:
    """A finished form; returns the review page and the draft's submission key."""
    values = base_values(sf_pickup_items="Eine Couch", sf_volume_m3="2")
    assert client.post(FORM, values).status_code == 302
    page = client.get(REVIEW).text
    key = drafts.submission_key(client.session)
    assert f'name="submission_key" value="{key}"' in page
    return page, key


def _reference(page: str) -> str:
    found = re.search(r"<strong[^>]*>(\d{4}-\d{6}-[A-Z0-9])</strong>", page)
    assert found, page
    return found.group(1)


def _link(page: str) -> str:
    found = re.search(r'id="tracking-link" href="([^"]+)"', page)
    assert found
    return found.group(1)


def test_the_same_post_twice_gives_one_ticket_and_the_same_confirmation(
    client: Client, catalogue: None, django_capture_on_commit_callbacks: Any
) -> None:
    page, key = _draft(client)
    post = {"altcha": altcha_payload(page), "submission_key": key}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(REVIEW, post, follow=True)
        # The browser's back button and "send" again, or a second click after the first.
        second = client.post(REVIEW, post, follow=True)
    assert first.status_code == second.status_code == 200
    assert _reference(first.text) == _reference(second.text) == Ticket.objects.get().reference
    assert _link(first.text) == _link(second.text)
    assert len(mail.outbox) == 1  # one receipt


def test_a_twin_that_read_the_session_before_the_first_finished(
    client: Client, catalogue: None
) -> None:
    """The second click's request carries the session as it was: draft, sum, used proof."""
    page, key = _draft(client)
    twin = Client()
    twin.cookies = client.cookies  # the same browser, so the same session cookie
    before = {k: client.session[k] for k in (drafts.SESSION_KEY, SESSION_SUM)}
    payload = altcha_payload(page)
    first = client.post(REVIEW, {"altcha": payload, "submission_key": key}, follow=True)
    # Put the session back as the twin's request would have loaded it.
    session = twin.session
    session.update(before)
    session.pop("portal_confirmation")
    session.save()
    second = twin.post(REVIEW, {"altcha": payload, "submission_key": key}, follow=True)
    assert second.status_code == 200, second.text
    assert _reference(first.text) == _reference(second.text)
    assert Ticket.objects.count() == 1


def test_a_new_concern_after_the_first_gets_a_new_key(client: Client, catalogue: None) -> None:
    page, key = _draft(client)
    client.post(REVIEW, {"altcha": altcha_payload(page), "submission_key": key})
    page, second_key = _draft(client)
    assert second_key != key
    client.post(REVIEW, {"altcha": altcha_payload(page), "submission_key": second_key})
    assert Ticket.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_final_posts_make_one_ticket(catalogue: None) -> None:
    """Eight requests of one browser at once (no-JS sum path), each with its own database
    connection: one ticket, and every answer leads to the same reference."""
    browser = Client()
    _page, key = _draft(browser)
    answer = str(browser.session[SESSION_SUM])

    def click() -> str:
        request = Client()
        request.cookies = browser.cookies.__class__(browser.cookies)
        response = request.post(REVIEW, {"math_answer": answer, "submission_key": key}, follow=True)
        assert response.status_code == 200
        return str(response.text)

    count = 8
    pages = at_once(click, count)
    assert Ticket.objects.count() == 1
    references = {_reference(page) for page in pages}
    assert references == {Ticket.objects.get().reference}
    assert len({_link(page) for page in pages}) == 1
    print(f"{connection.vendor}: {count} simultaneous posts, {Ticket.objects.count()} ticket")
