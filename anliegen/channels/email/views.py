"""Staff pages of the e-mail channel: the log of sent mails and the quarantine.

Both show mail contents of any office, so only administrators (superusers) see them; without
an SMTP server (the embedded default) the log is where developers read what was sent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anliegen.privacy.secrecy import WITHHELD, clearance

from .ingest import HELD, reprocess
from .models import InboundMail, OutboundMail


def _is_admin(user: object) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


admin_only = user_passes_test(_is_admin, login_url="workspace:login")


def _with_secrecy(request: HttpRequest) -> QuerySet[OutboundMail]:
    # Administrators are not cleared for social or tax secrecy: mails of such tickets are
    # listed without address, subject or text unless the user is (privacy.secrecy).
    shown = clearance(request.user).shown_annotation()
    return OutboundMail.objects.select_related("ticket").annotate(shown=shown)


@admin_only
def sent(request: HttpRequest) -> HttpResponse:
    mails = _with_secrecy(request)[:200]
    return render(request, "email_channel/sent.html", {"mails": mails, "withheld": WITHHELD})


@admin_only
def sent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mail = get_object_or_404(_with_secrecy(request), pk=pk)
    return render(request, "email_channel/sent_detail.html", {"mail": mail, "withheld": WITHHELD})


@admin_only
def quarantine(request: HttpRequest) -> HttpResponse:
    held = InboundMail.objects.filter(state__in=HELD).defer("raw")[:200]
    return render(request, "email_channel/quarantine.html", {"mails": held})


@admin_only
@require_POST
def reprocess_mail(request: HttpRequest, pk: int) -> HttpResponse:
    inbound = reprocess(get_object_or_404(InboundMail, pk=pk))
    if inbound.state == InboundMail.State.PROCESSED:
        messages.success(request, _("Die E-Mail wurde verarbeitet."))
    else:
        messages.error(request, _("Die E-Mail konnte wieder nicht verarbeitet werden."))
    return redirect("email_channel:quarantine")


@admin_only
@require_POST
def accept_mail(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff decide a held mail (machine mail, loop, rate limit) is a concern after all."""
    inbound = reprocess(get_object_or_404(InboundMail, pk=pk, state__in=HELD), accept=True)
    if inbound.state == InboundMail.State.PROCESSED:
        messages.success(request, _("Die E-Mail wurde als Anliegen übernommen."))
    else:
        messages.error(request, _("Die E-Mail konnte wieder nicht verarbeitet werden."))
    return redirect("email_channel:quarantine")
