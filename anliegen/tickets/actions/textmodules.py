"""Text modules (Textbausteine) are kept by the leads of an office."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from anliegen.core.errors import PermissionDenied, ValidationFailed
from anliegen.core.text import normalise_line, normalise_text
from anliegen.organization.models import OrgUnit
from anliegen.organization.units import is_lead_of
from anliegen.privacy.audit import record

from ..actors import Actor
from ..models import TextModule


def save_text_module(
    actor: Actor,
    org_unit: OrgUnit,
    title: str,
    body: str,
    *,
    module: TextModule | None = None,
    is_active: bool = True,
) -> TextModule:
    """Create or change a text module of ``org_unit``; only its leads may."""
    if not actor.is_staff or actor.user is None or not is_lead_of(actor.user, org_unit):
        raise PermissionDenied(_("Nur die Leitung der Stelle kann Textbausteine pflegen."))
    if module is not None and (
        module.org_unit is None or not is_lead_of(actor.user, module.org_unit)
    ):
        raise PermissionDenied(_("Nur die Leitung der Stelle kann Textbausteine pflegen."))
    title, body = normalise_line(title), normalise_text(body)
    if not title.strip() or not body.strip():
        raise ValidationFailed(_("Bitte geben Sie Titel und Text an."))
    with transaction.atomic():
        module = module or TextModule()
        module.org_unit = org_unit
        module.title = title.strip()[:200]
        module.body = body.strip()
        module.is_active = is_active
        module.save()
        record(actor.label, "textmodule.saved", actor_id=actor.user_id, text_module=module.pk)
    return module
