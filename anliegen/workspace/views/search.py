"""The header search of every workspace page: a reference number opens its ticket at once;
anything else searches every ticket the user may see (the inbox's "all visible" view), with
the view the user came from offered as a filter."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from anliegen.core.refnum import read_reference
from anliegen.tickets import access
from anliegen.tickets.queries import View

from .common import staff

MAX_QUERY = 200


@login_required
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:MAX_QUERY]
    typed = read_reference(text)
    if typed is not None and typed.letter_fits:
        pk = access.ticket_id_for_reference(staff(request), typed.reference)
        if pk is not None:
            return redirect("workspace:ticket", pk=pk)
    elif typed is not None:
        messages.warning(
            request,
            _(
                "Der Prüfbuchstabe passt nicht zur Vorgangsnummer „%(typed)s“ – vielleicht "
                "ein Tippfehler in der Nummer. Gesucht wurde stattdessen im Text."
            )
            % {"typed": text},
        )
    query = {"view": View.ALL.value, "q": text}
    origin = request.GET.get("aus", "")
    if origin in {v.value for v in View} - {View.ALL.value}:
        query["aus"] = origin
    return redirect(f"{reverse('workspace:inbox')}?{urlencode(query)}")
