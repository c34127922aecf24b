from __future__ import annotations

from django.db import models
from django.utils import timezone

from .ticket import Ticket


class PendingTrackingLink(models.Model):
    """A new tracking link asked for through "Link verloren?". It works next to the current
    link until it is first opened (then it replaces the current one) or until it expires, so
    that whoever knows a reference and its e-mail address cannot revoke the citizen's link.
    Like the current link it is stored as the token's hash and the nonce it is derived from
    (core.tokens); one per ticket, a newer request replaces it."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="pending_link")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_nonce = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(editable=False)

    def __str__(self) -> str:
        return f"pending link of ticket {self.ticket_id}"
