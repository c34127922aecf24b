"""Where a ticket went: the page a clerk sees instead of a 404 once a ticket they had (took
in, forwarded, worked on) has left their sight."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from anliegen.core.errors import NotFound
from anliegen.tickets import access

from .common import staff


@login_required
def whereabouts(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        where = access.whereabouts(staff(request), pk)
    except NotFound as error:
        raise Http404(str(error.message)) from error
    link = request.build_absolute_uri(reverse("workspace:ticket", args=[where.ticket_id]))
    return render(request, "workspace/whereabouts.html", {"where": where, "link": link})
