"""axe-core finds no WCAG 2.0/2.1 A/AA violation on any portal page, in German and English."""

from __future__ import annotations

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from anliegen.catalog.models import Topic
from tests.portal.demo import BULKY_WASTE

from .conftest import axe_check
from .pages import (
    check,
    fill,
    press,
    press_button,
    wait_for,
    wait_for_path,
    wait_until_solved,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(driver: WebDriver, url: str) -> None:
    driver.get(url)
    wait_for(driver, "h1")
    axe_check(driver)


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_portal_page_passes_axe(portal: str, driver: WebDriver, language: str) -> None:
    driver.get(portal + "/")
    driver.add_cookie({"name": "django_language", "value": language})
    topic = Topic.objects.filter(services__key=BULKY_WASTE).get()
    for path in [
        reverse("portal:home"),
        reverse("portal:results") + "?q=alte+Couch+abholen+lassen",
        reverse("portal:results") + "?q=",
        reverse("portal:topic", args=[topic.key]),
        reverse("portal:catalogue"),
        reverse("portal:service", args=[BULKY_WASTE]),
        reverse("portal:imprint"),
        reverse("portal:privacy"),
        reverse("portal:accessibility"),
        reverse("portal:easy_language"),
        reverse("portal:lost_link"),
        reverse("portal:reports"),
        "/verfolgen/falscher-link/",
    ]:
        visit(driver, portal + path)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language

    # the live suggestions fragment inside the start page
    driver.get(portal + "/")
    driver.find_element(By.ID, "id_q").send_keys("alte Couch abholen lassen")
    wait_for(driver, "#suggestions a")
    axe_check(driver)

    # the form: empty, with errors (submitted empty), filled, then review and confirmation
    visit(driver, portal + reverse("portal:submit", args=[BULKY_WASTE]))
    press_button(driver, "Weiter" if language == "de" else "Continue")
    wait_for(driver, "#error-summary")
    axe_check(driver)
    fill(driver, "id_text", "Bitte holen Sie meine alte Couch ab.")
    fill(driver, "id_sf_pickup_items", "Eine Couch")
    fill(driver, "id_contact_name", "Erika Mustermann")
    fill(driver, "id_contact_email", "erika@example.org")
    check(driver, "id_privacy")
    press_button(driver, "Weiter" if language == "de" else "Continue")
    wait_for_path(driver, "/anliegen/pruefen/")
    wait_for(driver, "h1")
    axe_check(driver)
    wait_until_solved(driver)
    axe_check(driver)
    press(driver.find_element(By.CSS_SELECTOR, "form[data-altcha] button[type=submit]"))
    link = wait_for(driver, "#tracking-link").get_attribute("href")
    axe_check(driver)
    assert link
    visit(driver, link)

    # the lost-link answer and the accessibility feedback form with an error
    driver.get(portal + reverse("portal:lost_link"))
    fill(driver, "id_reference", "2026-000001-X")
    fill(driver, "id_email", "erika@example.org")
    press(driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    wait_for(driver, "#lost-link-answer")
    axe_check(driver)
    driver.get(portal + reverse("portal:accessibility"))
    press(driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    wait_for(driver, ".kern-error")
    axe_check(driver)
