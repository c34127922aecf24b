"""The collision notice (issue 16, point 6): a reply or note sent from a page opened before a
colleague (or the citizen) changed the ticket is held back once, with what happened meanwhile;
the text stays in the box, and sending again from the refreshed page goes through."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from anliegen.tickets import page
from anliegen.tickets.models import Ticket
from anliegen.tickets.queries import Entry

FIELD = "gesehen"


def seen_value(entries: list[Entry]) -> str:
    """When the page was read, for the forms' hidden field: the newest timeline entry, or the
    time of rendering if later ("message added" events are written just after their message
    and are not in the timeline, so the newest entry alone would flag the clerk's own view)."""
    newest = max((e.at for e in entries), default=timezone.now())
    return max(newest, timezone.now()).isoformat()


def notice(request: HttpRequest, ticket: Ticket) -> str:
    """A message naming what others changed since the page was opened, or ""."""
    seen = parse_datetime(request.POST.get(FIELD, ""))
    if seen is None:
        return ""
    if timezone.is_naive(seen):
        seen = timezone.make_aware(seen)
    changes = page.events_since(ticket, seen, not_by=request.user)
    if not changes:
        return ""
    what = "; ".join(
        f"{e.get_kind_display()} ({e.actor or e.actor_label or _('Bürger/in')}, "
        f"{timezone.localtime(e.created_at):%H:%M})"
        for e in changes
    )
    return _(
        "Seit Sie die Seite geöffnet haben, hat sich das Anliegen geändert: %(what)s. "
        "Ihr Text ist erhalten und wurde noch nicht gespeichert – bitte prüfen Sie den Verlauf "
        "und senden Sie dann erneut."
    ) % {"what": what}
