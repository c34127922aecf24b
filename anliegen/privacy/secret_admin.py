"""Admin pages of rows that may be under secrecy (audit log, mail logs, webhook and status
logs): redacted per user.

Each row is annotated with ``shown`` (``secrecy.clearance`` of the requesting user) and
the page shows a withheld marker instead of every detail of a row not shown. Searching or
filtering would tell whether a hidden row matches a name, an address or an office (the
count of results, or the row itself), so a searched or filtered list holds shown rows only
— except for the filters on fields that say nothing about a case (``open_filters``: state,
kind, date). Facet counts are off for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.contrib.admin.views.main import IGNORED_PARAMS, ChangeList
from django.db.models import Model, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpRequest

from .secrecy import WITHHELD, clearance

M = TypeVar("M", bound=Model)


class SecretChangeList(ChangeList):
    """The list of an admin page of secret rows: searched or filtered, shown rows only."""

    def get_queryset(self, request: HttpRequest, exclude_parameters: Any = None) -> QuerySet[Any]:
        rows = super().get_queryset(request, exclude_parameters)
        model_admin = cast("SecretRowsAdmin[Any]", self.model_admin)
        if self.query.strip() or model_admin.reveals(self.filter_params):
            rows = rows.filter(model_admin.shown_condition(request))
        return rows


class SecretRowsAdmin(admin.ModelAdmin[M]):
    """Read-only admin for rows that carry their secrecy: ``sensitive`` and
    ``secrecy_unit_id`` on the row itself, or on the row ``secrecy_path`` points to."""

    #: Django lookup path to the row that carries the secrecy ("" = this row).
    secrecy_path = ""
    #: Fields whose filters (and the date hierarchy) say nothing about a case.
    open_filters: frozenset[str] = frozenset(
        {"state", "kind", "action", "outcome", "event", "created_at", "received_at"}
    )
    show_facets = admin.ShowFacets.NEVER

    def shown_condition(self, request: HttpRequest) -> Any:
        return clearance(request.user).shown(self.secrecy_path)

    def reveals(self, filter_params: dict[str, Any]) -> bool:
        """Does a filter of this list pick rows by something a hidden row must not tell?"""
        used = (key for key in filter_params if key not in IGNORED_PARAMS)
        return any(key.split(LOOKUP_SEP)[0] not in self.open_filters for key in used)

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return SecretChangeList

    def get_queryset(self, request: HttpRequest) -> QuerySet[M]:
        rows = super().get_queryset(request)
        shown = clearance(request.user).shown_annotation(self.secrecy_path)
        return cast(QuerySet[M], rows.annotate(shown=shown))

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[M], search_term: str
    ) -> tuple[QuerySet[M], bool]:
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            found = found.filter(self.shown_condition(request))
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


def withheld_unless_shown(attribute: str, description: Any) -> Callable[[Any, Any], Any]:
    """An admin column or field showing ``attribute`` of a row, withheld on hidden rows."""

    @admin.display(description=description)
    def show(model_admin: Any, row: Any) -> Any:
        return shown_or_withheld(row, getattr(row, attribute))

    return show
