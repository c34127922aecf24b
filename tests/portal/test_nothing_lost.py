"""Nothing typed is lost: a session that ended before the final step, a failed CSRF check,
and errors shown at their field."""

from __future__ import annotations

import html
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from anliegen.tickets.models import Ticket

from .demo import BULKY_WASTE
from .helpers import base_values

FORM = reverse("portal:submit", args=[BULKY_WASTE])
REVIEW = reverse("portal:review")
TEXT = "Bitte holen Sie meine Couch ab.\nSie steht im Hof, links."


def _hidden(page: str) -> dict[str, str]:
    return {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    }


def test_session_lost_before_sending_restores_the_form(client: Client, catalogue: None) -> None:
    values = base_values(text=TEXT, sf_pickup_items="Eine Couch", sf_volume_m3="2")
    client.post(FORM, values)
    review = client.get(REVIEW).text
    posted = {**_hidden(review), "math_answer": "3"}
    assert posted["text"].replace("\r\n", "\n") == TEXT
    client.cookies.pop("sessionid")  # the session ends (expired, cleared, other device)
    answer = client.post(REVIEW, posted, follow=True)
    assert answer.redirect_chain[-1][0] == FORM
    page = answer.text
    assert "Ihre Sitzung war abgelaufen" in page
    assert "kern-alert--warning" in page
    for key in ("contact_name", "contact_email", "location_text", "sf_pickup_items"):
        assert html.escape(values[key]) in page
    assert "Sie steht im Hof, links." in page
    assert not Ticket.objects.exists()
    # The restored draft goes on as usual.
    assert client.post(FORM, values).status_code == 302


def test_a_failed_csrf_check_shows_the_text_and_sends_it_again(catalogue: None) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.get(FORM)  # sets the CSRF cookie
    browser.cookies.pop("csrftoken")  # … which is gone when the form is sent
    upload = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    values = base_values(text=TEXT, sf_pickup_items="Eine Couch")
    page = browser.post(FORM, {**values, "attachments": [upload]})
    assert page.status_code == 403
    assert "Bitte noch einmal senden" in page.text
    assert "CSRF" not in page.text and "DEBUG" not in page.text
    assert html.escape(TEXT) in page.text
    assert "foto.png" in page.text  # named as to attach again
    form = re.search(r'<form method="post" action="([^"]+)"', page.text)
    assert form and form.group(1) == FORM
    resent = {**_hidden(page.text), "text": TEXT}
    assert resent["contact_email"] == "erika@example.org"
    # The answer set a fresh cookie; sending again goes through.
    again = browser.post(FORM, resent)
    assert again.status_code == 302, again.text[:500]
    assert again["Location"] == REVIEW


def test_error_summary_reads_as_sentences(client: Client, catalogue: None) -> None:
    page = client.post(FORM, base_values(privacy="")).text
    assert "gelesen.: " not in page
    assert "Bitte bestätigen Sie die Datenschutzhinweise." in page
