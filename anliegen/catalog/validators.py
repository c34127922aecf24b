"""Validation of catalogue data that admins and importers enter."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LEIKA_RE = re.compile(r"^99\d{12}$")
FIELD_TYPES = {"text", "textarea", "number", "date", "choice", "boolean"}
FIELD_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,49}$")


def validate_leika_key(value: str) -> None:
    """A LeiKa key has 14 digits and, for municipal services, starts with 99."""
    if value and not LEIKA_RE.match(value):
        raise ValidationError(
            _("Ein LeiKa-Schlüssel hat 14 Ziffern und beginnt mit 99, z. B. 99050012104000.")
        )


def validate_form_fields(value: Any) -> None:
    """The typed schema of a service's own form fields: a list of field definitions."""
    if not isinstance(value, list):
        raise ValidationError(_("Die Formularfelder müssen eine Liste sein."))
    names: set[str] = set()
    for index, field in enumerate(value, start=1):
        if not isinstance(field, dict):
            raise ValidationError(_("Feld %(n)s ist kein Objekt.") % {"n": index})
        name = field.get("name", "")
        if not isinstance(name, str) or not FIELD_NAME_RE.match(name):
            raise ValidationError(_("Feld %(n)s hat keinen gültigen Namen.") % {"n": index})
        if name in names:
            raise ValidationError(_("Der Feldname %(name)s kommt doppelt vor.") % {"name": name})
        names.add(name)
        if field.get("type") not in FIELD_TYPES:
            raise ValidationError(_("Feld %(name)s hat einen unbekannten Typ.") % {"name": name})
        if not isinstance(field.get("label"), str) or not field["label"].strip():
            raise ValidationError(_("Feld %(name)s braucht eine Beschriftung.") % {"name": name})
        choices = field.get("choices")
        if field["type"] == "choice" and (not isinstance(choices, list) or not choices):
            raise ValidationError(_("Auswahlfeld %(name)s braucht Optionen.") % {"name": name})


def validate_string_list(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Erwartet wird eine Liste von Texten."))
