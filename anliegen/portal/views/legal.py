"""Impressum, Datenschutz, Barrierefreiheit (with feedback that becomes a ticket), Leichte
Sprache."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from anliegen.core.errors import DomainError
from anliegen.tickets.actions import NewTicket, create_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel

from .. import spam
from ..forms import FeedbackForm


def _imprint() -> dict[str, Any]:
    return {
        "imprint_name": settings.IMPRINT_NAME,
        "imprint_address": settings.IMPRINT_ADDRESS,
        "imprint_email": settings.IMPRINT_EMAIL,
        "imprint_phone": settings.IMPRINT_PHONE,
        "imprint_representative": settings.IMPRINT_REPRESENTATIVE,
        "dpo_name": settings.DPO_NAME,
        "dpo_address": settings.DPO_ADDRESS,
        "dpo_email": settings.DPO_EMAIL,
    }


def imprint(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/legal/imprint.html", _imprint())


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/legal/privacy.html", _imprint())


def easy_language(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/legal/easy_language.html", _imprint())


def accessibility(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST or None)
    context: dict[str, Any] = {**_imprint(), "form": form}
    if request.method == "POST" and form.is_valid():
        if spam.rate_limited(request):
            context["error"] = _(
                "Von Ihrem Anschluss kamen in der letzten Stunde sehr viele Nachrichten. "
                "Bitte versuchen Sie es später noch einmal."
            )
            return render(request, "portal/legal/accessibility.html", context, status=400)
        try:
            spam.count_submission(request)
            create_ticket(
                NewTicket(
                    text=form.cleaned_data["text"],
                    channel=Channel.WEB,
                    subject=_("Barrierefreiheit"),
                    contact_email=form.cleaned_data["contact_email"],
                ),
                Actor.citizen(),
            )
        except DomainError as failure:
            context["error"] = str(failure.message)
            return render(request, "portal/legal/accessibility.html", context, status=400)
        context.update(form=FeedbackForm(), sent=True)
    return render(request, "portal/legal/accessibility.html", context)
