"""Defect reports in a real browser (issue 18): a report near an existing one shows it
(„Schon gemeldet?“), supporting it creates no ticket, and its status mails reach the
supporter. Both pages pass axe."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail as django_mail
from selenium.webdriver.remote.webdriver import WebDriver

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
    assert existing.created_at.strftime("%d.%m.%Y") in shown and "0261" not in shown
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
