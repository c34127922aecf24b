from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from anliegen.core.errors import NotFound
from anliegen.organization.models import User
from anliegen.tickets import access
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Ticket

View = Callable[..., HttpResponse]


def staff(request: HttpRequest) -> User:
    return cast(User, request.user)


def actor(request: HttpRequest) -> Actor:
    return Actor.staff(staff(request))


def ticket_or_404(
    request: HttpRequest, pk: int, purpose: str = "view", rows: Mapping[str, Any] | None = None
) -> Ticket:
    """The ticket through the access layer; foreign and missing give the same 404."""
    try:
        return access.get_ticket(staff(request), pk=pk, purpose=purpose, rows=rows)
    except NotFound as error:
        raise Http404(str(error.message)) from error


def after_action(request: HttpRequest, ticket: Ticket) -> HttpResponse:
    """Back to the ticket, or to where it went when the action took it out of the user's
    sight (forwarded, routed on intake): never a 404 for what the user just did."""
    if access.can_view(staff(request), ticket):
        return redirect("workspace:ticket", pk=ticket.pk)
    return redirect("workspace:whereabouts", pk=ticket.pk)


def whereabouts_instead_of_404(view: View) -> View:
    """A ticket page or action of a ticket the user had but may no longer see (an old tab, a
    bookmark, the browser's history) leads to where it went; any other 404 stays a 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, pk, *args, **kwargs)
        except Http404:
            try:
                access.whereabouts(staff(request), pk)
            except NotFound:
                raise Http404 from None
            if request.method == "POST":
                messages.error(
                    request,
                    _(
                        "Das Anliegen liegt nicht mehr bei Ihnen; "
                        "Ihre Eingabe wurde nicht gespeichert."
                    ),
                )
            return redirect("workspace:whereabouts", pk=pk)

    return wrapped


def queue_url(request: HttpRequest) -> str:
    """The inbox page (view, filters, page) an action was started from, to return to it; ""
    when absent or not an inbox address of this site (never an open redirect)."""
    url = request.POST.get("zurueck") or request.GET.get("zurueck") or ""
    inbox = reverse("workspace:inbox")
    if not url.startswith(inbox) or url.startswith("//"):
        return ""
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return ""
    return url


def anchored(url: str, request: HttpRequest) -> str:
    """``url`` with the row to scroll to (``anker``: the next row's id), if it is one."""
    anchor = request.GET.get("anker", "")
    return f"{url}#{anchor}" if anchor.startswith("t-") and anchor[2:].isdigit() else url
