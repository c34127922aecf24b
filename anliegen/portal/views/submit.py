"""Submitting a concern: form (with the service's own fields) → review → confirmation."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from anliegen.catalog.models import Service
from anliegen.core.errors import DomainError
from anliegen.core.uploads import MAX_FILES, UploadRejected, check_upload
from anliegen.defects import nearby
from anliegen.tickets.access import filed_ticket, tracking_token
from anliegen.tickets.actions import CitizenChoice, NewTicket, create_ticket, find_submission
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel

from .. import drafts, location, spam
from ..forms import SpamCheckForm, SubmissionForm
from . import support
from .question import needs_question
from .service import active_service, typed_query

CONFIRMATION_KEY = "portal_confirmation"


def _service(key: str) -> Service | None:
    return active_service(key) if key else None


def _store_uploads(request: HttpRequest, service_key: str) -> list[str]:
    """Check and keep the new files; return the messages for the refused ones."""
    errors = []
    for file_id in request.POST.getlist("remove_file"):
        drafts.remove_file(request.session, file_id)
    for upload in request.FILES.getlist("attachments"):
        if len(drafts.files(request.session)) >= MAX_FILES:
            errors.append(_("Bitte hängen Sie höchstens 5 Dateien an."))
            break
        try:
            # Django has already spooled the upload; reading one byte past the limit is
            # enough to know it is too large.
            checked = check_upload(upload.name or "", upload.read(11 * 1024 * 1024))
        except UploadRejected as error:
            errors.append(str(error.message))
            continue
        drafts.add_file(request.session, service_key, checked)
    return errors


def _form_values(request: HttpRequest) -> dict[str, Any]:
    return {k: v for k, v in request.POST.items() if k not in {"csrfmiddlewaretoken"}}


def _typed_before(request: HttpRequest) -> str:
    """What the citizen already wrote: the search text, or a draft's text for another service
    (changing the service keeps the description)."""
    return typed_query(request) or str(
        drafts.load(request.session).get("values", {}).get("text", "")
    )


def form(request: HttpRequest, key: str = "") -> HttpResponse:
    service = _service(key)
    upload_errors: list[str] = []
    if request.method == "POST":
        drafts.save_values(request.session, key, _form_values(request))
        upload_errors = _store_uploads(request, key)
        if "upload_only" in request.POST:
            # Only uploading: show what is kept, without complaining about unfinished fields.
            bound = SubmissionForm(service, initial=_form_values(request))
        else:
            bound = SubmissionForm(service, request.POST)
            if bound.is_valid() and not upload_errors:
                data = bound.cleaned_data
                if service is None and needs_question(request, data["text"], data["district"]):
                    return redirect("portal:question")
                return redirect("portal:review")
    else:
        saved = drafts.values(request.session, key)
        bound = (
            SubmissionForm(service, saved)
            if saved
            else SubmissionForm(service, initial={"text": _typed_before(request)})
        )
    return render(
        request,
        "portal/submit_form.html",
        {
            "service": service,
            "form": bound,
            "upload_errors": upload_errors,
            "files": drafts.files(request.session) if drafts.values(request.session, key) else [],
            "max_files": MAX_FILES,
        },
    )


def _bound_draft(request: HttpRequest) -> tuple[str, SubmissionForm] | None:
    draft = drafts.load(request.session)
    if "values" not in draft:
        return None
    key = draft.get("service", "")
    bound = SubmissionForm(_service(key), draft["values"])
    return (key, bound) if bound.is_valid() else None


def _carried(bound: SubmissionForm) -> list[tuple[str, str]]:
    """The draft's values as hidden fields of the review form: should the session be gone
    when it is sent, the form is restored from them (_restore)."""
    return [(name, str(bound.data[name])) for name in bound.fields if bound.data.get(name)]


def _restore(request: HttpRequest) -> HttpResponse:
    """The session ended between form and review: the posted copy becomes a new draft."""
    key = request.POST.get("service_key", "")
    service = None
    if key:
        try:
            service = active_service(key)
        except Http404:
            key = ""
    values = {
        name: request.POST[name] for name in SubmissionForm(service).fields if name in request.POST
    }
    drafts.save_values(request.session, key, values)
    messages.warning(
        request,
        _(
            "Ihre Sitzung war abgelaufen, deshalb ist Ihr Anliegen noch nicht abgeschickt. Ihre "
            "Angaben stehen unten noch: Bitte prüfen Sie sie und gehen Sie erneut weiter. "
            "Angehängte Dateien hängen Sie bitte noch einmal an."
        ),
    )
    return redirect("portal:submit", key) if key else redirect("portal:submit_generic")


def _spam_context(request: HttpRequest) -> dict[str, Any]:
    a, b = spam.new_sum(request.session)
    return {"challenge_json": json.dumps(spam.new_challenge()), "sum_a": a, "sum_b": b}


def _already_submitted(request: HttpRequest) -> bool:
    """The posted draft has been submitted in this session (a repeat or a double click)."""
    done = request.session.get(CONFIRMATION_KEY) or {}
    posted = request.POST.get("submission_key", "")
    return bool(posted and constant_time_compare(done.get("submission_key", ""), posted))


def review(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and _already_submitted(request):
        return redirect("portal:confirmation")
    found = _bound_draft(request)
    if found is None:
        # Back from the confirmation to this page: the draft has become that ticket.
        if request.method == "GET" and request.session.get(CONFIRMATION_KEY):
            return redirect("portal:confirmation")
        if request.method == "POST" and "text" in request.POST:
            return _restore(request)
        return redirect("portal:home")
    key, bound = found
    error = ""
    if request.method == "POST" and request.POST.get("support") and bound.anonymous_allowed:
        try:
            return support.support(
                request, request.POST["support"], bound.cleaned_data.get("contact_email") or ""
            )
        except DomainError as failure:
            error = str(failure.message)
    elif request.method == "POST":
        check = SpamCheckForm(request.POST)
        check.is_valid()
        if spam.rate_limited(request):
            error = _(
                "Von Ihrem Anschluss kamen in der letzten Stunde sehr viele Anliegen. Bitte "
                "versuchen Sie es später noch einmal oder rufen Sie uns an. Ihre Angaben "
                "bleiben gespeichert."
            )
        elif not spam.passed(
            request.session,
            check.cleaned_data.get("altcha", ""),
            check.cleaned_data.get("math_answer", ""),
            drafts.submission_key(request.session),
        ):
            error = _(
                "Die Sicherheitsprüfung ist fehlgeschlagen. Bitte beantworten Sie die "
                "Rechenaufgabe und senden Sie erneut."
            )
        else:
            try:
                return _create(request, bound)
            except DomainError as failure:
                error = str(failure.message)
    return render(
        request,
        "portal/review.html",
        {
            "service": bound.service,
            "service_key": key,
            "form": bound,
            "files": drafts.files(request.session),
            "submission_key": drafts.submission_key(request.session),
            "carried": _carried(bound),
            "picked": _choice(request)[0] if bound.service is None else None,
            "asked": bound.service is None and drafts.choice(request.session) is not None,
            "error": error,
            "nearby": _nearby(bound),
            **_spam_context(request),
        },
        status=200 if not error else 400,
    )


def _nearby(bound: SubmissionForm) -> list[nearby.Nearby]:
    """„Schon gemeldet?“ for a defect report with a place: open reports close by."""
    if not bound.anonymous_allowed or bound.service is None:
        return []
    place = location.resolved(bound.cleaned_data)
    if place.latitude is None or place.longitude is None:
        return []
    section = bound.cleaned_data.get("street_section")
    return nearby.find(
        place.latitude,
        place.longitude,
        service=bound.service,
        street=section.name if section is not None else "",
    )


def _choice(request: HttpRequest) -> tuple[Service | None, CitizenChoice | None]:
    """The answer to „Meinen Sie …?“ for the draft's text: the picked service (None for
    „etwas anderes“ or when none was asked) and the answer itself."""
    answered = drafts.choice(request.session)
    if answered is None or not answered.chosen:
        return None, answered
    picked = Service.objects.filter(key=answered.chosen, is_active=True).first()
    return (picked, answered) if picked else (None, None)


def _create(request: HttpRequest, bound: SubmissionForm) -> HttpResponse:
    data = bound.cleaned_data
    key = drafts.submission_key(request.session)
    picked, answered = _choice(request) if bound.service is None else (None, None)
    try:
        attachments = drafts.attachments(request.session)
    except FileNotFoundError:
        # A twin request of this draft (double click) has already made the ticket and
        # removed the files; create_ticket below finds that ticket by the key.
        if find_submission(Channel.WEB, key) is None:
            raise DomainError(
                _("Ihre Anhänge sind nicht mehr vorhanden. Bitte laden Sie sie erneut hoch.")
            ) from None
        attachments = ()
    place = (
        location.resolved(data)
        if bound.anonymous_allowed
        else location.Location(data["location_text"], None, None, data["district"])
    )
    created = create_ticket(
        NewTicket(
            text=data["text"],
            channel=Channel.WEB,
            service=bound.service or picked,
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            contact_language=get_language() or "",
            location_text=place.text,
            latitude=place.latitude,
            longitude=place.longitude,
            district=place.district,
            form_data=bound.form_data(),
            attachments=attachments,
            submission_key=key,
            citizen_choice=answered,
        ),
        Actor.citizen(),
    )
    drafts.discard(request.session)
    if created.created:  # the receipt mail is create_ticket's (ticket.created, after commit)
        spam.count_submission(request)
    # Shown on the confirmation page; the session is server-side, not a URL. A twin request
    # stores the same, so whichever answer the browser shows has the reference and link.
    request.session[CONFIRMATION_KEY] = {
        "reference": created.ticket.reference,
        "ticket_id": created.ticket.pk,  # the link is derived again for the page, not kept
        "email": bool(created.ticket.contact_email),
        "submission_key": key,
    }
    return redirect("portal:confirmation")


def confirmation(request: HttpRequest) -> HttpResponse:
    done = request.session.get(CONFIRMATION_KEY)
    if not done:
        return redirect("portal:home")
    ticket_id = int(done.get("ticket_id") or 0)
    token = tracking_token(ticket_id)
    # "So geht es weiter": the office, the first answer the service promises (its SLA, as the
    # ticket computed it) and how to add something.
    ticket = filed_ticket(ticket_id)
    return render(
        request,
        "portal/confirmation.html",
        {"done": {**done, "token": token}, "ticket": ticket},
    )
