"""Duration histogram buckets (hours) and quantiles read from them."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from datetime import timedelta

# Upper bounds in hours: hourly for the first day, then coarser; the last bucket is open.
EDGES: tuple[float, ...] = (
    *range(1, 25),
    30, 36, 42, 48, 60, 72, 96, 120, 144, 168,
    *range(192, 721, 24),
    1080, 1440, 2160, float("inf"),
)  # fmt: skip


def bucket_of(duration: timedelta) -> int:
    """Index of the bucket whose upper bound is the first one ≥ ``duration``."""
    hours = max(duration.total_seconds(), 0) / 3600
    return bisect_left(EDGES, hours)


def quantile(counts: Mapping[int, int], q: float) -> float | None:
    """Upper bound (hours) of the bucket holding the ``q`` quantile, or None without data.

    Exact to the bucket width: "the median first response came within N hours".
    """
    total = sum(counts.values())
    if total == 0:
        return None
    rank = q * total
    seen = 0
    for bucket in sorted(counts):
        seen += counts[bucket]
        if seen >= rank:
            return EDGES[bucket]
    return EDGES[max(counts)]
