"""The world the security suite requests URLs in: one ticket of the Vollzugsdienst with an
attachment, a saved filter and a text module; their owners and an intruder from another
office."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from anliegen.channels.email.models import OutboundMail
from anliegen.integrations.models import StatusIntegration
from anliegen.organization.models import User
from anliegen.privacy.roles import DPO_GROUP
from anliegen.tickets.actions import AttachmentInput, add_message
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Attachment, Message, TextModule
from anliegen.workspace.models import SavedFilter
from tests.conftest import City, submit

from .routes import ROUTES, Access, Found

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@dataclass
class World:
    city: City
    objects: dict[str, Any]
    token: str
    dpo: User

    def owner(self, access: Access) -> User:
        """Who rightfully opens a route of this class."""
        return {
            Access.STAFF: self.city.clerk_vollzug,
            Access.LEAD: self.city.lead_ordnung,
            Access.DPO: self.dpo,
            Access.ADMIN: self.city.admin,
            Access.SUPERUSER: self.city.admin,
        }.get(access, self.city.clerk_vollzug)

    @property
    def intruder(self) -> User:
        """Staff of another office (Sozialamt), a clerk: no lead, no DPO, no admin."""
        return self.city.clerk_sozial


@pytest.fixture(autouse=True)
def _no_throttle() -> None:
    cache.clear()


@pytest.fixture
def world(city: City) -> World:
    created = submit(city.falschparker, "Auto auf dem Radweg")
    ticket = created.ticket
    add_message(
        ticket,
        Actor.citizen(),
        Message.Kind.CITIZEN,
        "Foto anbei",
        attachments=(AttachmentInput("foto.png", PNG, "image/png"),),
    )
    dpo = User.objects.create_user("dsb", password="Test-Passwort-123")
    dpo.groups.add(Group.objects.get_or_create(name=DPO_GROUP)[0])
    objects = {
        "ticket": ticket.pk,
        "attachment": Attachment.objects.get(message__ticket=ticket).pk,
        "saved_filter": SavedFilter.objects.create(
            user=city.clerk_vollzug, name="Meine", query="view=mine"
        ).pk,
        "text_module": TextModule.objects.create(
            org_unit=city.ordnungsamt, title="Gruß", body="Mit freundlichen Grüßen"
        ).pk,
        "service_key": city.falschparker.key,
        "topic_key": "test",
        "reference": ticket.reference,
        "outbound_mail": OutboundMail.objects.create(
            ticket=ticket,
            kind="confirmation",
            recipient="buerger@example.org",
            sender="anliegen@example.org",
            subject="Ihr Anliegen",
            body_text="Danke",
            message_id="<secsuite@example.org>",
            created_at=timezone.now(),
        ).pk,
        "integration_slug": StatusIntegration.objects.create(
            name="Fachverfahren", slug="fachverfahren", system="OK.VORFALL", secret="s" * 40
        ).slug,
    }
    return World(city, objects, created.token, dpo)


GENERIC = {"app_label": "privacy", "object_id": "1", "content_type_id": "1", "url": "x"}


def url_of(found: Found, world: World) -> str:
    """A concrete URL for a pattern: table kwargs, world objects, generic values."""
    route = ROUTES.get(found.name)
    wanted = dict(route.kwargs) if route else {}
    groups = found.pattern.pattern.regex.groupindex
    kwargs = {
        name: world.objects.get(str(wanted.get(name)), wanted.get(name, GENERIC.get(name, "1")))
        for name in groups
    }
    if found.name:
        return reverse(found.name, kwargs=kwargs)
    # Unnamed (the admin's redirects): substitute the values into the route itself.
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), found.route)


def signed_in(user: User, **extra: Any) -> Client:
    client = Client(**extra)
    client.force_login(user)
    return client
