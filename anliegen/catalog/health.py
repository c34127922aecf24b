"""What a catalogue editor should look at: services nobody answers for, that citizens cannot
find or reach, duplicates, and the services routing confuses most (from staff corrections)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from .models import LinkCheck, Responsibility, Service

# (service routed to, service staff corrected it to) → how often. The ticket domain registers
# its source in its AppConfig.ready(): the catalogue sits below tickets and may not import it.
ConfusionSource = Callable[[], Counter[tuple[str, str]]]
_confusions: ConfusionSource | None = None
SHOWN = 50  # rows per finding on the page


def register_confusions(source: ConfusionSource) -> None:
    global _confusions
    _confusions = source


@dataclass(frozen=True)
class Confusion:
    routed: Service
    corrected: Service
    count: int


@dataclass
class Health:
    without_office: list[Service] = field(default_factory=list)
    without_citizen_words: list[Service] = field(default_factory=list)
    without_ways: list[Service] = field(default_factory=list)
    broken_links: list[LinkCheck] = field(default_factory=list)
    duplicate_leika: list[tuple[str, list[Service]]] = field(default_factory=list)
    confusions: list[Confusion] = field(default_factory=list)
    links_checked: int = 0

    @property
    def problems(self) -> int:
        return (
            len(self.without_office)
            + len(self.without_citizen_words)
            + len(self.broken_links)
            + len(self.duplicate_leika)
        )


def _active() -> QuerySet[Service]:
    return Service.objects.filter(is_active=True).order_by("name")


def _duplicates() -> list[tuple[str, list[Service]]]:
    keys = (
        _active()
        .exclude(leika_key="")
        .order_by()  # an ordering column would join the GROUP BY
        .values("leika_key")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("leika_key", flat=True)
    )
    grouped: dict[str, list[Service]] = {}
    for service in _active().filter(leika_key__in=list(keys)):
        grouped.setdefault(service.leika_key, []).append(service)
    return sorted(grouped.items())


def _confusion_rows() -> list[Confusion]:
    if _confusions is None:
        return []
    pairs = _confusions().most_common(SHOWN)
    keys = {k for pair, _n in pairs for k in pair}
    by_key = {s.key: s for s in Service.objects.filter(key__in=keys)}
    return [
        Confusion(by_key[a], by_key[b], n) for (a, b), n in pairs if a in by_key and b in by_key
    ]


def catalogue_health() -> Health:
    current = Responsibility.objects.current().filter(
        service=OuterRef("pk"), role=Responsibility.Role.LEAD
    )
    active = _active()
    return Health(
        without_office=list(active.filter(~Exists(current))[:SHOWN]),
        without_citizen_words=list(active.filter(Q(citizen_name="") | Q(synonyms=[]))[:SHOWN]),
        without_ways=list(
            active.filter(kind=Service.Kind.REQUEST, online_service_url="", appointment_url="")[
                :SHOWN
            ]
        ),
        broken_links=list(
            LinkCheck.objects.filter(ok=False, service__is_active=True)
            .select_related("service")
            .order_by("service__name", "kind")[:SHOWN]
        ),
        duplicate_leika=_duplicates(),
        confusions=_confusion_rows(),
        links_checked=LinkCheck.objects.count(),
    )
