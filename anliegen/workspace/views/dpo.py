"""The data protection officer's pages: audit log with filters and CSV export, and
data-subject requests (export as ZIP, erasure). Only members of the group "Datenschutz"."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from anliegen.dataprotection import subject, viewer
from anliegen.privacy.audit import record
from anliegen.privacy.roles import is_dpo
from anliegen.tickets import access
from anliegen.tickets.models import Ticket

from ..dpo_forms import AuditFilterForm, PersonForm
from .common import staff

PAGE = 200
View = Callable[..., HttpResponse]


def dpo_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_dpo(staff(request)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _criteria(request: HttpRequest, form: AuditFilterForm) -> viewer.AuditFilter:
    if not form.is_valid():
        return viewer.AuditFilter(ticket_id=-1)  # invalid filter: show nothing, keep the input
    data = form.cleaned_data
    ticket_id = None
    if data["reference"]:
        ticket_id = access.ticket_id_for_audit(staff(request), data["reference"]) or -1
    return viewer.AuditFilter(
        actor=data["actor"],
        action=data["action"],
        ticket_id=ticket_id,
        since=data["since"],
        until=data["until"],
    )


@dpo_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    criteria = _criteria(request, form) if request.GET else viewer.AuditFilter()
    events = list(viewer.filtered(criteria)[: PAGE + 1])
    record(
        staff(request).username,
        "audit.view",
        actor_id=request.user.pk,
        filters=criteria.as_detail(),
    )
    return render(
        request,
        "workspace/dpo/audit.html",
        {
            "form": form if request.GET else AuditFilterForm(),
            "events": events[:PAGE],
            "more": len(events) > PAGE,
            "actions": viewer.actions(),
            "query": request.GET.urlencode(),
        },
    )


@dpo_required
def audit_csv(request: HttpRequest) -> HttpResponse:
    criteria = (
        _criteria(request, AuditFilterForm(request.GET)) if request.GET else viewer.AuditFilter()
    )
    body = viewer.as_csv(viewer.filtered(criteria))
    record(
        staff(request).username,
        "audit.export",
        actor_id=request.user.pk,
        filters=criteria.as_detail(),
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="protokoll-{timezone.localdate():%Y%m%d}.csv"'
    )
    return response


def _person(request: HttpRequest, form: PersonForm) -> list[Ticket]:
    return access.tickets_of_person(
        staff(request), email=form.cleaned_data["email"], phone=form.cleaned_data["phone"]
    )


@dpo_required
def person(request: HttpRequest) -> HttpResponse:
    """Find one person's tickets; shows what an erasure would keep and why."""
    form = PersonForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if request.GET and form.is_valid():
        tickets = _person(request, form)
        context["tickets"] = tickets
        context["preview"] = subject.erase(staff(request), tickets, dry_run=True)
        context["query"] = request.GET.urlencode()
    return render(request, "workspace/dpo/person.html", context)


@dpo_required
@require_POST
def person_export(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST)
    if not form.is_valid():
        return render(request, "workspace/dpo/person.html", {"form": form}, status=400)
    data = subject.export_zip(staff(request), _person(request, form))
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="auskunft-{timezone.localdate():%Y%m%d}.zip"'
    )
    return response


@dpo_required
@require_POST
def person_erase(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST)
    if not form.is_valid():
        return render(request, "workspace/dpo/person.html", {"form": form}, status=400)
    outcomes = subject.erase(staff(request), _person(request, form))
    return render(request, "workspace/dpo/person.html", {"form": form, "outcomes": outcomes})
