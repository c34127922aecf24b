"""Supporting an existing defect report instead of filing a duplicate („Schon gemeldet?“),
and the supporter's own page for it: public fields and "Keine E-Mails mehr".

As with tracking links, the token is in a URL once: the entry puts its hash (never the
token) into the session and redirects to the token-free /verfolgen/meldung/; the thank-you
page keeps the supporter's id and derives the link again. So a session row shown to an
administrator or found in a backup opens nothing."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anliegen.core.tokens import hash_token
from anliegen.defects import actions, public
from anliegen.defects.models import Support

from .. import drafts
from ..guessing import count_unknown_link, guessing
from .track import no_referrer

SESSION_TOKEN = "portal_support_hash"  # noqa: S105 - a session key, not a secret
SUPPORTED_KEY = "portal_supported"


def support(request: HttpRequest, reference: str, email: str) -> HttpResponse:
    """Called from the review step with the draft's address: no ticket, one supporter more.
    The draft is done with (what the citizen wrote is not needed any more)."""
    done = actions.support_report(reference, email)
    drafts.discard(request.session)
    request.session[SUPPORTED_KEY] = {
        "support": done.support.pk,
        "again": not done.new,
    }
    return redirect("portal:supported")


def supported(request: HttpRequest) -> HttpResponse:
    done = request.session.get(SUPPORTED_KEY) or {}
    row = actions.support_by_id(done.get("support"))
    if row is None:
        return redirect("portal:home")
    return render(
        request,
        "portal/supported.html",
        {
            "done": {
                "reference": row.ticket.reference,
                "token": actions.support_token(row),
                "email": bool(row.email),
                "again": bool(done.get("again")),
            }
        },
    )


@no_referrer
def entry(request: HttpRequest, token: str) -> HttpResponse:
    if guessing(request):
        return render(request, "portal/too_many_links.html", status=429)
    if actions.support_by_token(token) is None:
        count_unknown_link(request)
        raise Http404
    request.session[SESSION_TOKEN] = hash_token(token)
    return redirect("portal:support_track")


def _support(request: HttpRequest) -> Support:
    row = actions.support_by_token_hash(str(request.session.get(SESSION_TOKEN, "")))
    if row is None:
        raise Http404
    return row


def track(request: HttpRequest) -> HttpResponse:
    row = _support(request)
    if request.method == "POST" and "unfollow" in request.POST:
        actions.stop_following(row)
        messages.success(request, _("Sie erhalten zu dieser Meldung keine E-Mails mehr."))
        return redirect("portal:support_track")
    ticket = public.published().filter(pk=row.ticket_id).first()
    return render(
        request,
        "portal/support_track.html",
        {
            "report": public.report(ticket) if ticket else None,
            "reference": row.ticket.reference,
            "follows": bool(row.email),
        },
    )
