"""The citizen's secret tracking link: reissued by staff, or asked for anew by the citizen."""

from __future__ import annotations

import hmac
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from anliegen.core.tokens import derive_token, hash_token, new_nonce

from ..access import ticket_for_token
from ..actors import Actor
from ..models import EventKind, PendingTrackingLink, Ticket
from ._common import add_event, lock, require_work

PENDING_LINK_VALID = timedelta(hours=24)
# A second "Link verloren?" for the same concern within this time sends no further mail, so
# that whoever knows a reference and its address cannot fill the citizen's mailbox.
PENDING_LINK_PAUSE = timedelta(minutes=10)
_EMAIL_SALT = "anliegen.tickets.lost-link-email"


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
        PendingTrackingLink.objects.filter(ticket=ticket).delete()
        add_event(ticket, EventKind.TOKEN_REISSUED, actor)
    return token


def email_digest(email: str) -> str:
    """A keyed hash of an address: the job's arguments never hold the address itself."""
    return salted_hmac(_EMAIL_SALT, email.strip().casefold(), algorithm="sha256").hexdigest()


def request_lost_link(reference: str, email: str) -> None:
    """ "Link verloren?": hand the lookup to a background job, keyed by the address's hash.

    The request itself does the same whatever the input (one queued job), so neither its
    answer nor its time nor its queries tell whether reference and address belong together."""
    from ..tasks import send_lost_link  # the task module imports these actions

    reference, digest = reference.strip().upper(), email_digest(email)
    transaction.on_commit(lambda: send_lost_link.enqueue(reference, digest))


def issue_pending_link(reference: str, digest: str) -> bool:
    """The job behind request_lost_link: a pending new link, mailed to the contact address,
    only if reference and address both match. The current link keeps working."""
    ticket = Ticket.objects.filter(reference=reference).exclude(contact_email="").first()
    if ticket is None or not hmac.compare_digest(email_digest(ticket.contact_email), digest):
        return False
    nonce = new_nonce()
    with transaction.atomic():
        ticket = lock(ticket)
        pending = PendingTrackingLink.objects.filter(ticket=ticket).first()
        now = timezone.now()
        if pending is not None and pending.created_at > now - PENDING_LINK_PAUSE:
            return False
        PendingTrackingLink.objects.update_or_create(
            ticket=ticket,
            defaults={
                "token_hash": hash_token(derive_token(nonce)),
                "token_nonce": nonce,
                "created_at": now,
                "expires_at": now + PENDING_LINK_VALID,
            },
        )
        add_event(ticket, EventKind.TOKEN_REISSUED, Actor.citizen(), pending=True)
    return True


def open_tracking_link(token: str) -> Ticket | None:
    """The ticket behind a link the citizen opens. A pending link opened for the first time
    becomes the ticket's link; from then on the old one no longer works."""
    ticket = ticket_for_token(token)
    if ticket is not None or not token or len(token) > 100:
        return ticket
    digest = hash_token(token)
    pending = PendingTrackingLink.objects.filter(
        token_hash=digest, expires_at__gt=timezone.now()
    ).first()
    if pending is None:
        return None
    with transaction.atomic():
        ticket = lock(pending.ticket)
        if not PendingTrackingLink.objects.filter(pk=pending.pk).delete()[0]:
            return ticket_for_token(token)  # a concurrent request took it over first
        ticket.token_hash, ticket.token_nonce = digest, pending.token_nonce
        ticket.save(update_fields=["token_hash", "token_nonce", "updated_at"])
        add_event(ticket, EventKind.TOKEN_REISSUED, Actor.citizen(), activated=True)
    return ticket_for_token(token)
