"""Prefilled links to online services and appointment booking."""

from __future__ import annotations

from anliegen.catalog.models import Service
from anliegen.integrations.links import (
    AppointmentSystem,
    LinkContext,
    UrlTemplateAppointments,
    online_service_url,
)
from tests.conftest import City


def test_appointment_link_carries_service_and_place(city: City) -> None:
    service: Service = city.falschparker
    service.leika_key = "99050012104000"
    service.appointment_url = (
        "https://termine.example/buchen?leistung={leika}&ort={district}&sprache={lang}&x={other}"
    )
    system: AppointmentSystem = UrlTemplateAppointments()
    url = system.booking_url(service, LinkContext(district="nord & süd", lang="en"))
    assert url == (
        "https://termine.example/buchen?leistung=99050012104000&ort=nord%20%26%20s%C3%BCd"
        "&sprache=en&x={other}"
    )
    service.appointment_url = ""
    assert system.booking_url(service, LinkContext()) is None


def test_online_service_link_without_placeholders_is_unchanged(city: City) -> None:
    service = city.wohngeld
    service.online_service_url = "https://wohngeld.example/antrag"
    assert online_service_url(service, LinkContext()) == "https://wohngeld.example/antrag"
    service.online_service_url = "https://ozg.example/{service}"
    assert online_service_url(service, LinkContext()) == "https://ozg.example/wohngeld"
