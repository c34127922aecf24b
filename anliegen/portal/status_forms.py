"""Forms of /sachstand/ (status of a running procedure). They only validate."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_MESSAGE = 2000


class StatusLookupForm(forms.Form):
    reference = forms.CharField(
        label=_("Aktenzeichen"),
        max_length=200,
        help_text=_("Wie in Ihrem Eingangsschreiben, z. B. 63-2026-0123."),
        error_messages={"required": _("Bitte geben Sie das Aktenzeichen an.")},
    )
    verifier = forms.CharField(
        label=_("Prüfangabe"),
        max_length=50,
        help_text=_(
            "Je nach Verfahren die Postleitzahl, Ihr Geburtsdatum (TT.MM.JJJJ) oder die PIN "
            "aus dem Eingangsschreiben."
        ),
        error_messages={"required": _("Bitte geben Sie die Prüfangabe an.")},
    )


class StatusInquiryForm(forms.Form):
    reference = forms.CharField(label=_("Aktenzeichen"), max_length=200)
    verifier = forms.CharField(label=_("Prüfangabe"), max_length=50, required=False)
    contact_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("E-Mail"),
        help_text=_("Dorthin schicken wir den Link zu Ihrer Anfrage und jede Antwort."),
        error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse an.")},
    )
    message = forms.CharField(
        label=_("Ihre Frage"),
        max_length=MAX_MESSAGE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
