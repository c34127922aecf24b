"""Every report figure, declared once.

A ``Count`` is a number kept per day × office × service × channel in the daily figures (the
CSV export has one column per exported count). A ``Figure`` is what people read: a German
label, a unit, how its value follows from the counts of a period (``Totals``), an optional
detail, its CSV column (only for figures that follow from the sums of one CSV row), and
whether the public page and the staff digest show it. The dashboard, the public page, the CSV
export and the digest are all driven by these two lists, in their order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .buckets import quantile


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    HOURS = "hours"
    MINUTES = "minutes"


class Section(StrEnum):
    KPIS = "kpis"  # "Kennzahlen" on the dashboard and the public page
    EFFORT = "effort"  # "Bearbeitungszeit (Zeiterfassung)", dashboard only


@dataclass(frozen=True)
class Totals:
    """What figures are computed from: for one period (or one CSV row) the sums of the daily
    counts, the stock counts at its end, the duration histograms and the deflections."""

    sums: Mapping[str, int]
    stock: Mapping[str, int] = field(default_factory=dict)
    durations: Mapping[str, Mapping[int, int]] = field(default_factory=dict)
    deflected: int = 0

    def sum(self, key: str) -> int:
        return self.sums.get(key, 0) or 0

    def quantile(self, metric: str, q: float) -> float | None:
        return quantile(dict(self.durations.get(metric, {})), q)


@dataclass(frozen=True)
class Count:
    """A daily count; ``csv`` is its column header in the export ("" = not exported)."""

    key: str
    csv: str = ""
    stock: bool = False  # a snapshot at the end of the day, per office only (not summed)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str | Promise
    unit: Unit
    value: Callable[[Totals], float | None]
    detail: Callable[[Totals], str] | None = None
    csv: str = ""  # only for figures that follow from ``Totals.sums`` alone
    section: Section = Section.KPIS
    public: bool = True
    digest: bool = False


@dataclass(frozen=True)
class Shown:
    """One figure's value for one period, ready to print."""

    figure: Figure
    value: float | None
    text: str
    detail: str

    @property
    def label(self) -> str:
        return str(self.figure.label)


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def display(unit: Unit, value: float | None) -> str:
    """A value as people read it, in the active language."""
    if value is None:
        return "–"
    if unit is Unit.HOURS:
        return _hours(value)
    text = formats.localize(value if unit is Unit.PERCENT else round(value, 1))
    return f"{text} %" if unit is Unit.PERCENT else str(text)


def _hours(value: float) -> str:
    """A duration in hours: "≤ 5 Std." or "≤ 3 Tage"."""
    if value == float("inf"):
        return _("mehr als 90 Tage")
    if value <= 48:
        return _("≤ %(n)s Std.") % {"n": f"{value:g}"}
    return _("≤ %(n)s Tage") % {"n": f"{value / 24:g}"}


def show(figure: Figure, totals: Totals) -> Shown:
    value = figure.value(totals)
    detail = figure.detail(totals) if figure.detail else ""
    return Shown(figure, value, display(figure.unit, value), detail)


def _ratio(part: str, whole: str) -> Callable[[Totals], str]:
    return lambda t: f"{t.sum(part)}/{t.sum(whole)}"


def _kept(t: Totals) -> int:
    return t.sum("auto_routed") - t.sum("rerouted")


def _effort_per_resolved(t: Totals) -> float | None:
    """Average recorded minutes per resolved concern, over those with a record."""
    resolved = t.sum("resolved_with_effort")
    return round(t.sum("effort_resolved_minutes") / resolved, 1) if resolved else None


def _entries(t: Totals) -> str:
    n = t.sum("effort_entries")
    return ngettext("%(entries)s Eintrag", "%(entries)s Einträge", n) % {"entries": n}


def _resolved_with_effort(t: Totals) -> str:
    n = t.sum("resolved_with_effort")
    return ngettext(
        "%(resolved)s erledigtes Anliegen mit Zeiterfassung",
        "%(resolved)s erledigte Anliegen mit Zeiterfassung",
        n,
    ) % {"resolved": n}


def satisfaction(t: Totals) -> float | None:
    """The average rating (1–5) of the answers with a rating."""
    rated = t.sum("feedback_rated")
    return round(t.sum("rating_sum") / rated, 1) if rated else None


def _rated(t: Totals) -> str:
    n = t.sum("feedback_rated")
    return ngettext("%(n)s Bewertung", "%(n)s Bewertungen", n) % {"n": n}


