"""Read-side helpers for staff lists and the ticket page.

Every function receives a queryset that ``tickets.access`` already narrowed to what the user
may see; nothing here widens it. Each helper runs a fixed number of queries, however many rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce, Upper
from django.utils import timezone

from anliegen.catalog.models import Service
from anliegen.core.jsonrows import JSONRows
from anliegen.organization.models import OrgUnit, User
from anliegen.organization.units import descendant_ids, membership_unit_ids

from .consulted import consulted
from .models import Attachment, Consultation, EventKind, Message, Tag, Ticket, TicketEvent
from .status import OPEN_STATUSES, Status

PAGE_SIZE = 25
_FAR_FUTURE = datetime(9999, 12, 31, tzinfo=UTC)


class View(StrEnum):
    MINE = "mine"
    OFFICE = "office"
    TRIAGE = "triage"
    OVERDUE = "overdue"
    WAITING = "waiting"
    CONSULTATIONS = "consultations"
    ALL = "all"


class Sort(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    DUE = "due"
    PRIORITY = "priority"


@dataclass(frozen=True)
class Scope:
    """Who is asking: their id, their offices (with the units below) and direct memberships."""

    user_id: int
    unit_ids: frozenset[int]
    member_unit_ids: frozenset[int]

    @classmethod
    def of(cls, user: User) -> Scope:
        members = membership_unit_ids(user)
        return cls(user.pk, frozenset(descendant_ids(members)), frozenset(members))


@dataclass(frozen=True)
class InboxFilter:
    view: View = View.MINE
    statuses: tuple[str, ...] = ()
    service_id: int | None = None
    org_unit_id: int | None = None
    channel: str = ""
    date_from: date | None = None
    date_to: date | None = None
    priority: int | None = None
    tag: str = ""
    text: str = ""
    sort: Sort = Sort.NEWEST


def _open() -> Q:
    return Q(status__in=list(OPEN_STATUSES))


def view_q(view: View, scope: Scope) -> Q:
    """The condition of one inbox view."""
    if view == View.MINE:
        return Q(assignee_id=scope.user_id) & _open()
    if view == View.OFFICE:
        return Q(org_unit_id__in=scope.unit_ids, assignee__isnull=True) & _open()
    if view == View.TRIAGE:
        return Q(status=Status.TRIAGE)
    if view == View.OVERDUE:
        return Q(resolution_due__lt=timezone.now()) & _open()
    if view == View.WAITING:
        return Q(status__in=[Status.WAITING_CITIZEN, Status.WAITING_EXTERNAL])
    if view == View.CONSULTATIONS:
        # A list of ids, not a subquery, for the same reason as in access._visibility.
        return Q(pk__in=list(consulted(scope.member_unit_ids).unanswered_ticket_ids))
    return Q()


# "All visible" of a large office spans years of closed tickets; counting them exactly costs a
# scan of the whole scope on every inbox page, so that count stops here.
COUNT_CAP = 1_000


def view_counts(tickets: QuerySet[Ticket], scope: Scope) -> dict[str, int]:
    """How many tickets each view holds, in three queries. Every view but "consultations" and
    "all" lies within the open tickets, so only those rows are read (indexes on unit, assignee
    and status); "all" is counted up to COUNT_CAP (shown as "COUNT_CAP+")."""
    within_open = (View.MINE, View.OFFICE, View.TRIAGE, View.OVERDUE, View.WAITING)
    aggregates = {v.value: Count("pk", filter=view_q(v, scope)) for v in within_open}
    counts: dict[str, int] = tickets.filter(_open()).aggregate(**aggregates)
    # Every ticket an office of the user was consulted on is visible to the user (the
    # need-to-know rule), so the view's count is the number of those tickets: no query.
    counts[View.CONSULTATIONS.value] = len(consulted(scope.member_unit_ids).unanswered_ticket_ids)
    counts[View.ALL.value] = tickets.values("pk")[: COUNT_CAP + 1].count()
    return counts


def apply_filter(tickets: QuerySet[Ticket], flt: InboxFilter, scope: Scope) -> QuerySet[Ticket]:
    """The tickets of one view narrowed by the filter fields (not yet sorted or searched)."""
    qs = tickets.filter(view_q(flt.view, scope))
    if flt.statuses:
        qs = qs.filter(status__in=flt.statuses)
    if flt.service_id:
        qs = qs.filter(service_id=flt.service_id)
    if flt.org_unit_id:
        qs = qs.filter(org_unit_id=flt.org_unit_id)
    if flt.channel:
        qs = qs.filter(channel=flt.channel)
    if flt.date_from:
        qs = qs.filter(created_at__date__gte=flt.date_from)
    if flt.date_to:
        qs = qs.filter(created_at__date__lte=flt.date_to)
    if flt.priority:
        qs = qs.filter(priority=flt.priority)
    if flt.tag:
        qs = qs.filter(tags__name=flt.tag)
    return qs


def tag_rows() -> JSONRows:
    """Each ticket's tag names, read with the ticket: [{"name": …}, …]."""
    return JSONRows(Tag.objects.filter(tickets=OuterRef("pk")).order_by("name"), name="name")


