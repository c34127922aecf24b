"""Four eyes on who may read secret cases (issue 19, finding 5).

A membership gives an office's tickets to a person. For offices under social or tax secrecy
(responsible for a sensitive service, or holding sensitive tickets, and every office above
one) and for the data protection role, one administrator alone must not be able to give
that: a change is requested (``request_change``) and takes effect only when a second person
— another administrator or the data protection officer, neither the requester nor the
person concerned — approves it (``approve``). Requests, approvals and rejections are audited.
The admin pages for memberships, deputyships, the org tree and users refuse to make such
changes directly (``anliegen/dataprotection/admin.py``).
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.responsibility import units_responsible_for_sensitive
from anliegen.core.errors import PermissionDenied, ValidationFailed
from anliegen.organization.models import Membership, OrgUnit, User
from anliegen.organization.units import ancestor_ids, descendant_ids
from anliegen.privacy.audit import record
from anliegen.privacy.roles import DPO_GROUP, is_dpo
from anliegen.tickets import access

from .models import MembershipChange

NEEDS_SECOND_PERSON = _(
    "Diese Stelle unterliegt dem Sozial- oder Steuergeheimnis: Mitgliedschaften ändert "
    "nur, wer eine Änderung beantragt und von einer zweiten Person genehmigen lässt "
    "(Datenschutz → Mitgliedschaftsänderungen)."
)


def secret_units() -> set[int]:
    """Offices directly under secrecy: responsible for a sensitive service or holding
    sensitive tickets."""
    return units_responsible_for_sensitive() | access.units_holding_secret_tickets()


def secret_office_ids() -> set[int]:
    """Offices whose memberships need four eyes: the secret ones and every office above
    one (a membership there covers the units below)."""
    direct = secret_units()
    return direct | ancestor_ids(direct)


def is_secret_office(unit: OrgUnit | None) -> bool:
    return unit is not None and unit.pk in secret_office_ids()


def holds_secrets(unit: OrgUnit) -> bool:
    """Does ``unit`` or a unit below it fall under secrecy? (Then moving it in the tree
    gives its cases to the members of its new parents.)"""
    return bool(descendant_ids({unit.pk}) & secret_units())


def may_administer(user: User) -> bool:
    """Who may request and approve: active administrators and the data protection role."""
    return bool(user.is_active and (user.is_superuser or is_dpo(user)))


def _audit(action: str, by: User, change: MembershipChange) -> None:
    record(
        by.username,
        action,
        actor_id=by.pk,
        change_id=change.pk,
        user=change.user.username,
        org_unit=change.org_unit.key if change.org_unit else DPO_GROUP,
        role=change.role,
        operation=change.operation,
        reason=change.reason,
    )


def request_change(
    by: User,
    *,
    user: User,
    org_unit: OrgUnit | None,
    operation: str = MembershipChange.Operation.ADD,
    role: str = Membership.Role.CLERK,
    reason: str,
) -> MembershipChange:
    """Ask for a membership change (``org_unit`` None: the data protection role)."""
    if not may_administer(by):
        raise PermissionDenied(_("Nur Administration und Datenschutz beantragen das."))
    if not reason.strip():
        raise ValidationFailed(_("Bitte begründen Sie die Änderung."))
    if operation not in MembershipChange.Operation.values:
        raise ValidationFailed(_("Unbekannte Änderung."))
    if role not in Membership.Role.values:
        raise ValidationFailed(_("Unbekannte Rolle."))
    with transaction.atomic():
        change = MembershipChange.objects.create(
            user=user,
            org_unit=org_unit,
            role=role,
            operation=operation,
            reason=reason.strip(),
            requested_by=by,
            requested_at=timezone.now(),
        )
        _audit("membership.requested", by, change)
    return change


def _decidable(change: MembershipChange, by: User) -> MembershipChange:
    locked = MembershipChange.objects.select_for_update().get(pk=change.pk)
    if locked.state != MembershipChange.State.PENDING:
        raise ValidationFailed(_("Über diese Änderung ist schon entschieden."))
    if not may_administer(by):
        raise PermissionDenied(_("Nur Administration und Datenschutz entscheiden das."))
    return locked


def approve(change: MembershipChange, by: User) -> MembershipChange:
    """The second person's approval: the change takes effect now."""
    with transaction.atomic():
        change = _decidable(change, by)
        if by.pk == change.requested_by_id:
            raise PermissionDenied(_("Eine zweite Person muss genehmigen, nicht wer beantragt."))
        if by.pk == change.user_id:
            raise PermissionDenied(_("Die eigene Mitgliedschaft genehmigt eine andere Person."))
        _apply(change)
        change.state = MembershipChange.State.APPROVED
        change.decided_by = by
        change.decided_at = timezone.now()
        change.save(update_fields=["state", "decided_by", "decided_at"])
        _audit("membership.approved", by, change)
    return change


def reject(change: MembershipChange, by: User) -> MembershipChange:
    """A second person refuses, or the requester withdraws; nothing changes."""
    with transaction.atomic():
        change = _decidable(change, by)
        change.state = MembershipChange.State.REJECTED
        change.decided_by = by
        change.decided_at = timezone.now()
        change.save(update_fields=["state", "decided_by", "decided_at"])
        _audit("membership.rejected", by, change)
    return change


def _apply(change: MembershipChange) -> None:
    adding = change.operation == MembershipChange.Operation.ADD
    if change.org_unit is None:
        group, _created = Group.objects.get_or_create(name=DPO_GROUP)
        if adding:
            change.user.groups.add(group)
        else:
            change.user.groups.remove(group)
        return
    if adding:
        Membership.objects.update_or_create(
            user=change.user, org_unit=change.org_unit, defaults={"role": change.role}
        )
    else:
        Membership.objects.filter(user=change.user, org_unit=change.org_unit).delete()


def removed_directly(by: User, membership: Membership) -> None:
    """Audit a membership an administrator ended in the admin (ending access needs no
    second person: it must be possible at once when someone leaves)."""
    record(
        by.username,
        "membership.removed",
        actor_id=by.pk,
        user=membership.user.username,
        org_unit=membership.org_unit.key,
        role=membership.role,
    )


def changed_directly(by: User, membership: Membership) -> None:
    """Audit a membership of an office without secrecy set in the admin."""
    record(
        by.username,
        "membership.changed",
        actor_id=by.pk,
        user=membership.user.username,
        org_unit=membership.org_unit.key,
        role=membership.role,
    )
