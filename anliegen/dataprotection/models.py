from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anliegen.organization.models import Membership, OrgUnit


class MembershipChange(models.Model):
    """A requested change of who belongs to an office under social or tax secrecy (or to the
    data protection role). It takes effect only when a second person approves it: the four
    eyes of issue 19, finding 5 (dataprotection.memberships)."""

    class Operation(models.TextChoices):
        ADD = "add", _("aufnehmen / Rolle ändern")
        REMOVE = "remove", _("entfernen")

    class State(models.TextChoices):
        PENDING = "pending", _("wartet auf Genehmigung")
        APPROVED = "approved", _("genehmigt und ausgeführt")
        REJECTED = "rejected", _("abgelehnt")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Mitarbeiter/in"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Stelle"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leer: die Rolle Datenschutz."),
    )
    role = models.CharField(
        _("Rolle"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.CLERK
    )
    operation = models.CharField(
        _("Änderung"), max_length=10, choices=Operation.choices, default=Operation.ADD
    )
    reason = models.TextField(_("Begründung"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantragt von"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("beantragt am"))
    state = models.CharField(
        _("Stand"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entschieden von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Mitgliedschaftsänderung (Vier-Augen)")
        verbose_name_plural = _("Mitgliedschaftsänderungen (Vier-Augen)")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        target = self.org_unit.name if self.org_unit else _("Datenschutz")
        return f"{self.user} – {target} ({self.get_operation_display()})"
