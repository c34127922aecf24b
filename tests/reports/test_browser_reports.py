"""The report pages in headless Chromium: reachable from the workspace, axe-core clean."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser.conftest import axe_check, driver  # noqa: F401 - the shared fixture
from tests.conftest import City
from tests.workspace.test_browser_workspace import server, sign_in  # noqa: F401

from .conftest import Seeded

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_opens_reports_and_public_page_is_accessible(
    server: str,  # noqa: F811
    driver: WebDriver,  # noqa: F811
    city: City,
    seeded: Seeded,
) -> None:
    sign_in(driver, server, city.lead_ordnung)
    driver.find_element(By.LINK_TEXT, "Berichte").click()
    driver.get(server + "/berichte/?date_from=2026-03-02&date_to=2026-03-04")
    assert "Kennzahlen" in driver.page_source
    axe_check(driver)
    driver.get(server + "/berichte/?date_from=2026-03-05&date_to=2026-03-01")
    assert "Das Anfangsdatum liegt nach dem Enddatum." in driver.page_source
    axe_check(driver)
    driver.delete_all_cookies()
    driver.get(server + "/berichte/zahlen/")
    assert "Zahlen zu Anliegen" in driver.page_source
    axe_check(driver)
