"""Workspace forms: they validate input only; the views hand the result to tickets.actions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from anliegen.organization.models import User
from anliegen.tickets.actions import MAX_EFFORT_MINUTES
from anliegen.tickets.models import Channel, Priority
from anliegen.tickets.queries import Sort, View
from anliegen.tickets.status import TRANSITIONS, Status

from .choices import colleagues, service_choices, unit_choices
from .widgets import fast


def set_choices(form: forms.Form, name: str, choices: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.widget = fast(field.widget)
    field.choices = choices


TEXT = forms.Textarea(attrs={"rows": 6, "class": "kern-form-input__input"})


class FilterForm(forms.Form):
    view = forms.ChoiceField(
        label=_("Ansicht"), choices=[(v.value, v.value) for v in View], required=False
    )
    q = forms.CharField(label=_("Suche"), required=False, max_length=200)
    status = forms.MultipleChoiceField(label=_("Status"), choices=Status.choices, required=False)
    service = forms.TypedChoiceField(
        label=_("Leistung"), coerce=int, required=False, empty_value=None
    )
    org_unit = forms.TypedChoiceField(
        label=_("Stelle"), coerce=int, required=False, empty_value=None
    )
    channel = forms.ChoiceField(
        label=_("Eingangskanal"), choices=[("", "—"), *Channel.choices], required=False
    )
    date_from = forms.DateField(
        label=_("Eingang ab"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Eingang bis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    priority = forms.TypedChoiceField(
        label=_("Priorität"),
        choices=[("", "—"), *Priority.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    tag = forms.CharField(label=_("Schlagwort"), required=False, max_length=50)
    sort = forms.ChoiceField(
        label=_("Sortierung"),
        required=False,
        choices=[
            (Sort.NEWEST.value, _("neueste zuerst")),
            (Sort.OLDEST.value, _("älteste zuerst")),
            (Sort.DUE.value, _("Fälligkeit")),
            (Sort.PRIORITY.value, _("Priorität")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "service", service_choices())
        set_choices(self, "org_unit", unit_choices())


class SavedFilterForm(forms.Form):
    name = forms.CharField(label=_("Name des Filters"), max_length=80)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)


class ReplyForm(forms.Form):
    text_module = forms.TypedChoiceField(
        label=_("Textbaustein"), coerce=int, required=False, empty_value=None
    )
    body = forms.CharField(
        label=_("Antwort an Bürger/in"), widget=TEXT, required=False, max_length=20_000
    )

    def __init__(self, *args: Any, modules: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "text_module", [("", "—"), *((m.pk, m.title) for m in modules or [])])


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Interner Vermerk"), widget=TEXT, max_length=20_000)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Neuer Status"))
    note = forms.CharField(label=_("Bemerkung"), required=False, max_length=500)

    def __init__(self, *args: Any, current: str = Status.NEW, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[Status(current)]
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        # Any status passes the form; the action decides and explains a refused transition.
        # The select offers only what the transition table allows.
        field.choices = Status.choices
        field.widget.choices = [(s.value, s.label) for s in Status if s in allowed]


class AssignForm(forms.Form):
    assignee = forms.TypedChoiceField(
        label=_("Bearbeitung durch"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, unit_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = [(u.pk, str(u)) for u in colleagues(unit_id)]
        set_choices(self, "assignee", [("", _("— Stelle (niemand) —")), *people])


class ForwardForm(forms.Form):
    org_unit = forms.TypedChoiceField(
        label=_("An Stelle"), coerce=int, required=False, empty_value=None
    )
    service = forms.TypedChoiceField(
        label=_("Leistung (optional)"), coerce=int, required=False, empty_value=None
    )
    reason = forms.CharField(label=_("Grund"), max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "org_unit", unit_choices())
        set_choices(self, "service", service_choices())


class ConsultForm(forms.Form):
    org_unit = forms.TypedChoiceField(label=_("Stelle beteiligen"), coerce=int)
    question = forms.CharField(label=_("Frage"), widget=TEXT, max_length=5000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "org_unit", unit_choices())


class AnswerForm(forms.Form):
    consultation = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("Antwort Ihrer Stelle"), widget=TEXT, max_length=5000)


class MergeForm(forms.Form):
    reference = forms.CharField(label=_("Vorgangsnummer des Ziel-Anliegens"), max_length=20)


class PublicTextForm(forms.Form):
    text = forms.CharField(
        label=_("Öffentliche Beschreibung (leer: nicht veröffentlichen)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
        help_text=_("Vorschlag aus dem Text der Meldung, ohne Namen, Nummern und Adressen."),
    )


class ExternalForm(forms.Form):
    system = forms.CharField(label=_("System"), max_length=100)
    reference = forms.CharField(label=_("Aktenzeichen"), max_length=200)


class PriorityForm(forms.Form):
    priority = forms.TypedChoiceField(label=_("Priorität"), choices=Priority.choices, coerce=int)


class TagsForm(forms.Form):
    tags = forms.CharField(
        label=_("Schlagwörter (durch Komma getrennt)"), required=False, max_length=600
    )


class EffortForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("Aufwand in Minuten"),
        min_value=1,
        max_value=MAX_EFFORT_MINUTES,
        error_messages={"invalid": _("Bitte geben Sie eine ganze Zahl von Minuten an.")},
    )
    note = forms.CharField(label=_("Bemerkung (freiwillig)"), required=False, max_length=200)


class AcceptForm(forms.Form):
    service = forms.IntegerField(widget=forms.HiddenInput)


class BulkForm(forms.Form):
    tickets = forms.TypedMultipleChoiceField(coerce=int)
    operation = forms.ChoiceField(
        label=_("Sammelaktion"),
        choices=[
            ("assign_me", _("Mir zuweisen")),
            ("assign", _("Kollegin/Kollegen zuweisen")),
            ("status", _("Status setzen")),
            ("forward", _("Weiterleiten")),
            ("accept_top", _("Besten Vorschlag übernehmen (Vorsortierung)")),
        ],
    )
    assignee = forms.TypedChoiceField(
        label=_("Bearbeitung durch"), coerce=int, required=False, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—"), *Status.choices], required=False
    )
    org_unit = forms.TypedChoiceField(
        label=_("An Stelle"), coerce=int, required=False, empty_value=None
    )
    reason = forms.CharField(label=_("Grund"), required=False, max_length=500)

    def __init__(
        self,
        *args: Any,
        ticket_ids: list[int] | None = None,
        people: Iterable[User] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "tickets", [(i, i) for i in ticket_ids or []])
        set_choices(self, "assignee", [("", "—"), *((u.pk, str(u)) for u in people)])
        set_choices(self, "org_unit", unit_choices())


class IntakeForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Eingangskanal"),
        choices=[(c.value, c.label) for c in (Channel.PHONE, Channel.COUNTER, Channel.LETTER)],
    )
    text = forms.CharField(label=_("Anliegen"), widget=TEXT, max_length=20_000)
    subject = forms.CharField(label=_("Betreff (optional)"), required=False, max_length=200)
    service = forms.TypedChoiceField(
        label=_("Leistung"), coerce=int, required=False, empty_value=None
    )
    suggested_service = forms.IntegerField(required=False, widget=forms.HiddenInput)
    contact_name = forms.CharField(label=_("Name"), required=False, max_length=200)
    contact_email = forms.EmailField(label=_("E-Mail"), required=False)
    contact_phone = forms.CharField(label=_("Telefon"), required=False, max_length=50)
    location_text = forms.CharField(label=_("Ort"), required=False, max_length=300)
    contact_language = forms.ChoiceField(
        label=_("Sprache der Nachrichten an die Person"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "service", service_choices())
        site = dict(settings.LANGUAGES).get(settings.LANGUAGE_CODE, settings.LANGUAGE_CODE)
        others = [(c, name) for c, name in settings.LANGUAGES if c != settings.LANGUAGE_CODE]
        default = _("Sprache der Website (%(language)s)") % {"language": site}
        set_choices(self, "contact_language", [("", default), *others])


class TextModuleForm(forms.Form):
    org_unit = forms.TypedChoiceField(label=_("Stelle"), coerce=int)
    title = forms.CharField(label=_("Titel"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=TEXT,
        help_text=_("Platzhalter: {name} {reference} {office} {service}"),
    )
    is_active = forms.BooleanField(label=_("Aktiv"), required=False, initial=True)

    def __init__(self, *args: Any, units: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "org_unit", [(u.pk, str(u)) for u in units or []])
