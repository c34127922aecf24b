"""The one way staff read tickets: need-to-know by org unit, sensitivity and consultation.

Views never build ticket querysets themselves. A ticket outside a user's scope looks exactly
like one that does not exist (NotFound), so references cannot be probed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.db.models.expressions import BaseExpression
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import Service
from anliegen.core.errors import NotFound
from anliegen.core.tokens import derived_tokens, hash_token, token_matches
from anliegen.organization.models import OrgUnit, User
from anliegen.privacy.audit import record
from anliegen.privacy.models import AuditPolicy
from anliegen.privacy.needtoknow import reach
from anliegen.privacy.roles import is_dpo
from anliegen.privacy.secrecy import NOT_SECRET, Secrecy

from .actors import Actor
from .consulted import consulted
from .models import (
    Attachment,
    EventKind,
    ExternalReference,
    PendingTrackingLink,
    Ticket,
    TicketEvent,
)
from .status import FINISHED_STATUSES, Status


def _visibility(user: User) -> Q:
    # The rule itself is privacy.needtoknow; here only the consulted tickets are looked up.
    who = reach(user)
    return who.ticket_q(consulted(who.member_units).ticket_ids if who.active else ())


def secrecy_of(ticket: Ticket) -> Secrecy:
    """What a row written about ``ticket`` (audit, mail log) must remember of its secrecy."""
    if not ticket.is_sensitive:
        return NOT_SECRET
    return Secrecy(sensitive=True, unit_id=ticket.org_unit_id)


def secrecy_of_all(tickets: list[Ticket]) -> Secrecy:
    """For a row about several tickets: secret if one is (then for the data protection
    role only, since no single office is responsible for all of them)."""
    secret = {secrecy_of(t) for t in tickets if t.is_sensitive}
    if not secret:
        return NOT_SECRET
    return secret.pop() if len(secret) == 1 else Secrecy(sensitive=True, unit_id=None)


def units_holding_secret_tickets() -> set[int]:
    """Offices that have tickets under social or tax secrecy (for the four-eyes rule on
    their memberships, dataprotection.memberships); ids only, no ticket is read."""
    rows = Ticket.objects.filter(is_sensitive=True, org_unit__isnull=False)
    return set(rows.values_list("org_unit_id", flat=True).distinct())


def visible_tickets(user: User) -> QuerySet[Ticket]:
    """Every ticket ``user`` may see. Use this for all staff lists, searches and counts."""
    return Ticket.objects.filter(_visibility(user))


def workable_tickets(user: User) -> QuerySet[Ticket]:
    """Tickets ``user`` may change: their offices' tickets, their own, and triage."""
    return Ticket.objects.filter(reach(user).work_q())


def can_view(user: User, ticket: Ticket) -> bool:
    return visible_tickets(user).filter(pk=ticket.pk).exists()


def can_view_id(user: User, ticket_id: int) -> bool:
    """Whether ``user`` may see ticket ``ticket_id``, without reading (or auditing) it."""
    return visible_tickets(user).filter(pk=ticket_id).exists()


def can_work(user: User, ticket: Ticket) -> bool:
    return workable_tickets(user).filter(pk=ticket.pk).exists()


def _one_audited(
    tickets: QuerySet[Ticket],
    *,
    pk: int | None,
    reference: str | None,
    purpose: str,
    label: str,
    actor_id: int | None,
    rows: Mapping[str, BaseExpression] | None = None,
) -> Ticket:
    """The ticket found by pk or reference among ``tickets``; its read is audited by policy.
    ``rows``: annotations read along with it (tickets.page.ticket_rows)."""
    lookup = Q(pk=pk) if pk is not None else Q(reference=(reference or "").strip().upper())
    ticket = (
        tickets.filter(lookup)
        .select_related("service", "org_unit", "assignee", "district")
        .annotate(**(rows or {}))
        .first()
    )
    if ticket is None:
        raise NotFound(_("Dieses Anliegen gibt es nicht oder Sie haben keinen Zugriff."))
    if ticket.is_sensitive or AuditPolicy.current().log_all_reads:
        record(
            label,
            "ticket.read",
            actor_id=actor_id,
            ticket_id=ticket.pk,
            secrecy=secrecy_of(ticket),
            purpose=purpose,
            reference=ticket.reference,
        )
    return ticket


