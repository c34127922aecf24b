"""/sachstand/: "Wo steht mein Antrag?" answered from the procedure register, without an
Anliegen. Unknown number and wrong verifier look the same (same page, same work); each client
address has a small number of tries per hour. Without an answer the citizen can file a status
inquiry, an Anliegen for the office that owns the Aktenzeichen."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from anliegen.core.errors import DomainError
from anliegen.procedures.counts import count_inquiry
from anliegen.procedures.inquiries import InquiryRequest, file_status_inquiry
from anliegen.procedures.lookup import procedure_for_citizen
from anliegen.procedures.models import InquiryCount, Procedure
from anliegen.tickets.actors import Actor

from .. import spam
from ..forms import SpamCheckForm
from ..models import DeflectionCount, count_deflection
from ..status_forms import StatusInquiryForm, StatusLookupForm
from .track import remember_link

TEMPLATE = "portal/sachstand.html"


def _lookup_key(request: HttpRequest) -> str:
    hour = timezone.now().strftime("%Y%m%d%H")
    address = hashlib.sha256(spam.client_address(request).encode()).hexdigest()[:32]
    return f"portal:sachstand:{address}:{hour}"


def _spend_try(request: HttpRequest) -> bool:
    """Count one lookup of this client address; False when the hour's tries are used up."""
    key = _lookup_key(request)
    limit = int(settings.PORTAL_STATUS_LOOKUPS_PER_HOUR)
    if cache.add(key, 1, 3600):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3600)
        count = 1
    return bool(count <= limit)


def _spam_context(request: HttpRequest) -> dict[str, object]:
    a, b = spam.new_sum(request.session)
    return {"challenge_json": json.dumps(spam.new_challenge()), "sum_a": a, "sum_b": b}


def _inquiry_form(reference: str, verifier: str) -> StatusInquiryForm:
    return StatusInquiryForm(initial={"reference": reference, "verifier": verifier})


@never_cache
def lookup(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = StatusLookupForm(initial={"reference": request.GET.get("aktenzeichen", "")[:200]})
        return render(request, TEMPLATE, {"form": form})
    form = StatusLookupForm(request.POST)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form}, status=400)
    if not _spend_try(request):
        return render(request, TEMPLATE, {"form": form, "limited": True}, status=429)
    reference, verifier = form.cleaned_data["reference"], form.cleaned_data["verifier"]
    procedure = procedure_for_citizen(reference, verifier)
    if procedure is None:
        # The same page for an unknown number and a wrong verifier.
        return render(
            request,
            TEMPLATE,
            {
                "form": form,
                "not_found": True,
                "inquiry": _inquiry_form(reference, verifier),
                **_spam_context(request),
            },
        )
    return _answer(request, procedure)


def _answer(request: HttpRequest, procedure: Procedure) -> HttpResponse:
    if procedure.service is not None:
        count_deflection(procedure.service, DeflectionCount.Channel.STATUS)
    count_inquiry(procedure.org_unit, InquiryCount.Way.SELF_SERVICE)
    return render(
        request,
        TEMPLATE,
        {
            "procedure": procedure,
            "history": list(procedure.entries.order_by("-at", "-pk")[:10]),
        },
    )


@never_cache
@require_POST
def inquiry(request: HttpRequest) -> HttpResponse:
    form = StatusInquiryForm(request.POST)
    check = SpamCheckForm(request.POST)
    check.is_valid()
    error = ""
    if not form.is_valid():
        error = _("Bitte prüfen Sie Ihre Angaben.")
    elif spam.rate_limited(request):
        error = _(
            "Von Ihrem Anschluss kamen in der letzten Stunde sehr viele Anliegen. Bitte "
            "versuchen Sie es später noch einmal oder rufen Sie uns an."
        )
    elif not spam.passed(
        request.session,
        check.cleaned_data.get("altcha", ""),
        check.cleaned_data.get("math_answer", ""),
    ):
        error = _(
            "Die Sicherheitsprüfung ist fehlgeschlagen. Bitte beantworten Sie die "
            "Rechenaufgabe und senden Sie erneut."
        )
    else:
        try:
            return _file(request, form)
        except DomainError as failure:
            error = str(failure.message)
    return render(
        request,
        TEMPLATE,
        {
            "form": StatusLookupForm(initial={"reference": request.POST.get("reference", "")}),
            "not_found": True,
            "inquiry": form,
            "error": error,
            **_spam_context(request),
        },
        status=400,
    )


def _file(request: HttpRequest, form: StatusInquiryForm) -> HttpResponse:
    data = form.cleaned_data
    spam.count_submission(request)
    created = file_status_inquiry(
        InquiryRequest(
            reference=data["reference"],
            verifier_value=data["verifier"],
            contact_email=data["contact_email"],
            contact_name=data["contact_name"],
            message=data["message"],
            contact_language=get_language() or "",
        ),
        Actor.citizen(),
    )
    # The receipt with the link is create_ticket's (ticket.created, after commit).
    # The tracking page follows from the session, as after the tracking link.
    remember_link(request, created.token)
    return render(request, "portal/sachstand_filed.html", {"ticket": created.ticket})
