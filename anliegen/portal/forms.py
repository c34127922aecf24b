"""Portal forms: they validate only; views hand the cleaned data to the ticket actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import District, Service

from . import location

MAX_TEXT = 20_000


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Was ist Ihr Anliegen?"),
        max_length=500,
        required=False,
        help_text=_("Beschreiben Sie in eigenen Worten, z. B. „alte Couch abholen lassen“."),
    )


def _service_field(spec: dict[str, Any]) -> forms.Field:
    """A form field from one entry of Service.form_fields (validated by the catalogue)."""
    common: dict[str, Any] = {
        "label": spec["label"],
        "required": bool(spec.get("required", False)),
        "help_text": spec.get("help", ""),
    }
    kind = spec["type"]
    if kind == "textarea":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, **common)
    if kind == "number":
        return forms.DecimalField(max_digits=12, decimal_places=2, **common)
    if kind == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == "choice":
        choices = [("", _("Bitte wählen"))] + [(str(c), str(c)) for c in spec["choices"]]
        return forms.ChoiceField(choices=choices, **common)
    if kind == "boolean":
        return forms.BooleanField(**common)
    return forms.CharField(max_length=500, **common)


class SubmissionForm(forms.Form):
    """The concern itself. Field prefix ``sf_`` marks the service's own typed fields."""

    text = forms.CharField(
        label=_("Ihr Anliegen"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT,
        error_messages={"required": _("Bitte beschreiben Sie Ihr Anliegen.")},
    )
    location_text = forms.CharField(
        label=_("Ort (Adresse oder Beschreibung)"), max_length=300, required=False
    )
    district = forms.ModelChoiceField(
        label=_("Stadtteil"),
        queryset=District.objects.all(),
        to_field_name="key",
        required=False,
        empty_label=_("– keine Angabe –"),
    )
    contact_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("E-Mail"),
        required=False,
        help_text=_("Dorthin senden wir den Link zur Vorgangsverfolgung."),
    )
    contact_phone = forms.CharField(label=_("Telefon"), max_length=50, required=False)
    privacy = forms.BooleanField(
        label=_("Ich habe die Datenschutzhinweise gelesen."),
        error_messages={"required": _("Bitte bestätigen Sie die Datenschutzhinweise.")},
    )

    def __init__(self, service: Service | None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service
        self.service_field_names: list[str] = []
        for spec in service.form_fields if service else []:
            name = f"sf_{spec['name']}"
            self.fields[name] = _service_field(spec)
            self.service_field_names.append(name)
        # Keep the service's fields right after the free text.
        order = ["text", *self.service_field_names]
        self.order_fields(order)
        if self.anonymous_allowed:
            location.add_fields(self)
            self.fields["contact_name"].help_text = _(
                "Mängel können Sie auch ohne Namen melden; dann können wir nicht nachfragen."
            )

    @property
    def street_names(self) -> list[str]:
        """The city's streets for the location field's list (defect services only)."""
        return location.street_names() if self.anonymous_allowed else []

    @property
    def anonymous_allowed(self) -> bool:
        return self.service is not None and self.service.kind == Service.Kind.DEFECT

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.anonymous_allowed:
            location.clean(self, data)
            return data
        if not (data.get("contact_name") or "").strip() and "contact_name" not in self.errors:
            self.add_error("contact_name", _("Bitte geben Sie Ihren Namen an."))
        no_way = not data.get("contact_email") and not (data.get("contact_phone") or "").strip()
        if no_way and "contact_email" not in self.errors:
            self.add_error(
                "contact_email",
                _("Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an."),
            )
        return data

    def form_data(self) -> dict[str, Any]:
        """The service's own answers, JSON-ready, keyed by the catalogue's field names."""
        result: dict[str, Any] = {}
        for name in self.service_field_names:
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            result[name.removeprefix("sf_")] = (
                value if isinstance(value, bool | str) else str(value)
            )
        return result


class SpamCheckForm(forms.Form):
    """Proof of work (filled by static/anliegen/js/altcha.js) or, without JS, a sum."""

    altcha = forms.CharField(required=False, widget=forms.HiddenInput)
    math_answer = forms.CharField(label="", max_length=5, required=False)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Ihre Nachricht"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_TEXT,
        required=False,
        help_text=_("Oder hängen Sie nur Dateien an."),
    )

    def __init__(self, *args: Any, has_files: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_files = has_files

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Optional only when files come instead; the message belongs to the text field.
        if (
            not (data.get("body") or "").strip()
            and not self.has_files
            and "body" not in self.errors
        ):
            self.add_error("body", _("Bitte schreiben Sie eine Nachricht."))
        return data


class LostLinkForm(forms.Form):
    reference = forms.CharField(label=_("Vorgangsnummer"), max_length=20)
    email = forms.EmailField(label=_("E-Mail-Adresse"))


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=_("Welche Barriere ist Ihnen aufgefallen?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT,
        error_messages={"required": _("Bitte beschreiben Sie die Barriere.")},
    )
    contact_email = forms.EmailField(
        label=_("E-Mail (für eine Antwort, freiwillig)"), required=False
    )


OTHER = "other"


class QuestionForm(forms.Form):
    """„Meinen Sie …?“: one of the offered services (key → plain name) or „etwas anderes“."""

    choice = forms.ChoiceField(
        label=_("Meinen Sie …?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Bitte wählen Sie eine der Möglichkeiten."),
            "invalid_choice": _("Bitte wählen Sie eine der Möglichkeiten."),
        },
    )

    def __init__(self, offered: list[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["choice"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [*offered, (OTHER, _("etwas anderes"))]


class SatisfactionForm(forms.Form):
    """„Wurde Ihr Anliegen gelöst?“ after closing: yes/no, optionally 1–5 and a comment."""

    solved = forms.TypedChoiceField(
        label=_("Wurde Ihr Anliegen gelöst?"),
        choices=[("ja", _("Ja")), ("nein", _("Nein"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie „Ja“ oder „Nein“.")},
    )
    rating = forms.TypedChoiceField(
        label=_("Wie zufrieden sind Sie? (1 = gar nicht, 5 = sehr)"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Möchten Sie uns noch etwas sagen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
