"""A subquery's rows as one JSON array of objects, as a column of the outer query.

A page that shows a ticket with its tags, references, consultations and text modules would
otherwise run one query per list. ``JSONRows`` brings each list along with the row it belongs
to, in the same round trip, on PostgreSQL (``jsonb_agg``) and SQLite (``json_group_array``):

    Ticket.objects.annotate(tags=JSONRows(Tag.objects.filter(tickets=OuterRef("pk")),
                                          name="name"))

gives ``ticket.tags == [{"name": "Lärm"}, …]`` in the subquery's order (an empty list when
there are none). Values arrive as JSON: dates and times as ISO text (``parse_datetime``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.db.models import F, JSONField, QuerySet, Subquery
from django.db.models.expressions import Combinable
from django.utils.dateparse import parse_datetime

_TEMPLATES = {
    "postgresql": (
        # jsonb, not json: Django's PostgreSQL connection reads jsonb as text for JSONField.
        "(SELECT COALESCE(JSONB_AGG(JSONB_BUILD_OBJECT(%(pairs)s)), '[]'::jsonb) "
        "FROM (%(subquery)s) _rows)"
    ),
    "sqlite": (
        "(SELECT COALESCE(JSON_GROUP_ARRAY(JSON_OBJECT(%(pairs)s)), '[]') "
        "FROM (%(subquery)s) _rows)"
    ),
}


class JSONRows(Subquery):
    """``queryset`` (filtered, ordered, sliced as wanted) as ``[{name: value, …}, …]``;
    ``fields`` maps each JSON key to a field path or expression of ``queryset``'s model."""

    output_field = JSONField()

    def __init__(self, queryset: QuerySet[Any], **fields: str | Combinable) -> None:
        self.keys = list(fields)
        columns = {f"j_{k}": F(v) if isinstance(v, str) else v for k, v in fields.items()}
        super().__init__(queryset.values(**columns), output_field=JSONField())

    def as_sql(self, compiler: Any, connection: Any, template: str | None = None, **extra: Any):  # type: ignore[no-untyped-def]
        pairs = ", ".join(f"'{k}', _rows.\"j_{k}\"" for k in self.keys)
        template = _TEMPLATES[connection.vendor]
        return super().as_sql(compiler, connection, template=template, pairs=pairs, **extra)


def when(value: str | None) -> datetime | None:
    """A date and time from JSONRows (ISO text; SQLite's carry no zone: they are UTC)."""
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed
