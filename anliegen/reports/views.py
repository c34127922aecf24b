"""Reports for leads (their offices) and administrators, CSV export, public figures."""

from __future__ import annotations

import csv
from datetime import timedelta
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from anliegen.organization.models import OrgUnit, User
from anliegen.tickets.models import Channel

from .figures import ReportFilter, build_report, daily, period_start, report_scope
from .forms import ReportFilterForm

CSV_FIELDS = (
    "incoming",
    "responded",
    "responded_in_time",
    "resolved",
    "resolved_in_time",
    "auto_routed",
    "rerouted",
    "effort_minutes",
    "effort_entries",
)


def _scope(request: HttpRequest) -> frozenset[int] | None:
    scope = report_scope(cast(User, request.user))
    if scope is not None and not scope:
        raise PermissionDenied(_("Berichte sehen Leitungen und Administration."))
    return scope


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    form = ReportFilterForm(request.GET or None, scope=scope)
    flt = form.report_filter(timezone.localdate())
    context = {"form": form, "filter": flt, "report": build_report(flt, scope)}
    return render(request, "reports/dashboard.html", context)


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    form = ReportFilterForm(request.GET or None, scope=scope)
    flt = form.report_filter(timezone.localdate())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="anliegen-{flt.date_from}-{flt.date_to}.csv"'
    )
    _write_csv(response, flt, scope)
    return response


def _write_csv(out: HttpResponse, flt: ReportFilter, scope: frozenset[int] | None) -> None:
    writer = csv.writer(out)
    writer.writerow(["period", "org_unit", "channel", *CSV_FIELDS])
    names = dict(OrgUnit.objects.values_list("pk", "name"))
    totals: dict[tuple[str, str, str], list[int]] = {}
    rows: Any = (
        daily(flt, scope)
        .filter(date__gte=flt.date_from, date__lte=flt.date_to)
        .values("date", "org_unit_id", "channel")
        .annotate(**{f: Sum(f) for f in CSV_FIELDS})
        .order_by("date", "org_unit_id", "channel")
    )
    for row in rows:
        key = (
            period_start(row["date"], flt.weekly).isoformat(),
            names.get(row["org_unit_id"], ""),
            row["channel"],
        )
        line = totals.setdefault(key, [0] * len(CSV_FIELDS))
        for i, name in enumerate(CSV_FIELDS):
            line[i] += row[name] or 0
    for key, values in totals.items():
        if any(values):  # rows that only carry the backlog snapshot
            writer.writerow([*key, *values])


def public(request: HttpRequest) -> HttpResponse:
    """City-wide aggregates of the last twelve months: no names, no tickets, no offices."""
    today = timezone.localdate()
    flt = ReportFilter(date_from=today - timedelta(days=364), date_to=today, weekly=True)
    report = build_report(flt, None, by_unit_and_service=False)
    channels = dict(Channel.choices)
    context = {"report": report, "filter": flt, "channels": channels}
    return render(request, "reports/public.html", context)
