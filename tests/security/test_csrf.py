"""Every POST of every route needs the CSRF token (the API authenticates differently)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from .conftest import World, url_of
from .routes import ROUTES, is_api, walk


def test_csrf_exempt_views_are_exactly_the_marked_machine_endpoints() -> None:
    """A csrf_exempt view is only allowed when the table says so (and test_machine.py
    proves its own credential check); a forgotten csrf_exempt fails here."""
    exempt = {
        f.name
        for f in walk()
        if not is_api(f) and getattr(f.pattern.callback, "csrf_exempt", False)
    }
    marked = {name for name, route in ROUTES.items() if route.csrf_exempt}
    assert exempt == marked


def test_every_post_without_token_is_refused(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.city.admin)
    accepted = []
    for found in walk():
        route = ROUTES.get(found.name)
        if is_api(found) or (route and route.csrf_exempt):
            continue
        url = url_of(found, world)
        if client.post(url, {"x": "1"}).status_code != 403:
            accepted.append(url)
    assert accepted == []


def test_a_post_with_the_token_passes(world: World) -> None:
    """The positive control: the refusal above is the CSRF check, not something else."""
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("workspace:login"))
    token = page.cookies["csrftoken"].value
    response = client.post(
        reverse("workspace:login"),
        {"username": "clerk.vollzug", "password": "Test-Passwort-123"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 302
