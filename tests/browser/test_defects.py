"""Defect reports in a real browser (issue 18): a report near an existing one shows it
(„Schon gemeldet?“), supporting it creates no ticket, and its status mails reach the
supporter. Both pages pass axe."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core import mail as django_mail
from django.utils.timezone import localtime
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from anliegen.catalog.models import Service
from anliegen.defects.models import Support
from anliegen.organization.models import User
from anliegen.tickets.actions import NewTicket, change_status, create_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel, Ticket
from anliegen.tickets.status import Status

from .conftest import axe_check
from .pages import check, fill, press_button, wait_for, wait_for_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_near_an_existing_one_supports_it(portal: str, driver: WebDriver) -> None:
    service = Service.objects.filter(kind=Service.Kind.DEFECT, form_fields=[]).first()
    assert service is not None
    existing = create_ticket(
        NewTicket(text="Laterne aus, Erika Muster, 0261 999999", channel=Channel.WEB,
                  service=service, contact_email="erste@example.org",
                  location_text="Löhrstraße 90", latitude=Decimal("50.356000"),
                  longitude=Decimal("7.592100")),
        Actor.citizen(),
    ).ticket  # fmt: skip

    driver.get(f"{portal}/leistungen/{service.key}/anliegen/")
    wait_for(driver, "#id_text")
    fill(driver, "id_text", "Die Laterne vor Nummer 100 leuchtet nicht.")
    fill(driver, "id_street", "Löhrstraße")
    fill(driver, "id_house_number", "100")
    fill(driver, "id_contact_email", "zweite@example.org")
    check(driver, "id_privacy")
    press_button(driver, "Weiter")

    wait_for_path(driver, "/anliegen/pruefen/")
    shown = wait_for(driver, f"#nearby-{existing.reference}").text
    assert "Schon gemeldet?" in driver.page_source
    assert localtime(existing.created_at).strftime("%d.%m.%Y") in shown and "0261" not in shown
    axe_check(driver)

    tickets = Ticket.objects.count()
    press_button(driver, f"Diese Meldung unterstützen ({existing.reference})")
    wait_for_path(driver, "/anliegen/unterstuetzt/")
    link = wait_for(driver, "#support-link").get_attribute("href")
    assert link and "/verfolgen/meldung/" in link
    axe_check(driver)
    assert Ticket.objects.count() == tickets  # supporting made no ticket
    assert Support.objects.get(ticket=existing).email == "zweite@example.org"

    django_mail.outbox.clear()
    admin = User.objects.get(username="admin")
    change_status(existing, Actor.staff(admin), Status.IN_PROGRESS)
    [status_mail] = [m for m in django_mail.outbox if m.to == ["zweite@example.org"]]
    assert link in status_mail.body

    driver.get(link)
    wait_for_path(driver, "/verfolgen/meldung/")
    assert "In Bearbeitung" in wait_for(driver, "#support-status").text
    axe_check(driver)
    press_button(driver, "Keine E-Mails mehr")
    wait_for(driver, ".kern-alert, [role=status], main")
    assert Support.objects.get(ticket=existing).email == ""


def _published_report() -> Ticket:
    service = Service.objects.filter(kind=Service.Kind.DEFECT, form_fields=[]).first()
    assert service is not None
    return create_ticket(
        NewTicket(text="Erika Muster, 0261 999999: Laterne aus", channel=Channel.WEB,
                  service=service, contact_email="erste@example.org",
                  location_text="Löhrstraße 90", latitude=Decimal("50.356000"),
                  longitude=Decimal("7.592100")),
        Actor.citizen(),
    ).ticket  # fmt: skip


def test_public_list_works_without_javascript(nojs_portal: str, nojs_driver: WebDriver) -> None:
    ticket = _published_report()
    nojs_driver.get(nojs_portal + "/meldungen/")
    row = wait_for(nojs_driver, f"#meldung-{ticket.reference}").text
    assert "Löhrstraße" in row and "Eingegangen" in row and "0261" not in row
    # Filtering is a plain GET form.
    Select(nojs_driver.find_element(By.ID, "f-stand")).select_by_value("closed")
    press_button(nojs_driver, "Filtern")
    wait_for_path(nojs_driver, "/meldungen/")
    wait_for(nojs_driver, "#h-list")
    assert "stand=closed" in nojs_driver.current_url
    assert "Keine Meldungen für diese Auswahl." in nojs_driver.page_source


def test_public_list_passes_axe(portal: str, driver: WebDriver) -> None:
    """Without a tile URL the list is the whole page, as it is without JavaScript."""
    ticket = _published_report()
    driver.get(portal + "/meldungen/")
    wait_for(driver, f"#meldung-{ticket.reference}")
    assert not driver.find_elements(By.ID, "reports-map")
    axe_check(driver)
    driver.get(portal + "/meldungen/?stand=closed")
    wait_for(driver, "#h-list")
    axe_check(driver)


def test_map_view_with_the_list_as_equivalent(
    portal: str, driver: WebDriver, settings: Any
) -> None:
    # An unresolvable origin: the page must not depend on tiles, and no test calls a tile server.
    settings.MAP_TILE_URL = "https://{s}.tiles.invalid/{z}/{x}/{y}.png"
    settings.MAP_ATTRIBUTION = "Kartendaten: Beispiel"
    ticket = _published_report()
    driver.get(portal + "/meldungen/")
    wait_for(driver, "#reports-map .leaflet-marker-icon")
    # The marker's popup points to the report's entry in the list: the list is the equivalent.
    wait_for(driver, "#reports-map .leaflet-marker-icon").click()
    link = wait_for(driver, "#reports-map .leaflet-popup-content a").get_attribute("href")
    assert link is not None and link.endswith(f"#meldung-{ticket.reference}")
    assert wait_for(driver, f"#meldung-{ticket.reference}").is_displayed()
    axe_check(driver)
