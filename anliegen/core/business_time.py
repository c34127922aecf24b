"""Business hours for deadlines: office hours on working days, Rheinland-Pfalz holidays."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

BERLIN = ZoneInfo("Europe/Berlin")


@lru_cache(maxsize=32)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("DE", subdiv="RP", years=year)


def is_holiday(day: date) -> bool:
    return day in _holidays(day.year)


@dataclass(frozen=True)
class OfficeHours:
    """Opening hours per weekday (0 = Monday); a day without entry is closed."""

    days: dict[int, tuple[time, time]] = field(
        default_factory=lambda: {d: (time(8), time(16)) for d in range(5)}
    )

    def window(self, day: date) -> tuple[datetime, datetime] | None:
        hours = self.days.get(day.weekday())
        if hours is None or is_holiday(day):
            return None
        start, end = hours
        return (datetime.combine(day, start, BERLIN), datetime.combine(day, end, BERLIN))


DEFAULT_HOURS = OfficeHours()


def add_business_hours(
    start: datetime, hours: float, office: OfficeHours = DEFAULT_HOURS
) -> datetime:
    """The moment when ``hours`` of office time have passed after ``start``."""
    remaining = timedelta(hours=hours)
    current = start.astimezone(BERLIN)
    for _day in range(3660):  # ten years of days is far beyond any service target
        window = office.window(current.date())
        if window is not None:
            begin = max(current, window[0])
            if begin < window[1]:
                available = window[1] - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
        current = datetime.combine(current.date() + timedelta(days=1), time(0), BERLIN)
    raise ValueError("office hours have no open time")


def add_business_days(start: datetime, days: int, office: OfficeHours = DEFAULT_HOURS) -> datetime:
    """End of office hours on the ``days``-th working day after ``start``."""
    current = start.astimezone(BERLIN).date()
    counted = 0
    while True:
        current += timedelta(days=1)
        window = office.window(current)
        if window is not None:
            counted += 1
            if counted >= days:
                return window[1]


def business_time_between(
    start: datetime, end: datetime, office: OfficeHours = DEFAULT_HOURS
) -> timedelta:
    """Office time that passes from ``start`` to ``end`` (zero if ``end`` is not later)."""
    total = timedelta()
    current = start.astimezone(BERLIN)
    end = end.astimezone(BERLIN)
    while current < end:
        window = office.window(current.date())
        if window is not None:
            begin = max(current, window[0])
            finish = min(end, window[1])
            if finish > begin:
                total += finish - begin
        current = datetime.combine(current.date() + timedelta(days=1), time(0), BERLIN)
    return total
