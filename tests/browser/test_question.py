"""„Meinen Sie …?“ in a real browser (issue 23, point 6), with JavaScript and without: the
search text goes to the general form, the close suggestions are asked by plain names, the
answer is made by keyboard and becomes the ticket's service and its citizen choice."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from anliegen.tickets.models import EventKind, Ticket

from .conftest import axe_check
from .pages import check, fill, press, press_button, wait_for, wait_for_path, wait_until_solved

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _journey(base: str, driver: WebDriver, *, javascript: bool) -> None:
    driver.get(base + "/")
    search = wait_for(driver, "#id_q")
    search.send_keys("Sperrmüll")
    search.send_keys(Keys.ENTER)
    wait_for_path(driver, "/suche/")
    press(wait_for(driver, "main button[formaction='/anliegen/neu/']"))

    wait_for_path(driver, "/anliegen/neu/")
    assert wait_for(driver, "#id_text").get_attribute("value") == "Sperrmüll"
    fill(driver, "id_contact_name", "Erika Mustermann")
    fill(driver, "id_contact_email", "erika@example.org")
    check(driver, "id_privacy")
    press_button(driver, "Weiter zur Prüfung")

    wait_for_path(driver, "/anliegen/meinen-sie/")
    assert "Meinen Sie" in wait_for(driver, "h1").text
    radios = driver.find_elements(By.CSS_SELECTOR, "input[name=choice]")
    assert 3 <= len(radios) <= 4 and radios[-1].get_attribute("value") == "other"
    labels = [
        driver.find_element(By.CSS_SELECTOR, f"label[for={r.get_attribute('id')}]").text
        for r in radios
    ]
    assert labels[-1] == "etwas anderes"
    if javascript:  # axe-core runs as a script: with scripts blocked it cannot
        axe_check(driver)
    press_button(driver, "Weiter")  # no choice: refused at the field
    wait_for(driver, "#id_choice-error")
    assert "Bitte wählen Sie eine der Möglichkeiten." in driver.page_source
    if javascript:
        axe_check(driver)

    radios = driver.find_elements(By.CSS_SELECTOR, "input[name=choice]")
    picked = radios[1].get_attribute("value")
    radios[1].send_keys(Keys.SPACE)
    assert radios[1].is_selected()
    press_button(driver, "Weiter")

    wait_for_path(driver, "/anliegen/pruefen/")
    assert labels[1] in wait_for(driver, "main dl").text and "Ihre Wahl" in driver.page_source
    if javascript:
        wait_until_solved(driver)
    else:
        label = driver.find_element(By.CSS_SELECTOR, "label[for=id_math_answer]").text
        a, b = (int(n) for n in re.findall(r"\d+", label)[:2])
        fill(driver, "id_math_answer", str(a + b))
    press_button(driver, "Anliegen absenden")

    wait_for(driver, "#tracking-link")
    ticket = Ticket.objects.get()
    assert ticket.service is not None and ticket.service.key == picked
    routed = ticket.events.get(kind=EventKind.ROUTED)
    assert routed.data["method"] == "asked" and routed.data["asked"]["chosen"] == picked


def test_meinen_sie_with_javascript(portal: str, driver: WebDriver) -> None:
    _journey(portal, driver, javascript=True)


def test_meinen_sie_without_javascript(nojs_portal: str, nojs_driver: WebDriver) -> None:
    _journey(nojs_portal, nojs_driver, javascript=False)
