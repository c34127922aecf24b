"""The answer to „Wurde Ihr Anliegen gelöst?“ on the tracking page (once per ticket)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anliegen.core.errors import DomainError
from anliegen.defects.actions import give_feedback

from ..forms import SatisfactionForm
from .track import _ticket, track


@require_POST
def feedback(request: HttpRequest) -> HttpResponse:
    ticket = _ticket(request)
    form = SatisfactionForm(request.POST)
    if not form.is_valid():
        return track(request, feedback_form=form)
    data = form.cleaned_data
    try:
        row = give_feedback(
            ticket, solved=data["solved"], rating=data["rating"], comment=data["comment"]
        )
    except DomainError as failure:
        return track(request, error=str(failure.message))
    if row.reopened:
        messages.success(
            request,
            _("Danke für Ihre Rückmeldung. Wir haben Ihr Anliegen wieder geöffnet und melden uns."),
        )
    else:
        messages.success(request, _("Danke für Ihre Rückmeldung."))
    return redirect("portal:track")
