"""Social and tax secrecy on rows outside the ticket: who may see the details of a row.

Audit rows and mail log rows outlive their ticket and are listed to administrators (the
Django admin, the sent-mail log). For a ticket of a sensitive service (catalogue
``Service.sensitivity``) such a row carries its secrecy from the moment it is written: the
flag ``sensitive`` and the responsible office (``secrecy_unit_id``). Its details — service,
office, ticket, addresses, texts — are shown only to the data protection role and to the
members of that office (and the offices above it). Superusers are not an exception: being
administrator does not give need-to-know (issue 19, finding 5).

``clearance(user)`` is the one decision; the admin and the staff pages redact through it,
either row by row (``Clearance.allows``) or in a query (``Clearance.shown``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.db.models.expressions import Combinable
from django.utils.translation import gettext_lazy as _

from anliegen.organization.models import User

from .needtoknow import reach

#: Shown instead of every detail a user may not see.
WITHHELD = _("geschützt (Sozial-/Steuergeheimnis)")


@dataclass(frozen=True)
class Secrecy:
    """What a row written about a ticket must remember: sensitive, and whose it is."""

    sensitive: bool = False
    unit_id: int | None = None


NOT_SECRET = Secrecy()


class SecretRow(Protocol):
    """A row that carries its secrecy (AuditEvent, OutboundMail)."""

    sensitive: bool
    secrecy_unit_id: int | None


@dataclass(frozen=True)
class Clearance:
    """What one user may see of secret rows: everything, or the rows of some offices."""

    everything: bool
    unit_ids: frozenset[int]

    def allows(self, sensitive: bool, unit_id: int | None) -> bool:
        """May this user see the details of a row with this secrecy?"""
        return (
            not sensitive or self.everything or (unit_id is not None and unit_id in self.unit_ids)
        )

    def allows_row(self, row: SecretRow) -> bool:
        """``allows`` for a model row with ``sensitive`` and ``secrecy_unit_id`` fields."""
        return self.allows(row.sensitive, row.secrecy_unit_id)

    def shown(self, path: str = "") -> Q:
        """The rows whose details this user may see, as a query condition (same rule).
        ``path`` leads to the related row that carries the secrecy (``"inbound"``)."""
        if self.everything:
            return Q()
        prefix = f"{path}__" if path else ""
        return Q(**{f"{prefix}sensitive": False}) | Q(
            **{f"{prefix}secrecy_unit_id__in": sorted(self.unit_ids)}
        )

    def shown_annotation(self, path: str = "") -> Combinable:
        """``shown()`` as a boolean column, for pages that list all rows but redact some."""
        if self.everything:
            return Value(True, output_field=BooleanField())
        return ExpressionWrapper(self.shown(path), output_field=BooleanField())


def clearance(user: User | object) -> Clearance:
    """Secret rows by the need-to-know rule (privacy.needtoknow): the data protection role
    sees all of them; members of the responsible office (or an office above it) see that
    office's; nobody else, however privileged, sees any."""
    who = reach(user)
    return Clearance(
        everything=who.active and who.dpo, unit_ids=who.units if who.active else frozenset()
    )


def may_see(user: User | object, sensitive: bool, unit_id: int | None) -> bool:
    """May ``user`` see the details of one row with this secrecy?"""
    return clearance(user).allows(sensitive, unit_id)
