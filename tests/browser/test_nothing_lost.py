"""Nothing typed is lost in the browser: the session ends before sending, or the CSRF cookie
is gone when the form is sent; with and without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from anliegen.tickets.models import Ticket
from tests.portal.demo import BULKY_WASTE

from .conftest import axe_check
from .pages import (
    check,
    fill,
    press_button,
    wait_for,
    wait_for_path,
    write_couch_concern,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Bitte holen Sie meine alte Couch ab."
FORM = f"/leistungen/{BULKY_WASTE}/anliegen/"


def _session_lost(driver: WebDriver, base: str, tmp_path: Path, *, javascript: bool) -> None:
    driver.get(f"{base}/leistungen/{BULKY_WASTE}/")
    write_couch_concern(driver, tmp_path)
    wait_for_path(driver, "/anliegen/pruefen/")
    wait_for(driver, "h1")
    driver.delete_cookie("sessionid")
    press_button(driver, "Anliegen absenden")
    wait_for_path(driver, FORM)
    assert "Ihre Sitzung war abgelaufen" in wait_for(driver, ".kern-alert--warning").text
    assert wait_for(driver, "#id_text").get_attribute("value") == TEXT
    assert driver.find_element("id", "id_contact_email").get_attribute("value") == (
        "erika@example.org"
    )
    if javascript:  # axe runs as a page script, which the no-JS browser blocks
        axe_check(driver)
    assert not Ticket.objects.exists()


def _csrf_cookie_lost(driver: WebDriver, base: str, *, javascript: bool) -> None:
    driver.get(base + FORM)
    fill(driver, "id_text", TEXT)
    fill(driver, "id_sf_pickup_items", "Eine Couch")
    fill(driver, "id_contact_name", "Erika Mustermann")
    fill(driver, "id_contact_email", "erika@example.org")
    check(driver, "id_privacy")
    driver.delete_cookie("csrftoken")
    press_button(driver, "Weiter zur Prüfung")
    assert wait_for(driver, "main textarea").get_attribute("value") == TEXT
    assert "Bitte noch einmal senden" in driver.find_element("tag name", "h1").text
    if javascript:
        axe_check(driver)
    press_button(driver, "Noch einmal senden")
    wait_for_path(driver, "/anliegen/pruefen/")
    assert TEXT in wait_for(driver, "main").text


def test_session_loss_keeps_the_text(portal: str, driver: WebDriver, tmp_path: Path) -> None:
    _session_lost(driver, portal, tmp_path, javascript=True)


def test_session_loss_keeps_the_text_without_javascript(
    nojs_portal: str, nojs_driver: WebDriver, tmp_path: Path
) -> None:
    _session_lost(nojs_driver, nojs_portal, tmp_path, javascript=False)


def test_csrf_failure_keeps_the_text(portal: str, driver: WebDriver) -> None:
    _csrf_cookie_lost(driver, portal, javascript=True)


def test_csrf_failure_keeps_the_text_without_javascript(
    nojs_portal: str, nojs_driver: WebDriver
) -> None:
    _csrf_cookie_lost(nojs_driver, nojs_portal, javascript=False)
