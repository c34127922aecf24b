"""The same way of one concern with JavaScript switched off, by keyboard alone.

No live suggestions, no proof of work: the search is a plain form, the spam check is the sum,
and every step is a link or a form submitted with the Enter key.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from anliegen.organization.models import User
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
    wait_for_path,
    write_couch_concern,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer_sum(driver: WebDriver, *, wrong: bool = False) -> None:
    label = driver.find_element(By.CSS_SELECTOR, "label[for=id_math_answer]").text
    a, b = (int(n) for n in re.findall(r"\d+", label)[:2])
    fill(driver, "id_math_answer", str(a + b + (1 if wrong else 0)))


def test_submit_and_follow_without_javascript(
    nojs_portal: str, nojs_driver: WebDriver, tmp_path: Path
) -> None:
    driver = nojs_driver
    driver.get(nojs_portal + "/")
    search = wait_for(driver, "#id_q")
    search.send_keys("alte Couch abholen lassen")
    time.sleep(1.5)  # with scripts on, htmx would have shown suggestions by now
    assert not driver.find_elements(By.CSS_SELECTOR, "#suggestions a")
    search.send_keys(Keys.ENTER)  # without htmx the search is an ordinary GET form

    wait_for_path(driver, "/suche/")
    press(wait_for(driver, f"main a[href^='/leistungen/{BULKY_WASTE}/?']"))
    write_couch_concern(driver, tmp_path)

    wait_for(driver, "#id_math_answer")
    assert "couch.png" in driver.page_source
    # A wrong sum is refused with a message; the concern stays on the review page.
    answer_sum(driver, wrong=True)
    press_button(driver, "Anliegen absenden")
    wait_for(driver, "[role=alert]")
    assert "Bitte holen Sie meine alte Couch ab." in driver.page_source
    assert not Ticket.objects.exists()
    answer_sum(driver)
    press_button(driver, "Anliegen absenden")

    link = wait_for(driver, "#tracking-link").get_attribute("href")
    assert link
    ticket = Ticket.objects.get()
    assert ticket.messages.get().attachments.get().filename == "couch.png"

    driver.get(link)
    assert ticket.reference in wait_for(driver, "h1").text
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
    wait_for(driver, "#public-status")
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    assert "Abgeschlossen" in driver.find_element(By.ID, "public-status").text
