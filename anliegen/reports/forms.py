from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import Service
from anliegen.organization.models import OrgUnit
from anliegen.tickets.models import Channel

from .figures import ReportFilter

MAX_DAYS = 3 * 366


class ReportFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("von"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("bis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    org_unit = forms.ModelChoiceField(
        label=_("Organisationseinheit"), queryset=OrgUnit.objects.none(), required=False
    )
    service = forms.ModelChoiceField(
        label=_("Leistung"), queryset=Service.objects.order_by("name"), required=False
    )
    channel = forms.ChoiceField(
        label=_("Eingangskanal"), choices=[("", _("alle")), *Channel.choices], required=False
    )
    weekly = forms.BooleanField(label=_("nach Wochen"), required=False)

    def __init__(self, *args: Any, scope: frozenset[int] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.order_by("kgst_number", "name")
        field = self.fields["org_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units if scope is None else units.filter(pk__in=scope)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and first > last:
            raise forms.ValidationError(_("Das Anfangsdatum liegt nach dem Enddatum."))
        if first and last and (last - first).days > MAX_DAYS:
            raise forms.ValidationError(_("Bitte wählen Sie höchstens drei Jahre."))
        return data

    def report_filter(self, today: date) -> ReportFilter:
        """The filter the user asked for; invalid or empty fields fall back to 30 days."""
        data: dict[str, Any] = {}
        if self.is_bound and not self.is_valid():
            # Keep what was valid; a contradictory period falls back to the default one.
            data = {k: v for k, v in self.cleaned_data.items() if not self.non_field_errors()}
            data = data or {k: v for k, v in self.cleaned_data.items() if "date" not in k}
        elif self.is_bound:
            data = self.cleaned_data
        last = data.get("date_to") or today
        first = data.get("date_from") or last - timedelta(days=29)
        unit, service = data.get("org_unit"), data.get("service")
        return ReportFilter(
            date_from=first,
            date_to=last,
            org_unit_id=unit.pk if unit else None,
            service_id=service.pk if service else None,
            channel=data.get("channel") or "",
            weekly=bool(data.get("weekly")),
        )
