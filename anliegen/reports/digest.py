"""Daily digest for staff: open and overdue tickets of each person and of the offices they lead,
and for those who may see reports yesterday's figures marked ``digest`` in the registry.

Until the templated notifications of the e-mail interface arrive, a plain-text mail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anliegen.organization.models import Membership, User
from anliegen.organization.units import descendant_ids
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import OPEN_STATUSES

from .figures import ReportFilter, build_report, report_scope
from .registry import Shown


@dataclass(frozen=True)
class Digest:
    user: User
    open_mine: int
    overdue_mine: int
    open_led: int
    overdue_led: int
    figures: list[Shown] = field(default_factory=list)  # yesterday, in the user's report scope

    @property
    def is_empty(self) -> bool:
        return not (self.open_mine or self.open_led)


def _counts(tickets: Q, now: datetime) -> tuple[int, int]:
    counts = Ticket.objects.filter(tickets, status__in=list(OPEN_STATUSES)).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(resolution_due__lt=now))
    )
    return counts["open"], counts["overdue"]


def digest_for(user: User, now: datetime) -> Digest:
    open_mine, overdue_mine = _counts(Q(assignee_id=user.pk), now)
    led = set(
        Membership.objects.filter(user=user, role=Membership.Role.LEAD).values_list(
            "org_unit_id", flat=True
        )
    )
    open_led, overdue_led = _counts(Q(org_unit_id__in=descendant_ids(led)), now) if led else (0, 0)
    return Digest(user, open_mine, overdue_mine, open_led, overdue_led, _figures(user, now))


def _figures(user: User, now: datetime) -> list[Shown]:
    scope = report_scope(user)
    if scope is not None and not scope:
        return []
    yesterday = timezone.localdate(now) - timedelta(days=1)
    flt = ReportFilter(date_from=yesterday, date_to=yesterday)
    report = build_report(flt, scope, by_unit_and_service=False)
    return [shown for shown in report.shown() if shown.figure.digest]


def _body(digest: Digest) -> str:
    lines = [
        _("Guten Morgen %(name)s,") % {"name": digest.user},
        "",
        _("Ihnen zugewiesen: %(open)d offen, davon %(overdue)d überfällig.")
        % {"open": digest.open_mine, "overdue": digest.overdue_mine},
    ]
    if digest.open_led:
        lines.append(
            _("In Ihren Stellen: %(open)d offen, davon %(overdue)d überfällig.")
            % {"open": digest.open_led, "overdue": digest.overdue_led}
        )
    if digest.figures:
        lines += ["", _("Kennzahlen von gestern:")]
        lines += [_line(shown) for shown in digest.figures]
    lines += ["", f"{settings.SITE_URL}/arbeitsplatz/"]
    return "\n".join(lines)


def _line(shown: Shown) -> str:
    detail = f" ({shown.detail})" if shown.detail else ""
    return f"- {shown.label}: {shown.text}{detail}"


def send_digests(now: datetime) -> int:
    """One mail per active member of staff with an address and open tickets; returns count."""
    sent = 0
    users = User.objects.filter(is_active=True).exclude(email="").order_by("pk")
    with translation.override(settings.LANGUAGE_CODE):
        for user in users:
            digest = digest_for(user, now)
            if digest.is_empty:
                continue
            send_mail(
                _("Anliegen: Ihre Übersicht"),
                _body(digest),
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
            sent += 1
    return sent
