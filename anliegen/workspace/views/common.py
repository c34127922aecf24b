from __future__ import annotations

from typing import cast

from django.http import Http404, HttpRequest

from anliegen.core.errors import NotFound
from anliegen.organization.models import User
from anliegen.tickets import access
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Ticket


def staff(request: HttpRequest) -> User:
    return cast(User, request.user)


def actor(request: HttpRequest) -> Actor:
    return Actor.staff(staff(request))


def ticket_or_404(request: HttpRequest, pk: int, purpose: str = "view") -> Ticket:
    """The ticket through the access layer; foreign and missing give the same 404."""
    try:
        return access.get_ticket(staff(request), pk=pk, purpose=purpose)
    except NotFound as error:
        raise Http404(str(error.message)) from error