COUNTS: list[Count] = [
    Count("incoming", csv="incoming"),
    Count("responded", csv="responded"),  # first responses given that day
    Count("responded_in_time", csv="responded_in_time"),
    Count("resolved", csv="resolved"),
    Count("resolved_in_time", csv="resolved_in_time"),
    Count("auto_routed", csv="auto_routed"),
    Count("rerouted", csv="rerouted"),  # of the auto-routed, moved by staff
    Count("effort_minutes", csv="effort_minutes"),  # staff minutes recorded that day
    Count("effort_entries", csv="effort_entries"),
    # The whole recorded effort of the tickets resolved that day (those with a record).
    Count("effort_resolved_minutes"),
    Count("resolved_with_effort"),
    Count("open_at_end", stock=True),  # backlog at the end of the day
    Count("feedback", csv="feedback"),  # answers to „Wurde Ihr Anliegen gelöst?“
    Count("feedback_solved", csv="feedback_solved"),
    Count("feedback_rated", csv="feedback_rated"),
    Count("rating_sum", csv="rating_sum"),
]

FIGURES: list[Figure] = [
    Figure(
        "incoming", gettext_lazy("Eingang"), Unit.COUNT, lambda t: t.sum("incoming"), digest=True
    ),
    Figure(
        "backlog",
        gettext_lazy("Offener Bestand (Ende des Zeitraums, je Stelle)"),
        Unit.COUNT,
        lambda t: t.stock.get("open_at_end", 0),
        digest=True,
    ),
    Figure(
        "first_response_median",
        gettext_lazy("Erste Antwort: Median"),
        Unit.HOURS,
        lambda t: t.quantile("first_response", 0.5),
    ),
    Figure(
        "first_response_p90",
        gettext_lazy("Erste Antwort: 90 %"),
        Unit.HOURS,
        lambda t: t.quantile("first_response", 0.9),
    ),
    Figure(
        "resolution_median",
        gettext_lazy("Erledigung: Median"),
        Unit.HOURS,
        lambda t: t.quantile("resolution", 0.5),
    ),
    Figure(
        "resolution_p90",
        gettext_lazy("Erledigung: 90 %"),
        Unit.HOURS,
        lambda t: t.quantile("resolution", 0.9),
    ),
    Figure(
        "response_compliance",
        gettext_lazy("Erste Antwort fristgerecht"),
        Unit.PERCENT,
        lambda t: share(t.sum("responded_in_time"), t.sum("responded")),
        detail=_ratio("responded_in_time", "responded"),
        digest=True,
    ),
    Figure(
        "resolution_compliance",
        gettext_lazy("Erledigung fristgerecht"),
        Unit.PERCENT,
        lambda t: share(t.sum("resolved_in_time"), t.sum("resolved")),
        detail=_ratio("resolved_in_time", "resolved"),
        digest=True,
    ),
    Figure(
        "deflection_total",
        gettext_lazy("Zu Online-Dienst oder Termin geleitet"),
        Unit.COUNT,
        lambda t: t.deflected,
    ),
    Figure(
        "kept_share",
        gettext_lazy("Automatisch zugeordnet und behalten"),
        Unit.PERCENT,
        lambda t: share(_kept(t), t.sum("auto_routed")),
        detail=lambda t: f"{_kept(t)}/{t.sum('auto_routed')}",
    ),
    Figure(
        "solved_share",
        gettext_lazy("Rückmeldung: Anliegen gelöst"),
        Unit.PERCENT,
        lambda t: share(t.sum("feedback_solved"), t.sum("feedback")),
        detail=_ratio("feedback_solved", "feedback"),
        csv="solved_share",
    ),
    Figure(
        "satisfaction",
        gettext_lazy("Zufriedenheit (Durchschnitt, 1–5)"),
        Unit.COUNT,
        satisfaction,
        detail=_rated,
        csv="satisfaction",
    ),
    Figure(
        "effort_minutes",
        gettext_lazy("Erfasster Aufwand im Zeitraum (Minuten)"),
        Unit.MINUTES,
        lambda t: t.sum("effort_minutes"),
        detail=_entries,
        section=Section.EFFORT,
        public=False,
    ),
    Figure(
        "effort_per_resolved",
        gettext_lazy("Aufwand je erledigtem Anliegen (Durchschnitt, Minuten)"),
        Unit.MINUTES,
        _effort_per_resolved,
        detail=_resolved_with_effort,
        section=Section.EFFORT,
        public=False,
    ),
]


def counts() -> list[Count]:
    return COUNTS


def figures() -> list[Figure]:
    return FIGURES


def csv_columns() -> list[tuple[str, Callable[[Totals], float | None]]]:
    """The export's value columns: the exported counts, then the exported figures."""
    columns: list[tuple[str, Callable[[Totals], float | None]]] = [
        (c.csv, _summed(c.key)) for c in counts() if c.csv
    ]
    return columns + [(f.csv, f.value) for f in figures() if f.csv]


def _summed(key: str) -> Callable[[Totals], float | None]:
    return lambda t: t.sum(key)
