"""What the citizen types on the start page is in "Ihr Anliegen" when the form opens, on every
path: a suggestion and its service page, or "Schreiben Sie uns"; with and without JavaScript."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from tests.portal.demo import BULKY_WASTE

from .pages import press, wait_for, wait_for_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = "Bitte alte Couch abholen lassen"
SERVICE_FORM = f"/leistungen/{BULKY_WASTE}/anliegen/"


def _form_text(driver: WebDriver) -> str:
    return str(wait_for(driver, "#id_text").get_attribute("value"))


def _through_service_page(driver: WebDriver, link_css: str) -> None:
    press(wait_for(driver, link_css))
    wait_for_path(driver, f"/leistungen/{BULKY_WASTE}/")
    press(wait_for(driver, f"main a[href^='{SERVICE_FORM}']"))
    wait_for_path(driver, SERVICE_FORM)
    assert _form_text(driver) == TYPED


def test_text_carried_with_javascript(portal: str, driver: WebDriver) -> None:
    driver.get(portal + "/")
    wait_for(driver, "#id_q").send_keys(TYPED)
    _through_service_page(driver, f"#suggestions a[href^='/leistungen/{BULKY_WASTE}/']")

    driver.get(portal + "/")
    wait_for(driver, "#id_q").send_keys(TYPED)
    wait_for(driver, "#suggestions button[formaction='/anliegen/neu/']")
    press(driver.find_element(By.CSS_SELECTOR, "#suggestions button[formaction]"))
    wait_for_path(driver, "/anliegen/neu/")
    assert _form_text(driver) == TYPED


def test_text_carried_without_javascript(nojs_portal: str, nojs_driver: WebDriver) -> None:
    driver = nojs_driver
    driver.get(nojs_portal + "/")
    wait_for(driver, "#id_q").send_keys(TYPED + Keys.ENTER)
    wait_for_path(driver, "/suche/")
    _through_service_page(driver, f"main a[href^='/leistungen/{BULKY_WASTE}/']")

    # Typed, not searched: the link below the topics takes the text along all the same.
    driver.get(nojs_portal + "/")
    wait_for(driver, "#id_q").send_keys(TYPED)
    press(driver.find_element(By.CSS_SELECTOR, "main section button[formaction='/anliegen/neu/']"))
    wait_for_path(driver, "/anliegen/neu/")
    assert _form_text(driver) == TYPED

    driver.get(nojs_portal + "/suche/?q=" + TYPED.replace(" ", "+"))
    press(wait_for(driver, "#suggestions button[formaction='/anliegen/neu/']"))
    wait_for_path(driver, "/anliegen/neu/")
    assert _form_text(driver) == TYPED
