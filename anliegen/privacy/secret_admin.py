"""Admin pages of rows that may be under secrecy (audit log, mail log): redacted per user.

Each row is annotated with ``shown`` (``secrecy.clearance`` of the requesting user) and
the page shows a withheld marker instead of every detail of a row not shown. Searching
would tell whether a hidden row matches a name or address, so a search finds shown rows
only.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from .secrecy import WITHHELD, clearance

M = TypeVar("M", bound=Model)


class SecretRowsAdmin(admin.ModelAdmin[M]):
    """Read-only admin for rows with ``sensitive`` and ``secrecy_unit_id`` columns."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[M]:
        rows = super().get_queryset(request)
        return cast(QuerySet[M], rows.annotate(shown=clearance(request.user).shown_annotation()))

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[M], search_term: str
    ) -> tuple[QuerySet[M], bool]:
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            found = found.filter(clearance(request.user).shown())
        return found, duplicates

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


def shown_or_withheld(row: Any, value: Any) -> Any:
    """``value`` if the page may show ``row``'s details, else the withheld marker."""
    return value if getattr(row, "shown", False) else WITHHELD