def get_ticket(
    user: User,
    *,
    pk: int | None = None,
    reference: str | None = None,
    purpose: str = "view",
    rows: Mapping[str, BaseExpression] | None = None,
) -> Ticket:
    """One ticket for ``user``, read-audited; NotFound if missing or not theirs to see.
    ``rows``: annotations to read with it (the ticket page's lists, tickets.page)."""
    return _one_audited(
        visible_tickets(user),
        pk=pk,
        reference=reference,
        purpose=purpose,
        label=user.username,
        actor_id=user.pk,
        rows=rows,
    )


@dataclass(frozen=True)
class Whereabouts:
    """Where a ticket is now: what a clerk is told after it left their sight, instead of a 404.

    Only the reference, the office, the status and whether the user may still open it; nothing
    of the concern itself."""

    ticket_id: int
    reference: str
    org_unit: OrgUnit | None
    status: Status
    in_triage: bool
    merged_into_id: int | None
    may_open: bool


def _had_it(user: User, ticket_id: int) -> bool:
    """``user`` acted on the ticket (created, routed, noted …) or it was routed away from one
    of their offices: the people who knew it and may be asked where it went."""
    if TicketEvent.objects.filter(ticket_id=ticket_id, actor_id=user.pk).exists():
        return True
    keys = list(OrgUnit.objects.filter(pk__in=reach(user).units).values_list("key", flat=True))
    return (
        bool(keys)
        and TicketEvent.objects.filter(
            ticket_id=ticket_id, kind=EventKind.ROUTED, data__previous__org_unit__in=keys
        ).exists()
    )


def whereabouts(user: User, pk: int) -> Whereabouts:
    """Where ticket ``pk`` is now, for a user who may see it or who had it before (see
    ``_had_it``); NotFound for everyone else, exactly like a missing ticket. Audited like a
    read when the ticket is under secrecy or the policy logs every read."""
    ticket = Ticket.objects.filter(pk=pk).select_related("org_unit").first()
    may_open = ticket is not None and can_view(user, ticket)
    if ticket is None or not (may_open or (user.is_active and _had_it(user, ticket.pk))):
        raise NotFound(_("Dieses Anliegen gibt es nicht oder Sie haben keinen Zugriff."))
    if ticket.is_sensitive or AuditPolicy.current().log_all_reads:
        record(
            user.username,
            "ticket.whereabouts",
            actor_id=user.pk,
            ticket_id=ticket.pk,
            secrecy=secrecy_of(ticket),
            reference=ticket.reference,
        )
    return Whereabouts(
        ticket_id=ticket.pk,
        reference=ticket.reference,
        org_unit=ticket.org_unit,
        status=Status(ticket.status),
        in_triage=ticket.status == Status.TRIAGE,
        merged_into_id=ticket.merged_into_id,
        may_open=may_open,
    )


def ticket_id_for_reference(user: User, reference: str) -> int | None:
    """The id behind a full reference number, if ``user`` may open the ticket or ask where it
    went (the header search's jump); None otherwise, as for a number that does not exist."""
    pk = Ticket.objects.filter(reference=reference).values_list("pk", flat=True).first()
    if pk is None or not user.is_active:
        return None
    if visible_tickets(user).filter(pk=pk).exists() or _had_it(user, pk):
        return pk
    return None


