"""The one need-to-know rule: who may see and work which ticket, and which secret rows.

Every place that decides visibility asks this module — the ticket reads of
``tickets.access`` (inbox, ticket page, search, attachments, REST API, whereabouts), the
secret audit and mail rows (``privacy.secrecy``) and the report scope (``reports``) — so the
rule is written once. It comes in two forms that say the same: a query condition on tickets
(``Reach.ticket_q``) for lists, and a check of one ticket's facts (``Reach.sees``) for the
tests that prove every interface agrees with it (tests/security/test_visibility_table.py).

The rule:
- an inactive user sees nothing;
- staff see the tickets of their offices (own memberships, those of colleagues they
  deputise, and every unit below), tickets assigned to them, and tickets their offices were
  consulted on;
- triage staff also see unsorted tickets (status ``triage``) — never under secrecy;
- administrators (superusers) also see every ticket — never under secrecy: administering
  the system gives no need-to-know for social or tax secrets;
- the data protection role sees every secret *row* (audit, mail log) but opens tickets only
  through the data-subject functions of ``tickets.access``;
- changing a ticket (``Reach.work_q``) needs the office, the assignment, triage or
  administration — being consulted allows reading and answering only;
- reports: administrators see all figures (sums, no ticket), leads those of their units.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Q

from anliegen.organization.models import Membership, User
from anliegen.organization.units import descendant_ids, is_triage_member, membership_unit_ids

from .roles import is_dpo

#: Ticket.status of unsorted tickets (a plain string: privacy sits below tickets).
TRIAGE = "triage"


@dataclass(frozen=True)
class TicketFacts:
    """What the rule looks at on one ticket."""

    org_unit_id: int | None
    assignee_id: int | None
    status: str
    is_sensitive: bool
    consulted_unit_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Reach:
    """Everything the rule needs to know about one user, read once."""

    active: bool
    user_id: int | None
    units: frozenset[int]
    member_units: frozenset[int]
    triage: bool
    superuser: bool
    dpo: bool

    # --- tickets ----------------------------------------------------------------------------

    def sees(self, ticket: TicketFacts) -> bool:
        """May this user read ``ticket``? (The same rule as ``ticket_q``.)"""
        if not self.active:
            return False
        if self.works(ticket):
            return True
        return bool(ticket.consulted_unit_ids & self.member_units)

    def works(self, ticket: TicketFacts) -> bool:
        """May this user change ``ticket``? (The same rule as ``work_q``.)"""
        if not self.active:
            return False
        if ticket.org_unit_id in self.units or (
            ticket.assignee_id is not None and ticket.assignee_id == self.user_id
        ):
            return True
        if ticket.is_sensitive:
            return False
        return self.superuser or (self.triage and ticket.status == TRIAGE)

    def work_q(self) -> Q:
        """The tickets this user may change, as a condition on ``Ticket``."""
        if not self.active:
            return Q(pk__in=[])
        q = Q(org_unit_id__in=sorted(self.units)) | Q(assignee_id=self.user_id)
        if self.triage:
            q |= Q(status=TRIAGE, is_sensitive=False)
        if self.superuser:
            q |= Q(is_sensitive=False)
        return q

    def ticket_q(self, consulted_ticket_ids: Collection[int]) -> Q:
        """The tickets this user may read; ``consulted_ticket_ids`` are those on which one of
        ``member_units`` was consulted (a list of ids keeps every part of the OR an index
        condition, docs/performance.md)."""
        if not self.active:
            return Q(pk__in=[])
        return self.work_q() | Q(pk__in=list(consulted_ticket_ids))

    # --- rows outside the ticket and figures ------------------------------------------------

    def sees_secret_rows_of(self, unit_id: int | None) -> bool:
        """Details of an audit or mail row under secrecy of office ``unit_id``."""
        return self.active and (self.dpo or (unit_id is not None and unit_id in self.units))


def reach(user: User | object) -> Reach:
    """The facts about ``user`` the rule needs (memberships, deputyships, roles)."""
    if not isinstance(user, User) or not user.is_active:
        return Reach(False, None, frozenset(), frozenset(), False, False, False)
    members = membership_unit_ids(user)
    return Reach(
        active=True,
        user_id=user.pk,
        units=frozenset(descendant_ids(members)),
        member_units=frozenset(members),
        triage=is_triage_member(user),
        superuser=user.is_superuser,
        dpo=is_dpo(user),
    )


def report_units(user: User) -> frozenset[int] | None:
    """Units whose figures ``user`` may see: None = all (administrators), empty = none."""
    if not (user.is_active and user.is_authenticated):
        return frozenset()
    if user.is_superuser:
        return None
    return frozenset(descendant_ids(membership_unit_ids(user, role=Membership.Role.LEAD)))
