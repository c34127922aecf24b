"""The whole way of one concern in a real browser: find, submit, follow, answer, close."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from anliegen.organization.models import User
from anliegen.tickets.access import ticket_for_token
from anliegen.tickets.actions import add_message
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Message, Ticket
from anliegen.tickets.status import Status
from tests.portal.demo import BULKY_WASTE

from .pages import (
    fill,
    press,
    press_button,
    submit_button,
    wait_for,
    wait_for_heading,
    wait_until_solved,
    write_couch_concern,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_old_couch_from_search_to_closing(portal: str, driver: WebDriver, tmp_path: Path) -> None:
    driver.get(portal + "/")
    driver.find_element(By.ID, "id_q").send_keys("alte Couch abholen lassen")
    # htmx shows the suggestions while typing, without submitting the form
    press(wait_for(driver, f"#suggestions a[href^='/leistungen/{BULKY_WASTE}/?']"))

    write_couch_concern(driver, tmp_path)

    wait_for(driver, "h1")
    assert "couch.png" in driver.page_source
    wait_until_solved(driver)
    press_button(driver, "Anliegen absenden")

    link = wait_for(driver, "#tracking-link").get_attribute("href")
    assert link
    ticket = Ticket.objects.get()
    assert ticket.messages.get().attachments.get().filename == "couch.png"

    driver.get(link)
    assert driver.current_url == portal + "/verfolgen/"
    assert ticket.reference in wait_for(driver, "h1").text

    token = link.rstrip("/").rsplit("/", 1)[1]
    assert ticket_for_token(token) == ticket
    clerk = Actor.staff(User.objects.get(username="admin"))
    add_message(ticket, clerk, Message.Kind.PUBLIC_REPLY, "Wir kommen am Montag.")
    driver.refresh()
    assert "Wir kommen am Montag." in wait_for(driver, ".timeline").text

    fill(driver, "id_body", "Danke, die Couch steht bereit.")
    submit_button(driver, "form[action='/verfolgen/nachricht/']")
    wait_for(driver, "[role=status]")
    assert "Danke, die Couch steht bereit." in wait_for(driver, ".timeline").text

    submit_button(driver, "form[action='/verfolgen/erledigt/']")
    wait_for_heading(driver, "Anliegen beenden?")  # asks once
    press_button(driver, "Ja, Anliegen beenden")
    WebDriverWait(driver, 30).until(
        ec.text_to_be_present_in_element((By.ID, "public-status"), "Abgeschlossen")
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
