"""Applying a diff in one transaction, through the catalogue actions."""

from __future__ import annotations

from django.db import transaction

from ..actions import (
    CatalogueActor,
    catalogue_changed,
    create_service,
    retire_service,
    set_responsibilities,
    update_service,
)
from ..models import Service
from .diff import ChangeKind, Diff


@transaction.atomic
def apply(diff: Diff, actor: CatalogueActor) -> dict[str, int]:
    """Write every change of ``diff``; nothing is written when any of them fails.

    Announces one catalogue change after commit (routing retrains once, not per service)."""
    by_key = {
        s.key: s
        for s in Service.objects.filter(key__in=[c.key for c in diff.changes]).select_for_update()
    }
    for change in diff.changes:
        if change.kind == ChangeKind.RETIRED:
            retire_service(by_key[change.key], actor, announce=False)
            continue
        assert change.item is not None  # new and changed entries carry what was imported
        item = change.item
        if change.kind == ChangeKind.NEW:
            create_service(item.data, item.responsibilities, actor, announce=False)
        else:
            service = by_key[change.key]
            update_service(service, item.data, actor, fields=diff.fields, announce=False)
            if "responsibilities" in diff.fields:
                set_responsibilities(service, item.responsibilities, actor, announce=False)
    if not diff.is_empty:
        catalogue_changed([c.key for c in diff.changes])
    return diff.summary()