@dataclass
class Page:
    tickets: list[Ticket]
    next_cursor: str = ""


def _sort_key(sort: Sort, *, searched: bool = False) -> tuple[Any, bool]:
    """(expression, descending) for a sort; pk breaks ties in the same direction.

    A search sorts by date through an expression that no index provides. Otherwise
    PostgreSQL may walk the date index and test every ticket against the words, expecting the
    hits to be spread evenly; when they lie in other offices it reads all rows before it gives
    up (2 s at a million tickets). This way it reads the search index first and sorts only the
    hits."""
    if searched and sort in (Sort.NEWEST, Sort.OLDEST):
        shifted = ExpressionWrapper(
            F("created_at") + Value(timedelta(0)), output_field=DateTimeField()
        )
        return shifted, sort == Sort.NEWEST
    if sort == Sort.OLDEST:
        return "created_at", False
    if sort == Sort.DUE:
        return Coalesce("resolution_due", Value(_FAR_FUTURE, output_field=DateTimeField())), False
    if sort == Sort.PRIORITY:
        return "priority", True
    return "created_at", True


def _parse_cursor(sort: Sort, cursor: str) -> tuple[Any, int] | None:
    try:
        raw, pk = cursor.rsplit("~", 1)
        value: Any = int(raw) if sort == Sort.PRIORITY else datetime.fromisoformat(raw)
        return value, int(pk)
    except ValueError:
        return None


def _cursor(ticket: Ticket) -> str:
    value = ticket.sort_key  # type: ignore[attr-defined]
    raw = value.isoformat() if isinstance(value, datetime) else str(value)
    return f"{raw}~{ticket.pk}"


def page(
    tickets: QuerySet[Ticket],
    sort: Sort,
    cursor: str = "",
    size: int = PAGE_SIZE,
    *,
    searched: bool = False,
) -> Page:
    """One page by keyset pagination: rows after ``cursor``, never an OFFSET. ``searched``:
    ``tickets`` are narrowed by a full-text search."""
    expression, descending = _sort_key(sort, searched=searched)
    qs = tickets.annotate(sort_key=F(expression) if isinstance(expression, str) else expression)
    position = _parse_cursor(sort, cursor) if cursor else None
    if position is not None:
        value, pk = position
        if descending:
            qs = qs.filter(Q(sort_key__lt=value) | Q(sort_key=value, pk__lt=pk))
        else:
            qs = qs.filter(Q(sort_key__gt=value) | Q(sort_key=value, pk__gt=pk))
    order = ["-sort_key", "-pk"] if descending else ["sort_key", "pk"]
    rows: list[Ticket] = list(
        qs.order_by(*order)
        .select_related("service", "org_unit", "assignee")
        .annotate(tag_rows=tag_rows())[: size + 1]
    )
    next_cursor = _cursor(rows[size - 1]) if len(rows) > size else ""
    return Page(list(rows[:size]), next_cursor)


@dataclass(frozen=True)
class SuggestionRow:
    service: Service
    confidence: float
    org_unit: OrgUnit | None


# Triage shows a ticket's few plausible services, not the engine's whole ranking: below the
# floor a suggestion is noise (the 0 % rows of issue 16), and three are enough to choose from.
SUGGESTION_LIMIT = 3
SUGGESTION_FLOOR = 0.05


def routing_suggestions(ticket_ids: list[int]) -> dict[int, list[SuggestionRow]]:
    """The engine's suggestions stored with each ticket's latest routing (three queries): at
    most SUGGESTION_LIMIT per ticket, each at least SUGGESTION_FLOOR sure, best first."""
    events = TicketEvent.objects.filter(ticket_id__in=ticket_ids, kind=EventKind.ROUTED).order_by(
        "ticket_id", "created_at", "pk"
    )
    stored: dict[int, list[dict[str, Any]]] = {}
    for event in events:
        if event.data.get("suggestions"):
            ranked = sorted(event.data["suggestions"], key=lambda s: -float(s["confidence"]))
            # The short list the citizen was (or would have been) asked about, when there
            # was one: triage shows the same few services as „Meinen Sie …?“.
            shortlist = event.data.get("shortlist") or []
            stored[event.ticket_id] = [
                s
                for s in ranked
                if (s["service"] in shortlist)
                or (not shortlist and float(s["confidence"]) >= SUGGESTION_FLOOR)
            ]
    service_keys = {s["service"] for rows in stored.values() for s in rows}
    unit_keys = {s.get("org_unit") for rows in stored.values() for s in rows} - {None}
    services = {s.key: s for s in Service.objects.filter(key__in=service_keys, is_active=True)}
    units = {u.key: u for u in OrgUnit.objects.filter(key__in=unit_keys)}
    return {
        ticket_id: [
            SuggestionRow(
                services[s["service"]], s["confidence"], units.get(s.get("org_unit") or "")
            )
            for s in rows
            if s["service"] in services
        ][:SUGGESTION_LIMIT]
        for ticket_id, rows in stored.items()
    }


