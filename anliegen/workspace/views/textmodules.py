"""Text modules per office, kept by the office's leads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anliegen.core.errors import DomainError
from anliegen.organization.models import Membership, OrgUnit
from anliegen.organization.units import descendant_ids, membership_unit_ids
from anliegen.tickets.actions import save_text_module
from anliegen.tickets.models import TextModule

from ..forms import TextModuleForm
from .common import actor, staff


def _lead_units(request: HttpRequest) -> list[OrgUnit]:
    lead = membership_unit_ids(staff(request), role=Membership.Role.LEAD)
    return list(OrgUnit.objects.filter(pk__in=descendant_ids(lead), is_active=True))


@login_required
def module_list(request: HttpRequest) -> HttpResponse:
    units = _lead_units(request)
    modules = TextModule.objects.filter(org_unit__in=units).select_related("org_unit")
    return render(
        request, "workspace/textmodules.html", {"modules": modules, "is_lead": bool(units)}
    )


@login_required
def module_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    units = _lead_units(request)
    if not units:
        raise PermissionDenied(_("Textbausteine pflegen die Leitungen der Stellen."))
    module = TextModule.objects.filter(pk=pk, org_unit__in=units).first() if pk else None
    if pk and module is None:
        raise Http404
    initial = (
        {
            "org_unit": module.org_unit_id,
            "title": module.title,
            "body": module.body,
            "is_active": module.is_active,
        }
        if module
        else {"is_active": True}
    )
    form = TextModuleForm(request.POST or None, initial=initial, units=units)
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next(u for u in units if u.pk == data["org_unit"])
        try:
            save_text_module(
                actor(request),
                unit,
                data["title"],
                data["body"],
                module=module,
                is_active=data["is_active"],
            )
        except DomainError as refusal:
            error = str(refusal.message)
        else:
            messages.success(request, _("Textbaustein gespeichert."))
            return redirect("workspace:textmodules")
    return render(
        request, "workspace/textmodule_form.html", {"form": form, "module": module, "error": error}
    )
