"""Issue 21, Done-means 1, in a real browser: "Wo steht mein Bauantrag? Aktenzeichen …" on the
start page leads to the status path. A procedure the Fachverfahren has reported through the
signed bridge is shown at once, without an Anliegen; for one it has not reported yet, the
citizen files a status inquiry that reaches the office owning the Aktenzeichen, and the
bridge's later report shows on the tracking page. The bridge is called over HTTP, as a
Fachverfahren would."""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from anliegen.integrations.models import StatusIntegration
from anliegen.integrations.signing import sign_delivery
from anliegen.organization.models import OrgUnit
from anliegen.procedures.models import ReferenceFormat
from anliegen.tickets.models import Ticket

from .conftest import axe_check
from .pages import fill, press, press_button, wait_for, wait_for_path, wait_until_solved

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "geheimer-schluessel-bauordnung"


@pytest.fixture
def bauordnung(portal: str) -> OrgUnit:
    office = OrgUnit.objects.get(key="amt-63-bauordnung")  # from the demo org chart
    ReferenceFormat.objects.create(
        system="PROBAUG",
        name="Bauantrag",
        pattern=r"63-\d{4}-\d{4}",
        example="63-2026-0123",
        org_unit=office,
    )
    StatusIntegration.objects.create(
        name="Bauordnung (ProBauG)", slug="probaug", system="PROBAUG", secret=SECRET
    )
    return office


def bridge(base: str, body: dict[str, Any], delivery: str) -> dict[str, Any]:
    raw = json.dumps(body).encode()
    timestamp = int(time.time())
    request = urllib.request.Request(
        base + "/integrations/status/probaug/",
        raw,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Anliegen-Timestamp": str(timestamp),
            "X-Anliegen-Delivery": delivery,
            "X-Anliegen-Signature": sign_delivery(SECRET, timestamp, delivery, raw),
        },
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        result: dict[str, Any] = json.loads(answer.read())
    return result


def procedure(reference: str, text: str) -> dict[str, Any]:
    return {
        "kind": "procedure",
        "reference": reference,
        "public_status_text": text,
        "next_step": "Beteiligung der Fachämter, etwa vier Wochen",
        "verifier": {"kind": "postal_code", "value": "56068"},
    }


def ask_from_start_page(base: str, driver: WebDriver, reference: str) -> None:
    """Start page → search → the status path first → /sachstand/ with the number filled in."""
    driver.get(base + "/")
    search = wait_for(driver, "#id_q")
    search.send_keys(f"Wo steht mein Bauantrag? Aktenzeichen {reference}")
    search.send_keys(Keys.ENTER)
    wait_for_path(driver, "/suche/")
    page = driver.page_source
    assert page.index('id="status-path"') < page.index('id="results-heading"')
    assert "Online erledigen" not in wait_for(driver, "#status-path").text
    press(wait_for(driver, "#status-path-link"))
    wait_for_path(driver, "/sachstand/")
    assert wait_for(driver, "#id_reference").get_attribute("value") == reference
    fill(driver, "id_verifier", "56 068")
    press_button(driver, "Stand abfragen")


def test_reported_procedure_is_shown_without_an_anliegen(
    portal: str, driver: WebDriver, bauordnung: OrgUnit
) -> None:
    answer = bridge(portal, procedure("63-2026-0123", "Ihr Bauantrag ist vollständig."), "pb-1")
    assert answer == {"outcome": "applied", "detail": "created"}

    ask_from_start_page(portal, driver, "63-2026-0123")

    assert wait_for(driver, "#status-text").text == "Ihr Bauantrag ist vollständig."
    assert "Beteiligung der Fachämter" in wait_for(driver, "#next-step").text
    assert bauordnung.name in wait_for(driver, "#procedure-status").text
    axe_check(driver)
    assert not Ticket.objects.exists()


def test_unreported_procedure_becomes_an_inquiry_and_later_shows_the_status(
    portal: str, driver: WebDriver, bauordnung: OrgUnit
) -> None:
    ask_from_start_page(portal, driver, "63-2026-0777")

    neutral = wait_for(driver, "#status-neutral").text
    assert "keinen Stand anzeigen" in neutral
    axe_check(driver)
    form = driver.find_element(By.ID, "inquiry-form")
    assert form.find_element(By.ID, "id_reference").get_attribute("value") == "63-2026-0777"
    fill(driver, "id_contact_name", "Erika Mustermann")
    fill(driver, "id_contact_email", "erika@example.org")
    fill(driver, "id_message", "Ich habe vor sechs Wochen eingereicht und nichts gehört.")
    wait_until_solved(driver)
    press_button(driver, "Sachstandsanfrage senden")

    number = wait_for(driver, "#inquiry-reference").text
    ticket = Ticket.objects.get()
    assert ticket.reference == number
    assert ticket.org_unit == bauordnung
    assert "63-2026-0777" in ticket.subject

    press(wait_for(driver, "#track-link"))
    wait_for_path(driver, "/verfolgen/")
    assert "Die Statik wird geprüft." not in driver.page_source

    answer = bridge(portal, procedure("63-2026-0777", "Die Statik wird geprüft."), "pb-2")
    assert answer["outcome"] == "applied"

    driver.refresh()
    wait_for(driver, "main")
    page = wait_for(driver, "main").text
    assert "Die Statik wird geprüft." in page
    assert "Beteiligung der Fachämter" in page
    axe_check(driver)
