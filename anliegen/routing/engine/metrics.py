"""Figures of a routing model on labelled texts: service and office level, auto-routing,
precision/coverage at several thresholds and a reliability table with the expected
calibration error.

Pure Python, so the management command and the benchmarks print the same figures. An
outcome holds what the model said about one text and what was right; a text may be labelled
with a service, an office, or both (an office alone is enough to measure whether a ticket
reaches the right desk).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
BINS = 10


@dataclass(frozen=True)
class Outcome:
    service: str | None  # the right service, if labelled
    office: str | None  # the right office (lead unit), if labelled or known from the service
    services: tuple[str, ...]  # suggested services, best first
    offices: tuple[str, ...]  # suggested offices, best first, each once
    confidence: float  # the model's confidence in its first suggestion

    def hit(self, level: str, k: int = 1) -> bool | None:
        """Whether the right service/office is among the first ``k``; None if not labelled."""
        truth, ranked = (
            (self.service, self.services) if level == "service" else (self.office, self.offices)
        )
        if truth is None:
            return None
        return truth in ranked[:k]


def rank_offices(services: Iterable[str], office_of: Mapping[str, str]) -> tuple[str, ...]:
    """Offices in the order their services were suggested, each once."""
    return tuple(dict.fromkeys(office_of[s] for s in services if s in office_of))


@dataclass(frozen=True)
class Rate:
    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.value:6.1%}" if self.total else "     –"


def rate(outcomes: Iterable[Outcome], level: str, k: int = 1) -> Rate:
    hits = [h for o in outcomes if (h := o.hit(level, k)) is not None]
    return Rate(sum(hits), len(hits))


@dataclass(frozen=True)
class Coverage:
    threshold: float
    routed: Rate  # share of all texts at or above the threshold
    service: Rate  # of those, first service right
    office: Rate  # of those, first office right


def coverage(outcomes: Sequence[Outcome], threshold: float) -> Coverage:
    routed = [o for o in outcomes if o.confidence >= threshold]
    return Coverage(
        threshold, Rate(len(routed), len(outcomes)), rate(routed, "service"), rate(routed, "office")
    )


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    confidence: float  # mean confidence in the bin
    accuracy: float  # share right in the bin


@dataclass(frozen=True)
class Reliability:
    level: str
    bins: tuple[Bin, ...]
    ece: float  # expected calibration error: count-weighted mean |accuracy - confidence|


def reliability(outcomes: Sequence[Outcome], level: str, bins: int = BINS) -> Reliability:
    """Equal-width confidence bins; a text counts as right when its first suggestion is."""
    labelled = [(o.confidence, h) for o in outcomes if (h := o.hit(level)) is not None]
    table: list[Bin] = []
    gap = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(c, h) for c, h in labelled if low <= c < high or (b == bins - 1 and c >= high)]
        if not inside:
            continue
        conf = sum(c for c, _ in inside) / len(inside)
        acc = sum(h for _, h in inside) / len(inside)
        table.append(Bin(low, high, len(inside), conf, acc))
        gap += len(inside) * abs(acc - conf)
    return Reliability(level, tuple(table), gap / len(labelled) if labelled else 0.0)


@dataclass(frozen=True)
class Summary:
    total: int
    top: dict[tuple[str, int], Rate]  # (level, k) → rate
    auto: Coverage  # at the policy threshold
    curve: tuple[Coverage, ...]
    calibration: tuple[Reliability, ...]


LEVELS = ("office", "service")


def summarize(
    outcomes: Sequence[Outcome], threshold: float, thresholds: Sequence[float] = THRESHOLDS
) -> Summary:
    return Summary(
        total=len(outcomes),
        top={(level, k): rate(outcomes, level, k) for level in LEVELS for k in (1, 3)},
        auto=coverage(outcomes, threshold),
        curve=tuple(coverage(outcomes, t) for t in sorted({*thresholds, threshold})),
        calibration=tuple(
            reliability(outcomes, level) for level in LEVELS if rate(outcomes, level).total
        ),
    )


def report_lines(summary: Summary) -> list[str]:
    """The summary as plain text lines (management command, benchmarks)."""
    out = [f"{summary.total} texts"]
    for level in LEVELS:
        top1, top3 = summary.top[(level, 1)], summary.top[(level, 3)]
        if top1.total:
            out.append(f"{level:8s} top-1 {top1}   top-3 {top3}   (n={top1.total})")
    a = summary.auto
    out.append(
        f"auto-routed at {a.threshold:.2f}: {a.routed} of texts; of those right office "
        f"{a.office}, right service {a.service}"
    )
    out.append("\nprecision / coverage (routed = confidence at or above the threshold):")
    out.append("  threshold  routed  right office  right service")
    for c in summary.curve:
        out.append(f"  {c.threshold:9.2f}  {c.routed}  {c.office}        {c.service}")
    for table in summary.calibration:
        out.append(
            f"\nreliability ({table.level} of the first suggestion right), ECE {table.ece:.3f}:"
        )
        out.append("  confidence      n   mean conf.  right")
        for b in table.bins:
            out.append(
                f"  {b.low:.1f}–{b.high:.1f}  {b.count:6d}   {b.confidence:8.1%}  {b.accuracy:6.1%}"
            )
    return out
