"""Full-text search over tickets: reference, subject, contact and message bodies.

PostgreSQL uses the ``german`` text search configuration on a stored document column that
triggers keep current, with a GIN index (migration 0007); SQLite uses an FTS5 table that
``index_event`` refreshes after every committed ticket change. Callers pass a queryset already
filtered by ``tickets.access``, so search never widens what someone may see.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from anliegen.core.events import DomainEvent

from .models import Message, Ticket

FTS_TABLE = "tickets_ticket_fts"
# Maintained by triggers on ticket and message (migration 0007), GIN-indexed.
PG_MATCH = "tickets_ticket.search_document @@ plainto_tsquery('german'::regconfig, %s)"
_WORD = re.compile(r"[\w@.+-]+", re.UNICODE)
SNIPPET = 160


def terms(text: str) -> list[str]:
    """The words of a search box entry, at most eight, punctuation stripped."""
    return [w.strip(".-+") for w in _WORD.findall(text) if w.strip(".-+")][:8]


def search(tickets: QuerySet[Ticket], text: str) -> QuerySet[Ticket]:
    """``tickets`` narrowed to those matching every word of ``text``."""
    words = terms(text)
    if not words:
        return tickets
    exact = Q(reference__iexact=text.strip())
    if connection.vendor == "postgresql":
        # One condition on one column: the planner estimates it from the column's word
        # statistics and either walks the date index (common words) or reads the GIN index
        # (rare ones), combined with the inbox and visibility conditions.
        match_doc = RawSQL(PG_MATCH, [" ".join(words)], output_field=BooleanField())  # noqa: S611
        return tickets.filter(Q(match_doc) | Q(reference=text.strip().upper()))
    if connection.vendor == "sqlite":
        match = " ".join('"{}"*'.format(w.replace('"', "")) for w in words)
        hits = RawSQL(  # noqa: S611 - constant SQL, the query is a parameter
            f"SELECT ticket_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            [match],
        )
        return tickets.filter(exact | Q(pk__in=hits))
    # Other databases: a plain substring search keeps the feature usable, slowly.
    q = Q()
    for word in words:
        q &= Q(subject__icontains=word) | Q(messages__body__icontains=word)
    return tickets.filter(exact | q).distinct()


# The ticket's FTS row in one statement: its fields and all message bodies (in order).
_FTS_ROW = (
    f"INSERT INTO {FTS_TABLE} (rowid, ticket_id, reference, subject, body, contact) "  # noqa: S608
    "SELECT t.id, t.id, t.reference, t.subject, "
    "COALESCE((SELECT group_concat(m.body, char(10)) FROM (SELECT body FROM tickets_message "
    "WHERE ticket_id = t.id ORDER BY created_at, id) AS m), ''), "
    "t.contact_name || ' ' || t.contact_email || ' ' || t.contact_phone "
    "FROM tickets_ticket AS t WHERE t.id = %s"
)
# Changes that leave reference, subject, contact and message texts as they were: no refresh.
_TEXT_UNCHANGED = {
    f"ticket.{kind}"
    for kind in (
        "routed", "assigned", "status_changed", "priority_changed", "tags_changed", "escalated",
        "effort_recorded", "token_reissued", "external_reference", "external_status",
        "consultation_requested", "consultation_answered",
    )
}  # fmt: skip


def reindex_ticket(ticket_id: int) -> None:
    """Rewrite the SQLite FTS row of one ticket (PostgreSQL's triggers do this themselves)."""
    if connection.vendor != "sqlite":
        return
    # The FTS row's rowid is the ticket id (migration 0010): deleting by rowid is a key lookup,
    # while ticket_id, an UNINDEXED column, could only be found by reading every row.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [ticket_id])  # noqa: S608
        cursor.execute(_FTS_ROW, [ticket_id])


def index_event(event: DomainEvent) -> None:
    """Domain event subscriber: a committed change of a ticket's texts refreshes its row."""
    if event.kind not in _TEXT_UNCHANGED:
        reindex_ticket(event.ticket_id)


def rebuild() -> int:
    """Re-index every ticket (SQLite); returns how many were indexed."""
    ids = list(Ticket.objects.values_list("pk", flat=True))
    for ticket_id in ids:
        reindex_ticket(ticket_id)
    return len(ids)


def highlight(text: str, query: str, *, width: int = SNIPPET) -> SafeString:
    """An escaped excerpt of ``text`` around the first hit, hits wrapped in <mark>."""
    words = terms(query)
    # German stemming finds "Laternen" for "Laterne": mark on the word stem, not the whole.
    stems = sorted({w[: max(4, len(w) - 2)].lower() for w in words}, key=len, reverse=True)
    if not stems:
        return mark_safe(escape(text[:width]))  # noqa: S308 - escaped just here
    pattern = re.compile("|".join(rf"{re.escape(s)}\w*" for s in stems), re.IGNORECASE)
    found = pattern.search(text)
    start = max(0, found.start() - width // 3) if found else 0
    excerpt = text[start : start + width]
    parts: list[str] = ["…" if start else ""]
    last = 0
    for hit in pattern.finditer(excerpt):
        parts.append(escape(excerpt[last : hit.start()]))
        parts.append(f"<mark>{escape(hit.group())}</mark>")
        last = hit.end()
    parts.append(escape(excerpt[last:]))
    if start + width < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above


def snippets(ticket_ids: list[int], query: str) -> dict[int, SafeString]:
    """Per ticket, the highlighted excerpt of the first message mentioning the query (one
    query for the whole page)."""
    stems = [w[: max(4, len(w) - 2)].lower() for w in terms(query)]
    result: dict[int, SafeString] = {}
    if not stems:
        return result
    rows = Message.objects.filter(ticket_id__in=ticket_ids).values_list("ticket_id", "body")
    for ticket_id, body in rows:
        if ticket_id not in result and any(s in body.lower() for s in stems):
            result[ticket_id] = highlight(body, query)
    return result
