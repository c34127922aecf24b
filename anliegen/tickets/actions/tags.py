"""Tags (Schlagwörter) on a ticket."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from anliegen.core.errors import ValidationFailed
from anliegen.core.text import normalise_line

from ..actors import Actor
from ..models import EventKind, Tag, Ticket
from ._common import add_event, lock, require_work

MAX_TAGS = 10


def set_tags(ticket: Ticket, actor: Actor, names: list[str]) -> list[str]:
    """Replace the ticket's tags by ``names`` (created on first use); returns them sorted."""
    lines = (normalise_line(n) for n in names)
    cleaned = sorted({n[:50] for n in lines if n}, key=str.lower)
    if len(cleaned) > MAX_TAGS:
        raise ValidationFailed(_("Höchstens 10 Schlagwörter je Anliegen."))
    with transaction.atomic():
        ticket = lock(ticket)
        require_work(actor, ticket)
        old = sorted(ticket.tags.values_list("name", flat=True), key=str.lower)
        tags = [Tag.objects.get_or_create(name=name)[0] for name in cleaned]
        ticket.tags.set(tags)
        add_event(ticket, EventKind.TAGS_CHANGED, actor, old=old, new=cleaned)
    return cleaned
