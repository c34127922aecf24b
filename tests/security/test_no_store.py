"""Pages with personal data answer ``Cache-Control: private, no-store``; guessing tracking
links is cut off per client address (issue 19, finding 11)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.conftest import City, submit


@pytest.fixture(autouse=True)
def _fresh_counters() -> None:
    cache.clear()


def _no_store(response: Any) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_the_tracking_page_is_never_stored(city: City) -> None:
    created = submit(city.falschparker, text="Mein Name ist Erika Muster, Tel. 0261 123456")
    citizen = Client()
    entry = citizen.get(reverse("portal:track_entry", args=[created.token]))
    assert _no_store(entry)
    page = citizen.get(reverse("portal:track"))
    assert page.status_code == 200 and "Erika Muster" in page.content.decode()
    assert _no_store(page)


@pytest.mark.parametrize(
    "path", ["/anliegen/neu/", "/verfolgen/link-verloren/", "/sachstand/", "/api/v1/services"]
)
def test_pages_that_take_or_show_personal_data_are_never_stored(city: City, path: str) -> None:
    assert _no_store(Client().get(path))


def test_staff_and_admin_pages_are_never_stored(city: City) -> None:
    clerk = Client()
    clerk.force_login(city.clerk_ordnung)
    assert _no_store(clerk.get("/arbeitsplatz/"))
    assert _no_store(clerk.get("/"))  # the header names the signed-in user
    admin = Client()
    admin.force_login(city.admin)
    assert _no_store(admin.get("/admin/"))


def test_public_catalogue_pages_stay_cacheable(city: City) -> None:
    assert not _no_store(Client().get("/"))
    assert not _no_store(Client().get(f"/leistungen/{city.laterne.key}/"))


def test_guessing_tracking_links_gets_a_429_also_for_a_valid_link(
    city: City, settings: Any
) -> None:
    settings.PORTAL_TRACKING_GUESSES_PER_HOUR = 3
    created = submit(city.falschparker)
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for attempt in range(3):
        assert (
            guesser.get(reverse("portal:track_entry", args=[f"x{attempt}" * 20])).status_code == 404
        )
    refused = guesser.get(reverse("portal:track_entry", args=[created.token]))
    assert refused.status_code == 429
    assert "Zu viele ungültige Links" in refused.content.decode()
    assert guesser.get(reverse("portal:track")).status_code == 404  # nothing was opened
    citizen = Client(REMOTE_ADDR="198.51.100.7")
    assert citizen.get(reverse("portal:track_entry", args=[created.token])).status_code == 302
