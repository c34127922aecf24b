"""Read side of the reports: sums over the pre-aggregated daily figures, never over tickets."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import Service
from anliegen.organization.models import OrgUnit, User
from anliegen.portal.models import DeflectionCount
from anliegen.privacy.needtoknow import report_units
from anliegen.tickets.models import Channel

from .buckets import EDGES, quantile
from .models import DailyFigure, DurationFigure

AGE_RANGES: tuple[tuple[float, Any], ...] = (
    (24, _("bis 1 Tag")),
    (72, _("bis 3 Tage")),
    (168, _("bis 7 Tage")),
    (336, _("bis 14 Tage")),
    (720, _("bis 30 Tage")),
    (float("inf"), _("länger")),
)


def report_scope(user: User) -> frozenset[int] | None:
    """Units whose figures ``user`` may see: None = all (administrators), empty = none; the
    rule is privacy.needtoknow's."""
    return report_units(user)


def may_see_reports(user: User) -> bool:
    scope = report_scope(user)
    return scope is None or bool(scope)


@dataclass(frozen=True)
class ReportFilter:
    date_from: date
    date_to: date
    org_unit_id: int | None = None
    service_id: int | None = None
    channel: str = ""
    weekly: bool = False


@dataclass
class Bar:
    label: str
    value: float
    percent: float = 0.0


def bars(rows: Iterable[tuple[Any, float]]) -> list[Bar]:
    items = [Bar(str(label), value) for label, value in rows]
    top = max((b.value for b in items), default=0) or 1
    for item in items:
        item.percent = round(100 * item.value / top, 1)
    return items


@dataclass
class Report:
    incoming_total: int = 0
    incoming_series: list[Bar] = field(default_factory=list)
    by_channel: list[Bar] = field(default_factory=list)
    by_office: list[Bar] = field(default_factory=list)
    by_service: list[Bar] = field(default_factory=list)
    backlog: int = 0
    backlog_age: list[Bar] = field(default_factory=list)
    first_response_median: float | None = None
    first_response_p90: float | None = None
    resolution_median: float | None = None
    resolution_p90: float | None = None
    responded: int = 0
    responded_in_time: int = 0
    resolved: int = 0
    resolved_in_time: int = 0
    deflection: list[Bar] = field(default_factory=list)
    deflection_total: int = 0
    auto_routed: int = 0
    rerouted: int = 0
    effort_minutes: int = 0
    effort_entries: int = 0
    effort_resolved_minutes: int = 0
    resolved_with_effort: int = 0
    effort_by_office: list[Bar] = field(default_factory=list)

    @property
    def response_compliance(self) -> float | None:
        return _share(self.responded_in_time, self.responded)

    @property
    def resolution_compliance(self) -> float | None:
        return _share(self.resolved_in_time, self.resolved)

    @property
    def kept(self) -> int:
        return self.auto_routed - self.rerouted

    @property
    def kept_share(self) -> float | None:
        return _share(self.kept, self.auto_routed)

    @property
    def effort_per_resolved(self) -> float | None:
        """Average recorded minutes per resolved concern, over those with a record."""
        if not self.resolved_with_effort:
            return None
        return round(self.effort_resolved_minutes / self.resolved_with_effort, 1)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _units(flt: ReportFilter, scope: frozenset[int] | None) -> Q:
    q = Q()
    if scope is not None:
        q &= Q(org_unit_id__in=scope)
    if flt.org_unit_id:
        q &= Q(org_unit_id=flt.org_unit_id)
    return q


def daily(flt: ReportFilter, scope: frozenset[int] | None) -> QuerySet[DailyFigure]:
    qs = DailyFigure.objects.filter(_units(flt, scope))
    if flt.service_id:
        qs = qs.filter(service_id=flt.service_id)
    if flt.channel:
        qs = qs.filter(channel=flt.channel)
    return qs


def period_start(day: date, weekly: bool) -> date:
    return day - timedelta(days=day.weekday()) if weekly else day


def _series(qs: QuerySet[DailyFigure], flt: ReportFilter) -> list[Bar]:
    totals: dict[date, int] = defaultdict(int)
    for row in qs.values("date").annotate(n=Sum("incoming")).order_by():
        totals[period_start(row["date"], flt.weekly)] += row["n"] or 0
    day, rows = period_start(flt.date_from, flt.weekly), []
    step = timedelta(days=7 if flt.weekly else 1)
    while day <= flt.date_to:
        label = f"{day:%d.%m.%Y}" if not flt.weekly else f"KW {day.isocalendar()[1]}/{day.year}"
        rows.append((label, totals.get(day, 0)))
        day += step
    return bars(rows)


