"""Where the defect is: street and house number from the city's street list (works without
JavaScript), optionally a point from the map or the device. The form only validates; the
resolved location goes to create_ticket like every other field."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anliegen.catalog.models import District
from anliegen.defects import streets
from anliegen.defects.models import Street

LOCATION_FIELDS = ("street", "house_number", "location_text", "position")


@dataclass(frozen=True)
class Location:
    text: str
    latitude: Decimal | None
    longitude: Decimal | None
    district: District | None


def street_names() -> list[str]:
    return streets.names()


def add_fields(form: forms.Form) -> None:
    """Street, house number and an optional point instead of the free place and district."""
    form.fields.pop("district", None)
    form.fields["street"] = forms.CharField(
        label=gettext_lazy("Straße"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("Wählen Sie eine Straße der Stadt, z. B. „Löhrstraße“."),
    )
    form.fields["house_number"] = forms.CharField(
        label=gettext_lazy("Hausnummer"),
        max_length=10,
        required=False,
        help_text=gettext_lazy("Die nächste Hausnummer, z. B. 12 oder 12a."),
    )
    place = form.fields["location_text"]
    place.label = gettext_lazy("Genauere Ortsangabe")
    place.help_text = gettext_lazy(
        "Zum Beispiel „gegenüber der Bushaltestelle“. Wird nicht veröffentlicht."
    )
    form.fields["position"] = forms.CharField(
        required=False, max_length=40, widget=forms.HiddenInput
    )


def _point(raw: str) -> tuple[Decimal, Decimal] | None:
    parts = [p.strip() for p in raw.split(",")]
    if len(parts) != 2:
        return None
    try:
        lat, lon = Decimal(parts[0]), Decimal(parts[1])
    except InvalidOperation:
        return None
    if not (lat.is_finite() and lon.is_finite() and abs(lat) <= 90 and abs(lon) <= 180):
        return None
    return lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001"))


def clean(form: forms.Form, data: dict[str, Any]) -> None:
    """Check the location fields; messages at the field, in German. Leaves the street section
    and the point in ``data`` for ``resolved``."""
    name = (data.get("street") or "").strip()
    raw_number = (data.get("house_number") or "").strip()
    number = streets.house_number(raw_number)
    point = _point(data.get("position") or "") if data.get("position") else None
    if raw_number and number is None:
        form.add_error("house_number", _("Bitte geben Sie eine Hausnummer wie 12 oder 12a an."))
    section: Street | None = None
    if name:
        section = streets.find(name, number)
        if section is None:
            hint = streets.similar(name)
            message = _("Diese Straße gibt es in unserem Straßenverzeichnis nicht.")
            if hint:
                message += " " + _("Meinten Sie: %(names)s?") % {"names": ", ".join(hint)}
            else:
                message += " " + _("Bitte wählen Sie eine Straße aus der Liste.")
            form.add_error("street", message)
    elif raw_number:
        form.add_error("street", _("Bitte geben Sie zur Hausnummer auch die Straße an."))
    if data.get("position") and point is None:
        form.add_error(
            "street", _("Der Punkt auf der Karte ist ungültig. Bitte geben Sie die Straße an.")
        )
    elif point is not None and streets.nearest(*point) is None:
        form.add_error(
            "street",
            _(
                "Der gewählte Punkt liegt außerhalb des Stadtgebiets. "
                "Bitte geben Sie die Straße an."
            ),
        )
    if not (name or point or (data.get("location_text") or "").strip()):
        form.add_error(
            "street",
            _("Bitte geben Sie an, wo der Mangel ist: Straße und Hausnummer oder eine Ortsangabe."),
        )
    data["street_section"] = section
    data["point"] = point


def resolved(data: dict[str, Any]) -> Location:
    """The ticket's location text, point and district from the cleaned fields. Without a
    point, the street section's centre stands in, so that "Schon gemeldet?" finds it."""
    section: Street | None = data.get("street_section")
    point: tuple[Decimal, Decimal] | None = data.get("point")
    if section is None and point is not None:
        section = streets.nearest(*point)
        street_text = _("bei %(street)s") % {"street": section.name} if section else ""
    elif section is not None:
        street_text = f"{section.name} {(data.get('house_number') or '').strip()}".strip()
    else:
        street_text = ""
    extra = (data.get("location_text") or "").strip()
    text = ", ".join(p for p in (street_text, extra) if p)[:300]
    if point is None and section is not None:
        point = (section.latitude, section.longitude)
    return Location(
        text=text,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        district=section.district if section else None,
    )
