"""Reports for leads (their offices) and administrators, CSV export, public figures."""

from __future__ import annotations

import csv
from datetime import timedelta
from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from anliegen.organization.models import User
from anliegen.tickets.models import Channel

from . import registry
from .figures import ReportFilter, build_report, csv_rows, report_scope
from .forms import ReportFilterForm
from .registry import Totals


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
    """One row per period × office × channel; the columns come from the figure registry."""
    columns = registry.csv_columns()
    writer = csv.writer(out)
    writer.writerow(["period", "org_unit", "channel", *(header for header, _v in columns)])
    for key, sums in csv_rows(flt, scope).items():
        totals = Totals(sums)
        values = [value(totals) for _header, value in columns]
        writer.writerow([*key, *("" if v is None else v for v in values)])


def public(request: HttpRequest) -> HttpResponse:
    """City-wide aggregates of the last twelve months: no names, no tickets, no offices."""
    today = timezone.localdate()
    flt = ReportFilter(date_from=today - timedelta(days=364), date_to=today, weekly=True)
    report = build_report(flt, None, by_unit_and_service=False)
    channels = dict(Channel.choices)
    context = {"report": report, "filter": flt, "channels": channels}
    return render(request, "reports/public.html", context)
