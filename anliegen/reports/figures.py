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

from . import registry
from .buckets import EDGES
from .models import DailyFigure, DurationFigure
from .registry import Section, Shown, Totals, show

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
    """The figures of one period (``totals``, read through the registry) and its charts."""

    totals: Totals
    incoming_series: list[Bar] = field(default_factory=list)
    by_channel: list[Bar] = field(default_factory=list)
    by_office: list[Bar] = field(default_factory=list)
    by_service: list[Bar] = field(default_factory=list)
    backlog_age: list[Bar] = field(default_factory=list)
    deflection: list[Bar] = field(default_factory=list)
    effort_by_office: list[Bar] = field(default_factory=list)
    satisfaction_by_office: list[Bar] = field(default_factory=list)
    satisfaction_by_service: list[Bar] = field(default_factory=list)

    def shown(self, section: Section | None = None, *, public: bool = False) -> list[Shown]:
        return [
            show(f, self.totals)
            for f in registry.figures()
            if (section is None or f.section == section) and (f.public or not public)
        ]

    @property
    def kpis(self) -> list[Shown]:
        return self.shown(Section.KPIS)

    @property
    def public_kpis(self) -> list[Shown]:
        return self.shown(Section.KPIS, public=True)

    @property
    def effort(self) -> list[Shown]:
        return self.shown(Section.EFFORT)

    def figure(self, key: str) -> float | None:
        """The value of the registered figure ``key``."""
        return next(f.value(self.totals) for f in registry.figures() if f.key == key)

    def __getattr__(self, name: str) -> Any:
        # report.<figure key> or report.<count key>, e.g. in templates and tests.
        if name.startswith("_") or name == "totals":
            raise AttributeError(name)
        if any(f.key == name for f in registry.figures()):
            return self.figure(name)
        if any(c.key == name for c in registry.counts()):
            return self.totals.sum(name)
        raise AttributeError(name)

    @property
    def incoming_total(self) -> int:
        return self.totals.sum("incoming")

    @property
    def kept(self) -> int:
        return self.totals.sum("auto_routed") - self.totals.sum("rerouted")


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


def _satisfaction(
    qs: QuerySet[DailyFigure], key: str, names: dict[Any, str], limit: int
) -> list[Bar]:
    """The average rating (1–5) per office or service, those with most ratings first."""
    rows = (
        qs.values(key)
        .annotate(rated=Sum("feedback_rated"), total=Sum("rating_sum"))
        .filter(rated__gt=0)
        .order_by("-rated", key)[:limit]
    )
    return bars((names.get(row[key], "–"), round(row["total"] / row["rated"], 1)) for row in rows)


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
    summed = [c.key for c in registry.counts() if not c.stock]
    sums = ranged.aggregate(**{key: Sum(key) for key in summed})
    # The backlog is kept per office only, so service and channel filters do not apply.
    at_end = DailyFigure.objects.filter(_units(flt, scope), date=flt.date_to, channel="")
    stocked = [c.key for c in registry.counts() if c.stock]
    stock = at_end.aggregate(**{key: Sum(key) for key in stocked}) if stocked else {}
    metric = DurationFigure.Metric
    durations = {
        metric.BACKLOG_AGE.value: _durations(
            flt, scope, metric.BACKLOG_AGE, flt.date_to, flt.date_to
        ),
        metric.FIRST_RESPONSE.value: _durations(
            flt, scope, metric.FIRST_RESPONSE, flt.date_from, flt.date_to
        ),
        metric.RESOLUTION.value: _durations(
            flt, scope, metric.RESOLUTION, flt.date_from, flt.date_to
        ),
    }
    deflection = _deflection(flt)
    totals = Totals(
        sums={k: v or 0 for k, v in sums.items()},
        stock={k: v or 0 for k, v in stock.items()},
        durations=durations,
        deflected=sum(int(b.value) for b in deflection),
    )
    report = Report(totals, deflection=deflection)
    report.incoming_series = _series(ranged, flt)
    channels: dict[Any, str] = {value: str(label) for value, label in Channel.choices}
    report.by_channel = _breakdown(ranged, "channel", channels, 10)
    if by_unit_and_service:
        report.by_office = _breakdown(ranged, "org_unit_id", dict(_names(OrgUnit)), 15)
        report.by_service = _breakdown(ranged, "service_id", dict(_names(Service)), 15)
        report.effort_by_office = _breakdown(
            ranged, "org_unit_id", dict(_names(OrgUnit)), 15, value="effort_minutes"
        )
        report.satisfaction_by_office = _satisfaction(
            ranged, "org_unit_id", dict(_names(OrgUnit)), 15
        )
        report.satisfaction_by_service = _satisfaction(
            ranged, "service_id", dict(_names(Service)), 15
        )
    report.backlog_age = _backlog_age(durations[metric.BACKLOG_AGE.value])
    return report


def csv_rows(
    flt: ReportFilter, scope: frozenset[int] | None
) -> dict[tuple[str, str, str], dict[str, int]]:
    """The sums of the daily counts per period × office name × channel (for the export);
    rows that only carry the backlog snapshot are left out."""
    keys = [c.key for c in registry.counts() if not c.stock]
    names = dict(OrgUnit.objects.values_list("pk", "name"))
    rows: dict[tuple[str, str, str], dict[str, int]] = {}
    daily_rows: Any = (
        daily(flt, scope)
        .filter(date__gte=flt.date_from, date__lte=flt.date_to)
        .values("date", "org_unit_id", "channel")
        .annotate(**{k: Sum(k) for k in keys})
        .order_by("date", "org_unit_id", "channel")
    )
    for row in daily_rows:
        period = period_start(row["date"], flt.weekly).isoformat()
        key = (period, names.get(row["org_unit_id"], ""), row["channel"])
        sums = rows.setdefault(key, dict.fromkeys(keys, 0))
        for k in keys:
            sums[k] += row[k] or 0
    return {key: sums for key, sums in rows.items() if any(sums.values())}


def _names(model: type[OrgUnit] | type[Service]) -> list[tuple[int, str]]:
    return [(pk, name) for pk, name in model.objects.values_list("pk", "name")]


def _deflection(flt: ReportFilter) -> list[Bar]:
    qs = DeflectionCount.objects.filter(date__gte=flt.date_from, date__lte=flt.date_to)
    if flt.service_id:
        qs = qs.filter(service_id=flt.service_id)
    labels: dict[str, Any] = dict(DeflectionCount.Channel.choices)
    rows = qs.values("channel").annotate(n=Sum("count")).order_by("channel")
    return bars((labels.get(r["channel"], r["channel"]), r["n"]) for r in rows)
