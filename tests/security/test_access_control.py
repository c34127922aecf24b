"""Anonymous visitors and staff of other offices are refused on every route of the table."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse

from anliegen.tickets.models import TextModule
from anliegen.workspace.models import SavedFilter

from .conftest import World, signed_in, url_of
from .routes import ROUTES, Access, access_of, is_api, walk

STAFF_CLASSES = {Access.STAFF, Access.LEAD, Access.DPO}


def _denied_anonymous(access: Access, response: object, url: str) -> str | None:
    status = response.status_code  # type: ignore[attr-defined]
    location = response.get("Location", "")  # type: ignore[attr-defined]
    if access in STAFF_CLASSES:
        ok = status == 302 and location.startswith(reverse(settings.LOGIN_URL))
    elif access is Access.ADMIN:
        ok = status == 302 and location.startswith(reverse("admin:login"))
    elif access is Access.SUPERUSER:
        ok = status == 302 and location.startswith(reverse("workspace:login"))
    elif access is Access.CITIZEN_TOKEN:
        ok = status in (404, 405)
    elif access in (Access.SIGNED, Access.API_KEY):
        # Machine endpoints answer without redirects: refused or method not allowed.
        ok = status in (401, 403, 404, 405)
    else:
        return None
    return None if ok else f"{url}: {status} {location}"


def test_anonymous_is_refused_everywhere_but_public_pages(world: World) -> None:
    client = Client()
    failures = []
    checked = 0
    for found in walk():
        access = access_of(found)
        route = ROUTES.get(found.name)
        post_access = route.post if route and route.post else access
        if is_api(found) or access is None or Access.PUBLIC == access == post_access:
            continue
        url = url_of(found, world)
        for method, needed in ((client.get, access), (client.post, post_access)):
            if needed is None or needed is Access.PUBLIC:
                continue
            failure = _denied_anonymous(needed, method(url), url)
            if failure:
                failures.append(failure)
            checked += 1
    assert failures == []
    assert checked > 100


def test_public_pages_answer_without_errors(world: World) -> None:
    client = Client()
    for found in walk():
        if access_of(found) is Access.PUBLIC and not is_api(found):
            url = url_of(found, world)
            assert client.get(url).status_code < 500, url


def test_rightful_users_get_the_pages(world: World) -> None:
    for name, route in ROUTES.items():
        if route.get_ok:
            found = next(f for f in walk() if f.name == name)
            client = signed_in(world.owner(route.access))
            assert client.get(url_of(found, world)).status_code == 200, name


def test_other_offices_and_roles_are_refused(world: World) -> None:
    intruder = signed_in(world.intruder)
    failures = []
    for found in walk():
        access = access_of(found)
        route = ROUTES.get(found.name)
        url = url_of(found, world)
        lead_only = access is Access.LEAD
        if access is Access.DPO or lead_only or (route and route.owned):
            for response in (intruder.get(url), intruder.post(url, {"body": "x"})):
                if response.status_code not in (403, 404, 405):
                    failures.append(f"{url}: {response.status_code}")
        elif access is Access.ADMIN and found.name not in {"admin:login", "admin:logout"}:
            response = intruder.get(url)
            if not (response.status_code == 302 and "/admin/login/" in response["Location"]):
                failures.append(f"{url}: {response.status_code}")
        elif access is Access.SUPERUSER:
            # user_passes_test sends a signed-in clerk back to the sign-in page.
            for response in (intruder.get(url), intruder.post(url, {"body": "x"})):
                location = response.get("Location", "")
                if not (
                    response.status_code == 302 and location.startswith(reverse("workspace:login"))
                ):
                    failures.append(f"{url}: {response.status_code} {location}")
    assert failures == []


def test_saved_filters_of_others_survive(world: World) -> None:
    signed_in(world.intruder).post(
        reverse("workspace:delete_filter", args=[world.objects["saved_filter"]])
    )
    assert SavedFilter.objects.filter(pk=world.objects["saved_filter"]).exists()


def test_citizen_token_opens_only_its_own_ticket(world: World) -> None:
    client = Client()
    assert client.get(reverse("portal:track_entry", args=["x" * 40])).status_code == 404
    assert client.get(reverse("portal:track")).status_code == 404
    client.get(reverse("portal:track_entry", args=[world.token]))
    assert client.get(reverse("portal:track")).status_code == 200


def test_a_clerk_cannot_create_text_modules(world: World) -> None:
    before = TextModule.objects.count()
    response = signed_in(world.intruder).post(
        reverse("workspace:textmodule_new"),
        {"org_unit": world.city.ordnungsamt.pk, "title": "Fremd", "body": "x", "is_active": "on"},
    )
    assert response.status_code == 403
    assert TextModule.objects.count() == before
