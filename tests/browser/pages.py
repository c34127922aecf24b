"""Small steps a citizen takes in the browser."""

from __future__ import annotations

from pathlib import Path

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.portal.demo import BULKY_WASTE

WAIT = 30


def wait_for(driver: WebDriver, css: str, timeout: float = WAIT) -> WebElement:
    # While a page is being replaced, Chromium may answer a visibility probe with "unhandled
    # inspector error": that is "not yet", not a failure; a real absence still times out.
    return WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, css))
    )


def wait_for_path(driver: WebDriver, path: str, timeout: float = WAIT) -> None:
    """Wait until the browser has navigated to ``path`` (a press only starts navigation)."""
    WebDriverWait(driver, timeout).until(lambda d: d.current_url.split("?")[0].endswith(path))


def wait_for_heading(driver: WebDriver, text: str, timeout: float = WAIT) -> None:
    """Wait until the page's h1 reads ``text`` (the previous page's h1 may still be there)."""
    WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(
        ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), text)
    )


def fill(driver: WebDriver, field_id: str, text: str) -> None:
    field = driver.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(text)


def check(driver: WebDriver, field_id: str) -> None:
    """Tick a checkbox by keyboard, as a keyboard-only user would."""
    box = driver.find_element(By.ID, field_id)
    if not box.is_selected():
        box.send_keys(Keys.SPACE)


def press(element: WebElement) -> None:
    """Activate a link or button with the Enter key: the whole flow works by keyboard."""
    element.send_keys(Keys.ENTER)


def press_button(driver: WebDriver, label: str) -> None:
    press(driver.find_element(By.XPATH, f"//main//button[contains(., '{label}')]"))


def submit_button(driver: WebDriver, form_css: str = "main form") -> None:
    press(driver.find_element(By.CSS_SELECTOR, f"{form_css} button[type=submit]"))


def wait_until_solved(driver: WebDriver) -> None:
    """The proof-of-work script hides the sum once it has a solution."""
    WebDriverWait(driver, 120).until(
        lambda d: d.find_element(By.ID, "id_altcha").get_attribute("value")
    )


def write_couch_concern(driver: WebDriver, photo_dir: Path) -> None:
    """From the bulky-waste service page to the review step: text, field, contact, a photo."""
    wait_for_path(driver, f"/leistungen/{BULKY_WASTE}/")
    press(wait_for(driver, f"a[href^='/leistungen/{BULKY_WASTE}/anliegen/']"))

    wait_for_path(driver, f"/leistungen/{BULKY_WASTE}/anliegen/")
    wait_for(driver, "#id_text")
    fill(driver, "id_text", "Bitte holen Sie meine alte Couch ab.")
    fill(driver, "id_sf_pickup_items", "Eine Couch")
    fill(driver, "id_contact_name", "Erika Mustermann")
    fill(driver, "id_contact_email", "erika@example.org")
    photo = photo_dir / "couch.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    driver.find_element(By.ID, "id_attachments").send_keys(str(photo))
    check(driver, "id_privacy")
    press_button(driver, "Weiter zur Prüfung")