def citizen_choices(ticket_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The answer to the portal's „Meinen Sie …?“ stored with each ticket's latest routing
    that has one: {"offered": [{"service", "name"}], "chosen": key or "" (etwas anderes)}."""
    events = TicketEvent.objects.filter(
        ticket_id__in=ticket_ids, kind=EventKind.ROUTED, data__has_key="asked"
    ).order_by("ticket_id", "created_at", "pk")
    return {e.ticket_id: e.data["asked"] for e in events}


@dataclass
class Entry:
    """One row of the timeline: a message or an event."""

    at: datetime
    kind: str
    message: Message | None = None
    event: TicketEvent | None = None
    data: dict[str, Any] = field(default_factory=dict)


def timeline(ticket: Ticket) -> list[Entry]:
    """Messages and events in time order; "message added" events are the messages themselves."""
    messages = ticket.messages.select_related("author").prefetch_related("attachments")
    events = ticket.events.select_related("actor").exclude(kind=EventKind.MESSAGE_ADDED)
    entries = [Entry(m.created_at, m.kind, message=m) for m in messages]
    entries += [Entry(e.created_at, e.kind, event=e, data=e.data) for e in events]
    entries.sort(key=lambda e: e.at)
    return entries


def recorded_effort(entries: list[Entry]) -> int:
    """Minutes of staff time recorded on the ticket (Zeiterfassung)."""
    return sum(
        int(e.data.get("minutes", 0)) for e in entries if e.kind == EventKind.EFFORT_RECORDED
    )


def latest_routing(entries: list[Entry]) -> TicketEvent | None:
    routed = [e.event for e in entries if e.event and e.kind == EventKind.ROUTED]
    return routed[-1] if routed else None


def consultations(ticket: Ticket) -> list[Consultation]:
    return list(
        ticket.consultations.select_related("org_unit", "requested_by", "answered_by").order_by(
            "requested_at"
        )
    )


def same_contact(tickets: QuerySet[Ticket], ticket: Ticket, limit: int = 10) -> list[Ticket]:
    """Other tickets of the same person that the user may see."""
    if not ticket.contact_email:
        return []
    # The same expression as the index ticket_contact_email_upper, on both sides, so that
    # SQLite uses the index too (its LIKE-based iexact cannot) and both sides fold alike.
    return list(
        tickets.alias(email_key=Upper("contact_email"))
        .filter(email_key=Upper(Value(ticket.contact_email)))
        .exclude(pk=ticket.pk)
        .order_by("-created_at")
        .select_related("service")[:limit]
    )


NEARBY_METRES = 250
_METRES_PER_DEGREE = 111_320


def _near(ticket: Ticket) -> Q | None:
    """A box of ±NEARBY_METRES around the ticket's position, when it has one.

    A box instead of a circle keeps it a plain range lookup on both databases.
    """
    if ticket.latitude is None or ticket.longitude is None:
        return None
    lat, lon = float(ticket.latitude), float(ticket.longitude)
    dlat = NEARBY_METRES / _METRES_PER_DEGREE
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    return Q(latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon))


def similar_open(tickets: QuerySet[Ticket], ticket: Ticket, limit: int = 5) -> list[Ticket]:
    """Open tickets of the same service nearby (or, without a position, in the same district)."""
    if ticket.service_id is None:
        return []
    qs = tickets.filter(_open(), service_id=ticket.service_id).exclude(pk=ticket.pk)
    near = _near(ticket)
    if near is not None:
        qs = qs.filter(near)
    elif ticket.district_id is not None:
        qs = qs.filter(district_id=ticket.district_id)
    return list(qs.order_by("-created_at")[:limit])


def attachment_for(tickets: QuerySet[Ticket], pk: int) -> Attachment | None:
    """An attachment, only if its ticket is among ``tickets``."""
    return (
        Attachment.objects.filter(pk=pk, message__ticket__in=tickets)
        .select_related("message")
        .first()
    )
