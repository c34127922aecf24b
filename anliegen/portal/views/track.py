"""Following a concern through the secret link, answering, closing, and a lost link.

Tokens never stay in URLs: the link in the e-mail carries the token in the path once; this
view puts the token's hash (never the token) into the server-side session and redirects to
the token-free /verfolgen/. So the token shows up in at most one access-log line, in no
session row, and never in a Referer header (the entry sends ``no-referrer``; the token-free
pages keep the site's same-origin policy, because under no-referrer browsers post their
forms with "Origin: null" and the CSRF check refuses them), and
browser history or a shared screen shows only /verfolgen/."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anliegen.core.errors import DomainError
from anliegen.core.tokens import hash_token
from anliegen.core.uploads import MAX_FILES, UploadRejected, check_upload
from anliegen.defects.actions import may_give_feedback, may_reopen
from anliegen.tickets.access import ticket_for_token_hash
from anliegen.tickets.actions import (
    AttachmentInput,
    add_message,
    citizen_close_undo_until,
    close_ticket,
    open_tracking_link,
    request_lost_link,
    undo_citizen_close,
)
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Message, Ticket
from anliegen.tickets.status import FINISHED_STATUSES, public_status

from .. import spam
from ..forms import LostLinkForm, ReplyForm, SatisfactionForm
from ..guessing import count_unknown_link, guessing
from ..timeline import public_timeline

SESSION_TOKEN = "portal_tracking_hash"  # noqa: S105 - a session key, not a secret
View = Callable[..., HttpResponse]


def no_referrer(view: View) -> View:
    """The entry URL carries the token: it is named in no Referer, not even the portal's own.
    Only for the entry: pages with forms under no-referrer post "Origin: null", which the
    CSRF check refuses."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapped


def remember_link(request: HttpRequest, token: str) -> None:
    """The session keeps the hash only: a session row shown to an administrator or found
    in a backup opens nothing."""
    request.session[SESSION_TOKEN] = hash_token(token)


@no_referrer
def entry(request: HttpRequest, token: str) -> HttpResponse:
    if guessing(request):
        return render(request, "portal/too_many_links.html", status=429)
    if open_tracking_link(token) is None:
        count_unknown_link(request)
        raise Http404
    remember_link(request, token)
    return redirect("portal:track")


def _ticket(request: HttpRequest) -> Ticket:
    ticket = ticket_for_token_hash(str(request.session.get(SESSION_TOKEN, "")))
    if ticket is None:
        raise Http404
    return ticket


def track(
    request: HttpRequest,
    *,
    form: ReplyForm | None = None,
    error: str = "",
    upload_error: str = "",
    feedback_form: SatisfactionForm | None = None,
) -> HttpResponse:
    ticket = _ticket(request)
    invalid = bool(
        error
        or upload_error
        or (form is not None and form.errors)
        or (feedback_form is not None and feedback_form.errors)
    )
    if feedback_form is None and may_give_feedback(ticket):
        feedback_form = SatisfactionForm()
    return render(
        request,
        "portal/track.html",
        {
            "ticket": ticket,
            "public_status": public_status(ticket.status),
            "timeline": public_timeline(ticket),
            "form": form or ReplyForm(),
            "error": error,
            "upload_error": upload_error,
            "invalid": invalid,
            "max_files": MAX_FILES,
            "finished": ticket.status in FINISHED_STATUSES,
            "feedback_form": feedback_form,
            "may_reopen": may_reopen(ticket),
            "undo_until": citizen_close_undo_until(ticket),
        },
        status=400 if invalid else 200,
    )


def _attachments(request: HttpRequest) -> tuple[AttachmentInput, ...]:
    uploads = request.FILES.getlist("attachments")
    if len(uploads) > MAX_FILES:
        raise UploadRejected(_("Bitte hängen Sie höchstens 5 Dateien an."))
    checked = [check_upload(u.name or "", u.read(11 * 1024 * 1024)) for u in uploads]
    return tuple(AttachmentInput(c.filename, c.content, c.content_type) for c in checked)


@require_POST
def reply(request: HttpRequest) -> HttpResponse:
    ticket = _ticket(request)
    form = ReplyForm(request.POST, has_files=bool(request.FILES.getlist("attachments")))
    if not form.is_valid():
        return track(request, form=form)
    try:
        attachments = _attachments(request)
    except UploadRejected as refused:
        return track(request, form=form, upload_error=str(refused.message))
    try:
        add_message(
            ticket,
            Actor.citizen(),
            Message.Kind.CITIZEN,
            form.cleaned_data["body"],
            attachments=attachments,
            channel="web",
        )
    except DomainError as failure:
        return track(request, form=form, error=str(failure.message))
    messages.success(request, _("Ihre Nachricht ist angekommen."))
    return redirect("portal:track")


@require_POST
def close(request: HttpRequest) -> HttpResponse:
    """The button on the tracking page asks first (a page, so it works without JavaScript);
    only the confirmation's own form closes."""
    ticket = _ticket(request)
    if request.POST.get("confirmed") != "1":
        return render(request, "portal/close_confirm.html", {"ticket": ticket})
    try:
        close_ticket(ticket, Actor.citizen(), note=_("Von der Bürgerin / dem Bürger beendet"))
    except DomainError as failure:
        return track(request, error=str(failure.message))
    messages.success(
        request,
        _("Danke! Ihr Anliegen ist abgeschlossen. Sie können das 14 Tage lang rückgängig machen."),
    )
    return redirect("portal:track")


@require_POST
def undo_close(request: HttpRequest) -> HttpResponse:
    ticket = _ticket(request)
    try:
        undo_citizen_close(
            ticket, Actor.citizen(), note=_("Von der Bürgerin / dem Bürger wieder geöffnet")
        )
    except DomainError as failure:
        return track(request, error=str(failure.message))
    messages.success(request, _("Ihr Anliegen ist wieder offen. Wir kümmern uns weiter darum."))
    return redirect("portal:track")


def lost_link(request: HttpRequest) -> HttpResponse:
    """Reference and e-mail send a fresh link. The answer never says whether they matched."""
    form = LostLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if spam.rate_limited(request):
            return render(request, "portal/lost_link.html", {"form": form, "limited": True})
        spam.count_submission(request)
        # A background job looks the ticket up and mails a new link; this answer is the same
        # (bytes, queries) whether or not reference and address match.
        request_lost_link(form.cleaned_data["reference"], form.cleaned_data["email"])
        return render(request, "portal/lost_link.html", {"sent": True})
    return render(request, "portal/lost_link.html", {"form": form})
