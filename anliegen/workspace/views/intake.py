"""Staff intake: a caller's or visitor's concern becomes a ticket, with routing suggestions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from anliegen.catalog.models import Service
from anliegen.core.errors import DomainError
from anliegen.routing.api import suggest
from anliegen.tickets.actions import NewTicket, create_ticket
from anliegen.tickets.models import Channel

from ..forms import IntakeForm
from .common import actor, after_action


@login_required
def suggestions(request: HttpRequest) -> HttpResponse:
    """The htmx fragment shown while typing: ranked services with their offices."""
    text = request.GET.get("text", "")[:2000]
    return render(request, "workspace/partials/suggestions.html", {"suggestions": suggest(text)})


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    form = IntakeForm(request.POST or None)
    error = ""
    found = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        service_id = data["service"] or data["suggested_service"]
        if "suggest" in request.POST:
            found = suggest(data["text"])
        else:
            service = Service.objects.filter(pk=service_id, is_active=True).first()
            try:
                created = create_ticket(
                    NewTicket(
                        text=data["text"],
                        channel=Channel(data["channel"]),
                        subject=data["subject"],
                        service=service,
                        contact_name=data["contact_name"],
                        contact_email=data["contact_email"],
                        contact_phone=data["contact_phone"],
                        location_text=data["location_text"],
                        contact_language=data["contact_language"],
                    ),
                    actor(request),
                )
            except DomainError as refusal:
                error = str(refusal.message)
            else:
                messages.success(
                    request,
                    _("Anliegen %(ref)s angelegt.") % {"ref": created.ticket.reference},
                )
                return after_action(request, created.ticket)
    return render(
        request, "workspace/intake.html", {"form": form, "error": error, "suggestions": found}
    )