def get_attachment(user: User, pk: int) -> Attachment:
    """An attachment of a ticket ``user`` may see, for download; every download is audited."""
    attachment = (
        Attachment.objects.filter(pk=pk, message__ticket__in=visible_tickets(user))
        .select_related("message__ticket")
        .first()
    )
    if attachment is None:
        raise NotFound(_("Diesen Anhang gibt es nicht oder Sie haben keinen Zugriff."))
    ticket = attachment.message.ticket
    record(
        user.username,
        "attachment.download",
        actor_id=user.pk,
        ticket_id=ticket.pk,
        secrecy=secrecy_of(ticket),
        attachment_id=attachment.pk,
        reference=ticket.reference,
        sensitive=ticket.is_sensitive,
    )
    return attachment


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def tickets_of_person(user: User, *, email: str = "", phone: str = "") -> list[Ticket]:
    """Every ticket of one citizen across all offices (Art. 15/17 GDPR), for the data
    protection officer only; the lookup itself is audited."""
    if not is_dpo(user):
        raise NotFound(_("Diese Seite gibt es nicht oder Sie haben keinen Zugriff."))
    email, wanted = email.strip(), _digits(phone)
    q = Q(pk__in=[])
    if email:
        q |= Q(contact_email__iexact=email)
    if len(wanted) >= 6:
        # Phone numbers are stored as typed; narrow by the last digits, compare all digits.
        q |= Q(contact_phone__contains=wanted[-4:])
    found = [
        t
        for t in Ticket.objects.filter(q).select_related("service", "org_unit").order_by("pk")
        if (email and t.contact_email.lower() == email.lower())
        or (len(wanted) >= 6 and _digits(t.contact_phone).endswith(wanted[-9:]))
    ]
    record(
        user.username,
        "subject.lookup",
        actor_id=user.pk,
        secrecy=secrecy_of_all(found),
        by="email" if email else "phone",
        tickets=[t.pk for t in found],
    )
    return found


def ticket_for_token(token: str) -> Ticket | None:
    """The citizen's own ticket behind a secret tracking link, or None."""
    if not token or len(token) > 100:
        return None
    return (
        Ticket.objects.filter(token_hash=hash_token(token))
        .select_related("service", "org_unit")
        .first()
    )


def ticket_for_token_hash(digest: str) -> Ticket | None:
    """The ticket of a tracking link the citizen already opened: the portal's session keeps
    only the token's hash (tickets.actions.tracking.open_tracking_link did the checking)."""
    if len(digest) != 64:
        return None
    return Ticket.objects.filter(token_hash=digest).select_related("service", "org_unit").first()


def filed_ticket(ticket_id: int) -> Ticket | None:
    """The ticket a citizen has just filed, for the portal's confirmation page: the session
    keeps its id (never the token), so only the browser that submitted it reaches it."""
    return Ticket.objects.filter(pk=ticket_id).select_related("service", "org_unit").first()


def tracking_token(ticket_id: int) -> str | None:
    """The citizen's current tracking token, derived again for the one job that sends it by
    mail (it is never stored). None when it cannot be derived: a link from before derived
    tokens, or a SECRET_KEY that changed without SECRET_KEY_FALLBACKS."""
    row = Ticket.objects.filter(pk=ticket_id).values("token_nonce", "token_hash").first()
    if row is None or not row["token_nonce"]:
        return None
    for token in derived_tokens(row["token_nonce"]):
        if token_matches(token, row["token_hash"]):
            return token
    return None


def pending_tracking_token(ticket_id: int) -> str | None:
    """The pending new link of "Link verloren?", derived again for the mail that sends it;
    None when there is none (any more) or it has expired."""
    row = (
        PendingTrackingLink.objects.filter(ticket_id=ticket_id, expires_at__gt=timezone.now())
        .values("token_nonce", "token_hash")
        .first()
    )
    if row is None:
        return None
    for token in derived_tokens(row["token_nonce"]):
        if token_matches(token, row["token_hash"]):
            return token
    return None


