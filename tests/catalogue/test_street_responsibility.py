"""Responsibilities by street (from the spreadsheet's ``streets`` column) decide the office by
the place the citizen gave, however the street is spelled."""

from __future__ import annotations

import pytest

from anliegen.catalog.models import Responsibility, Service
from anliegen.catalog.responsibility import lead_unit, street_form
from tests.conftest import City, submit


@pytest.fixture
def lights(city: City) -> Service:
    service = city.laterne
    Responsibility.objects.create(
        service=service,
        org_unit=city.vollzugsdienst,
        role=Responsibility.Role.LEAD,
        streets=["Hauptstraße", "Am Markt"],
    )
    return service


@pytest.mark.parametrize(
    "place",
    ["Hauptstraße 12", "Hauptstr. 12, 56068 Koblenz", "HAUPTSTRASSE 3", "vor Am Markt 1"],
)
def test_a_place_on_a_listed_street_goes_to_that_office(
    lights: Service, city: City, place: str
) -> None:
    chosen = lead_unit(lights, None, place)
    assert chosen is not None and chosen.org_unit == city.vollzugsdienst
    created = submit(lights, text="Laterne aus", location_text=place)
    assert created.ticket.org_unit == city.vollzugsdienst


@pytest.mark.parametrize("place", ["", "Bahnhofstraße 3", "Hauptstraßenbrücke", "Marktplatz 2"])
def test_elsewhere_the_city_wide_office_stays_responsible(
    lights: Service, city: City, place: str
) -> None:
    chosen = lead_unit(lights, None, place)
    assert chosen is not None and chosen.org_unit == city.tiefbau
    assert submit(lights, text="Laterne aus", location_text=place).ticket.org_unit == city.tiefbau


def test_street_form_unifies_spellings() -> None:
    assert street_form("Koblenzer Str.5") == "koblenzer straße5"
    assert street_form("Koblenzer-Strasse 5") == "koblenzer straße 5"
    assert street_form("Zentralpl. 1") == "zentralplatz 1"
