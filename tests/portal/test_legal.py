from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from anliegen.portal import spam
from anliegen.tickets.models import Ticket


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("portal:imprint", "Impressum"),
        ("portal:privacy", "Datenschutzbeauftragte"),
        ("portal:accessibility", "Barriere melden"),
        ("portal:easy_language", "Hier können Sie der Stadt schreiben."),
    ],
)
def test_legal_pages(client: Client, db: None, name: str, expected: str) -> None:
    page = client.get(reverse(name))
    assert page.status_code == 200
    assert expected in page.text


def test_imprint_comes_from_settings(client: Client, db: None, settings: object) -> None:
    settings.IMPRINT_ADDRESS = "Rathausplatz 7, 12345 Musterstadt"  # type: ignore[attr-defined]
    settings.DPO_EMAIL = "dsb@musterstadt.example"  # type: ignore[attr-defined]
    assert "Rathausplatz 7" in client.get(reverse("portal:imprint")).text
    assert "dsb@musterstadt.example" in client.get(reverse("portal:privacy")).text


def test_accessibility_feedback_becomes_a_ticket(client: Client, db: None) -> None:
    page = client.post(
        reverse("portal:accessibility"),
        {"text": "Der Kontrast im Fußbereich ist zu schwach.", "contact_email": ""},
    )
    assert page.status_code == 200
    assert "Danke für Ihre Rückmeldung" in page.text
    ticket = Ticket.objects.get()
    assert ticket.subject == "Barrierefreiheit"
    assert ticket.channel == "web"


def test_accessibility_feedback_errors_keep_input(client: Client, db: None) -> None:
    page = client.post(reverse("portal:accessibility"), {"text": "", "contact_email": "x@"})
    assert "Bitte beschreiben Sie die Barriere." in page.text
    assert 'value="x@"' in page.text
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("backend", ["locmem.LocMemCache", "db.DatabaseCache"])
def test_accessibility_feedback_is_rate_limited(
    client: Client, db: None, settings: Any, backend: str
) -> None:
    # The database cache is the embedded default: shared by all web processes and workers.
    settings.CACHES = {
        "default": {
            "BACKEND": f"django.core.cache.backends.{backend}",
            "LOCATION": "anliegen_cache",
        }
    }
    for _ in range(spam.RATE_LIMIT):
        client.post(reverse("portal:accessibility"), {"text": "Barriere"})
    page = client.post(reverse("portal:accessibility"), {"text": "Barriere"})
    assert page.status_code == 400
    assert Ticket.objects.count() == spam.RATE_LIMIT


def test_language_switch_is_a_post_form_and_english_is_complete(client: Client, db: None) -> None:
    page = client.get(reverse("portal:imprint"))
    assert 'action="/i18n/setlang/"' in page.text
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/impressum/"})
    assert response.status_code == 302
    english = client.get(reverse("portal:imprint")).text
    assert '<html lang="en">' in english
    assert "Legal notice" in english
    assert "Impressum" not in english
