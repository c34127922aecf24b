"""The public list /meldungen/ and its feeds: filters (service kind = topic, district,
status), newest first. The rows are ``public.published()`` — the same as Open311 — and
become public fields only through ``public.report``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import District, Service, Topic
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import PUBLIC_STATUS, PublicStatus

from . import public

PAGE_SIZE = 20
FEED_SIZE = 50


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Filters:
    kind: str = ""  # topic key
    district: str = ""  # district key
    status: str = ""  # a PublicStatus value, or "open" / "closed"

    @classmethod
    def of(cls, params: dict[str, str]) -> Filters:
        """Unknown values are ignored (a stale bookmark still shows the list)."""
        kind = params.get("art", "")
        district = params.get("stadtteil", "")
        status = params.get("stand", "")
        return cls(
            kind=kind if kind in {c.value for c in kinds()} else "",
            district=district if District.objects.filter(key=district).exists() else "",
            status=status if status in {c.value for c in statuses()} else "",
        )

    def query(self) -> dict[str, str]:
        pairs = {"art": self.kind, "stadtteil": self.district, "stand": self.status}
        return {k: v for k, v in pairs.items() if v}


def kinds() -> list[Choice]:
    """Topics that have a defect service."""
    topics = Topic.objects.filter(services__kind=Service.Kind.DEFECT).distinct().order_by("name")
    return [Choice(t.key, t.name) for t in topics]


def districts() -> list[Choice]:
    return [Choice(d.key, d.name) for d in District.objects.order_by("name")]


def statuses() -> list[Choice]:
    return [
        Choice("open", str(_("offen"))),
        Choice("closed", str(_("erledigt oder abgeschlossen"))),
        *(Choice(s.value, str(s.label)) for s in PublicStatus),
    ]


def _internal(status: str) -> list[str]:
    if status == "open":
        wanted = {PublicStatus.RECEIVED, PublicStatus.IN_PROGRESS, PublicStatus.QUESTION}
    elif status == "closed":
        wanted = {PublicStatus.DONE, PublicStatus.CLOSED}
    else:
        wanted = {PublicStatus(status)}
    return [internal.value for internal, shown in PUBLIC_STATUS.items() if shown in wanted]


def reports(filters: Filters) -> QuerySet[Ticket]:
    rows = public.published()
    if filters.kind:
        rows = rows.filter(service__topic__key=filters.kind)
    if filters.district:
        rows = rows.filter(district__key=filters.district)
    if filters.status:
        rows = rows.filter(status__in=_internal(filters.status))
    return rows.order_by("-created_at", "-pk")