def public_defect_reports() -> QuerySet[Ticket]:
    """What anyone may list without a key (Open311 GeoReport): defect reports only, never
    under social or tax secrecy, no merged duplicates; the caller shows public fields only."""
    return Ticket.objects.filter(
        service__kind=Service.Kind.DEFECT, is_sensitive=False, merged_into__isnull=True
    )


def unit_tickets(unit_ids: frozenset[int]) -> QuerySet[Ticket]:
    """Tickets of exactly these units: the scope of an API token (already expanded)."""
    return Ticket.objects.filter(org_unit_id__in=unit_ids)


def tickets_for_actor(actor: Actor) -> QuerySet[Ticket]:
    """Every ticket ``actor`` may see: staff by need-to-know, scoped systems by their offices."""
    if actor.is_staff and actor.user is not None:
        return visible_tickets(actor.user)
    if actor.unit_ids is not None:
        return unit_tickets(actor.unit_ids)
    return Ticket.objects.none()


def get_ticket_for_actor(
    actor: Actor, *, pk: int | None = None, reference: str | None = None, purpose: str = "view"
) -> Ticket:
    """One ticket for a staff member or a scoped system client, read-audited like get_ticket."""
    if actor.is_staff and actor.user is not None:
        return get_ticket(actor.user, pk=pk, reference=reference, purpose=purpose)
    return _one_audited(
        tickets_for_actor(actor),
        pk=pk,
        reference=reference,
        purpose=purpose,
        label=actor.label,
        actor_id=None,
    )


def ticket_for_external_reference(system: str, reference: str) -> Ticket | None:
    """The ticket linked to Aktenzeichen ``reference`` of ``system`` (inbound status bridge;
    the caller has already authenticated as that system)."""
    link = (
        ExternalReference.objects.filter(system=system.strip(), reference=reference.strip())
        .select_related("ticket")
        .first()
    )
    return link.ticket if link else None


# --- Reads of the data protection interface (retention, dossiers, the audit viewer) --------
# The retention run is a system job: it sees every ticket, but only through these functions,
# so that what it may read is listed here with everything else.


def finished_tickets(
    *,
    retention_class: str,
    with_unclassified: bool,
    started_field: str,
    cutoff: datetime,
    sensitive: bool,
) -> QuerySet[Ticket]:
    """Finished tickets of one retention class whose period started before ``cutoff``.

    ``started_field`` is ``created_at`` or ``resolved_at``; ``with_unclassified`` adds tickets
    without a service (they fall under the default class).
    """
    if started_field not in {"created_at", "resolved_at"}:
        raise ValueError(started_field)
    of_class = Q(service__retention_class=retention_class)
    if with_unclassified:
        of_class |= Q(service__isnull=True)
    return Ticket.objects.filter(
        of_class,
        Q(**{f"{started_field}__lt": cutoff}),
        is_sensitive=sensitive,
        status__in=FINISHED_STATUSES,
    )


def tickets_by_ids(ticket_ids: list[int]) -> QuerySet[Ticket]:
    """Tickets a system job already selected (an archive offer's package), in id order."""
    return (
        Ticket.objects.filter(pk__in=ticket_ids)
        .select_related("service", "org_unit")
        .order_by("pk")
    )


def attachments_of(ticket: Ticket) -> QuerySet[Attachment]:
    """Every attachment of ``ticket`` (for a dossier the caller was already allowed to build)."""
    return Attachment.objects.filter(message__ticket=ticket).order_by("pk")


def ticket_id_for_audit(user: User, reference: str) -> int | None:
    """The id behind a reference, for filtering the audit log; data protection officer only.

    Only the id is returned (no ticket is read), so the lookup is not audited itself.
    """
    if not is_dpo(user):
        raise NotFound(_("Diese Seite gibt es nicht oder Sie haben keinen Zugriff."))
    ref = reference.strip().upper()
    return Ticket.objects.filter(reference=ref).values_list("pk", flat=True).first()
