"""Headless Chromium (Debian's /usr/bin/chromium via selenium) against pytest-django's
live_server, and axe-core accessibility checks. bin/test installs Chromium when missing."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from selenium import webdriver
from selenium.webdriver.chrome.service import Service as DriverService
from selenium.webdriver.remote.webdriver import WebDriver

from anliegen.routing.engine import RoutingModel
from tests.portal.demo import load_slice, train_slice

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE = Path(django_settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser_routing_model() -> RoutingModel:
    return train_slice()


def _chromium(*, javascript: bool) -> Iterator[WebDriver]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Chromium is not installed (bin/test installs it: apt-get install chromium)")
    profile = tempfile.mkdtemp(prefix="anliegen-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1280,1024",
    ):
        options.add_argument(flag)
    prefs: dict[str, object] = {"intl.accept_languages": "de-DE,de"}
    if not javascript:
        # Chromium's own content setting: 2 = block scripts on every site.
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    browser = webdriver.Chrome(options=options, service=DriverService(str(CHROMEDRIVER)))
    browser.implicitly_wait(0)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def driver() -> Iterator[WebDriver]:
    yield from _chromium(javascript=True)


@pytest.fixture(scope="session")
def nojs_driver() -> Iterator[WebDriver]:
    """Chromium with JavaScript switched off: the portal must work as plain HTML forms."""
    yield from _chromium(javascript=False)


def open_portal(
    live_server: Any,
    driver: WebDriver,
    monkeypatch: pytest.MonkeyPatch,
    settings: Any,
    model: RoutingModel,
) -> str:
    """Serve the demo catalogue slice and start ``driver`` as a fresh German visitor."""
    cache.clear()
    load_slice(monkeypatch, settings, model)
    settings.SITE_URL = live_server.url
    driver.get(live_server.url + "/health/")
    driver.delete_all_cookies()
    driver.add_cookie({"name": "django_language", "value": "de"})
    return str(live_server.url)


@pytest.fixture
def portal(
    transactional_db: None,
    live_server: Any,
    driver: WebDriver,
    monkeypatch: pytest.MonkeyPatch,
    settings: Any,
    browser_routing_model: RoutingModel,
) -> str:
    """The demo catalogue slice served by the live server; returns its base URL."""
    return open_portal(live_server, driver, monkeypatch, settings, browser_routing_model)


@pytest.fixture
def nojs_portal(
    transactional_db: None,
    live_server: Any,
    nojs_driver: WebDriver,
    monkeypatch: pytest.MonkeyPatch,
    settings: Any,
    browser_routing_model: RoutingModel,
) -> str:
    return open_portal(live_server, nojs_driver, monkeypatch, settings, browser_routing_model)


def axe_check(driver: WebDriver) -> None:
    """Run axe-core on the current page: zero WCAG 2.0/2.1 A and AA violations."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
        AXE_TAGS,
    )
    assert result == [], f"{driver.current_url}: " + json.dumps(result, indent=1)
