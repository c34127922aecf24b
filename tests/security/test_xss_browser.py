"""In headless Chromium: pages showing the XSS payloads run none of them."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser.conftest import driver  # noqa: F401 - the shared fixture

from .conftest import World
from .test_injection import fill_every_free_text_field

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_payload_runs_in_the_browser(
    world: World,
    live_server: Any,
    driver: WebDriver,  # noqa: F811
) -> None:
    ticket = fill_every_free_text_field(world)
    client = Client()
    client.force_login(world.city.clerk_vollzug)
    driver.get(live_server.url + "/health/")
    driver.delete_all_cookies()
    driver.add_cookie(
        {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies["sessionid"].value}
    )
    for path in (
        reverse("workspace:ticket", args=[ticket.pk]),
        reverse("workspace:inbox") + "?view=all&q=Betreff",
    ):
        driver.get(live_server.url + path)
        assert "Betreff" in driver.page_source, path
        assert driver.execute_script("return window.__xss === undefined"), path
