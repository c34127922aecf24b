"""The fixed cast of the domain tests: a small city with three offices and their staff."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from anliegen.catalog.models import District, Responsibility, Service, Topic
from anliegen.organization.models import Membership, OrgUnit, User
from anliegen.tickets.actions import CreatedTicket, NewTicket, create_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel

from .components import (  # noqa: F401 - hooks: real-component tests must not skip in CI
    pytest_collection_modifyitems,
    pytest_collectreport,
    pytest_runtest_logreport,
    pytest_sessionfinish,
    pytest_terminal_summary,
)


def pytest_configure(config: pytest.Config) -> None:
    # Every fixture user gets a password; PBKDF2's 1,000,000 rounds per user made the domain
    # tests three times slower. Production keeps Django's default hashers (settings.py).
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class City:
    ordnungsamt: OrgUnit
    vollzugsdienst: OrgUnit
    sozialamt: OrgUnit
    tiefbau: OrgUnit
    servicecenter: OrgUnit
    falschparker: Service
    wohngeld: Service
    laterne: Service
    clerk_ordnung: User
    clerk_vollzug: User
    clerk_sozial: User
    lead_ordnung: User
    triage: User
    admin: User
    north: District


def _unit(
    key: str, name: str, kgst: str, parent: OrgUnit | None = None, **extra: object
) -> OrgUnit:
    return OrgUnit.objects.create(key=key, name=name, kgst_number=kgst, parent=parent, **extra)


def _service(key: str, name: str, unit: OrgUnit, **extra: object) -> Service:
    service = Service.objects.create(key=key, name=name, citizen_name=name, **extra)
    Responsibility.objects.create(service=service, org_unit=unit)
    return service


def _user(username: str, unit: OrgUnit | None, role: str = "clerk", **extra: Any) -> User:
    user = User.objects.create_user(username, password="Test-Passwort-123", **extra)
    if unit is not None:
        Membership.objects.create(user=user, org_unit=unit, role=role)
    return user


@pytest.fixture
def city(db: None) -> City:
    topic = Topic.objects.create(key="test", name="Test")
    ordnung = _unit("ordnungsamt", "Ordnungsamt", "32")
    vollzug = _unit("vollzugsdienst", "Kommunaler Vollzugsdienst", "32.2", ordnung)
    sozial = _unit("sozialamt", "Sozialamt", "50")
    tiefbau = _unit("tiefbauamt", "Tiefbauamt", "66")
    service_center = _unit("servicecenter", "Bürgerservice", "10.1", is_triage_desk=True)
    return City(
        ordnungsamt=ordnung,
        vollzugsdienst=vollzug,
        sozialamt=sozial,
        tiefbau=tiefbau,
        servicecenter=service_center,
        falschparker=_service("falschparker", "Falschparker melden", vollzug, topic=topic),
        wohngeld=_service(
            "wohngeld",
            "Wohngeld beantragen",
            sozial,
            topic=topic,
            sensitivity=Service.Sensitivity.SENSITIVE,
        ),
        laterne=_service(
            "strassenlaterne",
            "Straßenlaterne defekt",
            tiefbau,
            topic=topic,
            kind=Service.Kind.DEFECT,
        ),
        clerk_ordnung=_user("clerk.ordnung", ordnung),
        clerk_vollzug=_user("clerk.vollzug", vollzug),
        clerk_sozial=_user("clerk.sozial", sozial),
        lead_ordnung=_user("lead.ordnung", ordnung, role="lead"),
        triage=_user("triage", service_center),
        admin=_user("admin", None, is_superuser=True, is_staff=True),
        north=District.objects.create(key="nord", name="Nord", postal_codes=["56070"]),
    )


def submit(
    service: Service | None, text: str = "Bitte kümmern Sie sich darum.", **extra: Any
) -> CreatedTicket:
    """A citizen's web submission through the action layer."""
    data = NewTicket(
        text=text,
        channel=Channel.WEB,
        service=service,
        contact_email="buerger@example.org",
        **extra,
    )
    return create_ticket(data, Actor.citizen())


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    """Uploads of a test land in its own folder, never in var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Each test starts with an empty cache of its own; the database cache of a real deployment
    # is exercised by tests that ask for it (tests/portal/test_legal.py).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def _german_unless_asked() -> Iterator[None]:
    """Django's LocaleMiddleware activates a request's language for the thread and leaves it
    there: after an English page the next test on the same worker read English messages."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.activate("de")


@pytest.fixture(autouse=True)
def _no_routing_model_from_an_earlier_test() -> None:
    """The process keeps the active routing model for 30 s; a test's model (and its database
    row, rolled back) must not answer for the next test on the same worker."""
    from anliegen.routing import registry

    registry.forget()


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings: Any) -> None:
    """Background tasks (e.g. sending mail) run their real code at once, not via a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


BROWSERS = ("driver", "nojs_driver")


@pytest.fixture(autouse=True)
def _browser_leaves_the_page(request: pytest.FixtureRequest) -> Iterator[None]:
    """The browsers live for the whole session: a page left open keeps polling (inbox counters)
    or saving drafts while the live server's database is flushed, and on PostgreSQL that
    TRUNCATE deadlocked. The browser leaves the page first; the live server (set up here as
    this fixture's dependency) is torn down after it."""
    browsers = [name for name in BROWSERS if name in request.fixturenames]
    if browsers and "live_server" in request.fixturenames:
        request.getfixturevalue("live_server")
    yield
    for name in browsers:
        request.getfixturevalue(name).get("about:blank")
