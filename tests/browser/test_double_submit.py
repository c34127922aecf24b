"""A double click on "Anliegen absenden" gives one ticket, and the page shows its reference
and link, with JavaScript (proof of work) and without (the sum)."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from anliegen.tickets.access import ticket_for_token
from anliegen.tickets.models import Ticket
from tests.portal.demo import BULKY_WASTE

from .pages import wait_for, wait_until_solved, write_couch_concern
from .test_without_javascript import answer_sum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEND = "//main//button[contains(., 'Anliegen absenden')]"


def _double_click_and_check(driver: WebDriver) -> None:
    ActionChains(driver).double_click(driver.find_element(By.XPATH, SEND)).perform()
    link = wait_for(driver, "#tracking-link").get_attribute("href")
    assert link
    ticket = Ticket.objects.get()  # exactly one
    assert ticket.reference in driver.find_element(By.TAG_NAME, "main").text
    assert ticket_for_token(link.rstrip("/").rsplit("/", 1)[1]) == ticket
    # Back to the review page and send once more: still the same confirmation.
    driver.back()
    wait_for(driver, "h1")
    if driver.find_elements(By.XPATH, SEND):
        driver.find_element(By.XPATH, SEND).click()
        wait_for(driver, "#tracking-link")
    assert ticket.reference in driver.find_element(By.TAG_NAME, "main").text
    assert Ticket.objects.count() == 1


# Two submissions of the review form at the same moment, as a fast double click on a slow
# connection sends them; each answer's page text comes back.
TWIN_POSTS = """
const done = arguments[arguments.length - 1];
const form = document.querySelector("form[data-altcha]");
const send = () => fetch(form.action || location.href,
    {method: "POST", body: new FormData(form), credentials: "same-origin"})
  .then(r => r.text());
Promise.all([send(), send()]).then(done, e => done(["error: " + e]));
"""


def test_two_simultaneous_submissions_with_javascript(
    portal: str, driver: WebDriver, tmp_path: Path
) -> None:
    driver.get(f"{portal}/leistungen/{BULKY_WASTE}/")
    write_couch_concern(driver, tmp_path)
    wait_until_solved(driver)
    driver.set_script_timeout(60)
    answers = driver.execute_async_script(TWIN_POSTS)
    ticket = Ticket.objects.get()  # exactly one
    assert all(ticket.reference in answer for answer in answers), answers
    driver.get(f"{portal}/anliegen/bestaetigung/")
    assert ticket.reference in wait_for(driver, "main").text


def test_double_click_with_javascript(portal: str, driver: WebDriver, tmp_path: Path) -> None:
    driver.get(f"{portal}/leistungen/{BULKY_WASTE}/")
    write_couch_concern(driver, tmp_path)
    wait_until_solved(driver)
    _double_click_and_check(driver)


def test_double_click_without_javascript(
    nojs_portal: str, nojs_driver: WebDriver, tmp_path: Path
) -> None:
    nojs_driver.get(f"{nojs_portal}/leistungen/{BULKY_WASTE}/")
    write_couch_concern(nojs_driver, tmp_path)
    wait_for(nojs_driver, "#id_math_answer")
    answer_sum(nojs_driver)
    _double_click_and_check(nojs_driver)