def _breakdown(
    qs: QuerySet[DailyFigure],
    key: str,
    names: dict[Any, str],
    limit: int,
    value: str = "incoming",
) -> list[Bar]:
    rows = qs.values(key).annotate(n=Sum(value)).filter(n__gt=0).order_by("-n", key)[:limit]
    return bars((names.get(row[key], "–"), row["n"]) for row in rows)


def _durations(
    flt: ReportFilter, scope: frozenset[int] | None, metric: str, first: date, last: date
) -> dict[int, int]:
    qs = DurationFigure.objects.filter(
        _units(flt, scope), metric=metric, date__gte=first, date__lte=last
    )
    return {r["bucket"]: r["n"] for r in qs.values("bucket").annotate(n=Sum("count")).order_by()}


def _backlog_age(counts: dict[int, int]) -> list[Bar]:
    grouped = [0] * len(AGE_RANGES)
    for bucket, n in counts.items():
        hours = EDGES[bucket]
        index = next(i for i, (limit, _label) in enumerate(AGE_RANGES) if hours <= limit)
        grouped[index] += n
    return bars((label, grouped[i]) for i, (_limit, label) in enumerate(AGE_RANGES))


def build_report(
    flt: ReportFilter, scope: frozenset[int] | None, *, by_unit_and_service: bool = True
) -> Report:
    """Every figure of the dashboard for one filter, in a fixed number of queries."""
    base = daily(flt, scope)
    ranged = base.filter(date__gte=flt.date_from, date__lte=flt.date_to)
    sums = ranged.aggregate(
        *[
            Sum(name)
            for name in (
                "incoming",
                "responded",
                "responded_in_time",
                "resolved",
                "resolved_in_time",
                "auto_routed",
                "rerouted",
                "effort_minutes",
                "effort_entries",
                "effort_resolved_minutes",
                "resolved_with_effort",
            )
        ]
    )
    report = Report()
    for key, value in sums.items():
        name = key.removesuffix("__sum")
        setattr(report, "incoming_total" if name == "incoming" else name, value or 0)
    report.incoming_series = _series(ranged, flt)
    channels: dict[Any, str] = {value: str(label) for value, label in Channel.choices}
    report.by_channel = _breakdown(ranged, "channel", channels, 10)
    if by_unit_and_service:
        report.by_office = _breakdown(ranged, "org_unit_id", dict(_names(OrgUnit)), 15)
        report.by_service = _breakdown(ranged, "service_id", dict(_names(Service)), 15)
        report.effort_by_office = _breakdown(
            ranged, "org_unit_id", dict(_names(OrgUnit)), 15, value="effort_minutes"
        )
    # The backlog is kept per office only, so service and channel filters do not apply.
    backlog = DailyFigure.objects.filter(_units(flt, scope), date=flt.date_to, channel="")
    report.backlog = backlog.aggregate(n=Sum("open_at_end"))["n"] or 0
    metric = DurationFigure.Metric
    report.backlog_age = _backlog_age(
        _durations(flt, scope, metric.BACKLOG_AGE, flt.date_to, flt.date_to)
    )
    first = _durations(flt, scope, metric.FIRST_RESPONSE, flt.date_from, flt.date_to)
    done = _durations(flt, scope, metric.RESOLUTION, flt.date_from, flt.date_to)
    report.first_response_median = quantile(first, 0.5)
    report.first_response_p90 = quantile(first, 0.9)
    report.resolution_median = quantile(done, 0.5)
    report.resolution_p90 = quantile(done, 0.9)
    _deflection(report, flt)
    return report


def _names(model: type[OrgUnit] | type[Service]) -> list[tuple[int, str]]:
    return [(pk, name) for pk, name in model.objects.values_list("pk", "name")]


def _deflection(report: Report, flt: ReportFilter) -> None:
    qs = DeflectionCount.objects.filter(date__gte=flt.date_from, date__lte=flt.date_to)
    if flt.service_id:
        qs = qs.filter(service_id=flt.service_id)
    labels: dict[str, Any] = dict(DeflectionCount.Channel.choices)
    rows = qs.values("channel").annotate(n=Sum("count")).order_by("channel")
    report.deflection = bars((labels.get(r["channel"], r["channel"]), r["n"]) for r in rows)
    report.deflection_total = sum(int(b.value) for b in report.deflection)
