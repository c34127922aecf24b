"""Forms of the data protection officer's pages (audit log, data-subject requests)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

INPUT = {"class": "kern-form-input__input"}


class AuditFilterForm(forms.Form):
    actor = forms.CharField(
        label=_("Wer"), required=False, max_length=150, widget=forms.TextInput(INPUT)
    )
    action = forms.CharField(
        label=_("Aktion (Anfang)"), required=False, max_length=60, widget=forms.TextInput(INPUT)
    )
    reference = forms.CharField(
        label=_("Vorgangsnummer"), required=False, max_length=16, widget=forms.TextInput(INPUT)
    )
    since = forms.DateField(
        label=_("von"), required=False, widget=forms.DateInput({"type": "date", **INPUT})
    )
    until = forms.DateField(
        label=_("bis"), required=False, widget=forms.DateInput({"type": "date", **INPUT})
    )


class PersonForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"), required=False, widget=forms.EmailInput(INPUT)
    )
    phone = forms.CharField(
        label=_("Telefonnummer"), required=False, max_length=50, widget=forms.TextInput(INPUT)
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        digits = sum(ch.isdigit() for ch in cleaned.get("phone", ""))
        if not cleaned.get("email") and digits < 6:
            raise forms.ValidationError(
                _("Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.")
            )
        return cleaned
