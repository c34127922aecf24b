"""Staff register procedures that started elsewhere here (admin is enough); every save and
delete goes through the actions, so history and audit rows are the bridge's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from anliegen.core.errors import DomainError
from anliegen.tickets.actors import Actor

from . import verifier
from .actions import ProcedureReport, delete_procedure, record_procedure
from .models import Procedure, ProcedureEntry, ReferenceFormat
from .references import format_for


@admin.register(ReferenceFormat)
class ReferenceFormatAdmin(admin.ModelAdmin[ReferenceFormat]):
    list_display = ["system", "name", "pattern", "example", "org_unit", "is_active"]
    list_filter = ["system", "is_active"]
    autocomplete_fields = ["org_unit", "service"]


class ProcedureForm(forms.ModelForm[Procedure]):
    verifier_value = forms.CharField(
        label=_("Prüfangabe (Wert)"),
        required=False,
        strip=True,
        help_text=_("Wird nur als Prüfwert (HMAC) gespeichert. Leer lassen: unverändert."),
        widget=forms.PasswordInput(render_value=False),
    )

    class Meta:
        model = Procedure
        fields = [
            "system",
            "reference",
            "service",
            "org_unit",
            "status_text",
            "next_step",
            "is_closed",
            "verifier_kind",
        ]
        widgets = {"status_text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].required = False
        self.fields["org_unit"].help_text = _("Leer: die Stelle aus dem Aktenzeichen-Format.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, value = data.get("verifier_kind") or "", data.get("verifier_value") or ""
        if value and kind:
            try:
                verifier.validate(kind, value)
            except DomainError as exc:
                self.add_error("verifier_value", str(exc.message))
        without_office = not data.get("org_unit") and self.instance.pk is None
        if without_office and format_for(data.get("reference") or "") is None:
            self.add_error(
                "org_unit", _("Kein Aktenzeichen-Format passt: bitte die Stelle angeben.")
            )
        return data


class EntryInline(admin.TabularInline[ProcedureEntry, Procedure]):
    model = ProcedureEntry
    extra = 0
    can_delete = False
    readonly_fields = ["at", "status_text", "next_step", "source"]

    def has_add_permission(self, request: HttpRequest, obj: Procedure | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Procedure | None = None) -> bool:
        return False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin[Procedure]):
    form = ProcedureForm
    list_display = ["reference", "system", "service", "org_unit", "is_closed", "updated_at"]
    list_filter = ["system", "is_closed"]
    search_fields = ["reference", "reference_key"]
    autocomplete_fields = ["service", "org_unit"]
    list_select_related = ["service", "org_unit"]
    inlines = [EntryInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Procedure | None = None) -> list[str]:
        return ["system", "reference"] if obj is not None else []

    def save_model(
        self, request: HttpRequest, obj: Procedure, form: ProcedureForm, change: bool
    ) -> None:
        data = form.cleaned_data
        value = data.get("verifier_value") or ""
        kind_changed = "verifier_kind" in form.changed_data
        report = ProcedureReport(
            system=obj.system,
            reference=obj.reference,
            status_text=data.get("status_text") or "",
            next_step=data.get("next_step") or "",
            service=data.get("service"),
            org_unit=data.get("org_unit"),
            # A new value sets the verifier; choosing "keine" removes it; else unchanged.
            verifier_kind=data.get("verifier_kind") or "" if value or kind_changed else None,
            verifier_value=value,
            closed=bool(data.get("is_closed")),
        )
        recorded = record_procedure(report, Actor.staff(request.user))  # type: ignore[arg-type]
        obj.pk = recorded.procedure.pk

    def delete_model(self, request: HttpRequest, obj: Procedure) -> None:
        delete_procedure(obj, Actor.staff(request.user), reason="admin")  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Procedure]) -> None:
        for procedure in queryset:
            delete_procedure(procedure, Actor.staff(request.user), reason="admin")  # type: ignore[arg-type]
