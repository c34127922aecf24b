"""The citizen's secret tracking link."""

from __future__ import annotations

from django.db import transaction

from anliegen.core.tokens import derive_token, hash_token, new_nonce

from ..actors import Actor
from ..models import EventKind, Ticket
from ._common import add_event, lock, require_work


def reissue_tracking_link(ticket: Ticket, actor: Actor) -> str:
    """Replace the token: the old link stops working. Returns the new token (shown once)."""
    nonce = new_nonce()
    token = derive_token(nonce)
    with transaction.atomic():
        ticket = lock(ticket)
        require_work(actor, ticket)
        ticket.token_hash = hash_token(token)
        ticket.token_nonce = nonce
        ticket.save(update_fields=["token_hash", "token_nonce", "updated_at"])
        add_event(ticket, EventKind.TOKEN_REISSUED, actor)
    return token


def reissue_for_citizen(reference: str, email: str) -> tuple[Ticket, str] | None:
    """ "Link verloren?": a fresh link only if reference and contact e-mail both match.

    Returns None otherwise; callers must answer the same either way so that nobody can
    probe which references exist or which e-mail belongs to them."""
    ticket = Ticket.objects.filter(
        reference=reference.strip().upper(), contact_email__iexact=email.strip()
    ).first()
    if ticket is None or not email.strip():
        return None
    return ticket, reissue_tracking_link(ticket, Actor.citizen())
