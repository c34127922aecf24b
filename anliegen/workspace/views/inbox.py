"""The inbox: views, filters, search, keyset pages, saved filters and bulk actions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from anliegen.core.errors import ValidationFailed
from anliegen.core.refnum import read_reference
from anliegen.organization.models import OrgUnit, User
from anliegen.tickets import access, queries, search
from anliegen.tickets.actions import (
    BulkResult,
    apply_each,
    assign_ticket,
    change_status,
    route_ticket,
)
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Ticket
from anliegen.tickets.queries import InboxFilter, Scope, Sort, View
from anliegen.tickets.status import OPEN_STATUSES, Status

from ..choices import colleagues_in_scope
from ..forms import BulkForm, FilterForm, SavedFilterForm
from ..models import SavedFilter
from .common import actor, queue_url, staff

VIEW_LABELS = {
    View.MINE: gettext_lazy("Mir zugewiesen"),
    View.OFFICE: gettext_lazy("Neu in meinen Stellen"),
    View.TRIAGE: gettext_lazy("Vorsortierung"),
    View.OVERDUE: gettext_lazy("Überfällig"),
    View.WAITING: gettext_lazy("Wartet auf Bürger/in oder Dritte"),
    View.CONSULTATIONS: gettext_lazy("Beteiligungen an meine Stelle"),
    View.ALL: gettext_lazy("Alle sichtbaren"),
}


def _filter(form: FilterForm) -> InboxFilter:
    data: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    return InboxFilter(
        view=View(data.get("view") or View.MINE),
        statuses=tuple(data.get("status") or ()),
        service_id=data.get("service"),
        org_unit_id=data.get("org_unit"),
        channel=data.get("channel") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        priority=data.get("priority"),
        tag=data.get("tag") or "",
        text=_search_text(data.get("q") or ""),
        sort=Sort(data.get("sort") or Sort.NEWEST),
    )


def _search_text(text: str) -> str:
    """A typed reference number in its full form (check letter added), else the text as is."""
    typed = read_reference(text)
    return typed.reference if typed is not None and typed.letter_fits else text


def _search_context(
    request: HttpRequest, flt: InboxFilter, visible: QuerySet[Ticket]
) -> dict[str, Any]:
    """What the search line says: the view as a filter the user can drop (with the number of
    hits among all visible tickets), or the view the search came from, to narrow to."""
    if not flt.text:
        return {}
    if flt.view != View.ALL:
        hits = search.search(visible, flt.text).values("pk")[: queries.COUNT_CAP + 1].count()
        shown = f"{queries.COUNT_CAP}+" if hits > queries.COUNT_CAP else str(hits)
        return {"search_filtered_by": VIEW_LABELS[flt.view], "search_all_hits": shown}
    origin = request.GET.get("aus", "")
    if origin in {v.value for v in View} - {View.ALL.value}:
        return {"search_origin": (origin, VIEW_LABELS[View(origin)])}
    return {}


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    form = FilterForm(request.GET or None)
    flt = _filter(form)
    scope = Scope.of(user)
    visible = access.visible_tickets(user)
    counts = queries.view_counts(visible, scope)
    if not request.GET.get("view") and not counts[View.MINE.value]:
        # Nothing assigned: open on what is new in the clerk's offices, not on an empty list.
        flt = replace(flt, view=View.OFFICE)
    if request.GET.get("teil") == "zaehler":
        return _counters(request, flt, counts)
    tickets = queries.apply_filter(visible, flt, scope)
    if flt.text:
        tickets = search.search(tickets, flt.text)
    result = queries.page(
        tickets, flt.sort, request.GET.get("nach", ""), searched=bool(search.terms(flt.text))
    )
    ids = [t.pk for t in result.tickets]
    query = request.GET.copy()
    query.pop("nach", None)
    unsorted = query.copy()
    unsorted.pop("sort", None)
    context = {
        "form": form,
        "filter": flt,
        "page": result,
        "counts": counts,
        "now": timezone.now(),
        "today": timezone.localdate(),
        "open_statuses": [str(v) for v in OPEN_STATUSES],
        "count_cap": queries.COUNT_CAP,
        "views": [(v.value, label) for v, label in VIEW_LABELS.items()],
        "current_view": flt.view.value,
        "search_text": flt.text,
        "suggestions": queries.routing_suggestions(ids) if flt.view == View.TRIAGE else {},
        "choices": queries.citizen_choices(ids) if flt.view == View.TRIAGE else {},
        # Each row's successor: after an action from a row the page returns scrolled to it.
        "following": {t.pk: n.pk for t, n in zip(result.tickets, result.tickets[1:], strict=False)},
        "back": request.get_full_path(),
        "snippets": search.snippets(ids, flt.text) if flt.text else {},
        "saved": SavedFilter.objects.filter(user=user),
        "save_form": SavedFilterForm(initial={"query": query.urlencode()}, auto_id="save_%s"),
        "query": query.urlencode(),
        # Column headers sort the list (a plain link each; the current one is marked).
        "sort_base": unsorted.urlencode(),
        "sort": flt.sort.value,
        "bulk_form": BulkForm(ticket_ids=ids, people=colleagues_in_scope(user), auto_id="bulk_%s"),
        "statuses": Status.choices,
        **_search_context(request, flt, visible),
    }
    response = render(request, _template(request), context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _counters(request: HttpRequest, flt: InboxFilter, counts: dict[str, int]) -> HttpResponse:
    """Only the views and their counters, for the page's periodic refresh (htmx)."""
    query = request.GET.copy()
    for key in ("teil", "nach"):
        query.pop(key, None)
    context = {
        "counts": counts,
        "count_cap": queries.COUNT_CAP,
        "views": [(v.value, label) for v, label in VIEW_LABELS.items()],
        "current_view": flt.view.value,
        "search_text": flt.text,
        "query": query.urlencode(),
    }
    response = render(request, "workspace/partials/counts.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _template(request: HttpRequest) -> str:
    """Only the rows for an htmx filter update; the whole page for everything else.

    A history restore after a cache miss must get the whole page, or the browser would
    show a bare table.
    """
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    return "workspace/partials/rows.html" if partial else "workspace/inbox.html"


@login_required
@require_POST
def save_filter(request: HttpRequest) -> HttpResponse:
    form = SavedFilterForm(request.POST)
    if form.is_valid():
        SavedFilter.objects.update_or_create(
            user=staff(request),
            name=form.cleaned_data["name"],
            defaults={"query": form.cleaned_data["query"]},
        )
        messages.success(request, _("Filter gespeichert."))
        return redirect(f"{reverse('workspace:inbox')}?{form.cleaned_data['query']}")
    messages.error(request, _("Bitte geben Sie dem Filter einen Namen."))
    return redirect("workspace:inbox")


@login_required
@require_POST
def delete_filter(request: HttpRequest, pk: int) -> HttpResponse:
    deleted, _rows = SavedFilter.objects.filter(user=staff(request), pk=pk).delete()
    if not deleted:
        raise Http404  # someone else's filter looks like a missing one
    messages.success(request, _("Filter gelöscht."))
    return redirect("workspace:inbox")


def _bulk_action(request: HttpRequest, form: BulkForm) -> Any:
    data = form.cleaned_data
    who = actor(request)
    operation = data["operation"]
    if operation == "assign_me":
        return lambda t: assign_ticket(t, who, staff(request))
    if operation == "assign":
        person = User.objects.filter(pk=data["assignee"]).first() if data["assignee"] else None
        if person is None:
            return None
        return lambda t: assign_ticket(t, who, person)
    if operation == "accept_top":
        return _accept_top(who, form.cleaned_data["tickets"])
    if operation == "status":
        if not data.get("status"):
            return None
        return lambda t: change_status(t, who, Status(data["status"]))
    unit = OrgUnit.objects.filter(pk=data["org_unit"]).first() if data.get("org_unit") else None
    if unit is None:
        return None
    return lambda t: route_ticket(t, who, org_unit=unit, reason=data.get("reason") or "")


def _accept_top(who: Actor, ticket_ids: list[int]) -> Any:
    """Bulk accept: each ticket gets its best routing suggestion above the floor."""
    best = {
        pk: rows[0].service for pk, rows in queries.routing_suggestions(ticket_ids).items() if rows
    }

    def accept(ticket: Ticket) -> object:
        service = best.get(ticket.pk)
        if service is None:
            raise ValidationFailed(
                _("Kein Vorschlag, der sicher genug ist – bitte selbst zuordnen.")
            )
        return route_ticket(
            ticket, who, service=service, reason=_("Vorschlag der Zuordnung übernommen")
        )

    return accept


def _report(request: HttpRequest, result: BulkResult) -> None:
    if result.done:
        messages.success(request, _("Erledigt für: %(refs)s") % {"refs": ", ".join(result.done)})
    for reference, message in result.failed:
        messages.error(request, f"{reference}: {message}")


@login_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("tickets") if i.isdigit()]
    form = BulkForm(request.POST, ticket_ids=ids, people=colleagues_in_scope(staff(request)))
    action = _bulk_action(request, form) if form.is_valid() else None
    if action is None:
        messages.error(request, _("Bitte wählen Sie Anliegen und eine vollständige Sammelaktion."))
    else:
        _report(request, apply_each(staff(request), form.cleaned_data["tickets"], action))
    back = queue_url(request) or f"{reverse('workspace:inbox')}?{request.POST.get('back', '')}"
    return redirect(back)
