"""Actions started from an inbox row (triage: accept, change, route) answer in the queue: the
row itself with htmx, else the same inbox page again, scrolled to the next row."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from anliegen.tickets.models import Ticket

from .common import anchored, queue_url


def queue_answer(
    request: HttpRequest, ticket: Ticket, *, done: str = "", error: str = ""
) -> HttpResponse | None:
    """The answer that keeps the clerk in the queue they came from, or None when the action
    was not started from an inbox page."""
    back = queue_url(request)
    if not back:
        return None
    if request.headers.get("HX-Request"):
        context = {"ticket": ticket, "done": done, "error": error}
        return render(request, "workspace/partials/row_done.html", context)
    if error:
        messages.error(request, f"{ticket.reference}: {error}")
    else:
        messages.success(request, f"{ticket.reference}: {done}")
    return redirect(anchored(back, request))
